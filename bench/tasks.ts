// `npm run bench:tasks` (issue #11): 六方联动 with 10,000 tasks and 50,000 progress entries, in Chromium through the
// web host. Prints figures, never asserts. Targets from the issue: under 100 ms per filter change, under 1 s to open
// the section.
//   1. builds a compound (bench/tasks-data.ts) and pushes it over the sync protocol to an in-process server (PGlite
//      in memory) that also serves the built renderer (BENCH_STATIC_DIR, default dist/renderer: `npm run
//      build:renderer` first — the npm script does);
//   2. opens the web host in Chromium, logs in through 设置 and times the first sync of everything;
//   3. times, inside the page (performance.now() until the DOM shows the expected count and first row, then until
//      the next frame is painted): opening 六方联动 (reload, cold and warm), the two boards, each filter change
//      (N repetitions, p50/p95) and scrolling the virtualised list.
// Env: BENCH_TASKS (10000), BENCH_UPDATES (50000), BENCH_REPS (15), BENCH_STATIC_DIR, CHROMIUM_PATH, BENCH_PROFILE=1
// (a CPU profile of one filter change per kind, hot functions printed).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { localDate } from '../shared/domain/common/dates';
import { compoundCalendar, escalationOf } from '../shared/domain/tasks';
import { filterTasks, indexTasks, isOpenStatus, sortTasks, type EscalationStage, type TaskFilter } from '../shared/domain/tasks/filters';
import type { Task } from '../shared/domain/tasks/types';
import { PARTIES, TASK_SOURCE_KINDS, type Party } from '../shared/schema';
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type SessionResponse } from '../shared/sync/protocol';
import { addUser, createCompound } from '../src-server/accounts';
import { createApp } from '../src-server/app';
import { configFromEnv } from '../src-server/config';
import { openDatabase } from '../src-server/db/open';
import { buildBenchData, fillProgress } from './tasks-data';
import { installProbe, type Action, type Expect, type Timing } from './tasks-probe';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 50_000);
const REPS = Number(process.env.BENCH_REPS ?? 15);
const STATIC_DIR = path.resolve(process.env.BENCH_STATIC_DIR ?? 'dist/renderer');
const USER = { compound: 'BENCH', username: 'office', name: '社区办公室', password: 'bench-password' };

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
};
const median = (xs: readonly number[]) => pct(xs, 50);
const f0 = (n: number) => `${n.toFixed(0)} ms`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pushAll(base: string, token: string, collection: string, docs: readonly object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const rows = docs.slice(i, i + 500).map((d) => ({ baseSeq: 0, document: { ...d, _deleted: false } }));
    const res = await fetch(`${base}/api/v1/sync/${collection}/push`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        [HEADERS.protocol]: String(PROTOCOL_VERSION),
        [HEADERS.schema]: schemaFingerprint(),
      },
      body: JSON.stringify({ rows }),
    });
    const body = (await res.json()) as { results?: { ok?: boolean; status?: string }[] } & Record<string, unknown>;
    if (res.status !== 200) throw new Error(`push ${collection} ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
    const refused = JSON.stringify(body).match(/"(rule|code)":"[A-Z_]+"/g);
    if (refused && /REFUSED|INVALID|ILLEGAL|RULE|LOCKED|REWRITTEN|TRANSITION/.test(refused.join())) {
      throw new Error(`push ${collection} refused: ${JSON.stringify(body).slice(0, 800)}`);
    }
  }
}

/** What the page must show for a filter: the count line and the first row (the list's default sort, by due date). */
function expectFor(index: ReturnType<typeof indexTasks>, filter: TaskFilter, today: string): Expect & { shown: number } {
  const r = filterTasks(index, filter, today);
  const shown = r.matches.length;
  const first = sortTasks(r.matches, 'due')[0]?.task.id;
  return { count: shown === r.total ? `共 ${r.total} 项` : `${shown} / ${r.total} 项`, first: first ?? null, shown };
}

type Row = { name: string; samples: number[]; note?: string };
const rows: Row[] = [];
function record(name: string, timings: readonly Timing[], note?: string): void {
  rows.push({ name, samples: timings.map((t) => t.paint), ...(note ? { note } : {}) });
  const dom = timings.map((t) => t.dom);
  console.log(
    `  ${name.padEnd(34)} n=${String(timings.length).padStart(2)}  DOM p50 ${f0(median(dom)).padStart(7)} p95 ${f0(pct(dom, 95)).padStart(7)}  · painted p50 ${f0(median(timings.map((t) => t.paint))).padStart(7)} p95 ${f0(pct(timings.map((t) => t.paint), 95)).padStart(7)}${note ? `  (${note})` : ''}`,
  );
}

async function run(page: Page, action: Action, expect: Expect): Promise<Timing> {
  return page.evaluate(([a, e]) => (window as unknown as { __bench: { measure(a: Action, e: Expect): Promise<Timing> } }).__bench.measure(a, e), [action, expect] as const);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) throw new Error(`no built renderer in ${STATIC_DIR}: run npm run build:renderer first`);
  const today = localDate(new Date());
  const tBuild = performance.now();
  const data = buildBenchData({ tasks: TASKS, updates: UPDATES, today, userName: USER.name });
  fillProgress(data, UPDATES);
  const tasks = data.tasks as unknown as Task[];
  const calendar = compoundCalendar(undefined);
  const stage = (t: Task): EscalationStage => (!isOpenStatus(t.status) || !t.dueDate || t.dueDate >= today ? 'none' : escalationOf(t, today, calendar).stage);
  const index = indexTasks(tasks, stage);
  const all = expectFor(index, {}, today);
  const overdue = expectFor(index, { overdue: true }, today);
  console.log(
    `邻里工作台 六方联动 bench — ${tasks.length} tasks, ${data.updates.length} progress entries, ${data.roster.length} roster records; today ${today}; ` +
      `${overdue.shown} overdue; built in ${secs(performance.now() - tBuild)}`,
  );

  // ---- server with the data ----
  const opened = await openDatabase({ databaseUrl: undefined, dataDir: undefined });
  if (!opened.ok) throw new Error('PGlite');
  const db = opened.value;
  const config = {
    ...configFromEnv({ LINLI_ARGON2_MEMORY_KIB: '256', LINLI_ARGON2_TIME_COST: '1' }, process.cwd()),
    databaseUrl: undefined,
    dataDir: undefined,
    staticDir: STATIC_DIR,
  };
  const app = await createApp({ db, config, log: () => undefined });
  const { url } = await app.listen(0, '127.0.0.1');
  const base = url.replace(/\/$/, '');
  const compound = await createCompound(db, { code: USER.compound, name: '幸福里小区' });
  if (!compound.ok) throw new Error(compound.error.code);
  await addUser(db, { compound: USER.compound, username: USER.username, name: USER.name, role: 'admin', password: USER.password }, config.argon2);
  const session = (await (
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ compound: USER.compound, username: USER.username, password: USER.password }),
    })
  ).json()) as SessionResponse;
  const tSeed = performance.now();
  await pushAll(base, session.accessToken, 'roster', data.roster);
  await pushAll(base, session.accessToken, 'tasks', data.tasks);
  await pushAll(base, session.accessToken, 'task_updates', data.updates);
  console.log(`seeded the server (PGlite in memory) over the sync protocol in ${secs(performance.now() - tSeed)}`);

  // ---- the page ----
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    // No service worker (issue #16): its background precache of the build would compete with what is measured.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block' });
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${url}#/settings`);
    await page.getByTestId('sync-indicator').waitFor();
    const card = page.getByTestId('sync-settings');
    // The web version shows its own server, read-only (issue #16).
    const address = card.getByLabel('服务器地址');
    if (await address.isEditable()) await address.fill(url);
    await card.getByLabel('小区代码').fill(USER.compound);
    await card.getByLabel('用户名').fill(USER.username);
    await card.getByLabel('密码').fill(USER.password);
    const tLogin = Date.now();
    await card.getByTestId('sync-login').click();
    await page.getByTestId('sync-user').waitFor({ timeout: 30_000 });
    // First sync: everything local (both collections counted in IndexedDB) and the indicator at 在线 / 未同步 0.
    for (;;) {
      const s = await page.evaluate(() => (window as unknown as { __bench: { syncState(): Promise<{ state: string | null; pending: number; tasks: number; updates: number }> } }).__bench.syncState());
      if (s.state === 'online' && s.pending === 0 && s.tasks >= tasks.length && s.updates >= data.updates.length) break;
      if (Date.now() - tLogin > 900_000) throw new Error(`first sync did not finish: ${JSON.stringify(s)}`);
      await sleep(250);
    }
    const firstSync = Date.now() - tLogin;
    console.log(`first sync in Chromium (login → ${tasks.length} tasks + ${data.updates.length} entries in IndexedDB, 在线, 未同步 0): ${secs(firstSync)}\n`);
    if (process.env.BENCH_PROFILE === 'reload') return await profileReload(page);

    const firstRow: Expect = { count: all.count, first: all.first };
    // ---- opening the section ----
    console.log('opening 六方联动 (until the first rows are painted):');
    const reload: Timing[] = [];
    const reloadAt = async (hash: string) => {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.reload();
    };
    for (let i = 0; i < 5; i++) {
      await reloadAt('#/tasks');
      await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined, null, { timeout: 60_000 });
      const at = await page.evaluate(() => (window as unknown as { __firstRowAt: number }).__firstRowAt);
      reload.push({ dom: at, paint: at });
      await sleep(1500);
    }
    record('reload at #/tasks (from navigation)', reload, 'page load, database open, 10k tasks read');
    const cold: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      await reloadAt('#/dashboard');
      await page.getByTestId('task-cards').waitFor({ timeout: 60_000 });
      await sleep(1500);
      cold.push(await run(page, { kind: 'click', selector: '[data-testid="nav-tasks"]' }, firstRow));
    }
    record('工作台 → 六方联动, after a reload', cold);
    const warm: Timing[] = [];
    for (let i = 0; i < REPS; i++) {
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('task-cards').waitFor();
      await sleep(300);
      warm.push(await run(page, { kind: 'click', selector: '[data-testid="nav-tasks"]' }, firstRow));
    }
    record('工作台 → 六方联动, warm', warm);

    // ---- the boards ----
    const partyCount = (p: Party) => index.filter((k) => k.parties.includes(p)).length;
    const statusCount = (s: string) => index.filter((k) => k.task.status === s).length;
    const parties: Timing[] = [];
    const statuses: Timing[] = [];
    const backToList: Timing[] = [];
    for (let i = 0; i < REPS; i++) {
      parties.push(
        await run(page, { kind: 'click', selector: '[data-testid="tasks-tab-parties"]' }, { count: all.count, first: null, columns: { selector: '[data-testid="party-column-property"] .count', text: String(partyCount('property')) } }),
      );
      backToList.push(await run(page, { kind: 'click', selector: '[data-testid="tasks-tab-list"]' }, firstRow));
      statuses.push(
        await run(page, { kind: 'click', selector: '[data-testid="tasks-tab-statuses"]' }, { count: all.count, first: null, columns: { selector: '[data-testid="status-column-in_progress"] .count', text: String(statusCount('in_progress')) } }),
      );
      backToList.push(await run(page, { kind: 'click', selector: '[data-testid="tasks-tab-list"]' }, firstRow));
    }
    console.log('boards:');
    record('任务列表 → 六方看板', parties);
    record('任务列表 → 状态看板', statuses);
    record('看板 → 任务列表', backToList);

    // ---- filter changes ----
    // Values rotate per repetition; each change starts from the unfiltered list and is followed by 清除筛选.
    const owners = [...filterTasks(index, {}, today).counts.owner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k]) => k);
    const tags = [...filterTasks(index, {}, today).counts.tag.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    const terms = ['漏水', '电梯', '3号楼', '业主委员会', '王', '充电桩', '消防通道', '物业费', '第二居民小组', '老人'];
    const statusValues = ['open', 'in_progress', 'submitted', 'pending', 'done', 'suspended'] as const;
    const sel = (label: string, value: string): Action => ({ kind: 'select', selector: `select[aria-label="${label}"]`, value });
    type Case = { name: string; at: (i: number) => { action: Action; filter: TaskFilter }; note?: string };
    const cases: Case[] = [
      { name: '六方 (party)', at: (i) => ({ action: sel('按六方筛选', PARTIES[i % 6]!), filter: { party: PARTIES[i % 6] } }) },
      { name: '状态 (status)', at: (i) => ({ action: sel('按状态筛选', statusValues[i % 6]!), filter: { status: statusValues[i % 6] } }) },
      { name: '已逾期 (overdue)', at: () => ({ action: { kind: 'click', selector: '[data-testid="task-filters"] input[type="checkbox"]' }, filter: { overdue: true } }) },
      { name: '7 天内到期 (due within 7)', at: () => ({ action: sel('按到期时间筛选', '7'), filter: { dueWithin: 7 } }) },
      { name: '来源 (source)', at: (i) => ({ action: sel('按来源筛选', TASK_SOURCE_KINDS[i % 6]!), filter: { source: TASK_SOURCE_KINDS[i % 6] } }) },
      { name: '责任人 (owner)', at: (i) => ({ action: sel('按责任人筛选', owners[i % owners.length]!), filter: { owner: owners[i % owners.length] } }) },
      { name: '标签 (tag)', at: (i) => ({ action: sel('按标签筛选', tags[i % tags.length]!), filter: { tag: tags[i % tags.length] } }) },
      { name: '催办 (escalated)', at: () => ({ action: sel('按催办筛选', 'escalated'), filter: { stage: 'escalated' } }) },
      { name: '搜索 (free text, one input)', at: (i) => ({ action: { kind: 'search', selector: 'input[aria-label="搜索任务"]', value: terms[i % terms.length]! }, filter: { q: terms[i % terms.length] } }) },
      {
        name: '组合 (party+open+overdue+tag, link)',
        at: (i) => {
          const filter: TaskFilter = { party: PARTIES[i % 6], status: 'open', overdue: true, tag: tags[i % 4] };
          const q = new URLSearchParams({ party: filter.party!, status: 'open', overdue: '1', tag: filter.tag! }).toString();
          return { action: { kind: 'hash', value: `#/tasks?${q}` }, filter };
        },
      },
    ];
    await reloadAt('#/tasks');
    await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined, null, { timeout: 60_000 });
    await sleep(1000);
    const clears: Timing[] = [];
    const perCase: { name: string; timings: Timing[]; shown: number[] }[] = [];
    for (const c of cases) perCase.push({ name: c.name, timings: [], shown: [] });
    // Interleaved (case by case within a repetition) so that no case gets only warm or only cold moments.
    for (let i = 0; i < REPS; i++) {
      for (const [ci, c] of cases.entries()) {
        const { action, filter } = c.at(i);
        const e = expectFor(index, filter, today);
        if (e.shown === 0) continue;
        perCase[ci]!.timings.push(await run(page, action, { count: e.count, first: e.first }));
        perCase[ci]!.shown.push(e.shown);
        clears.push(await run(page, { kind: 'click', selector: '[data-testid="clear-filters"]' }, firstRow));
      }
    }
    console.log('filter changes (from the whole list of 10,000; rows shown in brackets):');
    for (const c of perCase) record(c.name, c.timings, `${Math.min(...c.shown)}–${Math.max(...c.shown)} rows`);
    record('清除筛选 (clear)', clears, `${all.shown} rows`);

    // ---- scrolling ----
    const frames = await page.evaluate(() => (window as unknown as { __bench: { scroll(ms: number, step: number): Promise<number[]> } }).__bench.scroll(4000, 600));
    const long = frames.filter((f) => f > 50).length;
    console.log(
      `scrolling the list (600 px a frame for 4 s, ${frames.length} frames): frame p50 ${f0(median(frames))}, p95 ${f0(pct(frames, 95))}, max ${f0(Math.max(...frames))}, ${long} frames over 50 ms`,
    );

    if (process.env.BENCH_PROFILE === '1') await profile(page, cases, index, today, firstRow);

    // ---- the table for the README ----
    console.log('\n| step | n | p50 | p95 |\n| --- | --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.name}${r.note ? ` (${r.note})` : ''} | ${r.samples.length} | ${f0(median(r.samples))} | ${f0(pct(r.samples, 95))} |`);
    await context.close();
  } finally {
    await browser.close();
    await app.close();
    await db.close();
  }
}

/** BENCH_PROFILE=1: a CPU profile (CDP) around a few repetitions of each filter change; prints the hottest functions. */
async function profile(
  page: Page,
  cases: readonly { name: string; at: (i: number) => { action: Action; filter: TaskFilter } }[],
  index: ReturnType<typeof indexTasks>,
  today: string,
  cleared: Expect,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < 3; i++)
    for (const c of cases) {
      const { action, filter } = c.at(i);
      const e = expectFor(index, filter, today);
      if (e.shown === 0) continue;
      await run(page, action, e);
      await run(page, { kind: 'click', selector: '[data-testid="clear-filters"]' }, cleared);
    }
  const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples?: number[]; timeDeltas?: number[] } };
  const self = new Map<string, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const deltas = p.timeDeltas ?? [];
  (p.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
  console.log('\nCPU profile (self time, ms) over 3 rounds of every filter change and its clearing:');
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`);
}

/** BENCH_PROFILE=reload: a CPU profile of a reload at #/tasks until the first rows (best with an unminified build). */
async function profileReload(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/tasks'));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined, null, { timeout: 60_000 });
  console.log('first row at', await page.evaluate(() => (window as unknown as { __firstRowAt: number }).__firstRowAt));
  const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; parent?: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] } };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const deltas = p.timeDeltas ?? [];
  const name = (id: number) => {
    const n = byId.get(id)!;
    return `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  };
  (p.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i] ?? 0) / 1000;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = name(x);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  console.log('self:');
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`);
  console.log('total:');
  for (const [k, v] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
