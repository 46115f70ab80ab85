// The web host: every path outside /api/ is the built renderer (http/static-files.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from '../../shared/sync/protocol';
import { createStaticHost } from '../http/static-files';

/** Paths under /api/ belong to the API, also outside its current version (they get the API's 404, not the page). */
export const isApiPath = (path: string): boolean =>
  path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || path === '/api' || path.startsWith('/api/');

export type WebHost = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

export function createWebHost(staticDir: string): WebHost {
  const host = createStaticHost(staticDir);
  return (req, res, path) => host.handle(req, res, path);
}
