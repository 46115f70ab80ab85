// Issue #12: accounts, vouchers and periods go from schema version 1 to 2. The app's RxDB migration and the server's
// SQL migration (0004-ledger-v2.sql) must give the same content, so that no version travels again.
import 'fake-indexeddb/auto';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, accountsSchemaLiteral, periodsSchemaLiteral, vouchersSchemaLiteral } from '../../shared/schema';
import { shortText, timestampField } from '../../shared/schema/fields';
import { migrateAccountV1ToV2, migratePeriodV1ToV2, migrateVoucherV1ToV2, migrateVoucherV2ToV3 } from '../../shared/schema/ledger-migrations';
import { schemaFingerprint } from '../../shared/sync/protocol';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { loadMigrations, migrate } from '../../src-server/db/migrate';
import { openPglite } from '../../src-server/db/pglite-db';

addRxPlugin(RxDBMigrationSchemaPlugin);

/** Version 1 of the three (git history), built from version 2 where unchanged. */
const { cashKind: _k, requiresProject: _r, bankName: _b, bankAccountNo: _n, ...accountV2Props } = accountsSchemaLiteral.properties;
const accountsV1 = {
  ...accountsSchemaLiteral,
  version: 1,
  properties: { ...accountV2Props, code: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[0-9]{1,20}$' }, isCash: { type: 'boolean' } },
} as unknown as RxJsonSchema<unknown>;
const vp = vouchersSchemaLiteral.properties;
const { preparedById: _pi, reviewedById: _ri, reviewedAt: _ra, ...voucherV2Props } = vp;
const vouchersV1 = {
  ...vouchersSchemaLiteral,
  version: 1,
  required: vouchersSchemaLiteral.required.filter((f) => f !== 'preparedBy'),
  properties: {
    ...voucherV2Props,
    number: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    status: { type: 'string', enum: ['draft', 'posted', 'void'], maxLength: 10 },
    lines: { ...vp.lines, items: { ...vp.lines.items, properties: { id: vp.lines.items.properties.id, accountId: vp.lines.items.properties.accountId, summary: vp.lines.items.properties.summary, debitFen: vp.lines.items.properties.debitFen, creditFen: vp.lines.items.properties.creditFen } } },
  },
} as unknown as RxJsonSchema<unknown>;
const { numbering: _nu, chainHead: _c, reopenings: _re, ...periodV2Props } = periodsSchemaLiteral.properties;
const periodsV1 = {
  ...periodsSchemaLiteral,
  version: 1,
  properties: { ...periodV2Props, reopenedAt: timestampField, reopenReason: shortText(500) },
} as unknown as RxJsonSchema<unknown>;

const T = '2026-11-25T08:30:00.000Z';
const stamp = { createdAt: T, updatedAt: T, createdBy: '会计', updatedBy: '主任' };
const lines = [{ id: 'l1', accountId: 'a1', debitFen: 100, creditFen: 0 }, { id: 'l2', accountId: 'a2', debitFen: 0, creditFen: 100 }];
const v1Accounts = [
  { id: 'a1', ...stamp, code: '1001', name: '现金', type: 'asset', normalSide: 'debit', active: true, isCash: true },
  { id: 'a2', ...stamp, code: '100201', name: '工行', type: 'asset', normalSide: 'debit', active: true, isCash: true },
  { id: 'a3', ...stamp, code: '4701', name: '公共收益', type: 'income', normalSide: 'credit', active: true, isCash: false },
  { id: 'a4', ...stamp, code: '5101', name: '维修', type: 'expense', normalSide: 'debit', active: true },
];
const v1Vouchers = [
  { id: 'v1', ...stamp, number: 3, date: '2026-10-02', period: '2026-10', summary: '停车费', lines, status: 'posted', preparedBy: '会计', postedAt: T, postedBy: '会计' },
  { id: 'v2', ...stamp, date: '2026-10-03', period: '2026-10', summary: '作废', lines, status: 'void' },
  { id: 'v3', ...stamp, date: '2026-10-04', period: '2026-10', summary: '草稿', lines, status: 'draft', preparedBy: '出纳' },
];
const v1Periods = [
  { id: '2026-09', ...stamp, status: 'closed', closedAt: T, closedBy: '会计' },
  { id: '2026-10', ...stamp, status: 'open', reopenedAt: T, reopenReason: '补录漏记凭证' },
];

describe('ledger v1 → v2', () => {
  it('the pure mapping: cash kind from the code, void → draft, no number, 制单人 from the author, the reopen recorded', () => {
    expect(v1Accounts.map((a) => migrateAccountV1ToV2(a).cashKind)).toEqual(['cash', 'bank', undefined, undefined]);
    expect(v1Accounts.every((a) => !('isCash' in migrateAccountV1ToV2(a)))).toBe(true);
    expect(v1Vouchers.map((v) => migrateVoucherV1ToV2(v))).toEqual([
      expect.not.objectContaining({ number: expect.anything() }),
      expect.objectContaining({ status: 'draft', preparedBy: '会计' }),
      expect.objectContaining({ status: 'draft', preparedBy: '出纳' }),
    ]);
    expect(migratePeriodV1ToV2(v1Periods[1]!)).toEqual({ id: '2026-10', ...stamp, status: 'open', reopenings: [{ at: T, by: '主任', reason: '补录漏记凭证' }] });
    expect(migratePeriodV1ToV2(v1Periods[0]!)).toEqual(v1Periods[0]);
  });

  it('RxDB carries stored documents to version 2 (app)', async () => {
    const name = `mig-ledger-${Date.now()}`;
    const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageDexie() });
    const old = await createRxDatabase({ name, storage: storage() });
    const keep = (d: unknown) => d;
    await old.addCollections({
      accounts: { schema: accountsV1, migrationStrategies: { 1: keep } },
      vouchers: { schema: vouchersV1, migrationStrategies: { 1: keep } },
      periods: { schema: periodsV1, migrationStrategies: { 1: keep } },
    });
    await old.accounts!.bulkInsert(v1Accounts.map((d) => ({ ...d, sync: { seq: 1 } })));
    await old.vouchers!.bulkInsert(v1Vouchers.map((d) => ({ ...d, sync: { seq: 2 } })));
    await old.periods!.bulkInsert(v1Periods.map((d) => ({ ...d, sync: { seq: 3 } })));
    await old.close();

    const db = await createRxDatabase({ name, storage: storage() });
    await db.addCollections({ accounts: COLLECTIONS.accounts, vouchers: COLLECTIONS.vouchers, periods: COLLECTIONS.periods } as never);
    const plain = async (c: 'accounts' | 'vouchers' | 'periods') =>
      (await db[c]!.find().exec()).map((d) => {
        const { _meta, _rev, _attachments, _deleted, sync, ...rest } = d.toJSON(true) as Record<string, unknown>;
        expect(sync).toMatchObject({ seq: expect.any(Number) });
        return rest;
      }).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect((await plain('accounts')).map((d) => canonicalJson(d))).toEqual(v1Accounts.map((d) => canonicalJson(migrateAccountV1ToV2(d))));
    expect((await plain('vouchers')).map((d) => canonicalJson(d))).toEqual(v1Vouchers.map((d) => canonicalJson(migrateVoucherV1ToV2(d))));
    expect((await plain('periods')).map((d) => canonicalJson(d))).toEqual(v1Periods.map((d) => canonicalJson(migratePeriodV1ToV2(d))));
    await db.remove();
  });

  it('the server rewrites stored documents to the same content, keeping their seq (0004-ledger-v2.sql)', async () => {
    const db = await openPglite(undefined);
    const all = await loadMigrations();
    await migrate(db, all.filter((m) => m.version < 4));
    await db.query("INSERT INTO compounds (id, code, name) VALUES ('t1', 'T1', '金山小区')");
    let seq = 0;
    for (const [collection, docs] of [['accounts', v1Accounts], ['vouchers', v1Vouchers], ['periods', v1Periods]] as const) {
      for (const d of docs) {
        await db.query('INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, $2, $3, $4, false, $5::jsonb)', ['t1', collection, d.id, ++seq, JSON.stringify(d)]);
      }
    }
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.version >= 4).map((m) => m.name));
    const rows = await db.query<{ seq: number; data: Record<string, unknown> }>('SELECT seq, data FROM documents ORDER BY seq');
    const expected = [...v1Accounts.map((d) => migrateAccountV1ToV2(d)), ...v1Vouchers.map((d) => migrateVoucherV1ToV2(d)), ...v1Periods.map((d) => migratePeriodV1ToV2(d))];
    expect(rows.rows.map((r) => canonicalJson(r.data))).toEqual(expected.map((d) => canonicalJson(d)));
    expect(rows.rows.map((r) => r.seq)).toEqual(expected.map((_, i) => i + 1));
    await db.close();
  }, 60_000); // PGlite (WASM) takes seconds to start
});

describe('vouchers v2 → v3 (attachments)', () => {
  const { attachments: _a, ...v2Props } = vouchersSchemaLiteral.properties;
  const vouchersV2 = { ...vouchersSchemaLiteral, version: 2, properties: v2Props } as unknown as RxJsonSchema<unknown>;
  const v2Vouchers = v1Vouchers.map((v) => migrateVoucherV1ToV2(v));

  it('is the identity: every v2 voucher is a v3 voucher as it is; the fingerprint says vouchers@3', async () => {
    expect(v2Vouchers.map((v) => migrateVoucherV2ToV3(v))).toEqual(v2Vouchers);
    expect(schemaFingerprint()).toContain('vouchers@3');
    const name = `mig-vouchers-v3-${Date.now()}`;
    const storage = () => wrappedValidateAjvStorage({ storage: getRxStorageDexie() });
    const old = await createRxDatabase({ name, storage: storage() });
    const keep = (d: unknown) => d;
    await old.addCollections({ vouchers: { schema: vouchersV2, migrationStrategies: { 1: keep, 2: keep } } });
    await old.vouchers!.bulkInsert(v2Vouchers.map((d) => ({ ...d, sync: { seq: 2 } })));
    await old.close();
    const db = await createRxDatabase({ name, storage: storage() });
    await db.addCollections({ vouchers: COLLECTIONS.vouchers } as never);
    const docs = (await db.vouchers!.find().exec()).map((d) => {
      const { _meta, _rev, _attachments, _deleted, sync, ...rest } = d.toJSON(true) as Record<string, unknown>;
      expect(sync).toEqual({ seq: 2 });
      return canonicalJson(rest);
    });
    expect(docs.sort()).toEqual(v2Vouchers.map((d) => canonicalJson(d)).sort());
    await db.remove();
  });

  it('the server only adds the blob store (0005): stored vouchers keep their content and seq', async () => {
    const db = await openPglite(undefined);
    const all = await loadMigrations();
    await migrate(db, all.filter((m) => m.version < 5));
    await db.query("INSERT INTO compounds (id, code, name) VALUES ('t1', 'T1', '金山小区')");
    let seq = 0;
    for (const d of v2Vouchers) {
      await db.query('INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, $2, $3, $4, false, $5::jsonb)', ['t1', 'vouchers', String(d.id), ++seq, JSON.stringify(d)]);
    }
    expect(await migrate(db, all)).toEqual(all.filter((m) => m.version >= 5).map((m) => m.name));
    const rows = await db.query<{ seq: number; data: Record<string, unknown> }>('SELECT seq, data FROM documents ORDER BY seq');
    expect(rows.rows.map((r) => canonicalJson(r.data))).toEqual(v2Vouchers.map((d) => canonicalJson(d)));
    expect((await db.query('SELECT count(*)::int AS n FROM blobs')).rows[0]).toEqual({ n: 0 });
    await db.close();
  }, 60_000);
});
