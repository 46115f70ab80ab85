// The backup file (issue #15): what is written is read back equal; a cut, changed, foreign or newer file is refused
// with its code and a Chinese sentence; an older file is carried forward through the app's own migrations.
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES } from '../schema';
import { migrateTaskV1ToV2 } from '../schema/task-migrations';
import { migrateVoucherV1ToV2, migrateVoucherV2ToV3 } from '../schema/ledger-migrations';
import {
  BACKUP_FORMAT_VERSION,
  base64FromBytes,
  bytesFromBase64,
  concatBytes,
  decodeBackup,
  encodeBackup,
  encodeBackupParts,
  type BackupContent,
  type BackupError,
  type BackupManifest,
  type StoredBackupDoc,
} from './format';
import { FILE_A, SAMPLE_FIELDS, SAMPLES, T, sampleContent } from '../../tests/unit/backup-samples';

const CHINESE = /[\u4e00-\u9fff]/;

/** Seeded pseudo-random bytes (a linear congruential generator). */
function randomBytes(length: number, seed: number): Uint8Array {
  let x = seed;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out[i] = x & 255;
  }
  return out;
}

const emptyDocs = () => Object.fromEntries(COLLECTION_NAMES.map((n) => [n, [] as StoredBackupDoc[]])) as BackupContent['documents'];

function refused(bytes: Uint8Array): BackupError {
  const r = decodeBackup(bytes);
  if (r.ok) throw new Error('the file was accepted');
  expect(r.error.message).toMatch(CHINESE);
  return r.error;
}

/** The file with its manifest line replaced by `patch` applied to it (the body unchanged). */
function withManifest(bytes: Uint8Array, patch: (m: Record<string, unknown>) => Record<string, unknown>): Uint8Array {
  const nl = bytes.indexOf(0x0a);
  const m = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl))) as Record<string, unknown>;
  return concatBytes([new TextEncoder().encode(`${JSON.stringify(patch(m))}\n`), bytes.subarray(nl + 1)]);
}

describe('backup file', () => {
  it('round trip: every collection, tombstones, unpushed marks and attachments come back equal', () => {
    const content = sampleContent();
    const bytes = encodeBackup(SAMPLE_FIELDS, content);
    const r = decodeBackup(bytes);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.content).toEqual(content);
    expect(r.value.migratedFrom).toEqual({});
    const m = r.value.manifest;
    expect(m).toMatchObject({ format: 'linli-backup', formatVersion: BACKUP_FORMAT_VERSION, ...SAMPLE_FIELDS });
    for (const name of COLLECTION_NAMES) {
      expect(m.counts[name]).toEqual({ live: 3, deleted: 2 });
      expect(m.schemaVersions[name]).toBe(COLLECTIONS[name].schema.version);
    }
    expect(m.attachments).toEqual({ count: 2, bytes: content.attachments.reduce((n, a) => n + bytesFromBase64(a.base64)!.length, 0) });
    // Unpushed marks and base seqs survive exactly.
    expect(r.value.content.documents.vouchers.map((d) => d.sync)).toEqual([{ seq: 16 }, { seq: 26, dirty: true }, { seq: 0, dirty: true }, { seq: 36 }, { seq: 46, dirty: true }]);
  });

  it('is JSON Lines: the manifest first, one record a line, and the parts are the file', () => {
    const content = sampleContent();
    const { manifest, parts } = encodeBackupParts(SAMPLE_FIELDS, content);
    const bytes = encodeBackup(SAMPLE_FIELDS, content);
    expect(concatBytes(parts)).toEqual(bytes);
    const lines = new TextDecoder().decode(bytes).split('\n');
    expect(lines[0]!.startsWith('{"format":"linli-backup",')).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual(manifest);
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(COLLECTION_NAMES.length * 5 + 2);
    expect(manifest.bodyBytes).toBe(bytes.length - parts[0]!.length);
  });

  it('an empty PC makes a valid, empty backup', () => {
    const r = decodeBackup(encodeBackup({ ...SAMPLE_FIELDS, compound: null }, { documents: emptyDocs(), attachments: [] }));
    expect(r.ok && r.value.manifest.compound === null && r.value.manifest.bodyBytes === 0).toBe(true);
  });

  it('handles thousands of documents (a large compound) without trouble', () => {
    const docs = emptyDocs();
    docs.roster = Array.from({ length: 5000 }, (_, i) => ({ ...SAMPLES.roster, id: `p${i}`, note: '备注'.repeat(20), _deleted: false, sync: { seq: i + 1 } }));
    const bytes = encodeBackup(SAMPLE_FIELDS, { documents: docs, attachments: [] });
    const r = decodeBackup(bytes);
    expect(r.ok && r.value.content.documents.roster.length).toBe(5000);
  });

  it.each([
    ['inside the manifest (a few bytes)', (b: Uint8Array) => b.subarray(0, 12)],
    ['inside the manifest (most of it)', (b: Uint8Array) => b.subarray(0, b.indexOf(0x0a) - 3)],
    ['right after the manifest', (b: Uint8Array) => b.subarray(0, b.indexOf(0x0a) + 1)],
    ['in the middle of the body', (b: Uint8Array) => b.subarray(0, Math.floor(b.length / 2))],
    ['one byte short', (b: Uint8Array) => b.subarray(0, b.length - 1)],
  ])('a file cut %s is TRUNCATED', (_where, cut) => {
    const e = refused(cut(encodeBackup(SAMPLE_FIELDS, sampleContent())));
    expect(e.code).toBe('TRUNCATED');
    expect(e.message).toContain('不完整');
  });

  it('a flipped byte of the body is CHECKSUM; so are figures of the manifest that do not match the body', () => {
    const bytes = encodeBackup(SAMPLE_FIELDS, sampleContent());
    for (const at of [bytes.indexOf(0x0a) + 1, Math.floor(bytes.length * 0.6), bytes.length - 2]) {
      const flipped = bytes.slice();
      flipped[at] = flipped[at]! ^ 0x04;
      expect(refused(flipped).code).toBe('CHECKSUM');
    }
    const counts = withManifest(bytes, (m) => ({ ...m, counts: { ...(m.counts as object), roster: { live: 2, deleted: 1 } } }));
    expect(refused(counts).code).toBe('CHECKSUM');
    const longer = concatBytes([bytes, new TextEncoder().encode('{}\n')]);
    expect(refused(longer).code).toBe('CHECKSUM');
    expect(refused(withManifest(bytes, (m) => ({ ...m, checksum: 'zz' }))).code).toBe('CHECKSUM');
  });

  it.each([
    ['an empty file', new Uint8Array()],
    ['another app’s JSON', new TextEncoder().encode('{"name":"linli-desk","version":"1.0.0","dependencies":{}}')],
    ['another app’s JSON Lines', new TextEncoder().encode('{"format":"other-backup","formatVersion":1}\n{"c":"roster"}\n')],
    ['a JSON array', new TextEncoder().encode('[{"format":"linli-backup"}]\n')],
    ['a ZIP file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x0a, 0x7b])],
    ['random bytes', randomBytes(4096, 12345)],
    ['a PNG', FILE_A],
  ])('%s is NOT_A_BACKUP', (_what, bytes) => {
    const e = refused(bytes);
    expect(e.code).toBe('NOT_A_BACKUP');
    expect(e.message).toContain('不是邻里工作台的备份文件');
  });

  it('a newer format is refused: NEWER_FORMAT', () => {
    const bytes = withManifest(encodeBackup(SAMPLE_FIELDS, sampleContent()), (m) => ({ ...m, formatVersion: BACKUP_FORMAT_VERSION + 1, somethingNew: true }));
    const e = refused(bytes);
    expect(e.code).toBe('NEWER_FORMAT');
    expect(e.message).toContain('更新');
  });

  it('a newer schema, or a collection this app does not know, is refused: NEWER_SCHEMA', () => {
    const newer = encodeBackup({ ...SAMPLE_FIELDS, schemaVersions: { tasks: COLLECTIONS.tasks.schema.version + 1 } }, sampleContent());
    const e = refused(newer);
    expect(e.code).toBe('NEWER_SCHEMA');
    expect(e.message).toContain('任务');
    const unknown = withManifest(encodeBackup(SAMPLE_FIELDS, sampleContent()), (m) => ({ ...m, schemaVersions: { ...(m.schemaVersions as object), polls: 0 } }));
    expect(refused(unknown).code).toBe('NEWER_SCHEMA');
  });

  it('a document that breaks its schema is refused with its collection and id: INVALID_DOCUMENT', () => {
    const content = sampleContent();
    content.documents.roster.push({ ...SAMPLES.roster, id: 'p-bad', name: '', _deleted: false, sync: { seq: 3 } });
    const e = refused(encodeBackup(SAMPLE_FIELDS, content));
    expect(e).toMatchObject({ code: 'INVALID_DOCUMENT' });
    expect(e.message).toContain('p-bad');
    expect(e.message).toContain('名册');
    expect(e.detail).toContain('/name');
  });

  it.each([
    ['an unknown field', { salary: 1 }],
    ['a broken sync state', { sync: { seq: -1 } }],
    ['RxDB internals', { _rev: '1-abc' }],
    ['no _deleted flag', { _deleted: undefined }],
  ])('a document with %s is INVALID_DOCUMENT', (_what, patch) => {
    const content = sampleContent();
    content.documents.tasks.push({ ...SAMPLES.tasks, id: 'k-bad', _deleted: false, ...patch } as StoredBackupDoc);
    const e = refused(encodeBackup(SAMPLE_FIELDS, content));
    expect(e.code).toBe('INVALID_DOCUMENT');
    expect(e.message).toContain('k-bad');
  });

  it('an id twice in a collection, or an attachment unlike its hash, is INVALID_DOCUMENT', () => {
    const twice = sampleContent();
    twice.documents.meetings.push({ ...twice.documents.meetings[0]! });
    expect(refused(encodeBackup(SAMPLE_FIELDS, twice)).code).toBe('INVALID_DOCUMENT');
    const wrongFile = sampleContent();
    wrongFile.attachments[0] = { ...wrongFile.attachments[0]!, base64: base64FromBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])) };
    expect(refused(encodeBackup(SAMPLE_FIELDS, wrongFile)).code).toBe('INVALID_DOCUMENT');
  });

  it('an older backup (v0 roster, v1 tasks, v1 vouchers) is carried forward through the app’s migrations, then validated', () => {
    const docs = emptyDocs();
    const stamp = { createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' };
    // Version 0: before sync state existed.
    docs.roster = [{ id: 'p-old', ...stamp, kind: 'person', name: '李四', party: 'branch', status: 'active', _deleted: false }];
    const taskV1 = {
      id: 'k-old', ...stamp, title: '修路灯', leadParty: 'property', coParties: ['branch', 'property', 'resident_group'], status: 'assigned', priority: 'urgent',
      source: { kind: 'resident', reporterName: '王五', reporterPhone: '13900000000' }, _deleted: false, sync: { seq: 7, dirty: true },
    };
    docs.tasks = [taskV1];
    const lines = [{ id: 'l1', accountId: 'a1', debitFen: 100, creditFen: 0 }, { id: 'l2', accountId: 'a2', debitFen: 0, creditFen: 100 }];
    const voucherV1 = { id: 'v-old', ...stamp, number: 3, date: '2026-10-02', period: '2026-10', summary: '停车费', lines, status: 'posted', preparedBy: '会计', postedAt: T, postedBy: '会计', _deleted: false, sync: { seq: 9 } };
    const voidV1 = { id: 'v-void', ...stamp, date: '2026-10-03', period: '2026-10', summary: '作废', lines, status: 'void', _deleted: true, sync: { seq: 11 } };
    docs.vouchers = [voucherV1, voidV1];
    const bytes = encodeBackup({ ...SAMPLE_FIELDS, schemaVersions: { roster: 0, tasks: 1, vouchers: 1 } }, { documents: docs, attachments: [] });

    const r = decodeBackup(bytes);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.migratedFrom).toEqual({ roster: 0, tasks: 1, vouchers: 1 });
    // The app's own rule for documents older than sync state: an unpushed change based on nothing.
    expect(r.value.content.documents.roster).toEqual([{ ...docs.roster[0], sync: { seq: 0, dirty: true } }]);
    const task = r.value.content.documents.tasks[0]!;
    expect(task).toEqual(migrateTaskV1ToV2(taskV1));
    expect(task).toMatchObject({ status: 'pending', coParties: [{ party: 'branch' }, { party: 'resident_group' }], source: { kind: 'resident', residentName: '王五' }, sync: { seq: 7, dirty: true } });
    expect(r.value.content.documents.vouchers).toEqual([migrateVoucherV2ToV3(migrateVoucherV1ToV2(voucherV1)), migrateVoucherV2ToV3(migrateVoucherV1ToV2(voidV1))]);
    expect(r.value.content.documents.vouchers[0]).not.toHaveProperty('number');
    expect(r.value.content.documents.vouchers[1]).toMatchObject({ status: 'draft', _deleted: true, sync: { seq: 11 } });
    // The manifest tells what the file held.
    expect(r.value.manifest.schemaVersions).toMatchObject({ roster: 0, tasks: 1, vouchers: 1, meetings: COLLECTIONS.meetings.schema.version });
  });

  it('an older document that is invalid once migrated is INVALID_DOCUMENT', () => {
    const docs = emptyDocs();
    docs.tasks = [{ id: 'k-old', createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书', title: '', leadParty: 'property', status: 'assigned', priority: 'normal', _deleted: false, sync: { seq: 1 } }];
    const e = refused(encodeBackup({ ...SAMPLE_FIELDS, schemaVersions: { tasks: 1 } }, { documents: docs, attachments: [] }));
    expect(e.code).toBe('INVALID_DOCUMENT');
    expect(e.message).toContain('k-old');
  });

  it('base64 of any length round-trips and refuses what is not base64', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const text = base64FromBytes(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(bytesFromBase64(text)).toEqual(bytes);
    }
    expect(bytesFromBase64('abc')).toBeNull();
    expect(bytesFromBase64('ab$d')).toBeNull();
    expect(bytesFromBase64('a===')).toBeNull();
  });

  it('the manifest type names the fields the UI and the server export rely on', () => {
    const m: BackupManifest = encodeBackupParts(SAMPLE_FIELDS, sampleContent()).manifest;
    expect(Object.keys(m).slice(0, 2)).toEqual(['format', 'formatVersion']);
    expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});
