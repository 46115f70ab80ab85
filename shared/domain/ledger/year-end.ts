// 年度结转: carrying a year's income and expense into net assets, 民间非营利组织会计制度 style (SPEC L-Y1–L-Y9).
// The result is one or more ordinary draft vouchers dated YYYY-12-31 that then go through 审核 and 过账 like any
// other: no new server rule, no schema change. Their ids are derived from the year, so two PCs carrying the same
// synced books offline write the same documents, not two sets.
import { err, ok, type Result } from '../../result';
import { parentIds } from './chart';
import { MAX_LINE_FEN, MAX_LINES, voucherContext, voucherProblems, type Actor, type VoucherProblem } from './voucher';
import type { Account, Book, LedgerPeriod, LedgerProblem, Voucher, VoucherLine } from './types';

/** What a year-end voucher carries: income into 3101/3102, expense into 3101, the release 3102 → 3101. */
export type YearEndKind = 'income' | 'expense' | 'release';

export const UNRESTRICTED_NET_ASSETS = '3101';
export const RESTRICTED_NET_ASSETS = '3102';

const ID = /^yearend-(\d{4})(?:-r(\d+))?-(income|expense|release)(?:-(\d+))?$/;

/**
 * L-Y2: `yearend-2025-income`; a further round after the first was posted (late December postings, or the first
 * reversed) `yearend-2025-r2-income`; a voucher too long for one (L-V4) goes on in `yearend-2025-income-2`.
 */
export function yearEndVoucherId(year: number, kind: YearEndKind, round = 1, part = 1): string {
  return `yearend-${String(year).padStart(4, '0')}${round > 1 ? `-r${round}` : ''}-${kind}${part > 1 ? `-${part}` : ''}`;
}

export type YearEndId = { readonly year: number; readonly round: number; readonly kind: YearEndKind; readonly part: number };

export function parseYearEndId(id: string): YearEndId | null {
  const m = ID.exec(id);
  if (!m) return null;
  return { year: Number(m[1]), round: m[2] ? Number(m[2]) : 1, kind: m[3] as YearEndKind, part: m[4] ? Number(m[4]) : 1 };
}

/**
 * A year-end voucher or the 红冲 of one. Closing entries are not the year's income or expense: a report of what was
 * earned and spent (收支表, 限定性资金, 公示) leaves them out, or it would show the closed year as zero.
 */
export const isYearEndVoucher = (v: Pick<Voucher, 'id' | 'reversalOf'>): boolean =>
  parseYearEndId(v.id) !== null || (v.reversalOf !== undefined && parseYearEndId(v.reversalOf) !== null);

/** The live year-end vouchers of `year`, in id order. */
export function yearEndVouchersOf(vouchers: readonly Voucher[], year: number): Voucher[] {
  return vouchers.filter((v) => v._deleted !== true && parseYearEndId(v.id)?.year === year).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export type YearEndErrorCode =
  | 'YEAR_INVALID'
  | 'ALREADY_CARRIED' // detail.voucherId: posted, and every income and expense account stands at zero
  | 'YEAR_END_PENDING' // detail.voucherId, status: a year-end voucher of this year is not posted yet
  | 'PERIOD_CLOSED' // detail.period: December is closed
  | 'LATER_PERIOD_CLOSED' // detail.period: a month after the year is closed (its opening balances would change)
  | 'DRAFTS_REMAIN' // detail.count, period: drafts or reviewed vouchers in an open month of the year
  | 'EARLIER_YEAR_NOT_CARRIED' // detail.year: the year before still holds income or expense
  | 'NET_ASSETS_ACCOUNT_UNUSABLE' // detail.code: 3101 / 3102 missing, inactive, or a parent
  | 'NOTHING_TO_CARRY'
  | 'VOUCHER_INVALID'; // problems: the built voucher breaks L-V1–L-V9 (e.g. an inactive income account with a balance)

export type YearEndError = LedgerProblem<YearEndErrorCode> & { readonly problems?: readonly VoucherProblem[] };

export type YearEndPlan = {
  readonly year: number;
  /** 1, or the further round after an earlier posted one (L-Y2). */
  readonly round: number;
  /** Drafts in the order they are shown and written: income, expense, release. */
  readonly vouchers: readonly Voucher[];
  /** Income carried (credit − debit), the restricted part included. */
  readonly incomeFen: number;
  /** Of which on lines with a project, into 3102. */
  readonly restrictedIncomeFen: number;
  /** Expense carried (debit − credit), into 3101. */
  readonly expenseFen: number;
  /** 3102 → 3101 (L-Y5). */
  readonly releasedFen: number;
  /** Of income − expense, what earlier years left uncarried behind a closed December (L-Y6); 0 normally. */
  readonly earlierSurplusFen: number;
};

/** Net debit per (account, project). */
type Balance = { readonly accountId: string; readonly projectId: string | undefined; net: number };
type Target = { readonly accountId: string; readonly projectId: string | undefined };
type PlainLine = { readonly accountId: string; readonly projectId: string | undefined; readonly net: number };

const key = (accountId: string, projectId: string | undefined): string => `${accountId}\u0000${projectId ?? ''}`;
const projectOf = (l: VoucherLine): string | undefined => (l.projectId !== undefined && l.projectId.trim() !== '' ? l.projectId : undefined);
const isPosted = (v: Voucher): boolean => v._deleted !== true && v.status === 'posted';

/** A positive amount in pieces of at most MAX_LINE_FEN (L-V6). */
function pieces(fen: number): number[] {
  const out: number[] = [];
  let rest = fen;
  while (rest > MAX_LINE_FEN) {
    out.push(MAX_LINE_FEN);
    rest -= MAX_LINE_FEN;
  }
  if (rest > 0) out.push(rest);
  return out;
}

/** The closing lines of `sources` (each brought to zero) and the net-asset lines that take them, debits first. */
function linesOf(sources: readonly Balance[], targetOf: (b: Balance) => Target): PlainLine[] {
  const lines: PlainLine[] = [];
  const targets = new Map<string, { t: Target; net: number }>();
  for (const s of sources) {
    lines.push({ accountId: s.accountId, projectId: s.projectId, net: -s.net });
    const t = targetOf(s);
    const k = key(t.accountId, t.projectId);
    const held = targets.get(k) ?? { t, net: 0 };
    held.net += s.net;
    targets.set(k, held);
  }
  const sorted = [...targets.values()].sort((a, b) => (key(a.t.accountId, a.t.projectId) < key(b.t.accountId, b.t.projectId) ? -1 : 1));
  for (const { t, net } of sorted) if (net !== 0) lines.push({ accountId: t.accountId, projectId: t.projectId, net });
  return lines;
}

/** Plain lines as voucher lines: split at MAX_LINE_FEN, debits before credits, ids `<voucher>-1…`. */
function voucherLines(voucherId: string, plain: readonly PlainLine[]): VoucherLine[] {
  const expanded: { accountId: string; projectId: string | undefined; debit: boolean; fen: number }[] = [];
  for (const l of plain) for (const fen of pieces(Math.abs(l.net))) expanded.push({ accountId: l.accountId, projectId: l.projectId, debit: l.net > 0, fen });
  const ordered = [...expanded.filter((x) => x.debit), ...expanded.filter((x) => !x.debit)];
  return ordered.map((x, i) => ({
    id: `${voucherId}-${i + 1}`,
    accountId: x.accountId,
    debitFen: x.debit ? x.fen : 0,
    creditFen: x.debit ? 0 : x.fen,
    ...(x.projectId !== undefined ? { projectId: x.projectId } : {}),
  }));
}

const lineCount = (plain: readonly PlainLine[]): number => plain.reduce((n, l) => n + pieces(Math.abs(l.net)).length, 0);

/** Sources packed into vouchers of at most MAX_LINES lines, each balanced by its own net-asset lines (L-Y8). */
function pack(sources: readonly Balance[], targetOf: (b: Balance) => Target): PlainLine[][] {
  const out: PlainLine[][] = [];
  let current: Balance[] = [];
  for (const s of sources) {
    const next = [...current, s];
    if (current.length > 0 && lineCount(linesOf(next, targetOf)) > MAX_LINES) {
      out.push(linesOf(current, targetOf));
      current = [s];
    } else current = next;
  }
  if (current.length > 0) out.push(linesOf(current, targetOf));
  return out;
}

const SUMMARY: Readonly<Record<YearEndKind, string>> = {
  income: '收入转入净资产',
  expense: '费用转入非限定性净资产',
  release: '限定性净资产解除限制，转入非限定性净资产',
};

/** 2025年度结转：收入转入净资产 (补充结转 for a further round, （续2） for a further part). */
export function yearEndSummary(year: number, kind: YearEndKind, round = 1, part = 1): string {
  return `${year}年度${round > 1 ? '补充' : ''}结转：${SUMMARY[kind]}${part > 1 ? `（续${part}）` : ''}`;
}

/** A usable net-asset account by code: live, active, a leaf. */
function netAssetsAccount(accounts: readonly Account[], code: string): Account | undefined {
  const parents = parentIds(accounts);
  return accounts.find((x) => x._deleted !== true && x.code === code && x.type === 'net_assets' && x.active && !parents.has(x.id));
}

/**
 * L-Y1–L-Y9: the 年度结转 vouchers of `year` for the books as they stand. Every income and expense leaf account's
 * balance at 31 December (opening balance and every posted line up to then) is brought to zero, per project:
 * unrestricted income (no project) into 3101 非限定性净资产, restricted income (a project on the line) into 3102
 * 限定性净资产 under the same project, all expense into 3101; then 3102 releases into 3101 what the projects have spent
 * (L-Y5). Drafts, prepared by `preparedBy`; refused with a code when the year cannot be carried now.
 */
export function yearEndClosing(book: Book, periods: readonly LedgerPeriod[], year: number, preparedBy: Actor): Result<YearEndPlan, YearEndError> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return err({ code: 'YEAR_INVALID' });
  const december = `${year}-12`;
  const yearEnd = `${year}-12-31`;
  const yearStart = `${year}-01-01`;
  const existing = yearEndVouchersOf(book.vouchers, year);
  const lastPosted = existing.filter((v) => v.status === 'posted').at(-1);

  // L-Y3: the months the voucher lands in and builds on.
  const closed = new Set(periods.filter((p) => p.status === 'closed').map((p) => p.id));
  if (closed.has(december)) {
    return err<YearEndError>(lastPosted ? { code: 'ALREADY_CARRIED', detail: { voucherId: lastPosted.id } } : { code: 'PERIOD_CLOSED', detail: { period: december } });
  }
  const later = [...closed].filter((m) => m > december).sort()[0];
  if (later) return err({ code: 'LATER_PERIOD_CLOSED', detail: { period: later } });

  // L-Y2: one round at a time.
  const pending = existing.find((v) => v.status !== 'posted');
  if (pending) return err({ code: 'YEAR_END_PENDING', detail: { voucherId: pending.id, status: pending.status } });
  const round = existing.reduce((r, v) => Math.max(r, parseYearEndId(v.id)?.round ?? 0), 0) + 1;

  // L-Y4: nothing left unposted that could still change the year.
  const unposted = book.vouchers.filter((v) => v._deleted !== true && v.status !== 'posted' && v.date >= yearStart && v.date <= yearEnd && !closed.has(v.period));
  if (unposted.length > 0) {
    const first = unposted.map((v) => v.period).sort()[0] as string;
    return err({ code: 'DRAFTS_REMAIN', detail: { count: unposted.length, period: first } });
  }

  const live = book.accounts.filter((x) => x._deleted !== true);
  const typeOf = new Map(live.map((x) => [x.id, x]));
  const isFlow = (id: string): boolean => {
    const t = typeOf.get(id)?.type;
    return t === 'income' || t === 'expense';
  };
  const r3101 = netAssetsAccount(live, UNRESTRICTED_NET_ASSETS);
  const r3102 = netAssetsAccount(live, RESTRICTED_NET_ASSETS);

  // One pass: balances at 31 December per (income/expense account, project), the year before's, 3102 per project,
  // and each project's unspent restricted money (L-Y5).
  const balances = new Map<string, Balance>();
  const add = (accountId: string, projectId: string | undefined, net: number): void => {
    const k = key(accountId, projectId);
    const b = balances.get(k);
    if (b) b.net += net;
    else balances.set(k, { accountId, projectId, net });
  };
  let priorFlow = 0; // Σ |balance| at the end of the year before, over income and expense accounts
  const prior = new Map<string, number>();
  let earlierPostings = false;
  for (const x of live) {
    if ((x.type === 'income' || x.type === 'expense') && (x.openingBalanceFen ?? 0) !== 0) {
      const net = x.normalSide === 'debit' ? (x.openingBalanceFen as number) : -(x.openingBalanceFen as number);
      add(x.id, undefined, net);
      prior.set(x.id, (prior.get(x.id) ?? 0) + net);
    }
  }
  const restricted = new Map<string, number>(); // 3102 credit balance per project
  const unspent = new Map<string, number>(); // restricted income − restricted expense per project, closing entries left out
  for (const v of book.vouchers) {
    if (!isPosted(v) || v.date > yearEnd) continue;
    const early = v.date < yearStart;
    if (early) earlierPostings = true;
    const closing = isYearEndVoucher(v);
    for (const l of v.lines) {
      const net = l.debitFen - l.creditFen;
      const p = projectOf(l);
      if (isFlow(l.accountId)) {
        add(l.accountId, p, net);
        if (early) prior.set(l.accountId, (prior.get(l.accountId) ?? 0) + net);
        if (p !== undefined && !closing) unspent.set(p, (unspent.get(p) ?? 0) - net);
      } else if (r3102 && l.accountId === r3102.id && p !== undefined) restricted.set(p, (restricted.get(p) ?? 0) - net);
    }
  }
  let earlierSurplusFen = 0;
  for (const n of prior.values()) {
    priorFlow += Math.abs(n);
    earlierSurplusFen -= n;
  }
  // L-Y6: the year before is carried first, when the books reach back into it and it still can be; once its December
  // is closed it never can, and what it left is carried with this year.
  if (earlierPostings && priorFlow !== 0) {
    if (!closed.has(`${year - 1}-12`)) return err({ code: 'EARLIER_YEAR_NOT_CARRIED', detail: { year: year - 1 } });
  } else earlierSurplusFen = 0;

  const byCode = (a: Balance, b: Balance): number => {
    const ca = typeOf.get(a.accountId)?.code ?? '';
    const cb = typeOf.get(b.accountId)?.code ?? '';
    if (ca !== cb) return ca < cb ? -1 : 1;
    return (a.projectId ?? '') < (b.projectId ?? '') ? -1 : (a.projectId ?? '') > (b.projectId ?? '') ? 1 : 0;
  };
  const open = [...balances.values()].filter((b) => b.net !== 0).sort(byCode);
  const income = open.filter((b) => typeOf.get(b.accountId)?.type === 'income');
  const expense = open.filter((b) => typeOf.get(b.accountId)?.type === 'expense');

  // L-Y5: the 制度's treatment — all expense reduces 3101, and a restriction lifted by spending the money on its
  // purpose is reclassified 3102 → 3101 as its own line (rather than charging restricted expense to 3102, which would
  // net the release away). After the restricted income is in, 3102 keeps per project what is received and not yet
  // spent, never less than zero (以奖代补 pays after the work); the rest is released.
  const carriedIn = new Map<string, number>();
  for (const b of income) if (b.projectId !== undefined) carriedIn.set(b.projectId, (carriedIn.get(b.projectId) ?? 0) - b.net);
  const projects = [...new Set([...restricted.keys(), ...carriedIn.keys()])].sort();
  const releases: Balance[] = [];
  for (const p of projects) {
    const release = (restricted.get(p) ?? 0) + (carriedIn.get(p) ?? 0) - Math.max(0, unspent.get(p) ?? 0);
    if (release > 0 && r3102) releases.push({ accountId: r3102.id, projectId: p, net: -release });
  }

  if (income.length === 0 && expense.length === 0 && releases.length === 0) {
    return err<YearEndError>(lastPosted ? { code: 'ALREADY_CARRIED', detail: { voucherId: lastPosted.id } } : { code: 'NOTHING_TO_CARRY' });
  }
  if (!r3101) return err({ code: 'NET_ASSETS_ACCOUNT_UNUSABLE', detail: { code: UNRESTRICTED_NET_ASSETS } });
  if (!r3102 && income.some((b) => b.projectId !== undefined)) return err({ code: 'NET_ASSETS_ACCOUNT_UNUSABLE', detail: { code: RESTRICTED_NET_ASSETS } });

  const into3101: Target = { accountId: r3101.id, projectId: undefined };
  const incomeTarget = (b: Balance): Target => (b.projectId !== undefined && r3102 ? { accountId: r3102.id, projectId: b.projectId } : into3101);
  const vouchers: Voucher[] = [];
  const build = (kind: YearEndKind, groups: PlainLine[][]): void => {
    groups.forEach((plain, i) => {
      const id = yearEndVoucherId(year, kind, round, i + 1);
      vouchers.push({
        id,
        date: yearEnd,
        period: december,
        summary: yearEndSummary(year, kind, round, i + 1),
        lines: voucherLines(id, plain),
        status: 'draft',
        preparedBy: preparedBy.name,
        ...(preparedBy.personId ? { preparedById: preparedBy.personId } : {}),
      });
    });
  };
  build('income', pack(income, incomeTarget));
  build('expense', pack(expense, () => into3101));
  // A release is "3102 (project) → 3101": the 3102 line is the source, brought down by the released amount.
  build('release', pack(releases, () => into3101));

  // L-Y7: each is an ordinary voucher; it must pass the checks review and posting will run.
  const ctx = voucherContext(book.accounts, periods);
  for (const v of vouchers) {
    const problems = voucherProblems(v, ctx);
    if (problems.length > 0) return err({ code: 'VOUCHER_INVALID', detail: { voucherId: v.id }, problems });
  }

  const sum = (bs: readonly Balance[], sign: 1 | -1): number => sign * bs.reduce((t, b) => t + b.net, 0) || 0; // never -0
  return ok({
    year,
    round,
    vouchers,
    incomeFen: sum(income, -1),
    restrictedIncomeFen: sum(
      income.filter((b) => b.projectId !== undefined),
      -1,
    ),
    expenseFen: sum(expense, 1),
    releasedFen: sum(releases, -1),
    earlierSurplusFen: earlierSurplusFen || 0,
  });
}
