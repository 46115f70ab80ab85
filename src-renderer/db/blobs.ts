// Files by content (SHA-256), kept on this PC and uploaded to the server: the supporting documents of vouchers (发票,
// 收据 photos or scans), and a home for other features' files later (tasks' photos). Not RxDB: the database is at its
// limit of collections, and files do not replicate like documents — a voucher names a file by its hash, and the
// bytes travel on their own (PUT/GET /api/v1/blobs/:hash). A small IndexedDB database of its own holds them, through
// the plain IndexedDB API: the `dexie` package at the top level (4.4.7) is not the one RxDB bundles (4.4.2), and
// Dexie refuses to load twice in one app ("Two different versions of Dexie loaded"), so importing it here would
// break the app's database.
//
// A file is never lost: it is stored here first, marked not uploaded, and the uploader tries again — on every new
// file, when the network comes back, on login and every minute — until the server has it. A file this PC does not
// hold is downloaded when it is asked for (signed in and online), checked against its hash, and kept.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { attachmentFileProblem, sniffAttachmentMime, type AttachmentFileProblem, type AttachmentMime } from '../../shared/domain/ledger/attachments';
import { err, ok, type Result } from '../../shared/result';
import type { LinliDatabase } from './database';
import { attemptWrite, type WriteError } from './write-error';
import { requestDone } from './idb-request';

export type StoredBlob = {
  readonly hash: string;
  readonly mime: string;
  readonly size: number;
  /** The bytes. An ArrayBuffer rather than a Blob: it clones the same in every IndexedDB (and in fake-indexeddb). */
  readonly data: ArrayBuffer;
  /** 1 once the server confirmed it has the file (IndexedDB cannot index booleans). */
  readonly uploaded: 0 | 1;
  readonly addedAt: string;
  /** The last upload failure's code, for support; cleared by a success. */
  readonly lastError?: string;
};

export type BlobRef = { readonly hash: string; readonly mime: AttachmentMime; readonly size: number };

export type PutBlobError = { readonly code: AttachmentFileProblem } | { readonly code: 'WRITE'; readonly error: WriteError };

/** MISSING: not on this PC, and the server could not be asked or does not have it (yet). */
export type GetBlobError = 'MISSING';

export type BlobTransportError = { readonly code: string };

/** How the store reaches the server: injected by the sync service (db/ does not import the sync engine). */
export type BlobTransport = {
  /** A session exists: there is a server to ask. */
  readonly signedIn: () => boolean;
  readonly put: (hash: string, mime: string, bytes: Uint8Array) => Promise<Result<unknown, BlobTransportError>>;
  readonly get: (hash: string) => Promise<Result<{ mime: string; bytes: Uint8Array }, BlobTransportError>>;
  /** Calls back when the transport may have become usable (a login); returns the unsubscribe. */
  readonly onChange?: (listener: () => void) => () => void;
};

export type BlobStore = {
  /** Checks the file (type by its bytes, ≤ 5 MiB), hashes it and keeps it; the uploader then sends it. */
  putBlob: (file: Blob | Uint8Array) => Promise<Result<BlobRef, PutBlobError>>;
  /** The file from this PC, else downloaded (signed in and online), checked and kept. */
  getBlob: (hash: string) => Promise<Result<{ readonly mime: string; readonly bytes: Uint8Array; readonly blob: Blob }, GetBlobError>>;
  /** A URL to show the file in <img>: an object URL (or a data: URL where there is none); call revoke when done. */
  blobUrl: (hash: string) => Promise<Result<{ readonly url: string; readonly revoke: () => void }, GetBlobError>>;
  has: (hash: string) => Promise<boolean>;
  /** How many files wait for upload. */
  pendingCount: () => Promise<number>;
  /** What waits for upload, and why the last upload of this session failed (null after a success or before any). */
  uploadState: () => Promise<UploadState>;
  /** Uploads every file not yet uploaded, now (the uploader calls it); resolves when this pass is over. */
  uploadPending: () => Promise<{ readonly uploaded: number; readonly failed: number }>;
  /** Gives the store its way to the server and starts the uploader; returns its stop. */
  connect: (transport: BlobTransport, options?: UploaderOptions) => () => void;
  close: () => void;
};

export type UploadState = { readonly pending: number; readonly lastFailure: string | null };

export type UploaderOptions = {
  /** The periodic pass (ms). */
  readonly everyMs?: number;
  /** First retry after a failed pass (ms); doubles up to `maxRetryMs`. */
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
};

const STORE = 'blobs';
const BY_UPLOADED = 'uploaded';

/** One object store, `blobs`, keyed by hash, indexed by `uploaded`. */
class BlobDatabase {
  private readonly opening: Promise<IDBDatabase>;
  constructor(name: string) {
    this.opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: 'hash' });
        store.createIndex(BY_UPLOADED, 'uploaded');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB open blocked'));
    });
  }
  private async tx(mode: IDBTransactionMode): Promise<{ store: IDBObjectStore; complete: Promise<void> }> {
    const t = (await this.opening).transaction(STORE, mode);
    const complete = new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
    return { store: t.objectStore(STORE), complete };
  }
  async get(hash: string): Promise<StoredBlob | undefined> {
    const { store } = await this.tx('readonly');
    return (await requestDone(store.get(hash))) as StoredBlob | undefined;
  }
  /** Adds the record unless one with its hash exists; true when added. Committed when it resolves. */
  async addIfAbsent(blob: StoredBlob): Promise<boolean> {
    const { store, complete } = await this.tx('readwrite');
    const existing = await requestDone(store.getKey(blob.hash));
    if (existing === undefined) store.add(blob);
    await complete;
    return existing === undefined;
  }
  async put(blob: StoredBlob): Promise<void> {
    const { store, complete } = await this.tx('readwrite');
    store.put(blob);
    await complete;
  }
  async update(hash: string, change: Partial<StoredBlob>): Promise<void> {
    const { store, complete } = await this.tx('readwrite');
    const current = (await requestDone(store.get(hash))) as StoredBlob | undefined;
    if (current) {
      const next: Record<string, unknown> = { ...current, ...change };
      for (const [k, v] of Object.entries(change)) if (v === undefined) delete next[k];
      store.put(next);
    }
    await complete;
  }
  async pendingHashes(): Promise<string[]> {
    const { store } = await this.tx('readonly');
    return (await requestDone(store.index(BY_UPLOADED).getAllKeys(IDBKeyRange.only(0)))) as string[];
  }
  async pendingCount(): Promise<number> {
    const { store } = await this.tx('readonly');
    return requestDone(store.index(BY_UPLOADED).count(IDBKeyRange.only(0)));
  }
  close(): void {
    void this.opening.then((d) => d.close(), () => undefined);
  }
}

export const hashBytes = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));

async function bytesOf(file: Blob | Uint8Array): Promise<Uint8Array> {
  // ArrayBuffer.isView, not instanceof: bytes may come from another realm (a frame, a test DOM).
  if (ArrayBuffer.isView(file)) return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  if (typeof file.arrayBuffer === 'function') return new Uint8Array(await file.arrayBuffer());
  // Older engines (and some test DOMs): read through a FileReader.
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error ?? new Error('file could not be read'));
    r.readAsArrayBuffer(file);
  });
}

/** A copy of exactly these bytes as their own ArrayBuffer (a view may share a larger buffer). */
const ownBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

/** base64 of bytes, in chunks (String.fromCharCode takes a bounded number of arguments). */
export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export const dataUrlOf = (mime: string, bytes: Uint8Array): string => `data:${mime};base64,${bytesToBase64(bytes)}`;

const isOnline = (): boolean => globalThis.navigator?.onLine !== false;

export function createBlobStore(name: string): BlobStore {
  let dexie: BlobDatabase | null = null;
  // Opened on first use (an attach, a file shown, or an upload pass while signed in), not when the app starts.
  const db = (): BlobDatabase => (dexie ??= new BlobDatabase(name));
  let transport: BlobTransport | null = null;
  let running: Promise<{ uploaded: number; failed: number }> | null = null;
  let again = false;
  let kick: () => void = () => undefined;
  let lastFailure: string | null = null;

  async function uploadPass(): Promise<{ uploaded: number; failed: number }> {
    let uploaded = 0;
    let failed = 0;
    const t = transport;
    if (!t || !t.signedIn()) {
      lastFailure = 'NOT_LOGGED_IN';
      return { uploaded, failed };
    }
    if (!isOnline()) {
      lastFailure = 'NETWORK';
      return { uploaded, failed };
    }
    const hashes = await db().pendingHashes();
    for (const hash of hashes) {
      const b = await db().get(hash);
      if (!b || b.uploaded === 1) continue;
      const r = await t.put(hash, b.mime, new Uint8Array(b.data));
      if (r.ok) {
        await db().update(hash, { uploaded: 1, lastError: undefined });
        uploaded += 1;
        lastFailure = null;
        continue;
      }
      failed += 1;
      lastFailure = r.error.code;
      await db().update(hash, { lastError: r.error.code });
      // No server to reach: the others would fail the same way; the next pass tries them all again.
      if (r.error.code === 'NETWORK' || r.error.code === 'NOT_LOGGED_IN' || r.error.code === 'UNAUTHENTICATED') break;
    }
    return { uploaded, failed };
  }

  /** One pass at a time; a request during a pass makes one more pass after it. */
  function uploadPending(): Promise<{ uploaded: number; failed: number }> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = { uploaded: 0, failed: 0 };
      for (;;) {
        again = false;
        try {
          const r = await uploadPass();
          total = { uploaded: total.uploaded + r.uploaded, failed: total.failed + r.failed };
        } catch (e) {
          console.error('uploading files failed', e);
          total = { ...total, failed: total.failed + 1 };
        }
        // Checked and cleared in one step: a request arriving after this starts a pass of its own.
        if (!again) {
          running = null;
          return total;
        }
      }
    })();
    return running;
  }

  async function download(hash: string): Promise<StoredBlob | undefined> {
    const t = transport;
    if (!t || !t.signedIn() || !isOnline()) return undefined;
    const r = await t.get(hash);
    if (!r.ok) return undefined;
    const bytes = r.value.bytes;
    // Kept only when it is the file asked for.
    if (hashBytes(bytes) !== hash) return undefined;
    const mime = sniffAttachmentMime(bytes) ?? r.value.mime;
    const stored: StoredBlob = { hash, mime, size: bytes.length, data: ownBuffer(bytes), uploaded: 1, addedAt: new Date().toISOString() };
    const w = await attemptWrite(() => db().put(stored));
    if (!w.ok) console.error('a downloaded file could not be kept', w.error);
    return stored;
  }

  const store: BlobStore = {
    async putBlob(file) {
      const bytes = await bytesOf(file);
      const problem = attachmentFileProblem(bytes);
      if (problem) return err({ code: problem });
      const mime = sniffAttachmentMime(bytes) as AttachmentMime;
      const hash = hashBytes(bytes);
      // The same file again (another voucher, or attached twice) keeps its upload state.
      const w = await attemptWrite(() => db().addIfAbsent({ hash, mime, size: bytes.length, data: ownBuffer(bytes), uploaded: 0, addedAt: new Date().toISOString() }));
      if (!w.ok) return err({ code: 'WRITE', error: w.error });
      if (w.value) kick();
      return ok({ hash, mime, size: bytes.length });
    },

    async getBlob(hash) {
      const found = (await db().get(hash)) ?? (await download(hash));
      if (!found) return err('MISSING');
      const bytes = new Uint8Array(found.data);
      return ok({ mime: found.mime, bytes, blob: new Blob([bytes], { type: found.mime }) });
    },

    async blobUrl(hash) {
      const r = await store.getBlob(hash);
      if (!r.ok) return r;
      if (typeof URL.createObjectURL === 'function') {
        const url = URL.createObjectURL(r.value.blob);
        return ok({ url, revoke: () => URL.revokeObjectURL(url) });
      }
      return ok({ url: dataUrlOf(r.value.mime, r.value.bytes), revoke: () => undefined });
    },

    has: async (hash) => (await db().get(hash)) !== undefined,
    pendingCount: () => db().pendingCount(),
    uploadState: async () => ({
      pending: await db().pendingCount(),
      // As things are now, else as the last pass found them.
      lastFailure: !transport?.signedIn() ? 'NOT_LOGGED_IN' : !isOnline() ? 'NETWORK' : lastFailure,
    }),
    uploadPending,

    connect(t, options = {}) {
      transport = t;
      const every = options.everyMs ?? 60_000;
      const minRetry = options.minRetryMs ?? 5_000;
      const maxRetry = options.maxRetryMs ?? 5 * 60_000;
      let stopped = false;
      let retry: ReturnType<typeof setTimeout> | undefined;
      let delay = minRetry;
      const pass = (): void => {
        if (stopped) return;
        if (retry !== undefined) clearTimeout(retry);
        retry = undefined;
        void uploadPending().then((r) => {
          if (stopped) return;
          if (r.failed === 0) {
            delay = minRetry;
            return;
          }
          // Failures are retried sooner than the periodic pass, backing off.
          retry = setTimeout(pass, delay);
          delay = Math.min(delay * 2, maxRetry);
        });
      };
      kick = pass;
      const onOnline = (): void => pass();
      const events: Pick<Window, 'addEventListener' | 'removeEventListener'> | undefined = typeof window !== 'undefined' ? window : undefined;
      events?.addEventListener('online', onOnline);
      const unsubscribe = t.onChange?.(pass);
      const timer = setInterval(pass, every);
      // Files left from an earlier run (closed before they went up) go now, if there are any.
      if (t.signedIn()) pass();
      return () => {
        stopped = true;
        kick = () => undefined;
        clearInterval(timer);
        if (retry !== undefined) clearTimeout(retry);
        events?.removeEventListener('online', onOnline);
        unsubscribe?.();
        if (transport === t) transport = null;
      };
    },

    close() {
      dexie?.close();
      dexie = null;
    },
  };
  return store;
}

const stores = new WeakMap<LinliDatabase, BlobStore>();

/** The blob store beside an open app database (`<name>-blobs`): one per database for the window's lifetime. */
export function blobStoreFor(db: LinliDatabase): BlobStore {
  let s = stores.get(db);
  if (!s) {
    const created = createBlobStore(`${db.name}-blobs`);
    s = created;
    stores.set(db, created);
    db.onClose.push(() => created.close());
  }
  return s;
}
