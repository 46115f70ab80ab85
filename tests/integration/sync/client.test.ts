// The renderer's sync engine (src-renderer/sync) against a real server in this realm: RxDB on Dexie over
// fake-indexeddb is "PC A"; raw protocol calls play "PC B". One RxDB database per realm at a time (COL23).
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LinliDatabase } from '../../../src-renderer/db/database';
import { createSyncService, type SyncService } from '../../../src-renderer/sync/sync-service';
import { freshDatabase, loginAs, makeCompound, makeUser, pull, push, startServer, TEST_PASSWORD, type TestDatabase, type TestServer } from '../server/helpers';
import { MemoryStorage } from '../../../src-renderer/testing/memory-storage';
import type { BatchRequest } from '../../../shared/sync/protocol';


const T = () => new Date().toISOString();
const seqOf = (doc: Record<string, unknown>) => (doc.sync as { seq: number }).seq;
const person = (id: string, fields: Record<string, unknown> = {}) => ({
  id, createdAt: T(), updatedAt: T(), createdBy: '秘书', updatedBy: '秘书',
  kind: 'person' as const, name: '张三', party: 'branch' as const, status: 'active' as const, ...fields,
});

async function until<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let testDb: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  testDb = await freshDatabase();
  server = await startServer(testDb.db);
  await makeCompound(testDb.db, 'jinshan');
  await makeUser(testDb.db, 'jinshan', 'mishu', 'secretary');
  await makeUser(testDb.db, 'jinshan', 'yuangong', 'staff');
});
afterAll(async () => {
  await server.close();
  await testDb.drop();
});

describe('sync client', () => {
  let db: LinliDatabase | undefined;
  let sync: SyncService | undefined;
  let offline = false;
  let oldSchema = false;
  const requests: string[] = [];
  /** The bodies of the batch exchanges (pulls and digests of several collections). */
  const batches: BatchRequest[] = [];
  /** Live streams' connections, to cut them as a lost network would. */
  const streams = new Set<AbortController>();
  const cutStreams = () => {
    for (const c of streams) c.abort();
    streams.clear();
  };
  /** Runs once before the next push request leaves (a user typing while a push is under way). */
  let beforePush: (() => Promise<void>) | null = null;
  const fakeFetch: typeof fetch = async (input, init) => {
    requests.push(String(input));
    if (/\/sync\/[a-z_]+\/push$/.test(String(input)) && beforePush) {
      const hook = beforePush;
      beforePush = null;
      await hook();
    }
    if (String(input).endsWith('/sync/stream') && !offline) {
      const cut = new AbortController();
      streams.add(cut);
      init = { ...init, signal: init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal };
    }
    if (String(input).endsWith('/sync/batch') && typeof init?.body === 'string') batches.push(JSON.parse(init.body) as BatchRequest);
    if (offline) throw new TypeError('fetch failed (offline)');
    // An app built before a schema change: its fingerprint lacks collections the server has.
    if (oldSchema) init = { ...init, headers: { ...(init?.headers as Record<string, string>), 'X-Linli-Schema': 'roster@0' } };
    return fetch(input, init);
  };

  afterEach(async () => {
    await sync?.stop();
    await db?.remove();
    sync = undefined;
    db = undefined;
    offline = false;
    oldSchema = false;
    beforePush = null;
  });

  const openPc = async (storage: Storage, name = `pc${Date.now()}`) => {
    db = await openDatabase({ name, conflict: { operator: () => '秘书A', deviceId: () => 'pc-a' } });
    sync = createSyncService(db, { storage, fetch: fakeFetch, minRetry: 100, maxRetry: 400 });
    return { db, sync };
  };

  it('pushes local writes after login, counts what is pending, and receives live changes from another PC', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await db.roster.insert(person('p1'));
    expect(sync.store.getState().pending).toBe(1);
    expect(sync.store.getState().state).toBe('disabled');

    const r = await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    expect(r.ok).toBe(true);
    await until(() => sync.store.getState().pending === 0);
    const b = await loginAs(server.url, 'jinshan', 'mishu');
    const pulled = await pull(server.url, b.accessToken, 'roster', 0);
    expect((pulled.body.documents as { id: string }[]).map((d) => d.id)).toEqual(['p1']);
    await until(() => sync.store.getState().state === 'online');
    expect(sync.store.getState().lastSyncAt).not.toBeNull();

    // PC B writes; PC A sees it through the live stream without asking.
    const master = (pulled.body.documents as Record<string, unknown>[])[0]!;
    const res = await push(server.url, b.accessToken, 'roster', [{ baseSeq: seqOf(master), document: { ...master, phone: '13900139000', updatedAt: T() } }]);
    expect(res.body).toMatchObject({ conflicts: [], rejected: [] });
    await until(async () => (await db.roster.findOne('p1').exec())?.phone === '13900139000');
  });

  it('merges an offline edit with a concurrent edit: the server version stays, the local one is a conflict copy everywhere', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await db.roster.insert(person('p2', { note: '原始备注', building: '1' }));
    await until(() => sync.store.getState().pending === 0);

    offline = true;
    const doc = await db.roster.findOne('p2').exec();
    await doc!.incrementalPatch({ note: 'A 离线时写的备注', room: '301', updatedAt: T() });
    await until(() => sync.store.getState().state === 'offline');
    expect(sync.store.getState().pending).toBe(1);

    const b = await loginAs(server.url, 'jinshan', 'mishu');
    const master = ((await pull(server.url, b.accessToken, 'roster', 0)).body.documents as Record<string, unknown>[]).find((d) => d.id === 'p2')!;
    await push(server.url, b.accessToken, 'roster', [{ baseSeq: seqOf(master), document: { ...master, note: 'B 写的备注', building: '2', updatedAt: T() } }]);

    offline = false;
    await sync.syncNow();
    await until(() => sync.store.getState().pending === 0 && sync.store.getState().state === 'online');
    const merged = (await db.roster.findOne('p2').exec())!.toJSON();
    expect(merged).toMatchObject({ note: 'B 写的备注', building: '2', room: '301' });
    expect(merged.conflicts).toEqual([expect.objectContaining({ path: 'note', mine: JSON.stringify('A 离线时写的备注'), theirs: JSON.stringify('B 写的备注'), status: 'open', device: 'pc-a' })]);

    const onServer = ((await pull(server.url, b.accessToken, 'roster', 0)).body.documents as Record<string, unknown>[]).find((d) => d.id === 'p2')!;
    expect(onServer).toMatchObject({ note: 'B 写的备注', room: '301' });
    expect(onServer.conflicts).toHaveLength(1);
    const history = await testDb.db.query<{ data: { note?: string; conflicts?: unknown[] } }>(
      "SELECT data FROM history WHERE collection = 'roster' AND id = 'p2' ORDER BY seq",
    );
    expect(history.rows.map((r) => r.data.note)).toEqual(['原始备注', 'B 写的备注', 'B 写的备注']);
    expect(history.rows[2]!.data.conflicts).toHaveLength(1);
  });

  it('keeps writes the role may not push as pending and says why', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await sync.login(server.url, { compound: 'jinshan', username: 'yuangong', password: TEST_PASSWORD });
    await db.roster.insert(person('p3'));
    await until(() => sync.store.getState().error?.code === 'FORBIDDEN');
    // Other collections keep pulling successfully meanwhile; that must not hide roster's lasting refusal.
    await db.tasks.insert({ id: 'k1', createdAt: T(), updatedAt: T(), createdBy: 'x', updatedBy: 'x', title: '修路灯', leadParty: 'property', status: 'pending', priority: 'normal' });
    await until(() => sync.store.getState().pending === 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(sync.store.getState().error?.code).toBe('FORBIDDEN');
    expect(sync.store.getState().state).toBe('error');
    expect(sync.store.getState().pending).toBe(1);
    expect(await db.roster.findOne('p3').exec()).not.toBeNull();
  });

  it('resumes from its checkpoint after a restart and pushes what was written offline before it', async () => {
    const b = await loginAs(server.url, 'jinshan', 'mishu');
    await push(server.url, b.accessToken, 'roster', [{ baseSeq: 0, document: { ...person('p5'), _deleted: false } }]);
    const storage = new MemoryStorage();
    const name = `pcrestart${Date.now()}`;
    let pc = await openPc(storage, name);
    await pc.sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await until(async () => (await pc.db.roster.findOne('p5').exec()) !== null);
    await pc.sync.awaitInSync();
    offline = true;
    await pc.db.roster.insert(person('p4'));
    await pc.sync.stop();
    await pc.db.close();
    sync = undefined;
    db = undefined;

    offline = false;
    requests.length = 0;
    batches.length = 0;
    pc = await openPc(storage, name);
    await pc.sync.ready;
    expect(pc.sync.store.getState().pending).toBe(1);
    await until(() => pc.sync.store.getState().pending === 0);
    await pc.sync.awaitInSync();
    // Pulled from the checkpoint kept across the restart, never from the start.
    const pulls = batches.flatMap((b) => (b.pull?.roster === undefined ? [] : [b.pull.roster]));
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.filter((seq) => seq === 0)).toEqual([]);
  });

  it('tells an outdated client to update and keeps its unpushed documents', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    oldSchema = true;
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await db.roster.insert(person('p6'));
    await until(() => sync.store.getState().error?.code === 'UPGRADE_REQUIRED');
    expect(sync.store.getState().state).toBe('error');
    expect(sync.store.getState().pending).toBe(1);
    // Once the app is updated the same documents go up.
    oldSchema = false;
    await sync.syncNow();
    await until(() => sync.store.getState().pending === 0);
  });

  it('shows a document the server rejected, with the reason, and pushes the rest', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await db.roster.bulkInsert([person('p7', { note: 'bad \u0000 text' }), person('p8')]);
    await until(() => sync.store.getState().rejected.length === 1);
    expect(sync.store.getState().rejected[0]).toMatchObject({ collection: 'roster', id: 'p7', code: 'SCHEMA_INVALID' });
    await until(() => sync.store.getState().pending === 1);
    const b = await loginAs(server.url, 'jinshan', 'mishu');
    const ids = ((await pull(server.url, b.accessToken, 'roster', 0)).body.documents as { id: string }[]).map((d) => d.id);
    expect(ids).toContain('p8');
    expect(ids).not.toContain('p7');
  });

  it('keeps draft edits made offline as conflict copies when another PC finalised the meeting (M16), and the server refuses changes to a final record (M15)', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    const meeting = {
      id: 'mt1', createdAt: T(), updatedAt: T(), createdBy: '秘书', updatedBy: '秘书',
      title: '理事会会议', type: 'council' as const, status: 'draft' as const, date: '2026-11-25',
      attendees: [], topics: [{ id: 't1', title: '停车', notes: '原始记录' }],
    };
    await db.meetings.insert(meeting);
    await until(() => sync.store.getState().pending === 0);

    offline = true;
    await (await db.meetings.findOne('mt1').exec())!.incrementalModify((m) => ({ ...m, title: 'A 改的标题', updatedAt: T() }));
    const b = await loginAs(server.url, 'jinshan', 'mishu');
    const master = ((await pull(server.url, b.accessToken, 'meetings', 0)).body.documents as Record<string, unknown>[]).find((d) => d.id === 'mt1')!;
    const finalised = { ...master, status: 'final', finalisedAt: T(), finalisedBy: '书记', updatedAt: T() };
    expect((await push(server.url, b.accessToken, 'meetings', [{ baseSeq: seqOf(master), document: finalised }])).body).toMatchObject({ conflicts: [], rejected: [] });

    offline = false;
    await sync.syncNow();
    await until(() => sync.store.getState().pending === 0 && sync.store.getState().state === 'online');
    const local = (await db.meetings.findOne('mt1').exec())!.toJSON();
    expect(local).toMatchObject({ status: 'final', title: '理事会会议' });
    expect(local.conflicts).toEqual([expect.objectContaining({ path: 'title', mine: JSON.stringify('A 改的标题'), status: 'open' })]);
    expect(sync.store.getState().rejected).toEqual([]);

    const onServer = ((await pull(server.url, b.accessToken, 'meetings', 0)).body.documents as Record<string, unknown>[]).find((d) => d.id === 'mt1')!;
    const altered = { ...onServer, topics: [{ id: 't1', title: '停车', notes: '偷偷改掉原文' }], updatedAt: T() };
    const refused = await push(server.url, b.accessToken, 'meetings', [{ baseSeq: seqOf(onServer), document: altered }]);
    expect(refused.body).toMatchObject({ conflicts: [], rejected: [{ id: 'mt1', code: 'DOMAIN_INVALID', rule: 'MEETING_FINALISED', path: '/topics' }] });
  });

  it('keeps the mark of a change made while its push was under way, and pushes that change next', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await until(() => sync.store.getState().state === 'online');
    beforePush = async () => {
      const doc = await db.roster.findOne('typing1').exec();
      await doc!.incrementalPatch({ note: '推送途中又改了一次', updatedAt: T() });
    };
    await db.roster.insert(person('typing1', { note: '第一次' }));
    await until(() => sync.store.getState().pending === 0 && sync.store.getState().state === 'online');
    await sync.awaitInSync();
    const b = await loginAs(server.url, 'jinshan', 'mishu');
    const held = (await pull(server.url, b.accessToken, 'roster', 0)).body.documents as Record<string, unknown>[];
    expect(held.find((d) => d.id === 'typing1')?.note).toBe('推送途中又改了一次');
    expect((await db.roster.findOne('typing1').exec())?.note).toBe('推送途中又改了一次');
  });

  it('does not pull its own pushed writes back', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await until(() => sync.store.getState().state === 'online');
    await sync.awaitInSync();
    const from = batches.length;
    await db.roster.bulkInsert(Array.from({ length: 30 }, (_, i) => person(`own${i}`)));
    await until(() => sync.store.getState().pending === 0 && sync.store.getState().state === 'online');
    await sync.awaitInSync();
    await new Promise((r) => setTimeout(r, 300)); // the stream's poke for the push has come and gone
    const b = await loginAs(server.url, 'jinshan', 'mishu');
    const held = (await pull(server.url, b.accessToken, 'roster', 0)).body.documents as Record<string, unknown>[];
    const pushedFrom = Math.min(...held.filter((d) => String(d.id).startsWith('own')).map(seqOf));
    // Any roster pull after the push starts above every version it wrote.
    const rosterPulls = batches.slice(from).flatMap((q) => (q.pull?.roster === undefined ? [] : [q.pull.roster]));
    expect(rosterPulls.every((seq) => seq >= pushedFrom)).toBe(true);
    expect(Math.max(...held.map(seqOf))).toBeGreaterThanOrEqual(pushedFrom);
  });

  it('after the network comes back, with nothing changed on either side, is in sync after one exchange', async () => {
    const { db, sync } = await openPc(new MemoryStorage());
    await db.roster.insert(person('quiet1'));
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await until(() => sync.store.getState().state === 'online' && sync.store.getState().pending === 0);
    await sync.awaitInSync();

    // The stream alone drops (a proxy's idle cut): its resync names every collection's head, so nothing is pulled
    // again; only the digests are compared.
    let from = batches.length;
    cutStreams();
    await until(() => batches.length > from);
    await sync.awaitInSync();
    await until(() => sync.store.getState().state === 'online');
    await new Promise((r) => setTimeout(r, 300));
    expect(batches.slice(from).every((q) => q.pull === undefined)).toBe(true);
    expect(batches.slice(from).flatMap((q) => q.digest ?? []).length).toBeGreaterThan(0);

    // The whole network goes and comes back: one exchange (pulls with their digests); the stream's resync adds none.
    offline = true;
    cutStreams();
    await until(() => sync.store.getState().state !== 'online');
    offline = false;
    from = batches.length;
    await sync.syncNow();
    await until(() => sync.store.getState().state === 'online');
    await sync.awaitInSync();
    await new Promise((r) => setTimeout(r, 300));
    expect(batches.length - from).toBe(1);
    expect(sync.store.getState().pending).toBe(0);
  });

  it('立即同步 after an outage syncs at once, without waiting out a long retry delay', async () => {
    db = await openDatabase({ name: `pcnow${Date.now()}`, conflict: { operator: () => '秘书A', deviceId: () => 'pc-a' } });
    sync = createSyncService(db, { storage: new MemoryStorage(), fetch: fakeFetch, minRetry: 30_000, maxRetry: 60_000 });
    await sync.login(server.url, { compound: 'jinshan', username: 'mishu', password: TEST_PASSWORD });
    await until(() => sync!.store.getState().state === 'online');
    offline = true;
    await db.roster.insert(person('p9'));
    await until(() => sync!.store.getState().state === 'offline');
    offline = false;
    const started = Date.now();
    await sync.syncNow();
    await until(() => sync!.store.getState().pending === 0, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
