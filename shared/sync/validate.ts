// Domain invariants every pushed document must keep, checked by the server after the JSON schema and inside the push
// transaction. The rules themselves live in the per-collection policy table (shared/collections).
import type { CollectionName } from '../schema';
import type { Result } from '../result';
import { checkDocument, type DocLookup, type DomainActor, type DomainProblem } from '../collections';

export type { DocLookup, DomainActor, DomainProblem } from '../collections';

export type ValidateInput = {
  collection: CollectionName;
  /** The new state, already valid against the collection's schema, with `_deleted`. */
  doc: Readonly<Record<string, unknown>>;
  /** The state it replaces, if the document exists on the server. */
  previous: Readonly<Record<string, unknown>> | undefined;
  /** The compound's current documents (as of this push, its own earlier rows included). */
  lookup: DocLookup;
  /** The pushing user (their current role and display name), for rules that depend on who acts. */
  actor: DomainActor;
};

export async function validateDocument(input: ValidateInput): Promise<Result<null, DomainProblem>> {
  const problem = await checkDocument(input.collection, input);
  return problem ? { ok: false, error: problem } : { ok: true, value: null };
}

/** A lookup that finds nothing, for checks that must not depend on other documents (e.g. tests of one document). */
export const EMPTY_LOOKUP: DocLookup = { get: async () => undefined, find: async () => [] };
