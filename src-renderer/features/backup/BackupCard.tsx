// 设置 → 备份与恢复 (issue #15). Desktop: the backups folder (list, 立即备份, 另存到…, 恢复) and restore from a file.
// Web host: 下载备份 and 从文件恢复. A restore is always read → checked → previewed → confirmed → applied, and a file
// that fails a check is refused with its Chinese reason before anything changes.
import { useCallback, useEffect, useState } from 'react';
import type { BackupDisk, BackupEntry, BackupWarning } from '../../../shared/bridge';
import { getBridge } from '../../bridge/index';
import { useAppInfo } from '../../bridge/app-info';
import { useDatabase } from '../../db/context';
import { formatBytes } from '../../i18n/format';
import { useSyncService } from '../../sync/context';
import { Dialog } from '../../ui/Dialog';
import { useUiStore } from '../../ui/ui-store';
import {
  actionErrorText,
  loadFromFolder,
  loadFromPickedFile,
  makeBackup,
  onBackupsChanged,
  restoreBackup,
  type BackupActionError,
  type BackupHost,
  type LoadedBackup,
  type RestoreReport,
} from './backup-actions';
import type { BackupPreview } from './backup-io';
import { REASON_LABELS, collectionLabel, formatBackupTime, lowDiskText } from './backup-text';

type Folder =
  | { status: 'loading' }
  | { status: 'ready'; backups: BackupEntry[]; disk: BackupDisk; lastDaily: string | null }
  | { status: 'error'; text: string };

type Busy = null | 'backup' | 'load' | 'restore' | 'save-as';

function countsText(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${collectionLabel(name)} ${n}`);
  return parts.length === 0 ? '无记录' : parts.join('，');
}

function BackupRow({ entry, busy, onSaveAs, onRestore }: { entry: BackupEntry; busy: boolean; onSaveAs: () => void; onRestore: () => void }) {
  const s = entry.summary;
  return (
    <tr data-testid="backup-row" data-file={entry.fileName} data-reason={entry.reason}>
      <td>{formatBackupTime(entry.createdAt)}</td>
      <td data-testid="backup-reason">{REASON_LABELS[entry.reason]}</td>
      <td className="num">{formatBytes(entry.size)}</td>
      <td data-testid="backup-counts">
        {s ? countsText(s.counts) : '—'}
        {s && s.attachments.count > 0 ? `，附件 ${s.attachments.count} 个` : ''}
      </td>
      <td>{s ? s.device.name : '—'}</td>
      <td>
        <button type="button" className="small" disabled={busy} onClick={onSaveAs}>
          另存到…
        </button>{' '}
        <button type="button" className="small" disabled={busy} onClick={onRestore}>
          恢复
        </button>
      </td>
    </tr>
  );
}

function PreviewView({ preview }: { preview: BackupPreview }) {
  return (
    <div data-testid="backup-preview">
      <dl className="facts">
        <dt>备份时间</dt>
        <dd data-testid="preview-created">{formatBackupTime(preview.createdAt)}</dd>
        <dt>原因</dt>
        <dd>{REASON_LABELS[preview.reason]}</dd>
        <dt>来自电脑</dt>
        <dd data-testid="preview-device">{preview.device.name}</dd>
        <dt>小区</dt>
        <dd data-testid="preview-compound">
          {preview.compound ? `${preview.compound.name}（${preview.compound.code}）` : '未登录同步的电脑（未记录小区）'}
        </dd>
        <dt>程序版本</dt>
        <dd data-testid="preview-app-version">{preview.appVersion}</dd>
        <dt>附件</dt>
        <dd>
          {preview.attachments.count} 个（{formatBytes(preview.attachments.bytes)}）
        </dd>
      </dl>
      {preview.migrated && <p className="muted">这份备份由较早版本制作，恢复时会自动升级为当前的数据格式。</p>}
      <table className="table compact" data-testid="preview-counts">
        <thead>
          <tr>
            <th>数据</th>
            <th className="num">记录</th>
            <th className="num">已删除</th>
          </tr>
        </thead>
        <tbody>
          {preview.collections.map((c) => (
            <tr key={c.name} data-testid={`preview-count-${c.name}`}>
              <td>{c.label}</td>
              <td className="num">{c.live}</td>
              <td className="num">{c.deleted}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>合计</td>
            <td className="num">{preview.total.live}</td>
            <td className="num">{preview.total.deleted}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function RestoreResult({ report, name }: { report: RestoreReport; name: string }) {
  const t = report.total;
  return (
    <div className="ok-text" role="status" data-testid="restore-result">
      <p>
        已从「{name}」恢复：写入 {t.written} 条记录，保留本机的 {t.kept} 条
        {t.kept > 0 ? `（本机较新或同样新的 ${t.keptNewer} 条，尚未同步的修改 ${t.keptUnpushed} 条）` : ''}。
      </p>
      {t.writtenUnpushed > 0 && <p>其中 {t.writtenUnpushed} 条是备份中尚未同步的修改，下次同步时会上传。</p>}
      {t.supersededUnpushed > 0 && <p>备份中有 {t.supersededUnpushed} 条未同步的修改，本机已有更新的版本，未恢复。</p>}
      {(report.attachments.added > 0 || report.attachments.present > 0) && (
        <p>
          附件：新增 {report.attachments.added} 个，已有 {report.attachments.present} 个。
        </p>
      )}
    </div>
  );
}

export function BackupCard() {
  const db = useDatabase();
  const sync = useSyncService();
  const info = useAppInfo();
  const showToast = useUiStore((s) => s.showToast);
  const host: BackupHost | null = info ? { bridge: getBridge(), info } : null;
  const desktop = info?.host === 'desktop';

  const [folder, setFolder] = useState<Folder>({ status: 'loading' });
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState<BackupWarning | null>(null);
  const [pending, setPending] = useState<LoadedBackup | null>(null);
  const [result, setResult] = useState<{ report: RestoreReport; name: string } | null>(null);

  const refresh = useCallback(async () => {
    const bridge = getBridge();
    const [list, last] = await Promise.all([bridge['backup:list']({}), bridge['backup:lastRun']({})]);
    if (!list.ok) {
      setFolder({ status: 'error', text: actionErrorText({ kind: 'bridge', error: list.error }) });
      return;
    }
    setFolder({ status: 'ready', backups: list.value.backups, disk: list.value.disk, lastDaily: last.ok ? last.value.daily : null });
  }, []);

  useEffect(() => {
    if (!desktop) return undefined;
    let live = true;
    const load = () => {
      refresh().catch((e: unknown) => {
        console.error('backup list failed', e);
        if (live) setFolder({ status: 'error', text: '读取备份列表失败，请重试。' });
      });
    };
    load();
    const off = onBackupsChanged(load);
    return () => {
      live = false;
      off();
    };
  }, [desktop, refresh]);

  const fail = (e: BackupActionError) => setError(actionErrorText(e));

  async function run(kind: Exclude<Busy, null>, work: () => Promise<void>) {
    if (busy !== null) return;
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (e) {
      console.error('backup action failed', e);
      setError('操作没有完成，请重试。');
    } finally {
      setBusy(null);
    }
  }

  const backupNow = () =>
    run('backup', async () => {
      if (!host) return;
      const r = await makeBackup(db, host, 'manual');
      if (!r.ok) return fail(r.error);
      setWarning(r.value.warning);
      showToast(desktop ? `已备份：${r.value.fileName}` : `已下载备份：${r.value.fileName}`);
    });

  const open = (load: () => Promise<Awaited<ReturnType<typeof loadFromPickedFile>>>) =>
    run('load', async () => {
      setResult(null);
      const r = await load();
      if (!r.ok) return fail(r.error);
      if (r.value !== null) setPending(r.value);
    });

  const saveAs = (fileName: string) =>
    run('save-as', async () => {
      const r = await getBridge()['backup:saveAs']({ fileName });
      if (!r.ok) return fail({ kind: 'bridge', error: r.error });
      if (r.value.path !== null) showToast(`已另存到：${r.value.path}`);
    });

  const confirmRestore = () =>
    run('restore', async () => {
      if (!pending) return;
      const loaded = pending;
      const r = await restoreBackup(db, loaded);
      setPending(null);
      if (!r.ok) return fail(r.error);
      setResult({ report: r.value, name: loaded.name });
      // The running sync engine keeps its checkpoints in memory: a sync now checks every collection with the server.
      void sync.syncNow().catch((e: unknown) => console.warn('sync after restore failed', e));
    });

  const lowDisk: BackupWarning | null =
    warning ??
    (folder.status === 'ready' && folder.disk?.low
      ? { code: 'LOW_DISK', kept: folder.backups.length, freeBytes: folder.disk.freeBytes }
      : null);

  return (
    <section className="card" aria-labelledby="settings-backup" data-testid="backup-card">
      <h2 id="settings-backup">备份与恢复</h2>
      {info === null && <p className="muted">正在读取……</p>}
      {info !== null && desktop && (
        <p className="card-sub">
          程序每天自动备份一次，程序更新后首次启动时也会备份；备份保存在本机数据目录的 backups 文件夹，保留最近 30 份。
          建议定期把备份另存到U盘。
        </p>
      )}
      {info !== null && !desktop && (
        <p className="card-sub">网页版的数据保存在浏览器中，清除浏览器数据会一并删除。请定期下载备份，并保存到U盘等安全的地方。</p>
      )}

      {lowDisk && (
        <p className="warn-text" role="alert" data-testid="backup-low-disk">
          {lowDiskText(lowDisk)}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="backup-error">
          {error}
        </p>
      )}
      {result && <RestoreResult report={result.report} name={result.name} />}

      {info !== null && (
        <div className="form-actions">
          <button type="button" className="primary" disabled={busy !== null} onClick={backupNow} data-testid="backup-now">
            {desktop ? '立即备份' : '下载备份'}
          </button>
          <button type="button" disabled={busy !== null || host === null} onClick={() => host && open(() => loadFromPickedFile(host))} data-testid="restore-from-file">
            从文件恢复
          </button>
          {busy === 'backup' && <span className="muted">正在备份……</span>}
          {busy === 'restore' && <span className="muted">正在恢复……</span>}
        </div>
      )}

      {desktop && folder.status === 'loading' && <p className="muted">正在读取备份列表……</p>}
      {desktop && folder.status === 'error' && (
        <p className="form-error" role="alert">
          {folder.text}
        </p>
      )}
      {desktop && folder.status === 'ready' && (
        <>
          <p className="muted" data-testid="backup-last-daily">
            最近一次每日自动备份：{folder.lastDaily ? formatBackupTime(folder.lastDaily) : '尚未进行'}
          </p>
          {folder.backups.length === 0 ? (
            <p className="muted" data-testid="backup-empty">
              还没有备份。
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table compact" data-testid="backup-list">
                <thead>
                  <tr>
                    <th>时间</th>
                    <th>原因</th>
                    <th className="num">大小</th>
                    <th>内容</th>
                    <th>来自电脑</th>
                    <th>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {folder.backups.map((b) => (
                    <BackupRow
                      key={b.fileName}
                      entry={b}
                      busy={busy !== null}
                      onSaveAs={() => saveAs(b.fileName)}
                      onRestore={() => host && open(() => loadFromFolder(host, b.fileName))}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      {pending && (
        <Dialog title="恢复备份" onClose={() => busy === null && setPending(null)} wide testId="restore-dialog">
          <p>
            文件：<span className="mono">{pending.name}</span>
          </p>
          <PreviewView preview={pending.preview} />
          <p className="muted">
            恢复不会删除本机已有的记录：本机没有或较旧的记录按备份写入；本机较新的记录、已删除的记录和尚未同步的修改保持不变。
          </p>
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy !== null} onClick={confirmRestore} data-testid="confirm-restore">
              恢复
            </button>
            <button type="button" disabled={busy !== null} onClick={() => setPending(null)}>
              取消
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
