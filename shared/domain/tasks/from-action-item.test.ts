import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../minutes';
import { taskFromActionItem } from './from-action-item';

const stamp = { at: '2026-11-28T02:00:00.000Z', by: '王晓梅', device: 'pc-1' };
const meeting = { id: 'm1' };
const resolution = { id: 'r1', text: '  同意更换 3 号楼电梯 ' };
const item = (over: Partial<ActionItem> = {}): ActionItem => ({ id: 'a1', title: ' 联系维保单位报价 ', leadParty: 'property', ...over }) as ActionItem;

describe('taskFromActionItem', () => {
  it('T1 T4 T5 a pending (待分派) task linked to its source, stamped', () =>
    expect(taskFromActionItem('t1', { meeting, resolution, item: item({ coParties: ['branch', 'branch', 'property', 'owners_committee'], dueDate: '2026-12-05', ownerName: ' 李工 ' }) }, stamp)).toEqual({
      ok: true,
      value: {
        id: 't1',
        createdAt: stamp.at,
        createdBy: '王晓梅',
        updatedAt: stamp.at,
        updatedBy: '王晓梅',
        title: '联系维保单位报价',
        leadParty: 'property',
        status: 'pending',
        priority: 'normal',
        source: { kind: 'meeting', meetingId: 'm1', resolutionId: 'r1', actionItemId: 'a1' },
        description: '会议决议：同意更换 3 号楼电梯',
        coParties: [{ party: 'branch' }, { party: 'owners_committee' }],
        ownerName: '李工',
        dueDate: '2026-12-05',
      },
    }));

  it.each([
    ['T2', item({ title: '   ' }), 'ACTION_TITLE_MISSING'],
    ['T3', item({ leadParty: undefined }), 'LEAD_PARTY_REQUIRED'],
  ])('%s refused', (_id, it_, code) =>
    expect(taskFromActionItem('t1', { meeting, resolution, item: it_ }, stamp)).toEqual({ ok: false, error: { code } }));

  it('T2 clips the title at 200 characters (code points); T4 no description without resolution text', () => {
    const r = taskFromActionItem('t1', { meeting, resolution: { id: 'r1', text: ' ' }, item: item({ title: '电'.repeat(250) }) }, stamp);
    expect(r.ok && [...r.value.title].length).toBe(200);
    expect(r.ok && 'description' in r.value).toBe(false);
  });
});
