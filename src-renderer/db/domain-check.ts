// The same domain rules the server runs inside a push (shared/collections), run here before a write is saved, with
// a lookup over the local store. A refused write throws DomainRuleError, which the write path reports in Chinese;
// nothing already saved changes.
import type { RxCollection } from 'rxdb';
import { checkDocument, type DocLookup, type DomainProblem } from '../../shared/collections';
import type { CollectionName } from '../../shared/schema';
import { contentOf } from '../../shared/sync/content';
import type { LinliDatabase } from './database';

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
      const docs = await (db.collections[collection] as RxCollection).find({ selector: selector as never, limit }).exec();
      return docs.map(plain);
    },
  };
}

type Data = Record<string, unknown>;

/** What the rules see: the document's content as on the server, with the given deletion state. */
const content = (d: Data, deleted: boolean): Data => contentOf({ ...d, _deleted: deleted });

/** Registers the collection's rule on inserts, saves and removes made through the app. */
export function checkUserWrites(db: LinliDatabase, name: CollectionName): void {
  const collection = db.collections[name] as unknown as RxCollection<Data>;
  const lookup = localLookup(db);
  const run = async (doc: Data, previous: Data | undefined) => {
    const problem = await checkDocument(name, { doc, previous, lookup });
    if (problem) throw new DomainRuleError(problem);
  };
  collection.preInsert((data) => run(content(data, false), undefined), false);
  collection.preSave((data, old) => run(content(data, data._deleted === true), content(old as Data, false)), false);
  collection.preRemove((data) => run(content(data, true), content(data, false)), false);
}
