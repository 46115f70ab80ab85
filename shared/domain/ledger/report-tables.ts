// Each ledger report as one plain table with Chinese headers (money in fen, typed 'money'), read by both the printed
// report and the XLSX/CSV export, so that paper and file always say the same. Pure.
import type { DataTable, TableCell, TableColumn } from '../common/table';
import type { ProjectFunds } from './reports';
import { directionOf, type AccountLedger, type BalanceSheet, type IncomeStatement, type TrialBalance } from './reports';
import { voucherNo, type NumberedVoucher } from './numbering';
import type { Account, DateRange } from './types';

export type ReportTable = DataTable & {
  /** 科目余额表 …; the sheet name and the printed heading. */
  readonly title: string;
  /** The range or date the report covers, e.g. 「2026-01-01 至 2026-03-31」. */
  readonly subtitle: string;
  /** Rows printed bold (totals). */
  readonly totalRows: readonly number[];
  /** Wide enough to print across an A4 page turned sideways. */
  readonly landscape: boolean;
};

const money = (header: string): TableColumn => ({ header, kind: 'money', width: 16 });
const text = (header: string, width = 12): TableColumn => ({ header, width });

export const rangeText = (r: DateRange): string => `${r.from} 至 ${r.to}`;

/** 维修养护 indented by full-width spaces: a sub-account indented under its parent (full-width spaces survive CSV and print). */
const indented = (name: string, level: number): string => `${'\u3000'.repeat(Math.max(level - 1, 0))}${name}`;

const nz = (fen: number): number | null => (fen === 0 ? null : fen);

function table(title: string, subtitle: string, columns: readonly TableColumn[], rows: TableCell[][], totalRows: number[], landscape = false): ReportTable {
  return { title, subtitle, sheetName: title, columns, rows, totalRows, landscape };
}

/** L-R1–L-R2 科目余额表: opening, period and closing balances, each in the column of its side; 合计 last. */
export function trialBalanceTable(tb: TrialBalance): ReportTable {
  const columns = [text('科目编码', 10), text('科目名称', 24), money('期初借方'), money('期初贷方'), money('本期借方'), money('本期贷方'), money('期末借方'), money('期末贷方')];
  const rows: TableCell[][] = tb.rows.map((r) => {
    const closing = r.closingFen;
    return [r.code, indented(r.name, r.level), nz(Math.max(r.openingFen, 0)), nz(Math.max(-r.openingFen, 0)), nz(r.debitFen), nz(r.creditFen), nz(Math.max(closing, 0)), nz(Math.max(-closing, 0))];
  });
  const t = tb.totals;
  rows.push(['', '合计', t.openingDebitFen, t.openingCreditFen, t.debitFen, t.creditFen, t.closingDebitFen, t.closingCreditFen]);
  return table('科目余额表', rangeText(tb.range), columns, rows, [rows.length - 1], true);
}

export type LedgerTableOptions = {
  readonly title: string;
  readonly accounts: readonly Account[];
  readonly numbers?: ReadonlyMap<string, NumberedVoucher>;
  /** 日记账 show 收付对象 too. */
  readonly withCounterparty?: boolean;
};

/** 记-3, or 记-3（暂） while the month is open (the number may still move, SPEC L-N1–L-N3). */
export function voucherNoText(n: Pick<NumberedVoucher, 'number' | 'final'> | undefined): string {
  if (!n) return '';
  return n.final ? voucherNo(n.number) : `${voucherNo(n.number)}（暂）`;
}

/** L-R3–L-R4 明细账 / 日记账: 期初余额, each line with the running balance and its direction, 本期合计. */
export function ledgerTable(l: AccountLedger, o: LedgerTableOptions): ReportTable {
  const byId = new Map(o.accounts.map((x) => [x.id, x]));
  const name = (id: string): string => {
    const x = byId.get(id);
    return x ? `${x.code} ${x.name}` : id;
  };
  const columns = [
    { header: '日期', kind: 'date', width: 12 } as const,
    text('凭证号', 12),
    text('摘要', 30),
    text('对方科目', 24),
    ...(o.withCounterparty ? [text('收付对象', 16)] : []),
    money('借方'),
    money('贷方'),
    text('方向', 6),
    money('余额'),
  ];
  const cp = (v: string): TableCell[] => (o.withCounterparty ? [v] : []);
  const rows: TableCell[][] = [[l.range.from, '', '期初余额', '', ...cp(''), null, null, directionOf(l.openingFen), Math.abs(l.openingFen)]];
  for (const r of l.rows) {
    const n = r.number !== undefined ? { number: r.number, final: r.final ?? false } : o.numbers?.get(r.voucherId);
    rows.push([r.date, voucherNoText(n), r.summary, r.counterAccountIds.map(name).join('、'), ...cp(r.counterparty ?? ''), nz(r.debitFen), nz(r.creditFen), directionOf(r.balanceFen), Math.abs(r.balanceFen)]);
  }
  rows.push([l.range.to, '', '本期合计', '', ...cp(''), l.debitFen, l.creditFen, directionOf(l.closingFen), Math.abs(l.closingFen)]);
  return table(o.title, rangeText(l.range), columns, rows, [0, rows.length - 1], true);
}

/** L-R5 收支表: income, then expense, per account (sub-accounts indented), the 限定性 part, and 收支结余. */
export function incomeStatementTable(st: IncomeStatement): ReportTable {
  const columns = [text('科目编码', 10), text('项目', 28), money('本期金额'), money('其中：限定性')];
  const rows: TableCell[][] = [];
  const totals: number[] = [];
  rows.push(['', '一、收入', null, null]);
  for (const r of st.income) rows.push([r.code, indented(r.name, r.level + 1), r.amountFen, nz(r.restrictedFen)]);
  totals.push(rows.length);
  rows.push(['', '收入合计', st.incomeFen, null]);
  rows.push(['', '二、费用', null, null]);
  for (const r of st.expense) rows.push([r.code, indented(r.name, r.level + 1), r.amountFen, nz(r.restrictedFen)]);
  totals.push(rows.length);
  rows.push(['', '费用合计', st.expenseFen, null]);
  totals.push(rows.length);
  rows.push(['', '三、收支结余', st.surplusFen, null]);
  return table('收支表', rangeText(st.range), columns, rows, totals);
}

/** L-R6 资产负债表 at a date: 年初数 and 期末数 for assets, liabilities and net assets, with their totals. */
export function balanceSheetTable(bs: BalanceSheet): ReportTable {
  const columns = [text('科目编码', 10), text('项目', 28), money('年初数'), money('期末数')];
  const rows: TableCell[][] = [];
  const totals: number[] = [];
  const section = (head: string, list: BalanceSheet['assets'], total: string, side: { amountFen: number; yearStartFen: number }, extra: TableCell[][] = []) => {
    rows.push(['', head, null, null]);
    for (const r of list) rows.push([r.code, indented(r.name, r.level + 1), r.yearStartFen, r.amountFen]);
    rows.push(...extra);
    totals.push(rows.length);
    rows.push(['', total, side.yearStartFen, side.amountFen]);
  };
  section('资产', bs.assets, '资产合计', bs.totalAssets);
  section('负债', bs.liabilities, '负债合计', bs.totalLiabilities);
  section('净资产', bs.netAssets, '净资产合计', bs.totalNetAssets, [['', '\u3000未结转收支结余', bs.unallocatedSurplus.yearStartFen, bs.unallocatedSurplus.amountFen]]);
  totals.push(rows.length);
  rows.push(['', '负债和净资产总计', bs.totalLiabilities.yearStartFen + bs.totalNetAssets.yearStartFen, bs.totalLiabilities.amountFen + bs.totalNetAssets.amountFen]);
  return table('资产负债表', `${bs.date}`, columns, rows, totals);
}

/** L-R7 限定性资金: per project, 期初结余, received, spent, 期末结余; 合计 last. */
export function restrictedFundsTable(funds: readonly ProjectFunds[], range: DateRange): ReportTable {
  const columns = [text('项目', 24), money('期初结余'), money('本期收到'), money('本期支出'), money('期末结余')];
  const rows: TableCell[][] = funds.map((p) => [p.projectId, p.openingFen, p.receivedFen, p.spentFen, p.closingFen]);
  const sum = (k: keyof Omit<ProjectFunds, 'projectId'>) => funds.reduce((t, p) => t + p[k], 0);
  rows.push(['合计', sum('openingFen'), sum('receivedFen'), sum('spentFen'), sum('closingFen')]);
  return table('限定性资金收支表', rangeText(range), columns, rows, [rows.length - 1]);
}
