// 财务收支公示: the figures of a closed month, quarter or half-year (SPEC L-D1–L-D5), refused for an open one so that
// what goes on the board never changes; printed or saved as PDF with 落款, date and 公示期.
import { useMemo, useState } from 'react';
import { addCalendarDays, formatPeriodCn, localDate } from '../../../../shared/domain/common/dates';
import { formatMoneyFen, parseMoneyYuan } from '../../../../shared/domain/common/decimal';
import { disclosureFigures, type DisclosureSpan } from '../../../../shared/domain/ledger/disclosure';
import { voucherNo } from '../../../../shared/domain/ledger/numbering';
import { useSettings } from '../../../db/hooks';
import { reportOutcome } from '../../../export';
import { routeHash } from '../../../ui/route';
import { useUiStore } from '../../../ui/ui-store';
import { useBooks } from '../hooks';
import { RangePicker } from '../reports/RangePicker';
import type { RangePick } from '../reports/range';
import { printDisclosure, saveDisclosurePdf, type DisclosurePrint } from './print';

const HALF = ['上半年', '下半年'];
const QUARTER = ['一', '二', '三', '四'];

export function spanOf(p: RangePick): DisclosureSpan {
  if (p.kind === 'quarter') return { kind: 'quarter', quarter: { year: p.year, quarter: Math.min(Math.max(p.part, 1), 4) as 1 | 2 | 3 | 4 } };
  if (p.kind === 'half') return { kind: 'half', year: p.year, half: p.part === 2 ? 2 : 1 };
  return { kind: 'month', period: `${p.year}-${String(p.part).padStart(2, '0')}` };
}

/** The span as the 公告打印 address names it: month:2026-03, quarter:2026-1, half:2026-2. */
export const spanParam = (s: DisclosureSpan): string =>
  s.kind === 'month' ? `month:${s.period}` : s.kind === 'quarter' ? `quarter:${s.quarter.year}-${s.quarter.quarter}` : `half:${s.year}-${s.half}`;

export const spanLabel = (s: DisclosureSpan): string =>
  s.kind === 'month' ? (formatPeriodCn(s.period) ?? s.period) : s.kind === 'quarter' ? `${s.quarter.year}年第${QUARTER[s.quarter.quarter - 1]}季度` : `${s.year}年${HALF[s.half - 1]}`;

export function DisclosureTab() {
  const books = useBooks();
  const settings = useSettings();
  const goTo = useUiStore((s) => s.goTo);
  const profile = settings.status === 'ready' ? settings.data : undefined;
  const today = localDate(new Date());
  const [pick, setPick] = useState<RangePick>(() => {
    // The last month is the usual one to disclose (this one is still open).
    const last = addCalendarDays(`${today.slice(0, 7)}-01`, -1);
    return { kind: 'month', year: Number(last.slice(0, 4)), part: Number(last.slice(5, 7)), from: '', to: '' };
  });
  const [thresholdText, setThresholdText] = useState('1,000.00');
  const [issuer, setIssuer] = useState<string | null>(null);
  const [date, setDate] = useState(today);
  const [noticeFrom, setNoticeFrom] = useState(today);
  const [noticeTo, setNoticeTo] = useState(() => addCalendarDays(today, 7));

  const threshold = parseMoneyYuan(thresholdText);
  const span = spanOf(pick);
  const data = books.status === 'ready' ? books.data : undefined;
  const result = useMemo(
    () => (data && threshold.ok ? disclosureFigures({ accounts: data.accounts, vouchers: data.vouchers }, data.periods, span, threshold.value) : null),
    [data, threshold.ok, threshold.ok ? threshold.value : 0, JSON.stringify(span)], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const names = useMemo(() => new Map((data?.accounts ?? []).map((x) => [x.id, `${x.code} ${x.name}`])), [data]);
  const accountName = (id: string): string => names.get(id) ?? id;

  const defaultIssuer = profile?.ownersCommitteeName?.trim() || (profile?.compoundName?.trim() ? `${profile.compoundName.trim()}业主委员会` : '业主委员会');
  const issuerText = issuer ?? defaultIssuer;
  const noticeOk = /^\d{4}-\d{2}-\d{2}$/.test(noticeFrom) && /^\d{4}-\d{2}-\d{2}$/.test(noticeTo) && noticeFrom <= noticeTo;
  const printInput: DisclosurePrint = {
    compoundName: profile?.compoundName?.trim() ?? '',
    spanLabel: spanLabel(span),
    issuers: issuerText.split(/\n/).map((s) => s.trim()),
    date,
    noticeFrom,
    noticeTo,
  };
  const figures = result?.ok ? result.value : null;

  return (
    <section data-testid="ledger-disclosure">
      <div className="toolbar">
        <RangePicker value={pick} onChange={setPick} kinds={['month', 'quarter', 'half']} />
        <label>
          大额支出标准 <input aria-label="大额支出标准" value={thresholdText} onChange={(e) => setThresholdText(e.target.value)} style={{ width: '8em' }} /> 元及以上逐笔列示
        </label>
      </div>
      {!threshold.ok && (
        <p role="alert" className="field-error">
          大额支出标准请填写不小于零、精确到分的金额。
        </p>
      )}
      {books.status !== 'ready' ? (
        <p className="muted">正在读取账簿…</p>
      ) : result && !result.ok ? (
        <p role="alert" data-testid="disclosure-refused" className="field-error">
          {result.error.code === 'PERIOD_NOT_CLOSED'
            ? `${formatPeriodCn(String(result.error.detail?.period ?? '')) ?? result.error.detail?.period}尚未结账。财务收支公示只能针对已结账的期间，以保证公示内容事后不会改变；请先在「结账」中结账。`
            : '大额支出标准无效。'}
        </p>
      ) : figures ? (
        <>
          <table className="table compact" data-testid="disclosure-figures" aria-label="财务收支公示">
            <tbody>
              <tr>
                <td>期初资金余额（现金 {formatMoneyFen(figures.opening.cashFen)}，银行存款 {formatMoneyFen(figures.opening.bankFen)}）</td>
                <td className="num" data-testid="disclosure-opening">{formatMoneyFen(figures.opening.totalFen)}</td>
              </tr>
              <tr style={{ fontWeight: 600 }}>
                <td>一、本期收入</td>
                <td className="num" data-testid="disclosure-income">{formatMoneyFen(figures.incomeFen)}</td>
              </tr>
              {figures.income.map((c) => (
                <tr key={c.accountId}>
                  <td style={{ paddingLeft: 24 }}>
                    {c.name}
                    {c.parts.length > 0 && <span className="muted">（{c.parts.map((s) => `${s.name} ${formatMoneyFen(s.amountFen)}`).join('；')}）</span>}
                  </td>
                  <td className="num">{formatMoneyFen(c.amountFen)}</td>
                </tr>
              ))}
              <tr style={{ fontWeight: 600 }}>
                <td>二、本期支出</td>
                <td className="num" data-testid="disclosure-expense">{formatMoneyFen(figures.expenseFen)}</td>
              </tr>
              {figures.expense.map((c) => (
                <tr key={c.accountId}>
                  <td style={{ paddingLeft: 24 }}>
                    {c.name}
                    {c.parts.length > 0 && <span className="muted">（{c.parts.map((s) => `${s.name} ${formatMoneyFen(s.amountFen)}`).join('；')}）</span>}
                    {c.largeItems.length > 0 && (
                      <ul data-testid="disclosure-large" style={{ margin: '4px 0 0 16px' }}>
                        {c.largeItems.map((it) => (
                          <li key={`${it.voucherId}-${it.accountId}-${it.amountFen}`}>
                            {it.date} {voucherNo(it.number)} {it.summary}
                            {it.counterparty ? `（${it.counterparty}）` : ''} · {accountName(it.accountId)} · {formatMoneyFen(it.amountFen)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="num">{formatMoneyFen(c.amountFen)}</td>
                </tr>
              ))}
              {figures.otherChangesFen !== 0 && (
                <tr>
                  <td>三、往来款项等其他资金变动</td>
                  <td className="num">{formatMoneyFen(figures.otherChangesFen)}</td>
                </tr>
              )}
              <tr style={{ fontWeight: 600 }}>
                <td>期末资金余额（现金 {formatMoneyFen(figures.closing.cashFen)}，银行存款 {formatMoneyFen(figures.closing.bankFen)}）</td>
                <td className="num" data-testid="disclosure-closing">{formatMoneyFen(figures.closing.totalFen)}</td>
              </tr>
            </tbody>
          </table>
          {figures.projects.length > 0 && (
            <p>
              限定性资金：
              {figures.projects.map((x) => `${x.projectId} 收到 ${formatMoneyFen(x.receivedFen)}、支出 ${formatMoneyFen(x.spentFen)}、结余 ${formatMoneyFen(x.closingFen)}`).join('；')}
            </p>
          )}
          <p className="muted">
            账簿校验码：<code data-testid="disclosure-hash" style={{ overflowWrap: 'anywhere' }}>{figures.booksHash || '—'}</code>
          </p>
          <fieldset>
            <legend>落款与公示期</legend>
            <label>
              落款（每行一个单位）
              <textarea aria-label="落款" rows={2} value={issuerText} onChange={(e) => setIssuer(e.target.value)} />
            </label>
            <label>
              日期 <input type="date" aria-label="落款日期" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
            <label>
              公示期 <input type="date" aria-label="公示开始日期" value={noticeFrom} onChange={(e) => setNoticeFrom(e.target.value)} /> 至{' '}
              <input type="date" aria-label="公示结束日期" value={noticeTo} onChange={(e) => setNoticeTo(e.target.value)} />
            </label>
            {!noticeOk && <p className="field-error">公示期的开始日期不能晚于结束日期。</p>}
          </fieldset>
          <div className="toolbar">
            <button type="button" data-testid="disclosure-print" disabled={!noticeOk} onClick={() => void reportOutcome(() => printDisclosure(figures, printInput, accountName))}>
              打印
            </button>
            <button type="button" data-testid="disclosure-pdf" disabled={!noticeOk} onClick={() => void reportOutcome(() => saveDisclosurePdf(figures, printInput, accountName))}>
              保存为PDF
            </button>
            <button
              type="button"
              data-testid="disclosure-notice"
              disabled={!noticeOk || !threshold.ok}
              title="在「公告打印」中生成财务收支公示公告草稿，编号发布、打印张贴，居民可扫码核验"
              onClick={() =>
                threshold.ok &&
                goTo(routeHash('notices', ['new'], { from: 'finance', span: spanParam(span), threshold: String(threshold.value), issueDate: date, postFrom: noticeFrom, postUntil: noticeTo }))
              }
            >
              生成公示公告
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
