// A small hand-written fake of the parts of 'electron' that src-main uses. Electron cannot run in CI, so main-process
// tests do `vi.mock('electron', () => import('<this file>'))` and drive these objects; `fakeElectron` steers them.
// It models behaviour the code relies on (web-contents-created on window creation, ipcMain.handle refusing a second
// registration, preventDefault on events), not the whole API.
import { readFile } from 'node:fs/promises';
import { vi } from 'vitest';

type Listener = (...args: never[]) => unknown;

class FakeEmitter {
  private readonly listeners = new Map<string, Array<{ fn: Listener; once: boolean }>>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(event, list.filter((l) => !l.once));
    for (const l of list) (l.fn as (...a: unknown[]) => unknown)(...args);
    return list.length > 0;
  }
}

/** Stands in for Electron's Event: the listener may call preventDefault(). */
export class FakeEvent<T extends object = object> {
  defaultPrevented = false;
  constructor(readonly details: T = {} as T) {
    Object.assign(this, details);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextFrameTreeNodeId = 1;
export class FakeWebFrameMain {
  readonly frameTreeNodeId = nextFrameTreeNodeId++;
  constructor(
    public url: string,
    readonly parent: FakeWebFrameMain | null = null,
  ) {}
  get top(): FakeWebFrameMain {
    return this.parent === null ? this : this.parent.top;
  }
}

export type PermissionRequestHandler = (
  contents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
export type PermissionCheckHandler = (contents: FakeWebContents | null, permission: string, requestingOrigin: string) => boolean;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(h: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = h;
  }
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };
export type PrintOptions = Record<string, unknown>;
export type PrintCallback = (success: boolean, failureReason: string) => void;

let nextWebContentsId = 1;
export class FakeWebContents extends FakeEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new FakeWebFrameMain('about:blank');
  session = fakeElectron.defaultSession;
  windowOpenHandler: WindowOpenHandler | null = null;
  private destroyed = false;
  print = vi.fn((_options: PrintOptions, callback?: PrintCallback) =>
    callback?.(fakeElectron.printOutcome.success, fakeElectron.printOutcome.failureReason),
  );
  printToPDF = vi.fn(async (_options: PrintOptions) => {
    if (fakeElectron.printToPdfError !== null) throw fakeElectron.printToPdfError;
    return Buffer.from('%PDF-1.7 fake');
  });
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  markDestroyed(): void {
    this.destroyed = true;
  }
  /** Emits a will-navigate-like event and tells whether a listener prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    const e = new FakeEvent({ url, isMainFrame: true });
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

export type BrowserWindowOptions = { title?: string; show?: boolean; webPreferences?: Record<string, unknown> } & Record<string, unknown>;

export class BrowserWindow extends FakeEmitter {
  static readonly instances: BrowserWindow[] = [];
  static focused: BrowserWindow | null = null;
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.isDestroyed());
  }
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }
  static fromWebContents(contents: FakeWebContents): BrowserWindow | null {
    return BrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }

  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  private destroyed = false;
  loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url;
  });
  /** What loadFile found on disk when it was called (print windows delete their temp file afterwards). */
  loadedFile: { path: string; content: string } | null = null;
  loadFile = vi.fn(async (file: string) => {
    if (fakeElectron.loadFileError !== null) throw fakeElectron.loadFileError;
    this.loadedFile = { path: file, content: await readFile(file, 'utf8') };
    this.webContents.mainFrame.url = `file://${file}`;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  destroy = vi.fn(() => {
    this.destroyed = true;
    this.webContents.markDestroyed();
    this.emit('closed');
  });

  constructor(readonly options: BrowserWindowOptions = {}) {
    super();
    BrowserWindow.instances.push(this);
    // Like Electron: the app hears about the new web contents while the window is being constructed.
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
}

export type InvokeEvent = { sender: FakeWebContents; senderFrame: FakeWebFrameMain | null; frameId: number; processId: number };
type InvokeHandler = (event: InvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, fn: InvokeHandler): void {
    // Electron throws here too: "Attempted to register a second handler for '<channel>'".
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, arg) from `event`'s frame would resolve to. */
  async invoke(channel: string, event: InvokeEvent, arg: unknown): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (fn === undefined) throw new Error(`No handler registered for '${channel}'`);
    return fn(event, arg);
  }
}

class FakeApp extends FakeEmitter {
  version = '0.1.0';
  appPath = '/opt/linli';
  isPackaged = true;
  ready = false;
  hasLock = true;
  paths: Record<string, string> = FakeApp.defaultPaths();
  static defaultPaths(): Record<string, string> {
    return { userData: '/home/u/.config/邻里工作台', documents: '/home/u/文档', temp: '/tmp' };
  }
  private resolveReady: () => void = () => undefined;
  private readyPromise = this.newReadyPromise();
  private newReadyPromise(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
  }
  /** Test control: back to a fresh, not-ready app with no listeners. */
  resetState(): void {
    this.removeAllListeners();
    this.ready = false;
    this.hasLock = true;
    this.version = '0.1.0';
    this.appPath = '/opt/linli';
    this.isPackaged = true;
    this.paths = FakeApp.defaultPaths();
    this.readyPromise = this.newReadyPromise();
  }
  enableSandbox = vi.fn();
  commandLine = { appendSwitch: vi.fn() };
  quit = vi.fn();
  setAppUserModelId = vi.fn();
  requestSingleInstanceLock = vi.fn(() => this.hasLock);
  getVersion(): string {
    return this.version;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    const p = this.paths[name];
    if (p === undefined) throw new Error(`Failed to get '${name}' path`);
    return p;
  }
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test control: fire 'ready'. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready');
    this.resolveReady();
  }
}

export type SaveDialogResult = { canceled: boolean; filePath?: string };
export type OpenDialogResult = { canceled: boolean; filePaths: string[] };

const defaults = () => ({
  defaultSession: new FakeSession(),
  ipcMain: new FakeIpcMain(),
  /** What the system print dialog reports to webContents.print's callback. */
  printOutcome: { success: true, failureReason: '' },
  printToPdfError: null as Error | null,
  loadFileError: null as Error | null,
});

/** Test controls and records. */
export const fakeElectron = {
  app: new FakeApp(),
  ...defaults(),
  reset(): void {
    Object.assign(this, defaults());
    this.app.resetState();
    BrowserWindow.instances.length = 0;
    BrowserWindow.focused = null;
    vi.clearAllMocks();
  },
};

// The module surface: live bindings to the objects above (reset swaps sessions and ipcMain, never app).
export const app = fakeElectron.app;
export const ipcMain = {
  handle: (channel: string, fn: InvokeHandler): void => fakeElectron.ipcMain.handle(channel, fn),
  removeHandler: (channel: string): void => fakeElectron.ipcMain.removeHandler(channel),
};
export const session = {
  get defaultSession(): FakeSession {
    return fakeElectron.defaultSession;
  },
};
export const ipcRenderer = { invoke: vi.fn(async (_channel: string, _arg: unknown): Promise<unknown> => undefined) };
export const contextBridge = { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) };
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
export const dialog = {
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<SaveDialogResult> => ({ canceled: true })),
  showOpenDialog: vi.fn(async (..._args: unknown[]): Promise<OpenDialogResult> => ({ canceled: true, filePaths: [] })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
};
export const protocol = {
  registerSchemesAsPrivileged: vi.fn((_schemes: unknown[]) => undefined),
  handle: vi.fn((_scheme: string, _handler: (request: Request) => Promise<Response>) => undefined),
};
export type MenuTemplateItem = {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplateItem[];
};
export const Menu = {
  buildFromTemplate: vi.fn((template: MenuTemplateItem[]) => ({ template })),
  setApplicationMenu: vi.fn((_menu: { template: MenuTemplateItem[] } | null) => undefined),
};

/** An invoke event as Electron would build it for a frame of `win`. */
export function invokeEventFrom(win: BrowserWindow, frame: FakeWebFrameMain | null = win.webContents.mainFrame): InvokeEvent {
  return { sender: win.webContents, senderFrame: frame, frameId: frame?.frameTreeNodeId ?? 0, processId: 1 };
}
