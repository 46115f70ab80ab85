// Always visible: 在线/离线/同步中/出错, how many local changes are not yet on the server, when the last sync
// succeeded, and 立即同步. Errors say what happened and what to do.
import { useState } from 'react';
import { syncErrorText } from '../../i18n/sync-errors';
import { useSyncService, useSyncStatus, useTick } from '../../sync/context';
import { relativeTime, STATE_LABELS } from './labels';

export function SyncIndicator() {
  const service = useSyncService();
  const state = useSyncStatus((s) => s.state);
  const pending = useSyncStatus((s) => s.pending);
  const lastSyncAt = useSyncStatus((s) => s.lastSyncAt);
  const error = useSyncStatus((s) => s.error);
  const rejected = useSyncStatus((s) => s.rejected.length);
  const loggedIn = useSyncStatus((s) => s.session !== null);
  const now = useTick(30_000);
  const [busy, setBusy] = useState(false);

  const syncNow = async () => {
    setBusy(true);
    try {
      await service.syncNow();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={`sync-indicator sync-${state}`} data-testid="sync-indicator" data-state={state}>
      <div className="sync-line">
        <span className="sync-dot" aria-hidden="true" />
        <span data-testid="sync-state">{STATE_LABELS[state]}</span>
      </div>
      <div className="sync-line" data-testid="sync-pending" data-count={pending}>
        {pending > 0 ? `未同步 ${pending} 条修改` : '本机修改已全部同步'}
      </div>
      {loggedIn && (
        <div className="sync-line muted" data-testid="sync-last">
          上次同步：{relativeTime(lastSyncAt, now)}
        </div>
      )}
      {error && state !== 'disabled' && (
        <p className="sync-error" role="alert" data-testid="sync-error">
          {syncErrorText(error)}
        </p>
      )}
      {rejected > 0 && (
        <p className="sync-error" role="alert" data-testid="sync-rejected">
          有 {rejected} 条记录被服务器拒绝，请到「冲突」页查看原因。
        </p>
      )}
      {loggedIn ? (
        <button type="button" className="small" onClick={() => void syncNow()} disabled={busy} data-testid="sync-now">
          {busy ? '正在同步……' : '立即同步'}
        </button>
      ) : (
        <a className="small" href="#/settings" data-testid="sync-login-link">
          登录同步服务器
        </a>
      )}
    </div>
  );
}
