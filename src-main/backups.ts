// The backups folder (issue #15): <userData>/backups holds the automatic and manual backups the renderer makes, each
// file with a small summary beside it (`<name>.meta.json`) so the list needs no parsing of the backup itself. After
// every write the folder keeps the newest 30 — fewer when the disk is nearly full, so that backups never fill it.
// The renderer names files but never paths: every name is checked to be a plain file name inside the folder.
import { Ajv } from 'ajv';
import { app, type FileFilter } from 'electron';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BACKUP_REASONS,
  BACKUP_SUMMARY_SCHEMA,
  MAX_BACKUP_BYTES,
  type BackupDisk,
  type BackupEntry,
  type BackupReason,
  type BackupSummary,
  type BackupWarning,
  type BridgeArgs,
  type BridgeResult,
} from '../shared/bridge';
import { ok } from '../shared/result';
import { askSavePath, isBase64 } from './files';
import { fail, ioErrorCode } from './ipc';

export const BACKUPS_FOLDER = 'backups';
/** How many backups the folder keeps when the disk has room. */
export const KEEP_BACKUPS = 30;
/** Pruning keeps at least this much of the disk free: 1 GiB, or 10 % of a disk smaller than 10 GiB. */
export const RESERVE_BYTES = 1024 * 1024 * 1024;
export const RESERVE_FRACTION = 0.1;

const META_SUFFIX = '.meta.json';
const PARTIAL_SUFFIX = '.partial';
/** When each reason last wrote a backup (the backup's own time); kept apart from the files so pruning never forgets a daily run. */
const LAST_RUN_FILE = '.last-run.json';

export const backupsDir = (): string => path.join(app.getPath('userData'), BACKUPS_FOLDER);

// Same rule as the bridge's schema, checked again here because these functions are also called directly.
const BAD_NAME_CHARS = /[\\/:*?"<>|]/;
const hasControlChar = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20);

/** The full path of a backup named by the renderer, or null when the name could leave the folder or is not a backup. */
export function backupPath(fileName: string): string | null {
  if (fileName.length === 0 || fileName.length > 200 || BAD_NAME_CHARS.test(fileName) || hasControlChar(fileName)) return null;
  if (fileName.startsWith('.') || fileName.endsWith(META_SUFFIX) || fileName.endsWith(PARTIAL_SUFFIX)) return null;
  const dir = backupsDir();
  const full = path.resolve(dir, fileName);
  return path.dirname(full) === path.resolve(dir) && path.basename(full) === fileName ? full : null;
}

const isBackupName = (name: string): boolean => backupPath(name) !== null;

type StoredMeta = { reason: BackupReason; summary: BackupSummary };

const ajv = new Ajv({ strict: true });
const validMeta = ajv.compile<StoredMeta>({
  type: 'object',
  required: ['reason', 'summary'],
  properties: { reason: { enum: BACKUP_REASONS }, summary: BACKUP_SUMMARY_SCHEMA },
});

async function readMeta(file: string): Promise<StoredMeta | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(`${file}${META_SUFFIX}`, 'utf8'));
    return validMeta(parsed) ? parsed : null;
  } catch {
    return null; // no summary (a file copied in by hand) or a damaged one: listed as 'unknown'
  }
}

/** Writes through a temporary file and a rename, so a crash or a full disk never leaves half a file under the name. */
async function writeAtomic(file: string, data: Buffer | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}${PARTIAL_SUFFIX}`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Every backup in the folder, newest first (by the summary's time, else the file's). */
export async function listBackups(): Promise<BackupEntry[]> {
  const dir = backupsDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if (ioErrorCode(e) === 'ENOENT') return [];
    throw e;
  }
  const entries = await Promise.all(
    names.filter(isBackupName).map(async (fileName): Promise<BackupEntry | null> => {
      const file = path.join(dir, fileName);
      const info = await stat(file).catch(() => null);
      if (info === null || !info.isFile()) return null;
      const meta = await readMeta(file);
      return {
        fileName,
        size: info.size,
        createdAt: meta?.summary.createdAt ?? info.mtime.toISOString(),
        reason: meta?.reason ?? 'unknown',
        summary: meta?.summary ?? null,
      };
    }),
  );
  return entries
    .filter((e): e is BackupEntry => e !== null)
    .sort((a, b) => (a.createdAt === b.createdAt ? b.fileName.localeCompare(a.fileName) : a.createdAt < b.createdAt ? 1 : -1));
}

/** The free space pruning must leave on a disk of `totalBytes`. */
export const reserveFor = (totalBytes: number): number => Math.min(RESERVE_BYTES, Math.floor(totalBytes * RESERVE_FRACTION));

/** Free and total bytes of the disk holding the folder; null where the OS cannot tell. */
export async function diskOf(dir: string): Promise<BackupDisk> {
  try {
    const s = await statfs(dir);
    const freeBytes = Number(s.bavail) * Number(s.bsize);
    const totalBytes = Number(s.blocks) * Number(s.bsize);
    return { freeBytes, totalBytes, low: freeBytes < reserveFor(totalBytes) };
  } catch {
    return null;
  }
}

/**
 * Which backups to delete: beyond the newest KEEP_BACKUPS, then the oldest ones while the disk has less than the
 * reserve free — but never the newest backup. Pure: `backups` newest first.
 */
export function planPrune(
  backups: readonly BackupEntry[],
  disk: BackupDisk,
): { remove: BackupEntry[]; warning: BackupWarning | null } {
  const keep = backups.slice(0, KEEP_BACKUPS);
  const remove = backups.slice(KEEP_BACKUPS);
  if (disk === null) return { remove, warning: null };
  const reserve = reserveFor(disk.totalBytes);
  let free = disk.freeBytes + remove.reduce((sum, b) => sum + b.size, 0);
  let short = false;
  while (free < reserve && keep.length > 1) {
    const oldest = keep.pop() as BackupEntry;
    remove.push(oldest);
    free += oldest.size;
    short = true;
  }
  const warning: BackupWarning | null = short || free < reserve ? { code: 'LOW_DISK', kept: keep.length, freeBytes: free } : null;
  return { remove, warning };
}

type LastRun = Partial<Record<BackupReason, string>>;

async function readLastRun(dir: string): Promise<LastRun> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dir, LAST_RUN_FILE), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: LastRun = {};
    for (const reason of BACKUP_REASONS) {
      const at = (parsed as Record<string, unknown>)[reason];
      if (typeof at === 'string') out[reason] = at;
    }
    return out;
  } catch {
    return {};
  }
}

const latest = (...times: ReadonlyArray<string | undefined | null>): string | null =>
  times.reduce<string | null>((a, t) => (t && (a === null || t > a) ? t : a), null);

export async function writeBackup(
  a: BridgeArgs<'backup:write'>,
): BridgeResult<{ entry: BackupEntry; pruned: string[]; warning: BackupWarning | null }> {
  const file = backupPath(a.fileName);
  if (file === null || !isBase64(a.content)) return fail('INVALID_ARGS');
  const data = Buffer.from(a.content, 'base64');
  if (data.length > MAX_BACKUP_BYTES) return fail('INVALID_ARGS');
  const dir = backupsDir();
  await mkdir(dir, { recursive: true });
  await writeAtomic(file, data);
  const meta: StoredMeta = { reason: a.reason, summary: a.summary };
  await writeAtomic(`${file}${META_SUFFIX}`, JSON.stringify(meta));
  const lastRun = await readLastRun(dir);
  // The time of the latest write, not the greatest time: after the clock was set back, a later time on record would
  // make every check find the daily backup due (and 30 hourly backups would prune the useful ones away).
  lastRun[a.reason] = a.summary.createdAt;
  await writeAtomic(path.join(dir, LAST_RUN_FILE), JSON.stringify(lastRun)).catch((e: unknown) =>
    console.warn('[backups] last-run not recorded', e),
  );

  const entry: BackupEntry = { fileName: a.fileName, size: data.length, createdAt: a.summary.createdAt, reason: a.reason, summary: a.summary };
  // The file just written is kept whatever its time says (a clock set back must not prune it at once).
  const others = (await listBackups()).filter((b) => b.fileName !== a.fileName);
  const { remove, warning } = planPrune([entry, ...others], await diskOf(dir));
  const pruned: string[] = [];
  for (const b of remove) {
    const target = backupPath(b.fileName);
    if (target === null) continue;
    try {
      await rm(target, { force: true });
      await rm(`${target}${META_SUFFIX}`, { force: true });
      pruned.push(b.fileName);
    } catch (e) {
      console.warn('[backups] could not remove an old backup', b.fileName, e);
    }
  }
  return ok({ entry, pruned, warning });
}

export async function listBackupsChannel(_a: BridgeArgs<'backup:list'>): BridgeResult<{ backups: BackupEntry[]; disk: BackupDisk }> {
  const backups = await listBackups();
  const dir = backupsDir();
  // Before the first backup the folder may not exist yet: its disk is the user-data folder's.
  const disk = (await diskOf(dir)) ?? (await diskOf(app.getPath('userData')));
  return ok({ backups, disk });
}

export async function readBackupFile(a: BridgeArgs<'backup:read'>): BridgeResult<{ name: string; content: string }> {
  const file = backupPath(a.fileName);
  if (file === null) return fail('INVALID_ARGS');
  const info = await stat(file);
  if (!info.isFile()) return fail('IO', 'ENOENT');
  if (info.size > MAX_BACKUP_BYTES) return fail('IO', 'EFBIG');
  return ok({ name: a.fileName, content: (await readFile(file)).toString('base64') });
}

/** The save dialog's filter: the backup's own extension, when it has one. */
function filtersFor(fileName: string): FileFilter[] {
  const ext = path.extname(fileName).slice(1);
  return /^[a-zA-Z0-9]{1,10}$/.test(ext) ? [{ name: '邻里工作台备份', extensions: [ext] }] : [];
}

export async function saveBackupAs(a: BridgeArgs<'backup:saveAs'>): BridgeResult<{ path: string | null }> {
  const file = backupPath(a.fileName);
  if (file === null) return fail('INVALID_ARGS');
  const info = await stat(file);
  if (!info.isFile()) return fail('IO', 'ENOENT');
  const target = await askSavePath(a.fileName, filtersFor(a.fileName));
  if (target === null) return ok({ path: null });
  if (path.resolve(target) === path.resolve(file)) return ok({ path: target });
  await copyFile(file, target);
  return ok({ path: target });
}

export async function backupLastRun(_a: BridgeArgs<'backup:lastRun'>): BridgeResult<{ daily: string | null; any: string | null }> {
  const dir = backupsDir();
  const recorded = await readLastRun(dir);
  const listed = await listBackups();
  const listedDaily = listed.find((b) => b.reason === 'daily')?.createdAt;
  return ok({
    daily: recorded.daily ?? listedDaily ?? null,
    any: latest(...Object.values(recorded), listed[0]?.createdAt),
  });
}
