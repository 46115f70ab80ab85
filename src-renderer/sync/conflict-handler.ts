// The merge the sync engine runs when the server refuses a push because someone else wrote the document first: a
// three-way merge (shared/domain/conflicts) that keeps the server's value where both sides changed a field, and
// keeps the local value as a conflict copy on the document.
import type { CollectionName } from '../../shared/schema';
import { mergeDocuments, type JsonObject } from '../../shared/domain/conflicts/merge';
import { policyOf } from '../../shared/collections';
import type { ConflictContext } from '../db/conflict-context';

export type { ConflictContext };

/** Merges `mine` (this PC's content) onto `theirs` (the server's current content), given their common `base`. */
export type Merger = (base: JsonObject | undefined, mine: JsonObject, theirs: JsonObject) => JsonObject;

/**
 * `isLocked(base, theirs)`: the server's version refuses this device's changes (a meeting finalised elsewhere);
 * they are then all kept as conflict copies (rule C11).
 */
export function makeMerger(
  ctx: ConflictContext,
  isLocked?: (base: JsonObject | undefined, theirs: JsonObject) => boolean,
  merge: typeof mergeDocuments = mergeDocuments,
): Merger {
  return (base, mine, theirs) => {
    const { merged } = merge(base, mine, theirs, {
      lockTheirs: isLocked?.(base, theirs) ?? false,
      now: ctx.now?.() ?? new Date().toISOString(),
      by: ctx.operator(),
      device: ctx.deviceId(),
      newId: ctx.newId ?? (() => crypto.randomUUID()),
    });
    return { ...merged, _deleted: merged._deleted === true };
  };
}

/** The merge of each collection, by its conflict policy (e.g. a meeting finalised elsewhere keeps these edits as copies, M16). */
export function mergerFor(name: CollectionName, ctx: ConflictContext): Merger {
  const { isLocked, merge } = policyOf(name).conflict;
  return makeMerger(ctx, isLocked, merge);
}
