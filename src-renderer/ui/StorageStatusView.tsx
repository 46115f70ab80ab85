import { formatBytes } from '../i18n/format';
import type { StorageStatus } from '../db/storage';
import { QuotaNotice, useHost } from './QuotaWarning';

/**
 * 持久存储 and usage, as a definition list (used by 设置 and 工作台), and the warning when the storage is nearly full
 * (`quotaAdvice` false: only its headline, where the page shows the advice elsewhere).
 */
export function StorageStatusView({ status, quotaAdvice = true }: { status: StorageStatus | null; quotaAdvice?: boolean }) {
  const host = useHost();
  if (!status) return <p className="muted">正在读取存储状态……</p>;
  return (
    <>
      <dl className="facts" data-testid="storage-status">
        <dt>持久存储</dt>
        <dd data-testid="storage-persisted">
          {status.persisted === true && <span className="ok-text">已开启（浏览器不会自动清理本机数据）</span>}
          {status.persisted === false && (
            <span className="warn-text">未开启：磁盘空间紧张时，本机数据可能被浏览器清理，请定期备份。</span>
          )}
          {status.persisted === null && <span className="muted">无法获取</span>}
        </dd>
        <dt>已用空间</dt>
        <dd data-testid="storage-usage">
          {status.usage !== null && status.quota !== null
            ? `${formatBytes(status.usage)}（可用上限约 ${formatBytes(status.quota)}）`
            : '无法获取'}
        </dd>
      </dl>
      <QuotaNotice status={status} host={host} advice={quotaAdvice} />
    </>
  );
}
