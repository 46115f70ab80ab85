import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../shared/bridge';
import { app, BrowserWindow, FakeEvent, fakeElectron, Menu, protocol } from '../tests/unit/fakes/electron';
import { startApp } from './app-lifecycle';

vi.mock('electron', () => import('../tests/unit/fakes/electron'));

const ready = async (): Promise<void> => {
  app.becomeReady();
  await vi.waitFor(() => expect(BrowserWindow.instances.length).toBeGreaterThan(0));
};

beforeEach(() => fakeElectron.reset());

describe('before ready', () => {
  it('enables the sandbox for every renderer and privileges app:// (both only allowed before ready)', () => {
    startApp('linux');
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN');
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('a second instance quits at once and opens nothing', async () => {
    app.hasLock = false;
    startApp('linux');
    expect(app.quit).toHaveBeenCalledOnce();
    app.becomeReady();
    await new Promise((r) => setTimeout(r, 10));
    expect(BrowserWindow.instances).toHaveLength(0);
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
  });

  it('sets the AppUserModelID on Windows only', () => {
    startApp('win32');
    expect(app.setAppUserModelId).toHaveBeenCalledWith('cn.linli.desk');
    fakeElectron.reset();
    startApp('linux');
    expect(app.setAppUserModelId).not.toHaveBeenCalled();
  });
});

describe('when ready', () => {
  it('serves the renderer, installs the menu, registers every channel, opens the window with the bundled preload', async () => {
    startApp('linux');
    await ready();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect([...fakeElectron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(BrowserWindow.instances[0]?.options.webPreferences?.preload).toBe(path.join('/opt/linli', 'dist', 'main', 'preload.cjs'));
  });

  it('a second launch focuses the existing window', async () => {
    startApp('linux');
    await ready();
    const win = BrowserWindow.instances[0];
    if (win === undefined) throw new Error('no window');
    win.minimized = true;
    app.emit('second-instance', new FakeEvent(), ['linli'], '/');
    expect(win?.restore).toHaveBeenCalledOnce();
    expect(win?.focus).toHaveBeenCalledOnce();
  });

  it('every web contents Electron creates is hardened', async () => {
    startApp('linux');
    await ready();
    const stray = new BrowserWindow({});
    expect(stray.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(stray.webContents.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
  });
});

describe('closing', () => {
  it.each([
    ['linux', true],
    ['win32', true],
    ['darwin', false],
  ] as const)('window-all-closed on %s quits: %s', (platform, quits) => {
    startApp(platform);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(quits ? 1 : 0);
  });

  it('activate (macOS dock) reopens the window when none is left', async () => {
    startApp('darwin');
    await ready();
    BrowserWindow.instances[0]?.destroy();
    app.emit('activate');
    expect(BrowserWindow.instances).toHaveLength(2);
  });
});
