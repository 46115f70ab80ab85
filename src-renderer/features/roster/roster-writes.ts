// Writes of 组织人员: ids are made here (UI layer), the rules build the documents, every write is stamped.
import { err, ok, type Result } from '../../../shared/result';
import {
  deactivate,
  editOrganizationDoc,
  editPersonDoc,
  newOrganizationDoc,
  newPersonDoc,
  reactivate,
  type OrganizationValues,
  type PersonValues,
  type RosterError,
} from '../../../shared/domain/roster';
import type { RosterDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { currentStamp } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';

type Saved = Result<{ id: string }, WriteError>;

async function insert(db: LinliDatabase, doc: RosterDoc): Promise<Saved> {
  const r = await attemptWrite(() => db.roster.insert(doc));
  return r.ok ? ok({ id: doc.id }) : r;
}

async function modify(db: LinliDatabase, id: string, change: (old: RosterDoc) => RosterDoc): Promise<Saved> {
  const r = await attemptWrite(async () => {
    const doc = await db.roster.findOne(id).exec();
    if (!doc) return false;
    await doc.incrementalModify(change);
    return true;
  });
  if (!r.ok) return r;
  return r.value ? ok({ id }) : err({ code: 'NOT_FOUND' });
}

/** The current JSON of a record, for checking a rule before writing. */
async function current(db: LinliDatabase, id: string): Promise<Result<RosterDoc, WriteError>> {
  const r = await attemptWrite(() => db.roster.findOne(id).exec());
  if (!r.ok) return r;
  return r.value ? ok(r.value.toMutableJSON()) : err({ code: 'NOT_FOUND' });
}

/** Adds a person (id null) or replaces the form fields of an existing one. */
export function savePerson(db: LinliDatabase, id: string | null, values: PersonValues): Promise<Saved> {
  const stamp = currentStamp();
  if (id === null) return insert(db, newPersonDoc(crypto.randomUUID(), values, stamp));
  return modify(db, id, (old) => editPersonDoc(old, values, stamp));
}

export function saveOrganization(db: LinliDatabase, id: string | null, values: OrganizationValues): Promise<Saved> {
  const stamp = currentStamp();
  if (id === null) return insert(db, newOrganizationDoc(crypto.randomUUID(), values, stamp));
  return modify(db, id, (old) => editOrganizationDoc(old, values, stamp));
}

type Changed = Result<{ id: string }, WriteError | RosterError>;

/** R13 then write; a rule failure (e.g. a future date) writes nothing. */
export async function deactivateRecord(db: LinliDatabase, id: string, leftAt: string, today: string): Promise<Changed> {
  const doc = await current(db, id);
  if (!doc.ok) return doc;
  const stamp = currentStamp();
  const check = deactivate(doc.value, { leftAt, today, stamp });
  if (!check.ok) return check;
  // Applied to the latest revision inside the write; if another window got there first it stays as it is.
  return modify(db, id, (old) => {
    const next = deactivate(old, { leftAt, today, stamp });
    return next.ok ? next.value : old;
  });
}

/** R14 */
export async function reactivateRecord(db: LinliDatabase, id: string): Promise<Changed> {
  const doc = await current(db, id);
  if (!doc.ok) return doc;
  const stamp = currentStamp();
  const check = reactivate(doc.value, stamp);
  if (!check.ok) return check;
  return modify(db, id, (old) => {
    const next = reactivate(old, stamp);
    return next.ok ? next.value : old;
  });
}
