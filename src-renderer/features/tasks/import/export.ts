// 导出 Excel / 导出 CSV of the tasks shown: the table of shared/domain/tasks/export saved through the shared table
// export (src-renderer/export).
import type { BridgeResult } from '../../../../shared/bridge';
import { localDate } from '../../../../shared/domain/common/dates';
import { exportDataTable, tasksDataTable } from '../../../../shared/domain/tasks/export';
import type { Task } from '../../../../shared/domain/tasks/types';
import { exportTable, tableFileContent, tableXlsxBytes, type ExportFormat } from '../../../export';

export type { ExportFormat };

/** Text rows in the tasks' sheet layout as .xlsx (due dates as date cells). */
export const xlsxBytes = (header: readonly string[], rows: readonly (readonly string[])[]): Promise<Uint8Array<ArrayBuffer>> =>
  tableXlsxBytes(tasksDataTable(header, rows));

/** The exported file's content for the bridge's file:save. */
export const exportContent = (tasks: readonly Task[], format: ExportFormat): Promise<{ content: string; encoding: 'utf8' | 'base64' }> =>
  tableFileContent(exportDataTable(tasks), format);

/**
 * Saves the tasks (in the order given, i.e. the filtered and sorted list) as 六方联动任务-<date>.xlsx or .csv.
 * path null: the user cancelled the save dialog.
 */
export const exportTasks = (tasks: readonly Task[], format: ExportFormat): BridgeResult<{ path: string | null }> =>
  exportTable(exportDataTable(tasks), format, `六方联动任务-${localDate(new Date())}`);
