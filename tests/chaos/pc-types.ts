// What the chaos orchestrator (run.ts) and a PC process (pc-main.ts) say to each other over IPC.

export type ChaosCollection = 'roster' | 'tasks';

export type PcConfig = {
  /** e.g. "A1": compound prefix + number. */
  name: string;
  /** Compound code to log in with, e.g. "CHAOSA". */
  compound: string;
  /** Id prefix of the compound's documents, e.g. "A". */
  prefix: string;
  /** The URL the PC logs into: its own fault proxy in front of the server. */
  serverUrl: string;
  username: string;
  password: string;
  seed: number;
  ops: number;
  /** Shared documents per collection that every PC of the compound creates and edits. */
  pool: number;
  pauseMs: [number, number];
  minRetry: number;
  maxRetry: number;
};

/** One write a PC made through the normal RxDB API, as it made it. */
export type WriteRecord = {
  pc: string;
  /** Operation number on this PC (1-based, increasing). */
  n: number;
  /** Date.now() when the write returned. */
  at: number;
  collection: ChaosCollection;
  id: string;
  kind: 'create' | 'edit' | 'delete';
  /** Field → value written (unique values, e.g. "A1.17"); empty for a delete. */
  fields: Record<string, string>;
  /** A shared-pool document (edited by every PC of the compound). */
  pool: boolean;
  /** The edit landed on a tombstone: a pull deleted the document between the PC reading it and writing it. */
  onTombstone?: boolean;
};

export type RunResult = {
  writes: WriteRecord[];
  counts: { creates: number; poolCreates: number; edits: number; deletes: number; skipped: number; failed: number; syncNow: number };
  /** Writes that threw (not recorded as writes): message → count. */
  failures: Record<string, number>;
  ms: number;
};

export type PcStatus = {
  state: string;
  pending: number;
  error: unknown;
  rejected: unknown[];
  /** What the engine's anti-entropy had to repair (the normal push/pull path missed it). */
  divergences: unknown[];
  /** Error codes the indicator showed during the run, with counts. */
  errorsSeen: Record<string, number>;
  lastSyncAt: string | null;
  /** The engine's own figures when it offers them (pushes, pulls, conflicts, retries, …). */
  engine: Record<string, number> | null;
  fetch: { requests: number; networkErrors: number; byStatus: Record<string, number>; byKind: Record<string, number> };
  /** How often the indicator entered each state. */
  transitions: Record<string, number>;
  unhandled: string[];
};

/** Every document of the PC (tombstones included), per collection, without RxDB internals. */
export type PcDump = Record<string, Record<string, unknown>[]>;

export type PcRequest = { id: number; cmd: 'init'; arg: PcConfig } | { id: number; cmd: 'login' | 'run' | 'syncNow' | 'status' | 'dump' | 'stop'; arg?: undefined };

export type PcReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
