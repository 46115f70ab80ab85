import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../shared/schema';
import { MemoryStorage } from '../testing/memory-storage';
import { snapshotStore, type IndexSnapshot } from './index-snapshot';
import { checkpointKey } from './replication';
import { CHECKPOINT_PREFIX, forgetSyncTimes, resetSyncCheckpoints, resetSyncProgress } from './reset-progress';
import { LAST_SYNC_KEY, SESSION_KEY, VERIFIED_KEY } from './session-store';

const session = (serverUrl: string, code: string) => ({ serverUrl, compound: { code, name: code } });
const snapshot: IndexSnapshot = { version: 1, savedAt: 1, collections: { roster: { checkpoint: null, entries: [['p1', 3, 0, 0, '1-a']] } } };

describe('resetting sync progress (storage loss, issue #15)', () => {
  it('the prefix is the one replication.ts writes its checkpoints under', () => {
    for (const name of COLLECTION_NAMES) expect(checkpointKey(session('http://x', 'A'), name).startsWith(CHECKPOINT_PREFIX)).toBe(true);
  });

  it('removes every checkpoint of every server and compound; keeps the login and the rest', () => {
    const storage = new MemoryStorage();
    const keys = [checkpointKey(session('http://a', 'A'), 'roster'), checkpointKey(session('http://a', 'A'), 'meetings'), checkpointKey(session('https://b', 'B'), 'tasks')];
    for (const k of keys) storage.setItem(k, '123');
    storage.setItem(LAST_SYNC_KEY, 'x');
    storage.setItem(VERIFIED_KEY, 'x');
    storage.setItem(SESSION_KEY, '{}');
    storage.setItem('linli.operator.v1', '王秘书');
    expect(resetSyncCheckpoints(storage)).toBe(3);
    const left = () => [...Array(storage.length).keys()].map((i) => storage.key(i)).sort();
    expect(left()).toEqual([LAST_SYNC_KEY, SESSION_KEY, VERIFIED_KEY, 'linli.operator.v1'].sort());
    forgetSyncTimes(storage);
    expect(left()).toEqual([SESSION_KEY, 'linli.operator.v1'].sort());
  });

  it('also clears the sync index’s saved copies of that database (any storage token), not of another', async () => {
    const mine = snapshotStore(Promise.resolve('linli-reset|tokenA'));
    const theirs = snapshotStore(Promise.resolve('linli-reset-other|tokenB'));
    await mine.save(snapshot);
    await theirs.save(snapshot);
    await resetSyncProgress(new MemoryStorage(), 'linli-reset');
    expect(await mine.load()).toBeNull();
    expect(await theirs.load()).toEqual(snapshot);
    await theirs.clear();
  });
});
