// The push half of protocol 2 (issue #7): compare-and-set on the server sequence a change was based on.
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { RXDB_INTERNAL_FIELDS, type PushAccepted, type PushConflict, type PushResponse, type Rejection, type ReplicatedDoc } from '../../shared/sync/protocol';
import { validateDocument, type DomainActor } from '../../shared/sync/validate';
import { isRole } from '../../shared/sync/permissions';
import type { Db, Queryable } from '../db/db';
import { jsonProblem, storableText } from '../http/json-safety';
import { toReplicated, type StoredRow } from './documents';
import { MAX_FETCH_ROUNDS, pushLookupCache, type PushLookupCache } from './push-lookup';
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
 *
 * The statements do not grow with the rows (issue #14): the lock, the pushing user, the current versions of all ids,
 * a few rounds of the rules' lookups (push-lookup.ts; none for collections whose rules read no other document), the
 * conflicts' bases, and one statement that writes every version (writeVersions); the rows are decided in memory.
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

  if (candidates.length === 0) return { response: { accepted: [], conflicts: [], rejected }, notice: null };

  const outcome = await input.db.transaction(async (tx) => {
    // Lock this tenant's sequence row first, for the whole push. Every writer of the tenant queues here, so
    //  (1) the compare-and-set below cannot interleave with another push of the same document (no lost update), and
    //  (2) sequence numbers commit in order: a transaction holding seq N+1 cannot commit before the one holding N
    //      has committed or rolled back. A puller that reads `seq > checkpoint` therefore never sees N+1 while N is
    //      still invisible, and never skips N by moving its checkpoint past it.
    // The documents are read after the lock, in a statement of their own (so that it sees what the push before it
    // committed); they need no row locks of their own, as every writer of them holds this one.
    const lock = await tx.query<{ seq: number; stored_bytes: number }>('SELECT seq, stored_bytes FROM tenant_seq WHERE tenant_id = $1 FOR UPDATE', [
      input.tenantId,
    ]);
    const lockedSeq = lock.rows[0]?.seq;
    if (lockedSeq === undefined) throw new Error(`no tenant_seq row for tenant ${input.tenantId}`);

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

    // Every row is decided in memory, in row order; the rules' lookups are fetched in rounds (push-lookup.ts).
    const cache = pushLookupCache(tx, input.tenantId, (c) => (c === input.collection ? ids.length : 0));
    let state = initialState(current, Number(lock.rows[0]?.stored_bytes ?? 0));
    for (let round = 1; ; round++) {
      const resume = await decideRows(state, candidates, { input, actor, lockedSeq, cache });
      if (resume === null) break;
      // Each round fetches something new, and from MAX_FETCH_ROUNDS on reads a collection whole: this ends.
      if (round > MAX_FETCH_ROUNDS + COLLECTION_NAMES.length) throw new Error('push lookup: the rules keep asking');
      await cache.fetch(round >= MAX_FETCH_ROUNDS);
      state = resume;
    }
    const { accepted, conflicts, writes, pending } = state;

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
    const response: PushResponse = { accepted, conflicts, rejected: [...rejected, ...state.rejected] };

    if (writes.length === 0) return { response, notice: null };
    // The collection's newest version before this push: every version above it, up to `last`, is this push's, so a
    // client caught up to it need not pull its own writes back. Read under the lock, so no other push is in between.
    const before = await tx.query<{ seq: number | string | null }>(
      'SELECT max(seq) AS seq FROM documents WHERE tenant_id = $1 AND collection = $2 AND seq <= $3',
      [input.tenantId, input.collection, lockedSeq],
    );
    const last = await writeVersions(tx, input, writes, state.storedBytes);
    if (last !== lockedSeq + writes.length) throw new Error('tenant_seq moved while locked');
    response.checkpoint = { since: Number(before.rows[0]?.seq ?? 0), seq: last };
    const n: ChangeNotice = { t: input.tenantId, c: input.collection, from: lockedSeq + 1, to: last };
    // PostgreSQL delivers pg_notify at commit, to every listening process; PGlite's emitter is called after commit.
    if (input.db.kind === 'postgres') await input.db.notify(CHANGES_CHANNEL, JSON.stringify(n), tx);
    return { response, notice: n };
  });
  if (outcome.notice && input.db.kind === 'pglite') await input.db.notify(CHANGES_CHANNEL, JSON.stringify(outcome.notice));
  return outcome;
}

/**
 * One statement for every write of the push: the tenant's seq moved past the new versions (which already have their
 * seqs, lockedSeq + 1… in row order) and its stored bytes set, every version appended to history, and each document's
 * latest version (the same id twice in one push: both are history, the later one is the document) upserted. The rows
 * travel as one jsonb parameter, so the bind-parameter limit never applies. Returns the tenant's new seq.
 */
async function writeVersions(tx: Queryable, input: PushInput, writes: readonly Write[], storedBytes: number): Promise<number | undefined> {
  const versions = writes.map((w) => ({ id: w.id, seq: w.seq, deleted: w.doc._deleted === true, data: withoutDeleted(w.doc) }));
  const r = await tx.query<{ seq: number }>(
    `WITH v AS (
       SELECT * FROM jsonb_to_recordset($6::jsonb) AS v(id text, seq bigint, deleted boolean, data jsonb)
     ), bumped AS (
       UPDATE tenant_seq SET seq = seq + $7::bigint, stored_bytes = $8::bigint WHERE tenant_id = $1 RETURNING seq
     ), appended AS (
       INSERT INTO history (tenant_id, seq, collection, id, deleted, data, user_id, device_id, at)
       SELECT $1, v.seq, $2, v.id, v.deleted, v.data, $3, $4, $5 FROM v
     ), upserted AS (
       INSERT INTO documents (tenant_id, collection, id, seq, deleted, data, updated_at)
       SELECT DISTINCT ON (v.id) $1, $2, v.id, v.seq, v.deleted, v.data, $5 FROM v ORDER BY v.id, v.seq DESC
       ON CONFLICT (tenant_id, collection, id) DO UPDATE
         SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
     )
     SELECT seq FROM bumped`,
    [input.tenantId, input.collection, input.userId, input.deviceId, input.now, JSON.stringify(versions), writes.length, storedBytes],
  );
  return r.rows[0]?.seq;
}

type Write = { id: string; seq: number; doc: Doc };
/** A conflict whose `base` is filled in once every row is decided, from history (or from this push's own versions). */
type Pending = { conflict: PushConflict; id: string; baseSeq: number };

/** Where the decision over a push's rows stands after its first `next` rows. */
type DecideState = {
  next: number;
  accepted: PushAccepted[];
  conflicts: PushConflict[];
  /** Rows refused by a domain rule or a quota (malformed and schema-invalid ones are refused before). */
  rejected: Rejection[];
  pending: Pending[];
  writes: Write[];
  storedBytes: number;
  /** Each document's version as of the rows decided so far. */
  current: Map<string, Current>;
  /** The documents this push has written so far (id → state), as the rules' lookup sees them. */
  written: Map<string, Doc>;
};

const initialState = (current: Map<string, Current>, storedBytes: number): DecideState => ({
  next: 0,
  accepted: [],
  conflicts: [],
  rejected: [],
  pending: [],
  writes: [],
  storedBytes,
  current,
  written: new Map(),
});

/** A copy that the decision can go on from without changing the original (maps keep their order). */
const copyState = (s: DecideState): DecideState => ({
  ...s,
  accepted: [...s.accepted],
  conflicts: [...s.conflicts],
  rejected: [...s.rejected],
  pending: [...s.pending],
  writes: [...s.writes],
  current: new Map(s.current),
  written: new Map(s.written),
});

type DecideContext = { input: PushInput; actor: DomainActor; lockedSeq: number; cache: PushLookupCache };

/**
 * Decides the rows from `state.next` on, in row order, changing `state`. Returns null when every decision is final,
 * or, when a rule asked the lookup for something not fetched yet, the state just before the first such row: the rows
 * before it are final (their rules were answered in full, and fetching more never changes an answer). From that row
 * on, the decisions go on as if the rule had passed, only to collect what the later rows' rules ask for, and are
 * made again in the next round.
 */
async function decideRows(state: DecideState, candidates: readonly Candidate[], ctx: DecideContext): Promise<DecideState | null> {
  const { input, actor, lockedSeq, cache } = ctx;
  const quotas = input.quotas;
  const lookup = cache.lookup(new Map([[input.collection, state.written]]));
  let resume: DecideState | null = null;
  for (; state.next < candidates.length; state.next++) {
    const c = candidates[state.next]!;
    const master = state.current.get(c.id);
    if (master !== undefined && master.content === c.content) {
      state.accepted.push({ id: c.id, seq: master.seq }); // idempotent retry: no new version
      continue;
    }
    if (master !== undefined && master.seq !== c.baseSeq) {
      const conflict: PushConflict = { document: versionOf(master.seq, master.doc) };
      state.conflicts.push(conflict);
      if (c.baseSeq > 0) state.pending.push({ conflict, id: c.id, baseSeq: c.baseSeq });
      continue;
    }
    // A document the server does not have is written whatever baseSeq says: there is nothing it could conflict with.
    const missesBefore = cache.misses;
    let verdict: Awaited<ReturnType<typeof validateDocument>>;
    try {
      verdict = await validateDocument({ collection: input.collection, doc: c.next, previous: master?.doc, lookup, actor });
    } catch (e) {
      // A rule that fails outright fails the push, as ever; unless it ran on a guess (see above), then it runs again.
      if (resume === null && cache.misses === missesBefore) throw e;
      verdict = { ok: true, value: null };
    }
    if (cache.misses !== missesBefore) {
      resume ??= copyState(state);
      verdict = { ok: true, value: null };
    }
    if (!verdict.ok) {
      const { rule, message, path } = verdict.error;
      state.rejected.push({ id: c.id, code: 'DOMAIN_INVALID', rule, message: `${input.collection}/${c.id}: ${message}`, ...(path ? { path } : {}) });
      continue;
    }
    const tooManyConflicts = conflictQuotaProblem(c.next, master?.doc, quotas);
    if (tooManyConflicts) {
      state.rejected.push({ id: c.id, code: 'DOMAIN_INVALID', rule: QUOTA_RULES.conflicts, message: `${input.collection}/${c.id}: ${tooManyConflicts}`, path: '/conflicts' });
      continue;
    }
    if (quotas.storageBytes > 0 && state.storedBytes + c.bytes > quotas.storageBytes) {
      state.rejected.push({
        id: c.id,
        code: 'DOMAIN_INVALID',
        rule: QUOTA_RULES.storage,
        message: `${input.collection}/${c.id}: the compound's storage quota of ${quotas.storageBytes} bytes is used up (${state.storedBytes} bytes kept)`,
      });
      continue;
    }
    state.storedBytes += c.bytes;
    const seq = lockedSeq + state.writes.length + 1;
    state.current.set(c.id, { seq, doc: c.next, content: c.content });
    state.writes.push({ id: c.id, seq, doc: c.next });
    state.written.set(c.id, c.next);
    state.accepted.push({ id: c.id, seq });
  }
  return resume;
}
