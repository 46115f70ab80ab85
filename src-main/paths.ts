import { app } from 'electron';
import os from 'node:os';

/** Default folder for save dialogs. getPath('documents') throws on Linux desktops without XDG user dirs. */
export function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return os.homedir();
  }
}
