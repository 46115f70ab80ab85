// 记账凭证: validation, the "=" balancing helper, draft → reviewed → posted, and 红字冲销 (SPEC L-V1–L-V22).
import { periodOf, parseLocalDate } from '../common/dates';
import { canonicalJson } from '../../sync/canonical-json';
import { err, ok, type Result } from '../../result';
import { parentIds } from './chart';
import type { Account, LedgerPeriod, LedgerProblem, Side, Voucher, VoucherLine } from './types';

/** L-V6: one line at most ¥100,000,000.00, so that sums over a year's lines stay exact in a double. */
export const MAX_LINE_FEN = 10_000_000_000;
export const MAX_LINES = 200;
export const MAX_SUMMARY = 200;

export type VoucherProblemCode =
  | 'DATE_INVALID'
  | 'PERIOD_MISMATCH' // period is not the month of the date
  | 'PERIOD_CLOSED'
  | 'SUMMARY_REQUIRED'
  | 'SUMMARY_TOO_LONG'
  | 'ATTACHMENTS_INVALID'
  | 'LINES_TOO_FEW'
  | 'LINES_TOO_MANY'
  | 'LINE_ID_DUPLICATE'
  | 'ACCOUNT_REQUIRED'
  | 'ACCOUNT_UNKNOWN'
  | 'ACCOUNT_INACTIVE'
  | 'ACCOUNT_NOT_LEAF' // a 汇总科目: pick one of its sub-accounts
  | 'AMOUNT_NOT_INTEGER'
  | 'AMOUNT_MISSING' // a zero line
  | 'AMOUNT_BOTH_SIDES'
  | 'AMOUNT_NEGATIVE' // only a reversal carries 红字
  | 'AMOUNT_NOT_RED' // a reversal's amounts are all negative
  | 'AMOUNT_TOO_LARGE'
  | 'PROJECT_REQUIRED'
  | 'UNBALANCED';

export type VoucherProblem = LedgerProblem<VoucherProblemCode>;

/** What validation reads besides the voucher: the chart and the period states. */
export type VoucherContext = {
  readonly account: (id: string) => Account | undefined;
  readonly isParent: (id: string) => boolean;
  readonly isPeriodClosed: (period: string) => boolean;
};

export function voucherContext(accounts: readonly Account[], periods: readonly Pick<LedgerPeriod, 'id' | 'status'>[] = []): VoucherContext {
  const byId = new Map(accounts.filter((x) => x._deleted !== true).map((x) => [x.id, x]));
  const parents = parentIds(accounts);
  const closed = new Set(periods.filter((p) => p.status === 'closed').map((p) => p.id));
  return { account: (id) => byId.get(id), isParent: (id) => parents.has(id), isPeriodClosed: (p) => closed.has(p) };
}

const linePath = (l: VoucherLine, field: string): string => `lines.${l.id}.${field}`;

/** L-V1–L-V9: every problem of a voucher's content, each naming its field and (1-based) line. Empty when valid. */
export function voucherProblems(v: Voucher, ctx: VoucherContext): VoucherProblem[] {
  const out: VoucherProblem[] = [];
  if (!parseLocalDate(v.date)) out.push({ code: 'DATE_INVALID', path: 'date' });
  else if (periodOf(v.date) !== v.period) out.push({ code: 'PERIOD_MISMATCH', path: 'period' });
  else if (ctx.isPeriodClosed(v.period)) out.push({ code: 'PERIOD_CLOSED', path: 'date', detail: { period: v.period } });
  const summary = v.summary.trim();
  if (summary === '') out.push({ code: 'SUMMARY_REQUIRED', path: 'summary' });
  else if (summary.length > MAX_SUMMARY) out.push({ code: 'SUMMARY_TOO_LONG', path: 'summary', detail: { max: MAX_SUMMARY } });
  if (v.attachmentCount !== undefined && (!Number.isSafeInteger(v.attachmentCount) || v.attachmentCount < 0)) {
    out.push({ code: 'ATTACHMENTS_INVALID', path: 'attachmentCount' });
  }
  if (v.lines.length < 2) out.push({ code: 'LINES_TOO_FEW', path: 'lines' });
  if (v.lines.length > MAX_LINES) out.push({ code: 'LINES_TOO_MANY', path: 'lines', detail: { max: MAX_LINES } });
  const red = v.reversalOf !== undefined;
  const seen = new Set<string>();
  let debit = 0;
  let credit = 0;
  let amountsOk = true;
  v.lines.forEach((l, i) => {
    const line = i + 1;
    const at = (code: VoucherProblemCode, field: string, detail?: Record<string, string | number>): void => {
      out.push({ code, path: linePath(l, field), line, ...(detail ? { detail } : {}) });
    };
    if (seen.has(l.id)) at('LINE_ID_DUPLICATE', 'id');
    seen.add(l.id);
    if (l.accountId === '') at('ACCOUNT_REQUIRED', 'accountId');
    else {
      const acc = ctx.account(l.accountId);
      if (!acc) at('ACCOUNT_UNKNOWN', 'accountId');
      else if (ctx.isParent(acc.id)) at('ACCOUNT_NOT_LEAF', 'accountId', { code: acc.code });
      else if (!acc.active) at('ACCOUNT_INACTIVE', 'accountId', { code: acc.code });
      else if (acc.requiresProject && (l.projectId ?? '').trim() === '') at('PROJECT_REQUIRED', 'projectId', { code: acc.code });
    }
    const d = l.debitFen;
    const c = l.creditFen;
    if (!Number.isSafeInteger(d) || !Number.isSafeInteger(c)) {
      amountsOk = false;
      at('AMOUNT_NOT_INTEGER', Number.isSafeInteger(d) ? 'creditFen' : 'debitFen');
      return;
    }
    const field = d !== 0 ? 'debitFen' : 'creditFen';
    const amount = d !== 0 ? d : c;
    if (d === 0 && c === 0) at('AMOUNT_MISSING', 'debitFen');
    else if (d !== 0 && c !== 0) at('AMOUNT_BOTH_SIDES', 'creditFen');
    else if (!red && amount < 0) at('AMOUNT_NEGATIVE', field);
    else if (red && amount > 0) at('AMOUNT_NOT_RED', field);
    else if (Math.abs(amount) > MAX_LINE_FEN) at('AMOUNT_TOO_LARGE', field, { max: MAX_LINE_FEN });
    debit += d;
    credit += c;
  });
  if (amountsOk && debit !== credit) out.push({ code: 'UNBALANCED', path: 'lines', detail: { debitFen: debit, creditFen: credit, differenceFen: debit - credit } });
  return out;
}

/**
 * L-V10: "=" in a line's amount cell: the amount that balances the voucher there, given the other lines. With `side`
 * (the cell pressed) the amount is for that side and may be negative (红字); without it, the side where it is
 * positive. Null when the other lines already balance.
 */
export function balancingAmount(lines: readonly Pick<VoucherLine, 'debitFen' | 'creditFen'>[], index: number, side?: Side): { side: Side; fen: number } | null {
  let diff = 0; // others' debit − credit
  lines.forEach((l, i) => {
    if (i !== index) diff += (Number.isSafeInteger(l.debitFen) ? l.debitFen : 0) - (Number.isSafeInteger(l.creditFen) ? l.creditFen : 0);
  });
  if (diff === 0) return null;
  if (side) return { side, fen: side === 'credit' ? diff : -diff };
  return diff > 0 ? { side: 'credit', fen: diff } : { side: 'debit', fen: -diff };
}

export type Actor = { readonly name: string; readonly personId?: string };

/** L-V12: the same person: same person id when both are known, else the same trimmed name. */
export function samePerson(a: Actor, b: Actor): boolean {
  if (a.personId && b.personId) return a.personId === b.personId;
  return a.name.trim() !== '' && a.name.trim() === b.name.trim();
}

export type VoucherActionCode =
  | 'VOUCHER_INVALID' // problems lists what
  | 'NOT_DRAFT'
  | 'NOT_REVIEWED'
  | 'SELF_REVIEW'
  | 'POSTED_IMMUTABLE'
  | 'NOT_POSTED'
  | 'ALREADY_REVERSED'
  | 'REVERSAL_OF_REVERSAL'
  | 'REVERSAL_BEFORE_ORIGINAL'
  | 'REVERSAL_MISMATCH'
  | 'RECONCILED' // a bank line of it is ticked in a reconciliation: undo that first
  | 'ORIGINAL_UNKNOWN'
  | 'PERIOD_CLOSED';

export type VoucherActionError = LedgerProblem<VoucherActionCode> & { readonly problems?: readonly VoucherProblem[] };

const invalid = (problems: VoucherProblem[]): VoucherActionError | null => {
  if (problems.length === 0) return null;
  const closed = problems.find((p) => p.code === 'PERIOD_CLOSED');
  return closed ? { code: 'PERIOD_CLOSED', path: 'date', detail: closed.detail, problems } : { code: 'VOUCHER_INVALID', problems };
};

/** L-V11–L-V12: 审核. Only a valid draft; never by its 制单人. */
export function reviewVoucher(v: Voucher, reviewer: Actor, at: string, ctx: VoucherContext): Result<Voucher, VoucherActionError> {
  if (v.status !== 'draft') return err({ code: 'NOT_DRAFT', path: 'status' });
  const bad = invalid(voucherProblems(v, ctx));
  if (bad) return err(bad);
  if (samePerson(reviewer, { name: v.preparedBy, personId: v.preparedById })) return err({ code: 'SELF_REVIEW', path: 'reviewedBy' });
  return ok({ ...v, status: 'reviewed', reviewedBy: reviewer.name, ...(reviewer.personId ? { reviewedById: reviewer.personId } : {}), reviewedAt: at });
}

/** L-V13: 取消审核, back to a draft that may be edited again. */
export function unreviewVoucher(v: Voucher): Result<Voucher, VoucherActionError> {
  if (v.status !== 'reviewed') return err({ code: 'NOT_REVIEWED', path: 'status' });
  const { reviewedBy: _b, reviewedById: _i, reviewedAt: _a, ...rest } = v;
  return ok({ ...rest, status: 'draft' });
}

/** What posting and reversing read besides the chart: the original of a reversal, and reconciliation ticks. */
export type ReversalContext = {
  readonly voucher: (id: string) => Voucher | undefined;
  /** A live reversal (any status) of this voucher other than `exceptId`. */
  readonly reversalOf: (originalId: string, exceptId?: string) => Voucher | undefined;
  readonly isReconciled: (voucherId: string, lineId: string) => boolean;
};

export function reversalContext(vouchers: readonly Voucher[], reconciled: ReadonlySet<string> = new Set()): ReversalContext {
  const byId = new Map(vouchers.filter((v) => v._deleted !== true).map((v) => [v.id, v]));
  return {
    voucher: (id) => byId.get(id),
    reversalOf: (originalId, exceptId) => vouchers.find((v) => v._deleted !== true && v.reversalOf === originalId && v.id !== exceptId),
    isReconciled: (voucherId, lineId) => reconciled.has(`${voucherId}/${lineId}`),
  };
}

/** L-V17: a reversal mirrors its original line by line: same account and project, amounts negated. */
export function reversalProblem(reversal: Voucher, original: Voucher): VoucherActionError | null {
  if (reversal.lines.length !== original.lines.length) return { code: 'REVERSAL_MISMATCH', path: 'lines' };
  for (let i = 0; i < original.lines.length; i++) {
    const r = reversal.lines[i] as VoucherLine;
    const o = original.lines[i] as VoucherLine;
    if (r.accountId !== o.accountId) return { code: 'REVERSAL_MISMATCH', path: linePath(r, 'accountId'), line: i + 1 };
    if ((r.projectId ?? '') !== (o.projectId ?? '')) return { code: 'REVERSAL_MISMATCH', path: linePath(r, 'projectId'), line: i + 1 };
    if (r.debitFen !== -o.debitFen) return { code: 'REVERSAL_MISMATCH', path: linePath(r, 'debitFen'), line: i + 1 };
    if (r.creditFen !== -o.creditFen) return { code: 'REVERSAL_MISMATCH', path: linePath(r, 'creditFen'), line: i + 1 };
  }
  return null;
}

/** L-V16, L-V18–L-V20: may `original` be reversed (now, or by the reversal `exceptId` being posted)? */
function reversibleProblem(original: Voucher | undefined, rctx: ReversalContext, exceptId?: string): VoucherActionError | null {
  if (!original) return { code: 'ORIGINAL_UNKNOWN', path: 'reversalOf' };
  if (original.status !== 'posted') return { code: 'NOT_POSTED', path: 'reversalOf' };
  if (original.reversalOf !== undefined) return { code: 'REVERSAL_OF_REVERSAL', path: 'reversalOf' };
  const other = rctx.reversalOf(original.id, exceptId);
  // Creating: any live reversal blocks a second one. Posting: only another posted one does.
  const blocking = other !== undefined && (exceptId === undefined || other.status === 'posted');
  if ((original.reversedBy !== undefined && original.reversedBy !== exceptId) || blocking) {
    return { code: 'ALREADY_REVERSED', path: 'reversalOf' };
  }
  const ticked = original.lines.find((l) => rctx.isReconciled(original.id, l.id));
  if (ticked) return { code: 'RECONCILED', path: 'reversalOf', detail: { lineId: ticked.id } };
  return null;
}

/**
 * L-V16: 红字冲销. A draft voucher (to be reviewed and posted like any other) whose lines mirror the original with
 * negated amounts — the same side, 红字 — so the account's 发生额 no longer counts the mistake. Dated on or after
 * the original, in an open period.
 */
export function reverseVoucher(
  original: Voucher,
  input: { readonly id: string; readonly date: string; readonly lineIds: readonly string[]; readonly preparedBy: Actor; readonly summary?: string },
  ctx: VoucherContext,
  rctx: ReversalContext,
): Result<Voucher, VoucherActionError> {
  const bad = reversibleProblem(original, rctx);
  if (bad) return err(bad);
  if (input.date < original.date) return err({ code: 'REVERSAL_BEFORE_ORIGINAL', path: 'date' });
  if (input.lineIds.length !== original.lines.length) throw new Error('one new line id per original line');
  const summary = (input.summary ?? `冲销：${original.summary}`).slice(0, MAX_SUMMARY);
  const reversal: Voucher = {
    id: input.id,
    date: input.date,
    period: parseLocalDate(input.date) ? periodOf(input.date) : '',
    summary,
    lines: original.lines.map((l, i) => ({ ...l, id: input.lineIds[i] as string, debitFen: -l.debitFen || 0, creditFen: -l.creditFen || 0 })),
    ...(original.counterparty !== undefined ? { counterparty: original.counterparty } : {}),
    status: 'draft',
    preparedBy: input.preparedBy.name,
    ...(input.preparedBy.personId ? { preparedById: input.preparedBy.personId } : {}),
    reversalOf: original.id,
  };
  const problems = invalid(voucherProblems(reversal, ctx));
  return problems ? err(problems) : ok(reversal);
}

/**
 * L-V14–L-V15: 过账. Only a reviewed, still valid voucher in an open period. Posting a reversal also returns its
 * original with `reversedBy` set — the link back, the one change a posted voucher takes (L-V19).
 */
export function postVoucher(
  v: Voucher,
  poster: Actor,
  at: string,
  ctx: VoucherContext,
  rctx: ReversalContext,
): Result<{ voucher: Voucher; original?: Voucher }, VoucherActionError> {
  if (v.status === 'posted') return err({ code: 'POSTED_IMMUTABLE', path: 'status' });
  if (v.status !== 'reviewed') return err({ code: 'NOT_REVIEWED', path: 'status' });
  const bad = invalid(voucherProblems(v, ctx));
  if (bad) return err(bad);
  if (v.reviewedBy !== undefined && samePerson({ name: v.reviewedBy, personId: v.reviewedById }, { name: v.preparedBy, personId: v.preparedById })) {
    return err({ code: 'SELF_REVIEW', path: 'reviewedBy' });
  }
  const voucher: Voucher = { ...v, status: 'posted', postedBy: poster.name, postedAt: at };
  if (v.reversalOf === undefined) return ok({ voucher });
  const original = rctx.voucher(v.reversalOf);
  const notReversible = reversibleProblem(original, rctx, v.id);
  if (notReversible) return err(notReversible);
  const mismatch = reversalProblem(v, original as Voucher);
  if (mismatch) return err(mismatch);
  return ok({ voucher, original: { ...(original as Voucher), reversedBy: v.id } });
}

/** Fields of a stored posted voucher that may still change: bookkeeping, conflict copies, and the link L-V19. */
const POSTED_MUTABLE: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'conflicts', '_rev', '_meta', '_attachments', 'reversedBy']);

type Doc = Readonly<Record<string, unknown>>;

/**
 * L-V21–L-V22: the check a push runs (server) and a save runs (app), on whole documents. A posted voucher never
 * changes (only `reversedBy`, once, to the id of its posted reversal) and is never deleted; a reviewed or posted one
 * is valid, not self-reviewed, in an open period; a posted reversal mirrors a reversible original. Drafts may be
 * incomplete (they are saved while typing) but never sit in a closed period.
 */
export function voucherChangeProblem(before: Doc | undefined, after: Doc, ctx: VoucherContext, rctx: ReversalContext): VoucherActionError | null {
  const prev = before && before._deleted !== true ? (before as unknown as Voucher) : undefined;
  if (prev?.status === 'posted') {
    if (after._deleted === true) return { code: 'POSTED_IMMUTABLE', path: '_deleted' };
    const keys = new Set([...Object.keys(after), ...Object.keys(before as Doc)]);
    for (const k of keys) {
      if (POSTED_MUTABLE.has(k)) continue;
      if (canonicalJson(after[k] ?? null) !== canonicalJson((before as Doc)[k] ?? null)) return { code: 'POSTED_IMMUTABLE', path: k };
    }
    if (after.reversedBy !== prev.reversedBy) {
      if (prev.reversedBy !== undefined) return { code: 'POSTED_IMMUTABLE', path: 'reversedBy' };
      const rev = rctx.voucher(String(after.reversedBy));
      if (!rev || rev.reversalOf !== prev.id || rev.status !== 'posted') return { code: 'POSTED_IMMUTABLE', path: 'reversedBy' };
    }
    return null;
  }
  if (prev && ctx.isPeriodClosed(prev.period)) return { code: 'PERIOD_CLOSED', path: 'period', detail: { period: prev.period } };
  if (after._deleted === true) return null;
  const v = after as unknown as Voucher;
  if (v.status === 'draft') return ctx.isPeriodClosed(v.period) ? { code: 'PERIOD_CLOSED', path: 'period', detail: { period: v.period } } : null;
  if (v.reversedBy !== undefined) return { code: 'NOT_POSTED', path: 'reversedBy' };
  const bad = invalid(voucherProblems(v, ctx));
  if (bad) return bad;
  if (!v.reviewedBy) return { code: 'NOT_REVIEWED', path: 'reviewedBy' };
  if (samePerson({ name: v.reviewedBy, personId: v.reviewedById }, { name: v.preparedBy, personId: v.preparedById })) return { code: 'SELF_REVIEW', path: 'reviewedBy' };
  if (v.status === 'posted') {
    if (!v.postedAt || !v.postedBy) return { code: 'NOT_POSTED', path: 'postedAt' };
    if (v.reversalOf !== undefined) {
      const original = rctx.voucher(v.reversalOf);
      const problem = reversibleProblem(original, rctx, v.id) ?? reversalProblem(v, original as Voucher);
      if (problem) return problem;
      if (v.date < (original as Voucher).date) return { code: 'REVERSAL_BEFORE_ORIGINAL', path: 'date' };
    }
  }
  return null;
}
