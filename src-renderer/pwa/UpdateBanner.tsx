// 「有新版本，重新打开即可使用」: offered, never forced. The new version starts when the user clicks 立即更新 (this tab
// reloads) or when every tab of the app has been closed and one is opened again.
import { usePwaStore } from './update-store';
import './pwa.css';

export function UpdateBanner() {
  const state = usePwaStore((s) => s.update);
  const send = usePwaStore((s) => s.send);
  const applyUpdate = usePwaStore((s) => s.applyUpdate);
  if (state === 'none') return null;
  if (state === 'activated-elsewhere') {
    return (
      <div className="pwa-banner" role="status" data-testid="update-banner" data-state={state}>
        <span className="pwa-banner-text">新版本已在另一个窗口启用。请保存正在输入的内容后重新打开本页。</span>
        <button type="button" className="primary" onClick={() => window.location.reload()} data-testid="update-reload">
          重新打开
        </button>
      </div>
    );
  }
  const updating = state === 'updating';
  return (
    <div className="pwa-banner" role="status" data-testid="update-banner" data-state={state}>
      <span className="pwa-banner-text">
        有新版本，重新打开即可使用
        <span className="pwa-banner-hint">立即更新会重新载入本页，请先保存正在填写的表单。</span>
      </span>
      <button
        type="button"
        className="primary"
        disabled={updating}
        onClick={() => {
          send('update-requested');
          applyUpdate();
        }}
        data-testid="update-now"
      >
        {updating ? '正在更新……' : '立即更新'}
      </button>
      {!updating && (
        <button type="button" onClick={() => send('dismissed')} data-testid="update-dismiss">
          稍后
        </button>
      )}
    </div>
  );
}
