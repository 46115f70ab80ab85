// Issue #12: supporting documents of vouchers, content-addressed per compound (PUT/GET /api/v1/blobs/:hash; SPEC
// L-S1–L-S3). Round trip, idempotent re-upload, the hash and the type checked against the bytes, the 5 MiB limit,
// the compound's boundary, roles, and the storage quota.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/domain/ledger/attachments';
import { API_PATHS, type BlobPutResponse } from '../../../shared/sync/protocol';
import { createBlobStore, type BlobTransport } from '../../../src-renderer/db/blobs';
import { createApiClient, type StoredSession } from '../../../src-renderer/sync/api-client';
import { errorCode, freshDatabase, loginAs, makeCompound, makeUser, startServer, syncHeaders, type Json, type TestDatabase, type TestServer } from './helpers';

let tdb: TestDatabase;
let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  for (const c of ['BA', 'BB']) await makeCompound(tdb.db, c);
  await makeUser(tdb.db, 'BA', 'kuaiji', 'treasurer');
  await makeUser(tdb.db, 'BA', 'kan', 'viewer');
  await makeUser(tdb.db, 'BA', 'mishu', 'secretary');
  await makeUser(tdb.db, 'BB', 'kuaiji', 'treasurer');
  for (const [key, c, u] of [['a', 'BA', 'kuaiji'], ['viewer', 'BA', 'kan'], ['secretary', 'BA', 'mishu'], ['b', 'BB', 'kuaiji']] as const) {
    tokens[key] = (await loginAs(server.url, c, u)).accessToken;
  }
});

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
/** A tiny JPEG-looking file (the server checks the signature, not the picture). */
const jpeg = (tag: string, size = 64): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  b.set(new TextEncoder().encode(tag), 4);
  return b;
};

async function put(bytes: Uint8Array<ArrayBuffer>, opts: { token?: string; hash?: string; type?: string } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { ...syncHeaders(opts.token), 'Content-Type': opts.type ?? 'image/jpeg' };
  const res = await fetch(`${server.url}${API_PATHS.blob(opts.hash ?? sha(bytes))}`, { method: 'PUT', headers, body: bytes });
  return { status: res.status, body: (await res.json()) as Json };
}

async function get(hash: string, token?: string): Promise<Response> {
  return fetch(`${server.url}${API_PATHS.blob(hash)}`, { headers: syncHeaders(token) });
}

describe('supporting documents (blobs)', () => {
  it('round trip: stored once (201), the same upload again is 200, read back byte for byte with its type', async () => {
    const file = jpeg('发票-1', 4096);
    const first = await put(file, { token: tokens.a });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ hash: sha(file), mime: 'image/jpeg', size: 4096, created: true } satisfies BlobPutResponse);
    const again = await put(file, { token: tokens.a });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);

    // Any role of the compound reads it.
    for (const t of [tokens.a, tokens.viewer]) {
      const res = await get(sha(file), t);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(file);
    }
    const pdf = new TextEncoder().encode('%PDF-1.7\n收据\n%%EOF');
    expect((await put(pdf, { token: tokens.a, type: 'application/pdf' })).status).toBe(201);
    expect((await get(sha(pdf), tokens.viewer)).headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses bytes that are not the hash, a malformed hash, a type the bytes are not, and unknown types', async () => {
    const file = jpeg('发票-2');
    const wrong = await put(file, { token: tokens.a, hash: sha(jpeg('something else')) });
    expect([wrong.status, errorCode(wrong.body)]).toEqual([400, 'BAD_REQUEST']);
    expect((await put(file, { token: tokens.a, hash: sha(file).toUpperCase() })).status).toBe(400);
    expect((await put(file, { token: tokens.a, type: 'image/png' })).status).toBe(415);
    const html = new TextEncoder().encode('<html><script>alert(1)</script>');
    expect((await put(html, { token: tokens.a, type: 'text/html' })).status).toBe(415);
    expect((await put(new Uint8Array(), { token: tokens.a })).status).toBe(400);
    expect((await get(sha(file), tokens.a)).status).toBe(404);
  });

  it('refuses a file over 5 MiB with 413 and the structured error body', async () => {
    const big = jpeg('大照片', ATTACHMENT_MAX_BYTES + 1);
    const r = await put(big, { token: tokens.a });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(String(ATTACHMENT_MAX_BYTES)) } });
    expect((await get(sha(big), tokens.a)).status).toBe(404);
    // Exactly 5 MiB is fine.
    expect((await put(jpeg('刚好', ATTACHMENT_MAX_BYTES), { token: tokens.a })).status).toBe(201);
  });

  it('another compound cannot read it (and its own copy of the same bytes is its own)', async () => {
    const file = jpeg('发票-3');
    expect((await put(file, { token: tokens.a })).status).toBe(201);
    const res = await get(sha(file), tokens.b);
    expect(res.status).toBe(404);
    expect(errorCode((await res.json()) as Json)).toBe('NOT_FOUND');
    expect((await put(file, { token: tokens.b })).status).toBe(201);
    expect((await get(sha(file), tokens.b)).status).toBe(200);
  });

  it('unauthenticated callers are refused; writing needs a role that may write vouchers', async () => {
    const file = jpeg('发票-4');
    expect((await put(file)).status).toBe(401);
    expect((await put(file, { token: 'not-a-token' })).status).toBe(401);
    expect((await put(file, { token: tokens.viewer })).status).toBe(403);
    expect((await put(file, { token: tokens.secretary })).status).toBe(403);
    expect((await put(file, { token: tokens.a })).status).toBe(201);
    expect((await get(sha(file))).status).toBe(401);
  });

  it('counts towards the compound storage quota', async () => {
    const small = await startServer(tdb.db, { quotaStorageBytes: 1 });
    try {
      const t = (await loginAs(small.url, 'BA', 'kuaiji')).accessToken;
      const file = jpeg('超出配额');
      const res = await fetch(`${small.url}${API_PATHS.blob(sha(file))}`, { method: 'PUT', headers: { ...syncHeaders(t), 'Content-Type': 'image/jpeg' }, body: file });
      expect(res.status).toBe(413);
      expect(errorCode((await res.json()) as Json)).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
    const used = await tdb.db.query<{ stored_bytes: number }>("SELECT stored_bytes FROM tenant_seq t JOIN compounds c ON c.id = t.tenant_id WHERE c.code = 'BB'");
    expect(Number(used.rows[0]?.stored_bytes)).toBe(64);
  });
});

describe('the app side: db/blobs.ts through the app\'s API client', () => {
  /** A PC: its own file store and API client, signed in as `username` of BA. */
  async function pc(username: string) {
    let session: StoredSession | null = { ...(await loginAs(server.url, 'BA', username)), serverUrl: server.url };
    const api = createApiClient({ getSession: () => session, saveSession: (s) => (session = s), deviceId: `pc-${username}` });
    const transport: BlobTransport = {
      signedIn: () => session !== null,
      put: (hash, mime, bytes) => api.putBlob(hash, mime, bytes),
      get: (hash) => api.getBlob(hash),
    };
    const store = createBlobStore(`it-blobs-${username}-${Date.now()}`);
    const stop = store.connect(transport, { everyMs: 3_600_000 });
    return { store, api, stop, signOut: () => (session = null) };
  }

  it('one PC attaches a file, its uploader sends it; another PC downloads, checks and keeps it', async () => {
    const a = await pc('kuaiji');
    const b = await pc('kan');
    try {
      const bytes = jpeg('另一台电脑看得到的发票', 20_000);
      const put = await a.store.putBlob(bytes);
      expect(put.ok).toBe(true);
      const hash = sha(bytes);
      for (let i = 0; i < 100 && (await a.store.pendingCount()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await a.store.pendingCount()).toBe(0);
      const got = await b.store.getBlob(hash);
      expect(got.ok && got.value.mime).toBe('image/jpeg');
      expect(got.ok && got.value.bytes).toEqual(bytes);
      expect(await b.store.has(hash)).toBe(true);
      // Kept: readable on B after signing out.
      b.signOut();
      expect((await b.store.getBlob(hash)).ok).toBe(true);

      // A viewer cannot upload: the file stays on that PC, marked, and is tried again later.
      const mine = jpeg('只读用户的文件');
      await b.store.putBlob(mine);
      expect(await b.store.uploadPending()).toEqual({ uploaded: 0, failed: 0 }); // signed out: not even tried
      expect(await b.store.pendingCount()).toBe(1);
      expect((await a.api.getBlob(sha(mine))).ok).toBe(false);
    } finally {
      a.stop();
      b.stop();
      a.store.close();
      b.store.close();
    }
  });
});
