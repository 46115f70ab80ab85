// The places of 财务台账 live in the address: `#/ledger?tab=…&month=…&status=…` (a tab, the month of the voucher
// list and its status filter), so a reload returns to the same list.
import { useMemo } from 'react';
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';

export const LEDGER_TABS = ['vouchers', 'accounts', 'periods', 'reports', 'reconciliation', 'disclosure'] as const;
export type LedgerTab = (typeof LEDGER_TABS)[number];
export type StatusFilter = '' | 'draft' | 'reviewed' | 'posted';

const isTab = (v: string | undefined): v is LedgerTab => v !== undefined && (LEDGER_TABS as readonly string[]).includes(v);
const isStatus = (v: string | undefined): v is StatusFilter => v === 'draft' || v === 'reviewed' || v === 'posted';

export type LedgerPlace = { readonly tab: LedgerTab; readonly month: string | null; readonly status: StatusFilter };

export function useLedgerPlace(): LedgerPlace {
  const route = useUiStore((s) => s.route);
  return useMemo(() => {
    const q = route.section === 'ledger' ? route.query : {};
    return {
      tab: isTab(q.tab) ? q.tab : 'vouchers',
      month: q.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(q.month) ? q.month : null,
      status: isStatus(q.status) ? q.status : '',
    };
  }, [route]);
}

export const ledgerHash = (p: Partial<LedgerPlace>): string =>
  routeHash('ledger', [], { ...(p.tab && p.tab !== 'vouchers' ? { tab: p.tab } : {}), month: p.month ?? '', status: p.status ?? '' });

/** Filter changes replace the address (Back leaves the ledger rather than undoing each pick). */
export function showLedger(p: Partial<LedgerPlace>): void {
  useUiStore.getState().replaceRoute(ledgerHash(p));
}
