// 设置 → 同步服务器: the server address and login. Sync starts only after a successful login.
import { useState, type FormEvent } from 'react';
import { setOperatorName } from '../../db/operator';
import { syncErrorText } from '../../i18n/sync-errors';
import { useSyncService, useSyncStatus } from '../../sync/context';
import { blockedAsMixedContent, loadServerUrl, normaliseServerUrl } from '../../sync/session-store';
import { useAppInfo } from '../../bridge/app-info';
import { webHostOrigin } from '../../bridge/host';
import { FormError, TextField } from '../../ui/fields';
import { ROLE_LABELS } from '../../../shared/sync/role-labels';

type Field = 'serverUrl' | 'compound' | 'username' | 'password';

export function SyncSettings() {
  const service = useSyncService();
  const appInfo = useAppInfo();
  const session = useSyncStatus((s) => s.session);
  // On the web host the page may connect only to the server that served it (CSP connect-src 'self'): the address is
  // that server's, and not editable. The desktop app reaches any server the user names.
  const [ownOrigin] = useState(() => webHostOrigin());
  const [input, setInput] = useState<Record<Field, string>>(() => ({
    serverUrl: ownOrigin ?? loadServerUrl(),
    compound: session?.compound.code ?? '',
    username: session?.user.username ?? '',
    password: '',
  }));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (f: Field, v: string) => {
    setInput((i) => ({ ...i, [f]: v }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const serverUrl = ownOrigin ?? normaliseServerUrl(input.serverUrl);
    const next: Partial<Record<Field, string>> = {};
    if (!serverUrl) next.serverUrl = '请填写服务器地址，如 http://192.168.1.10:8787';
    else if (appInfo && blockedAsMixedContent(serverUrl, appInfo.host))
      next.serverUrl = '桌面版只能用 https:// 地址连接其他电脑上的同步服务器（本机 127.0.0.1 除外），请向管理员索取 https 地址。';
    if (!input.compound.trim()) next.compound = '请填写小区代码（由区里的管理员提供）。';
    if (!input.username.trim()) next.username = '请填写用户名。';
    if (!input.password) next.password = '请填写密码。';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0 || !serverUrl) return;
    setBusy(true);
    const r = await service.login(serverUrl, { compound: input.compound.trim(), username: input.username.trim(), password: input.password });
    setBusy(false);
    if (!r.ok) {
      setFormError(syncErrorText(r.error));
      return;
    }
    setOperatorName(r.value.user.name);
    setInput((i) => ({ ...i, serverUrl, password: '' }));
  }

  if (session) {
    return (
      <section className="card" aria-labelledby="sync-settings-title" data-testid="sync-settings">
        <h2 id="sync-settings-title">同步服务器</h2>
        <dl className="facts">
          <dt>服务器</dt>
          <dd data-testid="sync-server">{session.serverUrl}</dd>
          <dt>小区</dt>
          <dd>
            {session.compound.name}（{session.compound.code}）
          </dd>
          <dt>账号</dt>
          <dd data-testid="sync-user">
            {session.user.name}（{ROLE_LABELS[session.user.role]}）
          </dd>
        </dl>
        <p className="muted">退出登录后本机数据仍然保留，可继续离线使用；再次登录后继续同步。</p>
        <button type="button" onClick={() => void service.logout()} data-testid="sync-logout">
          退出登录
        </button>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="sync-settings-title" data-testid="sync-settings">
      <h2 id="sync-settings-title">同步服务器</h2>
      <p className="muted">不登录也可以完整使用本程序，数据只保存在本机。登录区里的同步服务器后，本机与其他电脑的数据会自动同步。</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="form-grid">
        {ownOrigin !== null ? (
          <TextField label="服务器地址" name="serverUrl" value={ownOrigin} onChange={() => {}} error={errors.serverUrl} hint="网页版只能连接提供本网页的服务器。" readOnly />
        ) : (
          <TextField label="服务器地址" name="serverUrl" value={input.serverUrl} onChange={(v) => set('serverUrl', v)} error={errors.serverUrl} placeholder="如 http://192.168.1.10:8787" />
        )}
        <TextField label="小区代码" name="compound" value={input.compound} onChange={(v) => set('compound', v)} error={errors.compound} />
        <TextField label="用户名" name="username" value={input.username} onChange={(v) => set('username', v)} error={errors.username} />
        <PasswordField value={input.password} onChange={(v) => set('password', v)} error={errors.password} />
        <div className="span-2">
          <FormError text={formError} />
        </div>
        <div className="form-actions span-2">
          <button type="submit" className="primary" disabled={busy} data-testid="sync-login">
            {busy ? '正在登录……' : '登录并开始同步'}
          </button>
        </div>
      </form>
    </section>
  );
}

function PasswordField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error: string | undefined }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor="sync-password">密码</label>
      <input id="sync-password" type="password" autoComplete="current-password" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && (
        <p className="field-error" role="alert" data-testid="error-password">
          {error}
        </p>
      )}
    </div>
  );
}
