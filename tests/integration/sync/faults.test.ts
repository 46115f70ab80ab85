// Issue #7: one deterministic test per cause of divergence found under real faults, plus anti-entropy and a PC
// logged out with unsynced writes. "PC A" is the app's own store and sync service over fake-indexeddb, its fetch
// wrapped by a fault injector; "PC B" is raw protocol calls. One RxDB database per realm at a time (COL23).
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type LinliDatabase } from '../../../src-renderer/db/database';
import { createSyncService, type SyncService } from '../../../src-renderer/sync/sync-service';
import { localStore } from '../../../src-renderer/sync/local-store';
import { createApiClient } from '../../../src-renderer/sync/api-client';
import { MemoryStorage } from '../../../src-renderer/testing/memory-storage';
import { API_PATHS } from '../../../shared/sync/protocol';
import { freshDatabase, loginAs, makeCompound, makeUser, pull, push, startServer, TEST_PASSWORD, type TestDatabase, type TestServer } from '../server/helpers';

type Json = Record<string, unknown>;
const T = () => new Date().toISOString();
const seqOf = (doc: Json) => (doc.sync as { seq: number }).seq;
const task = (id: string, fields: Json = {}) => ({
  id, createdAt: T(), updatedAt: T(), createdBy: '秘书', updatedBy: '秘书',
  title: `任务 ${id}`, leadParty: 'property' as const, status: 'pending' as const, priority: 'normal' as const, ...fields,
});
const person = (id: string, fields: Json = {}) => ({
  id, createdAt: T(), updatedAt: T(), createdBy: '秘书', updatedBy: '秘书',
  kind: 'person' as const, name: '张三', party: 'branch' as const, status: 'active' as const, ...fields,
});

async function until<R>(fn: () => Promise<R | undefined | false> | R | undefined | false, ms = 20_000): Promise<R> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A fetch between PC A and the server that can hold requests, lose answers, rewrite answers and cut the stream. */
function faultyFetch() {
  type Gate = { matches: (url: string) => boolean; reached: () => void; released: Promise<void> };
  const gates: Gate[] = [];
  const losers: { matches: (url: string) => boolean; resolve: (body: string) => void }[] = [];
  const rewriters: { matches: (url: string) => boolean; fn: (body: Json) => Json }[] = [];
  const streams = new Set<() => void>();
  let offline = false;
  let streamOpens = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    if (offline) throw new TypeError('fetch failed (offline)');
    const gate = gates.find((g) => g.matches(url));
    if (gate) {
      gates.splice(gates.indexOf(gate), 1);
      gate.reached();
      await gate.released;
    }
    const res = await fetch(input, init);
    if (url.includes(API_PATHS.stream)) {
      streamOpens++;
      const reader = res.body!.getReader();
      let cut = () => undefined as void;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          cut = () => {
            try {
              controller.error(new TypeError('connection cut'));
            } catch {
              // already closed
            }
            void reader.cancel().catch(() => undefined);
          };
          streams.add(cut);
          void (async () => {
            try {
              for (;;) {
                const { value, done } = await reader.read();
                if (done) break;
                controller.enqueue(value);
              }
              controller.close();
            } catch {
              cut();
            } finally {
              streams.delete(cut);
            }
          })();
        },
        cancel() {
          void reader.cancel().catch(() => undefined);
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    }
    const loser = losers.find((l) => l.matches(url));
    if (loser) {
      losers.splice(losers.indexOf(loser), 1);
      loser.resolve(await res.text());
      throw new TypeError('connection reset after the server answered');
    }
    const rewriter = rewriters.find((r) => r.matches(url));
    if (rewriter && res.ok) {
      rewriters.splice(rewriters.indexOf(rewriter), 1);
      const body = rewriter.fn((await res.json()) as Json);
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'Content-Type': 'application/json' } });
    }
    return res;
  };
  return {
    fetch: fetchImpl,
    setOffline: (v: boolean) => void (offline = v),
    streamOpens: () => streamOpens,
    /** The next matching request waits before it is sent; resolves `reached` when it arrives. */
    hold(matches: (url: string) => boolean) {
      let release!: () => void;
      let reached!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const arrived = new Promise<void>((r) => (reached = r));
      gates.push({ matches, reached, released });
      return { arrived, release };
    },
    /** The next matching request reaches the server, which answers; the answer never arrives. */
    loseAnswer(matches: (url: string) => boolean): Promise<string> {
      return new Promise((resolve) => losers.push({ matches, resolve }));
    },
    rewriteNext(matches: (url: string) => boolean, fn: (body: Json) => Json) {
      rewriters.push({ matches, fn });
    },
    cutStreams: () => [...streams].forEach((cut) => cut()),
  };
}

let testDb: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  testDb = await freshDatabase();
  server = await startServer(testDb.db);
  await makeCompound(testDb.db, 'huli');
  await makeUser(testDb.db, 'huli', 'mishu', 'secretary');
});
afterAll(async () => {
  await server.close();
  await testDb.drop();
});

describe('sync under faults (issue #7)', () => {
  let db: LinliDatabase | undefined;
  let sync: SyncService | undefined;

  afterEach(async () => {
    await sync?.stop();
    await db?.remove();
    sync = undefined;
    db = undefined;
  });

  const openPc = async (faults: ReturnType<typeof faultyFetch>, storage: Storage = new MemoryStorage()) => {
    db = await openDatabase({ name: `fault${Date.now()}${Math.random().toString(36).slice(2)}`, conflict: { operator: () => '秘书A', deviceId: () => 'pc-a' } });
    sync = createSyncService(db, { storage, fetch: faults.fetch, minRetry: 50, maxRetry: 200 });
    const r = await sync.login(server.url, { compound: 'huli', username: 'mishu', password: TEST_PASSWORD });
    expect(r.ok).toBe(true);
    await until(() => sync!.store.getState().state === 'online');
    await sync.awaitInSync();
    return { db, sync };
  };

  const serverDocs = async (collection: 'tasks' | 'roster'): Promise<Map<string, Json>> => {
    const b = await loginAs(server.url, 'huli', 'mishu');
    const out = new Map<string, Json>();
    let seq = 0;
    for (;;) {
      const r = await pull(server.url, b.accessToken, collection, seq, 500);
      const docs = r.body.documents as Json[];
      for (const d of docs) out.set(d.id as string, d);
      if (docs.length === 0) return out;
      seq = (r.body.checkpoint as { seq: number }).seq;
    }
  };

  /** Every document of the collection on PC A (tombstones included) equals the server's, at the same seq. */
  const expectConverged = async (d: LinliDatabase, collection: 'tasks' | 'roster') => {
    const server = await serverDocs(collection);
    const local = new Map<string, Json>();
    await localStore(d).scan(collection, (docs) => docs.forEach((x) => local.set(x.id, x as unknown as Json)));
    const shape = (x: Json) => {
      const { _rev: _r, _meta: _m, _attachments: _a, sync: s, ...rest } = x;
      return { ...rest, _deleted: x._deleted === true, seq: (s as { seq?: number } | undefined)?.seq };
    };
    for (const [id, doc] of server) expect(local.has(id) ? shape(local.get(id)!) : undefined, `${collection}/${id}`).toEqual(shape(doc));
    for (const id of local.keys()) expect(server.has(id), `${collection}/${id} only on the PC`).toBe(true);
  };

  it('cause 1: a stream reconnect while a push hangs never skips a range of the sequence', async () => {
    const faults = faultyFetch();
    const { db, sync } = await openPc(faults);
    const b = await loginAs(server.url, 'huli', 'mishu');

    const gate = faults.hold((u) => u.includes('/tasks/push'));
    await db.tasks.insert(task('c1-x'));
    await gate.arrived;
    // While A's push hangs: a change arrives live, the stream reconnects, and more is written around the reconnect.
    await push(server.url, b.accessToken, 'tasks', [{ baseSeq: 0, document: { ...task('c1-a'), _deleted: false } }]);
    const opens = faults.streamOpens();
    faults.cutStreams();
    await push(server.url, b.accessToken, 'tasks', [{ baseSeq: 0, document: { ...task('c1-b'), _deleted: false } }]);
    await until(() => faults.streamOpens() > opens);
    await push(server.url, b.accessToken, 'tasks', [{ baseSeq: 0, document: { ...task('c1-c'), _deleted: false } }]);
    gate.release();

    await until(async () => (await db.tasks.findByIds(['c1-a', 'c1-b', 'c1-c']).exec()).size === 3);
    await sync.awaitInSync();
    expect(sync.store.getState().pending).toBe(0);
    await expectConverged(db, 'tasks');
  });

  it('cause 2: a late, older version is never applied over a newer one, nor pushed back over a tombstone', async () => {
    const faults = faultyFetch();
    const { db, sync } = await openPc(faults);
    await db.tasks.insert(task('c2-t', { description: '原始' }));
    await until(() => sync.store.getState().pending === 0);
    const old = (await serverDocs('tasks')).get('c2-t')!;

    await (await db.tasks.findOne('c2-t').exec())!.remove();
    await until(() => sync.store.getState().pending === 0);
    await sync.awaitInSync();
    const tombstone = (await serverDocs('tasks')).get('c2-t')!;
    expect(tombstone._deleted).toBe(true);

    // The old, alive version arrives late (a delayed answer or a stale event) in the next pull.
    faults.rewriteNext(
      (u) => u.includes('/tasks/pull'),
      (body) => ({ ...body, documents: [old, ...(body.documents as Json[])] }),
    );
    const b = await loginAs(server.url, 'huli', 'mishu');
    await push(server.url, b.accessToken, 'tasks', [{ baseSeq: 0, document: { ...task('c2-other'), _deleted: false } }]);
    await until(async () => (await db.tasks.findOne('c2-other').exec()) !== null);
    expect(await db.tasks.findOne('c2-t').exec()).toBeNull();

    // Later work on this PC must not carry the old state back to the server.
    await (await db.tasks.findOne('c2-other').exec())!.incrementalPatch({ description: '再改', updatedAt: T() });
    await sync.syncNow();
    await sync.awaitInSync();
    expect(sync.store.getState().pending).toBe(0);
    const history = await testDb.db.query<{ deleted: boolean; seq: number }>(
      "SELECT deleted, seq FROM history WHERE collection = 'tasks' AND id = 'c2-t' ORDER BY seq",
    );
    expect(history.rows.map((r) => r.deleted)).toEqual([false, true]);
    await expectConverged(db, 'tasks');
  });

  it('cause 3: a refresh whose answer is lost does not log the PC out, and its writes still go up', async () => {
    const faults = faultyFetch();
    const { db, sync } = await openPc(faults);
    const lost = faults.loseAnswer((u) => u.includes(API_PATHS.refresh));
    // The access token is about to expire: the next call refreshes first.
    const s = sync.store.getState().session!;
    sync.store.setState({ session: { ...s, accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() } });
    await db.roster.insert(person('c3-p'));
    const answer = JSON.parse(await lost) as { refreshToken: string };
    await until(() => sync.store.getState().pending === 0);
    expect(sync.store.getState().session).not.toBeNull();
    // The retry got the same successor the lost answer carried.
    expect(sync.store.getState().session!.refreshToken).toBe(answer.refreshToken);
    await until(() => sync.store.getState().state === 'online' && sync.store.getState().error === null);
    expect((await serverDocs('roster')).has('c3-p')).toBe(true);
  });

  it('cause 3: a server error on refresh keeps the session', async () => {
    const faults = faultyFetch();
    const { sync } = await openPc(faults);
    const s = sync.store.getState().session!;
    const failing: typeof fetch = async (input, init) =>
      String(input).includes(API_PATHS.refresh) ? new Response(JSON.stringify({ error: { code: 'INTERNAL', message: 'boom' } }), { status: 500 }) : faults.fetch(input, init);
    const r = await createApiClient({
      getSession: () => sync.store.getState().session,
      saveSession: (x) => sync.store.setState({ session: x }),
      deviceId: 'pc-a',
      fetch: failing,
    }).refresh(s);
    expect(r.ok).toBe(false);
    expect(sync.store.getState().session).not.toBeNull();
  });

  it('a PC whose login was revoked keeps its unsynced writes and pushes them after the next login', async () => {
    const faults = faultyFetch();
    const { db, sync } = await openPc(faults);
    faults.setOffline(true);
    await db.roster.insert(person('c3-offline'));
    // Meanwhile the login is ended elsewhere (e.g. signed out on the server) and the access token expires.
    const s = sync.store.getState().session!;
    await fetch(`${server.url}${API_PATHS.logout}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: s.refreshToken }) });
    sync.store.setState({ session: { ...s, accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() } });
    faults.setOffline(false);
    await sync.syncNow();
    await until(() => sync.store.getState().session === null);
    expect(sync.store.getState().pending).toBe(1);
    expect(await db.roster.findOne('c3-offline').exec()).not.toBeNull();

    const r = await sync.login(server.url, { compound: 'huli', username: 'mishu', password: TEST_PASSWORD });
    expect(r.ok).toBe(true);
    await until(() => sync.store.getState().pending === 0);
    expect((await serverDocs('roster')).has('c3-offline')).toBe(true);
  });

  it('cause 4: a merge that ends equal to the server version leaves nothing pending', async () => {
    const faults = faultyFetch();
    const { db, sync } = await openPc(faults);
    await db.roster.insert(person('c4-p', { note: '旧' }));
    await until(() => sync.store.getState().pending === 0);
    faults.setOffline(true);
    await (await db.roster.findOne('c4-p').exec())!.incrementalPatch({ note: '同一个值', updatedAt: T() });
    expect(sync.store.getState().pending).toBe(1);
    // Another PC makes the same change, later.
    await new Promise((r) => setTimeout(r, 5));
    const b = await loginAs(server.url, 'huli', 'mishu');
    const master = (await serverDocs('roster')).get('c4-p')!;
    await push(server.url, b.accessToken, 'roster', [{ baseSeq: seqOf(master), document: { ...master, note: '同一个值', updatedAt: T(), updatedBy: '秘书B' } }]);
    faults.setOffline(false);
    await sync.syncNow();
    await until(() => sync.store.getState().pending === 0 && sync.store.getState().state === 'online');
    await sync.awaitInSync();
    expect(sync.store.getState().pending).toBe(0);
    const history = await testDb.db.query<{ seq: number }>("SELECT seq FROM history WHERE collection = 'roster' AND id = 'c4-p'");
    expect(history.rows).toHaveLength(2);
    await expectConverged(db, 'roster');
  });

  it('a connection that goes silent without a reset times out, and the stream is reopened when it falls silent, before or after its headers', async () => {
    const faults = faultyFetch();
    db = await openDatabase({ name: `silent${Date.now()}`, conflict: { operator: () => '秘书A', deviceId: () => 'pc-a' } });
    let blackholePushes = 1;
    let headerlessStreams = 1;
    let silentStreams = 1;
    let streams = 0;
    const silent: typeof fetch = async (input, init) => {
      const url = String(input);
      // Never answers and never fails: only the caller's own signal ends it.
      const hang = () =>
        new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      if (url.includes('/roster/push') && blackholePushes-- > 0) return hang();
      if (url.includes(API_PATHS.stream)) {
        streams++;
        if (headerlessStreams-- > 0) return hang();
        if (silentStreams-- > 0) return new Response(new ReadableStream({ start() {} }), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }
      return faults.fetch(input, init);
    };
    sync = createSyncService(db, { storage: new MemoryStorage(), fetch: silent, minRetry: 50, maxRetry: 200, requestTimeoutMs: 1000, streamIdleMs: 1500 });
    expect((await sync.login(server.url, { compound: 'huli', username: 'mishu', password: TEST_PASSWORD })).ok).toBe(true);
    await db.roster.insert(person('silent-1'));
    await until(() => sync!.store.getState().pending === 0, 15_000);
    expect((await serverDocs('roster')).has('silent-1')).toBe(true);
    // The first stream never got its headers, the second sent nothing after them; the watchdog gave up on both and a
    // third one reached 在线.
    await until(() => streams >= 3 && sync!.store.getState().state === 'online', 15_000);
  });

  it('立即同步 gives up a stream still waiting for its answer and opens another at once', async () => {
    const faults = faultyFetch();
    db = await openDatabase({ name: `headerless${Date.now()}`, conflict: { operator: () => '秘书A', deviceId: () => 'pc-a' } });
    let headerlessStreams = 1;
    let streams = 0;
    const silent: typeof fetch = async (input, init) => {
      if (String(input).includes(API_PATHS.stream)) {
        streams++;
        if (headerlessStreams-- > 0) {
          return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
        }
      }
      return faults.fetch(input, init);
    };
    // The watchdog alone would wait a minute: only 立即同步 can end the first stream within the test.
    sync = createSyncService(db, { storage: new MemoryStorage(), fetch: silent, minRetry: 50, maxRetry: 200, streamIdleMs: 60_000 });
    expect((await sync.login(server.url, { compound: 'huli', username: 'mishu', password: TEST_PASSWORD })).ok).toBe(true);
    await until(() => streams === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(sync.store.getState().state).toBe('syncing');
    await sync.syncNow();
    await until(() => streams >= 2 && sync!.store.getState().state === 'online', 5_000);
  });

  it('anti-entropy finds a damaged or stale local copy and a document the server lost, repairs both and records it', async () => {
    const faults = faultyFetch();
    const { db, sync } = await openPc(faults);
    await db.tasks.bulkInsert([task('ae-1', { description: 'v1' }), task('ae-2'), task('ae-3')]);
    await until(() => sync.store.getState().pending === 0);
    await (await db.tasks.findOne('ae-1').exec())!.incrementalPatch({ description: 'v2', updatedAt: T() });
    await until(() => sync.store.getState().pending === 0);
    await sync.awaitInSync();
    const onServer = await serverDocs('tasks');

    // Damage below the app: ae-1 goes back to its first version, ae-2 vanishes into a tombstone at the same seq.
    const store = localStore(db);
    const local = await store.read('tasks', ['ae-1', 'ae-2']);
    const firstVersion = await testDb.db.query<{ data: Json; seq: number }>(
      "SELECT data, seq FROM history WHERE collection = 'tasks' AND id = 'ae-1' ORDER BY seq LIMIT 1",
    );
    const { conflicted } = await store.write(
      'tasks',
      [
        { previous: local.get('ae-1'), content: { ...firstVersion.rows[0]!.data, _deleted: false } as never, sync: { seq: Number(firstVersion.rows[0]!.seq) } },
        { previous: local.get('ae-2'), content: { ...(onServer.get('ae-2') as Json), sync: undefined, _deleted: true } as never, sync: { seq: seqOf(onServer.get('ae-2')!) } },
      ],
      'test-damage',
    );
    expect(conflicted.size).toBe(0);
    // And the server loses ae-3 (restored from an older backup).
    await testDb.db.query("DELETE FROM documents WHERE collection = 'tasks' AND id = 'ae-3'");

    await sync.syncNow();
    await until(() => sync.store.getState().divergences.some((d) => d.collection === 'tasks'));
    await sync.awaitInSync();
    const found = sync.store.getState().divergences.filter((d) => d.collection === 'tasks');
    expect(found[0]).toMatchObject({ fetched: 2, repushed: 1 });
    expect((await db.tasks.findOne('ae-1').exec())?.description).toBe('v2');
    expect(await db.tasks.findOne('ae-2').exec()).not.toBeNull();
    expect((await serverDocs('tasks')).has('ae-3')).toBe(true);
    expect(sync.store.getState().pending).toBe(0);
    await expectConverged(db, 'tasks');
  });
});
