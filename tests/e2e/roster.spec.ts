// Issue #2 end to end: 组织人员 in the web host, in a real Chromium, with its own IndexedDB and no server login.
import { expect, test, type Browser } from '@playwright/test';
import { attachServerLog, createStorage, HOOK_TIMEOUT, newPc, startServerOn, type ServerProcess, type ServerStorage } from './harness';
import { addPerson, goTo, indicator, listedNames, noteOf, openApp, openNewPerson, personRow } from './pages';

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
const closers: (() => Promise<void>)[] = [];

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(HOOK_TIMEOUT);
  storage = await createStorage();
  server = await startServerOn(storage);
  browser = launched;
});

test.afterEach(async () => {
  await attachServerLog(server);
  for (const close of closers.splice(0)) await close();
});

test.afterAll(async () => {
  test.setTimeout(HOOK_TIMEOUT);
  await server?.stop();
  await storage?.drop();
});

/** A fresh PC at 组织人员 that records every page error and every request to the sync API. */
async function freshPc() {
  if (!browser || !server) throw new Error('beforeAll did not finish');
  const pc = await newPc(browser);
  closers.push(() => pc.context.close());
  const apiCalls: string[] = [];
  pc.page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url());
  });
  await openApp(pc.page, server.url, 'roster');
  return { ...pc, apiCalls };
}

test.describe('组织人员 without any server login (issue #2)', () => {
  test('adds a person, who is still there after a reload; the app never calls the sync API', async () => {
    const { page, errors, apiCalls } = await freshPc();
    expect(await indicator(page)).toEqual({ state: 'disabled', label: '未登录（仅本机）', pending: 0 });
    await expect.poll(() => page.getByTestId('sync-login-link').isVisible()).toBe(true);

    await addPerson(page, { name: '王秀英', phone: '13800138000', building: '3号楼', unit: '2单元', room: '301', party: '党支部', post: '支部委员', roles: ['党员'], note: '负责三号楼' });
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe('已添加：王秀英');
    const row = personRow(page, '王秀英');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    const id = await row.getAttribute('data-id');
    // The local change is counted for a later sync, though there is no server.
    expect((await indicator(page)).pending).toBe(1);

    await page.reload();
    await personRow(page, '王秀英').waitFor();
    expect(await personRow(page, '王秀英').getAttribute('data-id')).toBe(id);
    const text = await personRow(page, '王秀英').innerText();
    for (const part of ['13800138000', '3号楼 2单元 301', '党支部', '党员', '支部委员']) expect(text).toContain(part);
    expect(await noteOf(page, '王秀英')).toBe('负责三号楼');
    expect(await listedNames(page)).toEqual(['王秀英']);

    await page.screenshot({ path: '/tmp/linli-e2e-roster.png', fullPage: true });
    expect(apiCalls).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('an empty name or a malformed phone shows the Chinese message and saves nothing', async () => {
    const { page, errors } = await freshPc();
    await addPerson(page, { name: '李建国', phone: '0571-87654321', party: '业委会' });
    await personRow(page, '李建国').waitFor();
    const before = await page.getByTestId('person-row').count();
    expect(before).toBe(1);

    const dialog = await openNewPerson(page, { name: '', phone: '13800138000', party: '物业公司' });
    await dialog.getByTestId('save-person').click();
    const nameError = dialog.getByTestId('error-name');
    await nameError.waitFor();
    expect(await nameError.textContent()).toBe('请填写姓名。');
    expect(await nameError.getAttribute('role')).toBe('alert');
    // The dialog stays open with what was typed.
    expect(await dialog.getByLabel('手机', { exact: true }).inputValue()).toBe('13800138000');

    await dialog.getByLabel('姓名', { exact: true }).fill('赵敏');
    await dialog.getByLabel('手机', { exact: true }).fill('1380013');
    await dialog.getByTestId('save-person').click();
    const phoneError = dialog.getByTestId('error-phone');
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toMatch(/^号码格式不正确/);
    expect(await dialog.getByTestId('error-name').count()).toBe(0);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    expect(await page.getByTestId('person-row').count()).toBe(before);
    expect((await indicator(page)).pending).toBe(1);
    await page.reload();
    await personRow(page, '李建国').waitFor();
    await page.getByTestId('show-left-toggle').check();
    expect(await listedNames(page)).toEqual(['李建国']);
    expect(errors).toEqual([]);
  });

  test('a person marked as left is kept: 显示已离开 shows the row with 已离开, and it can still be opened', async () => {
    const { page, errors } = await freshPc();
    await addPerson(page, { name: '陈静', party: '居民小组', phone: '13912345678' });
    await addPerson(page, { name: '周强', party: '物业公司' });
    const row = personRow(page, '陈静');
    const id = await row.getAttribute('data-id');

    await row.getByRole('button', { name: '标记为已离开' }).click();
    const dialog = page.getByRole('dialog', { name: '标记为已离开：陈静' });
    await dialog.waitFor();
    // 离开日期 defaults to today; the person is not deleted.
    expect(await dialog.getByLabel('离开日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog.getByTestId('confirm-deactivate').click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => listedNames(page)).toEqual(['周强']);
    await page.reload();
    await personRow(page, '周强').waitFor();
    expect(await listedNames(page)).toEqual(['周强']);

    await page.getByTestId('show-left-toggle').check();
    const left = page.locator(`[data-testid="person-row"][data-id="${id}"]`);
    await left.waitFor();
    expect(await left.getAttribute('data-status')).toBe('left');
    expect(await left.getByTestId('left-badge').textContent()).toBe('已离开');
    expect(await left.getByTestId('person-name').textContent()).toBe('陈静');
    expect(await left.getByRole('button', { name: '恢复' }).isVisible()).toBe(true);
    // Still resolvable: found by search and opened with every field kept.
    await page.getByLabel('搜索人员').fill('陈静');
    await expect.poll(() => listedNames(page)).toEqual(['陈静']);
    await left.getByRole('button', { name: '编辑' }).click();
    const form = page.getByRole('dialog', { name: '编辑人员' });
    expect(await form.getByLabel('手机', { exact: true }).inputValue()).toBe('13912345678');
    await form.getByRole('button', { name: '取消' }).click();

    // The app keeps working after navigating away and back.
    await goTo(page, 'dashboard');
    await goTo(page, 'roster');
    expect(errors).toEqual([]);
  });
});
