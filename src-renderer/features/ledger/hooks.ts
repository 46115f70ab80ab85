// Live reads for 财务台账. The whole books are plain JSON snapshots (the ledger's rules and reports are pure functions
// over them), kept in one live copy per database once the ledger is first opened, so that coming back to it costs
// nothing: each document is copied to JSON once per revision, and 记-N and the chain check are computed once per
// change of the books, not per screen. The 凭证 list reads its month alone through the `period` index, so that it
// shows before the whole books are read after a restart (50,000 vouchers take seconds to read from IndexedDB).
import { useMemo } from 'react';
import { combineLatest, map, NEVER, shareReplay, type Observable } from 'rxjs';
import { numberAll, type NumberedVoucher } from '../../../shared/domain/ledger/numbering';
import type { Account, BankReconciliation, LedgerPeriod, Voucher } from '../../../shared/domain/ledger/types';
import { useDatabase } from '../../db/context';
import type { LinliDatabase } from '../../db/database';
import { useObservable, type Loadable } from '../../db/hooks';
import { useOperatorName } from '../../db/operator';
import { useSyncStatus } from '../../sync/context';

export type Books = {
  readonly accounts: readonly Account[];
  readonly vouchers: readonly Voucher[];
  readonly periods: readonly LedgerPeriod[];
  readonly reconciliations: readonly BankReconciliation[];
};

/** What the ledger's frame needs before the vouchers: the chart, the periods, reconciliations, and whether any voucher exists. */
export type LedgerFrame = {
  readonly accounts: readonly Account[];
  readonly periods: readonly LedgerPeriod[];
  readonly reconciliations: readonly BankReconciliation[];
  readonly hasVouchers: boolean;
};

// RxDB hands out the same document object for the same revision, so its JSON copy is made once per revision; the
// snapshots' unchanged vouchers keep their identity, which the chain check's per-link memo relies on.
const plainCopies = new WeakMap<object, unknown>();
function plainOf<T>(doc: { toJSON: () => unknown }): T {
  let copy = plainCopies.get(doc);
  if (copy === undefined) {
    copy = doc.toJSON();
    plainCopies.set(doc, copy);
  }
  return copy as T;
}
const plain = <T,>(docs: readonly { toJSON: () => unknown }[]): readonly T[] => docs.map((d) => plainOf<T>(d));

// One live subscription per database, kept while the database lives (a WeakMap lets it go with a closed database).
const booksOf = new WeakMap<LinliDatabase, Observable<Books>>();
const frameOf = new WeakMap<LinliDatabase, Observable<LedgerFrame>>();

function kept<T>(cache: WeakMap<LinliDatabase, Observable<T>>, db: LinliDatabase, make: () => Observable<T>): Observable<T> {
  let source = cache.get(db);
  if (!source) {
    source = make().pipe(shareReplay({ bufferSize: 1, refCount: false }));
    cache.set(db, source);
  }
  return source;
}

export function books$(db: LinliDatabase): Observable<Books> {
  return kept(booksOf, db, () =>
    combineLatest([db.accounts.find().$, db.vouchers.find().$, db.periods.find().$, db.bank_reconciliations.find().$]).pipe(
      map(([a, v, p, r]): Books => ({
        accounts: plain<Account>(a),
        vouchers: plain<Voucher>(v),
        periods: plain<LedgerPeriod>(p),
        reconciliations: plain<BankReconciliation>(r),
      })),
    ),
  );
}

function frame$(db: LinliDatabase): Observable<LedgerFrame> {
  return kept(frameOf, db, () =>
    combineLatest([db.accounts.find().$, db.periods.find().$, db.bank_reconciliations.find().$, db.vouchers.findOne().$]).pipe(
      map(([a, p, r, first]): LedgerFrame => ({
        accounts: plain<Account>(a),
        periods: plain<LedgerPeriod>(p),
        reconciliations: plain<BankReconciliation>(r),
        hasVouchers: first !== null,
      })),
    ),
  );
}

const NOT_YET: Observable<never> = NEVER;

/**
 * Every account, voucher, period and reconciliation of the compound; live. `wanted` false holds the read back (it stays
 * 'loading'): after a restart, reading the whole books competes with the first screen's own reads.
 */
export function useBooks(wanted = true): Loadable<Books> {
  const db = useDatabase();
  return useObservable(useMemo(() => (wanted ? books$(db) : NOT_YET), [db, wanted]));
}

/** The chart, periods and reconciliations, without reading the vouchers; live. */
export function useLedgerFrame(): Loadable<LedgerFrame> {
  const db = useDatabase();
  return useObservable(useMemo(() => frame$(db), [db]));
}

/** The vouchers of one month (`YYYY-MM`), read through the `period` index; live. */
export function useMonthVouchers(month: string): Loadable<readonly Voucher[]> {
  const db = useDatabase();
  const source = useMemo(() => db.vouchers.find({ selector: { period: month } }).$.pipe(map((docs) => plain<Voucher>(docs))), [db, month]);
  return useObservable(source);
}

/**
 * Changes of this PC the server has not accepted yet: 结账 waits for none (L-P2). Counts every collection. A PC that
 * never signed in has no server to be behind, so its books close locally.
 */
export function useUnsyncedCount(): number {
  return useSyncStatus((s) => (s.session ? s.pending : 0));
}

/** Who acts in the ledger (制单人, 审核人, 结账人): the signed-in user, or the operator as 管理员. */
export function useLedgerActor(): { readonly name: string; readonly role: string } {
  const operator = useOperatorName();
  const session = useSyncStatus((s) => s.session);
  // As localActor() (db/domain-check.ts) judges the write.
  return useMemo(() => (session ? { name: session.user.name, role: session.user.role } : { name: operator, role: 'admin' }), [session, operator]);
}

const numbersOf = new WeakMap<Books, ReadonlyMap<string, NumberedVoucher>>();

/** 记-N of every posted voucher (final once the month is closed), computed once per change of the books. */
export function numbersFor(books: Books): ReadonlyMap<string, NumberedVoucher> {
  let numbers = numbersOf.get(books);
  if (!numbers) {
    numbers = numberAll(books.vouchers, books.periods);
    numbersOf.set(books, numbers);
  }
  return numbers;
}

