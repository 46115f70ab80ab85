import { describe, expect, it } from 'vitest';
import { TASK_ACTIONS, TASK_STATUSES, type TaskAction, type TaskDoc, type TaskStatus } from '../../schema';
import { ROLES, type Role } from '../../sync/permissions';
import { applyAction, availableActions, checkTaskChange, replayTransition, taskRuleMessage, TASK_MOVES } from './workflow';
import type { TaskActor } from './types';

const T0 = '2026-11-02T01:00:00.000Z';
const stamp = { at: '2026-11-03T02:00:00.000Z', by: '王秘书' };
const today = '2026-11-03';
const admin: TaskActor = { role: 'admin', name: '王秘书' };
const task = (over: Partial<TaskDoc> = {}): TaskDoc => ({
  id: 'k1', createdAt: T0, updatedAt: T0, createdBy: 'x', updatedBy: 'x', title: '修路灯', leadParty: 'property', status: 'pending', priority: 'normal',
  ownerId: 'p-li', ownerName: '李工', dueDate: '2026-11-20', ...over,
});
const inputFor = (action: TaskAction) => ({ action, reason: '原因', ...(action === 'request_extension' ? { dueDate: '2026-12-01' } : {}) });
/** A task standing in `status` (suspended ones came from in_progress; a request is pending for the decisions). */
const standing = (status: TaskStatus, action?: TaskAction): TaskDoc =>
  task({
    status,
    ...(status === 'suspended' ? { suspendedFrom: 'in_progress' as const } : {}),
    ...(action === 'approve_extension' || action === 'reject_extension' ? { extension: { dueDate: '2026-12-01', reason: '材料未到', at: T0, by: '李工' } } : {}),
  });

const LEGAL: Record<TaskAction, { from: TaskStatus[]; to: TaskStatus | 'same' | 'back' }> = {
  sign: { from: ['pending'], to: 'signed' },
  start: { from: ['signed'], to: 'in_progress' },
  submit: { from: ['in_progress'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'done' },
  return: { from: ['submitted'], to: 'in_progress' },
  publish: { from: ['done'], to: 'published' },
  suspend: { from: ['pending', 'signed', 'in_progress', 'submitted'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'back' },
  cancel: { from: ['pending', 'signed', 'in_progress', 'submitted', 'suspended'], to: 'cancelled' },
  request_extension: { from: ['pending', 'signed', 'in_progress', 'submitted'], to: 'same' },
  approve_extension: { from: ['pending', 'signed', 'in_progress', 'submitted'], to: 'same' },
  reject_extension: { from: ['pending', 'signed', 'in_progress', 'submitted'], to: 'same' },
};

describe('W1 every action from every status (admin)', () => {
  const cases = TASK_ACTIONS.flatMap((a) => TASK_STATUSES.map((s) => [a, s] as const));
  it.each(cases)('%s from %s', (action, from) => {
    const r = applyAction(standing(from, action), inputFor(action), admin, stamp, 'tr1', today);
    const legal = LEGAL[action];
    if (!legal.from.includes(from)) {
      expect(r).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const to = legal.to === 'same' ? from : legal.to === 'back' ? 'in_progress' : legal.to;
    expect(r.value.status).toBe(to);
    expect(r.value.transitions).toEqual([expect.objectContaining({ id: 'tr1', action, from, to, at: stamp.at, by: stamp.by, role: 'admin' })]);
    expect(r.value.updatedAt).toBe(stamp.at);
    // What the app saves, the server accepts.
    expect(checkTaskChange(standing(from, action), r.value, admin)).toBeNull();
  });
});

describe('W3 roles', () => {
  const allowed: Record<TaskAction, Role[]> = {
    sign: ['admin', 'branch_secretary', 'secretary', 'staff'],
    start: ['admin', 'branch_secretary', 'secretary', 'staff'],
    submit: ['admin', 'branch_secretary', 'secretary', 'staff'],
    suspend: ['admin', 'branch_secretary', 'secretary', 'staff'],
    resume: ['admin', 'branch_secretary', 'secretary', 'staff'],
    request_extension: ['admin', 'branch_secretary', 'secretary', 'staff'],
    accept: ['admin', 'branch_secretary', 'secretary'],
    return: ['admin', 'branch_secretary', 'secretary'],
    publish: ['admin', 'branch_secretary', 'secretary'],
    cancel: ['admin', 'branch_secretary', 'secretary'],
    approve_extension: ['admin', 'branch_secretary'],
    reject_extension: ['admin', 'branch_secretary'],
  };
  const cases = TASK_ACTIONS.flatMap((a) => ROLES.map((r) => [a, r] as const));
  it.each(cases)('%s by %s', (action, role) => {
    const from = LEGAL[action].from[0]!;
    const before = standing(from, action);
    const actor = { role, name: '某人' };
    const r = applyAction(before, inputFor(action), actor, { ...stamp, by: '某人' }, 'tr1', today);
    expect(r.ok).toBe(allowed[action].includes(role));
    if (!r.ok) expect(r.error).toEqual({ code: 'ROLE_NOT_ALLOWED', detail: { action, role } });
    expect(availableActions(before, actor, today).includes(action)).toBe(allowed[action].includes(role));
    expect(TASK_MOVES[action].roles).toEqual(allowed[action]);
  });
});

describe('W5 self-acceptance', () => {
  it.each([
    ['by person id', { role: 'admin', name: '别人', personId: 'p-li' }, '别人'],
    ['by name (trimmed)', { role: 'secretary', name: ' 李工 ' }, '李工'],
    ['by the stamp name', { role: 'secretary', name: '秘书' }, ' 李工'],
  ] as const)('%s is refused', (_n, actor, by) => {
    expect(applyAction(task({ status: 'submitted' }), { action: 'accept' }, actor, { ...stamp, by }, 'tr1', today)).toEqual({ ok: false, error: { code: 'SELF_ACCEPTANCE' } });
    // The buttons know the actor, not the name a write will be stamped with.
    if (actor.name.trim() === '李工' || 'personId' in actor) expect(availableActions(task({ status: 'submitted' }), actor, today)).not.toContain('accept');
  });
  it('the owner may still return (only accept is refused)', () =>
    expect(applyAction(task({ status: 'submitted' }), { action: 'return', reason: '照片不清' }, { role: 'secretary', name: '李工' }, { ...stamp, by: '李工' }, 'tr1', today).ok).toBe(true));
  it('accepting sets closedAt and acceptedBy', () => {
    const r = applyAction(task({ status: 'submitted' }), { action: 'accept' }, { role: 'branch_secretary', name: '张书记' }, stamp, 'tr1', today);
    expect(r.ok && [r.value.closedAt, r.value.acceptedBy]).toEqual([stamp.at, '张书记']);
  });
});

describe('W6–W12 reasons, suspension, 延期', () => {
  it.each(['return', 'suspend', 'resume', 'cancel', 'request_extension', 'reject_extension'] as const)('W6 %s needs a reason', (action) => {
    const r = applyAction(standing(LEGAL[action].from[0]!, action), { ...inputFor(action), reason: '  ' }, admin, stamp, 'tr1', today);
    expect(r).toEqual({ ok: false, error: { code: 'REASON_REQUIRED', detail: { action } } });
  });
  it('W8 resume returns to where suspend came from', () => {
    const s = applyAction(task({ status: 'signed' }), { action: 'suspend', reason: '等材料' }, admin, stamp, 'a', today);
    expect(s.ok && [s.value.status, s.value.suspendedFrom]).toEqual(['suspended', 'signed']);
    const r = s.ok ? applyAction(s.value, { action: 'resume', reason: '材料到了' }, admin, stamp, 'b', today) : s;
    expect(r.ok && [r.value.status, r.value.suspendedFrom]).toEqual(['signed', undefined]);
    expect(r.ok && checkTaskChange(task({ status: 'signed' }), r.value, admin)).toBeNull();
  });
  it.each([
    ['W9 after the due date', task({ dueDate: '2026-11-02' }), '2026-12-01', 'EXTENSION_AFTER_DUE'],
    ['W9 not after the current due', task(), '2026-11-20', 'EXTENSION_DATE_INVALID'],
    ['W9 no due date', task({ dueDate: undefined }), '2026-12-01', 'EXTENSION_DATE_INVALID'],
    ['W10 one at a time', task({ extension: { dueDate: '2026-11-25', reason: 'x', at: T0, by: 'x' } }), '2026-12-01', 'EXTENSION_PENDING'],
  ] as const)('%s', (_n, t, dueDate, code) =>
    expect(applyAction(t, { action: 'request_extension', dueDate, reason: '材料未到' }, admin, stamp, 'e', today)).toMatchObject({ ok: false, error: { code } }));
  it('W9 on the due date itself is in time; W11 approval moves the due date and clears the request', () => {
    const req = applyAction(task({ dueDate: today }), { action: 'request_extension', dueDate: '2026-11-30', reason: '材料未到' }, { role: 'staff', name: '李工' }, stamp, 'e1', today);
    expect(req.ok && req.value.extension).toEqual({ dueDate: '2026-11-30', reason: '材料未到', at: stamp.at, by: stamp.by });
    if (!req.ok) return;
    const ok = applyAction(req.value, { action: 'approve_extension' }, { role: 'branch_secretary', name: '张书记' }, stamp, 'e2', today);
    expect(ok.ok && [ok.value.dueDate, ok.value.extension, ok.value.status]).toEqual(['2026-11-30', undefined, 'pending']);
    expect(ok.ok && ok.value.transitions?.[1]).toMatchObject({ action: 'approve_extension', from: 'pending', to: 'pending', dueDate: '2026-11-30' });
    const no = applyAction(req.value, { action: 'reject_extension', reason: '理由不足' }, admin, stamp, 'e3', today);
    expect(no.ok && [no.value.dueDate, no.value.extension]).toEqual([today, undefined]);
    expect(applyAction(task(), { action: 'approve_extension' }, admin, stamp, 'e4', today)).toEqual({ ok: false, error: { code: 'NO_EXTENSION_PENDING' } });
  });
});

describe('W19 messages', () => {
  it('an illegal move names the next steps', () => {
    const r = applyAction(task({ status: 'in_progress' }), { action: 'accept' }, admin, stamp, 't', today);
    expect(!r.ok && taskRuleMessage(r.error)).toBe('“办理中”的任务不能直接“验收通过”，可以：提交验收、挂起、撤销、申请延期');
  });
  it('every code has a sentence with or without details', () => {
    for (const code of ['ILLEGAL_TRANSITION', 'REASON_REQUIRED', 'ROLE_NOT_ALLOWED', 'SELF_ACCEPTANCE', 'EXTENSION_AFTER_DUE', 'EXTENSION_DATE_INVALID', 'EXTENSION_PENDING', 'NO_EXTENSION_PENDING', 'TRANSITIONS_REWRITTEN', 'STATUS_WITHOUT_TRANSITION', 'DUE_DATE_LOCKED'] as const) {
      expect(taskRuleMessage({ code })).toMatch(/[\u4e00-\u9fff]/);
      expect(taskRuleMessage({ code })).not.toContain('“”');
    }
  });
});

describe('W13–W18 checkTaskChange (what the server checks)', () => {
  const entry = (id: string, action: TaskAction, from: TaskStatus, to: TaskStatus, extra: object = {}) => ({ id, action, from, to, at: stamp.at, by: '王秘书', ...extra });
  const staff: TaskActor = { role: 'staff', name: '小刘' };
  it.each([
    ['W14 a new task starts pending', undefined, task(), staff, null],
    ['W14 a new task cannot start done', undefined, task({ status: 'done' }), admin, 'STATUS_WITHOUT_TRANSITION'],
    ['W15 an offline chain sign + start', task(), task({ status: 'in_progress', transitions: [entry('a', 'sign', 'pending', 'signed'), entry('b', 'start', 'signed', 'in_progress')] }), staff, null],
    ['W15 a new task with its chain', undefined, task({ status: 'signed', transitions: [entry('a', 'sign', 'pending', 'signed')] }), staff, null],
    ['W16 办理中 → 已办结 without accept', task({ status: 'in_progress' }), task({ status: 'done' }), admin, 'STATUS_WITHOUT_TRANSITION'],
    ['W15 a forged entry in_progress → done', task({ status: 'in_progress' }), task({ status: 'done', transitions: [entry('a', 'accept', 'in_progress', 'done')] }), admin, 'ILLEGAL_TRANSITION'],
    ['W15 an entry from a status it was not in', task({ status: 'in_progress' }), task({ status: 'done', transitions: [entry('a', 'accept', 'submitted', 'done')] }), admin, 'ILLEGAL_TRANSITION'],
    ['W15 accept by staff (the pusher, whatever the entry says)', task({ status: 'submitted' }), task({ status: 'done', transitions: [entry('a', 'accept', 'submitted', 'done', { role: 'admin' })] }), staff, 'ROLE_NOT_ALLOWED'],
    ['W5 self-acceptance by the pusher', task({ status: 'submitted' }), task({ status: 'done', transitions: [entry('a', 'accept', 'submitted', 'done')] }), { role: 'secretary', name: '李工' }, 'SELF_ACCEPTANCE'],
    ['W5 self-acceptance recorded in the entry', task({ status: 'submitted' }), task({ status: 'done', transitions: [entry('a', 'accept', 'submitted', 'done', { by: '李工' })] }), admin, 'SELF_ACCEPTANCE'],
    ['W13 a dropped transition', task({ status: 'signed', transitions: [entry('a', 'sign', 'pending', 'signed')] }), task({ status: 'signed' }), admin, 'TRANSITIONS_REWRITTEN'],
    ['W13 an edited transition', task({ status: 'signed', transitions: [entry('a', 'sign', 'pending', 'signed')] }), task({ status: 'signed', transitions: [entry('a', 'sign', 'pending', 'signed', { by: '别人' })] }), admin, 'TRANSITIONS_REWRITTEN'],
    ['W13 a repeated id', task({ status: 'signed', transitions: [entry('a', 'sign', 'pending', 'signed')] }), task({ status: 'in_progress', transitions: [entry('a', 'sign', 'pending', 'signed'), entry('a', 'start', 'signed', 'in_progress')] }), admin, 'TRANSITIONS_REWRITTEN'],
    ['W6 a reason is required on the server too', task({ status: 'submitted' }), task({ status: 'in_progress', transitions: [entry('a', 'return', 'submitted', 'in_progress')] }), admin, 'REASON_REQUIRED'],
    ['W8 suspendedFrom must match', task({ status: 'signed' }), task({ status: 'suspended', suspendedFrom: 'submitted', transitions: [entry('a', 'suspend', 'signed', 'suspended', { reason: 'x' })] }), admin, 'STATUS_WITHOUT_TRANSITION'],
    ['W17 due date edited while pending', task(), task({ dueDate: '2026-12-31' }), staff, null],
    ['W17 due date edited after signing', task({ status: 'signed' }), task({ status: 'signed', dueDate: '2026-12-31' }), admin, 'DUE_DATE_LOCKED'],
    ['W17 an extension forged without approval', task({ status: 'signed', extension: { dueDate: '2026-12-31', reason: 'x', at: T0, by: 'x' } }), task({ status: 'signed', dueDate: '2026-12-31' }), admin, 'STATUS_WITHOUT_TRANSITION'],
    [
      'W17 approval by the branch moves it',
      task({ status: 'signed', extension: { dueDate: '2026-12-31', reason: 'x', at: T0, by: 'x' } }),
      task({ status: 'signed', dueDate: '2026-12-31', transitions: [entry('a', 'approve_extension', 'signed', 'signed', { dueDate: '2026-12-31' })] }),
      { role: 'branch_secretary', name: '张书记' },
      null,
    ],
    [
      'W18 an offline request made in time stays valid later (judged by its own date)',
      task({ status: 'signed', dueDate: '2026-11-03' }),
      task({ status: 'signed', dueDate: '2026-11-03', extension: { dueDate: '2026-11-30', reason: '等配件', at: '2026-11-03T15:00:00.000Z', by: '王秘书' }, transitions: [entry('a', 'request_extension', 'signed', 'signed', { at: '2026-11-03T15:00:00.000Z', dueDate: '2026-11-30', reason: '等配件' })] }),
      staff,
      null,
    ],
    [
      'W18 … and one made after the due date (in China) is refused',
      task({ status: 'signed', dueDate: '2026-11-03' }),
      task({ status: 'signed', dueDate: '2026-11-03', extension: { dueDate: '2026-11-30', reason: '等配件', at: '2026-11-03T16:00:00.000Z', by: '王秘书' }, transitions: [entry('a', 'request_extension', 'signed', 'signed', { at: '2026-11-03T16:00:00.000Z', dueDate: '2026-11-30', reason: '等配件' })] }),
      staff,
      'EXTENSION_AFTER_DUE',
    ],
  ] as const)('%s', (_n, previous, next, actor, code) => {
    expect(checkTaskChange(previous, next, actor, '2027-01-01')?.code ?? null).toBe(code);
  });

  it('W20 replays an action onto another version where legal', () => {
    const t = task({ status: 'signed', transitions: [entry('s', 'sign', 'pending', 'signed')] });
    expect(replayTransition(t, entry('x', 'sign', 'pending', 'signed'), '王秘书')).toBeNull();
    expect(replayTransition(t, entry('y', 'start', 'signed', 'in_progress'), '王秘书')?.status).toBe('in_progress');
  });
});
