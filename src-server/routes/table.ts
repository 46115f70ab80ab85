// Every API route, in one table: the shared protocol's path (API_ROUTES), its methods and the area that answers it.
// A new area adds its module beside these and its rows here.
import { API_ROUTES } from '../../shared/sync/protocol';
import { authRoutes } from './auth';
import type { ApiContext } from './context';
import { healthRoutes } from './health';
import { historyRoutes } from './history';
import { gatedRoute, route, type Route } from './route';
import { syncRoutes } from './sync';

export function apiRoutes(c: ApiContext): readonly Route[] {
  const health = healthRoutes(c);
  const auth = authRoutes(c);
  const sync = syncRoutes(c);
  const history = historyRoutes(c);
  return [
    route(API_ROUTES.health, ['GET', 'HEAD'], health.status),
    route(API_ROUTES.login, ['POST'], auth.login),
    route(API_ROUTES.refresh, ['POST'], auth.refresh),
    route(API_ROUTES.logout, ['POST'], auth.logout),
    route(API_ROUTES.me, ['GET'], auth.me),
    route(API_ROUTES.stream, ['GET'], sync.stream),
    gatedRoute(API_ROUTES.pull, ['GET'], sync.gate, sync.pull),
    gatedRoute(API_ROUTES.digest, ['GET'], sync.gate, sync.digest),
    gatedRoute(API_ROUTES.versions, ['GET'], sync.gate, sync.versions),
    gatedRoute(API_ROUTES.fetch, ['POST'], sync.gate, sync.fetch),
    gatedRoute(API_ROUTES.push, ['POST'], sync.gate, sync.push),
    route(API_ROUTES.history, ['GET'], history.versions),
  ];
}
