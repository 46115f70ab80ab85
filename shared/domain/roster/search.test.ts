import { describe, expect, it } from 'vitest';
import type { RosterRecord } from './record';
import { filterRoster, matchesSearch, sortRoster } from './search';

const base = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', createdBy: 'a', updatedBy: 'a' };
const p = (id: string, over: Partial<RosterRecord>): RosterRecord => ({
  ...base,
  id,
  kind: 'person',
  name: id,
  party: 'branch',
  status: 'active',
  ...over,
});

const zhang = p('p1', { name: '张建国', phone: '13800138000', building: '3号楼', unit: '2单元', room: '301', roles: ['party_member', 'building_leader'] });
const li = p('p2', { name: '李秀英', phone: '0571-87654321', party: 'owners_committee', roles: ['owners_committee_member'] });
const wang = p('p3', { name: '王芳', status: 'left', leftAt: '2025-03-01', building: '5号楼', roles: ['volunteer'] });
const hospital = p('o1', { kind: 'organization', name: '市第一医院', party: 'co_builder', contactName: '刘医生', contactPhone: '13911112222', address: '解放路 8 号' });
const property = p('o2', { kind: 'organization', name: 'Greentown 物业', party: 'property' });
const all = [zhang, li, wang, hospital, property];

describe('R10 matchesSearch', () => {
  it.each([
    ['', zhang, true],
    ['   ', zhang, true],
    ['张', zhang, true],
    ['建国', zhang, true],
    ['李', zhang, false],
    ['138001', zhang, true],
    ['3号楼', zhang, true],
    ['301', zhang, true],
    ['3号楼2单元301', zhang, true],
    ['3号楼-2单元-301', zhang, true],
    ['3号楼 301', zhang, true],
    ['3号楼 302', zhang, false],
    ['87654321', li, true],
    ['057187654321', li, true],
    ['0571-8765', li, true],
    ['刘医生', hospital, true],
    ['13911112222', hospital, true],
    ['解放路', hospital, true],
    ['greentown', property, true],
    ['GREEN', property, true],
  ] as const)('R10 %j in %s → %s', (query, doc, expected) => expect(matchesSearch(doc, query)).toBe(expected));
});

describe('R11 filterRoster', () => {
  const ids = (docs: readonly RosterRecord[]) => docs.map((d) => d.id);
  it.each([
    ['R11 people, active only', { kind: 'person' }, ['p1', 'p2']],
    ['R11 people with those who left', { kind: 'person', includeLeft: true }, ['p1', 'p2', 'p3']],
    ['R11 organisations', { kind: 'organization' }, ['o1', 'o2']],
    ['R11 by party', { kind: 'person', party: 'owners_committee' }, ['p2']],
    ['R11 by role', { kind: 'person', role: 'building_leader' }, ['p1']],
    ['R11 role held by someone who left is hidden by default', { role: 'volunteer' }, []],
    ['R11 role held by someone who left, with the toggle', { role: 'volunteer', includeLeft: true }, ['p3']],
    ['R11 query', { query: '5号楼', includeLeft: true }, ['p3']],
    ['R11 everything combined', { kind: 'person', party: 'branch', role: 'party_member', query: '张' }, ['p1']],
  ] as const)('%s', (_name, filter, expected) => expect(ids(filterRoster(all, filter))).toEqual(expected));
});

describe('R12 sortRoster', () => {
  it('lists active records first, then by pinyin', () => {
    const docs = [wang, zhang, li, p('p4', { name: '艾米' }), p('p5', { name: '赵六', status: 'left' })];
    expect(sortRoster(docs).map((d) => d.name)).toEqual(['艾米', '李秀英', '张建国', '王芳', '赵六']);
  });
  it('does not change its input', () => {
    const docs = [zhang, li];
    sortRoster(docs);
    expect(docs).toEqual([zhang, li]);
  });
});
