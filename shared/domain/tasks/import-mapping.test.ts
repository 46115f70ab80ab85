import { describe, expect, it } from 'vitest';
import { detectMapping, findHeaderRow, layoutKey, normaliseHeader, sanitiseMapping, withColumn } from './import-mapping';
import { EXPORT_COLUMNS } from './export';

describe('detectMapping', () => {
  it.each([
    [
      'an office list',
      ['序号', '问题', '具体内容', '牵头单位', '责任人', '配合单位', '完成时限', '优先级', '楼栋/区域', '类别', '标签'],
      { listItemNo: 0, title: 1, description: 2, leadParty: 3, owner: 4, coParties: 5, dueDate: 6, priority: 7, location: 8, category: 9, tags: 10 },
    ],
    [
      'hints in brackets, required marks and full-width spaces',
      ['*事项', '牵头方（六方之一）', '截止日期(年-月-日)', '责任人　', '清单名称'],
      { title: 0, leadParty: 1, dueDate: 2, owner: 3, listName: 4 },
    ],
    ['牵头方 and 牵头单位 each find their own column', ['标题', '牵头单位', '牵头方'], { title: 0, leadParty: 2, leadOrganization: 1 }],
    ['headers containing a word', ['事项标题', '计划完成时限（工作日）', '问题描述'], { title: 0, dueDate: 1, description: 2 }],
    ['unknown headers stay unmapped', ['甲', '乙'], {}],
  ])('%s', (_name, header, expected) => expect(detectMapping(header)).toEqual(expected));

  it('an exported file maps back onto its own columns', () => {
    const m = detectMapping(EXPORT_COLUMNS);
    const col = (h: string) => EXPORT_COLUMNS.indexOf(h as (typeof EXPORT_COLUMNS)[number]);
    expect(m).toEqual({
      title: col('标题'),
      description: col('描述'),
      leadParty: col('牵头方'),
      leadOrganization: col('牵头单位'),
      owner: col('责任人'),
      coParties: col('配合方'),
      dueDate: col('截止日期'),
      priority: col('优先级'),
      location: col('位置'),
      category: col('类别'),
      tags: col('标签'),
      listItemNo: col('清单编号'),
      listName: col('清单名称'),
    });
  });
});

describe('findHeaderRow', () => {
  it('skips a title line above the header', () => {
    expect(findHeaderRow([['金山花园小区治理清单'], ['制表：党支部', '', '2026年11月'], ['序号', '事项', '牵头方'], ['1', '路灯', '物业']])).toBe(2);
  });
  it('-1 when no row names a title column', () => expect(findHeaderRow([['a', 'b'], ['1', '2']])).toBe(-1));
});

describe('layout key and remembered mappings', () => {
  it('ignores spacing, width, marks and trailing empty columns', () => {
    expect(layoutKey(['标题 ', '牵头方*', '', ''])).toBe(layoutKey(['标题', '牵头方']));
    expect(layoutKey(['标题', '牵头方'])).not.toBe(layoutKey(['牵头方', '标题']));
    expect(normaliseHeader('完成时限（工作日）')).toBe('完成时限');
  });
  it('sanitiseMapping keeps only columns that exist, once each', () => {
    expect(sanitiseMapping({ title: 0, leadParty: 7, owner: 0, dueDate: 1.5, bogus: 1 }, 3)).toEqual({ title: 0 });
    expect(sanitiseMapping('x', 3)).toBeNull();
  });
  it('withColumn moves a column to the field chosen', () => {
    expect(withColumn({ title: 0, description: 1 }, 'title', 1)).toEqual({ title: 1 });
    expect(withColumn({ title: 0, description: 1 }, 'description', null)).toEqual({ title: 0 });
  });
});
