// Issue #15 end to end, in the web host: a backup downloaded from 设置 → 备份与恢复, the browser's IndexedDB wiped
// (a cleared profile keeps nothing else either, but the marker here lives in localStorage, as on the web host), and
// the app at its next start saying so and restoring the file, instead of starting empty.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { attachServerLog, createStorage, HOOK_TIMEOUT, newPc, startServerOn, type ServerProcess, type ServerStorage } from './harness';
import { addPerson, goTo, listedNames, openApp, personRow } from './pages';

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

test('a wiped browser database is noticed at the next start and restored from a downloaded backup', async () => {
  const testInfo = test.info();
  if (!browser || !server) throw new Error('beforeAll did not finish');
  const pc = await newPc(browser);
  closers.push(() => pc.context.close());
  const { page, errors } = pc;
  await openApp(page, server.url, 'roster');
  await addPerson(page, { name: '王秀英', phone: '13800138000' });
  await addPerson(page, { name: '李建国', party: '业委会' });
  await personRow(page, '李建国').waitFor();

  // 设置 → 备份与恢复 → 下载备份: the file is a backup of both people.
  await goTo(page, 'settings');
  const card = page.getByTestId('backup-card');
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载备份' }).click()]);
  const file = path.join(testInfo.outputDir, download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^邻里工作台备份-.*\.linlibak$/);
  const head = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!) as { format: string; counts: { roster: { live: number } } };
  expect(head.format).toBe('linli-backup');
  expect(head.counts.roster.live).toBe(2);

  // The browser remembers, outside IndexedDB, that it held the data.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('linli.hostState.v1') ?? '')).toContain('"via":"backup"');
  // The profile's databases are wiped (from another page of the same origin, so nothing holds them open).
  await page.goto(`${server.url}/api/v1/health`);
  const wiped = await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    await Promise.all(
      dbs.map(
        (d) =>
          new Promise<void>((resolve, reject) => {
            const r = indexedDB.deleteDatabase(d.name!);
            r.onsuccess = () => resolve();
            r.onerror = () => reject(r.error);
            r.onblocked = () => reject(new Error(`blocked: ${d.name}`));
          }),
      ),
    );
    return dbs.length;
  });
  expect(wiped).toBeGreaterThan(0);

  // The next start does not pretend to be a new PC.
  await page.goto(`${server.url}#/roster`);
  const lost = page.getByTestId('storage-lost');
  await lost.waitFor();
  await expect(lost.getByRole('heading')).toHaveText('本机的数据不见了');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), lost.getByTestId('storage-lost-restore').click()]);
  await chooser.setFiles(file);
  const preview = lost.getByTestId('restore-preview');
  await preview.waitFor();
  await expect(preview).toContainText('2');
  await preview.getByRole('button', { name: '恢复这份备份' }).click();

  await personRow(page, '王秀英').waitFor({ timeout: 30_000 });
  expect((await listedNames(page)).sort()).toEqual(['李建国', '王秀英'].sort());
  // And it stays so after another start.
  await page.reload();
  await personRow(page, '李建国').waitFor();
  expect(errors).toEqual([]);
});
