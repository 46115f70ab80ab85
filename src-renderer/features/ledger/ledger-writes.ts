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
import { yearEndClosing, type YearEndPlan } from '../../../shared/domain/ledger/year-end';
import { err, ok, type Result } from '../../../shared/result';
import { checkDocument } from '../../../shared/collections';
import { contentOf } from '../../../shared/sync/content';
import type { DocSync } from '../../../shared/sync/protocol';
import { createRevision, now, type RxDocumentData, type RxStorageInstance } from 'rxdb';
import type { LinliDatabase } from '../../db/database';
import { DomainRuleError, localActor, localLookup } from '../../db/domain-check';
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

type Raw = RxDocumentData<{ id: string; sync?: DocSync } & Record<string, unknown>>;
type Row = { readonly id: string; readonly next: (current: Stored | undefined) => Stored | null };

/** RxDB's code for a write against a changed revision: write-error.ts reports it as WRITE_CONFLICT. */
const conflict = (id: string): Error & { code: string } => Object.assign(new Error(`${id} changed meanwhile`), { code: 'CONFLICT' });

/**
 * All or nothing, for writes that only mean something together (the opening balances, the year-end vouchers).
 * RxDB's bulkUpsert is not that: it updates existing documents one incremental write at a time, and a hook refusing
 * one still lets the others through. So: each document is built from the stored one (`next`; null = it is not what
 * the caller expected), every one is judged by the collection's domain rule first — as the write hook would judge it,
 * against the store before the write (db/domain-check.ts) — and only then are all written in one storage bulkWrite,
 * one IndexedDB transaction. That write is below the collection's hooks, so it does their work itself: the rule
 * check above and the unpushed mark of db/database.ts (`sync.dirty`, keeping the base seq), like sync/local-store.ts.
 * A document the storage turns down on its own (changed meanwhile: 409; the schema: 422) does not stop the others
 * in a bulkWrite, so the ones written are put back before the failure is reported.
 */
async function writeTogether(db: LinliDatabase, collection: 'accounts' | 'vouchers', rows: readonly Row[]): Promise<Result<void, WriteError>> {
  if (rows.length === 0) return ok(undefined);
  const instance = db[collection].storageInstance as unknown as RxStorageInstance<Raw, unknown, unknown>;
  const stamp = currentStamp();
  const actor = localActor();
  const lookup = localLookup(db);
  return attemptWrite(async () => {
    const found = new Map((await instance.findDocumentsById(rows.map((r) => r.id), true)).map((d) => [d.id, d]));
    const writes: { previous?: Raw; document: Raw }[] = [];
    for (const r of rows) {
      const stored = found.get(r.id);
      const current = stored && stored._deleted !== true ? contentOf(stored) : undefined;
      const built = r.next(current);
      if (!built) throw conflict(r.id);
      const { _deleted: _d, ...content } = strip(built);
      const doc = { ...content, id: r.id, ...(current ? { createdAt: current.createdAt, createdBy: current.createdBy, ...updatedFields(stamp) } : createdFields(stamp)) };
      const problem = await checkDocument(collection, { doc: contentOf(doc), previous: current, lookup, actor });
      if (problem) throw new DomainRuleError(problem);
      const document = { ...doc, _deleted: false, sync: { seq: stored?.sync?.seq ?? 0, dirty: true }, _attachments: {}, _meta: { ...(stored?._meta ?? {}), lwt: now() }, _rev: createRevision(db.token, stored) } as unknown as Raw;
      writes.push(stored ? { previous: stored, document } : { document });
    }
    const result = await instance.bulkWrite(writes, 'ledger-write-together');
    if (result.error.length === 0) return;
    const failed = new Set(result.error.map((e) => String(e.documentId)));
    const undo = writes
      .filter((w) => !failed.has(w.document.id))
      .map((w) => {
        const before = w.previous ?? ({ ...w.document, _deleted: true } as Raw);
        const document = { ...before, sync: { seq: w.document.sync?.seq ?? 0, dirty: true }, _meta: { ...w.document._meta, lwt: now() }, _rev: createRevision(db.token, w.document) } as Raw;
        return { previous: w.document, document };
      });
    if (undo.length > 0) {
      const back = await instance.bulkWrite(undo, 'ledger-write-together-undo');
      if (back.error.length > 0) console.error('could not put back a partial write', back.error);
    }
    const first = result.error[0];
    if (first?.status === 409) throw conflict(String(first.documentId));
    throw new Error(`write of ${collection}/${String(first?.documentId)} refused (${String(first?.status)})`);
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

/**
 * 期初余额, entered once: all balances checked together (balanced, on leaves) against the accounts as stored now,
 * then written in one all-or-nothing write — a refusal or failure half-way never leaves them unbalanced.
 */
export async function saveOpeningBalances(db: LinliDatabase, accounts: readonly Account[], balances: ReadonlyMap<string, number>): Promise<LedgerResult<void>> {
  const withBalances = (list: readonly Account[]): Account[] => list.map((a) => (balances.has(a.id) ? { ...a, openingBalanceFen: balances.get(a.id) ?? 0 } : a));
  const problem = openingBalanceProblem(withBalances(accounts));
  if (problem) return rule(problem);
  // Another PC's balances may have arrived since the form was opened: judge what is stored.
  const read = await attemptWrite(async () => (await db.accounts.find().exec()).map((d) => d.toJSON() as unknown as Account));
  if (!read.ok) return writeFailed(read.error);
  const stored = read.value;
  const storedProblem = openingBalanceProblem(withBalances(stored));
  if (storedProblem) return rule(storedProblem);
  const changed = stored.filter((a) => balances.has(a.id) && (a.openingBalanceFen ?? 0) !== (balances.get(a.id) ?? 0));
  const r = await writeTogether(
    db,
    'accounts',
    changed.map((a) => ({ id: a.id, next: (current) => (current ? { ...current, openingBalanceFen: balances.get(a.id) ?? 0 } : null) })),
  );
  return r.ok ? ok(undefined) : writeFailed(r.error);
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
  // A parent and its sub-accounts together, or none of them.
  const r = await writeTogether(
    db,
    'accounts',
    changed.value.map((a) => ({ id: a.id, next: (current) => (current ? { ...current, active: false } : null) })),
  );
  return r.ok ? ok(undefined) : writeFailed(r.error);
}

/**
 * 启用: a deactivated account takes lines again (L-A4: `active` always changes) — its own switch only, and only under
 * an active parent. 年度结转 needs it when an account was deactivated while it still held a balance.
 */
export async function activate(db: LinliDatabase, books: Books, id: string): Promise<LedgerResult<void>> {
  const account = books.accounts.find((x) => x.id === id && x._deleted !== true);
  if (!account) return rule({ code: 'ACCOUNT_UNKNOWN' });
  const parent = account.parentId ? books.accounts.find((x) => x.id === account.parentId && x._deleted !== true) : undefined;
  if (parent && !parent.active) return rule({ code: 'PARENT_INACTIVE', path: 'parentId' });
  const r = await writeTogether(db, 'accounts', [{ id, next: (current) => (current ? { ...current, active: true } : null) }]);
  return r.ok ? ok(undefined) : writeFailed(r.error);
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

// ——— 年度结转 ———

/**
 * 年度结转 (L-Y1–L-Y9): the year-end drafts, prepared by the actor, written together — all of them or none. Their
 * ids are the year's (L-Y2): a voucher already stored under one (another PC's, synced meanwhile) is a conflict, never
 * overwritten. They are then reviewed and posted in the voucher list like any other.
 */
export async function createYearEnd(db: LinliDatabase, books: Books, year: number): Promise<LedgerResult<YearEndPlan>> {
  const plan = yearEndClosing(books, books.periods, year, { name: actorOf().name });
  if (!plan.ok) return rule(plan.error);
  const r = await writeTogether(
    db,
    'vouchers',
    plan.value.vouchers.map((v) => ({ id: v.id, next: (current) => (current ? null : (v as unknown as Stored)) })),
  );
  return r.ok ? ok(plan.value) : writeFailed(r.error);
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
