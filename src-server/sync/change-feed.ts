// Live changes for the SSE streams of this process. Writers announce (tenant, collection, seq range) on a channel;
// with PostgreSQL every server process LISTENs, so a write through any process reaches streams on all of them.
// Listeners re-read the documents rather than trusting a payload (pg_notify payloads are limited to 8000 bytes).
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import type { StreamChange } from '../../shared/sync/protocol';
import type { Db } from '../db/db';
import { changedBetween, toReplicated } from './documents';
import { CHANGES_CHANNEL, type ChangeNotice } from './push';

export type FeedSubscriber = {
  onChange(change: StreamChange): void;
  /** Changes may have been missed (the LISTEN connection dropped): the client should pull again. */
  onResync(): void;
};

export type ChangeFeed = {
  subscribe(tenantId: string, s: FeedSubscriber): () => void;
  subscriberCount(): number;
  close(): Promise<void>;
};

function parseNotice(payload: string): ChangeNotice | undefined {
  try {
    const n: unknown = JSON.parse(payload);
    if (typeof n !== 'object' || n === null) return undefined;
    const o = n as Record<string, unknown>;
    if (typeof o.t !== 'string' || typeof o.c !== 'string' || typeof o.from !== 'number' || typeof o.to !== 'number') return undefined;
    const c = COLLECTION_NAMES.find((name) => name === o.c);
    return c ? { t: o.t, c, from: o.from, to: o.to } : undefined;
  } catch {
    return undefined;
  }
}

export async function createChangeFeed(db: Db, log: (msg: string) => void): Promise<ChangeFeed> {
  const byTenant = new Map<string, Set<FeedSubscriber>>();
  // Notices of one tenant are handled one after another, so that a stream sees checkpoints in increasing order.
  const queues = new Map<string, Promise<void>>();

  const deliver = async (n: ChangeNotice): Promise<void> => {
    const subs = byTenant.get(n.t);
    if (!subs || subs.size === 0) return;
    const rows = await changedBetween(db, n.t, n.c as CollectionName, n.from, n.to);
    const last = rows[rows.length - 1];
    if (!last) return; // every document of the range was overwritten since; a later notice carries it
    const change: StreamChange = { collection: n.c, documents: rows.map(toReplicated), checkpoint: { seq: last.seq } };
    for (const s of byTenant.get(n.t) ?? []) s.onChange(change);
  };

  const onNotice = (payload: string): void => {
    const n = parseNotice(payload);
    if (!n || !byTenant.has(n.t)) return;
    const prev = queues.get(n.t) ?? Promise.resolve();
    const next = prev
      .then(() => deliver(n))
      .catch((e: unknown) => {
        log(`change feed: ${e instanceof Error ? e.message : String(e)}`);
        for (const s of byTenant.get(n.t) ?? []) s.onResync();
      });
    queues.set(n.t, next);
    void next.finally(() => {
      if (queues.get(n.t) === next) queues.delete(n.t);
    });
  };

  const onReconnect = (): void => {
    for (const subs of byTenant.values()) for (const s of subs) s.onResync();
  };

  const unlisten = await db.listen(CHANGES_CHANNEL, onNotice, onReconnect);

  return {
    subscribe(tenantId, s) {
      const set = byTenant.get(tenantId) ?? new Set<FeedSubscriber>();
      set.add(s);
      byTenant.set(tenantId, set);
      return () => {
        set.delete(s);
        if (set.size === 0 && byTenant.get(tenantId) === set) byTenant.delete(tenantId);
      };
    },
    subscriberCount() {
      let n = 0;
      for (const set of byTenant.values()) n += set.size;
      return n;
    },
    async close() {
      await unlisten();
      await Promise.allSettled([...queues.values()]);
      byTenant.clear();
    },
  };
}
