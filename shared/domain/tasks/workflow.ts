// W1–W19: the 六方联动 state machine with role checks (SPEC.md). One table of moves serves the app (which actions to
// offer, applying one) and the server (checking a chain of actions made offline, inside the push). Pure.
import { err, ok, type Result } from '../../result';
import type { TaskAction, TaskDoc, TaskStatus } from '../../schema';
import type { Role } from '../../sync/permissions';
import { chinaDateOf, type LocalDate } from '../common/dates';
import type { Stamp } from '../common/stamp';
import { TASK_ACTION_LABELS, TASK_STATUS_LABELS } from './labels';
import type { Task, TaskActionInput, TaskActor, TaskRuleError } from './types';

export type TaskTransition = NonNullable<TaskDoc['transitions']>[number];
export type TaskExtension = NonNullable<TaskDoc['extension']>;

/** The statuses in which work is under way (a 延期 may be asked for; W9). */
const UNDER_WAY: readonly TaskStatus[] = ['pending', 'signed', 'in_progress', 'submitted'];
/** W7 撤销 is possible from anything not finished. */
const CANCELLABLE: readonly TaskStatus[] = ['pending', 'signed', 'in_progress', 'submitted', 'suspended'];

/** W3 who may take which action (shared/sync/permissions roles). */
const WORKERS: readonly Role[] = ['admin', 'branch_secretary', 'secretary', 'staff'];
/** The party branch or the co-building council side: they accept, return, publish and cancel. */
const DECIDERS: readonly Role[] = ['admin', 'branch_secretary', 'secretary'];
/** The branch alone decides 延期. */
const BRANCH: readonly Role[] = ['admin', 'branch_secretary'];

type Move = {
  /** Statuses the action is possible from. */
  from: readonly TaskStatus[];
  /** The status it leads to; 'same' keeps it, 'suspendedFrom' returns to where 挂起 came from. */
  to: TaskStatus | 'same' | 'suspendedFrom';
  roles: readonly Role[];
  reason?: true;
};

export const TASK_MOVES: { readonly [A in TaskAction]: Move } = {
  sign: { from: ['pending'], to: 'signed', roles: WORKERS },
  start: { from: ['signed'], to: 'in_progress', roles: WORKERS },
  submit: { from: ['in_progress'], to: 'submitted', roles: WORKERS },
  accept: { from: ['submitted'], to: 'done', roles: DECIDERS },
  return: { from: ['submitted'], to: 'in_progress', roles: DECIDERS, reason: true },
  publish: { from: ['done'], to: 'published', roles: DECIDERS },
  suspend: { from: ['pending', 'signed', 'in_progress', 'submitted'], to: 'suspended', roles: WORKERS, reason: true },
  resume: { from: ['suspended'], to: 'suspendedFrom', roles: WORKERS, reason: true },
  cancel: { from: CANCELLABLE, to: 'cancelled', roles: DECIDERS, reason: true },
  request_extension: { from: UNDER_WAY, to: 'same', roles: WORKERS, reason: true },
  approve_extension: { from: UNDER_WAY, to: 'same', roles: BRANCH },
  reject_extension: { from: UNDER_WAY, to: 'same', roles: BRANCH, reason: true },
};

/** The order actions are offered in (and named in messages). */
const ACTION_ORDER: readonly TaskAction[] = [
  'sign', 'start', 'submit', 'accept', 'return', 'publish', 'suspend', 'resume', 'cancel', 'request_extension', 'approve_extension', 'reject_extension',
];

/** The part of a task the machine reads and moves. */
type Machine = {
  status: TaskStatus;
  suspendedFrom?: TaskStatus | undefined;
  extension?: TaskExtension | undefined;
  /** undefined: no due date; null: unknown (a new task whose first state the push does not show). */
  dueDate?: LocalDate | null | undefined;
};

const machineOf = (t: Task): Machine => ({ status: t.status, suspendedFrom: t.suspendedFrom, extension: t.extension, dueDate: t.dueDate });

/** Where the action leads from this state; null when it is not possible from here (ignoring role and details). */
function target(m: Machine, action: TaskAction): TaskStatus | null {
  const move = TASK_MOVES[action];
  if (!move.from.includes(m.status)) return null;
  if (action === 'approve_extension' || action === 'reject_extension') return m.extension ? m.status : null;
  if (action === 'request_extension') return m.extension ? null : m.status; // W10 one request at a time
  if (move.to === 'same') return m.status;
  if (move.to === 'suspendedFrom') return m.suspendedFrom ?? null;
  return move.to;
}

const trimmed = (s: string | undefined): string => (s ?? '').trim();

/** W5 the task's own 责任人 never accepts it: same roster person, or the same name. */
export function isOwner(task: Pick<Task, 'ownerId' | 'ownerName'>, who: { personId?: string | undefined; name?: string | undefined }): boolean {
  if (task.ownerId && who.personId && task.ownerId === who.personId) return true;
  const owner = trimmed(task.ownerName);
  return owner !== '' && owner === trimmed(who.name);
}

/** Everything an action needs beyond being possible from the status: role, reason, self-acceptance, 延期 rules. */
function detailProblem(
  task: Pick<Task, 'ownerId' | 'ownerName'>,
  m: Machine,
  action: TaskAction,
  role: Role,
  who: { personId?: string | undefined; name?: string | undefined }[],
  reason: string | undefined,
  dueDate: LocalDate | undefined,
  day: LocalDate | null,
): TaskRuleError | null {
  const move = TASK_MOVES[action];
  if (!move.roles.includes(role)) return { code: 'ROLE_NOT_ALLOWED', detail: { action, role } };
  if (action === 'accept' && who.some((w) => isOwner(task, w))) return { code: 'SELF_ACCEPTANCE' };
  if (move.reason && trimmed(reason) === '') return { code: 'REASON_REQUIRED', detail: { action } };
  if (action === 'request_extension') {
    if (m.extension) return { code: 'EXTENSION_PENDING' };
    if (!dueDate || m.dueDate === undefined) return { code: 'EXTENSION_DATE_INVALID', detail: { dueDate: dueDate ?? '' } };
    if (m.dueDate !== null) {
      if (dueDate <= m.dueDate) return { code: 'EXTENSION_DATE_INVALID', detail: { dueDate, current: m.dueDate } };
      if (day !== null && day > m.dueDate) return { code: 'EXTENSION_AFTER_DUE', detail: { current: m.dueDate } };
    }
  }
  if ((action === 'approve_extension' || action === 'reject_extension') && !m.extension) return { code: 'NO_EXTENSION_PENDING' };
  return null;
}

const illegal = (m: Machine, action: TaskAction): TaskRuleError => ({
  code: 'ILLEGAL_TRANSITION',
  detail: {
    action,
    from: m.status,
    allowed: ACTION_ORDER.filter((a) => target(m, a) !== null).map((a) => TASK_ACTION_LABELS[a]).join('、'),
  },
});

/** W2 the actions this actor may take on the task today (for buttons and menus). */
export function availableActions(task: Task, actor: TaskActor, today: LocalDate): TaskAction[] {
  const m = machineOf(task);
  return ACTION_ORDER.filter((a) => {
    if (target(m, a) === null) return false;
    // Reasons and dates are asked for when the action is chosen; only what the person cannot change counts here.
    const p = detailProblem(task, m, a, actor.role, [actor], 'x', a === 'request_extension' ? '9999-12-31' : undefined, today);
    return p === null;
  });
}

/** W1–W12 applies one action: the new document with one more `transitions` entry. */
export function applyAction(
  task: Task,
  input: TaskActionInput,
  actor: TaskActor,
  stamp: Stamp,
  transitionId: string,
  today: LocalDate,
): Result<TaskDoc, TaskRuleError> {
  const m = machineOf(task);
  const to = target(m, input.action);
  if (to === null) {
    // A second 延期 request or a decision on none is named for what it is, not as an illegal move.
    if (TASK_MOVES[input.action].from.includes(m.status)) {
      if (input.action === 'request_extension') return err({ code: 'EXTENSION_PENDING' });
      if (input.action === 'approve_extension' || input.action === 'reject_extension') return err({ code: 'NO_EXTENSION_PENDING' });
    }
    return err(illegal(m, input.action));
  }
  const reason = trimmed(input.reason) || undefined;
  const problem = detailProblem(task, m, input.action, actor.role, [actor, { name: stamp.by }], reason, input.dueDate, today);
  if (problem) return err(problem);

  const entry: TaskTransition = { id: transitionId, action: input.action, from: m.status, to, at: stamp.at, by: stamp.by, role: actor.role };
  if (reason) entry.reason = reason;
  if (input.action === 'request_extension' && input.dueDate) entry.dueDate = input.dueDate;
  if (input.action === 'approve_extension' && m.extension) entry.dueDate = m.extension.dueDate;

  const next = { ...(task as TaskDoc), transitions: [...((task.transitions ?? []) as TaskTransition[]), entry], updatedAt: stamp.at, updatedBy: stamp.by };
  applyEffects(next, entry, actor.name);
  return ok(next);
}

/** W11 what each action writes besides status (shared with the replay of a pushed chain, so both agree). */
function applyEffects(doc: TaskDoc, e: TaskTransition, actorName: string): void {
  doc.status = e.to;
  switch (e.action) {
    case 'sign':
      doc.signedAt = e.at;
      break;
    case 'start':
      doc.startedAt = e.at;
      break;
    case 'submit':
      doc.submittedAt = e.at;
      break;
    case 'accept':
      doc.closedAt = e.at;
      doc.acceptedBy = actorName;
      delete doc.extension;
      break;
    case 'publish':
      doc.publishedAt = e.at;
      break;
    case 'suspend':
      doc.suspendedFrom = e.from;
      break;
    case 'resume':
      delete doc.suspendedFrom;
      break;
    case 'cancel':
      doc.closedAt = e.at;
      delete doc.suspendedFrom;
      delete doc.extension;
      break;
    case 'request_extension':
      doc.extension = { dueDate: e.dueDate ?? '', reason: e.reason ?? '', at: e.at, by: e.by };
      break;
    case 'approve_extension':
      if (doc.extension) doc.dueDate = doc.extension.dueDate;
      delete doc.extension;
      break;
    case 'reject_extension':
      delete doc.extension;
      break;
    case 'return':
      break;
  }
}

/** Steps the machine by one recorded entry (its content already checked). */
function step(m: Machine, e: TaskTransition): Machine {
  const next: Machine = { ...m, status: e.to };
  if (e.action === 'suspend') next.suspendedFrom = e.from;
  if (e.action === 'resume' || e.action === 'cancel') next.suspendedFrom = undefined;
  if (e.action === 'request_extension') next.extension = { dueDate: e.dueDate ?? '', reason: e.reason ?? '', at: e.at, by: e.by };
  if (e.action === 'approve_extension') next.dueDate = m.extension?.dueDate ?? next.dueDate;
  if (e.action === 'approve_extension' || e.action === 'reject_extension' || e.action === 'accept' || e.action === 'cancel') next.extension = undefined;
  return next;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameEntry = (a: TaskTransition, b: TaskTransition): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof TaskTransition>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
};

/**
 * W13–W18 whether `next` may replace `previous` (undefined: a new task), as the server checks a push and the app a
 * save: recorded transitions are kept, new ones form a legal chain from where the task stood, each allowed for the
 * actor (the pushing user, not the role written into the entry), and status, 挂起 and 延期 are where the chain leads.
 * `actor` null: structure only, no role or self-acceptance checks (the conflict merge, which knows no role).
 * `today` is not the judge of a 延期 request: each is checked against its own date (`at`, in China), so that a
 * request made in time offline stays valid when it reaches the server later.
 */
export function checkTaskChange(previous: Task | undefined, next: Task, actor: TaskActor | null, today?: LocalDate): TaskRuleError | null {
  void today;
  const before = (previous?.transitions ?? []) as readonly TaskTransition[];
  const after = (next.transitions ?? []) as readonly TaskTransition[];
  if (after.length < before.length || before.some((e, i) => !sameEntry(e, after[i]!))) return { code: 'TRANSITIONS_REWRITTEN' };
  const appended = after.slice(before.length);
  const ids = new Set(before.map((e) => e.id));

  let m: Machine = previous
    ? machineOf(previous)
    : // A new task starts 待分派 with no request; its first due date is whatever it was created with.
      { status: 'pending', dueDate: appended.some((e) => e.action === 'approve_extension') ? null : next.dueDate };
  const who = actor ? [actor] : [];
  for (const e of appended) {
    if (ids.has(e.id)) return { code: 'TRANSITIONS_REWRITTEN', detail: { id: e.id } };
    ids.add(e.id);
    const to = target(m, e.action);
    if (e.from !== m.status || to === null || e.to !== to) {
      if (e.from === m.status && TASK_MOVES[e.action].from.includes(m.status)) {
        if (e.action === 'request_extension' && m.extension) return { code: 'EXTENSION_PENDING' };
        if ((e.action === 'approve_extension' || e.action === 'reject_extension') && !m.extension) return { code: 'NO_EXTENSION_PENDING' };
      }
      return illegal(m, e.action);
    }
    const day = chinaDateOf(e.at);
    const role = actor?.role ?? 'admin';
    const problem = detailProblem(next, m, e.action, role, [...who, { name: e.by }], e.reason, e.dueDate, day);
    if (problem) return problem;
    if (e.action === 'approve_extension' && e.dueDate !== undefined && e.dueDate !== m.extension?.dueDate) {
      return { code: 'EXTENSION_DATE_INVALID', detail: { dueDate: e.dueDate } };
    }
    m = step(m, e);
  }
  if (next.status !== m.status) return { code: 'STATUS_WITHOUT_TRANSITION', detail: { status: next.status, expected: m.status } };
  if ((next.suspendedFrom ?? undefined) !== (m.status === 'suspended' ? m.suspendedFrom : undefined)) {
    return { code: 'STATUS_WITHOUT_TRANSITION', detail: { field: 'suspendedFrom' } };
  }
  if (!same(next.extension, m.extension)) return { code: 'STATUS_WITHOUT_TRANSITION', detail: { field: 'extension' } };
  // W17 the due date moves by an approved 延期, or by editing while nobody has signed for the task yet.
  if (m.dueDate !== null && next.dueDate !== m.dueDate) {
    const approved = appended.some((e) => e.action === 'approve_extension');
    // Judged by the version the push was based on: an edit made before signing may travel with the 签收 after it.
    const editable = !previous || previous.status === 'pending' || previous.dueDate === undefined;
    if (approved || !editable) return { code: 'DUE_DATE_LOCKED', detail: { dueDate: next.dueDate ?? '' } };
  }
  return null;
}

/**
 * W20 a transition recorded on another version, replayed onto `task`: same action, id, time, person and reason,
 * from where `task` stands now. null when it is not possible there (structure only: the server checks the role).
 */
export function replayTransition(task: Task, e: TaskTransition, actorName: string): TaskDoc | null {
  const m = machineOf(task);
  const to = target(m, e.action);
  if (to === null) return null;
  const entry: TaskTransition = { ...e, from: m.status, to };
  if (e.action === 'approve_extension' && m.extension) entry.dueDate = m.extension.dueDate;
  const next = { ...(task as TaskDoc), transitions: [...((task.transitions ?? []) as TaskTransition[]), entry] };
  applyEffects(next, entry, actorName);
  return checkTaskChange(task, next, null) === null ? next : null;
}

/** The last transition of a task, if any. */
export const lastTransition = (task: Task): TaskTransition | undefined => {
  const list = task.transitions ?? [];
  return list[list.length - 1] as TaskTransition | undefined;
};

/** W19 the Chinese sentence for a refusal; an illegal move names the steps possible from where the task stands. */
export function taskRuleMessage(error: TaskRuleError): string {
  const d = error.detail ?? {};
  const status = (s: unknown): string => TASK_STATUS_LABELS[s as TaskStatus] ?? String(s ?? '');
  const action = (a: unknown): string => TASK_ACTION_LABELS[a as TaskAction] ?? String(a ?? '');
  switch (error.code) {
    case 'ILLEGAL_TRANSITION': {
      if (d.from === undefined) return '任务的办理步骤不合规定（不能跳过签收、提交验收、验收等步骤）';
      const allowed = String(d.allowed ?? '');
      return `“${status(d.from)}”的任务不能直接“${action(d.action)}”，${allowed ? `可以：${allowed}` : '已不能再办理'}`;
    }
    case 'REASON_REQUIRED':
      return d.action ? `“${action(d.action)}”需要填写原因` : '这一步需要填写原因';
    case 'ROLE_NOT_ALLOWED':
      return d.action === 'approve_extension' || d.action === 'reject_extension'
        ? '延期只能由党支部（支部书记或管理员）审批'
        : ['accept', 'return', 'publish', 'cancel'].includes(String(d.action))
          ? `“${action(d.action)}”只能由党支部或业委会一方（支部书记、秘书或管理员）办理`
          : d.action
            ? `当前账号的角色不能“${action(d.action)}”`
            : '当前账号的角色不能办理这一步（验收、退回、公示、撤销由党支部或业委会一方办理，延期由党支部审批）';
    case 'SELF_ACCEPTANCE':
      return '责任人不能验收自己负责的任务，请由党支部或业委会验收';
    case 'EXTENSION_AFTER_DUE':
      return d.current ? `截止日期（${String(d.current)}）已过，不能再申请延期` : '截止日期已过，不能再申请延期';
    case 'EXTENSION_DATE_INVALID':
      return d.current ? `新的截止日期须晚于当前截止日期（${String(d.current)}）` : '请填写晚于当前截止日期的新日期（任务须先有截止日期）';
    case 'EXTENSION_PENDING':
      return '已有一项延期申请等待审批，请先批准或驳回';
    case 'NO_EXTENSION_PENDING':
      return '没有待审批的延期申请';
    case 'TRANSITIONS_REWRITTEN':
      return '任务的办理记录不能修改或删除';
    case 'STATUS_WITHOUT_TRANSITION':
      return '任务状态只能通过签收、提交验收、验收等办理步骤改变';
    case 'DUE_DATE_LOCKED':
      return '任务签收后，截止日期只能通过“申请延期”并经党支部批准后更改';
  }
}
