// The sync protocol between a Linli Desk client and the district server (issue #3): versioned data, shared by
// both sides. Pure TypeScript, no Node or DOM imports. The server is the only clock: checkpoints are a per-compound
// sequence number the server assigns to every accepted write, never a client timestamp.
import { COLLECTIONS, COLLECTION_NAMES, type CollectionDocs, type CollectionName } from '../schema';
import type { Role } from './permissions';

/** Bump when a request or response shape changes incompatibly; an older client then gets 426 UPGRADE_REQUIRED. */
export const PROTOCOL_VERSION = 2;

export const API_PREFIX = '/api/v1';

/** Request headers a sync client sends (header names are case-insensitive on the wire). */
export const HEADERS = {
  /** PROTOCOL_VERSION of the client, e.g. "2". Required on /sync/* (and `protocol` query param on the stream). */
  protocol: 'X-Linli-Protocol',
  /** schemaFingerprint() of the client, e.g. "roster@0,settings@0,…". Required on /sync/* (`schema` query param on the stream). */
  schema: 'X-Linli-Schema',
  /** A stable id of the installation (max 100 chars), recorded in the history of every write it pushes. */
  device: 'X-Linli-Device',
  /** Optional: the compound code the client believes it talks about. A mismatch with the token's compound is 403. */
  compound: 'X-Linli-Compound',
} as const;

/**
 * Query parameter names the stream accepts in place of the headers above. `token` is refused (400): an access token
 * never travels in a URL, where proxies and logs keep it; clients read the stream with fetch and send Authorization.
 */
export const STREAM_QUERY = { token: 'token', protocol: 'protocol', schema: 'schema', compound: 'compound' } as const;

/** The collection names and schema versions, in COLLECTION_NAMES order: "roster@0,settings@0,…". */
export function schemaFingerprint(
  collections: { readonly [K in CollectionName]: { schema: { version: number } } } = COLLECTIONS,
): string {
  return COLLECTION_NAMES.map((name) => `${name}@${collections[name].schema.version}`).join(',');
}

export type FingerprintParse = { ok: true; versions: ReadonlyMap<string, number> } | { ok: false };

/** Parse a fingerprint written by schemaFingerprint(); unknown collection names are kept. */
export function parseSchemaFingerprint(text: string): FingerprintParse {
  const versions = new Map<string, number>();
  if (text.length === 0 || text.length > 2000) return { ok: false };
  for (const part of text.split(',')) {
    const m = /^([a-z_][a-z0-9_]*)@(\d{1,6})$/.exec(part.trim());
    if (!m || m[1] === undefined || m[2] === undefined) return { ok: false };
    versions.set(m[1], Number(m[2]));
  }
  return { ok: true, versions };
}

export type SchemaCompatibility = 'compatible' | 'client_outdated' | 'server_outdated';

/**
 * Compare a client's fingerprint with the server's. A client that lacks a collection or has an older version of
 * one must update (426); a client that is newer than the server cannot be validated by it (SERVER_OUTDATED).
 */
export function compareSchemaFingerprints(client: string, server: string): SchemaCompatibility {
  const c = parseSchemaFingerprint(client);
  const s = parseSchemaFingerprint(server);
  if (!c.ok || !s.ok) return 'client_outdated';
  let serverOutdated = false;
  for (const [name, version] of s.versions) {
    const cv = c.versions.get(name);
    if (cv === undefined || cv < version) return 'client_outdated';
    if (cv > version) serverOutdated = true;
  }
  for (const name of c.versions.keys()) if (!s.versions.has(name)) serverOutdated = true;
  return serverOutdated ? 'server_outdated' : 'compatible';
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

export const ApiErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  TokenExpired: 'TOKEN_EXPIRED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A request body that is not sent as `Content-Type: application/json`. */
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  /** The compound has too many requests in flight or too many open streams; retry after retryAfter seconds. */
  RateLimited: 'RATE_LIMITED',
  UpgradeRequired: 'UPGRADE_REQUIRED',
  ServerOutdated: 'SERVER_OUTDATED',
  Internal: 'INTERNAL',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** HTTP status of each error code. */
export const API_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  UPGRADE_REQUIRED: 426,
  SERVER_OUTDATED: 409,
  INTERNAL: 500,
} as const satisfies Record<ApiErrorCode, number>;

/**
 * Every error response body. `message` is English for logs; the UI picks its Chinese text by `code`.
 * TOO_MANY_ATTEMPTS and RATE_LIMITED carry retryAfter (seconds, also in the Retry-After header); UPGRADE_REQUIRED and
 * SERVER_OUTDATED carry the server's protocol and schema fingerprint.
 */
export type ApiError = {
  code: ApiErrorCode;
  message: string;
  retryAfter?: number;
  serverProtocol?: number;
  serverSchema?: string;
};
export type ApiErrorBody = { error: ApiError };

// ---------------------------------------------------------------------------------------------------------------
// Auth: POST /api/v1/auth/login, POST /api/v1/auth/refresh, POST /api/v1/auth/logout, GET /api/v1/me

export type LoginRequest = { compound: string; username: string; password: string };
export type RefreshRequest = { refreshToken: string };
export type LogoutRequest = { refreshToken: string };

export type UserInfo = {
  id: string;
  username: string;
  /** 姓名 */
  name: string;
  role: Role;
};
export type CompoundInfo = { code: string; name: string };

/**
 * Answer to login and refresh. Times are ISO-8601 UTC. The refresh token is single-use: keep the new one. Presented
 * again within the server's reuse window (its answer was lost) it returns the same successor; after that, it ends the
 * whole login.
 */
export type SessionResponse = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: UserInfo;
  compound: CompoundInfo;
};

export type MeResponse = { user: UserInfo; compound: CompoundInfo; tokenExpiresAt: string };

export type HealthResponse = {
  ok: true;
  protocol: number;
  schema: string;
  storage: 'postgres' | 'pglite';
  time: string;
};

/** Claims of the access token (JWT, HS256). `tid` is the server's tenant id of the compound. */
export type AccessTokenClaims = {
  typ: 'access';
  sub: string;
  tid: string;
  cmp: string;
  role: Role;
  iat: number;
  exp: number;
};

// ---------------------------------------------------------------------------------------------------------------
// Replication (protocol 2, issue #7). Every version of a document carries the server sequence it was accepted at
// (`sync.seq`). A client bases each change on the seq it last saw, the server compare-and-sets on that seq, and a
// client never applies a version older than the one it holds. The stream only says "collection C reached seq N";
// documents arrive only by pull, from the client's own checkpoint, so no ordering inside the client can skip one.

/** Per-document sync state. On the wire only `seq`; `dirty` is the client's own mark of an unpushed local change. */
export type DocSync = { seq: number; dirty?: boolean };

/**
 * A document as replicated: the schema's fields plus `_deleted`, and `sync.seq` = the server sequence of this
 * version (server → client). No `_rev`, `_meta` or `_attachments`.
 */
export type ReplicatedDoc<C extends CollectionName = CollectionName> = CollectionDocs[C] & { _deleted: boolean; sync?: DocSync };

export type SyncCheckpoint = { seq: number };

/** GET /api/v1/sync/:collection/pull?seq=<n>&limit=<k> (seq defaults to 0, limit to 100, max 1000). */
export type PullResponse<C extends CollectionName = CollectionName> = {
  /** Ordered by the server's sequence, every document at most once, each with sync.seq. */
  documents: ReplicatedDoc<C>[];
  /** Pass back as `seq` for the next batch. Equal to the request's seq when documents is empty. */
  checkpoint: SyncCheckpoint;
};

export type PushRow<C extends CollectionName = CollectionName> = {
  /** The seq of the server version this change was made on; 0 for a document the client created. */
  baseSeq: number;
  /** The new state; any `sync` on it is ignored. */
  document: ReplicatedDoc<C>;
};

/** POST /api/v1/sync/:collection/push (max 1000 rows, body max 5 MiB). Each id at most once per push. */
export type PushRequest<C extends CollectionName = CollectionName> = { rows: PushRow<C>[] };

export const RejectionCode = {
  /** The document does not match the collection's JSON schema. */
  SchemaInvalid: 'SCHEMA_INVALID',
  /** The row is not an object {baseSeq: integer >= 0, document: object}. */
  MalformedRow: 'MALFORMED_ROW',
  /** A domain rule (shared/sync/validate.ts) refused it. */
  DomainInvalid: 'DOMAIN_INVALID',
} as const;
export type RejectionCode = (typeof RejectionCode)[keyof typeof RejectionCode];

export type Rejection = {
  /** The document id, or '' when the row has none. */
  id: string;
  code: RejectionCode;
  /** English, for logs; the UI shows Chinese by code (and rule). */
  message: string;
  /** JSON pointer of the offending field, e.g. "/lines/0/debitFen". */
  path?: string;
  /** For DOMAIN_INVALID: the rule's own code, e.g. VOUCHER_UNBALANCED. */
  rule?: string;
};

/**
 * The server's answer for a row whose baseSeq is not the document's current seq (someone else wrote it first).
 * `document` is the current version (with sync.seq); `base` is the version at baseSeq from the server's history
 * (absent when baseSeq was 0 or history lacks it), so that the client can merge three-way without keeping bases.
 */
export type PushConflict<C extends CollectionName = CollectionName> = { document: ReplicatedDoc<C>; base?: ReplicatedDoc<C> };

/** A row the server now holds: the seq of the version equal to what was pushed (a new one, or the existing one). */
export type PushAccepted = { id: string; seq: number };

export type PushResponse<C extends CollectionName = CollectionName> = {
  /**
   * Rows whose state the server now holds at `seq`: written now with a new seq, or already stored with exactly
   * this content (a retried push whose answer was lost), then with the existing seq.
   */
  accepted: PushAccepted[];
  conflicts: PushConflict<C>[];
  /** Documents refused by validation; they were not written, everything else in the push was. */
  rejected: Rejection[];
  /**
   * Present when the push wrote versions: every version of this collection with a seq in (since, seq] is one this
   * push wrote. A client whose pull checkpoint is at least `since` holds them all once it has recorded `accepted`,
   * and may move its checkpoint to `seq` instead of pulling its own writes back (issue #14).
   */
  checkpoint?: PushCheckpoint;
};

export type PushCheckpoint = { since: number; seq: number };

/**
 * Anti-entropy. GET /api/v1/sync/:collection/digest: a summary of the live (not deleted) documents of a collection,
 * computed by shared/sync/digest.ts on both sides; equal digests mean both hold the same versions.
 */
export type DigestResponse = { count: number; hash: string; maxSeq: number };

/**
 * GET /api/v1/sync/:collection/versions: every document's current seq (tombstones included), as [id, seq, deleted],
 * ordered by id in UTF-16 code-unit order (as digestOf); used only when digests differ, to find what to fetch or re-push.
 */
export type VersionsResponse = { versions: [id: string, seq: number, deleted: boolean][] };

/** POST /api/v1/sync/:collection/fetch {ids} (max 1000): the current version of each id the server has. */
export type FetchRequest = { ids: string[] };
export type FetchResponse<C extends CollectionName = CollectionName> = { documents: ReplicatedDoc<C>[] };

/**
 * GET /api/v1/sync/stream (Server-Sent Events, every collection of the token's compound).
 *   event: change  data: StreamPoke        — the collection has versions up to `seq`; pull if your checkpoint is lower.
 *   event: resync  data: StreamResync      — sent first on every connect, and whenever the server may have missed
 *                                             changes. With `heads`: each collection's highest seq when the stream
 *                                             started listening (pull those above your checkpoint; later changes
 *                                             come as `change`). Without: pull every collection from its checkpoint.
 *   event: expired data: ApiErrorBody      — the access token expired; refresh it and reconnect.
 *   ": ping"                               — heartbeat comment, ignore.
 * The stream never carries documents: documents arrive only by pull, so a dropped or reordered event costs a pull,
 * never a document.
 */
export type StreamPoke<C extends CollectionName = CollectionName> = { collection: C; seq: number };
/** Every collection of the compound with its highest seq (0: none yet), read after the stream began listening. */
export type StreamResync = { heads?: Partial<Record<CollectionName, number>> };
export const STREAM_EVENTS = { change: 'change', resync: 'resync', expired: 'expired' } as const;

/** One accepted version of a document, oldest first (the audit trail). */
export type HistoryEntry<C extends CollectionName = CollectionName> = {
  seq: number;
  /** ISO-8601 UTC, the server's clock when the version was accepted. */
  at: string;
  userId: string;
  /** The writer's 姓名 and username at the time of reading (empty if the user was removed). */
  userName: string;
  username: string;
  deviceId: string | null;
  document: ReplicatedDoc<C>;
};

/** GET /api/v1/history/:collection/:id (any role of the compound). */
export type HistoryResponse<C extends CollectionName = CollectionName> = { versions: HistoryEntry<C>[] };

/**
 * Supporting documents (vouchers' attachments), content-addressed per compound:
 *   PUT /api/v1/blobs/:hash  — the raw bytes, Content-Type one of the attachment types (image/jpeg, image/png,
 *     image/webp, application/pdf), at most 5 MiB (413 PAYLOAD_TOO_LARGE above it, or when the compound's storage
 *     quota is used up). The server checks that SHA-256 of the bytes is :hash (400 otherwise) and that the bytes are
 *     what the type says (415 otherwise). Idempotent: 201 when stored now, 200 when it already was. Roles that may
 *     write vouchers.
 *   GET /api/v1/blobs/:hash  — the bytes with their Content-Type (404 NOT_FOUND when this compound has none). Any role.
 */
export type BlobPutResponse = { hash: string; mime: string; size: number; created: boolean };

/**
 * POST /api/v1/sync/batch (issue #14): several collections' pulls and digests in one exchange, so that an empty client
 * takes the whole compound in a few requests and a reconnect checks every collection in one. The URL is constant (a
 * cross-origin client pays one CORS preflight per Access-Control-Max-Age, not one per pull) and the answer is
 * compressed when the client accepts it. Any role of the compound; the same versions and order as the per-collection
 * pull and digest, which stay for older clients.
 */
export type BatchRequest = {
  /** Collections to pull, each after its checkpoint seq (as `seq` of the pull). Served in the order given. */
  pull?: Partial<Record<CollectionName, number>>;
  /**
   * Collections whose digest is wanted, read after the pulls. Not answered for a collection pulled in the same batch
   * whose answer has `more: true` (not caught up: its digest could only differ; the client asks with its last pull).
   */
  digest?: CollectionName[];
  /**
   * At most this many bytes of documents in the answer (the server keeps it within BATCH_MIN_BUDGET_BYTES and its own
   * budget). A catch-up asks for a small first page and grows it fourfold while there is more, so this PC starts
   * writing while the server and the network still work on the rest (issue #14).
   */
  budget?: number;
};

/** One collection's part of a batch: as PullResponse, and `more` when it has versions after `checkpoint`. */
export type BatchPull<C extends CollectionName = CollectionName> = PullResponse<C> & { more: boolean };

export type BatchResponse = {
  /** Every collection asked for, in the order asked: its documents, its new checkpoint, whether there are more. */
  pulls: Partial<Record<CollectionName, BatchPull>>;
  digests: Partial<Record<CollectionName, DigestResponse>>;
};

/**
 * The documents of one batch answer stay under this many bytes of JSON (before compression), but each collection
 * whose turn comes gets at least one document when it has one, so every batch makes progress. A collection cut short
 * by the budget, or reached after it was spent, answers with its checkpoint where it stopped and `more: true` when it
 * has versions after it.
 */
export const BATCH_BUDGET_BYTES = 4 * 1024 * 1024;
/** The smallest budget a batch request may ask for; and a catch-up's first. */
export const BATCH_MIN_BUDGET_BYTES = 64 * 1024;
export const BATCH_FIRST_BUDGET_BYTES = 256 * 1024;

export const PULL_DEFAULT_LIMIT = 100;
export const PULL_MAX_LIMIT = 1000;
export const PUSH_MAX_ROWS = 1000;

/**
 * Every endpoint's path as a template, `:name` standing for one path segment. The server routes by these
 * (src-server/routes/table.ts); clients build URLs with API_PATHS, which fills them in.
 */
export const API_ROUTES = {
  health: `${API_PREFIX}/health`,
  login: `${API_PREFIX}/auth/login`,
  refresh: `${API_PREFIX}/auth/refresh`,
  logout: `${API_PREFIX}/auth/logout`,
  me: `${API_PREFIX}/me`,
  stream: `${API_PREFIX}/sync/stream`,
  batch: `${API_PREFIX}/sync/batch`,
  pull: `${API_PREFIX}/sync/:collection/pull`,
  push: `${API_PREFIX}/sync/:collection/push`,
  digest: `${API_PREFIX}/sync/:collection/digest`,
  versions: `${API_PREFIX}/sync/:collection/versions`,
  fetch: `${API_PREFIX}/sync/:collection/fetch`,
  history: `${API_PREFIX}/history/:collection/:id`,
  blob: `${API_PREFIX}/blobs/:hash`,
} as const;

/** A template of API_ROUTES with its `:name` segments filled in, each percent-encoded. */
export const fillPath = (template: string, params: Readonly<Record<string, string>>): string =>
  template.replace(/:([a-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** Paths, for the client to build URLs. */
export const API_PATHS = {
  health: API_ROUTES.health,
  login: API_ROUTES.login,
  refresh: API_ROUTES.refresh,
  logout: API_ROUTES.logout,
  me: API_ROUTES.me,
  stream: API_ROUTES.stream,
  batch: API_ROUTES.batch,
  pull: (collection: CollectionName) => fillPath(API_ROUTES.pull, { collection }),
  push: (collection: CollectionName) => fillPath(API_ROUTES.push, { collection }),
  digest: (collection: CollectionName) => fillPath(API_ROUTES.digest, { collection }),
  versions: (collection: CollectionName) => fillPath(API_ROUTES.versions, { collection }),
  fetch: (collection: CollectionName) => fillPath(API_ROUTES.fetch, { collection }),
  history: (collection: CollectionName, id: string) => fillPath(API_ROUTES.history, { collection, id }),
  blob: (hash: string) => fillPath(API_ROUTES.blob, { hash }),
} as const satisfies Record<keyof typeof API_ROUTES, unknown>;

/** Fields RxDB keeps on a stored document that never travel to the server. */
export const RXDB_INTERNAL_FIELDS = ['_rev', '_meta', '_attachments'] as const;

/** At most this many ids per fetch request. */
export const FETCH_MAX_IDS = 1000;
