// `npm test`: builds the renderer (the end-to-end tests drive the built web host), runs every vitest project (unit,
// renderer, integration, chaos), then the end-to-end tests on @playwright/test (playwright.config.ts), and prints one
// closing line "tests: N passed, N failed" (", N skipped") over both runners. Arguments go to vitest only.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`未找到 Chromium（${chromium}）：端到端测试需要它。请先运行 apt-get install -y chromium fonts-noto-cjk`);
  process.exit(1);
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });

const build = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (build.status !== 0) process.exit(build.status ?? 1);

const counts = { passed: 0, failed: 0, skipped: 0 };

// vitest: unit, renderer, integration, chaos.
const vitestReport = join(root, '.vitest-report.json');
rmSync(vitestReport, { force: true });
const extra = process.argv.slice(2);
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`, ...extra]);
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  counts.passed += r.numPassedTests ?? 0;
  counts.failed += r.numFailedTests ?? 0;
  counts.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  console.error('vitest wrote no report');
}

// Playwright: the end-to-end tests. Its JSON reporter writes test-results/e2e.json (playwright.config.ts).
const e2eReport = join(root, 'test-results', 'e2e.json');
rmSync(e2eReport, { force: true });
const e2e = run('npx', ['playwright', 'test']);
if (existsSync(e2eReport)) {
  const r = JSON.parse(readFileSync(e2eReport, 'utf8'));
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        // The last attempt decides (retries are 0). A test that never ran (run interrupted) counts as skipped.
        const status = t.results?.at(-1)?.status ?? 'skipped';
        if (status === 'passed') counts.passed += 1;
        else if (status === 'skipped') counts.skipped += 1;
        else counts.failed += 1; // failed, timedOut, interrupted
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of r.suites ?? []) walk(suite);
  // Errors outside any test (a spec file that does not load, a global timeout) fail the run too.
  counts.failed += r.errors?.length ?? 0;
} else {
  console.error('playwright wrote no report (test-results/e2e.json)');
}

const { passed, failed, skipped } = counts;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (vitest.status !== 0) process.exit(vitest.status ?? 1);
process.exit(e2e.status ?? 1);
