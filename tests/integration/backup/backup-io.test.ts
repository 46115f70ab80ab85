// The renderer's backup data layer (src-renderer/features/backup/backup-io.ts, issue #15) on the app's RxDB database
// over fake-indexeddb: a backup holds everything, a restore into a fresh database gives it all back, and a restore
// onto a PC never overwrites what is newer or unpushed there. One RxDB database per realm at a time (COL23).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/schema';
import { encodeBackup, type StoredBackupDoc } from '../../../shared/backup/format';
import { openDatabase, type LinliDatabase } from '../../../src-renderer/db/database';
import { blobStoreFor } from '../../../src-renderer/db/blobs';
import { contentOf, localStore } from '../../../src-renderer/sync/local-store';
import { checkpointKey } from '../../../src-renderer/sync/replication';
import { createSyncService, type SyncService } from '../../../src-renderer/sync/sync-service';
import { MemoryStorage } from '../../../src-renderer/testing/memory-storage';
import { applyBackup, createBackupBytes, previewOf, readBackup, type ParsedBackup } from '../../../src-renderer/features/backup/backup-io';
import { FILE_A, FILE_B, SAMPLES, SAMPLE_FIELDS, T, hashOf, sampleDocuments } from '../../unit/backup-samples';

const INFO = { appVersion: '0.1.0', device: { id: 'pc-a', name: '党群服务站电脑' }, compound: { code: 'jinshan', name: '金山花园' }, reason: 'manual' as const };
const SESSION = { serverUrl: 'https://sync.example', compound: { code: 'jinshan', name: '金山花园' } };

let db: LinliDatabase | undefined;
let sync: SyncService | undefined;
afterEach(async () => {
  await sync?.stop();
  await db?.remove();
  sync = undefined;
  db = undefined;
});

const open = async () => (db = await openDatabase({ name: `backup${Date.now()}${Math.floor(Math.random() * 1e6)}` }));

/** Writes documents as the sync engine would (below the hooks), with their sync state. */
async function seed(target: LinliDatabase, docs: Record<CollectionName, StoredBackupDoc[]>): Promise<void> {
  const store = localStore(target);
  for (const name of COLLECTION_NAMES) {
    const rows = docs[name].map((d) => ({ previous: undefined, content: contentOf(d), sync: d.sync ?? { seq: 0 } }));
    const { conflicted } = await store.write(name, rows, 'test-seed');
    expect(conflicted.size).toBe(0);
  }
}

/** Replaces stored documents as the sync engine would (a newer server version, say). */
async function overwrite(target: LinliDatabase, name: CollectionName, doc: StoredBackupDoc): Promise<void> {
  const store = localStore(target);
  const previous = (await store.read(name, [doc.id])).get(doc.id);
  await store.write(name, [{ previous, content: contentOf(doc), sync: doc.sync ?? { seq: 0 } }], 'test-seed');
}

/** Everything the PC holds: each document's content and sync state, tombstones included, by collection and id. */
async function holdings(target: LinliDatabase): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of COLLECTION_NAMES) {
    const docs: Record<string, unknown>[] = [];
    await localStore(target).scan(name, (page) => {
      for (const d of page) docs.push({ ...contentOf(d), sync: d.sync });
    });
    out[name] = docs.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

const sorted = (docs: readonly StoredBackupDoc[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));

async function parsedOf(bytes: Uint8Array): Promise<ParsedBackup> {
  const r = readBackup(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('backup data layer', () => {
  it('a backup holds every document with its sync state and every file; restored into a fresh database it equals the source', async () => {
    const source = await open();
    const docs = sampleDocuments();
    await seed(source, docs);
    for (const f of [FILE_A, FILE_B]) expect((await blobStoreFor(source).putBlob(f)).ok).toBe(true);
    const before = await holdings(source);
    const created = await createBackupBytes(source, { ...INFO, now: new Date(2026, 10, 29, 16, 5, 9) });
    expect(created.fileName).toBe('邻里工作台备份-jinshan-20261129-160509.linlibak');
    expect(created.manifest).toMatchObject({ compound: INFO.compound, device: INFO.device, reason: 'manual', attachments: { count: 2, bytes: FILE_A.length + FILE_B.length } });
    for (const name of COLLECTION_NAMES) expect(created.manifest.counts[name]).toEqual({ live: 3, deleted: 2 });
    await source.remove();
    db = undefined;

    const parsed = await parsedOf(created.bytes);
    for (const name of COLLECTION_NAMES) expect(sorted(parsed.content.documents[name])).toEqual(sorted(docs[name]));
    const preview = previewOf(parsed);
    expect(preview).toMatchObject({ appVersion: '0.1.0', device: INFO.device, compound: INFO.compound, total: { live: 30, deleted: 20 }, attachments: { count: 2 }, migrated: false });
    expect(preview.collections.find((c) => c.name === 'vouchers')).toEqual({ name: 'vouchers', label: '凭证', live: 3, deleted: 2 });

    const target = await open();
    // The app's sync index, running (not logged in) as it does in the app: it must see what the restore writes.
    sync = createSyncService(target, { storage: new MemoryStorage(), indexSnapshots: false });
    await sync.ready;
    const storage = new MemoryStorage();
    storage.setItem(checkpointKey(SESSION, 'roster'), '42');
    storage.setItem(checkpointKey({ ...SESSION, serverUrl: 'http://other' }, 'tasks'), '7');
    storage.setItem('linli.sync.session.v1', '{"kept":true}');
    // The server keeps compound codes upper-case: the same compound, however the code is written.
    const r = await applyBackup(target, parsed, { storage, currentCompound: 'JINSHAN' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.total).toMatchObject({ written: 50, kept: 0, writtenUnpushed: 30 });
    expect(r.value.collections.notices).toMatchObject({ written: 5, kept: 0 });
    expect(r.value.attachments).toEqual({ added: 2, present: 0 });
    expect(r.value.checkpointsReset).toBe(2);
    expect(storage.getItem(checkpointKey(SESSION, 'roster'))).toBeNull();
    expect(storage.getItem('linli.sync.session.v1')).toBe('{"kept":true}');

    expect(await holdings(target)).toEqual(before);
    for (const f of [FILE_A, FILE_B]) {
      const got = await blobStoreFor(target).getBlob(hashOf(f));
      expect(got.ok && got.value.bytes).toEqual(f);
    }
    // The unpushed changes of the backup are unpushed here: the pending count sees every one, the deletions of
    // documents this database never held included.
    await until(() => sync!.store.getState().pending === 30);

    // Restoring the same file again changes nothing.
    const again = await applyBackup(target, parsed, { storage, currentCompound: 'jinshan' });
    expect(again.ok && again.value.total).toMatchObject({ written: 0, kept: 50 });
    expect(again.ok && again.value.attachments).toEqual({ added: 0, present: 2 });
    expect(await holdings(target)).toEqual(before);
  });

  it('a restore never overwrites a local unpushed change or a newer local version, and never resurrects a local tombstone', async () => {
    const pc = await open();
    await seed(pc, sampleDocuments());
    const parsed = await parsedOf((await createBackupBytes(pc, INFO)).bytes);

    // After the backup: the user edits and deletes (unpushed), the server's newer versions arrive, and one document is
    // (somehow) older here than in the backup.
    const p = await pc.roster.findOne('p-synced').exec();
    await p!.incrementalPatch({ name: '张三丰', updatedAt: '2026-11-29T10:00:00.000Z' });
    await (await pc.roster.findOne('p-edited').exec())!.remove();
    await overwrite(pc, 'tasks', { ...SAMPLES.tasks, id: 'k-synced', title: '服务器上的新标题', _deleted: false, sync: { seq: 99 } });
    await overwrite(pc, 'meetings', { ...SAMPLES.meetings, id: 'm-synced', _deleted: true, sync: { seq: 98 } });
    await overwrite(pc, 'notices', { ...SAMPLES.notices, id: 'n-synced', title: '更早的标题', _deleted: false, sync: { seq: 1 } });
    const before = await holdings(pc);

    const r = await applyBackup(pc, parsed, { storage: new MemoryStorage(), currentCompound: 'jinshan' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const after = await holdings(pc);
    const find = (name: CollectionName, id: string) => after[name]!.find((d) => d.id === id);

    expect(find('roster', 'p-synced')).toMatchObject({ name: '张三丰', sync: { seq: 10, dirty: true } });
    expect(find('roster', 'p-edited')).toMatchObject({ _deleted: true, sync: { seq: 20, dirty: true } });
    expect(find('tasks', 'k-synced')).toMatchObject({ title: '服务器上的新标题', sync: { seq: 99 } });
    expect(find('meetings', 'm-synced')).toMatchObject({ _deleted: true, sync: { seq: 98 } });
    // The only document written: the one this PC held older than the backup.
    expect(find('notices', 'n-synced')).toEqual({ ...SAMPLES.notices, id: 'n-synced', _deleted: false, sync: { seq: 19 } });
    const expected = { ...before, notices: before.notices!.map((d) => (d.id === 'n-synced' ? find('notices', 'n-synced')! : d)) };
    expect(after).toEqual(expected);
    // Unpushed here: every -edited, -new and -removed of the seed (30), and the user's edit of p-synced.
    expect(r.value.total).toMatchObject({ written: 1, kept: 49, keptUnpushed: 31 });
    expect(r.value.collections.roster).toMatchObject({ written: 0, kept: 5, keptUnpushed: 4, keptNewer: 1 });
    expect(r.value.collections.notices).toMatchObject({ written: 1, kept: 4 });
  });

  it('a backup of another compound is refused while this PC is logged in to one, and nothing changes', async () => {
    const pc = await open();
    await seed(pc, sampleDocuments());
    const before = await holdings(pc);
    const foreign = await parsedOf(encodeBackup({ ...SAMPLE_FIELDS, compound: { code: 'yangguang', name: '阳光小区' } }, {
      documents: { ...Object.fromEntries(COLLECTION_NAMES.map((n) => [n, []])), roster: [{ ...SAMPLES.roster, id: 'intruder', _deleted: false, sync: { seq: 1 } }] } as Record<CollectionName, StoredBackupDoc[]>,
      attachments: [],
    }));
    const storage = new MemoryStorage();
    storage.setItem(checkpointKey(SESSION, 'roster'), '42');
    const r = await applyBackup(pc, foreign, { storage, currentCompound: 'jinshan' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FOREIGN_COMPOUND');
    expect(r.error.message).toContain('阳光小区');
    expect(await holdings(pc)).toEqual(before);
    expect(storage.getItem(checkpointKey(SESSION, 'roster'))).toBe('42');
    // Not logged in: the PC's data is its own to restore.
    const alone = await applyBackup(pc, foreign, { storage, currentCompound: null });
    expect(alone.ok && alone.value.total.written).toBe(1);
  });

  it('a bad file is refused before anything is written: truncated, flipped, invalid document (named)', async () => {
    const pc = await open();
    await seed(pc, sampleDocuments());
    const before = await holdings(pc);
    const good = (await createBackupBytes(pc, INFO)).bytes;
    const cut = readBackup(good.subarray(0, good.length - 10));
    expect(!cut.ok && cut.error.code).toBe('TRUNCATED');
    const flipped = good.slice();
    flipped[flipped.length - 5] = flipped[flipped.length - 5]! ^ 1;
    const bad = readBackup(flipped);
    expect(!bad.ok && bad.error.code).toBe('CHECKSUM');
    const docs = sampleDocuments();
    docs.tasks.push({ ...SAMPLES.tasks, id: 'k-broken', status: 'lost', _deleted: false, sync: { seq: 4 } });
    const invalid = readBackup(encodeBackup(SAMPLE_FIELDS, { documents: docs, attachments: [] }));
    expect(!invalid.ok && invalid.error).toMatchObject({ code: 'INVALID_DOCUMENT', message: expect.stringContaining('k-broken') });
    expect(await holdings(pc)).toEqual(before);
  });

  it('an older backup (tasks v1) is restored in the current shape', async () => {
    const docs = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, []])) as unknown as Record<CollectionName, StoredBackupDoc[]>;
    docs.tasks = [{ id: 'k-old', createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书', title: '修路灯', leadParty: 'property', coParties: ['branch'], status: 'returned', priority: 'normal', _deleted: false, sync: { seq: 5 } }];
    const parsed = await parsedOf(encodeBackup({ ...SAMPLE_FIELDS, schemaVersions: { tasks: 1 } }, { documents: docs, attachments: [] }));
    expect(previewOf(parsed).migrated).toBe(true);
    const pc = await open();
    const r = await applyBackup(pc, parsed, { storage: new MemoryStorage(), currentCompound: null });
    expect(r.ok && r.value.total.written).toBe(1);
    const stored = (await pc.tasks.findOne('k-old').exec())!.toJSON();
    expect(stored).toMatchObject({ status: 'in_progress', coParties: [{ party: 'branch' }], sync: { seq: 5 } });
  });
});
