// `npm run bench:ledger` (issue #12): 财务台账 with a year of 50,000 posted vouchers (~150,000 lines), in Chromium
// through the web host. Prints figures, never asserts. Targets from the issue: the year's 科目余额表 under 300 ms,
// opening the section under 1 s.
//   1. builds a year of books with the ledger's own pure functions (bench/ledger-data.ts) and times those functions
//      in Node (a floor for the page);
//   2. exports the books with the app's hledger exporter and times `hledger -f FILE bal` (Debian's hledger 1.25);
//   3. pushes the books over the sync protocol to an in-process server (PGlite in memory; the ledger's push rules run
//      on every row) that also serves the built renderer (BENCH_STATIC_DIR, default dist/renderer: `npm run
//      build:renderer` first — the npm script does): the chart, every voucher as a draft by its 制单人, then reviewed
//      and posted by the 审核人, the 红冲 links, then the twelve closes — the order the rules accept;
//   4. opens the web host in Chromium, logs in through 设置 and times the first sync of the books;
//   5. times, inside the page (performance.now() until the DOM shows the expected figures, then until the next frame
//      is painted): opening 财务台账 (reload, cold and warm), the 科目余额表 of the year, the 明细账 of the bank
//      account with its running balance, the 财务收支公示 figures of a closed half-year and quarter (N repetitions,
//      p50/p95).
//   6. issue #14's cold start: with BENCH_TASKS tasks and BENCH_MEETINGS 会议记录 stored beside the books, a reload
//      at 工作台 until its task cards are painted (from navigation start).
// Env: BENCH_VOUCHERS (50000), BENCH_TASKS (10000), BENCH_MEETINGS (2000), BENCH_YEAR (2025), BENCH_REPS (15), BENCH_STATIC_DIR, CHROMIUM_PATH, HLEDGER
// (default hledger on PATH), BENCH_PROFILE=1 (CPU profiles of the page's slow steps, hot functions printed; best with
// an unminified build, `vite build --minify false --outDir DIR` and BENCH_STATIC_DIR=DIR), BENCH_PROFILE=cold (a CPU profile of one cold start at 工作台, then stop), BENCH_PROFILE=load (a CPU
// profile of the server's push rules while loading, then stop).
import path from 'node:path';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { chromium, type Page } from 'playwright-core';
import { localDate } from '../shared/domain/common/dates';
import { formatMoneyFen } from '../shared/domain/common/decimal';
import { cellText, type TableCell, type TableColumn } from '../shared/domain/common/table';
import { auditChain } from '../shared/domain/ledger/chain-audit';
import { disclosureFigures, type DisclosureSpan } from '../shared/domain/ledger/disclosure';
import { hledgerAccountNames, hledgerJournal, parseHledgerBalanceCsv } from '../shared/domain/ledger/hledger';
import { numberAll } from '../shared/domain/ledger/numbering';
import { ledgerTable, trialBalanceTable, type ReportTable } from '../shared/domain/ledger/report-tables';
import { accountLedger, monthRange, trialBalance, yearRange } from '../shared/domain/ledger/reports';
import type { DateRange } from '../shared/domain/ledger/types';
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type SessionResponse } from '../shared/sync/protocol';
import { addUser, createCompound } from '../src-server/accounts';
import { createApp } from '../src-server/app';
import { configFromEnv } from '../src-server/config';
import { openDatabase } from '../src-server/db/open';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { buildLedgerData, PREPARER, REVIEWER, type Stored } from './ledger-data';
import { probeScript, type Action, type Expect, type Timing } from './ledger-probe';
import { buildMeetings } from './meetings-data';
import { buildBenchData } from './tasks-data';

const VOUCHERS = Number(process.env.BENCH_VOUCHERS ?? 50_000);
/** The rest of a busy office's data beside the books (issue #14's cold start: 10,000 tasks, 2,000 meetings). */
const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 2_000);
const YEAR = Number(process.env.BENCH_YEAR ?? 2025);
const REPS = Number(process.env.BENCH_REPS ?? 15);
const STATIC_DIR = path.resolve(process.env.BENCH_STATIC_DIR ?? 'dist/renderer');
const HLEDGER = process.env.HLEDGER ?? 'hledger';
const COMPOUND = 'BENCH';
const USERS = {
  preparer: { username: 'kuaiji', name: PREPARER, role: 'treasurer', password: 'bench-password-1' },
  reviewer: { username: 'zhuren', name: REVIEWER, role: 'admin', password: 'bench-password-2' },
} as const;
/** The large-expense threshold the 公示 tab starts with (¥1,000.00). */
const LARGE_ITEM_FEN = 100_000;

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
};
const median = (xs: readonly number[]) => pct(xs, 50);
const f0 = (n: number) => `${n.toFixed(0)} ms`;
const f1 = (n: number) => `${n.toFixed(1)} ms`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const num = (n: number) => n.toLocaleString('en-US');
/** The machine's load, printed with the figures: other work on the cores shows in every timing. */
const os = (): string => `load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min) on ${availableParallelism()} cores`;

// ---- the server ----

async function login(base: string, u: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ compound: COMPOUND, username: u.username, password: u.password }),
  });
  if (res.status !== 200) throw new Error(`login ${u.username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as SessionResponse).accessToken;
}

type PushResult = { accepted?: { id: string; seq: number }[]; conflicts?: unknown[]; rejected?: unknown[] };

/** Pushes `docs` in batches as their writer; `baseSeq` of each from `seqs` (0 for a new document). Returns the seqs. */
async function pushAll(base: string, token: string, collection: string, docs: readonly Stored[], seqs: Map<string, number>, batch = 500): Promise<void> {
  for (let i = 0; i < docs.length; i += batch) {
    const rows = docs.slice(i, i + batch).map((d) => ({ baseSeq: seqs.get(d.id) ?? 0, document: { ...d, _deleted: false } }));
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
    const body = (await res.json()) as PushResult;
    if (res.status !== 200) throw new Error(`push ${collection} ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
    if ((body.rejected?.length ?? 0) > 0 || (body.conflicts?.length ?? 0) > 0) {
      throw new Error(`push ${collection} refused: ${JSON.stringify({ rejected: body.rejected?.slice(0, 3), conflicts: body.conflicts?.slice(0, 1) }).slice(0, 1500)}`);
    }
    for (const a of body.accepted ?? []) seqs.set(a.id, a.seq);
  }
}

// ---- what the page must show ----

/** A cell as the screen shows it (ReportTableView → displayCell): money ¥1,234.56, empty money blank. */
const shown = (cell: TableCell, column: TableColumn): string => (column.kind === 'money' && typeof cell === 'number' ? formatMoneyFen(cell) : cellText(cell, column.kind));

const REPORTS = '[data-testid="ledger-reports"]';
/** 工作台 has rendered (its task cards, or the prompt when there are no tasks). */
const DASHBOARD_READY = '[data-testid="task-cards"], [data-testid="tasks-prompt"]';
const REPORT_TABLE = `${REPORTS} table[data-testid="report-table"]`;
/** As src-renderer/features/ledger/reports/ReportTableView.tsx: longer reports draw only the rows in view. */
const PLAIN_REPORT_ROWS = 200;
/**
 * The report on screen: its range, its title, its number of rows and its last (合计) row — or, for a long report that
 * draws only the rows in view (more than PLAIN_REPORT_ROWS), its first row.
 */
function reportExpect(t: ReportTable): Expect {
  const long = t.rows.length > PLAIN_REPORT_ROWS;
  const row = (long ? t.rows[0] : t.rows[t.rows.length - 1]) ?? [];
  return [
    { selector: `${REPORTS} h3 span.muted`, text: t.subtitle },
    { selector: REPORT_TABLE, attr: ['aria-label', t.title], rows: t.rows.length },
    {
      selector: `${REPORT_TABLE} tbody ${long ? 'tr[aria-rowindex="2"]' : 'tr:last-child'}`,
      text: t.columns.map((c, j) => shown(row[j] ?? null, c)).join(''),
    },
  ];
}

// ---- the table ----

type Row = { name: string; samples: number[]; note?: string; target?: number };
const rows: Row[] = [];
function record(name: string, timings: readonly Timing[], note?: string, target?: number): void {
  rows.push({ name, samples: timings.map((t) => t.paint), ...(note ? { note } : {}), ...(target ? { target } : {}) });
  const dom = timings.map((t) => t.dom);
  const paint = timings.map((t) => t.paint);
  console.log(
    `  ${name.padEnd(44)} n=${String(timings.length).padStart(2)}  DOM p50 ${f0(median(dom)).padStart(8)} p95 ${f0(pct(dom, 95)).padStart(8)}  · painted p50 ${f0(median(paint)).padStart(8)} p95 ${f0(pct(paint, 95)).padStart(8)}${note ? `  (${note})` : ''}`,
  );
}

async function run(page: Page, action: Action, expect: Expect, timeoutMs = 180_000): Promise<Timing> {
  return page.evaluate(
    ([a, e, t]) => (window as unknown as { __bench: { measure(a: Action, e: Expect, t: number): Promise<Timing> } }).__bench.measure(a, e, t),
    [action, expect, timeoutMs] as const,
  );
}

/** Times `f` `n` times in Node: p50 / p95 in ms. */
function nodeTime(n: number, f: () => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    out.push(performance.now() - t);
  }
  return out;
}

const execFileP = promisify(execFile);

async function main(): Promise<void> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) throw new Error(`no built renderer in ${STATIC_DIR}: run npm run build:renderer first`);
  const today = localDate(new Date());
  const tBuild = performance.now();
  const data = buildLedgerData({ vouchers: VOUCHERS, year: YEAR });
  const { book, ledgerPeriods: periods } = data;
  const bank = book.accounts.find((x) => x.id === data.bankId)!;
  const numbers = numberAll(book.vouchers, periods);
  const year = yearRange(YEAR);
  const bankLines = book.vouchers.reduce((s, v) => s + v.lines.filter((l) => l.accountId === bank.id).length, 0);
  console.log(
    `邻里工作台 财务台账 bench — ${num(book.vouchers.length)} posted vouchers (${num(data.reversals)} of them 红冲), ${num(data.lineCount)} lines, ` +
      `${book.accounts.length} accounts, ${YEAR}-01…${YEAR}-12 closed (记-N and hash chain stored); ${bank.code} ${bank.name} has ${num(bankLines)} lines; ` +
      `today ${today}; built in ${secs(performance.now() - tBuild)}`,
  );
  console.log(`  machine: ${os()}`);
  console.log(`  kinds: ${[...data.kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${num(n)}`).join('、')}`);

  // ---- the pure functions in Node ----
  const spans: { name: string; span: DisclosureSpan }[] = [
    { name: `${YEAR}年上半年`, span: { kind: 'half', year: YEAR, half: 1 } },
    { name: `${YEAR}年第三季度`, span: { kind: 'quarter', quarter: { year: YEAR, quarter: 3 } } },
  ];
  console.log(`\nthe pure functions in Node (${REPS} runs; a floor for the page, which also reads, copies and renders):`);
  const nodeRows: { name: string; ms: number[] }[] = [];
  const nodeStep = (name: string, f: () => unknown, runs = REPS) => {
    nodeTime(Math.min(2, runs), f); // warm-up
    const ms = nodeTime(runs, f);
    nodeRows.push({ name, ms });
    console.log(`  ${name.padEnd(56)} p50 ${f1(median(ms)).padStart(9)}  p95 ${f1(pct(ms, 95)).padStart(9)}`);
  };
  nodeStep('numberAll (记-N of every posted voucher)', () => numberAll(book.vouchers, periods));
  nodeStep('auditChain, cold (the chain check after a restart, in slices after the screen shows; 3 runs)', () => auditChain(book.vouchers, periods), 3);
  nodeStep(`trialBalance, year ${YEAR}`, () => trialBalance(book, year));
  nodeStep(`科目余额表 as the tab builds it (trialBalance + table)`, () => trialBalanceTable(trialBalance(book, year)));
  nodeStep(`accountLedger ${bank.code} with running balance, year`, () => accountLedger(book, bank.id, year, numbers));
  nodeStep(`明细账 ${bank.code} as the tab builds it (numberAll + ledger + table)`, () => {
    const n = numberAll(book.vouchers, periods);
    return ledgerTable(accountLedger(book, bank.id, year, n), { title: 'x', accounts: book.accounts, numbers: n });
  });
  for (const s of spans) nodeStep(`disclosureFigures ${s.name}`, () => disclosureFigures(book, periods, s.span, LARGE_ITEM_FEN));
  nodeStep('hledgerJournal (the export)', () => hledgerJournal(book, { numbers }));

  // ---- hledger ----
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-bench-ledger-'));
  let hledgerMs: number | null = null;
  let hledgerNote = '';
  try {
    const journal = hledgerJournal(book, { numbers, title: '幸福里小区业主委员会 财务台账' });
    const file = path.join(dir, 'books.journal');
    writeFileSync(file, journal, 'utf8');
    let version: string | null = null;
    try {
      version = (await execFileP(HLEDGER, ['--version'], { encoding: 'utf8' })).stdout.trim();
    } catch {
      version = null;
    }
    if (!version) {
      hledgerNote = `hledger not found (${HLEDGER}): the comparison is skipped (apt-get install hledger)`;
      console.log(`\n${hledgerNote}`);
    } else {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await execFileP(HLEDGER, ['-f', file, 'bal'], { encoding: 'utf8', maxBuffer: 64 << 20 });
        times.push(performance.now() - t);
      }
      hledgerMs = median(times);
      // The same balances? Leaf closing balances of the year against `bal --flat` (all time = the year here).
      const csv = (await execFileP(HLEDGER, ['-f', file, 'bal', '--flat', '-E', '-O', 'csv'], { encoding: 'utf8', maxBuffer: 64 << 20 })).stdout;
      const fromHledger = parseHledgerBalanceCsv(csv);
      const names = hledgerAccountNames(book.accounts);
      const tb = trialBalance(book, year, { includeZero: true });
      const leaves = tb.rows.filter((r) => r.isLeaf);
      const differ = leaves.filter((r) => (fromHledger.get(names.get(r.accountId) as string) ?? 0) !== r.closingFen);
      hledgerNote = `${version}; journal ${(journal.length / 1e6).toFixed(1)} M characters; ${differ.length === 0 ? `same closing balance as the trial balance on all ${leaves.length} leaf accounts` : `${differ.length} leaf accounts DIFFER from the trial balance (${differ.map((r) => r.code).join(', ')})`}`;
      console.log(`\n\`hledger -f books.journal bal\` (${hledgerNote}): ${times.map(f0).join(', ')} → median ${f0(hledgerMs)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // ---- server with the books ----
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
  const compound = await createCompound(db, { code: COMPOUND, name: '幸福里小区' });
  if (!compound.ok) throw new Error(compound.error.code);
  for (const u of Object.values(USERS)) {
    const added = await addUser(db, { compound: COMPOUND, username: u.username, name: u.name, role: u.role, password: u.password }, config.argon2);
    if (!added.ok) throw new Error(`${u.username}: ${added.error.code}`);
  }
  console.log(`\nloading the books into the server (PGlite in memory) over the sync protocol, the ledger's push rules on every row:`);
  const seqs = new Map<string, number>();
  const phase = async (what: string, f: () => Promise<void>) => {
    const t = performance.now();
    await f();
    console.log(`  ${what.padEnd(72)} ${secs(performance.now() - t).padStart(7)}`);
  };
  const tLoad = performance.now();
  await phase(`${data.accounts.length} accounts with opening balances (${PREPARER})`, async () => pushAll(base, await login(base, USERS.preparer), 'accounts', data.accounts, seqs));
  await phase(`${num(data.drafts.length)} vouchers saved as drafts (${PREPARER})`, async () => pushAll(base, await login(base, USERS.preparer), 'vouchers', data.drafts, seqs));
  const profileLoad = process.env.BENCH_PROFILE === 'load';
  const maybeProfiled = (label: string, f: () => Promise<void>) => (profileLoad ? profileHere(label, f) : f());
  await phase(`${num(data.posted.length)} vouchers reviewed and posted (${REVIEWER})`, async () =>
    maybeProfiled('push of the posted vouchers', async () => pushAll(base, await login(base, USERS.reviewer), 'vouchers', data.posted, seqs)),
  );
  await phase(`${num(data.links.length)} originals marked 已冲销 (reversedBy)`, async () => pushAll(base, await login(base, USERS.reviewer), 'vouchers', data.links, seqs));
  const closeTimes: number[] = [];
  await phase(`12 closes (结账; the server recomputes each from all its vouchers)`, async () => {
    for (const [i, p] of data.periods.entries()) {
      const t = performance.now();
      const push = async () => pushAll(base, await login(base, USERS.preparer), 'periods', [p], seqs);
      await (i === 11 ? maybeProfiled(`push of the close of ${p.id}`, push) : push());
      closeTimes.push(performance.now() - t);
    }
  });
  const office = buildBenchData({ tasks: TASKS, updates: 0, today, userName: REVIEWER });
  const meetings = buildMeetings(MEETINGS, today);
  if (TASKS > 0 || MEETINGS > 0) {
    await phase(`${num(office.roster.length)} roster, ${num(office.tasks.length)} tasks, ${num(meetings.length)} 会议记录 (${REVIEWER})`, async () => {
      const token = await login(base, USERS.reviewer);
      await pushAll(base, token, 'roster', office.roster as unknown as Stored[], seqs);
      if (TASKS > 0) await pushAll(base, token, 'tasks', office.tasks as unknown as Stored[], seqs);
      if (MEETINGS > 0) await pushAll(base, token, 'meetings', meetings as unknown as Stored[], seqs);
    });
  }
  const loadMs = performance.now() - tLoad;
  console.log(`  ${'total'.padEnd(72)} ${secs(loadMs).padStart(7)}   (one close: p50 ${f0(median(closeTimes))}, max ${f0(Math.max(...closeTimes))})`);
  if (profileLoad) {
    await app.close();
    await db.close();
    return;
  }

  // ---- expectations, computed here from the same books ----
  const month = `${YEAR}-12`;
  const inMonth = book.vouchers.filter((v) => v.period === month);
  const firstOfMonth = [...inMonth].sort((a, b) => (numbers.get(a.id)?.number ?? 0) - (numbers.get(b.id)?.number ?? 0))[0]!;
  const listExpect: Expect = [
    { selector: '[data-testid="voucher-list"]', rows: inMonth.length },
    { selector: '[data-testid="voucher-list"] tbody tr[data-testid^="voucher-row-"]', attr: ['data-testid', `voucher-row-${firstOfMonth.id}`] },
  ];
  const thisMonth = today.slice(0, 7);
  const thisMonthHasVouchers = book.vouchers.some((v) => v.period === thisMonth);
  const navExpect: Expect = thisMonthHasVouchers ? [{ selector: '[data-testid="voucher-list"]' }] : [{ selector: '[data-testid="vouchers-empty"]' }];
  const trialOf = (r: DateRange) => reportExpect(trialBalanceTable(trialBalance(book, r)));
  const trialMonth = trialOf(monthRange(thisMonth));
  const trialThisYear = trialOf(yearRange(Number(today.slice(0, 4))));
  const trialYear = trialOf(year);
  const trialYearBefore = trialOf(yearRange(YEAR - 1));
  const ledgerReport = ledgerTable(accountLedger(book, bank.id, year, numbers), { title: `明细账 ${bank.code} ${bank.name}`, accounts: book.accounts, numbers });
  const ledgerExpect = reportExpect(ledgerReport);
  const disclosureExpect = (span: DisclosureSpan): Expect => {
    const d = disclosureFigures(book, periods, span, LARGE_ITEM_FEN);
    if (!d.ok) throw new Error(`disclosure ${JSON.stringify(span)}: ${d.error.code}`);
    const f = d.value;
    return [
      { selector: '[data-testid="disclosure-income"]', text: formatMoneyFen(f.incomeFen) },
      { selector: '[data-testid="disclosure-expense"]', text: formatMoneyFen(f.expenseFen) },
      { selector: '[data-testid="disclosure-closing"]', text: formatMoneyFen(f.closing.totalFen) },
      { selector: '[data-testid="disclosure-hash"]', text: f.booksHash },
    ];
  };
  const large = (span: DisclosureSpan): number => {
    const d = disclosureFigures(book, periods, span, LARGE_ITEM_FEN);
    return d.ok ? d.value.expense.reduce((s, c) => s + c.largeItems.length, 0) : 0;
  };
  const refused: Expect = [{ selector: '[data-testid="disclosure-refused"]' }];

  // ---- the page ----
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    // No service worker (issue #16): its background precache of the build would compete with what is measured.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block' });
    await context.addInitScript(probeScript('[data-testid="voucher-list"] tbody tr'));
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${url}#/settings`);
    await page.getByTestId('sync-indicator').waitFor();
    const card = page.getByTestId('sync-settings');
    // The web version shows its own server, read-only (issue #16).
    const address = card.getByLabel('服务器地址');
    if (await address.isEditable()) await address.fill(url);
    await card.getByLabel('小区代码').fill(COMPOUND);
    await card.getByLabel('用户名').fill(USERS.preparer.username);
    await card.getByLabel('密码').fill(USERS.preparer.password);
    const tLogin = Date.now();
    await card.getByTestId('sync-login').click();
    await page.getByTestId('sync-user').waitFor({ timeout: 30_000 });
    type SyncState = { state: string | null; pending: number; accounts: number; vouchers: number; periods: number; tasks: number; meetings: number };
    for (;;) {
      const s = await page.evaluate(() => (window as unknown as { __bench: { syncState(): Promise<SyncState> } }).__bench.syncState());
      if (s.state === 'online' && s.pending === 0 && s.accounts >= data.accounts.length && s.vouchers >= book.vouchers.length && s.periods >= periods.length && s.tasks >= (TASKS > 0 ? office.tasks.length : 0) && s.meetings >= meetings.length) break;
      if (Date.now() - tLogin > 1_200_000) throw new Error(`first sync did not finish: ${JSON.stringify(s)}`);
      await sleep(250);
    }
    const firstSync = Date.now() - tLogin;
    console.log(
      `\nfirst sync in Chromium (login → ${data.accounts.length} accounts + ${num(book.vouchers.length)} vouchers + 12 periods + ${num(TASKS > 0 ? office.tasks.length : 0)} tasks + ${num(meetings.length)} 会议记录 in IndexedDB, 在线, 未同步 0): ${secs(firstSync)}\n`,
    );

    const reloadAt = async (hash: string) => {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.reload();
    };
    const toDashboard = async () => {
      await page.getByTestId('nav-dashboard').click();
      await page.locator(DASHBOARD_READY).first().waitFor();
      await sleep(300);
    };
    const listLink: Action = { kind: 'hash', value: `#/ledger?month=${month}` };

    // ---- cold start with everything stored (issue #14) ----
    console.log(`cold start with everything stored (a reload at 工作台 until its task cards are painted, from navigation start):`);
    const coldStart: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => (location.hash = '#/dashboard'));
      await sleep(300);
      let t = 0;
      const coldReload = async () => {
        await page.reload();
        const handle = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : false), DASHBOARD_READY, { polling: 'raf', timeout: 60_000 });
        t = (await handle.jsonValue()) as number;
      };
      if (i === 4 && (process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'cold')) await profile(page, 'cold start at 工作台', coldReload);
      else await coldReload();
      coldStart.push({ dom: t, paint: t });
      await sleep(1500);
    }
    record('cold start at 工作台 (reload → task cards painted)', coldStart, `${num(TASKS)} tasks, ${num(MEETINGS)} 会议记录, ${num(book.vouchers.length)} vouchers stored`, 1500);
    if (process.env.BENCH_PROFILE === 'cold') return;

    // ---- opening the section ----
    console.log(`opening 财务台账 (until the month's voucher list, or this month's empty list, is painted):`);
    const reload: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      await reloadAt(`#/ledger?month=${month}`);
      await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, null, { timeout: 180_000 });
      const t = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
      reload.push({ dom: t, paint: t });
      await sleep(1500);
    }
    record(`reload at #/ledger?month=${month} (from navigation)`, reload, `page load, database open, ${num(inMonth.length)} rows`);
    const coldNav: Timing[] = [];
    const coldLink: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      await reloadAt('#/dashboard');
      await page.locator(DASHBOARD_READY).first().waitFor({ timeout: 60_000 });
      await sleep(1500);
      coldNav.push(await run(page, { kind: 'click', selector: '[data-testid="nav-ledger"]' }, navExpect));
      await reloadAt('#/dashboard');
      await page.locator(DASHBOARD_READY).first().waitFor({ timeout: 60_000 });
      await sleep(1500);
      coldLink.push(await run(page, listLink, listExpect));
    }
    const navNote = thisMonthHasVouchers ? `this month, ${thisMonth}` : `this month ${thisMonth}: no vouchers`;
    record('工作台 → 财务台账 (menu), after a reload', coldNav, navNote, 1000);
    record(`工作台 → 财务台账 ${month} (link), after a reload`, coldLink, `${num(inMonth.length)} rows`, 1000);
    const warmNav: Timing[] = [];
    const warmLink: Timing[] = [];
    for (let i = 0; i < REPS; i++) {
      await toDashboard();
      warmNav.push(await run(page, { kind: 'click', selector: '[data-testid="nav-ledger"]' }, navExpect));
      await toDashboard();
      warmLink.push(await run(page, listLink, listExpect));
    }
    record('工作台 → 财务台账 (menu), warm', warmNav, navNote, 1000);
    record(`工作台 → 财务台账 ${month} (link), warm`, warmLink, `${num(inMonth.length)} rows`, 1000);

    // ---- 报表 ----
    console.log('报表:');
    await page.evaluate(() => (location.hash = '#/ledger'));
    await page.locator(navExpect[0]!.selector).waitFor({ timeout: 60_000 });
    const toReports: Timing[] = [];
    for (let i = 0; i < REPS; i++) {
      toReports.push(await run(page, { kind: 'click', selector: '[data-testid="ledger-tab-reports"]' }, trialMonth));
      await run(page, { kind: 'click', selector: '[data-testid="ledger-tab-vouchers"]' }, navExpect);
      await sleep(200);
    }
    record('凭证 → 报表 (科目余额表 of this month)', toReports, `${thisMonth}`);
    await run(page, { kind: 'click', selector: '[data-testid="ledger-tab-reports"]' }, trialMonth);
    await run(page, { kind: 'select', selector: `${REPORTS} select[aria-label="期间类型"]`, value: 'year' }, trialThisYear);
    const yearField = `${REPORTS} input[aria-label="年度"]`;
    const trialByYear: Timing[] = [];
    const trialBefore: Timing[] = [];
    for (let i = 0; i < REPS; i++) {
      trialBefore.push(await run(page, { kind: 'input', selector: yearField, value: String(YEAR - 1) }, trialYearBefore));
      trialByYear.push(await run(page, { kind: 'input', selector: yearField, value: String(YEAR) }, trialYear));
    }
    record(`科目余额表 ${YEAR} (typing the year)`, trialByYear, `${trialYear[1]!.rows} rows`, 300);
    record(`科目余额表 ${YEAR - 1} (no vouchers; the same scan)`, trialBefore);
    const chooseBank: Timing[] = [];
    await run(page, { kind: 'click', selector: `${REPORTS} [data-testid="report-ledger"]` }, [{ selector: `${REPORTS} select[aria-label="科目"]` }]);
    chooseBank.push(await run(page, { kind: 'select', selector: `${REPORTS} select[aria-label="科目"]`, value: bank.id }, ledgerExpect));
    const trialClick: Timing[] = [];
    const ledgerClick: Timing[] = [];
    for (let i = 0; i < REPS; i++) {
      trialClick.push(await run(page, { kind: 'click', selector: `${REPORTS} [data-testid="report-trial"]` }, trialYear));
      ledgerClick.push(await run(page, { kind: 'click', selector: `${REPORTS} [data-testid="report-ledger"]` }, ledgerExpect));
    }
    record(`明细账 → 科目余额表 ${YEAR}`, trialClick, `${trialYear[1]!.rows} rows; unmounts the 明细账`, 300);
    record(`科目余额表 → 明细账 ${bank.code}, ${YEAR}`, ledgerClick, `${num(ledgerReport.rows.length)} rows with running balance`);
    record(`明细账: choosing ${bank.code} ${bank.name}`, chooseBank, 'once');

    // ---- 财务公示 ----
    console.log('财务公示:');
    const DISCLOSURE = '[data-testid="ledger-disclosure"]';
    const kindField = `${DISCLOSURE} select[aria-label="期间类型"]`;
    const partField = `${DISCLOSURE} select[aria-label="期间"]`;
    const toDisclosure = await run(page, { kind: 'click', selector: '[data-testid="ledger-tab-disclosure"]' }, refused);
    console.log(`  报表 → 财务公示 tab (last month ${thisMonth} not closed: refused): ${f0(toDisclosure.paint)}`);
    await run(page, { kind: 'select', selector: kindField, value: 'half' }, refused);
    const half = (h: 1 | 2): DisclosureSpan => ({ kind: 'half', year: YEAR, half: h });
    const quarter = (q: 1 | 2 | 3 | 4): DisclosureSpan => ({ kind: 'quarter', quarter: { year: YEAR, quarter: q } });
    const halves: Timing[] = [await run(page, { kind: 'input', selector: `${DISCLOSURE} input[aria-label="年度"]`, value: String(YEAR) }, disclosureExpect(half(1)))];
    for (let i = 0; i < REPS; i++) {
      halves.push(await run(page, { kind: 'select', selector: partField, value: '2' }, disclosureExpect(half(2))));
      halves.push(await run(page, { kind: 'select', selector: partField, value: '1' }, disclosureExpect(half(1))));
    }
    record(`公示 half-year (${YEAR} 上半年 ↔ 下半年)`, halves, `${num(large(half(1)))} / ${num(large(half(2)))} large expenses listed`);
    await run(page, { kind: 'select', selector: kindField, value: 'quarter' }, disclosureExpect(quarter(1)));
    const quarters: Timing[] = [];
    for (let i = 0; i < REPS; i++) {
      const q = ((i + 1) % 4) + 1;
      quarters.push(await run(page, { kind: 'select', selector: partField, value: String(q) }, disclosureExpect(quarter(q as 1 | 2 | 3 | 4))));
    }
    record(`公示 quarter (${YEAR} 第一…四季度)`, quarters, `${num(large(quarter(3)))} large expenses in Q3`);

    if (process.env.BENCH_PROFILE === '1') {
      await reloadAt('#/dashboard');
      await page.locator(DASHBOARD_READY).first().waitFor({ timeout: 60_000 });
      await sleep(1500);
      await profile(page, '工作台 → 财务台账 (menu), after a reload', async () => {
        await run(page, { kind: 'click', selector: '[data-testid="nav-ledger"]' }, navExpect);
      });
      await toDashboard();
      await profile(page, `工作台 → 财务台账 ${month} (link), warm`, async () => {
        await run(page, listLink, listExpect);
      });
      await run(page, { kind: 'click', selector: '[data-testid="ledger-tab-disclosure"]' }, refused);
      await run(page, { kind: 'select', selector: kindField, value: 'half' }, refused);
      await run(page, { kind: 'input', selector: `${DISCLOSURE} input[aria-label="年度"]`, value: String(YEAR) }, disclosureExpect(half(1)));
      await profile(page, `公示 ${YEAR} 上半年 → 下半年`, async () => {
        await run(page, { kind: 'select', selector: partField, value: '2' }, disclosureExpect(half(2)));
      });
      await page.getByTestId('ledger-tab-reports').click();
      await page.locator(REPORT_TABLE).waitFor();
      await run(page, { kind: 'select', selector: `${REPORTS} select[aria-label="期间类型"]`, value: 'year' }, trialThisYear);
      await run(page, { kind: 'input', selector: yearField, value: String(YEAR) }, trialYear);
      await profile(page, `科目余额表 ${YEAR} (3× typing ${YEAR - 1}, then ${YEAR})`, async () => {
        for (let i = 0; i < 3; i++) {
          await run(page, { kind: 'input', selector: yearField, value: String(YEAR - 1) }, trialYearBefore);
          await run(page, { kind: 'input', selector: yearField, value: String(YEAR) }, trialYear);
        }
      });
      await run(page, { kind: 'click', selector: `${REPORTS} [data-testid="report-ledger"]` }, [{ selector: `${REPORTS} select[aria-label="科目"]` }]);
      await run(page, { kind: 'select', selector: `${REPORTS} select[aria-label="科目"]`, value: bank.id }, ledgerExpect);
      await run(page, { kind: 'click', selector: `${REPORTS} [data-testid="report-trial"]` }, trialYear);
      await profile(page, `科目余额表 → 明细账 ${bank.code} (one click)`, async () => {
        await run(page, { kind: 'click', selector: `${REPORTS} [data-testid="report-ledger"]` }, ledgerExpect);
      });
      await profile(page, `明细账 → 科目余额表 (one click)`, async () => {
        await run(page, { kind: 'click', selector: `${REPORTS} [data-testid="report-trial"]` }, trialYear);
      });
    }

    // ---- the tables for the README ----
    const trialP50 = median(trialByYear.map((t) => t.paint));
    console.log('\n| step | n | p50 | p95 | target |\n| --- | --- | --- | --- | --- |');
    for (const r of rows) {
      const ok = r.target ? (median(r.samples) <= r.target ? ` ✓` : ` ✗`) : '';
      console.log(`| ${r.name}${r.note ? ` (${r.note})` : ''} | ${r.samples.length} | ${f0(median(r.samples))} | ${f0(pct(r.samples, 95))} | ${r.target ? `${r.target >= 1000 ? `${r.target / 1000} s` : `${r.target} ms`}${ok}` : ''} |`);
    }
    console.log('\n| pure function in Node (a floor) | p50 | p95 |\n| --- | --- | --- |');
    for (const r of nodeRows) console.log(`| ${r.name} | ${f1(median(r.ms))} | ${f1(pct(r.ms, 95))} |`);
    console.log(
      `\n${os()}\nload over the sync protocol: ${secs(loadMs)}; first sync in Chromium: ${secs(firstSync)}` +
        (hledgerMs !== null
          ? `\nhledger bal ${f0(hledgerMs)} vs the in-page 科目余额表 of the year ${f0(trialP50)} (typing the year, painted p50): hledger takes ${(hledgerMs / trialP50).toFixed(1)}× as long (in-page / hledger = ${(trialP50 / hledgerMs).toFixed(2)})`
          : `\n${hledgerNote}`),
    );
    await context.close();
  } finally {
    await browser.close();
    await app.close();
    await db.close();
  }
}

type CpuProfile = { nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] };

/** The hottest functions of a CPU profile (Chrome's format, from the page or from this process), by self and total time. */
function printProfile(label: string, p: CpuProfile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const n = byId.get(id)!;
    return `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const deltas = p.timeDeltas ?? [];
  let all = 0;
  (p.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i] ?? 0) / 1000;
    all += ms;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = name(x);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  console.log(`\nCPU profile: ${label} (${f0(all)} sampled)\n  self (ms):`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${v.toFixed(0).padStart(7)}  ${k}`);
  console.log('  total (ms):');
  for (const [k, v] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${v.toFixed(0).padStart(7)}  ${k}`);
}

/** BENCH_PROFILE=1: a CPU profile of the page (CDP) around `f` (best with an unminified build). */
async function profile(page: Page, label: string, f: () => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await f();
  const { profile: p } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.detach();
  printProfile(label, p);
}

/** BENCH_PROFILE=load: a CPU profile of this process (the in-process server running the push rules) around `f`. */
async function profileHere(label: string, f: () => Promise<void>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  await f();
  const { profile: p } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  printProfile(label, p);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
