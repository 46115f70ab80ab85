import { describe, expect, it } from 'vitest';
import { exportFixture, importRoster, importStamp } from '../../../../shared/domain/tasks/import-fixtures';
import { planImport } from '../../../../shared/domain/tasks/import';
import { detectMapping, findHeaderRow } from '../../../../shared/domain/tasks/import-mapping';
import { exportTable } from '../../../../shared/domain/tasks/export';
import { exportContent, xlsxBytes } from './export';
import { decodeCsv, ImportReadError, parseCsv, parseXlsx, readImportFile } from './read-file';

const utf8 = (s: string) => new TextEncoder().encode(s);
// 标题,牵头方\n路灯,物业\n in GBK
const GBK = new Uint8Array([0xb1, 0xea, 0xcc, 0xe2, 0x2c, 0xc7, 0xa3, 0xcd, 0xb7, 0xb7, 0xbd, 0x0a, 0xc2, 0xb7, 0xb5, 0xc6, 0x2c, 0xce, 0xef, 0xd2, 0xb5, 0x0a]);
const file = (parts: BlobPart[], name: string) => new File(parts, name);
const ctx = { roster: importRoster(), listName: '清单', stamp: importStamp };

describe('decodeCsv', () => {
  it.each([
    ['UTF-8', utf8('标题,牵头方\n路灯,物业\n'), 'utf-8'],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('标题,牵头方\n路灯,物业\n')]), 'utf-8'],
    ['GBK', GBK, 'gbk'],
  ])('%s', (_name, bytes, encoding) => {
    const r = decodeCsv(bytes);
    expect(r.encoding).toBe(encoding);
    expect(parseCsv(r.text).map((x) => x.cells)).toEqual([
      ['标题', '牵头方'],
      ['路灯', '物业'],
    ]);
  });

  it('refuses bytes that are no text', () => {
    expect(() => decodeCsv(new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x00, 0x81]))).toThrow(ImportReadError);
  });
});

describe('parseCsv', () => {
  it('numbers rows as the sheet does, skipping empty lines, keeping quoted line breaks', () => {
    expect(parseCsv('标题,描述\r\n\r\n"路灯","坏了\n两盏"\r\n')).toEqual([
      { n: 1, cells: ['标题', '描述'] },
      { n: 3, cells: ['路灯', '坏了\n两盏'] },
    ]);
  });
});

describe('readImportFile', () => {
  it('refuses other file types and empty files', async () => {
    await expect(readImportFile(file(['x'], '清单.xls'))).rejects.toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    await expect(readImportFile(file([''], '清单.csv'))).rejects.toMatchObject({ code: 'EMPTY' });
    await expect(readImportFile(file(['not a zip'], '清单.xlsx'))).rejects.toMatchObject({ code: 'UNREADABLE' });
  });
});

describe('XLSX', () => {
  it('reads the first sheet: a title line above the header, date cells, numbers, rich text', async () => {
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('清单');
    ws.addRow(['金山花园小区治理清单']);
    ws.addRow(['序号', '事项', '牵头方', '完成时限']);
    ws.addRow([1, { richText: [{ text: '3号楼' }, { text: '电梯' }] }, '物业', new Date(Date.UTC(2026, 11, 1))]);
    ws.addRow([2, '路灯', '物业', 46387]);
    wb.addWorksheet('另一张').addRow(['不读']);
    const { rows, sheetName } = await parseXlsx((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(sheetName).toBe('清单');
    const h = findHeaderRow(rows.map((r) => r.cells));
    expect(h).toBe(1);
    const plan = planImport(rows.slice(h + 1), detectMapping(rows[h]?.cells ?? []), ctx);
    expect(plan.errors).toEqual([]);
    expect(plan.tasks.map((t) => [t.source?.listItemNo, t.title, t.dueDate])).toEqual([
      ['1', '3号楼电梯', '2026-12-01'],
      ['2', '路灯', '2026-12-31'],
    ]);
  });

  it('round trip: exported XLSX and CSV import back to the same tasks', async () => {
    const tasks = exportFixture();
    for (const format of ['xlsx', 'csv'] as const) {
      const { content, encoding } = await exportContent(tasks, format);
      const bytes = encoding === 'base64' ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0)) : new TextEncoder().encode(content);
      if (format === 'csv') expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const data = await readImportFile(file([bytes], `导出.${format}`));
      const [header, ...rows] = data.rows;
      const plan = planImport(rows, detectMapping(header?.cells ?? []), ctx);
      expect(plan.errors).toEqual([]);
      expect(plan.tasks.map((t) => [t.title, t.leadParty, t.ownerId, t.dueDate, t.coParties, t.tags])).toEqual(
        tasks.map((t) => [t.title, t.leadParty, t.ownerId, t.dueDate, t.coParties, t.tags]),
      );
    }
  });

  it('500 rows of XLSX', async () => {
    const header = ['序号', '事项', '牵头方', '责任人', '配合方', '完成时限'];
    const rows = Array.from({ length: 500 }, (_, i) => [String(i + 1), `事项${i + 1}`, '物业', '李秀英', '业委会、居民小组', '2026-12-31']);
    const bytes = await xlsxBytes(header, rows);
    const t0 = performance.now();
    const data = await readImportFile(file([bytes], '五百条.xlsx'));
    const [head, ...body] = data.rows;
    const plan = planImport(body, detectMapping(head?.cells ?? []), ctx);
    expect(plan.tasks).toHaveLength(500);
    expect(plan.errors).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('the exported sheet keeps the filtered list order and Chinese headers', async () => {
    const { header } = exportTable(exportFixture());
    const data = await readImportFile(file([await xlsxBytes(header, exportTable(exportFixture()).rows)], 'x.xlsx'));
    expect(data.rows[0]?.cells.slice(0, 4)).toEqual(['编号', '标题', '牵头方', '牵头单位']);
    expect(data.rows[1]?.cells[7]).toEqual(new Date(Date.UTC(2026, 11, 1))); // 截止日期 as a date cell
  });
});
