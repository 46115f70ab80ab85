// The HTTP server: the sync API under /api/v1 and the web host (built renderer) everywhere else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertNever, type Result } from '../shared/result';
import { COLLECTION_NAMES, ID_MAX, type CollectionName } from '../shared/schema';
import { canWrite } from '../shared/sync/permissions';
import {
  API_PREFIX,
  FETCH_MAX_IDS,
  PROTOCOL_VERSION,
  PULL_DEFAULT_LIMIT,
  PULL_MAX_LIMIT,
  PUSH_MAX_ROWS,
  STREAM_QUERY,
  compareSchemaFingerprints,
  schemaFingerprint,
  type AccessTokenClaims,
  type DigestResponse,
  type FetchResponse,
  type HealthResponse,
  type HistoryResponse,
  type MeResponse,
  type PullResponse,
  type VersionsResponse,
} from '../shared/sync/protocol';
import { findCompoundById, findUserById, normalizeCompoundCode } from './accounts';
import { verifyAccessToken } from './auth/jwt';
import { loadTokenSecret } from './auth/secret';
import { login, logout, refresh, type AuthContext } from './auth/sessions';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { readJsonBody } from './http/body';
import { failure, sendFailure, sendJson, setSecurityHeaders, type Failure } from './http/respond';
import { createStaticHost } from './http/static-files';
import { createChangeFeed, type ChangeFeed } from './sync/change-feed';
import { changedSince, digestOfCollection, fetchCurrent, historyOf, toReplicated, versionsOf } from './sync/documents';
import { applyPush } from './sync/push';
import { createSchemaValidators } from './sync/schema-validator';
import { openStream } from './sync/stream';

export type AppOptions = {
  db: Db;
  config: ServerConfig;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
  log?: (msg: string) => void;
};

export type App = {
  server: Server;
  feed: ChangeFeed;
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

/** A string that could be a document id: at most ID_MAX characters (code points, as the JSON schema counts). */
function isIdText(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 2 * ID_MAX && [...x].length <= ID_MAX;
}

function stringField(body: unknown, key: string, max: number): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { db, config } = opts;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((msg: string) => console.error(msg));
  const secret = await loadTokenSecret(db, config.tokenSecret);
  const auth: AuthContext = { db, config, secret, now };
  const validators = createSchemaValidators();
  const feed = await createChangeFeed(db, log);
  const staticHost = createStaticHost(config.staticDir);
  const serverSchema = schemaFingerprint();
  const streams = new Set<{ end(): void }>();

  function clientIp(req: IncomingMessage): string {
    if (config.trustProxy) {
      const fwd = header(req, 'x-forwarded-for')?.split(',')[0]?.trim();
      if (fwd) return fwd;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }

  /** Protocol and schema of a sync client (headers, or query parameters for EventSource). */
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

  /** The caller's token (Authorization: Bearer, or ?token= for EventSource) and its compound. */
  function authenticate(req: IncomingMessage, query: URLSearchParams, allowQueryToken: boolean): Result<AccessTokenClaims, Failure> {
    const authz = header(req, 'authorization');
    const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : undefined;
    const token = bearer ?? (allowQueryToken ? (query.get(STREAM_QUERY.token) ?? undefined) : undefined);
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

  function deviceId(req: IncomingMessage): string | null {
    const d = header(req, 'x-linli-device')?.trim();
    return d ? d.slice(0, 100) : null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<Handled | 'streaming'> {
    const method = req.method ?? 'GET';
    const route = path.slice(API_PREFIX.length);
    const methodNotAllowed = (allow: string): Handled => fail(failure('METHOD_NOT_ALLOWED', `use ${allow}`, {}, { Allow: allow }));

    if (route === '/health') {
      if (method !== 'GET') return methodNotAllowed('GET');
      const body: HealthResponse = { ok: true, protocol: PROTOCOL_VERSION, schema: serverSchema, storage: db.kind, time: new Date(now()).toISOString() };
      return ok(body);
    }

    if (route === '/auth/login') {
      if (method !== 'POST') return methodNotAllowed('POST');
      const body = await readJsonBody(req, config.maxBodyBytes);
      if (!body.ok) return fail(body.error);
      const compound = stringField(body.value, 'compound', 64);
      const username = stringField(body.value, 'username', 64);
      const password = stringField(body.value, 'password', 200);
      if (!compound || !username || !password) return fail(failure('BAD_REQUEST', 'expected {compound, username, password}'));
      const r = await login(auth, { compound, username, password, ip: clientIp(req) });
      if (r.ok) return ok(r.value);
      const { code, message, retryAfter } = r.error;
      return fail(
        retryAfter === undefined ? failure(code, message) : failure(code, message, { retryAfter }, { 'Retry-After': String(retryAfter) }),
      );
    }

    if (route === '/auth/refresh' || route === '/auth/logout') {
      if (method !== 'POST') return methodNotAllowed('POST');
      const body = await readJsonBody(req, config.maxBodyBytes);
      if (!body.ok) return fail(body.error);
      const token = stringField(body.value, 'refreshToken', 300);
      if (!token) return fail(failure('BAD_REQUEST', 'expected {refreshToken}'));
      if (route === '/auth/logout') {
        await logout(auth, token);
        return ok({ ok: true });
      }
      const r = await refresh(auth, token);
      return r.ok ? ok(r.value) : fail(failure(r.error.code, r.error.message));
    }

    if (route === '/me') {
      if (method !== 'GET') return methodNotAllowed('GET');
      const a = authenticate(req, query, false);
      if (!a.ok) return fail(a.error);
      const user = await findUserById(db, a.value.tid, a.value.sub);
      const compound = await findCompoundById(db, a.value.tid);
      if (!user || user.disabled || !compound) return fail(failure('UNAUTHENTICATED', 'user no longer exists'));
      const body: MeResponse = {
        user: { id: user.id, username: user.username, name: user.name, role: user.role },
        compound: { code: compound.code, name: compound.name },
        tokenExpiresAt: new Date(a.value.exp * 1000).toISOString(),
      };
      return ok(body);
    }

    if (route === '/sync/stream') {
      if (method !== 'GET') return methodNotAllowed('GET');
      const versions = checkVersions(req, query);
      if (versions) return fail(versions);
      const a = authenticate(req, query, true);
      if (!a.ok) return fail(a.error);
      const stream = openStream(req, res, {
        feed,
        tenantId: a.value.tid,
        heartbeatMs: config.heartbeatSeconds * 1000,
        expiresInMs: a.value.exp * 1000 - now(),
        onClose: () => streams.delete(stream),
      });
      streams.add(stream);
      return 'streaming';
    }

    const h = /^\/history\/([a-z_]+)\/([^/]+)$/.exec(route);
    if (h && h[1] !== undefined && h[2] !== undefined) {
      if (method !== 'GET') return methodNotAllowed('GET');
      const collection = h[1];
      if (!isCollection(collection)) return fail(failure('NOT_FOUND', `no collection ${collection}`));
      const a = authenticate(req, query, false);
      if (!a.ok) return fail(a.error);
      let id: string;
      try {
        id = decodeURIComponent(h[2]);
      } catch {
        return fail(failure('BAD_REQUEST', 'malformed document id'));
      }
      const body: HistoryResponse = { versions: await historyOf(db, a.value.tid, collection, id, 1000) };
      return ok(body);
    }

    const m = /^\/sync\/([a-z_]+)\/(pull|push|digest|versions|fetch)$/.exec(route);
    if (m && m[1] !== undefined && m[2] !== undefined) {
      const [, collection, op] = m;
      if (!isCollection(collection)) return fail(failure('NOT_FOUND', `no collection ${collection}`));
      const versions = checkVersions(req, query);
      if (versions) return fail(versions);
      const a = authenticate(req, query, false);
      if (!a.ok) return fail(a.error);
      const claims = a.value;

      // Reads: every role of the compound may read every collection of it, as on pull.
      if (op === 'pull') {
        if (method !== 'GET') return methodNotAllowed('GET');
        const seq = Number(query.get('seq') ?? '0');
        const limit = Number(query.get('limit') ?? String(PULL_DEFAULT_LIMIT));
        if (!Number.isSafeInteger(seq) || seq < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > PULL_MAX_LIMIT) {
          return fail(failure('BAD_REQUEST', `seq must be an integer ≥ 0 and limit 1…${PULL_MAX_LIMIT}`));
        }
        const rows = await changedSince(db, claims.tid, collection, seq, limit);
        const body: PullResponse = { documents: rows.map(toReplicated), checkpoint: { seq: rows[rows.length - 1]?.seq ?? seq } };
        return ok(body);
      }
      if (op === 'digest') {
        if (method !== 'GET') return methodNotAllowed('GET');
        const body: DigestResponse = await digestOfCollection(db, claims.tid, collection);
        return ok(body);
      }
      if (op === 'versions') {
        if (method !== 'GET') return methodNotAllowed('GET');
        const body: VersionsResponse = await versionsOf(db, claims.tid, collection);
        return ok(body);
      }
      if (op === 'fetch') {
        if (method !== 'POST') return methodNotAllowed('POST');
        const body = await readJsonBody(req, config.maxBodyBytes);
        if (!body.ok) return fail(body.error);
        const ids = typeof body.value === 'object' && body.value !== null ? (body.value as { ids?: unknown }).ids : undefined;
        if (!Array.isArray(ids) || ids.length > FETCH_MAX_IDS || !ids.every(isIdText)) {
          return fail(failure('BAD_REQUEST', `expected {ids: [...]}: at most ${FETCH_MAX_IDS} strings of at most ${ID_MAX} characters`));
        }
        const reply: FetchResponse = { documents: await fetchCurrent(db, claims.tid, collection, ids) };
        return ok(reply);
      }

      if (method !== 'POST') return methodNotAllowed('POST');
      // Writes use the user's current role, not the one in the token: a demoted or disabled user stops writing at
      // once rather than when the token runs out.
      const writer = await findUserById(db, claims.tid, claims.sub);
      if (!writer || writer.disabled) return fail(failure('UNAUTHENTICATED', 'user no longer exists or is disabled'));
      if (!canWrite(writer.role, collection)) return fail(failure('FORBIDDEN', `role ${writer.role} may not write ${collection}`));
      const body = await readJsonBody(req, config.maxBodyBytes);
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
      });
      return ok(outcome.response);
    }

    return fail(failure('NOT_FOUND', `no such endpoint: ${method} ${path}`));
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
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
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      if (origin !== undefined && config.corsOrigins.includes(origin)) {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Linli-Protocol, X-Linli-Schema, X-Linli-Device, X-Linli-Compound',
          'Access-Control-Max-Age': '600',
        });
        res.end();
      } else {
        sendFailure(res, failure('FORBIDDEN', 'origin not allowed'));
      }
      return;
    }
    const handled = await handleApi(req, res, path, query);
    if (handled === 'streaming') return;
    if (handled.ok) sendJson(res, handled.value.status, handled.value.body);
    else sendFailure(res, handled.error);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      // Never log the stream's ?token=.
      const target = (req.url ?? '?').replace(/([?&]token=)[^&]*/g, '$1…');
      log(`${req.method ?? '?'} ${target}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
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
      for (const s of [...streams]) s.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await feed.close();
    },
  };
}
