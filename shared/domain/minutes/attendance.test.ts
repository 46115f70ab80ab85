import { describe, expect, it } from 'vitest';
import { attendanceSummary } from './attendance';
import { meeting } from './fixtures';

describe('attendanceSummary', () => {
  const m = meeting({
    attendees: [
      { id: 'a1', name: '张三', post: '主任', role: 'member', status: 'present' },
      { id: 'a2', name: '李四', role: 'member', status: 'leave', reason: ' 出差 ' },
      { id: 'a3', name: '王五', role: 'member', status: 'absent' },
      { id: 'a4', name: '赵六', role: 'member', status: 'unknown' },
      { id: 'a5', name: '钱七', role: 'member', status: 'present' },
      { id: 'o1', name: '社区干部', role: 'observer', status: 'present' },
      { id: 'g1', name: '律师', role: 'guest', status: 'present' },
      { id: 'g2', name: '物业经理', role: 'guest', status: 'leave', reason: '值班' },
    ],
  });
  const s = attendanceSummary(m);

  it.each([
    ['A1 应到 counts members only', s.expected, 5],
    ['A1 实到', s.present, 2],
    ['A1 请假', s.leave, 1],
    ['A1 缺席', s.absent, 1],
    ['A1 not yet recorded', s.unknown, 1],
    ['A2 列席 are observers and guests present', s.observers, 2],
  ])('%s', (_id, actual, expected) => expect(actual).toBe(expected));

  it('A3 lines keep order, posts and trimmed reasons', () => {
    expect(s.lists.present).toEqual([{ attendeeId: 'a1', name: '张三', post: '主任' }, { attendeeId: 'a5', name: '钱七' }]);
    expect(s.lists.leave).toEqual([{ attendeeId: 'a2', name: '李四', reason: '出差' }]);
    expect(s.lists.absent).toEqual([{ attendeeId: 'a3', name: '王五' }]);
    expect(s.lists.observers.map((l) => l.name)).toEqual(['社区干部', '律师']);
  });

  it('A2 non-members who did not come are left out', () => {
    expect([...s.lists.leave, ...s.lists.absent, ...s.lists.observers].map((l) => l.attendeeId)).not.toContain('g2');
  });
});
