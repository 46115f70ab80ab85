// One home for each collection's policy (issue #10): its label, who may write it, how concurrent edits merge, and
// its domain rules. `satisfies` makes a new collection impossible to forget. The server runs `validate` inside the
// push transaction with a lookup over the compound's current documents; the app runs the same rule before it saves,
// with a lookup over the local store. Pure: rules read other documents only through the lookup they are given.
import type { CollectionName } from '../schema';
import type { Role } from '../sync/permissions';
import { finalisedChangeProblem, lockedAgainst } from '../domain/minutes/lock';
import type { MergeContext, MergeResult, JsonObject } from '../domain/conflicts/merge';
import { chinaDateOf } from '../domain/common/dates';
import { checkTaskChange } from '../domain/tasks/workflow';
import { mergeTasks } from '../domain/tasks/merge';
import { taskDocumentProblem } from '../domain/tasks/validate';
import { expectedEscalationId } from '../domain/tasks/escalation';
import type { Task } from '../domain/tasks/types';
import { accountRules, bankReconciliationRules, periodRules, voucherRules } from './ledger-rules';
import { noticeRules } from './notice-rules';
import { mergeNotices, noticeLockedAgainst } from '../domain/notices/merge';

type Doc = Readonly<Record<string, unknown>>;

type Scalar = string | number | boolean;

/**
 * Equality on top-level fields, e.g. { status: 'closed' }; `contains` matches an array field holding an element with
 * those fields, e.g. { lines: { contains: { accountId: 'a1' } } } (jsonb @> on the server, $elemMatch in RxDB).
 */
export type Selector = Readonly<Record<string, Scalar | { readonly contains: Readonly<Record<string, Scalar>> }>>;

/** The selector's meaning on a plain document, for lookups that filter in memory. */
export function selectorMatches(doc: Doc, selector: Selector): boolean {
  return Object.entries(selector).every(([k, v]) => {
    if (typeof v !== 'object') return doc[k] === v;
    const list = doc[k];
    return Array.isArray(list) && list.some((e) => typeof e === 'object' && e !== null && Object.entries(v.contains).every(([f, x]) => (e as Doc)[f] === x));
  });
}

/** Read-only access to the current, not deleted documents a rule may consult. */
export type DocLookup = {
  get: (collection: CollectionName, id: string) => Promise<Doc | undefined>;
  find: (collection: CollectionName, selector: Selector, limit?: number) => Promise<Doc[]>;
};

export type DomainProblem = {
  /** A stable rule code, e.g. MEETING_FINALISED; the UI maps it to Chinese. */
  rule: string;
  /** English, for logs. */
  message: string;
  /** JSON pointer of the offending field, if one field is to blame. */
  path?: string;
};

/**
 * Who writes: on the server the pushing user (their current role and display name), in the app the session's user,
 * or on a PC that never logged in 'admin' and the operator name. Rules that depend on the person read it here, never
 * from what the document says about its author.
 */
export type DomainActor = { readonly role: Role; readonly name: string; readonly userId?: string; readonly personId?: string };

export type DomainCheckInput = {
  /** The new state, already valid against the collection's schema, with `_deleted`. */
  doc: Doc;
  /** The state it replaces, if the document exists. */
  previous: Doc | undefined;
  lookup: DocLookup;
  actor: DomainActor;
};

export type DomainCheck = (input: DomainCheckInput) => Promise<DomainProblem | null>;

/**
 * How this PC's change merges with a concurrent one (shared/domain/conflicts). `isLocked(base, theirs)`: the
 * server's version refuses this PC's changes, which are then all kept as conflict copies (rule C11).
 */
export type ConflictPolicy = {
  isLocked?: (base: Doc | undefined, theirs: Doc) => boolean;
  /** A merge of the collection's own, instead of the field-by-field one (e.g. tasks' workflow as one unit, W20). */
  merge?: (base: JsonObject | undefined, mine: JsonObject, theirs: JsonObject, ctx: MergeContext) => MergeResult;
};

export type CollectionPolicy = {
  /** What people call it, for 冲突 and sync messages. */
  label: string;
  /** Roles that may create, change and delete its documents; every role may read. */
  writers: readonly Role[];
  conflict: ConflictPolicy;
  validate: DomainCheck | null;
};

const ALL_OFFICE: readonly Role[] = ['admin', 'branch_secretary', 'secretary'];
const LEDGER: readonly Role[] = ['admin', 'treasurer'];

/** A finalised meeting keeps what it recorded (M15): only conflict copies and corrections may change. */
const meetingLock: DomainCheck = async ({ doc, previous }) => {
  const locked = finalisedChangeProblem(previous, doc);
  return locked ? { rule: locked.rule, message: `a finalised meeting cannot change ${locked.path}`, path: locked.path } : null;
};

/**
 * 六方联动 tasks (W13–W18, V7): a status moves only by a legal chain of actions each allowed for the writer's role,
 * recorded transitions are never rewritten, and the fields the server can judge without the roster hold.
 */
const taskRules: DomainCheck = async ({ doc, previous, actor }) => {
  if (doc._deleted === true) return null;
  const before = previous && previous._deleted !== true ? (previous as unknown as Task) : undefined;
  const task = doc as unknown as Task;
  const field = taskDocumentProblem(task, before?.dueDate, chinaDateOf(task.createdAt));
  if (field) return { rule: `TASK_${field.code}`, message: `task field ${field.field}: ${field.code}`, path: `/${field.field}` };
  const e = checkTaskChange(before, task, actor);
  if (!e) return null;
  const detail = e.detail ? ` ${JSON.stringify(e.detail)}` : '';
  return { rule: e.code, message: `task workflow: ${e.code}${detail}`, path: e.code === 'DUE_DATE_LOCKED' ? '/dueDate' : '/transitions' };
};

/** Fields of a log entry that may change after it was written: only bookkeeping and conflict copies. */
const ENTRY_MUTABLE: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'conflicts', '_deleted']);

/**
 * The progress log is append-only (W21): an entry is never changed or deleted. Its task need not be on the server
 * yet: collections sync in separate lanes, so an entry may arrive before its task. 催办/上报 entries carry their
 * deterministic id (E6), so that each exists once.
 */
const taskUpdateRules: DomainCheck = async ({ doc, previous }) => {
  if (previous && previous._deleted !== true) {
    if (doc._deleted === true) return { rule: 'TASK_UPDATE_APPEND_ONLY', message: 'a progress entry is never deleted', path: '/_deleted' };
    const keys = new Set([...Object.keys(doc), ...Object.keys(previous)]);
    for (const k of keys) {
      if (!ENTRY_MUTABLE.has(k) && JSON.stringify(doc[k]) !== JSON.stringify(previous[k])) {
        return { rule: 'TASK_UPDATE_APPEND_ONLY', message: `a progress entry is never changed (${k})`, path: `/${k}` };
      }
    }
    return null;
  }
  if (doc._deleted === true) return null;
  const expected = expectedEscalationId(doc);
  if ((doc.kind === 'urge' || doc.kind === 'escalation') && expected !== doc.id) {
    return { rule: 'TASK_UPDATE_ID_INVALID', message: `a ${String(doc.kind)} entry must have id ${String(expected)}`, path: '/id' };
  }
  return null;
};

export const COLLECTION_POLICIES = {
  roster: { label: '组织人员', writers: ALL_OFFICE, conflict: {}, validate: null },
  settings: { label: '小区设置', writers: ['admin', 'branch_secretary'], conflict: {}, validate: null },
  meetings: { label: '会议记录', writers: ALL_OFFICE, conflict: { isLocked: lockedAgainst }, validate: meetingLock },
  tasks: { label: '六方联动任务', writers: [...ALL_OFFICE, 'staff'], conflict: { merge: mergeTasks }, validate: taskRules },
  task_updates: { label: '任务进展', writers: [...ALL_OFFICE, 'staff'], conflict: {}, validate: taskUpdateRules },
  // 财务台账 (issue #12, shared/collections/ledger-rules.ts).
  accounts: { label: '会计科目', writers: LEDGER, conflict: {}, validate: accountRules },
  vouchers: { label: '记账凭证', writers: LEDGER, conflict: {}, validate: voucherRules },
  periods: { label: '会计期间', writers: LEDGER, conflict: {}, validate: periodRules },
  bank_reconciliations: { label: '银行对账', writers: LEDGER, conflict: {}, validate: bankReconciliationRules },
  // 公告 (issue #13, shared/collections/notice-rules.ts).
  notices: { label: '公告', writers: [...ALL_OFFICE, 'treasurer'], conflict: { isLocked: noticeLockedAgainst, merge: mergeNotices }, validate: noticeRules },
} as const satisfies { readonly [C in CollectionName]: CollectionPolicy };

export const policyOf = (collection: CollectionName): CollectionPolicy => COLLECTION_POLICIES[collection];

/** Runs the collection's domain rule; null when the document keeps every rule. */
export async function checkDocument(collection: CollectionName, input: DomainCheckInput): Promise<DomainProblem | null> {
  const check = policyOf(collection).validate;
  return check ? check(input) : null;
}

/** The label of every collection, for the UI. */
export const COLLECTION_LABELS = Object.fromEntries(Object.entries(COLLECTION_POLICIES).map(([name, p]) => [name, p.label])) as {
  readonly [C in CollectionName]: string;
};
