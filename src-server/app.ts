// The HTTP server: the sync API under /api/v1 (routes/table.ts) and the web host (built renderer) everywhere else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { STREAM_EVENTS, schemaFingerprint, type ApiErrorBody } from '../shared/sync/protocol';
import { REVOCATIONS_CHANNEL, checkAccess, parseRevocation } from './auth/revocation';
import { loadTokenSecret } from './auth/secret';
import type { AuthContext } from './auth/sessions';
import { pruneAttempts } from './auth/throttle';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { applyCors } from './http/cors';
import { viaHttps } from './http/request-headers';
import { createLogger, requestId, type LogSink, type RequestContext } from './http/request-log';
import { failure, sendFailure, sendJson, setSecurityHeaders } from './http/respond';
import { createTenantScheduler, type TenantScheduler } from './http/tenant-scheduler';
import { createApiContext } from './routes/context';
import { createRouter, fail, type Handled } from './routes/route';
import { apiRoutes, pageRoutes } from './routes/table';
import { createWebHost, isApiPath } from './routes/web-host';
import { createChangeFeed, type ChangeFeed } from './sync/change-feed';
import { createSchemaValidators } from './sync/schema-validator';
import type { FinalEvent } from './sync/stream';
import { createStreamRegistry, type StreamRegistry } from './sync/stream-registry';

export type AppOptions = {
  db: Db;
  config: ServerConfig;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
  /** Receives one JSON line per request and per server event (default: stdout). */
  log?: LogSink;
};

export type App = {
  server: Server;
  feed: ChangeFeed;
  /** The open live streams of this process. */
  streams: StreamRegistry;
  scheduler: TenantScheduler;
  /** Starts listening; port 0 picks a free port. */
  listen(port: number, host: string): Promise<{ port: number; url: string }>;
  /** Ends every stream, stops accepting connections, stops listening for changes. Does not close the database. */
  close(): Promise<void>;
};

/** The event a stream ends with when its access is revoked. */
const REVOKED_EVENT: FinalEvent = {
  event: STREAM_EVENTS.expired,
  data: { error: { code: 'UNAUTHENTICATED', message: 'access revoked; log in again' } } satisfies ApiErrorBody,
};

export async function createApp(opts: AppOptions): Promise<App> {
  const { db, config } = opts;
  const now = opts.now ?? Date.now;
  const logger = createLogger(opts.log ?? ((line: string) => process.stdout.write(`${line}\n`)), now);
  const logText = (msg: string): void => logger.warn(msg);
  const secret = await loadTokenSecret(db, config.tokenSecret);
  const auth: AuthContext = { db, config, secret, now };
  const feed = await createChangeFeed(db, logText);
  const webHost = createWebHost(config.staticDir);
  const streams = createStreamRegistry({ perLogin: config.maxStreamsPerLogin, perCompound: config.maxStreamsPerCompound });
  const scheduler = createTenantScheduler({ concurrency: config.tenantConcurrency, maxQueue: config.tenantQueue });
  const api = createApiContext({
    db,
    config,
    now,
    auth,
    feed,
    streams,
    scheduler,
    validators: createSchemaValidators(),
    serverSchema: schemaFingerprint(),
  });
  const findRoute = createRouter(apiRoutes(api));
  const findPage = createRouter(pageRoutes(api));

  // Revocations by any process (logout, the CLI, another server) close this process's streams at once. When the
  // LISTEN connection was lost, notices may have been missed: every open stream is checked again.
  const unlistenRevocations = await db.listen(
    REVOCATIONS_CHANNEL,
    (payload) => {
      const notice = parseRevocation(payload);
      if (notice) streams.revoke(notice, REVOKED_EVENT);
    },
    () => {
      for (const e of streams.all()) {
        checkAccess(db, e.claims).then(
          (r) => {
            if (!r.ok) e.stream.end(REVOKED_EVENT);
          },
          (err: unknown) => logText(`stream access recheck failed: ${err instanceof Error ? err.message : String(err)}`),
        );
      }
    },
  );

  // Forget login attempts whose windows are over.
  const pruneTimer = setInterval(
    () => {
      const longest = Math.max(config.lockSeconds, config.globalLockSeconds) * 1000;
      pruneAttempts(db, now() - longest).catch((e: unknown) => logText(`pruning login attempts failed: ${e instanceof Error ? e.message : String(e)}`));
    },
    10 * 60 * 1000,
  );
  pruneTimer.unref();

  function sendHandled(res: ServerResponse, ctx: RequestContext, handled: Handled): void {
    if (handled.ok) {
      sendJson(res, handled.value.status, handled.value.body);
    } else {
      ctx.code = handled.error.error.code;
      sendFailure(res, handled.error);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
    setSecurityHeaders(res);
    res.setHeader('X-Request-Id', ctx.id);
    if (config.hsts === 'always' || (config.hsts === 'proxy' && viaHttps(req, config.trustProxy))) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    // The raw target, not new URL(): "//host/x" must stay a path, never become a host.
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
    if (!isApiPath(path)) {
      // Pages the server renders itself (the public notice page) come before the web host's SPA fallback.
      const page = findPage(path);
      if (!page) {
        await webHost(req, res, path);
        return;
      }
      const handled = await page.route.run({ req, res, method: req.method ?? 'GET', path, query, params: page.params, ctx });
      if (handled !== 'streaming') sendHandled(res, ctx, handled);
      return;
    }
    const cors = applyCors(req, res, config.corsOrigins);
    if (cors === 'preflight-answered') return;
    if (cors === 'preflight-refused') {
      sendHandled(res, ctx, fail(failure('FORBIDDEN', 'origin not allowed')));
      return;
    }
    const method = req.method ?? 'GET';
    const match = findRoute(path);
    if (!match) {
      sendHandled(res, ctx, fail(failure('NOT_FOUND', `no such endpoint: ${method} ${path}`)));
      return;
    }
    const handled = await match.route.run({ req, res, method, path, query, params: match.params, ctx });
    if (handled === 'streaming') return;
    sendHandled(res, ctx, handled);
  }

  const server = createServer((req, res) => {
    const ctx: RequestContext = { id: requestId(req, config.trustProxy), startedAt: performance.now() };
    // One line per request, when its response is over (for a stream: when the stream ends).
    res.once('close', () => logger.request(req, ctx, res.headersSent ? res.statusCode : undefined));
    onRequest(req, res, ctx).catch((e: unknown) => {
      ctx.error = e;
      ctx.code = 'INTERNAL';
      if (!res.headersSent) sendFailure(res, failure('INTERNAL', 'internal server error'));
      else res.destroy();
    });
  });
  // Slow-loris protection for request heads and bodies; the SSE response itself is unaffected.
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  return {
    server,
    feed,
    streams,
    scheduler,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
          resolve({ port: addr.port, url: `http://${shownHost}:${addr.port}/` });
        });
      });
    },
    async close() {
      clearInterval(pruneTimer);
      for (const e of streams.all()) e.stream.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await unlistenRevocations();
      await feed.close();
    },
  };
}
