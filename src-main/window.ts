// Window defaults live here and only here (STYLE 11); window.test.ts asserts every flag against the fake electron.
// The webPreferences are an object literal at the `new BrowserWindow` call (issue #15) so that static audits of the
// built bundle (electronegativity and the like; tests/packaging/hardening.test.ts) see each flag where the window is
// made; do not move them back into a helper.
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, isExternalWebUrl } from './app-origin';
import { windowIconPath } from './paths';

export const WINDOW_TITLE = '邻里工作台';

/** Web permissions the app's own page may use; everything else (camera, geolocation, notifications, …) is refused. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'persistent-storage', // navigator.storage.persist(): keeps IndexedDB (RxDB) from being evicted
  'clipboard-sanitized-write', // copying a notice or a roster line
  // The user-configured sync server is often on the office LAN (http://192.168.x.x:8787). Chromium's Local Network
  // Access gates fetches to private and loopback addresses behind these; denying them would silently stop sync.
  'local-network-access',
  'local-network',
  'loopback-network',
]);

const hardenedContents = new WeakSet<WebContents>();
const hardenedSessions = new WeakSet<Session>();

const openExternally = (url: string): void => {
  if (!isExternalWebUrl(url)) return;
  shell.openExternal(url).catch((e: unknown) => console.error('openExternal failed', e));
};

/**
 * Navigation and popup rules for any web contents (main window, print windows, anything Electron creates).
 * Idempotent: main.ts applies it to every web-contents-created, createMainWindow applies it again.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardenedContents.has(contents)) return;
  hardenedContents.add(contents);
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

export function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && requestingOrigin === APP_ORIGIN;
  });
}

let mainWindow: BrowserWindow | null = null;

/** The one app window, or null before it exists / after it closed. The IPC sender check trusts only this. */
export function getMainWindow(): BrowserWindow | null {
  return mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;
}

export function createMainWindow(opts: { preload: string; url?: string }): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    icon: windowIconPath(),
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click (auxclick) must not open links in new windows behind the window.open handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(win.webContents);
  hardenSession(win.webContents.session);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  win.loadURL(opts.url ?? APP_ENTRY_URL).catch((e: unknown) => console.error('loading the app failed', e));
  return win;
}

/** Second instance or dock click: bring the existing window forward. */
export function focusMainWindow(): void {
  const win = getMainWindow();
  if (win === null) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
