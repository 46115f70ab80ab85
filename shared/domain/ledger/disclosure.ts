// 财务收支公示 figures (SPEC L-D1–L-D5): only for closed months, so that what is posted on the board never changes,
// and carrying the hash of the books they came from. Layout is the notices feature's.
import { err, ok, type Result } from '../../result';
import { isYearEndVoucher } from './year-end';
import { type PeriodMonth, type Quarter } from '../common/dates';
import { numberAll } from './numbering';
import { halfYearRange, incomeStatement, indexChart, monthRange, monthsOf, quarterRange, restrictedFunds, trialBalance, type ProjectFunds } from './reports';
import type { Account, Book, DateRange, LedgerPeriod, LedgerProblem } from './types';

export type DisclosureSpan =
  | { readonly kind: 'month'; readonly period: PeriodMonth }
  | { readonly kind: 'quarter'; readonly quarter: Quarter }
  | { readonly kind: 'half'; readonly year: number; readonly half: 1 | 2 };

export const spanRange = (s: DisclosureSpan): DateRange =>
  s.kind === 'month' ? monthRange(s.period) : s.kind === 'quarter' ? quarterRange(s.quarter) : halfYearRange(s.year, s.half);

export type DisclosureCategory = {
  readonly accountId: string;
  readonly code: string;
  readonly name: string;
  readonly amountFen: number;
  /** Sub-accounts with an amount. */
  readonly parts: readonly { readonly accountId: string; readonly code: string; readonly name: string; readonly amountFen: number }[];
};

export type LargeItem = {
  readonly voucherId: string;
  /** The final 记-N (the month is closed). */
  readonly number: number;
  readonly date: string;
  readonly summary: string;
  readonly counterparty?: string;
  readonly accountId: string;
  readonly amountFen: number;
};

export type CashPosition = { readonly cashFen: number; readonly bankFen: number; readonly totalFen: number };

export type Disclosure = {
  readonly span: DisclosureSpan;
  readonly range: DateRange;
  readonly opening: CashPosition;
  readonly income: readonly DisclosureCategory[];
  readonly incomeFen: number;
  readonly expense: readonly (DisclosureCategory & { readonly largeItems: readonly LargeItem[] })[];
  readonly expenseFen: number;
  readonly largeItemThresholdFen: number;
  readonly closing: CashPosition;
  /** Closing − opening − (income − expense): money moved by receivables, payables, deposits… so the figures add up. */
  readonly otherChangesFen: number;
  readonly projects: readonly ProjectFunds[];
  /** The chain head of the last month: the hash of the books these figures came from. */
  readonly booksHash: string;
};

export type DisclosureErrorCode = 'PERIOD_NOT_CLOSED' | 'THRESHOLD_INVALID';

function cashPosition(accounts: readonly Account[], rows: ReadonlyMap<string, number>): CashPosition {
  let cashFen = 0;
  let bankFen = 0;
  const parents = new Set(accounts.map((x) => x.parentId).filter(Boolean));
  for (const x of accounts) {
    if (x._deleted === true || parents.has(x.id)) continue;
    const v = rows.get(x.id) ?? 0;
    if (x.cashKind === 'cash') cashFen += v;
    if (x.cashKind === 'bank') bankFen += v;
  }
  return { cashFen, bankFen, totalFen: cashFen + bankFen };
}

/**
 * L-D1–L-D5: the figures of a 财务收支公示. Every month of the span must be closed (PERIOD_NOT_CLOSED, detail the
 * first open one). Expense lines of at least `largeItemThresholdFen` are listed under their category.
 */
export function disclosureFigures(
  book: Book,
  periods: readonly LedgerPeriod[],
  span: DisclosureSpan,
  largeItemThresholdFen: number,
): Result<Disclosure, LedgerProblem<DisclosureErrorCode>> {
  if (!Number.isSafeInteger(largeItemThresholdFen) || largeItemThresholdFen < 0) return err({ code: 'THRESHOLD_INVALID' });
  const range = spanRange(span);
  const byId = new Map(periods.map((p) => [p.id, p]));
  const months = monthsOf(range);
  const open = months.find((m) => byId.get(m)?.status !== 'closed');
  if (open) return err({ code: 'PERIOD_NOT_CLOSED', detail: { period: open } });
  const index = indexChart(book.accounts);
  const tb = trialBalance(book, range, { index, includeZero: true });
  const opening = cashPosition(book.accounts, new Map(tb.rows.map((r) => [r.accountId, r.openingFen])));
  const closing = cashPosition(book.accounts, new Map(tb.rows.map((r) => [r.accountId, r.closingFen])));
  const st = incomeStatement(book, range);
  const categories = (rows: typeof st.income): DisclosureCategory[] =>
    rows
      .filter((r) => r.level === 1)
      .map((r) => ({
        accountId: r.accountId,
        code: r.code,
        name: r.name,
        amountFen: r.amountFen,
        parts: rows.filter((c) => c.level === 2 && c.code.startsWith(r.code) && c.amountFen !== 0).map((c) => ({ accountId: c.accountId, code: c.code, name: c.name, amountFen: c.amountFen })),
      }));
  const numbers = numberAll(book.vouchers, periods);
  const topOf = (accountId: string): string | undefined => {
    let i = index.pos.get(accountId);
    while (i !== undefined && index.parent[i] !== -1) i = index.parent[i];
    return i === undefined ? undefined : index.accounts[i]?.id;
  };
  const typeOf = new Map(book.accounts.map((x) => [x.id, x.type]));
  const large = new Map<string, LargeItem[]>();
  for (const v of book.vouchers) {
    if (v._deleted === true || v.status !== 'posted' || v.date < range.from || v.date > range.to || isYearEndVoucher(v)) continue;
    for (const l of v.lines) {
      const amount = l.debitFen - l.creditFen;
      if (typeOf.get(l.accountId) !== 'expense' || amount < largeItemThresholdFen || amount <= 0) continue;
      const top = topOf(l.accountId);
      if (!top) continue;
      const item: LargeItem = {
        voucherId: v.id,
        number: numbers.get(v.id)?.number ?? 0,
        date: v.date,
        summary: l.summary?.trim() ? l.summary : v.summary,
        ...(v.counterparty !== undefined ? { counterparty: v.counterparty } : {}),
        accountId: l.accountId,
        amountFen: amount,
      };
      large.set(top, [...(large.get(top) ?? []), item]);
    }
  }
  const expense = categories(st.expense).map((c) => ({
    ...c,
    largeItems: (large.get(c.accountId) ?? []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number - b.number)),
  }));
  const last = byId.get(months[months.length - 1] as string);
  return ok({
    span,
    range,
    opening,
    income: categories(st.income),
    incomeFen: st.incomeFen,
    expense,
    expenseFen: st.expenseFen,
    largeItemThresholdFen,
    closing,
    otherChangesFen: closing.totalFen - opening.totalFen - st.surplusFen,
    projects: restrictedFunds(book, range),
    booksHash: last?.chainHead ?? '',
  });
}
