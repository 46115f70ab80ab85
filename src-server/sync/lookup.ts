// The reference for the push's lookup (push-lookup.ts, which answers the same in a bounded number of statements and is
// tested equal to this one in tests/integration/sync/push-lookup.test.ts): the read-only lookup domain rules get on
// the server (shared/collections), one statement per get or find — the compound's current, not deleted documents,
// read inside the push's transaction (which holds the compound's lock, so nothing changes under it), with the push's
// own earlier rows of the same collection seen as already written.
import type { CollectionName } from '../../shared/schema';
import { selectorMatches, type DocLookup, type Selector } from '../../shared/collections';
import type { Queryable } from '../db/db';

type Doc = Readonly<Record<string, unknown>>;

/** The selector as jsonb containment: `contains` becomes a one-element array, which @> finds among any elements. */
const containment = (selector: Selector): Record<string, unknown> =>
  Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, typeof v === 'object' ? [v.contains] : v]));

/** `written`: this push's documents so far (collection → id → state with `_deleted`). */
export function transactionLookup(tx: Queryable, tenantId: string, written: ReadonlyMap<CollectionName, ReadonlyMap<string, Doc>>): DocLookup {
  return {
    async get(collection, id) {
      const here = written.get(collection)?.get(id);
      if (here) return here._deleted === true ? undefined : here;
      const r = await tx.query<{ data: Record<string, unknown> }>(
        'SELECT data FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = $3 AND NOT deleted',
        [tenantId, collection, id],
      );
      const row = r.rows[0];
      return row ? { ...row.data, _deleted: false } : undefined;
    },
    async find(collection, selector, limit = 100) {
      const here = written.get(collection) ?? new Map<string, Doc>();
      const r = await tx.query<{ id: string; data: Record<string, unknown> }>(
        'SELECT id, data FROM documents WHERE tenant_id = $1 AND collection = $2 AND NOT deleted AND data @> $3::jsonb ORDER BY id LIMIT $4',
        [tenantId, collection, JSON.stringify(containment(selector)), limit + here.size],
      );
      const found = r.rows.filter((row) => !here.has(row.id)).map((row) => ({ ...row.data, _deleted: false }) as Doc);
      for (const doc of here.values()) if (doc._deleted !== true && selectorMatches(doc, selector)) found.push(doc);
      return found.slice(0, limit);
    },
  };
}
