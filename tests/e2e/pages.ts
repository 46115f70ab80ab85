// What a committee member does in the web host, as small steps for the end-to-end tests. Selectors are the stable
// ones the README lists (labels, roles, data-testid) — never CSS classes.
import { expect, type Locator, type Page } from '@playwright/test';

export type SectionId = 'dashboard' | 'roster' | 'conflicts' | 'settings';

/** Opens the web host (optionally at a section) and waits until the shell is up. */
export async function openApp(page: Page, url: string, section?: SectionId): Promise<void> {
  await page.goto(section ? `${url}#/${section}` : url);
  await page.getByTestId('sync-indicator').waitFor();
}

export async function goTo(page: Page, section: SectionId): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByTestId(`nav-${section}`).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${section}`);
}

/** Fills 设置 → 同步服务器 and presses 登录并开始同步; does not wait for the outcome. */
export async function submitLogin(page: Page, serverUrl: string, compound: string, username: string, password: string): Promise<void> {
  await goTo(page, 'settings');
  const card = page.getByTestId('sync-settings');
  const address = card.getByLabel('服务器地址');
  // The web version fixes the address to the server that served the page (issue #16): then it must be that one.
  if (await address.isEditable()) await address.fill(serverUrl);
  else await expect(address).toHaveValue(new URL(serverUrl).origin);
  await card.getByLabel('小区代码').fill(compound);
  await card.getByLabel('用户名').fill(username);
  await card.getByLabel('密码').fill(password);
  await card.getByTestId('sync-login').click();
}

/** Logs in through 设置 and waits until the card shows the account. */
export async function login(page: Page, serverUrl: string, compound: string, username: string, password: string): Promise<void> {
  await submitLogin(page, serverUrl, compound, username, password);
  await page.getByTestId('sync-user').waitFor({ timeout: 20_000 });
}

export type PersonInput = {
  name: string;
  phone?: string;
  building?: string;
  unit?: string;
  room?: string;
  /** The 代表方 option's label, e.g. 党支部 (default). */
  party?: string;
  post?: string;
  /** Role checkbox labels, e.g. 党员. */
  roles?: readonly string[];
  note?: string;
};

async function fillPerson(dialog: Locator, p: Partial<PersonInput>): Promise<void> {
  const text: [string, string | undefined][] = [
    ['姓名', p.name],
    ['手机', p.phone],
    ['楼栋号', p.building],
    ['单元号', p.unit],
    ['房号', p.room],
    ['职务', p.post],
    ['备注', p.note],
  ];
  for (const [label, value] of text) if (value !== undefined) await dialog.getByLabel(label, { exact: true }).fill(value);
  if (p.party !== undefined) await dialog.getByLabel('代表方').selectOption({ label: p.party });
  for (const role of p.roles ?? []) await dialog.getByRole('group', { name: '角色' }).getByLabel(role, { exact: true }).check();
}

/** The 新增人员 dialog, filled; the caller presses 保存 (to see validation) or uses addPerson. */
export async function openNewPerson(page: Page, p: Partial<PersonInput>): Promise<Locator> {
  if ((await page.evaluate(() => location.hash)) !== '#/roster') await goTo(page, 'roster');
  await page.getByRole('button', { name: '新增人员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增人员' });
  await dialog.waitFor();
  await fillPerson(dialog, p);
  return dialog;
}

/** 组织人员 → 新增人员 → 保存, and waits until the dialog has closed (the write is in IndexedDB). */
export async function addPerson(page: Page, p: PersonInput): Promise<void> {
  const dialog = await openNewPerson(page, { party: '党支部', ...p });
  await dialog.getByTestId('save-person').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The 人员 row whose name is exactly `name`. */
export function personRow(page: Page, name: string): Locator {
  return page.getByTestId('person-row').filter({ has: page.getByTestId('person-name').getByText(name, { exact: true }) });
}

/** Opens a person's 编辑人员 dialog from their row, changes the given fields, saves. */
export async function editPerson(page: Page, name: string, changes: Partial<PersonInput>): Promise<void> {
  if ((await page.evaluate(() => location.hash)) !== '#/roster') await goTo(page, 'roster');
  await personRow(page, name).getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑人员' });
  await dialog.waitFor();
  await fillPerson(dialog, changes);
  await dialog.getByTestId('save-person').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The note (备注) a person's edit dialog shows, read without changing anything. */
export async function noteOf(page: Page, name: string): Promise<string> {
  await personRow(page, name).getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑人员' });
  const note = await dialog.getByLabel('备注', { exact: true }).inputValue();
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return note;
}

export type IndicatorState = { state: string | null; label: string; pending: number };

export async function indicator(page: Page): Promise<IndicatorState> {
  const box = page.getByTestId('sync-indicator');
  return {
    state: await box.getAttribute('data-state'),
    label: (await box.getByTestId('sync-state').textContent()) ?? '',
    pending: Number(await box.getByTestId('sync-pending').getAttribute('data-count')),
  };
}

/** Waits until the indicator shows 在线 and no local change waits for the server (未同步 0). */
export async function waitForSynced(page: Page, timeout = 30_000): Promise<void> {
  await expect
    .poll(() => indicator(page), { timeout, intervals: [200] })
    .toEqual({ state: 'online', label: '在线', pending: 0 });
}

/** Names in the 人员 list as shown (active only unless 显示已离开 is ticked). */
export async function listedNames(page: Page): Promise<string[]> {
  return page.getByTestId('person-row').getByTestId('person-name').allTextContents();
}

type IndicatorLog = { __linliIndicator?: string[] };

/**
 * Records every state the indicator passes through ("state|上次同步：…"), from now on, in the page itself — a
 * MutationObserver sees states too short-lived for polling.
 */
export async function recordIndicator(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as IndicatorLog;
    const log: string[] = [];
    w.__linliIndicator = log;
    const snap = () => {
      const box = document.querySelector('[data-testid="sync-indicator"]');
      const s = `${box?.getAttribute('data-state') ?? ''}|${box?.querySelector('[data-testid="sync-last"]')?.textContent ?? ''}`;
      if (log[log.length - 1] !== s) log.push(s);
    };
    new MutationObserver(snap).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    snap();
  });
}

export async function recordedIndicator(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as IndicatorLog).__linliIndicator ?? []);
}
