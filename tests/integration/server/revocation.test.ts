// Issue #9, finding 3: signing someone out ends their access at once. After logout, disabling the user, a password
// reset, a device revocation or a stolen refresh token, the old access token is refused on the very next pull,
// push, fetch, history or stream request, and the streams it had open are closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../../shared/sync/protocol';
import { resetPassword, revokeDevice, setDisabled } from '../../../src-server/accounts';
import { signAccessToken, type ServerClaims } from '../../../src-server/auth/jwt';
import {
  errorCode,
  fetchDocs,
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
  testConfig,
  TEST_PASSWORD,
  until,
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
  await makeCompound(tdb.db, 'REV');
  for (const u of ['leaver', 'disabled', 'reset', 'devices', 'stolen']) await makeUser(tdb.db, 'REV', u, 'staff');
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
  await tdb?.drop();
});

async function stream(token: string): Promise<SseClient> {
  const s = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders(token));
  open.push(s);
  expect(s.status).toBe(200);
  await s.waitFor((e) => e.event === 'resync');
  return s;
}

/** Every way the token is used: pull, push, fetch, history, /me, a new stream. All must be 401 UNAUTHENTICATED. */
async function expectRefusedEverywhere(token: string): Promise<void> {
  const pulled = await pull(server.url, token, 'tasks', 0);
  expect([pulled.status, errorCode(pulled.body)]).toEqual([401, 'UNAUTHENTICATED']);
  const pushed = await push(server.url, token, 'tasks', [row(task(`after-${Math.random().toString(36).slice(2)}`))]);
  expect([pushed.status, errorCode(pushed.body)]).toEqual([401, 'UNAUTHENTICATED']);
  expect((await fetchDocs(server.url, token, 'tasks', { ids: ['x'] })).status).toBe(401);
  expect((await fetch(`${server.url}/api/v1/history/tasks/x`, { headers: syncHeaders(token) })).status).toBe(401);
  expect((await fetch(`${server.url}/api/v1/me`, { headers: syncHeaders(token) })).status).toBe(401);
  const s = await openSse(`${server.url}/api/v1/sync/stream`, syncHeaders(token));
  expect(s.status).toBe(401);
}

/** The stream ends promptly, with an `expired` event saying UNAUTHENTICATED. */
async function expectClosed(s: SseClient): Promise<void> {
  expect(await until(() => s.isEnded(), 3000)).toBe(true);
  const last = s.events.at(-1);
  expect(last?.event).toBe('expired');
  expect(JSON.parse(last?.data ?? '{}')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
}

const works = async (session: SessionResponse): Promise<number> => (await pull(server.url, session.accessToken, 'tasks', 0)).status;

describe('revocation takes effect at once', () => {
  it('logout ends that login: its access token and its streams, not the same user’s other logins', async () => {
    const here = await loginAs(server.url, 'REV', 'leaver');
    const elsewhere = await loginAs(server.url, 'REV', 'leaver');
    const s = await stream(here.accessToken);
    const other = await stream(elsewhere.accessToken);
    expect(await works(here)).toBe(200);
    const out = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: here.refreshToken }),
    });
    expect(out.status).toBe(200);
    await expectRefusedEverywhere(here.accessToken);
    await expectClosed(s);
    expect(await works(elsewhere)).toBe(200);
    expect(other.isEnded()).toBe(false);
  });

  it('disabling a user ends every login of theirs at once', async () => {
    const one = await loginAs(server.url, 'REV', 'disabled');
    const two = await loginAs(server.url, 'REV', 'disabled');
    const s = await stream(one.accessToken);
    expect(await works(one)).toBe(200);
    const r = await setDisabled(tdb.db, { compound: 'REV', username: 'disabled', disabled: true });
    expect(r.ok).toBe(true);
    await expectRefusedEverywhere(one.accessToken);
    await expectRefusedEverywhere(two.accessToken);
    await expectClosed(s);
    expect((await refreshWith(server.url, two.refreshToken)).status).toBe(401);
    // Enabled again: the old logins stay ended; a new login works.
    expect((await setDisabled(tdb.db, { compound: 'REV', username: 'disabled', disabled: false })).ok).toBe(true);
    expect((await pull(server.url, one.accessToken, 'tasks', 0)).status).toBe(401);
    expect(await works(await loginAs(server.url, 'REV', 'disabled'))).toBe(200);
  });

  it('a password reset ends every login at once: the old token can no longer pull or push', async () => {
    const before = await loginAs(server.url, 'REV', 'reset');
    const s = await stream(before.accessToken);
    expect((await push(server.url, before.accessToken, 'tasks', [row(task('reset-1'))])).status).toBe(200);
    const r = await resetPassword(tdb.db, { compound: 'REV', username: 'reset', password: 'a-new-password-1' }, testConfig().argon2);
    expect(r.ok).toBe(true);
    await expectRefusedEverywhere(before.accessToken);
    await expectClosed(s);
    expect((await refreshWith(server.url, before.refreshToken)).status).toBe(401);
    expect(await works(await loginAs(server.url, 'REV', 'reset', 'a-new-password-1'))).toBe(200);
  });

  it('revoking a device ends the logins on it, and only those', async () => {
    const pc1 = await loginAs(server.url, 'REV', 'devices', TEST_PASSWORD, { 'X-Linli-Device': 'pc-1' });
    const pc2 = await loginAs(server.url, 'REV', 'devices', TEST_PASSWORD, { 'X-Linli-Device': 'pc-2' });
    const s1 = await stream(pc1.accessToken);
    const s2 = await stream(pc2.accessToken);
    const r = await revokeDevice(tdb.db, { compound: 'REV', deviceId: 'pc-1', username: 'devices' });
    expect(r).toEqual({ ok: true, value: { logins: 1 } });
    await expectRefusedEverywhere(pc1.accessToken);
    await expectClosed(s1);
    expect((await refreshWith(server.url, pc1.refreshToken)).status).toBe(401);
    expect(await works(pc2)).toBe(200);
    expect(s2.isEnded()).toBe(false);
  });

  it('a refresh token used twice ends the login, its current access token included', async () => {
    const login = await loginAs(server.url, 'REV', 'stolen');
    const first = await refreshWith(server.url, login.refreshToken);
    const second = await refreshWith(server.url, first.body.refreshToken ?? '');
    expect(second.status).toBe(200);
    const current = second.body as SessionResponse;
    const s = await stream(current.accessToken);
    // The first token comes back after its successor was used: someone else holds the login.
    expect((await refreshWith(server.url, login.refreshToken)).status).toBe(401);
    await expectRefusedEverywhere(current.accessToken);
    await expectClosed(s);
  });

  it('treats a genuine token from before this change (no login id, no version) as expired, so that the client refreshes', async () => {
    const login = await loginAs(server.url, 'REV', 'leaver');
    const secret = (await tdb.db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'token_secret'`)).rows[0]?.value ?? '';
    const { sid: _sid, ver: _ver, ...legacy } = JSON.parse(Buffer.from(login.accessToken.split('.')[1] ?? '', 'base64url').toString()) as ServerClaims;
    const old = signAccessToken(legacy as ServerClaims, Buffer.from(secret, 'utf8'));
    const r = await pull(server.url, old, 'tasks', 0);
    expect([r.status, errorCode(r.body)]).toEqual([401, 'TOKEN_EXPIRED']);
    expect((await refreshWith(server.url, login.refreshToken)).status).toBe(200);
  });

  it('refuses a token naming a login that does not exist, or another user\'s login (found by fuzz.test.ts)', async () => {
    const login = await loginAs(server.url, 'REV', 'devices');
    const other = await loginAs(server.url, 'REV', 'stolen');
    const secret = (await tdb.db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'token_secret'`)).rows[0]?.value ?? '';
    const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as ServerClaims;
    const key = Buffer.from(secret, 'utf8');
    await expectRefusedEverywhere(signAccessToken({ ...claimsOf(login.accessToken), sid: 'no-such-login' }, key));
    await expectRefusedEverywhere(signAccessToken({ ...claimsOf(login.accessToken), sid: claimsOf(other.accessToken).sid }, key));
    expect((await pull(server.url, login.accessToken, 'tasks', 0)).status).toBe(200);
  });
});
