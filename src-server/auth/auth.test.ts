import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccessTokenClaims } from '../../shared/sync/protocol';
import { configFromEnv } from '../config';
import { signAccessToken, verifyAccessToken, type ServerClaims } from './jwt';
import { checkPasswordStrength, generatePassword, hashPassword, verifyPassword } from './passwords';

const secret = Buffer.from('test-secret-test-secret-test-secret');
const claims: ServerClaims = { typ: 'access', sub: 'u1', tid: 't1', cmp: 'HY', role: 'staff', iat: 1000, exp: 1900, sid: 's1', ver: 0 };

describe('access tokens', () => {
  it('round-trips and expires', () => {
    const t = signAccessToken(claims, secret);
    expect(verifyAccessToken(t, secret, 1899)).toEqual({ ok: true, value: claims });
    expect(verifyAccessToken(t, secret, 1900)).toEqual({ ok: false, error: 'TOKEN_EXPIRED' });
  });

  it('refuses another secret, a changed payload, alg none and unknown roles', () => {
    const t = signAccessToken(claims, secret);
    expect(verifyAccessToken(t, Buffer.from('other'), 1000)).toEqual({ ok: false, error: 'UNAUTHENTICATED' });
    const [h, , s] = t.split('.');
    const changed = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;
    expect(verifyAccessToken(changed, secret, 1000).ok).toBe(false);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${t.split('.')[1]}.`;
    expect(verifyAccessToken(none, secret, 1000).ok).toBe(false);
    const badRole = signAccessToken({ ...claims, role: 'root' as AccessTokenClaims['role'] }, secret);
    expect(verifyAccessToken(badRole, secret, 1000).ok).toBe(false);
    // A genuine token without the login (sid) or the user's token version (ver), from before a server upgrade,
    // cannot be checked for revocation: it counts as expired, so that the client refreshes it.
    const { sid: _sid, ...noSession } = claims;
    expect(verifyAccessToken(signAccessToken(noSession as ServerClaims, secret), secret, 1000)).toEqual({ ok: false, error: 'TOKEN_EXPIRED' });
    expect(verifyAccessToken(signAccessToken({ ...claims, ver: 1.5 }, secret), secret, 1000)).toEqual({ ok: false, error: 'TOKEN_EXPIRED' });
    // An expired token with a bad signature is "invalid", never "expired": the signature is checked first.
    expect(verifyAccessToken(t, Buffer.from('other'), 5000)).toEqual({ ok: false, error: 'UNAUTHENTICATED' });
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('correct horse', { memoryCost: 256, timeCost: 1, parallelism: 1 });
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'correct horse')).toBe(true);
    expect(await verifyPassword(h, 'wrong horse')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses short passwords and generates readable ones', () => {
    expect(checkPasswordStrength('1234567')).toBe('TOO_SHORT');
    expect(checkPasswordStrength('一二三四五六七八')).toBeNull();
    expect(checkPasswordStrength('x'.repeat(201))).toBe('TOO_LONG');
    const p = generatePassword((n) => randomBytes(n));
    expect(p).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
    expect(p).not.toMatch(/[01lIoO]/);
  });
});

describe('refresh reuse window setting', () => {
  it('defaults to 60 s, can be turned off with 0, and ignores nonsense', () => {
    expect(configFromEnv({}).refreshReuseSeconds).toBe(60);
    expect(configFromEnv({ LINLI_REFRESH_REUSE_SECONDS: '0' }).refreshReuseSeconds).toBe(0);
    expect(configFromEnv({ LINLI_REFRESH_REUSE_SECONDS: '120' }).refreshReuseSeconds).toBe(120);
    expect(configFromEnv({ LINLI_REFRESH_REUSE_SECONDS: '-5' }).refreshReuseSeconds).toBe(60);
  });
});
