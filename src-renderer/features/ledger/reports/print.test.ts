import { describe, expect, it } from 'vitest';
import type { ReportTable } from '../../../../shared/domain/ledger/report-tables';
import { reportHtml } from './print';

const report = (landscape: boolean): ReportTable => ({
  title: '科目余额表',
  subtitle: '2026-01-01 至 2026-01-31',
  sheetName: '科目余额表',
  columns: [{ header: '科目名称' }, { header: '本期借方', kind: 'money' }],
  rows: [
    ['<银行>', 123_456],
    ['合计', null],
  ],
  totalRows: [1],
  landscape,
});

describe('ledger report print', () => {
  it('prints money as ¥ right-aligned, escapes text, bolds totals, and turns wide tables sideways', () => {
    const html = reportHtml(report(true), { compoundName: '阳光花园', printedOn: '2026-02-01' });
    expect(html).toContain('<h1>阳光花园科目余额表</h1>');
    expect(html).toContain('<td>&lt;银行&gt;</td><td class="num">¥1,234.56</td>');
    expect(html).toContain('<tr class="total"><td>合计</td><td class="num"></td></tr>');
    expect(html).toContain('@page { size: A4 landscape; }');
    expect(reportHtml(report(false), { printedOn: '2026-02-01' })).not.toContain('landscape');
  });
});
