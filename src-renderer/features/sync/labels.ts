import { localDateTime } from '../../lib/dates';
import type { CollectionName } from '../../../shared/schema';
import type { Role } from '../../../shared/sync/permissions';
import type { SyncState } from '../../sync/replication';

export const COLLECTION_LABELS: { readonly [C in CollectionName]: string } = {
  roster: '组织人员',
  settings: '小区设置',
  meetings: '会议记录',
  tasks: '六方联动任务',
  task_updates: '任务进展',
  accounts: '会计科目',
  vouchers: '记账凭证',
  periods: '会计期间',
  notices: '公告',
};

export const STATE_LABELS: { readonly [S in SyncState]: string } = {
  disabled: '未登录（仅本机）',
  offline: '离线',
  syncing: '同步中',
  online: '在线',
  error: '出错',
};

export const ROLE_LABELS: { readonly [R in Role]: string } = {
  admin: '管理员',
  branch_secretary: '支部书记',
  secretary: '秘书',
  treasurer: '出纳/会计',
  staff: '工作人员',
  viewer: '只读',
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
