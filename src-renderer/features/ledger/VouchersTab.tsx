// 凭证: the vouchers of one month, numbered 记-N (provisional 暂 until the month is closed), filtered by status; a row
// opens the editor.
import { useMemo, useState } from 'react';
import { formatMoneyFen } from '../../../shared/domain/common/decimal';
import { voucherNo, type NumberedVoucher, type Voucher } from '../../../shared/domain/ledger';
import { Badge } from '../../ui/Badge';
import { useToday } from '../../ui/use-today';
import type { Books } from './hooks';
import { showLedger, useLedgerPlace, type StatusFilter } from './route';
import { VoucherHistory } from './history/VoucherHistory';
import { VoucherEditor } from './VoucherEditor';

const STATUS: Readonly<Record<Voucher['status'], { label: string; tone: 'muted' | 'info' | 'ok' }>> = {
  draft: { label: '草稿', tone: 'muted' },
  reviewed: { label: '已审核', tone: 'info' },
  posted: { label: '已过账', tone: 'ok' },
};

const total = (v: Voucher): number => v.lines.reduce((s, l) => s + l.debitFen, 0);

export function numberText(n: NumberedVoucher | undefined): string {
  return n ? `${voucherNo(n.number)}${n.final ? '' : '（暂）'}` : '—';
}

export function VouchersTab({ books, numbers }: { books: Books; numbers: ReadonlyMap<string, NumberedVoucher> }) {
  const today = useToday();
  const place = useLedgerPlace();
  const month = place.month ?? today.slice(0, 7);
  const [editing, setEditing] = useState<{ id: string | null; key: number } | null>(null);
  const [historyOf, setHistoryOf] = useState<Voucher | null>(null);

  const rows = useMemo(() => {
    const inMonth = books.vouchers.filter((v) => v._deleted !== true && v.period === month && (place.status === '' || v.status === place.status));
    // Numbered first in 记-N order, then the unnumbered by date.
    return inMonth.sort((a, b) => {
      const na = numbers.get(a.id)?.number ?? Infinity;
      const nb = numbers.get(b.id)?.number ?? Infinity;
      if (na !== nb) return na - nb;
      return a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1;
    });
  }, [books.vouchers, month, place.status, numbers]);
  const closed = books.periods.some((p) => p.id === month && p.status === 'closed');
  const open = editing ? (editing.id ? books.vouchers.find((v) => v.id === editing.id) : undefined) : undefined;

  return (
    <>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing({ id: null, key: Date.now() })} data-testid="new-voucher">
          新建凭证
        </button>
        <label>
          会计期间{' '}
          <input type="month" value={month} onChange={(e) => e.target.value && showLedger({ ...place, month: e.target.value })} data-testid="voucher-month" />
        </label>
        <label>
          状态{' '}
          <select value={place.status} onChange={(e) => showLedger({ ...place, month, status: e.target.value as StatusFilter })} data-testid="voucher-status-filter" aria-label="按状态筛选">
            <option value="">全部</option>
            <option value="draft">草稿</option>
            <option value="reviewed">已审核</option>
            <option value="posted">已过账</option>
          </select>
        </label>
        <span className="muted">{closed ? '本月已结账，凭证号为最终编号。' : '本月未结账：凭证号为暂定（暂），结账时确定。'}</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted" data-testid="vouchers-empty">
          本月没有{place.status ? STATUS[place.status].label : ''}凭证。
        </p>
      ) : (
        <table className="table" data-testid="voucher-list">
          <thead>
            <tr>
              <th>凭证字号</th>
              <th>日期</th>
              <th>摘要</th>
              <th className="num">金额</th>
              <th>状态</th>
              <th>制单人</th>
              <th>审核人</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.id} data-testid={`voucher-row-${v.id}`} className="clickable" onClick={() => setEditing({ id: v.id, key: Date.now() })}>
                <td data-testid="voucher-no">{numberText(numbers.get(v.id))}</td>
                <td>{v.date}</td>
                <td>
                  <button type="button" className="link" onClick={(e) => (e.stopPropagation(), setEditing({ id: v.id, key: Date.now() }))}>
                    {v.summary}
                  </button>
                  {v.reversalOf && <Badge tone="warn">红冲</Badge>}
                  {v.reversedBy && <Badge tone="warn">已冲销</Badge>}
                  {(v.attachments?.length ?? 0) > 0 && <Badge tone="muted">附件 {v.attachments?.length}</Badge>}
                </td>
                <td className="num">{formatMoneyFen(total(v))}</td>
                <td>
                  <Badge tone={STATUS[v.status].tone}>{STATUS[v.status].label}</Badge>
                </td>
                <td>{v.preparedBy}</td>
                <td>{v.reviewedBy ?? ''}</td>
                <td>
                  <button type="button" className="link" onClick={(e) => (e.stopPropagation(), setHistoryOf(v))} data-testid="voucher-history-open">
                    历史
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {historyOf && <VoucherHistory voucher={historyOf} onClose={() => setHistoryOf(null)} />}
      {editing && (editing.id === null || open) && (
        <VoucherEditor
          key={`${editing.id ?? 'new'}-${editing.key}`}
          books={books}
          voucher={open}
          numbers={numbers}
          defaultDate={month === today.slice(0, 7) ? today : `${month}-01`}
          onClose={() => setEditing(null)}
          onOpen={(id) => setEditing({ id, key: Date.now() })}
        />
      )}
    </>
  );
}
