// The sync engine's writes of server versions, in one plain IndexedDB transaction (issue #14).
//
// RxDB's Dexie storage reads every document of a bulk write with one IndexedDB get each before it writes, then puts
// through Dexie's middleware. A first sync writes thousands of documents this PC has never held, so those gets find
// nothing and cost about a fifth of the page's time. Here one getAllKeys over the batch's key range says which of its
// documents are stored; only those are read. The decision is RxDB's own (categorizeBulkWriteRows, so a write based on
// an outdated revision still comes back 409 and nothing is overwritten), the stored form is the Dexie storage's
// (fromStorageToDexie), and the change events go out through the instance's own stream, so this tab's queries and
// the other tabs see the write exactly as if the Dexie storage had made it.
import {
  categorizeBulkWriteRows,
  type BulkWriteRow,
  type DexieSettings,
  type DexieStorageInternals,
  type EventBulk,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { fromDexieToStorage, fromStorageToDexie, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { requestDone } from './idb-request';

type DexieState = Awaited<DexieStorageInternals>;
type Doc = RxDocumentData<Record<string, unknown>>;
/** The parts of RxDB's Dexie instance this path relies on (changes$ is private in RxDB's types). */
type DexieInstance = Pick<RxStorageInstanceDexie<Record<string, unknown>>, 'closed' | 'collectionName' | 'internals' | 'primaryPath' | 'schema'> & {
  changes$: { next: (bulk: EventBulk<RxStorageChangeEvent<Doc>, RxStorageDefaultCheckpoint>) => void };
};

/** Wraps RxDB's Dexie storage: bulk writes made in one of `contexts` take the path above. */
export function withServerWrites(storage: RxStorage<DexieStorageInternals, DexieSettings>, contexts: ReadonlySet<string>): RxStorage<DexieStorageInternals, DexieSettings> {
  return Object.assign({}, storage, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, DexieSettings>) {
      const instance = await storage.createStorageInstance(params);
      const dexie = instance as unknown as DexieInstance;
      const toStored = storedForm(params.schema as unknown as JsonSchema);
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows: BulkWriteRow<RxDocType>[], context: string): Promise<RxStorageBulkWriteResponse<RxDocType>> =>
        contexts.has(context) && rows.every(withoutAttachments)
          ? (serverWrite(dexie, toStored, rows as unknown as BulkWriteRow<Doc>[], context) as unknown as Promise<RxStorageBulkWriteResponse<RxDocType>>)
          : write(rows, context);
      return instance;
    },
  });
}

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  additionalProperties?: unknown;
  patternProperties?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  type?: unknown;
};

/** RxDB's own top-level fields: they hold its keys (_meta.lwt), never one starting with '|'. */
const RXDB_FIELDS = new Set(['_meta', '_rev', '_attachments', '_deleted']);

/**
 * The Dexie storage renames every key that starts with '|' (key compression's) in a deep copy of each document. A
 * schema whose objects all list their keys (additionalProperties: false) and name none so (nor '__', the renamed
 * form) has nothing to rename: its documents need only a shallow copy with the boolean indexes as '1'/'0'. Any other
 * schema keeps the Dexie storage's own conversion.
 */
export function storedForm(schema: JsonSchema): (booleanIndexes: string[], doc: Doc) => unknown {
  const plain = (s: JsonSchema, top: boolean): boolean => {
    const items = s.items === undefined ? [] : Array.isArray(s.items) ? s.items : [s.items];
    const branches = [...items, ...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])];
    if (!branches.every((b) => plain(b, false))) return false;
    const isObject = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || s.properties !== undefined;
    if (!isObject) return true;
    if (s.additionalProperties !== false || s.patternProperties !== undefined) return false;
    return Object.entries(s.properties ?? {}).every(
      ([key, p]) => (top && RXDB_FIELDS.has(key)) || (!key.startsWith('|') && !key.startsWith('__') && plain(p, false)),
    );
  };
  if (!plain(schema, true)) return fromStorageToDexie;
  return (booleanIndexes, doc) => {
    const stored: Record<string, unknown> = { ...doc };
    for (const path of booleanIndexes) {
      if (path.includes('.')) return fromStorageToDexie(booleanIndexes, doc);
      stored[path] = doc[path] ? '1' : '0';
    }
    return stored;
  };
}

const withoutAttachments = (row: BulkWriteRow<unknown>): boolean =>
  Object.keys((row.document as Doc)._attachments ?? {}).length === 0 && Object.keys((row.previous as Doc | undefined)?._attachments ?? {}).length === 0;

async function serverWrite(instance: DexieInstance, toStored: (booleanIndexes: string[], doc: Doc) => unknown, rows: BulkWriteRow<Doc>[], context: string): Promise<RxStorageBulkWriteResponse<Doc>> {
  if (instance.closed) throw new Error(`${instance.collectionName}: storage closed`);
  if (rows.length === 0) return { error: [] };
  const state: DexieState = await instance.internals;
  const primary = instance.primaryPath as string;
  const ids = rows.map((r) => String(r.document[primary]));
  const idb = state.dexieDb.backendDB();
  const tx = idb.transaction(state.dexieTable.name, 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error(`${instance.collectionName}: write aborted`));
  });
  // Rejections surface through `done` (or the awaited reads); a second listener must not report them as unhandled.
  done.catch(() => undefined);
  let categorized: ReturnType<typeof categorizeBulkWriteRows<Doc>>;
  try {
    const store = tx.objectStore(state.dexieTable.name);
    // IndexedDB orders string keys by UTF-16 code unit, as Array.prototype.sort does.
    const sorted = [...ids].sort();
    const range = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);
    const keys = (await requestDone(store.getAllKeys(range))) as string[];
    const wanted = new Set(ids);
    const held = keys.filter((k) => wanted.has(k));
    // Most of the range is this batch's (a push's acceptance, a page of updates): one read of the range costs less
    // than a read per document.
    const stored =
      held.length > 64 && held.length * 4 >= keys.length
        ? ((await requestDone(store.getAll(range))) as Doc[]).filter((d) => wanted.has(String(d[primary])))
        : await Promise.all(held.map((id) => requestDone(store.get(id))));
    const docsInDb = new Map<string, Doc>();
    for (const d of stored) if (d) docsInDb.set(String((d as Doc)[primary]), fromDexieToStorage(state.booleanIndexes, d) as Doc);
    categorized = categorizeBulkWriteRows<Doc>(instance as never, primary as never, docsInDb, rows, context);
    for (const row of [...categorized.bulkInsertDocs, ...categorized.bulkUpdateDocs]) store.put(toStored(state.booleanIndexes, row.document));
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already finished: the error below is the one to report
    }
    throw e;
  }
  await done;
  const bulk = categorized.eventBulk;
  if (bulk.events.length > 0) {
    const last = categorized.newestRow!.document;
    bulk.checkpoint = { id: String(last[primary]), lwt: last._meta.lwt };
    instance.changes$.next(bulk);
  }
  return { error: categorized.errors };
}
