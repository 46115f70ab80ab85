// Login, refresh and logout. Access tokens are short-lived JWTs; refresh tokens are stored hashed and single-use
// (rotated on every refresh). A spent one presented again revokes its whole family (theft), except within a short
// reuse window while its successor is still unused: then the answer to the first refresh was probably lost, and the
// same successor is handed out again (issue #7).
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Result } from '../../shared/result';
import type { AccessTokenClaims, ApiErrorCode, SessionResponse } from '../../shared/sync/protocol';
import { findCompound, findCompoundById, findUserById, findUser, normalizeCompoundCode, normalizeUsername, type Compound, type UserWithHash } from '../accounts';
import type { ServerConfig } from '../config';
import type { Db, Queryable } from '../db/db';
import { signAccessToken } from './jwt';
import { hashPassword, verifyPassword } from './passwords';
import { clearFailures, lockedFor, recordFailure } from './throttle';

export type AuthContext = {
  db: Db;
  config: ServerConfig;
  secret: Uint8Array;
  now: () => number;
};

export type AuthFailure = { code: ApiErrorCode; message: string; retryAfter?: number };

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the user does not exist, so that timing does not tell which usernames exist. */
function dummy(config: ServerConfig): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'), config.argon2);
  return dummyHash;
}

/** The access token of a session: the user's current role, valid for accessTokenSeconds from now. */
function accessPart(ctx: AuthContext, user: UserWithHash, compound: Compound): Pick<SessionResponse, 'accessToken' | 'accessTokenExpiresAt' | 'user' | 'compound'> {
  const iat = Math.floor(ctx.now() / 1000);
  const claims: AccessTokenClaims = {
    typ: 'access',
    sub: user.id,
    tid: compound.id,
    cmp: compound.code,
    role: user.role,
    iat,
    exp: iat + ctx.config.accessTokenSeconds,
  };
  return {
    accessToken: signAccessToken(claims, ctx.secret),
    accessTokenExpiresAt: new Date(claims.exp * 1000).toISOString(),
    user: { id: user.id, username: user.username, name: user.name, role: user.role },
    compound: { code: compound.code, name: compound.name },
  };
}

// The tenant id travels in the token so that its row is found by primary key (tenant_id, token_hash).
const refreshTokenText = (tenantId: string, secretPart: string): string => `${tenantId}.${secretPart}`;

/**
 * The secret part of the token that replaces the used one (hash usedHash): derived, not random, so that a retried
 * refresh can hand out the same successor again without the server ever storing a token in the clear.
 */
function successorSecret(ctx: AuthContext, tenantId: string, usedHash: string): string {
  return createHmac('sha256', ctx.secret).update(`refresh-successor:${tenantId}:${usedHash}`).digest('base64url');
}

/** A new session: a new access token and a new refresh token (secretPart) in the given family. */
async function issueSession(
  ctx: AuthContext,
  q: Queryable,
  user: UserWithHash,
  compound: Compound,
  familyId: string,
  secretPart: string,
): Promise<SessionResponse> {
  const nowMs = ctx.now();
  const refreshExpires = new Date(nowMs + ctx.config.refreshTokenSeconds * 1000);
  await q.query(
    'INSERT INTO refresh_tokens (tenant_id, token_hash, user_id, family_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [compound.id, sha256(secretPart), user.id, familyId, refreshExpires, new Date(nowMs)],
  );
  return {
    ...accessPart(ctx, user, compound),
    refreshToken: refreshTokenText(compound.id, secretPart),
    refreshTokenExpiresAt: refreshExpires.toISOString(),
  };
}

export async function login(
  ctx: AuthContext,
  input: { compound: string; username: string; password: string; ip: string },
): Promise<Result<SessionResponse, AuthFailure>> {
  const code = normalizeCompoundCode(input.compound);
  const username = normalizeUsername(input.username);
  const userKey = `user:${code}:${username}`;
  const ipKey = `ip:${input.ip}`;
  const nowMs = ctx.now();
  const wait = await lockedFor(ctx.db, [userKey, ipKey], nowMs);
  if (wait > 0) {
    return { ok: false, error: { code: 'TOO_MANY_ATTEMPTS', message: `too many failed logins, retry in ${wait} s`, retryAfter: wait } };
  }
  const compound = await findCompound(ctx.db, code);
  const user = compound ? await findUser(ctx.db, compound.id, username) : undefined;
  const hash = user && !user.disabled ? user.passwordHash : await dummy(ctx.config);
  const good = (await verifyPassword(hash, input.password)) && user !== undefined && !user.disabled;
  if (!good || !compound || !user) {
    await recordFailure(
      ctx.db,
      [
        { key: userKey, maxFailures: ctx.config.maxFailuresPerUser },
        { key: ipKey, maxFailures: ctx.config.maxFailuresPerIp },
      ],
      nowMs,
      ctx.config.lockSeconds,
    );
    return { ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'unknown compound, username or wrong password' } };
  }
  await clearFailures(ctx.db, userKey);
  const session = await issueSession(ctx, ctx.db, user, compound, randomUUID(), randomBytes(32).toString('base64url'));
  return { ok: true, value: session };
}

function parseRefreshToken(token: string): { tenantId: string; hash: string } | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 300) return undefined;
  return { tenantId: token.slice(0, dot), hash: sha256(token.slice(dot + 1)) };
}

type RefreshRow = { user_id: string; family_id: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null };

const selectForUpdate =
  'SELECT user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE tenant_id = $1 AND token_hash = $2 FOR UPDATE';

/**
 * Trades a refresh token for a new session. An unused, unexpired token of an active user is marked used and its
 * successor (successorSecret) is stored and returned. A used token presented again:
 *  - within refreshReuseSeconds of its use, while its successor is unused, unrevoked and unexpired, and the user is
 *    still active → a fresh access token and the same successor (no new row): the first answer was lost;
 *  - otherwise → the whole family is revoked (someone else may hold the successor). So is a revoked token.
 */
export async function refresh(ctx: AuthContext, token: string): Promise<Result<SessionResponse, AuthFailure>> {
  const parsed = parseRefreshToken(token);
  const invalid: AuthFailure = { code: 'UNAUTHENTICATED', message: 'refresh token invalid, expired or revoked; log in again' };
  if (!parsed) return { ok: false, error: invalid };
  const { tenantId, hash } = parsed;
  const nowMs = ctx.now();
  return ctx.db.transaction(async (tx): Promise<Result<SessionResponse, AuthFailure>> => {
    const r = await tx.query<RefreshRow>(selectForUpdate, [tenantId, hash]);
    const row = r.rows[0];
    if (!row) return { ok: false, error: invalid };
    const revokeFamily = async (): Promise<Result<SessionResponse, AuthFailure>> => {
      await tx.query('UPDATE refresh_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND family_id = $2 AND revoked_at IS NULL', [
        tenantId,
        row.family_id,
        new Date(nowMs),
      ]);
      return { ok: false, error: invalid };
    };
    const activeUser = async () => {
      const user = await findUserById(tx, tenantId, row.user_id);
      const compound = await findCompoundById(tx, tenantId);
      return user && !user.disabled && compound ? { user, compound } : undefined;
    };
    const successor = successorSecret(ctx, tenantId, hash);

    if (row.revoked_at !== null) return revokeFamily();
    if (row.used_at !== null) {
      // Presented again. Within the window, and while nobody has used the successor yet, the answer to the first
      // refresh was probably lost (the connection dropped): answer it again. Anything else looks like theft.
      if (nowMs - row.used_at.getTime() >= ctx.config.refreshReuseSeconds * 1000) return revokeFamily();
      const next = (await tx.query<RefreshRow>(selectForUpdate, [tenantId, sha256(successor)])).rows[0];
      if (!next || next.family_id !== row.family_id || next.used_at !== null || next.revoked_at !== null || next.expires_at.getTime() <= nowMs) {
        return revokeFamily();
      }
      const active = await activeUser();
      if (!active) return { ok: false, error: invalid };
      return {
        ok: true,
        value: {
          ...accessPart(ctx, active.user, active.compound),
          refreshToken: refreshTokenText(tenantId, successor),
          refreshTokenExpiresAt: next.expires_at.toISOString(),
        },
      };
    }
    if (row.expires_at.getTime() <= nowMs) return { ok: false, error: invalid };
    const active = await activeUser();
    if (!active) return { ok: false, error: invalid };
    await tx.query('UPDATE refresh_tokens SET used_at = $3 WHERE tenant_id = $1 AND token_hash = $2', [tenantId, hash, new Date(nowMs)]);
    return { ok: true, value: await issueSession(ctx, tx, active.user, active.compound, row.family_id, successor) };
  });
}

export async function logout(ctx: AuthContext, token: string): Promise<void> {
  const parsed = parseRefreshToken(token);
  if (!parsed) return;
  await ctx.db.query(
    `UPDATE refresh_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND revoked_at IS NULL
       AND family_id = (SELECT family_id FROM refresh_tokens WHERE tenant_id = $1 AND token_hash = $2)`,
    [parsed.tenantId, parsed.hash, new Date(ctx.now())],
  );
}
