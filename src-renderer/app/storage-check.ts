// What the app does with its database before showing anything (issue #15, "Storage loss"): a database that opened
// but holds nothing, or did not open, while the held-data marker says this PC had the compound's data, is a loss to
// say out loud — not a new PC. Rules S1–S8 in shared/domain/storage/SPEC.md.
import type { Bridge } from '../../shared/bridge';
import { mustResetSyncProgress, storageVerdict, type HeldDataMarker, type StorageVerdict, type StoreProbe } from '../../shared/domain/storage';
import type { Result } from '../../shared/result';
import { getBridge } from '../bridge/index';
import type { LinliDatabase } from '../db/database';
import { isDatabaseEmpty, readHeldData, writeHeldData } from '../db/held-data';
import { loadSession } from '../sync/session-store';
import { forgetSyncTimes, resetSyncProgress } from '../sync/reset-progress';

export type StartCheck = { verdict: StorageVerdict; marker: HeldDataMarker | null; error?: unknown };

export type CheckDeps = { bridge?: Bridge; storage?: Storage };

/** After the database opened: S1–S5, and S8 (an empty database never keeps sync checkpoints). */
export async function checkOpenedDatabase(db: LinliDatabase, deps: CheckDeps = {}): Promise<StartCheck> {
  const bridge = deps.bridge ?? getBridge();
  const storage = deps.storage ?? localStorage;
  let probe: StoreProbe;
  try {
    probe = { kind: 'opened', dbName: db.name, empty: await isDatabaseEmpty(db) };
  } catch (error) {
    console.error('reading the database at start failed', error);
    const marker = await readHeldData(bridge);
    return { verdict: storageVerdict(marker, { kind: 'unavailable' }), marker, error };
  }
  // S1: the usual start reads nothing more.
  if (!probe.empty) return { verdict: 'ok', marker: null };
  if (mustResetSyncProgress(probe)) await resetSyncProgress(storage, db.name);
  const marker = await readHeldData(bridge);
  return { verdict: storageVerdict(marker, probe), marker };
}

/** After the database failed to open: S6–S7. */
export async function checkUnopenedDatabase(error: unknown, deps: CheckDeps = {}): Promise<StartCheck> {
  const marker = await readHeldData(deps.bridge ?? getBridge());
  return { verdict: storageVerdict(marker, { kind: 'unavailable' }), marker, error };
}

/** 重新同步: every checkpoint goes, so the next pull brings everything; true when a login is still saved. */
export async function prepareResync(db: LinliDatabase, storage: Storage = localStorage): Promise<{ signedIn: boolean }> {
  await resetSyncProgress(storage, db.name);
  forgetSyncTimes(storage);
  return { signedIn: loadSession(storage) !== null };
}

/** 作为新电脑继续: no checkpoints, and the marker forgotten so that the next start is an ordinary one. */
export async function continueAsNewPc(db: LinliDatabase, deps: CheckDeps = {}): Promise<void> {
  const storage = deps.storage ?? localStorage;
  await resetSyncProgress(storage, db.name);
  forgetSyncTimes(storage);
  await writeHeldData(null, deps.bridge ?? getBridge());
}

/** A backup found for the loss screen: what it holds, and the one step that restores it. */
export type RestoreCandidate = {
  /** e.g. 「2026年11月28日 09:00 的备份（王秘书的电脑）」 */
  title: string;
  /** Counts per collection and the like, one line each. */
  details: readonly string[];
  apply: () => Promise<Result<void, { message: string }>>;
};

/** Where a restore comes from: the newest backup in the desktop's folder, or a file the user picks (web host). */
export type RestoreSource = {
  kind: 'latest' | 'file';
  /** null: nothing found or the user cancelled. */
  find: () => Promise<Result<RestoreCandidate | null, { message: string }>>;
};
