// The one route parser: every section's place lives in the URL hash, `#/<section>[/<id>…][?key=value…]`
// (`#/meetings/<id>`, `#/tasks?party=…`), so a reload — or a crash — returns to the same page and record. The shell
// listens to hashchange once (app/routing.ts) and keeps the parsed route in the UI store; features read it there.
import { isSectionId, type SectionId } from './section';

export type Route = {
  /** The hash it was parsed from, so that an unchanged route is not stored again. */
  readonly hash: string;
  readonly section: SectionId | undefined;
  /** Decoded path segments after the section: `#/meetings/m1` → ['m1']. */
  readonly path: readonly string[];
  readonly query: Readonly<Record<string, string>>;
};

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** `#/meetings/m1?tab=summary` → { section: 'meetings', path: ['m1'], query: { tab: 'summary' } }. */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const [first = '', ...rest] = (q < 0 ? body : body.slice(0, q)).split('/');
  const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : body.slice(q + 1)));
  return {
    hash,
    section: isSectionId(first) ? first : undefined,
    path: rest.filter((s) => s !== '').map(decode),
    query,
  };
}

/** ('meetings', ['m1']) → '#/meetings/m1'; query members that are '' are left out. */
export function routeHash(section: SectionId, path: readonly string[] = [], query: Readonly<Record<string, string>> = {}): string {
  const segments = [section, ...path.map(encodeURIComponent)].join('/');
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  return `#/${segments}${params ? `?${params}` : ''}`;
}
