// Live changes for the SSE streams of this process. Writers announce (tenant, collection, seq range) on a channel;
// with PostgreSQL every server process LISTENs, so a write through any process reaches streams on all of them.
// Streams only pass on "collection C reached seq N" (protocol 2): documents travel by pull alone, so the feed never
// reads them, and a notice costs no query.
import { COLLECTION_NAMES } from '../../shared/schema';
import type { StreamPoke } from '../../shared/sync/protocol';
import type { Db } from '../db/db';
import { CHANGES_CHANNEL, type ChangeNotice } from './push';

export type FeedSubscriber = {
  onChange(poke: StreamPoke): void;
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

  const each = (subs: Iterable<FeedSubscriber>, fn: (s: FeedSubscriber) => void): void => {
    // One broken stream must not keep the others from hearing about the change.
    for (const s of [...subs]) {
      try {
        fn(s);
      } catch (e) {
        log(`change feed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };

  // Delivered synchronously, in the order the notices arrive: a tenant's streams see its pokes in that order.
  const onNotice = (payload: string): void => {
    const n = parseNotice(payload);
    const subs = n ? byTenant.get(n.t) : undefined;
    if (!n || !subs) return;
    const poke: StreamPoke = { collection: n.c, seq: n.to };
    each(subs, (s) => s.onChange(poke));
  };

  const onReconnect = (): void => {
    for (const subs of byTenant.values()) each(subs, (s) => s.onResync());
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
      byTenant.clear();
    },
  };
}
