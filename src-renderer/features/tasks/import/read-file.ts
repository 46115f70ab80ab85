// File → sheet rows for the 治理清单 import: CSV through papaparse (UTF-8 with or without BOM, or GBK as older
// Excel on Chinese Windows saves it), XLSX through exceljs (the first sheet), loaded only when a workbook is opened
// so it does not weigh on the app's start.
import Papa from 'papaparse';
import type { ImportCell, SheetRow } from '../../../../shared/domain/tasks/import';

export type ReadErrorCode = 'UNSUPPORTED_TYPE' | 'BAD_ENCODING' | 'UNREADABLE' | 'EMPTY' | 'TOO_LARGE';
export class ImportReadError extends Error {
  constructor(readonly code: ReadErrorCode, cause?: unknown) {
    super(code, cause === undefined ? undefined : { cause });
    this.name = 'ImportReadError';
  }
}

export type SheetData = { readonly rows: readonly SheetRow[]; readonly encoding?: 'utf-8' | 'gbk' | 'utf-16'; readonly sheetName?: string };

/** Larger workbooks would stall the page while exceljs unzips them; no office list comes near this. */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

export const fileKind = (name: string): 'csv' | 'xlsx' | null => {
  const ext = name.split('.').pop()?.toLowerCase();
  return ext === 'csv' || ext === 'txt' ? 'csv' : ext === 'xlsx' ? 'xlsx' : null;
};

/**
 * Bytes → text: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GBK (GB18030 covers it) when they
 * decode without replacement characters; else BAD_ENCODING.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' | 'utf-16' } {
  // Excel's 「Unicode 文本」 is UTF-16 with a BOM.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    return { text, encoding: 'utf-16' }; // tab-separated: papaparse detects the delimiter
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    // not UTF-8
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    // NULs or other control characters mean this was not text in any encoding we read.
    // eslint-disable-next-line no-control-regex -- looking for exactly those characters
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) throw new Error('binary');
    return { text, encoding: 'gbk' };
  } catch (e) {
    throw new ImportReadError('BAD_ENCODING', e);
  }
}

/** CSV text → rows numbered from 1, as Excel shows them. */
export function parseCsv(text: string): SheetRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const rows: SheetRow[] = [];
  parsed.data.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ n: i + 1, cells });
  });
  return rows;
}

// exceljs cell values: text, number, Date, boolean, rich text, hyperlink, formula (with its cached result), error.
type XlsxValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };

export function xlsxCell(v: XlsxValue): ImportCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return xlsxCell(v.result as XlsxValue);
  if ('error' in v) return null;
  if ('text' in v) return xlsxCell(v.text as XlsxValue);
  return null;
}

type ExcelModule = typeof import('exceljs');

async function loadExcel(): Promise<ExcelModule> {
  // The browser build resolves to exceljs/dist/exceljs.min.js (its "browser" field), a CommonJS bundle.
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.Workbook ? mod : (mod.default as ExcelModule);
}

/** The first worksheet's rows (empty rows dropped), with their sheet row numbers. */
export async function parseXlsx(data: ArrayBuffer): Promise<{ rows: SheetRow[]; sheetName: string }> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data);
  } catch (e) {
    throw new ImportReadError('UNREADABLE', e);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportReadError('EMPTY');
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    // row.values is 1-based (index 0 is empty).
    const values = (row.values as XlsxValue[]).slice(1);
    const cells = Array.from({ length: values.length }, (_, i) => xlsxCell(values[i]));
    if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) rows.push({ n, cells });
  });
  return { rows, sheetName: ws.name };
}

/** Reads a picked file; throws ImportReadError with a code the dialog words. */
export async function readImportFile(file: Blob & { name: string }): Promise<SheetData> {
  const kind = fileKind(file.name);
  if (!kind) throw new ImportReadError('UNSUPPORTED_TYPE');
  if (file.size > MAX_IMPORT_BYTES) throw new ImportReadError('TOO_LARGE');
  const buffer = await file.arrayBuffer();
  let data: SheetData;
  if (kind === 'csv') {
    const { text, encoding } = decodeCsv(new Uint8Array(buffer));
    data = { rows: parseCsv(text), encoding };
  } else {
    data = await parseXlsx(buffer);
  }
  if (data.rows.length === 0) throw new ImportReadError('EMPTY');
  return data;
}

/** 2026年度治理清单.xlsx → 2026年度治理清单: the list name when the sheet has no 清单名称 column. */
export const listNameOf = (fileName: string): string => fileName.replace(/\.[^.]+$/, '').trim();
