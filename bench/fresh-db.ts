// The server database of a bench run: a fresh PostgreSQL database on DATABASE_URL's server (dropped after), else
// PGlite — in memory, or on disk when the bench measures the server's own memory (an in-memory PGlite keeps every
// document in the WebAssembly heap, which says nothing about the server).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../src-server/db/db';
import { openDatabase } from '../src-server/db/open';

export type BenchDb = { db: Db; label: string; drop(): Promise<void> };

export async function freshBenchDb(options: { prefix: string; pglite: 'memory' | 'disk'; databaseUrl?: string }): Promise<BenchDb> {
  const base = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!base) {
    if (options.pglite === 'memory') {
      const r = await openDatabase({ databaseUrl: undefined, dataDir: undefined });
      if (!r.ok) throw new Error(`PGlite: ${r.error.code}`);
      return { db: r.value, drop: () => r.value.close(), label: 'PGlite (in memory)' };
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), `${options.prefix}-`));
    const dataDir = path.join(dir, 'db');
    const r = await openDatabase({ databaseUrl: undefined, dataDir });
    if (!r.ok) throw new Error(`PGlite: ${r.error.code}`);
    return {
      db: r.value,
      label: `PGlite (data in ${dataDir})`,
      async drop() {
        await r.value.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${options.prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const r = await openDatabase({ databaseUrl: u.toString(), dataDir: undefined });
  if (!r.ok) throw new Error(`PostgreSQL: ${r.error.code}`);
  return {
    db: r.value,
    label: `PostgreSQL (fresh database ${name} on ${u.host}, dropped after)`,
    async drop() {
      await r.value.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
