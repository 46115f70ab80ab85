// What a treasurer does in 财务台账 (issue #12), as small steps for the end-to-end tests: set up the books, enter a
// voucher from the keyboard, review, post, reverse, read the numbered list, close a month. Selectors are labels, roles
// and data-testid — never CSS classes.
import { expect, type Locator, type Page } from '@playwright/test';

/** Today in Beijing (the PCs' zone, see newTaskPc), YYYY-MM-DD. */
export const beijingToday = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

export async function openLedger(page: Page, url: string, tab?: 'vouchers' | 'periods' | 'reports' | 'disclosure'): Promise<void> {
  await page.goto(`${url}#/ledger${tab && tab !== 'vouchers' ? `?tab=${tab}` : ''}`);
  await page.getByTestId('sync-indicator').waitFor();
}

export async function ledgerTab(page: Page, tab: 'vouchers' | 'accounts' | 'periods' | 'reports' | 'reconciliation' | 'disclosure'): Promise<void> {
  await page.getByTestId(`ledger-tab-${tab}`).click();
  await expect(page.getByTestId(`ledger-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

/** 建账 from the template, then the opening balances (code → amount as typed), saved balanced. */
export async function setUpBooks(page: Page, opening: Readonly<Record<string, string>>): Promise<void> {
  await page.getByTestId('setup-template').click();
  await page.getByTestId('opening-balances').waitFor();
  for (const [code, amount] of Object.entries(opening)) await page.getByTestId(`opening-${code}`).fill(amount);
  await page.getByTestId('opening-save').click();
  await page.getByTestId('ledger-tab-vouchers').waitFor();
}

export type VoucherInput = {
  summary: string;
  /** Account codes (type-ahead picks the account), and the amount as typed. */
  debit: string;
  credit: string;
  amount: string;
};

/** The row whose 摘要 is exactly `summary` (a reversal's 摘要 contains its original's). */
export function voucherRow(page: Page, summary: string): Locator {
  return page
    .getByTestId('voucher-list')
    .locator('tbody tr')
    .filter({ has: page.getByRole('button', { name: summary, exact: true }) });
}

/**
 * 新建凭证 from the keyboard: the account by its code + Enter, the debit amount, the second line's account, "=" in
 * its credit cell for the balancing amount; 保存. Returns the voucher's id.
 */
export async function enterVoucher(page: Page, v: VoucherInput): Promise<string> {
  await page.getByTestId('new-voucher').click();
  const editor = page.getByTestId('voucher-editor');
  await editor.waitFor();
  await page.getByTestId('voucher-summary').fill(v.summary);
  await page.getByTestId('line-1-account').fill(v.debit);
  await page.getByTestId('line-1-account').press('Enter');
  await expect(page.getByTestId('line-1-debit')).toBeFocused();
  await page.getByTestId('line-1-debit').fill(v.amount);
  await page.getByTestId('line-2-account').fill(v.credit);
  await page.getByTestId('line-2-account').press('Enter');
  await page.getByTestId('line-2-credit').press('=');
  await expect(page.getByTestId('voucher-difference')).toContainText('¥0.00');
  await page.getByTestId('voucher-save').click();
  await editor.waitFor({ state: 'detached' });
  const testId = await voucherRow(page, v.summary).getAttribute('data-testid');
  if (!testId) throw new Error(`no row for ${v.summary}`);
  return testId.replace(/^voucher-row-/, '');
}

export async function openVoucher(page: Page, summary: string): Promise<Locator> {
  await voucherRow(page, summary).getByRole('button', { name: summary, exact: true }).click();
  const editor = page.getByTestId('voucher-editor');
  await editor.waitFor();
  return editor;
}

export async function closeVoucher(page: Page): Promise<void> {
  await page.getByTestId('voucher-close').click();
  await page.getByTestId('voucher-editor').waitFor({ state: 'detached' });
}

/** Opens the voucher, presses the action and waits for the status it leads to; closes the editor again. */
export async function voucherAction(page: Page, summary: string, action: 'review' | 'post', status: '已审核' | '已过账'): Promise<void> {
  await openVoucher(page, summary);
  await page.getByTestId(`voucher-${action}`).click();
  await expect(page.getByTestId('voucher-status')).toHaveText(status);
  await closeVoucher(page);
}

/** The month's list as shown: [凭证字号, 摘要 (without badges), 状态] per row, in order. */
export async function voucherList(page: Page): Promise<string[][]> {
  const rows = page.getByTestId('voucher-list').locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator('td');
    out.push([
      (await cells.nth(0).innerText()).trim(),
      (await cells.nth(2).getByRole('button').first().innerText()).trim(),
      (await cells.nth(4).innerText()).trim(),
    ]);
  }
  return out;
}

/** Posted rows only (a PC may hold a draft the server refused). */
export async function postedList(page: Page): Promise<string[][]> {
  return (await voucherList(page)).filter((r) => r[2] === '已过账');
}
