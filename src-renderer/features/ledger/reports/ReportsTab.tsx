// 报表: 科目余额表, 明细账, 现金/银行日记账, 收支表, 资产负债表, 限定性资金 over any range; each prints (A4) and exports
// to Excel / CSV from one table (shared/domain/ledger/report-tables.ts).
import { useMemo, useState } from 'react';
import { localDate } from '../../../../shared/domain/common/dates';
import { liveAccounts, parentIds } from '../../../../shared/domain/ledger/chart';
import { numberAll } from '../../../../shared/domain/ledger/numbering';
import {
  balanceSheetTable,
  incomeStatementTable,
  ledgerTable,
  restrictedFundsTable,
  trialBalanceTable,
  type ReportTable,
} from '../../../../shared/domain/ledger/report-tables';
import { accountLedger, balanceSheet, incomeStatement, journal, restrictedFunds, trialBalance, type TrialBalance } from '../../../../shared/domain/ledger/reports';
import type { Account, DateRange } from '../../../../shared/domain/ledger/types';
import { useSettings } from '../../../db/hooks';
import { exportTable, reportOutcome } from '../../../export';
import { useBooks, type Books } from '../hooks';
import { printReport, saveReportPdf } from './print';
import { initialPick, rangeOf, type RangePick } from './range';
import { RangePicker } from './RangePicker';
import { ReportTableView } from './ReportTableView';

export const REPORT_KINDS = {
  trial: '科目余额表',
  ledger: '明细账',
  cash: '现金日记账',
  bank: '银行日记账',
  income: '收支表',
  balance: '资产负债表',
  restricted: '限定性资金',
} as const;
export type ReportKind = keyof typeof REPORT_KINDS;

type Choice = { kind: ReportKind; accountId: string; bankAccountId: string };

const label = (x: Account): string => `${x.code} ${x.name}${x.active ? '' : '（已停用）'}`;

/** The chosen report, and for 科目余额表 the trial balance it was built from (the 试算平衡 badge reads it too). */
export type BuiltReport = { readonly report: ReportTable | string; readonly trial: TrialBalance | null };

/**
 * The chosen report as a table (or the reason it cannot be built yet) with its trial balance. Voucher numbers
 * (numberAll over every voucher) are computed only for the reports that show them: 明细账 and the 日记账.
 */
export function buildReportWithTrial(books: Books, range: DateRange, c: Choice): BuiltReport {
  const book = { accounts: books.accounts, vouchers: books.vouchers };
  const only = (report: ReportTable | string): BuiltReport => ({ report, trial: null });
  const numbered = () => numberAll(books.vouchers, books.periods);
  switch (c.kind) {
    case 'trial': {
      const trial = trialBalance(book, range);
      return { report: trialBalanceTable(trial), trial };
    }
    case 'ledger': {
      const x = books.accounts.find((a) => a.id === c.accountId);
      if (!x) return only('请选择科目。');
      const numbers = numbered();
      return only(ledgerTable(accountLedger(book, x.id, range, numbers), { title: `明细账 ${x.code} ${x.name}`, accounts: books.accounts, numbers }));
    }
    case 'cash': {
      const numbers = numbered();
      return only(ledgerTable(journal(book, 'cash', range, { numbers }), { title: '现金日记账', accounts: books.accounts, numbers, withCounterparty: true }));
    }
    case 'bank': {
      const x = books.accounts.find((a) => a.id === c.bankAccountId);
      const title = x ? `银行日记账 ${x.code} ${x.name}` : '银行日记账';
      const numbers = numbered();
      return only(ledgerTable(journal(book, 'bank', range, { numbers, ...(x ? { accountId: x.id } : {}) }), { title, accounts: books.accounts, numbers, withCounterparty: true }));
    }
    case 'income':
      return only(incomeStatementTable(incomeStatement(book, range)));
    case 'balance':
      return only(balanceSheetTable(balanceSheet(book, range.to)));
    case 'restricted':
      return only(restrictedFundsTable(restrictedFunds(book, range), range));
  }
}

/** The chosen report as a table; a string with the reason when it cannot be built yet. */
export function buildReport(books: Books, range: DateRange, c: Choice): ReportTable | string {
  return buildReportWithTrial(books, range, c).report;
}

export function ReportsTab() {
  const books = useBooks();
  const settings = useSettings();
  const compoundName = settings.status === 'ready' ? settings.data?.compoundName : undefined;
  const [pick, setPick] = useState<RangePick>(() => initialPick(localDate(new Date())));
  const [choice, setChoice] = useState<Choice>({ kind: 'trial', accountId: '', bankAccountId: '' });
  const data = books.status === 'ready' ? books.data : undefined;
  const range = rangeOf(pick);
  const accounts = useMemo(() => (data ? liveAccounts(data.accounts).sort((a, b) => (a.code < b.code ? -1 : 1)) : []), [data]);
  const bankAccounts = useMemo(() => {
    const parents = parentIds(accounts);
    return accounts.filter((x) => x.cashKind === 'bank' && !parents.has(x.id));
  }, [accounts]);
  // One memo for the report and its trial balance: the 试算平衡 badge reads the trial balance the table was built from.
  const built = useMemo(() => (data && range ? buildReportWithTrial(data, range, choice) : null), [data, range?.from, range?.to, choice]); // eslint-disable-line react-hooks/exhaustive-deps
  const report = built ? built.report : null;
  const trial = built?.trial ?? null;
  const ready = report !== null && typeof report !== 'string';
  const printOptions = { compoundName, printedOn: localDate(new Date()) };

  return (
    <section className="ledger-reports" data-testid="ledger-reports">
      <div className="tabs" role="tablist" aria-label="报表">
        {(Object.keys(REPORT_KINDS) as ReportKind[]).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={choice.kind === k} className={choice.kind === k ? 'active' : undefined} data-testid={`report-${k}`} onClick={() => setChoice({ ...choice, kind: k })}>
            {REPORT_KINDS[k]}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <RangePicker value={pick} onChange={setPick} />
        {choice.kind === 'balance' && range && <span className="muted">截至 {range.to}</span>}
        {choice.kind === 'ledger' && (
          <select aria-label="科目" value={choice.accountId} onChange={(e) => setChoice({ ...choice, accountId: e.target.value })}>
            <option value="">选择科目…</option>
            {accounts.map((x) => (
              <option key={x.id} value={x.id}>
                {label(x)}
              </option>
            ))}
          </select>
        )}
        {choice.kind === 'bank' && (
          <select aria-label="银行账户" value={choice.bankAccountId} onChange={(e) => setChoice({ ...choice, bankAccountId: e.target.value })}>
            <option value="">全部银行账户</option>
            {bankAccounts.map((x) => (
              <option key={x.id} value={x.id}>
                {label(x)}
              </option>
            ))}
          </select>
        )}
        <span className="toolbar-spacer" />
        <button type="button" disabled={!ready} data-testid="report-print" onClick={() => ready && void reportOutcome(() => printReport(report, printOptions))}>
          打印
        </button>
        <button type="button" disabled={!ready} data-testid="report-pdf" onClick={() => ready && void reportOutcome(() => saveReportPdf(report, printOptions))}>
          保存为PDF
        </button>
        <button type="button" disabled={!ready} data-testid="report-export-xlsx" onClick={() => ready && void reportOutcome(() => exportTable(report, 'xlsx', `${report.title}-${report.subtitle}`))}>
          导出 Excel
        </button>
        <button type="button" disabled={!ready} data-testid="report-export-csv" onClick={() => ready && void reportOutcome(() => exportTable(report, 'csv', `${report.title}-${report.subtitle}`))}>
          导出 CSV
        </button>
      </div>
      {books.status !== 'ready' ? (
        <p className="muted">正在读取账簿…</p>
      ) : !range ? (
        <p className="muted" role="alert">请填写开始和结束日期（开始不晚于结束）。</p>
      ) : typeof report === 'string' ? (
        <p className="muted">{report}</p>
      ) : report ? (
        <>
          <h3 style={{ margin: '8px 0' }}>
            {report.title} <span className="muted">{report.subtitle}</span>
          </h3>
          {trial && (
            <p data-testid="trial-balanced" className={trial.balanced ? 'badge badge-ok' : 'badge badge-warn'}>
              {trial.balanced ? '试算平衡' : '试算不平衡，请检查期初余额和凭证'}
            </p>
          )}
          <ReportTableView report={report} />
          <p className="muted">只统计已过账的凭证；凭证号带「暂」的月份尚未结账，编号可能变动。</p>
        </>
      ) : null}
    </section>
  );
}
