// Backups of this PC's data and their restore (issue #15): the renderer's data layer under 设置 → 备份与恢复 and the
// desktop's scheduled backups. The file format and the restore rule are pure (shared/backup); this reads and writes
// the app's database.
//
// A backup is read from the RxDB storage itself (every document, tombstones included, with its sync state), so a
// restore gives back exactly what the PC held, unpushed marks included. A restore writes through the sync engine's
// own write path (sync/local-store.ts): below the hooks that mark user writes, each write a compare-and-set on the
// stored revision, so a user's (or the engine's) write that lands in between is never overwritten — it is read again
// and the rule decides again. The sync index sees the writes through the database's change events.
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/schema';
import { err, ok, type Result } from '../../../shared/result';
import {
  COLLECTION_LABELS,
  backupFileName,
  backupError,
  base64FromBytes,
  bytesFromBase64,
  concatBytes,
  decodeBackup,
  encodeBackupParts,
  type BackupAttachment,
  type BackupError,
  type BackupManifest,
  type CollectionCounts,
  type DecodedBackup,
  type StoredBackupDoc,
} from '../../../shared/backup/format';
import { addRestoreCounts, countDecision, emptyRestoreCounts, planRestore, type RestoreCounts } from '../../../shared/backup/restore-plan';
import type { LinliDatabase } from '../../db/database';
import { blobStoreFor, type StoredBlob } from '../../db/blobs';
import { requestDone } from '../../db/idb-request';
import { contentOf, localStore, type StoredDoc, type WriteRow } from '../../sync/local-store';
import { checkpointKey } from '../../sync/replication';

export { backupFileName };
export type { BackupError, BackupManifest, BackupReason } from '../../../shared/backup/format';
export type { RestoreCounts } from '../../../shared/backup/restore-plan';

export type BackupInfo = {
  appVersion: string;
  device: { id: string; name: string };
  compound: { code: string; name: string } | null;
  reason: BackupManifest['reason'];
  /** The time the backup is made (default: now); names the file too. */
  now?: Date;
};

export type CreatedBackup = { bytes: Uint8Array; manifest: BackupManifest; fileName: string };

/** A backup file that passed every check (readBackup), ready to preview and apply. */
export type ParsedBackup = DecodedBackup;

/** The write context of a restore: validated by the storage (not one of the server-validated contexts). */
export const RESTORE_CONTEXT = 'linli-backup-restore';
/** A write that keeps meeting other writes gives up after this many attempts (as the sync engine does). */
const WRITE_ATTEMPTS = 8;

/** The sync state as the backup keeps it (the same shape the store writes: dirty only when set). */
function backupDocOf(doc: StoredDoc): StoredBackupDoc {
  const out = contentOf(doc) as unknown as StoredBackupDoc;
  if (doc.sync) out.sync = doc.sync.dirty === true ? { seq: doc.sync.seq, dirty: true } : { seq: doc.sync.seq };
  return out;
}

/** Every file of the blob store beside `db` (db/blobs.ts keeps them in their own IndexedDB database). */
async function readAttachments(db: LinliDatabase): Promise<BackupAttachment[]> {
  // Opens the blob database the store's own way first, so that it exists with its object store before it is read.
  await blobStoreFor(db).has('');
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(`${db.name}-blobs`);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('the blob database could not be opened'));
  });
  try {
    if (!idb.objectStoreNames.contains('blobs')) return [];
    const all = (await requestDone(idb.transaction('blobs', 'readonly').objectStore('blobs').getAll())) as StoredBlob[];
    return all.map((b) => ({ hash: b.hash, mime: b.mime, base64: base64FromBytes(new Uint8Array(b.data)) }));
  } finally {
    idb.close();
  }
}

/**
 * A backup of everything this PC holds: every document of every collection (tombstones and unpushed marks included)
 * and every attachment. The bytes are the whole file; `fileName` is the name to save it under.
 */
export async function createBackupBytes(db: LinliDatabase, info: BackupInfo): Promise<CreatedBackup> {
  const store = localStore(db);
  const documents = {} as Record<CollectionName, StoredBackupDoc[]>;
  for (const name of COLLECTION_NAMES) {
    // A document written while the scan runs comes again in a later page (its write stamp is later): the last wins.
    const byId = new Map<string, StoredBackupDoc>();
    await store.scan(name, (page) => {
      for (const d of page) byId.set(d.id, backupDocOf(d));
    });
    documents[name] = [...byId.values()];
  }
  const attachments = await readAttachments(db);
  const at = info.now ?? new Date();
  const { manifest, parts } = encodeBackupParts(
    { appVersion: info.appVersion, createdAt: at.toISOString(), device: info.device, compound: info.compound, reason: info.reason },
    { documents, attachments },
  );
  return { bytes: concatBytes(parts), manifest, fileName: backupFileName(info.compound?.code ?? null, at) };
}

/** Checks a file (see decodeBackup): refused with a Chinese message, or ready to preview and apply. */
export function readBackup(bytes: Uint8Array): Result<ParsedBackup, BackupError> {
  return decodeBackup(bytes);
}

export type BackupPreview = {
  createdAt: string;
  reason: BackupManifest['reason'];
  appVersion: string;
  device: { id: string; name: string };
  compound: { code: string; name: string } | null;
  /** Per collection, in the app's order, with its Chinese name: documents and deleted records the file holds. */
  collections: { name: CollectionName; label: string; live: number; deleted: number }[];
  total: CollectionCounts;
  attachments: { count: number; bytes: number };
  /** The file was written by an older app: its documents were carried forward through the schema migrations. */
  migrated: boolean;
};

/** What the UI shows before a restore. */
export function previewOf(parsed: ParsedBackup): BackupPreview {
  const { manifest, content } = parsed;
  const collections = COLLECTION_NAMES.map((name) => {
    const docs = content.documents[name];
    const deleted = docs.filter((d) => d._deleted === true).length;
    return { name, label: COLLECTION_LABELS[name], live: docs.length - deleted, deleted };
  });
  return {
    createdAt: manifest.createdAt,
    reason: manifest.reason,
    appVersion: manifest.appVersion,
    device: manifest.device,
    compound: manifest.compound,
    collections,
    total: collections.reduce((t, c) => ({ live: t.live + c.live, deleted: t.deleted + c.deleted }), { live: 0, deleted: 0 }),
    attachments: { count: content.attachments.length, bytes: manifest.attachments.bytes },
    migrated: Object.keys(parsed.migratedFrom).length > 0,
  };
}

export type ApplyDeps = {
  /** Where the sync checkpoints live (localStorage in the app). */
  storage: Storage;
  /** The code of the compound this PC is logged in to, or null. */
  currentCompound: string | null;
};

export type RestoreReport = {
  collections: Record<CollectionName, RestoreCounts>;
  total: RestoreCounts;
  /** Files added to the blob store, and files it already had. */
  attachments: { added: number; present: number };
  /** Pull checkpoints removed (so the next sync pulls everything again). */
  checkpointsReset: number;
};

/** Every stored pull checkpoint of this PC (any server, any compound) goes back to 0. */
function resetCheckpoints(storage: Storage): number {
  const sample = checkpointKey({ serverUrl: '', compound: { code: '', name: '' } }, 'roster');
  const prefix = sample.slice(0, sample.indexOf('|') + 1);
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k !== null && k.startsWith(prefix)) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
  return keys.length;
}

const foreignCompound = (backup: { code: string; name: string }, current: string): BackupError => ({
  code: 'FOREIGN_COMPOUND',
  message: `这份备份属于「${backup.name}」（${backup.code}），本机登录的是小区 ${current}，不能恢复到本小区。请选择本小区的备份。`,
  detail: `backup of ${backup.code}, logged in to ${current}`,
});

/**
 * Restores a checked backup onto this PC by the rule of shared/backup/restore-plan.ts: the backup's version is
 * written where this PC lacks the document or holds an older one, this PC's stays where it holds an unpushed change
 * or a version as new or newer (a tombstone too). The attachments are added to the blob store first; then each collection is
 * written in one step (a write that meets another write is read again and decided again), and every pull checkpoint is
 * reset, so that the next sync pulls everything again and the server's newer versions and tombstones win.
 *
 * A running sync engine keeps its checkpoints in memory until it stops: call 立即同步 (syncNow) after a restore, whose
 * digest check fetches whatever the server holds newer; the next start pulls from 0.
 */
export async function applyBackup(db: LinliDatabase, parsed: ParsedBackup, deps: ApplyDeps): Promise<Result<RestoreReport, BackupError>> {
  const { manifest, content } = parsed;
  // Codes are kept upper-case by the server; compare them as it does.
  const sameCode = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();
  if (deps.currentCompound !== null && manifest.compound !== null && !sameCode(manifest.compound.code, deps.currentCompound)) {
    return err(foreignCompound(manifest.compound, deps.currentCompound));
  }
  // Decoded before anything is written: a bad file changes nothing.
  const files: Uint8Array[] = [];
  for (const a of content.attachments) {
    const bytes = bytesFromBase64(a.base64);
    if (!bytes) return err(backupError('CHECKSUM', `attachment ${a.hash} is not base64`));
    files.push(bytes);
  }

  // Files first: a restored voucher then finds its supporting documents, and a full disk stops the restore before
  // any document changed (files are by content: one more changes nothing the PC shows).
  const blobs = blobStoreFor(db);
  let added = 0;
  let present = 0;
  const store = localStore(db);
  const collections = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, emptyRestoreCounts()])) as Record<CollectionName, RestoreCounts>;
  try {
    for (const [i, a] of content.attachments.entries()) {
      if (await blobs.has(a.hash)) {
        present += 1;
        continue;
      }
      // Stored as not uploaded: the uploader makes sure the server has it (a file the server has is answered 200).
      const r = await blobs.putBlob(files[i]!);
      if (!r.ok) return err(backupError('WRITE_FAILED', `attachment ${a.hash}: ${r.error.code}`));
      added += 1;
    }

    for (const name of COLLECTION_NAMES) {
      let todo: readonly StoredBackupDoc[] = content.documents[name];
      for (let attempt = 0; todo.length > 0; attempt++) {
        if (attempt === WRITE_ATTEMPTS) throw new Error(`${todo.length} ${name} documents kept meeting other writes`);
        const plan = planRestore(todo, await store.read(name, todo.map((d) => d.id)));
        const rows: WriteRow[] = plan.write.map(({ backup, local }) => {
          const seq = backup.sync?.seq ?? 0;
          // The backup's own base seq and unpushed mark (R6).
          return { previous: local, content: contentOf(backup), sync: backup.sync?.dirty === true ? { seq, dirty: true } : { seq } };
        });
        // One step per collection: one compare-and-set write of every document the plan writes.
        const { conflicted, written } = await store.write(name, rows, RESTORE_CONTEXT);
        // RxDB announces no event for a document stored deleted that was not there before, so the sync index would not
        // know a restored tombstone (an unpushed deletion would wait for the next start to be pushed). Writing it once
        // more, deleted over deleted, is announced; it never shows the record alive in between.
        const inserted = new Set(plan.write.filter((w) => w.local === undefined).map((w) => w.backup.id));
        const tombstones = written.filter((d) => d._deleted && inserted.has(d.id));
        if (tombstones.length > 0) {
          await store.write(name, tombstones.map((d) => ({ previous: d, content: contentOf(d), sync: d.sync ?? { seq: 0 } })), RESTORE_CONTEXT);
        }
        for (const k of plan.keep) countDecision(collections[name], k.backup, { action: 'keep', rule: k.rule });
        for (const w of plan.write) if (!conflicted.has(w.backup.id)) countDecision(collections[name], w.backup, { action: 'write', rule: w.rule });
        // Someone wrote in between: read again and decide again.
        todo = todo.filter((d) => conflicted.has(d.id));
      }
    }
  } catch (e) {
    console.error('restoring a backup failed', e);
    return err(backupError('WRITE_FAILED', e instanceof Error ? e.message : String(e)));
  }

  const checkpointsReset = resetCheckpoints(deps.storage);
  const total = COLLECTION_NAMES.reduce((t, n) => addRestoreCounts(t, collections[n]), emptyRestoreCounts());
  return ok({ collections, total, attachments: { added, present }, checkpointsReset });
}
