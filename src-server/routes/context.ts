// What every area's routes share: the server's parts, the caller's access, the client's versions, the compound's turn.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertNever, type Result } from '../../shared/result';
import { COLLECTION_NAMES, ID_MAX, type CollectionName } from '../../shared/schema';
import type { Role } from '../../shared/sync/permissions';
import { HEADERS, PROTOCOL_VERSION, STREAM_QUERY, compareSchemaFingerprints } from '../../shared/sync/protocol';
import { normalizeCompoundCode } from '../accounts';
import { verifyAccessToken, type ServerClaims } from '../auth/jwt';
import { checkAccess, type AccessProblem } from '../auth/revocation';
import type { AuthContext } from '../auth/sessions';
import type { ServerConfig } from '../config';
import type { Db } from '../db/db';
import { isStorableText } from '../http/json-safety';
import { header } from '../http/request-headers';
import { failure, type Failure } from '../http/respond';
import type { TenantScheduler } from '../http/tenant-scheduler';
import type { ChangeFeed } from '../sync/change-feed';
import type { DocValidator } from '../sync/schema-validator';
import type { StreamRegistry } from '../sync/stream-registry';
import { fail, type Handled, type RouteRequest } from './route';

export type Caller = { claims: ServerClaims; role: Role };

export type ApiContext = {
  db: Db;
  config: ServerConfig;
  now: () => number;
  auth: AuthContext;
  feed: ChangeFeed;
  streams: StreamRegistry;
  validators: { readonly [C in CollectionName]: DocValidator };
  /** schemaFingerprint() of this server. */
  serverSchema: string;
  /** Protocol and schema of a sync client (headers, or query parameters for the stream); null when they fit. */
  checkVersions(req: IncomingMessage, query: URLSearchParams): Failure | null;
  /** The token, then the database: the user, the token version and the login still hold (revocation.ts). */
  authorize(r: RouteRequest): Promise<Result<Caller, Failure>>;
  /** Runs heavy work in one of the compound's slots (tenant-scheduler.ts); a full queue is 429 RATE_LIMITED. */
  scheduled(tenantId: string, res: ServerResponse, work: () => Promise<Handled>): Promise<Handled>;
};

/** Why an access check failed, for the client's log (the UI shows one Chinese text for UNAUTHENTICATED). */
const ACCESS_MESSAGES: { readonly [P in AccessProblem]: string } = {
  USER_GONE: 'the user no longer exists; log in again',
  DISABLED: 'the user is disabled',
  TOKEN_REVOKED: 'signed out everywhere (password reset or account disabled); log in again',
  SESSION_REVOKED: 'this login was ended (logout or device revoked); log in again',
};

/** Seconds a client is asked to wait when its compound's queue is full. */
const BUSY_RETRY_SECONDS = 2;

export function createApiContext(parts: Omit<ApiContext, 'checkVersions' | 'authorize' | 'scheduled'> & { scheduler: TenantScheduler }): ApiContext {
  const { db, now, auth, serverSchema, scheduler } = parts;

  function checkVersions(req: IncomingMessage, query: URLSearchParams): Failure | null {
    const protocol = header(req, HEADERS.protocol) ?? query.get(STREAM_QUERY.protocol) ?? '';
    const schema = header(req, HEADERS.schema) ?? query.get(STREAM_QUERY.schema) ?? '';
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
    const v = verifyAccessToken(token, auth.secret, Math.floor(now() / 1000));
    if (!v.ok) {
      return { ok: false, error: v.error === 'TOKEN_EXPIRED' ? failure('TOKEN_EXPIRED', 'access token expired') : failure('UNAUTHENTICATED', 'access token invalid') };
    }
    // The tenant comes from the token alone. A client may name the compound it means; naming another is refused.
    const named = header(req, HEADERS.compound) ?? query.get(STREAM_QUERY.compound) ?? undefined;
    if (named !== undefined && normalizeCompoundCode(named) !== v.value.cmp) {
      return { ok: false, error: failure('FORBIDDEN', 'the token belongs to another compound') };
    }
    return v;
  }

  async function authorize({ req, query, ctx }: RouteRequest): Promise<Result<Caller, Failure>> {
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

  return { ...parts, checkVersions, authorize, scheduled };
}

// ---- Checks of what a client sent ----

export function isCollection(x: string): x is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(x);
}

/** A string that could be a document id: at most ID_MAX characters (code points, as the JSON schema counts), storable. */
export function isIdText(x: unknown): x is string {
  return typeof x === 'string' && x.length <= 2 * ID_MAX && [...x].length <= ID_MAX && isStorableText(x);
}

export function stringField(body: unknown, key: string, max: number): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
}

export const unstorable = (): Failure => failure('BAD_REQUEST', 'text fields must be valid Unicode without NUL characters');
