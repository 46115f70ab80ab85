// Opens the configured database and brings its schema up to date.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import type { Result } from '../../shared/result';
import type { ServerConfig } from '../config';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPostgres } from './pg-db';
import { openPglite } from './pglite-db';

export type OpenError = { code: 'DATA_DIR_BUSY'; pid: number; lockFile: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process on the same folder (the CLI while `serve` runs) would corrupt
 * it. A pid file beside the folder keeps the second one out.
 */
async function lockDataDir(dataDir: string): Promise<Result<() => Promise<void>, OpenError>> {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lockFile, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return { ok: true, value: () => rm(lockFile, { force: true }) };
    } catch (e) {
      if (!(typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === 'EEXIST')) throw e;
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        return { ok: false, error: { code: 'DATA_DIR_BUSY', pid, lockFile } };
      }
      await rm(lockFile, { force: true }); // stale: its process is gone
    }
  }
  return { ok: false, error: { code: 'DATA_DIR_BUSY', pid: 0, lockFile } };
}

export async function openDatabase(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>,
  log?: (msg: string) => void,
): Promise<Result<Db, OpenError>> {
  let db: Db;
  if (config.databaseUrl !== undefined) {
    db = await openPostgres({ connectionString: config.databaseUrl, ...(log ? { log } : {}) });
  } else if (config.dataDir !== undefined) {
    await mkdir(config.dataDir, { recursive: true });
    const lock = await lockDataDir(config.dataDir);
    if (!lock.ok) return lock;
    try {
      const inner = await openPglite(config.dataDir);
      db = { ...inner, close: () => inner.close().finally(lock.value) };
    } catch (e) {
      await lock.value();
      throw e;
    }
  } else {
    db = await openPglite(undefined);
  }
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return { ok: true, value: db };
}
