// E2–E6: 催办 and 上报 of overdue tasks. A 催办 is raised on the first working day after a missed due date; five
// working days later the task is escalated to the 支部书记. Both are log entries with deterministic ids and content,
// so two PCs computing them offline write the same documents and the server keeps one (an identical create is
// confirmed, not a conflict). Pure: `today` and the calendar are passed in.
import type { TaskStatus, TaskUpdateDoc } from '../../schema';
import { addCalendarDays, addWorkingDays, formatDateCn, type HolidayCalendar, type LocalDate } from '../common/dates';
import type { Task } from './types';

/** E2 only work not yet handed in can be late: 待验收, 挂起 and closed tasks are never urged. */
export const ESCALATING_STATUSES: readonly TaskStatus[] = ['pending', 'signed', 'in_progress'];
export const ESCALATION_WORKING_DAYS = 5;
/** Who writes the computed entries. */
export const SYSTEM_AUTHOR = '系统';

export type Escalation = {
  stage: 'none' | 'overdue' | 'urged' | 'escalated';
  /** The 催办 day and the escalation day (when the task has a due date and is still being worked on). */
  urgeOn?: LocalDate;
  escalateOn?: LocalDate;
};

/** E3 the stage a task has reached today. */
export function escalationOf(task: Pick<Task, 'status' | 'dueDate'>, today: LocalDate, calendar: HolidayCalendar): Escalation {
  if (!task.dueDate || !ESCALATING_STATUSES.includes(task.status)) return { stage: 'none' };
  const { urgeOn, escalateOn } = escalationDays(task.dueDate, calendar);
  const stage = today >= escalateOn ? 'escalated' : today >= urgeOn ? 'urged' : today > task.dueDate ? 'overdue' : 'none';
  return { stage, urgeOn, escalateOn };
}

/** Thousands of tasks share a few hundred due dates: their 催办/上报 days are computed once per calendar. */
const DAYS_BY_CALENDAR = new WeakMap<HolidayCalendar, Map<LocalDate, { urgeOn: LocalDate; escalateOn: LocalDate }>>();
function escalationDays(dueDate: LocalDate, calendar: HolidayCalendar): { urgeOn: LocalDate; escalateOn: LocalDate } {
  let byDue = DAYS_BY_CALENDAR.get(calendar);
  if (!byDue) DAYS_BY_CALENDAR.set(calendar, (byDue = new Map()));
  let days = byDue.get(dueDate);
  if (!days) {
    const urgeOn = addWorkingDays(addCalendarDays(dueDate, 1), 0, calendar);
    days = { urgeOn, escalateOn: addWorkingDays(urgeOn, ESCALATION_WORKING_DAYS, calendar) };
    byDue.set(dueDate, days);
  }
  return days;
}

/** Midnight of a day in China (UTC+8), as the entries' timestamp: the same on every PC. */
export const chinaMidnight = (day: LocalDate): string => new Date(`${day}T00:00:00.000+08:00`).toISOString();

export const urgeId = (taskId: string, dueDate: LocalDate): string => `${taskId}.urge.${dueDate}`;
export const escalationId = (taskId: string, dueDate: LocalDate): string => `${taskId}.escalation.${dueDate}`;

function entry(task: Pick<Task, 'id' | 'dueDate'>, kind: 'urge' | 'escalation', day: LocalDate): TaskUpdateDoc {
  const due = task.dueDate ?? '';
  const at = chinaMidnight(day);
  const text =
    kind === 'urge'
      ? `已超过截止日期（${formatDateCn(due) ?? due}），请尽快办理`
      : `催办后 ${ESCALATION_WORKING_DAYS} 个工作日仍未办结，已上报支部书记`;
  return {
    id: kind === 'urge' ? urgeId(task.id, due) : escalationId(task.id, due),
    createdAt: at,
    createdBy: SYSTEM_AUTHOR,
    updatedAt: at,
    updatedBy: SYSTEM_AUTHOR,
    taskId: task.id,
    kind,
    text,
    at,
    authorName: SYSTEM_AUTHOR,
    dueDate: due,
    ...(kind === 'escalation' ? { party: 'branch' as const } : {}),
  };
}

/** E4 the 催办/上报 entries due by today, in order (none for a task not late). */
export function escalationEntries(task: Pick<Task, 'id' | 'status' | 'dueDate'>, today: LocalDate, calendar: HolidayCalendar): TaskUpdateDoc[] {
  const e = escalationOf(task, today, calendar);
  const out: TaskUpdateDoc[] = [];
  if (e.urgeOn && (e.stage === 'urged' || e.stage === 'escalated')) out.push(entry(task, 'urge', e.urgeOn));
  if (e.escalateOn && e.stage === 'escalated') out.push(entry(task, 'escalation', e.escalateOn));
  return out;
}

/** E6 the id a computed entry must have (the server and the app refuse others of these kinds). */
export function expectedEscalationId(doc: { taskId?: unknown; kind?: unknown; dueDate?: unknown }): string | null {
  if (typeof doc.taskId !== 'string' || typeof doc.dueDate !== 'string') return null;
  if (doc.kind === 'urge') return urgeId(doc.taskId, doc.dueDate);
  if (doc.kind === 'escalation') return escalationId(doc.taskId, doc.dueDate);
  return null;
}
