// The chaos test's checks, as pure functions over what the run collected: every PC's documents and status, every
// write each PC made, the server's documents as pulled over HTTP, and the server database's `documents` and
// `history` tables.
import type { PcDump, WriteRecord } from './pc-types';

export type Json = Record<string, unknown>;

/** A row of the server's `history` (every accepted version) or `documents` (current version) table. */
export type VersionRow = { collection: string; id: string; seq: number; deleted: boolean; data: Json };

const INTERNAL = new Set(['_rev', '_meta', '_attachments']);

/** JSON with sorted keys, so that two equal documents give the same text whatever order their keys are in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A document as compared between a PC and the server: no RxDB internals, `sync` reduced to its seq (and an unpushed mark, which must not be there). */
export function comparable(doc: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(doc)) if (!INTERNAL.has(k)) out[k] = v;
  const sync = doc.sync as { seq?: unknown; dirty?: unknown } | undefined;
  if (sync !== undefined) out.sync = sync.dirty === true ? { seq: sync.seq, dirty: true } : { seq: sync.seq };
  out._deleted = doc._deleted === true;
  return out;
}

export type Divergence = { collection: string; id: string; local: string; server: string };

export type Comparison = {
  pc: string;
  live: number;
  serverLive: number;
  /** Live on the server, absent or deleted on the PC. */
  missing: Divergence[];
  /** Live on the PC, absent or deleted on the server. */
  extra: Divergence[];
  /** Live on both, different content or seq. */
  differing: Divergence[];
  /** Tombstones on the PC whose seq differs from the server's tombstone (harmless, reported only). */
  tombstoneSeqDiffers: number;
  equal: boolean;
};

type DocsByCollection = Record<string, Json[]>;

const byKey = (docs: DocsByCollection): Map<string, Json> => {
  const m = new Map<string, Json>();
  for (const [collection, list] of Object.entries(docs)) for (const d of list) m.set(`${collection}/${String(d.id)}`, comparable(d));
  return m;
};

const split = (key: string): { collection: string; id: string } => {
  const i = key.indexOf('/');
  return { collection: key.slice(0, i), id: key.slice(i + 1) };
};

/** Compares a PC's documents with the server's (both with tombstones): live documents must be identical, seq included. */
export function compareWithServer(pc: string, local: PcDump, server: DocsByCollection): Comparison {
  const l = byKey(local);
  const s = byKey(server);
  const missing: Divergence[] = [];
  const extra: Divergence[] = [];
  const differing: Divergence[] = [];
  let tombstoneSeqDiffers = 0;
  let live = 0;
  let serverLive = 0;
  for (const [key, sd] of s) {
    const ld = l.get(key);
    const text = (d: Json | undefined) => (d ? canonical(d) : '(none)');
    if (sd._deleted === true) {
      if (ld && ld._deleted !== true) extra.push({ ...split(key), local: text(ld), server: text(sd) });
      else if (ld && canonical(ld.sync) !== canonical(sd.sync)) tombstoneSeqDiffers++;
      continue;
    }
    serverLive++;
    if (!ld || ld._deleted === true) missing.push({ ...split(key), local: text(ld), server: text(sd) });
    else if (canonical(ld) !== canonical(sd)) differing.push({ ...split(key), local: text(ld), server: text(sd) });
  }
  for (const [key, ld] of l) {
    if (ld._deleted === true) continue;
    live++;
    if (!s.has(key)) extra.push({ ...split(key), local: canonical(ld), server: '(none)' });
  }
  return { pc, live, serverLive, missing, extra, differing, tombstoneSeqDiffers, equal: missing.length + extra.length + differing.length === 0 };
}

/** The first divergence of a comparison, for the report: which PC, collection, id, local vs server. */
export function firstDivergence(c: Comparison, max = 1500): string | null {
  const d = c.differing[0] ?? c.missing[0] ?? c.extra[0];
  if (!d) return null;
  const kind = c.differing[0] ? 'differs' : c.missing[0] ? 'missing on the PC' : 'extra on the PC';
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max)}…` : s);
  return `PC ${c.pc} ${d.collection}/${d.id} ${kind}\n    local:  ${cut(d.local)}\n    server: ${cut(d.server)}`;
}

type ConflictCopy = { id?: string; path?: string; mine?: string; theirs?: string; device?: string; status?: string };

const conflictsOf = (data: Json): ConflictCopy[] => (Array.isArray(data.conflicts) ? (data.conflicts as ConflictCopy[]) : []);

const parse = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** A conflict copy holds `value` for `field`: a copy of that field, or a whole-document copy (path "") with it. */
function copyHolds(c: ConflictCopy, field: string, value: string): boolean {
  for (const text of [c.mine, c.theirs]) {
    const v = parse(text);
    if (c.path === field && v === value) return true;
    if (c.path === '' && v !== null && typeof v === 'object' && (v as Json)[field] === value) return true;
  }
  return false;
}

export type WriteVerdict = 'final' | 'history' | 'conflict-copy' | 'superseded' | 'unpushed' | 'lost';

export type LostWrite = WriteRecord & { field?: string; value?: string; versions: number; finalDeleted: boolean | null };

export type LostWriteReport = {
  writes: number;
  /** Field writes (a create or edit counts once per field) and deletes, by how each was found. */
  checked: number;
  byVerdict: Record<WriteVerdict, number>;
  lost: LostWrite[];
  /** Found only on the PC that wrote them, still marked unpushed. */
  unpushed: LostWrite[];
};

/**
 * No write lost: each recorded write (every field of a create or edit, and every delete) is
 *  (a) the final value (or the document is deleted, for a delete),
 *  (b) in the document's server history (it reached the server at some point),
 *  (c) in a conflict copy (conflicts[].mine/theirs) of the final document or of a version in its history
 *      (a whole-document copy, path "", counts when it holds the value; a deletion kept as a conflict is path "_deleted"),
 *  (d) superseded by a later write of the same PC to the same field, or a later delete of the document by it.
 * A write found nowhere on the server but still on its PC, marked unpushed, is 'unpushed' (not lost yet, but the PC
 * did not converge); otherwise it is lost. `local` gives a PC's final copy of a document (tombstones included).
 */
export function checkLostWrites(
  writes: readonly WriteRecord[],
  finalDocs: readonly VersionRow[],
  history: readonly VersionRow[],
  local: (pc: string, collection: string, id: string) => Json | undefined = () => undefined,
): LostWriteReport {
  const finals = new Map(finalDocs.map((r) => [`${r.collection}/${r.id}`, r]));
  const versions = new Map<string, VersionRow[]>();
  for (const h of history) {
    const k = `${h.collection}/${h.id}`;
    const list = versions.get(k) ?? [];
    list.push(h);
    versions.set(k, list);
  }
  const byPcDoc = new Map<string, WriteRecord[]>();
  for (const w of writes) {
    const k = `${w.pc}|${w.collection}/${w.id}`;
    const list = byPcDoc.get(k) ?? [];
    list.push(w);
    byPcDoc.set(k, list);
  }
  const byVerdict: Record<WriteVerdict, number> = { final: 0, history: 0, 'conflict-copy': 0, superseded: 0, unpushed: 0, lost: 0 };
  const lost: LostWrite[] = [];
  const unpushed: LostWrite[] = [];
  let checked = 0;

  for (const w of writes) {
    const key = `${w.collection}/${w.id}`;
    const final = finals.get(key);
    const hist = versions.get(key) ?? [];
    const copies = [...(final ? conflictsOf(final.data) : []), ...hist.flatMap((h) => conflictsOf(h.data))];
    const later = (byPcDoc.get(`${w.pc}|${key}`) ?? []).filter((x) => x.n > w.n);
    const mine = local(w.pc, w.collection, w.id);
    const stillLocal = mine !== undefined && (mine.sync as { dirty?: unknown } | undefined)?.dirty === true;
    const verdict = (v: WriteVerdict, field?: string, value?: string) => {
      checked++;
      byVerdict[v]++;
      const entry = { ...w, ...(field !== undefined ? { field, value } : {}), versions: hist.length, finalDeleted: final ? final.deleted : null };
      if (v === 'lost') lost.push(entry);
      if (v === 'unpushed') unpushed.push(entry);
    };

    if (w.kind === 'delete') {
      if (final?.deleted) verdict('final');
      else if (hist.some((h) => h.deleted)) verdict('history');
      else if (copies.some((c) => c.path === '_deleted' && parse(c.mine) === true)) verdict('conflict-copy');
      else if (stillLocal && mine._deleted === true) verdict('unpushed');
      else verdict('lost');
      continue;
    }
    for (const [field, value] of Object.entries(w.fields)) {
      if (final && final.data[field] === value) verdict('final', field, value);
      else if (hist.some((h) => h.data[field] === value)) verdict('history', field, value);
      else if (copies.some((c) => copyHolds(c, field, value))) verdict('conflict-copy', field, value);
      else if (later.some((x) => x.kind === 'delete' || field in x.fields)) verdict('superseded', field, value);
      else if (stillLocal && (mine[field] === value || conflictsOf(mine).some((c) => copyHolds(c, field, value)))) verdict('unpushed', field, value);
      else verdict('lost', field, value);
    }
  }
  return { writes: writes.length, checked, byVerdict, lost, unpushed };
}

export type Undelete = { collection: string; id: string; deletedAtSeq: number; aliveAtSeq: number };

/** No deleted document alive again: once a document's history has a tombstone, no later version is alive. */
export function checkNoUndelete(history: readonly VersionRow[]): Undelete[] {
  const out: Undelete[] = [];
  const deletedAt = new Map<string, number>();
  const reported = new Set<string>();
  for (const h of [...history].sort((a, b) => a.seq - b.seq)) {
    const k = `${h.collection}/${h.id}`;
    const d = deletedAt.get(k);
    if (h.deleted) {
      if (d === undefined) deletedAt.set(k, h.seq);
    } else if (d !== undefined && !reported.has(k)) {
      reported.add(k);
      out.push({ collection: h.collection, id: h.id, deletedAtSeq: d, aliveAtSeq: h.seq });
    }
  }
  return out;
}

export type ConflictCount = { total: number; field: number; wholeDocument: number; deletion: number; open: number };

/** Conflict copies created: distinct copy ids over the final documents and every version in history. */
export function countConflictCopies(finalDocs: readonly VersionRow[], history: readonly VersionRow[]): ConflictCount {
  const seen = new Map<string, ConflictCopy>();
  for (const r of [...history, ...finalDocs]) for (const c of conflictsOf(r.data)) if (c.id) seen.set(`${r.collection}/${r.id}/${c.id}`, c);
  const all = [...seen.values()];
  return {
    total: all.length,
    field: all.filter((c) => c.path !== '' && c.path !== '_deleted').length,
    wholeDocument: all.filter((c) => c.path === '').length,
    deletion: all.filter((c) => c.path === '_deleted').length,
    open: all.filter((c) => c.status === 'open').length,
  };
}

/** Ids (tombstones included) that do not belong to the compound. */
export function foreignIds(docs: DocsByCollection, prefix: string): string[] {
  const out: string[] = [];
  for (const [collection, list] of Object.entries(docs)) for (const d of list) if (!String(d.id).startsWith(`${prefix}-`)) out.push(`${collection}/${String(d.id)}`);
  return out;
}

/**
 * The server answers pulls from its `documents` table: what it handed out must be exactly that table (seq, deleted,
 * data), and the table's version of each document must be the last one in history.
 */
export function checkServerConsistency(pulled: DocsByCollection, documents: readonly VersionRow[], history: readonly VersionRow[]): string[] {
  const problems: string[] = [];
  const table = new Map(documents.map((r) => [`${r.collection}/${r.id}`, r]));
  const lastInHistory = new Map<string, VersionRow>();
  for (const h of history) {
    const k = `${h.collection}/${h.id}`;
    const prev = lastInHistory.get(k);
    if (!prev || h.seq > prev.seq) lastInHistory.set(k, h);
  }
  const seen = new Set<string>();
  for (const [collection, list] of Object.entries(pulled)) {
    for (const d of list) {
      const k = `${collection}/${String(d.id)}`;
      seen.add(k);
      const row = table.get(k);
      const { sync, _deleted, ...data } = d;
      const seq = (sync as { seq?: number } | undefined)?.seq;
      if (!row) problems.push(`${k}: pulled but not in the documents table`);
      else if (row.seq !== seq || row.deleted !== (_deleted === true) || canonical(row.data) !== canonical(data)) {
        problems.push(`${k}: pulled seq ${String(seq)} deleted ${String(_deleted)} ≠ table seq ${row.seq} deleted ${row.deleted}${canonical(row.data) !== canonical(data) ? ' (data differs)' : ''}`);
      }
    }
  }
  for (const [k, row] of table) {
    if (!seen.has(k)) problems.push(`${k}: in the documents table (seq ${row.seq}) but never pulled`);
    const h = lastInHistory.get(k);
    if (!h) problems.push(`${k}: no history`);
    else if (h.seq !== row.seq || h.deleted !== row.deleted || canonical(h.data) !== canonical(row.data)) {
      problems.push(`${k}: documents table seq ${row.seq} ≠ last history version seq ${h.seq}`);
    }
  }
  return problems;
}
