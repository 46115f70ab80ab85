// Restoring a backup on a PC that syncs (issue #15) against a real server in this realm: RxDB on Dexie over
// fake-indexeddb is "PC A" with the app's sync engine; raw protocol calls play "PC B". After the backup, PC B edits
// and deletes on the server and PC A makes a change that never reaches it; the backup is then restored on PC A while
// it syncs, into a fresh install that logs in afterwards, into one whose first sync is under way, and into one whose
// IndexedDB was wiped while its login and checkpoints survived. Each time, once synced, the PC holds exactly the
// server's documents: B's newer versions win, the deleted record stays deleted, A's unpushed change reached the server.
// One RxDB database per realm at a time (COL23).
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/schema';
import { openDatabase, type LinliDatabase } from '../../../src-renderer/db/database';
import { contentOf, localStore } from '../../../src-renderer/sync/local-store';
import { createSyncService, type SyncService } from '../../../src-renderer/sync/sync-service';
import { MemoryStorage } from '../../../src-renderer/testing/memory-storage';
import { checkpointKey } from '../../../src-renderer/sync/replication';
import { loadSession } from '../../../src-renderer/sync/session-store';
import { applyBackup, createBackupBytes, readBackup, type ParsedBackup } from '../../../src-renderer/features/backup/backup-io';
import { freshDatabase, loginAs, makeCompound, makeUser, pull, push, startServer, task, TEST_PASSWORD, type Json, type TestDatabase, type TestServer } from '../server/helpers';

const COMPOUND = 'huli';
const T = () => new Date().toISOString();
const person = (id: string, fields: Json = {}) => ({
  id, createdAt: T(), updatedAt: T(), createdBy: '秘书', updatedBy: '秘书',
  kind: 'person' as const, name: `居民 ${id}`, party: 'branch' as const, status: 'active' as const, ...fields,
});

async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let testDb: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  testDb = await freshDatabase();
  server = await startServer(testDb.db);
  await makeCompound(testDb.db, COMPOUND);
  await makeUser(testDb.db, COMPOUND, 'mishu', 'secretary');
});
afterAll(async () => {
  await server.close();
  await testDb.drop();
});

type Held = { content: Json; seq: number; dirty: boolean };

/** Every document the server holds now (through pull, from 0), by collection and id, tombstones included. */
async function serverDocs(token: string): Promise<Record<CollectionName, Map<string, Held>>> {
  const out = {} as Record<CollectionName, Map<string, Held>>;
  for (const name of COLLECTION_NAMES) {
    const docs = new Map<string, Held>();
    for (let seq = 0; ;) {
      const r = await pull(server.url, token, name, seq, 1000);
      expect(r.status).toBe(200);
      const page = r.body.documents as Json[];
      for (const d of page) docs.set(String(d.id), { content: contentOf(d), seq: (d.sync as { seq: number }).seq, dirty: false });
      seq = (r.body.checkpoint as { seq: number }).seq;
      if (page.length === 0) break;
    }
    out[name] = docs;
  }
  return out;
}

/** Every document the PC holds, tombstones included. */
async function pcDocs(db: LinliDatabase): Promise<Record<CollectionName, Map<string, Held>>> {
  const out = {} as Record<CollectionName, Map<string, Held>>;
  for (const name of COLLECTION_NAMES) {
    const docs = new Map<string, Held>();
    await localStore(db).scan(name, (page) => {
      for (const d of page) docs.set(d.id, { content: contentOf(d), seq: d.sync?.seq ?? 0, dirty: d.sync?.dirty === true });
    });
    out[name] = docs;
  }
  return out;
}

const live = (docs: Map<string, Held>) => new Map([...docs].filter(([, d]) => d.content._deleted !== true));

/** The PC holds exactly the server's live documents (content and seq), with nothing unpushed, and none it deleted. */
async function expectEqualsServer(db: LinliDatabase): Promise<Record<CollectionName, Map<string, Held>>> {
  const token = (await loginAs(server.url, COMPOUND, 'mishu')).accessToken;
  const onServer = await serverDocs(token);
  const onPc = await pcDocs(db);
  for (const name of COLLECTION_NAMES) {
    const s = live(onServer[name]);
    const p = live(onPc[name]);
    expect([...p.keys()].sort(), name).toEqual([...s.keys()].sort());
    for (const [id, d] of p) expect(d, `${name}/${id}`).toEqual(s.get(id));
    // Whatever the server deleted is deleted here too (or was never here).
    for (const [id, d] of onServer[name]) if (d.content._deleted === true) expect(p.has(id), `${name}/${id} resurrected`).toBe(false);
  }
  return onServer;
}

/** A copy of a PC's storage (its login), with every pull checkpoint at the server's latest seq: as if the PC had
 * pulled everything before its IndexedDB was lost. */
async function survivedStorage(from: MemoryStorage): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  for (let i = 0; i < from.length; i++) storage.setItem(from.key(i)!, from.getItem(from.key(i)!)!);
  const session = loadSession(storage)!;
  const onServer = await serverDocs((await loginAs(server.url, COMPOUND, 'mishu')).accessToken);
  for (const name of COLLECTION_NAMES) {
    const max = Math.max(0, ...[...onServer[name].values()].map((d) => d.seq));
    if (max > 0) storage.setItem(checkpointKey(session, name), String(max));
  }
  return storage;
}

describe('restore while syncing', () => {
  let db: LinliDatabase | undefined;
  let sync: SyncService | undefined;
  let offline = false;
  const fakeFetch: typeof fetch = async (input, init) => {
    if (offline) throw new TypeError('fetch failed (offline)');
    return fetch(input, init);
  };
  afterEach(async () => {
    await sync?.stop();
    await db?.remove();
    sync = undefined;
    db = undefined;
    offline = false;
  });
  const openPc = async (storage: Storage) => {
    db = await openDatabase({ name: `restore${Date.now()}`, conflict: { operator: () => '秘书A', deviceId: () => 'pc-a' } });
    sync = createSyncService(db, { storage, fetch: fakeFetch, minRetry: 100, maxRetry: 400, indexSnapshots: false });
    return { db, sync };
  };
  const settled = async (s: SyncService) => {
    await until(() => s.store.getState().pending === 0 && s.store.getState().state === 'online');
    await s.awaitInSync();
  };
  const info = { appVersion: '0.1.0', device: { id: 'pc-a', name: '服务站电脑' }, compound: { code: COMPOUND, name: `${COMPOUND} 小区` }, reason: 'manual' as const };

  // Shared by the cases, in order: the backup, and PC A's storage (its login and checkpoints).
  let backup: ParsedBackup;
  let storageA: MemoryStorage;

  it('on the PC itself: nothing newer or unpushed is overwritten, and after sync the PC equals the server', async () => {
    storageA = new MemoryStorage();
    const { db, sync } = await openPc(storageA);
    expect((await sync.login(server.url, { compound: COMPOUND, username: 'mishu', password: TEST_PASSWORD })).ok).toBe(true);
    await db.roster.bulkInsert([person('p1'), person('p2'), person('p3'), person('p4'), person('p6')]);
    const { _deleted: _d, ...k1 } = task('k1');
    await db.tasks.insert(k1 as never);
    await settled(sync);

    // An unpushed change at the time of the backup.
    offline = true;
    await (await db.roster.findOne('p4').exec())!.incrementalPatch({ note: '备份时尚未同步的修改', updatedAt: T() });
    await until(() => sync.store.getState().state === 'offline');
    // Made as the app makes it: the compound of the login (the server keeps codes upper-case).
    const session = sync.store.getState().session!;
    expect(session.compound.code).toBe(COMPOUND.toUpperCase());
    const created = await createBackupBytes(db, { ...info, compound: session.compound });
    const parsed = readBackup(created.bytes);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    backup = parsed.value;
    expect(backup.content.documents.roster.find((d) => d.id === 'p4')!.sync).toMatchObject({ dirty: true });

    // Back online: p4 reaches the server; p6 is edited and synced (a newer version here than in the backup).
    offline = false;
    await sync.syncNow();
    await (await db.roster.findOne('p6').exec())!.incrementalPatch({ phone: '13700137000', updatedAt: T() });
    await settled(sync);

    // PC A goes offline. PC B edits p1 and deletes p2 on the server; PC A edits p3 and creates p5, never pushed.
    offline = true;
    const b = await loginAs(server.url, COMPOUND, 'mishu');
    const master = (await serverDocs(b.accessToken)).roster;
    const p1 = master.get('p1')!;
    const p2 = master.get('p2')!;
    const res = await push(server.url, b.accessToken, 'roster', [
      { baseSeq: p1.seq, document: { ...p1.content, phone: '13900139000', updatedAt: T() } },
      { baseSeq: p2.seq, document: { ...p2.content, _deleted: true, updatedAt: T() } },
    ]);
    expect(res.body).toMatchObject({ conflicts: [], rejected: [] });
    await (await db.roster.findOne('p3').exec())!.incrementalPatch({ room: '502', updatedAt: T() });
    await db.roster.insert(person('p5'));
    await until(() => sync.store.getState().state === 'offline');

    // The restore, with the engine running.
    const r = await applyBackup(db, backup, { storage: storageA, currentCompound: session.compound.code });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    // Everything the backup has, this PC holds as new or newer: p3 unpushed, p4 and p6 newer, the rest the same.
    expect(r.value.collections.roster).toMatchObject({ written: 0, kept: 5, keptUnpushed: 1 });
    const local = (await pcDocs(db)).roster;
    expect(local.get('p3')).toMatchObject({ content: { room: '502' }, dirty: true });
    expect(local.get('p4')!.content.note).toBe('备份时尚未同步的修改');
    expect(local.get('p6')!.content.phone).toBe('13700137000');
    expect(local.get('p5')!.dirty).toBe(true);

    offline = false;
    await sync.syncNow();
    await settled(sync);
    const onServer = await expectEqualsServer(db);
    expect(onServer.roster.get('p1')!.content.phone).toBe('13900139000');
    expect(onServer.roster.get('p2')!.content._deleted).toBe(true);
    expect(onServer.roster.get('p3')!.content.room).toBe('502');
    expect(onServer.roster.has('p5')).toBe(true);
    expect(onServer.roster.get('p4')!.content.note).toBe('备份时尚未同步的修改');
    expect(live(onServer.roster).size).toBe(5);
  });

  it('into a fresh install followed by login: the PC ends equal to the server, nothing resurrected', async () => {
    const storage = new MemoryStorage();
    const { db, sync } = await openPc(storage);
    const r = await applyBackup(db, backup, { storage, currentCompound: null });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.collections.roster).toMatchObject({ written: 5, kept: 0, writtenUnpushed: 1 });
    expect(r.value.collections.tasks).toMatchObject({ written: 1 });
    // Before login: the backup's state, its unpushed change pending.
    const before = (await pcDocs(db)).roster;
    expect(before.get('p2')!.content._deleted).toBe(false);
    expect(before.get('p4')).toMatchObject({ dirty: true });
    await until(() => sync.store.getState().pending === 1);

    expect((await sync.login(server.url, { compound: COMPOUND, username: 'mishu', password: TEST_PASSWORD })).ok).toBe(true);
    await settled(sync);
    await expectEqualsServer(db);
    const after = (await pcDocs(db)).roster;
    expect(after.get('p2')!.content._deleted).toBe(true);
    expect(after.get('p1')!.content.phone).toBe('13900139000');
    expect(after.get('p3')!.content.room).toBe('502');
    expect(after.has('p5')).toBe(true);
  });

  it('into a fresh install whose first sync is under way', async () => {
    const storage = new MemoryStorage();
    const { db, sync } = await openPc(storage);
    expect((await sync.login(server.url, { compound: COMPOUND, username: 'mishu', password: TEST_PASSWORD })).ok).toBe(true);
    // No wait: the engine's first pull and the restore write the same documents at the same time.
    const r = await applyBackup(db, backup, { storage, currentCompound: COMPOUND });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.total.written + r.value.total.kept).toBe(backup.content.documents.roster.length + backup.content.documents.tasks.length);
    await sync.syncNow();
    await settled(sync);
    await expectEqualsServer(db);
    expect((await pcDocs(db)).roster.get('p2')!.content._deleted).toBe(true);
  });

  it('after IndexedDB was wiped while the login and checkpoints survived, with the engine running: equal to the server', async () => {
    const storage = await survivedStorage(storageA);
    const { db, sync } = await openPc(storage);
    await until(() => sync.store.getState().state === 'online');
    const r = await applyBackup(db, backup, { storage, currentCompound: COMPOUND });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.checkpointsReset).toBeGreaterThan(0);
    // The running engine keeps its checkpoints until it stops: 立即同步's digest check fetches what the server holds newer.
    await sync.syncNow();
    await settled(sync);
    await expectEqualsServer(db);
    expect(sync.stats().repairs).toBeGreaterThan(0);
    const after = (await pcDocs(db)).roster;
    expect(after.get('p2')!.content._deleted).toBe(true);
    expect(after.get('p1')!.content.phone).toBe('13900139000');
  });

  it('after IndexedDB was wiped, restored before sync starts: the reset checkpoints make the first sync pull everything', async () => {
    const storage = await survivedStorage(storageA);
    db = await openDatabase({ name: `restore${Date.now()}`, conflict: { operator: () => '秘书A', deviceId: () => 'pc-a' } });
    const r = await applyBackup(db, backup, { storage, currentCompound: COMPOUND });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.checkpointsReset).toBeGreaterThanOrEqual(2);
    sync = createSyncService(db, { storage, fetch: fakeFetch, minRetry: 100, maxRetry: 400, indexSnapshots: false });
    await settled(sync);
    await expectEqualsServer(db);
    // Pulled, not repaired: no digest check had anything to fetch.
    expect(sync.stats().repairs).toBe(0);
    const after = (await pcDocs(db)).roster;
    expect(after.get('p2')!.content._deleted).toBe(true);
    expect(after.get('p1')!.content.phone).toBe('13900139000');
  });
});
