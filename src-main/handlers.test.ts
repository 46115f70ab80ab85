import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, type BridgeArgs, type Channel } from '../shared/bridge';
import { BrowserWindow, dialog, fakeElectron, invokeEventFrom } from '../tests/unit/fakes/electron';
import { MAX_OPEN_BYTES } from './files';
import { registerBridgeHandlers } from './handlers';
import { withTitle } from './print';
import { createMainWindow } from './window';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));
// Real fs, with writeFile replaceable per test to simulate a full disk.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, writeFile: vi.fn(actual.writeFile) };
});

let tmp = '';
let main: BrowserWindow;

const call = <C extends Channel>(channel: C, arg: BridgeArgs<C>): Promise<unknown> =>
  fakeElectron.ipcMain.invoke(channel, invokeEventFrom(main), arg);
const errnoError = (code: string) => Object.assign(new Error(code), { code });
/** Windows the handlers opened (everything but the app window). */
const printWindows = () => BrowserWindow.instances.filter((w) => w !== main);
const HTML = '<!doctype html><html><head><meta charset="utf-8"></head><body><h1>停水通知</h1></body></html>';

beforeEach(async () => {
  fakeElectron.reset();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'linli-main-test-'));
  fakeElectron.app.paths.documents = tmp;
  registerBridgeHandlers();
  main = createMainWindow({ preload: '/p.cjs' }) as unknown as BrowserWindow;
  await main.loadURL.mock.results[0]?.value;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(tmp, { recursive: true, force: true });
});

it('registers every channel of the contract, and only those', () => {
  expect([...fakeElectron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
});

describe('app:info', () => {
  it('reports version, platform, paths and host desktop', async () => {
    expect(await call('app:info', {})).toEqual({
      ok: true,
      value: { version: '0.1.0', host: 'desktop', platform: process.platform, userDataPath: '/home/u/.config/邻里工作台', documentsPath: tmp },
    });
  });

  it('falls back to the home folder when the OS has no documents folder', async () => {
    delete fakeElectron.app.paths.documents;
    expect(await call('app:info', {})).toMatchObject({ ok: true, value: { documentsPath: os.homedir() } });
  });
});

describe('file:save', () => {
  const save = (over: Partial<BridgeArgs<'file:save'>> = {}) =>
    call('file:save', { defaultName: '住户名册.csv', content: '姓名,房号\n张三,1-101\n', encoding: 'utf8', filters: [{ name: 'CSV', extensions: ['csv'] }], ...over });

  it('cancelled dialog → path null, nothing written', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await save()).toEqual({ ok: true, value: { path: null } });
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('asks with the app window as parent, the documents folder and the filters', async () => {
    await save();
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(main, expect.objectContaining({
      defaultPath: path.join(tmp, '住户名册.csv'),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    }));
  });

  it('writes utf8 text to the chosen path', async () => {
    const target = path.join(tmp, 'out.csv');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await save()).toEqual({ ok: true, value: { path: target } });
    expect(await readFile(target, 'utf8')).toBe('姓名,房号\n张三,1-101\n');
  });

  it('decodes base64 content to bytes', async () => {
    const target = path.join(tmp, 'out.bin');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    expect(await save({ encoding: 'base64', content: bytes.toString('base64') })).toMatchObject({ ok: true });
    expect(await readFile(target)).toEqual(bytes);
  });

  it('malformed base64 → INVALID_ARGS before any dialog', async () => {
    expect(await save({ encoding: 'base64', content: 'not base64!' })).toEqual({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it.each(['ENOSPC', 'EACCES'])('a write failing with %s → IO', async (code) => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(tmp, 'out.csv') });
    vi.mocked(writeFile).mockRejectedValueOnce(errnoError(code));
    expect(await save()).toEqual({ ok: false, error: { code: 'IO', message: code } });
  });

  it('a folder that vanished (ENOENT from the real fs) → IO', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(tmp, 'gone', 'out.csv') });
    expect(await save()).toEqual({ ok: false, error: { code: 'IO', message: 'ENOENT' } });
  });
});

describe('file:open', () => {
  const pick = (file: string) => dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });

  it('cancelled dialog → null', async () => {
    expect(await call('file:open', { filters: [], encoding: 'utf8' })).toEqual({ ok: true, value: null });
  });

  it('reads utf8 and drops the BOM Excel writes', async () => {
    const file = path.join(tmp, '名册.csv');
    await writeFile(file, '\uFEFF姓名\n李四\n', 'utf8');
    pick(file);
    expect(await call('file:open', { filters: [{ name: 'CSV', extensions: ['csv'] }], encoding: 'utf8' })).toEqual({
      ok: true,
      value: { name: '名册.csv', content: '姓名\n李四\n' },
    });
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(main, expect.objectContaining({ properties: ['openFile'] }));
  });

  it('reads bytes as base64', async () => {
    const file = path.join(tmp, 'photo.jpg');
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00]);
    await writeFile(file, bytes);
    pick(file);
    expect(await call('file:open', { filters: [], encoding: 'base64' })).toEqual({
      ok: true,
      value: { name: 'photo.jpg', content: bytes.toString('base64') },
    });
  });

  it('a file over the size limit → IO EFBIG, not read', async () => {
    const file = path.join(tmp, 'huge.bin');
    await writeFile(file, '');
    await truncate(file, MAX_OPEN_BYTES + 1); // sparse: no disk used
    pick(file);
    expect(await call('file:open', { filters: [], encoding: 'base64' })).toEqual({ ok: false, error: { code: 'IO', message: 'EFBIG' } });
  });
});

describe('print:html', () => {
  const print = () => call('print:html', { html: HTML, title: '停水通知' });

  it('renders in a hidden, sandboxed, script-less window without preload', async () => {
    await print();
    const [win] = printWindows();
    expect(win?.options).toMatchObject({ show: false });
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webviewTag: false });
    expect(win?.options.webPreferences?.preload).toBeUndefined();
  });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['javascript', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['spellcheck', false],
    ['disableBlinkFeatures', 'Auxclick'],
    ['preload', undefined],
  ])('the print window\'s webPreferences.%s is %s', async (flag, value) => {
    await print();
    expect(printWindows()[0]?.options.webPreferences?.[flag]).toBe(value);
  });

  it('the print window sets no webPreferences beyond the audited ones', async () => {
    await print();
    expect(Object.keys(printWindows()[0]?.options.webPreferences ?? {}).sort()).toEqual(
      [
        'allowRunningInsecureContent', 'contextIsolation', 'disableBlinkFeatures', 'javascript', 'nodeIntegration',
        'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'sandbox', 'spellcheck', 'webSecurity', 'webviewTag',
      ].sort(),
    );
  });

  it('loads the document (titled) from a temp file that is removed afterwards', async () => {
    await print();
    const loaded = printWindows()[0]?.loadedFile;
    expect(loaded?.content).toContain('<h1>停水通知</h1>');
    expect(loaded?.content).toContain('<title>停水通知</title>');
    expect(existsSync(path.dirname(loaded?.path ?? '/'))).toBe(false);
  });

  it('prints A4 through the system dialog and reports printed true; the window is destroyed', async () => {
    expect(await print()).toEqual({ ok: true, value: { printed: true } });
    const [win] = printWindows();
    expect(win?.webContents.print).toHaveBeenCalledWith(expect.objectContaining({ silent: false, pageSize: 'A4' }), expect.any(Function));
    expect(win?.isDestroyed()).toBe(true);
  });

  it('a notice naming its fonts (fonts/<file>.woff2) gets them copied from the renderer beside the temp document', async () => {
    const fonts = path.join(tmp, 'app', 'dist', 'renderer', 'fonts');
    await mkdir(fonts, { recursive: true });
    await writeFile(path.join(fonts, 'FandolFang-Regular.woff2'), 'wOF2 fang');
    fakeElectron.app.appPath = path.join(tmp, 'app');
    const html = '<!doctype html><style>@font-face { src: url("fonts/FandolFang-Regular.woff2"), url("fonts/Missing.woff2"), url("fonts/../x.woff2") }</style>';
    await call('print:html', { html, title: '公告' });
    const loaded = printWindows()[0]?.loadedFile?.path ?? '';
    const copied = vi.mocked(writeFile).mock.calls.map((c) => [String(c[0]), String(c[1])]);
    expect(copied).toContainEqual([path.join(path.dirname(loaded), 'fonts', 'FandolFang-Regular.woff2'), 'wOF2 fang']);
    // Only that one: the missing font is logged, not fatal; the one outside fonts/ is never looked for.
    expect(copied.filter(([file]) => file?.startsWith(path.join(path.dirname(loaded), 'fonts')))).toHaveLength(1);
    expect(existsSync(path.dirname(loaded))).toBe(false);
  });

  it('an A3 notice in several copies: the dialog is preset to A3 and the copies', async () => {
    await call('print:html', { html: HTML, title: '公告', copies: 3, pageSize: 'A3' });
    expect(printWindows()[0]?.webContents.print).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A3', copies: 3 }), expect.any(Function));
  });

  it('a cancelled print dialog → printed false, window destroyed', async () => {
    fakeElectron.printOutcome = { success: false, failureReason: 'Print job canceled' };
    expect(await print()).toEqual({ ok: true, value: { printed: false } });
    expect(printWindows()[0]?.isDestroyed()).toBe(true);
  });

  it('a document that fails to load → INTERNAL, window destroyed anyway', async () => {
    fakeElectron.loadFileError = new Error('ERR_FAILED (-2) loading file');
    expect(await print()).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(printWindows()[0]?.isDestroyed()).toBe(true);
  });
});

describe('print:toPdf', () => {
  const toPdf = (fileName = '停水通知') => call('print:toPdf', { html: HTML, fileName });

  it('renders A4 with backgrounds and CSS page size, then saves where the user chose', async () => {
    const target = path.join(tmp, '停水通知.pdf');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await toPdf()).toEqual({ ok: true, value: { path: target } });
    const [win] = printWindows();
    expect(win?.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, javascript: false });
    expect(win?.isDestroyed()).toBe(true);
    expect((await readFile(target)).toString()).toBe('%PDF-1.7 fake');
  });

  it('an A3 notice renders on A3', async () => {
    await call('print:toPdf', { html: HTML, fileName: '公告', pageSize: 'A3' });
    expect(printWindows()[0]?.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A3', printBackground: true, preferCSSPageSize: true });
  });

  it('suggests <fileName>.pdf in the documents folder (no double extension)', async () => {
    await toPdf('2025年报.PDF');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(main, expect.objectContaining({
      defaultPath: path.join(tmp, '2025年报.PDF'),
      filters: [{ name: 'PDF 文档', extensions: ['pdf'] }],
    }));
    await toPdf('停水通知');
    expect(dialog.showSaveDialog).toHaveBeenLastCalledWith(main, expect.objectContaining({ defaultPath: path.join(tmp, '停水通知.pdf') }));
  });

  it('cancelled save → path null, window destroyed, nothing written', async () => {
    expect(await toPdf()).toEqual({ ok: true, value: { path: null } });
    expect(printWindows()[0]?.isDestroyed()).toBe(true);
    expect(writeFile).toHaveBeenCalledTimes(1); // the temp document only
  });

  it('printToPDF failing → INTERNAL, window destroyed, no dialog', async () => {
    fakeElectron.printToPdfError = new Error('Failed to generate PDF');
    expect(await toPdf()).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(printWindows()[0]?.isDestroyed()).toBe(true);
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('a full disk when saving → IO ENOSPC', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(tmp, 'a.pdf') });
    const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    // First write: the temp document (real); second: the PDF (disk full).
    vi.mocked(writeFile).mockImplementationOnce(real.writeFile).mockRejectedValueOnce(errnoError('ENOSPC'));
    expect(await toPdf('a')).toEqual({ ok: false, error: { code: 'IO', message: 'ENOSPC' } });
  });
});

describe('withTitle', () => {
  it.each([
    ['<html><head></head><body></body></html>', 'A&B', '<html><head><title>A&#38;B</title></head><body></body></html>'],
    ['<html><head lang="zh"><title>已有</title></head></html>', 'x', '<html><head lang="zh"><title>已有</title></head></html>'],
    ['<p>no head</p>', 'x', '<p>no head</p>'],
    ['<html><head></head></html>', '', '<html><head></head></html>'],
  ])('%s + %s', (html, title, expected) => expect(withTitle(html, title)).toBe(expected));
});
