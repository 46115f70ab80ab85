// Test books for the ledger tabs' renderer tests: the fixture chart, a few vouchers taken draft → 审核 → 过账 through
// the store's own rules (two operators), and January closed as closePeriod gives it. Test-only.
import { fixtureAccounts } from '../../../../shared/domain/ledger/fixtures';
import { templateAccountId as A } from '../../../../shared/domain/ledger/chart';
import { closePeriod } from '../../../../shared/domain/ledger/period';
import type { LedgerPeriod, Voucher } from '../../../../shared/domain/ledger/types';
import type { LinliDatabase } from '../../../db/database';
import { setOperatorName } from '../../../db/operator';

const T = '2026-01-01T00:00:00.000Z';
const stamp = (by: string) => ({ createdAt: T, updatedAt: T, createdBy: by, updatedBy: by });

const voucher = (id: string, date: string, debit: string, credit: string, fen: number, summary: string): Voucher => ({
  id,
  date,
  period: date.slice(0, 7),
  summary,
  lines: [
    { id: `${id}-d`, accountId: A(debit), debitFen: fen, creditFen: 0 },
    { id: `${id}-c`, accountId: A(credit), debitFen: 0, creditFen: fen },
  ],
  status: 'draft',
  preparedBy: '张会计',
  counterparty: '某物业公司',
});

/** 停车 +¥800 and 维修 −¥2,500 in January (bank 100201), 广告 +¥60 cash in February. */
export const SEED_VOUCHERS: readonly Voucher[] = [
  voucher('v-park', '2026-01-05', '100201', '470101', 80_000, '1月停车收益'),
  voucher('v-fix', '2026-01-20', '510101', '100201', 250_000, '电梯维修'),
  voucher('v-ad', '2026-02-03', '1001', '470102', 6_000, '广告费'),
];

/** Seeds the books; with `closeJanuary`, January is closed. Leaves the operator as 张会计. */
export async function seedBooks(db: LinliDatabase, options: { closeJanuary?: boolean } = {}): Promise<void> {
  await db.accounts.bulkInsert(fixtureAccounts().map((x) => ({ ...x, ...stamp('张会计') })) as never);
  setOperatorName('张会计');
  for (const v of SEED_VOUCHERS) await db.vouchers.insert({ ...v, lines: v.lines.map((l) => ({ ...l })), ...stamp('张会计') } as never);
  setOperatorName('李审核');
  for (const v of SEED_VOUCHERS) {
    const doc = await db.vouchers.findOne(v.id).exec();
    await doc!.incrementalPatch({ status: 'reviewed', reviewedBy: '李审核', reviewedAt: `${v.date}T02:00:00.000Z` } as never);
  }
  setOperatorName('张会计');
  for (const v of SEED_VOUCHERS) {
    const doc = await db.vouchers.findOne(v.id).exec();
    await doc!.incrementalPatch({ status: 'posted', postedBy: '张会计', postedAt: `${v.date}T03:00:00.000Z` } as never);
  }
  if (options.closeJanuary) {
    const vouchers = (await db.vouchers.find().exec()).map((d) => d.toJSON() as unknown as Voucher);
    const r = closePeriod(undefined, '2026-01', { accounts: fixtureAccounts(), vouchers }, [], { by: '张会计', at: '2026-02-01T01:00:00.000Z', unsyncedCount: 0 });
    if (!r.ok) throw new Error(r.error.code);
    const p: LedgerPeriod = r.value;
    await db.periods.insert({ ...JSON.parse(JSON.stringify(p)), ...stamp('张会计') } as never);
  }
}
