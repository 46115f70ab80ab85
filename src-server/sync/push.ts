// The push half of protocol 2 (issue #7): compare-and-set on the server sequence a change was based on.
import type { CollectionName } from '../../shared/schema';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { RXDB_INTERNAL_FIELDS, type PushAccepted, type PushConflict, type PushResponse, type Rejection, type ReplicatedDoc } from '../../shared/sync/protocol';
import { validateDocument, type DomainActor } from '../../shared/sync/validate';
import { isRole } from '../../shared/sync/permissions';
import type { Db, Queryable } from '../db/db';
import { jsonProblem, storableText } from '../http/json-safety';
import { toReplicated, type StoredRow } from './documents';
import { transactionLookup } from './lookup';
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
  quotas: PushQuotas;
  /** Who pushes, for the domain rules; read from the users table inside the push when not given. */
  actor?: DomainActor;
};

/** Per-compound limits a push must keep (issue #9); 0 = no limit. */
export type PushQuotas = {
  /** Bytes of every version a compound keeps (tenant_seq.stored_bytes). */
  storageBytes: number;
  /** Conflict copies (`conflicts`) one document may carry, and their total JSON size. */
  conflictsPerDocument: number;
  conflictBytesPerDocument: number;
};

/** Domain-rule codes of the quota rejections (DOMAIN_INVALID with this `rule`). */
export const QUOTA_RULES = { storage: 'QUOTA_EXCEEDED', conflicts: 'CONFLICTS_TOO_LARGE' } as const;

export type PushOutcome = { response: PushResponse; notice: ChangeNotice | null };

type Doc = Record<string, unknown>;

function isObject(x: unknown): x is Doc {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Fields a pushed document may carry that the server never stores: RxDB's internals and the client's sync state. */
const NOT_STORED = [...RXDB_INTERNAL_FIELDS, 'sync'] as const;

/** The document as the server keeps it (plus _deleted): without NOT_STORED; _deleted defaults to false. */
function clean(doc: Doc): Doc {
  const out: Doc = { ...doc };
  for (const k of NOT_STORED) delete out[k];
  if (out._deleted === undefined) out._deleted = false;
  return out;
}

/** Number and JSON size of a document's conflict copies. */
function conflictLoad(doc: Doc | undefined): { count: number; bytes: number } {
  const list = doc?.conflicts;
  if (!Array.isArray(list)) return { count: 0, bytes: 0 };
  return { count: list.length, bytes: Buffer.byteLength(JSON.stringify(list)) };
}

/**
 * Why a version's conflict copies break the per-document quota, or null. A version that does not add to them (fewer
 * or smaller than the stored version's) always passes, so that resolving conflicts is never refused.
 */
function conflictQuotaProblem(next: Doc, previous: Doc | undefined, q: PushQuotas): string | null {
  const now = conflictLoad(next);
  const before = conflictLoad(previous);
  if (now.count <= before.count && now.bytes <= before.bytes) return null;
  if (q.conflictsPerDocument > 0 && now.count > q.conflictsPerDocument) return `more than ${q.conflictsPerDocument} conflict copies`;
  if (q.conflictBytesPerDocument > 0 && now.bytes > q.conflictBytesPerDocument) return `conflict copies larger than ${q.conflictBytesPerDocument} bytes in all`;
  return null;
}

const isBaseSeq = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

type Candidate = { id: string; baseSeq: number; next: Doc; content: string; bytes: number };

/** A document's current version inside the push: its seq, its state (with _deleted, without sync), canonical text. */
type Current = { seq: number; doc: Doc; content: string };

/** The state (with _deleted, without sync) of a stored row. */
function stateOf(row: Pick<StoredRow, 'deleted' | 'data'>): Doc {
  const { sync: _notStored, ...data } = row.data;
  return { ...data, _deleted: row.deleted };
}

function withoutDeleted(doc: Doc): Doc {
  const { _deleted: _flag, ...data } = doc;
  return data;
}

/** A state (with _deleted) at a seq, in its replicated shape. */
const versionOf = (seq: number, doc: Doc): ReplicatedDoc => toReplicated({ seq, deleted: doc._deleted === true, data: withoutDeleted(doc) });

/** The versions at the given seqs from history, for conflicts' bases, keyed by seq; only those of this collection. */
async function historyVersions(q: Queryable, tenantId: string, collection: CollectionName, seqs: readonly number[]): Promise<Map<number, StoredRow>> {
  if (seqs.length === 0) return new Map();
  const r = await q.query<StoredRow & { collection: string }>(
    'SELECT seq, collection, id, deleted, data FROM history WHERE tenant_id = $1 AND seq = ANY($2::bigint[])',
    [tenantId, seqs.map(String)],
  );
  return new Map(r.rows.filter((row) => row.collection === collection).map((row) => [row.seq, row]));
}

/** The pushing user's current role and display name; an unknown user or role acts as 'viewer' (allowed nothing). */
async function pushingUser(q: Queryable, tenantId: string, userId: string): Promise<DomainActor> {
  const r = await q.query<{ role: string; display_name: string }>('SELECT role, display_name FROM users WHERE tenant_id = $1 AND id = $2', [tenantId, userId]);
  const row = r.rows[0];
  return { role: row && isRole(row.role) ? row.role : 'viewer', name: row?.display_name ?? '', userId };
}

/**
 * Validates every row, then applies the valid ones in one transaction, each against the document's current version
 * (seq S, content M):
 *  - M equals the pushed content (ignoring sync) → accepted at S, nothing written (a retried push whose answer was
 *    lost);
 *  - S is not the row's baseSeq → conflict: M at S, with the version at baseSeq from history as its base;
 *  - otherwise (also when the server has no such document, whatever baseSeq says) → the domain rules, then a new
 *    version with the next sequence number, appended to history, accepted at that seq.
 * A row that is malformed or fails the schema or a domain rule is rejected on its own; the rest still applies.
 */
export async function applyPush(input: PushInput): Promise<PushOutcome> {
  const rejected: Rejection[] = [];
  const candidates: Candidate[] = [];
  for (const raw of input.rows) {
    if (!isObject(raw) || !isObject(raw.document) || !isBaseSeq(raw.baseSeq)) {
      const id = isObject(raw) && isObject(raw.document) && typeof raw.document.id === 'string' ? raw.document.id : '';
      rejected.push({ id, code: 'MALFORMED_ROW', message: 'a row must be {baseSeq: integer >= 0, document: object}' });
      continue;
    }
    // What jsonb or a recursive walk cannot take (NUL, a lone surrogate, Infinity, deep nesting) is refused first, so
    // that it fails this row alone and never the push's transaction (issue #9).
    const unsafe = jsonProblem(raw.document);
    const next = clean(raw.document);
    const rawId = typeof next.id === 'string' ? next.id : '';
    const id = unsafe ? storableText(rawId) : rawId;
    const problem = unsafe ?? input.validate(next);
    if (problem) {
      rejected.push({ id, code: 'SCHEMA_INVALID', message: `${input.collection}/${id}: ${problem.path || '/'} ${problem.message}`, path: problem.path });
      continue;
    }
    const content = canonicalJson(next);
    candidates.push({ id, baseSeq: raw.baseSeq, next, content, bytes: Buffer.byteLength(content) });
  }

  const accepted: PushAccepted[] = [];
  const conflicts: PushConflict[] = [];
  if (candidates.length === 0) return { response: { accepted, conflicts, rejected }, notice: null };

  const notice = await input.db.transaction(async (tx) => {
    // Lock this tenant's sequence row first, for the whole push. Every writer of the tenant queues here, so
    //  (1) the compare-and-set below cannot interleave with another push of the same document (no lost update), and
    //  (2) sequence numbers commit in order: a transaction holding seq N+1 cannot commit before the one holding N
    //      has committed or rolled back. A puller that reads `seq > checkpoint` therefore never sees N+1 while N is
    //      still invisible, and never skips N by moving its checkpoint past it.
    const lock = await tx.query<{ seq: number; stored_bytes: number }>('SELECT seq, stored_bytes FROM tenant_seq WHERE tenant_id = $1 FOR UPDATE', [
      input.tenantId,
    ]);
    const lockedSeq = lock.rows[0]?.seq;
    if (lockedSeq === undefined) throw new Error(`no tenant_seq row for tenant ${input.tenantId}`);
    let storedBytes = Number(lock.rows[0]?.stored_bytes ?? 0);
    const quotas = input.quotas;

    // The rules judge the pushing user as the server knows them now (role and name), never as the document says.
    const actor = input.actor ?? (await pushingUser(tx, input.tenantId, input.userId));

    const ids = [...new Set(candidates.map((c) => c.id))];
    const stored = await tx.query<StoredRow>('SELECT id, seq, deleted, data FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = ANY($3::text[])', [
      input.tenantId,
      input.collection,
      ids,
    ]);
    const current = new Map<string, Current>(
      stored.rows.map((r) => {
        const doc = stateOf(r);
        return [r.id, { seq: r.seq, doc, content: canonicalJson(doc) }];
      }),
    );

    const writes: { id: string; seq: number; doc: Doc }[] = [];
    const writtenHere = new Map<string, Doc>();
    const lookup = transactionLookup(tx, input.tenantId, new Map([[input.collection, writtenHere]]));
    // Conflicts in row order; `base` is filled in below from history (or from this push's own earlier versions).
    const pending: { conflict: PushConflict; id: string; baseSeq: number }[] = [];
    for (const c of candidates) {
      const master = current.get(c.id);
      if (master !== undefined && master.content === c.content) {
        accepted.push({ id: c.id, seq: master.seq }); // idempotent retry: no new version
        continue;
      }
      if (master !== undefined && master.seq !== c.baseSeq) {
        const conflict: PushConflict = { document: versionOf(master.seq, master.doc) };
        conflicts.push(conflict);
        if (c.baseSeq > 0) pending.push({ conflict, id: c.id, baseSeq: c.baseSeq });
        continue;
      }
      // A document the server does not have is written whatever baseSeq says: there is nothing it could conflict with.
      const verdict = await validateDocument({ collection: input.collection, doc: c.next, previous: master?.doc, lookup, actor });
      if (!verdict.ok) {
        const { rule, message, path } = verdict.error;
        rejected.push({ id: c.id, code: 'DOMAIN_INVALID', rule, message: `${input.collection}/${c.id}: ${message}`, ...(path ? { path } : {}) });
        continue;
      }
      const tooManyConflicts = conflictQuotaProblem(c.next, master?.doc, quotas);
      if (tooManyConflicts) {
        rejected.push({ id: c.id, code: 'DOMAIN_INVALID', rule: QUOTA_RULES.conflicts, message: `${input.collection}/${c.id}: ${tooManyConflicts}`, path: '/conflicts' });
        continue;
      }
      if (quotas.storageBytes > 0 && storedBytes + c.bytes > quotas.storageBytes) {
        rejected.push({
          id: c.id,
          code: 'DOMAIN_INVALID',
          rule: QUOTA_RULES.storage,
          message: `${input.collection}/${c.id}: the compound's storage quota of ${quotas.storageBytes} bytes is used up (${storedBytes} bytes kept)`,
        });
        continue;
      }
      storedBytes += c.bytes;
      const seq = lockedSeq + writes.length + 1;
      current.set(c.id, { seq, doc: c.next, content: c.content });
      writes.push({ id: c.id, seq, doc: c.next });
      writtenHere.set(c.id, c.next);
      accepted.push({ id: c.id, seq });
    }

    // Bases of conflicts: versions of this push first (not yet in history), then history, same collection and id.
    const versionsHere = new Map(writes.map((w) => [w.seq, w]));
    const fromHistory = await historyVersions(
      tx,
      input.tenantId,
      input.collection,
      [...new Set(pending.map((p) => p.baseSeq))].filter((s) => !versionsHere.has(s)),
    );
    for (const p of pending) {
      const here = versionsHere.get(p.baseSeq);
      const old = fromHistory.get(p.baseSeq);
      if (here !== undefined && here.id === p.id) {
        p.conflict.base = versionOf(here.seq, here.doc);
      } else if (old !== undefined && old.id === p.id) {
        p.conflict.base = toReplicated(old);
      }
    }

    if (writes.length === 0) return null;
    const bumped = await tx.query<{ seq: number }>('UPDATE tenant_seq SET seq = seq + $2, stored_bytes = $3 WHERE tenant_id = $1 RETURNING seq', [
      input.tenantId,
      writes.length,
      storedBytes,
    ]);
    const last = bumped.rows[0]?.seq;
    if (last !== lockedSeq + writes.length) throw new Error('tenant_seq moved while locked');
    const first = lockedSeq + 1;
    const versions = writes.map((w) => ({ id: w.id, seq: w.seq, deleted: w.doc._deleted === true, data: withoutDeleted(w.doc) }));
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
  return { response: { accepted, conflicts, rejected }, notice };
}

