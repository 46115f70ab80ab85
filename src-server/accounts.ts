// Compounds (tenants) and their users: created by the operator's CLI, read by login.
import { randomUUID } from 'node:crypto';
import type { Result } from '../shared/result';
import { isRole, type Role } from '../shared/sync/permissions';
import type { Argon2Cost } from './config';
import { isUniqueViolation, type Db, type Queryable } from './db/db';
import { checkPasswordStrength, hashPassword } from './auth/passwords';
import { announceRevocation, revokeUser, sessionsNotice, type RevocationNotice } from './auth/revocation';

export type Compound = { id: string; code: string; name: string };
export type User = { tenantId: string; id: string; username: string; name: string; role: Role; disabled: boolean };
export type UserWithHash = User & { passwordHash: string; tokenVersion: number };

export type AccountErrorCode =
  | 'INVALID_CODE'
  | 'INVALID_NAME'
  | 'INVALID_USERNAME'
  | 'INVALID_ROLE'
  | 'WEAK_PASSWORD'
  | 'PASSWORD_TOO_LONG'
  | 'COMPOUND_EXISTS'
  | 'COMPOUND_NOT_FOUND'
  | 'USER_EXISTS'
  | 'USER_NOT_FOUND'
  | 'DEVICE_NOT_FOUND';
export type AccountError = { code: AccountErrorCode };

const fail = (code: AccountErrorCode): { ok: false; error: AccountError } => ({ ok: false, error: { code } });

/** Compound codes are what people type at login: letters, digits, - and _, compared case-insensitively. */
export function normalizeCompoundCode(code: string): string {
  return code.trim().toUpperCase();
}
export function isValidCompoundCode(code: string): boolean {
  return /^[A-Z0-9][A-Z0-9_-]{1,31}$/.test(code);
}
/** Usernames may be Chinese (张三) or Latin (zhangsan); Latin letters compare case-insensitively. */
export function normalizeUsername(username: string): string {
  return username.trim().normalize('NFC').toLowerCase();
}
export function isValidUsername(username: string): boolean {
  return /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u.test(username);
}
function cleanName(name: string): string | null {
  const n = name.trim().normalize('NFC');
  return n.length >= 1 && n.length <= 50 && ![...n].some((ch) => ch.charCodeAt(0) < 0x20) ? n : null;
}

type UserRow = {
  tenant_id: string;
  id: string;
  username: string;
  display_name: string;
  role: string;
  disabled: boolean;
  password_hash: string;
  token_version: number;
};

function toUser(r: UserRow): UserWithHash {
  // The role column only ever holds values written through isRole; an unknown one is treated as read-only.
  const role: Role = isRole(r.role) ? r.role : 'viewer';
  return {
    tenantId: r.tenant_id,
    id: r.id,
    username: r.username,
    name: r.display_name,
    role,
    disabled: r.disabled,
    passwordHash: r.password_hash,
    tokenVersion: r.token_version,
  };
}

function publicUser(u: UserWithHash): User {
  const { passwordHash: _omit, tokenVersion: _version, ...rest } = u;
  return rest;
}

const USER_COLUMNS = 'tenant_id, id, username, display_name, role, disabled, password_hash, token_version';

export async function findCompound(q: Queryable, code: string): Promise<Compound | undefined> {
  const r = await q.query<Compound>('SELECT id, code, name FROM compounds WHERE code = $1', [normalizeCompoundCode(code)]);
  return r.rows[0];
}

export async function findCompoundById(q: Queryable, id: string): Promise<Compound | undefined> {
  const r = await q.query<Compound>('SELECT id, code, name FROM compounds WHERE id = $1', [id]);
  return r.rows[0];
}

export async function createCompound(db: Db, input: { code: string; name: string }): Promise<Result<Compound, AccountError>> {
  const code = normalizeCompoundCode(input.code);
  if (!isValidCompoundCode(code)) return fail('INVALID_CODE');
  const name = cleanName(input.name);
  if (name === null) return fail('INVALID_NAME');
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO compounds (id, code, name) VALUES ($1, $2, $3)', [id, code, name]);
      await tx.query('INSERT INTO tenant_seq (tenant_id, seq) VALUES ($1, 0)', [id]);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail('COMPOUND_EXISTS');
    throw e;
  }
  return { ok: true, value: { id, code, name } };
}

export async function findUser(q: Queryable, tenantId: string, username: string): Promise<UserWithHash | undefined> {
  const r = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 AND username = $2`,
    [tenantId, normalizeUsername(username)],
  );
  const row = r.rows[0];
  return row ? toUser(row) : undefined;
}

export async function findUserById(q: Queryable, tenantId: string, id: string): Promise<UserWithHash | undefined> {
  const r = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  const row = r.rows[0];
  return row ? toUser(row) : undefined;
}

export type AddUserInput = { compound: string; username: string; name: string; role: string; password: string };

export async function addUser(db: Db, input: AddUserInput, cost: Argon2Cost): Promise<Result<User, AccountError>> {
  const username = normalizeUsername(input.username);
  if (!isValidUsername(username)) return fail('INVALID_USERNAME');
  const name = cleanName(input.name);
  if (name === null) return fail('INVALID_NAME');
  if (!isRole(input.role)) return fail('INVALID_ROLE');
  const role = input.role;
  const weak = checkPasswordStrength(input.password);
  if (weak === 'TOO_SHORT') return fail('WEAK_PASSWORD');
  if (weak === 'TOO_LONG') return fail('PASSWORD_TOO_LONG');
  const compound = await findCompound(db, input.compound);
  if (!compound) return fail('COMPOUND_NOT_FOUND');
  if (await findUser(db, compound.id, username)) return fail('USER_EXISTS');
  const passwordHash = await hashPassword(input.password, cost);
  const id = randomUUID();
  try {
    await db.query(
      'INSERT INTO users (tenant_id, id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [compound.id, id, username, name, role, passwordHash],
    );
  } catch (e) {
    if (isUniqueViolation(e)) return fail('USER_EXISTS');
    throw e;
  }
  return { ok: true, value: { tenantId: compound.id, id, username, name, role, disabled: false } };
}

/** The compound and the user named by the operator, or why not. */
async function target(db: Db, compoundCode: string, username: string): Promise<Result<{ compound: Compound; user: UserWithHash }, AccountError>> {
  const compound = await findCompound(db, compoundCode);
  if (!compound) return fail('COMPOUND_NOT_FOUND');
  const user = await findUser(db, compound.id, username);
  if (!user) return fail('USER_NOT_FOUND');
  return { ok: true, value: { compound, user } };
}

/**
 * Sets a new password and signs the user out everywhere at once: every login and refresh token revoked, every
 * access token refused from the next request on, open streams closed.
 */
export async function resetPassword(
  db: Db,
  input: { compound: string; username: string; password: string },
  cost: Argon2Cost,
): Promise<Result<User, AccountError>> {
  const weak = checkPasswordStrength(input.password);
  if (weak === 'TOO_SHORT') return fail('WEAK_PASSWORD');
  if (weak === 'TOO_LONG') return fail('PASSWORD_TOO_LONG');
  const t = await target(db, input.compound, input.username);
  if (!t.ok) return t;
  const { compound, user } = t.value;
  const passwordHash = await hashPassword(input.password, cost);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $3 WHERE tenant_id = $1 AND id = $2', [compound.id, user.id, passwordHash]);
    await revokeUser(tx, compound.id, user.id, new Date());
  });
  await announceRevocation(db, { t: compound.id, u: user.id });
  return { ok: true, value: publicUser(user) };
}

/**
 * Disables a user (signed out everywhere at once, no login until enabled again) or enables one again (who then logs
 * in anew). Returns the user as it is now.
 */
export async function setDisabled(db: Db, input: { compound: string; username: string; disabled: boolean }): Promise<Result<User, AccountError>> {
  const t = await target(db, input.compound, input.username);
  if (!t.ok) return t;
  const { compound, user } = t.value;
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET disabled = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2', [compound.id, user.id, input.disabled]);
    if (input.disabled) await revokeUser(tx, compound.id, user.id, new Date());
  });
  if (input.disabled) await announceRevocation(db, { t: compound.id, u: user.id });
  return { ok: true, value: { ...publicUser(user), disabled: input.disabled } };
}

/**
 * Changes a user's role. Every push checks the writer's current role, so the change holds from the next push on;
 * reads are the same for every role, so logins and streams stay open.
 */
export async function setRole(db: Db, input: { compound: string; username: string; role: string }): Promise<Result<{ user: User; previous: Role }, AccountError>> {
  if (!isRole(input.role)) return fail('INVALID_ROLE');
  const role = input.role;
  const t = await target(db, input.compound, input.username);
  if (!t.ok) return t;
  const { compound, user } = t.value;
  await db.query('UPDATE users SET role = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2', [compound.id, user.id, role]);
  return { ok: true, value: { user: { ...publicUser(user), role }, previous: user.role } };
}

export type DeviceInfo = {
  username: string;
  deviceId: string;
  firstLoginAt: Date;
  lastLoginAt: Date;
  lastAddress: string | null;
  /** Logins of the user on this device that are not revoked (they may still have expired). */
  activeLogins: number;
  revoked: boolean;
};

/** The compound, and the user when one is named (null: every user of the compound). */
async function deviceScope(db: Db, input: { compound: string; username?: string }): Promise<Result<{ compound: Compound; userId: string | null }, AccountError>> {
  const compound = await findCompound(db, input.compound);
  if (!compound) return fail('COMPOUND_NOT_FOUND');
  if (input.username === undefined) return { ok: true, value: { compound, userId: null } };
  const user = await findUser(db, compound.id, input.username);
  return user ? { ok: true, value: { compound, userId: user.id } } : fail('USER_NOT_FOUND');
}

/** Devices that logged in to the compound, optionally of one user, most recently used first. */
export async function listDevices(db: Db, input: { compound: string; username?: string }): Promise<Result<{ compound: Compound; devices: DeviceInfo[] }, AccountError>> {
  const scope = await deviceScope(db, input);
  if (!scope.ok) return scope;
  const { compound, userId } = scope.value;
  const r = await db.query<{
    username: string;
    device_id: string;
    first_login_at: Date;
    last_login_at: Date;
    last_address: string | null;
    revoked: boolean;
    active: number;
  }>(
    `SELECT u.username, d.device_id, d.first_login_at, d.last_login_at, d.last_address, d.revoked_at IS NOT NULL AS revoked,
            (SELECT count(*)::int FROM sessions s WHERE s.tenant_id = d.tenant_id AND s.user_id = d.user_id AND s.device_id = d.device_id AND s.revoked_at IS NULL) AS active
       FROM devices d JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
      WHERE d.tenant_id = $1 AND ($2::text IS NULL OR d.user_id = $2)
      ORDER BY d.last_login_at DESC, u.username, d.device_id`,
    [compound.id, userId],
  );
  return {
    ok: true,
    value: {
      compound,
      devices: r.rows.map((row) => ({
        username: row.username,
        deviceId: row.device_id,
        firstLoginAt: row.first_login_at,
        lastLoginAt: row.last_login_at,
        lastAddress: row.last_address,
        activeLogins: row.active,
        revoked: row.revoked,
      })),
    },
  };
}

/**
 * Revokes a device: ends every login on it (of one user, or of every user of the compound) at once, access tokens and
 * streams included, and forgets it as a known device. Returns the number of logins ended.
 */
export async function revokeDevice(db: Db, input: { compound: string; deviceId: string; username?: string }): Promise<Result<{ logins: number }, AccountError>> {
  const scope = await deviceScope(db, input);
  if (!scope.ok) return scope;
  const { compound, userId } = scope.value;
  const now = new Date();
  const outcome = await db.transaction(async (tx) => {
    const devices = await tx.query(
      'UPDATE devices SET revoked_at = COALESCE(revoked_at, $4) WHERE tenant_id = $1 AND device_id = $2 AND ($3::text IS NULL OR user_id = $3) RETURNING user_id',
      [compound.id, input.deviceId, userId, now],
    );
    const sessions = await tx.query<{ id: string; user_id: string }>(
      `UPDATE sessions SET revoked_at = $4 WHERE tenant_id = $1 AND device_id = $2 AND ($3::text IS NULL OR user_id = $3) AND revoked_at IS NULL
       RETURNING id, user_id`,
      [compound.id, input.deviceId, userId, now],
    );
    const ids = sessions.rows.map((row) => row.id);
    if (ids.length > 0) {
      await tx.query('UPDATE refresh_tokens SET revoked_at = $3 WHERE tenant_id = $1 AND family_id = ANY($2::text[]) AND revoked_at IS NULL', [compound.id, ids, now]);
    }
    return { found: devices.rows.length > 0 || ids.length > 0, sessions: sessions.rows };
  });
  if (!outcome.found) return fail('DEVICE_NOT_FOUND');
  const byUser = new Map<string, string[]>();
  for (const s of outcome.sessions) byUser.set(s.user_id, [...(byUser.get(s.user_id) ?? []), s.id]);
  const notices: RevocationNotice[] = [...byUser].map(([user, ids]) => sessionsNotice(compound.id, user, ids));
  for (const n of notices) await announceRevocation(db, n);
  return { ok: true, value: { logins: outcome.sessions.length } };
}

export async function listUsers(db: Db, compoundCode: string): Promise<Result<{ compound: Compound; users: User[] }, AccountError>> {
  const compound = await findCompound(db, compoundCode);
  if (!compound) return fail('COMPOUND_NOT_FOUND');
  const r = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY username`,
    [compound.id],
  );
  return { ok: true, value: { compound, users: r.rows.map((row) => publicUser(toUser(row))) } };
}
