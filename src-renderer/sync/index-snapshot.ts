// A saved copy of the sync index (doc-index.ts), so that a restart does not read every stored document before the
// first screen: 50,000 vouchers take seconds to read, and that read competed with the screen's own. The copy is a
// cache, never the truth: the index loads it, reads only what changed since (a margin before its checkpoint), and a
// full read later in the background corrects anything the copy missed (a clock set back, a copy from a crash).
// Kept in its own plain IndexedDB database (like db/blobs.ts), one record per RxDB database.
import type { CollectionName } from '../../shared/schema';
import { requestDone } from '../db/idb-request';

/** [id, seq, deleted, dirty, rev] */
export type SnapshotEntry = readonly [id: string, seq: number, deleted: 0 | 1, dirty: 0 | 1, rev: string];

/** RxDB's storage checkpoint: documents written after (lwt, id). */
export type StoreCheckpoint = { readonly id: string; readonly lwt: number };

export type IndexSnapshot = {
  readonly version: 1;
  readonly savedAt: number;
  readonly collections: Partial<Record<CollectionName, { readonly checkpoint: StoreCheckpoint | null; readonly entries: readonly SnapshotEntry[] }>>;
};

export type SnapshotStore = {
  load: () => Promise<IndexSnapshot | null>;
  save: (snapshot: IndexSnapshot) => Promise<void>;
  clear: () => Promise<void>;
};

const DB_NAME = 'linli-sync-index';
const STORE = 'snapshots';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB open blocked'));
  });
}

const isSnapshot = (v: unknown): v is IndexSnapshot =>
  typeof v === 'object' && v !== null && (v as IndexSnapshot).version === 1 && typeof (v as IndexSnapshot).collections === 'object';

/**
 * The snapshot of one RxDB database, keyed by its name and storage token (made when its storage was created), so that
 * a database deleted and made again never meets the copy of the old one. Failures read as "no snapshot" and are
 * logged: the index then reads everything.
 */
export function snapshotStore(key: Promise<string>): SnapshotStore {
  let opening: Promise<IDBDatabase> | null = null;
  const db = () => (opening ??= open());
  const tx = async (mode: IDBTransactionMode) => (await db()).transaction(STORE, mode).objectStore(STORE);
  return {
    async load() {
      if (typeof indexedDB === 'undefined') return null;
      try {
        const v: unknown = await requestDone((await tx('readonly')).get(await key));
        return isSnapshot(v) ? v : null;
      } catch (e) {
        console.error('reading the sync index snapshot failed', e);
        return null;
      }
    },
    async save(snapshot) {
      if (typeof indexedDB === 'undefined') return;
      try {
        await requestDone((await tx('readwrite')).put(snapshot, await key));
      } catch (e) {
        console.error('saving the sync index snapshot failed', e);
      }
    },
    async clear() {
      if (typeof indexedDB === 'undefined') return;
      try {
        await requestDone((await tx('readwrite')).delete(await key));
      } catch (e) {
        console.error('clearing the sync index snapshot failed', e);
      }
    },
  };
}

/**
 * Deletes every saved copy of the RxDB database `dbName`, whatever its storage token: its documents are gone (a
 * wiped or lost store, issue #15), so no copy may describe them to the index again.
 */
export async function clearSnapshotsOf(dbName: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    const db = await open();
    try {
      const prefix = `${dbName}|`;
      await requestDone(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(IDBKeyRange.bound(prefix, `${prefix}\uffff`)));
    } finally {
      db.close();
    }
  } catch (e) {
    console.error('clearing the sync index snapshots failed', e);
  }
}
