// Issue #12 end to end: the treasurer's books on two PCs of one compound through a real server process, offline the
// way offices are.
//   PC A is 张会计 (出纳/会计, treasurer), PC B is 李主任 (管理员, who reviews). A sets up the books; both enter
//   vouchers; self-review is refused; each reviews the other's. Both go OFFLINE and post in the same month: each shows
//   its own provisional 记-N. Back online, both show the same list, numbered 1..n without gap or duplicate. A reverses
//   one (红字冲销, reviewed by B). B goes offline; A closes the month (final numbers, hash chain 一致) and prints the
//   科目余额表 and the 财务收支公示. B, still offline, enters a voucher into that month: on reconnect the server
//   refuses it (已结账), B's list shows the same final numbers, and a new voucher in the month is refused at once.
//   Both show identical trial balances.
//   Then a posted voucher is altered in the server's database (as someone with database access would): the server's
//   `verify` names it, and after sync both PCs name it — voucher, 记-N and field — on the ledger screen.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { configFromEnv } from '../../src-server/config';
import { openDatabase } from '../../src-server/db/open';
import {
  attachServerLog,
  createCompoundWithUsers,
  createStorage,
  HOOK_TIMEOUT,
  runCli,
  startServerOn,
  type ServerProcess,
  type ServerStorage,
  type TestUser,
} from './harness';
import { beijingToday, closeVoucher, enterVoucher, ledgerTab, openLedger, openVoucher, postedList, setUpBooks, voucherAction, voucherList, voucherRow } from './ledger-pages';
import { indicator, login, waitForSynced } from './pages';
import { pdfText, printedOn, stubBridge } from './printing';
import { newTaskPc } from './task-pages';

const COMPOUND = { code: 'ZHANGBEN', name: '和美小区' };
const PASSWORD = 'e2e-mima-2026';
const TREASURER: TestUser = { username: 'kuaiji', name: '张会计', role: 'treasurer', password: PASSWORD };
const DIRECTOR: TestUser = { username: 'zhuren', name: '李主任', role: 'admin', password: PASSWORD };

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let workDir = '';
const contexts: BrowserContext[] = [];

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(HOOK_TIMEOUT);
  storage = await createStorage();
  await createCompoundWithUsers(storage, COMPOUND, [TREASURER, DIRECTOR]);
  server = await startServerOn(storage);
  browser = launched;
  workDir = await mkdtemp(join(tmpdir(), 'linli-e2e-ledger-'));
});

test.afterEach(async () => {
  await attachServerLog(server);
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});

test.afterAll(async () => {
  test.setTimeout(HOOK_TIMEOUT);
  await server?.stop();
  await storage?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const url = (): string => {
  if (!server) throw new Error('no server');
  return server.url;
};

type Pc = { context: BrowserContext; page: Page; errors: string[] };

/** A fresh PC on Beijing's clock with a desktop-like print bridge, signed in as `user`, at 财务台账. */
async function signedInPc(user: TestUser): Promise<Pc> {
  if (!browser) throw new Error('no browser');
  const pc = await newTaskPc(browser);
  contexts.push(pc.context);
  await stubBridge(pc.context);
  await pc.page.goto(`${url()}#/settings`);
  await login(pc.page, url(), COMPOUND.code, user.username, user.password);
  await waitForSynced(pc.page);
  await openLedger(pc.page, url());
  return pc;
}

async function offline(pc: Pc): Promise<void> {
  await pc.context.setOffline(true);
  await expect.poll(async () => (await indicator(pc.page)).state).toBe('offline');
}

async function online(pc: Pc): Promise<void> {
  await pc.context.setOffline(false);
  await waitForSynced(pc.page, 60_000);
}

/** Waits until the list shows these summaries with these statuses (whatever their order). */
async function expectStatuses(page: Page, expected: Readonly<Record<string, string>>): Promise<void> {
  await expect
    .poll(async () => Object.fromEntries((await voucherList(page)).map(([, summary, status]) => [summary, status])), { timeout: 30_000 })
    .toMatchObject(expected);
}

/** SQL on the server's own database while the server is stopped (PGlite is one process's). */
async function withServerDatabase(f: (q: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<void>): Promise<void> {
  if (!storage) throw new Error('no storage');
  const opened = await openDatabase(configFromEnv({ ...storage.env }, process.cwd()));
  if (!opened.ok) throw new Error(`cannot open the server database: ${JSON.stringify(opened.error)}`);
  try {
    await f((sql, params) => opened.value.query(sql, params as never));
  } finally {
    await opened.value.close();
  }
}

const V1 = { summary: '收十一月停车费', debit: '100201', credit: '470101', amount: '1,200.00' };
const V2 = { summary: '付电梯维修费', debit: '510101', credit: '100201', amount: '300' };
const V3 = { summary: '收电梯广告位租金', debit: '100201', credit: '470102', amount: '2000.00' };
const V4 = { summary: '付办公用品', debit: '520101', credit: '1001', amount: '86.50' };
const LATE = { summary: '补录：结账后的收据', debit: '1001', credit: '470104', amount: '10' };

test('two PCs keep one set of books offline: numbering, reversal, close, print, closed month, tampering detected', async () => {
  test.setTimeout(360_000);
  const month = beijingToday().slice(0, 7);
  const a = await signedInPc(TREASURER);
  const b = await signedInPc(DIRECTOR);

  // 建账 on A; B receives the chart and the opening balances.
  await setUpBooks(a.page, { '100201': '50,000.00', '1001': '2000', '3101': '52,000' });
  await waitForSynced(a.page);
  await b.page.getByTestId('ledger-tab-vouchers').waitFor({ timeout: 30_000 });

  // Both enter vouchers; nobody reviews their own.
  await enterVoucher(a.page, V1);
  await enterVoucher(a.page, V2);
  await enterVoucher(b.page, V3);
  await enterVoucher(a.page, V4);
  await openVoucher(a.page, V1.summary);
  await a.page.getByTestId('voucher-review').click();
  await expect(a.page.getByTestId('voucher-error')).toHaveText('不能审核自己制单的凭证');
  await expect(a.page.getByTestId('voucher-status')).toHaveText('草稿');
  await closeVoucher(a.page);
  await waitForSynced(a.page);
  await waitForSynced(b.page);
  await expectStatuses(b.page, { [V1.summary]: '草稿', [V2.summary]: '草稿', [V4.summary]: '草稿' });
  for (const v of [V1, V2, V4]) await voucherAction(b.page, v.summary, 'review', '已审核');
  await expectStatuses(a.page, { [V3.summary]: '草稿' });
  await voucherAction(a.page, V3.summary, 'review', '已审核');
  await waitForSynced(a.page);
  await waitForSynced(b.page);
  await expectStatuses(a.page, { [V1.summary]: '已审核', [V2.summary]: '已审核', [V3.summary]: '已审核', [V4.summary]: '已审核' });
  await expectStatuses(b.page, { [V3.summary]: '已审核' });

  // Offline, both post in the same month: each numbers what it has, provisionally.
  await offline(a);
  await offline(b);
  await voucherAction(a.page, V1.summary, 'post', '已过账');
  await voucherAction(a.page, V2.summary, 'post', '已过账');
  await voucherAction(b.page, V3.summary, 'post', '已过账');
  await voucherAction(a.page, V4.summary, 'post', '已过账');
  expect((await postedList(a.page)).map((r) => r[0])).toEqual(['记-1（暂）', '记-2（暂）', '记-3（暂）']);
  expect((await postedList(b.page)).map((r) => r[0])).toEqual(['记-1（暂）']);

  // Back online: one list on both PCs, 1..4 without gap or duplicate, in posting order (A's three came first, then
  // B's, then A's last: the order is (date, 过账时间, id) on every PC).
  await online(a);
  await online(b);
  await expect.poll(() => postedList(a.page), { timeout: 30_000 }).toHaveLength(4);
  await expect.poll(() => postedList(b.page), { timeout: 30_000 }).toHaveLength(4);
  const listA = await postedList(a.page);
  expect(listA.map((r) => r[0])).toEqual(['记-1（暂）', '记-2（暂）', '记-3（暂）', '记-4（暂）']);
  expect(await postedList(b.page)).toEqual(listA);
  // A posted V1 and V2 before B posted V3, and V4 after it.
  expect(listA.map((r) => r[1])).toEqual([V1.summary, V2.summary, V3.summary, V4.summary]);

  // 红字冲销 of V2 on A; B reviews the red voucher; A posts it; the original shows 已冲销 on both.
  await openVoucher(a.page, V2.summary);
  await a.page.getByTestId('voucher-reverse').click();
  await expect(a.page.getByTestId('voucher-status')).toHaveText('草稿');
  await expect(a.page.getByTestId('voucher-editor')).toContainText('红字冲销');
  await closeVoucher(a.page);
  await waitForSynced(a.page);
  const red = b.page.getByTestId('voucher-list').locator('tbody tr', { hasText: '红冲' });
  await expect.poll(() => red.count(), { timeout: 30_000 }).toBe(1);
  const redSummary = (await red.locator('td').nth(2).getByRole('button').first().innerText()).trim();
  await voucherAction(b.page, redSummary, 'review', '已审核');
  await waitForSynced(b.page);
  await expectStatuses(a.page, { [redSummary]: '已审核' });
  await voucherAction(a.page, redSummary, 'post', '已过账');
  await waitForSynced(a.page);
  await expect(voucherRow(b.page, V2.summary)).toContainText('已冲销', { timeout: 30_000 });
  await waitForSynced(b.page);

  // B goes offline; A closes the month: final numbers, the chain verifies.
  await offline(b);
  await ledgerTab(a.page, 'periods');
  await a.page.getByTestId(`close-${month}`).click();
  await expect(a.page.getByTestId(`period-${month}`)).toContainText('已结账');
  await expect(a.page.getByTestId('chain-check')).toHaveText('账簿校验：一致');
  await waitForSynced(a.page);
  await ledgerTab(a.page, 'vouchers');
  const finalA = await postedList(a.page);
  expect(finalA.map((r) => r[0])).toEqual(['记-1', '记-2', '记-3', '记-4', '记-5']);

  // A prints the 科目余额表 of the month and the 财务收支公示 of the closed month.
  await ledgerTab(a.page, 'reports');
  await a.page.getByTestId('report-trial').click();
  await expect(a.page.getByTestId('trial-balanced')).toBeVisible();
  const trialA = await a.page.getByTestId('report-table').innerText();
  await a.page.getByTestId('report-print').click();
  await expect.poll(async () => (await printedOn(a.page)).length).toBe(1);
  const trialPrint = (await printedOn(a.page))[0];
  if (!browser) throw new Error('no browser');
  const trialText = await pdfText(browser, workDir, trialPrint?.html ?? '', 'trial-balance');
  expect(trialText).toContain('科目余额表');
  expect(trialText).toContain('470101');
  expect(trialText).toContain('50,000.00');

  await ledgerTab(a.page, 'disclosure');
  const disclosure = a.page.getByTestId('ledger-disclosure');
  await disclosure.getByLabel('期间类型').selectOption('month');
  await disclosure.getByLabel('年度').fill(month.slice(0, 4));
  await disclosure.getByLabel('期间', { exact: true }).selectOption(String(Number(month.slice(5, 7))));
  await expect(a.page.getByTestId('disclosure-figures')).toBeVisible();
  // Income 1,200 + 2,000; expense 300 − 300 (reversed) + 86.50.
  await expect(a.page.getByTestId('disclosure-income')).toHaveText('¥3,200.00');
  await expect(a.page.getByTestId('disclosure-expense')).toHaveText('¥86.50');
  await a.page.getByTestId('disclosure-print').click();
  await expect.poll(async () => (await printedOn(a.page)).length).toBe(2);
  const disclosureText = await pdfText(browser, workDir, (await printedOn(a.page))[1]?.html ?? '', 'disclosure');
  expect(disclosureText).toContain('财务收支公示');
  expect(disclosureText).toContain('公示期');
  expect(disclosureText).toContain('3,200.00');

  // B, still offline, does not know the month is closed and enters a voucher into it.
  await enterVoucher(b.page, LATE);
  await b.context.setOffline(false);
  await expect(b.page.getByTestId('sync-rejected')).toBeVisible({ timeout: 60_000 });
  await expect(voucherRow(b.page, V1.summary)).toContainText('记-1', { timeout: 30_000 });
  await expect.poll(async () => (await postedList(b.page)).map((r) => r[0]), { timeout: 30_000 }).toEqual(['记-1', '记-2', '记-3', '记-4', '记-5']);
  expect(await postedList(b.page)).toEqual(finalA);
  // Posting into the closed month is refused on B now, before anything is saved.
  await b.page.getByTestId('new-voucher').click();
  await expect(b.page.getByTestId('voucher-date-error')).toContainText('已结账');
  await b.page.getByTestId('voucher-close').click();
  await b.page.goto(`${url()}#/conflicts`);
  await expect(b.page.getByTestId('rejected-list')).toContainText('已结账');

  // Identical balances on both PCs.
  await openLedger(b.page, url(), 'reports');
  await b.page.getByTestId('report-trial').click();
  await expect(b.page.getByTestId('trial-balanced')).toBeVisible();
  expect(await b.page.getByTestId('report-table').innerText()).toBe(trialA);

  // Someone with access to the server's database rewrites 记-1's amount (both lines, so it still balances) and
  // makes it travel as a new version.
  await ledgerTab(a.page, 'vouchers');
  const v1 = ((await voucherRow(a.page, V1.summary).getAttribute('data-testid')) ?? '').replace(/^voucher-row-/, '');
  expect(v1).not.toBe('');
  const port = server?.port;
  await server?.stop();
  await withServerDatabase(async (q) => {
    await q(
      `UPDATE tenant_seq SET seq = seq + 1 WHERE tenant_id = (SELECT tenant_id FROM documents WHERE collection = 'vouchers' AND id = $1)`,
      [v1],
    );
    await q(
      `UPDATE documents d SET seq = t.seq,
              data = jsonb_set(jsonb_set(d.data, '{lines,0,debitFen}', '12000'), '{lines,1,creditFen}', '12000')
         FROM tenant_seq t WHERE t.tenant_id = d.tenant_id AND d.collection = 'vouchers' AND d.id = $1`,
      [v1],
    );
  });
  if (!storage) throw new Error('no storage');
  // The server's own audit names it.
  const verify = await runCli(['verify', '--compound', COMPOUND.code], storage.env);
  expect(verify.code).toBe(1);
  expect(verify.err).toContain(`vouchers/${v1}`);
  expect(verify.err).toContain('结账后内容被改动');
  expect(verify.err).toContain('lines.');
  server = await startServerOn(storage, { ...(port ? { port } : {}) });

  // Each PC pulls the altered version and names it: month, 记-1, the changed amounts.
  for (const pc of [a, b]) {
    await openLedger(pc.page, url(), 'vouchers');
    await pc.page.getByTestId('sync-now').click();
    const check = pc.page.getByTestId('chain-check');
    await expect(check).toContainText('账簿校验：不一致', { timeout: 60_000 });
    await expect(check).toContainText(`${month} 记-1 结账后被改动（第1行借方金额、第2行贷方金额）`, { timeout: 30_000 });
  }
  expect([...a.errors, ...b.errors]).toEqual([]);
});
