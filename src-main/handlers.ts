// Every Bridge channel, implemented. The mapped type makes a missing channel a tsc error (STYLE 8).
import { app } from 'electron';
import { CHANNEL_NAMES, type AppInfo, type BridgeResult, type Channel } from '../shared/bridge';
import { ok } from '../shared/result';
import { backupLastRun, listBackupsChannel, readBackupFile, saveBackupAs, writeBackup } from './backups';
import { openFile, saveFile } from './files';
import { getHostState, setHostState } from './host-state';
import { handle, type ChannelHandler } from './ipc';
import { documentsDir } from './paths';
import { printHtml, printToPdf } from './print';

export async function appInfo(): BridgeResult<AppInfo> {
  return ok({
    version: app.getVersion(),
    host: 'desktop',
    platform: process.platform,
    userDataPath: app.getPath('userData'),
    documentsPath: documentsDir(),
  });
}

export const bridgeHandlers: { [C in Channel]: ChannelHandler<C> } = {
  'app:info': appInfo,
  'print:html': printHtml,
  'print:toPdf': printToPdf,
  'file:save': saveFile,
  'file:open': openFile,
  'backup:list': listBackupsChannel,
  'backup:write': writeBackup,
  'backup:read': readBackupFile,
  'backup:saveAs': saveBackupAs,
  'backup:lastRun': backupLastRun,
  'state:get': getHostState,
  'state:set': setHostState,
};

const register = <C extends Channel>(channel: C): void => handle(channel, bridgeHandlers[channel]);

/** Once, after app 'ready' (ipcMain.handle throws on a second registration of a channel). */
export function registerBridgeHandlers(): void {
  for (const channel of CHANNEL_NAMES) register(channel);
}
