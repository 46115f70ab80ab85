// Issue #9's migration on a database written before it: logins stay (their refresh tokens still refresh, into tokens
// that can be revoked), a login that was revoked stays revoked, and the storage already used is counted.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src-server/auth/passwords';
import type { Db } from '../../../src-server/db/db';
import { loadMigrations, migrate } from '../../../src-server/db/migrate';
import { openPostgres } from '../../../src-server/db/pg-db';
import { openPglite } from '../../../src-server/db/pglite-db';
import { pull, refreshWith, startServer, testConfig, type TestServer } from './helpers';

let db: Db;
let drop: () => Promise<void>;
let server: TestServer | undefined;

beforeAll(async () => {
  const base = process.env.DATABASE_URL;
  if (!base) {
    db = await openPglite(undefined);
    drop = () => db.close();
    return;
  }
  const name = `linli_upgrade_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  db = await openPostgres({ connectionString: u.toString() });
  drop = async () => {
    await db.close();
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
});

afterAll(async () => {
  await server?.close();
  await drop?.();
});

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('migration 0002 on an existing database', () => {
  it('keeps open logins, keeps revoked ones revoked, and counts the storage already used', async () => {
    const all = await loadMigrations();
    await migrate(db, all.slice(0, 1));
    const hash = await hashPassword('correct-horse-9', testConfig().argon2);
    await db.query(`INSERT INTO compounds (id, code, name) VALUES ('t-old', 'OLD', '老小区')`);
    await db.query(`INSERT INTO tenant_seq (tenant_id, seq) VALUES ('t-old', 1)`);
    await db.query(`INSERT INTO users (tenant_id, id, username, display_name, role, password_hash) VALUES ('t-old', 'u-1', 'li', '李四', 'staff', $1)`, [hash]);
    const future = new Date(Date.now() + 24 * 3600 * 1000);
    await db.query(`INSERT INTO refresh_tokens (tenant_id, token_hash, user_id, family_id, expires_at) VALUES ('t-old', $1, 'u-1', 'fam-open', $2)`, [sha256('open-secret'), future]);
    await db.query(`INSERT INTO refresh_tokens (tenant_id, token_hash, user_id, family_id, expires_at, revoked_at) VALUES ('t-old', $1, 'u-1', 'fam-gone', $2, now())`, [
      sha256('gone-secret'),
      future,
    ]);
    const data = JSON.stringify({ id: 'k', title: '旧任务' });
    await db.query(`INSERT INTO history (tenant_id, seq, collection, id, deleted, data, user_id) VALUES ('t-old', 1, 'tasks', 'k', false, $1::jsonb, 'u-1')`, [data]);
    await db.query(`INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ('t-old', 'tasks', 'k', 1, false, $1::jsonb)`, [data]);

    expect(await migrate(db)).toEqual(all.slice(1).map((m) => m.name));
    const used = await db.query<{ stored_bytes: number }>(`SELECT stored_bytes FROM tenant_seq WHERE tenant_id = 't-old'`);
    expect(Number(used.rows[0]?.stored_bytes)).toBeGreaterThan(20);

    server = await startServer(db);
    const refreshed = await refreshWith(server.url, 't-old.open-secret');
    expect(refreshed.status).toBe(200);
    expect((await pull(server.url, refreshed.body.accessToken ?? '', 'tasks', 0)).status).toBe(200);
    expect((await refreshWith(server.url, 't-old.gone-secret')).status).toBe(401);
  });
});
