import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinliDatabase } from '../../../db/database';
import { DatabaseProvider } from '../../../db/context';
import { openTestDatabase, teardown } from '../../../testing/render-app';
import { seedBooks } from '../reports/test-books';
import { ReconciliationTab } from './index';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
});

describe('财务台账 — 银行对账', () => {
  it('shows 差额 live as postings are ticked, saves only at zero, lists and undoes the reconciliation', async () => {
    await seedBooks(db!);
    render(
      <DatabaseProvider db={db!}>
        <ReconciliationTab />
      </DatabaseProvider>,
    );
    fireEvent.change(await screen.findByLabelText('对账单日期'), { target: { value: '2026-01-31' } });
    fireEvent.change(screen.getByLabelText('对账单余额'), { target: { value: '12.345' } });
    expect(screen.getByRole('alert').textContent).toBe('对账单余额最多精确到分（两位小数）');
    fireEvent.change(screen.getByLabelText('对账单余额'), { target: { value: '¥48,300.00' } });
    // Opening ¥50,000.00 counts as reconciled; nothing ticked yet.
    await waitFor(() => expect(screen.getByTestId('recon-difference').textContent).toBe('-¥1,700.00'));
    expect(screen.getByTestId('recon-book').textContent).toBe('¥48,300.00');
    fireEvent.click(screen.getByLabelText('勾对 2026-01-05 1月停车收益'));
    expect(screen.getByTestId('recon-difference').textContent).toBe('-¥2,500.00');
    expect((screen.getByTestId('recon-save') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('recon-save'));
    await waitFor(() => expect(screen.getByTestId('recon-message').textContent).toBe('勾选的分录与对账单余额不符，差额不为零，不能保存'));
    fireEvent.click(screen.getByLabelText('勾对 2026-01-20 电梯维修'));
    expect(screen.getByTestId('recon-difference').textContent).toBe('¥0.00');
    fireEvent.click(screen.getByTestId('recon-save'));
    await waitFor(() => expect(screen.getByTestId('recon-message').textContent).toBe('对账已保存。'));
    const saved = (await db!.bank_reconciliations.find().exec()).map((d) => d.toJSON());
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ bankAccountId: 'acct-100201', statementDate: '2026-01-31', statementBalanceFen: 4_830_000, by: '张会计' });
    expect(saved[0]!.items).toHaveLength(2);
    // Both lines are reconciled now: none left to tick.
    await waitFor(() => expect(screen.queryByLabelText('勾对 2026-01-20 电梯维修')).toBeNull());

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    fireEvent.click(await screen.findByRole('button', { name: '撤销对账' }));
    await waitFor(() => expect(screen.getByTestId('recon-message').textContent).toBe('已撤销对账。'));
    expect((await db!.bank_reconciliations.findOne(saved[0]!.id).exec())!.toJSON().undoneBy).toBe('张会计');
    await waitFor(() => expect(screen.getByLabelText('勾对 2026-01-20 电梯维修')).toBeTruthy());
  });
});
