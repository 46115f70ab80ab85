// Canonical JSON: object keys sorted, undefined members dropped, no whitespace. Two document states are "the same"
// exactly when their canonical texts are equal; the server compares a pushed document with what it stores this way.

import type { Json } from '../domain/conflicts/merge';

// One JSON type and one structural equality for the whole app: both live with the three-way merge.
export { jsonEqual } from '../domain/conflicts/merge';
export type { Json };

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a JSON number: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`not JSON: ${typeof value}`);
}
