// The vocabulary of 六方联动 tasks shared by the workflow, the builders, the views, import and print (issue #11).
import type { DeepReadonly } from '../minutes/types';
import type { LocalDate } from '../common/dates';
import type { Party, TaskAction, TaskDoc, TaskStatus, TaskUpdateDoc } from '../../schema';
import type { Role } from '../../sync/permissions';

export type Task = DeepReadonly<TaskDoc>;
export type TaskUpdate = DeepReadonly<TaskUpdateDoc>;
export type CoParty = NonNullable<TaskDoc['coParties']>[number];
export type TaskSource = NonNullable<TaskDoc['source']>;

/**
 * Who acts: the logged-in user's role and name (on the server: the pushing user; in the app: the session's user,
 * or on a PC that never logged in, 'admin' and the operator name). `personId` is the roster person when known.
 */
export type TaskActor = { readonly role: Role; readonly name: string; readonly personId?: string };

/** One action asked for by a person; reason and dueDate as the action needs them. */
export type TaskActionInput = { readonly action: TaskAction; readonly reason?: string; readonly dueDate?: LocalDate };

export type TaskRuleCode =
  | 'ILLEGAL_TRANSITION' // detail.allowed: the legal next actions, e.g. '提交验收、挂起、撤销'
  | 'REASON_REQUIRED'
  | 'ROLE_NOT_ALLOWED' // this role may not take this action
  | 'SELF_ACCEPTANCE' // the task's own 责任人 may not accept it
  | 'EXTENSION_AFTER_DUE' // 延期 asked for after the due date passed
  | 'EXTENSION_DATE_INVALID' // not after the current due date
  | 'EXTENSION_PENDING' // a request is already waiting
  | 'NO_EXTENSION_PENDING'
  | 'TRANSITIONS_REWRITTEN' // a push changed or dropped recorded transitions
  | 'STATUS_WITHOUT_TRANSITION' // status differs from where the recorded transitions lead
  | 'DUE_DATE_LOCKED'; // the due date changed after signing other than by an approved 延期

export type TaskRuleError = { readonly code: TaskRuleCode; readonly detail?: Readonly<Record<string, string | number>> };

/** Fields of the task form. */
export type TaskField =
  | 'title'
  | 'description'
  | 'leadParty'
  | 'leadOrganizationId'
  | 'ownerId'
  | 'coParties'
  | 'dueDate'
  | 'priority'
  | 'location'
  | 'category'
  | 'tags'
  | 'source';

export type TaskFieldCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'DUE_BEFORE_CREATION'
  | 'UNKNOWN_PERSON'
  | 'UNKNOWN_ORGANIZATION'
  | 'CO_PARTY_IS_LEAD'
  | 'CO_PARTY_REPEATED'
  | 'BAD_DATE'
  | 'BAD_PHONE'
  | 'DUE_DATE_LOCKED'; // after signing, only an approved 延期 moves the due date

/** What the task form edits (everything but status and bookkeeping). */
export type TaskInput = {
  readonly title: string;
  readonly description?: string;
  readonly leadParty?: Party;
  readonly leadOrganizationId?: string;
  readonly ownerId?: string;
  readonly coParties?: readonly CoParty[];
  readonly dueDate?: LocalDate;
  readonly priority?: TaskDoc['priority'];
  readonly location?: string;
  readonly category?: string;
  readonly tags?: readonly string[];
  readonly source?: TaskSource;
};

/** The roster as the task rules see it: active people and organisations by id. */
export type TaskRoster = {
  readonly people: ReadonlyMap<string, { readonly name: string; readonly party: Party; readonly organizationId?: string }>;
  readonly organizations: ReadonlyMap<string, { readonly name: string; readonly party: Party }>;
};

export type OpenStatus = Extract<TaskStatus, 'pending' | 'signed' | 'in_progress' | 'submitted'>;
