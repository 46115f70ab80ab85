// The backup before a schema migration (issue #15): a database written by an older version (roster at schema
// version 0) is opened by this one; the hook sees the documents as stored, the backup holds them at version 0, and
// RxDB migrates only afterwards. One database at a time.
import { createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBackup } from '../../../shared/backup/format';
import type { AppInfo, Bridge } from '../../../shared/bridge';
import { ok } from '../../../shared/result';
import { rosterSchema } from '../../../shared/schema/roster';
import { base64ToBytes } from '../../bridge/base64';
import { webBridge } from '../../bridge/web';
import { openDatabase, type LinliDatabase } from '../../db/database';
import type { BeforeMigration, MigrationSnapshot } from '../../db/migration-snapshot';
import { teardown } from '../../testing/render-app';
import { backupBeforeMigration } from './before-migration';

const T = '2024-05-01T08:00:00.000Z';
const stamp = { createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };

let db: LinliDatabase | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
});

/** The roster as an app before issue #7 stored it: schema version 0, no `sync`. */
async function writeOldVersion(name: string): Promise<void> {
  const properties = { ...(rosterSchema.properties as Record<string, unknown>) };
  delete properties.sync;
  const schemaV0 = { ...rosterSchema, version: 0, properties } as unknown as RxJsonSchema<unknown>;
  const old: RxDatabase = await createRxDatabase({ name, storage: getRxStorageDexie(), multiInstance: true });
  await old.addCollections({ roster: { schema: schemaV0 } });
  await old.collections.roster!.bulkInsert([
    { id: 'p1', kind: 'person', name: '张三', party: 'branch', status: 'active', ...stamp },
    { id: 'p2', kind: 'person', name: '李四', party: 'branch', status: 'active', ...stamp },
  ]);
  await (await old.collections.roster!.findOne('p2').exec())!.remove();
  await old.close();
}

function fakeHost() {
  const writes: Parameters<Bridge['backup:write']>[0][] = [];
  const info: AppInfo = { version: '2.0.0', host: 'desktop', platform: 'win32', userDataPath: '', documentsPath: '' };
  const bridge: Bridge = {
    ...webBridge,
    'backup:write': async (a) => {
      writes.push(a);
      return ok({ entry: { fileName: a.fileName, size: 1, createdAt: a.summary.createdAt, reason: a.reason, summary: a.summary }, pruned: [], warning: null });
    },
  };
  return { host: { bridge, info }, writes };
}

describe('before a schema migration', () => {
  it('the hook sees what will migrate and every document as stored; RxDB migrates afterwards', async () => {
    const name = `test-${crypto.randomUUID()}`;
    await writeOldVersion(name);
    let seen: { pending: BeforeMigration['pending']; snapshot: MigrationSnapshot } | null = null;
    db = await openDatabase({
      name,
      beforeMigration: async (m) => {
        seen = { pending: m.pending, snapshot: await m.snapshot() };
      },
    });
    const s = seen as { pending: BeforeMigration['pending']; snapshot: MigrationSnapshot } | null;
    expect(s?.pending).toEqual([{ name: 'roster', fromVersion: 0, toVersion: rosterSchema.version }]);
    expect(s?.snapshot.schemaVersions.roster).toBe(0);
    expect(s?.snapshot.schemaVersions.tasks).toBeGreaterThan(0);
    const docs = [...(s?.snapshot.documents.roster ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    expect(docs).toEqual([
      { id: 'p1', kind: 'person', name: '张三', party: 'branch', status: 'active', ...stamp, _deleted: false },
      expect.objectContaining({ id: 'p2', _deleted: true }),
    ]);
    expect(docs[0]).not.toHaveProperty('sync');
    // Migrated once the hook is done: the live document now carries its sync mark.
    const p1 = (await db.roster.findOne('p1').exec())?.toJSON();
    expect(p1).toMatchObject({ name: '张三', sync: { seq: 0, dirty: true } });
    expect(await db.roster.findOne('p2').exec()).toBeNull();
  });

  it('the backup holds the documents at their old version, and restores through the migrations', async () => {
    const name = `test-${crypto.randomUUID()}`;
    await writeOldVersion(name);
    const fake = fakeHost();
    let written: Awaited<ReturnType<typeof backupBeforeMigration>> | null = null;
    db = await openDatabase({
      name,
      beforeMigration: async (m) => {
        written = await backupBeforeMigration(m, fake.host, new Date(T));
      },
    });
    expect(written).toMatchObject({ ok: true });
    expect(fake.writes).toHaveLength(1);
    const w = fake.writes[0]!;
    expect(w.reason).toBe('before-migration');
    expect(w.summary.counts.roster).toBe(1);
    const decoded = decodeBackup(base64ToBytes(w.content));
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(decoded.value.manifest).toMatchObject({ reason: 'before-migration', appVersion: '2.0.0', counts: { roster: { live: 1, deleted: 1 } } });
    // The file says version 0; reading it carries the documents forward to this app's version.
    expect(decoded.value.migratedFrom).toEqual({ roster: 0 });
    expect(decoded.value.content.documents.roster.find((d) => d.id === 'p1')).toMatchObject({ name: '张三', sync: { seq: 0, dirty: true } });
  });

  it('a hook that fails does not keep the app from opening: the migration runs anyway', async () => {
    const name = `test-${crypto.randomUUID()}`;
    await writeOldVersion(name);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    db = await openDatabase({
      name,
      beforeMigration: async () => {
        throw new Error('disk full');
      },
    });
    expect((await db.roster.findOne('p1').exec())?.toJSON()).toMatchObject({ sync: { seq: 0, dirty: true } });
  });

  it('a database at the current versions calls no hook', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const hook = vi.fn(async () => undefined);
    db = await openDatabase({ name, beforeMigration: hook });
    await db.roster.insert({ id: 'p1', kind: 'person', name: '张三', party: 'branch', status: 'active', ...stamp });
    expect(hook).not.toHaveBeenCalled();
  });
});
