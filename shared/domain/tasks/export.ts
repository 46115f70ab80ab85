// Exporting the task list (the filtered view) as a table: Chinese column names and display text, in the layout
// import reads back (an exported file maps onto itself and finds its list items already there). Pure; the renderer
// writes the table as CSV (toCsv) or XLSX.
import { chinaDateTimeOf } from '../common/dates';
import type { DataTable } from '../common/table';
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

/** CSV lives with the shared table (one writer for every export); re-exported for tasks' callers. */
export { toCsv, UTF8_BOM } from '../common/table';

/** The tasks as a typed table (due dates become date cells in XLSX). */
export function exportDataTable(tasks: readonly Task[]): DataTable {
  const { header, rows } = exportTable(tasks);
  return tasksDataTable(header, rows);
}

/** Column widths in characters (CJK counts about two). */
const WIDTHS: Readonly<Record<string, number>> = { 编号: 14, 标题: 40, 配合方: 30, 描述: 50, 创建时间: 18, 办结时间: 18, 截止日期: 12, 牵头单位: 20, 清单名称: 20 };

/** Any header and text rows in the tasks' sheet layout (import tests build sheets with it). */
export function tasksDataTable(header: readonly string[], rows: readonly (readonly string[])[]): DataTable {
  return {
    sheetName: '六方联动任务',
    columns: header.map((h) => ({ header: h, width: WIDTHS[h] ?? 12, ...(EXPORT_DATE_COLUMNS.includes(h as ExportColumn) ? { kind: 'date' as const } : {}) })),
    rows,
  };
}

/** 六方联动任务-2026-11-28.xlsx: a file name the bridge accepts. */
export const exportFileName = (today: string, format: 'xlsx' | 'csv', prefix = '六方联动任务'): string =>
  `${prefix}-${today}.${format}`;
