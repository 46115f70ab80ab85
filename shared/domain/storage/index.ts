// Storage health (issue #15, "Storage loss"): the held-data marker kept outside IndexedDB, what the app does at
// start when the database is empty or unreadable, and when the disk is getting full. Rules in SPEC.md.

/** That this PC has held the compound's data, recorded outside IndexedDB (main's file, or localStorage). */
export type HeldDataMarker = {
  readonly version: 1;
  /** The compound's code when known (logged in), else null (a backup made before any login). */
  readonly compoundCode: string | null;
  /** When it was recorded (ISO 8601). */
  readonly at: string;
  /** Roughly how many documents the database held then. */
  readonly docCount: number;
  /** The IndexedDB (RxDB) database name the documents were in. */
  readonly dbName: string;
  /** What recorded it. */
  readonly via: 'sync' | 'backup';
};

/** What the host keeps for the renderer outside IndexedDB ('state:get' / 'state:set'). */
export type HostState = { readonly heldData: HeldDataMarker | null };

export const EMPTY_HOST_STATE: HostState = { heldData: null };

const MAX_DOCS = 1e9;

/** JSON schema of a marker (the bridge validates 'state:set' with it). Keep in step with isHeldDataMarker. */
export const HELD_DATA_MARKER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'compoundCode', 'at', 'docCount', 'dbName', 'via'],
  properties: {
    version: { const: 1 },
    compoundCode: { anyOf: [{ type: 'string', minLength: 1, maxLength: 100 }, { type: 'null' }] },
    at: { type: 'string', minLength: 1, maxLength: 40 },
    docCount: { type: 'integer', minimum: 0, maximum: MAX_DOCS },
    dbName: { type: 'string', minLength: 1, maxLength: 200 },
    via: { enum: ['sync', 'backup'] },
  },
} as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max;

/** M1: the same checks as HELD_DATA_MARKER_SCHEMA, for what is read back from a file or localStorage. */
export function isHeldDataMarker(v: unknown): v is HeldDataMarker {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 6 || !HELD_DATA_MARKER_SCHEMA.required.every((k) => keys.includes(k))) return false;
  return (
    v.version === 1 &&
    (v.compoundCode === null || isText(v.compoundCode, 100)) &&
    isText(v.at, 40) &&
    typeof v.docCount === 'number' &&
    Number.isSafeInteger(v.docCount) &&
    v.docCount >= 0 &&
    v.docCount <= MAX_DOCS &&
    isText(v.dbName, 200) &&
    (v.via === 'sync' || v.via === 'backup')
  );
}

/** A host state read back from storage: anything malformed reads as empty (M1). */
export function hostStateOf(v: unknown): HostState {
  if (!isRecord(v)) return EMPTY_HOST_STATE;
  return { heldData: isHeldDataMarker(v.heldData) ? v.heldData : null };
}

/** What the start found: the database opened (and whether it holds any document, tombstones included), or not. */
export type StoreProbe = { readonly kind: 'opened'; readonly dbName: string; readonly empty: boolean } | { readonly kind: 'unavailable' };

export const StorageVerdict = { Ok: 'ok', Fresh: 'fresh', Lost: 'lost', Unreadable: 'unreadable', Failed: 'failed' } as const;
export type StorageVerdict = (typeof StorageVerdict)[keyof typeof StorageVerdict];

/** Whether the marker says `dbName` (any, when omitted) held documents. */
const heldDocuments = (marker: HeldDataMarker | null, dbName?: string): boolean =>
  marker !== null && marker.docCount > 0 && (dbName === undefined || marker.dbName === dbName);

/** S1–S7: how the app starts. */
export function storageVerdict(marker: HeldDataMarker | null, probe: StoreProbe): StorageVerdict {
  if (probe.kind === 'unavailable') return heldDocuments(marker) ? StorageVerdict.Unreadable : StorageVerdict.Failed;
  if (!probe.empty) return StorageVerdict.Ok;
  return heldDocuments(marker, probe.dbName) ? StorageVerdict.Lost : StorageVerdict.Fresh;
}

/** S8: the saved sync progress must go before sync starts. */
export const mustResetSyncProgress = (probe: StoreProbe): boolean => probe.kind === 'opened' && probe.empty;

// ---- quota pressure -------------------------------------------------------------------------------------------

export const QuotaLevel = { Unknown: 'unknown', Ok: 'ok', Low: 'low', Critical: 'critical' } as const;
export type QuotaLevel = (typeof QuotaLevel)[keyof typeof QuotaLevel];

const MB = 1024 * 1024;
/** Q2/Q3 thresholds: at most this much left, or at least this percentage used. */
export const QUOTA_THRESHOLDS = {
  critical: { remainingBytes: 50 * MB, usedPercent: 95 },
  low: { remainingBytes: 200 * MB, usedPercent: 80 },
} as const;

export type QuotaPressure = { level: QuotaLevel; remaining: number | null };

/** Q1–Q4: how close this origin's storage is to full. */
export function quotaPressure(estimate: { usage: number | null; quota: number | null }): QuotaPressure {
  const { usage, quota } = estimate;
  if (usage === null || quota === null || !Number.isFinite(usage) || !Number.isFinite(quota) || quota <= 0 || usage < 0) {
    return { level: QuotaLevel.Unknown, remaining: null };
  }
  const remaining = Math.max(0, quota - usage);
  const over = (t: { remainingBytes: number; usedPercent: number }) =>
    remaining <= t.remainingBytes || usage * 100 >= quota * t.usedPercent;
  if (over(QUOTA_THRESHOLDS.critical)) return { level: QuotaLevel.Critical, remaining };
  if (over(QUOTA_THRESHOLDS.low)) return { level: QuotaLevel.Low, remaining };
  return { level: QuotaLevel.Ok, remaining };
}
