// Issue #9, finding 4: input that JavaScript accepts but PostgreSQL or a recursive walk cannot take is refused as a
// client error for that row or request — a structured 4xx, never a 500 or a stack trace — and the rest of a push
// still applies. Run with DATABASE_URL too: `pg` refuses bad JSON differently from PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse, SessionResponse } from '../../../shared/sync/protocol';
import { errorCode, freshDatabase, loginAs, makeCompound, makeUser, pull, refreshWith, startServer, syncHeaders, task, type Json, type TestDatabase, type TestServer } from './helpers';

let tdb: TestDatabase;
let server: TestServer;
let admin: SessionResponse;

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'EVIL');
  await makeUser(tdb.db, 'EVIL', 'admin', 'admin');
  admin = await loginAs(server.url, 'EVIL', 'admin');
});

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

/** A push whose body is given as raw text (JSON.stringify cannot write `1e309`). */
async function rawPush(body: string): Promise<{ status: number; text: string; body: Json & Partial<PushResponse> }> {
  const res = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
    method: 'POST',
    headers: { ...syncHeaders(admin.accessToken), 'Content-Type': 'application/json' },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Json & Partial<PushResponse> };
}

const rowText = (doc: Json, baseSeq: string | number = 0): string => `{"baseSeq":${baseSeq},"document":${JSON.stringify(doc)}}`;

/** A push of one hostile row between two good ones: 200, the good ones accepted, the bad one rejected by id. */
async function expectRowRefused(label: string, badRow: string, badId: string, code = 'SCHEMA_INVALID'): Promise<void> {
  const r = await rawPush(`{"rows":[${rowText(task(`${label}-ok-1`))},${badRow},${rowText(task(`${label}-ok-2`))}]}`);
  expect(r.status, `${label}: ${r.text.slice(0, 300)}`).toBe(200);
  expect(r.body.accepted?.map((a) => a.id)).toEqual([`${label}-ok-1`, `${label}-ok-2`]);
  expect(r.body.rejected?.map((x) => [x.id, x.code])).toEqual([[badId, code]]);
  expect(r.text).not.toMatch(/\n\s+at /);
  const stored = (await pull(server.url, admin.accessToken, 'tasks', 0, 1000)).body.documents as Json[];
  expect(stored.map((d) => d.id)).toEqual(expect.arrayContaining([`${label}-ok-1`, `${label}-ok-2`]));
}

describe('a hostile row fails alone, the rest of the push applies', () => {
  it('refuses a lone UTF-16 surrogate in a field', async () => {
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
    await expectRowRefused('sur', rowText(task('sur-bad', { title: 'abc\ud800def' })), 'sur-bad');
    await expectRowRefused('sur2', rowText(task('sur2-bad', { description: '\udc00' })), 'sur2-bad');
  });

  it('refuses a lone surrogate in a key, and in the id itself', async () => {
    await expectRowRefused('key', `{"baseSeq":0,"document":${JSON.stringify(task('key-bad')).replace(/}$/, ',"\\ud83d":1}')}}`, 'key-bad');
    await expectRowRefused('sid', rowText(task('sid-\ud83d')), 'sid-\ufffd');
  });

  it('refuses a NUL character', async () => {
    await expectRowRefused('nul', rowText(task('nul-bad', { title: 'a\u0000b' })), 'nul-bad');
  });

  it('refuses nesting 10,000 levels deep', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    await expectRowRefused('deep', `{"baseSeq":0,"document":${JSON.stringify(task('deep-bad')).replace(/}$/, `,"description":${deep}}`)}}`, 'deep-bad');
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    await expectRowRefused('deepo', `{"baseSeq":0,"document":${JSON.stringify(task('deepo-bad')).replace(/}$/, `,"location":${deepObject}}`)}}`, 'deepo-bad');
    // Deep nesting where a row should be: that row is malformed.
    await expectRowRefused('deepr', deep, '', 'MALFORMED_ROW');
  });

  it('refuses 1e309 (Infinity) in a document or as baseSeq', async () => {
    await expectRowRefused('inf', `{"baseSeq":0,"document":${JSON.stringify(task('inf-bad')).replace(/}$/, ',"satisfaction":1e309}')}}`, 'inf-bad');
    await expectRowRefused('infm', `{"baseSeq":0,"document":${JSON.stringify(task('infm-bad')).replace(/}$/, ',"_meta":{"lwt":-1e309}}')}}`, 'infm-bad');
    await expectRowRefused('infb', rowText(task('infb-bad'), '1e309'), 'infb-bad', 'MALFORMED_ROW');
  });
});

describe('hostile requests are refused with a structured 4xx', () => {
  const expect4xx = async (label: string, res: Response): Promise<void> => {
    const text = await res.text();
    expect(res.status, `${label}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(res.status, `${label}: ${text.slice(0, 200)}`).toBeLessThan(500);
    const body = JSON.parse(text) as Json;
    expect(typeof errorCode(body)).toBe('string');
    expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  };
  const login = (body: unknown) =>
    fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('refuses a NUL or a lone surrogate in the login fields', async () => {
    await expect4xx('nul compound', await login({ compound: 'EV\u0000IL', username: 'admin', password: 'whatever-1' }));
    await expect4xx('nul username', await login({ compound: 'EVIL', username: 'ad\u0000min', password: 'whatever-1' }));
    await expect4xx('nul password', await login({ compound: 'EVIL', username: 'admin', password: 'what\u0000ever' }));
    await expect4xx('surrogate username', await login({ compound: 'EVIL', username: 'ad\ud800min', password: 'whatever-1' }));
    await expect4xx('deep login', await login(`{"compound":${'['.repeat(10_000)}${']'.repeat(10_000)}}`));
  });

  it('refuses a NUL in a refresh token, on refresh and logout', async () => {
    const r = await refreshWith(server.url, `${admin.refreshToken.split('.')[0] ?? ''}\u0000.x`);
    expect([400, 401]).toContain(r.status);
    const out = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: 'tenant\u0000.secret' }),
    });
    await expect4xx('logout', out);
    await expect4xx('refresh', await fetch(`${server.url}/api/v1/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: 'a\u0000b.c' }) }));
  });

  it('refuses a NUL in a history id and in fetched ids', async () => {
    await expect4xx('history', await fetch(`${server.url}/api/v1/history/tasks/a%00b`, { headers: syncHeaders(admin.accessToken) }));
    const fetched = await fetch(`${server.url}/api/v1/sync/tasks/fetch`, {
      method: 'POST',
      headers: { ...syncHeaders(admin.accessToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: ['ok', 'a\u0000b'] }),
    });
    await expect4xx('fetch', fetched);
    const surrogate = await fetch(`${server.url}/api/v1/sync/tasks/fetch`, {
      method: 'POST',
      headers: { ...syncHeaders(admin.accessToken), 'Content-Type': 'application/json' },
      body: JSON.stringify({ ids: ['\udfff'] }),
    });
    await expect4xx('fetch surrogate', surrogate);
  });

  it('keeps serving afterwards', async () => {
    expect((await pull(server.url, admin.accessToken, 'tasks', 0)).status).toBe(200);
  });
});
