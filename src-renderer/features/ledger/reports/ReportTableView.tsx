import type { ReportTable } from '../../../../shared/domain/ledger/report-tables';
import { displayCell } from './print';

/** A report on screen: the very table that prints and exports; money right-aligned in tabular figures. */
export function ReportTableView({ report }: { report: ReportTable }) {
  const total = new Set(report.totalRows);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table compact" data-testid="report-table" aria-label={report.title}>
        <thead>
          <tr>
            {report.columns.map((c) => (
              <th key={c.header} className={c.kind === 'money' ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r, i) => (
            <tr key={i} data-total={total.has(i) ? 'true' : undefined} style={total.has(i) ? { fontWeight: 600 } : undefined}>
              {report.columns.map((c, j) => (
                <td key={c.header} className={c.kind === 'money' ? 'num' : undefined} style={{ whiteSpace: 'pre' }}>
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
