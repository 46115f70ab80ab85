// 凭证历史: every version of a voucher the server accepted — who wrote it, from which PC, when, and what changed
// (status, and the fields that differ from the version before). The history lives on the server (it is the record
// every PC's writes end in), so it needs this PC to be signed in and online.
import { useEffect, useState } from 'react';
import { formatMoneyFen } from '../../../../shared/domain/common/decimal';
import { changedFields } from '../../../../shared/domain/ledger/hash-chain';
import type { Voucher } from '../../../../shared/domain/ledger/types';
import type { HistoryEntry } from '../../../../shared/sync/protocol';
import { syncErrorText } from '../../../i18n/sync-errors';
import { Dialog } from '../../../ui/Dialog';
import { useSyncService, useSyncStatus } from '../../../sync/context';
import { chainProblemText } from '../messages';

const STATUS = { draft: '草稿', reviewed: '已审核', posted: '已过账' } as const;

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; versions: readonly HistoryEntry<'vouchers'>[] };

const total = (v: Voucher): number => v.lines.reduce((s, l) => s + l.debitFen, 0);

/** What one version did, next to the version before it. */
export function versionChange(prev: Voucher | undefined, next: Voucher, deleted: boolean): string {
  if (deleted) return '删除草稿';
  if (!prev) return `新建（${STATUS[next.status]}）`;
  if (prev.status !== next.status) {
    if (next.status === 'reviewed') return `审核（审核人 ${next.reviewedBy ?? ''}）`;
    if (next.status === 'posted') return `过账（记账人 ${next.postedBy ?? ''}）`;
    if (next.status === 'draft') return '取消审核';
  }
  if (!prev.reversedBy && next.reversedBy) return '被红字冲销';
  const fields = changedFields(prev, next, 0).filter((f) => f !== 'number');
  if (fields.length === 0) return '保存（内容未变）';
  const lineNo = (id: string) => {
    const i = next.lines.findIndex((l) => l.id === id);
    return i >= 0 ? i + 1 : undefined;
  };
  // The chain's field names read the same here: 「修改（摘要、第2行借方金额）」.
  return chainProblemText({ code: 'VOUCHER_ALTERED', voucherId: next.id, period: next.period, fields }, '', lineNo).replace(' 结账后被改动', '修改');
}

export function VoucherHistory({ voucher, onClose }: { voucher: Voucher; onClose: () => void }) {
  const service = useSyncService();
  const signedIn = useSyncStatus((s) => s.session !== null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    void service.history('vouchers', voucher.id).then((r) => {
      if (!live) return;
      if (r.ok) setLoaded({ state: 'ready', versions: r.value.versions });
      else setLoaded({ state: 'failed', message: r.error.code === 'NOT_FOUND' ? '该凭证尚未同步到服务器，暂无历史。' : syncErrorText(r.error) });
    });
    return () => {
      live = false;
    };
  }, [service, signedIn, voucher.id]);

  let body;
  if (!signedIn) body = <p className="muted">凭证历史保存在同步服务器上。请在「设置 → 同步服务器」登录后查看。</p>;
  else if (loaded.state === 'loading') body = <p className="muted">正在读取……</p>;
  else if (loaded.state === 'failed') body = <p className="form-error" role="alert">{loaded.message}</p>;
  else if (loaded.versions.length === 0) body = <p className="muted">该凭证尚未同步到服务器，暂无历史。</p>;
  else
    body = (
      <table className="table" data-testid="voucher-history">
        <thead>
          <tr>
            <th>时间</th>
            <th>操作人</th>
            <th>电脑</th>
            <th>操作</th>
            <th className="num">金额</th>
          </tr>
        </thead>
        <tbody>
          {loaded.versions.map((e, i) => {
            const doc = e.document as unknown as Voucher;
            const prev = i > 0 ? (loaded.versions[i - 1]?.document as unknown as Voucher | undefined) : undefined;
            return (
              <tr key={e.seq} data-testid="voucher-history-row">
                <td>{new Date(e.at).toLocaleString('zh-CN', { hour12: false })}</td>
                <td>{e.userName || e.username || '（已删除的用户）'}</td>
                <td title={e.deviceId ?? ''}>{e.deviceId ? e.deviceId.slice(0, 8) : '—'}</td>
                <td>{versionChange(prev, doc, e.document._deleted === true)}</td>
                <td className="num">{formatMoneyFen(total(doc))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );

  return (
    <Dialog title={`凭证历史：${voucher.summary}`} onClose={onClose} wide testId="voucher-history-dialog">
      {body}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </div>
    </Dialog>
  );
}
