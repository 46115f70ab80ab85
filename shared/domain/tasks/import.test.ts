import { describe, expect, it } from 'vitest';
import { detectMapping } from './import-mapping';
import {
  createImportPlanner,
  importedTaskId,
  parseImportDate,
  parsePriority,
  planImport,
  resolveParty,
  splitList,
  withoutExisting,
  type ImportCell,
  type SheetRow,
} from './import';
import { importRoster, importStamp } from './import-fixtures';

const roster = importRoster();
const ctx = { roster, listName: '2026年度治理清单', stamp: importStamp };
const HEADER = ['序号', '问题', '描述', '牵头方', '责任人', '配合方', '完成时限', '优先级', '楼栋/区域', '类别', '标签'];
const mapping = detectMapping(HEADER);
/** Data rows numbered as a sheet shows them (the header is row 1). */
const sheet = (...rows: ImportCell[][]): SheetRow[] => rows.map((cells, i) => ({ n: i + 2, cells }));

describe('planImport — a list with two bad rows', () => {
  const rows = sheet(
    ['1', '3号楼电梯异响', '夜间运行时有异响', '物业', '李秀英', '业委会、居民小组', '2026/12/1', '高', '3号楼', '设施维修', '电梯/安全'],
    ['2', '', '缺标题的一行', '物业', '李秀英', '', '2026-12-01', '', '', '', ''],
    ['3', '东门道路修缮', '', '街道办', '赵六', '', '2026年13月1日', '', '', '', ''],
    ['4', '北区停车位划线', '', '业主委员会', '王芳', '物业公司（金山物业服务有限公司，李秀英）/社工', 46387, '', '北区', '', ''],
    ['', '', '', '', '', '', '', '', '', '', ''],
  );
  const plan = planImport(rows, mapping, ctx);

  it('imports the valid rows only, and counts the refused ones', () => {
    expect(plan.tasks.map((t) => t.title)).toEqual(['3号楼电梯异响', '北区停车位划线']);
    expect(plan.rejectedRows).toBe(2);
    expect(plan.totalRows).toBe(4); // the empty row is no row
  });

  it('lists every error with its sheet row number', () => {
    expect(plan.errors).toEqual([
      { row: 3, field: 'title', code: 'TITLE_MISSING' },
      { row: 4, field: 'leadParty', code: 'UNKNOWN_PARTY', detail: { name: '街道办' } },
      { row: 4, field: 'owner', code: 'UNKNOWN_PERSON', detail: { name: '赵六' } },
      { row: 4, field: 'dueDate', code: 'BAD_DATE', detail: { value: '2026年13月1日' } },
    ]);
  });

  it('builds complete 待分派 tasks with the governance-list source', () => {
    const [a, b] = plan.tasks;
    expect(a).toMatchObject({
      id: importedTaskId('2026年度治理清单', '1', '3号楼电梯异响'),
      title: '3号楼电梯异响',
      description: '夜间运行时有异响',
      leadParty: 'property',
      ownerId: 'p-li',
      ownerName: '李秀英',
      coParties: [{ party: 'owners_committee' }, { party: 'resident_group' }],
      dueDate: '2026-12-01',
      priority: 'high',
      status: 'pending',
      location: '3号楼',
      category: '设施维修',
      tags: ['电梯', '安全'],
      source: { kind: 'governance_list', listName: '2026年度治理清单', listItemNo: '1', listItemTitle: '3号楼电梯异响' },
      createdAt: importStamp.at,
      createdBy: '王书记',
    });
    expect(b).toMatchObject({
      leadParty: 'owners_committee',
      ownerId: 'p-wang',
      dueDate: '2026-12-31', // Excel serial 46387
      priority: 'normal',
      coParties: [
        { party: 'property', organizationId: 'o-jinshan', organizationName: '金山物业服务有限公司', personId: 'p-li', personName: '李秀英' },
        { party: 'social_org' },
      ],
    });
  });

  it('previews the rows with their values and outcome', () => {
    expect(plan.preview).toHaveLength(4);
    expect(plan.preview[0]).toMatchObject({ row: 2, taskId: plan.tasks[0]?.id, errors: [] });
    expect(plan.preview[1]).toMatchObject({ row: 3, values: { listItemNo: '2', description: '缺标题的一行' } });
    expect(plan.preview[1]?.taskId).toBeUndefined();
  });
});

describe('row rules', () => {
  const one = (cells: Partial<Record<(typeof HEADER)[number], ImportCell>>) =>
    planImport(sheet(HEADER.map((h) => cells[h] ?? '')), mapping, ctx);

  it.each([
    ['no lead party', { 问题: '路灯' }, [{ field: 'leadParty', code: 'PARTY_MISSING' }]],
    ['a due date before the import day', { 问题: '路灯', 牵头方: '物业', 完成时限: '2026-11-24' }, [{ field: 'dueDate', code: 'DUE_BEFORE_CREATION', detail: { createdOn: '2026-11-25' } }]],
    ['a name two active people share', { 问题: '路灯', 牵头方: '党支部', 责任人: '陈静' }, [{ field: 'owner', code: 'AMBIGUOUS_PERSON', detail: { name: '陈静', count: 2 } }]],
    ['two owners', { 问题: '路灯', 牵头方: '物业', 责任人: '李秀英、王芳' }, [{ field: 'owner', code: 'MULTIPLE_PERSONS', detail: { name: '李秀英、王芳' } }]],
    ['an unknown co-party', { 问题: '路灯', 牵头方: '物业', 配合方: '业委会、城管' }, [{ field: 'coParties', code: 'UNKNOWN_PARTY', detail: { name: '城管' } }]],
    ['a priority nobody uses', { 问题: '路灯', 牵头方: '物业', 优先级: '很高很高' }, [{ field: 'priority', code: 'BAD_PRIORITY', detail: { value: '很高很高' } }]],
    ['a title too long (the form rule)', { 问题: '长'.repeat(201), 牵头方: '物业' }, [{ field: 'title', code: 'TOO_LONG', detail: { max: 200 } }]],
    ['21 tags (the form rule)', { 问题: '路灯', 牵头方: '物业', 标签: Array.from({ length: 21 }, (_, i) => `t${i}`).join('、') }, [{ field: 'tags', code: 'TOO_LONG', detail: { max: 20 } }]],
  ])('%s', (_name, cells, expected) => {
    const plan = one(cells);
    expect(plan.tasks).toHaveLength(0);
    expect(plan.errors.map(({ row: _row, ...e }) => e)).toEqual(expected);
  });

  it('the same name in the lead party picks that person', () => {
    expect(one({ 问题: '义诊', 牵头方: '共建单位', 责任人: '陈静' }).tasks[0]).toMatchObject({ ownerId: 'p-chen2' });
  });

  it('co-parties equal to the lead party or repeated are dropped, not refused', () => {
    expect(one({ 问题: '路灯', 牵头方: '物业', 配合方: '物业公司、业委会，业主委员会' }).tasks[0]?.coParties).toEqual([{ party: 'owners_committee' }]);
  });

  it('an organisation in the party column gives the party and the organisation', () => {
    expect(one({ 问题: '义诊', 牵头方: '市第一医院' }).tasks[0]).toMatchObject({ leadParty: 'co_builder', leadOrganizationId: 'o-hospital', leadOrganizationName: '市第一医院' });
    expect(one({ 问题: '路灯', 牵头方: '恒大物业管理有限公司' }).tasks[0]).toMatchObject({ leadParty: 'property', leadOrganizationName: '恒大物业管理有限公司' });
  });

  it('the same item twice in one file is imported once', () => {
    const row = ['7', '路灯', '', '物业', '', '', '', '', '', '', ''];
    const plan = planImport(sheet(row, [...row]), mapping, ctx);
    expect(plan.tasks).toHaveLength(1);
    expect(plan.errors).toEqual([{ row: 3, code: 'DUPLICATE_IN_FILE', detail: { firstRow: 2 } }]);
  });
});

describe('values', () => {
  it.each<[ImportCell, string | null | undefined]>([
    ['2026-12-01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['2026.12.1', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'],
    ['２０２６年１２月１日', '2026-12-01'],
    ['2026-12-01 00:00:00', '2026-12-01'],
    ['20261201', '2026-12-01'],
    [new Date(Date.UTC(2026, 11, 1)), '2026-12-01'],
    [46357, '2026-12-01'],
    ['46357', '2026-12-01'],
    ['2026-02-30', null],
    ['明年', null],
    [12, null],
    ['', undefined],
    [null, undefined],
  ])('date %j → %j', (cell, expected) => expect(parseImportDate(cell)).toBe(expected));

  it.each([
    ['党支部', 'branch'],
    ['支部', 'branch'],
    ['业主委员会', 'owners_committee'],
    ['物业', 'property'],
    ['物业公司', 'property'],
    ['社会组织', 'social_org'],
    ['社工', 'social_org'],
    ['共建单位', 'co_builder'],
    ['驻区单位', 'co_builder'],
    ['居民小组', 'resident_group'],
    ['楼栋小组', 'resident_group'],
    ['阳光社工站', 'social_org'],
    ['property', 'property'],
  ])('party %s → %s', (text, party) => expect(resolveParty(text, roster)?.party).toBe(party));
  it('an unknown party is undefined', () => expect(resolveParty('街道办', roster)).toBeUndefined());

  it('splits lists on 、，,/ but not inside brackets', () => {
    expect(splitList('业委会、物业公司（金山物业，李秀英）/社工,居民小组；')).toEqual(['业委会', '物业公司（金山物业，李秀英）', '社工', '居民小组']);
  });

  it.each([
    ['紧急', 'urgent'],
    ['高', 'high'],
    ['一般', 'normal'],
    ['低', 'low'],
    ['', undefined],
    ['?', null],
  ])('priority %s → %s', (text, expected) => expect(parsePriority(text)).toBe(expected));
});

describe('identity', () => {
  it('ids are stable, depend on list, number and title, and fit the schema', () => {
    const id = importedTaskId('清单', '1', '路灯');
    expect(id).toBe(importedTaskId('清单', '1', ' 路灯 '));
    expect(id).not.toBe(importedTaskId('清单', '2', '路灯'));
    expect(id).not.toBe(importedTaskId('另一清单', '1', '路灯'));
    expect(id).toMatch(/^gl-[0-9a-f]{32}$/);
  });

  it('tasks already stored are not written again', () => {
    const plan = planImport(sheet(['1', '路灯', '', '物业'], ['2', '井盖', '', '物业']), mapping, ctx);
    const existing = new Set([plan.tasks[0]?.id ?? '']);
    const split = withoutExisting(plan, existing);
    expect(split.existing).toBe(1);
    expect(split.fresh.map((t) => t.title)).toEqual(['井盖']);
  });
});

describe('large lists', () => {
  const big = (n: number): SheetRow[] =>
    sheet(
      ...Array.from({ length: n }, (_, i): ImportCell[] => [
        String(i + 1),
        `治理事项${i + 1}`,
        '',
        ['物业', '业委会', '党支部', '社工', '共建单位', '居民小组'][i % 6] ?? '',
        i % 2 === 0 ? '张建国' : '',
        '业委会',
        '2026-12-31',
        '',
        `${(i % 20) + 1}号楼`,
        '',
        '',
      ]),
    );

  it('500 rows plan quickly and completely', () => {
    const rows = big(500);
    const t0 = performance.now();
    const plan = planImport(rows, mapping, ctx);
    const ms = performance.now() - t0;
    expect(plan.totalRows).toBe(500);
    expect(plan.errors).toEqual([]);
    expect(plan.tasks).toHaveLength(500);
    expect(new Set(plan.tasks.map((t) => t.id)).size).toBe(500);
    expect(plan.preview).toHaveLength(100);
    expect(ms).toBeLessThan(2000);
  });

  it('planning in chunks gives the same plan as all at once', () => {
    const rows = big(530);
    const planner = createImportPlanner(mapping, ctx);
    for (let i = 0; i < rows.length; i += 100) planner.add(rows.slice(i, i + 100));
    expect(planner.result()).toEqual(planImport(rows, mapping, ctx));
  });
});
