// Access tokens: compact JWS with HS256 over node:crypto (no library needed for one algorithm).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Result } from '../../shared/result';
import { isRole } from '../../shared/sync/permissions';
import type { AccessTokenClaims } from '../../shared/sync/protocol';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * The claims the server signs: the protocol's, plus `sid` (the login = session id, revoked by logout or a device
 * revocation) and `ver` (the user's token_version when issued, bumped by a password reset or disabling). Both are
 * compared with the database on every request, so that revocation takes effect at once.
 */
export type ServerClaims = AccessTokenClaims & { sid: string; ver: number };

function mac(secret: Uint8Array, input: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

export function signAccessToken(claims: ServerClaims, secret: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const input = `${HEADER}.${payload}`;
  return `${input}.${mac(secret, input).toString('base64url')}`;
}

export type TokenProblem = 'UNAUTHENTICATED' | 'TOKEN_EXPIRED';

function isProtocolClaims(x: unknown): x is AccessTokenClaims {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    c.typ === 'access' &&
    typeof c.sub === 'string' &&
    typeof c.tid === 'string' &&
    typeof c.cmp === 'string' &&
    isRole(c.role) &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number'
  );
}

const isRevocable = (c: AccessTokenClaims): c is ServerClaims => {
  const r = c as Partial<ServerClaims>;
  return typeof r.sid === 'string' && typeof r.ver === 'number' && Number.isSafeInteger(r.ver);
};

/** Checks signature, algorithm and expiry; nowSeconds is Unix time. */
export function verifyAccessToken(token: string, secret: Uint8Array, nowSeconds: number): Result<ServerClaims, TokenProblem> {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 4096) return { ok: false, error: 'UNAUTHENTICATED' };
  const [header, payload, signature] = parts as [string, string, string];
  // Only our own header is accepted: no "alg":"none", no other algorithm, no key ids.
  if (header !== HEADER) return { ok: false, error: 'UNAUTHENTICATED' };
  const expected = mac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, error: 'UNAUTHENTICATED' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, error: 'UNAUTHENTICATED' };
  }
  if (!isProtocolClaims(claims)) return { ok: false, error: 'UNAUTHENTICATED' };
  // A genuine token issued before sid/ver existed (a server upgrade) cannot be checked for revocation: it counts as
  // expired, so that the client refreshes it (its login is still there) instead of being logged out.
  if (claims.exp <= nowSeconds || !isRevocable(claims)) return { ok: false, error: 'TOKEN_EXPIRED' };
  return { ok: true, value: claims };
}
