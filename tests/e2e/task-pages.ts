// What a committee member does in 六方联动 (issue #11), as small steps for the end-to-end tests: a PC on China's
// clock, the operator name, a meeting decision with an action item, the task form, the task's actions and log, the
// import dialog. Selectors are labels, roles and data-testid — never CSS classes.
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

export type TaskPc = { context: BrowserContext; page: Page; errors: string[] };

/**
 * A fresh PC (its own IndexedDB) whose clock runs in Beijing time: "today", due dates and the working-day calendar
 * are China's whatever the test machine's zone. Collects page errors so a test can assert none.
 */
export async function newTaskPc(browser: Browser): Promise<TaskPc> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

export async function hashOf(page: Page): Promise<string> {
  return page.evaluate(() => location.hash);
}

/** Opens a section from the main navigation (meetings, tasks, dashboard, settings …). */
export async function navTo(page: Page, section: 'dashboard' | 'meetings' | 'tasks' | 'roster' | 'settings'): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByTestId(`nav-${section}`).click();
  await expect.poll(() => hashOf(page)).toMatch(new RegExp(`^#/${section}(\\?|$)`));
}

/** 设置 → 本机操作人: who acts on tasks on a PC that is not signed in (role 管理员, this name). */
export async function setOperator(page: Page, name: string): Promise<void> {
  await navTo(page, 'settings');
  const form = page.getByTestId('operator-form');
  await form.getByLabel('本机操作人').fill(name);
  await form.getByTestId('save-operator').click();
  await expect(page.getByTestId('sidebar-operator')).toHaveText(`操作人：${name}`);
}

/** The task's id from the address #/tasks/<id>. */
export async function openedTaskId(page: Page): Promise<string> {
  await page.getByTestId('task-detail').waitFor();
  const id = /^#\/tasks\/([^?]+)$/.exec(await hashOf(page))?.[1];
  if (!id) throw new Error(`not on a task: ${await hashOf(page)}`);
  return decodeURIComponent(id);
}

/** Opens one task by its address (a same-document navigation: the app is not reloaded). */
export async function openTaskById(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}#/tasks/${encodeURIComponent(id)}`);
  await page.getByTestId('task-detail').waitFor();
}

export type NewTaskInput = {
  title: string;
  /** The 牵头方 option label, e.g. 物业公司. */
  party: string;
  dueDate?: string;
  /** The 责任人 option label, e.g. 王经理（物业公司）. */
  owner?: string;
};

/** 六方联动 → 新建任务, filled; the caller presses 新建任务 (to see validation) or uses createTask. */
export async function openNewTask(page: Page, t: NewTaskInput): Promise<Locator> {
  if (!(await hashOf(page)).startsWith('#/tasks')) await navTo(page, 'tasks');
  await page.getByTestId('new-task').click();
  const dialog = page.getByRole('dialog', { name: '新建任务' });
  await dialog.waitFor();
  await dialog.getByTestId('field-title').fill(t.title);
  await dialog.getByTestId('field-leadParty').selectOption({ label: t.party });
  if (t.owner !== undefined) await dialog.getByTestId('field-ownerId').selectOption({ label: t.owner });
  if (t.dueDate !== undefined) await dialog.getByTestId('field-dueDate').fill(t.dueDate);
  return dialog;
}

/** Creates a task through the form; the app then opens it. Returns its id. */
export async function createTask(page: Page, t: NewTaskInput): Promise<string> {
  const dialog = await openNewTask(page, t);
  await dialog.getByTestId('save-task').click();
  await dialog.waitFor({ state: 'hidden' });
  return openedTaskId(page);
}

/** The status badge of the open task (待分派, 已签收 …). */
export const taskStatus = (page: Page): Locator => page.getByTestId('task-title').locator('xpath=..').getByTestId('task-status');

/** Takes an action without a reason (签收, 开始办理, 提交验收, 验收通过) on the open task and waits for the new status. */
export async function takeAction(page: Page, action: 'sign' | 'start' | 'submit' | 'accept' | 'publish', statusAfter: string): Promise<void> {
  await page.getByTestId('task-actions').getByTestId(`action-${action}`).click();
  await expect(taskStatus(page)).toHaveText(statusAfter);
}

/** 进展记录 → 添加记录 with a 办理进展 text; waits until the entry is in the log. */
export async function addProgress(page: Page, text: string): Promise<void> {
  const form = page.getByTestId('add-entry');
  await form.getByLabel('进展内容').fill(text);
  await form.getByTestId('save-entry').click();
  await expect(logEntries(page, 'progress').filter({ hasText: text })).toHaveCount(1);
}

/** The log entries of the open task, optionally of one kind (progress, status, urge, escalation, comment). */
export function logEntries(page: Page, kind?: string): Locator {
  const all = page.getByTestId('log-entry');
  return kind ? page.locator(`[data-testid="log-entry"][data-kind="${kind}"]`) : all;
}

/** The task list's count line: 共 N 项, or shown / total when filtered. */
export const taskCount = (page: Page): Locator => page.getByTestId('task-count');

/** Opens 导入治理清单 and picks a file; waits until every row has been checked (the summary shows). */
export async function importFile(page: Page, file: string): Promise<Locator> {
  if (!(await hashOf(page)).startsWith('#/tasks')) await navTo(page, 'tasks');
  await page.getByTestId('import-tasks').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.waitFor();
  await dialog.getByTestId('import-file').setInputFiles(file);
  await dialog.getByTestId('import-summary').waitFor({ timeout: 60_000 });
  return dialog;
}
