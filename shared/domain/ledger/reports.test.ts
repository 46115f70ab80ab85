import { describe, expect, it } from 'vitest';
import { templateAccountId as A } from './chart';
import { fixtureAccounts } from './fixtures';
import {
  accountLedger,
  balanceSheet,
  directionOf,
  halfYearRange,
  incomeStatement,
  journal,
  monthRange,
  monthsOf,
  onNormalSide,
  quarterRange,
  restrictedFunds,
  trialBalance,
  yearRange,
} from './reports';
import type { Book, Voucher, VoucherLine } from './types';

let n = 0;
const v = (date: string, lines: [string, number, number, string?][], extra: Partial<Voucher> = {}): Voucher => {
  const id = `v${++n}`;
  return {
    id,
    date,
    period: date.slice(0, 7),
    summary: `s${id}`,
    lines: lines.map(([acc, d, c, projectId], i): VoucherLine => ({ id: `${id}-${i}`, accountId: A(acc), debitFen: d, creditFen: c, ...(projectId ? { projectId } : {}) })),
    status: 'posted',
    preparedBy: 'a',
    reviewedBy: 'b',
    postedAt: `${date}T01:00:00Z`,
    ...extra,
  };
};
const book: Book = {
  accounts: fixtureAccounts(),
  vouchers: [
    v('2026-01-05', [['100201', 50_000, 0], ['470101', 0, 50_000]]), // parking in
    v('2026-02-10', [['510101', 20_000, 0], ['1001', 0, 20_000]]), // repair, cash
    v('2026-02-11', [['100201', 300_000, 0], ['440101', 0, 300_000, 'P1']]), // grant
    v('2026-03-01', [['510103', 120_000, 0, 'P1'], ['100201', 0, 120_000]]), // spent on the project
    v('2026-03-02', [['540101', 500, 0], ['100201', 0, 500]]),
    v('2026-03-03', [['1001', 999, 0], ['4901', 0, 999]], { status: 'draft' }), // ignored
    v('2026-04-01', [['1001', 1, 0], ['4901', 0, 1]]),
  ],
};
const row = (tb: ReturnType<typeof trialBalance>, code: string) => tb.rows.find((r) => r.code === code);

describe('L-R0 ranges', () => {
  it('L-R0 month, quarter, half, year and the months of a range', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(quarterRange({ year: 2026, quarter: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(halfYearRange(2026, 2)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('L-R1–L-R2 科目余额表', () => {
  const q1 = trialBalance(book, quarterRange({ year: 2026, quarter: 1 }));
  it('L-R2 columns balance', () => {
    expect(q1.balanced).toBe(true);
    expect(q1.totals.debitFen).toBe(q1.totals.creditFen);
    expect(q1.totals.debitFen).toBe(50_000 + 20_000 + 300_000 + 120_000 + 500);
  });
  it('L-R1 opening, movement, closing per account; parents roll up', () => {
    expect(row(q1, '100201')).toMatchObject({ openingFen: 5_000_000, debitFen: 350_000, creditFen: 120_500, closingFen: 5_229_500, level: 2, isLeaf: true });
    expect(row(q1, '1002')).toMatchObject({ openingFen: 6_000_000, debitFen: 350_000, creditFen: 120_500, closingFen: 6_229_500, level: 1, isLeaf: false });
    expect(row(q1, '1502')).toMatchObject({ openingFen: -30_000, closingFen: -30_000 });
    expect(row(q1, '4701')).toMatchObject({ creditFen: 50_000, closingFen: -50_000 });
    expect(row(q1, '4901')).toBeUndefined(); // the draft is not counted; April is outside
  });
  it('L-R1 the next range opens where the last closed', () => {
    const apr = trialBalance(book, monthRange('2026-04'));
    for (const r of q1.rows) expect(row(apr, r.code)?.openingFen ?? 0).toBe(r.closingFen);
  });
  it('L-R1 helpers: normal side and direction', () => {
    expect(onNormalSide(-50_000, { normalSide: 'credit' })).toBe(50_000);
    expect([directionOf(1), directionOf(-1), directionOf(0)]).toEqual(['借', '贷', '平']);
  });
});

describe('L-R3–L-R4 明细账 and 日记账', () => {
  it('L-R3 running balance from the opening, parents take in sub-accounts', () => {
    const l = accountLedger(book, A('1002'), yearRange(2026));
    expect(l.openingFen).toBe(6_000_000);
    expect(l.rows.map((r) => r.balanceFen)).toEqual([6_050_000, 6_350_000, 6_230_000, 6_229_500]);
    expect(l.closingFen).toBe(6_229_500);
    expect(l.rows[0]?.counterAccountIds).toEqual([A('470101')]);
  });
  it('L-R3 a range opens with what came before', () => {
    const l = accountLedger(book, A('100201'), monthRange('2026-03'));
    expect(l.openingFen).toBe(5_350_000);
    expect(l.rows).toHaveLength(2);
  });
  it('L-R4 cash and bank journals', () => {
    const cash = journal(book, 'cash', yearRange(2026));
    expect(cash.rows.map((r) => [r.date, r.creditFen, r.balanceFen])).toEqual([
      ['2026-02-10', 20_000, 180_000],
      ['2026-04-01', 0, 180_001],
    ]);
    const bank = journal(book, 'bank', yearRange(2026), { accountId: 'acct-bank2' });
    expect(bank).toMatchObject({ openingFen: 1_000_000, rows: [], closingFen: 1_000_000 });
  });
});

describe('L-R5 收支表', () => {
  it('L-R5 income and expense by category, restricted part, surplus', () => {
    const s = incomeStatement(book, quarterRange({ year: 2026, quarter: 1 }));
    expect(s.incomeFen).toBe(350_000);
    expect(s.expenseFen).toBe(140_500);
    expect(s.surplusFen).toBe(209_500);
    expect(s.income.find((r) => r.code === '4401')).toMatchObject({ amountFen: 300_000, restrictedFen: 300_000 });
    expect(s.expense.find((r) => r.code === '5101')).toMatchObject({ amountFen: 140_000, restrictedFen: 120_000 });
  });
});

describe('L-R6 资产负债表', () => {
  it('L-R6 assets = liabilities + net assets (with the unallocated surplus), and 年初数', () => {
    const b = balanceSheet(book, '2026-03-31');
    expect(b.balanced).toBe(true);
    expect(b.totalAssets.amountFen).toBe(200_000 + 6_000_000 + 300_000 - 30_000 + 209_500 - 20_000 + 20_000);
    expect(b.unallocatedSurplus.amountFen).toBe(209_500);
    expect(b.totalAssets.yearStartFen).toBe(6_470_000);
    expect(b.assets.find((r) => r.code === '1502')?.amountFen).toBe(-30_000);
  });
});

describe('L-R7 restricted funds per project', () => {
  it('L-R7 received and spent per project', () => {
    expect(restrictedFunds(book, yearRange(2026))).toEqual([{ projectId: 'P1', openingFen: 0, receivedFen: 300_000, spentFen: 120_000, closingFen: 180_000 }]);
    expect(restrictedFunds(book, monthRange('2026-03'))).toEqual([{ projectId: 'P1', openingFen: 300_000, receivedFen: 0, spentFen: 120_000, closingFen: 180_000 }]);
  });
});
