// Issue #9, findings 1 and 2: login throttling counts every attempt atomically before the password is checked, so
// concurrent guesses cannot slip past it; and a lock reaches only the address that earned it, while a flood from
// many addresses slows unknown devices down but never locks the real user out of a PC they logged in from before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, freshDatabase, makeCompound, makeUser, startServer, TEST_PASSWORD, tryLogin, type TestDatabase, type TestServer } from './helpers';

let tdb: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  tdb = await freshDatabase();
  // Behind a trusted proxy, X-Forwarded-For names the client: one test process can speak from many addresses.
  server = await startServer(tdb.db, { trustProxy: true });
  await makeCompound(tdb.db, 'THR');
  for (const u of ['victim', 'office', 'roamer', 'spread']) await makeUser(tdb.db, 'THR', u, 'staff');
});

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

const from = (address: string, device?: string): Record<string, string> => ({
  'X-Forwarded-For': address,
  ...(device ? { 'X-Linli-Device': device } : {}),
});

/** Fires every attempt at once and tallies the statuses. */
async function burst(attempts: { username: string; password: string; headers: Record<string, string> }[]): Promise<Map<number, number>> {
  const results = await Promise.all(attempts.map((a) => tryLogin(server.url, 'THR', a.username, a.password, a.headers)));
  const tally = new Map<number, number>();
  for (const r of results) tally.set(r.status, (tally.get(r.status) ?? 0) + 1);
  return tally;
}

describe('concurrent guesses (finding 1)', () => {
  it('checks exactly 5 passwords of 200 simultaneous wrong logins for one user, and then not even the right one', async () => {
    const wrong = Array.from({ length: 200 }, (_, i) => ({ username: 'victim', password: `wrong-${i}-password`, headers: from('10.9.0.1') }));
    const first = await burst(wrong);
    expect(first.get(401)).toBe(5); // checked and wrong
    expect(first.get(429)).toBe(195); // refused before the password was looked at
    expect(first.get(200)).toBeUndefined();

    // The right password hidden among 60 more wrong ones: the limit holds, nobody gets in.
    const hidden = Array.from({ length: 60 }, (_, i) => ({ username: 'victim', password: i === 30 ? TEST_PASSWORD : `again-${i}-password`, headers: from('10.9.0.1') }));
    const second = await burst(hidden);
    expect(second.get(429)).toBe(60);
  });

  it('checks exactly 30 passwords of 300 simultaneous wrong logins from one address, whatever the usernames', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ username: `nobody${i}`, password: 'wrong-password', headers: from('10.9.0.2') }));
    const tally = await burst(many);
    expect(tally.get(401)).toBe(30);
    expect(tally.get(429)).toBe(270);
    const office = await tryLogin(server.url, 'THR', 'office', TEST_PASSWORD, from('10.9.0.2'));
    expect(office.status).toBe(429);
    expect(errorCode(office.body)).toBe('TOO_MANY_ATTEMPTS');
    // Another address is not affected.
    expect((await tryLogin(server.url, 'THR', 'office', TEST_PASSWORD, from('10.9.0.3'))).status).toBe(200);
  });

  it('does not hold successful logins against the address or the user (an office shares one address)', async () => {
    // An attempt counts while its password is being checked; once it succeeds it is taken back.
    for (let i = 0; i < 40; i++) {
      expect((await tryLogin(server.url, 'THR', i % 2 === 0 ? 'office' : 'roamer', TEST_PASSWORD, from('10.9.0.4'))).status).toBe(200);
    }
  });
});

describe('no lockout from afar (finding 2)', () => {
  it('locks a user after 5 wrong passwords only at the address that typed them', async () => {
    for (let i = 0; i < 5; i++) expect((await tryLogin(server.url, 'THR', 'roamer', `bad-${i}-password`, from('10.8.0.1'))).status).toBe(401);
    const here = await tryLogin(server.url, 'THR', 'roamer', TEST_PASSWORD, from('10.8.0.1'));
    expect(here.status).toBe(429);
    expect((here.body.error as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    // The real user elsewhere (home, the office) is not locked out.
    expect((await tryLogin(server.url, 'THR', 'roamer', TEST_PASSWORD, from('10.8.0.2'))).status).toBe(200);
  });

  it('takes the address the proxy appended, so that a forged X-Forwarded-For entry gains nothing', async () => {
    for (let i = 1; i <= 5; i++) {
      expect((await tryLogin(server.url, 'THR', 'roamer', 'forged-wrong-pw', { 'X-Forwarded-For': `198.51.100.${i}, 10.8.1.1` })).status).toBe(401);
    }
    expect((await tryLogin(server.url, 'THR', 'roamer', TEST_PASSWORD, { 'X-Forwarded-For': '198.51.100.77, 10.8.1.1' })).status).toBe(429);
  });

  it('counts an IPv6 client by its /64, so that rotating addresses inside it gains nothing', async () => {
    for (let i = 1; i <= 5; i++) expect((await tryLogin(server.url, 'THR', 'roamer', 'v6-wrong-password', from(`2001:db8:1:2::${i}`))).status).toBe(401);
    expect((await tryLogin(server.url, 'THR', 'roamer', TEST_PASSWORD, from('2001:db8:1:2::99'))).status).toBe(429);
    expect((await tryLogin(server.url, 'THR', 'roamer', TEST_PASSWORD, from('2001:db8:1:3::1'))).status).toBe(200);
  });

  it('slows a guesser spread over many addresses down, but lets the real user in from a known device', async () => {
    const strict = await startServer(tdb.db, { trustProxy: true, maxFailuresPerUserGlobal: 12 });
    try {
      const attempt = (password: string, address: string, device?: string) => tryLogin(strict.url, 'THR', 'spread', password, from(address, device));
      // The user's own PC logs in once: it is now a known device of the user.
      expect((await attempt(TEST_PASSWORD, '10.7.0.1', 'pc-of-spread')).status).toBe(200);
      // 12 guesses, each from another address: none is locked by the per-address rules.
      const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('guess-password', `10.6.0.${i + 1}`, 'attacker-pc')));
      expect(guesses.map((g) => g.status)).toEqual(Array(12).fill(401));
      // Now the user is locked for unknown devices, from anywhere, even with the right password…
      const unknown = await attempt(TEST_PASSWORD, '10.5.0.1', 'new-pc');
      expect(unknown.status).toBe(429);
      expect((await attempt(TEST_PASSWORD, '10.5.0.2')).status).toBe(429);
      // …but not on the PC that logged in before, wherever it is now.
      expect((await attempt(TEST_PASSWORD, '10.4.0.1', 'pc-of-spread')).status).toBe(200);
      // A known device id is no free pass either: it has the per-user limit of its own.
      for (let i = 0; i < 5; i++) expect((await attempt(`known-${i}-password`, `10.3.0.${i + 1}`, 'pc-of-spread')).status).toBe(401);
      expect((await attempt(TEST_PASSWORD, '10.3.0.9', 'pc-of-spread')).status).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
