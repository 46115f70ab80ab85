// From a decision to what follows it: a 决议公告 draft (opened in 公告打印) and 六方联动 tasks from its action items,
// and from a meeting still to be held its 会议通知. Both work on drafts and on finalised records; on a draft the
// record also stores the link (resolution.noticeId, actionItem.taskId, meeting.taskIds), on a final one the new
// document's source names the decision (the record is locked, and the links are found by source either way).
import { useState } from 'react';
import { OUTCOME_LABELS, voteOutcome, type ActionItem, type Meeting, type Resolution, type Task, type VoteOutcome } from '../../../shared/domain/minutes';
import { routeHash } from '../../ui/route';
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
import { arithmeticLine } from './print';

export const noticeOf = (notices: readonly NoticeSummary[], r: Resolution): NoticeSummary | undefined =>
  notices.find((n) => n.id === r.noticeId) ?? notices.find((n) => n.resolutionId === r.id);

export const taskOf = (tasks: readonly Task[], item: ActionItem): Task | undefined =>
  tasks.find((t) => t.id === item.taskId) ?? tasks.find((t) => t.source?.actionItemId === item.id);

/** The 公告打印 address of a notice (this feature does not import that one: the address is the contract). */
const noticeAddress = (id: string): string => routeHash('notices', [id]);

/**
 * 生成决议公告 → the draft opens in 公告打印, to edit, issue and print; afterwards 查看公告 opens it there again. On a
 * draft record the draft is made here and the decision stores the link; a finalised record's notice is generated
 * by 公告打印 (#/notices/new?from=resolution…), tied to the decision by its source.
 */
export function NoticeAction({ topicId, resolution }: { topicId: string; resolution: Resolution }) {
  const db = useDatabase();
  const { session, meeting, settings, notices, change } = useEditor();
  const showToast = useUiStore((s) => s.showToast);
  const goTo = useUiStore((s) => s.goTo);
  const [busy, setBusy] = useState(false);
  const existing = noticeOf(notices, resolution);
  if (existing)
    return (
      <>
        <span className="link-note ok-text" data-testid="notice-created" title={existing.title}>
          {existing.status === 'draft' ? '已生成公告草稿' : existing.status === 'issued' ? '公告已发布' : '公告已撤下'}
        </span>
        <a className="button small" href={noticeAddress(existing.id)} data-testid="open-notice">
          {existing.status === 'draft' ? '查看、修改和发布公告' : '查看公告'}
        </a>
      </>
    );

  async function create() {
    setBusy(true);
    await session.flush(); // the notice quotes the decision as shown
    const m = session.current ?? meeting;
    // A finalised record is locked: 公告打印 generates the notice from it, tied to the decision by its source.
    if (m.status === 'final') return goTo(routeHash('notices', ['new'], { from: 'resolution', meeting: m.id, resolution: resolution.id }));
    const r = m.topics.flatMap((t) => t.resolutions ?? []).find((x) => x.id === resolution.id) ?? resolution;
    const outcome = voteOutcome(m, r, settings);
    const created = await createResolutionNotice(db, { meeting: m, resolution: r, outcome, settings, today: localDate(new Date()) });
    if (!created.ok) {
      setBusy(false);
      return showToast(errorText(created.error.code));
    }
    change(updateResolution(topicId, r.id, (x) => patchObject(x, { noticeId: created.value.id })));
    await session.flush(); // the link is stored before the editor closes
    setBusy(false);
    goTo(noticeAddress(created.value.id));
  }

  return (
    <button type="button" className="small" disabled={busy || resolution.text.trim() === ''} onClick={() => void create()} data-testid="create-notice">
      生成决议公告
    </button>
  );
}

/**
 * For the whole meeting: 生成会议通知 while it is still to be held (a draft record dated today or later), 生成决议公告
 * of every decision once finalised. 公告打印 makes the draft from the record (or opens the one already made).
 */
export function MeetingNoticeAction({ meeting, beforeOpen }: { meeting: Meeting; beforeOpen: () => Promise<unknown> }) {
  const goTo = useUiStore((s) => s.goTo);
  const open = (query: Record<string, string>) => void beforeOpen().then(() => goTo(routeHash('notices', ['new'], query)));
  if (meeting.status === 'final') {
    const decisions = meeting.topics.reduce((n, t) => n + (t.resolutions ?? []).length, 0);
    if (decisions < 2) return null; // one decision: its own 生成决议公告 says the same
    return (
      <button type="button" onClick={() => open({ from: 'resolution', meeting: meeting.id })} data-testid="create-meeting-resolutions-notice">
        生成决议公告（全部决议）
      </button>
    );
  }
  if (meeting.date < localDate(new Date())) return null;
  return (
    <button type="button" onClick={() => open({ from: 'meeting', meeting: meeting.id })} data-testid="create-meeting-notice">
      生成会议通知
    </button>
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
