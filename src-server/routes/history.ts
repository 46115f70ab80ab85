// GET /history/:collection/:id: every accepted version of one document (the audit trail), for any role of the compound.
import { ID_MAX } from '../../shared/schema';
import type { HistoryResponse } from '../../shared/sync/protocol';
import { failure } from '../http/respond';
import { historyOf } from '../sync/documents';
import { isCollection, isIdText, type ApiContext } from './context';
import { fail, ok, type Handler } from './route';

/** At most this many versions per answer. */
const HISTORY_MAX_VERSIONS = 1000;

export function historyRoutes(c: ApiContext): { versions: Handler } {
  return {
    async versions(r) {
      const collection = r.params.collection ?? '';
      if (!isCollection(collection)) return fail(failure('NOT_FOUND', `no collection ${collection}`));
      const a = await c.authorize(r);
      if (!a.ok) return fail(a.error);
      let id: string;
      try {
        id = decodeURIComponent(r.params.id ?? '');
      } catch {
        return fail(failure('BAD_REQUEST', 'malformed document id'));
      }
      if (!isIdText(id)) return fail(failure('BAD_REQUEST', `a document id is at most ${ID_MAX} characters of valid Unicode without NUL`));
      const tenantId = a.value.claims.tid;
      return c.scheduled(tenantId, r.res, async () => {
        const body: HistoryResponse = { versions: await historyOf(c.db, tenantId, collection, id, HISTORY_MAX_VERSIONS) };
        return ok(body);
      });
    },
  };
}
