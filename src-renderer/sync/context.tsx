import { afterFirstScreen } from '../ui/first-screen';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { blobStoreFor } from '../db/blobs';
import type { LinliDatabase } from '../db/database';
import { recordHeldDataOnSync } from './held-data-recorder';
import { createSyncService, type SyncService, type SyncStoreState } from './sync-service';

const SyncContext = createContext<SyncService | null>(null);

// One sync service per open database for the lifetime of the window.
const services = new WeakMap<LinliDatabase, SyncService>();

export function serviceFor(db: LinliDatabase): SyncService {
  let s = services.get(db);
  if (!s) {
    // Sync's start-up reads wait for the first screen (issue #14: opening the app with a year of data stored).
    s = createSyncService(db, { startAfter: afterFirstScreen() });
    services.set(db, s);
    // Files this PC holds go up whenever signed in and online (db/blobs.ts), for as long as the window lives.
    const stopUploads = blobStoreFor(db).connect(s.blobs);
    db.onClose.push(stopUploads);
    // After a sync, remember outside IndexedDB that this PC held the compound's data (issue #15, storage loss).
    db.onClose.push(recordHeldDataOnSync(db, s.store));
  }
  return s;
}

export function SyncProvider({ db, children }: { db: LinliDatabase; children: ReactNode }) {
  const [service] = useState(() => serviceFor(db));
  return <SyncContext.Provider value={service}>{children}</SyncContext.Provider>;
}

export function useSyncService(): SyncService {
  const s = useContext(SyncContext);
  if (!s) throw new Error('useSyncService outside SyncProvider');
  return s;
}

export function useSyncStatus<T>(select: (s: SyncStoreState) => T): T {
  return useStore(useSyncService().store, select);
}

/** Re-renders every `ms` so that relative times ("3 分钟前") stay true. */
export function useTick(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
