// One RxDB replication per collection against the district server (issue #3): pull by the server's sequence,
// push with assumedMasterState, live changes over SSE. Retries with backoff, resumes from the checkpoint RxDB keeps
// in IndexedDB, restarts on 'online', and keeps running while the window is hidden.
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, type Subscription } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { STREAM_EVENTS, type Rejection, type ReplicatedDoc, type StreamChange, type SyncCheckpoint } from '../../shared/sync/protocol';
import type { LinliDatabase } from '../db/database';
import { SyncFailure, type ApiClient, type StoredSession, type SyncError } from './api-client';
import type { PendingTracker } from './pending';
import { readSse } from './sse';

export type SyncState = 'disabled' | 'offline' | 'syncing' | 'online' | 'error';

export type RejectedDoc = Rejection & { collection: CollectionName; at: string };

export type SyncStatus = {
  state: SyncState;
  pending: number;
  lastSyncAt: string | null;
  error: SyncError | null;
  /** Documents the server refused, with its reason; kept until the document is saved again and accepted. */
  rejected: RejectedDoc[];
};

export type SyncController = {
  syncNow: () => Promise<void>;
  stop: () => Promise<void>;
  /** Resolves when every collection has pushed and pulled what it has (for tests and "立即同步"). */
  awaitInSync: () => Promise<void>;
  replications: Partial<Record<CollectionName, RxReplicationState<unknown, SyncCheckpoint>>>;
};

export type SyncDeps = {
  db: LinliDatabase;
  api: ApiClient;
  session: StoredSession;
  pending: PendingTracker;
  onStatus: (patch: Partial<SyncStatus>) => void;
  getRejected: () => RejectedDoc[];
  /** Backoff bounds, ms. */
  minRetry?: number;
  maxRetry?: number;
  now?: () => string;
};

const INTERNAL = ['_rev', '_meta', '_attachments'];
const clean = <T extends object>(doc: T): T => {
  const out = { ...doc } as Record<string, unknown>;
  for (const k of INTERNAL) delete out[k];
  return out as T;
};

/** The server refuses bodies over 5 MiB; stay well under it, counting UTF-16 length as an upper bound of bytes / 3. */
export const PUSH_BODY_BUDGET = 4 * 1024 * 1024;

/**
 * Splits push rows into requests under the body budget. A single document larger than the budget can never be
 * accepted; it is reported as rejected (kept locally, shown to the user) instead of blocking the collection forever.
 */
export function splitBySize<R extends { newDocumentState: unknown }>(rows: readonly R[], budget: number): { batches: R[][]; oversized: Rejection[] } {
  const encoder = new TextEncoder();
  const batches: R[][] = [];
  const oversized: Rejection[] = [];
  let current: R[] = [];
  let size = 0;
  for (const row of rows) {
    const bytes = encoder.encode(JSON.stringify(row)).length;
    if (bytes > budget) {
      const id = String((row.newDocumentState as { id?: unknown }).id ?? '');
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
const FATAL: ReadonlySet<string> = new Set(['UPGRADE_REQUIRED', 'SERVER_OUTDATED', 'NOT_LOGGED_IN', 'INVALID_CREDENTIALS']);

export function startSync(deps: SyncDeps): SyncController {
  const { db, api, session, pending, onStatus } = deps;
  const minRetry = deps.minRetry ?? 1000;
  const maxRetry = deps.maxRetry ?? 60_000;
  const now = deps.now ?? (() => new Date().toISOString());
  const streams = new Map<CollectionName, Subject<RxReplicationPullStreamItem<unknown, SyncCheckpoint>>>();
  const replications: SyncController['replications'] = {};
  const subs: Subscription[] = [];
  const active = new Set<CollectionName>();
  let stopped = false;
  // Errors by where they came from (a collection, 'stream', 'network'), so that one collection's success does not
  // hide another's lasting failure (e.g. a push the role may not make) and the indicator does not flicker.
  const errors = new Map<string, SyncError>();
  const currentError = (): SyncError | null => {
    const all = [...errors.values()];
    return all.find((e) => FATAL.has(e.code)) ?? all.find((e) => e.code !== 'NETWORK') ?? all[0] ?? null;
  };
  let streamConnected = false;
  // 'online' only once the server has answered this session: before the first pull the stream may already be open
  // while nothing has been exchanged yet (the indicator said 在线 with 上次同步：从未).
  let exchanged = false;
  // Backoff per collection. One outage fails a request of every collection at once; a shared delay doubled by each
  // of them jumped straight to maxRetry, so a server back after a few seconds was used only a minute later.
  const retries = new Map<CollectionName, number>();
  const setRetry = (name: CollectionName, ms: number) => {
    retries.set(name, ms);
    const r = replications[name];
    if (r) r.retryTime = ms;
  };

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
            : active.size > 0 || !exchanged
              ? 'syncing'
              : streamConnected
                ? 'online'
                : 'syncing';
    onStatus({ state, error: lastError });
  };

  const fail = (name: CollectionName, error: SyncError): never => {
    errors.set(name, error);
    setRetry(name, Math.min(maxRetry, (retries.get(name) ?? minRetry) * 2));
    if (FATAL.has(error.code)) for (const r of Object.values(replications)) void r?.pause();
    publish();
    throw new SyncFailure(error);
  };

  const succeeded = (name: CollectionName) => {
    errors.delete(name);
    errors.delete(`local:${name}`);
    errors.delete('network'); // an answer from the server proves the network is back
    exchanged = true;
    setRetry(name, minRetry);
    onStatus({ lastSyncAt: now() });
    publish();
  };

  const recordRejections = (collection: CollectionName, rejected: Rejection[], acceptedIds: string[]) => {
    const keep = deps.getRejected().filter((r) => !(r.collection === collection && acceptedIds.includes(r.id)));
    const added = rejected.map((r) => ({ ...r, collection, at: now() }));
    const byKey = new Map([...keep, ...added].map((r) => [`${r.collection}/${r.id}`, r]));
    onStatus({ rejected: [...byKey.values()] });
  };

  for (const name of COLLECTION_NAMES) {
    const stream$ = new Subject<RxReplicationPullStreamItem<unknown, SyncCheckpoint>>();
    streams.set(name, stream$);
    const collection = db.collections[name];
    const replication = replicateRxCollection<unknown, SyncCheckpoint>({
      // One identifier per server and compound: logging in elsewhere starts from a fresh checkpoint.
      replicationIdentifier: `linli-sync|${session.serverUrl}|${session.compound.code}|${name}`,
      collection: collection as never,
      live: true,
      retryTime: minRetry,
      autoStart: true,
      // RxDB 17 pauses replication of hidden documents by default; an office PC minimised all day must keep syncing.
      toggleOnDocumentVisible: false,
      waitForLeadership: true,
      pull: {
        batchSize: 200,
        stream$: stream$.asObservable(),
        handler: async (checkpoint, batchSize) => {
          const r = await api.pull(name, checkpoint?.seq ?? 0, batchSize);
          if (!r.ok) return fail(name, r.error);
          succeeded(name);
          return { documents: r.value.documents as never[], checkpoint: r.value.checkpoint };
        },
      },
      push: {
        batchSize: 100,
        handler: async (rows) => {
          const body = {
            rows: rows.map((row) => ({
              ...(row.assumedMasterState ? { assumedMasterState: clean(row.assumedMasterState as object) as ReplicatedDoc } : {}),
              newDocumentState: clean(row.newDocumentState as object) as ReplicatedDoc,
            })),
          };
          const { batches, oversized } = splitBySize(body.rows, PUSH_BODY_BUDGET);
          const result: { conflicts: ReplicatedDoc[]; rejected: Rejection[] } = { conflicts: [], rejected: [...oversized] };
          for (const rowsOfBatch of batches) {
            const r = await api.push(name, { rows: rowsOfBatch } as never);
            if (!r.ok) return fail(name, r.error);
            result.conflicts.push(...(r.value.conflicts as ReplicatedDoc[]));
            result.rejected.push(...r.value.rejected);
          }
          const conflicted = new Set(result.conflicts.map((d) => d.id));
          const refused = new Set(result.rejected.map((d) => d.id));
          const accepted: string[] = [];
          for (const row of body.rows) {
            const doc = row.newDocumentState as { id: string; updatedAt?: string };
            if (conflicted.has(doc.id) || refused.has(doc.id)) continue;
            accepted.push(doc.id);
            pending.confirm(name, doc.id, doc.updatedAt);
          }
          recordRejections(name, result.rejected, accepted);
          succeeded(name);
          return result.conflicts as never[];
        },
      },
    });
    replications[name] = replication as RxReplicationState<unknown, SyncCheckpoint>;
    subs.push(
      replication.active$.subscribe((isActive) => {
        if (isActive) active.add(name);
        else active.delete(name);
        publish();
      }),
      replication.error$.subscribe((e) => {
        // Handler failures were already recorded by fail(); anything else (e.g. a local write error) is shown too.
        const cause = (e as { parameters?: { errors?: { name?: string }[] } }).parameters?.errors?.[0];
        if (cause?.name !== 'SyncFailure') {
          errors.set(`local:${name}`, { code: 'BAD_RESPONSE', message: String(e) });
          publish();
        }
      }),
    );
  }

  // The live stream: one SSE connection for every collection of the compound.
  const streamAbort = new AbortController();
  const runStream = async () => {
    let backoff = minRetry;
    while (!stopped) {
      const r = await api.openStream(streamAbort.signal);
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
                const change = JSON.parse(ev.data) as StreamChange;
                streams.get(change.collection)?.next({ documents: change.documents as never[], checkpoint: change.checkpoint });
              } else if (ev.event === STREAM_EVENTS.resync) {
                for (const s of streams.values()) s.next('RESYNC');
              }
            },
            streamAbort.signal,
          );
        } catch {
          // connection dropped; reconnect below
        }
        streamConnected = false;
        publish();
      } else {
        errors.set('stream', r.error);
        publish();
        if (FATAL.has(r.error.code)) return;
      }
      if (stopped) return;
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(maxRetry, backoff * 2);
    }
  };
  void runStream();

  const syncNow = async () => {
    errors.clear();
    for (const name of COLLECTION_NAMES) setRetry(name, minRetry);
    for (const r of Object.values(replications)) {
      if (!r) continue;
      if (r.isPaused()) await r.start();
      r.reSync();
    }
    for (const s of streams.values()) s.next('RESYNC');
    publish();
  };

  const onOnline = () => void syncNow();
  const onOffline = () => {
    errors.set('network', { code: 'NETWORK' });
    publish();
  };
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('offline', onOffline);
  subs.push(pending.count$.subscribe((n) => onStatus({ pending: n })));
  publish();

  return {
    replications,
    syncNow,
    awaitInSync: async () => {
      await Promise.all(Object.values(replications).map((r) => r?.awaitInSync()));
    },
    stop: async () => {
      stopped = true;
      streamAbort.abort();
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', onOffline);
      subs.forEach((s) => s.unsubscribe());
      await Promise.all(Object.values(replications).map((r) => r?.cancel()));
      onStatus({ state: 'disabled', error: null });
    },
  };
}
