// Automatic local backups on the desktop (issue #15): a daily one — checked a little after start, then every hour, so a
// PC left on overnight makes it too — and one at the first start of a new app version, before anything writes.
import { useEffect } from 'react';
import { COLLECTION_NAMES, COLLECTIONS } from '../../../shared/schema';
import type { BackupReason } from '../../../shared/bridge';
import { getBridge } from '../../bridge/index';
import { useAppInfo } from '../../bridge/app-info';
import type { LinliDatabase } from '../../db/database';
import { useDatabase } from '../../db/context';
import { makeBackup, type BackupHost } from './backup-actions';

export const DAILY_MS = 24 * 60 * 60 * 1000;
/** The first check waits until start-up's own work (sync's first pull, the first screen) is done. */
export const FIRST_CHECK_DELAY_MS = 2 * 60 * 1000;
export const CHECK_INTERVAL_MS = 60 * 60 * 1000;

async function hasDocuments(db: LinliDatabase): Promise<boolean> {
  for (const c of COLLECTION_NAMES) if ((await db.collections[c].count().exec()) > 0) return true;
  return false;
}

export type DailyOutcome = 'made' | 'not-due' | 'empty' | 'failed' | 'unsupported';

/** Makes the daily backup when the last one is 24 hours old or more (or there is none). */
export async function dailyBackupIfDue(db: LinliDatabase, host: BackupHost, now: Date): Promise<DailyOutcome> {
  if (host.info.host !== 'desktop') return 'unsupported';
  const last = await host.bridge['backup:lastRun']({});
  if (!last.ok) {
    if (last.error.code === 'UNSUPPORTED') return 'unsupported';
    console.warn('backup:lastRun failed', last.error);
    return 'failed';
  }
  const at = last.value.daily === null ? NaN : Date.parse(last.value.daily);
  // A last run in the future (the clock was set back) counts as due: better one backup too many than none.
  if (!Number.isNaN(at) && at <= now.getTime() && now.getTime() - at < DAILY_MS) return 'not-due';
  // An empty database has nothing to keep, and 30 empty daily backups would prune every useful one away.
  if (!(await hasDocuments(db))) return 'empty';
  const made = await makeBackup(db, host, 'daily');
  if (!made.ok) {
    console.warn('daily backup not made; retried within the hour', made.error);
    return 'failed';
  }
  if (made.value.warning) console.warn('backups pruned: disk nearly full', made.value.warning);
  return 'made';
}

export type SchedulerOptions = { firstDelayMs?: number; intervalMs?: number; now?: () => Date };

/** Starts the daily check; returns stop. One check at a time; a closed database stops it. */
export function startBackupScheduler(db: LinliDatabase, host: BackupHost, options: SchedulerOptions = {}): () => void {
  const { firstDelayMs = FIRST_CHECK_DELAY_MS, intervalMs = CHECK_INTERVAL_MS, now = () => new Date() } = options;
  let running = false;
  let interval: ReturnType<typeof setInterval> | undefined;
  const run = () => {
    if (running || db.closed) return;
    running = true;
    dailyBackupIfDue(db, host, now())
      .catch((e: unknown) => {
        if (!db.closed) console.warn('daily backup check failed', e);
      })
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(() => {
    run();
    interval = setInterval(run, intervalMs);
  }, firstDelayMs);
  return () => {
    clearTimeout(first);
    if (interval !== undefined) clearInterval(interval);
  };
}

/** The shell's hook: on the desktop, keeps the daily backup running while the app is open. */
export function useBackupScheduler(): void {
  const db = useDatabase();
  const info = useAppInfo();
  useEffect(() => {
    if (info === null || info.host !== 'desktop') return undefined;
    return startBackupScheduler(db, { bridge: getBridge(), info });
  }, [db, info]);
}

/** localStorage: the app version and schema versions of the last start that had its data backed up. */
export const LAST_VERSION_KEY = 'linli.backup.lastVersion.v1';

type LastVersion = { appVersion: string; schemas: Record<string, number> };

export const schemaVersionsNow = (): Record<string, number> =>
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, COLLECTIONS[c].schema.version]));

function readLastVersion(storage: Storage): LastVersion | null {
  try {
    const raw = storage.getItem(LAST_VERSION_KEY);
    const v: unknown = raw === null ? null : JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return null;
    const { appVersion, schemas } = v as Partial<LastVersion>;
    return typeof appVersion === 'string' && typeof schemas === 'object' && schemas !== null ? { appVersion, schemas } : null;
  } catch {
    return null;
  }
}

/** Notes that this version's data is backed up (the before-migration backup does, so the start makes no second one). */
export function recordBackedUpVersion(appVersion: string, storage: Storage = localStorage): void {
  const current: LastVersion = { appVersion, schemas: schemaVersionsNow() };
  storage.setItem(LAST_VERSION_KEY, JSON.stringify(current));
}

export type UpdateOutcome = 'made' | 'same-version' | 'empty' | 'failed' | 'unsupported';

/**
 * At the first start of a new app version (or of new schema versions), before the shell starts sync or any write:
 * a backup with reason 'before-update'. RxDB has already migrated the stored documents when the database opened,
 * so this is the data as the new version reads it, before the new version changed anything.
 * The version is recorded only once the backup is stored, so a failed one is tried again at the next start.
 */
export async function backupAfterUpdate(db: LinliDatabase, host: BackupHost, storage: Storage = localStorage): Promise<UpdateOutcome> {
  if (host.info.host !== 'desktop') return 'unsupported';
  const current: LastVersion = { appVersion: host.info.version, schemas: schemaVersionsNow() };
  const last = readLastVersion(storage);
  const record = () => recordBackedUpVersion(current.appVersion, storage);
  if (last !== null && last.appVersion === current.appVersion && JSON.stringify(last.schemas) === JSON.stringify(current.schemas)) {
    return 'same-version';
  }
  if (!(await hasDocuments(db))) {
    record(); // a fresh install: nothing to keep
    return 'empty';
  }
  const reason: BackupReason = 'before-update';
  const made = await makeBackup(db, host, reason);
  if (!made.ok) {
    console.error('backup after update not made', made.error);
    return 'failed';
  }
  record();
  return 'made';
}

/** How long the window waits for the after-update backup before opening anyway (it goes on in the background). */
export const AFTER_UPDATE_WAIT_MS = 60_000;

/**
 * For main.tsx: the database, once the after-update backup (desktop only) is stored. Never fails because of the
 * backup: the app must open even when the disk is full.
 */
export async function openedWithUpdateBackup(database: Promise<LinliDatabase>): Promise<LinliDatabase> {
  const db = await database;
  try {
    const info = await getBridge()['app:info']({});
    if (!info.ok || info.value.host !== 'desktop') return db;
    const host: BackupHost = { bridge: getBridge(), info: info.value };
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      backupAfterUpdate(db, host),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, AFTER_UPDATE_WAIT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (e) {
    console.error('backup after update failed', e);
  }
  return db;
}
