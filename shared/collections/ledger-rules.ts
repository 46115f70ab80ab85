// The treasurer's ledger (issue #12) as push and save rules: the pure checks of shared/domain/ledger, fed through the
// lookup with the documents they read. The server runs them inside the push transaction over the compound's current
// documents, the app before saving over its local store; who acts is the actor, never what the document claims.
import type { AccountDoc, BankReconciliationDoc, CollectionName, PeriodDoc, VoucherDoc } from '../schema';
import { canonicalJson } from '../sync/canonical-json';
import { accountChangeProblem, accountProblem } from '../domain/ledger/chart';
import { closePeriod, periodChangeProblem } from '../domain/ledger/period';
import { samePerson, voucherChangeProblem, voucherContext, type ReversalContext } from '../domain/ledger/voucher';
import { lineKey } from '../domain/ledger/bank-reconciliation';
import type { Account, BankReconciliation, LedgerPeriod, LedgerProblem, Voucher } from '../domain/ledger/types';
import type { DocLookup, DomainCheck, DomainProblem } from './index';

type Doc = Readonly<Record<string, unknown>>;

// The rules read stored documents as the ledger's types: a schema change that breaks this fails to compile here.
type Assignable<A extends B, B> = A;
export type LedgerSchemaFits = [
  Assignable<AccountDoc, Account>,
  Assignable<VoucherDoc, Voucher>,
  Assignable<PeriodDoc, LedgerPeriod>,
  Assignable<BankReconciliationDoc, BankReconciliation>,
];

/** "Everything": the chart, a compound's vouchers and periods are read whole where a rule needs the whole books. */
const ALL = 10_000_000;

const live = (d: Doc | undefined): Doc | undefined => (d && d._deleted !== true ? d : undefined);
const all = async <T>(lookup: DocLookup, c: CollectionName): Promise<T[]> => (await lookup.find(c, {}, ALL)) as unknown as T[];

/** The ledger's `lines.<lineId>.debitFen` (with its 1-based line) as a JSON pointer, /lines/0/debitFen. */
function pointerOf(path: string | undefined, line?: number): string | undefined {
  if (path === undefined) return undefined;
  const parts = path.split('.');
  if (parts[0] === 'lines' && parts.length === 3 && line !== undefined) return `/lines/${line - 1}/${parts[2]}`;
  return `/${parts.join('/')}`;
}

/** A coded ledger problem as the push's rejection: the first of `problems` when it only says "invalid". */
function toDomain(what: string, e: LedgerProblem & { readonly problems?: readonly LedgerProblem[] }): DomainProblem {
  const p = e.problems?.[0] && e.code === 'VOUCHER_INVALID' ? e.problems[0] : e;
  const detail = p.detail ? ` ${JSON.stringify(p.detail)}` : '';
  const path = pointerOf(p.path, p.line);
  return { rule: p.code, message: `${what}: ${p.code}${p.line ? ` (line ${p.line})` : ''}${detail}`, ...(path ? { path } : {}) };
}

const changed = (a: Doc | undefined, b: Doc, keys: readonly string[]): boolean => keys.some((k) => canonicalJson(a?.[k] ?? null) !== canonicalJson(b[k] ?? null));

// ——— vouchers (L-V1–L-V22) ———

/** What voucherChangeProblem reads, fetched up front: the original of a reversal, its reversals, its ticked lines. */
async function reversalContextFor(doc: Doc, lookup: DocLookup): Promise<ReversalContext> {
  const related = new Map<string, Voucher>();
  for (const id of [doc.reversalOf, doc.reversedBy]) {
    if (typeof id !== 'string' || related.has(id)) continue;
    const v = await lookup.get('vouchers', id);
    if (v) related.set(id, v as unknown as Voucher);
  }
  const originalId = typeof doc.reversalOf === 'string' ? doc.reversalOf : undefined;
  const reversals = originalId ? ((await lookup.find('vouchers', { reversalOf: originalId }, ALL)) as unknown as Voucher[]) : [];
  const ticked = new Set<string>();
  if (originalId) {
    const recs = (await lookup.find('bank_reconciliations', { items: { contains: { voucherId: originalId } } }, ALL)) as unknown as BankReconciliation[];
    for (const r of recs) if (r.undoneAt === undefined) for (const it of r.items) ticked.add(lineKey(it));
  }
  const self = doc as unknown as Voucher;
  return {
    voucher: (id) => (id === self.id ? self : related.get(id)),
    reversalOf: (original, exceptId) => reversals.find((v) => v.reversalOf === original && v.id !== exceptId),
    isReconciled: (voucherId, lineId) => ticked.has(lineKey({ voucherId, lineId })),
  };
}

const REVIEWED = new Set(['reviewed', 'posted']);

/** The review is made by this write: the voucher becomes reviewed (or posted straight from a draft), or gets another 审核人. */
const reviewedNow = (before: Doc | undefined, after: Doc): boolean =>
  REVIEWED.has(String(after.status)) && (!before || !REVIEWED.has(String(before.status)) || changed(before, after, ['reviewedBy', 'reviewedById']));

/**
 * L-V21–L-V22 with the chart, the periods and the reversal links read through the lookup; then who acts: the 制单人
 * written is the writer (so that SELF_REVIEW cannot be dodged by naming someone else), and a review is made by the
 * writer, who is not the 制单人 (L-V12).
 */
export const voucherRules: DomainCheck = async ({ doc, previous, lookup, actor }) => {
  const before = live(previous);
  // A draft that never counted may always go, even from a closed month: a close refuses drafts, so one there is a
  // leftover of an offline PC whose push the close beat; keeping it undeletable would strand it on that PC.
  if (doc._deleted === true && before?.status !== 'posted') return null;
  const needsChart = doc._deleted !== true && doc.status !== 'draft' && before?.status !== 'posted';
  const accounts = needsChart ? await all<Account>(lookup, 'accounts') : [];
  const months = [...new Set([before?.period, doc.period].filter((p): p is string => typeof p === 'string'))];
  const periods = (await Promise.all(months.map((m) => lookup.get('periods', m)))).filter((p): p is Doc => p !== undefined);
  const ctx = voucherContext(accounts, periods as unknown as LedgerPeriod[]);
  const rctx = await reversalContextFor(doc, lookup);
  const problem = voucherChangeProblem(previous, doc, ctx, rctx);
  if (problem) return toDomain(`voucher ${String(doc.id)}`, problem);
  if (doc._deleted === true || before?.status === 'posted') return null;
  const preparer = { name: String(doc.preparedBy ?? ''), personId: doc.preparedById as string | undefined };
  if ((!before || changed(before, doc, ['preparedBy', 'preparedById'])) && !samePerson(actor, preparer)) {
    return { rule: 'PREPARER_NOT_ACTOR', message: `voucher ${String(doc.id)}: 制单人 ${preparer.name} is not the writer ${actor.name}`, path: '/preparedBy' };
  }
  if (reviewedNow(before, doc)) {
    if (samePerson(actor, preparer)) return { rule: 'SELF_REVIEW', message: `voucher ${String(doc.id)}: reviewed by its own 制单人 ${actor.name}`, path: '/reviewedBy' };
    const reviewer = { name: String(doc.reviewedBy ?? ''), personId: doc.reviewedById as string | undefined };
    if (!samePerson(actor, reviewer)) return { rule: 'REVIEWER_NOT_ACTOR', message: `voucher ${String(doc.id)}: 审核人 ${reviewer.name} is not the writer ${actor.name}`, path: '/reviewedBy' };
  }
  return null;
};

// ——— periods (L-P1–L-P7) ———

/** What may change on a closed period without a reopen: bookkeeping, and the 公示 published after the close. */
const PERIOD_BOOKKEEPING = ['updatedAt', 'updatedBy', 'conflicts', 'disclosureNoticeId', '_deleted', 'createdAt', 'createdBy'] as const;
function periodContent(d: Doc): LedgerPeriod {
  const out: Record<string, unknown> = { ...d };
  for (const k of PERIOD_BOOKKEEPING) delete out[k];
  return out as unknown as LedgerPeriod;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * L-P7: a close is accepted only as the server's own documents give it (closePeriod recomputed with the pushed
 * closedBy/closedAt: numbering, chain head, closing balances); a closed month changes only by a 管理员's recorded
 * reopen of the latest closed month; fixed numbers never go.
 */
export const periodRules: DomainCheck = async ({ doc, previous, lookup, actor }) => {
  const before = live(previous);
  const id = String(doc.id);
  if (doc._deleted === true) {
    if (!before) return null;
    if (before.status === 'closed') return { rule: 'PERIOD_CLOSED_IMMUTABLE', message: `period ${id} is closed; it is not deleted`, path: '/_deleted' };
    if (Array.isArray(before.numbering) && before.numbering.length > 0) return { rule: 'NUMBERING_REWRITTEN', message: `period ${id} holds fixed numbers`, path: '/numbering' };
    return null;
  }
  if (!MONTH.test(id)) return { rule: 'PERIOD_INVALID', message: `period id ${id} is not a month YYYY-MM`, path: '/id' };
  const prior = before ? periodContent(before) : undefined;
  const after = periodContent(doc);
  let recomputed: ReturnType<typeof closePeriod> | undefined;
  if (prior?.status !== 'closed' && after.status === 'closed') {
    const [accounts, vouchers, periods] = await Promise.all([all<Account>(lookup, 'accounts'), all<Voucher>(lookup, 'vouchers'), all<LedgerPeriod>(lookup, 'periods')]);
    recomputed = closePeriod(prior, id, { accounts, vouchers }, periods.filter((p) => p.id !== id), {
      by: after.closedBy ?? '',
      at: after.closedAt ?? '',
      unsyncedCount: 0,
    });
  }
  const problem = periodChangeProblem(prior, after, actor.role, recomputed);
  if (problem) return toDomain(`period ${id}`, problem);
  if (prior?.status === 'closed' && after.status === 'open') {
    const later = ((await lookup.find('periods', { status: 'closed' }, ALL)) as unknown as LedgerPeriod[]).find((p) => p.id > id);
    if (later) return { rule: 'LATER_PERIOD_CLOSED', message: `period ${id} reopens only after ${later.id}`, path: '/status' };
  }
  return null;
};

// ——— accounts (L-A2, L-A5) ———

/** Fields a sub-account's code and type depend on: not changed under live sub-accounts. */
const PARENT_SHAPE = ['code', 'type', 'normalSide'] as const;

/**
 * L-A2 and L-A5. A sub-account whose parent is not here yet passes (collections and rows sync in their own order);
 * its code and type are judged against the parent once both are known. Postings are any live voucher naming the
 * account in a line, drafts included: retyping under a draft would change what it means.
 */
export const accountRules: DomainCheck = async ({ doc, previous, lookup }) => {
  const before = live(previous) as Account | undefined;
  const after = doc as unknown as Account;
  const id = String(doc.id);
  if (doc._deleted !== true) {
    const accounts = await all<Account>(lookup, 'accounts');
    const p = accountProblem(after, [...accounts.filter((x) => x.id !== id), after]);
    if (p && p.code !== 'PARENT_UNKNOWN') return toDomain(`account ${id}`, p);
  }
  if (!before) return null;
  if (doc._deleted === true || changed(before as unknown as Doc, doc, PARENT_SHAPE)) {
    const children = await lookup.find('accounts', { parentId: id }, 1);
    if (children.length > 0) return { rule: 'ACCOUNT_HAS_SUB_ACCOUNTS', message: `account ${id} has sub-accounts`, path: doc._deleted === true ? '/_deleted' : '/code' };
  }
  const hasPostings = (await lookup.find('vouchers', { lines: { contains: { accountId: id } } }, 1)).length > 0;
  const openingChanged = (before.openingBalanceFen ?? 0) !== (after.openingBalanceFen ?? 0);
  const openingLocked = openingChanged && (await lookup.find('vouchers', { status: 'posted' }, 1)).length > 0;
  const p = accountChangeProblem(before, after, hasPostings, openingLocked);
  return p ? toDomain(`account ${id}`, p) : null;
};

// ——— bank_reconciliations (L-B3, L-B5) ———

const RECONCILIATION_MUTABLE: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'conflicts', 'undoneAt', 'undoneBy']);

/**
 * L-B3 and L-B5: a new reconciliation ticks posted lines of its bank account dated by the statement, each line in at
 * most one live reconciliation; afterwards only the undo is written, once, and the document is never deleted.
 */
export const bankReconciliationRules: DomainCheck = async ({ doc, previous, lookup }) => {
  const before = live(previous);
  const id = String(doc.id);
  const refuse = (rule: string, message: string, path?: string): DomainProblem => ({ rule, message: `reconciliation ${id}: ${message}`, ...(path ? { path } : {}) });
  if (before) {
    if (doc._deleted === true) return refuse('RECONCILIATION_IMMUTABLE', 'never deleted; undo it instead', '/_deleted');
    for (const k of new Set([...Object.keys(doc), ...Object.keys(before)])) {
      if (!RECONCILIATION_MUTABLE.has(k) && changed(before, doc, [k])) return refuse('RECONCILIATION_IMMUTABLE', `${k} never changes`, `/${k}`);
    }
    if (before.undoneAt !== undefined && changed(before, doc, ['undoneAt', 'undoneBy'])) return refuse('ALREADY_UNDONE', 'undone once', '/undoneAt');
    if ((doc.undoneAt === undefined) !== (doc.undoneBy === undefined)) return refuse('UNDO_INVALID', 'an undo names when and who', '/undoneBy');
    return null;
  }
  if (doc._deleted === true) return null;
  const r = doc as unknown as BankReconciliation;
  const account = (await lookup.get('accounts', r.bankAccountId)) as Account | undefined;
  if (account?.cashKind !== 'bank') return refuse('NOT_BANK_ACCOUNT', `${r.bankAccountId} is not a bank account`, '/bankAccountId');
  const byVoucher = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [i, it] of r.items.entries()) {
    if (seen.has(lineKey(it))) return refuse('LINE_UNKNOWN', `${lineKey(it)} ticked twice`, `/items/${i}`);
    seen.add(lineKey(it));
    byVoucher.set(it.voucherId, [...(byVoucher.get(it.voucherId) ?? []), it.lineId]);
  }
  for (const [voucherId, lineIds] of byVoucher) {
    const v = (await lookup.get('vouchers', voucherId)) as Voucher | undefined;
    for (const lineId of lineIds) {
      const line = v?.status === 'posted' && v.date <= r.statementDate ? v.lines.find((l) => l.id === lineId) : undefined;
      if (line?.accountId !== r.bankAccountId) return refuse('LINE_UNKNOWN', `${voucherId}/${lineId} is not a posted line of this account by the statement date`, '/items');
    }
    const others = (await lookup.find('bank_reconciliations', { items: { contains: { voucherId } } }, ALL)) as unknown as BankReconciliation[];
    for (const o of others) {
      if (o.id === id || o.undoneAt !== undefined) continue;
      const dup = o.items.find((it) => it.voucherId === voucherId && lineIds.includes(it.lineId));
      if (dup) return refuse('ALREADY_RECONCILED', `${lineKey(dup)} is ticked by ${o.id}`, '/items');
    }
  }
  return null;
};
