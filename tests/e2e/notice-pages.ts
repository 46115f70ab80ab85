// What the office does in 公告打印 (issue #13), as small steps for the end-to-end tests: a finalised meeting to make a
// 决议公告 from, the notice form, 发布, the lists, the public check page. Selectors are labels, roles and data-testid —
// never CSS classes.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** The open notice's id from the address #/notices/<id>. */
export async function openedNoticeId(page: Page): Promise<string> {
  await page.getByTestId('notice-view').waitFor();
  const id = /^#\/notices\/([^/?]+)$/.exec(await page.evaluate(() => location.hash))?.[1];
  if (!id || id === 'new') throw new Error(`not on a notice: ${await page.evaluate(() => location.hash)}`);
  return decodeURIComponent(id);
}

/** 公告打印 at a list tab (在贴公告 by default). */
export async function openNotices(page: Page, url: string, tab: 'board' | 'all' | 'drafts' | 'log' = 'board'): Promise<void> {
  await page.goto(`${url}#/notices${tab === 'board' ? '' : `?tab=${tab}`}`);
  await page.getByTestId(`notices-tab-${tab}`).waitFor();
}

export async function openNoticeById(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}#/notices/${encodeURIComponent(id)}`);
  await page.getByTestId('notice-view').waitFor();
}

/** A list's row of the notice titled exactly `title`. */
export function noticeRow(list: Locator, title: string): Locator {
  return list.getByTestId('notice-row').filter({ has: list.page().getByTestId('notice-title').getByText(title, { exact: true }) });
}

export type NoticeFields = {
  title?: string;
  issuePrefix?: string;
  body?: string;
  issueDate?: string;
  postFrom?: string;
  postUntil?: string;
  /** 落款 checkbox labels to tick (the first ticked is the 主办 unless `lead` names another). */
  issuers?: readonly string[];
  lead?: string;
  public?: boolean;
};

/** Fills the draft form (only the fields given). */
export async function fillNotice(page: Page, f: NoticeFields): Promise<Locator> {
  const form = page.getByTestId('notice-form');
  await form.waitFor();
  if (f.title !== undefined) await form.getByTestId('field-title').fill(f.title);
  if (f.issuePrefix !== undefined) await form.getByTestId('field-issuePrefix').fill(f.issuePrefix);
  if (f.body !== undefined) await form.getByTestId('field-body').fill(f.body);
  if (f.issueDate !== undefined) await form.getByTestId('field-issueDate').fill(f.issueDate);
  if (f.postFrom !== undefined) await form.getByTestId('field-postFrom').fill(f.postFrom);
  if (f.postUntil !== undefined) await form.getByTestId('field-postUntil').fill(f.postUntil);
  for (const name of f.issuers ?? []) await form.getByTestId('field-issuers').getByLabel(name, { exact: true }).check();
  if (f.lead !== undefined) await form.getByTestId('field-issuerKey').selectOption({ label: f.lead });
  if (f.public !== undefined) await form.getByTestId('field-public').setChecked(f.public);
  return form;
}

/** 发布 → 确认发布; waits until the notice shows its 文号 (read-only view). Returns the 文号. */
export async function issueOpenNotice(page: Page): Promise<string> {
  await page.getByTestId('issue-notice').click();
  await page.getByTestId('confirm-issue-button').click();
  const number = page.getByTestId('notice-number');
  await expect(number).toHaveText(/〔\d{4}〕\d+号$/);
  return (await number.innerText()).trim();
}

/** The public check code of the open (issued, public) notice, as stored (without the 4-4-4 dashes). */
export async function publicCodeOf(page: Page): Promise<string> {
  const text = (await page.getByTestId('public-code').innerText()).trim();
  return text.replace(/-/g, '');
}

/**
 * A resident's phone: a fresh browser (no cache — the server lets a page be kept for a minute) at the public check
 * page of a code. Close its context when done.
 */
export async function residentPhone(browser: Browser, url: string, code: string): Promise<{ page: Page; text: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  const res = await page.goto(`${url}n/${code}`);
  if (!res) throw new Error('no response from the public page');
  const text = (await page.locator('body').innerText()).replace(/\s+/g, '');
  return { page, text, close: () => context.close() };
}

const DECISION_VOTE = { yes: '2', no: '0', abstain: '0' };

/**
 * A 其他会议 with two attendees, one 议题 and a decision voted 2/0/0, 定稿. Returns the meeting's id. The page is
 * left on the finalised record.
 */
export async function finalisedMeeting(page: Page, input: { date: string; topic: string; decision: string; attendees: readonly [string, string] }): Promise<string> {
  await page.getByRole('navigation', { name: '主导航' }).getByTestId('nav-meetings').click();
  await page.getByRole('button', { name: '新建会议' }).click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await dialog.getByLabel('会议类型').selectOption({ label: '其他会议' });
  await dialog.getByLabel('会议日期').fill(input.date);
  await dialog.getByRole('button', { name: '创建并开始记录' }).click();
  await page.getByTestId('meeting-editor').waitFor();
  const id = /#\/meetings\/(.+)$/.exec(await page.evaluate(() => location.hash))?.[1];
  if (!id) throw new Error('no meeting id in the hash');
  for (const name of input.attendees) {
    await page.getByTestId('add-attendee').getByLabel('姓名').fill(name);
    await page.getByTestId('add-attendee').getByLabel('身份').selectOption('member');
    await page.getByRole('button', { name: '添加参会人员' }).click();
    await page.getByLabel(`${name} 到会`).check();
  }
  await page.getByLabel('开始时间').fill('19:30');
  await page.getByLabel('结束时间').fill('21:00');
  await page.getByLabel('地点', { exact: true }).fill('党群服务站');
  await page.getByLabel('主持人', { exact: true }).fill(input.attendees[0]);
  await page.getByLabel('记录人').fill(input.attendees[1]);
  await page.getByRole('button', { name: '新增议题' }).click();
  const topic = page.getByTestId('topic').first();
  await topic.getByLabel('议题名称').fill(input.topic);
  await topic.getByRole('button', { name: '新增决议' }).click();
  const decision = topic.getByTestId('resolution');
  await decision.getByLabel('决议内容').fill(input.decision);
  await decision.getByLabel('表决方式').selectOption('count');
  await decision.getByLabel('同意', { exact: true }).fill(DECISION_VOTE.yes);
  await decision.getByLabel('反对', { exact: true }).fill(DECISION_VOTE.no);
  await decision.getByLabel('弃权', { exact: true }).fill(DECISION_VOTE.abstain);
  await decision.getByLabel('弃权', { exact: true }).press('Tab');
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 5000 }).toBe('saved');
  await page.getByRole('button', { name: '定稿', exact: true }).click();
  await page.getByRole('dialog', { name: '确认定稿' }).getByRole('button', { name: '确认定稿' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('已定稿');
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 5000 }).toBe('saved');
  return decodeURIComponent(id);
}
