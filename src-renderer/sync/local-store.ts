// The sync engine's access to the local RxDB store (issue #7). It reads and writes at the storage level, below the
// collection's hooks: a write made here is the server's state arriving, not a user's change, so the hooks that mark
// user writes as unpushed (db/database.ts) must not see it. Every write is a compare-and-set on the stored revision,
// so a user's write that lands in between is never overwritten: the caller re-reads and decides again.
import { createRevision, getChangedDocumentsSince, now, type RxDocumentData, type RxStorageInstance } from 'rxdb';
import type { CollectionName } from '../../shared/schema';
import type { DocSync, ReplicatedDoc } from '../../shared/sync/protocol';
import { contentOf } from '../../shared/sync/content';
import type { JsonObject } from '../../shared/domain/conflicts/merge';
import type { LinliDatabase } from '../db/database';

/** A stored document as the engine sees it. */
export type StoredDoc = RxDocumentData<{ id: string; sync?: DocSync } & Record<string, unknown>>;

export const seqOf = (doc: { sync?: DocSync } | undefined): number => doc?.sync?.seq ?? 0;
export const isDirty = (doc: { sync?: DocSync } | undefined): boolean => doc?.sync?.dirty === true;

export { contentOf };

/** What a push sends: the content only (the server ignores sync, and RxDB internals never travel). */
export const wireOf = (doc: StoredDoc): ReplicatedDoc => contentOf(doc) as unknown as ReplicatedDoc;

export type LocalStore = {
  read: (name: CollectionName, ids: readonly string[]) => Promise<Map<string, StoredDoc>>;
  /**
   * Writes `content` with `sync` over `previous` (undefined: the document must not exist yet). Returns false when
   * the stored document changed since `previous` was read, and nothing was written.
   */
  write: (name: CollectionName, rows: readonly WriteRow[], context: string) => Promise<{ conflicted: Set<string>; written: StoredDoc[] }>;
  /**
   * When the oldest of this store's writes still under way began (Date.now()), or null: its documents carry write
   * stamps from then on but are not stored (nor announced) yet. The sync index's saved copy ends before it.
   */
  writingSince: () => number | null;
  /** Every stored document of a collection (or those written after `since`), tombstones included, in pages. */
  scan: (name: CollectionName, onPage: (docs: StoredDoc[]) => void, since?: { readonly id: string; readonly lwt: number }) => Promise<void>;
};

export type WriteRow = { previous: StoredDoc | undefined; content: JsonObject; sync: DocSync };

type Instance = RxStorageInstance<StoredDoc, unknown, unknown>;

export function localStore(db: LinliDatabase): LocalStore {
  const instance = (name: CollectionName) => db.collections[name].storageInstance as unknown as Instance;
  // Start times of the writes under way.
  const writing = new Map<number, number>();
  let nextWrite = 0;
  return {
    writingSince: () => (writing.size === 0 ? null : Math.min(...writing.values())),
    async read(name, ids) {
      const found = ids.length === 0 ? [] : await instance(name).findDocumentsById([...ids], true);
      return new Map(found.map((d) => [d.id, d]));
    },
    async write(name, rows, context) {
      const conflicted = new Set<string>();
      if (rows.length === 0) return { conflicted, written: [] };
      const key = nextWrite++;
      writing.set(key, Date.now());
      try {
      const writes = rows.map(({ previous, content, sync }) => {
        const document = {
          ...content,
          _deleted: content._deleted === true,
          sync: sync.dirty ? { seq: sync.seq, dirty: true } : { seq: sync.seq },
          _attachments: {},
          _meta: { ...(previous?._meta ?? {}), lwt: now() },
          _rev: createRevision(db.token, previous),
        } as unknown as StoredDoc;
        return previous ? { previous, document } : { document };
      });
      const result = await instance(name).bulkWrite(writes, context);
      for (const e of result.error) {
        if (e.status === 409) conflicted.add(String(e.documentId));
        else throw new Error(`local write of ${name}/${String(e.documentId)} failed (${e.status})`);
      }
      return { conflicted, written: writes.map((w) => w.document).filter((d) => !conflicted.has(d.id)) };
      } finally {
        writing.delete(key);
      }
    },
    async scan(name, onPage, since) {
      let checkpoint: unknown = since;
      for (;;) {
        const page = await getChangedDocumentsSince(instance(name) as never, 500, checkpoint as never);
        if (page.documents.length === 0) return;
        onPage(page.documents as unknown as StoredDoc[]);
        checkpoint = page.checkpoint;
        if (page.documents.length < 500) return;
      }
    },
  };
}
