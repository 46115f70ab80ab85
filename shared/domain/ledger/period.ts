// 结账 and 反结账 of a month (SPEC L-P1–L-P8). Closing fixes the month's 记-N numbering, extends the hash chain and
// stores the closing balances; from then on the month takes no voucher change on any PC or on the server.
import { err, ok, type Result } from '../../result';
import type { PeriodMonth } from '../common/dates';
import { canonicalJson } from '../../sync/canonical-json';
import { openingBalanceProblem } from './chart';
import { chainOf, GENESIS_HASH } from './hash-chain';
import { numberVouchers } from './numbering';
import { closingBalances, indexChart, monthRange, trialBalance } from './reports';
import type { Book, LedgerPeriod, LedgerProblem } from './types';

export type CloseErrorCode =
  | 'PERIOD_INVALID'
  | 'PERIOD_ALREADY_CLOSED'
  | 'PREVIOUS_PERIOD_OPEN' // detail.period: close months in order
  | 'UNSYNCED_CHANGES' // detail.count: this PC has ledger changes the server has not confirmed
  | 'DRAFTS_REMAIN' // detail.count: drafts or reviewed vouchers in the month
  | 'OPENING_UNBALANCED'
  | 'TRIAL_BALANCE_UNBALANCED';

/** The months before `month` that have vouchers or a period document and are not closed, earliest first. */
function openBefore(month: PeriodMonth, book: Book, periods: readonly LedgerPeriod[]): PeriodMonth[] {
  const closed = new Set(periods.filter((p) => p.status === 'closed').map((p) => p.id));
  const months = new Set<PeriodMonth>(periods.map((p) => p.id));
  for (const v of book.vouchers) if (v._deleted !== true) months.add(v.period);
  return [...months].filter((m) => m < month && !closed.has(m)).sort();
}

/** The chain head the month continues from: the latest closed month before it, else the genesis. */
export function previousHead(month: PeriodMonth, periods: readonly LedgerPeriod[]): string {
  const before = periods.filter((p) => p.id < month && p.status === 'closed' && p.chainHead).sort((a, b) => (a.id < b.id ? 1 : -1));
  return before[0]?.chainHead ?? GENESIS_HASH;
}

/**
 * L-P1–L-P4: 结账. Refused while earlier months are open, while this PC has unsynced ledger changes (the caller
 * counts them), while drafts remain in the month, or when the books do not balance. The result keeps the numbers
 * an earlier close fixed, fixes the rest (L-N3), chains them (L-H3) and stores each leaf's closing balance.
 */
export function closePeriod(
  current: LedgerPeriod | undefined,
  month: PeriodMonth,
  book: Book,
  periods: readonly LedgerPeriod[],
  input: { readonly by: string; readonly at: string; readonly unsyncedCount: number },
): Result<LedgerPeriod, LedgerProblem<CloseErrorCode>> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return err({ code: 'PERIOD_INVALID' });
  if (current?.status === 'closed') return err({ code: 'PERIOD_ALREADY_CLOSED' });
  const open = openBefore(month, book, periods);
  if (open.length > 0) return err({ code: 'PREVIOUS_PERIOD_OPEN', detail: { period: open[0] as string } });
  if (input.unsyncedCount > 0) return err({ code: 'UNSYNCED_CHANGES', detail: { count: input.unsyncedCount } });
  const drafts = book.vouchers.filter((v) => v._deleted !== true && v.period === month && v.status !== 'posted').length;
  if (drafts > 0) return err({ code: 'DRAFTS_REMAIN', detail: { count: drafts } });
  if (openingBalanceProblem(book.accounts)) return err({ code: 'OPENING_UNBALANCED' });
  const index = indexChart(book.accounts);
  const range = monthRange(month);
  if (!trialBalance(book, range, { index }).balanced) return err({ code: 'TRIAL_BALANCE_UNBALANCED' });
  const numbered = numberVouchers(book.vouchers, month, current?.numbering);
  const fixed = current?.numbering ?? [];
  // Numbers fixed before keep their stored hashes; the new ones chain on from the last of them.
  const fresh = numbered.filter((n) => !n.final);
  const head = fixed.length > 0 ? (fixed[fixed.length - 1]?.hash as string) : previousHead(month, periods);
  const links = chainOf(fresh, head);
  const numbering = [...fixed, ...links.map((l) => ({ voucherId: l.voucherId, hash: l.hash }))];
  const balances = closingBalances(book, range.to, index);
  const closing = index.accounts.filter((_, i) => index.isLeaf[i]).map((x) => ({ accountId: x.id, balanceFen: balances.get(x.id) ?? 0 }));
  return ok({
    ...(current ?? {}),
    id: month,
    status: 'closed',
    closedAt: input.at,
    closedBy: input.by,
    closingBalances: closing,
    numbering,
    chainHead: numbering.length > 0 ? (numbering[numbering.length - 1]?.hash as string) : head,
  });
}

export type ReopenErrorCode = 'NOT_CLOSED' | 'ROLE_NOT_ALLOWED' | 'REASON_REQUIRED' | 'LATER_PERIOD_CLOSED';

/**
 * L-P5–L-P6: 反结账 by a 管理员 with a reason, recorded; only the latest closed month (a later close built on its
 * balances and chain). The fixed numbering and chain stay: numbers once fixed never move (L-N3).
 */
export function reopenPeriod(
  period: LedgerPeriod,
  periods: readonly LedgerPeriod[],
  input: { readonly by: string; readonly role: string; readonly reason: string; readonly at: string },
): Result<LedgerPeriod, LedgerProblem<ReopenErrorCode>> {
  if (period.status !== 'closed') return err({ code: 'NOT_CLOSED' });
  if (input.role !== 'admin') return err({ code: 'ROLE_NOT_ALLOWED' });
  const reason = input.reason.trim();
  if (reason === '') return err({ code: 'REASON_REQUIRED', path: 'reopenReason' });
  const later = periods.find((p) => p.id > period.id && p.status === 'closed');
  if (later) return err({ code: 'LATER_PERIOD_CLOSED', detail: { period: later.id } });
  const { closingBalances: _c, closedAt: _a, closedBy: _b, ...rest } = period;
  return ok({ ...rest, status: 'open', reopenings: [...(period.reopenings ?? []), { at: input.at, by: input.by, reason }] });
}

export type PeriodChangeCode =
  | 'PERIOD_CLOSED_IMMUTABLE'
  | 'CLOSE_STALE' // the pushed close is not what the server's documents give: the PC was not synced
  | 'NUMBERING_REWRITTEN'
  | 'REOPEN_INVALID'; // a reopen without a new recorded reason, or by someone not a 管理员

/**
 * L-P7: the check a push of a period document runs. `recomputed` is closePeriod over the server's own documents
 * (same `by`/`at` as the pushed one), for an open → closed change. A closed period changes only by a reopen.
 */
export function periodChangeProblem(
  before: LedgerPeriod | undefined,
  after: LedgerPeriod,
  actorRole: string,
  recomputed?: Result<LedgerPeriod, LedgerProblem<CloseErrorCode>>,
): LedgerProblem<PeriodChangeCode | CloseErrorCode> | null {
  const fixedBefore = before?.numbering ?? [];
  const prefixKept = fixedBefore.every((e, i) => after.numbering?.[i]?.voucherId === e.voucherId && after.numbering?.[i]?.hash === e.hash);
  if (!prefixKept) return { code: 'NUMBERING_REWRITTEN', path: 'numbering' };
  if (before?.status === 'closed') {
    if (after.status === 'closed') return canonicalJson(before) === canonicalJson(after) ? null : { code: 'PERIOD_CLOSED_IMMUTABLE' };
    const added = (after.reopenings?.length ?? 0) - (before.reopenings?.length ?? 0);
    const last = after.reopenings?.[after.reopenings.length - 1];
    if (actorRole !== 'admin' || added !== 1 || !last || last.reason.trim() === '') return { code: 'REOPEN_INVALID', path: 'reopenings' };
    return null;
  }
  if (after.status !== 'closed') return (after.numbering?.length ?? 0) === fixedBefore.length ? null : { code: 'NUMBERING_REWRITTEN', path: 'numbering' };
  if (!recomputed) return { code: 'CLOSE_STALE' };
  if (!recomputed.ok) return recomputed.error;
  const same = (k: 'numbering' | 'chainHead' | 'closingBalances'): boolean => canonicalJson(recomputed.value[k] ?? null) === canonicalJson(after[k] ?? null);
  if (!same('numbering') || !same('chainHead')) return { code: 'CLOSE_STALE', path: 'numbering' };
  if (!same('closingBalances')) return { code: 'CLOSE_STALE', path: 'closingBalances' };
  return null;
}
