import { createRevision } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinliDatabase } from '../db/database';
import { openTestDatabase, teardown } from '../testing/render-app';
import { trackDocIndex, type DocIndex } from './doc-index';
import { snapshotStore, type IndexSnapshot, type SnapshotStore } from './index-snapshot';
import { localStore, type StoredDoc } from './local-store';

let db: LinliDatabase | undefined;
const indexes: DocIndex[] = [];
afterEach(async () => {
  for (const i of indexes.splice(0)) i.stop();
  await teardown(db);
  db = undefined;
});

const AT = '2026-11-25T08:30:00.000Z';
const roster = (id: string, seq: number, dirty: boolean, lwt: number): StoredDoc =>
  ({
    id,
    kind: 'person',
    name: `居民 ${id}`,
    createdAt: AT,
    updatedAt: AT,
    createdBy: 't',
    updatedBy: 't',
    sync: dirty ? { seq, dirty: true } : { seq },
    _deleted: false,
    _attachments: {},
    _meta: { lwt },
    _rev: createRevision('test'),
  }) as unknown as StoredDoc;

/** Stores documents below the collection's hooks, with the write time given (as a PC whose clock was set back). */
async function storeRaw(d: LinliDatabase, docs: StoredDoc[]): Promise<void> {
  const r = await d.roster.storageInstance.bulkWrite(docs.map((document) => ({ document: document as never })), 'linli-sync-pull');
  expect(r.error).toEqual([]);
}

/** A snapshot store in memory that also counts its reads. */
function memorySnapshots(): SnapshotStore & { saved: () => IndexSnapshot | null } {
  let saved: IndexSnapshot | null = null;
  return {
    load: async () => saved,
    save: async (s) => void (saved = s),
    clear: async () => void (saved = null),
    saved: () => saved,
  };
}

const start = (d: LinliDatabase, snapshots: SnapshotStore | null, verifyAfterMs = 60_000) => {
  const index = trackDocIndex(d, localStore(d), { snapshots, saveAfterMs: 10, verifyAfterMs });
  indexes.push(index);
  return index;
};

describe('the sync index from its saved copy', () => {
  it('starts from the copy, reads only what was written since, and knows the same as a full read', async () => {
    db = await openTestDatabase();
    const now = Date.now();
    await storeRaw(db, Array.from({ length: 30 }, (_, i) => roster(`r${i}`, i + 1, i % 10 === 0, now - 1000)));
    const snapshots = memorySnapshots();
    const first = start(db, snapshots);
    await first.ready;
    expect(first.count$.getValue()).toBe(3);
    first.stop(); // saves
    expect(snapshots.saved()?.collections.roster?.entries).toHaveLength(30);

    // Written while the app was closed: after the copy's checkpoint.
    await storeRaw(db, [roster('late', 99, true, Date.now() + 1)]);
    let reads = 0;
    const counting: SnapshotStore = { ...snapshots, load: async () => (reads++, snapshots.load()) };
    const second = start(db, counting);
    await second.ready;
    expect(reads).toBe(1);
    expect(second.count$.getValue()).toBe(4);
    expect(second.entry('roster', 'late')).toMatchObject({ seq: 99, dirty: true });
    const full = start(db, null);
    await full.ready;
    expect([...second.entries('roster')].sort()).toEqual([...full.entries('roster')].sort());
    expect(second.digest('roster')).toEqual(full.digest('roster'));
  });

  it('a change the copy missed (written with a clock set far back) is found by the background read, and wakes the engine', async () => {
    db = await openTestDatabase();
    const now = Date.now();
    await storeRaw(db, [roster('a', 1, false, now - 1000)]);
    const snapshots = memorySnapshots();
    const first = start(db, snapshots);
    await first.ready;
    first.stop();

    // The copy was saved while the clock was a day ahead; now it is back, and an unpushed change is written: its
    // write time lies far before the copy's checkpoint.
    const saved = snapshots.saved();
    if (!saved) throw new Error('no copy');
    await snapshots.save({ ...saved, collections: { ...saved.collections, roster: { ...saved.collections.roster!, checkpoint: { id: '', lwt: now + 86_400_000 } } } });
    const current = (await db.roster.storageInstance.findDocumentsById(['a'], true))[0] as unknown as StoredDoc;
    const r = await db.roster.storageInstance.bulkWrite(
      [{ previous: current as never, document: { ...current, name: '改过', sync: { seq: 1, dirty: true }, _rev: createRevision('test', current as never) } as never }],
      'linli-sync-confirm',
    );
    expect(r.error).toEqual([]);

    const second = start(db, snapshots, 50);
    const woken: string[] = [];
    second.onChange((name) => woken.push(name));
    await second.ready;
    expect(second.count$.getValue()).toBe(0); // the copy's view, for now
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(second.count$.getValue()).toBe(1);
    expect(second.dirty('roster').map((d) => d.id)).toEqual(['a']);
    expect(woken).toContain('roster');
  });

  it('the copy of a database that was deleted and made again is never used', async () => {
    db = await openTestDatabase();
    const key = db.storageToken.then((t) => `${db?.name ?? ''}|${t}`);
    const store = snapshotStore(key);
    await store.save({ version: 1, savedAt: 1, collections: { roster: { checkpoint: { id: '', lwt: 1 }, entries: [['ghost', 5, 0, 1, '1-x']] } } });
    expect((await store.load())?.collections.roster?.entries).toHaveLength(1);
    const other = snapshotStore(Promise.resolve(`${db.name}|another-token`));
    expect(await other.load()).toBeNull();
  });
});

describe('the sync index waiting for the first screen', () => {
  it('reads nothing, and is ready without an error, when the database closed while it waited (a restore reopens it)', async () => {
    const db = await openTestDatabase();
    let release: () => void = () => undefined;
    const firstScreen = new Promise<void>((r) => (release = r));
    const index = trackDocIndex(db, localStore(db), { startAfter: firstScreen });
    await db.close();
    release();
    await expect(index.ready).resolves.toBeUndefined();
    expect(index.count$.getValue()).toBe(0);
    index.stop();
  });

  it('reads the store once the first screen is painted, and tracks the writes made while it waited', async () => {
    const db = await openTestDatabase();
    try {
      let release: () => void = () => undefined;
      const firstScreen = new Promise<void>((r) => (release = r));
      const index = trackDocIndex(db, localStore(db), { startAfter: firstScreen });
      await db.roster.insert({ id: 'p1', kind: 'person', name: '张三', party: 'branch', status: 'active', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: '甲', updatedBy: '甲' });
      let isReady = false;
      void index.ready.then(() => (isReady = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(isReady).toBe(false);
      release();
      await index.ready;
      expect(index.entry('roster', 'p1')).toMatchObject({ dirty: true, seq: 0 });
      expect(index.count$.getValue()).toBe(1);
      index.stop();
    } finally {
      await teardown(db);
    }
  });
});
