import { describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../../schema';
import { taskDataHash, taskProgressNotice } from './task';
import { settingsFixture } from './fixtures';
import { sourceChanged } from './common';
import { expectStorableAndIssuable } from './schema-check.testing';

const base = { createdAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-01T02:00:00.000Z', createdBy: 'x', updatedBy: 'x', priority: 'normal' as const };
const task = (id: string, over: Partial<TaskDoc>): TaskDoc => ({ ...base, id, title: id, leadParty: 'property', status: 'in_progress', ...over });
const tasks: TaskDoc[] = [
  task('已办结的路灯', { status: 'done', closedAt: '2026-11-20T08:00:00.000Z', dueDate: '2026-11-30' }),
  task('早到期的电梯', { dueDate: '2026-12-01', leadOrganizationName: '金山物业', ownerName: '李秀英', coParties: [{ party: 'owners_committee' }] }),
  task('逾期的围墙', { status: 'signed', dueDate: '2026-11-20' }),
  task('支部的事', { leadParty: 'branch', status: 'pending' }),
  task('撤销的事', { leadParty: 'social_org', status: 'cancelled' }),
];
const settings = settingsFixture();

describe('taskProgressNotice (N49)', () => {
  const n = taskProgressNotice({ tasks, date: '2026-11-28', settings, issueDate: '2026-11-28' });

  it('totals in the body, one table per lead party, issued by the council', () => {
    expect(n.title).toBe('六方联动任务进展公示（截至2026年11月28日）');
    expect(n.body.split('\n\n')[0]).toBe('截至2026年11月28日，小区六方联动共有任务4项，已办结1项，逾期未办结1项。现将各方牵头任务的办理进展公示如下：');
    expect(n.tables).toEqual([
      { caption: '党支部牵头（共1项，已办结0项）', columns: ['序号', '任务', '牵头', '配合', '进展', '日期'], rows: [['1', '支部的事', '党支部', '—', '待分派', '']] },
      {
        caption: '物业公司牵头（共3项，已办结1项）',
        columns: ['序号', '任务', '牵头', '配合', '进展', '日期'],
        rows: [
          ['1', '早到期的电梯', '金山物业 李秀英', '业委会', '办理中', '截止2026年12月1日'],
          ['2', '逾期的围墙', '物业公司', '—', '已签收（已逾期）', '截止2026年11月20日'],
          ['3', '已办结的路灯', '物业公司', '—', '已办结', '办结2026年11月20日'],
        ],
      },
    ]);
    expect(n).toMatchObject({ kind: 'task', issuers: ['金山花园小区共建理事会'], issuerKey: 'council', issuePrefix: '金山共建' });
    expect(n.source).toEqual({ taskIds: ['已办结的路灯', '支部的事', '早到期的电梯', '逾期的围墙'].sort(), dataHash: taskDataHash(tasks) });
    expectStorableAndIssuable(n);
  });

  it('the hash follows the tasks, not their order or the date', () => {
    expect(sourceChanged(n, taskDataHash([...tasks].reverse()))).toBe(false);
    expect(taskProgressNotice({ tasks, date: '2026-12-28', settings, issueDate: '2026-12-28' }).source?.dataHash).toBe(n.source?.dataHash);
    expect(sourceChanged(n, taskDataHash(tasks.map((t) => (t.id === '逾期的围墙' ? { ...t, status: 'in_progress' as const } : t))))).toBe(true);
    // A cancelled task left out of the notice changes nothing.
    expect(sourceChanged(n, taskDataHash(tasks.map((t) => (t.id === '撤销的事' ? { ...t, title: '改名' } : t))))).toBe(false);
  });

  it('another issuer, cancelled tasks included on request', () => {
    const m = taskProgressNotice({ tasks, date: '2026-11-28', settings, issueDate: '2026-11-28', includeCancelled: true, issuerKey: 'branch' });
    expect(m.issuerKey).toBe('branch');
    expect(m.tables?.map((t) => t.caption)).toContain('社会组织牵头（共1项，已办结0项）');
    expect(m.source?.taskIds).toHaveLength(5);
  });
});
