// A plain table for export and print (tasks, ledger reports): typed columns so that money and dates stay numbers and
// dates in XLSX, and one CSV writer with Excel's quirks (BOM, CRLF, formula escaping). Pure.
import { formatFixed } from './decimal';

/** 'money' cells are integer fen; 'date' cells YYYY-MM-DD text; 'number' plain numbers; everything else text. */
export type TableColumnKind = 'text' | 'date' | 'money' | 'number';
export type TableColumn = { readonly header: string; readonly kind?: TableColumnKind; readonly width?: number };
export type TableCell = string | number | null;
export type DataTable = {
  readonly sheetName: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[])[];
};

/**
 * Text Excel would run as a formula (= + - @, or a leading tab/CR) gets a leading apostrophe in CSV, so a cell
 * like 「=HYPERLINK(…)」 typed into a title cannot act when the file is opened. Import takes the apostrophe off.
 */
export const guardFormula = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** UTF-8 BOM: without it Excel on Chinese Windows reads a CSV as GBK and shows mojibake. */
export const UTF8_BOM = '\uFEFF';

/** RFC 4180 CSV of text cells with a BOM and CRLF line ends, as Excel opens it. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => cells.map((c) => quote(guardFormula(c))).join(',');
  return UTF8_BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

/** A cell as CSV text: money as plain yuan (1234.56, no ¥ or commas, so Excel reads a number). */
export function cellText(cell: TableCell, kind: TableColumnKind = 'text'): string {
  if (cell === null) return '';
  if (kind === 'money' && typeof cell === 'number') return formatFixed(cell, { scale: 2 });
  return String(cell);
}

/** The table as CSV. Generated numbers are written as they are (a negative amount is not a formula). */
export function tableToCsv(table: DataTable): string {
  const line = (cells: readonly string[], guard: readonly boolean[]): string => cells.map((c, i) => quote(guard[i] ? guardFormula(c) : c)).join(',');
  const header = table.columns.map((c) => c.header);
  const textCol = table.columns.map(() => true);
  const rows = table.rows.map((r) =>
    line(
      table.columns.map((c, i) => cellText(r[i] ?? null, c.kind)),
      table.columns.map((c, i) => typeof r[i] !== 'number'),
    ),
  );
  return UTF8_BOM + [line(header, textCol), ...rows].join('\r\n') + '\r\n';
}
