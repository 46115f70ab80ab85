// The files-by-content store (db/blobs.ts) on fake-indexeddb: kept first, uploaded when it can be, never lost;
// downloaded when missing, and kept only when the bytes are the hash.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../shared/domain/ledger/attachments';
import { err, ok } from '../../shared/result';
import { createBlobStore, hashBytes, type BlobStore, type BlobTransport } from './blobs';

const opened: BlobStore[] = [];
const newStore = (): BlobStore => {
  const s = createBlobStore(`blobs-test-${crypto.randomUUID()}`);
  opened.push(s);
  return s;
};
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const s of opened.splice(0)) s.close();
  vi.restoreAllMocks();
});

const png = (tag: string, size = 64): Uint8Array => {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  b.set(new TextEncoder().encode(tag), 8);
  return b;
};

/** A server in memory; `down` makes every call fail as an unreachable network would. */
function fakeServer() {
  const files = new Map<string, { mime: string; bytes: Uint8Array }>();
  const listeners = new Set<() => void>();
  const state = { signedIn: true, down: false, puts: 0, gets: 0 };
  const transport: BlobTransport = {
    signedIn: () => state.signedIn,
    put: async (hash, mime, bytes) => {
      state.puts += 1;
      if (state.down) return err({ code: 'NETWORK' });
      files.set(hash, { mime, bytes: bytes.slice() });
      return ok(undefined);
    },
    get: async (hash) => {
      state.gets += 1;
      if (state.down) return err({ code: 'NETWORK' });
      const f = files.get(hash);
      return f ? ok(f) : err({ code: 'NOT_FOUND' });
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { files, state, transport, login: () => listeners.forEach((l) => l()) };
}

describe('db/blobs', () => {
  it('keeps a file by its SHA-256 once, with its type from the bytes; a File reads the same', async () => {
    const store = newStore();
    const bytes = png('发票');
    const r = await store.putBlob(new File([bytes as BlobPart], '发票.png', { type: '' }));
    expect(r).toEqual({ ok: true, value: { hash: hashBytes(bytes), mime: 'image/png', size: 64 } });
    expect(hashBytes(bytes)).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.putBlob(bytes)).toEqual(r);
    expect(await store.pendingCount()).toBe(1);
    const back = await store.getBlob(hashBytes(bytes));
    expect(back.ok && back.value.mime).toBe('image/png');
    expect(back.ok && back.value.bytes).toEqual(bytes);
    expect(back.ok && back.value.blob.size).toBe(64);
  });

  it('refuses a file over 5 MiB, an empty one and one that is not an image or PDF, and keeps nothing', async () => {
    const store = newStore();
    expect(await store.putBlob(png('大', ATTACHMENT_MAX_BYTES + 1))).toEqual({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(await store.putBlob(new Uint8Array())).toEqual({ ok: false, error: { code: 'FILE_EMPTY' } });
    expect(await store.putBlob(new TextEncoder().encode('<svg onload=alert(1)>'))).toEqual({ ok: false, error: { code: 'FILE_TYPE_UNSUPPORTED' } });
    expect(await store.pendingCount()).toBe(0);
  });

  it('uploads only when signed in and online; a failed upload stays and goes on a later pass', async () => {
    const store = newStore();
    const server = fakeServer();
    const a = png('a');
    const b = png('b');
    await store.putBlob(a);
    await store.putBlob(b);

    // No transport yet, or signed out: nothing happens, nothing is lost.
    expect(await store.uploadPending()).toEqual({ uploaded: 0, failed: 0 });
    server.state.signedIn = false;
    stops.push(store.connect(server.transport, { everyMs: 3_600_000 }));
    expect(await store.uploadPending()).toEqual({ uploaded: 0, failed: 0 });
    expect(server.state.puts).toBe(0);
    expect(await store.uploadState()).toEqual({ pending: 2, lastFailure: 'NOT_LOGGED_IN' });

    // Offline (the browser says so): no attempt.
    server.state.signedIn = true;
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect(await store.uploadPending()).toEqual({ uploaded: 0, failed: 0 });
    expect(await store.uploadState()).toEqual({ pending: 2, lastFailure: 'NETWORK' });
    vi.restoreAllMocks();

    // The network fails: the pass stops at the first failure, both stay pending.
    server.state.down = true;
    expect(await store.uploadPending()).toEqual({ uploaded: 0, failed: 1 });
    expect(await store.pendingCount()).toBe(2);

    server.state.down = false;
    expect(await store.uploadPending()).toEqual({ uploaded: 2, failed: 0 });
    expect(await store.pendingCount()).toBe(0);
    expect(await store.uploadState()).toEqual({ pending: 0, lastFailure: null });
    expect([...server.files.keys()].sort()).toEqual([hashBytes(a), hashBytes(b)].sort());
    // Nothing is sent twice.
    expect(await store.uploadPending()).toEqual({ uploaded: 0, failed: 0 });
  });

  it('the uploader sends a new file at once, after a login, when the network comes back, and retries failures', async () => {
    const store = newStore();
    const server = fakeServer();
    server.state.signedIn = false;
    await store.putBlob(png('before login'));
    stops.push(store.connect(server.transport, { everyMs: 3_600_000, minRetryMs: 20 }));
    expect(server.state.puts).toBe(0);

    server.state.signedIn = true;
    server.login();
    await vi.waitFor(() => expect(server.files.size).toBe(1));

    await store.putBlob(png('new'));
    await vi.waitFor(() => expect(server.files.size).toBe(2));

    // Down: the new file fails, and is retried (backing off from 20 ms) until the server takes it.
    server.state.down = true;
    await store.putBlob(png('while down'));
    await vi.waitFor(() => expect(server.state.puts).toBeGreaterThanOrEqual(4));
    expect(await store.pendingCount()).toBe(1);
    server.state.down = false;
    await vi.waitFor(() => expect(server.files.size).toBe(3));
    expect(await store.pendingCount()).toBe(0);

    // The 'online' event starts a pass too.
    server.state.signedIn = false;
    await store.putBlob(png('offline'));
    server.state.signedIn = true;
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(server.files.size).toBe(4));
  });

  it('downloads a file this PC lacks, checks it against its hash and keeps it; else MISSING', async () => {
    const server = fakeServer();
    const bytes = png('另一台电脑附上的发票');
    const hash = hashBytes(bytes);
    server.files.set(hash, { mime: 'image/png', bytes });
    const store = newStore();
    expect(await store.getBlob(hash)).toEqual({ ok: false, error: 'MISSING' }); // no transport
    stops.push(store.connect(server.transport, { everyMs: 3_600_000 }));

    server.state.signedIn = false;
    expect((await store.getBlob(hash)).ok).toBe(false);
    server.state.signedIn = true;
    const got = await store.getBlob(hash);
    expect(got.ok && got.value.bytes).toEqual(bytes);
    expect(await store.has(hash)).toBe(true);
    // Kept: no second download, and not uploaded back.
    const gets = server.state.gets;
    await store.getBlob(hash);
    expect(server.state.gets).toBe(gets);
    expect(await store.pendingCount()).toBe(0);

    // Bytes that are not the hash are not kept.
    const liar = 'f'.repeat(64);
    server.files.set(liar, { mime: 'image/png', bytes });
    expect(await store.getBlob(liar)).toEqual({ ok: false, error: 'MISSING' });
    expect(await store.has(liar)).toBe(false);
    expect(await store.getBlob('0'.repeat(64))).toEqual({ ok: false, error: 'MISSING' });
  });

  it('blobUrl gives a URL to show the file (a data: URL where object URLs do not exist)', async () => {
    const store = newStore();
    const bytes = png('缩略图');
    const { value } = (await store.putBlob(bytes)) as { value: { hash: string } };
    const url = await store.blobUrl(value.hash);
    expect(url.ok).toBe(true);
    if (url.ok) {
      expect(url.value.url).toMatch(/^(blob:|data:image\/png;base64,)/);
      url.value.revoke();
    }
  });
});
