// Issue #16 end to end in Chromium: the web version works offline after one online visit. A secretary opens the
// web host online, logs in, writes a meeting; the service worker takes the page; the network goes; a reload and a
// second tab open the app (not Chromium's "no internet" page) with the meeting; something written offline is
// pushed once the network is back. Then what makes Chromium offer "install": the manifest, its icons and the
// service worker as served, and no installability error.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { MANIFEST_ICONS, BACKGROUND_COLOR, THEME_COLOR } from '../../shared/web/app-icons';
import { MANIFEST_FILE, SERVICE_WORKER_FILE } from '../../shared/web/pwa';
import { pngSize } from '../packaging/image-headers';
import { apiLogin, pullAll } from './api';
import { attachServerLog, createCompoundWithUsers, createStorage, HOOK_TIMEOUT, newPc, startServerOn, type ServerProcess, type ServerStorage, type TestUser } from './harness';
import { indicator, login, openApp, waitForSynced } from './pages';
import { waitForServiceWorker } from './pwa-pages';

const COMPOUND = { code: 'LXHY', name: '离线花园' };
const PASSWORD = 'e2e-mima-2026';
const SECRETARY: TestUser = { username: 'mishu', name: '王秘书', role: 'secretary', password: PASSWORD };

let storage: ServerStorage | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
const cleanups: (() => Promise<void>)[] = [];

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(HOOK_TIMEOUT);
  storage = await createStorage();
  await createCompoundWithUsers(storage, COMPOUND, [SECRETARY]);
  server = await startServerOn(storage);
  browser = launched;
});

test.afterEach(async () => attachServerLog(server));

test.afterAll(async () => {
  test.setTimeout(HOOK_TIMEOUT);
  for (const c of contexts) await c.close().catch(() => undefined);
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  await server?.stop();
  await storage?.drop();
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

/** A browser profile on disk (removed after the file), so that a browser can be closed and launched on it again. */
async function profileDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'linli-e2e-profile-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Launches Chromium on a profile on disk, as a user starts their browser (not incognito). */
async function launchProfile(dir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true, locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
  // Closed before the profiles are removed (cleanups run in order; close is harmless twice).
  cleanups.unshift(() => context.close());
  return context;
}

async function newMeeting(page: Page, date: string): Promise<string> {
  await page.getByRole('navigation', { name: '主导航' }).getByTestId('nav-meetings').click();
  await page.getByRole('heading', { name: '会议记录', level: 1 }).waitFor();
  await page.getByRole('button', { name: '新建会议' }).click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await dialog.getByLabel('会议类型').selectOption({ label: '共建理事会会议' });
  await dialog.getByLabel('会议日期').fill(date);
  await dialog.getByRole('button', { name: '创建并开始记录' }).click();
  await page.getByTestId('meeting-editor').waitFor();
  const id = /#\/meetings\/(.+)$/.exec(await page.evaluate(() => location.hash))?.[1];
  if (!id) throw new Error('no meeting id in the hash');
  return id;
}

const placeField = (page: Page) => page.getByLabel('地点', { exact: true });
const waitSaved = (page: Page) => expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 5000 }).toBe('saved');

/** The app's own page, not Chromium's error page: its shell, with the meeting's editor and the place typed. */
async function expectMeetingShown(page: Page, place: string): Promise<void> {
  await page.getByTestId('sync-indicator').waitFor({ timeout: 20_000 });
  expect(await page.title()).toContain('邻里工作台');
  await page.getByTestId('meeting-editor').waitFor({ timeout: 20_000 });
  await expect(placeField(page)).toHaveValue(place);
}

test.describe.serial('the web version offline (issue #16)', () => {
  test('after one online visit: offline, a reload and a second tab open the app with the meeting; online again, sync resumes', async () => {
    test.setTimeout(180_000);
    const { context, page, errors } = await pc();
    await openApp(page, url(), 'settings');
    await login(page, url(), COMPOUND.code, SECRETARY.username, SECRETARY.password);
    await waitForSynced(page);
    const meetingId = await newMeeting(page, '2026-11-25');
    await placeField(page).fill('党群服务站二楼会议室');
    await waitSaved(page);
    await waitForSynced(page);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    // Without the worker this is ERR_INTERNET_DISCONNECTED.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expectMeetingShown(page, '党群服务站二楼会议室');
    await expect.poll(async () => (await indicator(page)).label, { timeout: 15_000 }).toBe('离线');

    // Written offline: waits on this PC.
    await placeField(page).fill('党群服务站一楼活动室');
    await waitSaved(page);
    await expect.poll(async () => (await indicator(page)).pending, { timeout: 10_000 }).toBeGreaterThan(0);

    // A second tab, still offline, at the meeting's address: the same app and the same data.
    const second = await context.newPage();
    second.on('pageerror', (e) => errors.push(String(e)));
    const opened = await second.goto(`${url()}#/meetings/${meetingId}`);
    expect(opened?.fromServiceWorker()).toBe(true);
    await expectMeetingShown(second, '党群服务站一楼活动室');

    // The sync API is never answered by the worker: offline it fails as the network does.
    await expect(second.evaluate(() => fetch('/api/v1/health').then((r) => r.status))).rejects.toThrow(/Failed to fetch/);
    await second.close();

    await context.setOffline(false);
    await waitForSynced(page, 45_000);
    const token = await apiLogin(url(), COMPOUND.code, SECRETARY.username, PASSWORD);
    const stored = (await pullAll(url(), token, 'meetings')).find((m) => m.id === meetingId);
    expect(stored).toMatchObject({ location: '党群服务站一楼活动室' });
    expect(errors).toEqual([]);
  });

  test('a restarted browser opens the app offline (the same profile, launched again without a network)', async () => {
    test.setTimeout(120_000);
    const profile = await profileDir();
    const first = await launchProfile(profile);
    const page = first.pages()[0] ?? (await first.newPage());
    await openApp(page, url());
    await waitForServiceWorker(page);
    await first.close();

    const again = await launchProfile(profile);
    await again.setOffline(true);
    const reopened = again.pages()[0] ?? (await again.newPage());
    const r = await reopened.goto(url());
    expect(r?.fromServiceWorker()).toBe(true);
    await reopened.getByTestId('sync-indicator').waitFor({ timeout: 20_000 });
    expect(await reopened.title()).toContain('邻里工作台');
  });

  test('installable: the manifest, its icons and the worker as served, and no installability error in Chromium', async () => {
    test.setTimeout(120_000);
    // A profile on disk, as a user's: Chromium never offers to install from an incognito context (the tests' usual
    // browser.newContext()), which it would report as the only error.
    const context = await launchProfile(await profileDir());
    const page = context.pages()[0] ?? (await context.newPage());
    await openApp(page, url());
    await waitForServiceWorker(page);

    const manifestRes = await fetch(new URL(MANIFEST_FILE, url()));
    expect(manifestRes.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    expect(manifestRes.headers.get('cache-control')).toBe('no-cache');
    const manifest = (await manifestRes.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string; purpose: string }[] };
    expect(manifest).toMatchObject({
      name: '邻里工作台',
      short_name: '邻里工作台',
      lang: 'zh-CN',
      display: 'standalone',
      start_url: './',
      scope: './',
      theme_color: THEME_COLOR,
      background_color: BACKGROUND_COLOR,
    });
    expect(String(manifest.description)).toContain('离线');
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(MANIFEST_ICONS.map((i) => `${i.size}x${i.size} ${i.purpose}`));
    for (const icon of manifest.icons) {
      const res = await fetch(new URL(icon.src, url()));
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get('content-type')).toBe(icon.type);
      const [w, h] = icon.sizes.split('x').map(Number);
      expect(pngSize(Buffer.from(await res.arrayBuffer())), icon.src).toEqual({ width: w, height: h });
    }
    const sw = await fetch(new URL(SERVICE_WORKER_FILE, url()));
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const csp = sw.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain("connect-src 'self';");

    const cdp = await context.newCDPSession(page);
    const appManifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(appManifest.url).toBe(new URL(MANIFEST_FILE, url()).href);
    expect(appManifest.errors).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors).toEqual([]);

    // The favicons index.html links are there.
    for (const file of ['favicon.ico', 'favicon.svg']) expect((await fetch(new URL(file, url()))).status, file).toBe(200);
  });

  test("the server's own pages stay the server's: /n/<code> is not answered with the app by the worker", async () => {
    const { page } = await pc();
    await openApp(page, url());
    await waitForServiceWorker(page);
    const res = await page.goto(`${url()}n/NOSUCHCODE23`);
    expect(res?.fromServiceWorker()).toBe(false);
    await expect(page.getByTestId('sync-indicator')).toHaveCount(0);
  });
});
