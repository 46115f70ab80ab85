import { describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../schema';
import { leadText, progressNoticeModel } from './progress-notice';

const base = { createdAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-01T02:00:00.000Z', createdBy: 'x', updatedBy: 'x', priority: 'normal' as const };
const task = (id: string, over: Partial<TaskDoc>): TaskDoc => ({ ...base, id, title: id, leadParty: 'property', status: 'in_progress', ...over });

const tasks: TaskDoc[] = [
  task('已办结的路灯', { status: 'done', closedAt: '2026-11-20T08:00:00.000Z', dueDate: '2026-11-30' }),
  task('晚到期的井盖', { dueDate: '2026-12-20' }),
  task('早到期的电梯', { dueDate: '2026-12-01', leadOrganizationName: '金山物业', ownerName: '李秀英', coParties: [{ party: 'owners_committee' }, { party: 'resident_group', personName: '刘洋' }] }),
  task('逾期的围墙', { status: 'signed', dueDate: '2026-11-20' }),
  task('待验收的水箱', { status: 'submitted' }),
  task('支部的事', { leadParty: 'branch', status: 'pending' }),
  task('撤销的事', { leadParty: 'social_org', status: 'cancelled' }),
  task('居民小组的事', { leadParty: 'resident_group', status: 'published', closedAt: '2026-11-10T02:00:00.000Z' }),
];

describe('progressNoticeModel', () => {
  const m = progressNoticeModel(tasks, { date: '2026-11-28' });

  it('groups by lead party in the order of the six parties, leaving out empty parties and cancelled tasks', () => {
    expect(m.groups.map((g) => g.label)).toEqual(['党支部', '物业公司', '居民小组']);
    expect(m.total).toBe(7);
    expect(m.closed).toBe(2);
    expect(m.overdue).toBe(1);
  });

  it('orders work under way first, then by due date, then finished', () => {
    const property = m.groups.find((g) => g.party === 'property');
    expect(property?.rows.map((r) => r.title)).toEqual(['早到期的电梯', '晚到期的井盖', '待验收的水箱', '逾期的围墙', '已办结的路灯']);
    expect(property).toMatchObject({ total: 5, closed: 1 });
  });

  it('words the responsible parties, the status and the date', () => {
    const rows = m.groups.flatMap((g) => g.rows);
    const row = (t: string) => rows.find((r) => r.title === t);
    expect(row('早到期的电梯')).toMatchObject({ lead: '金山物业 李秀英', co: '业委会、居民小组（刘洋）', statusLabel: '办理中', dateKind: '截止', dateText: '2026年12月1日', overdue: false });
    expect(row('逾期的围墙')).toMatchObject({ lead: '物业公司', statusLabel: '已签收', overdue: true });
    expect(row('已办结的路灯')).toMatchObject({ dateKind: '办结', dateText: '2026年11月20日', overdue: false });
    expect(row('待验收的水箱')).toMatchObject({ dateKind: '', dateText: '' });
  });

  it('includes cancelled tasks when asked', () => {
    expect(progressNoticeModel(tasks, { date: '2026-11-28', includeCancelled: true }).groups.map((g) => g.party)).toContain('social_org');
  });

  it('leadText falls back to the party name', () => expect(leadText({ leadParty: 'branch', ownerName: '张建国' })).toBe('党支部 张建国'));
});
