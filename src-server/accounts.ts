// Compounds (tenants) and their users: created by the operator's CLI, read by login.
import { randomUUID } from 'node:crypto';
import type { Result } from '../shared/result';
import { isRole, type Role } from '../shared/sync/permissions';
import type { Argon2Cost } from './config';
import { isUniqueViolation, type Db, type Queryable } from './db/db';
import { checkPasswordStrength, hashPassword } from './auth/passwords';

export type Compound = { id: string; code: string; name: string };
export type User = { tenantId: string; id: string; username: string; name: string; role: Role; disabled: boolean };
export type UserWithHash = User & { passwordHash: string };

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
  | 'USER_NOT_FOUND';
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
};

function toUser(r: UserRow): UserWithHash {
  // The role column only ever holds values written through isRole; an unknown one is treated as read-only.
  const role: Role = isRole(r.role) ? r.role : 'viewer';
  return { tenantId: r.tenant_id, id: r.id, username: r.username, name: r.display_name, role, disabled: r.disabled, passwordHash: r.password_hash };
}

function publicUser(u: UserWithHash): User {
  const { passwordHash: _omit, ...rest } = u;
  return rest;
}

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
    'SELECT tenant_id, id, username, display_name, role, disabled, password_hash FROM users WHERE tenant_id = $1 AND username = $2',
    [tenantId, normalizeUsername(username)],
  );
  const row = r.rows[0];
  return row ? toUser(row) : undefined;
}

export async function findUserById(q: Queryable, tenantId: string, id: string): Promise<UserWithHash | undefined> {
  const r = await q.query<UserRow>(
    'SELECT tenant_id, id, username, display_name, role, disabled, password_hash FROM users WHERE tenant_id = $1 AND id = $2',
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

/** Sets a new password and signs the user out everywhere (every refresh token revoked). */
export async function resetPassword(
  db: Db,
  input: { compound: string; username: string; password: string },
  cost: Argon2Cost,
): Promise<Result<User, AccountError>> {
  const weak = checkPasswordStrength(input.password);
  if (weak === 'TOO_SHORT') return fail('WEAK_PASSWORD');
  if (weak === 'TOO_LONG') return fail('PASSWORD_TOO_LONG');
  const compound = await findCompound(db, input.compound);
  if (!compound) return fail('COMPOUND_NOT_FOUND');
  const user = await findUser(db, compound.id, input.username);
  if (!user) return fail('USER_NOT_FOUND');
  const passwordHash = await hashPassword(input.password, cost);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2', [compound.id, user.id, passwordHash]);
    await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL', [
      compound.id,
      user.id,
    ]);
  });
  return { ok: true, value: publicUser(user) };
}

export async function listUsers(db: Db, compoundCode: string): Promise<Result<{ compound: Compound; users: User[] }, AccountError>> {
  const compound = await findCompound(db, compoundCode);
  if (!compound) return fail('COMPOUND_NOT_FOUND');
  const r = await db.query<UserRow>(
    'SELECT tenant_id, id, username, display_name, role, disabled, password_hash FROM users WHERE tenant_id = $1 ORDER BY username',
    [compound.id],
  );
  return { ok: true, value: { compound, users: r.rows.map((row) => publicUser(toUser(row))) } };
}
