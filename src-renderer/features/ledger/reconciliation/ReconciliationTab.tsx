// 银行对账: pick a bank account, enter the statement's date and balance, tick the postings the bank shows; the
// 差额 updates as you tick, and only a zero difference is saved (SPEC L-B2–L-B4). Past reconciliations are listed
// and can be undone (L-B5), which frees their vouchers for reversal again (L-V18).
import { useMemo, useState } from 'react';
import { formatMoneyFen, parseMoneyYuan } from '../../../../shared/domain/common/decimal';
import { localDate, localDateTime } from '../../../../shared/domain/common/dates';
import { lineKey, reconciliationStatus } from '../../../../shared/domain/ledger/bank-reconciliation';
import { liveAccounts, parentIds } from '../../../../shared/domain/ledger/chart';
import type { LineRef } from '../../../../shared/domain/ledger/types';
import { useDatabase } from '../../../db/context';
import { useBooks } from '../hooks';
import { saveReconciliation, undoSavedReconciliation } from './writes';

const MONEY_TEXT: Readonly<Record<string, string>> = {
  MONEY_INVALID: '对账单余额格式不对，请填写如 12,345.67 的金额',
  MONEY_TOO_PRECISE: '对账单余额最多精确到分（两位小数）',
  MONEY_TOO_LARGE: '对账单余额过大',
};

export function ReconciliationTab() {
  const db = useDatabase();
  const books = useBooks();
  const data = books.status === 'ready' ? books.data : undefined;
  const bankAccounts = useMemo(() => {
    if (!data) return [];
    const live = liveAccounts(data.accounts);
    const parents = parentIds(live);
    return live.filter((x) => x.cashKind === 'bank' && !parents.has(x.id)).sort((a, b) => (a.code < b.code ? -1 : 1));
  }, [data]);
  const [chosenId, setChosenId] = useState('');
  const [statementDate, setStatementDate] = useState(() => localDate(new Date()));
  const [balanceText, setBalanceText] = useState('');
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const account = bankAccounts.find((x) => x.id === chosenId) ?? bankAccounts[0];
  const parsed = balanceText.trim() === '' ? null : parseMoneyYuan(balanceText, { allowNegative: true });
  const balanceFen = parsed?.ok ? parsed.value : null;
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(statementDate);
  const book = useMemo(() => (data ? { accounts: data.accounts, vouchers: data.vouchers } : undefined), [data]);
  const recs = useMemo(() => (data && account ? data.reconciliations.filter((r) => r.bankAccountId === account.id) : []), [data, account]);
  const base = useMemo(
    () => (book && account && dateOk ? reconciliationStatus(book, account, statementDate, balanceFen ?? 0, recs) : null),
    [book, account, dateOk, statementDate, balanceFen, recs],
  );
  const items: LineRef[] = (base?.unreconciled ?? []).filter((p) => ticked.has(lineKey(p))).map((p) => ({ voucherId: p.voucherId, lineId: p.lineId }));
  const status = book && account && dateOk ? reconciliationStatus(book, account, statementDate, balanceFen ?? 0, recs, items) : null;

  if (books.status !== 'ready') return <p className="muted">正在读取账簿…</p>;
  if (!account) return <p className="muted" data-testid="recon-no-bank">还没有银行存款科目。请先在「科目」中为每个银行账户设明细科目。</p>;

  const toggle = (key: string) => {
    const next = new Set(ticked);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setTicked(next);
    setMessage(null);
  };

  const save = async () => {
    if (!data || balanceFen === null) return;
    setBusy(true);
    const r = await saveReconciliation(db, { accounts: data.accounts, vouchers: data.vouchers }, account, data.reconciliations, { statementDate, statementBalanceFen: balanceFen, items });
    setBusy(false);
    if (r.ok) {
      setTicked(new Set());
      setMessage({ kind: 'ok', text: '对账已保存。' });
    } else setMessage({ kind: 'error', text: r.message });
  };

  const undo = async (id: string) => {
    const rec = recs.find((r) => r.id === id);
    if (!rec || !window.confirm('撤销这次对账？撤销后其勾对的分录恢复为未达账项，相关凭证可以再冲销。')) return;
    const r = await undoSavedReconciliation(db, rec);
    setMessage(r.ok ? { kind: 'ok', text: '已撤销对账。' } : { kind: 'error', text: r.message });
  };

  const diff = status?.differenceFen ?? 0;
  return (
    <section data-testid="ledger-reconciliation">
      <div className="toolbar">
        <label>
          银行账户{' '}
          <select value={account.id} onChange={(e) => { setChosenId(e.target.value); setTicked(new Set()); setMessage(null); }}>
            {bankAccounts.map((x) => (
              <option key={x.id} value={x.id}>
                {x.code} {x.name}
                {x.bankAccountNo ? `（${x.bankAccountNo}）` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          对账单日期 <input type="date" value={statementDate} onChange={(e) => { setStatementDate(e.target.value); setTicked(new Set()); }} />
        </label>
        <label>
          对账单余额 <input inputMode="decimal" placeholder="如 12,345.67" value={balanceText} onChange={(e) => setBalanceText(e.target.value)} style={{ width: '10em' }} />
        </label>
      </div>
      {parsed && !parsed.ok && (
        <p role="alert" className="field-error">
          {MONEY_TEXT[parsed.error] ?? '对账单余额格式不对'}
        </p>
      )}
      {status && (
        <dl className="recon-summary" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, auto)', gap: '4px 16px', justifyContent: 'start', fontVariantNumeric: 'tabular-nums' }}>
          <dt>账面余额</dt>
          <dd data-testid="recon-book">{formatMoneyFen(status.bookBalanceFen)}</dd>
          <dt>已勾对余额</dt>
          <dd data-testid="recon-reconciled">{formatMoneyFen(status.reconciledBalanceFen)}</dd>
          <dt>未达账项合计</dt>
          <dd>{formatMoneyFen(status.unreconciledFen)}</dd>
          <dt>差额</dt>
          <dd data-testid="recon-difference" style={{ fontWeight: 600, color: balanceFen !== null && diff !== 0 ? 'var(--danger, #b42318)' : undefined }}>
            {balanceFen === null ? '—' : formatMoneyFen(diff)}
          </dd>
        </dl>
      )}
      <table className="table compact" aria-label="未勾对的银行分录">
        <thead>
          <tr>
            <th>勾对</th>
            <th>日期</th>
            <th>摘要</th>
            <th className="num">收入</th>
            <th className="num">支出</th>
          </tr>
        </thead>
        <tbody>
          {(base?.unreconciled ?? []).map((p) => {
            const key = lineKey(p);
            return (
              <tr key={key} data-testid={`recon-line-${key}`}>
                <td>
                  <input type="checkbox" aria-label={`勾对 ${p.date} ${p.summary}`} checked={ticked.has(key)} onChange={() => toggle(key)} />
                </td>
                <td>{p.date}</td>
                <td>{p.summary}</td>
                <td className="num">{p.amountFen > 0 ? formatMoneyFen(p.amountFen) : ''}</td>
                <td className="num">{p.amountFen < 0 ? formatMoneyFen(-p.amountFen) : ''}</td>
              </tr>
            );
          })}
          {(base?.unreconciled.length ?? 0) === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                对账单日期前没有未勾对的银行分录。
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="toolbar">
        <button type="button" data-testid="recon-save" disabled={busy || balanceFen === null || items.length === 0} onClick={() => void save()}>
          保存对账
        </button>
        {balanceFen !== null && items.length > 0 && diff !== 0 && <span className="muted">差额为零才能保存。</span>}
        {message && (
          <span role={message.kind === 'error' ? 'alert' : 'status'} data-testid="recon-message" className={message.kind === 'error' ? 'field-error' : 'muted'}>
            {message.text}
          </span>
        )}
      </div>
      <h3>对账记录</h3>
      <table className="table compact" aria-label="对账记录">
        <thead>
          <tr>
            <th>对账单日期</th>
            <th className="num">对账单余额</th>
            <th className="num">勾对笔数</th>
            <th>对账人</th>
            <th>状态</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {[...recs]
            .sort((a, b) => (a.at < b.at ? 1 : -1))
            .map((r) => (
              <tr key={r.id} data-testid={`recon-record-${r.id}`}>
                <td>{r.statementDate}</td>
                <td className="num">{formatMoneyFen(r.statementBalanceFen)}</td>
                <td className="num">{r.items.length}</td>
                <td>
                  {r.by} · {localDateTime(r.at)}
                </td>
                <td>{r.undoneAt ? `已撤销（${r.undoneBy ?? ''} ${localDateTime(r.undoneAt)}）` : '有效'}</td>
                <td>
                  {!r.undoneAt && (
                    <button type="button" onClick={() => void undo(r.id)}>
                      撤销对账
                    </button>
                  )}
                </td>
              </tr>
            ))}
          {recs.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                还没有对账记录。
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
