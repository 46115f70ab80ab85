// Every lane's pull and digest through one exchange (POST /sync/batch, issue #14). Lanes still decide alone what they
// need; the batcher only carries their questions together: asked in the same tick, or while an exchange is in flight,
// they leave in the next one. So an empty PC takes the whole compound in a few requests (the server fills each answer
// up to its byte budget across collections), and a reconnect checks every collection in one. A server that predates
// the batch (404) is asked per collection, as before.
import type { CollectionName } from '../../shared/schema';
import type { Result } from '../../shared/result';
import { BATCH_BUDGET_BYTES, BATCH_FIRST_BUDGET_BYTES, type BatchPull, type BatchRequest, type BatchResponse, type DigestResponse, type PullResponse } from '../../shared/sync/protocol';
import { SyncFailure, type SyncError } from './api-client';

/** Documents per pull when the server has no batch endpoint. */
export const PULL_BATCH = 500;

export type PullPart = BatchPull & {
  /** The collection's digest, read by the server after this pull's documents, when it was asked for. */
  readonly digest?: DigestResponse;
};

export type Batcher = {
  /** The collection's versions after `seq`; `withDigest` also asks for its digest in the same exchange. Throws SyncFailure. */
  pull: (collection: CollectionName, seq: number, withDigest: boolean) => Promise<PullPart>;
  /** The collection's digest. Throws SyncFailure. */
  digest: (collection: CollectionName) => Promise<DigestResponse>;
  /** Exchanges made (for the figures). */
  exchanges: () => number;
};

type Waiter<T> = { resolve: (v: T) => void; reject: (e: unknown) => void };

/** What the batcher asks of the API client. */
export type BatchApi = {
  batch: (body: BatchRequest) => Promise<Result<BatchResponse, SyncError>>;
  pull: (collection: CollectionName, seq: number, limit: number) => Promise<Result<PullResponse, SyncError>>;
  digest: (collection: CollectionName) => Promise<Result<DigestResponse, SyncError>>;
};

export function createBatcher(api: BatchApi): Batcher {
  let pulls = new Map<CollectionName, { seq: number; withDigest: boolean; waiter: Waiter<PullPart> }>();
  let digests = new Map<CollectionName, Waiter<DigestResponse>[]>();
  let inFlight = false;
  let scheduled = false;
  let legacy = false;
  let exchanges = 0;
  // Exchanges in a row whose answer left more to pull: a catch-up's pages grow fourfold from BATCH_FIRST_BUDGET_BYTES,
  // so the first documents arrive (and are written) while the server reads the next, larger page, and a slow link
  // reaches the full budget in two more round trips (doubling took four: 1.5 s more at 300 ms round trip).
  let catchingUp = 0;

  const schedule = () => {
    if (inFlight || scheduled) return;
    scheduled = true;
    setTimeout(() => void flush(), 0);
  };

  const failAll = (ps: typeof pulls, ds: typeof digests, error: SyncError) => {
    const e = new SyncFailure(error);
    for (const p of ps.values()) p.waiter.reject(e);
    for (const ws of ds.values()) for (const w of ws) w.reject(e);
  };

  async function flush(): Promise<void> {
    scheduled = false;
    // One exchange at a time: what is asked meanwhile leaves when it ends (see finally).
    if (inFlight || (pulls.size === 0 && digests.size === 0)) return;
    const ps = pulls;
    const ds = digests;
    pulls = new Map();
    digests = new Map();
    inFlight = true;
    try {
      if (legacy) {
        await perCollection(ps, ds);
        return;
      }
      const wantDigest = new Set<CollectionName>([...ds.keys(), ...[...ps].filter(([, p]) => p.withDigest).map(([c]) => c)]);
      const request: BatchRequest = {
        ...(ps.size > 0 ? { pull: Object.fromEntries([...ps].map(([c, p]) => [c, p.seq])) } : {}),
        ...(wantDigest.size > 0 ? { digest: [...wantDigest] } : {}),
        ...(ps.size > 0 ? { budget: Math.min(BATCH_BUDGET_BYTES, BATCH_FIRST_BUDGET_BYTES * 4 ** Math.min(catchingUp, 8)) } : {}),
      };
      exchanges++;
      const r = await api.batch(request);
      if (!r.ok) {
        // A server from before the batch: ask it per collection from now on.
        if (r.error.code === 'NOT_FOUND') {
          legacy = true;
          await perCollection(ps, ds);
          return;
        }
        failAll(ps, ds, r.error);
        return;
      }
      const missing: SyncError = { code: 'BAD_RESPONSE', message: 'the batch answer lacks a collection asked for' };
      if (ps.size > 0) catchingUp = Object.values(r.value.pulls).some((part) => part?.more === true) ? catchingUp + 1 : 0;
      for (const [c, p] of ps) {
        const part = r.value.pulls[c];
        if (!part || !Array.isArray(part.documents) || typeof part.checkpoint?.seq !== 'number') p.waiter.reject(new SyncFailure(missing));
        else {
          const digest = p.withDigest ? r.value.digests[c] : undefined;
          p.waiter.resolve(digest ? { ...part, digest } : part);
        }
      }
      for (const [c, ws] of ds) {
        const d = r.value.digests[c];
        for (const w of ws) {
          if (d) w.resolve(d);
          else w.reject(new SyncFailure(missing));
        }
      }
    } catch (e) {
      // Not expected (the client returns errors as values); never leave a lane waiting.
      failAll(ps, ds, { code: 'BAD_RESPONSE', message: e instanceof Error ? e.message : String(e) });
    } finally {
      inFlight = false;
      if (pulls.size > 0 || digests.size > 0) schedule();
      // Lanes whose part said "more" ask for their next page as soon as they read it (before writing this one):
      // send those now, after the lanes' first reactions to this answer, not behind the timer queue that their writes
      // are about to fill.
      else queueMicrotask(() => {
        if (!inFlight && (pulls.size > 0 || digests.size > 0)) void flush();
      });
    }
  }

  async function perCollection(ps: typeof pulls, ds: typeof digests): Promise<void> {
    await Promise.all([
      ...[...ps].map(async ([c, p]) => {
        exchanges++;
        const r = await api.pull(c, p.seq, PULL_BATCH);
        if (!r.ok) return p.waiter.reject(new SyncFailure(r.error));
        p.waiter.resolve({ ...r.value, more: r.value.documents.length >= PULL_BATCH });
      }),
      ...[...ds].map(async ([c, ws]) => {
        exchanges++;
        const r = await api.digest(c);
        for (const w of ws) {
          if (r.ok) w.resolve(r.value);
          else w.reject(new SyncFailure(r.error));
        }
      }),
    ]);
  }

  return {
    pull: (collection, seq, withDigest) =>
      new Promise<PullPart>((resolve, reject) => {
        const earlier = pulls.get(collection);
        // One pull per collection per exchange: a lane asks again only after its answer, so this is a stale caller.
        if (earlier) earlier.waiter.reject(new SyncFailure({ code: 'BAD_RESPONSE', message: `a second pull of ${collection} in one batch` }));
        pulls.set(collection, { seq, withDigest, waiter: { resolve, reject } });
        schedule();
      }),
    digest: (collection) =>
      new Promise<DigestResponse>((resolve, reject) => {
        digests.set(collection, [...(digests.get(collection) ?? []), { resolve, reject }]);
        schedule();
      }),
    exchanges: () => exchanges,
  };
}
