// Issue #14: an empty PC takes a compound through the batch exchange (POST /sync/batch, several answers with a small
// byte budget here), and neither a connection cut in the middle of an answer, nor a server restarted in the middle of
// the catch-up, nor a PC closed half-way and opened again leaves a document missing or twice, or pulls from the start
// again. The PC is the app's own store and sync service over fake-indexeddb; its fetch goes through a switch that can
// cut answers and follows the server to its new port after a restart.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LinliDatabase } from '../../../src-renderer/db/database';
import { createSyncService, type SyncService } from '../../../src-renderer/sync/sync-service';
import { MemoryStorage } from '../../../src-renderer/testing/memory-storage';
import type { BatchRequest } from '../../../shared/sync/protocol';
import type { CollectionName } from '../../../shared/schema';
import { freshDatabase, loginAs, makeCompound, makeUser, pull, push, startServer, TEST_PASSWORD, type TestDatabase, type TestServer } from '../server/helpers';

type Json = Record<string, unknown>;
const T = () => new Date().toISOString();
const LONG = '小区 3 号楼 2 单元楼道灯不亮，居民反映多次，需物业尽快维修并回复。'.repeat(4);
const task = (id: string) => ({
  id, createdAt: T(), updatedAt: T(), createdBy: '秘书', updatedBy: '秘书', description: LONG,
  title: `任务 ${id}`, leadParty: 'property' as const, status: 'pending' as const, priority: 'normal' as const,
});
const person = (id: string) => ({
  id, createdAt: T(), updatedAt: T(), createdBy: '秘书', updatedBy: '秘书',
  kind: 'person' as const, name: `居民 ${id}`, party: 'branch' as const, status: 'active' as const,
});
/** A fake address the PC is given; the switch sends it to wherever the server listens now. */
const SERVER = 'http://linli-district.test';
const BUDGET = 16 * 1024;
const TASKS = 300;
const PEOPLE = 120;

async function until<R>(fn: () => Promise<R | undefined | false> | R | undefined | false, ms = 30_000): Promise<R> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let testDb: TestDatabase;
let server: TestServer;

/** Between the PC and the server: records the batch bodies, can cut the next batch answer half-way, can be down. */
function networkSwitch() {
  const batches: BatchRequest[] = [];
  let cutNext = 0;
  let down = false;
  let cuts = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input).replace(SERVER, server.url);
    if (down) throw new TypeError('fetch failed (server down)');
    const isBatch = url.endsWith('/sync/batch');
    if (isBatch && typeof init?.body === 'string') batches.push(JSON.parse(init.body) as BatchRequest);
    const res = await fetch(url, init);
    if (!isBatch || cutNext === 0 || !res.ok) return res;
    cutNext--;
    cuts++;
    // The answer starts arriving, then the connection drops: the body errors half-way.
    const bytes = new Uint8Array(await res.arrayBuffer());
    const half = bytes.slice(0, Math.floor(bytes.length / 2));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(half);
        setTimeout(() => controller.error(new TypeError('connection reset')), 5);
      },
    });
    const headers = new Headers(res.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(body, { status: res.status, headers });
  };
  return {
    fetch: fetchImpl,
    batches,
    cutNextBatches: (n: number) => void (cutNext = n),
    setDown: (v: boolean) => void (down = v),
    cuts: () => cuts,
  };
}

beforeAll(async () => {
  testDb = await freshDatabase();
  server = await startServer(testDb.db, { batchBudgetBytes: BUDGET });
  await makeCompound(testDb.db, 'bootstrap');
  await makeUser(testDb.db, 'bootstrap', 'mishu', 'secretary');
  const s = await loginAs(server.url, 'bootstrap', 'mishu');
  for (let i = 0; i < TASKS; i += 100) {
    const r = await push(server.url, s.accessToken, 'tasks', Array.from({ length: 100 }, (_, k) => ({ baseSeq: 0, document: { ...task(`t${String(i + k).padStart(4, '0')}`), _deleted: false } })));
    expect(r.body.accepted).toHaveLength(100);
  }
  const r = await push(server.url, s.accessToken, 'roster', Array.from({ length: PEOPLE }, (_, k) => ({ baseSeq: 0, document: { ...person(`p${k}`), _deleted: false } })));
  expect(r.body.accepted).toHaveLength(PEOPLE);
});
afterAll(async () => {
  await server.close();
  await testDb.drop();
});

describe('first sync through the batch exchange (issue #14)', () => {
  let db: LinliDatabase | undefined;
  let sync: SyncService | undefined;
  afterEach(async () => {
    await sync?.stop();
    await db?.remove();
    sync = undefined;
    db = undefined;
  });

  const open = async (storage: Storage, net: ReturnType<typeof networkSwitch>, name = `boot${Date.now()}${Math.random().toString(36).slice(2, 6)}`) => {
    db = await openDatabase({ name });
    sync = createSyncService(db, { storage, fetch: net.fetch, minRetry: 50, maxRetry: 200 });
    await sync.ready;
    return { db, sync, name };
  };

  /** The PC holds every server document exactly once, at the server's seq, and nothing else. */
  async function expectSameAsServer(pc: LinliDatabase): Promise<void> {
    const s = await loginAs(server.url, 'bootstrap', 'mishu');
    for (const [collection, n] of [['tasks', TASKS], ['roster', PEOPLE]] as const) {
      const onServer = (await pull(server.url, s.accessToken, collection, 0, 1000)).body.documents as Json[];
      expect(onServer).toHaveLength(n);
      const held = (await pc.collections[collection].storageInstance.findDocumentsById(onServer.map((d) => String(d.id)), true)) as unknown as Json[];
      expect(held.map((d) => [d.id, (d.sync as { seq: number }).seq]).sort()).toEqual(onServer.map((d) => [d.id, (d.sync as { seq: number }).seq]).sort());
      expect(await pc.collections[collection].count().exec()).toBe(n);
    }
  }

  /** Each collection's checkpoints in the order asked: never backwards, and from 0 only until the first answer. */
  function expectForwardOnly(batches: readonly BatchRequest[], collection: CollectionName): void {
    const seqs = batches.flatMap((b) => (b.pull?.[collection] === undefined ? [] : [b.pull[collection]]));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThanOrEqual(seqs[i - 1] ?? 0);
  }

  it('takes the compound in several budgeted exchanges, all collections together, then verifies in the same exchanges', async () => {
    const net = networkSwitch();
    const pc = await open(new MemoryStorage(), net);
    await pc.sync.login(SERVER, { compound: 'bootstrap', username: 'mishu', password: TEST_PASSWORD });
    await until(() => pc.sync.store.getState().state === 'online' && pc.sync.store.getState().lastVerifiedAt !== null);
    await pc.sync.awaitInSync();
    await expectSameAsServer(pc.db);
    // ~100 kB of tasks in 16 kB answers: several exchanges, each carrying every collection still catching up.
    expect(net.batches.length).toBeGreaterThan(4);
    expect(net.batches[0]?.pull && Object.keys(net.batches[0].pull).length).toBeGreaterThan(5);
    expect(pc.sync.stats().pulls).toBeGreaterThan(net.batches.length);
    expectForwardOnly(net.batches, 'tasks');
  });

  it('an answer cut half-way is asked again from the same checkpoint; nothing is missing or twice', async () => {
    const net = networkSwitch();
    const pc = await open(new MemoryStorage(), net);
    await pc.sync.login(SERVER, { compound: 'bootstrap', username: 'mishu', password: TEST_PASSWORD });
    // Cut the second and third answers (the first has landed by then).
    await until(() => net.batches.length >= 1);
    net.cutNextBatches(2);
    await until(() => net.cuts() === 2);
    await until(() => pc.sync.store.getState().state === 'online' && pc.sync.store.getState().lastVerifiedAt !== null);
    await pc.sync.awaitInSync();
    await expectSameAsServer(pc.db);
    expectForwardOnly(net.batches, 'tasks');
    expect(pc.sync.store.getState().divergences).toEqual([]);
  });

  it('a server restarted in the middle of the catch-up: the PC waits, then goes on from its checkpoints', async () => {
    const net = networkSwitch();
    const pc = await open(new MemoryStorage(), net);
    await pc.sync.login(SERVER, { compound: 'bootstrap', username: 'mishu', password: TEST_PASSWORD });
    await until(() => net.batches.length >= 2);
    // The server process goes away (its connections with it) and comes back on another port.
    net.setDown(true);
    await server.close();
    const before = net.batches.length;
    server = await startServer(testDb.db, { batchBudgetBytes: BUDGET });
    await new Promise((r) => setTimeout(r, 300));
    net.setDown(false);
    await until(() => pc.sync.store.getState().state === 'online' && pc.sync.store.getState().lastVerifiedAt !== null);
    await pc.sync.awaitInSync();
    await expectSameAsServer(pc.db);
    expect(net.batches.length).toBeGreaterThan(before);
    expectForwardOnly(net.batches, 'tasks');
    expect(pc.sync.store.getState().divergences).toEqual([]);
  });

  it('a PC closed half-way and opened again resumes from its checkpoints, never from the start', async () => {
    const net = networkSwitch();
    const storage = new MemoryStorage();
    const first = await open(storage, net);
    await first.sync.login(SERVER, { compound: 'bootstrap', username: 'mishu', password: TEST_PASSWORD });
    await until(() => net.batches.length >= 3);
    await first.sync.stop();
    await first.db.close();
    sync = undefined;
    db = undefined;
    const reached = Math.max(0, ...net.batches.map((b) => b.pull?.tasks ?? 0));
    expect(reached).toBeGreaterThan(0);

    net.batches.length = 0;
    const second = await open(storage, net, first.name);
    await until(() => second.sync.store.getState().state === 'online' && second.sync.store.getState().lastVerifiedAt !== null);
    await second.sync.awaitInSync();
    await expectSameAsServer(second.db);
    const asked = net.batches.flatMap((b) => (b.pull?.tasks === undefined ? [] : [b.pull.tasks]));
    expect(asked[0]).toBeGreaterThanOrEqual(reached);
    expectForwardOnly(net.batches, 'tasks');
  });
});
