// From a decision to what follows it: a 决议公告 draft (notices) and 六方联动 tasks from its action items. Both work
// on drafts and on finalised records; on a draft the record also stores the link (resolution.noticeId,
// actionItem.taskId, meeting.taskIds), on a final one the new document's source names the decision (the record is
// locked, and the links are found by source either way).
import { useState } from 'react';
import { OUTCOME_LABELS, voteOutcome, type ActionItem, type Resolution, type Task, type VoteOutcome } from '../../../shared/domain/minutes';
import { useUiStore } from '../../ui/ui-store';
import { useDatabase } from '../../db/context';
import { errorText } from '../../i18n/errors';
import { minutesErrorText } from '../../i18n/minutes-errors';
import { localDate } from '../../../shared/domain/common/dates';
import { problemText, useEditor } from './editor-context';
import type { NoticeSummary } from './hooks';
import { TASK_STATUS_LABELS } from './labels';
import { linkTask, patchObject, updateActionItem, updateResolution, type Mutation } from './meeting-edits';
import { createResolutionNotice, createTaskFromActionItem } from './minutes-writes';
import { NoticeDraftDialog } from './NoticeDraftDialog';
import { arithmeticLine } from './print';

export const noticeOf = (notices: readonly NoticeSummary[], r: Resolution): NoticeSummary | undefined =>
  notices.find((n) => n.id === r.noticeId) ?? notices.find((n) => n.resolutionId === r.id);

export const taskOf = (tasks: readonly Task[], item: ActionItem): Task | undefined =>
  tasks.find((t) => t.id === item.taskId) ?? tasks.find((t) => t.source?.actionItemId === item.id);

/**
 * 生成决议公告 → the draft opens here, to view, edit and print (the notices section does not exist yet: issue #8);
 * afterwards 查看公告 opens it again.
 */
export function NoticeAction({ topicId, resolution }: { topicId: string; resolution: Resolution }) {
  const db = useDatabase();
  const { session, meeting, settings, notices, change } = useEditor();
  const showToast = useUiStore((s) => s.showToast);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const existing = noticeOf(notices, resolution);
  const dialog = open && <NoticeDraftDialog noticeId={open} onClose={() => setOpen(null)} />;
  if (existing)
    return (
      <>
        <span className="link-note ok-text" data-testid="notice-created" title={existing.title}>
          {existing.status === 'draft' ? '已生成公告草稿' : existing.status === 'published' ? '公告已发布' : '公告已撤回'}
        </span>
        <button type="button" className="small" onClick={() => setOpen(existing.id)} data-testid="open-notice">
          {existing.status === 'draft' ? '查看、修改和打印公告' : '查看公告'}
        </button>
        {dialog}
      </>
    );

  async function create() {
    setBusy(true);
    await session.flush(); // the notice quotes the decision as shown
    const m = session.current ?? meeting;
    const r = m.topics.flatMap((t) => t.resolutions ?? []).find((x) => x.id === resolution.id) ?? resolution;
    const outcome = voteOutcome(m, r, settings);
    const created = await createResolutionNotice(db, { meeting: m, resolution: r, outcome, settings, today: localDate(new Date()) });
    setBusy(false);
    if (!created.ok) return showToast(errorText(created.error.code));
    if (m.status !== 'final')
      change(updateResolution(topicId, r.id, (x) => patchObject(x, { noticeId: created.value.id })));
    setOpen(created.value.id);
  }

  return (
    <>
      <button type="button" className="small" disabled={busy || resolution.text.trim() === ''} onClick={() => void create()} data-testid="create-notice">
        生成决议公告
      </button>
      {dialog}
    </>
  );
}

/** The task of an action item (its status), or 生成任务. */
export function TaskAction({ topicId, resolution, item }: { topicId: string; resolution: Resolution; item: ActionItem }) {
  const db = useDatabase();
  const { session, meeting, tasks, change } = useEditor();
  const showToast = useUiStore((s) => s.showToast);
  const [busy, setBusy] = useState(false);
  const task = taskOf(tasks, item);
  if (task)
    return (
      <a className="link-note" href={`#/tasks/${encodeURIComponent(task.id)}`} data-testid="task-link" data-status={task.status}>
        任务：{TASK_STATUS_LABELS[task.status]}
      </a>
    );
  if (item.taskId)
    return (
      <span className="link-note muted" data-testid="task-link">
        任务尚未同步到本机
      </span>
    );

  async function create() {
    setBusy(true);
    await session.flush();
    const m = session.current ?? meeting;
    const created = await createTaskFromActionItem(db, { meeting: m, resolution, item });
    setBusy(false);
    if (!created.ok) {
      const code = created.error.code;
      return showToast(code === 'LEAD_PARTY_REQUIRED' || code === 'ACTION_TITLE_MISSING' ? minutesErrorText(code) : errorText(code));
    }
    const id = created.value.id;
    if (m.status !== 'final') {
      const link: Mutation = (d) => linkTask(id)(updateActionItem(topicId, resolution.id, item.id, (x) => patchObject(x, { taskId: id }))(d));
      change(link);
    }
    showToast(`已生成任务：${item.title.trim()}`);
  }

  return (
    <button type="button" className="small" disabled={busy} onClick={() => void create()} data-testid="create-task">
      生成任务
    </button>
  );
}

/**
 * 通过 / 未通过 / 未达到法定人数 … with the arithmetic behind it ("出席 5/7 > 1/2；同意 4/5 > 1/2"). `unsaved`: a box of
 * the vote holds a value that is not stored, so the stored outcome would not be the one the boxes show (issue #8).
 */
export function OutcomeView({ outcome, unsaved = false }: { outcome: VoteOutcome; unsaved?: boolean }) {
  const { meeting } = useEditor();
  if (outcome.outcome === 'no_vote') return null;
  if (unsaved)
    return (
      <div className="outcome outcome-invalid" data-testid="outcome" data-outcome="unsaved">
        <span className="outcome-label">
          表决结果：<strong data-testid="outcome-label">未保存</strong>
        </span>
        <span className="outcome-arith" data-testid="outcome-arith">
          票数或面积中有未保存的值，请先按提示更正；结果在保存后计算。
        </span>
      </div>
    );
  const arith = arithmeticLine(outcome);
  return (
    <div className={`outcome outcome-${outcome.outcome}`} data-testid="outcome" data-outcome={outcome.outcome}>
      <span className="outcome-label">
        表决结果：<strong data-testid="outcome-label">{OUTCOME_LABELS[outcome.outcome]}</strong>
      </span>
      {arith && (
        <span className="outcome-arith" data-testid="outcome-arith">
          {arith}
        </span>
      )}
      {outcome.outcome === 'invalid' && (
        <ul className="outcome-problems">
          {outcome.problems.slice(0, 3).map((p) => (
            <li key={`${p.path}:${p.code}`}>{problemText(p, meeting)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
