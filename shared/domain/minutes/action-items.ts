// K1–K3: how far the tasks spawned from a meeting have come ("1/2 已办结").
import type { Meeting, Task } from './types';

export type TaskProgress = {
  /** 已办结 */
  done: number;
  /** Linked tasks that are not cancelled (including ones not yet synced to this device). */
  total: number;
  /** 已撤销: linked but not counted. */
  cancelled: number;
  /** Linked ids with no task in the list given (counted in `total`, never as done). */
  missing: number;
  /** Action items not yet turned into a task. */
  pending: number;
};

/** K1: the tasks linked to the meeting: its taskIds, its action items' taskIds, and tasks whose source names it. */
export function linkedTaskIds(meeting: Meeting, tasks: readonly Task[]): Set<string> {
  const ids = new Set<string>(meeting.taskIds ?? []);
  for (const t of meeting.topics)
    for (const r of t.resolutions ?? []) for (const item of r.actionItems ?? []) if (item.taskId) ids.add(item.taskId);
  for (const task of tasks) if (task.source?.meetingId === meeting.id) ids.add(task.id);
  return ids;
}

/** K2 'done' and 'published' (已公示, accepted then posted) count as 已办结; cancelled tasks leave the total. K3 action items without a task (by their taskId or a task whose source names them) are `pending`. */
export function taskProgress(meeting: Meeting, tasks: readonly Task[]): TaskProgress {
  const ids = linkedTaskIds(meeting, tasks);
  const byId = new Map(tasks.map((t) => [t.id, t] as const));
  const p: TaskProgress = { done: 0, total: 0, cancelled: 0, missing: 0, pending: 0 };
  for (const id of ids) {
    const task = byId.get(id);
    if (!task) {
      p.missing += 1;
      p.total += 1;
    } else if (task.status === 'cancelled') p.cancelled += 1;
    else {
      p.total += 1;
      if (task.status === 'done' || task.status === 'published') p.done += 1;
    }
  }
  // A finalised record is locked, so a task made from it afterwards is linked only through its source.
  const madeFromItem = new Set(tasks.filter((t) => t.source?.meetingId === meeting.id && t.source.actionItemId).map((t) => t.source?.actionItemId));
  for (const t of meeting.topics)
    for (const r of t.resolutions ?? [])
      for (const item of r.actionItems ?? []) if (!item.taskId && !madeFromItem.has(item.id)) p.pending += 1;
  return p;
}
