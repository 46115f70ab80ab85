// A compound's data as a backup file (issue #15): what `npm run server -- export` writes and the desktop app's
// 设置 → 备份与恢复 restores (shared/backup/format.ts). Every current version of every collection, tombstones included,
// each with the seq it has on this server (so a restore on a PC that syncs is judged by the same rules as any other
// version: shared/backup/restore-plan.ts), and the compound's supporting documents (blobs).
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { base64FromBytes, encodeBackupParts, type BackupContent, type BackupManifest, type StoredBackupDoc } from '../../shared/backup/format';
import type { Queryable } from '../db/db';

export type ExportedCompound = { id: string; code: string; name: string };

/** The installation's name in the manifest's `device`: the server, not a PC. */
export const SERVER_DEVICE = { id: 'server', name: '区同步服务器' } as const;

/** The backup of one compound, in parts to be written one after another (see encodeBackupParts). */
export async function exportCompound(
  q: Queryable,
  compound: ExportedCompound,
  opts: { appVersion: string; now: Date },
): Promise<{ manifest: BackupManifest; parts: Uint8Array[] }> {
  const documents = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, [] as StoredBackupDoc[]])) as Record<CollectionName, StoredBackupDoc[]>;
  const rows = await q.query<{ collection: string; id: string; seq: number; deleted: boolean; data: Record<string, unknown> }>(
    'SELECT collection, id, seq, deleted, data FROM documents WHERE tenant_id = $1 ORDER BY collection, id',
    [compound.id],
  );
  for (const r of rows.rows) {
    const list = documents[r.collection as CollectionName];
    // A collection this server knows and this build does not (a newer server) cannot be restored by it either.
    if (!list) continue;
    const { sync: _sync, _deleted: _d, ...fields } = r.data;
    list.push({ ...fields, id: r.id, _deleted: r.deleted, sync: { seq: r.seq } });
  }
  const blobs = await q.query<{ hash: string; mime: string; bytes: Uint8Array }>('SELECT hash, mime, bytes FROM blobs WHERE tenant_id = $1 ORDER BY hash', [
    compound.id,
  ]);
  const content: BackupContent = {
    documents,
    attachments: blobs.rows.map((b) => ({ hash: b.hash, mime: b.mime, base64: base64FromBytes(new Uint8Array(b.bytes)) })),
  };
  return encodeBackupParts(
    { appVersion: opts.appVersion, createdAt: opts.now.toISOString(), device: { ...SERVER_DEVICE }, compound: { code: compound.code, name: compound.name }, reason: 'export' },
    content,
  );
}
