// 治理清单 import (CSV / XLSX) and export of the task list (XLSX / CSV).
export { ImportDialog } from './ImportDialog';
export { exportContent, exportTasks, xlsxBytes, type ExportFormat } from './export';
export { readImportFile, parseCsv, parseXlsx, decodeCsv, ImportReadError, type SheetData } from './read-file';
