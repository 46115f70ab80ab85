// Numbered SQL migrations (db/migrations/NNNN-name.sql), applied in order at start, each recorded in
// schema_migrations. A transaction-level advisory lock makes concurrent starts of several processes safe.
import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** An arbitrary constant: the advisory-lock key of "migrating the Linli schema". */
const MIGRATION_LOCK = 7_306_315;

export type Migration = { version: number; name: string; sql: string };

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f)).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const sql = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8');
    out.push({ version: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), sql });
  }
  return out;
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of all) {
      if (done.has(m.version)) continue;
      // Statements one by one: pg's extended protocol (used inside a transaction) takes one statement per query.
      for (const statement of splitSql(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
  });
  return applied;
}

/**
 * Splits a migration into statements at semicolons that end a line, after dropping `--` comments. Migrations
 * therefore avoid `--` and `;`-at-line-end inside string literals, and $$ bodies.
 */
export function splitSql(sql: string): string[] {
  const lines = sql.split('\n').map((l) => l.replace(/--.*$/, '').trimEnd());
  return lines
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
