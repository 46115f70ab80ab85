// Generated from the contract (STYLE 9): exactly the channels in shared/bridge.ts, nothing else. Bundled to one
// CommonJS file, because a sandboxed preload can require 'electron' but no local module.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, CHANNEL_NAMES, type Bridge } from '../shared/bridge';

const api = Object.fromEntries(
  CHANNEL_NAMES.map((channel) => [channel, (a: unknown) => ipcRenderer.invoke(channel, a)]),
) as Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
