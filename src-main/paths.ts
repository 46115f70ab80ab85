import { app } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { WINDOW_ICON } from '../shared/web/app-icons';

/** The built renderer: inside app.asar when packaged, in the repo root under `electron .`. */
export const rendererRoot = (): string => path.join(app.getAppPath(), 'dist', 'renderer');

/** The window's icon (taskbar and Alt+Tab on Linux; Windows takes the .exe's): a PNG the renderer build carries, so
 * it is inside app.asar with it (electron-builder.yml `files`). */
export const windowIconPath = (): string => path.join(rendererRoot(), ...WINDOW_ICON.split('/'));

/** Default folder for save dialogs. getPath('documents') throws on Linux desktops without XDG user dirs. */
export function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return os.homedir();
  }
}
