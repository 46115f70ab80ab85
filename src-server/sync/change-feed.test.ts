import { describe, expect, it } from 'vitest';
import type { StreamPoke } from '../../shared/sync/protocol';
import type { Db, NotificationHandler } from '../db/db';
import { createChangeFeed } from './change-feed';
import { CHANGES_CHANNEL } from './push';

/** A Db whose only working part is listen(); every query fails, so a feed that reads documents would show it. */
function fakeDb(): { db: Db; notify(payload: unknown): void; reconnect(): void } {
  let handler: NotificationHandler = () => undefined;
  let onReconnect = (): void => undefined;
  const refuse = (): never => {
    throw new Error('the change feed must not query');
  };
  const db: Db = {
    kind: 'pglite',
    query: refuse,
    transaction: refuse,
    exec: refuse,
    notify: refuse,
    close: async () => undefined,
    async listen(channel, h, r) {
      expect(channel).toBe(CHANGES_CHANNEL);
      handler = h;
      onReconnect = r;
      return async () => undefined;
    },
  };
  return { db, notify: (p) => handler(typeof p === 'string' ? p : JSON.stringify(p)), reconnect: () => onReconnect() };
}

describe('change feed', () => {
  it("pokes a tenant's subscribers with the collection and the notice's highest seq, in arrival order, reading nothing", async () => {
    const f = fakeDb();
    const feed = await createChangeFeed(f.db, () => undefined);
    const got: StreamPoke[] = [];
    const other: StreamPoke[] = [];
    feed.subscribe('t1', { onChange: (p) => got.push(p), onResync: () => undefined });
    feed.subscribe('t2', { onChange: (p) => other.push(p), onResync: () => undefined });
    f.notify({ t: 't1', c: 'tasks', from: 3, to: 5 });
    f.notify({ t: 't1', c: 'notices', from: 6, to: 6 });
    f.notify({ t: 't3', c: 'tasks', from: 1, to: 1 });
    f.notify({ t: 't1', c: 'no_such_collection', from: 7, to: 7 });
    f.notify('not json');
    f.notify({ t: 't1', c: 'tasks', from: '8', to: 8 });
    expect(got).toEqual([
      { collection: 'tasks', seq: 5 },
      { collection: 'notices', seq: 6 },
    ]);
    expect(other).toEqual([]);
    await feed.close();
  });

  it('asks every stream to resync when the listener reconnected, and one failing stream does not silence the others', async () => {
    const f = fakeDb();
    const logged: string[] = [];
    const feed = await createChangeFeed(f.db, (m) => logged.push(m));
    let resyncs = 0;
    const got: StreamPoke[] = [];
    feed.subscribe('t1', {
      onChange: () => {
        throw new Error('socket gone');
      },
      onResync: () => {
        throw new Error('socket gone');
      },
    });
    const unsubscribe = feed.subscribe('t1', { onChange: (p) => got.push(p), onResync: () => resyncs++ });
    feed.subscribe('t2', { onChange: () => undefined, onResync: () => resyncs++ });
    f.notify({ t: 't1', c: 'tasks', from: 1, to: 1 });
    f.reconnect();
    expect(got).toEqual([{ collection: 'tasks', seq: 1 }]);
    expect(resyncs).toBe(2);
    expect(logged.length).toBe(2);
    expect(feed.subscriberCount()).toBe(3);
    unsubscribe();
    expect(feed.subscriberCount()).toBe(2);
    await feed.close();
    expect(feed.subscriberCount()).toBe(0);
  });
});
