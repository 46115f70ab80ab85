// Issues #3 and #7, security: tenancy on pull/push/stream, tokens and the refresh reuse window, roles, body size,
// login throttling, versions.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, schemaFingerprint, type SessionResponse } from '../../../shared/sync/protocol';
import { signAccessToken } from '../../../src-server/auth/jwt';
import {
  freshDatabase,
  loginAs,
  makeCompound,
  makeUser,
  pull,
  push,
  refreshWith,
  row,
  startServer,
  syncHeaders,
  task,
  TEST_PASSWORD,
  type Json,
  type TestDatabase,
  type TestServer,
} from './helpers';
import { openSse } from './sse-client';

let tdb: TestDatabase;
let server: TestServer;
let a: SessionResponse;
let b: SessionResponse;

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'AAA');
  await makeCompound(tdb.db, 'BBB');
  await makeUser(tdb.db, 'AAA', 'admin', 'admin');
  await makeUser(tdb.db, 'AAA', 'viewer', 'viewer');
  await makeUser(tdb.db, 'AAA', 'cashier', 'treasurer');
  await makeUser(tdb.db, 'AAA', 'helper', 'staff');
  await makeUser(tdb.db, 'BBB', 'admin', 'admin');
  a = await loginAs(server.url, 'AAA', 'admin');
  b = await loginAs(server.url, 'BBB', 'admin');
  const r = await push(server.url, b.accessToken, 'tasks', [row(task('b-secret', { title: 'B 的内部事务' })), row(task('shared-id', { title: 'B 的版本' }))]);
  expect(r.body.accepted).toHaveLength(2);
});

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

const code = async (res: Response): Promise<string> => ((await res.json()) as { error: { code: string } }).error.code;

describe('tenancy', () => {
  it("never hands compound A's token a document of compound B", async () => {
    const r = await pull(server.url, a.accessToken, 'tasks', 0, 1000);
    expect(r.status).toBe(200);
    expect(r.body.documents).toEqual([]);
  });

  it("shows A no history of B's documents", async () => {
    const res = await fetch(`${server.url}/api/v1/history/tasks/b-secret`, { headers: { Authorization: `Bearer ${a.accessToken}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ versions: [] });
    const own = await fetch(`${server.url}/api/v1/history/tasks/b-secret`, { headers: { Authorization: `Bearer ${b.accessToken}` } });
    expect(((await own.json()) as { versions: unknown[] }).versions).toHaveLength(1);
    const forbidden = await fetch(`${server.url}/api/v1/history/tasks/b-secret`, { headers: { Authorization: `Bearer ${a.accessToken}`, 'X-Linli-Compound': 'BBB' } });
    expect(forbidden.status).toBe(403);
  });

  it("keeps A's write of an id that B also uses inside A", async () => {
    const r = await push(server.url, a.accessToken, 'tasks', [row(task('shared-id', { title: 'A 的版本' }))]);
    // Not a conflict with B's document: A has no such document.
    expect(r.body).toMatchObject({ conflicts: [], rejected: [] });
    expect(r.body.accepted?.map((x) => x.id)).toEqual(['shared-id']);
    const fromB = await pull(server.url, b.accessToken, 'tasks', 0, 1000);
    const docs = fromB.body.documents as Json[];
    expect(docs.find((d) => d.id === 'shared-id')?.title).toBe('B 的版本');
    expect(docs.some((d) => d.title === 'A 的版本')).toBe(false);
  });

  it("answers 403 and no documents when A's token names compound B, on pull, push and stream", async () => {
    const pullRes = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0`, { headers: { ...syncHeaders(a.accessToken), 'X-Linli-Compound': 'BBB' } });
    expect(pullRes.status).toBe(403);
    const pullBody = (await pullRes.json()) as Json;
    expect(pullBody.documents).toBeUndefined();
    expect((pullBody.error as { code: string }).code).toBe('FORBIDDEN');

    const pushRes = await push(server.url, a.accessToken, 'tasks', [row(task('b-secret', { title: '篡改' }))], { 'X-Linli-Compound': 'bbb' });
    expect(pushRes.status).toBe(403);
    const stillB = await pull(server.url, b.accessToken, 'tasks', 0, 1000);
    expect((stillB.body.documents as Json[]).find((d) => d.id === 'b-secret')?.title).toBe('B 的内部事务');

    const stream = await openSse(`${server.url}/api/v1/sync/stream?compound=BBB`, syncHeaders(a.accessToken));
    expect(stream.status).toBe(403);
    expect(stream.body).toContain('FORBIDDEN');
    expect(stream.body).not.toContain('b-secret');

    // Naming one's own compound is fine, in any letter case.
    const own = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0`, { headers: { ...syncHeaders(a.accessToken), 'X-Linli-Compound': 'aaa' } });
    expect(own.status).toBe(200);
  });
});

describe('tokens', () => {
  it('refuses a missing, forged, tampered or alg:none token with 401 UNAUTHENTICATED', async () => {
    const none = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0`, { headers: syncHeaders() });
    expect(none.status).toBe(401);
    expect(await code(none)).toBe('UNAUTHENTICATED');

    const now = Math.floor(Date.now() / 1000);
    const claims = { typ: 'access', sub: b.user.id, tid: 'x', cmp: 'BBB', role: 'admin', iat: now, exp: now + 600, sid: 'x', ver: 0 } as const;
    const forged = signAccessToken(claims, Buffer.from('not-the-server-secret'));
    const [h, , s] = a.accessToken.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, tid: 'other' })).toString('base64url')}.${s}`;
    const algNone = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    for (const t of [forged, tampered, algNone, 'garbage']) {
      const res = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0`, { headers: syncHeaders(t) });
      expect(res.status).toBe(401);
      expect(await code(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 401 TOKEN_EXPIRED after 15 minutes, and refresh rotates the refresh token', async () => {
    const session = await loginAs(server.url, 'AAA', 'admin');
    expect(Date.parse(session.accessTokenExpiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    server.advance(15 * 60 * 1000 + 1000);
    try {
      const res = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0`, { headers: syncHeaders(session.accessToken) });
      expect(res.status).toBe(401);
      expect(await code(res)).toBe('TOKEN_EXPIRED');
      const me = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
      expect(me.status).toBe(401);

      const refreshed = await refreshWith(server.url, session.refreshToken);
      expect(refreshed.status).toBe(200);
      const next = refreshed.body as SessionResponse;
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect((await pull(server.url, next.accessToken, 'tasks', 0)).status).toBe(200);

      // The spent refresh token presented again after the reuse window: refused, and its successor is revoked too
      // (possible theft).
      server.advance(61_000);
      expect((await refreshWith(server.url, session.refreshToken)).status).toBe(401);
      expect((await refreshWith(server.url, next.refreshToken)).status).toBe(401);
    } finally {
      server.advance(-(15 * 60 * 1000 + 1000 + 61_000));
    }
  });

  it('logs out by revoking the refresh token, and /me names the user', async () => {
    const session = await loginAs(server.url, 'AAA', 'viewer');
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'viewer', role: 'viewer' }, compound: { code: 'AAA' } });
    const out = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(out.status).toBe(200);
    const after = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(after.status).toBe(401);
  });
});

describe('refresh reuse window', () => {
  /** The rows of the login family a refresh token belongs to. */
  async function family(refreshToken: string): Promise<{ used: boolean; revoked: boolean }[]> {
    const [tenantId, secretPart] = refreshToken.split('.') as [string, string];
    const hash = createHash('sha256').update(secretPart).digest('hex');
    const r = await tdb.db.query<{ used: boolean; revoked: boolean }>(
      `SELECT used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked FROM refresh_tokens
        WHERE tenant_id = $1 AND family_id = (SELECT family_id FROM refresh_tokens WHERE tenant_id = $1 AND token_hash = $2)
        ORDER BY used_at IS NULL, created_at`,
      [tenantId, hash],
    );
    return r.rows;
  }
  const works = async (accessToken: string): Promise<number> =>
    (await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } })).status;

  it('answers a refresh retried within the window with the same successor, and both copies keep working', async () => {
    const login = await loginAs(server.url, 'AAA', 'helper');
    const first = await refreshWith(server.url, login.refreshToken);
    expect(first.status).toBe(200);
    // The answer was lost; the client tries again with the token it still holds, 30 s later.
    server.advance(30_000);
    try {
      const retry = await refreshWith(server.url, login.refreshToken);
      expect(retry.status).toBe(200);
      expect(retry.body.refreshToken).toBe(first.body.refreshToken);
      expect(retry.body.refreshTokenExpiresAt).toBe(first.body.refreshTokenExpiresAt);
      expect(retry.body).toMatchObject({ user: { username: 'helper', role: 'staff' }, compound: { code: 'AAA' } });
      // A fresh access token (issued now, 30 s later), and no new row: login + one successor.
      expect(Date.parse(retry.body.accessTokenExpiresAt ?? '')).toBeGreaterThan(Date.parse(first.body.accessTokenExpiresAt ?? ''));
      expect(await family(login.refreshToken)).toEqual([
        { used: true, revoked: false },
        { used: false, revoked: false },
      ]);
      expect(await works(first.body.accessToken ?? '')).toBe(200);
      expect(await works(retry.body.accessToken ?? '')).toBe(200);
      // Whichever copy of the successor is used first rotates on, and the other copy's retry gets the same answer.
      const second = await refreshWith(server.url, first.body.refreshToken ?? '');
      expect(second.status).toBe(200);
      const secondAgain = await refreshWith(server.url, retry.body.refreshToken ?? '');
      expect(secondAgain.status).toBe(200);
      expect(secondAgain.body.refreshToken).toBe(second.body.refreshToken);
      expect(await works(secondAgain.body.accessToken ?? '')).toBe(200);
      expect((await refreshWith(server.url, second.body.refreshToken ?? '')).status).toBe(200);
      expect((await family(login.refreshToken)).every((t) => !t.revoked)).toBe(true);
    } finally {
      server.advance(-30_000);
    }
  });

  it('gives two concurrent refreshes of one token the same successor', async () => {
    const login = await loginAs(server.url, 'AAA', 'helper');
    const both = await Promise.all([refreshWith(server.url, login.refreshToken), refreshWith(server.url, login.refreshToken)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both[0]?.body.refreshToken).toBe(both[1]?.body.refreshToken);
    expect(await family(login.refreshToken)).toHaveLength(2);
  });

  it('revokes the whole family when a used token comes back after the window', async () => {
    const login = await loginAs(server.url, 'AAA', 'helper');
    const first = await refreshWith(server.url, login.refreshToken);
    expect(first.status).toBe(200);
    server.advance(60_000);
    try {
      expect((await refreshWith(server.url, login.refreshToken)).status).toBe(401);
      expect((await family(login.refreshToken)).every((t) => t.revoked)).toBe(true);
      expect((await refreshWith(server.url, first.body.refreshToken ?? '')).status).toBe(401);
    } finally {
      server.advance(-60_000);
    }
  });

  it('revokes the whole family when a used token comes back after its successor was used', async () => {
    const login = await loginAs(server.url, 'AAA', 'helper');
    const first = await refreshWith(server.url, login.refreshToken);
    const second = await refreshWith(server.url, first.body.refreshToken ?? '');
    expect(second.status).toBe(200);
    expect((await refreshWith(server.url, login.refreshToken)).status).toBe(401);
    expect((await family(login.refreshToken)).every((t) => t.revoked)).toBe(true);
    expect((await refreshWith(server.url, second.body.refreshToken ?? '')).status).toBe(401);
  });

  it('refuses a retry once the login was ended, and every reuse when the window is 0', async () => {
    const login = await loginAs(server.url, 'AAA', 'helper');
    const first = await refreshWith(server.url, login.refreshToken);
    const out = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: first.body.refreshToken }),
    });
    expect(out.status).toBe(200);
    expect((await refreshWith(server.url, login.refreshToken)).status).toBe(401);

    const strict = await startServer(tdb.db, { refreshReuseSeconds: 0 });
    try {
      const l2 = await loginAs(strict.url, 'AAA', 'helper');
      const f2 = await refreshWith(strict.url, l2.refreshToken);
      expect(f2.status).toBe(200);
      expect((await refreshWith(strict.url, l2.refreshToken)).status).toBe(401);
      expect((await refreshWith(strict.url, f2.body.refreshToken ?? '')).status).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('roles', () => {
  it('lets a viewer read but not push (403)', async () => {
    const viewer = await loginAs(server.url, 'AAA', 'viewer');
    expect((await pull(server.url, viewer.accessToken, 'tasks', 0)).status).toBe(200);
    const r = await push(server.url, viewer.accessToken, 'tasks', [row(task('v-1'))]);
    expect(r.status).toBe(403);
    expect((r.body.error as { code: string }).code).toBe('FORBIDDEN');
    const admin = await pull(server.url, a.accessToken, 'tasks', 0, 1000);
    expect((admin.body.documents as Json[]).some((d) => d.id === 'v-1')).toBe(false);
  });

  it('holds each role to its collections', async () => {
    const cashier = await loginAs(server.url, 'AAA', 'cashier');
    expect((await push(server.url, cashier.accessToken, 'tasks', [row(task('c-1'))])).status).toBe(403);
    const helper = await loginAs(server.url, 'AAA', 'helper');
    expect((await push(server.url, helper.accessToken, 'tasks', [row(task('h-1'))])).status).toBe(200);
    expect((await push(server.url, helper.accessToken, 'notices', [])).status).toBe(403);
  });
});

describe('role changes', () => {
  it('applies a demotion to the next push, before the token runs out', async () => {
    const helper = await loginAs(server.url, 'AAA', 'helper');
    expect((await push(server.url, helper.accessToken, 'tasks', [row(task('demote-1'))])).status).toBe(200);
    await tdb.db.query(`UPDATE users SET role = 'viewer' WHERE username = 'helper'`);
    try {
      expect((await push(server.url, helper.accessToken, 'tasks', [row(task('demote-2'))])).status).toBe(403);
      await tdb.db.query(`UPDATE users SET disabled = true WHERE username = 'helper'`);
      expect((await push(server.url, helper.accessToken, 'tasks', [row(task('demote-3'))])).status).toBe(401);
    } finally {
      await tdb.db.query(`UPDATE users SET role = 'staff', disabled = false WHERE username = 'helper'`);
    }
  });
});

describe('cross-origin calls', () => {
  it("allows the desktop app's origin and nobody else's", async () => {
    const pre = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'OPTIONS',
      headers: { Origin: 'app://linli', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,x-linli-protocol' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('app://linli');
    expect(pre.headers.get('access-control-allow-headers')).toContain('X-Linli-Schema');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const get = await fetch(`${server.url}/api/v1/health`, { headers: { Origin: 'app://linli' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('app://linli');

    const evilPre = await fetch(`${server.url}/api/v1/sync/tasks/push`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(evilPre.status).toBe(403);
    expect(evilPre.headers.get('access-control-allow-origin')).toBeNull();
    const evil = await fetch(`${server.url}/api/v1/health`, { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('limits', () => {
  it('refuses an oversized body with 413, whether declared or streamed', async () => {
    const big = JSON.stringify({ rows: [row(task('big', { description: 'x'.repeat(6 * 1024 * 1024) }))] });
    const res = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { ...syncHeaders(a.accessToken), 'Content-Type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(await code(res)).toBe('PAYLOAD_TOO_LARGE');

    // Chunked, without Content-Length: the limit is counted as the body arrives.
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const u = new URL(`${server.url}/api/v1/sync/tasks/push`);
      const req = http.request(
        { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { ...syncHeaders(a.accessToken), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(1024 * 1024);
      req.write('{"rows":[{"baseSeq":0,"document":{"id":"big","description":"');
      for (let i = 0; i < 6; i++) req.write(chunk);
      req.end('"}}]}');
    });
    expect(status.status).toBe(413);
    expect(status.body).toContain('PAYLOAD_TOO_LARGE');
    expect((await pull(server.url, a.accessToken, 'tasks', 0, 1000)).body.documents as Json[]).not.toContainEqual(expect.objectContaining({ id: 'big' }));
  });
});

describe('login throttling', () => {
  const attempt = (compound: string, username: string, password: string): Promise<Response> =>
    fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ compound, username, password }) });

  it('answers 401 for a wrong password or unknown user, without telling which', async () => {
    const wrong = await attempt('AAA', 'helper', 'wrong-password');
    const unknownUser = await attempt('AAA', 'nobody', 'wrong-password');
    const unknownCompound = await attempt('ZZZ', 'admin', 'wrong-password');
    for (const r of [wrong, unknownUser, unknownCompound]) {
      expect(r.status).toBe(401);
      expect(await code(r)).toBe('INVALID_CREDENTIALS');
    }
    expect((await attempt('AAA', 'helper', TEST_PASSWORD)).status).toBe(200);
  });

  it('locks a compound+username after 5 failures with 429 and retryAfter, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('AAA', 'viewer', `bad-${i}-password`)).status).toBe(401);
    const locked = await attempt('aaa', 'VIEWER', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    const body = (await locked.json()) as { error: { code: string; retryAfter: number } };
    expect(body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(body.error.retryAfter).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBe(body.error.retryAfter);
    // Another user of the same compound is not locked out.
    expect((await attempt('AAA', 'cashier', TEST_PASSWORD)).status).toBe(200);
    server.advance((body.error.retryAfter + 1) * 1000);
    try {
      expect((await attempt('AAA', 'viewer', TEST_PASSWORD)).status).toBe(200);
    } finally {
      server.advance(-(body.error.retryAfter + 1) * 1000);
    }
  });

  it('locks a client address that tries many usernames', async () => {
    // Failures of the tests above came from the same address; start this count from zero.
    await tdb.db.query(`DELETE FROM login_attempts WHERE key LIKE 'ip:%'`);
    const strict = await startServer(tdb.db, { maxFailuresPerIp: 3 });
    try {
      const tryAt = (u: string, p: string): Promise<Response> =>
        fetch(`${strict.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ compound: 'BBB', username: u, password: p }) });
      for (const u of ['u1', 'u2', 'u3']) expect((await tryAt(u, 'wrong-password')).status).toBe(401);
      const r = await tryAt('admin', TEST_PASSWORD);
      expect(r.status).toBe(429);
    } finally {
      await strict.close();
      await tdb.db.query(`DELETE FROM login_attempts WHERE key LIKE 'ip:%'`);
    }
  });

  it('refuses a malformed login body with 400', async () => {
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"compound":"AAA"}' });
    expect(r.status).toBe(400);
    expect(await code(r)).toBe('BAD_REQUEST');
    const get = await fetch(`${server.url}/api/v1/auth/login`);
    expect(get.status).toBe(405);
  });
});

describe('versions', () => {
  it('answers 426 UPGRADE_REQUIRED to an old protocol or an older schema, with the server versions', async () => {
    const cases: Record<string, string>[] = [
      { 'X-Linli-Protocol': '0', 'X-Linli-Schema': schemaFingerprint() },
      { 'X-Linli-Schema': schemaFingerprint() },
      { 'X-Linli-Protocol': String(PROTOCOL_VERSION), 'X-Linli-Schema': schemaFingerprint().replace(/,notices@\d+/, '') },
      { 'X-Linli-Protocol': String(PROTOCOL_VERSION) },
    ];
    for (const h of cases) {
      const res = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0`, { headers: { ...h, Authorization: `Bearer ${a.accessToken}` } });
      expect(res.status).toBe(426);
      const body = (await res.json()) as { error: { code: string; serverProtocol: number; serverSchema: string } };
      expect(body.error).toMatchObject({ code: 'UPGRADE_REQUIRED', serverProtocol: PROTOCOL_VERSION, serverSchema: schemaFingerprint() });
    }
    const pushRes = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { 'X-Linli-Protocol': '0', Authorization: `Bearer ${a.accessToken}` },
      body: '{"rows":[]}',
    });
    expect(pushRes.status).toBe(426);
  });

  it('tells a client newer than the server that the server is outdated', async () => {
    const res = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0`, {
      headers: { ...syncHeaders(a.accessToken), 'X-Linli-Schema': schemaFingerprint().replace(/tasks@(\d+)/, (_, v: string) => `tasks@${Number(v) + 1}`) },
    });
    expect(res.status).toBe(409);
    expect(await code(res)).toBe('SERVER_OUTDATED');
  });

  it('reports its versions on /health without a token', async () => {
    const res = await fetch(`${server.url}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, protocol: PROTOCOL_VERSION, schema: schemaFingerprint() });
  });
});
