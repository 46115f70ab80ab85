// 财务台账: the treasurer's books — 凭证, 科目, 结账 here; 报表, 银行对账, 财务公示 from their own folders. An empty
// ledger first offers 建账 from the template, then the 期初余额.
import { useCallback, useState, type ReactNode } from 'react';
import { useUiStore } from '../../ui/ui-store';
import { AccountsTab, OpeningBalances, SetupPanel } from './AccountsTab';
import { ChainCheck } from './chain';
import { DisclosureTab } from './disclosure';
import { useBooks, useLedgerFrame } from './hooks';
import { Loading } from './Loading';
import { PeriodsTab } from './PeriodsTab';
import { ReconciliationTab } from './reconciliation';
import { ReportsTab } from './reports';
import { ledgerHash, useLedgerPlace, type LedgerTab } from './route';
import { VouchersTab } from './VouchersTab';

const TABS: readonly { id: LedgerTab; label: string }[] = [
  { id: 'vouchers', label: '凭证' },
  { id: 'accounts', label: '科目' },
  { id: 'periods', label: '结账' },
  { id: 'reports', label: '报表' },
  { id: 'reconciliation', label: '银行对账' },
  { id: 'disclosure', label: '财务公示' },
];

export function LedgerPage() {
  // The frame first (chart, periods): the 凭证 tab lists its month without waiting for the whole books.
  const frame = useLedgerFrame();
  const place = useLedgerPlace();
  // On 凭证 the whole books are read once the month's list is shown (the editor and the chain check need them); the
  // other tabs need them at once.
  const [listShown, setListShown] = useState(false);
  const showFull = useCallback(() => setListShown(true), []);
  const books = useBooks(place.tab !== 'vouchers' || listShown);
  const data = frame.status === 'ready' ? frame.data : undefined;
  const full = books.status === 'ready' ? books.data : undefined;
  const goTo = useUiStore((s) => s.goTo);
  const [openingDone, setOpeningDone] = useState(false);

  let body: ReactNode;
  if (!data) {
    body =
      frame.status === 'error' ? (
        <p className="form-error" role="alert">
          读取账簿失败，请重新打开此页面。
        </p>
      ) : (
        <Loading />
      );
  } else if (!data.accounts.some((a) => a._deleted !== true)) {
    body = <SetupPanel />;
  } else if (!openingDone && !data.hasVouchers && !data.accounts.some((a) => (a.openingBalanceFen ?? 0) !== 0)) {
    // Just set up: the opening balances come before the first voucher.
    body = <OpeningBalances books={{ ...data, vouchers: [] }} onDone={() => setOpeningDone(true)} />;
  } else {
    let panel: ReactNode;
    switch (place.tab) {
      case 'vouchers':
        panel = <VouchersTab frame={data} books={full} onListed={showFull} />;
        break;
      case 'accounts':
        panel = full ? <AccountsTab books={full} /> : <Loading />;
        break;
      case 'periods':
        panel = full ? <PeriodsTab books={full} /> : <Loading />;
        break;
      case 'reports':
        panel = <ReportsTab />;
        break;
      case 'reconciliation':
        panel = <ReconciliationTab />;
        break;
      case 'disclosure':
        panel = <DisclosureTab />;
        break;
    }
    body = (
      <>
        {/* On every tab: books that fail their chain check must not be reported or disclosed unawares. 结账 shows it always. */}
        {place.tab !== 'periods' && full && <ChainCheck books={full} onlyProblems />}
        <div className="tabs" role="tablist" aria-label="财务台账">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`ledger-tab-${t.id}`}
              data-testid={`ledger-tab-${t.id}`}
              aria-selected={place.tab === t.id}
              aria-controls="ledger-panel"
              className={place.tab === t.id ? 'tab active' : 'tab'}
              onClick={() => goTo(ledgerHash({ ...place, tab: t.id }))}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="ledger-panel" aria-labelledby={`ledger-tab-${place.tab}`}>
          {panel}
        </div>
      </>
    );
  }

  return (
    <div className="page ledger-page">
      <header className="page-header">
        <h1>财务台账</h1>
        <p className="page-sub">业委会的复式账簿：凭证录入、审核、过账，月末结账；报表、银行对账和财务公示。</p>
      </header>
      {body}
    </div>
  );
}
