// `tsx bench/sync-browser.ts` (the second half of npm run bench:sync; issue #14 "Sync speed"): the app's own sync
// engine (src-renderer/sync) in Debian's Chromium against the sync server, measured from the outside. Prints figures,
// asserts nothing about time; it does check that every document arrives exactly once.
//   data     BENCH_DOCS documents (10,000) of a compound — roster, 会议记录, 六方联动 tasks and their progress log
//            (bench/tasks-data.ts) — pushed to an in-process server (PGlite in memory, or a fresh database on
//            DATABASE_URL) over the sync protocol, so its push rules accept every one.
//   network  loopback, or bench/sync-browser-proxy.ts: 150 ms each way (300 ms round trip), optionally cutting
//            connections at random (seeded); the desktop app's cross-origin set-up is the built renderer served
//            from a static server of the bench's own (the web host's CSP with the API's origin in connect-src)
//            calling the API through the proxy, allowed by the server's CORS origins.
//   1. first sync into an empty client, loopback — from the click on 登录 until the indicator shows 在线 with 0
//      pending; then every document in IndexedDB is compared with the server's (ids, seqs, deletions);
//   2. the same at 300 ms round trip; 3. … with dropped connections; 4. … cross-origin (preflights counted);
//   5. reconnect: the synced page loses the network for 2 s (Chromium's offline emulation), nothing changed — from
//      its return until 在线 and in sync; 5r. the same after a reload of the page (a reload minutes after the first
//      sync: the sync index's saved copy then re-reads every document written in the 10 minutes before it);
//   6. 1,000 changes made offline (in a second tab of the app's origin, through the app's own database code —
//      bench/sync-browser-writer.ts), then online: from the network's return until 0 pending and 在线;
//   7. live A → B: a 备注 written in PC A until it is in PC B's IndexedDB (and from the API to B);
//   8. cold start: a reload at 工作台 until its task cards are painted.
// Requests and bytes are counted at the server's sockets (what went over the wire, headers included, compressed
// where the server compresses), each request with a timeline (ms after the start, at the server).
// Env: BENCH_DOCS (10000), BENCH_REPS (3), BENCH_CHANGES (1000), BENCH_LIVE_SAMPLES (30), BENCH_LIFETIME_MS (3000),
// BENCH_TIMEOUT_MS (240000, per wait), BENCH_STATIC_DIR (default: runs `vite build` into dist/renderer first),
// DATABASE_URL, CHROMIUM_PATH, BENCH_ONLY (e.g. "1,5,6": which figures), BENCH_PROFILE=1 (CPU profiles of the
// page during one loopback first sync and one reload; =6: during one push of figure 6; hottest functions printed; names need an unminified build:
// `npx vite build --minify false --outDir /tmp/renderer-dev --emptyOutDir` and BENCH_STATIC_DIR=/tmp/renderer-dev).
import { execFileSync } from 'node:child_process';
import { existsSync, createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { localDate } from '../shared/domain/common/dates';
import { COLLECTION_NAMES, type CollectionName } from '../shared/schema';
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type PushResponse, type SessionResponse, type VersionsResponse } from '../shared/sync/protocol';
import { cspText } from '../shared/web/csp';
import { mimeTypeOf } from '../shared/web/mime';
import { addUser, createCompound } from '../src-server/accounts';
import { createApp } from '../src-server/app';
import { configFromEnv } from '../src-server/config';
import { freshBenchDb } from './fresh-db';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { mulberry32 } from './random';
import { buildBenchData, fillProgress } from './tasks-data';
import { buildMeetings } from './meetings-data';
import { startBenchProxy, type BenchProxy, type NetConditions } from './sync-browser-proxy';
import { syncProbe, type Mark, type ProbeState, type StoredEntry } from './sync-browser-probe';
import type { BenchWriter } from './sync-browser-writer';

const env = process.env;
const DOCS = Number(env.BENCH_DOCS ?? 10_000);
const REPS = Math.max(1, Number(env.BENCH_REPS ?? 3));
const LIVE_SAMPLES = Number(env.BENCH_LIVE_SAMPLES ?? 30);
const CHANGES = Number(env.BENCH_CHANGES ?? 1000);
const LIFETIME_MS = Number(env.BENCH_LIFETIME_MS ?? 3000);
const TIMEOUT_MS = Number(env.BENCH_TIMEOUT_MS ?? 240_000);
const ONE_WAY_MS = 150;
const ONLY = new Set((env.BENCH_ONLY ?? '1,2,3,4,5,6,7,8').split(',').map((s) => Number(s.trim())));
const USER = { compound: 'BENCH', username: 'office', name: '社区办公室', password: 'bench-password' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: readonly number[], p: number): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
};
const median = (xs: readonly number[]) => pct(xs, 50);
const fms = (n: number) => (Number.isFinite(n) ? (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(0)} ms`) : '—');
const fbytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);

// ---- data ------------------------------------------------------------------------------------------------------

type Doc = { id: string } & Record<string, unknown>;
type Dataset = Partial<Record<CollectionName, Doc[]>>;

/** About 1 % roster (the fixed 98 of bench/tasks-data), 2 % 会议记录, 20 % tasks, the rest their progress log. */
function buildDataset(total: number, today: string): Dataset {
  const taskCount = Math.max(10, Math.round(total * 0.2));
  const meetingCount = Math.max(2, Math.round(total * 0.02));
  const data = buildBenchData({ tasks: taskCount, updates: 0, today, userName: USER.name });
  const wanted = total - data.roster.length - meetingCount - data.tasks.length;
  // The status and 催办/上报 entries stay whole (the app would write missing 催办 entries itself); 进展 fills up.
  if (data.updates.length < wanted) fillProgress(data, wanted);
  const meetings = buildMeetings(meetingCount, today);
  return {
    roster: data.roster as unknown as Doc[],
    meetings: meetings as unknown as Doc[],
    tasks: data.tasks as unknown as Doc[],
    task_updates: data.updates as unknown as Doc[],
  };
}

// ---- server ----------------------------------------------------------------------------------------------------


const apiHeaders = (token: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
  [HEADERS.protocol]: String(PROTOCOL_VERSION),
  [HEADERS.schema]: schemaFingerprint(),
  [HEADERS.device]: 'bench-seed',
});

async function pushAll(base: string, token: string, collection: CollectionName, docs: readonly Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const rows = docs.slice(i, i + 500).map((d) => ({ baseSeq: 0, document: { ...d, _deleted: false } }));
    const res = await fetch(`${base}/api/v1/sync/${collection}/push`, {
      method: 'POST',
      headers: { ...apiHeaders(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ rows }),
    });
    const body = (await res.json()) as PushResponse;
    if (res.status !== 200) throw new Error(`push ${collection} ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
    if (body.rejected.length > 0 || body.conflicts.length > 0) throw new Error(`push ${collection} refused: ${JSON.stringify(body.rejected.slice(0, 3))}`);
  }
}

async function serverVersions(base: string, token: string): Promise<Map<CollectionName, Map<string, { seq: number; deleted: boolean }>>> {
  const out = new Map<CollectionName, Map<string, { seq: number; deleted: boolean }>>();
  for (const c of COLLECTION_NAMES) {
    const res = await fetch(`${base}/api/v1/sync/${c}/versions`, { headers: apiHeaders(token) });
    if (res.status !== 200) throw new Error(`versions ${c}: ${res.status}`);
    const { versions } = (await res.json()) as VersionsResponse;
    out.set(c, new Map(versions.map(([id, seq, deleted]) => [id, { seq, deleted }])));
  }
  return out;
}

/** Counts every request the server answers and the bytes of its socket while it was answered (requests on one
 * keep-alive connection are serial, so a request's share is the socket's growth between two answers). */
type Req = { method: string; path: string; kind: string; device: string; at: number; end: number | null; bytesIn: number; bytesOut: number };
function countRequests(server: Server) {
  const log: Req[] = [];
  const inflight = new Map<Req, Socket>();
  const seen = new WeakMap<Socket, { r: number; w: number }>();
  const attribute = (r: Req, sock: Socket) => {
    const s = seen.get(sock) ?? { r: 0, w: 0 };
    r.bytesIn += sock.bytesRead - s.r;
    r.bytesOut += sock.bytesWritten - s.w;
    seen.set(sock, { r: sock.bytesRead, w: sock.bytesWritten });
  };
  server.on('request', (req: IncomingMessage, res) => {
    const p = (req.url ?? '/').split('?')[0] ?? '/';
    const r: Req = { method: req.method ?? 'GET', path: p, kind: kindOf(req.method ?? 'GET', p), device: String(req.headers[HEADERS.device.toLowerCase()] ?? ''), at: performance.now(), end: null, bytesIn: 0, bytesOut: 0 };
    log.push(r);
    inflight.set(r, req.socket);
    res.once('close', () => {
      r.end = performance.now();
      inflight.delete(r);
      attribute(r, req.socket);
    });
  });
  return {
    log,
    /** Gives the requests still open (event streams) their bytes so far. */
    flush: () => {
      for (const [r, sock] of inflight) attribute(r, sock);
    },
    busy: () => [...inflight.keys()].some((r) => r.kind !== 'stream' && r.kind !== 'static'),
    lastApiActivity: () => {
      let t = 0;
      for (const r of log) if (r.kind !== 'static' && r.kind !== 'stream') t = Math.max(t, r.end ?? performance.now(), r.at);
      return t;
    },
  };
}
type Counter = ReturnType<typeof countRequests>;

function kindOf(method: string, p: string): string {
  if (method === 'OPTIONS') return 'preflight';
  if (!p.startsWith('/api/')) return 'static';
  const m = /\/sync\/[^/]+\/([a-z]+)$/.exec(p);
  if (m && m[1] !== 'stream') return m[1]!;
  if (p.endsWith('/sync/stream')) return 'stream';
  if (p.endsWith('/sync/batch')) return 'batch';
  const a = /\/auth\/([a-z]+)$/.exec(p);
  if (a) return a[1]!;
  return p.replace(/^\/api\/v\d+\//, '');
}

type Traffic = { timeline: string; firstAt: number | null; requests: number; bytes: number; byKind: Record<string, number>; staticRequests: number; staticBytes: number; serverBusyMs: number; idleGaps: number[] };
/** The requests that started in [t0, t1] and the bytes of the API and of the static files. */
function trafficOf(counter: Counter, t0: number, t1: number): Traffic {
  counter.flush();
  const reqs = counter.log.filter((r) => r.at >= t0 && r.at <= t1);
  const byKind: Record<string, number> = {};
  let bytes = 0;
  let staticBytes = 0;
  for (const r of reqs) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    if (r.kind === 'static') staticBytes += r.bytesIn + r.bytesOut;
    else bytes += r.bytesIn + r.bytesOut;
  }
  // When at least one API request (the stream aside) was being answered, and the gaps between.
  const spans = reqs
    .filter((r) => r.kind !== 'static' && r.kind !== 'stream')
    .map((r) => [r.at, Math.min(r.end ?? t1, t1)] as const)
    .sort((a, b) => a[0] - b[0]);
  let busy = 0;
  const gaps: number[] = [];
  let cur: [number, number] | null = null;
  for (const [a, b] of spans) {
    if (!cur) cur = [a, b];
    else if (a <= cur[1]) cur[1] = Math.max(cur[1], b);
    else {
      busy += cur[1] - cur[0];
      gaps.push(a - cur[1]);
      cur = [a, b];
    }
  }
  if (cur) busy += cur[1] - cur[0];
  const data = reqs.filter((r) => ['batch', 'pull', 'push', 'digest', 'fetch'].includes(r.kind));
  // Each API request's start and end, ms from t0 (bench clock), in order of arrival.
  const steps = reqs.filter((r) => r.kind !== 'static').map((r) => `${r.kind} ${(r.at - t0).toFixed(0)}–${r.end === null || r.end > t1 ? '…' : (r.end - t0).toFixed(0)}`);
  const timeline = steps.length <= 16 ? steps.join(', ') : `${steps.slice(0, 8).join(', ')}, … ${steps.length - 12} more …, ${steps.slice(-4).join(', ')}`;
  return { timeline, firstAt: data.length ? Math.min(...data.map((r) => r.at)) : null, requests: reqs.length - (byKind.static ?? 0), bytes, byKind, staticRequests: byKind.static ?? 0, staticBytes, serverBusyMs: busy, idleGaps: gaps };
}

const kindsText = (t: Traffic) =>
  Object.entries(t.byKind)
    .filter(([k]) => k !== 'static')
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

/** The built renderer from another origin, as the desktop app's app:// page calls the server: its CSP names the API. */
async function startStaticHost(dir: string): Promise<{ origin: string; setApi(origin: string): void; close(): Promise<void> }> {
  let csp = '';
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    void (async () => {
      const p = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      let file = path.resolve(root, `.${path.posix.normalize(p)}`);
      if (!file.startsWith(root)) file = path.join(root, 'index.html');
      const s = await stat(file).catch(() => null);
      if (!s || !s.isFile()) file = path.join(root, 'index.html');
      res.writeHead(200, {
        'Content-Type': mimeTypeOf(file),
        'Content-Security-Policy': csp,
        'Cache-Control': p.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      createReadStream(file).pipe(res);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    setApi: (api) => {
      // The web host's policy (shared/web/csp.ts) with the API's origin added to connect-src.
      csp = cspText({
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'", api],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---- the page --------------------------------------------------------------------------------------------------

type Sb = { __sb: ProbeState & { docs(c: string): Promise<StoredEntry[]>; waitFor(c: string, id: string, ms: number): Promise<number | null> } };
const probe = (page: Page) => page.evaluate(() => {
  const s = (window as unknown as Sb).__sb;
  return { marks: s.marks, loginAt: s.loginAt, onlineAt: s.onlineAt, cardsAt: s.cardsAt, cardsPaintAt: s.cardsPaintAt };
});

/**
 * The desktop app's preload bridge, as far as sync needs it, for the cross-origin stand-in (figure 4): the page then
 * takes itself for the desktop app (its own origin is not the sync server's, and the address is the user's to type,
 * issue #16), and every host service it has no use for here answers UNSUPPORTED, as a browser would.
 */
const DESKTOP_STAND_IN = `(() => {
  const answers = {
    'app:info': { ok: true, value: { version: 'bench', host: 'desktop', platform: 'linux', userDataPath: '', documentsPath: '' } },
    'state:get': { ok: true, value: { heldData: null } },
    'state:set': { ok: true, value: { heldData: null } },
  };
  window.linli = new Proxy({}, {
    get: (_, channel) => (channel === 'then' ? undefined : async () => answers[channel] ?? { ok: false, error: { code: 'UNSUPPORTED' } }),
  });
})();`;

async function newContext(browser: Browser, desktopStandIn = false): Promise<BrowserContext> {
  // No service worker (issue #16): its background precache of the whole build (~7.5 MB) would compete with what is measured.
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block' });
  await context.addInitScript(syncProbe);
  if (desktopStandIn) await context.addInitScript(DESKTOP_STAND_IN);
  return context;
}

async function openApp(context: BrowserContext, pageUrl: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('  page error:', e.message));
  await page.goto(`${pageUrl}#/settings`);
  await page.getByTestId('sync-indicator').waitFor();
  return page;
}

async function login(page: Page, serverUrl: string, beforeClick?: () => void): Promise<void> {
  const card = page.getByTestId('sync-settings');
  const address = card.getByLabel('服务器地址');
  // The web version fixes the address to the page's own server (issue #16); the desktop stand-in types it.
  if (await address.isEditable()) await address.fill(serverUrl);
  else if ((await address.inputValue()) !== new URL(serverUrl).origin) throw new Error(`the page can only reach ${await address.inputValue()}, not ${serverUrl}`);
  await card.getByLabel('小区代码').fill(USER.compound);
  await card.getByLabel('用户名').fill(USER.username);
  await card.getByLabel('密码').fill(USER.password);
  beforeClick?.();
  await card.getByTestId('sync-login').click();
  await page.getByTestId('sync-user').waitFor({ timeout: 60_000 });
}

const isOnline = (m: Mark | undefined) => m !== undefined && m[1] === 'online' && m[2] === 0;

/**
 * Waits until the indicator shows 在线 with 0 pending and the server has answered no request for `quietMs`;
 * returns the page's time of the first 在线/0 after `from` (page clock), or null on timeout.
 */
async function waitInSync(page: Page, counter: Counter, from: () => Promise<number | null>, quietMs = 1000): Promise<{ at: number | null; lastAt: number | null; marks: Mark[] }> {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    const s = await probe(page);
    const start = await from();
    const after = start === null ? [] : s.marks.filter((m) => m[0] >= start);
    const last = after[after.length - 1];
    if (isOnline(last) && !counter.busy() && performance.now() - counter.lastApiActivity() >= quietMs) {
      const first = after.find(isOnline)!;
      return { at: first[0], lastAt: last![0], marks: after };
    }
    if (performance.now() > deadline) return { at: null, lastAt: null, marks: after };
    await sleep(100);
  }
}

/**
 * The traffic from t0 (bench clock) until the page's in-sync moment `at` (page clock), the requests after it until
 * t1, and when the first API request came relative to the page's `start`.
 */
async function windowOf(page: Page, counter: Counter, t0: number, t1: number, start: number | null, at: number | null): Promise<Pick<Sample, 'traffic' | 'more' | 'firstRequest'>> {
  const origin = await page.evaluate(() => performance.timeOrigin);
  const toBench = (t: number) => origin + t - performance.timeOrigin;
  const traffic = trafficOf(counter, t0, at === null ? t1 : toBench(at) + 2);
  const all = trafficOf(counter, t0, t1);
  return {
    traffic,
    more: all.requests - traffic.requests,
    ...(traffic.firstAt !== null && start !== null ? { firstRequest: traffic.firstAt - toBench(start) } : {}),
  };
}

type Check = { ok: boolean; text: string; docs: number };
/** Every document the server holds is in the page's IndexedDB at the server's seq, and nothing else is. */
async function checkDocs(page: Page, server: Awaited<ReturnType<typeof serverVersions>>): Promise<Check> {
  const problems: string[] = [];
  let docs = 0;
  for (const c of COLLECTION_NAMES) {
    const want = server.get(c)!;
    const held = await page.evaluate((name) => (window as unknown as Sb).__sb.docs(name), c);
    docs += held.filter((h) => !h[2]).length;
    const mine = new Map(held.map(([id, seq, deleted]) => [id, { seq, deleted }]));
    if (mine.size !== held.length) problems.push(`${c}: ${held.length - mine.size} ids twice`);
    const missing = [...want.keys()].filter((id) => !mine.has(id));
    const extra = [...mine.keys()].filter((id) => !want.has(id));
    const stale = [...want].filter(([id, v]) => mine.has(id) && (mine.get(id)!.seq !== v.seq || mine.get(id)!.deleted !== v.deleted));
    if (missing.length) problems.push(`${c}: ${missing.length} missing (${missing.slice(0, 3).join(', ')})`);
    if (extra.length) problems.push(`${c}: ${extra.length} not on the server (${extra.slice(0, 3).join(', ')})`);
    if (stale.length) problems.push(`${c}: ${stale.length} at another seq`);
  }
  return { ok: problems.length === 0, text: problems.length ? problems.join('; ') : 'every document exactly once, at the server\'s seq', docs };
}

// ---- the run ---------------------------------------------------------------------------------------------------

/** traffic: from the start until in sync; more: API requests after that until the network was quiet for 1 s. */
type Sample = { ms: number; traffic: Traffic; more?: number; firstRequest?: number; note: string };
type Figure = { key: string; name: string; samples: Sample[]; target: string; value?: string };
const figures: Figure[] = [];
function figure(key: string, name: string, target: string): Figure {
  const f = { key, name, samples: [], target };
  figures.push(f);
  return f;
}

function report(f: Figure, s: Sample, i: number): void {
  f.samples.push(s);
  const t = s.traffic;
  const gaps = t.idleGaps.filter((g) => g >= 20);
  console.log(
    `  ${String(i + 1).padStart(2)}. ${fms(s.ms).padStart(8)}` +
      ` · ${t.requests} requests (${kindsText(t)}), ${fbytes(t.bytes)}` +
      (t.staticRequests ? ` + ${t.staticRequests} page files ${fbytes(t.staticBytes)}` : '') +
      (s.more ? `, then ${s.more} more requests until quiet` : '') +
      (s.firstRequest !== undefined ? ` · first sync request at ${fms(s.firstRequest)}` : '') +
      ` · server answering ${fms(t.serverBusyMs)}, nothing at the server ${fms(gaps.reduce((a, b) => a + b, 0))} in ${gaps.length} gaps (longest ${fms(Math.max(0, ...gaps))})` +
      (s.note ? ` · ${s.note}` : '') +
      `\n        requests, ms after the start at the server: ${t.timeline}`,
  );
}

async function main(): Promise<void> {
  let staticDir = env.BENCH_STATIC_DIR;
  if (!staticDir) {
    console.log('building the renderer (npx vite build) …');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    staticDir = 'dist/renderer';
  }
  staticDir = path.resolve(staticDir);
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error(`no built renderer in ${staticDir}`);

  // The second tab's bundle (bench/sync-browser-writer.ts), served into a blank page of the app's origin.
  const bundle = await build({
    entryPoints: [path.resolve('bench/sync-browser-writer.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'warning',
    define: { 'import.meta.env.DEV': 'false', 'process.env.NODE_ENV': '"production"' },
  });
  const writerJs = bundle.outputFiles[0]!.text;

  const today = localDate(new Date());
  const data = buildDataset(DOCS, today);
  const total = Object.values(data).reduce((n, d) => n + d.length, 0);
  const sizes = Object.entries(data)
    .map(([c, d]) => `${d.length} ${c} (${fbytes(d.reduce((n, x) => n + JSON.stringify(x).length, 0) / d.length)} avg)`)
    .join(', ');

  const { db, drop, label } = await freshBenchDb({ prefix: 'linli_bench', pglite: 'memory' });
  const host = await startStaticHost(staticDir);
  const config = {
    ...configFromEnv({}, process.cwd()),
    databaseUrl: undefined,
    dataDir: undefined,
    staticDir,
    corsOrigins: ['app://linli', host.origin],
  };
  const app = await createApp({ db, config, log: () => undefined });
  const { url, port } = await app.listen(0, '127.0.0.1');
  const direct = url.replace(/\/$/, '');
  const counter = countRequests(app.server);
  const proxy: BenchProxy = await startBenchProxy({ host: '127.0.0.1', port }, mulberry32(42));
  host.setApi(proxy.origin);
  const compound = await createCompound(db, { code: USER.compound, name: '幸福里小区' });
  if (!compound.ok) throw new Error(compound.error.code);
  await addUser(db, { compound: USER.compound, username: USER.username, name: USER.name, role: 'admin', password: USER.password }, config.argon2);
  const session = (await (
    await fetch(`${direct}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ compound: USER.compound, username: USER.username, password: USER.password }),
    })
  ).json()) as SessionResponse;
  const token = session.accessToken;
  const tSeed = performance.now();
  for (const [c, docs] of Object.entries(data) as [CollectionName, Doc[]][]) await pushAll(direct, token, c, docs);
  console.log(`邻里工作台 sync in Chromium — ${label}, ${total} documents: ${sizes}; seeded over the sync protocol in ${fms(performance.now() - tSeed)}`);
  console.log(`${REPS} repetitions; 300 ms round trip = ${ONE_WAY_MS} ms each way at bench/sync-browser-proxy.ts (+1 round trip per new connection); requests and bytes at the server's sockets\n`);
  let versions = await serverVersions(direct, token);

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  const net = (c: NetConditions) => proxy.set(c);
  const loopback = { latencyMs: 0, meanLifetimeMs: 0 };
  const slow = { latencyMs: ONE_WAY_MS, meanLifetimeMs: 0 };
  const flaky = { latencyMs: ONE_WAY_MS, meanLifetimeMs: LIFETIME_MS };

  /** One first sync in a fresh context: page from pageUrl, API at apiUrl; the context is returned open. */
  async function firstSync(f: Figure, i: number, pageUrl: string, apiUrl: string, conditions: NetConditions, profile = false): Promise<{ context: BrowserContext; page: Page }> {
    net(loopback);
    const context = await newContext(browser, new URL(pageUrl).origin !== new URL(apiUrl).origin);
    const page = await openApp(context, pageUrl);
    const drops0 = proxy.counts().drops;
    const cdp = profile ? await startProfile(page) : null;
    let t0 = 0;
    await login(page, apiUrl, () => {
      net(conditions);
      proxy.cutAll(); // no connection opened under other conditions carries on
      t0 = performance.now();
    });
    const r = await waitInSync(page, counter, async () => (await probe(page)).loginAt);
    const t1 = performance.now();
    net(loopback);
    if (cdp) await printProfile(cdp, 'this first sync');
    const s = await probe(page);
    const w = await windowOf(page, counter, t0, t1, s.loginAt, r.at);
    const loginReq = counter.log.find((x) => x.at >= t0 && x.kind === 'login');
    const drops = proxy.counts().drops - drops0;
    versions = await serverVersions(direct, token);
    const check = await checkDocs(page, versions);
    const notes = [
      check.ok ? `${check.docs} documents: ${check.text}` : `CHECK FAILED: ${check.text}`,
      loginReq?.end ? `login answered in ${fms(loginReq.end - loginReq.at)}` : '',
      conditions.meanLifetimeMs ? `${drops} connections dropped` : '',
      r.at === null ? `NOT IN SYNC after ${fms(TIMEOUT_MS)} (last marks ${JSON.stringify(r.marks.slice(-4))})` : '',
    ].filter(Boolean);
    report(f, { ms: r.at !== null && s.loginAt !== null ? r.at - s.loginAt : Number.NaN, ...w, note: notes.join(' · ') }, i);
    return { context, page };
  }

  /** The network returns to an offline page: until 在线 and in sync, timed from the return on the page's clock. */
  async function networkBack(context: BrowserContext, page: Page) {
    const origin = await page.evaluate(() => performance.timeOrigin);
    const t0 = performance.now();
    const start = t0 + performance.timeOrigin - origin; // the page's clock
    await context.setOffline(false);
    const r = await waitInSync(page, counter, async () => start);
    const t1 = performance.now();
    const s = await probe(page);
    const w = await windowOf(page, counter, t0, t1, start, r.at);
    return { start, r, s, w };
  }

  /** A reload of a synced page at 工作台: until 在线/in sync (reconnect) and until its task cards are painted. */
  async function reload(page: Page, rf: Figure | null, cf: Figure | null, i: number): Promise<void> {
    await page.evaluate(() => (location.hash = '#/dashboard'));
    await sleep(300);
    const cdp = env.BENCH_PROFILE === '1' && i === 0 ? await startProfile(page) : null;
    const t0 = performance.now();
    await page.reload();
    const r = await waitInSync(page, counter, async () => 0);
    const t1 = performance.now();
    if (cdp) await printProfile(cdp, 'this reload');
    const s = await probe(page);
    const w = await windowOf(page, counter, t0, t1, 0, r.at);
    if (rf) report(rf, { ms: r.at ?? Number.NaN, ...w, note: r.at === null ? `NOT IN SYNC (${JSON.stringify(r.marks.slice(-4))})` : `indicator first drawn at ${fms(s.marks[0]?.[0] ?? Number.NaN)}, 在线 for good at ${fms(r.lastAt!)}` }, i);
    if (cf) {
      await page.getByTestId('task-cards').waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => (window as unknown as Sb).__sb.cardsPaintAt !== null);
      const c = await probe(page);
      report(cf, { ms: c.cardsPaintAt!, ...w, traffic: { ...w.traffic, timeline: '(the same reload as above)' }, note: `task cards in the DOM at ${fms(c.cardsAt!)} after navigation start; sync 在线 at ${fms(s.marks.find(isOnline)?.[0] ?? Number.NaN)}` }, i);
    }
    await sleep(500);
  }

  const f1 = figure('1', 'first sync, loopback', '≤ 1.0 s');
  const f2 = figure('2', 'first sync, 300 ms RTT', '≤ 5 s');
  const f3 = figure('3', `first sync, 300 ms RTT, drops (~${LIFETIME_MS / 1000} s lifetime)`, '≤ 10 s');
  const f4 = figure('4', 'first sync, 300 ms RTT, cross-origin', 'within 10 % of 2');
  const f5 = figure('5', 'reconnect (network back, nothing changed), loopback', '≤ 200 ms');
  const f5r = figure('5r', 'reconnect after a reload (nothing changed), loopback', '—');
  const f5b = figure('5b', 'reconnect after a reload, 300 ms RTT, cross-origin', '—');
  const f6 = figure('6', 'push of 1,000 offline changes, loopback', '≤ 0.4 s');
  const f7 = figure('7', 'live change A → B, loopback (p50 / p95)', 'p95 < 300 ms');
  const f8 = figure('8', 'cold start: reload until 工作台 painted', '≤ 1.5 s');

  try {
    if (ONLY.has(2)) {
      console.log(`2. ${f2.name} (page and API through the proxy, same origin):`);
      for (let i = 0; i < REPS; i++) await (await firstSync(f2, i, proxy.url, proxy.url, slow)).context.close();
    }
    if (ONLY.has(3)) {
      console.log(`3. ${f3.name}:`);
      for (let i = 0; i < REPS; i++) await (await firstSync(f3, i, proxy.url, proxy.url, flaky)).context.close();
    }
    if (ONLY.has(4)) {
      console.log(`4. ${f4.name} (page from ${host.origin}, API at ${proxy.origin}), then 5b. a reload there:`);
      for (let i = 0; i < REPS; i++) {
        const { context, page } = await firstSync(f4, i, `${host.origin}/`, proxy.url, slow);
        if (ONLY.has(5)) {
          net(slow);
          proxy.cutAll(); // a restarted app opens new connections
          await reload(page, ONLY.has(5) ? f5b : null, null, i);
          net(loopback);
        }
        await context.close();
      }
    }
    let synced: { context: BrowserContext; page: Page } | null = null;
    if (ONLY.has(1) || ONLY.has(5) || ONLY.has(6) || ONLY.has(7) || ONLY.has(8)) {
      console.log(`1. ${f1.name}:`);
      for (let i = 0; i < REPS; i++) {
        if (synced) await synced.context.close();
        synced = await firstSync(f1, i, url, url, loopback, env.BENCH_PROFILE === '1' && i === REPS - 1);
      }
    }
    if (ONLY.has(1) || ONLY.has(6)) {
      const floors: { all: number; changes: number }[] = [];
      for (let i = 0; i < REPS; i++) floors.push(await indexedDbFloor(browser, url, data, CHANGES));
      floor = { all: median(floors.map((f) => f.all)), changes: median(floors.map((f) => f.changes)) };
      if (ONLY.has(1)) console.log(`1f. the floor under figure 1: the same ${total} documents put by plain IndexedDB, one transaction per collection, nothing else: ${floors.map((f) => fms(f.all)).join(', ')}`);
      if (ONLY.has(6)) console.log(`6f. the client's floor under figure 6: ${CHANGES} of those tasks put again, changed, by plain IndexedDB in one transaction: ${floors.map((f) => fms(f.changes)).join(', ')}`);
    }
    const { context, page } = synced!;
    if (ONLY.has(5) || ONLY.has(8)) {
      console.log(`5r./8. reloads of the synced loopback page at 工作台 (reconnect until 在线 and in sync; cold start until the task cards are painted):`);
      for (let i = 0; i < REPS; i++) await reload(page, ONLY.has(5) ? f5r : null, ONLY.has(8) ? f8 : null, i);
    }
    if (ONLY.has(5)) {
      console.log(`5. ${f5.name} (the synced page loses the network for 2 s; from its return until 在线 and in sync):`);
      for (let i = 0; i < REPS; i++) {
        await context.setOffline(true);
        await page.waitForFunction(() => (window as unknown as Sb).__sb.marks.at(-1)?.[1] === 'offline');
        await sleep(2000);
        const { start, r, s, w } = await networkBack(context, page);
        report(
          f5,
          {
            ms: r.at !== null ? r.at - start : Number.NaN,
            ...w,
            note: [s.onlineAt !== null ? `'online' event at ${fms(s.onlineAt - start)}` : '', r.at === null ? 'NOT IN SYNC' : `在线 for good at ${fms(r.lastAt! - start)}`].filter(Boolean).join(' · '),
          },
          i,
        );
      }
    }

    // A second tab of the app's origin writing through the app's database code.
    const writerPage = await context.newPage();
    writerPage.on('pageerror', (e) => console.error('  writer page error:', e.message));
    await writerPage.route(`${direct}/__bench/**`, (route) =>
      route.fulfill(
        route.request().url().endsWith('.js')
          ? { contentType: 'text/javascript', body: writerJs }
          : { contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><script type="module" src="/__bench/writer.js"></script>' },
      ),
    );
    await writerPage.goto(`${direct}/__bench/writer.html`);
    await writerPage.waitForFunction(() => (window as unknown as { __writer?: unknown }).__writer !== undefined);
    await writerPage.evaluate(() => (window as unknown as { __writer: Promise<BenchWriter> }).__writer.then(() => undefined));

    if (ONLY.has(6)) {
      const tasks = data.tasks!;
      const changes = Math.min(CHANGES, tasks.length);
      console.log(`6. ${f6.name} (${changes} tasks' descriptions edited in a second tab while offline; from the network's return until 0 pending and 在线):`);
      for (let i = 0; i < REPS; i++) {
        await context.setOffline(true);
        await page.waitForFunction(() => (window as unknown as Sb).__sb.marks.at(-1)?.[1] === 'offline');
        const ids = Array.from({ length: changes }, (_, k) => tasks[(i * changes + k) % tasks.length]!.id);
        const spent = await writerPage.evaluate(
          ([list, suffix]) => (window as unknown as { __writer: Promise<BenchWriter> }).__writer.then((w) => w.editTasks(list, suffix)),
          [ids, `（第${i + 1}次核实）`] as const,
        );
        await page.waitForFunction((n) => (window as unknown as Sb).__sb.marks.at(-1)?.[2] === n, changes, { timeout: 60_000 });
        await sleep(300);
        const cdp6 = env.BENCH_PROFILE === '6' && i === 0 ? await startProfile(page) : null;
        const { start, r, s, w } = await networkBack(context, page);
        if (cdp6) await printProfile(cdp6, 'this push');
        versions = await serverVersions(direct, token);
        const check = await checkDocs(page, versions);
        report(
          f6,
          {
            ms: r.at !== null ? r.at - start : Number.NaN,
            ...w,
            note: [`edits took ${fms(spent)} offline`, s.onlineAt !== null ? `'online' event at ${fms(s.onlineAt - start)}` : '', check.ok ? check.text : `CHECK FAILED: ${check.text}`, r.at === null ? 'NOT IN SYNC' : ''].filter(Boolean).join(' · '),
          },
          i,
        );
      }
    }

    if (ONLY.has(7)) {
      console.log(`7. ${f7.name}: PC B logs in (first sync, loopback) …`);
      const b = await firstSync(figure('1b', 'first sync of PC B, loopback, while A is open', '—'), 0, url, url, loopback);
      figures.pop();
      const tasks = data.tasks!;
      const r = mulberry32(77);
      const fromPage: number[] = [];
      // For the samples written in A: when A's push reached the server, when B's pull of it did, when B had it.
      const legs: { push: number; pull: number; stored: number }[] = [];
      const fromApi: number[] = [];
      let lost = 0;
      for (let i = 0; i < LIVE_SAMPLES * 2; i++) {
        const viaApi = i % 2 === 1;
        const id = `live-${viaApi ? 'api' : 'tab'}-${i}`;
        const taskId = tasks[Math.floor(r() * tasks.length)]!.id;
        const seen = b.page.evaluate(([c, x]) => (window as unknown as Sb).__sb.waitFor(c, x, 15_000), ['task_updates', id] as const);
        await sleep(30);
        let t0: number;
        if (viaApi) {
          t0 = Date.now();
          const doc = { id, createdAt: new Date(t0).toISOString(), updatedAt: new Date(t0).toISOString(), createdBy: USER.name, updatedBy: USER.name, taskId, kind: 'comment', text: `实时备注 ${i}`, at: new Date(t0).toISOString(), authorName: USER.name };
          await pushAll(direct, token, 'task_updates', [doc]);
        } else {
          t0 = await writerPage.evaluate(
            ([x, task, text, by]) => (window as unknown as { __writer: Promise<BenchWriter> }).__writer.then((w) => w.addComment(x, task, text, by)),
            [id, taskId, `实时备注 ${i}`, USER.name] as const,
          );
        }
        const t1 = await seen;
        if (t1 === null) lost++;
        else (viaApi ? fromApi : fromPage).push(t1 - t0);
        if (t1 !== null && !viaApi) {
          const bench = (epoch: number) => epoch - performance.timeOrigin;
          const push = counter.log.find((x) => x.kind === 'push' && x.at >= bench(t0) - 5);
          const pull = push && counter.log.find((x) => (x.kind === 'batch' || x.kind === 'pull') && x.device !== push.device && x.at >= push.at);
          if (push && pull) legs.push({ push: push.at - bench(t0), pull: pull.at - push.at, stored: bench(t1) - pull.at });
        }
        await sleep(150 + r() * 350);
      }
      const line = (xs: number[]) => `p50 ${fms(median(xs))}, p95 ${fms(pct(xs, 95))}, max ${fms(Math.max(...xs))} (n=${xs.length})`;
      console.log(`  written in A's second tab → in B's IndexedDB: ${line(fromPage)}`);
      console.log(`  pushed by the API → in B's IndexedDB:         ${line(fromApi)}${lost ? ` · ${lost} not seen within 15 s` : ''}`);
      const leg = (k: keyof (typeof legs)[number]) => `p50 ${fms(median(legs.map((x) => x[k])))} / p95 ${fms(pct(legs.map((x) => x[k]), 95))}`;
      if (legs.length)
        console.log(`  of which (n=${legs.length}): written → A's push at the server ${leg('push')} · → B's pull at the server ${leg('pull')} · → in B's IndexedDB ${leg('stored')}`);
      f7.value = `${fms(median(fromPage))} / ${fms(pct(fromPage, 95))}`;
      f7.samples.push({ ms: pct(fromPage, 95), traffic: trafficOf(counter, 0, -1), note: `API → B ${fms(median(fromApi))} / ${fms(pct(fromApi, 95))}` });
      await b.context.close();
    }
    await context.close();
  } finally {
    await browser.close();
    await proxy.close();
    await app.close();
    await host.close();
    await drop();
  }

  // ---- the table ----
  console.log('\n| measure | value (median) | requests | bytes | target |\n| --- | --- | --- | --- | --- |');
  for (const f of figures) {
    if (f.samples.length === 0) continue;
    const ms = median(f.samples.map((s) => s.ms));
    // Requests and bytes of the repetition whose time is the median.
    const mid = [...f.samples].sort((a, b) => a.ms - b.ms)[Math.floor((f.samples.length - 1) / 2)]!;
    const t = mid.traffic;
    const req = f.key === '7' ? '—' : `${t.requests} (${['batch', 'pull', 'push', 'preflight'].filter((k) => t.byKind[k]).map((k) => `${t.byKind[k]} ${k}`).join(', ') || kindsText(t)})`;
    const bytes = f.key === '7' ? '—' : fbytes(t.bytes);
    let target = f.target;
    if (f.key === '4' && f2.samples.length) {
      const base = median(f2.samples.map((s) => s.ms));
      target = `${f.target} (${ms >= base ? '+' : ''}${(((ms - base) / base) * 100).toFixed(0)} %)`;
    }
    console.log(`| ${f.key}. ${f.name} | ${f.value ?? fms(ms)} | ${req} | ${bytes} | ${target} |`);
    if (f.key === '1' && floor !== null) console.log(`| 1f. the same documents put by plain IndexedDB alone (this machine's floor) | ${fms(floor.all)} | — | — | — |`);
    if (f.key === '6' && floor !== null) console.log(`| 6f. the ${CHANGES} changed tasks put by plain IndexedDB alone (the client's floor) | ${fms(floor.changes)} | — | — | — |`);
  }
}

let floor: { all: number; changes: number } | null = null;

/**
 * What this machine's Chromium needs to store the documents at all: each put into an object store keyed by id with
 * the three indexes RxDB's Dexie storage gives every collection, one transaction per collection, all at once, in a
 * fresh page of the app's origin. No network, no parsing, no app: a first sync cannot be faster than this (`all`).
 * Then `changes` tasks put again with a longer description, in one transaction: what a push's acceptance must store
 * at the least (`changes`).
 */
async function indexedDbFloor(browser: Browser, url: string, data: Record<string, Doc[]>, changes: number): Promise<{ all: number; changes: number }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${url}api/v1/health`);
  const stored = Object.fromEntries(
    Object.entries(data).map(([c, docs]) => [c, docs.map((d, i) => ({ ...d, _deleted: '0', _rev: `1-${i}`, _meta: { lwt: 1e12 + i }, _attachments: {}, sync: { seq: i + 1 } }))]),
  );
  const ms = await page.evaluate(async ([collections, count]) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(`floor-${Math.random()}`, 1);
      req.onupgradeneeded = () => {
        for (const name of Object.keys(collections)) {
          const store = req.result.createObjectStore(name, { keyPath: 'id' });
          store.createIndex('deleted', ['_deleted', 'id']);
          store.createIndex('lwtId', ['_meta.lwt', 'id']);
          store.createIndex('lwt', '_meta.lwt');
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const t0 = performance.now();
    await Promise.all(
      Object.entries(collections).map(
        ([name, docs]) =>
          new Promise<void>((resolve, reject) => {
            const tx = db.transaction(name, 'readwrite');
            const store = tx.objectStore(name);
            for (const d of docs) store.put(d);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          }),
      ),
    );
    const all = performance.now() - t0;
    const changed = (collections.tasks ?? []).slice(0, count).map((d) => ({ ...d, description: `${String((d as Record<string, unknown>).description ?? '')}（已核实）`, _rev: '2-x' }));
    const t1 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('tasks', 'readwrite');
      const store = tx.objectStore('tasks');
      for (const d of changed) store.put(d);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const changedMs = performance.now() - t1;
    db.close();
    return { all, changes: changedMs };
  }, [stored, changes] as const);
  await context.close();
  return ms;
}

/** BENCH_PROFILE=1: a CPU profile of the page (CDP; it carries on across a reload of the page). */
async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return cdp;
}

/** The hottest functions by self time and by total time (names are useful with an unminified build). */
async function printProfile(cdp: CDPSession, what: string): Promise<void> {
  type Node = { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } };
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: Node[]; samples?: number[]; timeDeltas?: number[] } };
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i] ?? 0) / 1000;
    const n = byId.get(id);
    if (!n) return;
    self.set(name(n), (self.get(name(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = name(byId.get(x)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${v.toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  console.log(`  page CPU profile of ${what} — self time:\n${top(self, 25)}\n  total time:\n${top(total, 40)}`);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
