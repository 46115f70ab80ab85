// Writes of 财务台账. The pure core (shared/domain/ledger) decides; each write is stamped and checked again by the
// database's rule hook (db/domain-check.ts), as the server will check the push. Ids are made here.
import type { PeriodMonth } from '../../../shared/domain/common/dates';
import { createdFields, updatedFields } from '../../../shared/domain/common/stamp';
import {
  addSubAccount,
  chartFromTemplate,
  closePeriod,
  deactivateAccount,
  openingBalanceProblem,
  postVoucher,
  reopenPeriod,
  reversalContext,
  reverseVoucher,
  reviewVoucher,
  unreviewVoucher,
  voucherContext,
  type Account,
  type LedgerPeriod,
  type LedgerProblem,
  type Voucher,
  type VoucherActionError,
} from '../../../shared/domain/ledger';
import { lineKey } from '../../../shared/domain/ledger/bank-reconciliation';
import { err, ok, type Result } from '../../../shared/result';
import type { LinliDatabase } from '../../db/database';
import { localActor } from '../../db/domain-check';
import { currentStamp } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';
import type { Books } from './hooks';

export type LedgerFailure = { kind: 'rule'; error: LedgerProblem & { readonly problems?: readonly LedgerProblem[] } } | { kind: 'write'; error: WriteError };
export type LedgerResult<T> = Result<T, LedgerFailure>;

const rule = (error: LedgerProblem | VoucherActionError): LedgerResult<never> => err({ kind: 'rule', error });
const writeFailed = (error: WriteError): LedgerResult<never> => err({ kind: 'write', error });

/** Stored documents carry bookkeeping fields the ledger types do not know: keep them, drop RxDB's own. */
type Stored = Record<string, unknown>;
const strip = (d: Stored): Stored => {
  const { _rev: _r, _meta: _m, _attachments: _a, ...rest } = d;
  return rest;
};

async function put(db: LinliDatabase, collection: 'accounts' | 'vouchers' | 'periods', doc: Stored): Promise<Result<void, WriteError>> {
  const stamp = currentStamp();
  return attemptWrite(async () => {
    const col = db[collection] as unknown as {
      findOne: (id: string) => { exec: () => Promise<{ incrementalModify: (f: (old: Stored) => Stored) => Promise<unknown> } | null> };
      insert: (d: Stored) => Promise<unknown>;
    };
    const existing = await col.findOne(String(doc.id)).exec();
    if (existing) await existing.incrementalModify((old) => ({ ...strip(doc), createdAt: old.createdAt, createdBy: old.createdBy, ...updatedFields(stamp) }));
    else await col.insert({ ...strip(doc), ...createdFields(stamp) });
  });
}

const actorOf = (): { name: string; role: string } => {
  const a = localActor();
  return { name: a.name, role: a.role };
};

// ——— 建账 and 科目 ———

/** 按模板建账: the template chart in one bulk write (its ids are fixed, so two PCs write the same documents). */
export async function setUpFromTemplate(db: LinliDatabase): Promise<LedgerResult<number>> {
  const stamp = currentStamp();
  const docs = chartFromTemplate().map((a) => ({ ...a, ...createdFields(stamp) }));
  const r = await attemptWrite(async () => {
    const res = await db.accounts.bulkInsert(docs);
    if (res.error.length > 0) throw res.error[0];
  });
  return r.ok ? ok(docs.length) : writeFailed(r.error);
}

/** 期初余额, entered once: all balances checked together (balanced, on leaves) before anything is written. */
export async function saveOpeningBalances(db: LinliDatabase, accounts: readonly Account[], balances: ReadonlyMap<string, number>): Promise<LedgerResult<void>> {
  const next = accounts.map((a) => (balances.has(a.id) ? { ...a, openingBalanceFen: balances.get(a.id) ?? 0 } : a));
  const problem = openingBalanceProblem(next);
  if (problem) return rule(problem);
  for (const a of next) {
    const before = accounts.find((x) => x.id === a.id);
    if ((before?.openingBalanceFen ?? 0) === (a.openingBalanceFen ?? 0)) continue;
    const r = await put(db, 'accounts', a as unknown as Stored);
    if (!r.ok) return writeFailed(r.error);
  }
  return ok(undefined);
}

const hasPostings = (vouchers: readonly Voucher[], accountId: string): boolean =>
  vouchers.some((v) => v._deleted !== true && v.lines.some((l) => l.accountId === accountId));

export async function addAccount(db: LinliDatabase, books: Books, parentId: string, name: string, requiresProject?: boolean): Promise<LedgerResult<Account>> {
  const made = addSubAccount(books.accounts, parentId, { id: crypto.randomUUID(), name, ...(requiresProject !== undefined ? { requiresProject } : {}) }, hasPostings(books.vouchers, parentId));
  if (!made.ok) return rule(made.error);
  const r = await put(db, 'accounts', made.value as unknown as Stored);
  return r.ok ? ok(made.value) : writeFailed(r.error);
}

export async function deactivate(db: LinliDatabase, books: Books, id: string): Promise<LedgerResult<void>> {
  const changed = deactivateAccount(books.accounts, id);
  if (!changed.ok) return rule(changed.error);
  for (const a of changed.value) {
    const r = await put(db, 'accounts', a as unknown as Stored);
    if (!r.ok) return writeFailed(r.error);
  }
  return ok(undefined);
}

// ——— 凭证 ———

const contexts = (books: Books) => {
  const ticked = new Set<string>();
  for (const r of books.reconciliations) if (r.undoneAt === undefined) for (const it of r.items) ticked.add(lineKey(it));
  return { ctx: voucherContext(books.accounts, books.periods), rctx: reversalContext(books.vouchers, ticked) };
};

const find = (books: Books, id: string): Voucher | undefined => books.vouchers.find((v) => v.id === id && v._deleted !== true);

/** 保存草稿: a new draft is prepared by the actor; only drafts are edited. Drafts may be incomplete. */
export async function saveDraft(db: LinliDatabase, books: Books, draft: Voucher): Promise<LedgerResult<Voucher>> {
  const stored = find(books, draft.id);
  if (stored && stored.status !== 'draft') return rule({ code: stored.status === 'posted' ? 'POSTED_IMMUTABLE' : 'NOT_DRAFT' });
  if (contexts(books).ctx.isPeriodClosed(draft.period)) return rule({ code: 'PERIOD_CLOSED', path: 'date', detail: { period: draft.period } });
  const v: Voucher = stored ? { ...draft, preparedBy: stored.preparedBy } : { ...draft, preparedBy: actorOf().name };
  const r = await put(db, 'vouchers', v as unknown as Stored);
  return r.ok ? ok(v) : writeFailed(r.error);
}

export async function review(db: LinliDatabase, books: Books, id: string): Promise<LedgerResult<Voucher>> {
  const v = find(books, id);
  if (!v) return writeFailed({ code: 'NOT_FOUND' });
  const next = reviewVoucher(v, { name: actorOf().name }, new Date().toISOString(), contexts(books).ctx);
  if (!next.ok) return rule(next.error);
  const r = await put(db, 'vouchers', next.value as unknown as Stored);
  return r.ok ? ok(next.value) : writeFailed(r.error);
}

export async function unreview(db: LinliDatabase, books: Books, id: string): Promise<LedgerResult<Voucher>> {
  const v = find(books, id);
  if (!v) return writeFailed({ code: 'NOT_FOUND' });
  const next = unreviewVoucher(v);
  if (!next.ok) return rule(next.error);
  // Whole document: the review fields must go, not stay from the stored revision.
  const r = await attemptWrite(async () => {
    const doc = await db.vouchers.findOne(id).exec();
    if (!doc) throw new Error('voucher gone');
    const { reviewedBy: _b, reviewedById: _i, reviewedAt: _a, ...rest } = doc.toMutableJSON();
    await doc.incrementalModify(() => ({ ...rest, status: 'draft', ...updatedFields(currentStamp()) }) as never);
  });
  return r.ok ? ok(next.value) : writeFailed(r.error);
}

/**
 * 过账. A reversal takes two writes in this order: the posted reversal first, then the original's `reversedBy` —
 * the original's check (L-V21) needs the posted reversal to exist, locally and in the push.
 */
export async function post(db: LinliDatabase, books: Books, id: string): Promise<LedgerResult<Voucher>> {
  const v = find(books, id);
  if (!v) return writeFailed({ code: 'NOT_FOUND' });
  const { ctx, rctx } = contexts(books);
  const next = postVoucher(v, { name: actorOf().name }, new Date().toISOString(), ctx, rctx);
  if (!next.ok) return rule(next.error);
  const r = await put(db, 'vouchers', next.value.voucher as unknown as Stored);
  if (!r.ok) return writeFailed(r.error);
  if (next.value.original) {
    const o = await put(db, 'vouchers', next.value.original as unknown as Stored);
    if (!o.ok) return writeFailed(o.error);
  }
  return ok(next.value.voucher);
}

/** 红冲: a draft mirroring the posted original, prepared by the actor; reviewed and posted like any voucher. */
export async function reverse(db: LinliDatabase, books: Books, id: string, date: string): Promise<LedgerResult<Voucher>> {
  const v = find(books, id);
  if (!v) return writeFailed({ code: 'NOT_FOUND' });
  const { ctx, rctx } = contexts(books);
  const made = reverseVoucher(v, { id: crypto.randomUUID(), date, lineIds: v.lines.map(() => crypto.randomUUID()), preparedBy: { name: actorOf().name } }, ctx, rctx);
  if (!made.ok) return rule(made.error);
  const r = await put(db, 'vouchers', made.value as unknown as Stored);
  return r.ok ? ok(made.value) : writeFailed(r.error);
}

export async function deleteDraft(db: LinliDatabase, books: Books, id: string): Promise<LedgerResult<void>> {
  const v = find(books, id);
  if (!v) return writeFailed({ code: 'NOT_FOUND' });
  if (v.status !== 'draft') return rule({ code: v.status === 'posted' ? 'POSTED_IMMUTABLE' : 'NOT_DRAFT' });
  const r = await attemptWrite(async () => {
    const doc = await db.vouchers.findOne(id).exec();
    if (doc) await doc.remove();
  });
  return r.ok ? ok(undefined) : writeFailed(r.error);
}

// ——— 结账 ———

export async function closeMonth(db: LinliDatabase, books: Books, month: PeriodMonth, unsyncedCount: number): Promise<LedgerResult<LedgerPeriod>> {
  const current = books.periods.find((p) => p.id === month);
  const closed = closePeriod(current, month, books, books.periods, { by: actorOf().name, at: new Date().toISOString(), unsyncedCount });
  if (!closed.ok) return rule(closed.error);
  const r = await put(db, 'periods', closed.value as unknown as Stored);
  return r.ok ? ok(closed.value) : writeFailed(r.error);
}

export async function reopenMonth(db: LinliDatabase, books: Books, month: PeriodMonth, reason: string): Promise<LedgerResult<LedgerPeriod>> {
  const current = books.periods.find((p) => p.id === month);
  if (!current) return rule({ code: 'NOT_CLOSED' });
  const actor = actorOf();
  const reopened = reopenPeriod(current, books.periods, { by: actor.name, role: actor.role, reason, at: new Date().toISOString() });
  if (!reopened.ok) return rule(reopened.error);
  // Whole document: the closing fields must go.
  const r = await attemptWrite(async () => {
    const doc = await db.periods.findOne(month).exec();
    if (!doc) throw new Error('period gone');
    const { closingBalances: _c, closedAt: _a, closedBy: _b, ...rest } = doc.toMutableJSON();
    await doc.incrementalModify(() => ({ ...rest, status: 'open', reopenings: [...(reopened.value.reopenings ?? [])], ...updatedFields(currentStamp()) }) as never);
  });
  return r.ok ? ok(reopened.value) : writeFailed(r.error);
}
