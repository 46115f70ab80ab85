// Making, storing and restoring backups through the host: the backups folder on the desktop (backup:* channels), a
// download and an upload on the web host (file:save, file:open). The file format and the restore rules are
// backup-io's; this module only moves bytes and turns every failure into a value the card can say in Chinese.
import type { AppInfo, BackupEntry, BackupReason, BackupSummary, BackupWarning, Bridge, BridgeError, FileFilter } from '../../../shared/bridge';
import { BACKUP_FILE_EXTENSION, type BackupError, type BackupManifest } from '../../../shared/backup/format';
import { err, ok, type Result } from '../../../shared/result';
import { base64ToBytes, bytesToBase64 } from '../../bridge/base64';
import type { LinliDatabase } from '../../db/database';
import { deviceId } from '../../db/device';
import { recordHeldData } from '../../db/held-data';
import { getOperatorName } from '../../db/operator';
import { loadSession } from '../../sync/session-store';
import {
  applyBackup,
  createBackupBytes,
  previewOf,
  readBackup,
  type BackupPreview,
  type CreatedBackup,
  type ParsedBackup,
  type RestoreReport,
} from './backup-io';
import { bridgeBackupErrorText, deviceName } from './backup-text';

/** The host as the backup code needs it: its bridge and what app:info said. */
export type BackupHost = { bridge: Bridge; info: AppInfo };

export type { BackupPreview, ParsedBackup, RestoreReport };

export type BackupActionError =
  | { kind: 'bridge'; error: BridgeError }
  | { kind: 'backup'; error: BackupError }
  /** Making, reading or applying the backup threw (a database error). */
  | { kind: 'failed'; detail: string };

export function actionErrorText(e: BackupActionError): string {
  switch (e.kind) {
    case 'bridge':
      return bridgeBackupErrorText(e.error);
    case 'backup':
      return e.error.message;
    case 'failed':
      return `操作没有完成，请重试；如果问题仍然存在，请联系技术支持（${e.detail}）。`;
    default: {
      const never: never = e;
      return never;
    }
  }
}

const detailOf = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export const BACKUP_FILE_FILTERS: FileFilter[] = [{ name: '邻里工作台备份', extensions: [BACKUP_FILE_EXTENSION] }];

/** The compound this PC is logged in to (sync), or null when it has never logged in. */
export function currentCompound(): { code: string; name: string } | null {
  const session = loadSession();
  return session ? { code: session.compound.code, name: session.compound.name } : null;
}

/** What the folder list shows without opening the file. */
export function summaryOf(manifest: BackupManifest): BackupSummary {
  const counts: Record<string, number> = {};
  for (const [name, c] of Object.entries(manifest.counts) as Array<[string, { live: number }]>) counts[name] = c.live;
  return {
    createdAt: manifest.createdAt,
    appVersion: manifest.appVersion,
    device: { id: manifest.device.id, name: manifest.device.name },
    compound: manifest.compound === null ? null : { code: manifest.compound.code, name: manifest.compound.name },
    counts,
    attachments: { count: manifest.attachments.count, bytes: manifest.attachments.bytes },
  };
}

export type MadeBackup = {
  fileName: string;
  manifest: BackupManifest;
  /** Desktop: the file in the backups folder. Web: null (the browser downloaded it). */
  entry: BackupEntry | null;
  warning: BackupWarning | null;
};

const listeners = new Set<() => void>();
/** Tells whoever shows the list (the card) that the backups folder changed (e.g. the daily backup ran). */
export function onBackupsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const notifyChanged = (): void => listeners.forEach((l) => l());

/**
 * Makes a backup of every collection and keeps it: into the backups folder on the desktop, as a download on the web
 * host. Nothing in the database changes either way.
 */
export async function makeBackup(db: LinliDatabase, host: BackupHost, reason: BackupReason): Promise<Result<MadeBackup, BackupActionError>> {
  let made: CreatedBackup;
  try {
    made = await createBackupBytes(db, {
      appVersion: host.info.version,
      device: { id: deviceId(), name: deviceName(getOperatorName(), host.info) },
      compound: currentCompound(),
      reason,
    });
  } catch (e) {
    console.error('backup not made', e);
    return err({ kind: 'failed', detail: detailOf(e) });
  }
  const content = bytesToBase64(made.bytes);
  if (host.info.host === 'web') {
    // A download fires no folder change (the desktop's marker follows onBackupsChanged): remember here, before the
    // download starts, that this browser holds data worth a backup, so that a wiped profile later offers the restore
    // (storage loss, issue #15).
    await recordHeldData(db, { via: 'backup', compoundCode: made.manifest.compound?.code ?? null, at: made.manifest.createdAt }, host.bridge);
    const r = await host.bridge['file:save']({ defaultName: made.fileName, content, encoding: 'base64', filters: BACKUP_FILE_FILTERS });
    if (!r.ok) return err({ kind: 'bridge', error: r.error });
    return ok({ fileName: made.fileName, manifest: made.manifest, entry: null, warning: null });
  }
  const r = await host.bridge['backup:write']({ fileName: made.fileName, content, reason, summary: summaryOf(made.manifest) });
  if (!r.ok) return err({ kind: 'bridge', error: r.error });
  notifyChanged();
  return ok({ fileName: made.fileName, manifest: made.manifest, entry: r.value.entry, warning: r.value.warning });
}

export type LoadedBackup = { name: string; parsed: ParsedBackup; preview: BackupPreview };

async function parse(name: string, bytes: Uint8Array): Promise<Result<LoadedBackup, BackupActionError>> {
  let r: ReturnType<typeof readBackup>;
  try {
    r = readBackup(bytes);
  } catch (e) {
    console.error('backup not read', e);
    return err({ kind: 'failed', detail: detailOf(e) });
  }
  if (!r.ok) return err({ kind: 'backup', error: r.error });
  return ok({ name, parsed: r.value, preview: previewOf(r.value) });
}

/** Reads and validates one backup of the desktop's folder. Nothing changes. */
export async function loadFromFolder(host: BackupHost, fileName: string): Promise<Result<LoadedBackup, BackupActionError>> {
  const r = await host.bridge['backup:read']({ fileName });
  if (!r.ok) return err({ kind: 'bridge', error: r.error });
  return parse(r.value.name, base64ToBytes(r.value.content));
}

/** Lets the user pick a backup file (a USB stick, a download) and validates it; null = cancelled. Nothing changes. */
export async function loadFromPickedFile(host: BackupHost): Promise<Result<LoadedBackup | null, BackupActionError>> {
  const r = await host.bridge['file:open']({ filters: BACKUP_FILE_FILTERS, encoding: 'base64' });
  if (!r.ok) return err({ kind: 'bridge', error: r.error });
  if (r.value === null) return ok(null);
  return parse(r.value.name, base64ToBytes(r.value.content));
}

/** Applies a validated backup in one step (backup-io's rules decide what is written and what is kept). */
export async function restoreBackup(db: LinliDatabase, loaded: LoadedBackup): Promise<Result<RestoreReport, BackupActionError>> {
  try {
    const r = await applyBackup(db, loaded.parsed, { storage: localStorage, currentCompound: currentCompound()?.code ?? null });
    return r.ok ? ok(r.value) : err({ kind: 'backup', error: r.error });
  } catch (e) {
    console.error('restore failed', e);
    return err({ kind: 'failed', detail: detailOf(e) });
  }
}
