// The device-local operator name written into createdBy/updatedBy. Login (and a real user id) comes with sync.
import { useSyncExternalStore } from 'react';
import type { Stamp } from '../../shared/domain/common/stamp';
import { deviceId, OPERATOR_KEY } from './device';

/** Shared with sync (conflict copies name the operator from the same key). */
export const OPERATOR_STORAGE_KEY = OPERATOR_KEY;
export const DEFAULT_OPERATOR_NAME = '本机用户';
const CHANGED = 'linli:operator-changed';

function read(): string {
  try {
    return localStorage.getItem(OPERATOR_STORAGE_KEY) ?? DEFAULT_OPERATOR_NAME;
  } catch {
    return DEFAULT_OPERATOR_NAME; // storage blocked: writes are still attributed, to the default name
  }
}

export const getOperatorName = (): string => read();

/** undefined resets to the default name. */
export function setOperatorName(name: string | undefined): void {
  if (name === undefined) localStorage.removeItem(OPERATOR_STORAGE_KEY);
  else localStorage.setItem(OPERATOR_STORAGE_KEY, name);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  // 'storage' fires when another window of the app changed it.
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

export const useOperatorName = (): string => useSyncExternalStore(subscribe, read, () => DEFAULT_OPERATOR_NAME);

function device(): string | undefined {
  try {
    return deviceId();
  } catch {
    return undefined; // storage blocked: the write is still stamped with who and when
  }
}

/** The stamp of a write made now by this device's operator (who, when, which device). */
export const currentStamp = (): Stamp => {
  const id = device();
  return id === undefined ? { at: new Date().toISOString(), by: read() } : { at: new Date().toISOString(), by: read(), device: id };
};
