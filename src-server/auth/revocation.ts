// Revocation that takes effect at once (issue #9). Every request checks its access token against the database: the
// user still exists and is enabled, the token's version is the user's current token_version, and its login (sid) is
// not revoked. One indexed query per request; nothing is cached, so a revocation by any process (the CLI, another
// server process) holds from the next request on. Open streams are closed through a notification on
// REVOCATIONS_CHANNEL, which every server process listens to.
import type { Result } from '../../shared/result';
import { isRole, type Role } from '../../shared/sync/permissions';
import type { Db, Queryable } from '../db/db';
import type { ServerClaims } from './jwt';

export const REVOCATIONS_CHANNEL = 'linli_revocations';

/** What a notification on REVOCATIONS_CHANNEL carries: tenant `t`, and the user `u` or the logins `s` that lost access. */
export type RevocationNotice = { t: string; u?: string; s?: string[] };

/** Logins named one by one in a notice; more than this, and the notice names the user instead. */
const MAX_SESSIONS_PER_NOTICE = 100;

export function parseRevocation(payload: string): RevocationNotice | undefined {
  try {
    const n: unknown = JSON.parse(payload);
    if (typeof n !== 'object' || n === null) return undefined;
    const o = n as Record<string, unknown>;
    if (typeof o.t !== 'string') return undefined;
    const out: RevocationNotice = { t: o.t };
    if (typeof o.u === 'string') out.u = o.u;
    if (Array.isArray(o.s) && o.s.every((x) => typeof x === 'string')) out.s = o.s as string[];
    return out.u !== undefined || out.s !== undefined ? out : undefined;
  } catch {
    return undefined;
  }
}

/** Tells every server process (this one included) to close the streams the notice names. Call after commit. */
export async function announceRevocation(db: Db, notice: RevocationNotice): Promise<void> {
  await db.notify(REVOCATIONS_CHANNEL, JSON.stringify(notice));
}

/** A notice for logins of one user: by id when few, else the whole user. */
export function sessionsNotice(tenantId: string, userId: string, sessionIds: readonly string[]): RevocationNotice {
  return sessionIds.length > MAX_SESSIONS_PER_NOTICE ? { t: tenantId, u: userId } : { t: tenantId, s: [...sessionIds] };
}

export type Access = { role: Role };
export type AccessProblem = 'USER_GONE' | 'DISABLED' | 'TOKEN_REVOKED' | 'SESSION_REVOKED';

/** Whether the token still grants access, and the user's current role (which can differ from the token's). */
export async function checkAccess(q: Queryable, claims: ServerClaims): Promise<Result<Access, AccessProblem>> {
  // No such login (the LEFT JOIN found no session) counts as revoked: `s.revoked_at IS NOT NULL` alone is false there,
  // which let a token naming a login that never existed through (found by tests/integration/server/fuzz.test.ts).
  const r = await q.query<{ role: string; disabled: boolean; token_version: number; revoked: boolean | null }>(
    `SELECT u.role, u.disabled, u.token_version, (s.id IS NULL OR s.revoked_at IS NOT NULL) AS revoked
       FROM users u LEFT JOIN sessions s ON s.tenant_id = u.tenant_id AND s.id = $3 AND s.user_id = u.id
      WHERE u.tenant_id = $1 AND u.id = $2`,
    [claims.tid, claims.sub, claims.sid],
  );
  const row = r.rows[0];
  if (!row) return { ok: false, error: 'USER_GONE' };
  if (row.disabled) return { ok: false, error: 'DISABLED' };
  if (row.token_version !== claims.ver) return { ok: false, error: 'TOKEN_REVOKED' };
  if (row.revoked !== false) return { ok: false, error: 'SESSION_REVOKED' }; // revoked, or no such login
  return { ok: true, value: { role: isRole(row.role) ? row.role : 'viewer' } };
}

/**
 * Ends every access of a user: bumps token_version (every access token stops), revokes every login and refresh
 * token. Run inside the transaction that disables the user or changes the password; announce afterwards.
 */
export async function revokeUser(q: Queryable, tenantId: string, userId: string, now: Date): Promise<void> {
  await q.query('UPDATE users SET token_version = token_version + 1, updated_at = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, userId, now]);
  await q.query('UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL', [tenantId, userId, now]);
  await q.query('UPDATE refresh_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL', [tenantId, userId, now]);
}

/** Revokes one login (a refresh-token family) and its refresh tokens. Returns the user it belonged to, if any. */
export async function revokeSession(q: Queryable, tenantId: string, sessionId: string, now: Date): Promise<string | undefined> {
  const r = await q.query<{ user_id: string }>('UPDATE sessions SET revoked_at = COALESCE(revoked_at, $3) WHERE tenant_id = $1 AND id = $2 RETURNING user_id', [
    tenantId,
    sessionId,
    now,
  ]);
  await q.query('UPDATE refresh_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND family_id = $2 AND revoked_at IS NULL', [tenantId, sessionId, now]);
  return r.rows[0]?.user_id;
}
