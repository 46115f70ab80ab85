// Loads a bundled main-process or preload file (argv[2]) in plain Node with a minimal fake 'electron', then prints
// what it did as JSON: which modules it required, which channels it registered, which window it opened, what the
// preload exposed. Used by asar.test.ts on the files taken out of app.asar: it proves the shipped bundles need
// nothing but 'electron' and Node built-ins (the asar has no node_modules).
import { createRequire, Module } from 'node:module';
import path from 'node:path';

const target = path.resolve(process.argv[2]);
const seen = {
  requires: [],
  schemes: [],
  protocolHandled: [],
  channels: [],
  windows: [],
  loadedUrls: [],
  exposed: null,
  menuInstalled: false,
  sandboxEnabled: false,
};
const chain = function () {
  return this;
};
const noop = () => undefined;
const contents = () => ({
  id: 1,
  mainFrame: { url: '', parent: null, frameTreeNodeId: 1 },
  on: chain,
  once: chain,
  setWindowOpenHandler: noop,
  isDestroyed: () => false,
  session: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop },
});
const app = {
  enableSandbox: () => {
    seen.sandboxEnabled = true;
  },
  commandLine: { appendSwitch: noop },
  requestSingleInstanceLock: () => true,
  setAppUserModelId: noop,
  quit: noop,
  on: chain,
  once: chain,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  getAppPath: () => '/opt/linli/resources/app.asar',
  getVersion: () => '0.0.0',
  getPath: () => '/tmp',
};
class BrowserWindow {
  constructor(options) {
    seen.windows.push(options);
    this.webContents = contents();
  }
  on() {
    return this;
  }
  once() {
    return this;
  }
  isDestroyed() {
    return false;
  }
  loadURL(url) {
    seen.loadedUrls.push(url);
    return Promise.resolve();
  }
  static getFocusedWindow() {
    return null;
  }
}
const electron = {
  app,
  BrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: (schemes) => seen.schemes.push(...schemes),
    handle: (scheme) => seen.protocolHandled.push(scheme),
  },
  ipcMain: { handle: (channel) => seen.channels.push(channel) },
  Menu: {
    buildFromTemplate: (t) => t,
    setApplicationMenu: () => {
      seen.menuInstalled = true;
    },
  },
  dialog: {},
  shell: {},
  contextBridge: {
    exposeInMainWorld: (key, api) => {
      seen.exposed = { key, channels: Object.keys(api), allFunctions: Object.values(api).every((f) => typeof f === 'function') };
    },
  },
  ipcRenderer: { invoke: () => Promise.resolve() },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (parent && parent.filename === target) seen.requires.push(request);
  if (request === 'electron') return electron;
  return load.call(this, request, parent, isMain);
};

// Loaded as CommonJS, like Electron loads package.json "main" (and the preload).
createRequire(import.meta.url)(target);
// Let app.whenReady().then(...) run.
setTimeout(() => process.stdout.write(JSON.stringify(seen)), 50);
