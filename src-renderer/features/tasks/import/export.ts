// 导出 Excel / 导出 CSV of the tasks shown: the table of shared/domain/tasks/export written as XLSX (exceljs, loaded
// on first use) or as CSV with a BOM, saved through the bridge's save dialog (on the web host, a download).
import type { BridgeResult } from '../../../../shared/bridge';
import { localDate } from '../../../../shared/domain/common/dates';
import { EXPORT_DATE_COLUMNS, exportFileName, exportTable, toCsv } from '../../../../shared/domain/tasks/export';
import type { Task } from '../../../../shared/domain/tasks/types';
import { getBridge } from '../../../bridge';

export type ExportFormat = 'xlsx' | 'csv';

type ExcelModule = typeof import('exceljs');

async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.Workbook ? mod : (mod.default as ExcelModule);
}

/** Column widths in characters (CJK counts about two). */
const WIDTHS: Readonly<Record<string, number>> = { 编号: 14, 标题: 40, 配合方: 30, 描述: 50, 创建时间: 18, 办结时间: 18, 截止日期: 12, 牵头单位: 20, 清单名称: 20 };

/** The table as an .xlsx workbook: one sheet, a bold frozen header with a filter, due dates as date cells. */
export async function xlsxBytes(header: readonly string[], rows: readonly (readonly string[])[]): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = '邻里工作台';
  const ws = wb.addWorksheet('六方联动任务', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h) => ({ header: h, key: h, width: WIDTHS[h] ?? 12 }));
  const dateCols = header.map((h, i) => (EXPORT_DATE_COLUMNS.includes(h as never) ? i : -1)).filter((i) => i >= 0);
  for (const r of rows) {
    const values: (string | Date)[] = [...r];
    for (const i of dateCols) {
      const d = r[i];
      // A real date cell sorts and filters as a date in Excel; UTC midnight is what Excel stores for a day.
      if (d && /^\d{4}-\d{2}-\d{2}$/.test(d)) values[i] = new Date(`${d}T00:00:00.000Z`);
    }
    ws.addRow(values);
  }
  for (const i of dateCols) ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000; // String.fromCharCode has an argument limit
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** The exported file's content for the bridge's file:save. */
export async function exportContent(tasks: readonly Task[], format: ExportFormat): Promise<{ content: string; encoding: 'utf8' | 'base64' }> {
  const { header, rows } = exportTable(tasks);
  if (format === 'csv') return { content: toCsv(header, rows), encoding: 'utf8' };
  return { content: bytesToBase64(await xlsxBytes(header, rows)), encoding: 'base64' };
}

/**
 * Saves the tasks (in the order given, i.e. the filtered and sorted list) as 六方联动任务-<date>.xlsx or .csv.
 * path null: the user cancelled the save dialog.
 */
export async function exportTasks(tasks: readonly Task[], format: ExportFormat): BridgeResult<{ path: string | null }> {
  const { content, encoding } = await exportContent(tasks, format);
  return getBridge()['file:save']({
    defaultName: exportFileName(localDate(new Date()), format),
    content,
    encoding,
    filters: [format === 'csv' ? { name: 'CSV 文件', extensions: ['csv'] } : { name: 'Excel 工作簿', extensions: ['xlsx'] }],
  });
}
