import { useMemo } from 'react';
import type { TableCell, TableColumn } from '../../../../shared/domain/common/table';
import type { ReportTable } from '../../../../shared/domain/ledger/report-tables';
import { VirtualTable } from '../../../ui/VirtualTable';
import { displayCell } from './print';

/** Up to this many rows a report is one plain table; a longer one (a year's 明细账: tens of thousands) draws only the rows in view. */
export const PLAIN_REPORT_ROWS = 200;

const numClass = (c: TableColumn): string | undefined => (c.kind === 'money' ? 'num' : undefined);
const totalStyle = { fontWeight: 600 } as const;

/** A report on screen: the very table that prints and exports; money right-aligned in tabular figures. */
export function ReportTableView({ report }: { report: ReportTable }) {
  if (report.rows.length <= PLAIN_REPORT_ROWS) return <PlainReportTable report={report} />;
  // Another report (title or range) starts at its top; the same report updated in place keeps its scroll position.
  return <VirtualReportTable key={`${report.title}\u0000${report.subtitle}`} report={report} />;
}

function HeaderRow({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <tr>
      {columns.map((c) => (
        <th key={c.header} scope="col" className={numClass(c)}>
          {c.header}
        </th>
      ))}
    </tr>
  );
}

const cellsOf = (row: readonly TableCell[], columns: readonly TableColumn[]) =>
  columns.map((c, j) => (
    <td key={c.header} className={numClass(c)}>
      {displayCell(row[j] ?? null, c)}
    </td>
  ));

function PlainReportTable({ report }: { report: ReportTable }) {
  const total = new Set(report.totalRows);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table compact" data-testid="report-table" aria-label={report.title}>
        <thead>
          <HeaderRow columns={report.columns} />
        </thead>
        <tbody>
          {report.rows.map((r, i) => (
            <tr key={i} data-total={total.has(i) ? 'true' : undefined} style={total.has(i) ? totalStyle : undefined}>
              {report.columns.map((c, j) => (
                <td key={c.header} className={numClass(c)} style={{ whiteSpace: 'pre' }}>
                  {displayCell(r[j] ?? null, c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column's width in `ch`: its export width (Excel characters), wide enough for its header (CJK ≈ 2ch) plus padding. */
const widthCh = (c: TableColumn): number => Math.max(c.width ?? 12, c.header.length * 2 + 3);

/** A long report in its own scroller (70vh), only the rows in view drawn (ui/VirtualTable). */
function VirtualReportTable({ report }: { report: ReportTable }) {
  const total = useMemo(() => new Set(report.totalRows), [report.totalRows]);
  const widths = useMemo(() => report.columns.map(widthCh), [report.columns]);
  return (
    <VirtualTable
      count={report.rows.length}
      widths={widths}
      label={report.title}
      testId="report-table"
      scrollTestId="report-scroll"
      header={report.columns.map((c) => (
        <th key={c.header} scope="col" className={numClass(c)}>
          {c.header}
        </th>
      ))}
      cells={(i) => cellsOf(report.rows[i] ?? [], report.columns)}
      rowProps={(i) => (total.has(i) ? { 'data-total': 'true', style: totalStyle } : {})}
    />
  );
}
