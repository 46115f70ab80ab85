// The sync engine (issue #7): one lane per collection against the district server, on protocol 2.
//
// Why it converges, whatever the network does:
//  - Documents arrive only by pull, from this PC's own checkpoint, in the server's sequence order. The stream only
//    says "collection C reached seq N" and wakes a pull; a lost, late or reordered event costs a pull, never a
//    document (cause 1).
//  - Every stored document carries the seq of the server version it is based on. A pulled version is applied only
//    if it is newer than the one held and the document holds no unpushed change; nothing older is ever applied,
//    kept or pushed (cause 2).
//  - A push names the seq it was based on and the server compare-and-sets on it. A refused push comes back with
//    the server's version and the common base, is merged three-way, and pushed again.
//  - The unpushed mark is written in the same write as the user's change (db/database.ts hooks) and cleared only by
//    the server's acceptance of that exact content, so the pending count is what has really not reached the server
//    (cause 4), and no crash or logout can lose a change.
//  - Anti-entropy: after every stream (re)connect and on a timer, each idle collection compares its digest with
//    the server's and repairs any difference by fetching or re-pushing; each repair is recorded.
// Lanes run one step at a time each (push, then pull, then audit), retry with per-lane backoff, and run in one tab.
//
// Speed (issue #14): the lanes' pulls and digests travel together (batcher.ts: one exchange, a byte budget per answer,
// compressed), a pull that ends the lane's catch-up brings its digest along, a resync asks for a pull started after it
// (so a first sync's later pages answer it, instead of a pull queued behind them), and a poke that a pull in flight
// may already cover waits for that pull's answer instead of queueing another.
import type { Subscription } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { jsonEqual, type JsonObject } from '../../shared/domain/conflicts/merge';
import {
  FETCH_MAX_IDS,
  STREAM_EVENTS,
  type DigestResponse,
  type PushConflict,
  type PushRow,
  type Rejection,
  type ReplicatedDoc,
  type StreamPoke,
  type StreamResync,
} from '../../shared/sync/protocol';
import { conflictContextOf, type LinliDatabase } from '../db/database';
import { SyncFailure, type ApiClient, type StoredSession, type SyncError } from './api-client';
import { createBatcher, type PullPart } from './batcher';
import { mergerFor, type Merger } from './conflict-handler';
import type { DocIndex } from './doc-index';
import { contentOf, isDirty, seqOf, wireOf, type LocalStore, type StoredDoc, type WriteRow } from './local-store';
import { readSse } from './sse';

export type SyncState = 'disabled' | 'offline' | 'syncing' | 'online' | 'error';

export type RejectedDoc = Rejection & { collection: CollectionName; at: string; /** The local revision refused. */ rev?: string };

/** A difference anti-entropy found between this PC and the server, and what it did about it. */
export type Divergence = {
  collection: CollectionName;
  at: string;
  /** Documents the server had newer (or this PC lacked), fetched. */
  fetched: number;
  /** Documents this PC had that the server lacked or held older, pushed again. */
  repushed: number;
  ids: string[];
};

export type SyncStatus = {
  state: SyncState;
  pending: number;
  lastSyncAt: string | null;
  error: SyncError | null;
  /** Documents the server refused, with its reason; kept until the document is saved again and accepted. */
  rejected: RejectedDoc[];
  /** Differences found by anti-entropy, newest last (at most 50). */
  divergences: Divergence[];
  /** When every collection last matched the server's digest. */
  lastVerifiedAt: string | null;
};

export type SyncController = {
  syncNow: () => Promise<void>;
  stop: () => Promise<void>;
  /** Resolves when every collection has pushed, pulled and verified what it has (for tests and 立即同步). */
  awaitInSync: () => Promise<void>;
  /** Figures for tests and the chaos run. */
  stats: () => SyncStats;
};

export type SyncStats = {
  pushes: number;
  pulls: number;
  conflicts: number;
  retries: number;
  repairs: number;
  audits: number;
  /** Requests that carried pulls and digests (several lanes' at a time). */
  exchanges: number;
};

export type SyncDeps = {
  db: LinliDatabase;
  api: ApiClient;
  session: StoredSession;
  index: DocIndex;
  store: LocalStore;
  /** Persists the checkpoints (localStorage in the app). */
  storage: Storage;
  onStatus: (patch: Partial<SyncStatus>) => void;
  getStatus: () => Pick<SyncStatus, 'rejected' | 'divergences'>;
  /** Backoff bounds, ms. */
  minRetry?: number;
  maxRetry?: number;
  /** How often idle collections compare digests with the server, ms. */
  auditEvery?: number;
  /** A stream silent for this long (no event, no heartbeat) is taken as dead and reopened, ms. */
  streamIdleMs?: number;
  now?: () => string;
};

/** The server refuses bodies over 5 MiB; stay well under it. */
export const PUSH_BODY_BUDGET = 4 * 1024 * 1024;
/** Rows per push request (the server takes up to PUSH_MAX_ROWS, within the body budget). */
const PUSH_BATCH = 1000;
const WRITE_ATTEMPTS = 8;


/**
 * Splits push rows into requests under the body budget. A single document larger than the budget can never be
 * accepted; it is reported as rejected (kept locally, shown to the user) instead of blocking the collection forever.
 */
export function splitBySize<R extends { document: unknown }>(rows: readonly R[], budget: number): { batches: R[][]; oversized: Rejection[] } {
  const encoder = new TextEncoder();
  const batches: R[][] = [];
  const oversized: Rejection[] = [];
  let current: R[] = [];
  let size = 0;
  for (const row of rows) {
    const bytes = encoder.encode(JSON.stringify(row)).length;
    if (bytes > budget) {
      const id = String((row.document as { id?: unknown }).id ?? '');
      oversized.push({ id, code: 'SCHEMA_INVALID', message: `document of ${bytes} bytes exceeds the push limit`, path: '' });
      continue;
    }
    if (size + bytes > budget && current.length > 0) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversized };
}

/** Errors after which retrying cannot help until a person acts. */
const FATAL: ReadonlySet<string> = new Set(['UPGRADE_REQUIRED', 'SERVER_OUTDATED', 'NOT_LOGGED_IN', 'INVALID_CREDENTIALS', 'UNAUTHENTICATED']);

/** A pull sent ahead: from which checkpoint, when (logical time) and with which poke outstanding. */
type Prefetch = { from: number; startedAt: number; asked: number; answer: Promise<PullPart> };

/** localStorage key of a collection's pull checkpoint: one per server, compound and collection. */
export const checkpointKey = (session: Pick<StoredSession, 'serverUrl' | 'compound'>, name: CollectionName) =>
  `linli.sync.checkpoint.v2|${session.serverUrl}|${session.compound.code}|${name}`;

type Lane = {
  name: CollectionName;
  merge: Merger;
  checkpoint: number;
  needPush: boolean;
  needPull: boolean;
  needAudit: boolean;
  /** The highest seq a stream poke announced that no answered pull has covered yet (0: none). */
  wanted: number;
  /** Logical time of the last pull's start, and of the last resync, which needs a pull started after it. */
  pullStartedAt: number;
  pullAfter: number;
  /** The server's digest that came with the last pull, for the audit right after it (null once anything moved). */
  digestAhead: DigestResponse | null;
  /** Logical time the digest of the last audit that matched was asked for (0: none this session). */
  verifiedAt: number;
  /** The next page of a catch-up, asked for while this one is written (null: none). */
  prefetch: Prefetch | null;
  running: boolean;
  retryTimer: ReturnType<typeof setTimeout> | null;
  backoff: number;
  /** The lane's last step failed with a fatal error: it waits for 立即同步 or a new login. */
  halted: boolean;
  /** 立即同步 came while a step was under way: start afresh when it ends, whatever its outcome. */
  restart: boolean;
};

export function startSync(deps: SyncDeps): SyncController {
  const { db, api, session, index, store, storage, onStatus } = deps;
  const minRetry = deps.minRetry ?? 1000;
  const maxRetry = deps.maxRetry ?? 60_000;
  const auditEvery = deps.auditEvery ?? 60_000;
  // The server sends a heartbeat every 25 s by default.
  const streamIdleMs = deps.streamIdleMs ?? 75_000;
  const now = deps.now ?? (() => new Date().toISOString());
  const ctx = conflictContextOf(db);
  // The exchanges are the batcher's count.
  const stats: Omit<SyncStats, 'exchanges'> = { pushes: 0, pulls: 0, conflicts: 0, retries: 0, repairs: 0, audits: 0 };
  const batcher = createBatcher(api);
  // Orders pull starts and resyncs (a counter, not a clock: only before/after matters).
  let clock = 0;
  const subs: (Subscription | (() => void))[] = [];
  let stopped = false;
  let leader = false;
  const errors = new Map<string, SyncError>();
  let streamConnected = false;
  // 'online' only once the server has answered this session.
  let exchanged = false;
  const idleWaiters = new Set<() => void>();

  // Revisions the server refused, so that an unchanged refused document is not pushed again and again.
  const refusedRev = new Map<string, string>();
  for (const r of deps.getStatus().rejected) if (r.rev) refusedRev.set(`${r.collection}/${r.id}`, r.rev);

  const lanes = new Map<CollectionName, Lane>(
    COLLECTION_NAMES.map((name) => {
      const saved = Number(storage.getItem(checkpointKey(session, name)) ?? '0');
      return [
        name,
        {
          name,
          merge: mergerFor(name, ctx),
          checkpoint: Number.isSafeInteger(saved) && saved > 0 ? saved : 0,
          needPush: true,
          needPull: true,
          needAudit: true,
          wanted: 0,
          pullStartedAt: 0,
          pullAfter: 0,
          digestAhead: null,
          verifiedAt: 0,
          prefetch: null,
          running: false,
          retryTimer: null,
          backoff: minRetry,
          halted: false,
          restart: false,
        },
      ];
    }),
  );

  const currentError = (): SyncError | null => {
    const all = [...errors.values()];
    return all.find((e) => FATAL.has(e.code)) ?? all.find((e) => e.code !== 'NETWORK') ?? all[0] ?? null;
  };
  const busy = () => [...lanes.values()].some((l) => l.running || l.retryTimer !== null);
  const publish = () => {
    if (stopped) return;
    const lastError = currentError();
    const state: SyncState =
      lastError && FATAL.has(lastError.code)
        ? 'error'
        : lastError?.code === 'NETWORK'
          ? 'offline'
          : lastError
            ? 'error'
            : busy() || !exchanged || !streamConnected
              ? 'syncing'
              : 'online';
    onStatus({ state, error: lastError });
  };

  const pushable = (lane: Lane) =>
    index.dirty(lane.name).filter(({ id, rev }) => refusedRev.get(`${lane.name}/${id}`) !== rev);

  const settled = (lane: Lane) =>
    !lane.running && lane.retryTimer === null && !lane.needPull && !lane.needAudit && (lane.halted || pushable(lane).length === 0);

  const notifyIdle = () => {
    if (![...lanes.values()].every(settled)) return;
    for (const w of [...idleWaiters]) w();
  };

  const check = <T>(r: { ok: true; value: T } | { ok: false; error: SyncError }): T => {
    if (!r.ok) throw new SyncFailure(r.error);
    return r.value;
  };

  const setCheckpoint = (lane: Lane, seq: number) => {
    if (seq <= lane.checkpoint) return;
    lane.checkpoint = seq;
    storage.setItem(checkpointKey(session, lane.name), String(seq));
  };

  const write = async (lane: Lane, rows: readonly WriteRow[], context: string) => {
    const result = await store.write(lane.name, rows, context);
    index.note(lane.name, result.written);
    return result;
  };

  // ---- applying the server's versions ----------------------------------------------------------------------

  /**
   * Applies server versions: only those newer than what is held, and never over a document with an unpushed change
   * (its push will meet the newer version and merge).
   */
  const applyFromServer = async (lane: Lane, docs: readonly ReplicatedDoc[], repair = false): Promise<void> => {
    let pending = docs.filter((d) => typeof d.sync?.seq === 'number');
    for (let attempt = 0; pending.length > 0 && attempt < WRITE_ATTEMPTS; attempt++) {
      // First only what the index says this PC holds (an empty PC reads nothing); the write is a compare-and-set, so
      // a document the index did not know yet comes back conflicted and is read on the next attempt.
      const ids = attempt === 0 ? pending.filter((d) => index.entry(lane.name, d.id) !== undefined).map((d) => d.id) : pending.map((d) => d.id);
      const local = await store.read(lane.name, ids);
      const rows: WriteRow[] = [];
      for (const d of pending) {
        const seq = d.sync!.seq;
        const held = local.get(d.id);
        // A repair also rewrites a document held at the same seq in another state (a damaged local copy).
        if (held && (repair ? seqOf(held) > seq || (seqOf(held) === seq && jsonEqual(contentOf(held), contentOf(d))) : seqOf(held) >= seq)) continue;
        if (held && isDirty(held)) {
          // A refused local change whose base is now outdated gets one more push: the merge may settle it.
          if (refusedRev.delete(`${lane.name}/${d.id}`)) lane.needPush = true;
          continue;
        }
        rows.push({ previous: held, content: contentOf(d), sync: { seq } });
      }
      const { conflicted } = await write(lane, rows, 'linli-sync-pull');
      // A user's write landed between read and write: read again and decide again.
      pending = pending.filter((d) => conflicted.has(d.id));
    }
    if (pending.length > 0) throw new Error(`could not apply ${pending.length} ${lane.name} documents after ${WRITE_ATTEMPTS} attempts`);
  };

  // ---- push --------------------------------------------------------------------------------------------------

  /**
   * The server holds `pushed` at `seq`: record the seq; the mark stays only if the user changed it since. `read` is
   * what the push was read from: the write is a compare-and-set, so it stands in for a first read (a document changed
   * since comes back conflicted and is read then).
   */
  const confirm = async (lane: Lane, accepted: readonly { id: string; seq: number }[], pushed: ReadonlyMap<string, JsonObject>, read?: ReadonlyMap<string, StoredDoc>) => {
    let todo = [...accepted];
    for (let attempt = 0; todo.length > 0 && attempt < WRITE_ATTEMPTS; attempt++) {
      const local = attempt === 0 && read ? read : await store.read(lane.name, todo.map((a) => a.id));
      const rows: WriteRow[] = [];
      for (const a of todo) {
        const held = local.get(a.id);
        const sent = pushed.get(a.id);
        if (!held || !sent || seqOf(held) >= a.seq) continue;
        // Changes made while the push was under way were made on top of what was pushed, so they are based on `seq`.
        rows.push({ previous: held, content: contentOf(held), sync: { seq: a.seq, dirty: !jsonEqual(contentOf(held), sent) } });
      }
      const { conflicted } = await write(lane, rows, 'linli-sync-confirm');
      todo = todo.filter((a) => conflicted.has(a.id));
    }
    if (todo.length > 0) throw new Error(`could not confirm ${todo.length} ${lane.name} documents`);
  };

  /** Someone else wrote first: merge this PC's content onto the server's version, based on their common version. */
  const resolve = async (lane: Lane, conflicts: readonly PushConflict[]) => {
    let todo = [...conflicts];
    for (let attempt = 0; todo.length > 0 && attempt < WRITE_ATTEMPTS; attempt++) {
      const local = await store.read(lane.name, todo.map((c) => c.document.id));
      const rows: WriteRow[] = [];
      for (const c of todo) {
        const theirsSeq = c.document.sync?.seq ?? 0;
        const held = local.get(c.document.id);
        const theirs = contentOf(c.document);
        if (held && seqOf(held) >= theirsSeq) continue;
        if (!held || !isDirty(held)) {
          rows.push({ previous: held, content: theirs, sync: { seq: theirsSeq } });
          continue;
        }
        const base = c.base && (c.base.sync?.seq ?? -1) === seqOf(held) ? contentOf(c.base) : undefined;
        const merged = lane.merge(base, contentOf(held), theirs);
        rows.push({ previous: held, content: merged, sync: { seq: theirsSeq, dirty: !jsonEqual(merged, theirs) } });
      }
      const { conflicted } = await write(lane, rows, 'linli-sync-merge');
      todo = todo.filter((c) => conflicted.has(c.document.id));
    }
    if (todo.length > 0) throw new Error(`could not merge ${todo.length} ${lane.name} documents`);
  };

  const recordRejections = (lane: Lane, rejected: Rejection[], revs: ReadonlyMap<string, string>, acceptedIds: readonly string[]) => {
    for (const r of rejected) {
      const rev = revs.get(r.id);
      if (rev) refusedRev.set(`${lane.name}/${r.id}`, rev);
    }
    if (rejected.length === 0 && acceptedIds.length === 0) return;
    const settledIds = new Set(acceptedIds);
    const keep = deps.getStatus().rejected.filter((r) => !(r.collection === lane.name && settledIds.has(r.id)));
    const added = rejected.map((r) => ({ ...r, collection: lane.name, at: now(), rev: revs.get(r.id) }));
    const byKey = new Map([...keep, ...added].map((r) => [`${r.collection}/${r.id}`, r]));
    onStatus({ rejected: [...byKey.values()] });
  };

  /** Pushes one batch of unpushed changes; true when there may be more to push. */
  const pushStep = async (lane: Lane): Promise<boolean> => {
    const candidates = pushable(lane).slice(0, PUSH_BATCH);
    if (candidates.length === 0) return false;
    const local = await store.read(lane.name, candidates.map((c) => c.id));
    const docs = [...local.values()].filter(isDirty);
    if (docs.length === 0) return false;
    const rows: PushRow[] = docs.map((d) => ({ baseSeq: seqOf(d), document: wireOf(d) }));
    const revs = new Map(docs.map((d) => [d.id, d._rev]));
    const pushed = new Map(docs.map((d) => [d.id, contentOf(d)]));
    const { batches, oversized } = splitBySize(rows, PUSH_BODY_BUDGET);
    recordRejections(lane, oversized, revs, []);
    // The server's collection changes with this push: a digest read before it no longer describes it.
    lane.digestAhead = null;
    for (const batch of batches) {
      const r = check(await api.push(lane.name, { rows: batch }));
      stats.pushes++;
      exchanged = true;
      await confirm(lane, r.accepted, pushed, local);
      if (r.conflicts.length > 0) {
        stats.conflicts += r.conflicts.length;
        await resolve(lane, r.conflicts);
      }
      recordRejections(lane, r.rejected, revs, r.accepted.map((a) => a.id));
      // Caught up before this push, the lane now holds every version up to the push's last: its own writes, just
      // confirmed. No pull brings them back.
      if (r.checkpoint && lane.checkpoint >= r.checkpoint.since) setCheckpoint(lane, r.checkpoint.seq);
    }
    return true;
  };

  // ---- pull --------------------------------------------------------------------------------------------------

  const sendPull = (lane: Lane, from: number): Prefetch => {
    const p: Prefetch = { from, startedAt: ++clock, asked: lane.wanted, answer: batcher.pull(lane.name, from, lane.needAudit) };
    // A page sent ahead may be dropped unread (the lane failed or moved); its failure is then nobody's.
    p.answer.catch(() => undefined);
    return p;
  };

  /**
   * Pulls one page after the checkpoint (with the digest when an audit follows); true when there may be more. While
   * a catch-up's page is written, the next one is already asked for, so the server and the network work while this
   * PC writes; it is used only if the checkpoint is still the one it was asked from.
   */
  const pullStep = async (lane: Lane): Promise<boolean> => {
    const ahead = lane.prefetch;
    lane.prefetch = null;
    const p = ahead && ahead.from === lane.checkpoint ? ahead : sendPull(lane, lane.checkpoint);
    const asked = p.asked;
    lane.pullStartedAt = p.startedAt;
    lane.digestAhead = null;
    const r = await p.answer;
    stats.pulls++;
    exchanged = true;
    if (r.more && !stopped) lane.prefetch = sendPull(lane, r.checkpoint.seq);
    await applyFromServer(lane, r.documents as ReplicatedDoc[]);
    setCheckpoint(lane, r.checkpoint.seq);
    if (r.more) return true;
    // Caught up with what the server held when it answered: the pokes heard before asking are answered. One heard
    // meanwhile may be for a later version, and wakes another pull (a poke for a seq the server never reaches is
    // thus dropped after one pull, never pulled for ever).
    if (lane.wanted === asked) lane.wanted = 0;
    lane.digestAhead = r.digest ?? null;
    return false;
  };

  // ---- anti-entropy ------------------------------------------------------------------------------------------

  const recordDivergence = (d: Divergence) => {
    const list = [...deps.getStatus().divergences, d].slice(-50);
    onStatus({ divergences: list });
  };

  /**
   * Compares this collection with the server's; repairs and records any difference. 'deferred': not comparable
   * yet (unpushed changes, or the server has versions not pulled yet: needPull is set).
   */
  const auditStep = async (lane: Lane): Promise<'match' | 'repaired' | 'deferred'> => {
    // Unpushed changes make the digests differ on purpose; the next audit after they are in verifies.
    if (pushable(lane).length > 0) return 'deferred';
    await index.ready;
    stats.audits++;
    // The digest that came with the last pull was read when that pull was asked for.
    const askedAt = lane.digestAhead ? lane.pullStartedAt : ++clock;
    const server = lane.digestAhead ?? (await batcher.digest(lane.name));
    lane.digestAhead = null;
    if (server.maxSeq > lane.checkpoint) {
      lane.needPull = true;
      return 'deferred';
    }
    const mine = index.digest(lane.name);
    if (mine.count === server.count && mine.hash === server.hash) {
      lane.verifiedAt = Math.max(lane.verifiedAt, askedAt);
      return 'match';
    }

    const { versions } = check(await api.versions(lane.name));
    const serverSeq = new Map(versions.map(([id, seq]) => [id, seq]));
    // Versions written after the checkpoint are the next pull's to bring, not a difference; and a document changed
    // here meanwhile is the next push's. Only what both sides should already agree on counts (no false alarms).
    const checkpoint = lane.checkpoint;
    const toFetch: string[] = [];
    for (const [id, seq, deleted] of versions) {
      if (seq > checkpoint) {
        lane.needPull = true;
        continue;
      }
      const e = index.entry(lane.name, id);
      if (e?.dirty) continue;
      if (!e || e.seq < seq || (e.seq === seq && e.deleted !== deleted)) toFetch.push(id);
    }
    const toRepush: { id: string; base: number }[] = [];
    for (const [id, e] of index.entries(lane.name)) {
      if (e.dirty || e.seq > checkpoint) continue;
      const s = serverSeq.get(id);
      // The server lacks a version this PC holds (e.g. it was restored from an older backup): offer it again,
      // based on what the server has, so that its compare-and-set decides.
      if (s === undefined ? !e.deleted || e.seq > 0 : e.seq > s) toRepush.push({ id, base: s ?? 0 });
    }
    for (let i = 0; i < toFetch.length; i += FETCH_MAX_IDS) {
      const r = check(await api.fetchDocs(lane.name, toFetch.slice(i, i + FETCH_MAX_IDS)));
      await applyFromServer(lane, r.documents as ReplicatedDoc[], true);
    }
    if (toRepush.length > 0) {
      const local = await store.read(lane.name, toRepush.map((r) => r.id));
      const rows: WriteRow[] = [];
      for (const r of toRepush) {
        const held = local.get(r.id);
        if (held && !isDirty(held)) rows.push({ previous: held, content: contentOf(held), sync: { seq: r.base, dirty: true } });
      }
      await write(lane, rows, 'linli-sync-repair');
    }
    stats.repairs++;
    // Both sides may have moved between the digest and the listing: then nothing differs and nothing is recorded.
    if (toFetch.length > 0 || toRepush.length > 0) {
      recordDivergence({
        collection: lane.name,
        at: now(),
        fetched: toFetch.length,
        repushed: toRepush.length,
        ids: [...toFetch, ...toRepush.map((r) => r.id)].slice(0, 20),
      });
    }
    return 'repaired';
  };

  // ---- lanes -------------------------------------------------------------------------------------------------

  const fail = (lane: Lane, e: unknown) => {
    const error: SyncError = e instanceof SyncFailure ? e.error : { code: 'BAD_RESPONSE', message: e instanceof Error ? e.message : String(e) };
    errors.set(lane.name, error);
    stats.retries++;
    if (FATAL.has(error.code)) {
      lane.halted = true;
      return;
    }
    const wait = error.retryAfter ? Math.max(error.retryAfter * 1000, lane.backoff) : lane.backoff;
    lane.backoff = Math.min(maxRetry, lane.backoff * 2);
    lane.retryTimer = setTimeout(() => {
      lane.retryTimer = null;
      void run(lane);
    }, wait);
  };

  const run = async (lane: Lane): Promise<void> => {
    if (stopped || !leader || lane.running || lane.retryTimer !== null || lane.halted) return;
    lane.running = true;
    publish();
    // A repair is verified by another audit; a few rounds at most, then the timer's next audit.
    let audits = 0;
    try {
      for (;;) {
        if (stopped) return;
        if (lane.wanted > lane.checkpoint || lane.pullAfter > lane.pullStartedAt) lane.needPull = true;
        if (lane.needPush || pushable(lane).length > 0) {
          lane.needPush = false;
          if (await pushStep(lane)) {
            lane.needPush = true;
            continue;
          }
        }
        if (lane.needPull) {
          lane.needPull = false;
          if (await pullStep(lane)) lane.needPull = true;
          continue;
        }
        if (lane.needAudit && audits < 5) {
          lane.needAudit = false;
          audits++;
          const outcome = await auditStep(lane);
          if (outcome === 'repaired' || (outcome === 'deferred' && lane.needPull)) lane.needAudit = true;
          continue;
        }
        lane.needAudit = false;
        break;
      }
      errors.delete(lane.name);
      errors.delete('network');
      lane.backoff = minRetry;
      onStatus({ lastSyncAt: now() });
      if ([...lanes.values()].every((l) => !l.needAudit && !errors.has(l.name))) onStatus({ lastVerifiedAt: now() });
    } catch (e) {
      // The retry starts over: push what is unpushed, pull from the checkpoint, verify.
      lane.prefetch = null;
      lane.needPull = true;
      lane.needAudit = true;
      fail(lane, e);
    } finally {
      lane.running = false;
      if (lane.restart && !stopped) {
        lane.restart = false;
        resume(lane);
      }
      publish();
      notifyIdle();
    }
  };

  /** Cuts the lane's retry wait short and runs every step again. */
  const resume = (lane: Lane) => {
    if (lane.running) {
      lane.restart = true;
      return;
    }
    lane.halted = false;
    lane.backoff = minRetry;
    if (lane.retryTimer) {
      clearTimeout(lane.retryTimer);
      lane.retryTimer = null;
    }
    kick(lane, { push: true, pull: true, audit: true });
  };

  const kick = (lane: Lane, flags: { push?: boolean; pull?: boolean; audit?: boolean }) => {
    if (flags.push) lane.needPush = true;
    if (flags.pull) lane.needPull = true;
    if (flags.audit) lane.needAudit = true;
    void run(lane);
  };

  // Local writes wake their lane (the index sees every write, including other tabs').
  subs.push(
    index.onChange((name) => {
      const lane = lanes.get(name);
      if (lane && pushable(lane).length > 0) kick(lane, { push: true });
    }),
  );

  // ---- the live stream ---------------------------------------------------------------------------------------

  const streamAbort = new AbortController();
  let streamRunning = false;
  // Logical time the stream was last lost (or never had): an audit asked for after it verifies the reconnect.
  let streamLostAt = 0;
  // Ends the wait before the stream's next attempt (the network is back, or 立即同步).
  let wakeStream: (() => void) | null = null;
  // The stream's request while it waits for its answer; 立即同步 gives it up, as it may be on a dead connection.
  let connecting: AbortController | null = null;
  let retryStreamNow = false;

  const runStream = async () => {
    if (streamRunning) return;
    streamRunning = true;
    try {
      await streamLoop();
    } finally {
      streamRunning = false;
    }
  };
  const streamLoop = async () => {
    let backoff = minRetry;
    while (!stopped) {
      // One controller per connection: the watchdog ends a silent one without stopping the loop.
      const connection = new AbortController();
      const onStop = () => connection.abort();
      streamAbort.signal.addEventListener('abort', onStop, { once: true });
      // The watchdog runs from the request on: a connection that goes silent before its answer's headers (a dropped
      // link without a reset) is given up as one that goes silent after them, or the stream would wait for ever.
      let lastBytes = Date.now();
      const watchdog = setInterval(() => {
        if (Date.now() - lastBytes > streamIdleMs) connection.abort();
      }, Math.min(5000, streamIdleMs / 2));
      // The connection's watchdog and stop listener end with it, however it ends.
      let r: Awaited<ReturnType<typeof api.openStream>>;
      try {
        connecting = connection;
        r = await api.openStream(connection.signal);
        connecting = null;
        lastBytes = Date.now();
        if (stopped) return;
        if (r.ok) {
          backoff = minRetry;
          streamConnected = true;
          errors.delete('stream');
          publish();
          try {
            await readSse(
              r.value.body as ReadableStream<Uint8Array>,
              (ev) => {
                if (ev.event === STREAM_EVENTS.change) {
                  const poke = JSON.parse(ev.data) as StreamPoke;
                  const lane = lanes.get(poke.collection);
                  if (lane && poke.seq > lane.checkpoint && poke.seq > lane.wanted) {
                    lane.wanted = poke.seq;
                    // A running lane sees `wanted` before its next step; an idle one starts.
                    if (!lane.running) kick(lane, { pull: true });
                  }
                } else if (ev.event === STREAM_EVENTS.resync) {
                  // Sent on every connect: whatever happened while disconnected is pulled, then verified. With the
                  // server's heads, a collection is pulled only if it holds more than this PC (a pull under way may
                  // already bring it); without them, by a pull that starts after this event (a running lane's next
                  // page is one). A collection verified since the stream was lost is not asked again.
                  const heads = (JSON.parse(ev.data || '{}') as StreamResync).heads;
                  const at = ++clock;
                  for (const lane of lanes.values()) {
                    const head = heads?.[lane.name];
                    if (typeof head !== 'number') lane.pullAfter = at;
                    else if (head > lane.checkpoint && head > lane.wanted) lane.wanted = head;
                    if (lane.verifiedAt <= streamLostAt) lane.needAudit = true;
                    if (!lane.running) kick(lane, {});
                  }
                }
              },
              connection.signal,
              () => (lastBytes = Date.now()),
            );
          } catch {
            // connection dropped; reconnect below
          }
          streamConnected = false;
          streamLostAt = ++clock;
          publish();
        } else {
          errors.set('stream', r.error);
          streamLostAt = ++clock;
          publish();
        }
      } finally {
        connecting = null;
        clearInterval(watchdog);
        streamAbort.signal.removeEventListener('abort', onStop);
      }
      if (!r.ok && FATAL.has(r.error.code)) return;
      if (stopped) return;
      if (retryStreamNow) {
        retryStreamNow = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, backoff);
        function done() {
          clearTimeout(timer);
          wakeStream = null;
          resolve();
        }
        wakeStream = done;
      });
      backoff = Math.min(maxRetry, backoff * 2);
    }
  };

  const auditTimer = setInterval(() => {
    for (const lane of lanes.values()) kick(lane, { pull: true, audit: true });
  }, auditEvery);

  const syncNow = async () => {
    for (const key of [...errors.keys()]) if (key !== 'stream' || !streamConnected) errors.delete(key);
    for (const lane of lanes.values()) resume(lane);
    // A fatal answer (e.g. 426 before the app was updated) ends the stream's loop; start it again. One waiting to
    // retry tries now, and one still waiting for its answer (perhaps on a connection that died silently) starts over.
    if (leader) void runStream();
    wakeStream?.();
    if (connecting) {
      retryStreamNow = true;
      connecting.abort();
    }
    publish();
  };

  const onOnline = () => void syncNow();
  const onOffline = () => {
    errors.set('network', { code: 'NETWORK' });
    publish();
  };
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);
  subs.push(index.count$.subscribe((n) => onStatus({ pending: n })));
  publish();

  void (async () => {
    await index.ready;
    await db.waitForLeadership();
    if (stopped) return;
    leader = true;
    for (const lane of lanes.values()) void run(lane);
    // The lanes' first exchange leaves first, on the connection the login (or the page) left open; the stream, open
    // for as long as the window is, takes a new one (on a 300 ms link a new connection costs a round trip more).
    setTimeout(() => void runStream(), 0);
  })();

  return {
    syncNow,
    stats: () => ({ ...stats, exchanges: batcher.exchanges() }),
    awaitInSync: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          idleWaiters.delete(done);
          resolve();
        };
        idleWaiters.add(done);
        // Let lanes woken by the caller start first, then check.
        setTimeout(notifyIdle, 0);
      }),
    stop: async () => {
      stopped = true;
      streamAbort.abort();
      clearInterval(auditTimer);
      for (const lane of lanes.values()) if (lane.retryTimer) clearTimeout(lane.retryTimer);
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      for (const s of subs) {
        if (typeof s === 'function') s();
        else s.unsubscribe();
      }
      // Let a step under way finish its local write, so that the database can close cleanly.
      const deadline = Date.now() + 5000;
      while ([...lanes.values()].some((l) => l.running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      onStatus({ state: 'disabled', error: null });
    },
  };
}
