// Ties the sync pieces to the app: the session, the document index (what is unpushed), the sync engine, and a
// zustand store with the status the indicator shows. Sync starts only after login; the app is fully usable without
// it, and unpushed changes stay marked in the store through logouts and restarts until a login pushes them.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HistoryResponse, LoginRequest } from '../../shared/sync/protocol';
import type { CollectionName } from '../../shared/schema';
import type { Result } from '../../shared/result';
import type { BlobTransport } from '../db/blobs';
import { closingOf, type LinliDatabase } from '../db/database';
import { createApiClient, type StoredSession, type SyncError } from './api-client';
import { deviceId } from '../db/device';
import { trackDocIndex, type DocIndex } from './doc-index';
import { snapshotStore } from './index-snapshot';
import { localStore } from './local-store';
import { startSync, type Divergence, type RejectedDoc, type SyncController, type SyncStats, type SyncStatus } from './replication';
import { DIVERGENCES_KEY, LAST_SYNC_KEY, REJECTED_KEY, VERIFIED_KEY, loadSession, saveServerUrl, saveSession } from './session-store';

export type SyncStoreState = SyncStatus & {
  session: StoredSession | null;
  online: boolean;
};

export type SyncService = {
  store: StoreApi<SyncStoreState>;
  login: (serverUrl: string, req: LoginRequest) => Promise<Result<StoredSession, SyncError>>;
  logout: () => Promise<void>;
  syncNow: () => Promise<void>;
  awaitInSync: () => Promise<void>;
  /** Resolves once the pending count reflects the whole store (after the first scan at start). */
  ready: Promise<void>;
  /** Figures of the running engine (zeros when logged out). */
  stats: () => SyncStats;
  /** Every version of one document the server accepted (NOT_LOGGED_IN / NETWORK when it cannot be asked). */
  history: <C extends CollectionName>(collection: C, id: string) => Promise<Result<HistoryResponse<C>, SyncError>>;
  /** The way to the server for files by content (supporting documents; db/blobs.ts uploads and downloads through it). */
  blobs: BlobTransport;
  stop: () => Promise<void>;
};

export type SyncServiceOptions = {
  storage?: Storage;
  fetch?: typeof fetch;
  minRetry?: number;
  maxRetry?: number;
  auditEvery?: number;
  requestTimeoutMs?: number;
  streamIdleMs?: number;
  /** Start the sync index from its saved copy (default true where IndexedDB exists). */
  indexSnapshots?: boolean;
  /**
   * The sync index's first read and the engine of a signed-in PC wait for this (the app: its first screen, see
   * ui/first-screen.ts). A login or 立即同步 starts the engine at once.
   */
  startAfter?: Promise<unknown>;
};

function loadList<T>(storage: Storage, key: string): T[] {
  try {
    const v: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function createSyncService(db: LinliDatabase, options: SyncServiceOptions = {}): SyncService {
  const storage = options.storage ?? localStorage;
  const local = localStore(db);
  const index: DocIndex = trackDocIndex(db, local, {
    snapshots: options.indexSnapshots === false || typeof indexedDB === 'undefined' ? null : snapshotStore(db.storageToken.then((t) => `${db.name}|${t}`)),
    startAfter: options.startAfter,
  });
  const store = createStore<SyncStoreState>(() => ({
    state: 'disabled',
    pending: index.count$.getValue(),
    lastSyncAt: storage.getItem(LAST_SYNC_KEY),
    lastVerifiedAt: storage.getItem(VERIFIED_KEY),
    error: null,
    rejected: loadList<RejectedDoc>(storage, REJECTED_KEY),
    divergences: loadList<Divergence>(storage, DIVERGENCES_KEY),
    session: loadSession(storage),
    online: globalThis.navigator?.onLine ?? true,
  }));
  const api = createApiClient({
    getSession: () => store.getState().session,
    saveSession: (s) => {
      saveSession(s, storage);
      store.setState({ session: s });
    },
    deviceId: deviceId(storage),
    fetch: options.fetch,
    requestTimeoutMs: options.requestTimeoutMs,
  });

  let controller: SyncController | null = null;
  const pendingSub = index.count$.subscribe((n) => store.setState({ pending: n }));

  const onStatus = (patch: Partial<SyncStatus>) => {
    try {
      if (patch.lastSyncAt) storage.setItem(LAST_SYNC_KEY, patch.lastSyncAt);
      if (patch.lastVerifiedAt) storage.setItem(VERIFIED_KEY, patch.lastVerifiedAt);
      if (patch.rejected) storage.setItem(REJECTED_KEY, JSON.stringify(patch.rejected));
      if (patch.divergences) storage.setItem(DIVERGENCES_KEY, JSON.stringify(patch.divergences));
    } catch {
      // localStorage full: these are for display; the documents and their unpushed marks are in IndexedDB.
    }
    store.setState(patch);
  };

  const start = () => {
    const session = store.getState().session;
    if (!session || controller) return;
    controller = startSync({
      db,
      api,
      session,
      index,
      store: local,
      storage,
      onStatus,
      getStatus: () => store.getState(),
      minRetry: options.minRetry,
      maxRetry: options.maxRetry,
      auditEvery: options.auditEvery,
      streamIdleMs: options.streamIdleMs,
    });
  };

  const stopSync = async () => {
    const c = controller;
    controller = null;
    await c?.stop();
  };

  let stopped = false;
  const closing = closingOf(db);
  if (options.startAfter) void options.startAfter.then(() => !stopped && !closing() && start());
  else start();

  return {
    store,
    ready: index.ready,
    async login(serverUrl, req) {
      await stopSync();
      saveServerUrl(serverUrl, storage);
      const r = await api.login(serverUrl, req);
      if (r.ok) {
        store.setState({ error: null });
        start();
      }
      return r;
    },
    async logout() {
      await stopSync();
      await api.logout();
      store.setState({ state: 'disabled', error: null });
    },
    async syncNow() {
      // Cuts every lane's retry wait short: push what is unpushed, pull from the checkpoints, verify digests.
      if (!controller) start();
      await controller?.syncNow();
    },
    async awaitInSync() {
      await controller?.awaitInSync();
    },
    stats: () => controller?.stats() ?? { pushes: 0, pulls: 0, conflicts: 0, retries: 0, repairs: 0, audits: 0, exchanges: 0 },
    history: (collection, id) => api.history(collection, id),
    blobs: {
      signedIn: () => store.getState().session !== null,
      put: (hash, mime, bytes) => api.putBlob(hash, mime, bytes),
      get: (hash) => api.getBlob(hash),
      // A login makes the files waiting on this PC uploadable.
      onChange: (listener) => store.subscribe((s, prev) => (s.session && !prev.session ? listener() : undefined)),
    },
    async stop() {
      stopped = true;
      pendingSub.unsubscribe();
      await stopSync();
      index.stop();
    },
  };
}
