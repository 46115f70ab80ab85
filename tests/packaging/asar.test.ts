// Packs the app the way `npm run dist` does (Linux `dir` target, no installer) and inspects what ships.
// Electron cannot be downloaded here, so electron-builder gets a stand-in Electron folder (electronDist): an
// "electron" file carrying a fuse wire, two locale packs too many, chrome-sandbox. Nothing is downloaded.
import { extractFile, listPackage } from '@electron/asar';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, CHANNEL_NAMES } from '../../shared/bridge';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ELECTRON_VERSION = '45.5.0';
// @electron/fuses' sentinel; the wire after it is [version=1][length][one byte per fuse].
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off,
// only-load-from-asar off, V8 snapshot off, file:// extra privileges on.
const STOCK_FUSES = '10110001';

let work = '';
let unpacked = '';
let asarPath = '';
let entries: string[] = [];

function check(label: string, r: SpawnSyncReturns<string>): void {
  if (r.status !== 0) throw new Error(`${label} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

async function standInElectron(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'locales'), { recursive: true });
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  const exe = path.join(dir, 'electron');
  await writeFile(exe, Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, STOCK_FUSES.length]), Buffer.from(STOCK_FUSES)]));
  await chmod(exe, 0o755);
  for (const locale of ['zh-CN', 'en-US', 'fr', 'de']) await writeFile(path.join(dir, 'locales', `${locale}.pak`), locale);
  await writeFile(path.join(dir, 'chrome-sandbox'), '');
  await writeFile(path.join(dir, 'version'), ELECTRON_VERSION);
}

/** Runs a bundle from the asar with a fake electron; see load-with-fake-electron.mjs. */
async function loadShipped(file: string): Promise<{
  requires: string[];
  channels: string[];
  schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  protocolHandled: string[];
  windows: Array<{ webPreferences?: Record<string, unknown> }>;
  loadedUrls: string[];
  exposed: { key: string; channels: string[]; allFunctions: boolean } | null;
  menuInstalled: boolean;
  sandboxEnabled: boolean;
}> {
  const out = path.join(work, 'shipped', file);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, extractFile(asarPath, file));
  const r = spawnSync(process.execPath, [path.join(root, 'tests/packaging/load-with-fake-electron.mjs'), out], { encoding: 'utf8' });
  check(`loading ${file}`, r);
  return JSON.parse(r.stdout);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'linli-packaging-'));
  // vitest runs with NODE_ENV=test, which would make vite build a development bundle (no service worker, RxDB's dev
  // mode) into the dist/renderer that the end-to-end tests then serve: build what ships.
  check(
    'npm run build',
    spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32', env: { ...process.env, NODE_ENV: 'production' } }),
  );

  const electronDist = path.join(work, 'electron-dist');
  await standInElectron(electronDist);
  const output = path.join(work, 'release');
  const builder = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux', 'dir',
      '--publish', 'never',
      '--config', 'electron-builder.yml',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${output}`,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        // Nothing may be downloaded: a download attempt hits a dead proxy and fails loudly instead of hanging.
        HTTP_PROXY: 'http://127.0.0.1:9',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        ELECTRON_GET_USE_PROXY: '1',
        ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      },
    },
  );
  check('electron-builder', builder);
  unpacked = path.join(output, 'linux-unpacked');
  asarPath = path.join(unpacked, 'resources', 'app.asar');
  entries = listPackage(asarPath, { isPack: false }).map((e) => e.split(path.sep).join('/'));
}, 115_000);

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('app.asar', () => {
  it.each(['/package.json', '/dist/main/main.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html'])('holds %s', (file) => {
    expect(entries).toContain(file);
  });

  it('holds the renderer build (index.html refers to assets that are there)', () => {
    const html = extractFile(asarPath, 'dist/renderer/index.html').toString('utf8');
    const refs = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(entries).toContain(`/dist/renderer/${ref}`);
  });

  it('holds no node_modules at all: main is one bundle, so pg / pglite / argon2 and every devDependency stay out', async () => {
    expect(entries.filter((e) => e.includes('node_modules'))).toEqual([]);
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    for (const dev of ['vitest', 'typescript', 'electron', 'electron-builder', 'vite', ...Object.keys(pkg.devDependencies)]) {
      expect(entries).not.toContain(`/node_modules/${dev}`);
    }
  });

  it('holds no sources, tests, source maps or docs', () => {
    const offending = entries.filter(
      (e) =>
        /\.(ts|tsx|mts|cts|map|md)$/.test(e) ||
        /^\/(src-main|src-renderer|src-server|shared|tests|scripts|bench|docs)(\/|$)/.test(e) ||
        /\.test\./.test(e),
    );
    expect(offending).toEqual([]);
  });

  it('has only package.json and dist/ at the top', () => {
    expect(entries.filter((e) => e.split('/').length === 2).sort()).toEqual(['/dist', '/package.json']);
  });

  it('ships a package.json that points at main.cjs, without scripts or devDependencies', () => {
    const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ main: 'dist/main/main.cjs', productName: '邻里工作台' });
    expect(pkg).not.toHaveProperty('devDependencies');
    expect(pkg).not.toHaveProperty('scripts');
  });
});

describe('the shipped bundles', () => {
  const isBuiltin = (id: string) => builtinModules.includes(id.replace(/^node:/, ''));

  it('main.cjs needs only electron and Node built-ins, and on ready wires up everything', async () => {
    const main = await loadShipped('dist/main/main.cjs');
    expect(main.requires.filter((id) => id !== 'electron' && !isBuiltin(id))).toEqual([]);
    expect(main.sandboxEnabled).toBe(true);
    expect(main.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(main.protocolHandled).toEqual(['app']);
    expect(main.menuInstalled).toBe(true);
    expect([...main.channels].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(main.windows).toHaveLength(1);
    expect(main.windows[0]?.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: path.join('/opt/linli/resources/app.asar', 'dist', 'main', 'preload.cjs'),
    });
    expect(main.loadedUrls).toEqual(['app://linli/index.html']);
  });

  it('preload.cjs requires nothing but electron (a sandboxed preload cannot) and exposes exactly the contract', async () => {
    const preload = await loadShipped('dist/main/preload.cjs');
    expect(preload.requires).toEqual(['electron']);
    expect(preload.exposed).toEqual({ key: BRIDGE_GLOBAL, channels: [...CHANNEL_NAMES], allFunctions: true });
  });
});

describe('the unpacked app', () => {
  it('is started by an executable named linli-desk', async () => {
    expect(await readdir(unpacked)).toContain('linli-desk');
  });

  it('keeps only the zh-CN and en-US locale packs', async () => {
    expect((await readdir(path.join(unpacked, 'locales'))).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
  });

  it('has its fuses flipped: no RunAsNode, NODE_OPTIONS or --inspect; asar only, with integrity; no file:// extras', async () => {
    const exe = await readFile(path.join(unpacked, 'linli-desk'));
    const at = exe.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = exe.subarray(at + 2, at + 2 + STOCK_FUSES.length).toString('latin1');
    // RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot (kept), FileProtocolExtras
    expect(wire).toBe('01001100');
  });
});
