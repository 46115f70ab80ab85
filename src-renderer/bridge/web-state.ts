// state:get and state:set on the web host: localStorage, the only place a page keeps anything outside IndexedDB.
// Clearing the browser's data takes both away together; the UI says so (不要清除浏览器数据、使用桌面版).
import type { BridgeError, BridgeResult } from '../../shared/bridge';
import { hostStateOf, isHeldDataMarker, type HostState } from '../../shared/domain/storage';
import { err, ok } from '../../shared/result';

export const HOST_STATE_KEY = 'linli.hostState.v1';

// A DOMException (QuotaExceededError) is not an Error in every engine: take its message wherever it has one.
const fail = (code: BridgeError['code'], e: unknown): { ok: false; error: BridgeError } => {
  const message = typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string' ? e.message : String(e);
  return err({ code, message });
};

function read(storage: Storage): HostState {
  try {
    const raw = storage.getItem(HOST_STATE_KEY);
    return hostStateOf(raw === null ? null : JSON.parse(raw));
  } catch {
    return hostStateOf(null);
  }
}

export async function getWebHostState(storage: Storage = localStorage): BridgeResult<HostState> {
  return ok(read(storage));
}

/** Merges the given keys into the saved state; validated like main validates the IPC argument. */
export async function setWebHostState(patch: { heldData?: HostState['heldData'] }, storage: Storage = localStorage): BridgeResult<HostState> {
  const keys = typeof patch === 'object' && patch !== null ? Object.keys(patch) : null;
  if (keys === null || keys.some((k) => k !== 'heldData')) return err({ code: 'INVALID_ARGS' });
  if (patch.heldData !== undefined && patch.heldData !== null && !isHeldDataMarker(patch.heldData)) return err({ code: 'INVALID_ARGS' });
  const current = read(storage);
  const next: HostState = { ...current, heldData: patch.heldData === undefined ? current.heldData : patch.heldData };
  try {
    storage.setItem(HOST_STATE_KEY, JSON.stringify(next));
  } catch (e) {
    // localStorage full (or disabled): the caller keeps working; the marker is a safety net, not data.
    return fail('IO', e);
  }
  return ok(next);
}
