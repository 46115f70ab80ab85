// Records the held-data marker (db/held-data.ts) after successful syncs: at the first one of a window, then at most
// every `everyMs` (lastSyncAt moves after every exchange; counting the documents each time would be waste).
import type { StoreApi } from 'zustand/vanilla';
import type { LinliDatabase } from '../db/database';
import { recordHeldData } from '../db/held-data';
import type { SyncStoreState } from './sync-service';

export const RECORD_EVERY_MS = 10 * 60_000;

type RecordFn = (db: LinliDatabase, event: Parameters<typeof recordHeldData>[1]) => Promise<boolean>;

/** Starts watching; returns the stop function. */
export function recordHeldDataOnSync(
  db: LinliDatabase,
  store: StoreApi<SyncStoreState>,
  options: { everyMs?: number; now?: () => number; record?: RecordFn } = {},
): () => void {
  const everyMs = options.everyMs ?? RECORD_EVERY_MS;
  const now = options.now ?? Date.now;
  const record = options.record ?? ((d, e) => recordHeldData(d, e));
  let last: number | null = null;
  let busy = false;
  return store.subscribe((s, prev) => {
    if (!s.lastSyncAt || s.lastSyncAt === prev.lastSyncAt || !s.session || busy) return;
    if (last !== null && now() - last < everyMs) return;
    busy = true;
    void record(db, { via: 'sync', compoundCode: s.session.compound.code, at: s.lastSyncAt })
      .then((saved) => {
        // Nothing saved (an empty database, a host that failed): try again at the next sync.
        if (saved) last = now();
      })
      .finally(() => {
        busy = false;
      });
  });
}
