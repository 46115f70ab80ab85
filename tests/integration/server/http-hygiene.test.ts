// Issue #9, findings 6 and 7: tokens stay out of URLs, JSON bodies must say they are JSON, HEAD on health answers;
// one structured JSON log line per request with a request id and without secrets, document contents or stack
// traces for client errors; HSTS behind a TLS proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, schemaFingerprint, type SessionResponse } from '../../../shared/sync/protocol';
import type { Db } from '../../../src-server/db/db';
import { errorCode, freshDatabase, loginAs, makeCompound, makeUser, pull, push, row, startServer, syncHeaders, task, TEST_PASSWORD, until, type Json, type TestDatabase, type TestServer } from './helpers';
import { openSse } from './sse-client';

let tdb: TestDatabase;
let server: TestServer;
const lines: string[] = [];
let admin: SessionResponse;

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db, {}, { log: (l) => lines.push(l) });
  await makeCompound(tdb.db, 'HYG');
  await makeUser(tdb.db, 'HYG', 'admin', 'admin');
  admin = await loginAs(server.url, 'HYG', 'admin');
});

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

describe('tokens stay out of URLs (finding 6)', () => {
  it('refuses a stream whose token is in the URL, even a valid one, and serves it with the Authorization header', async () => {
    const q = `protocol=${PROTOCOL_VERSION}&schema=${encodeURIComponent(schemaFingerprint())}&token=${admin.accessToken}`;
    const inUrl = await openSse(`${server.url}/api/v1/sync/stream?${q}`);
    expect(inUrl.status).toBe(400);
    expect(JSON.parse(inUrl.body)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const both = await openSse(`${server.url}/api/v1/sync/stream?token=${admin.accessToken}`, syncHeaders(admin.accessToken));
    expect(both.status).toBe(400);
    const header = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders(admin.accessToken));
    expect(header.status).toBe(200);
    header.close();
  });
});

describe('JSON bodies (finding 6)', () => {
  const body = JSON.stringify({ compound: 'HYG', username: 'admin', password: TEST_PASSWORD });

  it('refuses a login sent as text/plain or without a type with 415', async () => {
    const variants: Record<string, string>[] = [{ 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/x-www-form-urlencoded' }, {}];
    for (const headers of variants) {
      const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers, body });
      expect(res.status).toBe(415);
      expect(errorCode((await res.json()) as Json)).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const json = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body });
    expect(json.status).toBe(200);
  });

  it('refuses a push sent as text/plain with 415', async () => {
    const res = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { ...syncHeaders(admin.accessToken), 'Content-Type': 'text/plain' },
      body: JSON.stringify({ rows: [row(task('plain-1'))] }),
    });
    expect(res.status).toBe(415);
    expect(((await pull(server.url, admin.accessToken, 'tasks', 0)).body.documents as Json[]).some((d) => d.id === 'plain-1')).toBe(false);
  });
});

describe('health (finding 6)', () => {
  it('answers HEAD with 200 and no body', async () => {
    const res = await fetch(`${server.url}/api/v1/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.text()).toBe('');
    expect((await fetch(`${server.url}/api/v1/health`, { method: 'POST' })).status).toBe(405);
  });
});

describe('structured logs (finding 7)', () => {
  type Line = Record<string, unknown>;
  const parsed = (): Line[] => lines.map((l) => JSON.parse(l) as Line);
  const byId = (id: string | null): Line | undefined => parsed().find((l) => l.id === id && l.msg === 'request');

  it('writes one JSON line per request with its id, method, path, status, duration, tenant and user', async () => {
    const res = await pull(server.url, admin.accessToken, 'tasks', 0, 5);
    expect(res.status).toBe(200);
    const again = await fetch(`${server.url}/api/v1/sync/tasks/pull?seq=0&limit=5`, { headers: syncHeaders(admin.accessToken) });
    const id = again.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await until(() => byId(id) !== undefined)).toBe(true);
    const line = byId(id) as Line;
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/api/v1/sync/tasks/pull', status: 200, compound: 'HYG', user: admin.user.id });
    expect(typeof line.tenant).toBe('string');
    expect(typeof line.ms).toBe('number');
    expect(typeof line.time).toBe('string');
    expect(lines.filter((l) => l.includes(id ?? '-'))).toHaveLength(1);
  });

  it('never logs passwords, tokens, query strings or document contents, nor a stack for a client error', async () => {
    const secretTitle = '秘密会议的内容 secret-content-4711';
    await push(server.url, admin.accessToken, 'tasks', [row(task('log-1', { title: secretTitle }))]);
    const wrong = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ compound: 'HYG', username: 'admin', password: 'my-wrong-password-99' }),
    });
    expect(wrong.status).toBe(401);
    const fresh = await loginAs(server.url, 'HYG', 'admin');
    await fetch(`${server.url}/api/v1/sync/stream?token=${fresh.accessToken}&x=1`);
    await fetch(`${server.url}/api/v1/sync/tasks/push`, { method: 'POST', headers: { ...syncHeaders(fresh.accessToken), 'Content-Type': 'application/json' }, body: '{bad json' });
    const out = await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: fresh.refreshToken }) });
    expect(out.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const all = lines.join('\n');
    for (const secret of [TEST_PASSWORD, 'my-wrong-password-99', fresh.accessToken, fresh.refreshToken, admin.accessToken, secretTitle, 'secret-content-4711', 'token=']) {
      expect(all).not.toContain(secret);
    }
    const clientErrors = parsed().filter((l) => typeof l.status === 'number' && l.status >= 400 && l.status < 500);
    expect(clientErrors.length).toBeGreaterThanOrEqual(3);
    for (const l of clientErrors) {
      expect(l.level).toBe('warn');
      expect(typeof l.code).toBe('string');
      expect(l.err).toBeUndefined();
      expect(JSON.stringify(l)).not.toMatch(/\n\s+at /);
    }
    expect(parsed().find((l) => l.status === 401 && l.path === '/api/v1/auth/login')).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('logs a server error with its stack, and answers the client without one', async () => {
    // A database that fails one query, as a broken connection would.
    const failing: Db = {
      ...tdb.db,
      query: ((sql: string, params?: readonly unknown[]) =>
        sql.includes('FROM documents') && sql.includes('seq > $3')
          ? Promise.reject(new Error('connection terminated unexpectedly'))
          : tdb.db.query(sql, params as never)) as Db['query'],
    };
    const own: string[] = [];
    const broken = await startServer(failing, {}, { log: (l) => own.push(l) });
    try {
      const res = await fetch(`${broken.url}/api/v1/sync/tasks/pull?seq=0`, { headers: syncHeaders(admin.accessToken) });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'internal server error' } });
      expect(text).not.toContain('connection terminated');
      const id = res.headers.get('x-request-id');
      expect(await until(() => own.some((l) => l.includes(id ?? '-')))).toBe(true);
      const line = JSON.parse(own.find((l) => l.includes(id ?? '-')) ?? '{}') as Record<string, unknown>;
      expect(line).toMatchObject({ level: 'error', status: 500, code: 'INTERNAL', path: '/api/v1/sync/tasks/pull' });
      expect(String(line.err)).toContain('connection terminated unexpectedly');
      expect(String(line.err)).toMatch(/\n\s+at /);
    } finally {
      await broken.close();
    }
  });

  it('logs a stream once, when it ends', async () => {
    const s = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders(admin.accessToken));
    const id = s.headers.get('x-request-id');
    await s.waitFor((e) => e.event === 'resync');
    expect(byId(id)).toBeUndefined();
    s.close();
    expect(await until(() => byId(id) !== undefined)).toBe(true);
    expect(byId(id)).toMatchObject({ status: 200, stream: true, path: '/api/v1/sync/stream' });
  });
});

describe('HSTS behind TLS (finding 7)', () => {
  it('sends Strict-Transport-Security when a trusted proxy says https, or when told to always', async () => {
    const hsts = async (url: string, headers: Record<string, string> = {}) =>
      (await fetch(`${url}/api/v1/health`, { headers })).headers.get('strict-transport-security');
    // Untrusted: X-Forwarded-Proto could be anyone's word.
    expect(await hsts(server.url, { 'X-Forwarded-Proto': 'https' })).toBeNull();
    const proxied = await startServer(tdb.db, { trustProxy: true });
    const always = await startServer(tdb.db, { hsts: 'always' });
    try {
      expect(await hsts(proxied.url, { 'X-Forwarded-Proto': 'https' })).toMatch(/^max-age=\d{7,}/);
      expect(await hsts(proxied.url, { 'X-Forwarded-Proto': 'http' })).toBeNull();
      expect(await hsts(proxied.url)).toBeNull();
      expect(await hsts(always.url)).toMatch(/^max-age=\d{7,}/);
      // Also on the web host's pages, not only the API.
      expect((await fetch(`${proxied.url}/`, { headers: { 'X-Forwarded-Proto': 'https' } })).headers.get('strict-transport-security')).toMatch(/^max-age=/);
    } finally {
      await proxied.close();
      await always.close();
    }
  });
});
