import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localDate } from '../../../shared/domain/common/dates';
import { createdFields } from '../../../shared/domain/common/stamp';
import { chartFromTemplate, templateAccountId } from '../../../shared/domain/ledger';
import type { LinliDatabase } from '../../db/database';
import { currentStamp, setOperatorName } from '../../db/operator';
import { openTestDatabase, renderApp, teardown } from '../../testing/render-app';
import { ledgerText } from './messages';

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

const TODAY = localDate(new Date());
const MONTH = TODAY.slice(0, 7);
const BANK = templateAccountId('100201');
const PARKING = templateAccountId('470101');

/** The template chart with a balanced opening: ¥10,000.00 in the bank against 非限定性净资产. */
async function seedChart(): Promise<void> {
  const opening: Record<string, number> = { [BANK]: 1_000_000, [templateAccountId('3101')]: 1_000_000 };
  const stamp = currentStamp();
  await theDb().accounts.bulkInsert(chartFromTemplate().map((a) => ({ ...a, ...(opening[a.id] ? { openingBalanceFen: opening[a.id] } : {}), ...createdFields(stamp) })));
}

/** A draft prepared by 张会计 (the writer must be the 制单人). */
async function seedDraft(id: string, amountFen = 50_000): Promise<void> {
  setOperatorName('张会计');
  await theDb().vouchers.insert({
    id,
    date: TODAY,
    period: MONTH,
    summary: '收停车费',
    lines: [
      { id: `${id}-1`, accountId: BANK, debitFen: amountFen, creditFen: 0 },
      { id: `${id}-2`, accountId: PARKING, debitFen: 0, creditFen: amountFen },
    ],
    status: 'draft',
    preparedBy: '张会计',
    ...createdFields(currentStamp()),
  });
}

const stored = async (id: string) => (await theDb().vouchers.findOne(id).exec())?.toJSON();
const cell = (line: number, name: string): HTMLInputElement => screen.getByTestId(`line-${line}-${name}`) as HTMLInputElement;
const enter = (el: HTMLElement): void => {
  fireEvent.keyDown(el, { key: 'Enter' });
};

describe('财务台账 — 建账', () => {
  it('sets up the template chart in one write, then takes balanced opening balances once', async () => {
    await renderApp(theDb(), '#/ledger');
    fireEvent.click(await screen.findByTestId('setup-template'));
    await screen.findByTestId('opening-balances');
    expect(await theDb().accounts.count().exec()).toBe(chartFromTemplate().length);

    fireEvent.change(screen.getByTestId('opening-100201'), { target: { value: '10,000' } });
    fireEvent.change(screen.getByTestId('opening-3101'), { target: { value: '8000' } });
    expect(screen.getByTestId('opening-problem').textContent).toContain('期初余额借贷不平衡');
    expect(screen.getByTestId('opening-problem').textContent).toContain('差额 ¥2,000.00');
    fireEvent.click(screen.getByTestId('opening-save'));
    expect((await screen.findByTestId('opening-error')).textContent).toContain('期初余额借贷不平衡');
    expect((await theDb().accounts.findOne(BANK).exec())?.openingBalanceFen).toBeUndefined();

    fireEvent.change(screen.getByTestId('opening-3101'), { target: { value: '10000.00' } });
    expect(screen.queryByTestId('opening-problem')).toBeNull();
    fireEvent.click(screen.getByTestId('opening-save'));
    await screen.findByTestId('ledger-tab-vouchers');
    await waitFor(async () => expect((await theDb().accounts.findOne(templateAccountId('3101')).exec())?.openingBalanceFen).toBe(1_000_000));
    expect((await theDb().accounts.findOne(BANK).exec())?.openingBalanceFen).toBe(1_000_000);

    fireEvent.click(screen.getByTestId('ledger-tab-accounts'));
    expect((await screen.findByTestId('account-100201')).textContent).toContain('¥10,000.00');
  });
});

describe('财务台账 — 科目', () => {
  it('adds a sub-account with the next code, refuses one under an account holding a balance, deactivates', async () => {
    await seedChart();
    await renderApp(theDb(), '#/ledger?tab=accounts');
    fireEvent.click(await screen.findByTestId('add-sub-1002'));
    fireEvent.change(screen.getByTestId('sub-name'), { target: { value: '农商银行一般户' } });
    fireEvent.click(screen.getByTestId('sub-save'));
    expect((await screen.findByTestId('account-100202')).textContent).toContain('农商银行一般户');

    fireEvent.click(screen.getByTestId('add-sub-100201'));
    fireEvent.change(screen.getByTestId('sub-name'), { target: { value: '定期' } });
    fireEvent.click(screen.getByTestId('sub-save'));
    expect((await screen.findByTestId('accounts-error')).textContent).toContain('不能再增加明细科目');

    fireEvent.click(screen.getByTestId('deactivate-5401'));
    await waitFor(() => expect(screen.getByTestId('account-540101').textContent).toContain('已停用'));
    expect((await theDb().accounts.findOne(templateAccountId('5401')).exec())?.active).toBe(false);
  });
});

describe('财务台账 — 凭证', () => {
  it('takes a voucher from the keyboard: Enter moves on, "=" balances, "12.345" is refused', async () => {
    await seedChart();
    setOperatorName('张会计');
    await renderApp(theDb(), '#/ledger', { keepStorage: true });
    fireEvent.click(await screen.findByTestId('new-voucher'));
    await screen.findByTestId('voucher-editor');
    fireEvent.change(screen.getByTestId('voucher-summary'), { target: { value: '收三月停车费' } });

    fireEvent.change(cell(1, 'summary'), { target: { value: '停车费' } });
    enter(cell(1, 'summary'));
    await waitFor(() => expect(document.activeElement).toBe(cell(1, 'account')));
    fireEvent.change(cell(1, 'account'), { target: { value: '100201' } });
    enter(cell(1, 'account'));
    expect(cell(1, 'account').value).toBe('100201 基本存款账户');
    await waitFor(() => expect(document.activeElement).toBe(cell(1, 'debit')));

    fireEvent.change(cell(1, 'debit'), { target: { value: '12.345' } });
    expect(screen.getByTestId('line-1-debit-error').textContent).toBe('金额最多保留两位小数（到分）。');
    fireEvent.change(cell(1, 'debit'), { target: { value: '1e5' } });
    expect(screen.getByTestId('line-1-debit-error').textContent).toContain('请填写金额');
    fireEvent.click(screen.getByTestId('voucher-save'));
    expect((await screen.findByTestId('voucher-error')).textContent).toContain('请先改正标红的金额');
    expect(await theDb().vouchers.count().exec()).toBe(0);

    fireEvent.change(cell(1, 'debit'), { target: { value: '1,200.50' } });
    expect(screen.queryByTestId('line-1-debit-error')).toBeNull();
    enter(cell(1, 'debit'));
    await waitFor(() => expect(document.activeElement).toBe(cell(1, 'credit')));
    enter(cell(1, 'credit'));
    await waitFor(() => expect(document.activeElement).toBe(cell(2, 'summary')));
    enter(cell(2, 'summary'));
    // Type-ahead by name: 停车 → 470101 停车收益.
    fireEvent.change(cell(2, 'account'), { target: { value: '停车' } });
    expect(screen.getByRole('option', { name: '470101 停车收益' })).toBeTruthy();
    enter(cell(2, 'account'));
    expect(cell(2, 'account').value).toBe('470101 停车收益');
    expect(screen.getByTestId('voucher-difference').textContent).toContain('¥1,200.50');

    fireEvent.keyDown(cell(2, 'credit'), { key: '=' });
    expect(cell(2, 'credit').value).toBe('1200.50');
    expect(screen.getByTestId('total-debit').textContent).toBe('¥1,200.50');
    expect(screen.getByTestId('total-credit').textContent).toBe('¥1,200.50');
    expect(screen.getByTestId('voucher-difference').textContent).toContain('¥0.00');

    // Enter after the last cell adds a line.
    enter(cell(2, 'credit'));
    await waitFor(() => expect(document.activeElement).toBe(cell(3, 'summary')));

    fireEvent.click(screen.getByTestId('voucher-save'));
    await waitFor(() => expect(screen.queryByTestId('voucher-editor')).toBeNull());
    const all = (await theDb().vouchers.find().exec()).map((d) => d.toJSON());
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'draft', preparedBy: '张会计', summary: '收三月停车费', period: MONTH });
    expect(all[0]?.lines.map((l) => [l.accountId, l.debitFen, l.creditFen])).toEqual([
      [BANK, 120_050, 0],
      [PARKING, 0, 120_050],
    ]);
    expect(screen.getByTestId(`voucher-row-${all[0]?.id ?? ''}`).textContent).toContain('草稿');
  });

  it('refuses self-review; another person reviews, posts, and reverses it with a linked red voucher', async () => {
    await seedChart();
    await seedDraft('v1');
    await renderApp(theDb(), '#/ledger', { keepStorage: true });
    fireEvent.click(await screen.findByText('收停车费'));
    await screen.findByTestId('voucher-editor');
    fireEvent.click(screen.getByTestId('voucher-review'));
    expect((await screen.findByTestId('voucher-error')).textContent).toBe('不能审核自己制单的凭证');
    expect((await stored('v1'))?.status).toBe('draft');

    setOperatorName('李审核');
    fireEvent.click(screen.getByTestId('voucher-review'));
    await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('已审核'));
    expect(await stored('v1')).toMatchObject({ status: 'reviewed', reviewedBy: '李审核' });

    fireEvent.click(screen.getByTestId('voucher-post'));
    await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('已过账'));
    expect(await stored('v1')).toMatchObject({ status: 'posted', postedBy: '李审核' });
    // Read-only once posted; the number is provisional until 结账.
    expect(cell(1, 'debit').readOnly).toBe(true);
    expect(screen.getByRole('dialog').textContent).toContain('记-1（暂）');

    fireEvent.click(screen.getByTestId('voucher-reverse'));
    await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('草稿'));
    expect(screen.getByRole('dialog').textContent).toContain('红字冲销：冲销');
    const reversal = (await theDb().vouchers.find().exec()).map((d) => d.toJSON()).find((v) => v.reversalOf === 'v1');
    expect(reversal).toMatchObject({ status: 'draft', preparedBy: '李审核' });
    expect(reversal?.lines.map((l) => [l.debitFen, l.creditFen])).toEqual([
      [-50_000, 0],
      [0, -50_000],
    ]);
    expect(cell(1, 'debit').value).toBe('-500.00');

    setOperatorName('张会计');
    fireEvent.click(screen.getByTestId('voucher-review'));
    await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('已审核'));
    fireEvent.click(screen.getByTestId('voucher-post'));
    await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('已过账'));
    expect(await stored(reversal?.id ?? '')).toMatchObject({ status: 'posted', reversalOf: 'v1' });
    await waitFor(async () => expect(await stored('v1')).toMatchObject({ status: 'posted', reversedBy: reversal?.id }));
    expect(screen.queryByTestId('voucher-error')).toBeNull();
    expect(screen.getByRole('dialog').textContent).toContain('红字冲销：冲销');
  });
});

describe('财务台账 — 结账', () => {
  it('explains a close refused for unsynced changes or a stale close', () => {
    expect(ledgerText('UNSYNCED_CHANGES')).toContain('请先同步，再结账');
    expect(ledgerText('CLOSE_STALE')).toContain('请先同步，再结账');
  });

  it('closes the month (final numbers, books verified); a voucher dated in it is then refused', async () => {
    await seedChart();
    await seedDraft('v1');
    setOperatorName('李审核');
    const doc = await theDb().vouchers.findOne('v1').exec();
    const at = new Date().toISOString();
    await doc?.incrementalPatch({ status: 'posted', reviewedBy: '李审核', reviewedAt: at, postedBy: '李审核', postedAt: at });
    await renderApp(theDb(), '#/ledger?tab=periods', { keepStorage: true });

    fireEvent.click(await screen.findByTestId(`close-${MONTH}`));
    await waitFor(() => expect(screen.getByTestId(`period-${MONTH}`).textContent).toContain('已结账'));
    expect((await theDb().periods.findOne(MONTH).exec())?.toJSON()).toMatchObject({ status: 'closed', closedBy: '李审核' });
    expect(screen.getByTestId('chain-check').textContent).toBe('账簿校验：一致');

    fireEvent.click(screen.getByTestId('ledger-tab-vouchers'));
    await waitFor(() => expect(screen.getByTestId('voucher-row-v1').textContent).toContain('记-1'));
    expect(screen.getByTestId('voucher-row-v1').textContent).not.toContain('暂');

    fireEvent.click(screen.getByTestId('new-voucher'));
    await screen.findByTestId('voucher-editor');
    expect(screen.getByTestId('voucher-date-error').textContent).toContain('该会计期间已结账，不能再录入或修改其中的凭证');
    fireEvent.change(screen.getByTestId('voucher-summary'), { target: { value: '补录' } });
    fireEvent.change(cell(1, 'account'), { target: { value: '100201' } });
    fireEvent.change(cell(1, 'debit'), { target: { value: '10' } });
    fireEvent.change(cell(2, 'account'), { target: { value: '470101' } });
    fireEvent.change(cell(2, 'credit'), { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('voucher-save'));
    expect((await screen.findByTestId('voucher-error')).textContent).toContain('该会计期间已结账');
    expect(await theDb().vouchers.count().exec()).toBe(1);
  });
});

describe('财务台账 — a busy month', () => {
  it('lists a month of hundreds of vouchers drawing only the rows in view, and opens the one clicked', async () => {
    await seedChart();
    setOperatorName('张会计');
    const stamp = currentStamp();
    await theDb().vouchers.bulkInsert(
      Array.from({ length: 450 }, (_, i) => ({
        id: `busy-${String(i).padStart(3, '0')}`,
        date: TODAY,
        period: MONTH,
        summary: `收停车费 ${i}`,
        lines: [
          { id: `busy-${i}-1`, accountId: BANK, debitFen: 100 + i, creditFen: 0 },
          { id: `busy-${i}-2`, accountId: PARKING, debitFen: 0, creditFen: 100 + i },
        ],
        status: 'draft' as const,
        preparedBy: '张会计',
        ...createdFields(stamp),
      })),
    );
    await renderApp(theDb(), '#/ledger');
    const list = await screen.findByTestId('voucher-list');
    expect(list.getAttribute('data-rows')).toBe('450');
    expect(list.getAttribute('aria-rowcount')).toBe('451');
    const drawn = list.querySelectorAll('tbody tr[data-testid^="voucher-row-"]');
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(100);
    fireEvent.click(screen.getByTestId('voucher-row-busy-000'));
    expect(((await screen.findByTestId('voucher-summary')) as HTMLInputElement).value).toBe('收停车费 0');
  });
});
