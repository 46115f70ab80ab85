import { useEffect } from 'react';
import { useOperatorName } from '../db/operator';
import { useSettings } from '../db/hooks';
import { useHashRouting } from './routing';
import { SECTIONS, sectionById } from './sections';
import { hashOf, useUiStore } from '../ui/ui-store';
import { ErrorBoundary } from './ErrorBoundary';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useTaskEscalations } from './task-escalations';
import { useBackupScheduler } from '../features/backup/scheduler';
import { useShellPainted } from '../ui/first-screen';

function Toast() {
  const toast = useUiStore((s) => s.toast);
  const dismiss = useUiStore((s) => s.dismissToast);
  useEffect(() => {
    if (!toast) return undefined;
    const t = setTimeout(() => dismiss(toast.id), 3000);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  return (
    <div className="toast-area" role="status" aria-live="polite">
      {toast && (
        <div className="toast" data-testid="toast">
          {toast.text}
        </div>
      )}
    </div>
  );
}

export function Shell() {
  useHashRouting();
  useTaskEscalations();
  useBackupScheduler();
  useShellPainted();
  const view = useUiStore((s) => s.view);
  const settings = useSettings();
  const operator = useOperatorName();
  const section = sectionById(view) ?? SECTIONS[0];
  const compoundName = settings.status === 'ready' ? settings.data?.compoundName : undefined;

  useEffect(() => {
    document.title = section ? `${section.label} - 邻里工作台` : '邻里工作台';
  }, [section]);

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <div className="brand-name">邻里工作台</div>
          <div className="brand-compound" data-testid="sidebar-compound">
            {compoundName ?? '未设置小区名称'}
          </div>
        </div>
        <nav aria-label="主导航" className="nav">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a
                  href={hashOf(s.id)}
                  data-testid={`nav-${s.id}`}
                  aria-current={s.id === section?.id ? 'page' : undefined}
                  className={s.id === section?.id ? 'nav-item active' : 'nav-item'}
                >
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SyncIndicator />
        <div className="sidebar-foot" data-testid="sidebar-operator">
          操作人：{operator}
        </div>
      </aside>
      <main className="content">
        {section && (
          <ErrorBoundary key={section.id}>
            <section.Page />
          </ErrorBoundary>
        )}
      </main>
      <Toast />
    </div>
  );
}
