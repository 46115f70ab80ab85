// Reading stored documents in their replicated shape ({...data, _deleted}).
import type { CollectionName } from '../../shared/schema';
import type { HistoryEntry, ReplicatedDoc } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';

export type StoredRow = { id: string; seq: number; deleted: boolean; data: Record<string, unknown> };

export function toReplicated(row: Pick<StoredRow, 'deleted' | 'data'>): ReplicatedDoc {
  return { ...row.data, _deleted: row.deleted } as ReplicatedDoc;
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

/** Documents whose current version has a seq in [fromSeq, toSeq] (for the live stream). */
export async function changedBetween(q: Queryable, tenantId: string, collection: CollectionName, fromSeq: number, toSeq: number): Promise<StoredRow[]> {
  const r = await q.query<StoredRow>(
    `SELECT id, seq, deleted, data FROM documents
      WHERE tenant_id = $1 AND collection = $2 AND seq >= $3 AND seq <= $4
      ORDER BY seq`,
    [tenantId, collection, fromSeq, toSeq],
  );
  return r.rows;
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

/** Every accepted version of one document, oldest first (at most `limit`). */
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
