import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../schema';
import { taskProgress } from './action-items';
import { meeting, resolution, T0 } from './fixtures';
import type { Task } from './types';

const task = (id: string, status: TaskStatus, meetingId?: string): Task => ({
  id, createdAt: T0, updatedAt: T0, createdBy: 'x', updatedBy: 'x', title: id, leadParty: 'property', status, priority: 'normal',
  ...(meetingId ? { source: { kind: 'meeting' as const, meetingId } } : {}),
});

describe('taskProgress', () => {
  const m = meeting({ taskIds: ['k1', 'k2'] }, [
    resolution({ method: 'none' }, { actionItems: [{ id: 'i1', title: '方案', taskId: 'k2' }, { id: 'i2', title: '公示', taskId: 'k3' }, { id: 'i3', title: '未派发' }] }),
  ]);

  it.each<[string, Task[], object]>([
    ['K2 1/2 已办结', [task('k1', 'done'), task('k2', 'in_progress'), task('k3', 'cancelled')], { done: 1, total: 2, cancelled: 1, missing: 0, pending: 1 }],
    ['K2 已公示 counts as 已办结', [task('k1', 'published'), task('k2', 'submitted'), task('k3', 'suspended')], { done: 1, total: 3, cancelled: 0, missing: 0, pending: 1 }],
    ['K1 tasks naming the meeting as source are linked', [task('k1', 'done'), task('k2', 'done'), task('k3', 'done'), task('k4', 'submitted', 'm1')], { done: 3, total: 4 }],
    ['K1 tasks of other meetings are not', [task('k1', 'done'), task('k2', 'done'), task('k3', 'done'), task('k9', 'done', 'm2')], { done: 3, total: 3 }],
    ['K2 linked tasks not on this device count as open', [task('k1', 'done')], { done: 1, total: 3, missing: 2 }],
  ])('%s', (_id, tasks, expected) => expect(taskProgress(m, tasks)).toMatchObject(expected));

  it('K3 an item made into a task after 定稿 (linked only by the task\'s source) is not pending', () => {
    const made: Task = { ...task('k5', 'pending', 'm1'), source: { kind: 'meeting', meetingId: 'm1', actionItemId: 'i3' } };
    expect(taskProgress(m, [task('k1', 'done'), task('k2', 'done'), task('k3', 'done'), made])).toMatchObject({ total: 4, done: 3, pending: 0 });
  });

  it('K3 a meeting without tasks', () =>
    expect(taskProgress(meeting(), [])).toEqual({ done: 0, total: 0, cancelled: 0, missing: 0, pending: 0 }));
});
