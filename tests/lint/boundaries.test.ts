// The layer boundaries are enforced by lint; each forbidden import below must be reported.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The first lint loads the parser and every plugin: seconds on a busy 2-core machine.
describe('layer boundaries', { timeout: 30_000 }, () => {
  it.each([
    ['shared → renderer', 'shared/domain/x.ts', "import { a } from '../../src-renderer/app/a';"],
    ['shared → main', 'shared/x.ts', "import { a } from '../src-main/main';"],
    ['shared → server', 'shared/sync/x.ts', "import { a } from '../../src-server/db';"],
    ['shared → node builtin', 'shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/web → node builtin (main and server share it pure)', 'shared/web/x.ts', "import path from 'node:path';"],
    ['shared → react', 'shared/x.ts', "import { useState } from 'react';"],
    ['shared → electron', 'shared/x.ts', "import { app } from 'electron';"],
    ['renderer → main', 'src-renderer/app/x.ts', "import { a } from '../../src-main/ipc';"],
    ['renderer → server', 'src-renderer/app/x.ts', "import { a } from '../../src-server/http';"],
    ['renderer → node builtin', 'src-renderer/app/x.ts', "import fs from 'fs';"],
    ['renderer → electron', 'src-renderer/app/x.ts', "import { ipcRenderer } from 'electron';"],
    ['main → renderer', 'src-main/x.ts', "import { a } from '../src-renderer/app/a';"],
    ['main → server', 'src-main/x.ts', "import { a } from '../src-server/http';"],
    ['server → renderer', 'src-server/x.ts', "import { a } from '../src-renderer/db/database';"],
    ['server → main', 'src-server/x.ts', "import { a } from '../src-main/ipc';"],
    // Rooms inside the renderer (issue #10).
    ['feature → app (shell)', 'src-renderer/features/minutes/x.ts', "import { useUiStore } from '../../app/ui-store';"],
    ['feature → another feature', 'src-renderer/features/minutes/x.ts', "import { useRoster } from '../roster/hooks';"],
    ['feature → another feature (index)', 'src-renderer/features/dashboard/x.tsx', "import { rosterSection } from '../roster';"],
    ['feature → test helpers', 'src-renderer/features/roster/x.ts', "import { renderApp } from '../../testing/render-app';"],
    ['feature subfolder → app', 'src-renderer/features/minutes/print/x.ts', "import { App } from '../../../app/App';"],
    ['feature subfolder → another feature', 'src-renderer/features/minutes/print/x.ts', "import { a } from '../../roster/options';"],
    ['ui → app', 'src-renderer/ui/x.tsx', "import { App } from '../app/App';"],
    ['ui → feature', 'src-renderer/ui/x.tsx', "import { a } from '../features/roster/options';"],
    ['db → sync', 'src-renderer/db/x.ts', "import type { ConflictContext } from '../sync/conflict-handler';"],
    ['db → feature', 'src-renderer/db/x.ts', "import { a } from '../features/minutes/hooks';"],
    ['print → feature', 'src-renderer/print/x.ts', "import { a } from '../features/minutes/print';"],
    ['export → feature', 'src-renderer/export/x.ts', "import { a } from '../features/tasks/import';"],
    ['export → sync', 'src-renderer/export/x.ts', "import { a } from '../sync/context';"],
    ['bridge → sync', 'src-renderer/bridge/x.ts', "import { a } from '../sync/context';"],
    ['i18n → app', 'src-renderer/i18n/x.ts', "import { a } from '../app/section';"],
    ['feature still → main', 'src-renderer/features/minutes/x.ts', "import { a } from '../../../src-main/ipc';"],
  ])('%s is an error', async (_name, file, code) => {
    expect(await errorsFor(file, code)).not.toHaveLength(0);
  });

  it.each([
    ['renderer → shared', 'src-renderer/app/x.ts', "import { COLLECTIONS } from '../../shared/schema';"],
    ['main → shared', 'src-main/x.ts', "import { CHANNELS } from '../shared/bridge';"],
    ['server → shared', 'src-server/x.ts', "import { COLLECTIONS } from '../shared/schema';"],
    ['server → node builtin', 'src-server/x.ts', "import { createServer } from 'node:http';"],
    ['shared → shared', 'shared/domain/x.ts', "import { ok } from '../result';"],
    ['feature → ui', 'src-renderer/features/minutes/x.ts', "import { useUiStore } from '../../ui/ui-store';"],
    ['feature → db, bridge, i18n, print', 'src-renderer/features/tasks/x.ts', "import { a } from '../../db/hooks';\nimport { b } from '../../bridge';\nimport { c } from '../../i18n/errors';\nimport { d } from '../../print';"],
    ['feature → export', 'src-renderer/features/tasks/import/x.ts', "import { a } from '../../../export';"],
    ['feature → shared', 'src-renderer/features/tasks/x.ts', "import { e } from '../../../shared/domain/tasks';"],
    ['feature → its own files', 'src-renderer/features/minutes/x.ts', "import { a } from './print';\nimport { b } from './hooks';"],
    ['feature subfolder → its feature, print, shared', 'src-renderer/features/minutes/print/x.ts', "import { a } from '../labels';\nimport { b } from '../../../print';\nimport { c } from '../../../../shared/result';"],
    ['app → features', 'src-renderer/app/x.ts', "import { a } from '../features/minutes/section';"],
    ['sync → db', 'src-renderer/sync/x.ts', "import { a } from '../db/database';"],
    ['i18n → sync', 'src-renderer/i18n/x.ts', "import type { a } from '../sync/api-client';"],
  ])('%s is allowed', async (_name, file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
