// Exporting the task list (the filtered view) as a table: Chinese column names and display text, in the layout
// import reads back (an exported file maps onto itself and finds its list items already there). Pure; the renderer
// writes the table as CSV (toCsv) or XLSX.
import { chinaDateTimeOf } from '../common/dates';
import { PARTY_LABELS } from '../roster/labels';
import { TASK_PRIORITY_LABELS, TASK_SOURCE_LABELS, TASK_STATUS_LABELS } from './labels';
import type { CoParty, Task } from './types';

export const EXPORT_COLUMNS = [
  '编号',
  '标题',
  '牵头方',
  '牵头单位',
  '责任人',
  '配合方',
  '状态',
  '截止日期',
  '优先级',
  '来源',
  '位置',
  '类别',
  '标签',
  '创建时间',
  '办结时间',
  // After the agreed columns: what import needs to rebuild a task and recognise a list item.
  '描述',
  '清单名称',
  '清单编号',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Columns holding a calendar date (YYYY-MM-DD): written as date cells in XLSX. */
export const EXPORT_DATE_COLUMNS: readonly ExportColumn[] = ['截止日期'];

/** 物业公司（金山物业，张三）: the party, then its organisation and person when named (import reads this back). */
export function coPartyText(c: CoParty | Readonly<CoParty>): string {
  const details = [c.organizationName, c.personName].map((s) => s?.trim() ?? '').filter((s) => s !== '');
  return details.length > 0 ? `${PARTY_LABELS[c.party]}（${details.join('，')}）` : PARTY_LABELS[c.party];
}

/** A timestamp as the date and time in Beijing, 2026-11-25 16:30; '' when absent. */
const when = (iso: string | undefined): string => {
  const t = iso ? chinaDateTimeOf(iso) : null;
  return t ? `${t.date} ${t.time}` : '';
};

export function exportRow(t: Task): Record<ExportColumn, string> {
  const source = t.source;
  return {
    编号: t.id,
    标题: t.title,
    牵头方: PARTY_LABELS[t.leadParty],
    牵头单位: t.leadOrganizationName ?? '',
    责任人: t.ownerName ?? '',
    配合方: (t.coParties ?? []).map(coPartyText).join('、'),
    状态: TASK_STATUS_LABELS[t.status],
    截止日期: t.dueDate ?? '',
    优先级: TASK_PRIORITY_LABELS[t.priority],
    来源: source ? TASK_SOURCE_LABELS[source.kind] : '',
    位置: t.location ?? '',
    类别: t.category ?? '',
    标签: (t.tags ?? []).join('、'),
    创建时间: when(t.createdAt),
    办结时间: when(t.closedAt),
    描述: t.description ?? '',
    清单名称: source?.kind === 'governance_list' ? (source.listName ?? '') : '',
    清单编号: source?.kind === 'governance_list' ? (source.listItemNo ?? '') : '',
  };
}

/** The table: header, then one row per task in the order given (the list's order). */
export function exportTable(tasks: readonly Task[]): { header: readonly ExportColumn[]; rows: string[][] } {
  return { header: EXPORT_COLUMNS, rows: tasks.map((t) => { const r = exportRow(t); return EXPORT_COLUMNS.map((c) => r[c]); }) };
}

/**
 * Text Excel would run as a formula (= + - @, or a leading tab/CR) gets a leading apostrophe in CSV, so a cell
 * like 「=HYPERLINK(…)」 typed into a title cannot act when the file is opened. Import takes the apostrophe off.
 */
const guard = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** UTF-8 BOM: without it Excel on Chinese Windows reads a CSV as GBK and shows mojibake. */
export const UTF8_BOM = '\uFEFF';

/** RFC 4180 CSV with a BOM and CRLF line ends, as Excel opens it. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => cells.map((c) => quote(guard(c))).join(',');
  return UTF8_BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

/** 六方联动任务-2026-11-28.xlsx: a file name the bridge accepts. */
export const exportFileName = (today: string, format: 'xlsx' | 'csv', prefix = '六方联动任务'): string =>
  `${prefix}-${today}.${format}`;
