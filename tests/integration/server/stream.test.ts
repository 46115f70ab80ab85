// Issues #3 and #7, live stream: SSE pokes ("collection C reached seq N", never documents) reach the same compound's
// clients only; several processes share them through PostgreSQL LISTEN/NOTIFY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, schemaFingerprint, type SessionResponse, type StreamPoke } from '../../../shared/sync/protocol';
import { openDatabase } from '../../../src-server/db/open';
import { freshDatabase, loginAs, makeCompound, makeUser, notice, push, row, seqs, startServer, syncHeaders, task, type TestDatabase, type TestServer } from './helpers';
import { openSse, type SseClient } from './sse-client';

let tdb: TestDatabase;
let server: TestServer;
let a: SessionResponse;
let b: SessionResponse;
const open: SseClient[] = [];

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'SSEA');
  await makeCompound(tdb.db, 'SSEB');
  await makeUser(tdb.db, 'SSEA', 'admin', 'admin');
  await makeUser(tdb.db, 'SSEB', 'admin', 'admin');
  a = await loginAs(server.url, 'SSEA', 'admin');
  b = await loginAs(server.url, 'SSEB', 'admin');
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
  await tdb?.drop();
});

async function stream(url: string, token: string, versionsInQuery = false): Promise<SseClient> {
  const s = versionsInQuery
    ? await openSse(`${url}/api/v1/sync/stream?protocol=${PROTOCOL_VERSION}&schema=${encodeURIComponent(schemaFingerprint())}`, { Authorization: `Bearer ${token}` })
    : await openSse(`${url}/api/v1/sync/stream`, syncHeaders(token));
  open.push(s);
  return s;
}

/** Pushes one new task and returns the seq it was accepted at. */
async function create(token: string, id: string): Promise<number> {
  const r = await push(server.url, token, 'tasks', [row(task(id))]);
  const seq = seqs(r.body)[id];
  if (seq === undefined) throw new Error(`${id} not accepted: ${JSON.stringify(r.body)}`);
  return seq;
}

const pokes = (s: SseClient): StreamPoke[] => s.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as StreamPoke);
const pokeOf = (collection: string, seq: number) => (e: { event: string; data: string }) =>
  e.event === 'change' && e.data === JSON.stringify({ collection, seq });

describe('live stream', () => {
  it('starts with a resync, delivers a change to the same compound and not to another', async () => {
    const sa = await stream(server.url, a.accessToken);
    const sa2 = await stream(server.url, a.accessToken, true); // protocol and schema in the query, the token in its header
    const sb = await stream(server.url, b.accessToken);
    expect(sa.status).toBe(200);
    expect(sa.headers.get('content-type')).toContain('text/event-stream');
    await sa.waitFor((e) => e.event === 'resync');
    await sb.waitFor((e) => e.event === 'resync');

    const doc = task('live-1', { title: '实时' });
    const r = await push(server.url, a.accessToken, 'tasks', [row(doc)]);
    const seq = seqs(r.body)['live-1'] as number;
    expect(seq).toBeGreaterThan(0);
    // The poke is exactly {collection, seq}: no documents, no ids, no content.
    const got = await sa.waitFor((e) => e.event === 'change');
    expect(JSON.parse(got.data)).toEqual({ collection: 'tasks', seq });
    expect(got.data).not.toContain('live-1');
    expect(got.data).not.toContain('实时');
    await sa2.waitFor(pokeOf('tasks', seq));

    // B's own write reaches B; by then A's write would have reached B too if it were going to.
    const bSeq = await create(b.accessToken, 'live-b');
    await sb.waitFor(pokeOf('tasks', bSeq));
    expect(pokes(sb)).toEqual([{ collection: 'tasks', seq: bSeq }]);
    await new Promise((r) => setTimeout(r, 200));
    expect(pokes(sa)).toEqual([{ collection: 'tasks', seq }]);
  });

  it('pokes once per push with its highest seq, in order, and not for a retry that writes nothing', async () => {
    const s = await stream(server.url, a.accessToken);
    await s.waitFor((e) => e.event === 'resync');
    const three = [row(task('poke-1')), row(task('poke-2')), row(task('poke-3'))];
    const r = await push(server.url, a.accessToken, 'tasks', three);
    const last = seqs(r.body)['poke-3'] as number;
    await s.waitFor(pokeOf('tasks', last));
    // The same push again (its answer was lost): accepted at the same seqs, nothing written, no poke.
    expect((await push(server.url, a.accessToken, 'tasks', three)).body.accepted?.map((x) => x.seq)).toEqual([last - 2, last - 1, last]);
    const n = await push(server.url, a.accessToken, 'notices', [row(notice('poke-n'))]);
    const noticeSeq = seqs(n.body)['poke-n'] as number;
    const afterwards = await create(a.accessToken, 'poke-4');
    await s.waitFor(pokeOf('tasks', afterwards));
    expect(pokes(s)).toEqual([
      { collection: 'tasks', seq: last },
      { collection: 'notices', seq: noticeSeq },
      { collection: 'tasks', seq: afterwards },
    ]);
  });

  it('forgets a stream when its client disconnects', async () => {
    const before = server.app.feed.subscriberCount();
    const s = await stream(server.url, a.accessToken);
    await s.waitFor((e) => e.event === 'resync');
    expect(server.app.feed.subscriberCount()).toBe(before + 1);
    s.close();
    const start = Date.now();
    while (server.app.feed.subscriberCount() > before && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(server.app.feed.subscriberCount()).toBe(before);
  });

  it('sends heartbeat comments', async () => {
    const s = await stream(server.url, a.accessToken);
    const start = Date.now();
    while (s.comments === 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 100));
    expect(s.comments).toBeGreaterThan(0);
  });

  it('refuses a stream without a valid token or with an old protocol', async () => {
    const none = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders());
    expect(none.status).toBe(401);
    const forged = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders(`${a.accessToken}x`));
    expect(forged.status).toBe(401);
    const old = await openSse(`${server.url}/api/v1/sync/stream`, { Authorization: `Bearer ${a.accessToken}` });
    expect(old.status).toBe(426);
  });

  it('ends the stream with an expired event when the access token runs out', async () => {
    const fresh = await loginAs(server.url, 'SSEA', 'admin');
    server.advance(15 * 60 * 1000 - 1500);
    try {
      const s = await stream(server.url, fresh.accessToken);
      expect(s.status).toBe(200);
      const e = await s.waitFor((x) => x.event === 'expired', 5000);
      expect(JSON.parse(e.data)).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
    } finally {
      server.advance(-(15 * 60 * 1000 - 1500));
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('carries a write through one server process to a stream on another (LISTEN/NOTIFY)', async () => {
    // A second "process": its own pool and LISTEN connection on the same database.
    const opened = await openDatabase({ databaseUrl: tdb.url, dataDir: undefined });
    if (!opened.ok) throw new Error('open failed');
    const other = await startServer(opened.value);
    try {
      const s = await stream(other.url, a.accessToken);
      await s.waitFor((e) => e.event === 'resync');
      const seq = await create(a.accessToken, 'cross-1');
      await s.waitFor(pokeOf('tasks', seq));
      expect(pokes(s)).toEqual([{ collection: 'tasks', seq }]);
    } finally {
      await other.close();
      await opened.value.close();
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('asks streams to resync when the LISTEN connection was lost, and keeps delivering', async () => {
    const s = await stream(server.url, a.accessToken);
    await s.waitFor((e) => e.event === 'resync');
    const before = s.events.filter((e) => e.event === 'resync').length;
    const killed = await tdb.db.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
    );
    expect(killed.rows.length).toBeGreaterThan(0);
    const start = Date.now();
    while (s.events.filter((e) => e.event === 'resync').length === before && Date.now() - start < 8000) await new Promise((r) => setTimeout(r, 100));
    expect(s.events.filter((e) => e.event === 'resync').length).toBeGreaterThan(before);
    const seq = await create(a.accessToken, 'after-reconnect');
    await s.waitFor(pokeOf('tasks', seq));
  });
});
