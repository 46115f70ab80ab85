// One PC of the chaos test, in its own process (`node --import tsx tests/chaos/pc-main.ts`, forked by pc.ts): the
// app's RxDB database on Dexie over fake-indexeddb, the app's sync engine logged in through this PC's fault proxy,
// and a seeded stream of user writes on roster and tasks. Controlled over IPC (pc-types.ts).
import 'fake-indexeddb/auto';
import { getChangedDocumentsSince, type RxCollection, type RxDocument } from 'rxdb';
import { COLLECTION_NAMES } from '../../shared/schema';
import { openDatabase, type LinliDatabase } from '../../src-renderer/db/database';
import { createSyncService, type SyncService } from '../../src-renderer/sync/sync-service';
import { MemoryStorage } from '../../src-renderer/testing/memory-storage';
import { createRng, type Rng } from './rng';
import type { ChaosCollection, PcConfig, PcDump, PcReply, PcRequest, PcStatus, RunResult, WriteRecord } from './pc-types';

/** Free-text fields a user edits; every value written is unique ("A1.17"), so that it can be traced. */
export const EDITABLE: Record<ChaosCollection, readonly string[]> = {
  roster: ['name', 'note', 'building', 'unit', 'room', 'post'],
  tasks: ['title', 'description', 'category', 'location', 'ownerName', 'result'],
};

type AnyDoc = Record<string, unknown> & { id: string };
type AnyCollection = RxCollection<AnyDoc>;

let config: PcConfig | undefined;
let db: LinliDatabase | undefined;
let sync: SyncService | undefined;
let rng: Rng | undefined;
const fetchStats = { requests: 0, networkErrors: 0, byStatus: {} as Record<string, number>, byKind: {} as Record<string, number> };

/** login, refresh, stream, pull, push, digest, versions, fetch, … */
const kindOf = (path: string): string => {
  const m = /\/api\/v1\/(?:auth\/(\w+)|sync\/(?:\w+\/)?(\w+))/.exec(path);
  return m?.[1] ?? m?.[2] ?? 'other';
};
const transitions: Record<string, number> = {};
const errorsSeen: Record<string, number> = {};
const unhandled: string[] = [];

process.on('unhandledRejection', (e) => {
  const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
  unhandled.push(text.slice(0, 500));
  console.error(`[pc] unhandled rejection: ${text}`);
});
// The orchestrator is gone (crashed, killed): a PC never outlives it.
process.on('disconnect', () => process.exit(3));

/** The app's fetch, counted, and logged one line per request (the PC's log file is the network trace). */
const countingFetch: typeof fetch = async (input, init) => {
  fetchStats.requests++;
  const n = fetchStats.requests;
  const t0 = Date.now();
  const what = `${init?.method ?? 'GET'} ${String(input instanceof Request ? input.url : input).replace(/^https?:\/\/[^/]+/, '')}`;
  console.log(`${new Date(t0).toISOString()} fetch #${n} ${what}`);
  const kind = kindOf(what);
  fetchStats.byKind[kind] = (fetchStats.byKind[kind] ?? 0) + 1;
  try {
    const res = await fetch(input, init);
    const k = String(res.status);
    fetchStats.byStatus[k] = (fetchStats.byStatus[k] ?? 0) + 1;
    console.log(`${new Date().toISOString()} fetch #${n} → ${res.status} in ${Date.now() - t0} ms`);
    return res;
  } catch (e) {
    fetchStats.networkErrors++;
    console.log(`${new Date().toISOString()} fetch #${n} → ${e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e)} in ${Date.now() - t0} ms`);
    throw e;
  }
};

const now = () => new Date().toISOString();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`${what} not ready (send init first)`);
  return v;
};

function coll(name: ChaosCollection): AnyCollection {
  return need(db, 'database')[name] as unknown as AnyCollection;
}

async function init(c: PcConfig): Promise<void> {
  config = c;
  rng = createRng(c.seed);
  db = await openDatabase({ name: `chaos-${c.name}`, conflict: { operator: () => c.name, deviceId: () => `device-${c.name}` } });
  sync = createSyncService(db, { storage: new MemoryStorage(), fetch: countingFetch, minRetry: c.minRetry, maxRetry: c.maxRetry });
  let last = sync.store.getState().state;
  let lastError: unknown = null;
  sync.store.subscribe((s) => {
    if (s.state !== last) {
      last = s.state;
      transitions[s.state] = (transitions[s.state] ?? 0) + 1;
    }
    if (s.error !== lastError) {
      lastError = s.error;
      if (s.error) {
        const code = String((s.error as { code?: unknown }).code ?? 'unknown');
        errorsSeen[code] = (errorsSeen[code] ?? 0) + 1;
        console.log(`${now()} indicator error ${JSON.stringify(s.error)}`);
      }
    }
  });
}

async function login(): Promise<{ attempts: number }> {
  const c = need(config, 'config');
  const s = need(sync, 'sync');
  const deadline = Date.now() + 90_000;
  for (let attempts = 1; ; attempts++) {
    const r = await s.login(c.serverUrl, { compound: c.compound, username: c.username, password: c.password });
    if (r.ok) return { attempts };
    // Only a network failure is worth another try; wrong credentials are a bug of the harness.
    if (r.error.code !== 'NETWORK' && r.error.code !== 'BAD_RESPONSE' && r.error.code !== 'INTERNAL') {
      throw new Error(`login refused: ${JSON.stringify(r.error)}`);
    }
    if (Date.now() > deadline) throw new Error(`login failed for 90 s: ${JSON.stringify(r.error)}`);
    await sleep(500);
  }
}

/** Shared document ids: slot i of the pool is `A-task-3`, and after this PC saw it deleted, `A-task-3-g1`, `-g2`, … */
const poolId = (c: PcConfig, collection: ChaosCollection, i: number, generation = 0) =>
  `${c.prefix}-${collection === 'roster' ? 'roster' : 'task'}-${i}${generation > 0 ? `-g${generation}` : ''}`;

function newDoc(c: PcConfig, collection: ChaosCollection, id: string, value: string): { doc: AnyDoc; fields: Record<string, string> } {
  const base = { id, createdAt: now(), updatedAt: now(), createdBy: c.name, updatedBy: c.name };
  if (collection === 'roster') {
    const fields = { name: value, note: value };
    return { doc: { ...base, kind: 'person', party: 'branch', status: 'active', ...fields }, fields };
  }
  const fields = { title: value, description: value };
  return { doc: { ...base, leadParty: 'property', status: 'pending', priority: 'normal', ...fields }, fields };
}

/** Live document, tombstone (the PC saw it deleted: never re-created on purpose), or nothing at all. */
async function lookup(collection: ChaosCollection, id: string): Promise<{ live: RxDocument<AnyDoc> | null; tombstone: boolean }> {
  const c = coll(collection);
  const live = await c.findOne(id).exec();
  if (live) return { live, tombstone: false };
  const stored = await c.storageInstance.findDocumentsById([id], true);
  return { live: null, tombstone: stored.length > 0 };
}

/**
 * The current document of a pool slot: the first generation this PC has not seen deleted. PCs that saw the same
 * tombstones agree on it; a PC that has not seen a deletion yet keeps editing the deleted one (edit against delete).
 */
async function poolSlot(c: PcConfig, collection: ChaosCollection, i: number): Promise<{ id: string; found: Awaited<ReturnType<typeof lookup>> }> {
  for (let g = 0; ; g++) {
    const id = poolId(c, collection, i, g);
    const found = await lookup(collection, id);
    if (!found.tombstone || g >= 50) return { id, found };
  }
}

async function run(): Promise<RunResult> {
  const c = need(config, 'config');
  const r = need(rng, 'rng');
  const s = need(sync, 'sync');
  const started = Date.now();
  const writes: WriteRecord[] = [];
  const counts = { creates: 0, poolCreates: 0, edits: 0, deletes: 0, skipped: 0, failed: 0, syncNow: 0 };
  const failures: Record<string, number> = {};
  const own: Record<ChaosCollection, string[]> = { roster: [], tasks: [] };
  let ownCounter = 0;

  const record = (w: Omit<WriteRecord, 'pc' | 'at'>) => {
    writes.push({ ...w, pc: c.name, at: Date.now() });
    console.log(`${now()} op ${w.n} ${w.kind} ${w.collection}/${w.id} ${JSON.stringify(w.fields)}${w.onTombstone ? ' (on a tombstone)' : ''}`);
  };

  for (let n = 1; n <= c.ops; n++) {
    await sleep(r.int(c.pauseMs[0], c.pauseMs[1]));
    const value = `${c.name}.${n}`;
    const collection: ChaosCollection = r.chance(0.5) ? 'roster' : 'tasks';
    const roll = r.next();
    // Decide everything random up front, so that the schedule does not depend on what happens to exist locally.
    const poolIndex = r.int(0, c.pool - 1);
    const ownPick = r.next();
    const usePool = r.next();
    const fieldCount = r.chance(0.3) ? 2 : 1;
    const fields = [...EDITABLE[collection]].sort(() => r.next() - 0.5).slice(0, fieldCount);
    const userSyncNow = r.chance(0.03);
    try {
      if (roll < 0.1) {
        // Create a document of this PC's own.
        const id = `${c.prefix}-${c.name}-${collection === 'roster' ? 'r' : 't'}${++ownCounter}`;
        const d = newDoc(c, collection, id, value);
        await coll(collection).insert(d.doc);
        own[collection].push(id);
        counts.creates++;
        record({ n, collection, id, kind: 'create', fields: d.fields, pool: false });
      } else if (roll < 0.16) {
        // Delete: a shared document (concurrent edits and deletes of the same document) or one of its own.
        const slot = usePool < 0.5 ? await poolSlot(c, collection, poolIndex) : undefined;
        const candidates = slot ? [slot.id] : own[collection];
        const id = candidates.length > 0 ? candidates[Math.floor(ownPick * candidates.length)]! : undefined;
        const found = slot ? slot.found : id ? await lookup(collection, id) : { live: null, tombstone: false };
        if (!id || !found.live) {
          counts.skipped++;
          continue;
        }
        await found.live.incrementalRemove();
        if (!slot) own[collection] = own[collection].filter((x) => x !== id);
        counts.deletes++;
        record({ n, collection, id, kind: 'delete', fields: {}, pool: slot !== undefined });
      } else {
        // Edit: mostly the shared pool, sometimes its own documents.
        const liveOwn = own[collection];
        const pool = usePool < 0.8 || liveOwn.length === 0;
        const slot = pool ? await poolSlot(c, collection, poolIndex) : undefined;
        const id = slot ? slot.id : liveOwn[Math.floor(ownPick * liveOwn.length)]!;
        const found = slot ? slot.found : await lookup(collection, id);
        if (!found.live) {
          if (found.tombstone || !pool) {
            counts.skipped++;
            continue;
          }
          // A shared document this PC has not seen yet: whichever PC gets there first creates it.
          const d = newDoc(c, collection, id, value);
          await coll(collection).insert(d.doc);
          counts.poolCreates++;
          record({ n, collection, id, kind: 'create', fields: d.fields, pool: true });
        } else {
          const patch: Record<string, string> = {};
          for (const f of fields) patch[f] = value;
          const written = await found.live.incrementalPatch({ ...patch, updatedAt: now(), updatedBy: c.name });
          counts.edits++;
          record({ n, collection, id, kind: 'edit', fields: patch, pool, ...(written.deleted ? { onTombstone: true } : {}) });
        }
      }
    } catch (e) {
      counts.failed++;
      const msg = (e instanceof Error ? e.message : String(e)).slice(0, 120);
      failures[msg] = (failures[msg] ?? 0) + 1;
      console.error(`[pc ${c.name}] op ${n} failed: ${msg}`);
    }
    if (userSyncNow) {
      // The user presses 立即同步 now and then.
      counts.syncNow++;
      void s.syncNow().catch((e: unknown) => console.error(`[pc ${c.name}] syncNow: ${String(e)}`));
    }
  }
  return { writes, counts, failures, ms: Date.now() - started };
}

function status(): PcStatus {
  const s = need(sync, 'sync');
  const st = s.store.getState() as unknown as Record<string, unknown>;
  const statsFn = (s as unknown as { stats?: () => Record<string, number> }).stats;
  const errorValue = st.error ?? null;
  return {
    state: String(st.state),
    pending: Number(st.pending),
    error: errorValue,
    rejected: Array.isArray(st.rejected) ? st.rejected : [],
    divergences: Array.isArray(st.divergences) ? st.divergences : [],
    errorsSeen: { ...errorsSeen },
    lastSyncAt: typeof st.lastSyncAt === 'string' ? st.lastSyncAt : null,
    engine: typeof statsFn === 'function' ? statsFn() : null,
    fetch: { ...fetchStats, byStatus: { ...fetchStats.byStatus }, byKind: { ...fetchStats.byKind } },
    transitions: { ...transitions },
    unhandled: [...unhandled],
  };
}

const INTERNAL = new Set(['_rev', '_meta', '_attachments']);

async function dump(): Promise<PcDump> {
  const d = need(db, 'database');
  const out: PcDump = {};
  for (const name of COLLECTION_NAMES) {
    const instance = d[name].storageInstance as unknown as Parameters<typeof getChangedDocumentsSince>[0];
    const docs: Record<string, unknown>[] = [];
    let checkpoint: unknown = undefined;
    for (;;) {
      const page = await getChangedDocumentsSince(instance, 500, checkpoint as never);
      for (const doc of page.documents) {
        docs.push(Object.fromEntries(Object.entries(doc as object).filter(([k]) => !INTERNAL.has(k))));
      }
      if (page.documents.length < 500) break;
      checkpoint = page.checkpoint;
    }
    out[name] = docs;
  }
  return out;
}

async function stop(): Promise<void> {
  await sync?.stop();
  await db?.close();
}

async function handle(msg: PcRequest): Promise<unknown> {
  switch (msg.cmd) {
    case 'init':
      return init(msg.arg);
    case 'login':
      return login();
    case 'run':
      return run();
    case 'syncNow':
      return need(sync, 'sync').syncNow();
    case 'status':
      return status();
    case 'dump':
      return dump();
    case 'stop':
      await stop();
      setTimeout(() => process.exit(0), 50);
      return undefined;
  }
}

process.on('message', (raw) => {
  const msg = raw as PcRequest;
  handle(msg).then(
    (value) => process.send?.({ id: msg.id, ok: true, value: value ?? null } satisfies PcReply),
    (e: unknown) => process.send?.({ id: msg.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies PcReply),
  );
});
process.send?.({ id: 0, ok: true, value: 'ready' } satisfies PcReply);
