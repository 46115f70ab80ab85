// R13–R15: records are deactivated, never deleted while anything refers to them.
import { err, ok, type Result } from '../../result';
import type { CollectionName, RosterDoc } from '../../schema';
import { isCalendarDate, isDateAfter } from '../common/text';
import type { RosterError } from './errors';
import { updatedFields, type Stamp } from '../common/stamp';

/** R13. `today` is the local calendar date (YYYY-MM-DD) of the device. */
export function deactivate(
  doc: RosterDoc,
  change: { leftAt: string; today: string; stamp: Stamp },
): Result<RosterDoc, RosterError> {
  if (doc.status === 'left') return err({ code: 'ALREADY_LEFT' });
  const leftAt = change.leftAt.trim();
  if (!isCalendarDate(leftAt)) return err({ code: 'LEFT_DATE_INVALID' });
  if (isDateAfter(leftAt, change.today)) return err({ code: 'LEFT_DATE_IN_FUTURE' });
  return ok({
    ...doc,
    status: 'left',
    leftAt,
    deactivatedAt: change.stamp.at,
    ...updatedFields(change.stamp),
  });
}

/** R14 */
export function reactivate(doc: RosterDoc, stamp: Stamp): Result<RosterDoc, RosterError> {
  if (doc.status === 'active') return err({ code: 'ALREADY_ACTIVE' });
  const next: RosterDoc = { ...doc, status: 'active', ...updatedFields(stamp) };
  delete next.leftAt;
  delete next.deactivatedAt;
  return ok(next);
}

/** One document field that points at a roster record. */
export type RosterReference = { targetId: string; collection: CollectionName; docId: string; field: string };

type Id = string | undefined;
/** The parts of other documents that can point at roster records (structural, so any reader's copy fits). */
export type ReferenceSources = {
  meetings?: readonly {
    id: string;
    hostId?: Id;
    recorderId?: Id;
    attendees: readonly { personId?: Id }[];
    topics: readonly { resolutions?: readonly { actionItems?: readonly { ownerId?: Id }[] }[] }[];
  }[];
  tasks?: readonly { id: string; ownerId?: Id; leadOrganizationId?: Id }[];
  taskUpdates?: readonly { id: string; authorId?: Id }[];
  roster?: readonly { id: string; organizationId?: Id }[];
  settings?: readonly { id: string; propertyCompanyId?: Id }[];
};

/** R15: every reference to a roster record found in the given documents. */
export function rosterReferences(sources: ReferenceSources): RosterReference[] {
  const refs: RosterReference[] = [];
  const add = (targetId: Id, collection: CollectionName, docId: string, field: string): void => {
    if (targetId !== undefined && targetId !== '') refs.push({ targetId, collection, docId, field });
  };
  for (const m of sources.meetings ?? []) {
    add(m.hostId, 'meetings', m.id, 'hostId');
    add(m.recorderId, 'meetings', m.id, 'recorderId');
    for (const a of m.attendees) add(a.personId, 'meetings', m.id, 'attendees.personId');
    for (const t of m.topics)
      for (const r of t.resolutions ?? [])
        for (const item of r.actionItems ?? []) add(item.ownerId, 'meetings', m.id, 'topics.resolutions.actionItems.ownerId');
  }
  for (const t of sources.tasks ?? []) {
    add(t.ownerId, 'tasks', t.id, 'ownerId');
    add(t.leadOrganizationId, 'tasks', t.id, 'leadOrganizationId');
  }
  for (const u of sources.taskUpdates ?? []) add(u.authorId, 'task_updates', u.id, 'authorId');
  for (const r of sources.roster ?? []) add(r.organizationId, 'roster', r.id, 'organizationId');
  for (const s of sources.settings ?? []) add(s.propertyCompanyId, 'settings', s.id, 'propertyCompanyId');
  return refs;
}

/** R15: a record may be removed for good only when nothing refers to it (references from itself do not count). */
export function canHardDelete(id: string, references: readonly RosterReference[]): Result<true, RosterError> {
  const count = references.filter((r) => r.targetId === id && !(r.collection === 'roster' && r.docId === id)).length;
  return count === 0 ? ok(true) : err({ code: 'REFERENCED', detail: { count } });
}
