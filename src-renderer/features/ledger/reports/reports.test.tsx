import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinliDatabase } from '../../../db/database';
import { DatabaseProvider } from '../../../db/context';
import { openTestDatabase, teardown } from '../../../testing/render-app';
import { ReportsTab } from './index';
import { seedBooks } from './test-books';

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
    window.linli = { 'file:save': save } as never;
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
});
