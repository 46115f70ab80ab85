// The open 会议记录: taken live during the meeting (save as you type, keyboard first), finalised (定稿) and then
// locked, with 更正/补充 entries after; its 会议纪要; printing; 决议公告 and tasks from decisions.
import { useCallback, useMemo, useState } from 'react';
import {
  applyMeetingAction,
  finaliseCheck,
  MEETING_TYPE_LABELS,
  taskProgress,
  validateMeeting,
  type Meeting,
} from '../../../shared/domain/minutes';
import { useUiStore } from '../../ui/ui-store';
import { useSettings } from '../../db/hooks';
import { errorText } from '../../i18n/errors';
import { FINALISE_REQUIRED_TEXT, minutesErrorText } from '../../i18n/minutes-errors';
import { Badge } from '../../ui/Badge';
import { Dialog } from '../../ui/Dialog';
import { AttendanceSection } from './AttendanceSection';
import { MeetingClock } from './clock';
import { CorrectionDialog } from './CorrectionDialog';
import { focusSoon } from './draft-fields';
import { FinaliseIssuesView, focusFirstIssue, type FinaliseIssues } from './finalise-issues';
import {
  actionContext,
  EditorContext,
  groupProblems,
  problemText,
  settingsOrEmpty,
  shownProblem,
  useEditor,
  type Editor,
} from './editor-context';
import { HeaderSection, PEOPLE_LIST_ID } from './HeaderSection';
import { useCurrentPeople, useLinkedTasks, useMeetingNotices } from './hooks';
import { MEETING_STATUS_LABELS, SHORTCUT_HELP } from './labels';
import { linkedTaskIds, taskProgressText } from './linked-tasks';
import { addTopic, newTopic } from './meeting-edits';
import type { SessionSnapshot } from './meeting-session';
import { tabOf, useMinutesUi, type EditorTab } from './minutes-store';
import { formatTimestampCn } from './print';
import { MeetingNoticeAction } from './linked-actions';
import { PrintActions } from './PrintActions';
import { RecordView } from './RecordView';
import { closeMeeting } from './route';
import { SummaryView } from './SummaryView';
import { useShortcuts } from './shortcuts';
import { topicTitleKey, TopicsSection } from './TopicsSection';
import { useMeetingSession } from './use-meeting-session';

function SaveIndicator({ snapshot, onRetry }: { snapshot: SessionSnapshot; onRetry: () => void }) {
  switch (snapshot.status) {
    case 'unsaved':
      return (
        <span className="save-state warn-text" data-testid="save-state" data-state="unsaved" title="标有“未保存”的栏目中的值没有保存">
          {snapshot.held.size} 处未保存
        </span>
      );
    case 'saved':
      return (
        <span className="save-state ok-text" data-testid="save-state" data-state="saved">
          已保存
        </span>
      );
    case 'pending':
    case 'saving':
      return (
        <span className="save-state muted" data-testid="save-state" data-state={snapshot.status}>
          正在保存…
        </span>
      );
    case 'error':
      return (
        <span className="save-state save-error" data-testid="save-state" data-state="error" role="alert">
          {errorText(snapshot.error?.code ?? 'WRITE_FAILED')}
          <button type="button" className="small" onClick={onRetry}>
            重试
          </button>
        </span>
      );
    default:
      return null;
  }
}

const TABS: readonly { id: EditorTab; label: string }[] = [
  { id: 'record', label: '会议记录' },
  { id: 'summary', label: '会议纪要' },
];

function EditorBody({ snapshot, meeting: m }: { snapshot: SessionSnapshot; meeting: Meeting }) {
  const editor = useEditor();
  const { session, settings, people, tasks, change } = editor;
  const tab = useMinutesUi(tabOf(m.id));
  const setTab = useMinutesUi((s) => s.setTab);
  const setCurrent = useMinutesUi((s) => s.setCurrentTopic);
  const showToast = useUiStore((s) => s.showToast);
  const [issues, setIssues] = useState<FinaliseIssues | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [finalising, setFinalising] = useState(false);
  const [correcting, setCorrecting] = useState<{ target: string | undefined } | null>(null);
  const final = m.status === 'final';
  const progressText = taskProgressText(taskProgress(m, tasks));

  useShortcuts(!final && tab === 'record', session, change);

  const addTopicAtEnd = () => {
    const id = crypto.randomUUID();
    change(addTopic(newTopic(id)));
    setCurrent(id);
    focusSoon(topicTitleKey(id));
  };

  /** What stops 定稿 now: held values, edits not written, missing fields, problems. null when nothing does. */
  function finaliseIssues(): FinaliseIssues | null {
    const current = session.current ?? m;
    const issues: FinaliseIssues = {
      unsaved: session.heldFields,
      notWritten: session.hasUnsaved,
      missing: finaliseCheck(current),
      errors: validateMeeting(current),
    };
    const none = issues.unsaved.length === 0 && !issues.notWritten && issues.missing.length === 0 && issues.errors.length === 0;
    return none ? null : issues;
  }

  async function startFinalise() {
    await session.flush();
    const found = finaliseIssues();
    if (found) {
      setIssues(found);
      editor.setShowSoft(true);
      focusFirstIssue(session.current ?? m, found);
      return;
    }
    setIssues(null);
    setConfirming(true);
  }

  async function finalise() {
    await session.flush();
    const found = finaliseIssues();
    if (found) {
      // Something changed between the check and the confirmation (a value typed in another window, a failed write).
      setConfirming(false);
      setIssues(found);
      editor.setShowSoft(true);
      return;
    }
    setFinalising(true);
    const ctx = actionContext();
    const r = await session.act((d) => applyMeetingAction(d, { kind: 'finalise' }, ctx));
    setFinalising(false);
    setConfirming(false);
    if (!r.ok) return showToast(r.error.code === 'ACTION_REFUSED' ? minutesErrorText(r.error.refusal.code) : errorText(r.error.code));
    if (session.getSnapshot().stored?.status !== 'final') return showToast(minutesErrorText('MEETING_INVALID'));
    showToast('已定稿，会议记录已锁定');
  }

  async function back() {
    await session.flush();
    closeMeeting();
  }

  return (
    <div className="page minutes-editor" data-testid="meeting-editor" data-status={m.status}>
      <datalist id={PEOPLE_LIST_ID}>
        {people.map((p) => (
          <option key={p.id} value={p.name}>
            {p.post ?? ''}
          </option>
        ))}
      </datalist>
      <header className="page-header minutes-editor-head">
        <div className="minutes-editor-nav">
          <button type="button" className="link" onClick={() => void back()}>
            ← 会议列表
          </button>
          <SaveIndicator snapshot={snapshot} onRetry={() => void session.flush()} />
          {!final && <MeetingClock meeting={m} />}
        </div>
        <h1 data-testid="meeting-title">
          {m.title.trim() || '未命名会议'}
          <Badge tone="muted">{MEETING_TYPE_LABELS[m.type]}</Badge>
          <Badge tone={final ? 'ok' : 'warn'} testId="meeting-status">
            {MEETING_STATUS_LABELS[m.status]}
          </Badge>
        </h1>
        {final && (
          <p className="page-sub" data-testid="finalised-line">
            {formatTimestampCn(m.finalisedAt ?? '') ?? ''} 由 {m.finalisedBy} 定稿。记录已锁定，如需更改请添加更正或补充。
          </p>
        )}
        {progressText !== null && (
          <p className="page-sub" data-testid="task-progress">
            {progressText}
          </p>
        )}
      </header>

      <div className="minutes-actions">
        <PrintActions meeting={m} settings={settings} beforePrint={() => session.flush()} />
        <MeetingNoticeAction meeting={m} beforeOpen={() => session.flush()} />
        <span className="toolbar-spacer" />
        {!final && (
          <button type="button" className="primary" onClick={() => void startFinalise()} data-testid="finalise">
            定稿
          </button>
        )}
      </div>
      {issues && !final && <FinaliseIssuesView issues={issues} meeting={m} />}

      <div className="tabs" role="tablist" aria-label="会议记录视图">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`minutes-tab-${t.id}`}
            data-testid={`minutes-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`minutes-panel-${t.id}`}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => setTab(m.id, t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`minutes-panel-${tab}`} aria-labelledby={`minutes-tab-${tab}`}>
        {tab === 'summary' ? (
          <SummaryView meeting={m} settings={settings} />
        ) : final ? (
          <RecordView onCorrect={(target) => setCorrecting({ target })} />
        ) : (
          <>
            <p className="shortcut-help muted" data-testid="shortcut-help">
              {SHORTCUT_HELP}
            </p>
            <HeaderSection />
            <AttendanceSection />
            <TopicsSection onAddTopic={addTopicAtEnd} />
          </>
        )}
      </div>

      {confirming && (
        <Dialog title="确认定稿" onClose={() => setConfirming(false)} testId="finalise-confirm">
          <p className="dialog-text">定稿后会议记录将被锁定，不能再直接修改；之后的更改只能以更正或补充的形式附在原记录之后。</p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              取消
            </button>
            <button type="button" className="primary" disabled={finalising} onClick={() => void finalise()} data-testid="confirm-finalise">
              确认定稿
            </button>
          </div>
        </Dialog>
      )}
      {correcting && final && <CorrectionDialog targetId={correcting.target} onClose={() => setCorrecting(null)} />}
    </div>
  );
}

/** The editor of one meeting; remount it (key) for another meeting. */
export function MeetingEditor({ meetingId }: { meetingId: string }) {
  const { session, snapshot } = useMeetingSession(meetingId);
  const settingsDoc = useSettings();
  const settings = useMemo(() => settingsOrEmpty(settingsDoc.status === 'ready' ? settingsDoc.data : undefined), [settingsDoc]);
  const people = useCurrentPeople();
  const meeting = snapshot.meeting;
  const tasks = useLinkedTasks(meetingId, meeting ? linkedTaskIds(meeting) : []);
  const notices = useMeetingNotices(meetingId);
  const [showSoft, setShowSoft] = useState(false);
  const problems = useMemo(() => groupProblems(meeting ? validateMeeting(meeting) : []), [meeting]);
  // After a refused 定稿 the fields it still needs are marked where they are, until they are filled.
  const missing = useMemo<ReadonlySet<string>>(
    () => new Set(showSoft && meeting && meeting.status !== 'final' ? finaliseCheck(meeting) : []),
    [showSoft, meeting],
  );

  const edit = useCallback<Editor['edit']>(
    (key, mutate, check) => {
      const e = session.edit(key, mutate, check);
      return e && session.current ? problemText(e, session.current) : null;
    },
    [session],
  );
  const change = useCallback<Editor['change']>(
    (mutate, check) => {
      const e = session.change(mutate, check);
      return e && session.current ? problemText(e, session.current) : null;
    },
    [session],
  );

  const editor = useMemo<Editor | null>(() => {
    if (!meeting) return null;
    return {
      session,
      meeting,
      settings,
      people,
      problems,
      held: snapshot.held,
      showSoft,
      setShowSoft,
      edit,
      change,
      problemAt: (path) => {
        const e = shownProblem(problems.get(path), showSoft);
        if (e) return problemText(e, meeting);
        return missing.has(path) ? FINALISE_REQUIRED_TEXT : undefined;
      },
      tasks,
      notices,
    };
  }, [session, meeting, settings, people, problems, snapshot.held, showSoft, missing, edit, change, tasks, notices]);

  if (meeting === undefined)
    return (
      <div className="page">
        <p className="muted">正在打开会议记录……</p>
      </div>
    );
  if (meeting === null || !editor)
    return (
      <div className="page">
        <div className="empty" data-testid="meeting-missing">
          <p>找不到这份会议记录，可能已被删除。</p>
          <button type="button" onClick={closeMeeting}>
            返回会议列表
          </button>
        </div>
      </div>
    );
  return (
    <EditorContext.Provider value={editor}>
      <EditorBody snapshot={snapshot} meeting={meeting} />
    </EditorContext.Provider>
  );
}
