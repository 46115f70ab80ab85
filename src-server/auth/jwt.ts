// Access tokens: compact JWS with HS256 over node:crypto (no library needed for one algorithm).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Result } from '../../shared/result';
import { isRole } from '../../shared/sync/permissions';
import type { AccessTokenClaims } from '../../shared/sync/protocol';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function mac(secret: Uint8Array, input: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

export function signAccessToken(claims: AccessTokenClaims, secret: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const input = `${HEADER}.${payload}`;
  return `${input}.${mac(secret, input).toString('base64url')}`;
}

export type TokenProblem = 'UNAUTHENTICATED' | 'TOKEN_EXPIRED';

function isClaims(x: unknown): x is AccessTokenClaims {
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

/** Checks signature, algorithm and expiry; nowSeconds is Unix time. */
export function verifyAccessToken(token: string, secret: Uint8Array, nowSeconds: number): Result<AccessTokenClaims, TokenProblem> {
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
  if (!isClaims(claims)) return { ok: false, error: 'UNAUTHENTICATED' };
  if (claims.exp <= nowSeconds) return { ok: false, error: 'TOKEN_EXPIRED' };
  return { ok: true, value: claims };
}
