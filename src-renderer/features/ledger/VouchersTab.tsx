// 凭证: the vouchers of one month, numbered 记-N (provisional 暂 until the month is closed), filtered by status; a row
// opens the editor.
import { useEffect, useMemo, useState } from 'react';
import { formatMoneyFen } from '../../../shared/domain/common/decimal';
import { numberAll, voucherNo, type NumberedVoucher, type Voucher } from '../../../shared/domain/ledger';
import { Badge } from '../../ui/Badge';
import { useToday } from '../../ui/use-today';
import { VirtualTable } from '../../ui/VirtualTable';
import { numbersFor, useMonthVouchers, type Books, type LedgerFrame } from './hooks';
import { Loading } from './Loading';
import { UploadNotice } from './attachments';
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

/**
 * The month's list reads that month alone (`frame` has the periods it is numbered by); the editor works on the whole
 * books, `books`, which may still be read after a restart.
 */
export function VouchersTab({ frame, books, onListed }: { frame: LedgerFrame; books: Books | undefined; onListed?: () => void }) {
  const today = useToday();
  const place = useLedgerPlace();
  const month = place.month ?? today.slice(0, 7);
  const [editing, setEditing] = useState<{ id: string | null; key: number } | null>(null);
  const [historyOf, setHistoryOf] = useState<Voucher | null>(null);

  const monthVouchers = useMonthVouchers(month);
  const listed = monthVouchers.status === 'ready' ? monthVouchers.data : undefined;
  const shown = listed !== undefined;
  useEffect(() => {
    if (shown) onListed?.();
  }, [shown, onListed]);
  // 记-N is numbered within a month (L-N1), so the month's vouchers alone number the list.
  const numbers = useMemo(() => (listed ? numberAll(listed, frame.periods) : new Map<string, NumberedVoucher>()), [listed, frame.periods]);
  const rows = useMemo(() => {
    if (!listed) return [];
    const inMonth = listed.filter((v) => v._deleted !== true && v.period === month && (place.status === '' || v.status === place.status));
    // Numbered first in 记-N order, then the unnumbered by date.
    return inMonth.sort((a, b) => {
      const na = numbers.get(a.id)?.number ?? Infinity;
      const nb = numbers.get(b.id)?.number ?? Infinity;
      if (na !== nb) return na - nb;
      return a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1;
    });
  }, [listed, month, place.status, numbers]);
  const closed = frame.periods.some((p) => p.id === month && p.status === 'closed');
  const open = editing?.id && books ? books.vouchers.find((v) => v.id === editing.id) : undefined;

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
      <UploadNotice changed={listed} />
      {!listed ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="vouchers-empty">
          本月没有{place.status ? STATUS[place.status].label : ''}凭证。
        </p>
      ) : (
        <VoucherList rows={rows} numbers={numbers} onOpen={(id) => setEditing({ id, key: Date.now() })} onHistory={setHistoryOf} />
      )}
      {historyOf && <VoucherHistory voucher={historyOf} onClose={() => setHistoryOf(null)} />}
      {editing && !books && <Loading />}
      {editing && books && (editing.id === null || open) && (
        <VoucherEditor
          key={`${editing.id ?? 'new'}-${editing.key}`}
          books={books}
          voucher={open}
          numbers={numbersFor(books)}
          defaultDate={month === today.slice(0, 7) ? today : `${month}-01`}
          onClose={() => setEditing(null)}
          onOpen={(id) => setEditing({ id, key: Date.now() })}
        />
      )}
    </>
  );
}

/** Up to this many vouchers a month is one plain table; more (a busy month: thousands) draws only the rows in view. */
const PLAIN_ROWS = 200;
const HEADERS: readonly { label: string; width: number; num?: boolean }[] = [
  { label: '凭证字号', width: 12 },
  { label: '日期', width: 12 },
  { label: '摘要', width: 40 },
  { label: '金额', width: 16, num: true },
  { label: '状态', width: 9 },
  { label: '制单人', width: 9 },
  { label: '审核人', width: 9 },
  { label: '', width: 7 },
];

function VoucherList({
  rows,
  numbers,
  onOpen,
  onHistory,
}: {
  rows: readonly Voucher[];
  numbers: ReadonlyMap<string, NumberedVoucher>;
  onOpen: (id: string) => void;
  onHistory: (v: Voucher) => void;
}) {
  const header = HEADERS.map((h) => (
    <th key={h.label} scope="col" className={h.num ? 'num' : undefined}>
      {h.label}
    </th>
  ));
  const rowProps = (v: Voucher) => ({ 'data-testid': `voucher-row-${v.id}`, className: 'clickable', onClick: () => onOpen(v.id) });
  const cells = (v: Voucher) => (
    <>
      <td data-testid="voucher-no">{numberText(numbers.get(v.id))}</td>
      <td>{v.date}</td>
      <td>
        <button type="button" className="link" onClick={(e) => (e.stopPropagation(), onOpen(v.id))}>
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
        <button type="button" className="link" onClick={(e) => (e.stopPropagation(), onHistory(v))} data-testid="voucher-history-open">
          历史
        </button>
      </td>
    </>
  );
  if (rows.length > PLAIN_ROWS) {
    return (
      <VirtualTable
        count={rows.length}
        widths={HEADERS.map((h) => h.width)}
        header={header}
        label="凭证列表"
        testId="voucher-list"
        className="table"
        cells={(i) => (rows[i] ? cells(rows[i]) : null)}
        rowProps={(i) => (rows[i] ? rowProps(rows[i]) : {})}
      />
    );
  }
  return (
    <table className="table" data-testid="voucher-list" aria-label="凭证列表" data-rows={rows.length}>
      <thead>
        <tr>{header}</tr>
      </thead>
      <tbody>
        {rows.map((v) => (
          <tr key={v.id} {...rowProps(v)}>
            {cells(v)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
