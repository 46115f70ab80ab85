// Every collection's schema accepts good documents and rejects bad ones, through the real database
// (RxDB on Dexie, fake-indexeddb here) with RxDB's dev-mode checks and ajv validation on.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { openDatabase, type LinliDatabase } from '../../src-renderer/db/database';
import { createSchemaValidators } from '../../src-server/sync/schema-validator';

/**
 * A posted voucher, a closed period and a reconciliation cannot be written alone through the app: the ledger's rules
 * (shared/collections/ledger-rules.ts) read the chart, the vouchers and a second person. Their shapes are checked by
 * the server's validator, the same schemas under ajv; the rules have their own tests.
 */
const VIA_SERVER_VALIDATOR: ReadonlySet<CollectionName> = new Set(['vouchers', 'periods', 'bank_reconciliations']);
const serverValidators = createSchemaValidators();

const T = '2026-11-25T08:30:00.000Z';
const base = (id: string) => ({ id, createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' });

type Case = { good: Record<string, unknown>; bad: [string, Record<string, unknown>][] };

const cases: { [K in CollectionName]: Case } = {
  roster: {
    good: {
      ...base('p1'), kind: 'person', name: '张三', party: 'branch', status: 'active', phone: '13800138000',
      building: '3', unit: '2', room: '301', roles: ['party_member', 'building_leader'], post: '楼栋长',
    },
    bad: [
      ['empty name', { name: '' }],
      ['malformed phone', { phone: '1380013800' }],
      ['unknown party', { party: 'government' }],
      ['unknown role', { roles: ['king'] }],
      ['unknown field', { salary: 1 }],
      ['bad agreement date', { agreementDate: '2026/01/01' }],
    ],
  },
  settings: {
    good: {
      ...base('compound'), compoundName: '金山花园', street: '金山街道', community: '金山社区', branchName: '金山花园小区党支部',
      ownersCommitteeName: '金山花园业主委员会', totalAreaDm2: 12_345_67, totalOwners: 812, ownersCommitteeSize: 7,
      voteRules: { owners_committee: { quorum: { num: 1, den: 2, inclusive: false }, pass: { num: 1, den: 2, inclusive: true }, passBase: 'all' } },
    },
    bad: [
      ['fractional area', { totalAreaDm2: 12.5 }],
      ['negative owners', { totalOwners: -1 }],
      ['zero denominator', { voteRules: { council: { quorum: { num: 1, den: 0, inclusive: true }, pass: { num: 1, den: 2, inclusive: false }, passBase: 'present' } } }],
    ],
  },
  meetings: {
    good: {
      ...base('m1'), title: '第三次共建理事会会议', type: 'council', status: 'draft', date: '2026-11-25', startTime: '19:30', endTime: '21:00',
      location: '小区党群服务站', hostName: '李书记', hostPost: '支部书记', recorderName: '王秘书',
      attendees: [
        { id: 'a1', personId: 'p1', name: '张三', role: 'member', status: 'present', checkedInAt: T },
        { id: 'a2', name: '街道干部', role: 'guest', status: 'present' },
        { id: 'a3', name: '赵六', role: 'member', status: 'leave', reason: '出差' },
      ],
      topics: [{
        id: 't1', title: '停车管理', notes: '讨论了…', speakers: ['张三'],
        resolutions: [{ id: 'r1', text: '同意试行错峰停车', matter: 'general', vote: { method: 'count', yes: 5, no: 1, abstain: 0 },
          actionItems: [{ id: 'ai1', title: '制定方案', leadParty: 'property', dueDate: '2026-12-10' }] }],
      }],
      corrections: [{ id: 'c1', kind: 'supplement', at: T, by: '王秘书', reason: '漏记', text: '补充…' }],
    },
    bad: [
      ['unknown type', { type: 'party' }],
      ['end time not a time', { endTime: '25:00' }],
      ['negative vote count', { topics: [{ id: 't1', title: 'x', notes: '', resolutions: [{ id: 'r1', text: 'x', vote: { method: 'count', yes: -1 } }] }] }],
      ['attendee without status', { attendees: [{ id: 'a1', name: '张三', role: 'member' }] }],
    ],
  },
  tasks: {
    good: { ...base('k1'), title: '修复3号楼路灯', leadParty: 'property', coParties: [{ party: 'branch' }, { party: 'resident_group' }], status: 'pending', priority: 'urgent', dueDate: '2026-12-01',
      source: { kind: 'meeting', meetingId: 'm1', resolutionId: 'r1' } },
    bad: [
      ['empty title', { title: '' }],
      ['unknown status', { status: 'lost' }],
      ['satisfaction out of range', { satisfaction: 6 }],
    ],
  },
  task_updates: {
    good: { ...base('u1'), taskId: 'k1', kind: 'status', action: 'start', fromStatus: 'signed', toStatus: 'in_progress', text: '已派人', party: 'property', at: T },
    bad: [
      ['missing task', { taskId: undefined }],
      ['unknown kind', { kind: 'photo' }],
    ],
  },
  accounts: {
    good: { ...base('acc1001'), code: '1001', name: '库存现金', type: 'asset', normalSide: 'debit', active: true, cashKind: 'cash', openingBalanceFen: 123_456 },
    bad: [
      ['code with letters', { code: '10a1' }],
      ['code not 4 digits + pairs', { code: '10011' }],
      ['the old isCash', { isCash: true }],
      ['fractional opening balance', { openingBalanceFen: 10.5 }],
      ['unknown type', { type: 'equity' }],
    ],
  },
  vouchers: {
    good: { ...base('v1'), date: '2026-11-03', period: '2026-11', summary: '收停车费', status: 'posted', attachmentCount: 2, preparedBy: '会计', reviewedBy: '主任',
      reviewedAt: T, postedAt: T, postedBy: '会计',
      lines: [{ id: 'l1', accountId: 'acc1001', debitFen: 50_000, creditFen: 0 }, { id: 'l2', accountId: 'acc4001', debitFen: 0, creditFen: 50_000, projectId: 'p1' }],
      attachments: [{ hash: 'a'.repeat(64), name: '发票.jpg', mime: 'image/jpeg', size: 120_000 }, { hash: 'b'.repeat(64), name: '合同.pdf', mime: 'application/pdf', size: 5 * 1024 * 1024 }] },
    bad: [
      ['an attachment named by something else than SHA-256', { attachments: [{ hash: 'A'.repeat(64), name: '发票.jpg', mime: 'image/jpeg', size: 1 }] }],
      ['an attachment of another type', { attachments: [{ hash: 'a'.repeat(64), name: '网页.html', mime: 'text/html', size: 1 }] }],
      ['an attachment over 5 MiB', { attachments: [{ hash: 'a'.repeat(64), name: '大.pdf', mime: 'application/pdf', size: 5 * 1024 * 1024 + 1 }] }],
      ['an attachment without its name', { attachments: [{ hash: 'a'.repeat(64), mime: 'image/png', size: 1 }] }],
      ['a stored number (记-N is derived)', { number: 1 }],
      ['the old void status', { status: 'void' }],
      ['no 制单人', { preparedBy: undefined }],
      ['float money', { lines: [{ id: 'l1', accountId: 'a', debitFen: 0.1, creditFen: 0 }] }],
      ['no lines', { lines: [] }],
      ['bad period', { period: '2026-13' }],
    ],
  },
  periods: {
    good: { ...base('2026-11'), status: 'closed', closedAt: T, closedBy: '出纳', closingBalances: [{ accountId: 'acc1001', balanceFen: 173_456 }],
      numbering: [{ voucherId: 'v1', hash: 'a'.repeat(64) }], chainHead: 'a'.repeat(64), reopenings: [{ at: T, by: '管理员', reason: '补录' }] },
    bad: [
      ['unknown status', { status: 'locked' }],
      ['a hash that is not hex SHA-256', { chainHead: 'xyz' }],
      ['the old reopenReason', { reopenReason: '补录' }],
    ],
  },
  bank_reconciliations: {
    good: { ...base('r1'), bankAccountId: 'acct-100201', statementDate: '2026-11-30', statementBalanceFen: 50_000, items: [{ voucherId: 'v1', lineId: 'l1' }], by: '会计', at: T },
    bad: [
      ['nothing ticked', { items: [] }],
      ['fractional statement balance', { statementBalanceFen: 1.5 }],
      ['an item without its line', { items: [{ voucherId: 'v1' }] }],
    ],
  },
  notices: {
    good: { ...base('n1'), kind: 'resolution', title: '关于试行错峰停车的决议公告', body: '经共建理事会讨论…', issuers: ['小区党支部', '业委会'],
      issueDate: '2026-11-26', postFrom: '2026-11-26', postUntil: '2026-12-03', status: 'draft', source: { meetingId: 'm1', resolutionId: 'r1', voteSummary: '同意5票' } },
    bad: [
      ['empty title', { title: '' }],
      ['unknown kind', { kind: 'ad' }],
    ],
  },
};

describe('schemas', () => {
  let db: LinliDatabase;
  beforeAll(async () => {
    db = await openDatabase({ name: `schematest${Date.now()}`, devMode: true });
  });
  afterAll(async () => {
    await db.remove();
  });

  it('keeps the data model within 10 collections (RxDB open-source allows 13 open per realm)', () => {
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(10);
  });

  for (const name of COLLECTION_NAMES) {
    const { good, bad } = cases[name];
    it(`${name}: accepts a good document`, async () => {
      if (VIA_SERVER_VALIDATOR.has(name)) {
        expect(serverValidators[name]({ ...good, _deleted: false })).toBeNull();
        return;
      }
      const doc = await db.collections[name].insert(good as never);
      expect(doc.primary).toBe(good.id);
    });
    it.each(bad)(`${name}: rejects %s and stores nothing`, async (_label, patch) => {
      const id = `bad-${Math.abs(JSON.stringify(patch).length)}-${_label.length}`;
      if (VIA_SERVER_VALIDATOR.has(name)) {
        expect(serverValidators[name]({ ...good, ...patch, id, _deleted: false })).not.toBeNull();
        return;
      }
      await expect(db.collections[name].insert({ ...good, ...patch, id } as never)).rejects.toThrow();
      expect(await db.collections[name].findOne(id).exec()).toBeNull();
    });
    it(`${name}: every document carries id, createdAt, updatedAt, createdBy, updatedBy`, () => {
      expect(COLLECTIONS[name].schema.required).toEqual(expect.arrayContaining(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']));
    });
    // IF THIS FAILS: you raised a schema version without a migration strategy; add one (and a migration test).
    it(`${name}: a migration strategy for every version`, () => {
      const { schema, migrationStrategies } = COLLECTIONS[name];
      for (let v = 1; v <= schema.version; v++) expect(migrationStrategies[v]).toBeTypeOf('function');
    });
  }
});
