import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type LinliDatabase } from './database';
import { localStore, type StoredDoc } from '../sync/local-store';
import { storedForm } from './server-writes';
import { fillWithDefaultSettings } from 'rxdb';
import { fromStorageToDexie, getBooleanIndexes } from 'rxdb/plugins/storage-dexie';
import { COLLECTIONS } from '../../shared/schema';

let db: LinliDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const stamp = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: '本机用户', updatedBy: '本机用户' };
const person = (id: string, name: string) => ({ id, kind: 'person', name, party: 'branch', status: 'active', ...stamp });
const open = async () => (db = await openDatabase({ name: `t-sw-${crypto.randomUUID()}` }));

describe('server versions written in one IndexedDB transaction', () => {
  it('stores a batch into an empty collection, readable through RxDB and announced to its queries', async () => {
    const d = await open();
    const seen: string[][] = [];
    const sub = d.roster.find().$.subscribe((docs) => seen.push(docs.map((x) => x.name)));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const store = localStore(d);
    const rows = Array.from({ length: 300 }, (_, i) => ({ previous: undefined, content: person(`p${String(i).padStart(3, '0')}`, `人${i}`), sync: { seq: i + 1 } }));
    // Nothing of the batch is stored: nothing is read one document at a time.
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const { conflicted, written } = await store.write('roster', rows, 'linli-sync-pull');
    expect(gets).not.toHaveBeenCalled();
    gets.mockRestore();
    expect(conflicted.size).toBe(0);
    expect(written).toHaveLength(300);
    expect(await d.roster.count().exec()).toBe(300);
    const p7 = (await d.roster.findOne('p007').exec())!.toJSON() as { name: string; sync: unknown };
    expect(p7.name).toBe('人7');
    expect(p7.sync).toEqual({ seq: 8 });
    await vi.waitFor(() => expect(seen.at(-1)).toHaveLength(300));
    sub.unsubscribe();
  });

  it('refuses, and leaves as it is, a document changed since it was read (409), and one that exists when an insert was claimed', async () => {
    const d = await open();
    const store = localStore(d);
    await store.write('roster', [{ previous: undefined, content: person('a', '甲'), sync: { seq: 1 } }, { previous: undefined, content: person('c', '丙'), sync: { seq: 2 } }], 'linli-sync-pull');
    const readA = (await store.read('roster', ['a'])).get('a') as StoredDoc;
    // A user's edit lands after the engine read `a`.
    await (await d.roster.findOne('a').exec())!.incrementalPatch({ name: '甲（改）' });
    const { conflicted, written } = await store.write(
      'roster',
      [
        { previous: readA, content: person('a', '甲（服务器）'), sync: { seq: 5 } },
        { previous: undefined, content: person('b', '乙'), sync: { seq: 6 } },
        // The engine believed `c` absent: it is stored, so this is a conflict, not an overwrite.
        { previous: undefined, content: person('c', '丙（服务器）'), sync: { seq: 7 } },
      ],
      'linli-sync-pull',
    );
    expect([...conflicted].sort()).toEqual(['a', 'c']);
    expect(written.map((w) => w.id)).toEqual(['b']);
    const all = new Map((await d.roster.find().exec()).map((x) => [x.id, x.toJSON() as { name: string; sync: { seq: number; dirty?: boolean } }]));
    expect(all.get('a')).toMatchObject({ name: '甲（改）', sync: { seq: 1, dirty: true } });
    expect(all.get('b')).toMatchObject({ name: '乙', sync: { seq: 6 } });
    expect(all.get('c')).toMatchObject({ name: '丙', sync: { seq: 2 } });
  });

  it('updates and deletes held documents on their current revision, other documents of the key range untouched', async () => {
    const d = await open();
    const store = localStore(d);
    await store.write('roster', ['a', 'b', 'c', 'd'].map((id, i) => ({ previous: undefined, content: person(id, id), sync: { seq: i + 1 } })), 'linli-sync-pull');
    const held = await store.read('roster', ['a', 'd']);
    await store.write(
      'roster',
      [
        { previous: held.get('a'), content: person('a', 'A'), sync: { seq: 9 } },
        { previous: held.get('d'), content: { ...person('d', 'd'), _deleted: true }, sync: { seq: 10 } },
      ],
      'linli-sync-pull',
    );
    const names = (await d.roster.find().exec()).map((x) => `${x.id}:${x.name}`).sort();
    expect(names).toEqual(['a:A', 'b:b', 'c:c']);
    const again = await store.read('roster', ['d']);
    expect(again.get('d')?._deleted).toBe(true);
  });
});

describe('storedForm', () => {
  it("is the Dexie storage's own form for every collection, without its deep copy", () => {
    for (const [name, c] of Object.entries(COLLECTIONS)) {
      const schema = fillWithDefaultSettings(c.schema as never);
      const form = storedForm(schema as never);
      expect(form, name).not.toBe(fromStorageToDexie);
    }
    const booleanIndexes = getBooleanIndexes(fillWithDefaultSettings(COLLECTIONS.roster.schema as never));
    const doc = { ...person('p1', '张三'), _deleted: false, _rev: '1-a', _meta: { lwt: 1 }, _attachments: {}, sync: { seq: 3 } };
    expect(storedForm(fillWithDefaultSettings(COLLECTIONS.roster.schema as never) as never)(booleanIndexes, doc as never)).toEqual(fromStorageToDexie(booleanIndexes, doc));
  });

  it('falls back to the deep copy for a schema that lets any key in', () => {
    const open = { type: 'object', properties: { id: { type: 'string' }, extra: { type: 'object' } } };
    expect(storedForm(open as never)).toBe(fromStorageToDexie);
    const piped = { type: 'object', properties: { id: { type: 'string' }, '|a': { type: 'string' } }, additionalProperties: false };
    expect(storedForm(piped as never)).toBe(fromStorageToDexie);
    const branch = { type: 'object', additionalProperties: false, properties: { id: { type: 'string' }, x: { oneOf: [{ type: 'object' }, { type: 'string' }] } } };
    expect(storedForm(branch as never)).toBe(fromStorageToDexie);
    const patterned = { type: 'object', additionalProperties: false, patternProperties: { '^a': { type: 'string' } }, properties: { id: { type: 'string' } } };
    expect(storedForm(patterned as never)).toBe(fromStorageToDexie);
  });
});

describe('server versions over documents already held', () => {
  it('reads a batch that covers most of its key range in one go, and still refuses what changed since it was read', async () => {
    const d = await open();
    const store = localStore(d);
    const ids = Array.from({ length: 200 }, (_, i) => `q${String(i).padStart(3, '0')}`);
    await store.write('roster', ids.map((id, i) => ({ previous: undefined, content: person(id, id), sync: { seq: i + 1 } })), 'linli-sync-pull');
    const held = await store.read('roster', ids);
    await (await d.roster.findOne('q100').exec())!.incrementalPatch({ name: '用户改的' });
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const { conflicted } = await store.write(
      'roster',
      ids.map((id, i) => ({ previous: held.get(id), content: person(id, `${id}'`), sync: { seq: 1000 + i } })),
      'linli-sync-confirm',
    );
    expect(gets).not.toHaveBeenCalled();
    gets.mockRestore();
    expect([...conflicted]).toEqual(['q100']);
    const names = new Map((await d.roster.find().exec()).map((x) => [x.id, x.name]));
    expect(names.get('q100')).toBe('用户改的');
    expect(names.get('q101')).toBe("q101'");
    expect(names.size).toBe(200);
  });
});
