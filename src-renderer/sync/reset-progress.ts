// Forgets how far this PC has synced (issue #15, "Storage loss"). The pull checkpoints live in localStorage, beside
// but apart from the documents in IndexedDB: when the documents are gone and the checkpoints are not, the next pull
// would start from the old checkpoint and never bring back what was lost.
import { clearSnapshotsOf } from './index-snapshot';
import { LAST_SYNC_KEY, VERIFIED_KEY } from './session-store';

/** Every key replication.ts's checkpointKey makes starts with this (reset-progress.test.ts keeps them in step). */
export const CHECKPOINT_PREFIX = 'linli.sync.checkpoint.v2|';

/** Removes every pull checkpoint (any server, compound, collection); answers how many there were. */
export function resetSyncCheckpoints(storage: Storage): number {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const k = storage.key(i);
    if (k !== null && k.startsWith(CHECKPOINT_PREFIX)) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
  return keys.length;
}

/** The "上次同步 / 上次核对" times the indicator shows: after a loss they describe data this PC no longer has. */
export function forgetSyncTimes(storage: Storage): void {
  storage.removeItem(LAST_SYNC_KEY);
  storage.removeItem(VERIFIED_KEY);
}

/** The checkpoints, and the sync index's saved copies of database `dbName`: the next sync pulls everything. */
export async function resetSyncProgress(storage: Storage, dbName: string): Promise<void> {
  resetSyncCheckpoints(storage);
  await clearSnapshotsOf(dbName);
}
