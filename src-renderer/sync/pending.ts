// Counts local writes not yet accepted by the server, for the sync indicator. Every write to the local database
// that did not come down from the server marks its document; a push the server accepted clears the mark if the
// document has not changed since. Kept in localStorage so that offline work still shows after a restart.
import { BehaviorSubject, type Subscription } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import type { LinliDatabase } from '../db/database';

type Marks = Partial<Record<CollectionName, Record<string, string>>>;

export const PENDING_KEY = 'linli.sync.pending.v1';

export type PendingTracker = {
  count$: BehaviorSubject<number>;
  /** The server accepted this version of the document. */
  confirm: (collection: CollectionName, id: string, updatedAt: string | undefined) => void;
  ids: (collection: CollectionName) => string[];
  stop: () => void;
};

export function trackPending(db: LinliDatabase, storage: Storage): PendingTracker {
  let marks: Marks = {};
  try {
    marks = JSON.parse(storage.getItem(PENDING_KEY) ?? '{}') as Marks;
  } catch {
    marks = {};
  }
  const total = () => Object.values(marks).reduce((n, m) => n + Object.keys(m ?? {}).length, 0);
  const count$ = new BehaviorSubject(total());
  const save = () => {
    try {
      storage.setItem(PENDING_KEY, JSON.stringify(marks));
    } catch {
      // localStorage full: the count is advisory, the documents themselves are safe in IndexedDB.
    }
    count$.next(total());
  };

  const subs: Subscription[] = COLLECTION_NAMES.map((name) =>
    db.collections[name].eventBulks$.subscribe((bulk) => {
      if (bulk.context.startsWith('replication-downstream')) return;
      const m = (marks[name] ??= {});
      for (const ev of bulk.events) {
        const data = ev.documentData as { updatedAt?: string } | undefined;
        m[ev.documentId] = data?.updatedAt ?? '';
      }
      save();
    }),
  );

  return {
    count$,
    confirm(collection, id, updatedAt) {
      const m = marks[collection];
      if (!m || !(id in m)) return;
      if (updatedAt === undefined || m[id] === updatedAt || m[id] === '') {
        delete m[id];
        save();
      }
    },
    ids: (collection) => Object.keys(marks[collection] ?? {}),
    stop: () => subs.forEach((s) => s.unsubscribe()),
  };
}
