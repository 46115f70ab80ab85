// The layer boundaries are enforced by lint; each forbidden import below must be reported.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['shared → renderer', 'shared/domain/x.ts', "import { a } from '../../src-renderer/app/a';"],
    ['shared → main', 'shared/x.ts', "import { a } from '../src-main/main';"],
    ['shared → server', 'shared/sync/x.ts', "import { a } from '../../src-server/db';"],
    ['shared → node builtin', 'shared/x.ts', "import { readFileSync } from 'node:fs';"],
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
  ])('%s is an error', async (_name, file, code) => {
    expect(await errorsFor(file, code)).not.toHaveLength(0);
  });

  it.each([
    ['renderer → shared', 'src-renderer/app/x.ts', "import { COLLECTIONS } from '../../shared/schema';"],
    ['main → shared', 'src-main/x.ts', "import { CHANNELS } from '../shared/bridge';"],
    ['server → shared', 'src-server/x.ts', "import { COLLECTIONS } from '../shared/schema';"],
    ['server → node builtin', 'src-server/x.ts', "import { createServer } from 'node:http';"],
    ['shared → shared', 'shared/domain/x.ts', "import { ok } from '../result';"],
  ])('%s is allowed', async (_name, file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
