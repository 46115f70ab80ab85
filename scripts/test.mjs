// `npm test`: builds the renderer (the end-to-end tests drive the built web host), then runs every vitest
// project (unit, renderer, integration, e2e) and prints one closing line "N passed, N failed".
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

const report = join(root, '.vitest-report.json');
rmSync(report, { force: true });
const extra = process.argv.slice(2);
const tests = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(tests.status ?? 1);
