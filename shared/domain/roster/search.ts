// R10–R12: finding people and organisations.
import type { Party, PersonRole } from '../../schema';
import type { RosterRecord } from './record';

const lower = (s: string): string => s.toLowerCase();

function haystack(doc: RosterRecord): string[] {
  const parts = [doc.building, doc.unit, doc.room].filter((p): p is string => p !== undefined && p !== '');
  const phones = [doc.phone, doc.contactPhone].filter((p): p is string => p !== undefined);
  return [
    doc.name,
    doc.contactName ?? '',
    doc.address ?? '',
    ...phones,
    ...phones.map((p) => p.replace(/-/g, '')),
    ...parts,
    parts.join(''),
    parts.join('-'),
  ].map(lower);
}

/** R10: every space-separated part of the query occurs in one of the searchable fields. */
export function matchesSearch(doc: RosterRecord, query: string): boolean {
  const tokens = lower(query).split(/[\s\u3000]+/).filter((t) => t !== '');
  if (tokens.length === 0) return true;
  const fields = haystack(doc);
  return tokens.every((t) => fields.some((f) => f.includes(t)));
}

export type RosterFilter = {
  kind?: RosterRecord['kind'];
  party?: Party;
  /** People holding this role. */
  role?: PersonRole;
  /** Show records that have left (status 'left'); hidden by default. */
  includeLeft?: boolean;
  query?: string;
};

/** R11 */
export function filterRoster<T extends RosterRecord>(docs: readonly T[], filter: RosterFilter): T[] {
  return docs.filter(
    (d) =>
      (filter.kind === undefined || d.kind === filter.kind) &&
      (filter.party === undefined || d.party === filter.party) &&
      (filter.role === undefined || (d.roles ?? []).includes(filter.role)) &&
      (filter.includeLeft === true || d.status === 'active') &&
      matchesSearch(d, filter.query ?? ''),
  );
}

const collator = new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });

/** R12: active first, then by name in Chinese (pinyin) order; ties by id so the order is stable. */
export function sortRoster<T extends RosterRecord>(docs: readonly T[]): T[] {
  return [...docs].sort(
    (a, b) =>
      Number(a.status === 'left') - Number(b.status === 'left') ||
      collator.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
