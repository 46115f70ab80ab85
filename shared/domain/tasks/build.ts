// B1–B8: task documents and progress-log entries built from what a person entered. Ids and stamps are passed in.
import { err, ok, type Result } from '../../result';
import { PHOTO_DATA_URL_MAX, type TaskDoc, type TaskUpdateDoc } from '../../schema';
import { chinaDateOf, formatDateCn } from '../common/dates';
import { hasErrors } from '../common/field-error';
import { createdFields, updatedFields, type Stamp } from '../common/stamp';
import type { Party } from '../../schema';
import { TASK_ACTION_LABELS, TASK_STATUS_LABELS } from './labels';
import { validateTask, type TaskFieldErrors } from './validate';
import { lastTransition } from './workflow';
import type { CoParty, Task, TaskInput, TaskRoster } from './types';

/** The form's fields, trimmed, with names filled in from the roster (kept when a person later leaves). */
function fields(input: TaskInput, roster: TaskRoster): Partial<TaskDoc> {
  const out: Partial<TaskDoc> = { title: input.title.trim(), priority: input.priority ?? 'normal' };
  if (input.leadParty) out.leadParty = input.leadParty;
  const text = (k: 'description' | 'location' | 'category', v: string | undefined) => {
    const t = k === 'description' ? (v ?? '').replace(/\s+$/, '') : (v ?? '').trim();
    if (t !== '') out[k] = t;
  };
  text('description', input.description);
  text('location', input.location);
  text('category', input.category);
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
  if (tags.length > 0) out.tags = tags;
  if (input.leadOrganizationId) {
    out.leadOrganizationId = input.leadOrganizationId;
    const org = roster.organizations.get(input.leadOrganizationId);
    if (org) out.leadOrganizationName = org.name;
  }
  if (input.ownerId) {
    out.ownerId = input.ownerId;
    const person = roster.people.get(input.ownerId);
    if (person) out.ownerName = person.name;
  }
  const co = (input.coParties ?? []).map((c): CoParty => {
    const x: CoParty = { party: c.party };
    if (c.organizationId) {
      x.organizationId = c.organizationId;
      const name = roster.organizations.get(c.organizationId)?.name ?? c.organizationName;
      if (name) x.organizationName = name;
    }
    if (c.personId) {
      x.personId = c.personId;
      const name = roster.people.get(c.personId)?.name ?? c.personName;
      if (name) x.personName = name;
    } else if (c.personName?.trim()) x.personName = c.personName.trim();
    return x;
  });
  if (co.length > 0) out.coParties = co;
  if (input.dueDate) out.dueDate = input.dueDate;
  if (input.source) {
    const source = Object.fromEntries(
      Object.entries(input.source).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]).filter(([, v]) => v !== '' && v !== undefined),
    ) as NonNullable<TaskDoc['source']>;
    out.source = source;
  }
  return out;
}

/** B1 a new task: 待分派, validated (V1–V6), stamped; its creation day (in China) is the earliest due date. */
export function newTask(id: string, input: TaskInput, roster: TaskRoster, stamp: Stamp): Result<TaskDoc, TaskFieldErrors> {
  const createdOn = chinaDateOf(stamp.at) ?? stamp.at.slice(0, 10);
  const errors = validateTask(input, { roster, createdOn });
  if (hasErrors(errors)) return err(errors);
  return ok({ id, ...createdFields(stamp), ...fields(input, roster), status: 'pending' } as TaskDoc);
}

/** Fields the form owns; anything else (status, transitions, timestamps, satisfaction, …) an edit never touches. */
const FORM_FIELDS = [
  'title', 'description', 'leadParty', 'leadOrganizationId', 'leadOrganizationName', 'ownerId', 'ownerName', 'coParties', 'dueDate', 'priority', 'location',
  'category', 'tags', 'source',
] as const satisfies readonly (keyof TaskDoc)[];

/**
 * B2 an edit of the form's fields. Status and transitions never change here (the workflow moves them); the due date
 * changes only while the task is 待分派 or had none (W17) — later through 延期.
 */
export function editTask(task: Task, input: TaskInput, roster: TaskRoster, stamp: Stamp): Result<TaskDoc, TaskFieldErrors> {
  const createdOn = chinaDateOf(task.createdAt) ?? task.createdAt.slice(0, 10);
  // An unchanged due date is never judged again (the task may be older than it).
  const errors = validateTask(input.dueDate === task.dueDate ? { ...input, dueDate: undefined } : input, { roster, createdOn });
  if ((input.dueDate ?? undefined) !== (task.dueDate ?? undefined) && task.status !== 'pending' && task.dueDate !== undefined) {
    errors.dueDate = { code: 'DUE_DATE_LOCKED' };
  }
  if (hasErrors(errors)) return err(errors);
  const next = { ...(task as TaskDoc) };
  for (const k of FORM_FIELDS) delete next[k];
  // Names the roster no longer has stay as they were.
  const f = fields(input, roster);
  if (input.ownerId && input.ownerId === task.ownerId && !f.ownerName && task.ownerName) f.ownerName = task.ownerName;
  if (input.leadOrganizationId && input.leadOrganizationId === task.leadOrganizationId && !f.leadOrganizationName && task.leadOrganizationName) {
    f.leadOrganizationName = task.leadOrganizationName;
  }
  if (!input.ownerId && task.ownerName && !task.ownerId) f.ownerName = task.ownerName; // a name typed in minutes, no roster id
  return ok({ ...next, ...f, ...updatedFields(stamp) } as TaskDoc);
}

export type ProgressInput = {
  kind: 'progress' | 'comment';
  text: string;
  photos?: readonly { id: string; name?: string; dataUrl: string }[];
  party?: Party;
  authorName: string;
  authorId?: string;
};

export type ProgressErrorCode = 'TEXT_REQUIRED' | 'TEXT_TOO_LONG' | 'TOO_MANY_PHOTOS' | 'PHOTO_TOO_LARGE' | 'PHOTO_NOT_IMAGE';
export const PHOTOS_MAX = 3;
const PHOTO_PATTERN = /^data:image\/(jpeg|png|webp);base64,/;

/** B3 what a 进展/备注 entry needs before it is written (null: fine). */
export function progressProblem(input: Pick<ProgressInput, 'text' | 'photos'>): { code: ProgressErrorCode; detail?: Record<string, string | number> } | null {
  const text = input.text.trim();
  const photos = input.photos ?? [];
  if (text === '' && photos.length === 0) return { code: 'TEXT_REQUIRED' };
  if ([...text].length > 20_000) return { code: 'TEXT_TOO_LONG', detail: { max: 20_000 } };
  if (photos.length > PHOTOS_MAX) return { code: 'TOO_MANY_PHOTOS', detail: { max: PHOTOS_MAX } };
  for (const p of photos) {
    if (!PHOTO_PATTERN.test(p.dataUrl)) return { code: 'PHOTO_NOT_IMAGE', detail: { name: p.name ?? '' } };
    if (p.dataUrl.length > PHOTO_DATA_URL_MAX) return { code: 'PHOTO_TOO_LARGE', detail: { name: p.name ?? '', max: PHOTO_DATA_URL_MAX } };
  }
  return null;
}

/**
 * B3 a 进展/备注 entry: its own document, so that entries written at the same time on two PCs never conflict.
 * Check the input with progressProblem first; an entry of photos only reads （照片）.
 */
export function progressEntry(id: string, task: Pick<Task, 'id'>, input: ProgressInput, stamp: Stamp): TaskUpdateDoc {
  const text = input.text.trim();
  const photos = input.photos ?? [];
  const doc: TaskUpdateDoc = { id, ...createdFields(stamp), taskId: task.id, kind: input.kind, text: text || '（照片）', at: stamp.at, authorName: input.authorName };
  if (input.authorId) doc.authorId = input.authorId;
  if (input.party) doc.party = input.party;
  if (photos.length > 0) doc.photos = photos.map((p) => (p.name ? { id: p.id, name: p.name, dataUrl: p.dataUrl } : { id: p.id, dataUrl: p.dataUrl }));
  return doc;
}

/** B4 the log entry mirroring the last transition `after` gained over `before` (applyAction adds exactly one). */
export function statusEntry(id: string, before: Task, after: Task, stamp: Stamp): TaskUpdateDoc {
  const t = lastTransition(after);
  if (!t || (after.transitions ?? []).length <= (before.transitions ?? []).length) throw new Error(`task ${after.id}: no new transition to log`);
  const label = TASK_ACTION_LABELS[t.action];
  const move = t.from === t.to ? label : `${label}：${TASK_STATUS_LABELS[t.from]} → ${TASK_STATUS_LABELS[t.to]}`;
  const date = t.dueDate ? `（${t.action === 'request_extension' ? '申请延至' : '延至'}${formatDateCn(t.dueDate) ?? t.dueDate}）` : '';
  const text = `${move}${date}${t.reason ? `。原因：${t.reason}` : ''}`;
  const doc: TaskUpdateDoc = {
    id,
    ...createdFields(stamp),
    taskId: after.id,
    kind: 'status',
    action: t.action,
    fromStatus: t.from,
    toStatus: t.to,
    text,
    at: t.at,
    authorName: t.by,
  };
  return doc;
}

/** B5 resident satisfaction (1–5) once the task is closed (已办结 or 已公示). */
export function setSatisfaction(task: Task, score: number, stamp: Stamp): Result<TaskDoc, { code: 'NOT_CLOSED' | 'SATISFACTION_RANGE' }> {
  if (task.status !== 'done' && task.status !== 'published') return err({ code: 'NOT_CLOSED' });
  if (!Number.isInteger(score) || score < 1 || score > 5) return err({ code: 'SATISFACTION_RANGE' });
  return ok({ ...(task as TaskDoc), satisfaction: score, ...updatedFields(stamp) });
}
