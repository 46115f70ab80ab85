// The web host's service worker and update banner (issue #16), as the end-to-end tests see them.
import { expect, type Page } from '@playwright/test';

/** Waits until a service worker controls the page (it has precached the whole build by then). */
export async function waitForServiceWorker(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, { timeout, polling: 200 });
}

/** Which build the page runs: <html data-build>, from vite.config.ts's LINLI_BUILD_ID. */
export const buildOf = (page: Page): Promise<string | undefined> => page.evaluate(() => document.documentElement.dataset.build);

/** Asks the server for a new sw.js now, as the page does hourly and when it is shown again (src-renderer/pwa). */
export async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) throw new Error('no service worker registration');
    await registration.update();
  });
}

export const updateBanner = (page: Page) => page.getByTestId('update-banner');

/** Marks the page's JavaScript realm: the mark is gone after any reload. */
export async function markRealm(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __linliRealm?: boolean }).__linliRealm = true;
  });
}

export async function expectSameRealm(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __linliRealm?: boolean }).__linliRealm === true)).toBe(true);
}
