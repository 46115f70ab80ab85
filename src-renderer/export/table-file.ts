// 导出 Excel / 导出 CSV of any table (tasks, ledger reports): CSV with a BOM, or XLSX written by exceljs (loaded on
// first use, so the app starts without it), saved through the bridge's file:save (on the web host, a download).
import type { BridgeResult } from '../../shared/bridge';
import { tableToCsv, type DataTable } from '../../shared/domain/common/table';
import { getBridge } from '../bridge';

export type ExportFormat = 'xlsx' | 'csv';

type ExcelModule = typeof import('exceljs');

async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.Workbook ? mod : (mod.default as ExcelModule);
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ . */
const sheetName = (s: string): string => (s.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1');

/**
 * The table as an .xlsx workbook: one sheet, a bold frozen header with a filter; date columns as date cells and
 * money (fen) as numbers in yuan with two decimals, so that they sort and sum in Excel.
 */
export async function tableXlsxBytes(table: DataTable): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = '邻里工作台';
  const ws = wb.addWorksheet(sheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? (c.kind === 'money' ? 16 : 12) }));
  for (const r of table.rows) {
    ws.addRow(
      table.columns.map((c, i) => {
        const v = r[i] ?? null;
        if (v === null) return null;
        // A real date cell sorts and filters as a date in Excel; UTC midnight is what Excel stores for a day.
        if (c.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00.000Z`);
        // fen / 100 is the double nearest the exact yuan; Excel shows it exactly at two decimals.
        if (c.kind === 'money' && typeof v === 'number') return v / 100;
        return v;
      }),
    );
  }
  table.columns.forEach((c, i) => {
    if (c.kind === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    if (c.kind === 'money') ws.getColumn(i + 1).numFmt = '#,##0.00';
  });
  ws.getRow(1).font = { bold: true };
  if (table.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000; // String.fromCharCode has an argument limit
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** The file's content for the bridge's file:save. */
export async function tableFileContent(table: DataTable, format: ExportFormat): Promise<{ content: string; encoding: 'utf8' | 'base64' }> {
  if (format === 'csv') return { content: tableToCsv(table), encoding: 'utf8' };
  return { content: bytesToBase64(await tableXlsxBytes(table)), encoding: 'base64' };
}

/** A file name the bridge accepts: reserved characters replaced, the extension added. */
export function exportFileBase(name: string): string {
  return Array.from(name.trim() || '导出')
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .slice(0, 180)
    .join('');
}

/** Saves the table as `<fileBase>.xlsx` / `.csv`; path null when the user cancelled the save dialog. */
export async function exportTable(table: DataTable, format: ExportFormat, fileBase: string): BridgeResult<{ path: string | null }> {
  const { content, encoding } = await tableFileContent(table, format);
  return getBridge()['file:save']({
    defaultName: `${exportFileBase(fileBase)}.${format}`,
    content,
    encoding,
    filters: [format === 'csv' ? { name: 'CSV 文件', extensions: ['csv'] } : { name: 'Excel 工作簿', extensions: ['xlsx'] }],
  });
}
