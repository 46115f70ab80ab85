import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeArgs, Channel } from '../shared/bridge';
import type { HeldDataMarker } from '../shared/domain/storage';
import { BrowserWindow, fakeElectron, invokeEventFrom } from '../tests/unit/fakes/electron';
import { registerBridgeHandlers } from './handlers';
import { HOST_STATE_FILE } from './host-state';
import { createMainWindow } from './window';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));

let tmp = '';
let main: BrowserWindow;
const call = <C extends Channel>(channel: C, arg: BridgeArgs<C>, win: BrowserWindow = main): Promise<unknown> =>
  fakeElectron.ipcMain.invoke(channel, invokeEventFrom(win), arg);
const stateFile = () => path.join(tmp, 'userData', HOST_STATE_FILE);

const marker: HeldDataMarker = {
  version: 1,
  compoundCode: 'JINSHAN',
  at: '2026-11-28T09:00:00.000Z',
  docCount: 1234,
  dbName: 'linli',
  via: 'sync',
};

beforeEach(async () => {
  fakeElectron.reset();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'linli-state-test-'));
  // userData does not exist yet on a first start: state:set makes it.
  fakeElectron.app.paths.userData = path.join(tmp, 'userData');
  registerBridgeHandlers();
  main = createMainWindow({ preload: '/p.cjs' }) as unknown as BrowserWindow;
  await main.loadURL.mock.results[0]?.value;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(tmp, { recursive: true, force: true });
});

describe('state:get / state:set (the held-data marker outside IndexedDB)', () => {
  it('a first start has no marker', async () => {
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: null } });
  });

  it('keeps the marker in main’s own JSON file under userData, across handler registrations (a restart)', async () => {
    expect(await call('state:set', { heldData: marker })).toEqual({ ok: true, value: { heldData: marker } });
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))).toEqual({ heldData: marker });

    // A restart: a fresh main process reads the same file.
    fakeElectron.reset();
    fakeElectron.app.paths.userData = path.join(tmp, 'userData');
    registerBridgeHandlers();
    main = createMainWindow({ preload: '/p.cjs' }) as unknown as BrowserWindow;
    await main.loadURL.mock.results[0]?.value;
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: marker } });
  });

  it('clears the marker with null (作为新电脑继续)', async () => {
    await call('state:set', { heldData: marker });
    expect(await call('state:set', { heldData: null })).toEqual({ ok: true, value: { heldData: null } });
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: null } });
  });

  it('an empty patch keeps what is saved', async () => {
    await call('state:set', { heldData: marker });
    expect(await call('state:set', {})).toEqual({ ok: true, value: { heldData: marker } });
  });

  it('quick successive writes land in order', async () => {
    const later = { ...marker, docCount: 99 };
    await Promise.all([call('state:set', { heldData: marker }), call('state:set', { heldData: later })]);
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: later } });
  });

  it('a malformed or foreign file reads as no marker instead of failing the start', async () => {
    await call('state:set', { heldData: marker });
    await writeFile(stateFile(), '{ not json', 'utf8');
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: null } });
    await writeFile(stateFile(), JSON.stringify({ heldData: { ...marker, docCount: 'many' } }), 'utf8');
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: null } });
  });

  it.each([
    ['a marker with a wrong field', { heldData: { ...marker, docCount: -1 } }],
    ['a marker with an extra field', { heldData: { ...marker, path: '/etc' } }],
    ['an unknown key', { other: 1 }],
    ['no object', 'linli'],
  ])('refuses %s as INVALID_ARGS and writes nothing', async (_n, arg) => {
    expect(await call('state:set', arg as never)).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: null } });
  });

  it('answers only the app window (FORBIDDEN for any other sender)', async () => {
    const other = new BrowserWindow();
    await other.loadURL('app://linli/index.html');
    expect(await call('state:get', {}, other)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('state:set', { heldData: marker }, other)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a disk that refuses the write → IO, and the old marker stays', async () => {
    await call('state:set', { heldData: marker });
    // userData turned read-only is hard to fake portably: point it at a regular file instead (ENOTDIR).
    const file = path.join(tmp, 'a-file');
    await writeFile(file, 'x');
    fakeElectron.app.paths.userData = file;
    const r = await call('state:set', { heldData: { ...marker, docCount: 1 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'IO' } });
    fakeElectron.app.paths.userData = path.join(tmp, 'userData');
    expect(await call('state:get', {})).toEqual({ ok: true, value: { heldData: marker } });
  });
});
