import { describe, expect, it } from 'vitest';
import { addCalendarDays, NO_HOLIDAYS } from '../common/dates';
import { compoundCalendar, officialCalendar } from './calendar';
import { escalationEntries, escalationOf } from './escalation';
import type { Task } from './types';

const task = (dueDate: string, status: Task['status'] = 'in_progress'): Task => ({
  id: 'k1', createdAt: '2026-09-01T00:00:00.000Z', updatedAt: '2026-09-01T00:00:00.000Z', createdBy: 'x', updatedBy: 'x',
  title: '修路灯', leadParty: 'property', status, priority: 'normal', dueDate,
});
const cal2026 = compoundCalendar({}, [2026]);

/** A fake clock: the stage on each day from..to. */
const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
};

describe('E1 calendar from chinese-days', () => {
  it('has 2026 国庆 and its 调休 Saturday', () => {
    expect(cal2026.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07']));
    expect(cal2026.workdays).toContain('2026-10-10');
    expect(officialCalendar([2025]).holidays.every((d) => d.startsWith('2025'))).toBe(true);
  });
  it("adds the compound's own days off and extra workdays (its own word wins)", () => {
    const c = compoundCalendar({ daysOff: ['2026-10-10', '2026-11-11'], extraWorkdays: ['2026-10-05'] }, [2026]);
    expect(c.workdays).not.toContain('2026-10-10');
    expect(c.holidays).toEqual(expect.arrayContaining(['2026-10-10', '2026-11-11']));
    expect(c.holidays).not.toContain('2026-10-05');
    expect(c.workdays).toContain('2026-10-05');
  });
});

describe('E3 stages with a fake clock', () => {
  it('across a weekend: due Friday → 催办 Monday → 上报 5 working days later', () => {
    const t = task('2026-11-06');
    const stages = Object.fromEntries(days('2026-11-06', '2026-11-17').map((d) => [d, escalationOf(t, d, cal2026).stage]));
    expect(stages).toEqual({
      '2026-11-06': 'none',
      '2026-11-07': 'overdue',
      '2026-11-08': 'overdue',
      '2026-11-09': 'urged',
      '2026-11-10': 'urged',
      '2026-11-13': 'urged',
      '2026-11-11': 'urged',
      '2026-11-12': 'urged',
      '2026-11-14': 'urged',
      '2026-11-15': 'urged',
      '2026-11-16': 'escalated',
      '2026-11-17': 'escalated',
    });
  });
  it('across 国庆 (Oct 1–7) and the 调休 Saturday Oct 10', () => {
    expect(escalationOf(task('2026-09-30'), '2026-10-05', cal2026)).toEqual({ stage: 'overdue', urgeOn: '2026-10-08', escalateOn: '2026-10-14' });
    // Without the 调休 Saturday counted as a working day, the escalation would come a day later.
    expect(escalationOf(task('2026-09-30'), '2026-10-05', { holidays: cal2026.holidays, workdays: [] }).escalateOn).toBe('2026-10-15');
    // Weekends only (no official data): the holiday would not delay the 催办.
    expect(escalationOf(task('2026-09-30'), '2026-10-05', NO_HOLIDAYS)).toMatchObject({ stage: 'urged', urgeOn: '2026-10-01' });
  });
  it.each(['submitted', 'suspended', 'done', 'published', 'cancelled'] as const)('E2 a %s task is never urged', (status) =>
    expect(escalationOf(task('2026-09-30', status), '2026-12-01', cal2026)).toEqual({ stage: 'none' }));
  it('E2 a task without a due date is never urged', () => expect(escalationOf({ status: 'pending' }, '2026-12-01', cal2026)).toEqual({ stage: 'none' }));
});

describe('E4 entries: deterministic', () => {
  it('none before the 催办 day; the 催办 on it; both from the escalation day', () => {
    const t = task('2026-09-30');
    expect(escalationEntries(t, '2026-10-07', cal2026)).toEqual([]);
    expect(escalationEntries(t, '2026-10-08', cal2026).map((e) => e.id)).toEqual(['k1.urge.2026-09-30']);
    const both = escalationEntries(t, '2026-10-14', cal2026);
    expect(both).toEqual([
      {
        id: 'k1.urge.2026-09-30', taskId: 'k1', kind: 'urge', text: '已超过截止日期（2026年9月30日），请尽快办理', dueDate: '2026-09-30',
        at: '2026-10-07T16:00:00.000Z', createdAt: '2026-10-07T16:00:00.000Z', updatedAt: '2026-10-07T16:00:00.000Z', createdBy: '系统', updatedBy: '系统', authorName: '系统',
      },
      {
        id: 'k1.escalation.2026-09-30', taskId: 'k1', kind: 'escalation', text: '催办后 5 个工作日仍未办结，已上报支部书记', dueDate: '2026-09-30', party: 'branch',
        at: '2026-10-13T16:00:00.000Z', createdAt: '2026-10-13T16:00:00.000Z', updatedAt: '2026-10-13T16:00:00.000Z', createdBy: '系统', updatedBy: '系统', authorName: '系统',
      },
    ]);
    expect(both.some((e) => 'sync' in e)).toBe(false);
  });
  it('two PCs offline, on different days and with their own copies, compute the same documents', () => {
    const pcA = escalationEntries(task('2026-09-30', 'signed'), '2026-10-20', compoundCalendar({}, [2026]));
    const pcB = escalationEntries(structuredClone(task('2026-09-30', 'in_progress')), '2026-11-30', compoundCalendar({}));
    expect(JSON.stringify(pcB)).toBe(JSON.stringify(pcA));
  });
  it('an approved 延期 starts a new count with new ids', () =>
    expect(escalationEntries(task('2026-10-20'), '2026-10-22', cal2026).map((e) => e.id)).toEqual(['k1.urge.2026-10-20']));
});
