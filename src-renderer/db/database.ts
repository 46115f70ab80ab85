// The one RxDB database of the app, on the Dexie storage (IndexedDB). Opened once per window.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
// Not rxdb/plugins/validate-ajv: ajv compiles with `new Function`, which the CSP forbids (see validate-storage.ts).
import { wrappedValidateStorage } from './validate-storage';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionDocs, type CollectionName } from '../../shared/schema';
import { makeConflictHandler, type ConflictContext } from '../sync/conflict-handler';
import { deviceId } from '../sync/device';
import { getOperatorName } from './operator';
import { lockedAgainst } from '../../shared/domain/minutes/lock';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);

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
    storage: wrappedValidateStorage({ storage: getRxStorageDexie(dexieSettings) }),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  const context = options.conflict ?? defaultConflictContext;
  const conflictHandler = makeConflictHandler(context);
  // A meeting finalised on another PC keeps this PC's draft edits as conflict copies, never merged in (M16).
  const meetingsConflictHandler = makeConflictHandler(context, lockedAgainst);
  await db.addCollections(
    Object.fromEntries(
      COLLECTION_NAMES.map((name) => [name, { ...COLLECTIONS[name], conflictHandler: name === 'meetings' ? meetingsConflictHandler : conflictHandler }]),
    ) as unknown as typeof COLLECTIONS,
  );
  return db;
}
