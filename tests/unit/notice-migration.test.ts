// Issue #13: notices go from schema version 1 to 2 (已发布 is 'issued' with issuedAt/By, was published*). The app's
// RxDB migration (shared/schema/notice-migrations.ts) and the server's SQL migration (0006-notices-v2.sql) must give
// the same content, so that no version travels again.
import 'fake-indexeddb/auto';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, noticesSchemaLiteral } from '../../shared/schema';
import { idField, monthField, shortText, timestampField } from '../../shared/schema/fields';
import { migrateNoticeV1ToV2 } from '../../shared/schema/notice-migrations';
import { schemaFingerprint } from '../../shared/sync/protocol';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { loadMigrations, migrate } from '../../src-server/db/migrate';
import { openPglite } from '../../src-server/db/pglite-db';

addRxPlugin(RxDBMigrationSchemaPlugin);

/** Version 1 (git history: ae88932), built from version 2 where unchanged. */
const {
  tables: _t, addressees: _a, issuerKey: _k, issuePrefix: _p, issueYear: _y, issueSeq: _s, contactName: _cn, contactPhone: _cp, attachmentNames: _an,
  sealed: _se, paper: _pa, issuedAt: _ia, issuedBy: _ib, withdrawnAt: _wa, withdrawnBy: _wb, withdrawReason: _wr, supersedes: _su, supersededBy: _sb,
  public: _pu, publicCode: _pc, prints: _pr, ...kept
} = noticesSchemaLiteral.properties;
const noticesV1 = {
  ...noticesSchemaLiteral,
  version: 1,
  properties: {
    ...kept,
    kind: { type: 'string', enum: ['general', 'resolution', 'finance', 'task', 'meeting'], maxLength: 20 },
    status: { type: 'string', enum: ['draft', 'published', 'withdrawn'], maxLength: 10 },
    publishedAt: timestampField,
    publishedBy: shortText(100),
    source: {
      type: 'object',
      additionalProperties: false,
      properties: { meetingId: idField, resolutionId: idField, period: monthField, taskId: idField, resolutionText: shortText(20_000), voteSummary: shortText(2000) },
    },
  },
} as unknown as RxJsonSchema<unknown>;

const T = '2026-11-25T08:30:00.000Z';
const stamp = { createdAt: T, updatedAt: T, createdBy: '王秘书', updatedBy: '李主任' };
const common = { ...stamp, title: '关于东门道路修缮的决议公告', body: '会议表决通过……\n\n特此公告。', issuers: ['和美小区业主委员会'], issueDate: '2026-11-25' };
const v1Notices = [
  { id: 'n1', ...common, kind: 'resolution', status: 'published', publishedAt: T, publishedBy: '王秘书', postFrom: '2026-11-25', postUntil: '2026-12-01', source: { meetingId: 'm1', resolutionId: 'r1', resolutionText: '同意', voteSummary: '同意5人' } },
  { id: 'n2', ...common, kind: 'general', status: 'draft' },
  { id: 'n3', ...common, kind: 'finance', status: 'withdrawn', publishedAt: T, publishedBy: '会计', printedAt: T, source: { period: '2026-10' } },
  { id: 'n4', ...common, kind: 'task', status: 'published', publishedAt: T },
  { id: 'n5', ...common, kind: 'meeting', status: 'draft', template: '会议通知' },
];

describe('notices v1 → v2', () => {
  it('the pure mapping: published → issued, publishedAt/By → issuedAt/By, nothing else', () => {
    expect(v1Notices.map((n) => migrateNoticeV1ToV2(n))).toEqual([
      { ...v1Notices[0], status: 'issued', publishedAt: undefined, publishedBy: undefined, issuedAt: T, issuedBy: '王秘书' },
      v1Notices[1],
      { ...v1Notices[2], publishedAt: undefined, publishedBy: undefined, issuedAt: T, issuedBy: '会计' },
      { ...v1Notices[3], status: 'issued', publishedAt: undefined, issuedAt: T },
      v1Notices[4],
    ].map((n) => JSON.parse(JSON.stringify(n)) as unknown));
    expect(schemaFingerprint()).toContain('notices@2');
  });

  it('RxDB carries stored documents to version 2 (app)', async () => {
    const name = `mig-notices-${Date.now()}`;
    const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageDexie() });
    const old = await createRxDatabase({ name, storage: storage() });
    await old.addCollections({ notices: { schema: noticesV1, migrationStrategies: { 1: (d: unknown) => d } } });
    const inserted = await old.notices!.bulkInsert(v1Notices.map((d) => ({ ...d, sync: { seq: 1 } })));
    expect(inserted.error).toEqual([]);
    await old.close();

    const db = await createRxDatabase({ name, storage: storage() });
    await db.addCollections({ notices: COLLECTIONS.notices } as never);
    const docs = (await db.notices!.find().exec())
      .map((d) => {
        const { _meta, _rev, _attachments, _deleted, sync, ...rest } = d.toJSON(true) as Record<string, unknown>;
        expect(sync).toEqual({ seq: 1 });
        return rest;
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(docs.map((d) => canonicalJson(d))).toEqual(v1Notices.map((d) => canonicalJson(migrateNoticeV1ToV2(d))));
    await db.remove();
  });

  it('the server rewrites stored documents to the same content, keeping their seq (0006-notices-v2.sql)', async () => {
    const db = await openPglite(undefined);
    const all = await loadMigrations();
    await migrate(db, all.filter((m) => m.version < 6));
    await db.query("INSERT INTO compounds (id, code, name) VALUES ('t1', 'T1', '和美小区')");
    let seq = 0;
    for (const d of v1Notices) {
      seq += 1;
      await db.query('INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, $2, $3, $4, false, $5::jsonb)', ['t1', 'notices', d.id, seq, JSON.stringify(d)]);
    }
    // Another collection's `status: published` is not a notice's.
    await db.query('INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, $2, $3, $4, false, $5::jsonb)', [
      't1', 'tasks', 'x1', ++seq, JSON.stringify({ id: 'x1', status: 'published', publishedAt: T }),
    ]);
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.version >= 6).map((m) => m.name));
    const rows = await db.query<{ seq: number; collection: string; data: Record<string, unknown> }>('SELECT seq, collection, data FROM documents ORDER BY seq');
    const notices = rows.rows.filter((r) => r.collection === 'notices');
    expect(notices.map((r) => canonicalJson(r.data))).toEqual(v1Notices.map((d) => canonicalJson(migrateNoticeV1ToV2(d))));
    expect(notices.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.rows.find((r) => r.collection === 'tasks')?.data).toEqual({ id: 'x1', status: 'published', publishedAt: T });
    await db.close();
  }, 60_000); // PGlite (WASM) takes seconds to start
});
