// N50–N51: how this PC's change of a notice merges with a concurrent one (shared/domain/conflicts, the notices'
// conflict policy in shared/collections). Prints made on two PCs are both kept: the print log is append-only, so
// the entries added here follow the server's. A draft issued elsewhere meanwhile is locked against this PC's edits,
// which are kept as conflict copies (C11). Pure.
import { canonicalJson } from '../../sync/canonical-json';
import { mergeDocuments, type Json, type JsonObject, type MergeContext, type MergeResult } from '../conflicts/merge';
import { isLockedStatus } from './issue';

const PRINT_FIELDS = ['prints', 'printedAt'] as const;

const without = (doc: JsonObject): JsonObject => {
  const out: JsonObject = { ...doc };
  for (const k of PRINT_FIELDS) delete out[k];
  return out;
};

const printsOf = (doc: JsonObject | undefined): JsonObject[] => (Array.isArray(doc?.prints) ? (doc.prints as JsonObject[]) : []);

/** N51: the server's version is issued (or withdrawn) and the state this PC's change started from was not. */
export const noticeLockedAgainst = (base: Readonly<Record<string, unknown>> | undefined, theirs: Readonly<Record<string, unknown>>): boolean =>
  isLockedStatus(theirs.status as string | undefined) && !isLockedStatus(base?.status as string | undefined);

/**
 * N50: the three-way merge of every field but the print log; the log is the server's, then each entry this PC added
 * since the base that the server does not hold yet, in this PC's order; printedAt is the latest entry's time.
 */
export function mergeNotices(base: JsonObject | undefined, mine: JsonObject, theirs: JsonObject, ctx: MergeContext): MergeResult {
  const result = mergeDocuments(base ? without(base) : undefined, without(mine), without(theirs), ctx);
  const known = new Set(printsOf(theirs).map((p) => canonicalJson(p)));
  const baseCount = printsOf(base).length;
  const added = printsOf(mine)
    .slice(baseCount)
    .filter((p) => !known.has(canonicalJson(p)));
  const prints = [...printsOf(theirs), ...added];
  const merged: JsonObject = { ...result.merged };
  if (merged._deleted === true && theirs._deleted === true) return { ...result, merged };
  if (prints.length > 0) {
    merged.prints = prints as unknown as Json;
    const latest = prints.map((p) => String(p.at ?? '')).reduce((a, b) => (b > a ? b : a), '');
    const printedAt = [latest, String(theirs.printedAt ?? '')].reduce((a, b) => (b > a ? b : a), '');
    if (printedAt !== '') merged.printedAt = printedAt;
  } else if (theirs.printedAt !== undefined) merged.printedAt = theirs.printedAt;
  return { ...result, merged };
}
