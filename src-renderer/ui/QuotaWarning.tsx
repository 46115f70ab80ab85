// Warns before the disk is full (issue #15, "Quota pressure"): the browser's estimate of this origin's storage, the
// thresholds of shared/domain/storage (quotaPressure), and what to do, in Chinese, for the desktop and the web host.
import { quotaPressure } from '../../shared/domain/storage';
import { useAppInfo } from '../bridge/app-info';
import { useStorageStatus, type StorageStatus } from '../db/storage';
import { formatBytes } from '../i18n/format';

/** One sentence on how full the storage is; null when there is nothing to warn about (or nothing known). */
export function quotaHeadline(status: StorageStatus | null): string | null {
  if (!status) return null;
  const p = quotaPressure(status);
  if (p.level !== 'low' && p.level !== 'critical') return null;
  const left = `剩余约 ${formatBytes(p.remaining ?? 0)}`;
  const used = status.usage !== null && status.quota ? `，已用 ${Math.min(100, Math.round((status.usage * 100) / status.quota))}%` : '';
  return p.level === 'critical'
    ? `本机存储空间即将用完（${left}${used}）。空间用完后，新的修改将无法保存。`
    : `本机存储空间不多了（${left}${used}），请尽早处理。`;
}

/** What to do, for this host. */
export function QuotaAdvice({ host }: { host: 'desktop' | 'web' }) {
  return (
    <ul className="quota-advice" data-testid="quota-advice">
      {host === 'web' ? (
        <>
          <li>下载一份备份保存到U盘（设置 → 备份与恢复）。</li>
          <li>不要清除浏览器数据：清除会删除本机保存的全部记录。</li>
          <li>删除不再需要的旧附件、照片，并清理电脑磁盘空间（清空回收站、删除下载文件夹里不需要的文件）。</li>
          <li>建议改用邻里工作台桌面版，数据保存在电脑的程序文件夹中，不受浏览器清理影响。</li>
        </>
      ) : (
        <>
          <li>把最近的备份另存一份到U盘（设置 → 备份与恢复 → 另存为）。</li>
          <li>删除不再需要的旧附件、照片。</li>
          <li>清理电脑磁盘空间：清空回收站、删除下载文件夹里不需要的文件、卸载不用的程序。</li>
        </>
      )}
    </ul>
  );
}

/** The storage card's warning row content (StorageStatusView): the headline and, unless told not to, the advice. */
export function QuotaNotice({
  status,
  host,
  advice = true,
  testId = 'quota-warning',
}: {
  status: StorageStatus | null;
  host: 'desktop' | 'web';
  advice?: boolean;
  testId?: string;
}) {
  const headline = quotaHeadline(status);
  if (headline === null) return null;
  return (
    <div className="quota-warning" role="alert" data-testid={testId}>
      <p className="warn-text">
        <strong>{headline}</strong>
      </p>
      {advice && <QuotaAdvice host={host} />}
    </div>
  );
}

/** The host kind; before app:info answers, whether a preload bridge is there. */
export function useHost(): 'desktop' | 'web' {
  const info = useAppInfo();
  return info?.host ?? (typeof window !== 'undefined' && window.linli ? 'desktop' : 'web');
}

/** The banner at the top of 工作台: nothing while there is room. */
export function QuotaWarning() {
  const { status } = useStorageStatus();
  return <QuotaNotice status={status} host={useHost()} testId="quota-banner" />;
}
