// End-to-end tests (tests/e2e/*.spec.ts) on @playwright/test, driving Debian's Chromium: `npx playwright install`
// cannot download browsers here, so the browser is the system one (CHROMIUM_PATH, default /usr/bin/chromium).
// Each file starts its own server process on a free port; the machine has 2 cores, so one worker, files in order.
// Failures keep a trace and a screenshot of every open page in test-results/e2e-artifacts/; the HTML report goes to
// test-results/e2e-report/ and the JSON one (read by scripts/test.mjs for the closing line) to test-results/e2e.json.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/e2e-artifacts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Per test, as under vitest; beforeAll/afterAll raise their own to 180 s (harness HOOK_TIMEOUT).
  timeout: 120_000,
  reporter: [
    ['list'],
    ['html', { outputFolder: 'test-results/e2e-report', open: 'never' }],
    ['json', { outputFile: 'test-results/e2e.json' }],
  ],
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
});
