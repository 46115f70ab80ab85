import { createRevision, fillWithDefaultSettings, now, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { wrappedValidateStorage } from './validate-storage';

type Doc = { id: string; n: number };
const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 20 }, n: { type: 'integer', minimum: 0 } },
  required: ['id', 'n'],
  additionalProperties: false,
} as const;

async function instance() {
  const storage = wrappedValidateStorage({ storage: getRxStorageMemory() });
  return storage.createStorageInstance<Doc>({
    databaseInstanceToken: 'token',
    databaseName: `validate-${Math.random()}`,
    collectionName: 'docs',
    schema: fillWithDefaultSettings(schema as unknown as RxJsonSchema<Doc>) as never,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}
const row = (id: string, n: number) => ({
  document: { id, n, _deleted: false, _attachments: {}, _meta: { lwt: now() }, _rev: createRevision('token') } as never,
});

describe('validation of local writes', () => {
  it('refuses an invalid document written by the user, and stores a valid one', async () => {
    const s = await instance();
    const r = await s.bulkWrite([row('a', -1), row('b', 2)], 'rx-collection-insert');
    expect(r.error.map((e) => [e.documentId, e.status])).toEqual([['a', 422]]);
    expect((await s.findDocumentsById(['a', 'b'], false)).map((d) => d.id)).toEqual(['b']);
    await s.close();
  });

  it('does not validate again what the server validated (the sync engine’s pull, confirm and repair writes)', async () => {
    const s = await instance();
    const r = await s.bulkWrite([row('a', -1)], 'linli-sync-pull');
    expect(r.error).toEqual([]);
    expect((await s.findDocumentsById(['a'], false)).map((d) => d.id)).toEqual(['a']);
    // A merge is this PC's own making: validated.
    expect((await s.bulkWrite([row('c', -1)], 'linli-sync-merge')).error).toHaveLength(1);
    await s.close();
  });
});
