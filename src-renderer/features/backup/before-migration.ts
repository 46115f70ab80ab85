// The backup before a schema migration (issue #15). openDatabase opens the collections without migrating when given
// this hook; the hook reads every document as stored, at its old schema version, and the blob store's files, writes
// them as one backup file (reason 'before-migration') into the desktop's backups folder, and only then does RxDB
// migrate. readBackup carries such a file forward through the same migrations when it is restored.
import {
  backupFileName,
  base64FromBytes,
  concatBytes,
  encodeBackupParts,
  type BackupAttachment,
  type StoredBackupDoc,
} from '../../../shared/backup/format';
import type { CollectionName } from '../../../shared/schema';
import { err, ok, type Result } from '../../../shared/result';
import { getBridge } from '../../bridge/index';
import { bytesToBase64 } from '../../bridge/base64';
import { deviceId } from '../../db/device';
import type { BeforeMigration } from '../../db/migration-snapshot';
import { getOperatorName } from '../../db/operator';
import { currentCompound, summaryOf, type BackupActionError, type BackupHost } from './backup-actions';
import { deviceName } from './backup-text';
import { recordBackedUpVersion } from './scheduler';

type StoredFile = { hash: string; mime: string; data: ArrayBuffer };

/**
 * The files of the blob store beside database `name` (db/blobs.ts), read without creating anything: a blob database
 * that does not exist yet is not made here (its upgrade is aborted), so the store still sets itself up later.
 */
async function readBlobFiles(name: string): Promise<BackupAttachment[]> {
  const idb = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const req = indexedDB.open(`${name}-blobs`);
    let creating = false;
    req.onupgradeneeded = () => {
      creating = true;
      req.transaction?.abort();
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => (creating ? resolve(null) : reject(req.error ?? new Error('the blob database could not be opened')));
  });
  if (idb === null) return [];
  try {
    if (!idb.objectStoreNames.contains('blobs')) return [];
    const all = await new Promise<StoredFile[]>((resolve, reject) => {
      const req = idb.transaction('blobs', 'readonly').objectStore('blobs').getAll();
      req.onsuccess = () => resolve(req.result as StoredFile[]);
      req.onerror = () => reject(req.error ?? new Error('the blob store could not be read'));
    });
    return all.map((b) => ({ hash: b.hash, mime: b.mime, base64: base64FromBytes(new Uint8Array(b.data)) }));
  } finally {
    idb.close();
  }
}

/** Writes the backup of `migration`'s documents as they are now into the backups folder. */
export async function backupBeforeMigration(migration: BeforeMigration, host: BackupHost, now: Date = new Date()): Promise<Result<string, BackupActionError>> {
  const snapshot = await migration.snapshot();
  const attachments = await readBlobFiles(migration.databaseName);
  const compound = currentCompound();
  const { manifest, parts } = encodeBackupParts(
    {
      appVersion: host.info.version,
      createdAt: now.toISOString(),
      device: { id: deviceId(), name: deviceName(getOperatorName(), host.info) },
      compound,
      reason: 'before-migration',
      schemaVersions: snapshot.schemaVersions,
    },
    { documents: snapshot.documents as Record<CollectionName, StoredBackupDoc[]>, attachments },
  );
  const fileName = backupFileName(compound?.code ?? null, now);
  const r = await host.bridge['backup:write']({
    fileName,
    content: bytesToBase64(concatBytes(parts)),
    reason: 'before-migration',
    summary: summaryOf(manifest),
  });
  return r.ok ? ok(fileName) : err({ kind: 'bridge', error: r.error });
}

/**
 * openDatabase's beforeMigration in the app (main.tsx): on the desktop, the backup before the migration runs. On the
 * web host there is no folder to write to, and nothing is done. Never throws.
 */
export async function beforeMigrationHook(migration: BeforeMigration): Promise<void> {
  try {
    const bridge = getBridge();
    const info = await bridge['app:info']({});
    if (!info.ok || info.value.host !== 'desktop') return;
    const r = await backupBeforeMigration(migration, { bridge, info: info.value });
    if (!r.ok) console.error('backup before migration not written', r.error);
    // This start's data is in that file: the after-update backup would only repeat it.
    else recordBackedUpVersion(info.value.version);
  } catch (e) {
    console.error('backup before migration failed', e);
  }
}
