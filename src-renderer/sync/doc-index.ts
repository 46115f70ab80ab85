// What the local store holds, per document: the server seq of its version, whether it is deleted, and whether it
// carries a local change the server has not accepted (`sync.dirty`). Built by one scan at start and kept current
// from the database's change events (every write, the sync engine's and the user's, in any tab). The pending count
// is derived from it, so it is 0 exactly when no document holds an unpushed change (issue #7, cause 4), and the
// anti-entropy digest is computed from it without reading the store again.
//
// A restart does not read every document first (issue #14): the index starts from its saved copy (index-snapshot.ts),
// reads only what was written since (with a margin), and is ready; a full read follows in the background a little
// later and corrects whatever the copy got wrong, waking the lanes if it finds an unpushed change.
import { getHeightOfRevision } from 'rxdb';
import { BehaviorSubject, type Subscription } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { digestOf } from '../../shared/sync/digest';
import type { DigestResponse } from '../../shared/sync/protocol';
import { closingOf, type LinliDatabase } from '../db/database';
import type { IndexSnapshot, SnapshotEntry, SnapshotStore, StoreCheckpoint } from './index-snapshot';
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

export type DocIndexOptions = {
  /** The saved copy; null: read everything at start (the default where there is no IndexedDB). */
  readonly snapshots?: SnapshotStore | null;
  /** Documents written up to this long before the copy's checkpoint are read again (a late event), ms. */
  readonly marginMs?: number;
  /** When the background full read runs after a start from the copy, ms. */
  readonly verifyAfterMs?: number;
  /** How long after a change the copy is saved at the soonest, ms. */
  readonly saveAfterMs?: number;
  /** The first read waits for this (ui/first-screen.ts); changes made meanwhile are tracked from their events. */
  readonly startAfter?: Promise<unknown>;
};

export function trackDocIndex(db: LinliDatabase, store: LocalStore, options: DocIndexOptions = {}): DocIndex {
  const snapshots = options.snapshots ?? null;
  // Covers events still on their way when the copy was saved (another tab's write reaches this one within
  // milliseconds); anything later (a clock set back, a busy tab) is the background read's to find. Measured back from the
  // copy's checkpoint (see snapshot below), so a wide margin would read a whole first sync again at the next start.
  const marginMs = options.marginMs ?? 250;
  const verifyAfterMs = options.verifyAfterMs ?? 30_000;
  const saveAfterMs = options.saveAfterMs ?? 1_000;
  const maps = new Map<CollectionName, Map<string, IndexEntry>>(COLLECTION_NAMES.map((n) => [n, new Map()]));
  // The documents with an unpushed change (id → revision): the engine asks for them on every local write.
  const dirtyDocs = new Map<CollectionName, Map<string, string>>(COLLECTION_NAMES.map((n) => [n, new Map()]));
  const count$ = new BehaviorSubject(0);
  const listeners = new Set<(name: CollectionName) => void>();
  // Ids written since a read of the store began: their event is newer than anything that read may still return.
  const seenDuringScan = new Map<CollectionName, Set<string>>(COLLECTION_NAMES.map((n) => [n, new Set()]));
  let scanning = true;
  let stopped = false;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let verifyTimer: ReturnType<typeof setTimeout> | null = null;
  let isReady = false;

  const put = (name: CollectionName, id: string, next: IndexEntry) => {
    maps.get(name)!.set(id, next);
    if (next.dirty) dirtyDocs.get(name)!.set(id, next.rev);
    else dirtyDocs.get(name)!.delete(id);
  };
  const set = (name: CollectionName, doc: StoredDoc) => {
    put(name, doc.id, { seq: seqOf(doc), deleted: doc._deleted === true, dirty: isDirty(doc), rev: doc._rev });
  };

  // The checkpoint is the time of the copy, or the start of the sync engine's oldest write still under way if
  // earlier: every write is stamped with the clock when it is made (RxDB's lwt), so what is written after that has a
  // later stamp, and what was written before it is in the copy (its event has arrived, but for the last few
  // milliseconds of a user's write in another tab: the margin).
  const snapshot = (): IndexSnapshot => {
    const at = Math.min(Date.now(), store.writingSince() ?? Infinity);
    return {
    version: 1,
    savedAt: Date.now(),
    collections: Object.fromEntries(
      COLLECTION_NAMES.map((name) => [
        name,
        {
          checkpoint: { id: '', lwt: at },
          entries: [...maps.get(name)!].map(([id, e]): SnapshotEntry => [id, e.seq, e.deleted ? 1 : 0, e.dirty ? 1 : 0, e.rev]),
        },
      ]),
    ),
    };
  };
  // How long the last save took: saves are spaced at least ten times that apart, so a first sync of tens of thousands
  // of documents does not spend more than a tenth of its time saving, while a small one is saved within a second.
  let lastSaveMs = 0;
  const saveNow = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (!snapshots || !isReady) return;
    const t = performance.now();
    const copy = snapshot();
    void snapshots.save(copy).then(() => (lastSaveMs = performance.now() - t));
  };
  const scheduleSave = () => {
    if (!snapshots || !isReady || stopped || saveTimer) return;
    saveTimer = setTimeout(saveNow, Math.max(saveAfterMs, 10 * lastSaveMs));
  };
  const onHide = () => {
    if (globalThis.document?.visibilityState === 'hidden') saveNow();
  };
  globalThis.document?.addEventListener?.('visibilitychange', onHide);

  const publish = () => {
    let n = 0;
    for (const d of dirtyDocs.values()) n += d.size;
    if (count$.getValue() !== n) count$.next(n);
    scheduleSave();
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


  /** Reads the store (after `since`, or all of it) into the index; documents written meanwhile keep their event's state. */
  const scanInto = async (name: CollectionName, since: StoreCheckpoint | undefined, visit: (doc: StoredDoc) => void) => {
    await store.scan(name, (docs) => {
      for (const d of docs) if (!seenDuringScan.get(name)!.has(d.id)) visit(d);
    }, since);
  };

  // The database may close while the first read waits (a restore reopens it; a test ends): then there is nothing to
  // read, and `ready` resolves with the index left empty.
  const closing = closingOf(db);
  const gone = () => stopped || closing();
  const ready = (async () => {
    await options.startAfter;
    if (gone()) return;
    const saved = snapshots ? await snapshots.load() : null;
    for (const name of COLLECTION_NAMES) {
      if (gone()) return;
      const part = saved?.collections[name];
      const seen = seenDuringScan.get(name)!;
      for (const [id, seq, deleted, dirty, rev] of part?.entries ?? []) {
        if (!seen.has(id)) put(name, id, { seq, deleted: deleted === 1, dirty: dirty === 1, rev });
      }
      const since = part?.checkpoint ? { id: '', lwt: Math.max(0, part.checkpoint.lwt - marginMs) } : undefined;
      try {
        await scanInto(name, since, (d) => set(name, d));
      } catch (e) {
        if (gone()) return;
        throw e;
      }
    }
    scanning = false;
    for (const seen of seenDuringScan.values()) seen.clear();
    isReady = true;
    publish();
    for (const name of COLLECTION_NAMES) for (const fn of listeners) fn(name);
    if (saved && !stopped) verifyTimer = setTimeout(() => void verify(), verifyAfterMs);
  })();

  /** The background full read after a start from the copy: the store is the truth; the copy only saved time. */
  const verify = async () => {
    verifyTimer = null;
    if (stopped) return;
    scanning = true;
    const changed = new Set<CollectionName>();
    try {
      for (const name of COLLECTION_NAMES) {
        const found = new Set<string>();
        await scanInto(name, undefined, (d) => {
          found.add(d.id);
          const held = maps.get(name)!.get(d.id);
          if (held?.rev === d._rev && held.dirty === isDirty(d) && held.seq === seqOf(d) && held.deleted === (d._deleted === true)) return;
          // The sync engine noted a later write of its own meanwhile (note()): this read is older.
          if (held && getHeightOfRevision(held.rev) > getHeightOfRevision(d._rev)) return;
          set(name, d);
          changed.add(name);
        });
        if (stopped) return;
        // Gone from the store (and not written since the read began): gone from the index.
        const seen = seenDuringScan.get(name)!;
        for (const id of [...maps.get(name)!.keys()]) {
          if (found.has(id) || seen.has(id)) continue;
          maps.get(name)!.delete(id);
          dirtyDocs.get(name)!.delete(id);
          changed.add(name);
        }
      }
    } catch (e) {
      console.error('the sync index could not be verified against the store', e);
    } finally {
      scanning = false;
      for (const seen of seenDuringScan.values()) seen.clear();
    }
    if (changed.size > 0) {
      console.warn(`the saved sync index differed from the store in ${[...changed].join(', ')}; corrected`);
      publish();
      for (const name of changed) for (const fn of listeners) fn(name);
    }
  };

  return {
    count$,
    ready,
    entry: (name, id) => maps.get(name)!.get(id),
    note: (name, docs) => {
      for (const d of docs) {
        if (scanning) seenDuringScan.get(name)!.add(d.id);
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
    stop: () => {
      if (isReady && !stopped) saveNow();
      stopped = true;
      if (saveTimer) clearTimeout(saveTimer);
      if (verifyTimer) clearTimeout(verifyTimer);
      globalThis.document?.removeEventListener?.('visibilitychange', onHide);
      subs.forEach((s) => s.unsubscribe());
    },
  };
}
