import { describe, expect, it } from 'vitest';
import type { TaskUpdateDoc } from '../../schema';
import { exportFixture } from './import-fixtures';
import { sourceText, workOrderModel } from './work-order';

const u = (id: string, at: string, over: Partial<TaskUpdateDoc> = {}): TaskUpdateDoc => ({
  id,
  createdAt: at,
  updatedAt: at,
  createdBy: '录入员',
  updatedBy: '录入员',
  taskId: 'gl-1',
  kind: 'progress',
  text: id,
  at,
  ...over,
});

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('workOrderModel', () => {
  const [task] = exportFixture();
  if (!task) throw new Error('fixture');
  const updates = [
    u('第三条', '2026-11-27T01:00:00.000Z', { authorName: '李秀英', party: 'property', photos: [{ id: 'ph1', name: '现场.png', dataUrl: PNG }, { id: 'ph2', dataUrl: 'javascript:alert(1)' }] }),
    u('第一条', '2026-11-25T03:00:00.000Z', { kind: 'status', action: 'sign', fromStatus: 'pending', toStatus: 'signed', text: '签收：待分派 → 已签收' }),
    u('第二条', '2026-11-26T01:00:00.000Z', { kind: 'urge', text: '已逾期，请尽快办理' }),
    u('别的任务', '2026-11-26T01:00:00.000Z', { taskId: 'other' }),
  ];
  const m = workOrderModel(task, updates);

  it('lists the log oldest first, only this task’s entries', () => expect(m.log.map((e) => e.id)).toEqual(['第一条', '第二条', '第三条']));

  it('words each entry', () => {
    expect(m.log[0]).toMatchObject({ when: '2026-11-25 11:00', who: '录入员', kind: '状态变更', change: '签收：待分派 → 已签收' });
    expect(m.log[1]).toMatchObject({ kind: '催办', change: '' });
    expect(m.log[2]).toMatchObject({ who: '李秀英', party: '物业公司', kind: '办理进展' });
  });

  it('keeps only image data URLs as photos', () => expect(m.log[2]?.photos).toEqual([{ name: '现场.png', dataUrl: PNG }]));

  it('shows the particulars', () => {
    const f = new Map(m.fields.map((x) => [x.label, x.value]));
    expect(f.get('来源')).toBe('治理清单：2026年度治理清单 第1项');
    expect(f.get('牵头单位')).toBe('金山物业服务有限公司');
    expect(f.get('配合方')).toBe('业委会（王芳）、居民小组');
    expect(f.get('截止日期')).toBe('2026年12月1日');
    expect(f.get('状态')).toBe('办理中');
    expect(f.has('验收人')).toBe(false); // empty particulars are left out
    expect(m.description).toContain('住户反映多次');
  });

  it('sourceText of a resident request', () =>
    expect(sourceText({ kind: 'resident', residentName: '赵大妈', residentBuilding: '5号楼', residentPhone: '13800138000' })).toBe('居民诉求：赵大妈 5号楼 13800138000'));
});
