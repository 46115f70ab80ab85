import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../schema';
import { coPartyText, EXPORT_COLUMNS, exportFileName, exportRow, exportTable, toCsv } from './export';
import { importedTaskId, planImport, type SheetRow } from './import';
import { exportFixture, importRoster, importStamp } from './import-fixtures';
import { detectMapping } from './import-mapping';

describe('exportRow', () => {
  it('shows every column in Chinese', () => {
    const [a, b] = exportFixture().map(exportRow);
    expect(a).toMatchObject({
      编号: 'gl-1',
      牵头方: '物业公司',
      牵头单位: '金山物业服务有限公司',
      责任人: '李秀英',
      配合方: '业委会（王芳）、居民小组',
      状态: '办理中',
      截止日期: '2026-12-01',
      优先级: '高',
      来源: '治理清单',
      标签: '电梯、安全',
      创建时间: '2026-11-25 10:00',
      办结时间: '',
      清单名称: '2026年度治理清单',
      清单编号: '1',
    });
    expect(b).toMatchObject({ 状态: '已办结', 来源: '居民诉求', 办结时间: '2026-11-27 17:30', 清单名称: '' });
  });
  it('co-party with organisation and person', () =>
    expect(coPartyText({ party: 'property', organizationName: '金山物业', personName: '李秀英' })).toBe('物业公司（金山物业，李秀英）'));
  it('file name', () => expect(exportFileName('2026-11-28', 'csv')).toBe('六方联动任务-2026-11-28.csv'));
});

describe('toCsv', () => {
  it('has a BOM, CRLF, quotes what needs quoting and defuses formulas', () => {
    const csv = toCsv(['a', 'b'], [['x,y', '说"明"'], ['=1+1', '多\n行']]);
    expect(csv.startsWith('\uFEFFa,b\r\n')).toBe(true);
    expect(csv).toContain('"x,y","说""明"""\r\n');
    expect(csv).toContain(`'=1+1,"多\n行"\r\n`);
  });
});

describe('round trip: export → CSV → import', () => {
  it('imports what was exported, and recognises the list item already there', () => {
    const tasks = exportFixture();
    const { header, rows } = exportTable(tasks);
    expect(header).toEqual(EXPORT_COLUMNS);
    const csv = toCsv(header, rows);
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const sheet: SheetRow[] = parsed.slice(1).map((cells, i) => ({ n: i + 2, cells }));
    const mapping = detectMapping(parsed[0] ?? []);
    const plan = planImport(sheet, mapping, { roster: importRoster(), listName: '导出', stamp: importStamp });
    expect(plan.errors).toEqual([]);
    const [a, b] = plan.tasks;
    const same = (t: TaskDoc | undefined) => ({
      title: t?.title,
      description: t?.description,
      leadParty: t?.leadParty,
      leadOrganizationId: t?.leadOrganizationId,
      ownerId: t?.ownerId,
      coParties: t?.coParties,
      dueDate: t?.dueDate,
      priority: t?.priority,
      location: t?.location,
      category: t?.category,
      tags: t?.tags,
    });
    expect(same(a)).toEqual(same(tasks[0]));
    expect(same(b)).toEqual(same(tasks[1])); // the formula guard came off again
    // The governance-list item keeps its list and number, so its id is the one a first import gave it.
    expect(a?.source).toEqual(tasks[0]?.source);
    expect(a?.id).toBe(importedTaskId('2026年度治理清单', '1', '3号楼电梯异响'));
    expect(b?.source).toMatchObject({ kind: 'governance_list', listName: '导出' });
  });
});
