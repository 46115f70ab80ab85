// Every API route, in one table: the shared protocol's path (API_ROUTES), its methods and the area that answers it.
// A new area adds its module beside these and its rows here. The pages the server renders itself, outside /api/,
// have their own table (pageRoutes), matched before the web host's SPA fallback.
import { PUBLIC_NOTICE_PATH } from '../../shared/domain/notices/public';
import { API_ROUTES } from '../../shared/sync/protocol';
import { authRoutes } from './auth';
import { blobRoutes } from './blobs';
import type { ApiContext } from './context';
import { healthRoutes } from './health';
import { historyRoutes } from './history';
import { publicNoticeRoutes } from './public-notice';
import { gatedRoute, route, type Route } from './route';
import { syncRoutes } from './sync';

export function apiRoutes(c: ApiContext): readonly Route[] {
  const health = healthRoutes(c);
  const auth = authRoutes(c);
  const sync = syncRoutes(c);
  const history = historyRoutes(c);
  const blobs = blobRoutes(c);
  return [
    route(API_ROUTES.health, ['GET', 'HEAD'], health.status),
    route(API_ROUTES.login, ['POST'], auth.login),
    route(API_ROUTES.refresh, ['POST'], auth.refresh),
    route(API_ROUTES.logout, ['POST'], auth.logout),
    route(API_ROUTES.me, ['GET'], auth.me),
    route(API_ROUTES.stream, ['GET'], sync.stream),
    route(API_ROUTES.batch, ['POST'], sync.batch),
    gatedRoute(API_ROUTES.pull, ['GET'], sync.gate, sync.pull),
    gatedRoute(API_ROUTES.digest, ['GET'], sync.gate, sync.digest),
    gatedRoute(API_ROUTES.versions, ['GET'], sync.gate, sync.versions),
    gatedRoute(API_ROUTES.fetch, ['POST'], sync.gate, sync.fetch),
    gatedRoute(API_ROUTES.push, ['POST'], sync.gate, sync.push),
    route(API_ROUTES.history, ['GET'], history.versions),
    // One path, two methods: each answers its own.
    route(API_ROUTES.blob, ['GET', 'PUT'], (r) => (r.method === 'PUT' ? blobs.put(r) : blobs.get(r))),
  ];
}

/**
 * Server-rendered pages outside /api/. The web host answers every other path with the app (index.html for any path
 * without an extension), so these are matched first. Their handlers write the HTML themselves.
 */
export function pageRoutes(c: ApiContext): readonly Route[] {
  const notice = publicNoticeRoutes(c);
  const bare = PUBLIC_NOTICE_PATH.replace(/\/$/, '');
  return [
    // The check page of an issued notice (/n/<publicCode>); /n/ and /n list nothing.
    route(`${PUBLIC_NOTICE_PATH}:code`, ['GET', 'HEAD'], notice.page),
    route(PUBLIC_NOTICE_PATH, ['GET', 'HEAD'], notice.index),
    route(bare, ['GET', 'HEAD'], notice.index),
  ];
}
