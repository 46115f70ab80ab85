import { describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../schema';
import {
  filterFromQuery,
  filterTasks,
  filterToQuery,
  governanceGroups,
  indexTasks,
  isTaskOf,
  sortTasks,
  type EscalationStage,
  type TaskFilter,
} from './filters';
import type { Task } from './types';

const TODAY = '2026-03-10';
let n = 0;
function task(over: Partial<TaskDoc> & { id: string }): Task {
  n++;
  return {
    createdAt: `2026-01-${String((n % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    updatedAt: `2026-02-${String((n % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    createdBy: 'x',
    updatedBy: 'x',
    title: over.id,
    leadParty: 'property',
    status: 'in_progress',
    priority: 'normal',
    ...over,
  };
}

const TASKS: readonly Task[] = [
  task({ id: 'a', title: '修补 3 号楼屋顶', leadParty: 'property', status: 'in_progress', dueDate: '2026-03-01', ownerId: 'p1', ownerName: '王强', tags: ['维修'], source: { kind: 'resident', residentName: '李阿姨', residentBuilding: '3号楼' } }),
  task({ id: 'b', leadParty: 'owners_committee', coParties: [{ party: 'property' }, { party: 'branch', personId: 'p2', personName: '张书记' }], status: 'pending', dueDate: '2026-03-12', priority: 'urgent', source: { kind: 'governance_list', listName: '2026清单', listItemNo: '2' } }),
  task({ id: 'c', leadParty: 'branch', status: 'done', dueDate: '2026-02-01', tags: ['维修', '安全'], source: { kind: 'governance_list', listName: '2026清单', listItemNo: '10' } }),
  task({ id: 'd', leadParty: 'social_org', status: 'submitted', dueDate: '2026-03-20', ownerName: '赵敏', source: { kind: 'governance_list', listName: '2026清单', listItemNo: '2', listItemTitle: '电动车充电' } }),
  task({ id: 'e', leadParty: 'property', status: 'suspended', dueDate: '2026-01-01', priority: 'low' }),
  task({ id: 'f', leadParty: 'co_builder', coParties: [{ party: 'property' }], status: 'signed', priority: 'high', source: { kind: 'governance_list', listName: '2026清单', listItemNo: '2' } }),
];
const STAGES: Record<string, EscalationStage> = { a: 'escalated', b: 'none', d: 'none', f: 'none' };
const INDEX = indexTasks(TASKS, (t) => STAGES[t.id] ?? 'none');
const ids = (f: TaskFilter): string[] => sortTasks(filterTasks(INDEX, f, TODAY).matches, 'created').map((k) => k.task.id).sort();

describe('F2–F4 filtering', () => {
  it.each<[string, TaskFilter, string[]]>([
    ['nothing', {}, ['a', 'b', 'c', 'd', 'e', 'f']],
    ['a party: lead or co-party', { party: 'property' }, ['a', 'b', 'e', 'f']],
    ['branch as co-party', { party: 'branch' }, ['b', 'c']],
    ['a status', { status: 'pending' }, ['b']],
    ['open statuses', { status: 'open' }, ['a', 'b', 'd', 'f']],
    ['overdue: open and past due (suspended and done are not)', { overdue: true }, ['a']],
    ['due within 3 days', { dueWithin: 3 }, ['b']],
    ['due within 10 days', { dueWithin: 10 }, ['b', 'd']],
    ['due today counts as within 0 days', { dueWithin: 0 }, []],
    ['source', { source: 'governance_list' }, ['b', 'c', 'd', 'f']],
    ['责任人 by id', { owner: 'p1' }, ['a']],
    ['责任人 by name when no id', { owner: '赵敏' }, ['d']],
    ['tag', { tag: '维修' }, ['a', 'c']],
    ['escalated', { stage: 'escalated' }, ['a']],
    ['urged includes escalated', { stage: 'urged' }, ['a']],
    ['free text in title', { q: '屋顶' }, ['a']],
    ['free text in source details, several terms', { q: '李阿姨 3号楼' }, ['a']],
    ['free text, case-insensitive, co-party person', { q: '张书记' }, ['b']],
    ['combined', { party: 'property', status: 'open', source: 'governance_list' }, ['b', 'f']],
  ])('%s', (_, filter, expected) => expect(ids(filter)).toEqual(expected));
});

it('F2 待验收 past its due date is not overdue (it waits on the acceptor)', () => {
  const idx = indexTasks([task({ id: 's', status: 'submitted', dueDate: '2026-03-01' })]);
  expect(filterTasks(idx, { overdue: true }, TODAY).matches).toEqual([]);
  expect(filterTasks(idx, { status: 'open' }, TODAY).matches).toHaveLength(1);
});

describe('F5 counts: per value, among tasks matching the other filters', () => {
  it('with no filter', () => {
    const { counts, total } = filterTasks(INDEX, {}, TODAY);
    expect(total).toBe(6);
    expect(counts.party).toEqual({ branch: 2, owners_committee: 1, property: 4, social_org: 1, co_builder: 1, resident_group: 0 });
    expect(counts.status).toMatchObject({ in_progress: 1, pending: 1, done: 1, submitted: 1, suspended: 1, signed: 1, open: 4 });
    expect(counts.overdue).toBe(1);
    expect(counts.dueWithin).toBe(1); // default: the coming 7 days
    expect(counts.source).toMatchObject({ resident: 1, governance_list: 4, meeting: 0 });
    expect(counts.owner.get('p1')).toBe(1);
    expect(counts.owner.get('赵敏')).toBe(1);
    expect(counts.tag.get('维修')).toBe(2);
    expect(counts.stage).toEqual({ urged: 1, escalated: 1 });
  });

  it('a dimension counts across its own values, the others narrow it', () => {
    const { counts, matches } = filterTasks(INDEX, { party: 'property', status: 'open' }, TODAY);
    expect(matches.map((k) => k.task.id).sort()).toEqual(['a', 'b', 'f']);
    // party counts: tasks that are open, per party
    expect(counts.party).toMatchObject({ property: 3, branch: 1, owners_committee: 1, social_org: 1, co_builder: 1 });
    // status counts: tasks of 物业公司, per status
    expect(counts.status).toMatchObject({ in_progress: 1, pending: 1, suspended: 1, signed: 1, done: 0, open: 3 });
    expect(counts.source.governance_list).toBe(2);
  });

  it('free text narrows every count', () => {
    expect(filterTasks(INDEX, { q: '屋顶' }, TODAY).counts.party.property).toBe(1);
  });

  it('10,000 tasks filter and count in well under 100 ms', () => {
    const many: Task[] = [];
    for (let i = 0; i < 10_000; i++)
      many.push(
        task({
          id: `t${i}`,
          title: `任务 ${i} 楼道清理`,
          leadParty: (['branch', 'property', 'owners_committee'] as const)[i % 3],
          coParties: i % 2 ? [{ party: 'social_org' }] : [],
          status: (['pending', 'in_progress', 'done', 'submitted'] as const)[i % 4],
          dueDate: `2026-0${(i % 9) + 1}-1${i % 10}`,
          tags: [`标签${i % 20}`],
          ownerId: `p${i % 50}`,
        }),
      );
    const index = indexTasks(many);
    const filters: TaskFilter[] = [{}, { party: 'social_org' }, { status: 'open', overdue: true }, { q: '楼道 99' }, { tag: '标签3', dueWithin: 30 }];
    for (const f of filters) filterTasks(index, f, TODAY); // warm up
    const start = performance.now();
    for (const f of filters) sortTasks(filterTasks(index, f, TODAY).matches, 'due');
    expect((performance.now() - start) / filters.length).toBeLessThan(100);
  });
});

describe('F6 sorting', () => {
  const order = (sort: Parameters<typeof sortTasks>[1]) => sortTasks(INDEX, sort).map((k) => k.task.id);
  it('by due date, undated last', () => expect(order('due')).toEqual(['e', 'c', 'a', 'b', 'd', 'f']));
  it('by priority, then due', () => expect(order('priority')).toEqual(['b', 'f', 'c', 'a', 'd', 'e']));
  it('by updated, newest first', () => {
    const updated = sortTasks(INDEX, 'updated').map((k) => k.task.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
  });
});

describe('F7 the filter in the address', () => {
  it.each<[Record<string, string>, TaskFilter, string]>([
    [{ party: 'property', status: 'in_progress', overdue: '1' }, { party: 'property', status: 'in_progress', overdue: true }, 'due'],
    [{ status: 'open', due: '7', sort: 'priority' }, { status: 'open', dueWithin: 7 }, 'priority'],
    [{ party: 'nobody', status: 'x', overdue: 'yes', due: '-1', sort: 'random' }, {}, 'due'],
    [{ owner: 'p1', tag: '维修', q: '屋顶', source: 'resident', stage: 'escalated' }, { owner: 'p1', tag: '维修', q: '屋顶', source: 'resident', stage: 'escalated' }, 'due'],
  ])('%j', (query, filter, sort) => {
    const parsed = filterFromQuery(query);
    expect(parsed).toEqual({ filter, sort });
    expect(filterFromQuery(filterToQuery(parsed.filter, parsed.sort))).toEqual(parsed);
  });
});

describe('F8 治理清单 and 我的任务', () => {
  it('groups by list and item, numeric item order, n/m 已办结', () => {
    const groups = governanceGroups(TASKS);
    expect(groups.map((g) => [g.itemNo, g.tasks.length, g.done, g.total])).toEqual([
      ['2', 3, 0, 3],
      ['10', 1, 1, 1],
    ]);
    expect(groups[0]?.itemTitle).toBe('电动车充电');
  });

  it('a task is mine as 责任人 or a co-party person, by id or by name', () => {
    expect(isTaskOf(TASKS[0]!, { personId: 'p1', name: '别人' })).toBe(true);
    expect(isTaskOf(TASKS[0]!, { name: '王强' })).toBe(true);
    expect(isTaskOf(TASKS[1]!, { personId: 'p2', name: '' })).toBe(true);
    expect(isTaskOf(TASKS[1]!, { name: '王强' })).toBe(false);
  });
});
