// Persistent storage: without it the browser may evict IndexedDB (all the compound's records) under disk pressure.
import { useCallback, useEffect, useState } from 'react';

let persistRequest: Promise<boolean | null> | undefined;

/** Asks once per window for persistent storage; null when the host has no StorageManager. */
export function requestPersistentStorage(): Promise<boolean | null> {
  persistRequest ??= (async () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) return null;
    try {
      return (await storage.persisted()) || (await storage.persist());
    } catch {
      return null;
    }
  })();
  return persistRequest;
}

export type StorageStatus = {
  /** null = this host cannot tell. */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
};

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  await (persistRequest ?? Promise.resolve(null));
  let persisted: boolean | null = null;
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    if (storage?.persisted) persisted = await storage.persisted();
    if (storage?.estimate) {
      const e = await storage.estimate();
      usage = e.usage ?? null;
      quota = e.quota ?? null;
    }
  } catch {
    // unknown stays null
  }
  return { persisted, usage, quota };
}

export function useStorageStatus(): { status: StorageStatus | null; refresh: () => void } {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void readStorageStatus().then((s) => {
      if (live) setStatus(s);
    });
    return () => {
      live = false;
    };
  }, [tick]);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { status, refresh };
}
