// Automatic backups (issue #15): the daily one and the one at the first start of a new version, against a fake
// desktop host. One database at a time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeBackup } from '../../../shared/backup/format';
import type { AppInfo, Bridge, BridgeError } from '../../../shared/bridge';
import { err, ok } from '../../../shared/result';
import { base64ToBytes } from '../../bridge/base64';
import { webBridge } from '../../bridge/web';
import type { LinliDatabase } from '../../db/database';
import { openTestDatabase, teardown } from '../../testing/render-app';
import type { BackupHost } from './backup-actions';
import { LAST_VERSION_KEY, backupAfterUpdate, dailyBackupIfDue, schemaVersionsNow, startBackupScheduler } from './scheduler';

const T = '2026-11-28T09:00:00.000Z';
const person = { id: 'p1', kind: 'person' as const, name: '张三', party: 'branch' as const, status: 'active' as const, createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };
const HOUR = 3_600_000;
const NOW = new Date('2026-11-28T12:00:00.000Z');

let db: LinliDatabase | undefined;
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};
beforeEach(async () => {
  localStorage.clear();
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
});

type Fake = { host: BackupHost; writes: Parameters<Bridge['backup:write']>[0][]; lastRunCalls: number };

function fakeHost(options: { daily?: string | null; version?: string; host?: AppInfo['host']; writeError?: BridgeError } = {}): Fake {
  const fake: Fake = { host: undefined as unknown as BackupHost, writes: [], lastRunCalls: 0 };
  const info: AppInfo = { version: options.version ?? '1.2.0', host: options.host ?? 'desktop', platform: 'win32', userDataPath: '', documentsPath: '' };
  const bridge: Bridge = {
    ...webBridge,
    'backup:lastRun': async () => {
      fake.lastRunCalls += 1;
      return ok({ daily: options.daily ?? null, any: options.daily ?? null });
    },
    'backup:write': async (a) => {
      if (options.writeError) return err(options.writeError);
      fake.writes.push(a);
      return ok({ entry: { fileName: a.fileName, size: 1, createdAt: a.summary.createdAt, reason: a.reason, summary: a.summary }, pruned: [], warning: null });
    },
  };
  fake.host = { bridge, info };
  return fake;
}

describe('daily backup', () => {
  it('none yet → makes one with reason daily, holding every document', async () => {
    await theDb().roster.insert(person);
    const f = fakeHost();
    expect(await dailyBackupIfDue(theDb(), f.host, NOW)).toBe('made');
    expect(f.writes).toHaveLength(1);
    expect(f.writes[0]?.reason).toBe('daily');
    const decoded = decodeBackup(base64ToBytes(f.writes[0]!.content));
    expect(decoded.ok && decoded.value.manifest).toMatchObject({ reason: 'daily', appVersion: '1.2.0', counts: { roster: { live: 1, deleted: 0 } } });
  });

  it.each([
    ['1 hour ago', 'not-due', new Date(NOW.getTime() - HOUR).toISOString(), 0],
    ['23 hours ago', 'not-due', new Date(NOW.getTime() - 23 * HOUR).toISOString(), 0],
    ['25 hours ago', 'made', new Date(NOW.getTime() - 25 * HOUR).toISOString(), 1],
    ['in the future (clock set back)', 'made', new Date(NOW.getTime() + 5 * HOUR).toISOString(), 1],
  ])('last daily %s → %s', async (_when, outcome, daily, writes) => {
    await theDb().roster.insert(person);
    const f = fakeHost({ daily });
    expect(await dailyBackupIfDue(theDb(), f.host, NOW)).toBe(outcome);
    expect(f.writes).toHaveLength(writes);
  });

  it('an empty database is not backed up (empty backups would prune the useful ones away)', async () => {
    const f = fakeHost();
    expect(await dailyBackupIfDue(theDb(), f.host, NOW)).toBe('empty');
    expect(f.writes).toHaveLength(0);
  });

  it('the web host has no folder: nothing is asked', async () => {
    const f = fakeHost({ host: 'web' });
    expect(await dailyBackupIfDue(theDb(), f.host, NOW)).toBe('unsupported');
    expect(f.lastRunCalls).toBe(0);
  });

  it('a full disk → failed (tried again within the hour), no exception', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await theDb().roster.insert(person);
    const f = fakeHost({ writeError: { code: 'IO', message: 'ENOSPC' } });
    expect(await dailyBackupIfDue(theDb(), f.host, NOW)).toBe('failed');
  });

  it('the scheduler checks after its first delay, then at every interval, and stops', async () => {
    await theDb().roster.insert(person);
    const f = fakeHost({ daily: new Date(NOW.getTime() - HOUR).toISOString() });
    const stop = startBackupScheduler(theDb(), f.host, { firstDelayMs: 20, intervalMs: 40, now: () => NOW });
    expect(f.lastRunCalls).toBe(0);
    await vi.waitFor(() => expect(f.lastRunCalls).toBeGreaterThanOrEqual(2), { timeout: 2000, interval: 10 });
    stop();
    const calls = f.lastRunCalls;
    await new Promise((r) => setTimeout(r, 120));
    expect(f.lastRunCalls).toBe(calls);
    expect(f.writes).toHaveLength(0);
  });
});

describe('backup at the first start of a new version', () => {
  it('a PC with data and no record → backs up (before-update) and records the version', async () => {
    await theDb().roster.insert(person);
    const f = fakeHost({ version: '1.2.0' });
    expect(await backupAfterUpdate(theDb(), f.host)).toBe('made');
    expect(f.writes.map((w) => w.reason)).toEqual(['before-update']);
    expect(JSON.parse(localStorage.getItem(LAST_VERSION_KEY) ?? 'null')).toEqual({ appVersion: '1.2.0', schemas: schemaVersionsNow() });
    // The same version again: nothing.
    expect(await backupAfterUpdate(theDb(), f.host)).toBe('same-version');
    expect(f.writes).toHaveLength(1);
  });

  it('a new app version, or new schema versions, → one more backup', async () => {
    await theDb().roster.insert(person);
    localStorage.setItem(LAST_VERSION_KEY, JSON.stringify({ appVersion: '1.1.0', schemas: schemaVersionsNow() }));
    const f = fakeHost({ version: '1.2.0' });
    expect(await backupAfterUpdate(theDb(), f.host)).toBe('made');
    localStorage.setItem(LAST_VERSION_KEY, JSON.stringify({ appVersion: '1.2.0', schemas: { ...schemaVersionsNow(), roster: 0 } }));
    expect(await backupAfterUpdate(theDb(), f.host)).toBe('made');
    expect(f.writes).toHaveLength(2);
  });

  it('a failed backup is not recorded, so the next start tries again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await theDb().roster.insert(person);
    const f = fakeHost({ writeError: { code: 'IO', message: 'ENOSPC' } });
    expect(await backupAfterUpdate(theDb(), f.host)).toBe('failed');
    expect(localStorage.getItem(LAST_VERSION_KEY)).toBeNull();
  });

  it('a fresh install records the version without a backup; the web host does nothing', async () => {
    const f = fakeHost();
    expect(await backupAfterUpdate(theDb(), f.host)).toBe('empty');
    expect(localStorage.getItem(LAST_VERSION_KEY)).not.toBeNull();
    localStorage.clear();
    await theDb().roster.insert(person);
    expect(await backupAfterUpdate(theDb(), fakeHost({ host: 'web' }).host)).toBe('unsupported');
    expect(f.writes).toHaveLength(0);
  });
});
