// What 设置 → 备份与恢复 says, in Chinese: reasons, collections, and every failure of the bridge.
import type { AppInfo, BackupReason, BackupWarning, BridgeError } from '../../../shared/bridge';
import { COLLECTION_LABELS } from '../../../shared/backup/format';
import { assertNever } from '../../../shared/result';
import { formatBytes } from '../../i18n/format';

export const REASON_LABELS: { readonly [R in BackupReason | 'unknown']: string } = {
  manual: '手动',
  daily: '每日自动',
  'before-migration': '数据升级前',
  'before-update': '程序更新后首次启动',
  export: '导出',
  unknown: '其他（手动放入的文件）',
};

/** The collections' Chinese names are the format's own (also used in its error messages). */
export const collectionLabel = (name: string): string =>
  (COLLECTION_LABELS as Readonly<Record<string, string>>)[name] ?? name;

/** A backup's time as the office reads it: 2026年3月1日 08:05. */
export function formatBackupTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const PLATFORMS: Readonly<Record<string, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

/** The name a backup gives the PC that made it: the operator and the kind of computer (the id says which exactly). */
export function deviceName(operator: string, info: AppInfo | null): string {
  if (info === null) return operator;
  const kind = info.host === 'desktop' ? `${PLATFORMS[info.platform] ?? info.platform} 桌面版` : '网页版';
  return `${operator}（${kind}）`;
}

export function lowDiskText(w: BackupWarning): string {
  return `磁盘剩余空间不足（剩余 ${formatBytes(w.freeBytes)}），为避免占满磁盘，只保留了最近 ${w.kept} 份备份。请清理磁盘，或把备份另存到U盘。`;
}

/** Why the bridge could not store, read or copy a backup. */
export function bridgeBackupErrorText(e: BridgeError): string {
  switch (e.code) {
    case 'IO':
      if (e.message === 'ENOSPC' || e.message === 'EDQUOT') return '磁盘空间不足，备份没有保存。请清理磁盘后重试，已有的数据没有变化。';
      if (e.message === 'ENOENT') return '找不到这份备份文件，可能已被删除。请刷新列表。';
      if (e.message === 'EFBIG') return '备份文件过大，无法读取。';
      if (e.message === 'EACCES' || e.message === 'EPERM' || e.message === 'EROFS') return '没有写入该位置的权限（U盘可能设置了写保护），请换一个位置。';
      return `读写备份文件失败${e.message ? `（${e.message}）` : ''}，请重试。`;
    case 'UNSUPPORTED':
      return '网页版没有备份文件夹，请使用「下载备份」和「从文件恢复」。';
    case 'INVALID_ARGS':
      return '备份文件名无效或文件过大，没有保存。';
    case 'FORBIDDEN':
      return '当前页面无权操作备份，请重新打开程序后再试。';
    case 'INTERNAL':
      return '备份操作失败，请重试。';
    default:
      return assertNever(e.code);
  }
}
