import { describe, expect, it } from 'vitest';
import { editTask, newTask, progressEntry, progressProblem, setSatisfaction, statusEntry } from './build';
import { taskFieldMessage } from './messages';
import { validateTask } from './validate';
import { applyAction } from './workflow';
import type { TaskInput, TaskRoster } from './types';

const roster: TaskRoster = {
  people: new Map([['p-li', { name: '李工', party: 'property' as const, organizationId: 'o-wy' }], ['p-zhang', { name: '张书记', party: 'branch' as const }]]),
  organizations: new Map([['o-wy', { name: '绿城物业', party: 'property' as const }]]),
};
const stamp = { at: '2026-11-02T17:00:00.000Z', by: '王秘书' }; // 2026-11-03 in China
const input = (over: Partial<TaskInput> = {}): TaskInput => ({ title: ' 修路灯 ', leadParty: 'property', leadOrganizationId: 'o-wy', ownerId: 'p-li', dueDate: '2026-11-30', ...over });
const ctx = { roster, createdOn: '2026-11-03' };

describe('V1–V6 validateTask', () => {
  it.each([
    ['V1 title required', { title: '  ' }, 'title', 'REQUIRED'],
    ['V1 title ≤ 200', { title: '灯'.repeat(201) }, 'title', 'TOO_LONG'],
    ['V2 lead party required', { leadParty: undefined, leadOrganizationId: undefined }, 'leadParty', 'REQUIRED'],
    ['V2 organisation of another party', { leadParty: 'branch' as const }, 'leadOrganizationId', 'UNKNOWN_ORGANIZATION'],
    ['V3 due before creation', { dueDate: '2026-11-02' }, 'dueDate', 'DUE_BEFORE_CREATION'],
    ['V3 not a date', { dueDate: '2026-02-30' }, 'dueDate', 'BAD_DATE'],
    ['V4 unknown person', { ownerId: 'p-gone' }, 'ownerId', 'UNKNOWN_PERSON'],
    ['V5 co-party equal to lead', { coParties: [{ party: 'property' as const }] }, 'coParties', 'CO_PARTY_IS_LEAD'],
    ['V5 repeated co-party', { coParties: [{ party: 'branch' as const }, { party: 'branch' as const }] }, 'coParties', 'CO_PARTY_REPEATED'],
    ['V5 unknown co-party person', { coParties: [{ party: 'branch' as const, personId: 'p-x' }] }, 'coParties', 'UNKNOWN_PERSON'],
    ['V6 resident phone', { source: { kind: 'resident' as const, residentName: '赵阿姨', residentPhone: '12345' } }, 'source', 'BAD_PHONE'],
  ] as const)('%s', (_n, over, field, code) => {
    const e = validateTask(input(over), ctx);
    expect(e[field]?.code).toBe(code);
    expect(taskFieldMessage(field, e[field]!)).toMatch(/[\u4e00-\u9fff]/);
  });
  it('a good task has no errors; due on the day of creation is fine', () => expect(validateTask(input({ dueDate: '2026-11-03' }), ctx)).toEqual({}));
});

describe('B1–B5 builders', () => {
  it('B1 newTask: pending, names from the roster, stamped', () => {
    const r = newTask('k1', input({ coParties: [{ party: 'branch', personId: 'p-zhang' }], tags: [' 路灯 ', '路灯'] }), roster, stamp);
    expect(r).toEqual({
      ok: true,
      value: {
        id: 'k1', createdAt: stamp.at, createdBy: '王秘书', updatedAt: stamp.at, updatedBy: '王秘书', status: 'pending', priority: 'normal', title: '修路灯',
        leadParty: 'property', leadOrganizationId: 'o-wy', leadOrganizationName: '绿城物业', ownerId: 'p-li', ownerName: '李工', dueDate: '2026-11-30', tags: ['路灯'],
        coParties: [{ party: 'branch', personId: 'p-zhang', personName: '张书记' }],
      },
    });
    expect(newTask('k1', input({ dueDate: '2026-11-02' }), roster, stamp)).toEqual({ ok: false, error: { dueDate: { code: 'DUE_BEFORE_CREATION', detail: { createdOn: '2026-11-03' } } } });
  });
  it('B2 editTask never touches status or transitions; the due date is locked after signing', () => {
    const t = newTask('k1', input(), roster, stamp);
    if (!t.ok) throw new Error();
    const signed = applyAction(t.value, { action: 'sign' }, { role: 'staff', name: '李工' }, stamp, 'tr', '2026-11-03');
    if (!signed.ok) throw new Error();
    const edited = editTask(signed.value, input({ title: '修东门路灯' }), roster, { at: '2026-11-04T00:00:00.000Z', by: '秘书' });
    expect(edited.ok && [edited.value.title, edited.value.status, edited.value.transitions?.length, edited.value.signedAt]).toEqual(['修东门路灯', 'signed', 1, stamp.at]);
    expect(editTask(signed.value, input({ dueDate: '2026-12-31' }), roster, stamp)).toMatchObject({ ok: false, error: { dueDate: { code: 'DUE_DATE_LOCKED' } } });
    expect(editTask(t.value, input({ dueDate: '2026-12-31' }), roster, stamp).ok).toBe(true);
  });
  it('B3 progress entries; B4 the status entry mirrors the transition', () => {
    expect(progressProblem({ text: ' ' })).toEqual({ code: 'TEXT_REQUIRED' });
    expect(progressProblem({ text: 'x', photos: [{ id: 'f', dataUrl: 'data:text/plain;base64,AA' }] })?.code).toBe('PHOTO_NOT_IMAGE');
    expect(progressEntry('u1', { id: 'k1' }, { kind: 'progress', text: ' 已换灯泡 ', party: 'property', authorName: '李工' }, stamp)).toEqual({
      id: 'u1', createdAt: stamp.at, createdBy: '王秘书', updatedAt: stamp.at, updatedBy: '王秘书', taskId: 'k1', kind: 'progress', text: '已换灯泡', at: stamp.at, authorName: '李工', party: 'property',
    });
    const t = newTask('k1', input(), roster, stamp);
    if (!t.ok) throw new Error();
    const s = applyAction(t.value, { action: 'suspend', reason: '等配件' }, { role: 'staff', name: '李工' }, stamp, 'tr', '2026-11-03');
    if (!s.ok) throw new Error();
    expect(statusEntry('u2', t.value, s.value, stamp)).toMatchObject({ kind: 'status', action: 'suspend', fromStatus: 'pending', toStatus: 'suspended', text: '挂起：待分派 → 已挂起。原因：等配件', at: stamp.at, authorName: '王秘书' });
  });
  it('B5 satisfaction only once closed', () => {
    const t = newTask('k1', input(), roster, stamp);
    if (!t.ok) throw new Error();
    expect(setSatisfaction(t.value, 5, stamp)).toEqual({ ok: false, error: { code: 'NOT_CLOSED' } });
    expect(setSatisfaction({ ...t.value, status: 'done' }, 4, stamp)).toMatchObject({ ok: true, value: { satisfaction: 4 } });
    expect(setSatisfaction({ ...t.value, status: 'published' }, 6, stamp)).toEqual({ ok: false, error: { code: 'SATISFACTION_RANGE' } });
  });
});
