// Shared by the import, export and print tests: a small roster, a stamp and two tasks (not imported by the app).
import type { TaskDoc } from '../../schema';
import type { Stamp } from '../common/stamp';
import type { TaskRoster } from './types';

export const importRoster = (): TaskRoster => ({
  people: new Map([
    ['p-zhang', { name: '张建国', party: 'branch' as const }],
    ['p-li', { name: '李秀英', party: 'property' as const, organizationId: 'o-jinshan' }],
    ['p-wang', { name: '王芳', party: 'owners_committee' as const }],
    ['p-liu', { name: '刘洋', party: 'resident_group' as const }],
    ['p-chen1', { name: '陈静', party: 'social_org' as const }],
    ['p-chen2', { name: '陈静', party: 'co_builder' as const }],
  ]),
  organizations: new Map([
    ['o-jinshan', { name: '金山物业服务有限公司', party: 'property' as const }],
    ['o-hospital', { name: '市第一医院', party: 'co_builder' as const }],
    ['o-sunshine', { name: '阳光社工站', party: 'social_org' as const }],
  ]),
});

/** 2026-11-25 10:00 in Beijing. */
export const importStamp: Stamp = { at: '2026-11-25T02:00:00.000Z', by: '王书记' };

const base = { createdAt: '2026-11-25T02:00:00.000Z', updatedAt: '2026-11-25T02:00:00.000Z', createdBy: '王书记', updatedBy: '王书记' };
/** A governance-list task under way and a closed resident request whose title looks like a formula. */
export const exportFixture = (): TaskDoc[] => [
  {
    ...base,
    id: 'gl-1',
    title: '3号楼电梯异响',
    description: '夜间运行时有异响，\n住户反映多次',
    leadParty: 'property',
    leadOrganizationId: 'o-jinshan',
    leadOrganizationName: '金山物业服务有限公司',
    ownerId: 'p-li',
    ownerName: '李秀英',
    coParties: [{ party: 'owners_committee', personId: 'p-wang', personName: '王芳' }, { party: 'resident_group' }],
    dueDate: '2026-12-01',
    priority: 'high',
    status: 'in_progress',
    location: '3号楼',
    category: '设施维修',
    tags: ['电梯', '安全'],
    source: { kind: 'governance_list', listName: '2026年度治理清单', listItemNo: '1', listItemTitle: '3号楼电梯异响' },
  },
  {
    ...base,
    id: 't-2',
    title: '=HYPERLINK("http://x","点我")',
    leadParty: 'branch',
    ownerId: 'p-zhang',
    ownerName: '张建国',
    priority: 'normal',
    status: 'done',
    closedAt: '2026-11-27T09:30:00.000Z',
    source: { kind: 'resident', residentName: '赵大妈' },
  },
];

