// The one RxDB database of the app, on the Dexie storage (IndexedDB). Opened once per window.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
// Not rxdb/plugins/validate-ajv: ajv compiles with `new Function`, which the CSP forbids (see validate-storage.ts).
import { SERVER_VALIDATED_CONTEXTS, wrappedValidateStorage } from './validate-storage';
import { withServerWrites } from './server-writes';
import { checkUserWrites } from './domain-check';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionDocs, type CollectionName } from '../../shared/schema';
import type { ConflictContext } from './conflict-context';
import type { DocSync } from '../../shared/sync/protocol';
import { deviceId } from './device';
import { getOperatorName } from './operator';
import { pendingMigrations, snapshotBeforeMigration, type BeforeMigration } from './migration-snapshot';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);
// One tab of the web host runs sync; the others only read and write the shared store.
addRxPlugin(RxDBLeaderElectionPlugin);

export type LinliCollections = { [K in CollectionName]: RxCollection<CollectionDocs[K]> };
export type LinliDatabase = RxDatabase<LinliCollections>;

export type OpenOptions = {
  /** IndexedDB database name; one per compound profile. */
  name?: string;
  /** Tests pass fake-indexeddb here; the app uses the browser's own IndexedDB. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** RxDB's dev-mode checks, on in development and tests. */
  devMode?: boolean;
  /** Who and which device a conflict copy names (see sync/conflict-handler). */
  conflict?: ConflictContext;
  /**
   * Called before RxDB migrates stored documents to newer schema versions, with what will be migrated and a way to
   * read every document as it is now (issue #15: the desktop backs them up first). Without it RxDB migrates as the
   * collections are added. A hook that fails is logged and the migration runs anyway: the app must open.
   */
  beforeMigration?: (migration: BeforeMigration) => Promise<void>;
};

const defaultConflictContext: ConflictContext = { operator: getOperatorName, deviceId: () => deviceId() };

export const DEFAULT_DB_NAME = 'linli';

let devModeAdded = false;


export async function openDatabase(options: OpenOptions = {}): Promise<LinliDatabase> {
  if (options.devMode && !devModeAdded) {
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
  const dexieSettings =
    options.indexedDB && options.IDBKeyRange ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {};
  const db = await createRxDatabase<LinliCollections>({
    name: options.name ?? DEFAULT_DB_NAME,
    storage: wrappedValidateStorage({ storage: withServerWrites(getRxStorageDexie(dexieSettings), SERVER_VALIDATED_CONTEXTS) }),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  conflictContexts.set(db, options.conflict ?? defaultConflictContext);
  const hook = options.beforeMigration;
  // With a hook, RxDB leaves the stored documents as they are until the hook has seen them.
  const definitions = hook
    ? Object.fromEntries(Object.entries(COLLECTIONS).map(([name, c]) => [name, { ...c, autoMigrate: false }]))
    : COLLECTIONS;
  await db.addCollections(definitions as unknown as Parameters<typeof db.addCollections>[0]);
  if (hook) {
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      try {
        await hook({ databaseName: db.name, pending, snapshot: () => snapshotBeforeMigration(db, pending) });
      } catch (e) {
        console.error('before-migration hook failed; migrating anyway', e);
      }
    }
    for (const name of COLLECTION_NAMES) {
      const collection = db.collections[name];
      if (collection.schema.version !== 0) await collection.migratePromise();
    }
  }
  for (const name of COLLECTION_NAMES) {
    checkUserWrites(db, name);
    markUserWrites(db.collections[name] as unknown as RxCollection<{ sync?: DocSync }>);
  }
  return db;
}

const closingFlags = new WeakMap<LinliDatabase, { closing: boolean }>();

/**
 * Whether the database is closing or closed. RxDB takes the collections away before it sets db.closed, but runs its
 * onClose hooks first: work that waited (the first screen, a restore reopening the database) checks this, not closed.
 */
export function closingOf(db: LinliDatabase): () => boolean {
  const flag = closingFlags.get(db) ?? watchClose(db);
  return () => flag.closing || db.closed;
}

function watchClose(db: LinliDatabase): { closing: boolean } {
  const flag = { closing: false };
  db.onClose.push(async () => {
    flag.closing = true;
  });
  closingFlags.set(db, flag);
  return flag;
}

const conflictContexts = new WeakMap<LinliDatabase, ConflictContext>();

/** Who and which device the conflict copies made on this database name. */
export function conflictContextOf(db: LinliDatabase): ConflictContext {
  return conflictContexts.get(db) ?? defaultConflictContext;
}

/**
 * Every write made through the collection API is a user's change: mark it unpushed (issue #7). The mark is part of
 * the same write, so no crash can separate a change from its mark. An insert is based on no server version; an
 * update or delete keeps the seq of the version it was made on. The sync engine writes below these hooks.
 */
function markUserWrites(collection: RxCollection<{ sync?: DocSync }>): void {
  collection.preInsert((data) => {
    data.sync = { seq: 0, dirty: true };
  }, false);
  const keepBase = (data: { sync?: DocSync }) => {
    data.sync = { seq: data.sync?.seq ?? 0, dirty: true };
  };
  collection.preSave(keepBase, false);
  collection.preRemove(keepBase, false);
}
