// The held-data marker (issue #15, "Storage loss"): after a sync and after every backup this PC records, outside
// IndexedDB, that it held the compound's data (desktop: main's own file; web host: localStorage — 'state:get' and
// 'state:set'). At start, an empty or unreadable database is then told apart from a new PC (app/App.tsx).
import { getChangedDocumentsSince, removeRxDatabase, type RxStorageInstance } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Bridge } from '../../shared/bridge';
import { COLLECTION_NAMES } from '../../shared/schema';
import type { HeldDataMarker } from '../../shared/domain/storage';
import { getBridge } from '../bridge/index';
import type { LinliDatabase } from './database';

/** True when no collection holds any document, deleted ones included (read below RxDB's queries, which skip those). */
export async function isDatabaseEmpty(db: LinliDatabase): Promise<boolean> {
  for (const name of COLLECTION_NAMES) {
    const instance = db.collections[name].storageInstance as unknown as RxStorageInstance<{ id: string }, unknown, unknown>;
    const page = await getChangedDocumentsSince(instance as never, 1);
    if (page.documents.length > 0) return false;
  }
  return true;
}

/** Live documents in every collection: "roughly how many" for the marker. */
export async function countDocuments(db: LinliDatabase): Promise<number> {
  let total = 0;
  for (const name of COLLECTION_NAMES) total += await db.collections[name].count().exec();
  return total;
}

/** The marker the host keeps; null when there is none or the host cannot answer (logged). */
export async function readHeldData(bridge: Bridge = getBridge()): Promise<HeldDataMarker | null> {
  try {
    const r = await bridge['state:get']({});
    if (r.ok) return r.value.heldData;
    console.error('state:get failed', r.error);
  } catch (e) {
    console.error('state:get failed', e);
  }
  return null;
}

/** Saves (or, with null, forgets) the marker; false when the host could not (logged: it is a safety net, not data). */
export async function writeHeldData(marker: HeldDataMarker | null, bridge: Bridge = getBridge()): Promise<boolean> {
  try {
    const r = await bridge['state:set']({ heldData: marker });
    if (r.ok) return true;
    console.error('state:set failed', r.error);
  } catch (e) {
    console.error('state:set failed', e);
  }
  return false;
}

export type HeldDataEvent = {
  via: HeldDataMarker['via'];
  /** The compound's code when known (the sync session's, or the backup's). */
  compoundCode: string | null;
  /** When (ISO); the sync's lastSyncAt, or the backup's createdAt. */
  at: string;
};

/**
 * Records that `db` holds the compound's data now: call after a successful sync and after every backup. A database
 * that holds nothing records nothing (an empty compound's sync is not worth a loss screen). Never throws.
 */
export async function recordHeldData(db: LinliDatabase, event: HeldDataEvent, bridge: Bridge = getBridge()): Promise<boolean> {
  try {
    const docCount = await countDocuments(db);
    if (docCount === 0) return false;
    return await writeHeldData(
      { version: 1, compoundCode: event.compoundCode === '' ? null : event.compoundCode, at: event.at, docCount, dbName: db.name, via: event.via },
      bridge,
    );
  } catch (e) {
    console.error('recording the held-data marker failed', e);
    return false;
  }
}

/**
 * Deletes the local database `name` that no longer opens (the 'unreadable' screen, after the user confirmed), so that
 * the next start makes a new one to restore or sync into. RxDB's own removal first; if that cannot read the
 * database either, Dexie's IndexedDB databases of that name directly. False when neither worked.
 */
export async function removeLocalDatabase(name: string): Promise<boolean> {
  try {
    await removeRxDatabase(name, getRxStorageDexie(), false);
    return true;
  } catch (e) {
    console.error('removing the database through RxDB failed; deleting its IndexedDB databases', e);
  }
  try {
    const prefix = `rxdb-dexie-${name}--`;
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix));
    await Promise.all(
      names.map(
        (n) =>
          new Promise<void>((resolve, reject) => {
            const req = indexedDB.deleteDatabase(n);
            req.onsuccess = () => resolve();
            req.onerror = () => reject(req.error ?? new Error(`deleting ${n} failed`));
            req.onblocked = () => reject(new Error(`deleting ${n} is blocked by another window`));
          }),
      ),
    );
    return true;
  } catch (e) {
    console.error('deleting the database failed', e);
    return false;
  }
}
