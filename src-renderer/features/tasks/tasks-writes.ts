// Writes of 六方联动. Ids are made here (UI layer); the rules build every document (shared/domain/tasks); every write
// is stamped. A rule is checked on the stored task before writing and applied again to the latest revision inside
// the write, so a change made meanwhile in another window is never overwritten with a stale copy.
import type { LocalDate } from '../../../shared/domain/common/dates';
import type { FieldErrors } from '../../../shared/domain/common/field-error';
import {
  applyAction,
  editTask,
  newTask,
  progressEntry,
  progressProblem,
  setSatisfaction,
  statusEntry,
  type ProgressErrorCode,
} from '../../../shared/domain/tasks';
import type {
  Task,
  TaskActionInput,
  TaskActor,
  TaskField,
  TaskFieldCode,
  TaskInput,
  TaskRoster,
  TaskRuleError,
} from '../../../shared/domain/tasks/types';
import { err, ok, type Result } from '../../../shared/result';
import type { Party, TaskDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { currentStamp } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';

export type TaskFormErrors = FieldErrors<TaskField, TaskFieldCode>;

async function current(db: LinliDatabase, id: string): Promise<Result<TaskDoc, WriteError>> {
  const r = await attemptWrite(() => db.tasks.findOne(id).exec());
  if (!r.ok) return r;
  return r.value ? ok(r.value.toMutableJSON()) : err({ code: 'NOT_FOUND' });
}

/** Modifies the latest revision with `change`; a change that no longer applies there leaves the task as it is. */
async function modify(db: LinliDatabase, id: string, change: (old: TaskDoc) => TaskDoc | null): Promise<Result<TaskDoc, WriteError>> {
  const out: { written: TaskDoc | null } = { written: null };
  const r = await attemptWrite(async () => {
    const doc = await db.tasks.findOne(id).exec();
    if (!doc) return false;
    await doc.incrementalModify((old) => {
      out.written = change(old);
      return out.written ?? old;
    });
    return true;
  });
  if (!r.ok) return r;
  if (!r.value) return err({ code: 'NOT_FOUND' });
  return out.written ? ok(out.written) : err({ code: 'WRITE_CONFLICT' });
}

export type SaveTaskResult = Result<{ id: string }, { kind: 'fields'; errors: TaskFormErrors } | { kind: 'write'; error: WriteError }>;

/** A new task (id null) or the form fields of an existing one; invalid input writes nothing. */
export async function saveTask(db: LinliDatabase, id: string | null, input: TaskInput, roster: TaskRoster): Promise<SaveTaskResult> {
  const stamp = currentStamp();
  if (id === null) {
    const built = newTask(crypto.randomUUID(), input, roster, stamp);
    if (!built.ok) return err({ kind: 'fields', errors: built.error });
    const doc = built.value;
    const r = await attemptWrite(() => db.tasks.insert(doc));
    return r.ok ? ok({ id: doc.id }) : err({ kind: 'write', error: r.error });
  }
  const before = await current(db, id);
  if (!before.ok) return err({ kind: 'write', error: before.error });
  const check = editTask(before.value, input, roster, stamp);
  if (!check.ok) return err({ kind: 'fields', errors: check.error });
  const r = await modify(db, id, (old) => {
    const next = editTask(old, input, roster, stamp);
    return next.ok ? next.value : null;
  });
  return r.ok ? ok({ id }) : err({ kind: 'write', error: r.error });
}

export type ActionResult = Result<TaskDoc, { kind: 'rule'; error: TaskRuleError } | { kind: 'write'; error: WriteError }>;

/**
 * One action (签收, 提交验收, 退回 …) by `actor`: the state machine decides, then two writes — the task, then its log
 * entry (状态变更). The entry's id is the transition's, so writing it again after a failure cannot duplicate it.
 */
export async function performAction(
  db: LinliDatabase,
  taskId: string,
  input: TaskActionInput,
  actor: TaskActor,
  today: LocalDate,
): Promise<ActionResult> {
  const before = await current(db, taskId);
  if (!before.ok) return err({ kind: 'write', error: before.error });
  const stamp = currentStamp();
  const transitionId = crypto.randomUUID();
  const check = applyAction(before.value, input, actor, stamp, transitionId, today);
  if (!check.ok) return err({ kind: 'rule', error: check.error });
  const seen: { base: TaskDoc; refusal: TaskRuleError | null } = { base: before.value, refusal: null };
  const written = await modify(db, taskId, (old) => {
    seen.base = old;
    const next = applyAction(old, input, actor, stamp, transitionId, today);
    if (next.ok) return next.value;
    seen.refusal = next.error;
    return null;
  });
  if (seen.refusal) return err({ kind: 'rule', error: seen.refusal });
  if (!written.ok) return err({ kind: 'write', error: written.error });
  const entry = statusEntry(transitionId, seen.base, written.value, stamp);
  const logged = await attemptWrite(() => db.task_updates.insert(entry));
  // The task moved; a log entry that failed to write is reported, the move stands (its transition is on the task).
  if (!logged.ok) return err({ kind: 'write', error: logged.error });
  return ok(written.value);
}

export type NewEntry = {
  readonly kind: 'progress' | 'comment';
  readonly text: string;
  readonly photos?: readonly { id: string; name?: string; dataUrl: string }[];
  readonly party?: Party;
};

export type EntryError = { kind: 'entry'; code: ProgressErrorCode; detail?: Record<string, string | number> } | { kind: 'write'; error: WriteError };

/** A 办理进展 or 备注 entry: its own document, so entries written on two PCs offline never conflict. */
export async function addTaskEntry(db: LinliDatabase, task: Task, entry: NewEntry, actor: TaskActor): Promise<Result<{ id: string }, EntryError>> {
  const problem = progressProblem(entry);
  if (problem) return err({ kind: 'entry', ...problem });
  const input = { ...entry, authorName: actor.name, ...(actor.personId ? { authorId: actor.personId } : {}) };
  const doc = progressEntry(crypto.randomUUID(), task, input, currentStamp());
  const r = await attemptWrite(() => db.task_updates.insert(doc));
  return r.ok ? ok({ id: doc.id }) : err({ kind: 'write', error: r.error });
}

/** 居民满意度 (1–5) after closing; a refusal (not closed any more) is the rule's code. */
export async function saveSatisfaction(
  db: LinliDatabase,
  taskId: string,
  score: number,
): Promise<Result<TaskDoc, { kind: 'rule'; code: 'NOT_CLOSED' | 'SATISFACTION_RANGE' } | { kind: 'write'; error: WriteError }>> {
  const stamp = currentStamp();
  const seen: { code: 'NOT_CLOSED' | 'SATISFACTION_RANGE' | null } = { code: null };
  const r = await modify(db, taskId, (old) => {
    const next = setSatisfaction(old, score, stamp);
    if (!next.ok) seen.code = next.error.code;
    return next.ok ? next.value : null;
  });
  if (seen.code) return err({ kind: 'rule', code: seen.code });
  return r.ok ? r : err({ kind: 'write', error: r.error });
}
