// The HTTP server: the sync API under /api/v1 and the web host (built renderer) everywhere else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { assertNever, type Result } from '../shared/result';
import { COLLECTION_NAMES, ID_MAX, type CollectionName } from '../shared/schema';
import { canWrite, type Role } from '../shared/sync/permissions';
import {
  API_PREFIX,
  FETCH_MAX_IDS,
  PROTOCOL_VERSION,
  PULL_DEFAULT_LIMIT,
  PULL_MAX_LIMIT,
  PUSH_MAX_ROWS,
  STREAM_EVENTS,
  STREAM_QUERY,
  compareSchemaFingerprints,
  schemaFingerprint,
  type ApiErrorBody,
  type DigestResponse,
  type FetchResponse,
  type HealthResponse,
  type HistoryResponse,
  type MeResponse,
  type PullResponse,
  type VersionsResponse,
} from '../shared/sync/protocol';
import { findCompoundById, findUserById, normalizeCompoundCode } from './accounts';
import { verifyAccessToken, type ServerClaims } from './auth/jwt';
import { REVOCATIONS_CHANNEL, checkAccess, parseRevocation, type AccessProblem } from './auth/revocation';
import { loadTokenSecret } from './auth/secret';
import { login, logout, refresh, type AuthContext } from './auth/sessions';
import { pruneAttempts } from './auth/throttle';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { parseJsonText, readJsonBody, readJsonText } from './http/body';
import { isStorableText } from './http/json-safety';
import { createLogger, requestId, type LogSink, type RequestContext } from './http/request-log';
import { failure, sendFailure, sendJson, setSecurityHeaders, type Failure } from './http/respond';
import { createStaticHost } from './http/static-files';
import { createTenantScheduler, type TenantScheduler } from './http/tenant-scheduler';
import { createChangeFeed, type ChangeFeed } from './sync/change-feed';
import { changedSince, digestOfCollection, fetchCurrent, historyOf, toReplicated, versionsOf } from './sync/documents';
import { applyPush } from './sync/push';
import { createSchemaValidators } from './sync/schema-validator';
import { openStream, type FinalEvent } from './sync/stream';
import { createStreamRegistry, type StreamEntry, type StreamRegistry } from './sync/stream-registry';

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

type Reply = { status: number; body: unknown };
type Handled = Result<Reply, Failure>;
const ok = (body: unknown, status = 200): Handled => ({ ok: true, value: { status, body } });
const fail = (f: Failure): Handled => ({ ok: false, error: f });

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function isCollection(x: string): x is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(x);
}

/** A string that could be a document id: at most ID_MAX characters (code points, as the JSON schema counts), storable. */
function isIdText(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 2 * ID_MAX && [...x].length <= ID_MAX && isStorableText(x);
}

function stringField(body: unknown, key: string, max: number): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
}

const unstorable = (): Failure => failure('BAD_REQUEST', 'text fields must be valid Unicode without NUL characters');

/** Why an access check failed, for the client's log (the UI shows one Chinese text for UNAUTHENTICATED). */
const ACCESS_MESSAGES: { readonly [P in AccessProblem]: string } = {
  USER_GONE: 'the user no longer exists; log in again',
  DISABLED: 'the user is disabled',
  TOKEN_REVOKED: 'signed out everywhere (password reset or account disabled); log in again',
  SESSION_REVOKED: 'this login was ended (logout or device revoked); log in again',
};

/** The event a stream ends with when its access is revoked. */
const REVOKED_EVENT: FinalEvent = {
  event: STREAM_EVENTS.expired,
  data: { error: { code: 'UNAUTHENTICATED', message: 'access revoked; log in again' } } satisfies ApiErrorBody,
};

/** Seconds a client is asked to wait when its compound's queue or stream limit is full. */
const BUSY_RETRY_SECONDS = 2;
const STREAMS_FULL_RETRY_SECONDS = 30;

export async function createApp(opts: AppOptions): Promise<App> {
  const { db, config } = opts;
  const now = opts.now ?? Date.now;
  const logger = createLogger(opts.log ?? ((line: string) => process.stdout.write(`${line}\n`)), now);
  const logText = (msg: string): void => logger.warn(msg);
  const secret = await loadTokenSecret(db, config.tokenSecret);
  const auth: AuthContext = { db, config, secret, now };
  const validators = createSchemaValidators();
  const feed = await createChangeFeed(db, logText);
  const staticHost = createStaticHost(config.staticDir);
  const serverSchema = schemaFingerprint();
  const streams = createStreamRegistry({ perLogin: config.maxStreamsPerLogin, perCompound: config.maxStreamsPerCompound });
  const scheduler = createTenantScheduler({ concurrency: config.tenantConcurrency, maxQueue: config.tenantQueue });

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

  /**
   * The client's address. Behind a trusted proxy: the last X-Forwarded-For entry, the one the proxy itself appended
   * (earlier entries come from the client and could name any address, which would defeat login throttling).
   */
  function clientIp(req: IncomingMessage): string {
    if (config.trustProxy) {
      const fwd = header(req, 'x-forwarded-for')?.split(',').at(-1)?.trim();
      if (fwd && isIP(fwd) !== 0) return fwd;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  /** Whether the request reached us over TLS: only a trusted proxy can say so (this server speaks plain http). */
  function viaHttps(req: IncomingMessage): boolean {
    return config.trustProxy && header(req, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
  }

  /** Protocol and schema of a sync client (headers, or query parameters for the stream). */
  function checkVersions(req: IncomingMessage, query: URLSearchParams): Failure | null {
    const protocol = header(req, 'x-linli-protocol') ?? query.get(STREAM_QUERY.protocol) ?? '';
    const schema = header(req, 'x-linli-schema') ?? query.get(STREAM_QUERY.schema) ?? '';
    const extra = { serverProtocol: PROTOCOL_VERSION, serverSchema };
    if (protocol !== String(PROTOCOL_VERSION)) {
      return failure('UPGRADE_REQUIRED', `protocol ${protocol || '(none)'} is not supported; this server speaks ${PROTOCOL_VERSION}`, extra);
    }
    const fit = compareSchemaFingerprints(schema, serverSchema);
    switch (fit) {
      case 'compatible':
        return null;
      case 'client_outdated':
        return failure('UPGRADE_REQUIRED', `client schema ${schema || '(none)'} is older than the server's ${serverSchema}`, extra);
      case 'server_outdated':
        return failure('SERVER_OUTDATED', `client schema ${schema} is newer than the server's ${serverSchema}`, extra);
      default:
        return assertNever(fit);
    }
  }

  /** The caller's token (Authorization: Bearer only; never a URL) and its compound, checked offline. */
  function authenticate(req: IncomingMessage, query: URLSearchParams): Result<ServerClaims, Failure> {
    const authz = header(req, 'authorization');
    const token = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : undefined;
    if (!token) return { ok: false, error: failure('UNAUTHENTICATED', 'no access token') };
    const v = verifyAccessToken(token, secret, Math.floor(now() / 1000));
    if (!v.ok) {
      return { ok: false, error: v.error === 'TOKEN_EXPIRED' ? failure('TOKEN_EXPIRED', 'access token expired') : failure('UNAUTHENTICATED', 'access token invalid') };
    }
    // The tenant comes from the token alone. A client may name the compound it means; naming another is refused.
    const named = header(req, 'x-linli-compound') ?? query.get(STREAM_QUERY.compound) ?? undefined;
    if (named !== undefined && normalizeCompoundCode(named) !== v.value.cmp) {
      return { ok: false, error: failure('FORBIDDEN', 'the token belongs to another compound') };
    }
    return v;
  }

  /** authenticate(), then the database: the user, the token version and the login still hold (revocation.ts). */
  async function authorize(req: IncomingMessage, query: URLSearchParams, ctx: RequestContext): Promise<Result<{ claims: ServerClaims; role: Role }, Failure>> {
    const a = authenticate(req, query);
    if (!a.ok) return a;
    const claims = a.value;
    ctx.tenant = claims.tid;
    ctx.compound = claims.cmp;
    ctx.user = claims.sub;
    const access = await checkAccess(db, claims);
    if (!access.ok) return { ok: false, error: failure('UNAUTHENTICATED', ACCESS_MESSAGES[access.error]) };
    return { ok: true, value: { claims, role: access.value.role } };
  }

  /** Runs heavy work in one of the compound's slots (tenant-scheduler.ts); a full queue is 429 RATE_LIMITED. */
  async function scheduled(tenantId: string, res: ServerResponse, work: () => Promise<Handled>): Promise<Handled> {
    const gone = new AbortController();
    const onClose = (): void => gone.abort();
    res.once('close', onClose);
    const got = await scheduler.acquire(tenantId, gone.signal);
    if (!got.ok) {
      res.off('close', onClose);
      return fail(
        failure(
          'RATE_LIMITED',
          got.reason === 'QUEUE_FULL' ? 'too many requests of this compound at once; retry shortly' : 'the client went away',
          { retryAfter: BUSY_RETRY_SECONDS },
          { 'Retry-After': String(BUSY_RETRY_SECONDS) },
        ),
      );
    }
    try {
      return await work();
    } finally {
      res.off('close', onClose);
      got.slot.release();
    }
  }

  function deviceId(req: IncomingMessage): string | null {
    const d = header(req, 'x-linli-device')?.trim().slice(0, 100);
    // eslint-disable-next-line no-control-regex
    return d && isStorableText(d) && !/[\u0000-\u001f\u007f]/.test(d) ? d : null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, ctx: RequestContext): Promise<Handled | 'streaming'> {
    const method = req.method ?? 'GET';
    const route = path.slice(API_PREFIX.length);
    const methodNotAllowed = (allow: string): Handled => fail(failure('METHOD_NOT_ALLOWED', `use ${allow}`, {}, { Allow: allow }));

    if (route === '/health') {
      // HEAD answers the same headers without the body (node:http leaves the body out).
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed('GET, HEAD');
      const body: HealthResponse = { ok: true, protocol: PROTOCOL_VERSION, schema: serverSchema, storage: db.kind, time: new Date(now()).toISOString() };
      return ok(body);
    }

    if (route === '/auth/login') {
      if (method !== 'POST') return methodNotAllowed('POST');
      const body = await readJsonBody(req, config.maxAuthBodyBytes);
      if (!body.ok) return fail(body.error);
      const compound = stringField(body.value, 'compound', 64);
      const username = stringField(body.value, 'username', 64);
      const password = stringField(body.value, 'password', 200);
      if (!compound || !username || !password) return fail(failure('BAD_REQUEST', 'expected {compound, username, password}'));
      if (![compound, username, password].every(isStorableText)) return fail(unstorable());
      const r = await login(auth, { compound, username, password, ip: clientIp(req), deviceId: deviceId(req) });
      if (r.ok) {
        ctx.compound = r.value.compound.code;
        ctx.user = r.value.user.id;
        return ok(r.value);
      }
      const { code, message, retryAfter } = r.error;
      return fail(
        retryAfter === undefined ? failure(code, message) : failure(code, message, { retryAfter }, { 'Retry-After': String(retryAfter) }),
      );
    }

    if (route === '/auth/refresh' || route === '/auth/logout') {
      if (method !== 'POST') return methodNotAllowed('POST');
      const body = await readJsonBody(req, config.maxAuthBodyBytes);
      if (!body.ok) return fail(body.error);
      const token = stringField(body.value, 'refreshToken', 300);
      if (!token) return fail(failure('BAD_REQUEST', 'expected {refreshToken}'));
      if (!isStorableText(token)) return fail(unstorable());
      if (route === '/auth/logout') {
        await logout(auth, token);
        return ok({ ok: true });
      }
      const r = await refresh(auth, token);
      if (r.ok) {
        ctx.compound = r.value.compound.code;
        ctx.user = r.value.user.id;
      }
      return r.ok ? ok(r.value) : fail(failure(r.error.code, r.error.message));
    }

    if (route === '/me') {
      if (method !== 'GET') return methodNotAllowed('GET');
      const a = await authorize(req, query, ctx);
      if (!a.ok) return fail(a.error);
      const { claims } = a.value;
      const user = await findUserById(db, claims.tid, claims.sub);
      const compound = await findCompoundById(db, claims.tid);
      if (!user || user.disabled || !compound) return fail(failure('UNAUTHENTICATED', 'user no longer exists'));
      const body: MeResponse = {
        user: { id: user.id, username: user.username, name: user.name, role: user.role },
        compound: { code: compound.code, name: compound.name },
        tokenExpiresAt: new Date(claims.exp * 1000).toISOString(),
      };
      return ok(body);
    }

    if (route === '/sync/stream') {
      if (method !== 'GET') return methodNotAllowed('GET');
      // Tokens never travel in URLs: URLs end up in logs, proxies and browser history.
      if (query.has(STREAM_QUERY.token)) return fail(failure('BAD_REQUEST', 'send the access token in the Authorization header, never in the URL'));
      const versions = checkVersions(req, query);
      if (versions) return fail(versions);
      const a = await authorize(req, query, ctx);
      if (!a.ok) return fail(a.error);
      const { claims } = a.value;
      if (res.destroyed) return fail(failure('BAD_REQUEST', 'the client went away'));
      const admitted = streams.admit(claims);
      if (!admitted.ok) {
        return fail(
          failure(
            'RATE_LIMITED',
            'too many live streams open for this compound; retry later',
            { retryAfter: STREAMS_FULL_RETRY_SECONDS },
            { 'Retry-After': String(STREAMS_FULL_RETRY_SECONDS) },
          ),
        );
      }
      ctx.stream = true;
      const entry: StreamEntry = {
        claims,
        stream: openStream(req, res, {
          feed,
          tenantId: claims.tid,
          heartbeatMs: config.heartbeatSeconds * 1000,
          expiresInMs: claims.exp * 1000 - now(),
          onClose: () => streams.remove(entry),
        }),
      };
      streams.add(entry);
      return 'streaming';
    }

    const h = /^\/history\/([a-z_]+)\/([^/]+)$/.exec(route);
    if (h && h[1] !== undefined && h[2] !== undefined) {
      if (method !== 'GET') return methodNotAllowed('GET');
      const collection = h[1];
      if (!isCollection(collection)) return fail(failure('NOT_FOUND', `no collection ${collection}`));
      const a = await authorize(req, query, ctx);
      if (!a.ok) return fail(a.error);
      let id: string;
      try {
        id = decodeURIComponent(h[2]);
      } catch {
        return fail(failure('BAD_REQUEST', 'malformed document id'));
      }
      if (!isIdText(id)) return fail(failure('BAD_REQUEST', `a document id is at most ${ID_MAX} characters of valid Unicode without NUL`));
      const tenantId = a.value.claims.tid;
      return scheduled(tenantId, res, async () => {
        const body: HistoryResponse = { versions: await historyOf(db, tenantId, collection, id, 1000) };
        return ok(body);
      });
    }

    const m = /^\/sync\/([a-z_]+)\/(pull|push|digest|versions|fetch)$/.exec(route);
    if (m && m[1] !== undefined && m[2] !== undefined) {
      const [, collection, op] = m;
      if (!isCollection(collection)) return fail(failure('NOT_FOUND', `no collection ${collection}`));
      const versions = checkVersions(req, query);
      if (versions) return fail(versions);
      const a = await authorize(req, query, ctx);
      if (!a.ok) return fail(a.error);
      const { claims, role } = a.value;

      // Reads: every role of the compound may read every collection of it, as on pull.
      if (op === 'pull') {
        if (method !== 'GET') return methodNotAllowed('GET');
        const seq = Number(query.get('seq') ?? '0');
        const limit = Number(query.get('limit') ?? String(PULL_DEFAULT_LIMIT));
        if (!Number.isSafeInteger(seq) || seq < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > PULL_MAX_LIMIT) {
          return fail(failure('BAD_REQUEST', `seq must be an integer ≥ 0 and limit 1…${PULL_MAX_LIMIT}`));
        }
        return scheduled(claims.tid, res, async () => {
          const rows = await changedSince(db, claims.tid, collection, seq, limit);
          const body: PullResponse = { documents: rows.map(toReplicated), checkpoint: { seq: rows[rows.length - 1]?.seq ?? seq } };
          return ok(body);
        });
      }
      if (op === 'digest') {
        if (method !== 'GET') return methodNotAllowed('GET');
        return scheduled(claims.tid, res, async () => {
          const body: DigestResponse = await digestOfCollection(db, claims.tid, collection);
          return ok(body);
        });
      }
      if (op === 'versions') {
        if (method !== 'GET') return methodNotAllowed('GET');
        return scheduled(claims.tid, res, async () => {
          const body: VersionsResponse = await versionsOf(db, claims.tid, collection);
          return ok(body);
        });
      }
      if (op === 'fetch') {
        if (method !== 'POST') return methodNotAllowed('POST');
        // The body is read before the compound's turn (a slow upload holds no slot) and parsed in it.
        const text = await readJsonText(req, config.maxBodyBytes);
        if (!text.ok) return fail(text.error);
        return scheduled(claims.tid, res, async () => {
          const body = parseJsonText(text.value);
          if (!body.ok) return fail(body.error);
          const ids = typeof body.value === 'object' && body.value !== null ? (body.value as { ids?: unknown }).ids : undefined;
          if (!Array.isArray(ids) || ids.length > FETCH_MAX_IDS || !ids.every(isIdText)) {
            return fail(failure('BAD_REQUEST', `expected {ids: [...]}: at most ${FETCH_MAX_IDS} strings of at most ${ID_MAX} characters, valid Unicode without NUL`));
          }
          const reply: FetchResponse = { documents: await fetchCurrent(db, claims.tid, collection, ids) };
          return ok(reply);
        });
      }

      if (method !== 'POST') return methodNotAllowed('POST');
      // Writes use the user's current role (from authorize), not the one in the token: a demoted user stops writing at
      // once rather than when the token runs out.
      if (!canWrite(role, collection)) return fail(failure('FORBIDDEN', `role ${role} may not write ${collection}`));
      const text = await readJsonText(req, config.maxBodyBytes);
      if (!text.ok) return fail(text.error);
      return scheduled(claims.tid, res, async () => {
        const body = parseJsonText(text.value);
        if (!body.ok) return fail(body.error);
        const rows = typeof body.value === 'object' && body.value !== null ? (body.value as { rows?: unknown }).rows : undefined;
        if (!Array.isArray(rows)) return fail(failure('BAD_REQUEST', 'expected {rows: [...]}'));
        if (rows.length > PUSH_MAX_ROWS) return fail(failure('BAD_REQUEST', `at most ${PUSH_MAX_ROWS} rows per push`));
        const outcome = await applyPush({
          db,
          validate: validators[collection],
          tenantId: claims.tid,
          collection,
          userId: claims.sub,
          deviceId: deviceId(req),
          rows,
          now: new Date(now()),
          quotas: {
            storageBytes: config.quotaStorageBytes,
            conflictsPerDocument: config.quotaConflictsPerDocument,
            conflictBytesPerDocument: config.quotaConflictBytesPerDocument,
          },
        });
        return ok(outcome.response);
      });
    }

    return fail(failure('NOT_FOUND', `no such endpoint: ${method} ${path}`));
  }

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
    if (config.hsts === 'always' || (config.hsts === 'proxy' && viaHttps(req))) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    // The raw target, not new URL(): "//host/x" must stay a path, never become a host.
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
    if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`) && path !== '/api' && !path.startsWith('/api/')) {
      await staticHost.handle(req, res, path);
      return;
    }
    // The desktop app's page (app://linli) calls the API cross-origin. Tokens travel in headers, never cookies, so
    // no credentials are allowed; other origins get no CORS headers and the browser keeps them out.
    const origin = header(req, 'origin');
    if (origin !== undefined && config.corsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    }
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      if (origin !== undefined && config.corsOrigins.includes(origin)) {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, HEAD, POST',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Linli-Protocol, X-Linli-Schema, X-Linli-Device, X-Linli-Compound',
          'Access-Control-Max-Age': '600',
        });
        res.end();
      } else {
        sendHandled(res, ctx, fail(failure('FORBIDDEN', 'origin not allowed')));
      }
      return;
    }
    const handled = await handleApi(req, res, path, query, ctx);
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
