// Replication: the live stream, per collection pull, push and the anti-entropy reads (digest, versions, fetch), and
// the batch (several collections' pulls and digests in one exchange, issue #14).
import type { Result } from '../../shared/result';
import { COLLECTION_NAMES, ID_MAX, type CollectionName } from '../../shared/schema';
import { canWrite } from '../../shared/sync/permissions';
import {
  BATCH_BUDGET_BYTES,
  BATCH_MIN_BUDGET_BYTES,
  FETCH_MAX_IDS,
  PULL_DEFAULT_LIMIT,
  PULL_MAX_LIMIT,
  PUSH_MAX_ROWS,
  STREAM_QUERY,
  type DigestResponse,
  type FetchResponse,
  type PullResponse,
  type VersionsResponse,
} from '../../shared/sync/protocol';
import { parseJsonText, readJsonText } from '../http/body';
import { deviceId } from '../http/request-headers';
import { JsonText, failure, type Failure } from '../http/respond';
import type { Queryable } from '../db/db';
import { Utf8Buffer, changedSince, collectionHeads, digestOfCollection, fetchCurrent, toReplicated, versionsOf, writeBatchPulls } from '../sync/documents';
import { applyPush } from '../sync/push';
import { openStream } from '../sync/stream';
import type { StreamEntry } from '../sync/stream-registry';
import { isCollection, isIdText, type ApiContext, type Caller } from './context';
import { fail, ok, type Handler, type RouteRequest, type RouteResult } from './route';

/** Seconds a client is asked to wait when its compound's stream limit is full. */
const STREAMS_FULL_RETRY_SECONDS = 30;

/** What the gate of /sync/:collection/* found. */
export type SyncCaller = Caller & { collection: CollectionName };
type SyncHandler = (r: RouteRequest, caller: SyncCaller) => Promise<RouteResult>;

export type SyncRoutes = {
  /** /sync/:collection/*: the collection exists, the client's versions fit, the caller has access (in this order). */
  gate(r: RouteRequest): Promise<Result<SyncCaller, Failure>>;
  stream: Handler;
  /** POST /sync/batch: not under /sync/:collection/, so it makes the gate's checks itself. */
  batch: Handler;
  pull: SyncHandler;
  digest: SyncHandler;
  versions: SyncHandler;
  fetch: SyncHandler;
  push: SyncHandler;
};

export function syncRoutes(c: ApiContext): SyncRoutes {
  const { db, config, now, streams } = c;

  return {
    async gate(r) {
      const collection = r.params.collection ?? '';
      if (!isCollection(collection)) return { ok: false, error: failure('NOT_FOUND', `no collection ${collection}`) };
      const versions = c.checkVersions(r.req, r.query);
      if (versions) return { ok: false, error: versions };
      const a = await c.authorize(r);
      if (!a.ok) return a;
      return { ok: true, value: { ...a.value, collection } };
    },

    async stream(r) {
      const { req, res, query, ctx } = r;
      // Tokens never travel in URLs: URLs end up in logs, proxies and browser history.
      if (query.has(STREAM_QUERY.token)) return fail(failure('BAD_REQUEST', 'send the access token in the Authorization header, never in the URL'));
      const versions = c.checkVersions(req, query);
      if (versions) return fail(versions);
      const a = await c.authorize(r);
      if (!a.ok) return fail(a.error);
      const { claims } = a.value;
      if (res.destroyed) return fail(failure('BAD_REQUEST', 'the client went away'));
      const admitted = streams.admit(claims);
      if (!admitted.ok) {
        return fail(
          failure(
            'RATE_LIMITED',
            'too many live streams open for this compound; retry later',
            { retryAfter: STREAMS_FULL_RETRY_SECONDS },
            { 'Retry-After': String(STREAMS_FULL_RETRY_SECONDS) },
          ),
        );
      }
      ctx.stream = true;
      const entry: StreamEntry = {
        claims,
        stream: openStream(req, res, {
          feed: c.feed,
          tenantId: claims.tid,
          heartbeatMs: config.heartbeatSeconds * 1000,
          expiresInMs: claims.exp * 1000 - now(),
          onClose: () => streams.remove(entry),
          heads: () => collectionHeads(db, claims.tid, COLLECTION_NAMES),
        }),
      };
      streams.add(entry);
      return 'streaming';
    },

    // Reads: every role of the compound may read every collection of it, as on pull.
    async batch(r) {
      const { req, res, query } = r;
      const versions = c.checkVersions(req, query);
      if (versions) return fail(versions);
      const a = await c.authorize(r);
      if (!a.ok) return fail(a.error);
      const { claims } = a.value;
      // The body is read before the compound's turn (a slow upload holds no slot) and parsed in it.
      const text = await readJsonText(req, config.maxBodyBytes);
      if (!text.ok) return fail(text.error);
      return c.scheduled(claims.tid, res, async () => {
        const body = parseJsonText(text.value);
        if (!body.ok) return fail(body.error);
        const request = parseBatchRequest(body.value);
        if (!request.ok) return fail(request.error);
        return ok(new JsonText(await batchAnswer(db, claims.tid, request.value, config.batchBudgetBytes)));
      });
    },

    async pull({ query, res }, { claims, collection }) {
      const seq = Number(query.get('seq') ?? '0');
      const limit = Number(query.get('limit') ?? String(PULL_DEFAULT_LIMIT));
      if (!Number.isSafeInteger(seq) || seq < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > PULL_MAX_LIMIT) {
        return fail(failure('BAD_REQUEST', `seq must be an integer ≥ 0 and limit 1…${PULL_MAX_LIMIT}`));
      }
      return c.scheduled(claims.tid, res, async () => {
        const rows = await changedSince(db, claims.tid, collection, seq, limit);
        const body: PullResponse = { documents: rows.map(toReplicated), checkpoint: { seq: rows[rows.length - 1]?.seq ?? seq } };
        return ok(body);
      });
    },

    async digest({ res }, { claims, collection }) {
      return c.scheduled(claims.tid, res, async () => {
        const body: DigestResponse = await digestOfCollection(db, claims.tid, collection);
        return ok(body);
      });
    },

    async versions({ res }, { claims, collection }) {
      return c.scheduled(claims.tid, res, async () => {
        const body: VersionsResponse = await versionsOf(db, claims.tid, collection);
        return ok(body);
      });
    },

    async fetch({ req, res }, { claims, collection }) {
      // The body is read before the compound's turn (a slow upload holds no slot) and parsed in it.
      const text = await readJsonText(req, config.maxBodyBytes);
      if (!text.ok) return fail(text.error);
      return c.scheduled(claims.tid, res, async () => {
        const body = parseJsonText(text.value);
        if (!body.ok) return fail(body.error);
        const ids = typeof body.value === 'object' && body.value !== null ? (body.value as { ids?: unknown }).ids : undefined;
        if (!Array.isArray(ids) || ids.length > FETCH_MAX_IDS || !ids.every(isIdText)) {
          return fail(failure('BAD_REQUEST', `expected {ids: [...]}: at most ${FETCH_MAX_IDS} strings of at most ${ID_MAX} characters, valid Unicode without NUL`));
        }
        const reply: FetchResponse = { documents: await fetchCurrent(db, claims.tid, collection, ids) };
        return ok(reply);
      });
    },

    async push({ req, res }, { claims, role, collection }) {
      // Writes use the user's current role (from authorize), not the one in the token: a demoted user stops writing at
      // once rather than when the token runs out.
      if (!canWrite(role, collection)) return fail(failure('FORBIDDEN', `role ${role} may not write ${collection}`));
      const text = await readJsonText(req, config.maxBodyBytes);
      if (!text.ok) return fail(text.error);
      return c.scheduled(claims.tid, res, async () => {
        const body = parseJsonText(text.value);
        if (!body.ok) return fail(body.error);
        const rows = typeof body.value === 'object' && body.value !== null ? (body.value as { rows?: unknown }).rows : undefined;
        if (!Array.isArray(rows)) return fail(failure('BAD_REQUEST', 'expected {rows: [...]}'));
        if (rows.length > PUSH_MAX_ROWS) return fail(failure('BAD_REQUEST', `at most ${PUSH_MAX_ROWS} rows per push`));
        const outcome = await applyPush({
          db,
          validate: c.validators[collection],
          tenantId: claims.tid,
          collection,
          userId: claims.sub,
          deviceId: deviceId(req),
          rows,
          now: new Date(now()),
          quotas: {
            storageBytes: config.quotaStorageBytes,
            conflictsPerDocument: config.quotaConflictsPerDocument,
            conflictBytesPerDocument: config.quotaConflictBytesPerDocument,
          },
        });
        return ok(outcome.response);
      });
    },
  };
}

// ---- The batch ----

/** A checked BatchRequest: the pulls in the order asked, each collection's digest at most once. */
export type BatchAsk = { pull: [CollectionName, number][]; digest: CollectionName[]; budget?: number };

const BATCH_SHAPE = 'expected {pull?: {<collection>: <seq>, …}, digest?: [<collection>, …], budget?: <bytes>}';

/** Checks a batch request's body (BatchRequest): known collections, checkpoints safe integers ≥ 0. */
export function parseBatchRequest(body: unknown): Result<BatchAsk, Failure> {
  const bad = (why: string): Result<BatchAsk, Failure> => ({ ok: false, error: failure('BAD_REQUEST', `${BATCH_SHAPE}: ${why}`) });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('the body is not an object');
  const { pull, digest, budget } = body as { pull?: unknown; digest?: unknown; budget?: unknown };
  const ask: BatchAsk = { pull: [], digest: [] };
  if (budget !== undefined) {
    if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 1) return bad('budget must be an integer ≥ 1 (bytes)');
    ask.budget = budget;
  }
  if (pull !== undefined) {
    if (typeof pull !== 'object' || pull === null || Array.isArray(pull)) return bad('pull is not an object');
    for (const [name, seq] of Object.entries(pull as Record<string, unknown>)) {
      if (!isCollection(name)) return bad(`no collection ${JSON.stringify(name.slice(0, 100))}`);
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return bad(`the seq of ${name} must be an integer ≥ 0`);
      ask.pull.push([name, seq]);
    }
  }
  if (digest !== undefined) {
    if (!Array.isArray(digest) || digest.length > 4 * COLLECTION_NAMES.length) return bad('digest is not a short list of collections');
    for (const name of digest as unknown[]) {
      if (typeof name !== 'string' || !isCollection(name)) return bad(`no collection ${JSON.stringify(typeof name === 'string' ? name.slice(0, 100) : name)}`);
      if (!ask.digest.includes(name)) ask.digest.push(name);
    }
  }
  return { ok: true, value: ask };
}

/**
 * The BatchResponse of a checked request as JSON (UTF-8): the pulls (writeBatchPulls: in the order asked, within
 * the budget asked for, kept within BATCH_MIN_BUDGET_BYTES and `serverBudget`), then the digests (not of a
 * collection pulled here that has `more`). Written piece by piece into one buffer, each document's JSON as the
 * database wrote it: a first sync's answer (thousands of documents, megabytes) is never parsed or serialized twice.
 */
export async function batchAnswer(q: Queryable, tenantId: string, ask: BatchAsk, serverBudget: number = BATCH_BUDGET_BYTES): Promise<Buffer> {
  // The client may ask for less than the server's budget (a catch-up's first pages), never for more.
  const budgetBytes = ask.budget === undefined ? serverBudget : Math.min(serverBudget, Math.max(BATCH_MIN_BUDGET_BYTES, ask.budget));
  const out = new Utf8Buffer();
  out.write('{"pulls":{');
  const pulled = await writeBatchPulls(q, tenantId, ask.pull, budgetBytes, out);
  // A collection pulled here that has more to come is not caught up: its digest could only say so (the client asks
  // again with its last pull). Reading it would cost every exchange of a first sync a pass over each collection.
  const catchingUp = new Set(pulled.filter((p) => p.more).map((p) => p.collection));
  const digests: Partial<Record<CollectionName, DigestResponse>> = {};
  for (const collection of ask.digest) if (!catchingUp.has(collection)) digests[collection] = await digestOfCollection(q, tenantId, collection);
  out.write(`},"digests":${JSON.stringify(digests)}}`);
  return out.bytes();
}
