// The open 会议记录: taken live during the meeting (save as you type, keyboard first), finalised (定稿) and then
// locked, with 更正/补充 entries after; its 会议纪要; printing; 决议公告 and tasks from decisions.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyMeetingAction,
  finaliseCheck,
  MEETING_TYPE_LABELS,
  taskProgress,
  validateMeeting,
  type FinaliseField,
  type Meeting,
  type MeetingFieldError,
} from '../../../shared/domain/minutes';
import { useUiStore } from '../../app/ui-store';
import { useSettings } from '../../db/hooks';
import { errorText } from '../../i18n/errors';
import { FINALISE_FIELD_LABELS, finaliseMissingText, minutesErrorText } from '../../i18n/minutes-errors';
import { Badge } from '../../ui/Badge';
import { Dialog } from '../../ui/Dialog';
import { AttendanceSection } from './AttendanceSection';
import { MeetingClock } from './clock';
import { CorrectionDialog } from './CorrectionDialog';
import { focusSoon } from './draft-fields';
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
import { addResolution, addTopic, moveTopic, newResolution, newTopic, type Mutation } from './meeting-edits';
import type { MeetingSession, SessionSnapshot } from './meeting-session';
import { useMinutesUi, type EditorTab } from './minutes-store';
import { cnNumeral, formatTimestampCn } from './print';
import { PrintActions } from './PrintActions';
import { RecordView } from './RecordView';
import { closeMeeting } from './route';
import { SummaryView } from './SummaryView';
import { resolutionTextKey, topicNotesKey, topicTitleKey, TopicsSection } from './TopicsSection';
import { useMeetingSession } from './use-meeting-session';

function SaveIndicator({ snapshot, onRetry }: { snapshot: SessionSnapshot; onRetry: () => void }) {
  switch (snapshot.status) {
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

/** "议题二 决议三" / "出席情况 张三" / the header field's name, for listing what stops 定稿. */
function pathLabel(m: Meeting, path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'topics') {
    const i = m.topics.findIndex((t) => t.id === parts[1]);
    let label = i >= 0 ? `议题${cnNumeral(i + 1)}` : '议题';
    if (parts[2] === 'resolutions') {
      let n = 0;
      for (const t of m.topics)
        for (const r of t.resolutions ?? []) {
          n += 1;
          if (r.id === parts[3]) label += ` 决议${cnNumeral(n)}`;
        }
      if (parts[4] === 'actionItems') label += ' 落实事项';
    }
    return label;
  }
  if (parts[0] === 'attendees') return `出席情况 ${m.attendees.find((a) => a.id === parts[1])?.name ?? ''}`.trim();
  const field = parts[0] ?? '';
  return field in FINALISE_FIELD_LABELS ? FINALISE_FIELD_LABELS[field as FinaliseField] : '';
}

type FinaliseIssues = { missing: readonly FinaliseField[]; errors: readonly MeetingFieldError[] };

function FinaliseIssuesView({ issues, meeting }: { issues: FinaliseIssues; meeting: Meeting }) {
  return (
    <div className="form-error finalise-issues" role="alert" data-testid="finalise-issues">
      {issues.missing.length > 0 && <p data-testid="finalise-missing">{finaliseMissingText(issues.missing)}</p>}
      {issues.errors.length > 0 && (
        <>
          <p>以下内容需要先更正：</p>
          <ul>
            {issues.errors.map((e) => (
              <li key={`${e.path}:${e.code}`}>
                {pathLabel(meeting, e.path)}：{problemText(e, meeting)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const TABS: readonly { id: EditorTab; label: string }[] = [
  { id: 'record', label: '会议记录' },
  { id: 'summary', label: '会议纪要' },
];

function useShortcuts(enabled: boolean, session: MeetingSession, change: Editor['change']) {
  const setCurrent = useMinutesUi((s) => s.setCurrentTopic);
  useEffect(() => {
    if (!enabled) return undefined;
    const run = (e: KeyboardEvent): boolean => {
      const m = session.current;
      if (!m) return false;
      const topics = m.topics;
      const cur = useMinutesUi.getState().currentTopicId;
      const idx = topics.findIndex((t) => t.id === cur);
      const alt = e.altKey && !e.ctrlKey && !e.metaKey;
      const up = e.key === 'ArrowUp';
      const down = e.key === 'ArrowDown';
      if (alt && !e.shiftKey && e.code === 'KeyN') {
        const id = crypto.randomUUID();
        change(addTopic(newTopic(id), idx >= 0 ? cur ?? undefined : undefined));
        setCurrent(id);
        focusSoon(topicTitleKey(id));
        return true;
      }
      if (alt && !e.shiftKey && e.code === 'KeyR') {
        const rid = crypto.randomUUID();
        let topic = topics[idx] ?? topics[topics.length - 1];
        let mutate: Mutation;
        if (topic) mutate = addResolution(topic.id, newResolution(rid));
        else {
          topic = newTopic(crypto.randomUUID());
          const t = topic;
          mutate = (d) => addResolution(t.id, newResolution(rid))(addTopic(t)(d));
        }
        change(mutate);
        setCurrent(topic.id);
        focusSoon(resolutionTextKey(rid));
        return true;
      }
      if (alt && e.shiftKey && (up || down)) {
        if (idx >= 0 && cur) change(moveTopic(cur, up ? -1 : 1));
        return true;
      }
      const jump = (alt && !e.shiftKey && (up || down)) || (e.ctrlKey && !e.altKey && (e.key === 'PageUp' || e.key === 'PageDown'));
      if (jump) {
        const back = up || e.key === 'PageUp';
        const target = idx < 0 ? topics[back ? topics.length - 1 : 0] : topics[Math.min(topics.length - 1, Math.max(0, idx + (back ? -1 : 1)))];
        if (target) {
          setCurrent(target.id);
          focusSoon(topicNotesKey(target.id));
        }
        return true;
      }
      return false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('[role="dialog"]')) return;
      if (run(e)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, session, change, setCurrent]);
}

function EditorBody({ snapshot, meeting: m }: { snapshot: SessionSnapshot; meeting: Meeting }) {
  const editor = useEditor();
  const { session, settings, people, tasks, change } = editor;
  const tab = useMinutesUi((s) => s.tab);
  const setTab = useMinutesUi((s) => s.setTab);
  const setCurrent = useMinutesUi((s) => s.setCurrentTopic);
  const showToast = useUiStore((s) => s.showToast);
  const [issues, setIssues] = useState<FinaliseIssues | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [finalising, setFinalising] = useState(false);
  const [correcting, setCorrecting] = useState<{ target: string | undefined } | null>(null);
  const final = m.status === 'final';
  const progress = taskProgress(m, tasks);

  useShortcuts(!final && tab === 'record', session, change);

  const addTopicAtEnd = () => {
    const id = crypto.randomUUID();
    change(addTopic(newTopic(id)));
    setCurrent(id);
    focusSoon(topicTitleKey(id));
  };

  async function startFinalise() {
    await session.flush();
    const current = session.current ?? m;
    const missing = finaliseCheck(current);
    const errors = validateMeeting(current);
    if (missing.length > 0 || errors.length > 0) {
      setIssues({ missing, errors });
      editor.setShowSoft(true);
      return;
    }
    setIssues(null);
    setConfirming(true);
  }

  async function finalise() {
    setFinalising(true);
    const ctx = actionContext();
    let refused: string | null = null;
    const r = await session.act((d) => {
      const a = applyMeetingAction(d, { kind: 'finalise' }, ctx);
      if (a.ok) return a.value;
      refused = minutesErrorText(a.error.code);
      return d;
    });
    setFinalising(false);
    setConfirming(false);
    if (!r.ok) return showToast(errorText(r.error.code));
    if (session.getSnapshot().stored?.status !== 'final') return showToast(refused ?? minutesErrorText('MEETING_INVALID'));
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
        {(progress.total > 0 || progress.pending > 0) && (
          <p className="page-sub" data-testid="task-progress">
            {progress.total > 0
              ? `落实任务：${progress.done}/${progress.total} 已办结${progress.pending > 0 ? `（另有 ${progress.pending} 项落实事项未生成任务）` : ''}`
              : `落实事项 ${progress.pending} 项，尚未生成任务`}
          </p>
        )}
      </header>

      <div className="minutes-actions">
        <PrintActions meeting={m} settings={settings} beforePrint={() => session.flush()} />
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
            onClick={() => setTab(t.id)}
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
  const tasks = useLinkedTasks(meetingId, meeting ? linkedIds(meeting) : []);
  const notices = useMeetingNotices(meetingId);
  const [showSoft, setShowSoft] = useState(false);
  const problems = useMemo(() => groupProblems(meeting ? validateMeeting(meeting) : []), [meeting]);

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
      showSoft,
      setShowSoft,
      edit,
      change,
      problemAt: (path) => {
        const e = shownProblem(problems.get(path), showSoft);
        return e ? problemText(e, meeting) : undefined;
      },
      tasks,
      notices,
    };
  }, [session, meeting, settings, people, problems, showSoft, edit, change, tasks, notices]);

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

function linkedIds(m: Meeting): string[] {
  const ids = [...(m.taskIds ?? [])];
  for (const t of m.topics) for (const r of t.resolutions ?? []) for (const i of r.actionItems ?? []) if (i.taskId) ids.push(i.taskId);
  return ids;
}
