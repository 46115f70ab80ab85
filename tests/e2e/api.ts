// The sync API (protocol 2) as a plain HTTP client, to check what the server holds independently of any browser.
import type { CollectionName } from '../../shared/schema';
import {
  API_PATHS,
  HEADERS,
  PROTOCOL_VERSION,
  schemaFingerprint,
  type DigestResponse,
  type FetchResponse,
  type HistoryResponse,
  type PullResponse,
  type ReplicatedDoc,
  type SessionResponse,
} from '../../shared/sync/protocol';

const base = (url: string) => url.replace(/\/+$/, '');

const syncHeaders = (token: string): Record<string, string> => ({
  [HEADERS.protocol]: String(PROTOCOL_VERSION),
  [HEADERS.schema]: schemaFingerprint(),
  [HEADERS.device]: 'e2e-checker',
  Authorization: `Bearer ${token}`,
});

async function json<T>(what: string, res: Response): Promise<T> {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function apiLogin(url: string, compound: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base(url)}${API_PATHS.login}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ compound, username, password }),
  });
  return (await json<SessionResponse>(`login ${compound}/${username}`, res)).accessToken;
}

/**
 * Every document of a collection the server holds (latest versions, tombstones included, each with sync.seq),
 * pulled from seq 0.
 */
export async function pullAll<C extends CollectionName>(url: string, token: string, collection: C): Promise<ReplicatedDoc<C>[]> {
  const docs: ReplicatedDoc<C>[] = [];
  let seq = 0;
  for (;;) {
    const res = await fetch(`${base(url)}${API_PATHS.pull(collection)}?seq=${seq}&limit=1000`, { headers: syncHeaders(token) });
    const body = await json<PullResponse<C>>(`pull ${collection}`, res);
    docs.push(...body.documents);
    if (body.documents.length === 0 || body.checkpoint.seq === seq) return docs;
    seq = body.checkpoint.seq;
  }
}

/** The server's digest of a collection's live documents (compare with digestOf over a client's copy). */
export async function digestOnServer(url: string, token: string, collection: CollectionName): Promise<DigestResponse> {
  return json<DigestResponse>(`digest ${collection}`, await fetch(`${base(url)}${API_PATHS.digest(collection)}`, { headers: syncHeaders(token) }));
}

/** The current versions of the given ids (those the server has, tombstones included). */
export async function fetchOnServer<C extends CollectionName>(url: string, token: string, collection: C, ids: readonly string[]): Promise<ReplicatedDoc<C>[]> {
  const res = await fetch(`${base(url)}${API_PATHS.fetch(collection)}`, {
    method: 'POST',
    headers: { ...syncHeaders(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ ids }),
  });
  return (await json<FetchResponse<C>>(`fetch ${collection}`, res)).documents;
}

/** Every accepted version of one document, oldest first (GET /api/v1/history/:collection/:id). */
export async function historyOf<C extends CollectionName>(url: string, token: string, collection: C, id: string): Promise<HistoryResponse<C>['versions']> {
  const res = await fetch(`${base(url)}${API_PATHS.history(collection, id)}`, { headers: syncHeaders(token) });
  return (await json<HistoryResponse<C>>(`history ${collection}/${id}`, res)).versions;
}
