// Schema changes go through RxDB's migration strategies. This proves the path works on our storage stack
// (Dexie + ajv validation): data written under version 0 is carried to a version 1 schema on reopen.
import 'fake-indexeddb/auto';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { expect, it } from 'vitest';
import { rosterSchemaLiteral } from '../../shared/schema';

addRxPlugin(RxDBMigrationSchemaPlugin);

it('migrates roster documents to the next schema version', async () => {
  const name = `migrate${Date.now()}`;
  const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageDexie() });
  const T = '2026-11-25T08:30:00.000Z';

  const v0 = await createRxDatabase({ name, storage: storage() });
  await v0.addCollections({ roster: { schema: rosterSchemaLiteral as unknown as RxJsonSchema<unknown>, migrationStrategies: { 1: (d: unknown) => d } } });
  await v0.roster!.insert({ id: 'p1', createdAt: T, updatedAt: T, createdBy: 'x', updatedBy: 'x', kind: 'person', name: ' 张三 ', party: 'branch', status: 'active' });
  await v0.close();

  const v1Schema = { ...rosterSchemaLiteral, version: rosterSchemaLiteral.version + 1 } as unknown as RxJsonSchema<unknown>;
  const v1 = await createRxDatabase({ name, storage: storage() });
  await v1.addCollections({
    roster: {
      schema: v1Schema,
      migrationStrategies: { 1: (d: unknown) => d, 2: (doc: { name: string }) => ({ ...doc, name: doc.name.trim() }) },
    },
  });
  const doc = await v1.roster!.findOne('p1').exec();
  expect(doc?.toJSON()).toMatchObject({ id: 'p1', name: '张三' });
  await v1.remove();
});
