import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_ARG_SCHEMAS, CHANNEL_NAMES, type BridgeArgs, type Channel } from '../shared/bridge';
import { ok } from '../shared/result';
import { BrowserWindow, FakeWebFrameMain, fakeElectron, invokeEventFrom } from '../tests/unit/fakes/electron';
import { handle, toFailure } from './ipc';
import { createMainWindow } from './window';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));

const open = (): BrowserWindow => createMainWindow({ preload: '/p.cjs' }) as unknown as BrowserWindow;
const info = { version: '1', host: 'desktop', platform: 'linux', userDataPath: '/u', documentsPath: '/d' } as const;

/** Registers a stub 'app:info' handler, opens the app window (loaded at app://linli/index.html). */
async function setup(fn = vi.fn(async (_a: BridgeArgs<'app:info'>) => ok(info))) {
  handle('app:info', fn);
  const win = open();
  await win.loadURL.mock.results[0]?.value;
  return { win, fn };
}

beforeEach(() => fakeElectron.reset());
afterEach(() => vi.restoreAllMocks());

describe('sender check', () => {
  it('the main frame of the app window at app://linli is served', async () => {
    const { win, fn } = await setup();
    await expect(fakeElectron.ipcMain.invoke('app:info', invokeEventFrom(win), {})).resolves.toEqual(ok(info));
    expect(fn).toHaveBeenCalledWith({});
  });

  it.each([
    ['a foreign page in the main frame', 'https://evil.example/'],
    ['a file:// page in the main frame', 'file:///tmp/x.html'],
    ['another app:// host', 'app://evil/index.html'],
  ])('%s is FORBIDDEN', async (_name, url) => {
    const { win, fn } = await setup();
    win.webContents.mainFrame.url = url;
    await expect(fakeElectron.ipcMain.invoke('app:info', invokeEventFrom(win), {})).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it('a subframe, even at app://linli, is FORBIDDEN', async () => {
    const { win, fn } = await setup();
    const iframe = new FakeWebFrameMain('app://linli/index.html', win.webContents.mainFrame);
    const r = await fakeElectron.ipcMain.invoke('app:info', invokeEventFrom(win, iframe), {});
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fn).not.toHaveBeenCalled();
  });

  it('a frame that has gone (senderFrame null) is FORBIDDEN', async () => {
    const { win } = await setup();
    const r = await fakeElectron.ipcMain.invoke('app:info', invokeEventFrom(win, null), {});
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('another window (e.g. a print window), even at app://linli, is FORBIDDEN', async () => {
    await setup();
    const other = new BrowserWindow({});
    other.webContents.mainFrame.url = 'app://linli/index.html';
    const r = await fakeElectron.ipcMain.invoke('app:info', invokeEventFrom(other), {});
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('after the app window closed, nothing is served', async () => {
    const { win } = await setup();
    const event = invokeEventFrom(win);
    win.destroy();
    expect(await fakeElectron.ipcMain.invoke('app:info', event, {})).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('argument validation', () => {
  const A4 = '<!doctype html><html><head></head><body>x</body></html>';
  const cases: Array<[Channel, unknown]> = [
    ['app:info', undefined],
    ['app:info', null],
    ['app:info', { extra: 1 }],
    ['print:html', {}],
    ['print:html', { html: '', title: 't' }],
    ['print:html', { html: A4, title: 't', silent: true }],
    ['print:html', { html: 42, title: 't' }],
    ['print:html', { html: A4, title: 't', copies: 0 }],
    ['print:html', { html: A4, title: 't', copies: 1.5 }],
    ['print:html', { html: A4, title: 't', pageSize: 'Letter' }],
    ['print:toPdf', { html: A4, fileName: 'a.pdf', pageSize: 'A5' }],
    ['print:toPdf', { html: A4, fileName: '../../etc/passwd' }],
    ['print:toPdf', { html: A4, fileName: 'C:\\Windows\\x.pdf' }],
    ['print:toPdf', { html: A4, fileName: '' }],
    ['print:toPdf', { html: A4, fileName: 'a\u0000.pdf' }],
    ['print:toPdf', { html: 'x'.repeat(20 * 1024 * 1024 + 1), fileName: 'a.pdf' }],
    ['file:save', { defaultName: 'a.csv', content: 'x', encoding: 'latin1', filters: [] }],
    ['file:save', { defaultName: 'a.csv', content: 'x', encoding: 'utf8' }],
    ['file:save', { defaultName: '/etc/cron.d/x', content: 'x', encoding: 'utf8', filters: [] }],
    ['file:save', { defaultName: 'a.csv', content: 'x', encoding: 'utf8', filters: [{ name: 'CSV', extensions: ['c/v'] }] }],
    ['file:open', { filters: [], encoding: 'utf8', path: '/etc/passwd' }],
    ['file:open', { filters: 'csv', encoding: 'utf8' }],
  ];

  it.each(cases)('%s with %j → INVALID_ARGS, handler not called', async (channel, arg) => {
    const fn = vi.fn(async () => ok(null));
    // Each channel's schema, reached through its own registration; the stub would accept anything.
    handle(channel, fn as never);
    const win = open();
    const r = await fakeElectron.ipcMain.invoke(channel, invokeEventFrom(win), arg);
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(fn).not.toHaveBeenCalled();
  });

  it('every channel has a schema that compiles in strict mode (module load would throw otherwise)', () => {
    expect(Object.keys(BRIDGE_ARG_SCHEMAS).sort()).toEqual([...CHANNEL_NAMES].sort());
  });
});

describe('error wrapping', () => {
  const io = (code: string) => Object.assign(new Error(`${code}: at /home/u/secret`), { code });

  it('a thrown bug becomes INTERNAL without its message', async () => {
    const { win } = await setup(vi.fn(async () => {
      throw new TypeError('cannot read x of undefined at /home/u/src');
    }));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await fakeElectron.ipcMain.invoke('app:info', invokeEventFrom(win), {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it.each(['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EBUSY'])('%s becomes IO with the errno code only', async (code) => {
    const { win } = await setup(vi.fn(async () => {
      throw io(code);
    }));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await fakeElectron.ipcMain.invoke('app:info', invokeEventFrom(win), {})).toEqual({
      ok: false,
      error: { code: 'IO', message: code },
    });
  });

  it.each([null, undefined, 'string', { code: 42 }, { code: 'ERR_SOMETHING' }])('toFailure(%j) is INTERNAL', (e) => {
    expect(toFailure(e)).toEqual({ ok: false, error: { code: 'INTERNAL' } });
  });
});
