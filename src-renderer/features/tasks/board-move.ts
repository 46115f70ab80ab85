// 状态看板: a card dropped on a status column (or moved there from the keyboard) becomes the one action that leads
// there, checked by the state machine first; an illegal move is refused with the rules' own Chinese reason.
import type { LocalDate } from '../../../shared/domain/common/dates';
import { applyAction, availableActions, TASK_MOVES, taskRuleMessage } from '../../../shared/domain/tasks';
import { TASK_ACTION_LABELS, TASK_STATUS_LABELS } from '../../../shared/domain/tasks/labels';
import type { Task, TaskActor, TaskRuleError } from '../../../shared/domain/tasks/types';
import type { TaskAction, TaskStatus } from '../../../shared/schema';

/** Actions that need a reason typed by the person (a dialog asks for it). */
export const REASON_ACTIONS: ReadonlySet<TaskAction> = new Set(
  (Object.keys(TASK_MOVES) as TaskAction[]).filter((a) => TASK_MOVES[a].reason === true),
);

/** Where a status-changing action leads from this task (恢复: back to where it was suspended from); extensions: none. */
export function targetOf(action: TaskAction, task: Task): TaskStatus | undefined {
  const to = TASK_MOVES[action].to;
  if (to === 'same') return undefined;
  return to === 'suspendedFrom' ? task.suspendedFrom : to;
}

export type MovePlan =
  | { kind: 'none' }
  | { kind: 'apply'; action: TaskAction; needsReason: boolean }
  | { kind: 'refused'; message: string };


/** The move of `task` to `to` by `actor`: the action to take, or why not. Nothing is written. */
export function planMove(task: Task, to: TaskStatus, actor: TaskActor, today: LocalDate): MovePlan {
  if (task.status === to) return { kind: 'none' };
  const candidates = (Object.keys(TASK_ACTION_LABELS) as TaskAction[]).filter((a) => targetOf(a, task) === to);
  const errors: TaskRuleError[] = [];
  for (const action of candidates) {
    const needsReason = REASON_ACTIONS.has(action);
    const stamp = { at: new Date().toISOString(), by: actor.name };
    const tried = applyAction(task, needsReason ? { action, reason: '—' } : { action }, actor, stamp, 'dry-run', today);
    if (tried.ok && tried.value.status === to) return { kind: 'apply', action, needsReason };
    if (!tried.ok) errors.push(tried.error);
  }
  // A reason of substance (e.g. 责任人 may not accept their own task) says more than "not a legal next step".
  const specific = errors.find((e) => e.code !== 'ILLEGAL_TRANSITION') ?? errors[0];
  if (specific) return { kind: 'refused', message: taskRuleMessage(specific) };
  const allowed = availableActions(task, actor, today)
    .filter((a) => targetOf(a, task) !== undefined)
    .map((a) => TASK_ACTION_LABELS[a]);
  return {
    kind: 'refused',
    message: `不能从「${TASK_STATUS_LABELS[task.status]}」改为「${TASK_STATUS_LABELS[to]}」。${
      allowed.length > 0 ? `可以：${allowed.join('、')}。` : '当前没有可进行的操作。'
    }`,
  };
}

/** The next legal status from the keyboard (→): the first forward action the actor may take. */
const FORWARD: readonly TaskAction[] = ['sign', 'start', 'submit', 'accept', 'publish', 'resume'];

export function nextAction(task: Task, actor: TaskActor, today: LocalDate): TaskAction | undefined {
  const available = availableActions(task, actor, today);
  return FORWARD.find((a) => available.includes(a));
}
