// The ledger's reports over any date range (SPEC L-R1–L-R10): 科目余额表, 明细账, 现金/银行日记账, 收支表, 资产负债表,
// restricted funds per project. Only posted vouchers count. Balances are "net debit" (debit − credit, so a credit
// balance is negative) — one sign for every account, which makes totals add up; the UI shows 借/贷 and the size.
import { monthsOfQuarter, periodRange, type LocalDate, type PeriodMonth, type Quarter } from '../common/dates';
import { isYearEndVoucher } from './year-end';
import { debitSign } from './chart';
import type { NumberedVoucher } from './numbering';
import type { Account, AccountType, Book, DateRange, Voucher } from './types';

export const BEGINNING: LocalDate = '0000-01-01';
export const END_OF_TIME: LocalDate = '9999-12-31';

// ---- Ranges ----

export function monthRange(period: PeriodMonth): DateRange {
  const r = periodRange(period);
  if (!r) throw new Error(`not a period: ${period}`);
  return { from: r.first, to: r.last };
}

export function quarterRange(q: Quarter): DateRange {
  const months = monthsOfQuarter(q);
  return { from: monthRange(months[0] as string).from, to: monthRange(months[2] as string).to };
}

export const halfYearRange = (year: number, half: 1 | 2): DateRange =>
  half === 1 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };

export const yearRange = (year: number): DateRange => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The months a range touches, in order. */
export function monthsOf(range: DateRange): PeriodMonth[] {
  const out: PeriodMonth[] = [];
  let [y, m] = [Number(range.from.slice(0, 4)), Number(range.from.slice(5, 7))];
  const end = range.to.slice(0, 7);
  for (;;) {
    const p = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (p > end) return out;
    out.push(p);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

// ---- The chart, indexed ----

export type ChartIndex = {
  /** Live accounts by code. */
  readonly accounts: readonly Account[];
  readonly pos: ReadonlyMap<string, number>;
  /** Index of the parent, -1 at level 1. */
  readonly parent: Int32Array;
  /** 1 at level 1. */
  readonly level: Int32Array;
  readonly isLeaf: readonly boolean[];
  /** Indices deepest first: adding each into its parent in this order rolls every level up. */
  readonly rollup: readonly number[];
};

export function indexChart(accounts: readonly Account[]): ChartIndex {
  const live = accounts.filter((x) => x._deleted !== true).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const pos = new Map(live.map((x, i) => [x.id, i]));
  const parent = new Int32Array(live.length).fill(-1);
  const isLeaf = live.map(() => true);
  live.forEach((x, i) => {
    const p = x.parentId !== undefined ? pos.get(x.parentId) : undefined;
    if (p !== undefined) {
      parent[i] = p;
      isLeaf[p] = false;
    }
  });
  const level = new Int32Array(live.length);
  const levelOf = (i: number): number => {
    if (level[i] === 0) level[i] = parent[i] === -1 ? 1 : levelOf(parent[i] as number) + 1;
    return level[i] as number;
  };
  live.forEach((_, i) => levelOf(i));
  const rollup = live.map((_, i) => i).sort((a, b) => (level[b] as number) - (level[a] as number));
  return { accounts: live, pos, parent, level, isLeaf, rollup };
}

/** Index of every account under (and including) `accountId`. */
function subtree(idx: ChartIndex, accountId: string): Set<number> {
  const root = idx.pos.get(accountId);
  const out = new Set<number>();
  if (root === undefined) return out;
  out.add(root);
  for (let i = 0; i < idx.accounts.length; i++) {
    let p = idx.parent[i] as number;
    while (p !== -1 && p !== root) p = idx.parent[p] as number;
    if (p === root) out.add(i);
  }
  return out;
}

const isPosted = (v: Voucher): boolean => v.status === 'posted' && v._deleted !== true;

type Sums = {
  readonly before: Float64Array;
  readonly debit: Float64Array;
  readonly credit: Float64Array;
  /** The part of debit/credit on lines with a project (限定性). */
  readonly projDebit: Float64Array;
  readonly projCredit: Float64Array;
  readonly unknown: Set<string>;
};

const add = (arr: Float64Array, i: number, x: number): void => {
  arr[i] = (arr[i] as number) + x;
};

/** One pass over the vouchers: net debit before the range (with opening balances), debits and credits within. */
function sums(book: Book, idx: ChartIndex, range: DateRange): Sums {
  const n = idx.accounts.length;
  const s: Sums = {
    before: new Float64Array(n),
    debit: new Float64Array(n),
    credit: new Float64Array(n),
    projDebit: new Float64Array(n),
    projCredit: new Float64Array(n),
    unknown: new Set(),
  };
  idx.accounts.forEach((x, i) => {
    s.before[i] = (x.openingBalanceFen ?? 0) * debitSign(x) || 0; // never -0
  });
  const { from, to } = range;
  for (const v of book.vouchers) {
    if (!isPosted(v) || v.date > to) continue;
    const early = v.date < from;
    for (const l of v.lines) {
      const i = idx.pos.get(l.accountId);
      if (i === undefined) {
        s.unknown.add(l.accountId);
        continue;
      }
      if (early) add(s.before, i, l.debitFen - l.creditFen);
      else {
        add(s.debit, i, l.debitFen);
        add(s.credit, i, l.creditFen);
        if (l.projectId) {
          add(s.projDebit, i, l.debitFen);
          add(s.projCredit, i, l.creditFen);
        }
      }
    }
  }
  for (const i of idx.rollup) {
    const p = idx.parent[i] as number;
    if (p === -1) continue;
    add(s.before, p, s.before[i] as number);
    add(s.debit, p, s.debit[i] as number);
    add(s.credit, p, s.credit[i] as number);
    add(s.projDebit, p, s.projDebit[i] as number);
    add(s.projCredit, p, s.projCredit[i] as number);
  }
  return s;
}

// ---- 科目余额表 ----

export type TrialBalanceRow = {
  readonly accountId: string;
  readonly code: string;
  readonly name: string;
  readonly type: AccountType;
  readonly level: number;
  readonly isLeaf: boolean;
  /** Net debit at the start of the range (credit balance < 0). */
  readonly openingFen: number;
  readonly debitFen: number;
  readonly creditFen: number;
  readonly closingFen: number;
};

export type ColumnTotals = {
  readonly openingDebitFen: number;
  readonly openingCreditFen: number;
  readonly debitFen: number;
  readonly creditFen: number;
  readonly closingDebitFen: number;
  readonly closingCreditFen: number;
};

export type TrialBalance = {
  readonly range: DateRange;
  readonly rows: readonly TrialBalanceRow[];
  /** Over level-1 accounts; each balance in the column of its side. */
  readonly totals: ColumnTotals;
  /** L-R2: opening, period and closing columns each balance. */
  readonly balanced: boolean;
  /** Accounts named by posted lines but not in the chart (a damaged store); their amounts are not counted. */
  readonly unknownAccountIds: readonly string[];
};

/**
 * L-R1–L-R2: 科目余额表 — every account (parents rolled up from their sub-accounts) with opening, period debits and
 * credits, closing. Rows all zero are left out unless `includeZero`.
 */
export function trialBalance(book: Book, range: DateRange, options: { readonly includeZero?: boolean; readonly index?: ChartIndex } = {}): TrialBalance {
  const idx = options.index ?? indexChart(book.accounts);
  const s = sums(book, idx, range);
  const rows: TrialBalanceRow[] = [];
  const t = { openingDebitFen: 0, openingCreditFen: 0, debitFen: 0, creditFen: 0, closingDebitFen: 0, closingCreditFen: 0 };
  idx.accounts.forEach((x, i) => {
    const openingFen = s.before[i] as number;
    const debitFen = s.debit[i] as number;
    const creditFen = s.credit[i] as number;
    const closingFen = openingFen + debitFen - creditFen;
    if (idx.parent[i] === -1) {
      t.openingDebitFen += Math.max(openingFen, 0);
      t.openingCreditFen += Math.max(-openingFen, 0);
      t.debitFen += debitFen;
      t.creditFen += creditFen;
      t.closingDebitFen += Math.max(closingFen, 0);
      t.closingCreditFen += Math.max(-closingFen, 0);
    }
    if (!options.includeZero && openingFen === 0 && debitFen === 0 && creditFen === 0) return;
    rows.push({ accountId: x.id, code: x.code, name: x.name, type: x.type, level: idx.level[i] as number, isLeaf: idx.isLeaf[i] as boolean, openingFen, debitFen, creditFen, closingFen });
  });
  const balanced = t.openingDebitFen === t.openingCreditFen && t.debitFen === t.creditFen && t.closingDebitFen === t.closingCreditFen;
  return { range, rows, totals: t, balanced, unknownAccountIds: [...s.unknown] };
}

/** A net-debit balance on the account's normal side (what 余额 shows with the account's usual direction). */
export const onNormalSide = (netDebitFen: number, account: Pick<Account, 'normalSide'>): number => netDebitFen * debitSign(account) || 0;

/** 借 / 贷 / 平 of a net-debit balance. */
export const directionOf = (netDebitFen: number): '借' | '贷' | '平' => (netDebitFen > 0 ? '借' : netDebitFen < 0 ? '贷' : '平');

// ---- 明细账 and 日记账 ----

export type LedgerRow = {
  readonly date: LocalDate;
  readonly voucherId: string;
  /** 记-N and whether it is final, when numbers were given. */
  readonly number?: number;
  readonly final?: boolean;
  /** The line's own 摘要, else the voucher's. */
  readonly summary: string;
  readonly lineId: string;
  readonly accountId: string;
  readonly debitFen: number;
  readonly creditFen: number;
  /** Net debit after this row. */
  readonly balanceFen: number;
  /** 对方科目: the accounts on the voucher's other lines (the opposite side first). */
  readonly counterAccountIds: readonly string[];
  readonly counterparty?: string;
  readonly projectId?: string;
};

export type AccountLedger = {
  readonly accountIds: readonly string[];
  readonly range: DateRange;
  readonly openingFen: number;
  readonly rows: readonly LedgerRow[];
  readonly debitFen: number;
  readonly creditFen: number;
  readonly closingFen: number;
};

const compareRows = (numbers?: ReadonlyMap<string, NumberedVoucher>) => (a: Voucher, b: Voucher): number => {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const na = numbers?.get(a.id)?.number ?? 0;
  const nb = numbers?.get(b.id)?.number ?? 0;
  if (na !== nb && a.period === b.period) return na - nb;
  const pa = a.postedAt ?? '';
  const pb = b.postedAt ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

function ledgerOver(book: Book, idx: ChartIndex, members: ReadonlySet<number>, range: DateRange, numbers?: ReadonlyMap<string, NumberedVoucher>): AccountLedger {
  let opening = 0;
  for (const i of members) {
    const x = idx.accounts[i] as Account;
    if (idx.isLeaf[i]) opening += (x.openingBalanceFen ?? 0) * debitSign(x) || 0;
  }
  const ids = new Set([...members].map((i) => (idx.accounts[i] as Account).id));
  const inRange: Voucher[] = [];
  for (const v of book.vouchers) {
    if (!isPosted(v) || v.date > range.to) continue;
    const touches = v.lines.some((l) => ids.has(l.accountId));
    if (!touches) continue;
    if (v.date < range.from) for (const l of v.lines) opening += ids.has(l.accountId) ? l.debitFen - l.creditFen : 0;
    else inRange.push(v);
  }
  inRange.sort(compareRows(numbers));
  const rows: LedgerRow[] = [];
  let balance = opening;
  let debit = 0;
  let credit = 0;
  for (const v of inRange) {
    const n = numbers?.get(v.id);
    for (const l of v.lines) {
      if (!ids.has(l.accountId)) continue;
      balance += l.debitFen - l.creditFen;
      debit += l.debitFen;
      credit += l.creditFen;
      const debitSide = l.debitFen !== 0;
      const others = v.lines.filter((o) => o !== l && !ids.has(o.accountId));
      const counter = [...others.filter((o) => (o.debitFen !== 0) !== debitSide), ...others.filter((o) => (o.debitFen !== 0) === debitSide)];
      rows.push({
        date: v.date,
        voucherId: v.id,
        ...(n ? { number: n.number, final: n.final } : {}),
        summary: l.summary?.trim() ? l.summary : v.summary,
        lineId: l.id,
        accountId: l.accountId,
        debitFen: l.debitFen,
        creditFen: l.creditFen,
        balanceFen: balance,
        counterAccountIds: [...new Set(counter.map((o) => o.accountId))],
        ...(v.counterparty !== undefined ? { counterparty: v.counterparty } : {}),
        ...(l.projectId !== undefined ? { projectId: l.projectId } : {}),
      });
    }
  }
  return { accountIds: [...ids], range, openingFen: opening, rows, debitFen: debit, creditFen: credit, closingFen: balance };
}

/** L-R3: 明细账 of one account (a parent takes in its sub-accounts), with the running balance. */
export function accountLedger(book: Book, accountId: string, range: DateRange, numbers?: ReadonlyMap<string, NumberedVoucher>): AccountLedger {
  const idx = indexChart(book.accounts);
  return ledgerOver(book, idx, subtree(idx, accountId), range, numbers);
}

/**
 * L-R4: 现金日记账 (kind 'cash') / 银行日记账 ('bank'): every leaf account of that kind, or one bank account (and its
 * sub-accounts), with the running balance and the 对方科目.
 */
export function journal(book: Book, kind: 'cash' | 'bank', range: DateRange, options: { readonly accountId?: string; readonly numbers?: ReadonlyMap<string, NumberedVoucher> } = {}): AccountLedger {
  const idx = indexChart(book.accounts);
  const members = new Set<number>();
  if (options.accountId) for (const i of subtree(idx, options.accountId)) members.add(i);
  else idx.accounts.forEach((x, i) => {
    if (x.cashKind === kind && idx.isLeaf[i]) members.add(i);
  });
  return ledgerOver(book, idx, members, range, options.numbers);
}

// ---- 收支表 ----

export type StatementRow = {
  readonly accountId: string;
  readonly code: string;
  readonly name: string;
  readonly level: number;
  readonly isLeaf: boolean;
  /** Income: credit − debit; expense: debit − credit. */
  readonly amountFen: number;
  /** 其中：限定性 — the part on lines tagged with a project. */
  readonly restrictedFen: number;
};

export type IncomeStatement = {
  readonly range: DateRange;
  readonly income: readonly StatementRow[];
  readonly expense: readonly StatementRow[];
  readonly incomeFen: number;
  readonly expenseFen: number;
  /** 收支结余 = income − expense. */
  readonly surplusFen: number;
};

/** L-R5: 收支表 — income and expense per account and category (level 1), over the range. */
export function incomeStatement(book: Book, range: DateRange, options: { readonly includeZero?: boolean } = {}): IncomeStatement {
  const idx = indexChart(book.accounts);
  // L-Y9: closing entries are not the year's income or expense.
  const s = sums({ ...book, vouchers: book.vouchers.filter((v) => !isYearEndVoucher(v)) }, idx, range);
  const income: StatementRow[] = [];
  const expense: StatementRow[] = [];
  let incomeFen = 0;
  let expenseFen = 0;
  idx.accounts.forEach((x, i) => {
    if (x.type !== 'income' && x.type !== 'expense') return;
    const sign = x.type === 'income' ? -1 : 1;
    const amountFen = sign * ((s.debit[i] as number) - (s.credit[i] as number)) || 0;
    const restrictedFen = sign * ((s.projDebit[i] as number) - (s.projCredit[i] as number)) || 0;
    const level = idx.level[i] as number;
    if (level === 1) {
      if (x.type === 'income') incomeFen += amountFen;
      else expenseFen += amountFen;
    }
    if (!options.includeZero && amountFen === 0 && s.debit[i] === 0 && s.credit[i] === 0) return;
    const row = { accountId: x.id, code: x.code, name: x.name, level, isLeaf: idx.isLeaf[i] as boolean, amountFen, restrictedFen };
    (x.type === 'income' ? income : expense).push(row);
  });
  return { range, income, expense, incomeFen, expenseFen, surplusFen: incomeFen - expenseFen };
}

// ---- 资产负债表 ----

export type BalanceSheetRow = {
  readonly accountId: string;
  readonly code: string;
  readonly name: string;
  readonly level: number;
  readonly isLeaf: boolean;
  /** On the section's side: assets debit − credit (累计折旧 negative), liabilities and net assets credit − debit. */
  readonly amountFen: number;
  /** The same at the start of the year (年初数). */
  readonly yearStartFen: number;
};

export type BalanceSheetSide = { readonly amountFen: number; readonly yearStartFen: number };

export type BalanceSheet = {
  readonly date: LocalDate;
  readonly assets: readonly BalanceSheetRow[];
  readonly liabilities: readonly BalanceSheetRow[];
  readonly netAssets: readonly BalanceSheetRow[];
  /** Income − expense not yet carried into net assets (本年收支结余, before 年度结转). */
  readonly unallocatedSurplus: BalanceSheetSide;
  readonly totalAssets: BalanceSheetSide;
  readonly totalLiabilities: BalanceSheetSide;
  /** Net-asset accounts plus the unallocated surplus. */
  readonly totalNetAssets: BalanceSheetSide;
  /** L-R6: assets = liabilities + net assets, in both columns. */
  readonly balanced: boolean;
};

/** L-R6: 资产负债表 at the end of `date`, with 年初数 (the end of the year before). */
export function balanceSheet(book: Book, date: LocalDate): BalanceSheet {
  const idx = indexChart(book.accounts);
  const now = sums(book, idx, { from: END_OF_TIME, to: date });
  const then = sums(book, idx, { from: END_OF_TIME, to: `${String(Number(date.slice(0, 4)) - 1).padStart(4, '0')}-12-31` });
  const assets: BalanceSheetRow[] = [];
  const liabilities: BalanceSheetRow[] = [];
  const netAssets: BalanceSheetRow[] = [];
  const tot = { asset: [0, 0], liability: [0, 0], net_assets: [0, 0], income: [0, 0], expense: [0, 0] } as Record<AccountType, [number, number]>;
  idx.accounts.forEach((x, i) => {
    const sign = x.type === 'asset' || x.type === 'expense' ? 1 : -1;
    const amountFen = sign * (now.before[i] as number) || 0;
    const yearStartFen = sign * (then.before[i] as number) || 0;
    if (idx.parent[i] === -1) {
      tot[x.type][0] += amountFen;
      tot[x.type][1] += yearStartFen;
    }
    if (x.type === 'income' || x.type === 'expense' || (amountFen === 0 && yearStartFen === 0)) return;
    const row = { accountId: x.id, code: x.code, name: x.name, level: idx.level[i] as number, isLeaf: idx.isLeaf[i] as boolean, amountFen, yearStartFen };
    (x.type === 'asset' ? assets : x.type === 'liability' ? liabilities : netAssets).push(row);
  });
  // income is counted credit-positive and expense debit-positive above
  const unallocatedSurplus = { amountFen: tot.income[0] - tot.expense[0], yearStartFen: tot.income[1] - tot.expense[1] };
  const totalAssets = { amountFen: tot.asset[0], yearStartFen: tot.asset[1] };
  const totalLiabilities = { amountFen: tot.liability[0], yearStartFen: tot.liability[1] };
  const totalNetAssets = { amountFen: tot.net_assets[0] + unallocatedSurplus.amountFen, yearStartFen: tot.net_assets[1] + unallocatedSurplus.yearStartFen };
  const balanced =
    totalAssets.amountFen === totalLiabilities.amountFen + totalNetAssets.amountFen &&
    totalAssets.yearStartFen === totalLiabilities.yearStartFen + totalNetAssets.yearStartFen;
  return { date, assets, liabilities, netAssets, unallocatedSurplus, totalAssets, totalLiabilities, totalNetAssets, balanced };
}

// ---- Restricted funds ----

export type ProjectFunds = {
  readonly projectId: string;
  /** Received − spent before the range. */
  readonly openingFen: number;
  /** Income lines tagged with the project: credit − debit. */
  readonly receivedFen: number;
  /** Expense lines tagged with the project: debit − credit. */
  readonly spentFen: number;
  readonly closingFen: number;
};

/** L-R7: per project, what was received (income) and spent (expense), before and within the range. */
export function restrictedFunds(book: Book, range: DateRange): ProjectFunds[] {
  const typeOf = new Map(book.accounts.map((x) => [x.id, x.type]));
  const acc = new Map<string, { opening: number; received: number; spent: number }>();
  for (const v of book.vouchers) {
    if (!isPosted(v) || v.date > range.to || isYearEndVoucher(v)) continue;
    for (const l of v.lines) {
      if (!l.projectId) continue;
      const t = typeOf.get(l.accountId);
      if (t !== 'income' && t !== 'expense') continue;
      const p = acc.get(l.projectId) ?? { opening: 0, received: 0, spent: 0 };
      acc.set(l.projectId, p);
      const received = t === 'income' ? l.creditFen - l.debitFen : 0;
      const spent = t === 'expense' ? l.debitFen - l.creditFen : 0;
      if (v.date < range.from) p.opening += received - spent;
      else {
        p.received += received;
        p.spent += spent;
      }
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([projectId, p]) => ({ projectId, openingFen: p.opening, receivedFen: p.received, spentFen: p.spent, closingFen: p.opening + p.received - p.spent }));
}

/** Closing net-debit balance per leaf account at the end of `date` (结账's closing balances, the hledger check). */
export function closingBalances(book: Book, date: LocalDate, index?: ChartIndex): Map<string, number> {
  const idx = index ?? indexChart(book.accounts);
  const s = sums(book, idx, { from: END_OF_TIME, to: date });
  const out = new Map<string, number>();
  idx.accounts.forEach((x, i) => out.set(x.id, s.before[i] as number));
  return out;
}
