// The chaos test's checks must bite: a checker that passes everything would prove nothing.
import { describe, expect, it } from 'vitest';
import { canonical, checkLostWrites, checkNoUndelete, checkServerConsistency, compareWithServer, countConflictCopies, foreignIds, type VersionRow } from './checks';
import type { WriteRecord } from './pc-types';

const w = (n: number, fields: Record<string, string>, kind: WriteRecord['kind'] = 'edit', pc = 'A1', id = 'A-task-0'): WriteRecord => ({
  pc,
  n,
  at: n,
  collection: 'tasks',
  id,
  kind,
  fields,
  pool: true,
});
const v = (seq: number, data: Record<string, unknown>, deleted = false, id = 'A-task-0'): VersionRow => ({ collection: 'tasks', id, seq, deleted, data: { id, ...data } });

describe('lost writes', () => {
  it('finds a write in the final document, in history, in a conflict copy, or superseded by a later write of the same PC', () => {
    const history = [
      v(1, { title: 'A1.1' }),
      v(2, { title: 'A2.1', conflicts: [{ id: 'c1', path: 'title', mine: JSON.stringify('A1.2'), theirs: JSON.stringify('A2.1') }] }),
      v(3, { title: 'A2.1', note: 'A1.5' }),
    ];
    const r = checkLostWrites([w(1, { title: 'A1.1' }), w(2, { title: 'A1.2' }), w(3, { note: 'A1.3' }), w(4, { note: 'A1.4' }), w(5, { note: 'A1.5' })], [history[2]!], history);
    expect(r.byVerdict).toEqual({ final: 1, history: 1, 'conflict-copy': 1, superseded: 2, unpushed: 0, lost: 0 });
  });

  it('reports a field write that is nowhere', () => {
    const history = [v(1, { title: 'A2.1' })];
    const r = checkLostWrites([w(1, { title: 'A1.1' })], history, history);
    expect(r.lost).toEqual([expect.objectContaining({ pc: 'A1', n: 1, field: 'title', value: 'A1.1' })]);
  });

  it('a later write of another PC does not excuse a lost write', () => {
    const history = [v(1, { title: 'A2.9' })];
    const r = checkLostWrites([w(1, { title: 'A1.1' }), w(9, { title: 'A2.9' }, 'edit', 'A2')], history, history);
    expect(r.lost.map((x) => x.value)).toEqual(['A1.1']);
  });

  it('finds an edit kept inside a whole-document copy on a tombstone (C6), and a deletion kept as a conflict (C7)', () => {
    const history = [
      v(1, { title: 'A2.1' }),
      v(2, { title: 'A2.1', conflicts: [{ id: 'c1', path: '', mine: JSON.stringify({ id: 'A-task-0', title: 'A1.1' }), theirs: 'null' }] }, true),
      v(1, { title: 'A3.1' }, false, 'A-task-1'),
      v(3, { title: 'A2.3', conflicts: [{ id: 'c2', path: '_deleted', mine: 'true', theirs: 'false' }] }, false, 'A-task-1'),
    ];
    const finals = [history[1]!, history[3]!];
    const r = checkLostWrites([w(1, { title: 'A1.1' }), w(2, {}, 'delete', 'A1', 'A-task-1')], finals, history);
    expect(r.byVerdict['conflict-copy']).toBe(2);
    expect(r.lost).toEqual([]);
  });

  it('reports a delete that never reached the server', () => {
    const history = [v(1, { title: 'A2.1' })];
    expect(checkLostWrites([w(2, {}, 'delete')], history, history).lost).toHaveLength(1);
  });
});

describe('other checks', () => {
  it('finds a document alive again after a tombstone', () => {
    expect(checkNoUndelete([v(1, {}), v(2, {}, true), v(3, {})])).toEqual([{ collection: 'tasks', id: 'A-task-0', deletedAtSeq: 2, aliveAtSeq: 3 }]);
    expect(checkNoUndelete([v(1, {}), v(2, {}, true), v(3, {}, true)])).toEqual([]);
  });

  it('compares live documents with seq, ignores RxDB internals, and flags an unpushed mark', () => {
    const server = { tasks: [{ id: 'x', title: 't', _deleted: false, sync: { seq: 4 } }, { id: 'gone', _deleted: true, sync: { seq: 5 } }] };
    expect(compareWithServer('A1', { tasks: [{ id: 'x', title: 't', _deleted: false, _rev: '1-a', _meta: { lwt: 1 }, sync: { seq: 4 } }] }, server).equal).toBe(true);
    expect(compareWithServer('A1', { tasks: [{ id: 'x', title: 't', _deleted: false, sync: { seq: 3 } }] }, server).differing).toHaveLength(1);
    expect(compareWithServer('A1', { tasks: [{ id: 'x', title: 't', _deleted: false, sync: { seq: 4, dirty: true } }] }, server).equal).toBe(false);
    const resurrected = compareWithServer('A1', { tasks: [{ id: 'x', title: 't', _deleted: false, sync: { seq: 4 } }, { id: 'gone', _deleted: false, sync: { seq: 5 } }] }, server);
    expect(resurrected.extra.map((d) => d.id)).toEqual(['gone']);
    expect(compareWithServer('A1', { tasks: [] }, server).missing.map((d) => d.id)).toEqual(['x']);
  });

  it('counts conflict copies once, and finds ids of another compound', () => {
    const c = { id: 'c1', path: 'title', mine: '"a"', theirs: '"b"', status: 'open' };
    expect(countConflictCopies([v(2, { conflicts: [c] })], [v(2, { conflicts: [c] }), v(3, { conflicts: [c, { ...c, id: 'c2', path: '' }] })])).toMatchObject({ total: 2, field: 1, wholeDocument: 1 });
    expect(foreignIds({ tasks: [{ id: 'A-task-1' }, { id: 'B-task-1' }] }, 'A')).toEqual(['tasks/B-task-1']);
  });

  it("checks the server's pull against its tables", () => {
    const row = v(3, { title: 't' });
    expect(checkServerConsistency({ tasks: [{ id: 'A-task-0', title: 't', _deleted: false, sync: { seq: 3 } }] }, [row], [v(1, {}), row])).toEqual([]);
    expect(checkServerConsistency({ tasks: [{ id: 'A-task-0', title: 't', _deleted: false, sync: { seq: 2 } }] }, [row], [row])).toHaveLength(1);
    expect(checkServerConsistency({ tasks: [] }, [row], [v(1, {})])).toHaveLength(2);
  });

  it('canonical JSON ignores key order', () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonical({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});

describe('unpushed writes', () => {
  it('tells a write still unpushed on its PC from a lost one', () => {
    const history = [v(1, { title: 'A2.1' })];
    const local = (pc: string, _c: string, id: string) => (pc === 'A1' && id === 'A-task-0' ? { id, title: 'A1.1', sync: { seq: 1, dirty: true } } : undefined);
    const r = checkLostWrites([w(1, { title: 'A1.1' }), w(2, { note: 'A1.2' })], history, history, local);
    expect(r.unpushed.map((x) => x.value)).toEqual(['A1.1']);
    expect(r.lost.map((x) => x.value)).toEqual(['A1.2']);
  });
});

describe('unpushed conflict copies', () => {
  it('counts a write kept in an unpushed local conflict copy as unpushed, not lost', () => {
    const history = [v(1, { title: 'A2.1' })];
    const local = () => ({ id: 'A-task-0', title: 'A2.1', sync: { seq: 1, dirty: true }, conflicts: [{ id: 'c', path: 'title', mine: '"A1.1"', theirs: '"A2.1"' }] });
    const r = checkLostWrites([w(1, { title: 'A1.1' })], history, history, local);
    expect(r.byVerdict.unpushed).toBe(1);
  });
});
