// Domain invariants every pushed document must keep, checked by the server after the JSON schema (issue #3).
// Later issues add their rules here (e.g. a posted voucher is balanced); the client may run the same checks before
// it saves. Pure: no clock, no I/O.
import type { CollectionName } from '../schema';
import type { Result } from '../result';
import { assertNever } from '../result';
import { finalisedChangeProblem } from '../domain/minutes/lock';

export type DomainProblem = {
  /** A stable rule code, e.g. VOUCHER_UNBALANCED; the UI maps it to Chinese. */
  rule: string;
  /** English, for logs. */
  message: string;
  /** JSON pointer of the offending field, if one field is to blame. */
  path?: string;
};

export type ValidateInput = {
  collection: CollectionName;
  /** The new state, already valid against the collection's schema, with `_deleted`. */
  doc: Readonly<Record<string, unknown>>;
  /** The state it replaces, if the document exists on the server. */
  previous: Readonly<Record<string, unknown>> | undefined;
};

export function validateDocument(input: ValidateInput): Result<null, DomainProblem> {
  switch (input.collection) {
    case 'meetings': {
      const locked = finalisedChangeProblem(input.previous, input.doc);
      if (locked) return { ok: false, error: { rule: locked.rule, message: `a finalised meeting cannot change ${locked.path}`, path: locked.path } };
      return { ok: true, value: null };
    }
    case 'roster':
    case 'settings':
    case 'tasks':
    case 'task_updates':
    case 'accounts':
    case 'vouchers':
    case 'periods':
    case 'notices':
      return { ok: true, value: null };
    default:
      return assertNever(input.collection);
  }
}
