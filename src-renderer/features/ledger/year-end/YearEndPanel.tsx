// 年度结转 on the 结账 tab: for each year with postings that has reached December and whose December is still open,
// its state and the action. The action first shows the vouchers it would make (科目, 借方, 贷方, totals), or why it
// cannot be done yet; 生成 writes them as drafts (all or none) and opens December's voucher list, where they are
// reviewed and posted like any other.
import { useMemo, useState } from 'react';
import { formatMoneyFen } from '../../../../shared/domain/common/decimal';
import type { Account, Voucher } from '../../../../shared/domain/ledger/types';
import { parseYearEndId, yearEndClosing, yearEndVouchersOf, type YearEndPlan } from '../../../../shared/domain/ledger/year-end';
import { useDatabase } from '../../../db/context';
import { Badge } from '../../../ui/Badge';
import { useUiStore } from '../../../ui/ui-store';
import { useToday } from '../../../ui/use-today';
import { useLedgerActor, type Books } from '../hooks';
import { createYearEnd } from '../ledger-writes';
import { writeErrorText } from '../messages';
import { ledgerHash } from '../route';
import { KIND_LABEL, yearEndErrorText } from './messages';

/** Years with a posted voucher whose December has come (a carry mid-year would miss the rest) and is open, latest first. */
export function carryableYears(books: Books, today: string): number[] {
  const closed = new Set(books.periods.filter((p) => p.status === 'closed').map((p) => p.id));
  const years = new Set<number>();
  for (const v of books.vouchers) if (v._deleted !== true && v.status === 'posted') years.add(Number(v.date.slice(0, 4)));
  return [...years].filter((y) => !closed.has(`${y}-12`) && `${y}-12` <= today.slice(0, 7)).sort((a, b) => b - a);
}

function YearState({ books, year }: { books: Books; year: number }) {
  const existing = yearEndVouchersOf(books.vouchers, year);
  const pending = existing.find((v) => v.status !== 'posted');
  if (pending) return <Badge tone="info">结转凭证待{pending.status === 'draft' ? '审核' : '过账'}</Badge>;
  if (existing.length > 0) return <Badge tone="ok">已结转</Badge>;
  return <Badge tone="muted">未结转</Badge>;
}

const sideTotal = (v: Voucher, side: 'debitFen' | 'creditFen'): number => v.lines.reduce((t, l) => t + l[side], 0);

function VoucherPreview({ voucher, accounts }: { voucher: Voucher; accounts: ReadonlyMap<string, Account> }) {
  const kind = parseYearEndId(voucher.id)?.kind;
  return (
    <table className="table compact" data-testid={`yearend-preview-${voucher.id}`} aria-label={voucher.summary}>
      <caption>
        {kind ? `${KIND_LABEL[kind]}：` : ''}
        {voucher.summary}（{voucher.date}）
      </caption>
      <thead>
        <tr>
          <th>科目</th>
          <th>项目</th>
          <th className="num">借方</th>
          <th className="num">贷方</th>
        </tr>
      </thead>
      <tbody>
        {voucher.lines.map((l) => {
          const a = accounts.get(l.accountId);
          return (
            <tr key={l.id}>
              <td>{a ? `${a.code} ${a.name}` : l.accountId}</td>
              <td>{l.projectId ?? ''}</td>
              <td className="num">{l.debitFen ? formatMoneyFen(l.debitFen) : ''}</td>
              <td className="num">{l.creditFen ? formatMoneyFen(l.creditFen) : ''}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>合计</td>
          <td className="num" data-testid={`yearend-total-debit-${voucher.id}`}>
            {formatMoneyFen(sideTotal(voucher, 'debitFen'))}
          </td>
          <td className="num" data-testid={`yearend-total-credit-${voucher.id}`}>
            {formatMoneyFen(sideTotal(voucher, 'creditFen'))}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function PlanSummary({ plan }: { plan: YearEndPlan }) {
  const surplus = plan.incomeFen - plan.expenseFen;
  return (
    <p data-testid="yearend-summary">
      {plan.year}年{plan.round > 1 ? '补充结转' : ''}：收入 {formatMoneyFen(plan.incomeFen)}
      {plan.restrictedIncomeFen !== 0 && `（其中限定性 ${formatMoneyFen(plan.restrictedIncomeFen)}，转入限定性净资产）`}，费用 {formatMoneyFen(plan.expenseFen)}，
      收支结余 {formatMoneyFen(surplus)} 转入净资产
      {plan.releasedFen !== 0 && `；项目已支出的限定性资金 ${formatMoneyFen(plan.releasedFen)} 解除限制，转入非限定性净资产`}。
      {plan.earlierSurplusFen !== 0 && ` 其中含以前年度未结转的收支结余 ${formatMoneyFen(plan.earlierSurplusFen)}（以前年度 12 月已结账，只能随本年结转）。`}
    </p>
  );
}

export function YearEndPanel({ books }: { books: Books }) {
  const db = useDatabase();
  const actor = useLedgerActor();
  const goTo = useUiStore((s) => s.goTo);
  const showToast = useUiStore((s) => s.showToast);
  const [previewing, setPreviewing] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const today = useToday();
  const years = useMemo(() => carryableYears(books, today), [books, today]);
  const accounts = useMemo(() => new Map(books.accounts.map((a) => [a.id, a])), [books.accounts]);
  const plan = useMemo(() => (previewing === null ? null : yearEndClosing(books, books.periods, previewing, { name: actor.name })), [books, previewing, actor.name]);
  if (years.length === 0) return null;

  const create = (year: number): void => {
    setBusy(true);
    void createYearEnd(db, books, year).then((r) => {
      setBusy(false);
      if (!r.ok) {
        setMessage(r.error.kind === 'rule' ? yearEndErrorText(r.error.error, year, books.accounts) : writeErrorText(r.error.error));
        return;
      }
      setPreviewing(null);
      setMessage(null);
      showToast(`已生成${year}年度结转凭证（草稿），请审核后过账。`);
      goTo(ledgerHash({ tab: 'vouchers', month: `${year}-12`, status: 'draft' }));
    });
  };

  return (
    <section className="card" data-testid="yearend">
      <h3>年度结转</h3>
      <p className="muted">
        年末把本年各收入、费用科目的余额结转到净资产：非限定性收入和全部费用转入 3101 非限定性净资产，限定性收入（带项目）转入 3102
        限定性净资产，项目已花掉的限定性资金解除限制转入 3101。结转凭证日期为 12 月 31 日，须在 12 月结账前审核过账。
      </p>
      <table className="table" data-testid="yearend-years">
        <thead>
          <tr>
            <th>年度</th>
            <th>状态</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {years.map((y) => {
            const pending = yearEndVouchersOf(books.vouchers, y).some((v) => v.status !== 'posted');
            return (
              <tr key={y} data-testid={`yearend-year-${y}`}>
                <td>{y}年</td>
                <td>
                  <YearState books={books} year={y} />
                </td>
                <td>
                  {pending ? (
                    <button type="button" className="link" data-testid={`yearend-open-${y}`} onClick={() => goTo(ledgerHash({ tab: 'vouchers', month: `${y}-12`, status: '' }))}>
                      查看结转凭证
                    </button>
                  ) : (
                    <button type="button" data-testid={`yearend-${y}`} onClick={() => (setPreviewing(y), setMessage(null))}>
                      年度结转
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message && (
        <p className="form-error" role="alert" data-testid="yearend-error">
          {message}
        </p>
      )}
      {previewing !== null && plan && !plan.ok && !message && (
        <div data-testid="yearend-refused">
          <p className="form-error" role="alert">
            {yearEndErrorText(plan.error, previewing, books.accounts)}
          </p>
          <button type="button" onClick={() => setPreviewing(null)}>
            关闭
          </button>
        </div>
      )}
      {previewing !== null && plan?.ok && (
        <div data-testid="yearend-preview">
          <h4>{previewing}年度结转凭证预览</h4>
          <PlanSummary plan={plan.value} />
          {plan.value.vouchers.map((v) => (
            <VoucherPreview key={v.id} voucher={v} accounts={accounts} />
          ))}
          <p className="muted">生成后为草稿，由另一人审核、再过账后才记入账簿。</p>
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} data-testid="yearend-create" onClick={() => create(previewing)}>
              生成结转凭证
            </button>
            <button type="button" onClick={() => (setPreviewing(null), setMessage(null))}>
              取消
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
