// Issue #13 end to end in the web host: 公告打印 on one PC of a compound signed in to a real server process.
//   1. A finalised meeting's decision → 生成决议公告 → the draft opens in 公告打印; 发布 without a 公示期 end is
//      refused at the field; issued as 和美业委〔YYYY〕1号, saved as PDF (the HTML handed to the desktop bridge,
//      rendered by Chromium and read back with pdftotext: title, 文号, 公示期), logged, listed under 在贴公告; the
//      public page (/n/<code>, served by the server) says 公示中. With Playwright's clock after its 公示期, 在贴公告
//      and 工作台 show it as to take down.
//   2. The server's date cannot be faked: a notice issued with a 公示期 that already ended shows 已到期 on its page.
//   3. A superseding notice: the old public page says 已被新公告取代 and links to the new one, which is 公示中.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { attachServerLog, createCompoundWithUsers, createStorage, HOOK_TIMEOUT, startServerOn, type ServerProcess, type ServerStorage, type TestUser } from './harness';
import { beijingToday } from './ledger-pages';
import { finalisedMeeting, fillNotice, issueOpenNotice, noticeRow, openedNoticeId, openNoticeById, openNotices, publicCodeOf, residentPhone } from './notice-pages';
import { login, waitForSynced } from './pages';
import { pdfText as renderedText, printedOn, stubBridge } from './printing';
import { newTaskPc, type TaskPc } from './task-pages';

const COMPOUND = { code: 'HEMEI', name: '和美小区' };
const PASSWORD = 'e2e-mima-2026';
const SECRETARY: TestUser = { username: 'shuji', name: '李书记', role: 'branch_secretary', password: PASSWORD };
const BRANCH = '中共和美小区支部委员会';
const COMMITTEE = '和美小区业主委员会';
const DECISION = '同意由物业公司对东门道路进行修缮，费用从公共收益中列支。';

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let workDir = '';
const contexts: BrowserContext[] = [];

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(HOOK_TIMEOUT);
  storage = await createStorage();
  await createCompoundWithUsers(storage, COMPOUND, [SECRETARY]);
  server = await startServerOn(storage);
  browser = launched;
  workDir = await mkdtemp(join(tmpdir(), 'linli-e2e-notices-'));
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

/** YYYY-MM-DD + n days, on the calendar. */
const plusDays = (date: string, n: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const cn = (date: string): string => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * pdftotext's text with the look-alikes folded: CFF fonts embedded as Type 3 extract some characters as Kangxi
 * radicals (⼩ for 小, ⽉ for 月, ⽇ for 日), which NFKC maps back; full-width punctuation is folded alike on both sides.
 */
const fold = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/** The 文号 the notice of `seq` gets this year. */
const TODAY = beijingToday();
const YEAR = TODAY.slice(0, 4);
const numberOf = (seq: number): string => `和美业委〔${YEAR}〕${seq}号`;

test.describe.serial('公告打印 end to end (issue #13)', () => {
  let a: TaskPc | undefined;
  let first = { id: '', code: '', title: '', until: '' };

  test('a 决议公告 from a finalised meeting: issued, saved as PDF, logged, on 在贴公告, 公示中 on its public page; after its 公示期 to take down', async () => {
    test.setTimeout(180_000);
    if (!browser) throw new Error('no browser');
    a = await newTaskPc(browser);
    contexts.push(a.context);
    const { context, page } = a;
    await stubBridge(context);
    await page.goto(`${url()}#/settings`);
    await login(page, url(), COMPOUND.code, SECRETARY.username, SECRETARY.password);
    await waitForSynced(page);
    await page.getByLabel('小区名称').fill(COMPOUND.name);
    await page.getByLabel('党支部名称').fill(BRANCH);
    await page.getByLabel('业委会名称').fill(COMMITTEE);
    await page.getByRole('button', { name: '保存小区信息' }).click();
    await page.getByTestId('toast').getByText('小区信息已保存').waitFor();

    await finalisedMeeting(page, { date: plusDays(TODAY, -1), topic: '东门道路修缮', decision: DECISION, attendees: ['李书记', '王主任'] });
    await page.getByTestId('record-view').getByTestId('create-notice').click();
    const form = page.getByTestId('notice-form');
    await form.waitFor();
    const id = await openedNoticeId(page);
    const title = await form.getByTestId('field-title').inputValue();
    expect(title).toContain('决议公告');
    await expect(form.getByTestId('field-body')).toHaveValue(new RegExp(DECISION));
    // From the meeting: 落款 of the branch and the 业委会, posted from today.
    await expect(form.getByTestId('field-issuers').getByLabel(BRANCH, { exact: true })).toBeChecked();
    await expect(form.getByTestId('field-issuers').getByLabel(COMMITTEE, { exact: true })).toBeChecked();
    await expect(form.getByTestId('field-postFrom')).toHaveValue(TODAY);
    const until = await form.getByTestId('field-postUntil').inputValue();
    expect(until > TODAY).toBe(true);

    // A 公示 needs its whole 公示期: refused at the field, nothing issued.
    await fillNotice(page, { issuePrefix: '和美业委', lead: COMMITTEE, postUntil: '' });
    await page.getByTestId('issue-notice').click();
    await expect(form.getByTestId('error-postUntil')).toHaveText('公示类公告须填写有效的公示期（开始和结束日期）。');
    await expect(page.getByTestId('confirm-issue')).toHaveCount(0);
    await fillNotice(page, { postUntil: until });
    expect(await issueOpenNotice(page)).toBe(numberOf(1));
    await expect(page.getByTestId('notice-status')).toHaveText('公示中');
    await expect(page.getByTestId('notice-period')).toHaveText(`${cn(TODAY)}至${cn(until)}`);
    await waitForSynced(page);
    await expect(page.getByTestId('issue-no-pending')).toHaveCount(0);

    // 保存为PDF: the desktop bridge gets the print HTML; rendered to PDF it reads title, 文号 and 公示期.
    await page.getByTestId('pdf-notice').click();
    await expect(page.getByTestId('notice-print-status')).toHaveText(/^已保存为 PDF：\/tmp\/.+\.pdf$/);
    const pdf = (await printedOn(page)).find((p) => p.channel === 'print:toPdf');
    if (!pdf) throw new Error('nothing was sent to print:toPdf');
    const text = fold(await renderedText(browser, workDir, pdf.html, 'resolution-notice'));
    expect(text).toContain(fold(title));
    expect(text).toContain(fold(numberOf(1)));
    expect(text).toContain(fold(`公示期：${cn(TODAY)}至${cn(until)}`));
    expect(text).toContain(fold(DECISION));
    expect(text.indexOf(fold(title))).toBeLessThan(text.indexOf(fold(DECISION)));

    // The log: issued and saved as PDF, by whom, on this PC.
    await openNotices(page, url(), 'log');
    const log = page.getByTestId('notice-log');
    await expect(log.getByTestId('log-row').filter({ hasText: '保存为PDF' })).toContainText(SECRETARY.name);
    await expect(log.getByTestId('log-row').filter({ hasText: '保存为PDF' })).toContainText('本机');
    await expect(log.getByTestId('log-row').filter({ hasText: '发布' })).toContainText(numberOf(1));

    // 在贴公告 lists it, 公示中.
    await openNotices(page, url());
    const row = noticeRow(page.getByTestId('board-list'), title);
    await expect(row).toHaveAttribute('data-status', 'posted');
    await expect(row.getByTestId('notice-row-status')).toHaveText('公示中');

    // Residents' check page.
    await openNoticeById(page, url(), id);
    const code = await publicCodeOf(page);
    expect(code).toMatch(/^[2-9A-Za-z]{12}$/);
    await waitForSynced(page);
    const phone = await residentPhone(browser, url(), code);
    expect(phone.text).toContain('公示中');
    expect(phone.text).toContain(title);
    expect(phone.text).toContain(numberOf(1));
    expect(phone.text).toContain(`${cn(TODAY)}至${cn(until)}`);
    await phone.close();

    // The day after its 公示期, on a second PC of the office (Playwright's clock is a browser context's: this PC keeps
    // today's): it syncs, then its clock moves on — the notice is to take down, on the list and 工作台.
    const b = await newTaskPc(browser);
    contexts.push(b.context);
    await b.page.goto(`${url()}#/settings`);
    await login(b.page, url(), COMPOUND.code, SECRETARY.username, SECRETARY.password);
    await waitForSynced(b.page);
    await b.page.clock.install({ time: new Date(`${plusDays(until, 1)}T09:00:00+08:00`) });
    await openNotices(b.page, url());
    await b.page.reload();
    await b.page.getByTestId('notices-tab-board').waitFor();
    const down = noticeRow(b.page.getByTestId('takedown-list'), title);
    await expect(down).toHaveAttribute('data-status', 'expired');
    await expect(down.getByTestId('notice-row-status')).toHaveText('已到期');
    await expect(down.getByTestId('taken-down')).toBeVisible();
    await expect(b.page.getByTestId('board-list-empty')).toBeVisible();
    await b.page.goto(`${url()}#/dashboard`);
    await expect(b.page.getByTestId('notices-come-down')).toHaveText('1需撤下');
    await expect(b.page.getByTestId('notices-on-board')).toHaveText('0在贴公告');
    await b.context.close();

    first = { id, code, title, until };
    expect(a.errors).toEqual([]);
  });

  test('a notice issued with a 公示期 that already ended shows 已到期 on its public page', async () => {
    test.setTimeout(120_000);
    if (!a) throw new Error('previous step did not run');
    const { page } = a;
    await openNotices(page, url());
    await page.getByTestId('new-notice-kind').selectOption({ label: '通知' });
    await page.getByTestId('new-notice').click();
    await openedNoticeId(page);
    const title = '关于十一月上旬停水检修的通知';
    await fillNotice(page, {
      title,
      issuePrefix: '和美业委',
      body: '因二次供水设施检修，小区将于近日停水。\n\n特此通知。',
      issuers: [COMMITTEE],
      postFrom: plusDays(TODAY, -10),
      postUntil: plusDays(TODAY, -3),
      public: true,
    });
    expect(await issueOpenNotice(page)).toBe(numberOf(2));
    await expect(page.getByTestId('notice-status')).toHaveText('已到期');
    const code = await publicCodeOf(page);
    await waitForSynced(page);
    // On this PC it is due to come down at once.
    await openNotices(page, url());
    await expect(noticeRow(page.getByTestId('takedown-list'), title)).toHaveAttribute('data-status', 'expired');

    if (!browser) throw new Error('no browser');
    const phone = await residentPhone(browser, url(), code);
    expect(phone.text).toContain('已到期');
    expect(phone.text).toContain(`本公告的公示期已于${cn(plusDays(TODAY, -3))}结束`);
    expect(phone.text).toContain(title);
    expect(phone.text).not.toContain('公示中');
    await phone.close();
    expect(a.errors).toEqual([]);
  });

  test('a superseding notice: the old public page says 已被新公告取代 and links to the new one', async () => {
    test.setTimeout(120_000);
    if (!a || !first.id) throw new Error('previous step did not run');
    const { page } = a;
    await openNoticeById(page, url(), first.id);
    await page.getByTestId('supersede-notice').click();
    await page.getByTestId('notice-form').waitFor();
    const newId = await openedNoticeId(page);
    expect(newId).not.toBe(first.id);
    await expect(page.getByTestId('supersedes')).toContainText(first.title);
    const title = `${first.title}（更正）`;
    await fillNotice(page, { title });
    expect(await issueOpenNotice(page)).toBe(numberOf(3));
    const newCode = await publicCodeOf(page);
    expect(newCode).not.toBe(first.code);
    await waitForSynced(page);

    // The old notice on this PC: superseded, to come down.
    await openNoticeById(page, url(), first.id);
    await expect(page.getByTestId('notice-status')).toHaveText('已被取代');
    await expect(page.getByTestId('superseded-by')).toContainText(title);
    await openNotices(page, url());
    await expect(noticeRow(page.getByTestId('takedown-list'), first.title)).toHaveAttribute('data-status', 'superseded');
    await expect(noticeRow(page.getByTestId('board-list'), title)).toHaveAttribute('data-status', 'posted');

    // The old public page points to the new one.
    if (!browser) throw new Error('no browser');
    const phone = await residentPhone(browser, url(), first.code);
    expect(phone.text).toContain('已被新公告取代');
    const link = phone.page.getByRole('link', { name: `《${title}》` });
    await expect(link).toHaveAttribute('href', `/n/${newCode}`);
    await link.click();
    await expect(phone.page).toHaveURL(`${url()}n/${newCode}`);
    const newText = (await phone.page.locator('body').innerText()).replace(/\s+/g, '');
    expect(newText).toContain('公示中');
    expect(newText).toContain(title);
    expect(newText).toContain(numberOf(3));
    await phone.close();
    expect(a.errors).toEqual([]);
  });
});
