import { app } from 'electron';
import os from 'node:os';
import path from 'node:path';

/** The built renderer: inside app.asar when packaged, in the repo root under `electron .`. */
export const rendererRoot = (): string => path.join(app.getAppPath(), 'dist', 'renderer');

/** Default folder for save dialogs. getPath('documents') throws on Linux desktops without XDG user dirs. */
export function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return os.homedir();
  }
}
