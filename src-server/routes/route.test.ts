import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../shared/schema';
import { API_PATHS, API_ROUTES } from '../../shared/sync/protocol';
import type { ApiContext } from './context';
import { createRouter } from './route';
import { apiRoutes } from './table';

// Only the paths are looked at here; no handler runs.
const routes = apiRoutes({} as ApiContext);
const find = createRouter(routes);

describe('the route table', () => {
  it('has one route per shared API path, none twice', () => {
    expect(routes.map((r) => r.path).sort()).toEqual(Object.values(API_ROUTES).sort());
  });

  it('routes every path a client builds with API_PATHS, for every collection', () => {
    for (const name of ['health', 'login', 'refresh', 'logout', 'me', 'stream'] as const) {
      expect(find(API_PATHS[name])?.route.path).toBe(API_ROUTES[name]);
    }
    for (const c of COLLECTION_NAMES) {
      for (const op of ['pull', 'push', 'digest', 'versions', 'fetch'] as const) {
        expect(find(API_PATHS[op](c))).toMatchObject({ route: { path: API_ROUTES[op] }, params: { collection: c } });
      }
      expect(find(API_PATHS.history(c, 'a/b 张'))).toMatchObject({
        route: { path: API_ROUTES.history },
        params: { collection: c, id: encodeURIComponent('a/b 张') },
      });
    }
  });

  it.each([
    '/api/v1',
    '/api/v1/',
    '/api/v1/health/',
    '/api/v2/health',
    '/api/v1/sync/Tasks/pull',
    '/api/v1/sync//pull',
    '/api/v1/sync/tasks/drop',
    '/api/v1/sync/tasks/pull/x',
    '/api/v1/history/tasks',
    '/api/v1/history/tasks/a/b',
  ])('%s is no route', (path) => {
    expect(find(path)).toBeUndefined();
  });

  it('takes an unknown collection name to its route, which answers 404 for it', () => {
    expect(find('/api/v1/sync/nope/pull')?.params).toEqual({ collection: 'nope' });
  });
});
