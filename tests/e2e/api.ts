// The sync API as a plain HTTP client, to check what the server holds independently of any browser.
import type { CollectionName } from '../../shared/schema';
import { API_PATHS, HEADERS, PROTOCOL_VERSION, schemaFingerprint, type HistoryResponse, type PullResponse, type ReplicatedDoc, type SessionResponse } from '../../shared/sync/protocol';

const base = (url: string) => url.replace(/\/+$/, '');

const syncHeaders = (token: string): Record<string, string> => ({
  [HEADERS.protocol]: String(PROTOCOL_VERSION),
  [HEADERS.schema]: schemaFingerprint(),
  [HEADERS.device]: 'e2e-checker',
  Authorization: `Bearer ${token}`,
});

export async function apiLogin(url: string, compound: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base(url)}${API_PATHS.login}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ compound, username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${compound}/${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as SessionResponse).accessToken;
}

/** Every document of a collection the server holds (latest versions, tombstones included), pulled from seq 0. */
export async function pullAll<C extends CollectionName>(url: string, token: string, collection: C): Promise<ReplicatedDoc<C>[]> {
  const docs: ReplicatedDoc<C>[] = [];
  let seq = 0;
  for (;;) {
    const res = await fetch(`${base(url)}${API_PATHS.pull(collection)}?seq=${seq}&limit=1000`, { headers: syncHeaders(token) });
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as PullResponse<C>;
    docs.push(...body.documents);
    if (body.documents.length === 0 || body.checkpoint.seq === seq) return docs;
    seq = body.checkpoint.seq;
  }
}

/** Every accepted version of one document, oldest first (GET /api/v1/history/:collection/:id). */
export async function historyOf<C extends CollectionName>(url: string, token: string, collection: C, id: string): Promise<HistoryResponse<C>['versions']> {
  const res = await fetch(`${base(url)}${API_PATHS.history(collection, id)}`, { headers: syncHeaders(token) });
  if (res.status !== 200) throw new Error(`history ${collection}/${id}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as HistoryResponse<C>).versions;
}
