// The one way main handles a bridge channel (STYLE 10): sender checked, argument validated, errors become values.
import { Ajv, type ValidateFunction } from 'ajv';
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  BRIDGE_ARG_SCHEMAS,
  CHANNEL_NAMES,
  type Bridge,
  type BridgeArgs,
  type BridgeError,
  type BridgeErrorCode,
  type Channel,
} from '../shared/bridge';
import { isAppUrl } from './app-origin';
import { getMainWindow } from './window';

export type Failure = { ok: false; error: BridgeError };
export type ChannelHandler<C extends Channel> = (a: BridgeArgs<C>) => ReturnType<Bridge[C]>;

export const fail = (code: BridgeErrorCode, message?: string): Failure =>
  message === undefined ? { ok: false, error: { code } } : { ok: false, error: { code, message } };

/** errno codes that mean "the disk or the OS said no" rather than a bug: the UI says so in Chinese. */
const IO_ERROR_CODES: ReadonlySet<string> = new Set([
  'ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'EISDIR', 'ENOTDIR', 'ENOENT', 'EEXIST',
  'EMFILE', 'ENFILE', 'ENAMETOOLONG', 'EIO', 'EFBIG', 'ETXTBSY', 'ELOOP', 'EXDEV',
]);

export function ioErrorCode(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  const code = e.code;
  return typeof code === 'string' && IO_ERROR_CODES.has(code) ? code : null;
}

/** Thrown errors never cross the bridge: IO failures keep their errno code as message, everything else is INTERNAL. */
export function toFailure(e: unknown): Failure {
  const io = ioErrorCode(e);
  return io === null ? fail('INTERNAL') : fail('IO', io);
}

// strict: a typo in shared/bridge.ts schemas fails at startup (and in ipc.test.ts), not silently at runtime.
const ajv = new Ajv({ strict: true, allErrors: false });
const validators = Object.fromEntries(
  CHANNEL_NAMES.map((c) => [c, ajv.compile(BRIDGE_ARG_SCHEMAS[c])]),
) as Record<Channel, ValidateFunction>;

/** Only the main frame of the app window, showing app://linli, may call the bridge (not iframes, not print windows). */
export function isOwnMainFrame(event: IpcMainInvokeEvent): boolean {
  const win = getMainWindow();
  const frame = event.senderFrame;
  if (win === null || frame === null) return false;
  const contents = win.webContents;
  if (contents.isDestroyed() || event.sender.id !== contents.id) return false;
  if (frame.parent !== null || frame.frameTreeNodeId !== contents.mainFrame.frameTreeNodeId) return false;
  return isAppUrl(frame.url);
}

export function handle<C extends Channel>(channel: C, fn: ChannelHandler<C>): void {
  const validate = validators[channel];
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, arg: unknown) => {
    if (!isOwnMainFrame(event)) return fail('FORBIDDEN');
    if (!validate(arg)) return fail('INVALID_ARGS');
    try {
      return await fn(arg as BridgeArgs<C>);
    } catch (e) {
      console.error(`[ipc] ${channel} failed`, e);
      return toFailure(e);
    }
  });
}
