// M15–M16: the lock on a finalised record holds across devices, not only in this device's UI. The server refuses a
// push that alters a final record (M15); a device whose draft edits meet a record finalised elsewhere keeps them as
// conflict copies instead of merging them in (M16, rule C11 of shared/domain/conflicts).
import { jsonEqual } from '../conflicts/merge';

type Doc = Readonly<Record<string, unknown>>;

/** What may still change on a final record: appended corrections, sync bookkeeping and links to later work. */
const MUTABLE_WHEN_FINAL = new Set(['corrections', 'conflicts', 'updatedAt', 'updatedBy', 'taskIds', '_deleted']);

export type LockProblem = { rule: 'MEETING_FINALISED'; path: string };

/** M15: null when `next` may replace `previous`; else the first field it would alter. */
export function finalisedChangeProblem(previous: Doc | undefined, next: Doc): LockProblem | null {
  if (!previous || previous.status !== 'final') return null;
  if (next._deleted === true) return { rule: 'MEETING_FINALISED', path: '/_deleted' };
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (MUTABLE_WHEN_FINAL.has(key)) continue;
    if (!jsonEqual(previous[key], next[key])) return { rule: 'MEETING_FINALISED', path: `/${key}` };
  }
  const before = Array.isArray(previous.corrections) ? (previous.corrections as { id: string }[]) : [];
  const after = new Map((Array.isArray(next.corrections) ? (next.corrections as { id: string }[]) : []).map((c) => [c.id, c]));
  for (const c of before) if (!jsonEqual(c, after.get(c.id))) return { rule: 'MEETING_FINALISED', path: '/corrections' };
  const taskIds = new Set(Array.isArray(next.taskIds) ? (next.taskIds as string[]) : []);
  for (const id of Array.isArray(previous.taskIds) ? (previous.taskIds as string[]) : []) {
    if (!taskIds.has(id)) return { rule: 'MEETING_FINALISED', path: '/taskIds' };
  }
  return null;
}

/** M16: the server's record was finalised after the state this device's edit started from. */
export const lockedAgainst = (base: Doc | undefined, theirs: Doc): boolean => theirs.status === 'final' && base?.status !== 'final';
