// A document's content as the server keeps and compares it: its fields and `_deleted`, without RxDB's internals and
// without the sync state. What the sync engine pushes and compares, and what domain rules see on every side.
import type { JsonObject } from '../domain/conflicts/merge';
import { RXDB_INTERNAL_FIELDS } from './protocol';

const NOT_CONTENT: ReadonlySet<string> = new Set([...RXDB_INTERNAL_FIELDS, 'sync']);

export function contentOf(doc: object): JsonObject {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!NOT_CONTENT.has(k) && v !== undefined) out[k] = v;
  out._deleted = (doc as { _deleted?: unknown })._deleted === true;
  return out as JsonObject;
}
