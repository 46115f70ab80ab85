import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createdFields } from '../../../../shared/domain/common/stamp';
import { chartFromTemplate, templateAccountId } from '../../../../shared/domain/ledger';
import type { LinliDatabase } from '../../../db/database';
import { currentStamp, setOperatorName } from '../../../db/operator';
import { openTestDatabase, renderApp, teardown } from '../../../testing/render-app';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
  setOperatorName(undefined);
});
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};

const A = templateAccountId;

/** The template chart with a balanced opening: ¥10,000.00 in the bank against 非限定性净资产. */
async function seedChart(): Promise<void> {
  const opening: Record<string, number> = { [A('100201')]: 1_000_000, [A('3101')]: 1_000_000 };
  const stamp = currentStamp();
  await theDb().accounts.bulkInsert(chartFromTemplate().map((a) => ({ ...a, ...(opening[a.id] ? { openingBalanceFen: opening[a.id] } : {}), ...createdFields(stamp) })));
}

/** A voucher prepared by 张会计; posted (reviewed and posted by 李审核) unless `draft`. */
async function seedVoucher(id: string, date: string, debit: string, credit: string, fen: number, draft = false): Promise<void> {
  setOperatorName('张会计');
  await theDb().vouchers.insert({
    id,
    date,
    period: date.slice(0, 7),
    summary: id,
    lines: [
      { id: `${id}-1`, accountId: A(debit), debitFen: fen, creditFen: 0 },
      { id: `${id}-2`, accountId: A(credit), debitFen: 0, creditFen: fen },
    ],
    status: 'draft',
    preparedBy: '张会计',
    ...createdFields(currentStamp()),
  });
  if (draft) return;
  setOperatorName('李审核');
  const at = new Date().toISOString();
  await (await theDb().vouchers.findOne(id).exec())?.incrementalPatch({ status: 'posted', reviewedBy: '李审核', reviewedAt: at, postedBy: '李审核', postedAt: at });
}

const cells = (row: HTMLElement): (string | null)[] => within(row).getAllByRole('cell').map((c) => c.textContent);

/** Reviews and posts the open voucher in the editor as 李审核, then closes it. */
async function reviewAndPost(id: string): Promise<void> {
  fireEvent.click(await screen.findByTestId(`voucher-row-${id}`));
  await screen.findByTestId('voucher-editor');
  setOperatorName('李审核');
  fireEvent.click(screen.getByTestId('voucher-review'));
  await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('已审核'));
  fireEvent.click(screen.getByTestId('voucher-post'));
  await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('已过账'));
  expect(screen.queryByTestId('voucher-error')).toBeNull();
  fireEvent.click(screen.getByTestId('voucher-close'));
  await waitFor(() => expect(screen.queryByTestId('voucher-editor')).toBeNull());
}

describe('财务台账 — 年度结转', () => {
  it('previews the lines, makes the drafts, and once posted income and expense stand at zero in the 科目余额表', async () => {
    await seedChart();
    await seedVoucher('park', '2025-03-10', '100201', '470101', 120_000);
    await seedVoucher('fix', '2025-06-10', '510101', '100201', 30_000);
    setOperatorName('张会计');
    await renderApp(theDb(), '#/ledger?tab=periods', { keepStorage: true });

    expect((await screen.findByTestId('yearend-year-2025')).textContent).toContain('未结转');
    fireEvent.click(screen.getByTestId('yearend-2025'));
    const income = await screen.findByTestId('yearend-preview-yearend-2025-income');
    expect(within(income).getAllByRole('row').slice(1, -1).map(cells)).toEqual([
      ['470101 停车收益', '', '¥1,200.00', ''],
      ['3101 非限定性净资产', '', '', '¥1,200.00'],
    ]);
    expect(screen.getByTestId('yearend-total-debit-yearend-2025-income').textContent).toBe('¥1,200.00');
    expect(screen.getByTestId('yearend-total-credit-yearend-2025-income').textContent).toBe('¥1,200.00');
    const expense = screen.getByTestId('yearend-preview-yearend-2025-expense');
    expect(within(expense).getAllByRole('row').slice(1, -1).map(cells)).toEqual([
      ['3101 非限定性净资产', '', '¥300.00', ''],
      ['510101 维修养护', '', '', '¥300.00'],
    ]);
    expect(screen.getByTestId('yearend-summary').textContent).toContain('收支结余 ¥900.00 转入净资产');
    expect(await theDb().vouchers.count().exec()).toBe(2); // a preview writes nothing

    fireEvent.click(screen.getByTestId('yearend-create'));
    // The drafts open in December's voucher list.
    await screen.findByTestId('voucher-row-yearend-2025-income');
    expect(screen.getByTestId('voucher-row-yearend-2025-expense').textContent).toContain('草稿');
    const drafts = (await theDb().vouchers.find({ selector: { status: 'draft' } }).exec()).map((d) => d.toJSON());
    expect(drafts.map((v) => [v.id, v.date, v.preparedBy]).sort()).toEqual([
      ['yearend-2025-expense', '2025-12-31', '张会计'],
      ['yearend-2025-income', '2025-12-31', '张会计'],
    ]);

    // Pending on the 结账 tab, with a way back to them.
    fireEvent.click(screen.getByTestId('ledger-tab-periods'));
    expect((await screen.findByTestId('yearend-year-2025')).textContent).toContain('结转凭证待审核');
    fireEvent.click(screen.getByTestId('yearend-open-2025'));
    await reviewAndPost('yearend-2025-income');
    await reviewAndPost('yearend-2025-expense');

    fireEvent.click(screen.getByTestId('ledger-tab-reports'));
    await screen.findByTestId('ledger-reports');
    fireEvent.change(screen.getByLabelText('期间类型'), { target: { value: 'year' } });
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2025' } });
    await waitFor(() => expect(screen.getByTestId('trial-balanced').textContent).toBe('试算平衡'));
    const rows = within(screen.getByTestId('report-table')).getAllByRole('row');
    const row = (code: string): (string | null)[] => cells(rows.find((r) => r.textContent?.startsWith(code)) as HTMLElement).slice(2);
    // opening 借/贷, period 借/贷, closing 借/贷
    expect(row('470101')).toEqual(['', '', '¥1,200.00', '¥1,200.00', '', '']);
    expect(row('510101')).toEqual(['', '', '¥300.00', '¥300.00', '', '']);
    expect(row('3101')).toEqual(['', '¥10,000.00', '¥300.00', '¥1,200.00', '', '¥10,900.00']);

    fireEvent.click(screen.getByTestId('ledger-tab-periods'));
    expect((await screen.findByTestId('yearend-year-2025')).textContent).toContain('已结转');
    fireEvent.click(screen.getByTestId('yearend-2025'));
    expect((await screen.findByTestId('yearend-refused')).textContent).toContain('2025年度已结转');
  });

  it('says why it cannot carry yet: a draft left in the year, the year before not carried', async () => {
    await seedChart();
    await seedVoucher('p24', '2024-11-02', '100201', '470101', 10_000);
    await seedVoucher('park', '2025-03-10', '100201', '470101', 120_000);
    await seedVoucher('late', '2025-12-20', '510101', '100201', 5_000, true);
    setOperatorName('张会计');
    await renderApp(theDb(), '#/ledger?tab=periods', { keepStorage: true });

    fireEvent.click(await screen.findByTestId('yearend-2025'));
    expect((await screen.findByTestId('yearend-refused')).textContent).toContain('2025年还有 1 张凭证未过账（最早在 2025-12）：请先审核过账或删除，再做年度结转。');
    await (await theDb().vouchers.findOne('late').exec())?.remove();
    await waitFor(() => expect(screen.getByTestId('yearend-refused').textContent).toContain('2024年度的收入和费用尚未结转：请先做2024年度结转。'));
    expect(screen.queryByTestId('yearend-create')).toBeNull();

    fireEvent.click(screen.getByTestId('yearend-2024'));
    expect(await screen.findByTestId('yearend-preview-yearend-2024-income')).toBeTruthy();
  });

  it('an account deactivated while it held a balance is named; 启用 it, and the carry can be made', async () => {
    await seedChart();
    await seedVoucher('park', '2025-03-10', '100201', '470101', 120_000);
    await (await theDb().accounts.findOne(A('470101')).exec())?.incrementalPatch({ active: false });
    setOperatorName('张会计');
    await renderApp(theDb(), '#/ledger?tab=periods', { keepStorage: true });

    fireEvent.click(await screen.findByTestId('yearend-2025'));
    expect((await screen.findByTestId('yearend-refused')).textContent).toContain('科目 470101 停车收益 已停用，但仍有余额，不能结转：请先在「科目」中启用该科目。');

    fireEvent.click(screen.getByTestId('ledger-tab-accounts'));
    fireEvent.click(await screen.findByTestId('activate-470101'));
    await waitFor(() => expect(screen.getByTestId('account-470101').textContent).not.toContain('已停用'));
    fireEvent.click(screen.getByTestId('ledger-tab-periods'));
    fireEvent.click(await screen.findByTestId('yearend-2025'));
    expect(await screen.findByTestId('yearend-preview-yearend-2025-income')).toBeTruthy();
  });

  it('drafts deleted are made again under the same ids (over their deletion marks)', async () => {
    await seedChart();
    await seedVoucher('park', '2025-03-10', '100201', '470101', 120_000);
    setOperatorName('张会计');
    await renderApp(theDb(), '#/ledger?tab=periods', { keepStorage: true });
    fireEvent.click(await screen.findByTestId('yearend-2025'));
    fireEvent.click(await screen.findByTestId('yearend-create'));
    await screen.findByTestId('voucher-row-yearend-2025-income');
    await (await theDb().vouchers.findOne('yearend-2025-income').exec())?.remove();

    fireEvent.click(screen.getByTestId('ledger-tab-periods'));
    await waitFor(() => expect(screen.getByTestId('yearend-year-2025').textContent).toContain('未结转'));
    fireEvent.click(screen.getByTestId('yearend-2025'));
    fireEvent.click(await screen.findByTestId('yearend-create'));
    await screen.findByTestId('voucher-row-yearend-2025-income');
    const [raw] = await theDb().vouchers.storageInstance.findDocumentsById(['yearend-2025-income'], false);
    expect(raw).toMatchObject({ status: 'draft', preparedBy: '张会计', sync: { dirty: true } });
    expect(raw?._rev.startsWith('3-')).toBe(true);
  });
});
