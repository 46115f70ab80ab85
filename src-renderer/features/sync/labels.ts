import { localDateTime } from '../../../shared/domain/common/dates';
import type { SyncState } from '../../sync/replication';

/** Collection labels live with each collection's policy. */
export { COLLECTION_LABELS } from '../../../shared/collections';

export const STATE_LABELS: { readonly [S in SyncState]: string } = {
  disabled: '未登录（仅本机）',
  offline: '离线',
  syncing: '同步中',
  online: '在线',
  error: '出错',
};

/** "刚刚", "5 分钟前", or a date and time for anything older than a day. */
export function relativeTime(iso: string | null, now: number): string {
  if (!iso) return '从未';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '从未';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return '刚刚';
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`;
  if (s < 86_400) return `${Math.floor(s / 3600)} 小时前`;
  return localDateTime(t);
}
