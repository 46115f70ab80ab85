// GET/HEAD /health: whether the server is up, and which protocol, schema and storage it runs.
import { PROTOCOL_VERSION, type HealthResponse } from '../../shared/sync/protocol';
import type { ApiContext } from './context';
import { ok, type Handler } from './route';

export function healthRoutes(c: ApiContext): { status: Handler } {
  return {
    // HEAD answers the same headers without the body (node:http leaves the body out).
    status: async () => {
      const body: HealthResponse = { ok: true, protocol: PROTOCOL_VERSION, schema: c.serverSchema, storage: c.db.kind, time: new Date(c.now()).toISOString() };
      return ok(body);
    },
  };
}
