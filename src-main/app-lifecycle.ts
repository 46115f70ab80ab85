// App lifecycle: what main.ts runs. Split from main.ts so the test can drive it against the fake electron.
import { app } from 'electron';
import path from 'node:path';
import { registerBridgeHandlers } from './handlers';
import { installMenu } from './menu';
import { rendererRoot } from './paths';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, focusMainWindow, getMainWindow, hardenWebContents } from './window';

/** Matches appId in electron-builder.yml: Windows groups the taskbar button and notifications by it. */
export const APP_USER_MODEL_ID = 'cn.linli.desk';

export { rendererRoot };
/** Resolves inside app.asar when packaged and in the repo root under `electron .` (as rendererRoot). */
export const preloadPath = (): string => path.join(app.getAppPath(), 'dist', 'main', 'preload.cjs');

const openWindow = (): void => {
  createMainWindow({ preload: preloadPath() });
};

export function startApp(platform: NodeJS.Platform = process.platform): void {
  // Both must happen before 'ready'.
  registerAppScheme();
  app.enableSandbox();
  // Date and time pickers follow Chromium's UI language, not the page's lang: show 年/月/日 on every PC.
  app.commandLine.appendSwitch('lang', 'zh-CN');

  if (!app.requestSingleInstanceLock()) {
    // Another 邻里工作台 is running; it receives 'second-instance' and comes to the front. Two instances would
    // fight over the same IndexedDB.
    app.quit();
    return;
  }
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  app.on('second-instance', () => focusMainWindow());
  // Every web contents (main window, print windows, anything Chromium opens) gets the same navigation rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!app.isReady()) return;
    if (getMainWindow() === null) openWindow();
    else focusMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      serveRenderer(rendererRoot());
      installMenu();
      registerBridgeHandlers();
      openWindow();
    })
    .catch((e: unknown) => {
      console.error('startup failed', e);
      app.quit();
    });
}
