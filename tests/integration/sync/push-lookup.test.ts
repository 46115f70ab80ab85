// The push's batched lookup answers exactly as transactionLookup (one statement per question) does: the same
// documents in the same order, with the push's own earlier rows seen as written, whether it fetched only what was
// asked or read whole collections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../../shared/schema';
import type { DocLookup, Selector } from '../../../shared/collections';
import type { Db, Queryable } from '../../../src-server/db/db';
import { transactionLookup } from '../../../src-server/sync/lookup';
import { NotFetched, pushLookupCache, type PushLookupCache } from '../../../src-server/sync/push-lookup';
import { freshDatabase, makeCompound, type TestDatabase } from '../server/helpers';

type Doc = Record<string, unknown>;

let tdb: TestDatabase;
let db: Db;
let tenant: string;
let other: string;

/** Ids that sort differently byte-wise and by a locale, so that a wrong order would show. */
const IDS = ['a-1', 'a_1', 'A2', 'b', 'B', 'z9', '中文', 'ä', 'a1', '10', '9'];

async function put(tenantId: string, collection: CollectionName, id: string, data: Doc, deleted = false): Promise<void> {
  await db.query(
    `INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, $2, $3,
       (SELECT COALESCE(max(seq), 0) + 1 FROM documents WHERE tenant_id = $1), $4, $5::jsonb)`,
    [tenantId, collection, id, deleted, JSON.stringify(data)],
  );
}

beforeAll(async () => {
  tdb = await freshDatabase();
  db = tdb.db;
  tenant = (await makeCompound(db, 'LOOKA')).id;
  other = (await makeCompound(db, 'LOOKB')).id;
  for (const [i, id] of IDS.entries()) {
    await put(tenant, 'vouchers', id, {
      id,
      status: i % 3 === 0 ? 'posted' : 'draft',
      period: `2026-${String((i % 2) + 10)}`,
      lines: [{ id: `${id}-l`, accountId: i % 2 === 0 ? 'acct-1001' : 'acct-1002', debitFen: i }],
      ...(i === 4 ? { reversalOf: 'a-1' } : {}),
    }, i === 5);
    await put(tenant, 'accounts', `acct-${id}`, { id: `acct-${id}`, code: String(1000 + i), parentId: i > 6 ? 'acct-a-1' : undefined });
  }
  // Another compound's documents, with the same ids: never seen.
  for (const id of IDS) await put(other, 'vouchers', id, { id, status: 'posted', lines: [{ accountId: 'acct-1001' }] });
  await put(other, 'vouchers', 'only-other', { id: 'only-other', status: 'posted' });
});
afterAll(async () => {
  await tdb.drop();
});

type Question = { get: [CollectionName, string] } | { find: [CollectionName, Selector, number?] };

const QUESTIONS: Question[] = [
  ...IDS.map((id): Question => ({ get: ['vouchers', id] })),
  { get: ['vouchers', 'new-1'] },
  { get: ['vouchers', 'only-other'] },
  { get: ['accounts', 'acct-b'] },
  { get: ['periods', '2026-10'] },
  { find: ['vouchers', {}] },
  { find: ['vouchers', {}, 10_000_000] },
  { find: ['vouchers', {}, 1] },
  { find: ['vouchers', {}, 3] },
  { find: ['vouchers', { status: 'posted' }, 2] },
  { find: ['vouchers', { status: 'draft' }] },
  { find: ['vouchers', { reversalOf: 'a-1' }, 10_000_000] },
  { find: ['vouchers', { lines: { contains: { accountId: 'acct-1001' } } }, 1] },
  { find: ['vouchers', { lines: { contains: { accountId: 'acct-1002' } } }, 10_000_000] },
  { find: ['vouchers', { status: 'posted', period: '2026-10' }] },
  { find: ['accounts', { parentId: 'acct-a-1' }, 1] },
  { find: ['accounts', {}, 10_000_000] },
  // A field given as undefined (a rule passing on a value it does not have) asks nothing, as in JSON.
  { find: ['vouchers', { status: 'posted', reversalOf: undefined } as unknown as Selector, 10_000_000] },
  { find: ['vouchers', { lines: { contains: { accountId: 'acct-1001', lineNo: undefined } } } as unknown as Selector, 10_000_000] },
  { find: ['bank_reconciliations', { items: { contains: { voucherId: 'a-1' } } }, 10_000_000] },
];

const ask = (lookup: DocLookup, q: Question): Promise<unknown> => ('get' in q ? lookup.get(...q.get) : lookup.find(...q.find));

/** The push's own earlier rows: new documents, a changed one, one deleted by the push, one deleted and written anew. */
function overlays(): Map<string, Doc>[] {
  const none = new Map<string, Doc>();
  const some = new Map<string, Doc>([
    ['new-1', { id: 'new-1', status: 'posted', lines: [{ accountId: 'acct-1001' }], _deleted: false }],
    ['b', { id: 'b', status: 'posted', reversalOf: 'a-1', _deleted: false }],
    ['a-1', { id: 'a-1', status: 'posted', _deleted: true }],
    ['0-first', { id: '0-first', status: 'draft', _deleted: false }],
    ['ä', { id: 'ä', status: 'draft', lines: [{ accountId: 'acct-1002' }], _deleted: false }],
  ]);
  return [none, some];
}

/** The answer once the cache has what the question needs: ask, fetch what was missing, ask again. */
async function answer(cache: PushLookupCache, lookup: DocLookup, q: Question, whole: boolean): Promise<unknown> {
  for (let round = 0; round < 5; round++) {
    try {
      return await ask(lookup, q);
    } catch (e) {
      if (!(e instanceof NotFetched)) throw e;
      await cache.fetch(whole);
    }
  }
  throw new Error('never answered');
}

describe('the push lookup', () => {
  for (const whole of [false, true]) {
    it(`answers as transactionLookup does (${whole ? 'collections read whole' : 'what was asked'})`, async () => {
      await db.transaction(async (tx: Queryable) => {
        for (const written of overlays()) {
          const reference = transactionLookup(tx, tenant, new Map([['vouchers', written]]));
          const cache = pushLookupCache(tx, tenant, (c) => (c === 'vouchers' ? written.size : 0));
          const lookup = cache.lookup(new Map([['vouchers', written]]));
          for (const q of QUESTIONS) expect(await answer(cache, lookup, q, whole), JSON.stringify(q)).toEqual(await ask(reference, q));
        }
      });
    });
  }

  it('answers every question asked in a round after one statement, and asks nothing twice', async () => {
    await db.transaction(async (tx: Queryable) => {
      const cache = pushLookupCache(tx, tenant, () => 0);
      const lookup = cache.lookup(new Map());
      const asked = await Promise.allSettled(QUESTIONS.map((q) => ask(lookup, q)));
      expect(asked.every((r) => r.status === 'rejected' && r.reason instanceof NotFetched)).toBe(true);
      expect(cache.misses).toBe(QUESTIONS.length);
      await cache.fetch(false);
      expect(cache.statements).toBe(1);
      const reference = transactionLookup(tx, tenant, new Map());
      for (const q of QUESTIONS) expect(await ask(lookup, q)).toEqual(await ask(reference, q));
      await cache.fetch(false);
      expect(cache.statements).toBe(1);
      expect(cache.misses).toBe(QUESTIONS.length);
    });
  });

  it('gives each answer its own top-level objects, as a query per question does', async () => {
    await db.transaction(async (tx: Queryable) => {
      const cache = pushLookupCache(tx, tenant, () => 0);
      const lookup = cache.lookup(new Map());
      await answer(cache, lookup, { get: ['vouchers', 'b'] }, false);
      const first = (await lookup.get('vouchers', 'b')) as Doc;
      const status = first.status;
      first.status = 'changed by a rule';
      expect(((await lookup.get('vouchers', 'b')) as Doc).status).toBe(status);
    });
  });
});
