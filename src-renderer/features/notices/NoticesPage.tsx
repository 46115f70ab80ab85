// 公告打印: the notices for the compound's bulletin board — 在贴公告 (what is up and what must come down), 全部公告,
// 草稿 and the log of issues and prints; one notice at #/notices/<id> (its form while a draft, read-only with print,
// 撤下 and 取代 once issued); #/notices/new?from=… makes a draft from the data another section names.
import { useState, type ReactNode } from 'react';
import { NOTICE_KIND_LABEL } from '../../../shared/domain/notices/lifecycle';
import { NOTICE_KINDS, type NoticeKind } from '../../../shared/schema';
import { useUiStore } from '../../ui/ui-store';
import { useNotices, useToday } from './hooks';
import { AllTab, BoardTab, DraftsTab, LogTab } from './NoticeLists';
import { NewFromData, useNewBlankNotice } from './NewNotice';
import { NoticeView } from './NoticeView';
import { ProjectNoticeDialog } from './ProjectNoticeDialog';
import { noticesHash, useNoticesPlace, type NoticesTab } from './route';
import './notices.css';

const TABS: readonly { id: NoticesTab; label: string }[] = [
  { id: 'board', label: '在贴公告' },
  { id: 'all', label: '全部公告' },
  { id: 'drafts', label: '草稿' },
  { id: 'log', label: '发布与打印记录' },
];

function NewNoticeButton() {
  const [kind, setKind] = useState<NoticeKind>('notice');
  const [projectDialog, setProjectDialog] = useState(false);
  const { create, busy, error } = useNewBlankNotice();
  return (
    <div className="toolbar">
      <label className="toolbar-field">
        类别{' '}
        <select aria-label="新公告类别" value={kind} onChange={(e) => setKind(e.target.value as NoticeKind)} data-testid="new-notice-kind">
          {NOTICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {NOTICE_KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" disabled={busy} onClick={() => (kind === 'project' ? setProjectDialog(true) : void create(kind))} data-testid="new-notice">
        新建公告
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {projectDialog && <ProjectNoticeDialog onClose={() => setProjectDialog(false)} />}
    </div>
  );
}

function Lists() {
  const place = useNoticesPlace();
  const notices = useNotices();
  const today = useToday();
  const goTo = useUiStore((s) => s.goTo);
  let panel: ReactNode;
  if (notices.status === 'loading') panel = <p className="muted">正在加载……</p>;
  else if (notices.status === 'error')
    panel = (
      <p className="form-error" role="alert">
        读取公告失败，请重新打开此页面。
      </p>
    );
  else {
    const all = notices.data;
    switch (place.tab) {
      case 'board':
        panel = <BoardTab notices={all} today={today} />;
        break;
      case 'all':
        panel = <AllTab notices={all} today={today} kind={place.kind} status={place.status} />;
        break;
      case 'drafts':
        panel = <DraftsTab notices={all} />;
        break;
      case 'log':
        panel = <LogTab notices={all} />;
        break;
    }
  }
  return (
    <div className="page notices-page">
      <header className="page-header">
        <h1>公告打印</h1>
        <p className="page-sub">公告栏上的通知、决议公告和各类公示：起草、发布编号、打印张贴，公示期满撤下；居民可扫码核验。</p>
      </header>
      <NewNoticeButton />
      <div className="tabs" role="tablist" aria-label="公告打印">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`notices-tab-${t.id}`}
            data-testid={`notices-tab-${t.id}`}
            aria-selected={place.tab === t.id}
            aria-controls="notices-panel"
            className={place.tab === t.id ? 'tab active' : 'tab'}
            onClick={() => goTo(noticesHash({ tab: t.id }))}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="notices-panel" aria-labelledby={`notices-tab-${place.tab}`}>
        {panel}
      </div>
    </div>
  );
}

export function NoticesPage() {
  const place = useNoticesPlace();
  if (place.create) return <NewFromData query={place.create} />;
  if (place.noticeId) return <NoticeView key={place.noticeId} id={place.noticeId} />;
  return <Lists />;
}
