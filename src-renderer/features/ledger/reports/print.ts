// Printing a ledger report (A4, the shared print shell): the same ReportTable the export writes, money as ¥1,234.56
// right-aligned; wide tables turn the page sideways (a later @page size wins over the shell's).
import type { BridgeResult } from '../../../../shared/bridge';
import { formatMoneyFen } from '../../../../shared/domain/common/decimal';
import { cellText, type TableCell, type TableColumn } from '../../../../shared/domain/common/table';
import type { ReportTable } from '../../../../shared/domain/ledger/report-tables';
import { getBridge } from '../../../bridge';
import { escapeHtml, printDocument } from '../../../print';
import { exportFileBase } from '../../../export';

const REPORT_CSS = `
.ledger-report { font-size: 10pt; line-height: 1.4; }
.ledger-report table { table-layout: auto; }
.ledger-report th { width: auto; padding: 1mm 1.5mm; }
.ledger-report td { padding: 0.8mm 1.5mm; white-space: pre; }
.ledger-report td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ledger-report td.wrap { white-space: pre-wrap; }
.ledger-report tr.total td { font-weight: 700; }
`;

/** A cell as the screen and the paper show it: money ¥1,234.56, empty money blank. */
export function displayCell(cell: TableCell, column: TableColumn): string {
  if (column.kind === 'money' && typeof cell === 'number') return formatMoneyFen(cell);
  return cellText(cell, column.kind);
}

export type ReportPrintOptions = { readonly compoundName?: string | undefined; readonly printedOn: string };

export function reportHtml(report: ReportTable, options: ReportPrintOptions): string {
  const total = new Set(report.totalRows);
  const head = report.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = report.rows
    .map((r, i) => {
      const cells = report.columns.map((c, j) => {
        const cls = c.kind === 'money' ? 'num' : (c.width ?? 0) >= 24 ? 'wrap' : '';
        return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(displayCell(r[j] ?? null, c))}</td>`;
      });
      return `<tr${total.has(i) ? ' class="total"' : ''}>${cells.join('')}</tr>`;
    })
    .join('');
  const heading = `${options.compoundName?.trim() ?? ''}${report.title}`;
  return printDocument({
    title: `${heading} ${report.subtitle}`,
    bodyHtml: [
      `<style>${REPORT_CSS}${report.landscape ? '@page { size: A4 landscape; }' : ''}</style>`,
      '<div class="ledger-report">',
      `<h1>${escapeHtml(heading)}</h1>`,
      `<p class="subtitle">${escapeHtml(report.subtitle)}</p>`,
      `<p class="org-line">金额单位：元\u3000打印日期：${escapeHtml(options.printedOn)}</p>`,
      `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`,
      '</div>',
    ].join('\n'),
  });
}

export function printReport(report: ReportTable, options: ReportPrintOptions): BridgeResult<{ printed: boolean }> {
  return getBridge()['print:html']({ html: reportHtml(report, options), title: exportFileBase(`${report.title}-${report.subtitle}`) });
}

export function saveReportPdf(report: ReportTable, options: ReportPrintOptions): BridgeResult<{ path: string | null }> {
  return getBridge()['print:toPdf']({ html: reportHtml(report, options), fileName: `${exportFileBase(`${report.title}-${report.subtitle}`)}.pdf` });
}
