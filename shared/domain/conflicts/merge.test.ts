import { describe, expect, it } from 'vitest';
import { mergeDocuments, openConflicts, resolveConflict, type ConflictCopy, type JsonObject } from './merge';

let n = 0;
const ctx = { now: '2026-11-25T10:00:00.000Z', by: '秘书', device: 'pc-a', newId: () => `c${++n}` };
const doc = (fields: JsonObject): JsonObject => ({ id: 'm1', updatedAt: '2026-11-25T09:00:00.000Z', updatedBy: 'x', ...fields });

describe('mergeDocuments', () => {
  it.each<[string, JsonObject, JsonObject, JsonObject, JsonObject, string[]]>([
    ['C1 mine only', { title: 'a', location: 'x' }, { title: 'b', location: 'x' }, { title: 'a', location: 'x' }, { title: 'b', location: 'x' }, []],
    ['C1 theirs only', { title: 'a', location: 'x' }, { title: 'a', location: 'x' }, { title: 'a', location: 'y' }, { title: 'a', location: 'y' }, []],
    ['C1 different fields merge', { title: 'a', location: 'x' }, { title: 'b', location: 'x' }, { title: 'a', location: 'y' }, { title: 'b', location: 'y' }, []],
    ['C2 same change', { title: 'a' }, { title: 'b' }, { title: 'b' }, { title: 'b' }, []],
    ['C3 both changed text', { notes: 'base' }, { notes: 'mine' }, { notes: 'theirs' }, { notes: 'theirs' }, ['notes']],
    ['C3 both changed number', { count: 1 }, { count: 2 }, { count: 3 }, { count: 3 }, ['count']],
    ['C4 nested object', { vote: { yes: 1, no: 0 } }, { vote: { yes: 2, no: 0 } }, { vote: { yes: 1, no: 1 } }, { vote: { yes: 2, no: 1 } }, []],
    [
      'C4 arrays by id, same element different fields',
      { topics: [{ id: 't1', title: 'a', notes: 'n' }] },
      { topics: [{ id: 't1', title: 'a', notes: 'n2' }] },
      { topics: [{ id: 't1', title: 'b', notes: 'n' }] },
      { topics: [{ id: 't1', title: 'b', notes: 'n2' }] },
      [],
    ],
    [
      'C4 arrays by id, both edited the same notes',
      { topics: [{ id: 't1', notes: 'n' }] },
      { topics: [{ id: 't1', notes: 'mine' }] },
      { topics: [{ id: 't1', notes: 'theirs' }] },
      { topics: [{ id: 't1', notes: 'theirs' }] },
      ['topics.t1.notes'],
    ],
    [
      'C4 elements added on both sides are kept, server order first',
      { topics: [{ id: 't1' }] },
      { topics: [{ id: 't1' }, { id: 'tm' }] },
      { topics: [{ id: 't1' }, { id: 'tt' }] },
      { topics: [{ id: 't1' }, { id: 'tt' }, { id: 'tm' }] },
      [],
    ],
    ['C5 removed here, unchanged there', { topics: [{ id: 't1' }, { id: 't2' }] }, { topics: [{ id: 't1' }] }, { topics: [{ id: 't1' }, { id: 't2' }] }, { topics: [{ id: 't1' }] }, []],
    [
      'C5 removed here, changed there',
      { topics: [{ id: 't1', notes: 'a' }] },
      { topics: [] },
      { topics: [{ id: 't1', notes: 'b' }] },
      { topics: [{ id: 't1', notes: 'b' }] },
      ['topics.t1'],
    ],
    [
      'C5 removed there, changed here',
      { topics: [{ id: 't1', notes: 'a' }] },
      { topics: [{ id: 't1', notes: 'b' }] },
      { topics: [] },
      { topics: [] },
      ['topics.t1'],
    ],
    ['C6 tombstone not resurrected', { title: 'a' }, { title: 'b' }, { title: 'a', _deleted: true }, { title: 'a', _deleted: true }, ['']],
    ['C7 deletion of a changed document is a conflict', { title: 'a' }, { title: 'a', _deleted: true }, { title: 'c' }, { title: 'c' }, ['_deleted']],
    ['C7 deletion of an unchanged document applies', { title: 'a' }, { title: 'a', _deleted: true }, { title: 'a' }, { title: 'a', _deleted: true }, []],
  ])('%s', (_id, base, mine, theirs, expected, conflictPaths) => {
    const { merged, conflicts } = mergeDocuments(doc(base), doc(mine), doc(theirs), ctx);
    const { conflicts: _c, updatedAt: _u, updatedBy: _b, ...content } = merged;
    expect(content).toEqual({ id: 'm1', ...expected });
    expect(conflicts.map((c) => c.path)).toEqual(conflictPaths);
  });

  it('C3 keeps the local value in the copy, with who, when and which device', () => {
    const { merged, conflicts } = mergeDocuments(doc({ notes: 'base' }), doc({ notes: '我的' }), doc({ notes: '他的' }), ctx);
    expect(conflicts[0]).toMatchObject({ path: 'notes', mine: '"我的"', theirs: '"他的"', by: '秘书', device: 'pc-a', status: 'open', at: ctx.now });
    expect(openConflicts(merged as { conflicts?: ConflictCopy[] })).toHaveLength(1);
  });

  it('C8 conflict copies of both sides are kept, a resolved copy wins', () => {
    const open: ConflictCopy = { id: 'k1', path: 'notes', mine: '"a"', theirs: '"b"', at: ctx.now, by: 'x', status: 'open' };
    const resolved: ConflictCopy = { ...open, status: 'kept_theirs' };
    const other: ConflictCopy = { ...open, id: 'k2' };
    const { merged } = mergeDocuments(doc({}), doc({ conflicts: [open, other] as never }), doc({ conflicts: [resolved] as never, title: 'x' }), ctx);
    expect(merged.conflicts).toEqual([resolved, other]);
  });

  it('C10 bookkeeping takes the later side and never conflicts', () => {
    const { merged, conflicts } = mergeDocuments(
      doc({ updatedAt: '2026-11-25T08:00:00.000Z' }),
      doc({ updatedAt: '2026-11-25T09:30:00.000Z', updatedBy: 'a' }),
      doc({ updatedAt: '2026-11-25T09:10:00.000Z', updatedBy: 'b' }),
      ctx,
    );
    expect(conflicts).toEqual([]);
    expect(merged).toMatchObject({ updatedAt: '2026-11-25T09:30:00.000Z', updatedBy: 'a' });
  });
});

describe('C11 locked server version', () => {
  const locked = { ...ctx, lockTheirs: true };
  it.each<[string, JsonObject, JsonObject, JsonObject, string[]]>([
    ['C11 a field changed only here becomes a copy', { title: 'a', status: 'draft' }, { title: 'b', status: 'draft' }, { title: 'a', status: 'final' }, ['title']],
    ['C11 an element added here becomes a copy', { topics: [{ id: 't1' }] }, { topics: [{ id: 't1' }, { id: 't2' }] }, { topics: [{ id: 't1' }], status: 'final' }, ['topics.t2']],
    ['C11 an element removed here becomes a copy', { topics: [{ id: 't1' }] }, { topics: [] }, { topics: [{ id: 't1' }], status: 'final' }, ['topics.t1']],
    ['C11 nested text changed here becomes a copy', { topics: [{ id: 't1', notes: 'a' }] }, { topics: [{ id: 't1', notes: 'b' }] }, { topics: [{ id: 't1', notes: 'a' }], status: 'final' }, ['topics.t1.notes']],
  ])('%s, the server version stands', (_id, base, mine, theirs, paths) => {
    const { merged, conflicts } = mergeDocuments(doc(base), doc(mine), doc(theirs), locked);
    const { conflicts: _c, updatedAt: _u, updatedBy: _b, ...content } = merged;
    expect(content).toEqual({ id: 'm1', ...theirs });
    expect(conflicts.map((c) => c.path)).toEqual(paths);
  });
});

describe('resolveConflict', () => {
  const conflicted = () => mergeDocuments(doc({ topics: [{ id: 't1', notes: 'n' }] }), doc({ topics: [{ id: 't1', notes: 'mine' }] }), doc({ topics: [{ id: 't1', notes: 'theirs' }] }), ctx);
  const who = { now: '2026-11-26T00:00:00.000Z', by: '书记' };

  it.each([
    ['C9 keep theirs', { kind: 'keep_theirs' } as const, 'theirs', 'kept_theirs'],
    ['C9 keep mine', { kind: 'keep_mine' } as const, 'mine', 'kept_mine'],
    ['C9 merged by hand', { kind: 'merged', value: 'mine + theirs' } as const, 'mine + theirs', 'merged'],
  ])('%s', (_id, choice, notes, status) => {
    const { merged, conflicts } = conflicted();
    const r = resolveConflict(merged, conflicts[0]!.id, choice, who);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.value.topics as JsonObject[])[0]!.notes).toBe(notes);
    expect((r.value.conflicts as unknown as ConflictCopy[])[0]).toMatchObject({ status, resolvedBy: '书记', resolvedAt: who.now });
  });

  it('C9 a resolved copy cannot be resolved again; an unknown one is not found', () => {
    const { merged, conflicts } = conflicted();
    const once = resolveConflict(merged, conflicts[0]!.id, { kind: 'keep_theirs' }, who);
    if (!once.ok) throw new Error('expected ok');
    expect(resolveConflict(once.value, conflicts[0]!.id, { kind: 'keep_mine' }, who)).toEqual({ ok: false, error: { code: 'CONFLICT_ALREADY_RESOLVED' } });
    expect(resolveConflict(merged, 'nope', { kind: 'keep_mine' }, who)).toEqual({ ok: false, error: { code: 'CONFLICT_NOT_FOUND' } });
  });

  it('C9 keep mine on a removed element puts it back', () => {
    const { merged, conflicts } = mergeDocuments(doc({ topics: [{ id: 't1', notes: 'a' }] }), doc({ topics: [{ id: 't1', notes: 'b' }] }), doc({ topics: [] }), ctx);
    const r = resolveConflict(merged, conflicts[0]!.id, { kind: 'keep_mine' }, who);
    expect(r.ok && r.value.topics).toEqual([{ id: 't1', notes: 'b' }]);
  });
});
