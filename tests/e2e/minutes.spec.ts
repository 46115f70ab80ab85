// Issue #4 end to end in the web host: the secretary takes the minutes of a 共建理事会会议 offline — attendance,
// notes on two 议题, a vote — finalises, saves the record as PDF (its text read back with pdftotext), reloads, adds a
// 更正 after finalising, and after reconnecting the meeting reaches a second PC. Then crash safety: a crashed page,
// or a window closed right after fast typing, loses nothing that was typed (the write-ahead store, issue #8).
// Issue #8: a vote recounted 3/2/0 → 4/1/0, typed in the order that used to leave the screen and the store
// disagreeing, and what is stored, shown, refused at 定稿 and printed.
//
// The PDF: on the web host 「保存为PDF」 opens the browser's print dialog, which a test cannot drive. So PC A gets a
// stub `window.linli` before the app loads (as Electron's preload would expose it): the app then behaves as on the
// desktop and hands its print HTML to 'print:toPdf'; the test renders exactly that HTML to PDF with Chromium
// (page.pdf, as Electron's printToPDF) and reads it with poppler's pdftotext.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { apiLogin, pullAll } from './api';
import {
  attachServerLog,
  createCompoundWithUsers,
  createStorage,
  HOOK_TIMEOUT,
  newPc,
  startServerOn,
  type ServerProcess,
  type ServerStorage,
  type TestUser,
} from './harness';
import { addPerson, login, openApp, waitForSynced } from './pages';
import { pdfText as renderedText, printedOn, stubBridge } from './printing';


const COMPOUND = { code: 'JSHY', name: '金山花园' };
const PASSWORD = 'e2e-mima-2026';
const SECRETARY: TestUser = { username: 'shuji', name: '李书记', role: 'branch_secretary', password: PASSWORD };
const SECOND: TestUser = { username: 'mishu', name: '王秘书', role: 'secretary', password: PASSWORD };

const NOTES_1 = '李建国通报：东门道路破损严重，雨天积水，居民多次反映。\n王晓梅：建议由物业公司先行修缮，费用从公共收益中列支。';
const NOTES_2 = '居民反映3号楼楼道堆物较多，存在消防隐患。会议要求各楼栋长本周内逐户提醒。';
const DECISION = '同意由物业公司对东门道路进行修缮，费用从公共收益中列支。';
const CORRECTED = '李建国通报：东门道路和北门台阶破损严重，雨天积水，居民多次反映。';
/** The 更正 as the record shows it: what changed, marked in place (issue #8). */
const CORRECTED_MARKED = '李建国通报：东门道路［增加“和北门台阶”］破损严重，雨天积水，居民多次反映。';

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let workDir = '';
const contexts: BrowserContext[] = [];

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(HOOK_TIMEOUT);
  storage = await createStorage();
  await createCompoundWithUsers(storage, COMPOUND, [SECRETARY, SECOND]);
  server = await startServerOn(storage);
  browser = launched;
  workDir = await mkdtemp(join(tmpdir(), 'linli-e2e-minutes-'));
});

test.afterEach(() => attachServerLog(server));

test.afterAll(async () => {
  test.setTimeout(HOOK_TIMEOUT);
  for (const c of contexts) await c.close().catch(() => undefined);
  await server?.stop();
  await storage?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const url = (): string => {
  if (!server) throw new Error('no server');
  return server.url;
};

async function pc(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  if (!browser) throw new Error('no browser');
  const p = await newPc(browser);
  contexts.push(p.context);
  return p;
}

/** The HTML → PDF → text path of Electron's printToPDF (tests/e2e/printing.ts). */
function pdfText(html: string, name: string): Promise<string> {
  if (!browser) throw new Error('no browser');
  return renderedText(browser, workDir, html, name);
}

/**
 * The meeting as stored in this PC's IndexedDB (RxDB on Dexie: one database per collection, documents in `docs`),
 * read without the app: what the app would show after a restart, not what is on screen.
 */
async function storedMeeting(page: Page, id: string): Promise<Record<string, unknown> & { status?: string; topics?: unknown }> {
  return page.evaluate(async (meetingId) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const name = names.find((n) => /^rxdb-dexie-linli--\d+--meetings$/.test(n));
    if (!name) throw new Error(`no meetings store among ${names.join(', ')}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      return await new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = db.transaction('docs', 'readonly').objectStore('docs').get(meetingId);
        req.onsuccess = () => resolve(req.result as Record<string, unknown>);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, id);
}

async function storedVote(page: Page, id: string): Promise<unknown> {
  const m = (await storedMeeting(page, id)) as { topics: { resolutions?: { vote: unknown }[] }[] };
  return m.topics[0]?.resolutions?.[0]?.vote;
}

async function goToMeetings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByTestId('nav-meetings').click();
  await page.getByRole('heading', { name: '会议记录', level: 1 }).waitFor();
}

const topic = (page: Page, i: number): Locator => page.getByTestId('topic').nth(i);

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 5000 }).toBe('saved');
}

async function newMeeting(page: Page, typeLabel: string, date: string): Promise<string> {
  await goToMeetings(page);
  await page.getByRole('button', { name: '新建会议' }).click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await dialog.getByLabel('会议类型').selectOption({ label: typeLabel });
  await dialog.getByLabel('会议日期').fill(date);
  await dialog.getByRole('button', { name: '创建并开始记录' }).click();
  await page.getByTestId('meeting-editor').waitFor();
  const id = /#\/meetings\/(.+)$/.exec(await page.evaluate(() => location.hash))?.[1];
  if (!id) throw new Error('no meeting id in the hash');
  return id;
}

// Serial: the first three steps share PC A and its meeting, so once a step fails the ones after it are skipped.
test.describe.serial('会议记录 end to end (issue #4)', () => {
  let meetingId = '';
  let a: { context: BrowserContext; page: Page; errors: string[] } | undefined;

  test('offline: takes the minutes of a 共建理事会会议, votes, finalises, saves a PDF with the header, decisions and counts', async () => {
    test.setTimeout(180_000);
    a = await pc();
    const { context, page } = a;
    await stubBridge(context);
    await openApp(page, url(), 'settings');
    await login(page, url(), COMPOUND.code, SECRETARY.username, SECRETARY.password);
    await waitForSynced(page);
    // The compound and its 理事会: three 理事 in the roster.
    await page.getByLabel('小区名称').fill('金山花园');
    await page.getByLabel('共建理事会名称').fill('金山花园小区共建理事会');
    await page.getByRole('button', { name: '保存小区信息' }).click();
    await page.getByTestId('toast').getByText('小区信息已保存').waitFor();
    await addPerson(page, { name: '李建国', party: '党支部', post: '理事长', roles: ['理事会成员'] });
    await addPerson(page, { name: '王晓梅', party: '业委会', roles: ['理事会成员'] });
    await addPerson(page, { name: '赵大勇', party: '物业公司', roles: ['理事会成员'] });
    await waitForSynced(page);

    await context.setOffline(true);
    meetingId = await newMeeting(page, '共建理事会会议', '2026-11-25');
    expect(await page.getByTestId('meeting-title').textContent()).toContain('金山花园共建理事会会议（2026年11月25日）');
    await page.getByLabel('开始时间').fill('19:30');
    await page.getByLabel('结束时间').fill('21:05');
    await page.getByLabel('地点', { exact: true }).fill('党群服务站二楼会议室');
    await page.getByLabel('主持人', { exact: true }).fill('李建国');
    // 记录人 is prefilled with the operator? Not logged in by a local name: type it.
    await page.getByLabel('记录人').fill('王晓梅');

    // Check-in as they arrive; 赵大勇 is on leave.
    await page.getByLabel('李建国 到会').check();
    await page.getByLabel('王晓梅 到会').check();
    await page.getByLabel('赵大勇 出席情况').selectOption('leave');
    await page.getByLabel('赵大勇 请假/缺席原因').fill('出差');
    expect(await page.getByTestId('count-expected').textContent()).toBe('3');
    expect(await page.getByTestId('count-present').textContent()).toBe('2');

    // Notes on two 议题, typed as a secretary types.
    await topic(page, 0).getByLabel('讨论情况').pressSequentially(NOTES_1, { delay: 5 });
    await topic(page, 1).getByLabel('讨论情况').fill(NOTES_2);

    // A vote on the first.
    await topic(page, 0).getByRole('button', { name: '新增决议' }).click();
    const decision = topic(page, 0).getByTestId('resolution');
    await decision.getByLabel('决议内容').fill(DECISION);
    await decision.getByLabel('表决方式').selectOption('count');
    await decision.getByLabel('同意', { exact: true }).fill('2');
    await decision.getByLabel('反对', { exact: true }).fill('0');
    await decision.getByLabel('弃权', { exact: true }).fill('0');
    expect(await decision.getByTestId('outcome-label').textContent()).toBe('通过');
    expect(await decision.getByTestId('outcome-arith').textContent()).toBe('出席 2/3 > 1/2；同意 2/2 > 1/2');
    // More votes than present: refused at the field.
    await decision.getByLabel('弃权', { exact: true }).fill('1');
    expect(await decision.getByTestId('error-abstain').textContent()).toContain('多于实到');
    await decision.getByLabel('弃权', { exact: true }).fill('0');
    await waitSaved(page);

    // 定稿
    await page.getByRole('button', { name: '定稿', exact: true }).click();
    await page.getByRole('dialog', { name: '确认定稿' }).getByRole('button', { name: '确认定稿' }).click();
    await expect.poll(() => page.getByTestId('meeting-status').textContent()).toBe('已定稿');
    await waitSaved(page);
    expect(await page.getByTestId('record-view').getByRole('textbox').count()).toBe(0);

    // 保存会议记录为PDF
    await page.getByRole('button', { name: '保存会议记录为PDF' }).click();
    await expect.poll(() => page.getByTestId('print-status').textContent()).toBe(
      '已保存为 PDF：/tmp/金山花园共建理事会会议（2026年11月25日）-会议记录.pdf',
    );
    const printed = await printedOn(page);
    const pdf = printed.find((p) => p.channel === 'print:toPdf');
    if (!pdf) throw new Error('nothing was sent to print:toPdf');
    const text = await pdfText(pdf.html, 'record');
    for (const expected of [
      '金山花园会议记录',
      '会议名称金山花园共建理事会会议（2026年11月25日）',
      '会议类型共建理事会会议',
      '2026年11月25日19时30分至21时05分',
      '党群服务站二楼会议室',
      '李建国（理事长）',
      '应到3人，实到2人，请假1人，缺席0人，列席0人',
      '赵大勇（出差）',
      '议题一：上次会议议定事项落实情况',
      '东门道路破损严重',
      '议题二：小区近期治理重点问题',
      '3号楼楼道堆物',
      DECISION,
      '同意2人，反对0人，弃权0人',
      '通过',
      '出席2/3>1/2；同意2/2>1/2',
      '已定稿',
    ])
      expect(text).toContain(expected.replace(/\s+/g, ''));

    // The 纪要 too: decisions only.
    await page.getByRole('button', { name: '保存会议纪要为PDF' }).click();
    await expect.poll(async () => (await printedOn(page)).length).toBe(2);
    const summary = (await printedOn(page))[1];
    const summaryText = await pdfText(summary?.html ?? '', 'summary');
    expect(summaryText).toContain('金山花园共建理事会会议纪要');
    expect(summaryText).toContain(DECISION);
    expect(summaryText).toContain('出席：李建国（理事长）、王晓梅'); // roster order (by name)
    expect(summaryText).toContain('请假：赵大勇（出差）');
    expect(summaryText).not.toContain('东门道路破损严重');
    expect(a.errors).toEqual([]);
  });

  test('after a reload everything is there (from this PC alone); an edit after 定稿 becomes a 更正, the original unchanged', async () => {
    if (!a) throw new Error('previous step did not run');
    const { context, page } = a;
    // Back on the network for the page itself, but the sync API stays unreachable: what shows is local.
    await context.route('**/api/**', (route) => route.abort());
    await context.setOffline(false);
    await page.reload();
    await page.getByTestId('record-view').waitFor();
    expect(await page.getByTestId('meeting-status').textContent()).toBe('已定稿');
    expect(await topic(page, 0).getByTestId('topic-notes').textContent()).toBe(NOTES_1);
    expect(await topic(page, 1).getByTestId('topic-notes').textContent()).toBe(NOTES_2);
    expect(await topic(page, 0).getByTestId('resolution-text').textContent()).toBe(DECISION);
    expect(await topic(page, 0).getByTestId('vote-tally').textContent()).toBe('表决情况：同意2人，反对0人，弃权0人');
    expect(await page.getByTestId('record-attendance').textContent()).toBe('应到3人，实到2人，请假1人，缺席0人，列席0人');

    await topic(page, 0).getByRole('button', { name: '更正/补充' }).first().click();
    const form = page.getByRole('dialog', { name: '添加更正/补充' });
    await form.getByLabel('内容').fill(CORRECTED);
    await form.getByLabel('原因').fill('记录遗漏北门台阶');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    const entry = page.getByTestId('correction');
    expect(await entry.textContent()).toContain('更正一');
    expect(await entry.textContent()).toContain(CORRECTED_MARKED);
    expect(await entry.textContent()).toContain('原因：记录遗漏北门台阶');
    await page.reload();
    await page.getByTestId('record-view').waitFor();
    expect(await topic(page, 0).getByTestId('topic-notes').textContent()).toBe(NOTES_1);
    expect(await page.getByTestId('correction').count()).toBe(1);
    expect(a.errors).toEqual([]);
  });

  test('after reconnecting, the meeting reaches a second PC', async () => {
    if (!a) throw new Error('previous step did not run');
    await a.context.unroute('**/api/**');
    await waitForSynced(a.page, 60_000);

    const token = await apiLogin(url(), COMPOUND.code, SECOND.username, PASSWORD);
    const onServer = (await pullAll(url(), token, 'meetings')).find((m) => m.id === meetingId);
    expect(onServer).toMatchObject({ status: 'final', finalisedBy: SECRETARY.name, corrections: [{ kind: 'correction', text: CORRECTED }] });

    const b = await pc();
    await openApp(b.page, url(), 'settings');
    await login(b.page, url(), COMPOUND.code, SECOND.username, SECOND.password);
    await waitForSynced(b.page);
    await goToMeetings(b.page);
    const row = b.page.getByTestId('meeting-row').filter({ hasText: '金山花园共建理事会会议（2026年11月25日）' });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-status')).toBe('final');
    await row.getByTestId('meeting-open').click();
    await b.page.getByTestId('record-view').waitFor();
    expect(await topic(b.page, 0).getByTestId('topic-notes').textContent()).toBe(NOTES_1);
    expect(await topic(b.page, 1).getByTestId('topic-notes').textContent()).toBe(NOTES_2);
    expect(await b.page.getByTestId('correction').textContent()).toContain(CORRECTED_MARKED);
    expect(b.errors).toEqual([]);
  });

  test('crash safety: typing followed by a crashed page loses nothing typed', async () => {
    const { context, page, errors } = await pc();
    await openApp(page, url());
    const id = await newMeeting(page, '其他会议', '2026-11-26');
    await page.getByRole('button', { name: '新增议题' }).click();
    const notes = topic(page, 0).getByLabel('讨论情况');
    const early = '第一段：会议开始，主持人说明议程。';
    const late = '第二段：崩溃前最后一刻输入的文字。';
    await notes.pressSequentially(early, { delay: 10 });
    await new Promise((r) => setTimeout(r, 1000));
    await notes.pressSequentially(late, { delay: 10 });
    // No unload, no pagehide, no time for the database write: the renderer process dies right after the last key.
    const cdp = await context.newCDPSession(page);
    const crashed = page.waitForEvent('crash', { timeout: 10_000 });
    void cdp.send('Page.crash').catch(() => undefined); // answers only once the target is gone
    await crashed;

    const again = await context.newPage();
    await again.goto(`${url()}#/meetings/${id}`);
    const reopened = topic(again, 0).getByLabel('讨论情况');
    await reopened.waitFor();
    await expect.poll(() => reopened.inputValue()).toBe(early + late);
    await waitSaved(again);
    expect(await storedMeeting(again, id)).toMatchObject({ topics: [{ notes: early + late }] });
    expect(errors.filter((e) => !/crash/i.test(e))).toEqual([]);
  });

  test('a window closed within moments of fast typing loses nothing typed (with or without beforeunload)', async () => {
    const { context, page, errors } = await pc();
    await openApp(page, url());
    const id = await newMeeting(page, '其他会议', '2026-11-27');
    await page.getByRole('button', { name: '新增议题' }).click();
    await waitSaved(page);
    let typed = '';
    let current = page;
    // Closed at once, 40 ms and 120 ms after the last key; the last one runs the page's beforeunload.
    for (const [i, wait] of [0, 40, 120].entries()) {
      const more = `第${i + 1}次关闭前快速输入的一句话。`;
      await topic(current, 0).getByLabel('讨论情况').pressSequentially(more, { delay: 5 });
      typed += more;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await current.close({ runBeforeUnload: i === 2 });
      current = await context.newPage();
      await current.goto(`${url()}#/meetings/${id}`);
      const box = topic(current, 0).getByLabel('讨论情况');
      await box.waitFor();
      await expect.poll(() => box.inputValue()).toBe(typed);
      await box.focus();
      await box.press('End');
    }
    await waitSaved(current);
    expect(await storedMeeting(current, id)).toMatchObject({ topics: [{ notes: typed }] });
    // Once the database has it, the write-ahead copy is gone.
    expect(await current.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('linli.minutes.unsaved.')))).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('issue #8: the recount 3/2/0 → 同意 4 (refused) → 反对 1 is stored, shown, refused at 定稿 meanwhile and printed as 4/1/0', async () => {
    test.setTimeout(180_000);
    const { context, page, errors } = await pc();
    await stubBridge(context);
    await openApp(page, url(), 'settings');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByLabel('小区名称').fill('金山花园');
    await page.getByRole('button', { name: '保存小区信息' }).click();
    await page.getByTestId('toast').getByText('小区信息已保存').waitFor();

    const id = await newMeeting(page, '其他会议', '2026-11-28');
    for (const name of ['赵一', '钱二', '孙三', '李四', '周五']) {
      await page.getByTestId('add-attendee').getByLabel('姓名').fill(name);
      await page.getByTestId('add-attendee').getByLabel('身份').selectOption('member');
      await page.getByRole('button', { name: '添加参会人员' }).click();
      await page.getByLabel(`${name} 到会`).check();
    }
    await page.getByLabel('开始时间').fill('19:30');
    await page.getByLabel('结束时间').fill('21:00');
    await page.getByLabel('地点', { exact: true }).fill('党群服务站');
    await page.getByLabel('主持人', { exact: true }).fill('赵一');
    await page.getByLabel('记录人').fill('钱二');
    await page.getByRole('button', { name: '新增议题' }).click();
    await topic(page, 0).getByLabel('议题名称').fill('东门道路修缮');
    await topic(page, 0).getByRole('button', { name: '新增决议' }).click();
    const decision = topic(page, 0).getByTestId('resolution');
    await decision.getByLabel('决议内容').fill(DECISION);
    await decision.getByLabel('表决方式').selectOption('count');
    await decision.getByLabel('同意', { exact: true }).fill('3');
    await decision.getByLabel('反对', { exact: true }).fill('2');
    await decision.getByLabel('弃权', { exact: true }).fill('0');
    await waitSaved(page);
    expect(await decision.getByTestId('outcome-label').textContent()).toBe('通过');

    // The chair recounts: 4 for, 1 against. 同意 first: 4 + 2 exceeds the 5 present, refused, and says so.
    await decision.getByLabel('同意', { exact: true }).fill('4');
    expect(await decision.getByTestId('error-yes').textContent()).toBe('同意、反对、弃权合计 6 票，多于实到（参与表决）的 5 人，请核对票数或出席情况。');
    await decision.getByTestId('unsaved-yes').waitFor();
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('unsaved');
    expect(await page.getByTestId('save-state').textContent()).not.toContain('已保存');
    expect(await decision.getByTestId('outcome').getAttribute('data-outcome')).toBe('unsaved');
    expect(await storedVote(page, id)).toEqual({ method: 'count', yes: 3, no: 2, abstain: 0 });

    // 定稿 meanwhile is refused, naming the field, which gets the focus.
    await page.getByRole('button', { name: '定稿', exact: true }).click();
    await page.getByTestId('finalise-unsaved').waitFor();
    expect(await page.getByTestId('finalise-issues').textContent()).toContain('议题一 决议一 同意：同意、反对、弃权合计 6 票');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-path') ?? '')).toMatch(/\.vote\.yes$/);
    expect(await page.getByRole('dialog', { name: '确认定稿' }).count()).toBe(0);
    expect((await storedMeeting(page, id)).status).toBe('draft');

    // 反对 1: the group as shown, 4/1/0, holds, and is saved whole.
    await decision.getByLabel('反对', { exact: true }).fill('1');
    await waitSaved(page);
    expect(await storedVote(page, id)).toEqual({ method: 'count', yes: 4, no: 1, abstain: 0 });
    expect(await decision.getByTestId('error-yes').count()).toBe(0);
    expect(await decision.getByTestId('outcome-label').textContent()).toBe('通过');
    expect(await decision.getByTestId('outcome-arith').textContent()).toBe('出席 5/5 > 1/2；同意 4/5 > 1/2');

    await page.getByRole('button', { name: '定稿', exact: true }).click();
    await page.getByRole('dialog', { name: '确认定稿' }).getByRole('button', { name: '确认定稿' }).click();
    await expect.poll(() => page.getByTestId('meeting-status').textContent()).toBe('已定稿');
    await waitSaved(page);
    expect(await storedMeeting(page, id)).toMatchObject({ status: 'final', topics: [{ resolutions: [{ vote: { yes: 4, no: 1, abstain: 0 } }] }] });

    await page.getByRole('button', { name: '保存会议记录为PDF' }).click();
    await page.getByRole('button', { name: '保存会议纪要为PDF' }).click();
    await expect.poll(async () => (await printedOn(page)).length).toBe(2);
    const [record, summary] = await printedOn(page);
    const recordText = await pdfText(record?.html ?? '', 'recount-record');
    expect(recordText).toContain('表决情况：同意4人，反对1人，弃权0人');
    expect(recordText).toContain('表决结果：通过');
    expect(recordText).toContain('出席5/5>1/2；同意4/5>1/2');
    expect(recordText).not.toMatch(/同意3人|未通过/);
    const summaryText = await pdfText(summary?.html ?? '', 'recount-summary');
    expect(summaryText).toContain('表决情况：同意4人，反对1人，弃权0人。表决结果：通过。');
    expect(summaryText).not.toMatch(/同意3人|未通过/);
    expect(errors).toEqual([]);
  });
});
