// The one RxDB database of the app, on the Dexie storage (IndexedDB). Opened once per window.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { COLLECTIONS, type CollectionDocs, type CollectionName } from '../../shared/schema';

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
};

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
    storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie(dexieSettings) }),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections(COLLECTIONS);
  return db;
}
