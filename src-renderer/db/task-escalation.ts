// Writes the 催办/上报 log entries due by today (shared/domain/tasks/escalation, E2–E6). Their ids and content are
// deterministic, so two PCs writing them offline push the same documents and the server keeps one. Called by the
// tasks section on start and once an hour; cheap when nothing is due.
import type { HolidayCalendar, LocalDate } from '../../shared/domain/common/dates';
import { ESCALATING_STATUSES, escalationEntries } from '../../shared/domain/tasks/escalation';
import type { Task } from '../../shared/domain/tasks/types';
import { canWrite } from '../../shared/sync/permissions';
import type { LinliDatabase } from './database';
import { localActor } from './domain-check';

/** Inserts the missing entries; returns how many were written (0 for a user who may not write the log). */
export async function writeDueEscalations(db: LinliDatabase, today: LocalDate, calendar: HolidayCalendar): Promise<number> {
  if (!canWrite(localActor().role, 'task_updates')) return 0;
  const late = await db.tasks.find({ selector: { status: { $in: [...ESCALATING_STATUSES] }, dueDate: { $lt: today } } }).exec();
  const due = late.flatMap((d) => escalationEntries(d.toJSON() as unknown as Task, today, calendar));
  if (due.length === 0) return 0;
  const existing = await db.task_updates.findByIds(due.map((e) => e.id)).exec();
  const missing = due.filter((e) => !existing.has(e.id));
  if (missing.length === 0) return 0;
  const r = await db.task_updates.bulkInsert(missing);
  // An id that exists meanwhile (written by another window, or pulled) is what we wanted anyway.
  return r.success.length;
}
