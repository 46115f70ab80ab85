import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../common/table';
import { templateAccountId as A } from './chart';
import { fixtureAccounts, transfer } from './fixtures';
import { balanceSheetTable, incomeStatementTable, ledgerTable, restrictedFundsTable, trialBalanceTable } from './report-tables';
import { accountLedger, balanceSheet, incomeStatement, quarterRange, restrictedFunds, trialBalance } from './reports';
import type { Book } from './types';

const mk = transfer;
const book: Book = {
  accounts: fixtureAccounts(),
  vouchers: [mk('park', '2026-01-05', '100201', '470101', 80_000), mk('fix', '2026-02-20', '510101', '100201', 250_000), mk('grant', '2026-03-02', '100201', '440101', 90_000, 'P-lift')],
};
const Q1 = quarterRange({ year: 2026, quarter: 1 });
const col = (t: { columns: readonly { header: string }[]; rows: readonly (readonly unknown[])[] }, header: string, row: number) =>
  t.rows[row]?.[t.columns.findIndex((c) => c.header === header)];

describe('report tables', () => {
  it('科目余额表: one row per account, a balanced 合计 row last', () => {
    const t = trialBalanceTable(trialBalance(book, Q1));
    expect(t.columns.map((c) => c.header)).toEqual(['科目编码', '科目名称', '期初借方', '期初贷方', '本期借方', '本期贷方', '期末借方', '期末贷方']);
    const last = t.rows.length - 1;
    expect(t.totalRows).toEqual([last]);
    expect(col(t, '科目名称', last)).toBe('合计');
    expect(col(t, '期初借方', last)).toBe(col(t, '期初贷方', last));
    expect(col(t, '本期借方', last)).toBe(col(t, '本期贷方', last));
    expect(col(t, '期末借方', last)).toBe(col(t, '期末贷方', last));
    expect(t.rows.find((r) => r[0] === '510101')?.[1]).toBe('\u3000维修养护');
  });

  it('明细账: 期初余额, a running balance with its direction, 本期合计', () => {
    const t = ledgerTable(accountLedger(book, A('100201'), Q1), { title: '明细账', accounts: book.accounts });
    expect(t.rows.map((r) => [r[2], r[6], r[7]])).toEqual([
      ['期初余额', '借', 5_000_000],
      ['park', '借', 5_080_000],
      ['fix', '借', 4_830_000],
      ['grant', '借', 4_920_000],
      ['本期合计', '借', 4_920_000],
    ]);
    expect(t.rows[1]?.[3]).toBe('470101 停车收益');
  });

  it('收支表, 资产负债表 and 限定性资金 carry their totals', () => {
    const st = incomeStatementTable(incomeStatement(book, Q1));
    expect(st.rows.at(-1)).toEqual(['', '三、收支结余', -80_000, null]);
    const bs = balanceSheetTable(balanceSheet(book, '2026-03-31'));
    const total = (label: string) => bs.rows.find((r) => r[1] === label)?.[3];
    expect(total('资产合计')).toBe(total('负债和净资产总计'));
    const rf = restrictedFundsTable(restrictedFunds(book, Q1), Q1);
    expect(rf.rows).toEqual([
      ['P-lift', 0, 90_000, 0, 90_000],
      ['合计', 0, 90_000, 0, 90_000],
    ]);
  });

  it('CSV: Chinese headers, money as plain yuan, negative amounts not taken for formulas', () => {
    const csv = tableToCsv(incomeStatementTable(incomeStatement(book, Q1)));
    expect(csv.startsWith('\uFEFF科目编码,项目,本期金额,其中：限定性\r\n')).toBe(true);
    expect(csv).toContain(',三、收支结余,-800.00,\r\n');
  });
});
