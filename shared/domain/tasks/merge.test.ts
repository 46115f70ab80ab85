import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../conflicts/merge';
import type { TaskDoc } from '../../schema';
import { mergeTasks } from './merge';
import { applyAction, checkTaskChange } from './workflow';
import type { Task, TaskActor } from './types';

const T0 = '2026-11-02T01:00:00.000Z';
const base: TaskDoc = { id: 'k1', createdAt: T0, updatedAt: T0, createdBy: 'x', updatedBy: 'x', title: '修路灯', leadParty: 'property', status: 'pending', priority: 'normal', dueDate: '2026-11-30', ownerName: '李工' };
const staff: TaskActor = { role: 'staff', name: '小刘' };
const admin: TaskActor = { role: 'admin', name: '王秘书' };
let n = 0;
const ctx = { now: '2026-11-05T00:00:00.000Z', by: '小刘', device: 'pc-a', newId: () => `c${++n}` };
const act = (t: TaskDoc, action: TaskDoc['transitions'] extends (infer E)[] | undefined ? E extends { action: infer A } ? A : never : never, who: TaskActor, id: string, extra: object = {}): TaskDoc => {
  const r = applyAction(t, { action, ...extra }, who, { at: '2026-11-04T02:00:00.000Z', by: who.name }, id, '2026-11-04');
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const j = (d: TaskDoc) => d as unknown as JsonObject;

describe('W20 merging concurrent status changes', () => {
  it('both signed: the server keeps its chain, the local one is a visible conflict copy, and the result passes the server', () => {
    const mine = act(base, 'sign', staff, 'a');
    const theirs = act(base, 'sign', admin, 'b');
    const { merged, conflicts } = mergeTasks(j(base), j(mine), j(theirs), ctx);
    expect(merged.transitions).toEqual(theirs.transitions);
    expect(merged.status).toBe('signed');
    expect(conflicts).toEqual([expect.objectContaining({ path: 'status', status: 'open' })]);
    expect(checkTaskChange(theirs, merged as unknown as Task, staff)).toBeNull();
  });
  it('a local 延期 request is replayed after the server’s 签收; other fields merge as usual', () => {
    const mine = { ...act(base, 'request_extension', staff, 'a', { dueDate: '2026-12-15', reason: '等配件' }), location: '3号楼' };
    const theirs = { ...act(base, 'sign', admin, 'b'), title: '修 3 号楼路灯' };
    const { merged, conflicts } = mergeTasks(j(base), j(mine), j(theirs), ctx);
    expect(conflicts).toEqual([]);
    expect(merged).toMatchObject({ status: 'signed', title: '修 3 号楼路灯', location: '3号楼', extension: { dueDate: '2026-12-15' } });
    expect((merged.transitions as { id: string; from: string }[]).map((e) => [e.id, e.from])).toEqual([['b', 'pending'], ['a', 'signed']]);
    expect(checkTaskChange(theirs, merged as unknown as Task, staff)).toBeNull();
  });
  it('a local chain that no longer fits stops at the first illegal step', () => {
    const mine = act(act(base, 'sign', staff, 'a'), 'start', staff, 'a2');
    const theirs = act(base, 'suspend', admin, 'b', { reason: '暂缓' });
    const { merged, conflicts } = mergeTasks(j(base), j(mine), j(theirs), ctx);
    expect(merged.status).toBe('suspended');
    expect(conflicts.map((c) => [c.path, c.mine, c.theirs])).toEqual([['status', '"in_progress"', '"suspended"']]);
    expect(checkTaskChange(theirs, merged as unknown as Task, staff)).toBeNull();
  });
  it('a due date edited here while the server signed goes to a copy (W17)', () => {
    const mine = { ...base, dueDate: '2026-12-31' };
    const theirs = act(base, 'sign', admin, 'b');
    const { merged, conflicts } = mergeTasks(j(base), j(mine), j(theirs), ctx);
    expect(merged.dueDate).toBe('2026-11-30');
    expect(conflicts.map((c) => c.path)).toEqual(['dueDate']);
    expect(checkTaskChange(theirs, merged as unknown as Task, staff)).toBeNull();
  });
  it('no status change here: the server’s unit stands, field edits merge', () => {
    const mine = { ...base, description: '路灯不亮' };
    const theirs = act(act(base, 'sign', admin, 'b'), 'start', admin, 'c');
    const { merged, conflicts } = mergeTasks(j(base), j(mine), j(theirs), ctx);
    expect(conflicts).toEqual([]);
    expect(merged).toMatchObject({ status: 'in_progress', description: '路灯不亮', startedAt: theirs.startedAt });
  });
});
