import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableCell } from '../../../../shared/domain/common/table';
import { templateAccountId } from '../../../../shared/domain/ledger/chart';
import { fixtureAccounts } from '../../../../shared/domain/ledger/fixtures';
import { numberAll } from '../../../../shared/domain/ledger/numbering';
import type { ReportTable } from '../../../../shared/domain/ledger/report-tables';
import type { LinliDatabase } from '../../../db/database';
import { DatabaseProvider } from '../../../db/context';
import { openTestDatabase, teardown } from '../../../testing/render-app';
import { ReportsTab } from './index';
import { buildReport, buildReportWithTrial } from './ReportsTab';
import { PLAIN_REPORT_ROWS, ReportTableView } from './ReportTableView';
import { seedBooks } from './test-books';
import { webBridge } from '../../../bridge/web';

// numberAll as it is, but counted: only the reports that show voucher numbers may number every voucher.
vi.mock('../../../../shared/domain/ledger/numbering', async (original) => {
  const actual = await original<typeof import('../../../../shared/domain/ledger/numbering')>();
  return { ...actual, numberAll: vi.fn(actual.numberAll) };
});

let db: LinliDatabase | undefined;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete window.linli;
  await teardown(db);
  db = undefined;
});

const showYear2026 = () => {
  fireEvent.change(screen.getByLabelText('期间类型'), { target: { value: 'year' } });
  fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2026' } });
};

describe('财务台账 — 报表', () => {
  it('科目余额表 on the seeded books: totals balance, money as ¥ with two decimals', async () => {
    await seedBooks(db!);
    render(
      <DatabaseProvider db={db!}>
        <ReportsTab />
      </DatabaseProvider>,
    );
    showYear2026();
    await waitFor(() => expect(screen.getByTestId('trial-balanced').textContent).toBe('试算平衡'));
    const rows = within(screen.getByTestId('report-table')).getAllByRole('row');
    const total = rows.at(-1)!;
    const cells = within(total).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[1]).toBe('合计');
    expect(cells[2]).toBe(cells[3]);
    expect(cells[4]).toBe(cells[5]);
    expect(cells[4]).toBe('¥3,360.00');
    expect(cells[6]).toBe(cells[7]);
    const bank = rows.find((r) => r.textContent?.startsWith('100201'))!;
    expect(within(bank).getAllByRole('cell').map((c) => c.textContent).slice(2)).toEqual(['¥50,000.00', '', '¥800.00', '¥2,500.00', '¥48,300.00', '']);
  });

  it('exports the 收支表 as CSV with Chinese headers through the bridge', async () => {
    await seedBooks(db!);
    const save = vi.fn(async (_a: { defaultName: string; content: string; encoding: string }) => ({ ok: true as const, value: { path: '/tmp/x.csv' } }));
    window.linli = { ...webBridge, 'file:save': save } as never; // a desktop bridge: the rest as the browser's
    render(
      <DatabaseProvider db={db!}>
        <ReportsTab />
      </DatabaseProvider>,
    );
    showYear2026();
    fireEvent.click(screen.getByTestId('report-income'));
    await waitFor(() => expect(screen.getByRole('table', { name: '收支表' })).toBeTruthy());
    fireEvent.click(screen.getByTestId('report-export-csv'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const arg = save.mock.calls[0]![0];
    expect(arg.defaultName).toBe('收支表-2026-01-01 至 2026-12-31.csv');
    expect(arg.encoding).toBe('utf8');
    expect(arg.content.startsWith('\uFEFF科目编码,项目,本期金额,其中：限定性\r\n')).toBe(true);
    expect(arg.content).toContain(',收入合计,860.00,');
    expect(arg.content).toContain(',三、收支结余,-1640.00,');
  });

  it('a small report is one plain table: every row drawn, totals bold with data-total', () => {
    const report = ledgerLike(PLAIN_REPORT_ROWS);
    render(<ReportTableView report={report} />);
    const table = screen.getByTestId('report-table');
    expect(table.getAttribute('aria-label')).toBe('明细账 100201 银行存款');
    const body = table.querySelector('tbody')!;
    expect(body.querySelectorAll('tr')).toHaveLength(200);
    const totals = body.querySelectorAll('tr[data-total="true"]');
    expect(totals).toHaveLength(1);
    expect(totals[0]).toBe(body.querySelector('tr:last-child'));
    expect((totals[0] as HTMLElement).style.fontWeight).toBe('600');
    expect(within(totals[0] as HTMLElement).getAllByRole('cell').map((c) => c.textContent)).toEqual(['', '', '本期合计', '¥199.00', '']);
    expect(screen.queryByTestId('report-scroll')).toBeNull();
  });

  it('a 5,000-row report draws only the rows in view, in its own scroller, and the total when scrolled to the end', async () => {
    const report = ledgerLike(5_000);
    render(<ReportTableView report={report} />);
    const table = screen.getByTestId('report-table');
    expect(table.getAttribute('aria-label')).toBe('明细账 100201 银行存款');
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['日期', '凭证号', '摘要', '借方', '余额']);
    const drawn = () => [...table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-index]')];
    await waitFor(() => expect(drawn().length).toBeGreaterThan(10));
    expect(table.querySelectorAll('tr').length).toBeLessThan(100);
    const rows = drawn();
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(within(rows[0]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2026-01-01', '记-1', '摘要 1', '¥0.01', '¥0.01']);
    expect(within(rows[1]!).getAllByRole('cell')[2]!.textContent).toBe('摘要 2');
    expect(within(rows[0]!).getAllByRole('cell')[3]!.className).toBe('num');
    // The rows not drawn still take their room: one spacer row below, none above at the top.
    const spacers = table.querySelectorAll<HTMLTableRowElement>('tbody tr.virtual-spacer');
    expect(spacers).toHaveLength(1);
    expect(spacers[0]!.getAttribute('aria-hidden')).toBe('true');
    expect(parseFloat(spacers[0]!.querySelector('td')!.style.height)).toBeGreaterThan(100_000);

    // jsdom has no layout: scroll by hand to the very end.
    const scroller = screen.getByTestId('report-scroll');
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 5_000 * 34 });
    act(() => {
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(table.querySelector('tbody tr[data-total="true"]')).not.toBeNull());
    const total = table.querySelector<HTMLTableRowElement>('tbody tr[data-total="true"]')!;
    expect(total.getAttribute('aria-rowindex')).toBe('5001');
    expect(within(total).getAllByRole('cell').map((c) => c.textContent)).toEqual(['', '', '本期合计', '¥124,975.00', '']);
    expect(table.querySelectorAll('tr').length).toBeLessThan(100);
    expect(table.querySelectorAll('tbody tr.virtual-spacer')).toHaveLength(1);
  });

  it('numbers the vouchers only for the reports that show voucher numbers, and hands the 科目余额表 its trial balance', () => {
    const books = { accounts: fixtureAccounts(), vouchers: [], periods: [], reconciliations: [] };
    const range = { from: '2026-01-01', to: '2026-12-31' };
    const choice = { accountId: templateAccountId('100201'), bankAccountId: '' };
    const counted = vi.mocked(numberAll);
    const before = counted.mock.calls.length;
    const trial = buildReportWithTrial(books, range, { ...choice, kind: 'trial' });
    expect(trial.trial?.balanced).toBe(true);
    expect(typeof trial.report === 'string' ? trial.report : trial.report.title).toBe('科目余额表');
    for (const kind of ['income', 'balance', 'restricted'] as const) expect(buildReportWithTrial(books, range, { ...choice, kind }).trial).toBeNull();
    expect(counted.mock.calls.length).toBe(before);
    const ledger = buildReport(books, range, { ...choice, kind: 'ledger' });
    expect(typeof ledger === 'string' ? ledger : ledger.title).toBe('明细账 100201 基本存款账户');
    expect(counted.mock.calls.length).toBe(before + 1);
    expect(buildReport(books, range, { ...choice, accountId: '', kind: 'ledger' })).toBe('请选择科目。');
    expect(counted.mock.calls.length).toBe(before + 1);
  });
});

/** A 明细账-shaped report of `n` rows: n − 1 lines of 1, 2, … fen, then 本期合计. */
function ledgerLike(n: number): ReportTable {
  const rows: TableCell[][] = [];
  let sum = 0;
  for (let i = 1; i < n; i++) {
    sum += i;
    rows.push(['2026-01-01', `记-${i}`, `摘要 ${i}`, i, sum]);
  }
  rows.push(['', '', '本期合计', sum, null]);
  return {
    title: '明细账 100201 银行存款',
    subtitle: '2026-01-01 至 2026-12-31',
    sheetName: '明细账',
    columns: [{ header: '日期', kind: 'date', width: 12 }, { header: '凭证号' }, { header: '摘要', width: 30 }, { header: '借方', kind: 'money', width: 16 }, { header: '余额', kind: 'money', width: 16 }],
    rows,
    totalRows: [rows.length - 1],
    landscape: false,
  };
}
