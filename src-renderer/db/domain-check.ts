// The same domain rules the server runs inside a push (shared/collections), run here before a write is saved, with
// a lookup over the local store. A refused write throws DomainRuleError, which the write path reports in Chinese;
// nothing already saved changes.
import type { RxCollection } from 'rxdb';
import { checkDocument, type DocLookup, type DomainActor, type DomainProblem, type Selector } from '../../shared/collections';
import type { CollectionName } from '../../shared/schema';
import { contentOf } from '../../shared/sync/content';
import type { LinliDatabase } from './database';
import { getOperatorName } from './operator';
import type { Role } from '../../shared/sync/permissions';

export class DomainRuleError extends Error {
  constructor(readonly problem: DomainProblem) {
    super(`${problem.rule}: ${problem.message}`);
    this.name = 'DomainRuleError';
  }
}

/** The current, not deleted documents of the local store. */
export function localLookup(db: LinliDatabase): DocLookup {
  const plain = (d: { toJSON: () => unknown }) => content(d.toJSON() as Data, false);
  return {
    async get(collection, id) {
      const d = await db.collections[collection].findOne(id).exec();
      return d ? plain(d) : undefined;
    },
    async find(collection, selector, limit = 100) {
      const docs = await (db.collections[collection] as RxCollection).find({ selector: mangoOf(selector) as never, limit }).exec();
      return docs.map(plain);
    },
  };
}

type Data = Record<string, unknown>;

/** The shared selector as an RxDB (Mango) query: `contains` is $elemMatch. */
export const mangoOf = (selector: Selector): Data =>
  Object.fromEntries(Object.entries(selector).map(([k, v]) => [k, typeof v === 'object' ? { $elemMatch: v.contains } : v]));

/** What the rules see: the document's content as on the server, with the given deletion state. */
const content = (d: Data, deleted: boolean): Data => contentOf({ ...d, _deleted: deleted });

/**
 * Who writes on this PC: the logged-in user (as the server will judge the push), else — a PC that never logged in
 * keeps its data to itself — 'admin' with the operator name.
 */
export function localActor(storage?: Storage): DomainActor {
  const user = sessionUser(storage);
  return user ? { role: user.role, name: user.name, userId: user.id } : { role: 'admin', name: getOperatorName() };
}

/** sync/session-store's SESSION_KEY (read here by name: db must not import sync, which imports db). */
export const SESSION_STORAGE_KEY = 'linli.sync.session.v1';

function sessionUser(storage?: Storage): { id: string; name: string; role: Role } | null {
  try {
    const raw = (storage ?? localStorage).getItem(SESSION_STORAGE_KEY);
    const user = raw ? (JSON.parse(raw) as { user?: { id: string; name: string; role: Role } }).user : undefined;
    return user && typeof user.role === 'string' ? user : null;
  } catch {
    return null; // storage blocked or unreadable: as if not logged in
  }
}

/** Registers the collection's rule on inserts, saves and removes made through the app. */
export function checkUserWrites(db: LinliDatabase, name: CollectionName, actorOf: () => DomainActor = localActor): void {
  const collection = db.collections[name] as unknown as RxCollection<Data>;
  const lookup = localLookup(db);
  const run = async (doc: Data, previous: Data | undefined) => {
    const problem = await checkDocument(name, { doc, previous, lookup, actor: actorOf() });
    if (problem) throw new DomainRuleError(problem);
  };
  collection.preInsert((data) => run(content(data, false), undefined), false);
  collection.preSave((data, old) => run(content(data, data._deleted === true), content(old as Data, false)), false);
  collection.preRemove((data) => run(content(data, true), content(data, false)), false);
}
