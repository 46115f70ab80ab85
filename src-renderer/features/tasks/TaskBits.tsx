// Small pieces every 六方联动 view shows: the status and escalation badges, the due date, a card.
import { PARTY_LABELS } from '../../../shared/domain/roster';
import type { EscalationStage } from '../../../shared/domain/tasks/filters';
import { TASK_PRIORITY_LABELS, TASK_STATUS_LABELS } from '../../../shared/domain/tasks/labels';
import type { Task } from '../../../shared/domain/tasks/types';
import type { TaskStatus } from '../../../shared/schema';
import { Badge } from '../../ui/Badge';
import { taskHash } from './route';

const STATUS_TONE: Record<TaskStatus, 'muted' | 'info' | 'warn' | 'ok'> = {
  pending: 'warn',
  signed: 'info',
  in_progress: 'info',
  submitted: 'warn',
  done: 'ok',
  published: 'ok',
  suspended: 'muted',
  cancelled: 'muted',
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} testId="task-status">
      {TASK_STATUS_LABELS[status]}
    </Badge>
  );
}

/** 已逾期 / 已催办 / 已上报支部书记, for an open task past its due date. */
export function StageBadge({ stage }: { stage: EscalationStage }) {
  if (stage === 'none') return null;
  const text = stage === 'escalated' ? '已上报支部书记' : stage === 'urged' ? '已催办' : '已逾期';
  return (
    <Badge tone="warn" testId="task-stage">
      {text}
    </Badge>
  );
}

export function PriorityMark({ task }: { task: Task }) {
  if (task.priority === 'normal' || task.priority === 'low') return null;
  return <Badge tone="warn">{TASK_PRIORITY_LABELS[task.priority]}</Badge>;
}

/** 牵头方 · 单位 · 责任人. */
export function leadLine(t: Task): string {
  return [PARTY_LABELS[t.leadParty], t.leadOrganizationName, t.ownerName].filter((x) => x).join(' · ');
}

export const coPartyLine = (t: Task): string =>
  (t.coParties ?? []).map((c) => [PARTY_LABELS[c.party], c.organizationName, c.personName].filter((x) => x).join(' ')).join('、');

/** A task on a board: its title (a link), who leads, when it is due. */
export function TaskCardBody({ task, stage }: { task: Task; stage: EscalationStage }) {
  return (
    <>
      <a className="task-card-title" href={taskHash(task.id)} draggable={false}>
        {task.title}
      </a>
      <div className="task-card-meta">{leadLine(task)}</div>
      <div className="task-card-meta">
        <StatusBadge status={task.status} /> {task.dueDate && <span className="mono">截止 {task.dueDate}</span>} <StageBadge stage={stage} />{' '}
        <PriorityMark task={task} />
      </div>
    </>
  );
}
