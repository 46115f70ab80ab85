// file:save and file:open: the user picks the path in a native dialog; the renderer never names a path itself.
import { dialog, type FileFilter, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BridgeArgs, BridgeResult } from '../shared/bridge';
import { ok } from '../shared/result';
import { fail } from './ipc';
import { documentsDir } from './paths';
import { getMainWindow } from './window';

/** Larger files would be copied through IPC as one string; nothing the committee office opens is this big. */
export const MAX_OPEN_BYTES = 100 * 1024 * 1024;

// One char-class loop, no groups: a grouped pattern overflows V8's regexp stack on 200 MB inputs.
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
export const isBase64 = (s: string): boolean => s.length % 4 === 0 && BASE64_CHARS.test(s);

/** A save dialog parented to the app window. null = cancelled. */
export async function askSavePath(defaultName: string, filters: FileFilter[]): Promise<string | null> {
  const options: SaveDialogOptions = {
    defaultPath: path.join(documentsDir(), defaultName),
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const win = getMainWindow();
  const result = win === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(win, options);
  return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
}

export async function saveFile(a: BridgeArgs<'file:save'>): BridgeResult<{ path: string | null }> {
  if (a.encoding === 'base64' && !isBase64(a.content)) return fail('INVALID_ARGS');
  const data = a.encoding === 'base64' ? Buffer.from(a.content, 'base64') : Buffer.from(a.content, 'utf8');
  const target = await askSavePath(a.defaultName, a.filters);
  if (target === null) return ok({ path: null });
  await writeFile(target, data);
  return ok({ path: target });
}

export async function openFile(a: BridgeArgs<'file:open'>): BridgeResult<{ name: string; content: string } | null> {
  const options: OpenDialogOptions = { properties: ['openFile'], filters: a.filters, defaultPath: documentsDir() };
  const win = getMainWindow();
  const result = win === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(win, options);
  const picked = result.filePaths[0];
  if (result.canceled || picked === undefined) return ok(null);
  const info = await stat(picked);
  if (info.size > MAX_OPEN_BYTES) return fail('IO', 'EFBIG');
  const bytes = await readFile(picked);
  // Excel and Notepad write a BOM in front of UTF-8 CSV; the renderer's parsers should not see it.
  const content = a.encoding === 'base64' ? bytes.toString('base64') : bytes.toString('utf8').replace(/^\uFEFF/, '');
  return ok({ name: path.basename(picked), content });
}
