// Values a client sends that JavaScript accepts but PostgreSQL or the server's recursive code cannot take (issue #9):
// NUL (text and jsonb cannot hold U+0000), a lone UTF-16 surrogate (jsonb refuses "\ud800"), a number JSON.parse
// turned into Infinity (`1e309`), and nesting deep enough to overflow a recursive walk. Checked without recursion,
// before anything else looks at the value, so that such input is refused as a client error, never a crash.

/** Deeper than any document of the schemas (a few levels), far below what recursion could not handle. */
export const MAX_JSON_DEPTH = 32;

export type JsonProblem = { path: string; message: string };

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (UTF-16 code units). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** The text with every NUL and lone surrogate replaced by U+FFFD, e.g. to name a refused id in an answer. */
export function storableText(s: string): string {
  return s.split('\u0000').join('\ufffd').replace(LONE_SURROGATES, '\ufffd');
}

/** Text the database can store as is: no NUL, no lone surrogate. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return null;
}

/**
 * The first thing in `value` (a JSON.parse result) that cannot be stored, with its JSON pointer; null when none.
 * Walks iteratively, so any depth is safe to check.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop() as { v: unknown; path: string; depth: number };
    if (typeof v === 'string') {
      const p = textProblem(v);
      if (p) return { path, message: p };
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path, message: 'is a number out of range (not finite)' };
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= maxDepth) return { path, message: `is nested deeper than ${maxDepth} levels` };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}/${i}`, depth: depth + 1 });
      } else {
        const entries = Object.entries(v as Record<string, unknown>);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [k, child] = entries[i] as [string, unknown];
          const p = textProblem(k);
          if (p) return { path: `${path}/${escapePointer(storableText(k))}`, message: `has a key that ${p}` };
          stack.push({ v: child, path: `${path}/${escapePointer(k)}`, depth: depth + 1 });
        }
      }
    }
  }
  return null;
}
