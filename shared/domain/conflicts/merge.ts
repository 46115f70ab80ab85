// Three-way merge of a document edited on this device (mine) while the server moved on (theirs), both starting
// from the state this device last saw (base). Fields changed on one side only merge; a field changed on both
// sides to different values keeps the server's value and records the local one as a conflict copy, so that no
// write is ever dropped silently (issue #3). Arrays of objects with an `id` merge element by element.

import { RXDB_INTERNAL_FIELDS } from '../../sync/protocol';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export type ConflictCopy = {
  id: string;
  /** Dotted path; array elements are addressed by their id, e.g. "topics.t1.notes". */
  path: string;
  /** JSON text of the local value ("" path = the whole document). */
  mine: string;
  theirs: string;
  at: string;
  by: string;
  device?: string;
  status: 'open' | 'kept_mine' | 'kept_theirs' | 'merged';
  resolvedAt?: string;
  resolvedBy?: string;
};

export type MergeContext = {
  now: string;
  by: string;
  device?: string;
  /**
   * The server's version is locked against this device's changes (e.g. a meeting finalised elsewhere while this
   * device edited the draft): every local change is kept as a conflict copy instead of being merged in (C11).
   */
  lockTheirs?: boolean;
  /** Ids for new conflict copies; passed in so that the rule stays pure. */
  newId: () => string;
};

/** Fields that describe the write rather than the content: never a conflict of their own. */
const BOOKKEEPING: ReadonlySet<string> = new Set(['updatedAt', 'updatedBy', 'conflicts', ...RXDB_INTERNAL_FIELDS]);

export const isPlainObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality of JSON values; a missing key equals an undefined one. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

const isIdArray = (v: unknown): v is JsonObject[] =>
  Array.isArray(v) && v.every((x) => isPlainObject(x) && typeof x.id === 'string');

type Found = { path: string; mine: Json | undefined; theirs: Json | undefined };
type Walk = { found: Found[]; lock: boolean };

function mergeValue(base: Json | undefined, mine: Json | undefined, theirs: Json | undefined, path: string, w: Walk): Json | undefined {
  if (jsonEqual(mine, base) || jsonEqual(mine, theirs)) return theirs;
  if (jsonEqual(theirs, base) && !w.lock) return mine;
  if (isPlainObject(mine) && isPlainObject(theirs)) {
    return mergeObject(isPlainObject(base) ? base : {}, mine, theirs, path, w);
  }
  if (isIdArray(mine) && isIdArray(theirs)) {
    return mergeIdArray(isIdArray(base) ? base : [], mine, theirs, path, w);
  }
  w.found.push({ path, mine, theirs });
  return theirs;
}

function mergeObject(base: JsonObject, mine: JsonObject, theirs: JsonObject, path: string, w: Walk): JsonObject {
  const out: JsonObject = {};
  const keys = new Set([...Object.keys(theirs), ...Object.keys(mine)]);
  for (const k of keys) {
    if (path === '' && BOOKKEEPING.has(k)) continue;
    const v = mergeValue(base[k], mine[k], theirs[k], path ? `${path}.${k}` : k, w);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function mergeIdArray(base: JsonObject[], mine: JsonObject[], theirs: JsonObject[], path: string, w: Walk): JsonObject[] {
  const { found } = w;
  const byId = (xs: JsonObject[]) => new Map(xs.map((x) => [x.id as string, x]));
  const b = byId(base);
  const m = byId(mine);
  const t = byId(theirs);
  // The server's order wins; elements only this device added follow, in local order.
  const order = [...theirs.map((x) => x.id as string), ...mine.map((x) => x.id as string).filter((id) => !t.has(id))];
  const out: JsonObject[] = [];
  for (const id of order) {
    const bx = b.get(id);
    const mx = m.get(id);
    const tx = t.get(id);
    const elementPath = `${path}.${id}`;
    if (mx && tx) {
      out.push(bx ? mergeObject(bx, mx, tx, elementPath, w) : jsonEqual(mx, tx) ? tx : mergeObject({}, mx, tx, elementPath, w));
    } else if (tx && !mx) {
      // Removed here: honour the removal unless the server changed the element meanwhile (or is locked).
      if (bx && (w.lock || !jsonEqual(bx, tx))) {
        found.push({ path: elementPath, mine: null, theirs: tx });
        out.push(tx);
      } else if (!bx) {
        out.push(tx);
      }
    } else if (mx && !tx) {
      if (!bx && w.lock) found.push({ path: elementPath, mine: mx, theirs: null });
      else if (!bx) out.push(mx); // added here
      else if (!jsonEqual(bx, mx)) {
        // Removed on the server but edited here: keep the server's removal, keep the edit as a conflict copy.
        found.push({ path: elementPath, mine: mx, theirs: null });
      }
    }
  }
  return out;
}

function mergeConflictLists(a: unknown, b: unknown): ConflictCopy[] {
  const list = [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])] as ConflictCopy[];
  const byId = new Map<string, ConflictCopy>();
  for (const c of list) {
    const prev = byId.get(c.id);
    // A resolution is a later state of the same copy; keep it.
    if (!prev || (prev.status === 'open' && c.status !== 'open')) byId.set(c.id, c);
  }
  return [...byId.values()];
}

export type MergeResult = { merged: JsonObject; conflicts: ConflictCopy[] };

/**
 * Merge `mine` into `theirs` given their common `base` (undefined when the document was created on both sides).
 * Returns the document to write on top of the server's state, and the new conflict copies it carries.
 */
export function mergeDocuments(base: JsonObject | undefined, mine: JsonObject, theirs: JsonObject, ctx: MergeContext): MergeResult {
  const found: Found[] = [];
  const walk: Walk = { found, lock: ctx.lockTheirs === true };
  const baseDoc = base ?? {};

  if (theirs._deleted === true && mine._deleted !== true) {
    // A tombstone is never resurrected; the local edit is kept as a copy of the whole document.
    if (!jsonEqual(stripBookkeeping(mine), stripBookkeeping(baseDoc))) found.push({ path: '', mine: stripBookkeeping(mine), theirs: null });
    return finish(theirs, mine, theirs, found, ctx);
  }
  if (mine._deleted === true && theirs._deleted !== true) {
    if (base && !jsonEqual(stripBookkeeping(theirs), stripBookkeeping(baseDoc))) {
      // Deleted here but changed on the server: keep the server's document, record the deletion for a person to decide.
      found.push({ path: '_deleted', mine: true, theirs: false });
      return finish(theirs, mine, theirs, found, ctx);
    }
    return finish({ ...theirs, _deleted: true }, mine, theirs, found, ctx);
  }

  const merged = mergeObject(baseDoc, mine, theirs, '', walk);
  return finish(merged, mine, theirs, found, ctx);
}

function stripBookkeeping(doc: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !BOOKKEEPING.has(k)));
}

function finish(doc: JsonObject, mine: JsonObject, theirs: JsonObject, found: Found[], ctx: MergeContext): MergeResult {
  const fresh: ConflictCopy[] = found.map((f) => ({
    id: ctx.newId(),
    path: f.path,
    mine: JSON.stringify(f.mine ?? null),
    theirs: JSON.stringify(f.theirs ?? null),
    at: ctx.now,
    by: ctx.by,
    ...(ctx.device ? { device: ctx.device } : {}),
    status: 'open',
  }));
  const conflicts = mergeConflictLists(mergeConflictLists(theirs.conflicts, mine.conflicts), fresh);
  const later = String(mine.updatedAt ?? '') > String(theirs.updatedAt ?? '') ? mine : theirs;
  const out: JsonObject = { ...doc, updatedAt: later.updatedAt ?? null, updatedBy: later.updatedBy ?? null };
  if (conflicts.length > 0) out.conflicts = conflicts as unknown as Json;
  else delete out.conflicts;
  return { merged: out, conflicts: fresh };
}

/** Open conflict copies of a document, oldest first. */
export const openConflicts = (doc: { conflicts?: readonly ConflictCopy[] }): ConflictCopy[] =>
  (doc.conflicts ?? []).filter((c) => c.status === 'open');

type Segment = string;

function getAt(value: Json | undefined, segments: Segment[]): Json | undefined {
  let cur: Json | undefined = value;
  for (const s of segments) {
    if (Array.isArray(cur)) cur = cur.find((x) => isPlainObject(x) && x.id === s);
    else if (isPlainObject(cur)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

function setAt(value: Json, segments: Segment[], next: Json | undefined): Json {
  if (segments.length === 0) return next ?? null;
  const [head, ...rest] = segments as [Segment, ...Segment[]];
  if (Array.isArray(value)) {
    const exists = value.some((x) => isPlainObject(x) && x.id === head);
    if (!exists) return next === undefined || next === null || rest.length > 0 ? value : [...value, next];
    if (rest.length === 0 && (next === null || next === undefined)) return value.filter((x) => !(isPlainObject(x) && x.id === head));
    return value.map((x) => (isPlainObject(x) && x.id === head ? setAt(x, rest, next) : x));
  }
  const obj = isPlainObject(value) ? value : {};
  const child = setAt(obj[head] ?? (rest.length ? {} : null), rest, next);
  const out: JsonObject = { ...obj };
  if (next === undefined && rest.length === 0) delete out[head];
  else out[head] = child;
  return out;
}

export type ConflictChoice = { kind: 'keep_mine' } | { kind: 'keep_theirs' } | { kind: 'merged'; value: Json };

export type ResolveError = { code: 'CONFLICT_NOT_FOUND' | 'CONFLICT_ALREADY_RESOLVED' | 'CONFLICT_NOT_APPLICABLE' };

/**
 * Resolve one conflict copy: keep the server's value, put the local value back, or write a value merged by hand.
 * The copy stays on the document, marked resolved, as part of its history.
 */
export function resolveConflict(
  doc: JsonObject,
  conflictId: string,
  choice: ConflictChoice,
  ctx: { now: string; by: string },
): { ok: true; value: JsonObject } | { ok: false; error: ResolveError } {
  const list = (Array.isArray(doc.conflicts) ? doc.conflicts : []) as unknown as ConflictCopy[];
  const copy = list.find((c) => c.id === conflictId);
  if (!copy) return { ok: false, error: { code: 'CONFLICT_NOT_FOUND' } };
  if (copy.status !== 'open') return { ok: false, error: { code: 'CONFLICT_ALREADY_RESOLVED' } };
  let next: JsonObject = doc;
  if (choice.kind !== 'keep_theirs') {
    const value = choice.kind === 'keep_mine' ? (JSON.parse(copy.mine) as Json) : choice.value;
    if (copy.path === '') {
      if (!isPlainObject(value)) return { ok: false, error: { code: 'CONFLICT_NOT_APPLICABLE' } };
      next = { ...value, id: doc.id ?? null, _deleted: false };
    } else if (copy.path === '_deleted') {
      next = { ...doc, _deleted: value === true };
    } else {
      next = setAt(doc, copy.path.split('.'), value) as JsonObject;
    }
  }
  const status: ConflictCopy['status'] = choice.kind === 'keep_mine' ? 'kept_mine' : choice.kind === 'keep_theirs' ? 'kept_theirs' : 'merged';
  const conflicts = list.map((c) => (c.id === conflictId ? { ...c, status, resolvedAt: ctx.now, resolvedBy: ctx.by } : c));
  return { ok: true, value: { ...next, conflicts: conflicts as unknown as Json, updatedAt: ctx.now, updatedBy: ctx.by } };
}

/** The current value at a conflict's path, for showing "theirs (now)" beside "mine". */
export const valueAtPath = (doc: JsonObject, path: string): Json | undefined => (path === '' ? doc : getAt(doc, path.split('.')));
