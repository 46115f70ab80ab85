// W20: a task edited on this PC while the server's version moved on. Status, transitions, 挂起, 延期 and the
// timestamps they set are one unit: they are never merged field by field (that could make a chain the server
// refuses). This PC's new actions are replayed on top of the server's version where they are still legal (e.g. a
// 延期 request after someone else's 签收); the first one that is not, and everything after it, is dropped and kept
// as a conflict copy of `status`, visible like any other. Every other field merges as usual (shared/domain/conflicts).
import { mergeDocuments, type ConflictCopy, type Json, type JsonObject, type MergeContext, type MergeResult } from '../conflicts/merge';
import type { TaskDoc } from '../../schema';
import { checkTaskChange, replayTransition, type TaskTransition } from './workflow';
import type { Task } from './types';

/** The workflow unit: what the transitions decide. */
export const WORKFLOW_FIELDS = [
  'status', 'suspendedFrom', 'transitions', 'extension', 'signedAt', 'startedAt', 'submittedAt', 'closedAt', 'publishedAt', 'acceptedBy',
] as const satisfies readonly (keyof TaskDoc)[];

const without = (doc: JsonObject, keys: readonly string[]): JsonObject => {
  const out: JsonObject = { ...doc };
  for (const k of keys) delete out[k];
  return out;
};
const unitOf = (doc: JsonObject): JsonObject => Object.fromEntries(WORKFLOW_FIELDS.filter((k) => doc[k] !== undefined).map((k) => [k, doc[k] as Json]));
const asTask = (doc: JsonObject): Task => doc as unknown as Task;

export function mergeTasks(base: JsonObject | undefined, mine: JsonObject, theirs: JsonObject, ctx: MergeContext): MergeResult {
  const generic = mergeDocuments(base ? without(base, WORKFLOW_FIELDS) : undefined, without(mine, WORKFLOW_FIELDS), without(theirs, WORKFLOW_FIELDS), ctx);
  const copies: ConflictCopy[] = [];
  const copy = (path: string, m: Json | undefined, t: Json | undefined) =>
    copies.push({ id: ctx.newId(), path, mine: JSON.stringify(m ?? null), theirs: JSON.stringify(t ?? null), at: ctx.now, by: ctx.by, ...(ctx.device ? { device: ctx.device } : {}), status: 'open' });

  // Replay this PC's new actions onto the server's unit.
  let doc: JsonObject = { ...generic.merged, ...unitOf(theirs) };
  for (const k of WORKFLOW_FIELDS) if (theirs[k] === undefined) delete doc[k];
  const baseIds = new Set(((base?.transitions ?? []) as unknown as TaskTransition[]).map((e) => e.id));
  const theirIds = new Set(((theirs.transitions ?? []) as unknown as TaskTransition[]).map((e) => e.id));
  const mineNew = ((mine.transitions ?? []) as unknown as TaskTransition[]).filter((e) => !baseIds.has(e.id) && !theirIds.has(e.id));
  if (theirs._deleted !== true && mine._deleted !== true) {
    for (const e of mineNew) {
      const next = replayTransition(asTask(doc), e, e.action === 'accept' ? String(mine.acceptedBy ?? e.by) : e.by);
      if (!next) {
        copy('status', mine.status as Json, doc.status as Json);
        break;
      }
      doc = next as unknown as JsonObject;
    }
    // The due date: an edit made here that the server's state no longer allows goes to a copy too (W17).
    if (checkTaskChange(asTask(theirs), asTask(doc), null)?.code === 'DUE_DATE_LOCKED') {
      copy('dueDate', doc.dueDate as Json, theirs.dueDate as Json);
      if (theirs.dueDate === undefined) delete doc.dueDate;
      else doc.dueDate = theirs.dueDate as Json;
    }
    if (checkTaskChange(asTask(theirs), asTask(doc), null) !== null) {
      // Anything else the server would refuse: its unit stands, this PC's status is kept as a copy.
      if (!copies.some((c) => c.path === 'status')) copy('status', mine.status as Json, theirs.status as Json);
      doc = { ...without(doc, WORKFLOW_FIELDS), ...unitOf(theirs), dueDate: theirs.dueDate as Json };
      if (theirs.dueDate === undefined) delete doc.dueDate;
    }
  }
  if (copies.length === 0) return { merged: doc, conflicts: generic.conflicts };
  const conflicts = [...((doc.conflicts ?? []) as unknown as ConflictCopy[]), ...copies];
  return { merged: { ...doc, conflicts: conflicts as unknown as Json }, conflicts: [...generic.conflicts, ...copies] };
}
