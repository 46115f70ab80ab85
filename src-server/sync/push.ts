// The push half of RxDB's replication protocol, with server-assigned sequence numbers (issue #3).
import type { CollectionName } from '../../shared/schema';
import { jsonEqual } from '../../shared/sync/canonical-json';
import { RXDB_INTERNAL_FIELDS, type PushResponse, type Rejection, type ReplicatedDoc } from '../../shared/sync/protocol';
import { validateDocument } from '../../shared/sync/validate';
import type { Db } from '../db/db';
import { toReplicated, type StoredRow } from './documents';
import type { DocValidator } from './schema-validator';

export const CHANGES_CHANNEL = 'linli_changes';

/** What a notification on CHANGES_CHANNEL carries: which tenant's collection got which seq range. */
export type ChangeNotice = { t: string; c: CollectionName; from: number; to: number };

export type PushInput = {
  db: Db;
  validate: DocValidator;
  tenantId: string;
  collection: CollectionName;
  userId: string;
  deviceId: string | null;
  rows: readonly unknown[];
  now: Date;
};

export type PushOutcome = { response: PushResponse; notice: ChangeNotice | null };

type Doc = Record<string, unknown>;

function isObject(x: unknown): x is Doc {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The document as the server keeps it: without RxDB's _rev, _meta and _attachments; _deleted defaults to false. */
function clean(doc: Doc): Doc {
  const out: Doc = { ...doc };
  for (const k of RXDB_INTERNAL_FIELDS) delete out[k];
  if (out._deleted === undefined) out._deleted = false;
  return out;
}

function hasNul(x: unknown): boolean {
  if (typeof x === 'string') return x.includes('\u0000');
  if (Array.isArray(x)) return x.some(hasNul);
  if (isObject(x)) return Object.entries(x).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

type Candidate = { id: string; assumed: Doc | undefined; next: Doc };

/**
 * Validates every row, then applies the valid ones in one transaction:
 *  - the stored state already equals the new state → accepted, nothing written (a retried push whose answer was lost);
 *  - the stored state differs from assumedMasterState (or the client assumed nothing but the document exists) →
 *    conflict, the stored state is returned and the row is left as it is;
 *  - otherwise the new state is written with the next sequence number and appended to history.
 * A document that fails the schema or a domain rule is rejected on its own; the rest of the push still applies.
 */
export async function applyPush(input: PushInput): Promise<PushOutcome> {
  const rejected: Rejection[] = [];
  const candidates: Candidate[] = [];
  for (const raw of input.rows) {
    if (!isObject(raw) || !isObject(raw.newDocumentState) || (raw.assumedMasterState !== undefined && raw.assumedMasterState !== null && !isObject(raw.assumedMasterState))) {
      const id = isObject(raw) && isObject(raw.newDocumentState) && typeof raw.newDocumentState.id === 'string' ? raw.newDocumentState.id : '';
      rejected.push({ id, code: 'MALFORMED_ROW', message: 'a row must be {assumedMasterState?: object, newDocumentState: object}' });
      continue;
    }
    const next = clean(raw.newDocumentState);
    const id = typeof next.id === 'string' ? next.id : '';
    // PostgreSQL's jsonb cannot hold U+0000; refuse it here rather than fail the whole push's transaction.
    const problem = hasNul(next) ? { path: '', message: 'contains a NUL character (U+0000)' } : input.validate(next);
    if (problem) {
      rejected.push({ id, code: 'SCHEMA_INVALID', message: `${input.collection}/${id}: ${problem.path || '/'} ${problem.message}`, path: problem.path });
      continue;
    }
    const assumed = isObject(raw.assumedMasterState) ? clean(raw.assumedMasterState) : undefined;
    if (assumed && assumed.id !== id) {
      rejected.push({ id, code: 'PRIMARY_KEY_CHANGED', message: `${input.collection}/${id}: assumedMasterState names id ${String(assumed.id)}`, path: '/id' });
      continue;
    }
    candidates.push({ id, assumed, next });
  }

  const conflicts: ReplicatedDoc[] = [];
  if (candidates.length === 0) return { response: { conflicts, rejected }, notice: null };

  const notice = await input.db.transaction(async (tx) => {
    // Lock this tenant's sequence row first, for the whole push. Every writer of the tenant queues here, so
    //  (1) the compare-and-set below cannot interleave with another push of the same document (no lost update), and
    //  (2) sequence numbers commit in order: a transaction holding seq N+1 cannot commit before the one holding N
    //      has committed or rolled back. A puller that reads `seq > checkpoint` therefore never sees N+1 while N is
    //      still invisible, and never skips N by moving its checkpoint past it.
    const lock = await tx.query<{ seq: number }>('SELECT seq FROM tenant_seq WHERE tenant_id = $1 FOR UPDATE', [input.tenantId]);
    if (lock.rows.length === 0) throw new Error(`no tenant_seq row for tenant ${input.tenantId}`);

    const ids = [...new Set(candidates.map((c) => c.id))];
    const stored = await tx.query<Pick<StoredRow, 'id' | 'deleted' | 'data'>>(
      'SELECT id, deleted, data FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = ANY($3::text[])',
      [input.tenantId, input.collection, ids],
    );
    const current = new Map<string, Doc>(stored.rows.map((r) => [r.id, toReplicated(r) as Doc]));

    const writes: { id: string; doc: Doc }[] = [];
    for (const c of candidates) {
      const master = current.get(c.id);
      if (master !== undefined && jsonEqual(master, c.next)) continue; // idempotent retry: no new version
      if (master !== undefined && (c.assumed === undefined || !jsonEqual(master, c.assumed))) {
        conflicts.push(master as ReplicatedDoc);
        continue;
      }
      // A document the server does not have is inserted even if the client assumed a state (RxDB's own servers do
      // the same): there is nothing it could conflict with.
      const verdict = validateDocument({ collection: input.collection, doc: c.next, previous: master });
      if (!verdict.ok) {
        const { rule, message, path } = verdict.error;
        rejected.push({ id: c.id, code: 'DOMAIN_INVALID', rule, message: `${input.collection}/${c.id}: ${message}`, ...(path ? { path } : {}) });
        continue;
      }
      current.set(c.id, c.next);
      writes.push({ id: c.id, doc: c.next });
    }
    if (writes.length === 0) return null;

    const bumped = await tx.query<{ seq: number }>('UPDATE tenant_seq SET seq = seq + $2 WHERE tenant_id = $1 RETURNING seq', [
      input.tenantId,
      writes.length,
    ]);
    const last = bumped.rows[0]?.seq;
    if (last === undefined) throw new Error('tenant_seq vanished');
    const first = last - writes.length + 1;
    const versions = writes.map((w, i) => {
      const { _deleted, ...data } = w.doc;
      return { id: w.id, seq: first + i, deleted: _deleted === true, data };
    });
    await tx.query(
      `INSERT INTO history (tenant_id, seq, collection, id, deleted, data, user_id, device_id, at)
       SELECT $1, v.seq, $2, v.id, v.deleted, v.data, $3, $4, $5
         FROM jsonb_to_recordset($6::jsonb) AS v(id text, seq bigint, deleted boolean, data jsonb)`,
      [input.tenantId, input.collection, input.userId, input.deviceId, input.now, JSON.stringify(versions)],
    );
    // The same id twice in one push: both versions are history, the later one is the document.
    const latest = new Map(versions.map((v) => [v.id, v]));
    await tx.query(
      `INSERT INTO documents (tenant_id, collection, id, seq, deleted, data, updated_at)
       SELECT $1, $2, v.id, v.seq, v.deleted, v.data, $3
         FROM jsonb_to_recordset($4::jsonb) AS v(id text, seq bigint, deleted boolean, data jsonb)
       ON CONFLICT (tenant_id, collection, id) DO UPDATE
         SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
      [input.tenantId, input.collection, input.now, JSON.stringify([...latest.values()])],
    );
    const n: ChangeNotice = { t: input.tenantId, c: input.collection, from: first, to: last };
    // PostgreSQL delivers pg_notify at commit, to every listening process; PGlite's emitter is called after commit.
    if (input.db.kind === 'postgres') await input.db.notify(CHANGES_CHANNEL, JSON.stringify(n), tx);
    return n;
  });
  if (notice && input.db.kind === 'pglite') await input.db.notify(CHANGES_CHANNEL, JSON.stringify(notice));
  return { response: { conflicts, rejected }, notice };
}

