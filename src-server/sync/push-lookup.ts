// The domain rules' lookup for a whole push in a bounded number of statements (issue #14). transactionLookup
// (lookup.ts) asks the database once per get or find, so a push of 1000 vouchers asked thousands of times. Here the
// push decides its rows in rounds (push.ts): a lookup answers from what earlier rounds fetched; what it does not hold
// yet is recorded and the rule is stopped (NotFetched); after the round, everything recorded is fetched in one
// statement and the rows from the first stopped one on are decided again. Rules usually ask at most a few things in a
// chain, so a push takes a few rounds whatever its size; past MAX_FETCH_ROUNDS the collections still asked about are
// read whole (one statement), so the number of statements has a bound independent of the rows.
//
// The answers are those of transactionLookup exactly: the database's current, not deleted documents (the push holds
// the compound's lock, so they do not change under it; its own writes come after the rules), with the push's own
// earlier rows of its collection seen as already written — a find's rows are fetched with room for those to be left
// out, as transactionLookup fetches `limit + written.size`.
import type { CollectionName } from '../../shared/schema';
import { selectorMatches, type DocLookup, type Selector } from '../../shared/collections';
import { canonicalJson } from '../../shared/sync/canonical-json';
import type { Queryable } from '../db/db';

type Doc = Readonly<Record<string, unknown>>;
type Stored = { id: string; data: Record<string, unknown> };

/** Rounds of fetching only what was asked; then what is still asked about is read a collection at a time. */
export const MAX_FETCH_ROUNDS = 8;

/** Thrown into a rule that asks what this push has not fetched yet; the row is decided again in the next round. */
export class NotFetched extends Error {
  constructor() {
    super('not fetched yet (push lookup)');
    this.name = 'NotFetched';
  }
}

/** The selector as jsonb containment: `contains` becomes a one-element array, which @> finds among any elements. */
const containment = (selector: Selector): Record<string, unknown> =>
  Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, typeof v === 'object' ? [v.contains] : v]));

type Request =
  | { kind: 'get'; collection: CollectionName; id: string }
  | { kind: 'find'; collection: CollectionName; selector: Record<string, unknown>; limit: number };

const getKey = (collection: string, id: string): string => `g\u0000${collection}\u0000${id}`;

const live = (data: Record<string, unknown>): Doc => ({ ...data, _deleted: false });

export type PushLookupCache = {
  /**
   * A lookup over the fetched documents with `written` (collection → id → state with `_deleted`, mutated by the
   * caller as rows are accepted) seen as already written. Asking for what is not fetched yet records it, counts a
   * miss and throws NotFetched.
   */
  lookup(written: ReadonlyMap<CollectionName, ReadonlyMap<string, Doc>>): DocLookup;
  /** Lookups that found nothing fetched so far, over the cache's life: a rule that caused none was answered exactly. */
  readonly misses: number;
  /** Fetches everything recorded since the last fetch, in one statement (or reads its collections whole). */
  fetch(whole: boolean): Promise<void>;
  /** Statements this cache has run. */
  readonly statements: number;
};

/**
 * `slack(collection)`: at least the number of documents of that collection the push may write (its distinct ids),
 * so that a find fetched once serves every row, whatever the push has written before it.
 */
export function pushLookupCache(tx: Queryable, tenantId: string, slack: (collection: CollectionName) => number): PushLookupCache {
  /** get: the live document's data, or null when there is none. */
  const gets = new Map<string, Stored | null>();
  /** find: the first `limit + slack` matching live documents, in the database's id order. */
  const finds = new Map<string, Stored[]>();
  /** Collections read whole: every live document, in the database's id order. */
  const whole = new Map<CollectionName, Map<string, Stored>>();
  const asked = new Map<string, Request>();
  let misses = 0;
  let statements = 0;

  const miss = (key: string, request: Request): never => {
    misses++;
    asked.set(key, request);
    throw new NotFetched();
  };

  function stored(collection: CollectionName, id: string): Stored | undefined {
    const key = getKey(collection, id);
    const hit = gets.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const all = whole.get(collection);
    if (all) return all.get(id);
    return miss(key, { kind: 'get', collection, id });
  }

  function found(collection: CollectionName, selector: Selector, limit: number): Stored[] {
    const contains = containment(selector);
    const key = `f\u0000${collection}\u0000${canonicalJson(contains)}\u0000${limit}`;
    const hit = finds.get(key);
    if (hit) return hit;
    const all = whole.get(collection);
    if (all) {
      // Every match: at least the first `limit + written.size` the database would give, in the same order. The
      // selector as the database gets it (a field given as undefined asks nothing), matched in memory.
      const sent = JSON.parse(JSON.stringify(selector)) as Selector;
      return [...all.values()].filter((s) => selectorMatches(s.data, sent));
    }
    return miss(key, { kind: 'find', collection, selector: contains, limit: limit + slack(collection) });
  }

  async function fetchAsked(): Promise<void> {
    const requests = [...asked.entries()];
    asked.clear();
    // One row per request: a get's document (or null), a find's documents in id order, as [[id, data], ...].
    const r = await tx.query<{ k: number; found: [string, Record<string, unknown>][] | null }>(
      `SELECT q.k,
              CASE WHEN q.id IS NOT NULL THEN
                (SELECT jsonb_build_array(jsonb_build_array(d.id, d.data)) FROM documents d
                  WHERE d.tenant_id = $1 AND d.collection = q.c AND d.id = q.id AND NOT d.deleted)
              ELSE
                (SELECT jsonb_agg(jsonb_build_array(s.id, s.data) ORDER BY s.id)
                   FROM (SELECT d.id, d.data FROM documents d
                          WHERE d.tenant_id = $1 AND d.collection = q.c AND NOT d.deleted AND d.data @> q.sel
                          ORDER BY d.id LIMIT q.lim) s)
              END AS found
         FROM jsonb_to_recordset($2::jsonb) AS q(k int, c text, id text, sel jsonb, lim bigint)`,
      [
        tenantId,
        JSON.stringify(
          requests.map(([, q], k) =>
            q.kind === 'get' ? { k, c: q.collection, id: q.id } : { k, c: q.collection, sel: q.selector, lim: Math.max(0, Math.floor(q.limit)) },
          ),
        ),
      ],
    );
    statements++;
    const byK = new Map(r.rows.map((row) => [row.k, (row.found ?? []).map(([id, data]) => ({ id, data }))]));
    for (const [k, [key, q]] of requests.entries()) {
      const docs = byK.get(k) ?? [];
      if (q.kind === 'get') gets.set(key, docs[0] ?? null);
      else finds.set(key, docs);
    }
  }

  async function fetchWhole(): Promise<void> {
    const collections = [...new Set([...asked.values()].map((q) => q.collection))].filter((c) => !whole.has(c));
    asked.clear();
    if (collections.length === 0) return;
    const r = await tx.query<Stored & { collection: CollectionName }>(
      'SELECT collection, id, data FROM documents WHERE tenant_id = $1 AND collection = ANY($2::text[]) AND NOT deleted ORDER BY collection, id',
      [tenantId, collections],
    );
    statements++;
    for (const c of collections) whole.set(c, new Map());
    for (const row of r.rows) whole.get(row.collection)?.set(row.id, { id: row.id, data: row.data });
  }

  return {
    lookup(written) {
      return {
        async get(collection, id) {
          const here = written.get(collection)?.get(id);
          if (here) return here._deleted === true ? undefined : here;
          const s = stored(collection, id);
          return s ? live(s.data) : undefined;
        },
        async find(collection, selector, limit = 100) {
          const here = written.get(collection) ?? new Map<string, Doc>();
          const out: Doc[] = found(collection, selector, limit)
            .filter((s) => !here.has(s.id))
            .map((s) => live(s.data));
          for (const doc of here.values()) if (doc._deleted !== true && selectorMatches(doc, selector)) out.push(doc);
          return out.slice(0, limit);
        },
      };
    },
    get misses() {
      return misses;
    },
    get statements() {
      return statements;
    },
    async fetch(readWhole) {
      if (asked.size === 0) return;
      await (readWhole ? fetchWhole() : fetchAsked());
    },
  };
}
