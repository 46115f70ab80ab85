// RxDB conflict handler for every collection: a three-way merge (shared/domain/conflicts) that keeps the
// server's value where both sides changed a field, and keeps the local value as a conflict copy on the document.
import type { RxConflictHandler } from 'rxdb';
import { jsonEqual, mergeDocuments, type JsonObject } from '../../shared/domain/conflicts/merge';

const INTERNAL = new Set(['_rev', '_meta', '_attachments']);
const strip = (d: object): JsonObject => Object.fromEntries(Object.entries(d).filter(([k]) => !INTERNAL.has(k))) as JsonObject;

export type ConflictContext = { operator: () => string; deviceId: () => string; now?: () => string; newId?: () => string };

/**
 * `isLocked(base, theirs)`: the server's version refuses this device's changes (a meeting finalised elsewhere);
 * they are then all kept as conflict copies (rule C11).
 */
export function makeConflictHandler<T>(ctx: ConflictContext, isLocked?: (base: JsonObject | undefined, theirs: JsonObject) => boolean): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => jsonEqual(strip(a as object), strip(b as object)),
    resolve: async (input) => {
      const base = input.assumedMasterState ? strip(input.assumedMasterState as object) : undefined;
      const theirs = strip(input.realMasterState as object);
      const { merged } = mergeDocuments(base, strip(input.newDocumentState as object), theirs, {
        lockTheirs: isLocked?.(base, theirs) ?? false,
        now: ctx.now?.() ?? new Date().toISOString(),
        by: ctx.operator(),
        device: ctx.deviceId(),
        newId: ctx.newId ?? (() => crypto.randomUUID()),
      });
      return { ...merged, _deleted: merged._deleted === true } as unknown as typeof input.realMasterState;
    },
  };
}
