// What the database holds before RxDB migrates it (issue #15: a backup before every schema migration). RxDB keeps a
// collection's documents of an older schema version in their own storage instance until the migration has copied
// them; opened with `autoMigrate: false`, the app can read them there first, as they are, at their old version.
import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';
import { getOldCollectionMeta } from 'rxdb/plugins/migration-schema';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { contentOf } from '../../shared/sync/content';
import type { DocSync } from '../../shared/sync/protocol';
import type { LinliDatabase } from './database';

export type PendingMigration = { name: CollectionName; fromVersion: number; toVersion: number };

/** A document as it is stored: its fields and `_deleted`, its sync state; no RxDB internals. */
export type SnapshotDoc = Record<string, unknown> & { id: string; _deleted: boolean; sync?: DocSync };

export type MigrationSnapshot = {
  /** The schema version of each collection's documents below (the old one where a migration is pending). */
  schemaVersions: Record<CollectionName, number>;
  /** Every stored document of every collection, tombstones included. */
  documents: Record<CollectionName, SnapshotDoc[]>;
};

/** What openDatabase's beforeMigration hook is given: the database about to migrate, and its documents on demand. */
export type BeforeMigration = {
  databaseName: string;
  pending: readonly PendingMigration[];
  snapshot: () => Promise<MigrationSnapshot>;
};

/** Collections whose stored documents are of an older schema version (opened with autoMigrate: false). */
export async function pendingMigrations(db: LinliDatabase): Promise<PendingMigration[]> {
  const out: PendingMigration[] = [];
  for (const name of COLLECTION_NAMES) {
    const collection = db.collections[name];
    if (collection.schema.version === 0 || !(await collection.migrationNeeded())) continue;
    const meta = await getOldCollectionMeta(collection.getMigrationState());
    if (meta) out.push({ name, fromVersion: meta.data.schema.version, toVersion: collection.schema.version });
  }
  return out;
}

const PAGE = 500;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's storage instances are typed per document type
type AnyInstance = RxStorageInstance<any, unknown, unknown, unknown>;

async function readAll(instance: AnyInstance): Promise<SnapshotDoc[]> {
  const out: SnapshotDoc[] = [];
  let checkpoint: unknown = undefined;
  for (;;) {
    const page = await getChangedDocumentsSince(instance, PAGE, checkpoint);
    for (const d of page.documents as Array<Record<string, unknown> & { sync?: DocSync }>) {
      const doc = contentOf(d) as SnapshotDoc;
      if (d.sync) doc.sync = d.sync.dirty === true ? { seq: d.sync.seq, dirty: true } : { seq: d.sync.seq };
      out.push(doc);
    }
    if (page.documents.length < PAGE) return out;
    checkpoint = page.checkpoint;
  }
}

/**
 * Every document the database holds now: where a migration is pending, from the old version's storage (complete until
 * the migration has finished, since RxDB removes it only then), elsewhere from the collection itself. Writes nothing.
 */
export async function snapshotBeforeMigration(db: LinliDatabase, pending: readonly PendingMigration[]): Promise<MigrationSnapshot> {
  const schemaVersions = {} as Record<CollectionName, number>;
  const documents = {} as Record<CollectionName, SnapshotDoc[]>;
  for (const name of COLLECTION_NAMES) {
    const collection = db.collections[name];
    const migration = pending.find((p) => p.name === name);
    if (!migration) {
      schemaVersions[name] = collection.schema.version;
      documents[name] = await readAll(collection.storageInstance as unknown as AnyInstance);
      continue;
    }
    const meta = await getOldCollectionMeta(collection.getMigrationState());
    if (!meta) throw new Error(`the ${name} migration has no old collection any more`);
    const old = (await db.storage.createStorageInstance({
      databaseName: db.name,
      collectionName: name,
      databaseInstanceToken: db.token,
      multiInstance: db.multiInstance,
      options: {},
      schema: meta.data.schema,
      password: db.password,
      devMode: false,
    })) as unknown as AnyInstance;
    try {
      schemaVersions[name] = meta.data.schema.version;
      documents[name] = await readAll(old);
    } finally {
      await old.close();
    }
  }
  return { schemaVersions, documents };
}
