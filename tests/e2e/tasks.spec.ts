// Issue #11 end to end in the web host: 六方联动 tasks in a real Chromium, each test on a fresh PC (its own
// IndexedDB) that never signs in — the acting person is then 管理员 under the name set in 设置 → 本机操作人, which is
// how a self-acceptance is tried (the operator named as the task's 责任人) and refused.
//   1. A meeting's decision → 生成任务, 定稿 → 责任人 assigned → 签收, 开始办理, a progress entry, 提交验收; the
//      责任人 has no 验收 and a drag to 已办结 is refused; the branch accepts; the meeting shows 1/1 已办结.
//   2. With Playwright's clock: a due date before creation is refused at the field; the task becomes overdue (list
//      filter and 工作台), is urged the working day after its due date (once) and escalated 5 working days later.
//   3. A CSV with 2 bad rows: both errors in Chinese with their row numbers, nothing written until confirmed; the
//      same file again imports nothing; 导出 CSV downloads the list with its Chinese header.
//   4. An XLSX of 500 rows (written here with exceljs) is imported whole.
//   5. An illegal drag on the 状态看板 is refused with the Chinese reason; the keyboard moves a card legally.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { attachServerLog, createStorage, HOOK_TIMEOUT, startServerOn, type ServerProcess, type ServerStorage } from './harness';
import { addPerson } from './pages';
import {
  addProgress,
  createTask,
  hashOf,
  importFile,
  logEntries,
  navTo,
  newTaskPc,
  openedTaskId,
  openNewTask,
  openTaskById,
  setOperator,
  takeAction,
  taskCount,
  taskStatus,
  type TaskPc,
} from './task-pages';

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let workDir = '';
const contexts: BrowserContext[] = [];

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(HOOK_TIMEOUT);
  storage = await createStorage();
  server = await startServerOn(storage);
  browser = launched;
  workDir = await mkdtemp(join(tmpdir(), 'linli-e2e-tasks-'));
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

async function pc(): Promise<TaskPc> {
  if (!browser) throw new Error('no browser');
  const p = await newTaskPc(browser);
  contexts.push(p.context);
  return p;
}

async function open(page: Page, section?: string): Promise<void> {
  await page.goto(section ? `${url()}#/${section}` : url());
  await page.getByTestId('sync-indicator').waitFor();
}

// ---- 会议记录 ----

const DECISION = '同意由物业公司对东门道路进行修缮，费用从公共收益中列支。';
const ACTION = '修缮东门道路';
const OWNER = '王经理';
const BRANCH = '李书记';

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 5000 }).toBe('saved');
}

/**
 * A 其他会议 with two attendees, one 议题 and a decision voted 2/0/0 whose action item is led by 物业公司, 定稿, then
 * 生成任务 on the finalised record (linked through the task's source, K3). Returns the meeting's id.
 */
async function meetingWithTaskFromDecision(page: Page): Promise<string> {
  await navTo(page, 'meetings');
  await page.getByRole('button', { name: '新建会议' }).click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await dialog.getByLabel('会议类型').selectOption({ label: '其他会议' });
  await dialog.getByLabel('会议日期').fill('2026-11-20');
  await dialog.getByRole('button', { name: '创建并开始记录' }).click();
  await page.getByTestId('meeting-editor').waitFor();
  const meetingId = /#\/meetings\/(.+)$/.exec(await hashOf(page))?.[1];
  if (!meetingId) throw new Error('no meeting id in the hash');

  for (const name of [BRANCH, OWNER]) {
    await page.getByTestId('add-attendee').getByLabel('姓名').fill(name);
    await page.getByTestId('add-attendee').getByLabel('身份').selectOption('member');
    await page.getByRole('button', { name: '添加参会人员' }).click();
    await page.getByLabel(`${name} 到会`).check();
  }
  await page.getByLabel('开始时间').fill('19:30');
  await page.getByLabel('结束时间').fill('21:00');
  await page.getByLabel('地点', { exact: true }).fill('党群服务站');
  await page.getByLabel('主持人', { exact: true }).fill(BRANCH);
  await page.getByLabel('记录人').fill(OWNER);
  await page.getByRole('button', { name: '新增议题' }).click();
  const topic = page.getByTestId('topic').first();
  await topic.getByLabel('议题名称').fill('东门道路修缮');
  await topic.getByRole('button', { name: '新增决议' }).click();
  const decision = topic.getByTestId('resolution');
  await decision.getByLabel('决议内容').fill(DECISION);
  await decision.getByLabel('表决方式').selectOption('count');
  await decision.getByLabel('同意', { exact: true }).fill('2');
  await decision.getByLabel('反对', { exact: true }).fill('0');
  await decision.getByLabel('弃权', { exact: true }).fill('0');
  await decision.getByRole('button', { name: '新增落实事项' }).click();
  const item = decision.getByTestId('action-item');
  await item.getByLabel('落实事项').fill(ACTION);
  await item.getByLabel('牵头方').selectOption({ label: '物业公司' });
  await item.getByLabel('期限').fill('2030-06-30');
  await item.getByLabel('期限').press('Tab');
  await waitSaved(page);
  await expect(page.getByTestId('task-progress')).toHaveText('落实事项 1 项，尚未生成任务');

  await page.getByRole('button', { name: '定稿', exact: true }).click();
  await page.getByRole('dialog', { name: '确认定稿' }).getByRole('button', { name: '确认定稿' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('已定稿');
  await waitSaved(page);

  // 生成任务 on the finalised record: the task links back through its source (the record itself is locked).
  const recorded = page.getByTestId('record-view').getByTestId('action-item');
  await recorded.getByTestId('create-task').click();
  await expect(page.getByTestId('toast')).toHaveText(`已生成任务：${ACTION}`);
  await expect(recorded.getByTestId('task-link')).toHaveText('任务：待分派');
  await expect(page.getByTestId('task-progress')).toHaveText('落实任务：0/1 已办结');
  return meetingId;
}

test.describe('六方联动 end to end (issue #11)', () => {
  test('from a meeting decision: 生成任务, assign, 签收, 开始办理, progress, 提交验收; self-acceptance refused; the branch accepts; the meeting shows 1/1 已办结', async () => {
    test.setTimeout(120_000);
    const { page, errors } = await pc();
    await open(page, 'settings');
    await setOperator(page, BRANCH);
    await addPerson(page, { name: OWNER, party: '物业公司', post: '项目经理' });

    const meetingId = await meetingWithTaskFromDecision(page);
    const link = page.getByTestId('record-view').getByTestId('action-item').getByTestId('task-link');
    await expect(link).toHaveText('任务：待分派');
    await expect(page.getByTestId('task-progress')).toHaveText('落实任务：0/1 已办结');

    // The badge is a link to the task.
    await link.click();
    const taskId = await openedTaskId(page);
    expect(await link.count()).toBe(0);
    await expect(page.getByTestId('task-title')).toHaveText(ACTION);
    await expect(taskStatus(page)).toHaveText('待分派');
    await expect(page.getByTestId('task-source')).toContainText('会议决议');
    await expect(page.getByTestId('task-lead')).toHaveText('物业公司');

    // Assign the 责任人 from the roster (the decision named none).
    await page.getByTestId('edit-task').click();
    const form = page.getByRole('dialog', { name: '编辑任务' });
    await expect(form.getByTestId('field-title')).toHaveValue(ACTION);
    await expect(form.getByTestId('field-dueDate')).toHaveValue('2030-06-30');
    await form.getByTestId('field-ownerId').selectOption({ label: `${OWNER}（物业公司）` });
    await form.getByTestId('save-task').click();
    await form.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('task-lead')).toHaveText(`物业公司 · ${OWNER}`);

    // The 责任人 works on it.
    await setOperator(page, OWNER);
    await openTaskById(page, url(), taskId);
    await takeAction(page, 'sign', '已签收');
    await takeAction(page, 'start', '办理中');
    await addProgress(page, '已联系施工队，材料进场，周三开始破路施工。');
    await takeAction(page, 'submit', '待验收');
    const statusLog = logEntries(page, 'status');
    await expect(statusLog).toHaveCount(3);
    await expect(statusLog.first()).toContainText('提交验收');

    // Self-acceptance: no 验收 for the 责任人 …
    const actions = page.getByTestId('task-actions');
    await expect(actions.getByTestId('action-accept')).toHaveCount(0);
    await expect(actions).not.toContainText('验收通过');
    // … and dragging the card to 已办结 on the 状态看板 is refused with the reason.
    await navTo(page, 'tasks');
    await page.getByTestId('tasks-tab-statuses').click();
    const card = page.getByTestId(`card-${taskId}`);
    await expect(page.getByTestId('status-column-submitted').getByTestId(`card-${taskId}`)).toBeVisible();
    await card.dragTo(page.getByTestId('status-column-done'));
    await expect(page.getByTestId('move-refused')).toContainText('责任人不能验收自己负责的任务，请由党支部或业委会验收');
    await expect(page.getByTestId('status-column-submitted').getByTestId(`card-${taskId}`)).toBeVisible();

    // The branch accepts.
    await setOperator(page, BRANCH);
    await openTaskById(page, url(), taskId);
    await takeAction(page, 'accept', '已办结');
    await expect(page.getByTestId('task-detail')).toContainText(`验收人${BRANCH}`);
    await expect(page.getByTestId('satisfaction')).toBeVisible();

    // The meeting shows its task done.
    await page.getByTestId('source-meeting').click();
    await expect.poll(() => hashOf(page)).toBe(`#/meetings/${meetingId}`);
    await expect(page.getByTestId('task-progress')).toHaveText('落实任务：1/1 已办结');
    await expect(page.getByTestId('record-view').getByTestId('task-link')).toHaveText('任务：已办结');
    expect(errors).toEqual([]);
  });

  test('overdue (controllable clock): refused past due date at creation; overdue in the list filter and on 工作台; 催办 the next working day, once; 上报 5 working days later', async () => {
    test.setTimeout(120_000);
    const { page, errors } = await pc();
    // Wednesday 4 March 2026, 10:00 in Beijing: the task is registered.
    await page.clock.install({ time: new Date('2026-03-04T10:00:00+08:00') });
    await open(page, 'tasks');

    const late = await openNewTask(page, { title: '清理北区绿化带垃圾', party: '物业公司', dueDate: '2026-03-03' });
    await late.getByTestId('save-task').click();
    await expect(late.getByTestId('error-dueDate')).toHaveText('截止日期不能早于任务登记日期（2026-03-04）。');
    await late.getByTestId('field-dueDate').fill('2026-03-06'); // a Friday
    await late.getByTestId('save-task').click();
    await late.waitFor({ state: 'hidden' });
    const lateId = await openedTaskId(page);
    await navTo(page, 'tasks');
    await createTask(page, { title: '更换3号楼单元门禁', party: '业委会', dueDate: '2026-12-31' });
    await navTo(page, 'tasks');
    await expect(taskCount(page)).toHaveText('共 2 项');
    await expect(page.getByLabel(/^已逾期（\d+）$/)).toHaveAccessibleName('已逾期（0）');

    // Saturday 7 March: overdue, but no 催办 before the next working day.
    await page.clock.setSystemTime(new Date('2026-03-07T09:00:00+08:00'));
    await page.reload();
    await page.getByTestId('task-filters').waitFor();
    const overdue = page.getByLabel(/^已逾期（\d+）$/);
    await expect(overdue).toHaveAccessibleName('已逾期（1）');
    await overdue.check();
    await expect(taskCount(page)).toHaveText('1 / 2 项');
    const row = page.getByTestId(`task-row-${lateId}`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId('task-stage')).toHaveText('已逾期');
    await navTo(page, 'dashboard');
    await expect(page.getByTestId('tasks-overdue')).toContainText('1已逾期');
    await expect(page.getByTestId('tasks-escalated')).toContainText('0已上报支部书记');
    // The card links to the filtered list.
    await page.getByTestId('tasks-overdue').click();
    await expect(taskCount(page)).toHaveText('1 / 2 项');
    await openTaskById(page, url(), lateId);
    await expect(page.getByTestId('escalation-info')).toHaveText('已逾期（截止 2026-03-06）。催办日：2026-03-09。上报支部书记日：2026-03-16。');
    await expect(logEntries(page, 'urge')).toHaveCount(0);

    // Monday 9 March, the working day after the due date: one 催办 in the log, written once however often it runs.
    await page.clock.setSystemTime(new Date('2026-03-09T09:00:00+08:00'));
    await page.reload();
    await page.getByTestId('task-detail').waitFor();
    const urge = logEntries(page, 'urge');
    await expect(urge).toHaveCount(1);
    await expect(urge).toContainText('已超过截止日期');
    await expect(urge).toContainText('2026-03-09 00:00');
    await expect(taskStatus(page).locator('xpath=..').getByTestId('task-stage')).toHaveText('已催办');
    await page.reload();
    await page.getByTestId('task-detail').waitFor();
    await expect(logEntries(page, 'status')).toHaveCount(0);
    await expect(logEntries(page, 'urge')).toHaveCount(1);

    // Monday 16 March, 5 working days after the 催办: escalated to the 支部书记, on the log and on 工作台.
    await page.clock.setSystemTime(new Date('2026-03-16T09:00:00+08:00'));
    await page.reload();
    await page.getByTestId('task-detail').waitFor();
    await expect(logEntries(page, 'escalation')).toHaveCount(1);
    await expect(logEntries(page, 'escalation')).toContainText('已上报支部书记');
    await expect(logEntries(page, 'urge')).toHaveCount(1);
    await navTo(page, 'dashboard');
    await expect(page.getByTestId('tasks-escalated')).toContainText('1已上报支部书记');
    await expect(page.getByTestId('tasks-overdue')).toContainText('1已逾期');
    expect(errors).toEqual([]);
  });

  test('CSV import with 2 bad rows: both errors with their row numbers, nothing imported until confirmed; the same file again imports nothing; 导出 CSV', async () => {
    const { page, errors } = await pc();
    await open(page, 'roster');
    await addPerson(page, { name: OWNER, party: '物业公司' });
    const csv = join(workDir, '2030年度治理清单.csv');
    await writeFile(
      csv,
      [
        '序号,标题,牵头方,责任人,配合方,截止日期,优先级,位置',
        `1,3号楼电梯异响,物业公司,${OWNER},业委会,2030-12-01,高,3号楼`,
        '2,,物业公司,,,2030-12-01,,',
        '3,北门路灯不亮,街道办,,,2030-12-10,,北门',
        '4,楼道堆物清理,居民小组,,党支部,2030-11-30,,2号楼',
        '5,东门道路修缮,物业,,,2030/12/15,紧急,东门',
        '',
      ].join('\r\n'),
    );
    await navTo(page, 'tasks');
    await expect(taskCount(page)).toHaveText('共 0 项');

    const dialog = await importFile(page, csv);
    await expect(dialog.getByTestId('import-summary')).toHaveText('共 5 行数据：将导入 3 条，跳过 2 条有误的行。');
    const listed = dialog.getByTestId('import-errors').getByRole('listitem');
    await expect(listed).toHaveText([
      '第 3 行：缺少标题。',
      '第 4 行：牵头方“街道办”无法识别，应为党支部、业委会、物业公司、社会组织、共建单位、居民小组之一。',
    ]);
    await expect(dialog.getByTestId('import-preview').locator('tr[data-row="3"]')).toContainText('缺少标题。');
    await expect(dialog.getByTestId('import-preview').locator('tr[data-row="2"]')).toContainText('可导入');
    // Nothing is written before 确认导入.
    await expect(taskCount(page)).toHaveText('共 0 项');
    await page.waitForTimeout(300);
    await expect(taskCount(page)).toHaveText('共 0 项');
    await dialog.getByTestId('import-confirm').click();
    await expect(dialog.getByTestId('import-done')).toContainText('已导入 3 条任务');
    await expect(dialog.getByTestId('import-done')).toContainText('跳过 2 条有误的行。');
    await dialog.getByTestId('import-close').click();
    await expect(dialog).toBeHidden();
    await expect(taskCount(page)).toHaveText('共 3 项');
    await expect(page.getByTestId('task-list')).toContainText(OWNER);

    // The same file again: nothing new.
    const again = await importFile(page, csv);
    await expect(again.getByTestId('import-summary')).toHaveText('共 5 行数据：将导入 0 条，跳过 2 条有误的行；已存在 3 条，未重复导入。');
    await expect(again.getByTestId('import-confirm')).toBeDisabled();
    await expect(again.getByTestId('import-preview').locator('tr[data-row="2"]')).toContainText('已存在，不重复导入');
    await again.getByRole('button', { name: '取消' }).click();
    await expect(again).toBeHidden();
    await expect(taskCount(page)).toHaveText('共 3 项');

    // 导出 CSV: on the web host a download, with the Chinese header and one row per task shown.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^六方联动任务-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter((l) => l !== '');
    expect(lines[0]).toBe('编号,标题,牵头方,牵头单位,责任人,配合方,状态,截止日期,优先级,来源,位置,类别,标签,创建时间,办结时间,描述,清单名称,清单编号');
    expect(lines).toHaveLength(4);
    const body = lines.slice(1).join('\n');
    for (const part of ['3号楼电梯异响,物业公司,,王经理,业委会,待分派,2030-12-01,高,治理清单,3号楼', '楼道堆物清理,居民小组', '东门道路修缮,物业公司', '2030年度治理清单'])
      expect(body).toContain(part);
    expect(errors).toEqual([]);
  });

  test('XLSX import of 500 rows: all imported; the list shows the count', async () => {
    test.setTimeout(120_000);
    const { page, errors } = await pc();
    const parties = ['党支部', '业委会', '物业公司', '社会组织', '共建单位', '居民小组'];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('治理清单');
    ws.addRow(['金山花园小区2031年治理清单']); // a title line above the header, as offices keep them
    ws.addRow(['序号', '事项', '牵头方', '配合方', '完成时限', '位置']);
    for (let i = 1; i <= 500; i += 1) {
      const lead = parties[i % 6] ?? '党支部';
      const co = parties[(i + 1) % 6] ?? '业委会';
      ws.addRow([i, `治理事项第${i}项`, lead, co, new Date(Date.UTC(2031, i % 12, 1 + (i % 28))), `${1 + (i % 12)}号楼`]);
    }
    const xlsx = join(workDir, '2031年治理清单.xlsx');
    await wb.xlsx.writeFile(xlsx);

    await open(page, 'tasks');
    const dialog = await importFile(page, xlsx);
    await expect(dialog.getByTestId('import-summary')).toHaveText('共 500 行数据：将导入 500 条，跳过 0 条有误的行。');
    await expect(dialog.getByTestId('import-errors')).toHaveCount(0);
    await expect(taskCount(page)).toHaveText('共 0 项');
    await dialog.getByTestId('import-confirm').click();
    await expect(dialog.getByTestId('import-done')).toContainText('已导入 500 条任务', { timeout: 60_000 });
    await dialog.getByTestId('import-close').click();
    await expect(taskCount(page)).toHaveText('共 500 项');
    // Each shows under its lead party and its co-party: 500 / 6 parties as lead, as many again as co-party.
    await page.getByLabel('按六方筛选').selectOption('branch');
    await expect(taskCount(page)).toHaveText('166 / 500 项'); // 83 led by 党支部, 83 with it as co-party
    await page.getByTestId('tasks-tab-governance').click();
    await expect(page.getByTestId('tasks-tab-governance')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toContainText('2031年治理清单');
    expect(errors).toEqual([]);
  });

  test('状态看板: an illegal drag is refused with the Chinese reason and nothing changes; → moves a card one legal step', async () => {
    const { page, errors } = await pc();
    await open(page, 'tasks');
    const id = await createTask(page, { title: '修补南门围墙', party: '共建单位', dueDate: '2030-05-01' });
    await navTo(page, 'tasks');
    await page.getByTestId('tasks-tab-statuses').click();
    await expect.poll(() => hashOf(page)).toContain('view=statuses');
    const card = page.getByTestId(`card-${id}`);
    await expect(page.getByTestId('status-column-pending').getByTestId(`card-${id}`)).toBeVisible();

    await card.dragTo(page.getByTestId('status-column-done'));
    await expect(page.getByTestId('move-refused')).toContainText('“待分派”的任务不能直接“验收通过”，可以：签收、挂起、撤销、申请延期');
    await expect(page.getByTestId('status-column-pending').getByTestId(`card-${id}`)).toBeVisible();
    await expect(page.getByTestId('status-column-done').getByTestId(`card-${id}`)).toHaveCount(0);

    // The keyboard: → takes the next legal step (签收).
    await page.getByTestId('move-refused').getByRole('button', { name: '知道了' }).click();
    await card.focus();
    await card.press('ArrowRight');
    await expect(page.getByTestId('status-column-signed').getByTestId(`card-${id}`)).toBeVisible();
    await expect(page.getByTestId('move-refused')).toHaveCount(0);

    // A legal drag works too: 已签收 → 办理中.
    await page.getByTestId('status-column-signed').getByTestId(`card-${id}`).dragTo(page.getByTestId('status-column-in_progress'));
    await expect(page.getByTestId('status-column-in_progress').getByTestId(`card-${id}`)).toBeVisible();
    expect(errors).toEqual([]);
  });
});
