// The one typed contract between the renderer and its host (Electron main, or the web host).
// Adding a channel to Bridge without listing it in CHANNELS and BRIDGE_ARG_SCHEMAS (or the reverse) fails tsc.
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
};

export type Channel = keyof Bridge;
export type BridgeArgs<C extends Channel> = Parameters<Bridge[C]>[0];

export const CHANNELS = {
  'app:info': 1,
  'print:html': 1,
  'print:toPdf': 1,
  'file:save': 1,
  'file:open': 1,
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
} as const satisfies Record<Channel, object>;
