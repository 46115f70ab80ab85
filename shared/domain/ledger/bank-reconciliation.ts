// 银行对账 (SPEC L-B1–L-B6): bank postings ticked against a statement balance. A reconciliation is its own document,
// never a change to a posted voucher; undoing it marks it undone. Ticked lines cannot be reversed (L-V18).
import { err, ok, type Result } from '../../result';
import type { LocalDate } from '../common/dates';
import type { Account, BankReconciliation, Book, LedgerProblem, LineRef } from './types';

export const lineKey = (r: LineRef): string => `${r.voucherId}/${r.lineId}`;

/** Keys (voucherId/lineId) of every line ticked by a reconciliation that is not undone. */
export function reconciledKeys(reconciliations: readonly BankReconciliation[]): Set<string> {
  const out = new Set<string>();
  for (const r of reconciliations) if (r.undoneAt === undefined) for (const it of r.items) out.add(lineKey(it));
  return out;
}

export type BankPosting = LineRef & {
  readonly date: LocalDate;
  readonly summary: string;
  /** Net debit: money in > 0, money out < 0. */
  readonly amountFen: number;
  readonly reconciled: boolean;
};

/** L-B1: the posted lines on a bank account up to `upTo`, oldest first. */
export function bankPostings(book: Book, bankAccountId: string, upTo: LocalDate, reconciled: ReadonlySet<string>): BankPosting[] {
  const out: BankPosting[] = [];
  for (const v of book.vouchers) {
    if (v._deleted === true || v.status !== 'posted' || v.date > upTo) continue;
    for (const l of v.lines) {
      if (l.accountId !== bankAccountId) continue;
      const ref = { voucherId: v.id, lineId: l.id };
      out.push({ ...ref, date: v.date, summary: l.summary?.trim() ? l.summary : v.summary, amountFen: l.debitFen - l.creditFen, reconciled: reconciled.has(lineKey(ref)) });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.voucherId < b.voucherId ? -1 : a.voucherId > b.voucherId ? 1 : 0));
}

export type ReconciliationStatus = {
  readonly statementDate: LocalDate;
  readonly statementBalanceFen: number;
  /** 账面余额: opening + every posting up to the statement date. */
  readonly bookBalanceFen: number;
  /** Opening + the ticked postings: what the bank should show. */
  readonly reconciledBalanceFen: number;
  /** statement − reconciled: 0 when every ticked item and nothing else reached the bank. */
  readonly differenceFen: number;
  /** 未达账项: postings up to the statement date not ticked yet. */
  readonly unreconciled: readonly BankPosting[];
  /** Their sum: book balance − unreconciled = reconciled balance. */
  readonly unreconciledFen: number;
};

/**
 * L-B2: where a bank account stands against a statement. The opening balance counts as reconciled (the books started
 * from a statement). `extra` are ticks being made now, not yet saved.
 */
export function reconciliationStatus(
  book: Book,
  bankAccount: Account,
  statementDate: LocalDate,
  statementBalanceFen: number,
  reconciliations: readonly BankReconciliation[],
  extra: readonly LineRef[] = [],
): ReconciliationStatus {
  const ticked = reconciledKeys(reconciliations.filter((r) => r.bankAccountId === bankAccount.id));
  for (const e of extra) ticked.add(lineKey(e));
  const postings = bankPostings(book, bankAccount.id, statementDate, ticked);
  const opening = (bankAccount.openingBalanceFen ?? 0) * (bankAccount.normalSide === 'debit' ? 1 : -1);
  let bookBalance = opening;
  let rec = opening;
  const unreconciled: BankPosting[] = [];
  for (const p of postings) {
    bookBalance += p.amountFen;
    if (p.reconciled) rec += p.amountFen;
    else unreconciled.push(p);
  }
  return {
    statementDate,
    statementBalanceFen,
    bookBalanceFen: bookBalance,
    reconciledBalanceFen: rec,
    differenceFen: statementBalanceFen - rec,
    unreconciled,
    unreconciledFen: bookBalance - rec,
  };
}

export type ReconcileErrorCode =
  | 'NOT_BANK_ACCOUNT'
  | 'NOTHING_TICKED'
  | 'STATEMENT_INVALID' // balance not integer fen, or no date
  | 'LINE_UNKNOWN' // not a posted line of this bank account on or before the statement date
  | 'ALREADY_RECONCILED'
  | 'DIFFERENCE_REMAINS'; // detail.differenceFen: ticking these does not meet the statement

/**
 * L-B3–L-B4: a new reconciliation ticking `items`. Each is a posted line of this bank account dated on or before the
 * statement and not ticked already; with `requireZeroDifference` (the default) the statement must then agree.
 */
export function reconcile(
  book: Book,
  bankAccount: Account,
  reconciliations: readonly BankReconciliation[],
  input: { readonly id: string; readonly statementDate: LocalDate; readonly statementBalanceFen: number; readonly items: readonly LineRef[]; readonly by: string; readonly at: string },
  options: { readonly requireZeroDifference?: boolean } = {},
): Result<BankReconciliation, LedgerProblem<ReconcileErrorCode>> {
  if (bankAccount.cashKind !== 'bank') return err({ code: 'NOT_BANK_ACCOUNT' });
  if (!Number.isSafeInteger(input.statementBalanceFen) || !/^\d{4}-\d{2}-\d{2}$/.test(input.statementDate)) return err({ code: 'STATEMENT_INVALID' });
  if (input.items.length === 0) return err({ code: 'NOTHING_TICKED' });
  const ticked = reconciledKeys(reconciliations.filter((r) => r.bankAccountId === bankAccount.id));
  const postings = new Map(bankPostings(book, bankAccount.id, input.statementDate, ticked).map((p) => [lineKey(p), p]));
  const seen = new Set<string>();
  for (const it of input.items) {
    const k = lineKey(it);
    const p = postings.get(k);
    if (!p || seen.has(k)) return err({ code: 'LINE_UNKNOWN', detail: { voucherId: it.voucherId, lineId: it.lineId } });
    if (p.reconciled) return err({ code: 'ALREADY_RECONCILED', detail: { voucherId: it.voucherId, lineId: it.lineId } });
    seen.add(k);
  }
  if (options.requireZeroDifference !== false) {
    const s = reconciliationStatus(book, bankAccount, input.statementDate, input.statementBalanceFen, reconciliations, input.items);
    if (s.differenceFen !== 0) return err({ code: 'DIFFERENCE_REMAINS', detail: { differenceFen: s.differenceFen } });
  }
  return ok({ ...input, bankAccountId: bankAccount.id, items: [...input.items] });
}

/** L-B5: undo — the reconciliation stays, marked undone (who, when); its lines may be reversed again. */
export function undoReconciliation(r: BankReconciliation, by: string, at: string): Result<BankReconciliation, LedgerProblem<'ALREADY_UNDONE'>> {
  if (r.undoneAt !== undefined) return err({ code: 'ALREADY_UNDONE' });
  return ok({ ...r, undoneAt: at, undoneBy: by });
}
