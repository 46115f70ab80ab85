import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WINDOW_ICON } from '../shared/web/app-icons';
import { BrowserWindow, fakeElectron, shell, type FakeWebContents } from '../tests/unit/fakes/electron';
import { createMainWindow, focusMainWindow, getMainWindow, hardenWebContents, WINDOW_TITLE } from './window';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));

const PRELOAD = '/opt/linli/dist/main/preload.cjs';
const open = (): BrowserWindow => createMainWindow({ preload: PRELOAD }) as unknown as BrowserWindow;
const openHandler = (c: FakeWebContents) => {
  if (c.windowOpenHandler === null) throw new Error('no window open handler installed');
  return c.windowOpenHandler;
};

beforeEach(() => fakeElectron.reset());

describe('main window defaults', () => {
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['safeDialogs', true],
    ['spellcheck', false],
    ['disableBlinkFeatures', 'Auxclick'],
    ['preload', PRELOAD],
  ])('webPreferences.%s is %s', (flag, value) => {
    expect(open().options.webPreferences?.[flag]).toBe(value);
  });

  it('sets no webPreferences beyond the audited ones (a new flag needs a row above)', () => {
    expect(Object.keys(open().options.webPreferences ?? {}).sort()).toEqual(
      [
        'allowRunningInsecureContent', 'contextIsolation', 'disableBlinkFeatures', 'experimentalFeatures', 'navigateOnDragDrop',
        'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'preload', 'safeDialogs', 'sandbox',
        'spellcheck', 'webSecurity', 'webviewTag',
      ].sort(),
    );
  });

  it('is titled 邻里工作台, hidden until ready-to-show, and loads app://linli/index.html', () => {
    const win = open();
    expect(win.options.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('邻里工作台');
    expect(win.options.show).toBe(false);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
    expect(win.loadURL).toHaveBeenCalledWith('app://linli/index.html');
  });

  it('carries the app icon from the packed renderer build (issue #16)', () => {
    const icon = String(open().options.icon);
    expect(icon).toBe(path.join(fakeElectron.app.getAppPath(), 'dist', 'renderer', 'icons', 'icon-512.png'));
    expect(WINDOW_ICON).toBe('icons/icon-512.png');
    // The file is generated into the renderer's public folder, which the build copies into dist/renderer.
    expect(existsSync(path.join(process.cwd(), 'src-renderer', 'public', ...WINDOW_ICON.split('/')))).toBe(true);
  });

  it('is the window getMainWindow returns until it closes', () => {
    const win = open();
    expect(getMainWindow()).toBe(win);
    win.destroy();
    expect(getMainWindow()).toBeNull();
  });

  it('focusMainWindow restores a minimised window and focuses it', () => {
    const win = open();
    win.minimized = true;
    focusMainWindow();
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });
});

describe('navigation', () => {
  it.each([
    ['https://evil.example/', true],
    ['http://192.168.1.10:8787/', true],
    ['file:///etc/passwd', true],
    ['app://other/index.html', true],
    ['app://linli.evil/index.html', true],
    ['javascript:alert(1)', true],
    ['app://linli/index.html', false],
    ['app://linli/#/tasks', false],
  ])('will-navigate to %s → prevented: %s', (url, prevented) => {
    expect(open().webContents.navigate('will-navigate', url)).toBe(prevented);
  });

  it('will-redirect to a foreign origin is prevented', () => {
    expect(open().webContents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('will-attach-webview is always prevented', () => {
    const win = open();
    const spy = vi.fn();
    win.webContents.emit('will-attach-webview', { preventDefault: spy }, {}, {});
    expect(spy).toHaveBeenCalledOnce();
  });

  it('hardening the same web contents twice adds no second listener', () => {
    const win = open();
    hardenWebContents(win.webContents as never);
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('window.open', () => {
  it.each(['https://www.gov.cn/', 'http://example.com/a?b=1'])('%s is denied and opened in the system browser', (url) => {
    expect(openHandler(open().webContents)({ url })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith(url);
  });

  it.each(['file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'app://linli/index.html', 'smb://nas/share', 'about:blank'])(
    '%s is denied and not opened anywhere',
    (url) => {
      expect(openHandler(open().webContents)({ url })).toEqual({ action: 'deny' });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('permissions', () => {
  const request = (permission: string, requestingUrl: string): boolean => {
    const win = open();
    const handler = win.webContents.session.permissionRequestHandler;
    if (handler === null) throw new Error('no permission request handler');
    let granted: boolean | undefined;
    handler(win.webContents, permission, (g) => (granted = g), { requestingUrl, isMainFrame: true });
    return granted ?? false;
  };
  const check = (permission: string, origin: string): boolean => {
    const handler = open().webContents.session.permissionCheckHandler;
    if (handler === null) throw new Error('no permission check handler');
    return handler(null, permission, origin);
  };

  it.each([
    ['persistent-storage', 'app://linli/index.html', true],
    ['clipboard-sanitized-write', 'app://linli/index.html', true],
    ['local-network-access', 'app://linli/index.html', true],
    ['persistent-storage', 'https://evil.example/', false],
    ['local-network-access', 'https://evil.example/', false],
    ['media', 'app://linli/index.html', false],
    ['geolocation', 'app://linli/index.html', false],
    ['notifications', 'app://linli/index.html', false],
    ['openExternal', 'app://linli/index.html', false],
  ])('request %s from %s → %s', (permission, url, expected) => {
    expect(request(permission, url)).toBe(expected);
  });

  it.each([
    ['persistent-storage', 'app://linli', true],
    ['persistent-storage', 'file://', false],
    ['clipboard-read', 'app://linli', false],
  ])('check %s for %s → %s', (permission, origin, expected) => {
    expect(check(permission, origin)).toBe(expected);
  });
});
