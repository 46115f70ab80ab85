// The renderer's one home for table export (tasks, ledger reports): XLSX or CSV through the bridge's file:save.
// The table itself is pure (shared/domain/common/table.ts).
export { exportFileBase, exportTable, tableFileContent, tableXlsxBytes, type ExportFormat } from './table-file';
export type { DataTable, TableCell, TableColumn } from '../../shared/domain/common/table';
export { reportOutcome } from './outcome';
