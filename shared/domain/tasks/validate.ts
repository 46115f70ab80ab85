// V1–V9: what the task form (and import) must hold before anything is saved; one coded error per field. Pure.
import { PARTIES, type Party } from '../../schema';
import { parseLocalDate, type LocalDate } from '../common/dates';
import type { FieldErrors } from '../common/field-error';
import { normalizePhone } from '../roster/phone';
import type { TaskField, TaskFieldCode, TaskInput, TaskRoster } from './types';

export const TASK_LIMITS = {
  title: 200,
  description: 20_000,
  location: 200,
  category: 50,
  tag: 30,
  tags: 20,
  coParties: 5,
} as const;

export type TaskFieldErrors = FieldErrors<TaskField, TaskFieldCode>;

const length = (s: string | undefined): number => [...(s ?? '')].length;
const isParty = (p: unknown): p is Party => typeof p === 'string' && (PARTIES as readonly string[]).includes(p);

export function validateTask(input: TaskInput, ctx: { roster: TaskRoster; createdOn: LocalDate }): TaskFieldErrors {
  const e: TaskFieldErrors = {};
  const title = input.title.trim();
  if (title === '') e.title = { code: 'REQUIRED' };
  else if (length(title) > TASK_LIMITS.title) e.title = { code: 'TOO_LONG', detail: { max: TASK_LIMITS.title } };
  if (length(input.description) > TASK_LIMITS.description) e.description = { code: 'TOO_LONG', detail: { max: TASK_LIMITS.description } };
  if (length(input.location?.trim()) > TASK_LIMITS.location) e.location = { code: 'TOO_LONG', detail: { max: TASK_LIMITS.location } };
  if (length(input.category?.trim()) > TASK_LIMITS.category) e.category = { code: 'TOO_LONG', detail: { max: TASK_LIMITS.category } };
  const tags = input.tags ?? [];
  if (tags.length > TASK_LIMITS.tags) e.tags = { code: 'TOO_LONG', detail: { max: TASK_LIMITS.tags } };
  else if (tags.some((t) => length(t.trim()) > TASK_LIMITS.tag)) e.tags = { code: 'TOO_LONG', detail: { max: TASK_LIMITS.tag } };

  // V2 one lead party, with an organisation of that party.
  if (!isParty(input.leadParty)) e.leadParty = { code: 'REQUIRED' };
  if (input.leadOrganizationId) {
    const org = ctx.roster.organizations.get(input.leadOrganizationId);
    if (!org || (input.leadParty && org.party !== input.leadParty)) e.leadOrganizationId = { code: 'UNKNOWN_ORGANIZATION' };
  }
  // V4 the 责任人 is someone on the roster.
  if (input.ownerId && !ctx.roster.people.has(input.ownerId)) e.ownerId = { code: 'UNKNOWN_PERSON' };

  // V5 co-parties: other parties, each once, with known organisations and people.
  const seen = new Set<Party>();
  const co = input.coParties ?? [];
  for (const [index, c] of co.entries()) {
    const at = { index, party: c.party };
    if (input.leadParty && c.party === input.leadParty) e.coParties = { code: 'CO_PARTY_IS_LEAD', detail: at };
    else if (seen.has(c.party)) e.coParties = { code: 'CO_PARTY_REPEATED', detail: at };
    else if (c.organizationId && !ctx.roster.organizations.has(c.organizationId)) e.coParties = { code: 'UNKNOWN_ORGANIZATION', detail: at };
    else if (c.personId && !ctx.roster.people.has(c.personId)) e.coParties = { code: 'UNKNOWN_PERSON', detail: at };
    if (e.coParties) break;
    seen.add(c.party);
  }
  if (!e.coParties && co.length > TASK_LIMITS.coParties) e.coParties = { code: 'TOO_LONG', detail: { max: TASK_LIMITS.coParties } };

  // V3 a real date, not before the day the task was recorded.
  if (input.dueDate !== undefined && input.dueDate !== '') {
    if (!parseLocalDate(input.dueDate)) e.dueDate = { code: 'BAD_DATE' };
    else if (input.dueDate < ctx.createdOn) e.dueDate = { code: 'DUE_BEFORE_CREATION', detail: { createdOn: ctx.createdOn } };
  }

  // V6 a resident's phone, when given, is a mainland mobile or a landline with area code.
  const phone = input.source?.kind === 'resident' ? input.source.residentPhone?.trim() : undefined;
  if (phone && !normalizePhone(phone).ok) e.source = { code: 'BAD_PHONE' };
  return e;
}

/**
 * V7 the rules a stored task document keeps, as the server can check them without the roster (shared/collections):
 * a title and a lead party, no co-party equal to the lead or repeated, and a due date not before the day (in China)
 * it was created. The due date is judged only when it changed, so that no old task becomes unsaveable.
 */
export function taskDocumentProblem(
  doc: { title?: unknown; leadParty?: unknown; coParties?: readonly { party: string }[] | undefined; dueDate?: string | undefined; createdAt?: string },
  previousDueDate: string | undefined,
  createdOn: LocalDate | null,
): { code: TaskFieldCode; field: TaskField } | null {
  if (typeof doc.title !== 'string' || doc.title.trim() === '') return { code: 'REQUIRED', field: 'title' };
  if (!isParty(doc.leadParty)) return { code: 'REQUIRED', field: 'leadParty' };
  const seen = new Set<string>();
  for (const c of doc.coParties ?? []) {
    if (c.party === doc.leadParty) return { code: 'CO_PARTY_IS_LEAD', field: 'coParties' };
    if (seen.has(c.party)) return { code: 'CO_PARTY_REPEATED', field: 'coParties' };
    seen.add(c.party);
  }
  if (doc.dueDate !== undefined && doc.dueDate !== previousDueDate && createdOn !== null && doc.dueDate < createdOn) {
    return { code: 'DUE_BEFORE_CREATION', field: 'dueDate' };
  }
  return null;
}
