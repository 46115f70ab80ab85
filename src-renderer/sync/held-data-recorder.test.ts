import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { LinliDatabase } from '../db/database';
import { recordHeldDataOnSync } from './held-data-recorder';
import type { SyncStoreState } from './sync-service';

const session = { compound: { code: 'JINSHAN', name: '金山小区' } } as unknown as NonNullable<SyncStoreState['session']>;
const base = { state: 'online', pending: 0, lastSyncAt: null, lastVerifiedAt: null, error: null, rejected: [], divergences: [], session, online: true } as unknown as SyncStoreState;
const db = {} as LinliDatabase;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('recordHeldDataOnSync', () => {
  it('records after the first successful sync, then at most every 10 minutes; never while logged out', async () => {
    const store = createStore<SyncStoreState>(() => base);
    let now = 0;
    const record = vi.fn(async () => true);
    const stop = recordHeldDataOnSync(db, store, { now: () => now, record });
    store.setState({ state: 'syncing' });
    expect(record).not.toHaveBeenCalled();
    store.setState({ lastSyncAt: '2026-11-28T09:00:00.000Z' });
    await settle();
    expect(record).toHaveBeenCalledWith(db, { via: 'sync', compoundCode: 'JINSHAN', at: '2026-11-28T09:00:00.000Z' });
    now = 9 * 60_000;
    store.setState({ lastSyncAt: '2026-11-28T09:09:00.000Z' });
    await settle();
    expect(record).toHaveBeenCalledTimes(1);
    now = 10 * 60_000;
    store.setState({ session: null, lastSyncAt: '2026-11-28T09:10:00.000Z' });
    await settle();
    expect(record).toHaveBeenCalledTimes(1);
    store.setState({ session, lastSyncAt: '2026-11-28T09:10:30.000Z' });
    await settle();
    expect(record).toHaveBeenCalledTimes(2);
    stop();
    now = 60 * 60_000;
    store.setState({ lastSyncAt: '2026-11-28T10:00:00.000Z' });
    await settle();
    expect(record).toHaveBeenCalledTimes(2);
  });

  it('tries again at the next sync when nothing was saved (an empty database, a host that failed)', async () => {
    const store = createStore<SyncStoreState>(() => base);
    const record = vi.fn(async () => false);
    recordHeldDataOnSync(db, store, { now: () => 0, record });
    store.setState({ lastSyncAt: 'a' });
    await settle();
    store.setState({ lastSyncAt: 'b' });
    await settle();
    expect(record).toHaveBeenCalledTimes(2);
  });
});
