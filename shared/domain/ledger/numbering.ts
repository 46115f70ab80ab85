// 凭证字号 记-N, unique and gapless per month across offline PCs (SPEC L-N1–L-N7). The number is never stored on the
// voucher: it is the voucher's place in the month's order, provisional until 结账 fixes it in the period document.
import type { PeriodMonth } from '../common/dates';
import type { LedgerPeriod, LedgerProblem, NumberingEntry, Voucher } from './types';

export type NumberedVoucher = {
  readonly voucher: Voucher;
  /** 1-based: 记-number. */
  readonly number: number;
  /** Fixed by a 结账 of the month; otherwise provisional (shown as such). */
  readonly final: boolean;
};

/** L-N2: the order of vouchers not yet numbered: date, then posting time, then id (a total order every PC agrees on). */
export function compareForNumbering(a: Voucher, b: Voucher): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const pa = a.postedAt ?? '';
  const pb = b.postedAt ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const isPostedIn = (v: Voucher, period: PeriodMonth): boolean => v._deleted !== true && v.status === 'posted' && v.period === period;

/**
 * L-N1–L-N3: 记-N of the posted vouchers of `period`. The ids fixed by earlier closes (`fixed`, the period's
 * `numbering`) keep their numbers 1..k; the others follow in L-N2 order, provisional. Drafts have no number.
 * A fixed id missing from `vouchers` (not synced here yet) keeps its number: the next ones never move down.
 */
export function numberVouchers(
  vouchers: readonly Voucher[],
  period: PeriodMonth,
  fixed: readonly Pick<NumberingEntry, 'voucherId'>[] = [],
): NumberedVoucher[] {
  const posted = vouchers.filter((v) => isPostedIn(v, period));
  const byId = new Map(posted.map((v) => [v.id, v]));
  const out: NumberedVoucher[] = [];
  const taken = new Set<string>();
  fixed.forEach((e, i) => {
    taken.add(e.voucherId);
    const v = byId.get(e.voucherId);
    if (v) out.push({ voucher: v, number: i + 1, final: true });
  });
  const rest = posted.filter((v) => !taken.has(v.id)).sort(compareForNumbering);
  rest.forEach((v, i) => out.push({ voucher: v, number: fixed.length + i + 1, final: false }));
  return out;
}

/** L-N4: numbers for every month at once (voucher id → number), e.g. for reports and the journal export. */
export function numberAll(vouchers: readonly Voucher[], periods: readonly LedgerPeriod[] = []): Map<string, NumberedVoucher> {
  const fixedOf = new Map(periods.map((p) => [p.id, p.numbering ?? []]));
  const byMonth = new Map<string, Voucher[]>();
  for (const v of vouchers) {
    if (v._deleted === true || v.status !== 'posted') continue;
    const list = byMonth.get(v.period);
    if (list) list.push(v);
    else byMonth.set(v.period, [v]);
  }
  const out = new Map<string, NumberedVoucher>();
  for (const [m, list] of byMonth) for (const n of numberVouchers(list, m, fixedOf.get(m))) out.set(n.voucher.id, n);
  return out;
}

/** 记-12. The UI marks a provisional one (暂). */
export const voucherNo = (n: number): string => `记-${n}`;

export type NumberingProblemCode =
  | 'NUMBERING_DUPLICATE' // an id twice
  | 'NUMBERING_UNKNOWN' // not a posted voucher of this month
  | 'NUMBERING_MISSING' // a posted voucher of the month is left out: the closing PC was not synced
  | 'NUMBERING_REWRITTEN' // numbers fixed by an earlier close changed
  | 'NUMBERING_ORDER'; // the newly fixed part is not in L-N2 order

/**
 * L-N5: is `numbering` (as a 结账 would store it) the month's numbering over `vouchers` (the server's documents)?
 * Unique and gapless hold by construction (number = place); this checks it covers exactly the posted vouchers of the
 * month, keeps the earlier fixed prefix, and orders the rest as L-N2 says. Empty when right.
 */
export function numberingProblems(
  vouchers: readonly Voucher[],
  period: PeriodMonth,
  numbering: readonly Pick<NumberingEntry, 'voucherId'>[],
  previouslyFixed: readonly Pick<NumberingEntry, 'voucherId'>[] = [],
): LedgerProblem<NumberingProblemCode>[] {
  const out: LedgerProblem<NumberingProblemCode>[] = [];
  const posted = new Map(vouchers.filter((v) => isPostedIn(v, period)).map((v) => [v.id, v]));
  const seen = new Set<string>();
  numbering.forEach((e, i) => {
    if (seen.has(e.voucherId)) out.push({ code: 'NUMBERING_DUPLICATE', detail: { voucherId: e.voucherId, number: i + 1 } });
    seen.add(e.voucherId);
    if (!posted.has(e.voucherId) && !previouslyFixed.some((f) => f.voucherId === e.voucherId)) {
      out.push({ code: 'NUMBERING_UNKNOWN', detail: { voucherId: e.voucherId, number: i + 1 } });
    }
  });
  for (const id of posted.keys()) if (!seen.has(id)) out.push({ code: 'NUMBERING_MISSING', detail: { voucherId: id } });
  const prefixOk = previouslyFixed.every((f, i) => numbering[i]?.voucherId === f.voucherId);
  if (!prefixOk) out.push({ code: 'NUMBERING_REWRITTEN' });
  else {
    const appended = numbering.slice(previouslyFixed.length).map((e) => posted.get(e.voucherId));
    for (let i = 1; i < appended.length; i++) {
      const a = appended[i - 1];
      const b = appended[i];
      if (a && b && compareForNumbering(a, b) > 0) {
        out.push({ code: 'NUMBERING_ORDER', detail: { voucherId: b.id, number: previouslyFixed.length + i + 1 } });
        break;
      }
    }
  }
  return out;
}
