// Issue #9, finding 5: limits per compound. A storage quota, conflict copies per document, live streams per login
// and per compound, a small body limit for the unauthenticated auth routes, and fair scheduling: one compound's burst
// of large pushes does not hold up another compound's pulls.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../../shared/sync/protocol';
import {
  errorCode,
  freshDatabase,
  loginAs,
  makeCompound,
  makeUser,
  pull,
  push,
  row,
  seqs,
  startServer,
  syncHeaders,
  task,
  until,
  type Json,
  type TestDatabase,
  type TestServer,
} from './helpers';
import { openSse, type SseClient } from './sse-client';

let tdb: TestDatabase;
let server: TestServer;
const open: SseClient[] = [];

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  for (const c of ['QA', 'QB', 'BUSY', 'CALM']) {
    await makeCompound(tdb.db, c);
    await makeUser(tdb.db, c, 'admin', 'admin');
  }
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
  await tdb?.drop();
});

/** The payload of an access token (tests read the tenant and login ids from it). */
const claimsOf = (token: string): { tid: string; sid: string } =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { tid: string; sid: string };

async function stream(url: string, token: string): Promise<SseClient> {
  const s = await openSse(`${url}/api/v1/sync/stream`, syncHeaders(token));
  open.push(s);
  return s;
}

const conflict = (i: number, size = 10): Json => ({
  id: `c${i}`,
  path: 'description',
  mine: JSON.stringify('m'.repeat(size)),
  theirs: JSON.stringify('t'.repeat(size)),
  at: '2026-11-25T08:30:00.000Z',
  by: '秘书A',
  status: 'open',
});

describe('auth body limit', () => {
  it('refuses an unauthenticated login body over 16 KiB with 413 before reading it', async () => {
    const big = JSON.stringify({ compound: 'QA', username: 'admin', password: 'x'.repeat(20 * 1024) });
    const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(errorCode((await res.json()) as Json)).toBe('PAYLOAD_TOO_LARGE');
    const refresh = await fetch(`${server.url}/api/v1/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
    expect(refresh.status).toBe(413);
    // A normal login is far below it.
    expect((await loginAs(server.url, 'QA', 'admin')).accessToken).toBeTruthy();
  });
});

describe('storage quota per compound', () => {
  it('refuses the rows that would exceed the quota, keeps the rest of the push, and leaves other compounds alone', async () => {
    const small = await startServer(tdb.db, { quotaStorageBytes: 6000 });
    try {
      const a = await loginAs(small.url, 'QA', 'admin');
      const b = await loginAs(small.url, 'QB', 'admin');
      const bulky = (id: string) => task(id, { description: 'x'.repeat(2000) });
      const r = await push(small.url, a.accessToken, 'tasks', [row(bulky('q-1')), row(bulky('q-2')), row(bulky('q-3')), row(task('q-tiny'))]);
      expect(r.status).toBe(200);
      expect(r.body.accepted?.map((x) => x.id)).toEqual(['q-1', 'q-2', 'q-tiny']);
      expect(r.body.rejected).toEqual([expect.objectContaining({ id: 'q-3', code: 'DOMAIN_INVALID', rule: 'QUOTA_EXCEEDED' })]);
      const used = await tdb.db.query<{ stored_bytes: number }>('SELECT t.stored_bytes FROM tenant_seq t JOIN compounds c ON c.id = t.tenant_id WHERE c.code = $1', ['QA']);
      expect(Number(used.rows[0]?.stored_bytes)).toBeGreaterThan(4000);
      expect(Number(used.rows[0]?.stored_bytes)).toBeLessThanOrEqual(6000);
      // Once full, a further write is refused too; an unchanged retry is still acknowledged (nothing is written).
      const again = await push(small.url, a.accessToken, 'tasks', [row(bulky('q-4')), row(bulky('q-1'))]);
      expect(again.body.rejected?.map((x) => [x.id, x.rule])).toEqual([['q-4', 'QUOTA_EXCEEDED']]);
      expect(again.body.accepted?.map((x) => x.id)).toEqual(['q-1']);
      // Another compound has its own quota.
      expect((await push(small.url, b.accessToken, 'tasks', [row(bulky('b-1'))])).body.accepted?.map((x) => x.id)).toEqual(['b-1']);
    } finally {
      await small.close();
    }
  });
});

describe('conflict copies per document', () => {
  it('refuses a document carrying too many or too large conflict copies, but never one that resolves them', async () => {
    const strict = await startServer(tdb.db, { quotaConflictsPerDocument: 5, quotaConflictBytesPerDocument: 4096 });
    try {
      const a = await loginAs(strict.url, 'QA', 'admin');
      const copies = (n: number, size = 10) => Array.from({ length: n }, (_, i) => conflict(i, size));
      const r = await push(strict.url, a.accessToken, 'tasks', [
        row(task('cc-ok', { conflicts: copies(5) })),
        row(task('cc-many', { conflicts: copies(6) })),
        row(task('cc-big', { conflicts: copies(1, 3000) })),
      ]);
      expect(r.status).toBe(200);
      expect(r.body.accepted?.map((x) => x.id)).toEqual(['cc-ok']);
      expect(r.body.rejected?.map((x) => [x.id, x.code, x.rule, x.path])).toEqual([
        ['cc-many', 'DOMAIN_INVALID', 'CONFLICTS_TOO_LARGE', '/conflicts'],
        ['cc-big', 'DOMAIN_INVALID', 'CONFLICTS_TOO_LARGE', '/conflicts'],
      ]);
      // Stored with 5 under a laxer server, then the limit drops to 3: resolving some is accepted, adding is not.
      const seq = seqs(r.body)['cc-ok'] as number;
      const tighter = await startServer(tdb.db, { quotaConflictsPerDocument: 3 });
      try {
        const t = await loginAs(tighter.url, 'QA', 'admin');
        const fewer = await push(tighter.url, t.accessToken, 'tasks', [row(task('cc-ok', { conflicts: copies(4) }), seq)]);
        expect(fewer.body.accepted?.map((x) => x.id)).toEqual(['cc-ok']);
        const more = await push(tighter.url, t.accessToken, 'tasks', [row(task('cc-ok', { conflicts: copies(5) }), seqs(fewer.body)['cc-ok'])]);
        expect(more.body.rejected?.map((x) => x.rule)).toEqual(['CONFLICTS_TOO_LARGE']);
      } finally {
        await tighter.close();
      }
    } finally {
      await strict.close();
    }
  });

  it('has defaults that refuse megabytes of conflict copies on one task', async () => {
    const a = await loginAs(server.url, 'QA', 'admin');
    const stuffed = Array.from({ length: 2 }, (_, i) => conflict(i, 700_000));
    const r = await push(server.url, a.accessToken, 'tasks', [row(task('cc-stuffed', { conflicts: stuffed }))]);
    expect(r.body.rejected?.map((x) => x.rule)).toEqual(['CONFLICTS_TOO_LARGE']);
  });
});

describe('live streams', () => {
  it('keeps at most 4 streams per login: a fifth closes the oldest', async () => {
    const login = await loginAs(server.url, 'QA', 'admin');
    const streams: SseClient[] = [];
    for (let i = 0; i < 7; i++) {
      const s = await stream(server.url, login.accessToken);
      expect(s.status).toBe(200);
      await s.waitFor((e) => e.event === 'resync');
      streams.push(s);
    }
    expect(await until(() => streams.slice(0, 3).every((s) => s.isEnded()))).toBe(true);
    expect(streams.slice(3).some((s) => s.isEnded())).toBe(false);
    const { tid, sid } = claimsOf(login.accessToken);
    expect(server.app.streams.count({ tenantId: tid, sessionId: sid })).toBe(4);
    // Another login of the same user has its own allowance.
    const other = await loginAs(server.url, 'QA', 'admin');
    expect((await stream(server.url, other.accessToken)).status).toBe(200);
  });

  it('refuses more streams than the compound may hold with 429 RATE_LIMITED, other compounds unaffected', async () => {
    const limited = await startServer(tdb.db, { maxStreamsPerCompound: 3 });
    try {
      const logins = await Promise.all([1, 2, 3, 4].map(() => loginAs(limited.url, 'QB', 'admin')));
      for (const l of logins.slice(0, 3)) expect((await stream(limited.url, l.accessToken)).status).toBe(200);
      const fourth = await stream(limited.url, (logins[3] as SessionResponse).accessToken);
      expect(fourth.status).toBe(429);
      expect(JSON.parse(fourth.body)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await stream(limited.url, (await loginAs(limited.url, 'QA', 'admin')).accessToken)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('fair scheduling between compounds', () => {
  // The probe's case: one compound's pushes queue on its own lock, each holding a database connection, until the
  // pool is empty and every other compound's pulls wait for a connection. Held here deterministically by locking the
  // busy compound's sequence row from outside. (PGlite is one connection for everything: there is no pool to starve.)
  it.runIf(Boolean(process.env.DATABASE_URL))("keeps another compound's pulls fast while one compound's pushes wait on its lock", async () => {
    const busy = await loginAs(server.url, 'BUSY', 'admin');
    const calm = await loginAs(server.url, 'CALM', 'admin');
    const tenant = claimsOf(busy.accessToken).tid;
    const outside = new pg.Client({ connectionString: tdb.url });
    await outside.connect();
    let burst: Promise<{ status: number }[]> | undefined;
    try {
      await outside.query('BEGIN');
      await outside.query('SELECT seq FROM tenant_seq WHERE tenant_id = $1 FOR UPDATE', [tenant]);
      // More pushes than the pool has connections (10).
      burst = Promise.all(Array.from({ length: 16 }, (_, i) => push(server.url, busy.accessToken, 'tasks', [row(task(`held-${i}`))])));
      const waited = await until(async () => {
        // Statistics are a snapshot per transaction: take a fresh one each time.
        await outside.query('SELECT pg_stat_clear_snapshot()');
        const r = await outside.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        return (r.rows[0]?.n ?? 0) >= 2;
      });
      expect(waited).toBe(true);
      await new Promise((r) => setTimeout(r, 300)); // let every push that is going to take a connection take it
      const t = performance.now();
      const calmPull = await Promise.race([
        pull(server.url, calm.accessToken, 'tasks', 0),
        new Promise<{ status: number }>((resolve) => setTimeout(() => resolve({ status: 0 }), 3000)),
      ]);
      const ms = performance.now() - t;
      expect(calmPull.status, 'CALM could not pull while BUSY waited on its lock').toBe(200);
      expect(ms).toBeLessThan(1000);
      // BUSY runs at most its concurrency at once; the rest wait in its own queue, not in the pool.
      expect(server.app.scheduler.load(tenant)).toEqual({ running: 2, waiting: 14 });
    } finally {
      await outside.query('ROLLBACK').catch(() => undefined);
      await outside.end();
    }
    expect((await burst).map((r) => r.status)).toEqual(Array(16).fill(200));
  });

  it('queues a compound beyond its concurrency and refuses beyond its queue with 429 RATE_LIMITED', async () => {
    const tight = await startServer(tdb.db, { tenantConcurrency: 1, tenantQueue: 2 });
    try {
      const busy = await loginAs(tight.url, 'BUSY', 'admin');
      const calm = await loginAs(tight.url, 'CALM', 'admin');
      const tenant = claimsOf(busy.accessToken).tid;
      // A long request of BUSY holds its only slot (taken here directly: as a push in its database work would).
      const held = await tight.app.scheduler.acquire(tenant);
      if (!held.ok) throw new Error('no slot');
      expect(tight.app.scheduler.load(tenant).running).toBe(1);
      // A slow upload holds no slot while its body arrives.
      const u = new URL(`${tight.url}/api/v1/sync/tasks/push`);
      const slow = http.request({
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: { ...syncHeaders(busy.accessToken), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      });
      const slowDone = new Promise<number>((resolve, reject) => {
        slow.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        slow.on('error', reject);
      });
      slow.write('{"rows":[');
      await new Promise((r) => setTimeout(r, 200));
      expect(tight.app.scheduler.load(tenant)).toEqual({ running: 1, waiting: 0 });
      // Two pulls wait in the queue, the next two are refused at once.
      const queued = [pull(tight.url, busy.accessToken, 'tasks', 0), pull(tight.url, busy.accessToken, 'tasks', 0)];
      expect(await until(() => tight.app.scheduler.load(tenant).waiting === 2)).toBe(true);
      const refused = await Promise.all([pull(tight.url, busy.accessToken, 'tasks', 0), pull(tight.url, busy.accessToken, 'tasks', 0)]);
      for (const r of refused) expect([r.status, errorCode(r.body)]).toEqual([429, 'RATE_LIMITED']);
      // Another compound is not held up by BUSY's queue.
      expect((await pull(tight.url, calm.accessToken, 'tasks', 0)).status).toBe(200);
      held.slot.release();
      expect((await Promise.all(queued)).map((r) => r.status)).toEqual([200, 200]);
      // The upload, complete now, takes its turn like any other request.
      slow.end(']}');
      expect(await slowDone).toBe(200);
      expect(await until(() => tight.app.scheduler.load(tenant).running === 0)).toBe(true);
    } finally {
      await tight.close();
    }
  });
});
