// Ties the sync pieces to the app: the session, the pending-write tracker, the replications, and a zustand store
// with the status the indicator shows. Sync starts only after login; the app is fully usable without it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LoginRequest } from '../../shared/sync/protocol';
import type { Result } from '../../shared/result';
import type { LinliDatabase } from '../db/database';
import { createApiClient, type StoredSession, type SyncError } from './api-client';
import { deviceId } from './device';
import { trackPending, type PendingTracker } from './pending';
import { startSync, type RejectedDoc, type SyncController, type SyncStatus } from './replication';
import { LAST_SYNC_KEY, REJECTED_KEY, loadSession, saveServerUrl, saveSession } from './session-store';

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
  stop: () => Promise<void>;
};

export type SyncServiceOptions = { storage?: Storage; fetch?: typeof fetch; minRetry?: number; maxRetry?: number };

function loadRejected(storage: Storage): RejectedDoc[] {
  try {
    return JSON.parse(storage.getItem(REJECTED_KEY) ?? '[]') as RejectedDoc[];
  } catch {
    return [];
  }
}

export function createSyncService(db: LinliDatabase, options: SyncServiceOptions = {}): SyncService {
  const storage = options.storage ?? localStorage;
  const pending: PendingTracker = trackPending(db, storage);
  const store = createStore<SyncStoreState>(() => ({
    state: 'disabled',
    pending: pending.count$.getValue(),
    lastSyncAt: storage.getItem(LAST_SYNC_KEY),
    error: null,
    rejected: loadRejected(storage),
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
  });

  let controller: SyncController | null = null;
  const pendingSub = pending.count$.subscribe((n) => store.setState({ pending: n }));

  const onStatus = (patch: Partial<SyncStatus>) => {
    if (patch.lastSyncAt) storage.setItem(LAST_SYNC_KEY, patch.lastSyncAt);
    if (patch.rejected) storage.setItem(REJECTED_KEY, JSON.stringify(patch.rejected));
    store.setState(patch);
  };

  const start = () => {
    const session = store.getState().session;
    if (!session || controller) return;
    controller = startSync({
      db,
      api,
      session,
      pending,
      onStatus,
      getRejected: () => store.getState().rejected,
      minRetry: options.minRetry,
      maxRetry: options.maxRetry,
    });
  };

  const stopSync = async () => {
    const c = controller;
    controller = null;
    await c?.stop();
  };

  start();

  return {
    store,
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
      // After a failure RxDB waits out its retry delay and nothing can cut that wait short while the browser
      // believes it is online; a fresh start resumes from the stored checkpoints at once.
      const { state } = store.getState();
      if (controller && (state === 'offline' || state === 'error')) await stopSync();
      if (!controller) start();
      await controller?.syncNow();
    },
    async awaitInSync() {
      await controller?.awaitInSync();
    },
    async stop() {
      pendingSub.unsubscribe();
      pending.stop();
      await stopSync();
    },
  };
}
