import { describe, expect, it } from 'vitest';
import { projectsInUse } from './projects';
import type { Voucher } from './types';

const v = (id: string, date: string, projects: (string | undefined)[], extra: Partial<Voucher> = {}): Voucher => ({
  id,
  date,
  period: date.slice(0, 7),
  summary: 's',
  status: 'draft',
  preparedBy: '会计',
  lines: projects.map((projectId, i) => ({ id: `${id}-${i}`, accountId: 'a', debitFen: 1, creditFen: 0, ...(projectId !== undefined ? { projectId } : {}) })),
  ...extra,
});

describe('L-S7 projects in use', () => {
  it('each project once, trimmed, most recent first, then by name; deleted vouchers and blanks left out', () => {
    const books = [
      v('1', '2026-03-01', ['以奖代补-电梯', undefined, ' 以奖代补-电梯 ']),
      v('2', '2026-05-10', ['绿化改造']),
      v('3', '2026-05-10', ['充电桩', '']),
      v('4', '2026-06-01', ['已删除的项目'], { _deleted: true }),
      v('5', '2026-02-01', ['以奖代补-电梯'], { status: 'posted' }),
    ];
    expect(projectsInUse(books)).toEqual([
      { projectId: '充电桩', lines: 1, lastDate: '2026-05-10' },
      { projectId: '绿化改造', lines: 1, lastDate: '2026-05-10' },
      { projectId: '以奖代补-电梯', lines: 3, lastDate: '2026-03-01' },
    ]);
    expect(projectsInUse([])).toEqual([]);
  });
});
