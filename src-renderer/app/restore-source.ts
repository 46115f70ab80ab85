// The loss screen's "restore from the latest backup" (issue #15, "Storage loss"), on the backup feature's own steps:
// the newest file of the desktop's backups folder, or a file the user picks on the web host; checked and previewed
// before anything is written, applied in one step.
import type { BackupEntry } from '../../shared/bridge';
import { err, ok } from '../../shared/result';
import { getBridge } from '../bridge/index';
import type { LinliDatabase } from '../db/database';
import { recordHeldData } from '../db/held-data';
import { loadSession } from '../sync/session-store';
import {
  actionErrorText,
  loadFromFolder,
  onBackupsChanged,
  loadFromPickedFile,
  restoreBackup,
  type BackupHost,
  type LoadedBackup,
} from '../features/backup/backup-actions';
import { bridgeBackupErrorText, formatBackupTime } from '../features/backup/backup-text';
import type { RestoreCandidate, RestoreSource } from './storage-check';

function candidateOf(db: LinliDatabase, loaded: LoadedBackup): RestoreCandidate {
  const p = loaded.preview;
  const made = p.device.name ? `（${p.device.name}）` : '';
  const compound = p.compound ? `小区：${p.compound.name}（${p.compound.code}）` : '小区：未登录时制作';
  return {
    title: `${formatBackupTime(p.createdAt)} 的备份${made}`,
    details: [
      compound,
      `共 ${p.total.live.toLocaleString('zh-CN')} 条记录：${p.collections
        .filter((c) => c.live > 0)
        .map((c) => `${c.label} ${c.live}`)
        .join('、') || '无'}`,
      `附件 ${p.attachments.count} 个`,
      `文件：${loaded.name}`,
    ],
    apply: async () => {
      const r = await restoreBackup(db, loaded);
      return r.ok ? ok(undefined) : err({ message: actionErrorText(r.error) });
    },
  };
}

/** The restore the loss screen offers on this host; null when the host cannot say what it is. */
export async function restoreSourceFor(db: LinliDatabase): Promise<RestoreSource | null> {
  const bridge = getBridge();
  let host: BackupHost;
  try {
    const info = await bridge['app:info']({});
    if (!info.ok) return null;
    host = { bridge, info: info.value };
  } catch {
    return null;
  }
  if (host.info.host === 'web') {
    return {
      kind: 'file',
      find: async () => {
        const r = await loadFromPickedFile(host);
        if (!r.ok) return err({ message: actionErrorText(r.error) });
        return ok(r.value === null ? null : candidateOf(db, r.value));
      },
    };
  }
  return {
    kind: 'latest',
    find: async () => {
      const list = await bridge['backup:list']({});
      if (!list.ok) return err({ message: bridgeBackupErrorText(list.error) });
      // Newest first, but a backup made after the loss (the daily one, of an empty or half-synced database) must not
      // hide the last full one: backups whose summary counts no document come last. A file that fails its checks
      // (truncated by the same disk fault, say) is passed over for the next one, and the preview says so; when none
      // can be read, the first one's reason is shown.
      const held = (e: BackupEntry) => (e.summary === null ? 1 : Object.values(e.summary.counts).reduce((a, b) => a + b, 0));
      const ordered = [...list.value.backups.filter((e) => held(e) > 0), ...list.value.backups.filter((e) => held(e) === 0)];
      let firstError: string | null = null;
      for (const entry of ordered) {
        const r = await loadFromFolder(host, entry.fileName);
        if (!r.ok) {
          firstError ??= actionErrorText(r.error);
          continue;
        }
        const candidate = candidateOf(db, r.value);
        const newer = list.value.backups.indexOf(entry);
        return ok(newer === 0 ? candidate : { ...candidate, details: [...candidate.details, `较新的 ${newer} 份备份无法读取或没有数据，已跳过。`] });
      }
      return firstError === null ? ok(null) : err({ message: firstError });
    },
  };
}

/**
 * After every backup the desktop stores in its folder (the daily one included), records the held-data marker: this
 * PC held the data then. Returns the stop function.
 */
export function recordHeldDataOnBackups(db: LinliDatabase): () => void {
  return onBackupsChanged(() => {
    void recordHeldData(db, { via: 'backup', compoundCode: loadSession()?.compound.code ?? null, at: new Date().toISOString() });
  });
}
