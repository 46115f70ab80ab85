// Structured logs (issue #9): one JSON line per request, and JSON lines for the server's own events. A request line
// names the method, the path without its query, the status, the duration, the tenant, the user and the request id
// (also sent back as X-Request-Id). Never logged: query strings, headers, bodies (passwords, tokens, document
// contents); stack traces only for server errors (5xx), never for a client's mistake.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export type LogSink = (line: string) => void;

export type LogLevel = 'info' | 'warn' | 'error';

/** What the router learns about a request while handling it. */
export type RequestContext = {
  id: string;
  /** performance.now() when the request arrived. */
  startedAt: number;
  tenant?: string;
  compound?: string;
  user?: string;
  /** The error code of a failed request. */
  code?: string;
  /** A server error (5xx): logged with its stack. */
  error?: unknown;
  /** Set for a stream: the line is written when it ends. */
  stream?: boolean;
};

/** A request id from a trusted proxy (X-Request-Id), when it looks like one; otherwise a new one. */
export function requestId(req: IncomingMessage, trustProxy: boolean): string {
  const given = trustProxy ? req.headers['x-request-id'] : undefined;
  if (typeof given === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(given)) return given;
  return randomUUID();
}

/** The path as logged: no query, at most 200 characters. */
export function loggedPath(target: string): string {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

export function createLogger(sink: LogSink, now: () => number = Date.now) {
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
    try {
      sink(JSON.stringify({ time: new Date(now()).toISOString(), level, msg, ...fields }));
    } catch {
      // a log line must never fail a request
    }
  };
  return {
    info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
    warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
    error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
    /**
     * The one line of a finished request. `status` is what was sent, or undefined when the client went away before an
     * answer (logged as 499, as nginx does).
     */
    request(req: IncomingMessage, ctx: RequestContext, sent: number | undefined): void {
      const status = sent ?? 499;
      const level: LogLevel = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      const fields: Record<string, unknown> = {
        id: ctx.id,
        method: req.method ?? '?',
        path: loggedPath(req.url ?? '/'),
        status,
        ms: Math.round((performance.now() - ctx.startedAt) * 10) / 10,
      };
      if (ctx.tenant !== undefined) fields.tenant = ctx.tenant;
      if (ctx.compound !== undefined) fields.compound = ctx.compound;
      if (ctx.user !== undefined) fields.user = ctx.user;
      if (ctx.code !== undefined) fields.code = ctx.code;
      if (ctx.stream) fields.stream = true;
      if (sent === undefined) fields.aborted = true;
      if (status >= 500 && ctx.error !== undefined) {
        fields.err = ctx.error instanceof Error ? (ctx.error.stack ?? ctx.error.message) : String(ctx.error);
      }
      write(level, 'request', fields);
    },
  };
}

export type Logger = ReturnType<typeof createLogger>;
