// What the local store holds, per document: the server seq of its version, whether it is deleted, and whether it
// carries a local change the server has not accepted (`sync.dirty`). Built by one scan at start and kept current
// from the database's change events (every write, the sync engine's and the user's, in any tab). The pending count
// is derived from it, so it is 0 exactly when no document holds an unpushed change (issue #7, cause 4), and the
// anti-entropy digest is computed from it without reading the store again.
import { getHeightOfRevision } from 'rxdb';
import { BehaviorSubject, type Subscription } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { digestOf } from '../../shared/sync/digest';
import type { DigestResponse } from '../../shared/sync/protocol';
import type { LinliDatabase } from '../db/database';
import { isDirty, seqOf, type LocalStore, type StoredDoc } from './local-store';

export type IndexEntry = { seq: number; deleted: boolean; dirty: boolean; rev: string };

export type DocIndex = {
  /** Number of documents with an unpushed local change, every collection. */
  count$: BehaviorSubject<number>;
  /** Resolves once the first scan has finished. */
  ready: Promise<void>;
  entry: (name: CollectionName, id: string) => IndexEntry | undefined;
  dirty: (name: CollectionName) => { id: string; rev: string }[];
  entries: (name: CollectionName) => ReadonlyMap<string, IndexEntry>;
  digest: (name: CollectionName) => DigestResponse;
  /**
   * Records documents the sync engine wrote. RxDB emits no event for a tombstone stored for a document this PC
   * never had, so the engine reports its own writes here too.
   */
  note: (name: CollectionName, docs: readonly StoredDoc[]) => void;
  /** Called on every change, with the collection (for the engine to wake up). */
  onChange: (fn: (name: CollectionName) => void) => () => void;
  stop: () => void;
};

export function trackDocIndex(db: LinliDatabase, store: LocalStore): DocIndex {
  const maps = new Map<CollectionName, Map<string, IndexEntry>>(COLLECTION_NAMES.map((n) => [n, new Map()]));
  // The documents with an unpushed change (id → revision): the engine asks for them on every local write.
  const dirtyDocs = new Map<CollectionName, Map<string, string>>(COLLECTION_NAMES.map((n) => [n, new Map()]));
  const count$ = new BehaviorSubject(0);
  const listeners = new Set<(name: CollectionName) => void>();
  // Ids written since the scan began: their event is newer than anything the scan may still return.
  const seenDuringScan = new Map<CollectionName, Set<string>>(COLLECTION_NAMES.map((n) => [n, new Set()]));
  let scanning = true;

  const set = (name: CollectionName, doc: StoredDoc) => {
    const next: IndexEntry = { seq: seqOf(doc), deleted: doc._deleted === true, dirty: isDirty(doc), rev: doc._rev };
    maps.get(name)!.set(doc.id, next);
    if (next.dirty) dirtyDocs.get(name)!.set(doc.id, next.rev);
    else dirtyDocs.get(name)!.delete(doc.id);
  };
  const publish = () => {
    let n = 0;
    for (const d of dirtyDocs.values()) n += d.size;
    if (count$.getValue() !== n) count$.next(n);
  };

  const subs: Subscription[] = COLLECTION_NAMES.map((name) =>
    db.collections[name].eventBulks$.subscribe((bulk) => {
      for (const ev of bulk.events) {
        const data = ev.documentData as unknown as StoredDoc | undefined;
        if (!data) continue;
        if (scanning) seenDuringScan.get(name)!.add(ev.documentId);
        set(name, data);
      }
      publish();
      for (const fn of listeners) fn(name);
    }),
  );

  const ready = (async () => {
    for (const name of COLLECTION_NAMES) {
      await store.scan(name, (docs) => {
        for (const d of docs) if (!seenDuringScan.get(name)!.has(d.id)) set(name, d);
      });
    }
    scanning = false;
    seenDuringScan.clear();
    publish();
    for (const name of COLLECTION_NAMES) for (const fn of listeners) fn(name);
  })();

  return {
    count$,
    ready,
    entry: (name, id) => maps.get(name)!.get(id),
    note: (name, docs) => {
      for (const d of docs) {
        const held = maps.get(name)!.get(d.id);
        // An event may already have brought this write, or a later one of the user's.
        if (!held || getHeightOfRevision(held.rev) < getHeightOfRevision(d._rev)) set(name, d);
      }
      publish();
    },
    dirty: (name) => [...dirtyDocs.get(name)!].map(([id, rev]) => ({ id, rev })),
    entries: (name) => maps.get(name)!,
    digest: (name) => digestOf([...maps.get(name)!].filter(([, e]) => !e.deleted).map(([id, e]) => ({ id, seq: e.seq }))),
    onChange: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    stop: () => subs.forEach((s) => s.unsubscribe()),
  };
}
