// Issue #16 end to end: a new version deployed while the web version is open. Two builds that differ only by their
// build id (vite.config.ts's LINLI_BUILD_ID, shown as <html data-build>) are swapped in the server's static folder,
// as an operator deploys. The open page learns of the new version in the background and offers it with
// 「有新版本，重新打开即可使用」; it never swaps the code under the user: what is typed in a form stays, the page is not
// reloaded, and a new tab still gets the running version. The new version starts when every tab has been closed and
// one is opened again, or when the user clicks 立即更新 (that tab reloads; another open tab keeps its page and says
// so).
//
// Build A is E2E_STATIC_DIR (default dist/renderer, as every e2e test serves); build B is E2E_UPDATE_BUILD_DIR when
// given, else this file builds it into a temp folder (about a minute).
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { attachServerLog, createStorage, e2eStaticDir, HOOK_TIMEOUT, newPc, startServerOn, type ServerProcess, type ServerStorage } from './harness';
import { goTo, openApp } from './pages';
import { buildOf, checkForUpdate, expectSameRealm, markRealm, updateBanner, waitForServiceWorker } from './pwa-pages';

const root = new URL('../..', import.meta.url).pathname;

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let work = '';
/** The folder the server serves; its content is replaced by one build or the other. */
let served = '';
let buildA = '';
let buildB = '';
const contexts: BrowserContext[] = [];

function viteBuild(outDir: string, buildId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      env: { ...process.env, LINLI_BUILD_ID: buildId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited ${code}:\n${log}`))));
  });
}

/** A build's id, from its index.html (<meta name="linli-build">). */
async function buildIdOf(dir: string): Promise<string> {
  return /<meta name="linli-build" content="([^"]*)"/.exec(await readFile(join(dir, 'index.html'), 'utf8'))?.[1] ?? '';
}

/** Deploys a build: replaces everything the server serves, as copying a new dist/renderer over the old one does. */
async function deploy(build: string): Promise<void> {
  for (const entry of await readdir(served)) await rm(join(served, entry), { recursive: true, force: true });
  await cp(build, served, { recursive: true });
}

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(HOOK_TIMEOUT * 2);
  browser = launched;
  work = await mkdtemp(join(tmpdir(), 'linli-e2e-update-'));
  buildA = e2eStaticDir();
  buildB = process.env.E2E_UPDATE_BUILD_DIR ?? join(work, 'build-b');
  if (!process.env.E2E_UPDATE_BUILD_DIR) await viteBuild(buildB, `e2e-update-b-${Date.now()}`);
  served = join(work, 'served');
  await cp(buildA, served, { recursive: true });
  storage = await createStorage();
  server = await startServerOn(storage, { staticDir: served });
});

test.afterEach(async () => attachServerLog(server));

test.afterAll(async () => {
  test.setTimeout(HOOK_TIMEOUT);
  for (const c of contexts) await c.close().catch(() => undefined);
  await server?.stop();
  await storage?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

const url = (): string => {
  if (!server) throw new Error('no server');
  return server.url;
};

/** 组织人员 → 新增人员, a name typed and not saved. */
async function typeUnsaved(page: Page, name: string): Promise<void> {
  await goTo(page, 'roster');
  await page.getByRole('button', { name: '新增人员' }).click();
  await page.getByRole('dialog', { name: '新增人员' }).getByLabel('姓名', { exact: true }).fill(name);
}

const unsavedName = (page: Page) => page.getByRole('dialog', { name: '新增人员' }).getByLabel('姓名', { exact: true });

test('a new version is offered, never swapped under the user; it starts after every tab was closed, or at 立即更新', async () => {
  test.setTimeout(240_000);
  if (!browser) throw new Error('no browser');
  const idA = await buildIdOf(buildA);
  const idB = await buildIdOf(buildB);
  expect(idA).not.toBe('');
  expect(idB).not.toBe('');
  expect(idB).not.toBe(idA);

  const { context, page, errors } = await newPc(browser);
  contexts.push(context);
  await openApp(page, url());
  await waitForServiceWorker(page);
  expect(await buildOf(page)).toBe(idA);
  await expect(updateBanner(page)).toHaveCount(0);

  // B is deployed while a person is half typed.
  await typeUnsaved(page, '未保存的张');
  await markRealm(page);
  await deploy(buildB);
  await checkForUpdate(page);
  await expect(updateBanner(page)).toBeVisible({ timeout: 60_000 });
  await expect(updateBanner(page)).toContainText('有新版本，重新打开即可使用');
  await expect(updateBanner(page).getByRole('button', { name: '立即更新' })).toBeVisible();
  // Nothing changes on its own: same page (no reload), same code, the typing still there, well after the offer.
  await page.waitForTimeout(3000);
  await expectSameRealm(page);
  expect(await buildOf(page)).toBe(idA);
  await expect(unsavedName(page)).toHaveValue('未保存的张');
  await unsavedName(page).pressSequentially('三');
  await expect(unsavedName(page)).toHaveValue('未保存的张三');

  // A second tab opened now still runs A (the waiting version never takes over an open app) and is offered B too.
  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(String(e)));
  await openApp(second, url());
  expect(await buildOf(second)).toBe(idA);
  await expect(updateBanner(second)).toBeVisible({ timeout: 30_000 });
  // 稍后 hides the offer in that tab only.
  await updateBanner(second).getByRole('button', { name: '稍后' }).click();
  await expect(updateBanner(second)).toHaveCount(0);
  await expect(updateBanner(page)).toBeVisible();

  // Every tab closed, one opened again: B runs, without being asked.
  await page.close();
  await second.close();
  const reopened = await context.newPage();
  reopened.on('pageerror', (e) => errors.push(String(e)));
  await openApp(reopened, url());
  await expect.poll(() => buildOf(reopened), { timeout: 15_000 }).toBe(idB);
  await waitForServiceWorker(reopened);
  await expect(updateBanner(reopened)).toHaveCount(0);

  // A deployed again (any other build is a new version): offered in both open tabs; 立即更新 in one of them.
  const other = await context.newPage();
  other.on('pageerror', (e) => errors.push(String(e)));
  await openApp(other, url());
  await typeUnsaved(other, '另一个窗口里的李');
  await markRealm(other);
  await deploy(buildA);
  await checkForUpdate(reopened);
  await expect(updateBanner(reopened)).toBeVisible({ timeout: 60_000 });
  await expect(updateBanner(other)).toBeVisible({ timeout: 30_000 });
  await markRealm(reopened);
  await Promise.all([
    reopened.waitForEvent('load', { timeout: 30_000 }),
    updateBanner(reopened).getByRole('button', { name: '立即更新' }).click(),
  ]);
  await reopened.getByTestId('sync-indicator').waitFor();
  expect(await buildOf(reopened)).toBe(idA);
  expect(await reopened.evaluate(() => (window as unknown as { __linliRealm?: boolean }).__linliRealm)).toBeUndefined();
  await expect(updateBanner(reopened)).toHaveCount(0);

  // The other tab was not reloaded under its user: its typing stays, and it says the new version runs elsewhere.
  await expect(updateBanner(other)).toHaveAttribute('data-state', 'activated-elsewhere', { timeout: 15_000 });
  await expect(updateBanner(other)).toContainText('新版本已在另一个窗口启用');
  await expectSameRealm(other);
  expect(await buildOf(other)).toBe(idB);
  await expect(unsavedName(other)).toHaveValue('另一个窗口里的李');
  expect(errors).toEqual([]);
});
