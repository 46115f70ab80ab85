// The one typed contract between the renderer and its host (Electron main, or the web host).
// Adding a channel to Bridge without listing it in CHANNELS and BRIDGE_ARG_SCHEMAS (or the reverse) fails tsc.
import { HELD_DATA_MARKER_SCHEMA, type HeldDataMarker, type HostState } from './domain/storage';
import type { Result } from './result';

export type BridgeErrorCode =
  | 'FORBIDDEN' // caller is not the app's own page
  | 'INVALID_ARGS' // arguments failed validation
  | 'UNSUPPORTED' // this host cannot do it (e.g. silent PDF in a browser)
  | 'IO' // disk full, permission denied, …
  | 'INTERNAL';

export type BridgeError = { code: BridgeErrorCode; message?: string };
export type BridgeResult<T> = Promise<Result<T, BridgeError>>;

export type FileFilter = { name: string; extensions: string[] };

export type AppInfo = {
  version: string;
  /** 'desktop' = Electron, 'web' = the web host in a browser. */
  host: 'desktop' | 'web';
  platform: string;
  /** Where the app keeps its files (desktop only; empty on the web host). */
  userDataPath: string;
  documentsPath: string;
};

/** Why a backup was made (the same words as the backup manifest's `reason`, shared/backup/format.ts). */
export const BACKUP_REASONS = ['manual', 'daily', 'before-migration', 'before-update', 'export'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** What the list shows of a backup without opening it; written beside the file by backup:write. */
export type BackupSummary = {
  createdAt: string;
  appVersion: string;
  device: { id: string; name: string };
  compound: { code: string; name: string } | null;
  /** Live documents per collection. */
  counts: Record<string, number>;
  attachments: { count: number; bytes: number };
};

/** One file in the desktop app's backups folder. `reason` 'unknown': a file without its summary (copied in by hand). */
export type BackupEntry = {
  fileName: string;
  size: number;
  createdAt: string;
  reason: BackupReason | 'unknown';
  summary: BackupSummary | null;
};

/** Free space where the backups are kept; `low` = less than the reserve the pruning keeps free. */
export type BackupDisk = { freeBytes: number; totalBytes: number; low: boolean } | null;

/** The backups folder keeps fewer backups than usual because the disk is nearly full. */
export type BackupWarning = { code: 'LOW_DISK'; kept: number; freeBytes: number };

/** Paper the print paths know: A4 for everything, A3 for a notice printed large. */
export type PrintPageSize = 'A4' | 'A3';

export type Bridge = {
  'app:info': (a: Record<string, never>) => BridgeResult<AppInfo>;
  /**
   * Print a complete HTML document (its own CSS) through the system print dialog: on A4 unless `pageSize` says A3
   * (a notice for a large board), `copies` preset in the dialog (1 by default).
   */
  'print:html': (a: { html: string; title: string; copies?: number; pageSize?: PrintPageSize }) => BridgeResult<{ printed: boolean }>;
  /** Render a complete HTML document to PDF and let the user choose where to save it. path null = cancelled. */
  'print:toPdf': (a: { html: string; fileName: string; pageSize?: PrintPageSize }) => BridgeResult<{ path: string | null }>;
  /** Save text (utf8) or binary (base64) content through a save dialog. path null = cancelled. */
  'file:save': (a: {
    defaultName: string;
    content: string;
    encoding: 'utf8' | 'base64';
    filters: FileFilter[];
  }) => BridgeResult<{ path: string | null }>;
  /** Let the user pick one file and return its content. null = cancelled. */
  'file:open': (a: {
    filters: FileFilter[];
    encoding: 'utf8' | 'base64';
  }) => BridgeResult<{ name: string; content: string } | null>;
  /** The backups in the desktop app's backups folder, newest first, and the disk's free space (desktop only). */
  'backup:list': (a: Record<string, never>) => BridgeResult<{ backups: BackupEntry[]; disk: BackupDisk }>;
  /**
   * Store a backup (base64) in the backups folder, then keep the newest 30 — fewer when the disk is short, with a
   * warning. Desktop only.
   */
  'backup:write': (a: {
    fileName: string;
    content: string;
    reason: BackupReason;
    summary: BackupSummary;
  }) => BridgeResult<{ entry: BackupEntry; pruned: string[]; warning: BackupWarning | null }>;
  /** One backup of the folder, as base64. Desktop only. */
  'backup:read': (a: { fileName: string }) => BridgeResult<{ name: string; content: string }>;
  /** Copy one backup of the folder to a place the user picks (a USB stick). path null = cancelled. Desktop only. */
  'backup:saveAs': (a: { fileName: string }) => BridgeResult<{ path: string | null }>;
  /** When the last backup was made, per reason and of any reason (ISO; null = never). Desktop only. */
  'backup:lastRun': (a: Record<string, never>) => BridgeResult<{ daily: string | null; any: string | null }>;
  /** What the host keeps for the renderer outside IndexedDB: the held-data marker (issue #15, storage loss). */
  'state:get': (a: Record<string, never>) => BridgeResult<HostState>;
  /** Merges the given keys into it (heldData null = forget the marker); answers the whole state as saved. */
  'state:set': (a: { heldData?: HeldDataMarker | null }) => BridgeResult<HostState>;
};

export type Channel = keyof Bridge;
export type BridgeArgs<C extends Channel> = Parameters<Bridge[C]>[0];

export const CHANNELS = {
  'app:info': 1,
  'print:html': 1,
  'print:toPdf': 1,
  'file:save': 1,
  'file:open': 1,
  'backup:list': 1,
  'backup:write': 1,
  'backup:read': 1,
  'backup:saveAs': 1,
  'backup:lastRun': 1,
  'state:get': 1,
  'state:set': 1,
} as const satisfies Record<Channel, 1>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

/** The name under which the preload exposes the bridge: window.linli. */
export const BRIDGE_GLOBAL = 'linli';

const MAX_HTML = 20 * 1024 * 1024;
const fileName = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\\\/:*?"<>|\\u0000-\\u001f]+$' } as const;
const pageSize = { enum: ['A4', 'A3'] } as const;
const filters = {
  type: 'array',
  maxItems: 10,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'extensions'],
    properties: {
      name: { type: 'string', maxLength: 100 },
      extensions: { type: 'array', maxItems: 10, items: { type: 'string', pattern: '^[a-zA-Z0-9*]{1,10}$' } },
    },
  },
} as const;

/** The largest backup the bridge carries (one base64 string over IPC). */
export const MAX_BACKUP_BYTES = 150 * 1024 * 1024;
const MAX_BACKUP_BASE64 = 4 * Math.ceil(MAX_BACKUP_BYTES / 3);
const shortText = { type: 'string', maxLength: 200 } as const;
const count = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;

/** BackupSummary as a schema: checked on backup:write, and again when main reads a summary back from disk. */
export const BACKUP_SUMMARY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['createdAt', 'appVersion', 'device', 'compound', 'counts', 'attachments'],
  properties: {
    createdAt: { type: 'string', minLength: 1, maxLength: 40 },
    appVersion: { type: 'string', maxLength: 50 },
    device: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name'],
      properties: { id: shortText, name: shortText },
    },
    compound: {
      anyOf: [
        { type: 'null' },
        { type: 'object', additionalProperties: false, required: ['code', 'name'], properties: { code: shortText, name: shortText } },
      ],
    },
    counts: {
      type: 'object',
      maxProperties: 50,
      propertyNames: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,49}$' },
      additionalProperties: count,
    },
    attachments: {
      type: 'object',
      additionalProperties: false,
      required: ['count', 'bytes'],
      properties: { count, bytes: count },
    },
  },
} as const;

/** A file in the backups folder: a plain name (no folder, no hidden file), never a summary file. */
const backupFileName = { ...fileName, pattern: '^(?!\\.)(?!.*\\.meta\\.json$)[^\\\\/:*?"<>|\\u0000-\\u001f]+$' } as const;

/** JSON schemas the host validates every call's argument against (ajv in main). */
export const BRIDGE_ARG_SCHEMAS = {
  'app:info': { type: 'object', additionalProperties: false, properties: {} },
  'print:html': {
    type: 'object',
    additionalProperties: false,
    required: ['html', 'title'],
    properties: {
      html: { type: 'string', minLength: 1, maxLength: MAX_HTML },
      title: { type: 'string', maxLength: 200 },
      copies: { type: 'integer', minimum: 1, maximum: 1000 },
      pageSize,
    },
  },
  'print:toPdf': {
    type: 'object',
    additionalProperties: false,
    required: ['html', 'fileName'],
    properties: { html: { type: 'string', minLength: 1, maxLength: MAX_HTML }, fileName, pageSize },
  },
  'file:save': {
    type: 'object',
    additionalProperties: false,
    required: ['defaultName', 'content', 'encoding', 'filters'],
    properties: {
      defaultName: fileName,
      content: { type: 'string', maxLength: 200 * 1024 * 1024 },
      encoding: { enum: ['utf8', 'base64'] },
      filters,
    },
  },
  'file:open': {
    type: 'object',
    additionalProperties: false,
    required: ['filters', 'encoding'],
    properties: { filters, encoding: { enum: ['utf8', 'base64'] } },
  },
  'backup:list': { type: 'object', additionalProperties: false, properties: {} },
  'backup:write': {
    type: 'object',
    additionalProperties: false,
    required: ['fileName', 'content', 'reason', 'summary'],
    properties: {
      fileName: backupFileName,
      content: { type: 'string', minLength: 1, maxLength: MAX_BACKUP_BASE64 },
      reason: { enum: BACKUP_REASONS },
      summary: BACKUP_SUMMARY_SCHEMA,
    },
  },
  'backup:read': { type: 'object', additionalProperties: false, required: ['fileName'], properties: { fileName: backupFileName } },
  'backup:saveAs': { type: 'object', additionalProperties: false, required: ['fileName'], properties: { fileName: backupFileName } },
  'backup:lastRun': { type: 'object', additionalProperties: false, properties: {} },
  'state:get': { type: 'object', additionalProperties: false, properties: {} },
  'state:set': {
    type: 'object',
    additionalProperties: false,
    properties: { heldData: { anyOf: [{ type: 'null' }, HELD_DATA_MARKER_SCHEMA] } },
  },
} as const satisfies Record<Channel, object>;
