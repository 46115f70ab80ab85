// Live reads for 财务台账: the whole books as plain JSON snapshots (the ledger's rules and reports are pure functions
// over them), and who acts. Books are small next to what RxDB holds comfortably (50,000 vouchers ≈ tens of MB).
import { useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import { numberAll, type NumberedVoucher } from '../../../shared/domain/ledger/numbering';
import type { Account, BankReconciliation, LedgerPeriod, Voucher } from '../../../shared/domain/ledger/types';
import { useDatabase } from '../../db/context';
import { useObservable, type Loadable } from '../../db/hooks';
import { useOperatorName } from '../../db/operator';
import { useSyncStatus } from '../../sync/context';

export type Books = {
  readonly accounts: readonly Account[];
  readonly vouchers: readonly Voucher[];
  readonly periods: readonly LedgerPeriod[];
  readonly reconciliations: readonly BankReconciliation[];
};

const plain = <T,>(docs: readonly { toJSON: () => unknown }[]): readonly T[] => docs.map((d) => d.toJSON() as T);

/** Every account, voucher, period and reconciliation of the compound; live. */
export function useBooks(): Loadable<Books> {
  const db = useDatabase();
  const source = useMemo(
    () =>
      combineLatest([db.accounts.find().$, db.vouchers.find().$, db.periods.find().$, db.bank_reconciliations.find().$]).pipe(
        map(([a, v, p, r]): Books => ({
          accounts: plain<Account>(a),
          vouchers: plain<Voucher>(v),
          periods: plain<LedgerPeriod>(p),
          reconciliations: plain<BankReconciliation>(r),
        })),
      ),
    [db],
  );
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

/** 记-N of every posted voucher (final once the month is closed), for the lists and the chain check. */
export function useNumbers(books: Books | undefined): ReadonlyMap<string, NumberedVoucher> {
  return useMemo(() => (books ? numberAll(books.vouchers, books.periods) : new Map<string, NumberedVoucher>()), [books]);
}
