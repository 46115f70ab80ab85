// Login, refresh and logout. Access tokens are short-lived JWTs; refresh tokens are stored hashed and single-use
// (rotated on every refresh). A spent one presented again revokes its whole family (theft), except within a short
// reuse window while its successor is still unused: then the answer to the first refresh was probably lost, and the
// same successor is handed out again (issue #7).
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Result } from '../../shared/result';
import type { ApiErrorCode, SessionResponse } from '../../shared/sync/protocol';
import { findCompound, findCompoundById, findUserById, findUser, normalizeCompoundCode, normalizeUsername, type Compound, type UserWithHash } from '../accounts';
import type { ServerConfig } from '../config';
import type { Db, Queryable } from '../db/db';
import { signAccessToken, type ServerClaims } from './jwt';
import { hashPassword, verifyPassword } from './passwords';
import { announceRevocation, revokeSession, sessionsNotice } from './revocation';
import { addressKey, clearAttempts, countAttempt, uncount, type ThrottleKey } from './throttle';

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

/**
 * The access token of a login (sessionId): the user's current role and token version, valid for accessTokenSeconds
 * from now.
 */
function accessPart(
  ctx: AuthContext,
  user: UserWithHash,
  compound: Compound,
  sessionId: string,
): Pick<SessionResponse, 'accessToken' | 'accessTokenExpiresAt' | 'user' | 'compound'> {
  const iat = Math.floor(ctx.now() / 1000);
  const claims: ServerClaims = {
    typ: 'access',
    sub: user.id,
    tid: compound.id,
    cmp: compound.code,
    role: user.role,
    iat,
    exp: iat + ctx.config.accessTokenSeconds,
    sid: sessionId,
    ver: user.tokenVersion,
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
    ...accessPart(ctx, user, compound, familyId),
    refreshToken: refreshTokenText(compound.id, secretPart),
    refreshTokenExpiresAt: refreshExpires.toISOString(),
  };
}

export type LoginInput = { compound: string; username: string; password: string; ip: string; deviceId: string | null };

/** Whether the device logged in as this user before and was not revoked since. */
async function isKnownDevice(q: Queryable, tenantId: string, userId: string, deviceId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM devices WHERE tenant_id = $1 AND user_id = $2 AND device_id = $3 AND revoked_at IS NULL', [tenantId, userId, deviceId]);
  return r.rows.length > 0;
}

/**
 * Logs in. The attempt is counted before the password is checked (throttle.ts), on these keys:
 *  - the client address (maxFailuresPerIp): one address guessing many users;
 *  - the user from this address (maxFailuresPerUser): a lock reaches only the address that earned it;
 *  - from a known device of the user: that device (maxFailuresPerUser), wherever it is; from any other device: the
 *    user from everywhere (maxFailuresPerUserGlobal over globalLockSeconds), which slows a distributed guesser down
 *    without locking the real user out of a PC they logged in from before.
 */
export async function login(ctx: AuthContext, input: LoginInput): Promise<Result<SessionResponse, AuthFailure>> {
  const code = normalizeCompoundCode(input.compound);
  const username = normalizeUsername(input.username);
  const cfg = ctx.config;
  const nowMs = ctx.now();
  const compound = await findCompound(ctx.db, code);
  const user = compound ? await findUser(ctx.db, compound.id, username) : undefined;
  const known = compound !== undefined && user !== undefined && input.deviceId !== null && (await isKnownDevice(ctx.db, compound.id, user.id, input.deviceId));
  const who = `${code}:${username}`;
  const address = addressKey(input.ip);
  const userHere = `ua:${who}@${address}`;
  const deviceKey = `ud:${who}#${input.deviceId ?? ''}`;
  const keys: ThrottleKey[] = [
    { key: `ip:${address}`, limit: cfg.maxFailuresPerIp, windowSeconds: cfg.lockSeconds },
    { key: userHere, limit: cfg.maxFailuresPerUser, windowSeconds: cfg.lockSeconds },
    known
      ? { key: deviceKey, limit: cfg.maxFailuresPerUser, windowSeconds: cfg.lockSeconds }
      : { key: `u:${who}`, limit: cfg.maxFailuresPerUserGlobal, windowSeconds: cfg.globalLockSeconds },
  ];
  const counted = await countAttempt(ctx.db, keys, nowMs);
  if (!counted.ok) {
    const wait = counted.retryAfter;
    return { ok: false, error: { code: 'TOO_MANY_ATTEMPTS', message: `too many failed logins, retry in ${wait} s`, retryAfter: wait } };
  }
  const hash = user && !user.disabled ? user.passwordHash : await dummy(cfg);
  const good = (await verifyPassword(hash, input.password)) && user !== undefined && !user.disabled;
  if (!good || !compound || !user) {
    // The attempt stays counted: it was a failure.
    return { ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'unknown compound, username or wrong password' } };
  }
  // Not a failure: uncount it everywhere, and forget this user's failures from here and from this device. The count
  // of the user from everywhere stays (a distributed guesser's failures are not forgiven by the real user's login).
  await uncount(ctx.db, counted.counted);
  await clearAttempts(ctx.db, [userHere, ...(known ? [deviceKey] : [])]);
  const familyId = randomUUID();
  const session = await ctx.db.transaction(async (tx) => {
    const at = new Date(nowMs);
    await tx.query('INSERT INTO sessions (tenant_id, id, user_id, device_id, created_at) VALUES ($1, $2, $3, $4, $5)', [
      compound.id,
      familyId,
      user.id,
      input.deviceId,
      at,
    ]);
    if (input.deviceId !== null) {
      await tx.query(
        `INSERT INTO devices (tenant_id, user_id, device_id, first_login_at, last_login_at, last_address) VALUES ($1, $2, $3, $4, $4, $5)
         ON CONFLICT (tenant_id, user_id, device_id) DO UPDATE SET last_login_at = EXCLUDED.last_login_at, last_address = EXCLUDED.last_address, revoked_at = NULL`,
        [compound.id, user.id, input.deviceId, at, input.ip.slice(0, 100)],
      );
    }
    return issueSession(ctx, tx, user, compound, familyId, randomBytes(32).toString('base64url'));
  });
  return { ok: true, value: session };
}

function parseRefreshToken(token: string): { tenantId: string; hash: string } | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 300) return undefined;
  return { tenantId: token.slice(0, dot), hash: sha256(token.slice(dot + 1)) };
}

type RefreshRow = { user_id: string; family_id: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null };

type RefreshOutcome = { result: Result<SessionResponse, AuthFailure>; revoked?: { userId: string; sessionId: string } };

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
  const outcome = await ctx.db.transaction(async (tx): Promise<RefreshOutcome> => {
    const r = await tx.query<RefreshRow>(selectForUpdate, [tenantId, hash]);
    const row = r.rows[0];
    if (!row) return { result: { ok: false, error: invalid } };
    // The whole login ends: its refresh tokens, and (through the session) its access tokens and streams.
    const revokeFamily = async (): Promise<RefreshOutcome> => {
      await revokeSession(tx, tenantId, row.family_id, new Date(nowMs));
      return { result: { ok: false, error: invalid }, revoked: { userId: row.user_id, sessionId: row.family_id } };
    };
    const session = await tx.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM sessions WHERE tenant_id = $1 AND id = $2', [tenantId, row.family_id]);
    const activeUser = async () => {
      const user = await findUserById(tx, tenantId, row.user_id);
      const compound = await findCompoundById(tx, tenantId);
      return user && !user.disabled && compound ? { user, compound } : undefined;
    };
    const successor = successorSecret(ctx, tenantId, hash);

    if (row.revoked_at !== null || session.rows[0]?.revoked_at !== null) return revokeFamily();
    if (row.used_at !== null) {
      // Presented again. Within the window, and while nobody has used the successor yet, the answer to the first
      // refresh was probably lost (the connection dropped): answer it again. Anything else looks like theft.
      if (nowMs - row.used_at.getTime() >= ctx.config.refreshReuseSeconds * 1000) return revokeFamily();
      const next = (await tx.query<RefreshRow>(selectForUpdate, [tenantId, sha256(successor)])).rows[0];
      if (!next || next.family_id !== row.family_id || next.used_at !== null || next.revoked_at !== null || next.expires_at.getTime() <= nowMs) {
        return revokeFamily();
      }
      const active = await activeUser();
      if (!active) return { result: { ok: false, error: invalid } };
      return {
        result: {
          ok: true,
          value: {
            ...accessPart(ctx, active.user, active.compound, row.family_id),
            refreshToken: refreshTokenText(tenantId, successor),
            refreshTokenExpiresAt: next.expires_at.toISOString(),
          },
        },
      };
    }
    if (row.expires_at.getTime() <= nowMs) return { result: { ok: false, error: invalid } };
    const active = await activeUser();
    if (!active) return { result: { ok: false, error: invalid } };
    await tx.query('UPDATE refresh_tokens SET used_at = $3 WHERE tenant_id = $1 AND token_hash = $2', [tenantId, hash, new Date(nowMs)]);
    return { result: { ok: true, value: await issueSession(ctx, tx, active.user, active.compound, row.family_id, successor) } };
  });
  if (outcome.revoked) await announceRevocation(ctx.db, sessionsNotice(tenantId, outcome.revoked.userId, [outcome.revoked.sessionId]));
  return outcome.result;
}

/** Ends the login the refresh token belongs to: its refresh tokens, its access tokens and its open streams, at once. */
export async function logout(ctx: AuthContext, token: string): Promise<void> {
  const parsed = parseRefreshToken(token);
  if (!parsed) return;
  const { tenantId, hash } = parsed;
  const found = await ctx.db.query<{ family_id: string; user_id: string }>('SELECT family_id, user_id FROM refresh_tokens WHERE tenant_id = $1 AND token_hash = $2', [
    tenantId,
    hash,
  ]);
  const row = found.rows[0];
  if (!row) return;
  await ctx.db.transaction((tx) => revokeSession(tx, tenantId, row.family_id, new Date(ctx.now())));
  await announceRevocation(ctx.db, sessionsNotice(tenantId, row.user_id, [row.family_id]));
}
