// Reading stored documents in their replicated shape ({...data, _deleted, sync: {seq}}), and the anti-entropy
// reads (digest, versions, fetch) of protocol 2.
import type { CollectionName } from '../../shared/schema';
import { digestOf } from '../../shared/sync/digest';
import type { DigestResponse, HistoryEntry, ReplicatedDoc, VersionsResponse } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';

export type StoredRow = { id: string; seq: number; deleted: boolean; data: Record<string, unknown> };

/** A stored version as it travels: its fields, `_deleted`, and `sync.seq` = the seq of this version. */
export function toReplicated(row: Pick<StoredRow, 'seq' | 'deleted' | 'data'>): ReplicatedDoc {
  // `sync` is never stored; should an old row carry one, the version's own seq wins.
  return { ...row.data, _deleted: row.deleted, sync: { seq: row.seq } } as ReplicatedDoc;
}

/** Documents of one collection changed after `afterSeq`, oldest first. */
export async function changedSince(
  q: Queryable,
  tenantId: string,
  collection: CollectionName,
  afterSeq: number,
  limit: number,
): Promise<StoredRow[]> {
  const r = await q.query<StoredRow>(
    `SELECT id, seq, deleted, data FROM documents
      WHERE tenant_id = $1 AND collection = $2 AND seq > $3
      ORDER BY seq LIMIT $4`,
    [tenantId, collection, afterSeq, limit],
  );
  return r.rows;
}

/** UTF-16 code-unit order, the order shared/sync/digest.ts sorts by (SQL's ORDER BY depends on the collation). */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** digestOf() over the collection's live (not deleted) documents. */
export async function digestOfCollection(q: Queryable, tenantId: string, collection: CollectionName): Promise<DigestResponse> {
  const r = await q.query<{ id: string; seq: number }>('SELECT id, seq FROM documents WHERE tenant_id = $1 AND collection = $2 AND NOT deleted', [
    tenantId,
    collection,
  ]);
  return digestOf(r.rows);
}

/** Every document's current seq, tombstones included, ordered by id (UTF-16 code units, like the digest). */
export async function versionsOf(q: Queryable, tenantId: string, collection: CollectionName): Promise<VersionsResponse> {
  const r = await q.query<{ id: string; seq: number; deleted: boolean }>('SELECT id, seq, deleted FROM documents WHERE tenant_id = $1 AND collection = $2', [
    tenantId,
    collection,
  ]);
  const versions = r.rows.map((row): [string, number, boolean] => [row.id, row.seq, row.deleted]);
  versions.sort((a, b) => byCodeUnits(a[0], b[0]));
  return { versions };
}

/** The current version of each id that exists (tombstones included), in the order asked, each id once. */
export async function fetchCurrent(q: Queryable, tenantId: string, collection: CollectionName, ids: readonly string[]): Promise<ReplicatedDoc[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const r = await q.query<StoredRow>('SELECT id, seq, deleted, data FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = ANY($3::text[])', [
    tenantId,
    collection,
    unique,
  ]);
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  return unique.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toReplicated(row)] : [];
  });
}

type HistoryRow = {
  seq: number;
  at: Date;
  user_id: string;
  device_id: string | null;
  deleted: boolean;
  data: Record<string, unknown>;
  display_name: string | null;
  username: string | null;
};

/** Every accepted version of one document, oldest first (at most `limit`), each with its own sync.seq. */
export async function historyOf(q: Queryable, tenantId: string, collection: CollectionName, id: string, limit: number): Promise<HistoryEntry[]> {
  const r = await q.query<HistoryRow>(
    `SELECT h.seq, h.at, h.user_id, h.device_id, h.deleted, h.data, u.display_name, u.username
       FROM history h LEFT JOIN users u ON u.tenant_id = h.tenant_id AND u.id = h.user_id
      WHERE h.tenant_id = $1 AND h.collection = $2 AND h.id = $3
      ORDER BY h.seq LIMIT $4`,
    [tenantId, collection, id, limit],
  );
  return r.rows.map((row) => ({
    seq: row.seq,
    at: row.at.toISOString(),
    userId: row.user_id,
    userName: row.display_name ?? '',
    username: row.username ?? '',
    deviceId: row.device_id,
    document: toReplicated(row),
  }));
}
