// 结账: each month's state, 结账 / 反结账, with the books' hash-chain check (chain/) above them and 年度结转
// (year-end/) for the years whose December is still open.
import { useMemo, useState } from 'react';
import { useDatabase } from '../../db/context';
import { Badge } from '../../ui/Badge';
import { ChainCheck } from './chain';
import { useToday } from '../../ui/use-today';
import { useLedgerActor, useUnsyncedCount, type Books } from './hooks';
import { closeMonth, reopenMonth, type LedgerFailure } from './ledger-writes';
import { actionErrorText, writeErrorText } from './messages';
import { YearEndPanel } from './year-end';

const failText = (f: LedgerFailure): string => (f.kind === 'rule' ? actionErrorText(f.error) : writeErrorText(f.error));

export function PeriodsTab({ books }: { books: Books }) {
  const db = useDatabase();
  const today = useToday();
  const unsynced = useUnsyncedCount();
  const actor = useLedgerActor();
  const [message, setMessage] = useState<string | null>(null);
  const [reopening, setReopening] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const months = useMemo(() => {
    const set = new Set<string>([today.slice(0, 7), ...books.periods.map((p) => p.id)]);
    for (const v of books.vouchers) if (v._deleted !== true) set.add(v.period);
    return [...set].sort().reverse();
  }, [books, today]);

  return (
    <>
      <ChainCheck books={books} />
      {unsynced > 0 && <p className="muted">本机有 {unsynced} 项修改尚未同步；结账前请先同步。</p>}
      <YearEndPanel books={books} />
      {message && (
        <p className="form-error" role="alert" data-testid="period-error">
          {message}
        </p>
      )}
      <table className="table" data-testid="period-list">
        <thead>
          <tr>
            <th>会计期间</th>
            <th>状态</th>
            <th>凭证</th>
            <th>未过账</th>
            <th>结账人</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {months.map((m) => {
            const p = books.periods.find((x) => x.id === m);
            const inMonth = books.vouchers.filter((v) => v._deleted !== true && v.period === m);
            const drafts = inMonth.filter((v) => v.status !== 'posted').length;
            const closed = p?.status === 'closed';
            return (
              <tr key={m} data-testid={`period-${m}`}>
                <td>{m}</td>
                <td>{closed ? <Badge tone="ok">已结账</Badge> : <Badge tone="muted">未结账</Badge>}</td>
                <td>{inMonth.length}</td>
                <td data-testid={`period-drafts-${m}`}>{drafts}</td>
                <td>{closed ? `${p.closedBy ?? ''}` : ''}</td>
                <td>
                  {closed ? (
                    actor.role === 'admin' && (
                      <button type="button" onClick={() => (setReopening(m), setReason(''), setMessage(null))} data-testid={`reopen-${m}`}>
                        反结账
                      </button>
                    )
                  ) : (
                    <button
                      type="button"
                      className="primary"
                      data-testid={`close-${m}`}
                      onClick={() => void closeMonth(db, books, m, unsynced).then((r) => setMessage(r.ok ? null : failText(r.error)))}
                    >
                      结账
                    </button>
                  )}
                  {reopening === m && (
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void reopenMonth(db, books, m, reason).then((r) => {
                          if (r.ok) setReopening(null);
                          setMessage(r.ok ? null : failText(r.error));
                        });
                      }}
                    >
                      <input aria-label="反结账原因" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reopen-reason" autoFocus />
                      <button type="submit" data-testid="reopen-confirm">
                        确认反结账
                      </button>
                      <button type="button" onClick={() => setReopening(null)}>
                        取消
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {books.periods.some((p) => (p.reopenings ?? []).length > 0) && (
        <section>
          <h3>反结账记录</h3>
          <ul>
            {books.periods.flatMap((p) =>
              (p.reopenings ?? []).map((r) => (
                <li key={`${p.id}-${r.at}`}>
                  {p.id}：{r.by} 于 {r.at.slice(0, 10)} 反结账，原因：{r.reason}
                </li>
              )),
            )}
          </ul>
        </section>
      )}
    </>
  );
}
