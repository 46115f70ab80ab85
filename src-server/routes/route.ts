// What a route is, and how a request finds its route: paths are the templates of shared API_ROUTES, matched segment
// by segment. The table of every route is routes/table.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../shared/result';
import type { RequestContext } from '../http/request-log';
import { failure, type Failure } from '../http/respond';

export type Reply = { status: number; body: unknown };
export type Handled = Result<Reply, Failure>;
/** 'streaming': the handler took over the response (the live stream). */
export type RouteResult = Handled | 'streaming';

export const ok = (body: unknown, status = 200): Handled => ({ ok: true, value: { status, body } });
export const fail = (f: Failure): Handled => ({ ok: false, error: f });

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT';

export type RouteRequest = {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** The `:name` segments of the path, as sent (still percent-encoded). */
  params: Readonly<Record<string, string>>;
  ctx: RequestContext;
};

export type Handler = (r: RouteRequest) => Promise<RouteResult>;

export type Route = {
  path: string;
  methods: readonly Method[];
  run: Handler;
};

const methodNotAllowed = (methods: readonly Method[]): Handled => {
  const allow = methods.join(', ');
  return fail(failure('METHOD_NOT_ALLOWED', `use ${allow}`, {}, { Allow: allow }));
};

/** A route that answers a wrong method first. */
export function route(path: string, methods: readonly Method[], handle: Handler): Route {
  return {
    path,
    methods,
    run: (r) => (methods.includes(r.method as Method) ? handle(r) : Promise.resolve(methodNotAllowed(methods))),
  };
}

/**
 * A route whose gate answers before the method is looked at, and hands what it found to the handler. The sync
 * routes refuse an unknown collection, an outdated client and a caller without access before a wrong method.
 */
export function gatedRoute<T>(
  path: string,
  methods: readonly Method[],
  gate: (r: RouteRequest) => Promise<Result<T, Failure>>,
  handle: (r: RouteRequest, passed: T) => Promise<RouteResult>,
): Route {
  return {
    path,
    methods,
    async run(r) {
      const passed = await gate(r);
      if (!passed.ok) return fail(passed.error);
      return methods.includes(r.method as Method) ? handle(r, passed.value) : methodNotAllowed(methods);
    },
  };
}

/**
 * What a `:name` segment may look like; others match any non-empty segment. A path whose collection segment could
 * not be a collection name is no endpoint at all (404, as for any unknown path).
 */
const SEGMENT: Readonly<Record<string, string>> = { collection: '[a-z_]+' };

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Compiled = { route: Route; pattern: RegExp; names: string[] };

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return escapeRegExp(segment);
      const name = segment.slice(1);
      names.push(name);
      return `(${SEGMENT[name] ?? '[^/]+'})`;
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

export type Match = { route: Route; params: Record<string, string> };

/** Finds the route of a path (the raw path, without its query); the first route in the table that matches wins. */
export function createRouter(routes: readonly Route[]): (path: string) => Match | undefined {
  const compiled = routes.map(compile);
  return (path) => {
    for (const c of compiled) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = m[i + 1] ?? '';
      });
      return { route: c.route, params };
    }
    return undefined;
  };
}
