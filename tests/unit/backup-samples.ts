// Valid documents of every collection (the good cases of tests/unit/schema.test.ts), in the sync states a PC holds
// them in, for the backup tests (issue #15).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schema';
import { base64FromBytes, type BackupContent, type StoredBackupDoc } from '../../shared/backup/format';

export const T = '2026-11-25T08:30:00.000Z';
const base = (id: string) => ({ id, createdAt: T, updatedAt: T, createdBy: '秘书', updatedBy: '秘书' });

/** A PNG by its signature, made distinct by `tag`. */
export function png(tag: string, size = 96): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  b.set(new TextEncoder().encode(tag), 8);
  return b;
}
export const hashOf = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

export const FILE_A = png('发票 A');
export const FILE_B = png('收据 B', 5000);

/** One valid document of each collection, without id suffix or sync state. */
export const SAMPLES: { readonly [K in CollectionName]: Record<string, unknown> } = {
  roster: { ...base('p'), kind: 'person', name: '张三', party: 'branch', status: 'active', phone: '13800138000', building: '3', unit: '2', room: '301', roles: ['party_member'], post: '楼栋长' },
  settings: {
    ...base('compound'), compoundName: '金山花园', street: '金山街道', community: '金山社区', branchName: '金山花园小区党支部',
    ownersCommitteeName: '金山花园业主委员会', totalAreaDm2: 12_345_67, totalOwners: 812, ownersCommitteeSize: 7,
  },
  meetings: {
    ...base('m'), title: '第三次共建理事会会议', type: 'council', status: 'draft', date: '2026-11-25', startTime: '19:30', endTime: '21:00',
    location: '小区党群服务站', hostName: '李书记', recorderName: '王秘书',
    attendees: [{ id: 'a1', personId: 'p1', name: '张三', role: 'member', status: 'present', checkedInAt: T }],
    topics: [{ id: 't1', title: '停车管理', notes: '讨论了…', speakers: ['张三'], resolutions: [] }],
  },
  tasks: { ...base('k'), title: '修复3号楼路灯', leadParty: 'property', coParties: [{ party: 'branch' }], status: 'pending', priority: 'urgent', dueDate: '2026-12-01' },
  task_updates: { ...base('u'), taskId: 'k1', kind: 'status', action: 'start', fromStatus: 'signed', toStatus: 'in_progress', text: '已派人', party: 'property', at: T },
  accounts: { ...base('acc'), code: '1001', name: '库存现金', type: 'asset', normalSide: 'debit', active: true, cashKind: 'cash', openingBalanceFen: 123_456 },
  vouchers: {
    ...base('v'), date: '2026-11-03', period: '2026-11', summary: '收停车费', status: 'posted', attachmentCount: 2, preparedBy: '会计', reviewedBy: '主任',
    reviewedAt: T, postedAt: T, postedBy: '会计',
    lines: [{ id: 'l1', accountId: 'acc1001', debitFen: 50_000, creditFen: 0 }, { id: 'l2', accountId: 'acc4001', debitFen: 0, creditFen: 50_000 }],
    attachments: [
      { hash: hashOf(FILE_A), name: '发票.png', mime: 'image/png', size: FILE_A.length },
      { hash: hashOf(FILE_B), name: '收据.png', mime: 'image/png', size: FILE_B.length },
    ],
  },
  periods: { ...base('2026-11'), status: 'closed', closedAt: T, closedBy: '出纳', closingBalances: [{ accountId: 'acc1001', balanceFen: 173_456 }] },
  bank_reconciliations: { ...base('r'), bankAccountId: 'acct-100201', statementDate: '2026-11-30', statementBalanceFen: 50_000, items: [{ voucherId: 'v1', lineId: 'l1' }], by: '会计', at: T },
  notices: {
    ...base('n'), kind: 'resolution', title: '关于试行错峰停车的决议公告', body: '经共建理事会讨论…', issuers: ['小区党支部'],
    issueDate: '2026-11-26', postFrom: '2026-11-26', postUntil: '2026-12-03', status: 'draft',
  },
};

/**
 * Every collection in five states: synced (clean at a seq), an unpushed change on a base seq, an unpushed create
 * (seq 0), a tombstone the server handed out, and an unpushed deletion.
 */
export function sampleDocuments(): Record<CollectionName, StoredBackupDoc[]> {
  const out = {} as Record<CollectionName, StoredBackupDoc[]>;
  COLLECTION_NAMES.forEach((name, i) => {
    const s = SAMPLES[name];
    const id = String(s.id);
    out[name] = [
      { ...s, id: `${id}-synced`, _deleted: false, sync: { seq: 10 + i } },
      { ...s, id: `${id}-edited`, updatedAt: '2026-11-26T09:00:00.000Z', _deleted: false, sync: { seq: 20 + i, dirty: true } },
      { ...s, id: `${id}-new`, _deleted: false, sync: { seq: 0, dirty: true } },
      { ...s, id: `${id}-gone`, _deleted: true, sync: { seq: 30 + i } },
      { ...s, id: `${id}-removed`, _deleted: true, sync: { seq: 40 + i, dirty: true } },
    ];
  });
  return out;
}

export function sampleContent(): BackupContent {
  return {
    documents: sampleDocuments(),
    attachments: [FILE_A, FILE_B].map((f) => ({ hash: hashOf(f), mime: 'image/png', base64: base64FromBytes(f) })),
  };
}

export const SAMPLE_FIELDS = {
  appVersion: '0.1.0',
  createdAt: '2026-11-29T08:00:00.000Z',
  device: { id: 'dev-1', name: '党群服务站电脑' },
  compound: { code: 'jinshan', name: '金山花园' },
  reason: 'manual' as const,
};
