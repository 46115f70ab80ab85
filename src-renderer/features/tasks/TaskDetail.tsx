// One task (#/tasks/<id>): its fields, the actions the acting person may take now, a pending 延期 request, the
// satisfaction score after closing, and the progress log.
import { useState } from 'react';
import { formatDateCn, localDateTime } from '../../../shared/domain/common/dates';
import { availableActions, escalationOf, satisfactionErrorMessage } from '../../../shared/domain/tasks';
import { isOpenStatus } from '../../../shared/domain/tasks/filters';
import { TASK_ACTION_LABELS, TASK_PRIORITY_LABELS, TASK_SOURCE_LABELS } from '../../../shared/domain/tasks/labels';
import type { Task } from '../../../shared/domain/tasks/types';
import type { TaskAction } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { useSettings } from '../../db/hooks';
import { errorText } from '../../i18n/errors';
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';
import { ActionDialog, useRunAction } from './ActionDialog';
import { REASON_ACTIONS } from './board-move';
import { useCalendar, useRosterLists, useTask, useTaskActor, useTaskUpdates, useToday } from './hooks';
import { reportOutcome } from './outcome';
import { printWorkOrder } from './print';
import { ProgressLog } from './ProgressLog';
import { tasksHash } from './route';
import { StageBadge, StatusBadge, coPartyLine, leadLine } from './TaskBits';
import { useTasksUi } from './tasks-store';
import { saveSatisfaction } from './tasks-writes';

const DIALOG_ACTIONS: ReadonlySet<TaskAction> = new Set([...REASON_ACTIONS, 'request_extension']);

function SourceFacts({ task }: { task: Task }) {
  const { all } = useRosterLists();
  const s = task.source;
  if (!s) return <dd>—</dd>;
  const details =
    s.kind === 'governance_list'
      ? [s.listName, s.listItemNo && `第 ${s.listItemNo} 项`, s.listItemTitle]
      : s.kind === 'resident'
        ? [s.residentName, s.residentBuilding, s.residentPhone]
        : s.kind === 'co_builder'
          ? [s.organizationId && (all.get(s.organizationId)?.name ?? '（单位已不在名册）'), s.projectName]
          : [];
  return (
    <dd data-testid="task-source">
      {TASK_SOURCE_LABELS[s.kind]}
      {details.filter((x) => x).length > 0 && `：${details.filter((x) => x).join(' · ')}`}
      {s.kind === 'meeting' && s.meetingId && (
        <>
          {' '}
          <a href={routeHash('meetings', [s.meetingId])} data-testid="source-meeting">
            查看会议记录
          </a>
        </>
      )}
      {s.note && <div className="muted">{s.note}</div>}
    </dd>
  );
}

function Satisfaction({ task }: { task: Task }) {
  const db = useDatabase();
  const showToast = useUiStore((s) => s.showToast);
  if (task.status !== 'done' && task.status !== 'published') return null;
  async function rate(n: number) {
    const r = await saveSatisfaction(db, task.id, n);
    showToast(
      r.ok
        ? `已记录居民满意度：${n} 分`
        : r.error.kind === 'rule'
          ? satisfactionErrorMessage(r.error.code)
          : errorText(r.error.error.code, r.error.error.detail),
    );
  }
  return (
    <div className="satisfaction" role="group" aria-label="居民满意度" data-testid="satisfaction">
      <span>居民满意度：</span>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          className={`small${task.satisfaction === n ? ' primary' : ''}`}
          aria-pressed={task.satisfaction === n}
          onClick={() => void rate(n)}
        >
          {n} 分
        </button>
      ))}
    </div>
  );
}

function Actions({ task }: { task: Task }) {
  const actor = useTaskActor();
  const today = useToday();
  const run = useRunAction();
  const [dialog, setDialog] = useState<TaskAction | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = availableActions(task, actor, today);

  async function take(action: TaskAction) {
    if (DIALOG_ACTIONS.has(action)) return setDialog(action);
    setBusy(true);
    setRefusal(await run(task, { action }));
    setBusy(false);
  }

  return (
    <div className="task-actions" data-testid="task-actions">
      {actions.length === 0 && <span className="muted">当前没有您可进行的操作。</span>}
      {actions.map((a) => (
        <button key={a} type="button" disabled={busy} className={a === 'cancel' || a === 'return' ? undefined : 'primary'} onClick={() => void take(a)} data-testid={`action-${a}`}>
          {TASK_ACTION_LABELS[a]}
        </button>
      ))}
      {refusal && (
        <p className="form-error" role="alert" data-testid="action-error">
          {refusal}
        </p>
      )}
      {dialog && <ActionDialog task={task} action={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}

export function TaskDetail({ id }: { id: string }) {
  const loaded = useTask(id);
  const updates = useTaskUpdates(id);
  const today = useToday();
  const calendar = useCalendar();
  const openEditor = useTasksUi((s) => s.openEditor);
  const settings = useSettings();
  const profile = settings.status === 'ready' ? settings.data : undefined;
  const back = (
    <a href={tasksHash('list')} className="back-link">
      ← 返回任务列表
    </a>
  );
  if (loaded.status === 'loading') return <p className="muted">正在加载……</p>;
  if (loaded.status === 'error' || !loaded.data)
    return (
      <div className="page" data-testid="task-missing">
        {back}
        <p className="empty">找不到该任务，可能尚未同步到本机。</p>
      </div>
    );
  const task = loaded.data;
  const log = updates.status === 'ready' ? updates.data : [];
  const late = isOpenStatus(task.status) && task.dueDate !== undefined && task.dueDate < today;
  const escalation = late ? escalationOf(task, today, calendar) : undefined;

  return (
    <div className="page task-detail" data-testid="task-detail">
      {back}
      <header className="page-header">
        <h1 data-testid="task-title">{task.title}</h1>
        <div className="page-sub">
          <StatusBadge status={task.status} /> {escalation && <StageBadge stage={escalation.stage} />}
        </div>
      </header>
      <div className="toolbar">
        <Actions task={task} />
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => openEditor(task.id)} data-testid="edit-task">
          编辑
        </button>
        <button type="button" onClick={() => void reportOutcome(() => printWorkOrder(task, log, { settings: profile }))} data-testid="print-work-order">
          打印工作单
        </button>
      </div>
      {task.extension && (
        <div className="prompt" data-testid="pending-extension">
          延期申请待支部批准：截止日期改为 {formatDateCn(task.extension.dueDate) ?? task.extension.dueDate}，理由：{task.extension.reason}（
          {task.extension.by}，{localDateTime(task.extension.at)}）
        </div>
      )}
      {escalation && (
        <p className="warn-text" data-testid="escalation-info">
          已逾期（截止 {task.dueDate}）。
          {escalation.urgeOn && `催办日：${escalation.urgeOn}。`}
          {escalation.escalateOn && `上报支部书记日：${escalation.escalateOn}。`}
        </p>
      )}
      <section className="card" aria-labelledby="task-facts">
        <h2 id="task-facts">任务信息</h2>
        <dl className="facts task-facts">
          <dt>牵头方</dt>
          <dd data-testid="task-lead">{leadLine(task)}</dd>
          <dt>配合方</dt>
          <dd data-testid="task-co">{coPartyLine(task) || '—'}</dd>
          <dt>截止日期</dt>
          <dd>{task.dueDate ? (formatDateCn(task.dueDate) ?? task.dueDate) : '—'}</dd>
          <dt>优先级</dt>
          <dd>{TASK_PRIORITY_LABELS[task.priority]}</dd>
          <dt>来源</dt>
          <SourceFacts task={task} />
          <dt>位置</dt>
          <dd>{task.location ?? '—'}</dd>
          <dt>分类</dt>
          <dd>{task.category ?? '—'}</dd>
          <dt>标签</dt>
          <dd>{task.tags && task.tags.length > 0 ? task.tags.join('、') : '—'}</dd>
          {task.acceptedBy && (
            <>
              <dt>验收人</dt>
              <dd>{task.acceptedBy}</dd>
            </>
          )}
          <dt>创建</dt>
          <dd className="muted">
            {task.createdBy}，{localDateTime(task.createdAt)}
          </dd>
          <dt>最近更新</dt>
          <dd className="muted">
            {task.updatedBy}，{localDateTime(task.updatedAt)}
          </dd>
        </dl>
        {task.description && <p className="pre task-description">{task.description}</p>}
        <Satisfaction task={task} />
      </section>
      <ProgressLog task={task} updates={log} />
    </div>
  );
}
