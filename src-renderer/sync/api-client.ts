// HTTP client of the sync protocol (shared/sync/protocol.ts). Failures are values with codes; the sync engine
// turns them into thrown SyncFailure errors inside a lane's run, which then backs off and retries.
import {
  API_PATHS,
  HEADERS,
  PROTOCOL_VERSION,
  schemaFingerprint,
  type ApiErrorBody,
  type BatchRequest,
  type BatchResponse,
  type BlobPutResponse,
  type DigestResponse,
  type FetchResponse,
  type HistoryResponse,
  type LoginRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SessionResponse,
  type VersionsResponse,
} from '../../shared/sync/protocol';
import type { CollectionName } from '../../shared/schema';
import type { Result } from '../../shared/result';

export type SyncErrorCode =
  | 'NETWORK' // server unreachable
  | 'BAD_RESPONSE'
  | 'NOT_LOGGED_IN'
  | ApiErrorBody['error']['code'];

export type SyncError = { code: SyncErrorCode; message?: string; retryAfter?: number; status?: number };

/** Thrown inside the sync engine's steps so that the lane retries; carries the coded error for the UI. */
export class SyncFailure extends Error {
  constructor(readonly error: SyncError) {
    super(`${error.code}${error.message ? `: ${error.message}` : ''}`);
    this.name = 'SyncFailure';
  }
}

export type StoredSession = SessionResponse & { serverUrl: string };

export type ApiClientDeps = {
  getSession: () => StoredSession | null;
  saveSession: (s: StoredSession | null) => void;
  deviceId: string;
  fetch?: typeof fetch;
  /**
   * Every request but the stream gives up after this long (ms). A connection that goes silent without a reset (a
   * dropped Wi-Fi, an expired NAT entry) would otherwise hold its collection's sync forever.
   */
  requestTimeoutMs?: number;
};

export const REQUEST_TIMEOUT_MS = 30_000;
/** A supporting document (up to 5 MiB) may take a while over a slow uplink; a silent connection still ends. */
export const BLOB_TIMEOUT_MS = 180_000;

export type ApiClient = ReturnType<typeof createApiClient>;

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

export function createApiClient(deps: ApiClientDeps) {
  const doFetch = deps.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let refreshing: Promise<Result<StoredSession, SyncError>> | null = null;

  async function call<T>(serverUrl: string, path: string, init: RequestInit & { auth?: string }): Promise<Result<T, SyncError>> {
    const headers: Record<string, string> = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.schema]: schemaFingerprint(),
      [HEADERS.device]: deps.deviceId,
    };
    if (init.body) headers['Content-Type'] = 'application/json';
    if (init.auth) headers.Authorization = `Bearer ${init.auth}`;
    let res: Response;
    const signal = AbortSignal.timeout(deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    try {
      res = await doFetch(join(serverUrl, path), { ...init, signal, headers: { ...headers, ...(init.headers as Record<string, string>) } });
    } catch (e) {
      return { ok: false, error: { code: 'NETWORK', message: String(e) } };
    }
    let body: unknown;
    try {
      // The timeout covers the body too: a connection can go silent halfway through an answer.
      body = await res.json();
    } catch (e) {
      // A connection cut while the answer arrives (or a compressed answer cut short) fails the read, not the parse:
      // that is the network, retried quietly, not an answer the server got wrong.
      if (signal.aborted || !(e instanceof SyntaxError)) return { ok: false, error: { code: 'NETWORK', message: String(e) } };
      return { ok: false, error: { code: res.ok ? 'BAD_RESPONSE' : res.status >= 500 ? 'NETWORK' : 'BAD_RESPONSE', status: res.status } };
    }
    if (!res.ok) {
      const e = (body as Partial<ApiErrorBody>)?.error;
      return { ok: false, error: { code: e?.code ?? 'BAD_RESPONSE', message: e?.message, retryAfter: e?.retryAfter, status: res.status } };
    }
    return { ok: true, value: body as T };
  }

  async function refresh(session: StoredSession): Promise<Result<StoredSession, SyncError>> {
    refreshing ??= (async () => {
      const r = await call<SessionResponse>(session.serverUrl, API_PATHS.refresh, { method: 'POST', body: JSON.stringify({ refreshToken: session.refreshToken }) });
      if (!r.ok) {
        // Only the server's explicit refusal of the token means logging in again. A lost or failed answer (network,
        // 5xx, a proxy's error page) keeps the session: the server accepts the same token again for a short while
        // and hands out the same successor (issue #7, cause 3). Unsynced writes stay marked in the store either way.
        if (r.error.code === 'UNAUTHENTICATED' || r.error.code === 'INVALID_CREDENTIALS') deps.saveSession(null);
        return r;
      }
      const next = { ...r.value, serverUrl: session.serverUrl };
      deps.saveSession(next);
      return { ok: true as const, value: next };
    })().finally(() => (refreshing = null));
    return refreshing;
  }

  /** The session, its access token refreshed first when it expires within 30 s. */
  async function currentSession(): Promise<Result<StoredSession, SyncError>> {
    const session = deps.getSession();
    if (!session) return { ok: false, error: { code: 'NOT_LOGGED_IN' } };
    if (Date.parse(session.accessTokenExpiresAt) - Date.now() >= 30_000) return { ok: true, value: session };
    return refresh(session);
  }

  /** An authenticated call that refreshes an expired access token once. */
  async function authed<T>(path: string, init: RequestInit): Promise<Result<T, SyncError>> {
    const current = await currentSession();
    if (!current.ok) return current;
    const session = current.value;
    const first = await call<T>(session.serverUrl, path, { ...init, auth: session.accessToken });
    if (first.ok || (first.error.code !== 'TOKEN_EXPIRED' && first.error.code !== 'UNAUTHENTICATED')) return first;
    const r = await refresh(deps.getSession() ?? session);
    if (!r.ok) return r;
    return call<T>(session.serverUrl, path, { ...init, auth: r.value.accessToken });
  }

  /**
   * A request whose body or answer is bytes (supporting documents, GET/PUT /blobs/:hash). Errors come back as the
   * server's JSON error body, as for every other call; a success is the raw response, its body not yet read.
   */
  async function callBytes(serverUrl: string, path: string, init: RequestInit & { auth: string; contentType?: string }): Promise<Result<Response, SyncError>> {
    const headers: Record<string, string> = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.schema]: schemaFingerprint(),
      [HEADERS.device]: deps.deviceId,
      Authorization: `Bearer ${init.auth}`,
    };
    if (init.contentType) headers['Content-Type'] = init.contentType;
    const { auth: _a, contentType: _c, ...rest } = init;
    let res: Response;
    try {
      res = await doFetch(join(serverUrl, path), { ...rest, signal: init.signal ?? AbortSignal.timeout(BLOB_TIMEOUT_MS), headers });
    } catch (e) {
      return { ok: false, error: { code: 'NETWORK', message: String(e) } };
    }
    if (res.ok) return { ok: true, value: res };
    try {
      const e = ((await res.json()) as Partial<ApiErrorBody>)?.error;
      return { ok: false, error: { code: e?.code ?? 'BAD_RESPONSE', message: e?.message, retryAfter: e?.retryAfter, status: res.status } };
    } catch {
      return { ok: false, error: { code: res.status >= 500 ? 'NETWORK' : 'BAD_RESPONSE', status: res.status } };
    }
  }

  /** callBytes with the session's token, refreshed once when it expired. */
  async function authedBytes(path: string, init: RequestInit & { contentType?: string }): Promise<Result<Response, SyncError>> {
    const current = await currentSession();
    if (!current.ok) return current;
    const session = current.value;
    const first = await callBytes(session.serverUrl, path, { ...init, auth: session.accessToken });
    if (first.ok || (first.error.code !== 'TOKEN_EXPIRED' && first.error.code !== 'UNAUTHENTICATED')) return first;
    const r = await refresh(deps.getSession() ?? session);
    if (!r.ok) return r;
    return callBytes(session.serverUrl, path, { ...init, auth: r.value.accessToken });
  }

  /** The whole body, within the same timeout as the request: a connection can go silent halfway through. */
  async function bodyOf<T>(res: Response, read: (r: Response) => Promise<T>): Promise<Result<T, SyncError>> {
    try {
      return { ok: true, value: await read(res) };
    } catch (e) {
      return { ok: false, error: { code: 'NETWORK', message: String(e) } };
    }
  }

  return {
    /**
     * Uploads a supporting document under its SHA-256 (idempotent: a retry of an upload whose answer was lost is
     * answered 200). PAYLOAD_TOO_LARGE: over 5 MiB or the compound's storage is full.
     */
    async putBlob(hash: string, mime: string, data: Blob | Uint8Array): Promise<Result<BlobPutResponse, SyncError>> {
      const r = await authedBytes(API_PATHS.blob(hash), { method: 'PUT', body: data as BodyInit, contentType: mime });
      if (!r.ok) return r;
      const body = await bodyOf(r.value, (res) => res.json() as Promise<BlobPutResponse>);
      return body.ok && body.value?.hash !== hash ? { ok: false, error: { code: 'BAD_RESPONSE' } } : body;
    },
    /** Downloads a supporting document (NOT_FOUND: the server has none by that hash, e.g. not uploaded yet). */
    async getBlob(hash: string): Promise<Result<{ mime: string; bytes: Uint8Array }, SyncError>> {
      const r = await authedBytes(API_PATHS.blob(hash), { method: 'GET' });
      if (!r.ok) return r;
      const mime = (r.value.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const bytes = await bodyOf(r.value, async (res) => new Uint8Array(await res.arrayBuffer()));
      return bytes.ok ? { ok: true, value: { mime, bytes: bytes.value } } : bytes;
    },
    async login(serverUrl: string, req: LoginRequest): Promise<Result<StoredSession, SyncError>> {
      const r = await call<SessionResponse>(serverUrl, API_PATHS.login, { method: 'POST', body: JSON.stringify(req) });
      if (!r.ok) return r;
      const s = { ...r.value, serverUrl };
      deps.saveSession(s);
      return { ok: true, value: s };
    },
    async logout(): Promise<void> {
      const s = deps.getSession();
      deps.saveSession(null);
      if (s) await call(s.serverUrl, API_PATHS.logout, { method: 'POST', body: JSON.stringify({ refreshToken: s.refreshToken }) });
    },
    /** Several collections' pulls and digests in one exchange (one constant URL: one CORS preflight, not one per pull). */
    batch(body: BatchRequest) {
      return authed<BatchResponse>(API_PATHS.batch, { method: 'POST', body: JSON.stringify(body) });
    },
    pull<C extends CollectionName>(collection: C, seq: number, limit: number) {
      return authed<PullResponse<C>>(`${API_PATHS.pull(collection)}?seq=${seq}&limit=${limit}`, { method: 'GET' });
    },
    push<C extends CollectionName>(collection: C, body: PushRequest<C>) {
      return authed<PushResponse<C>>(API_PATHS.push(collection), { method: 'POST', body: JSON.stringify(body) });
    },
    digest(collection: CollectionName) {
      return authed<DigestResponse>(API_PATHS.digest(collection), { method: 'GET' });
    },
    versions(collection: CollectionName) {
      return authed<VersionsResponse>(API_PATHS.versions(collection), { method: 'GET' });
    },
    fetchDocs<C extends CollectionName>(collection: C, ids: string[]) {
      return authed<FetchResponse<C>>(API_PATHS.fetch(collection), { method: 'POST', body: JSON.stringify({ ids }) });
    },
    /** Every accepted version of one document, oldest first, with who and which device wrote it. */
    history<C extends CollectionName>(collection: C, id: string) {
      return authed<HistoryResponse<C>>(API_PATHS.history(collection, id), { method: 'GET' });
    },
    /** Opens the live stream; resolves with the response (its body is the SSE stream) or an error. */
    async openStream(signal: AbortSignal): Promise<Result<Response, SyncError>> {
      const current = await currentSession();
      if (!current.ok) return current;
      const session = current.value;
      const token = session.accessToken;
      try {
        const res = await doFetch(join(session.serverUrl, API_PATHS.stream), {
          headers: {
            Accept: 'text/event-stream',
            Authorization: `Bearer ${token}`,
            [HEADERS.protocol]: String(PROTOCOL_VERSION),
            [HEADERS.schema]: schemaFingerprint(),
            [HEADERS.device]: deps.deviceId,
          },
          signal,
        });
        if (!res.ok || !res.body) {
          let code: SyncErrorCode = 'BAD_RESPONSE';
          try {
            code = ((await res.json()) as ApiErrorBody).error.code;
          } catch {
            // not JSON
          }
          if (code === 'TOKEN_EXPIRED') await refresh(session);
          return { ok: false, error: { code, status: res.status } };
        }
        return { ok: true, value: res };
      } catch (e) {
        return { ok: false, error: { code: 'NETWORK', message: String(e) } };
      }
    },
    refresh,
  };
}
