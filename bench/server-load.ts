// `tsx bench/server-load.ts` (npm run bench:server): the server under a steady load, issue #14. Figures, printed,
// never asserted.
//   N live streams (GET /sync/stream, one login each, spread over the compounds) stay open while pushes of a few task
//   documents arrive at a fixed rate (a timer, not back to back; at most BENCH_MAX_INFLIGHT at once, a tick that finds
//   them all busy is skipped and counted, so a slow server shows as latency and skipped ticks, never as a queue in
//   the bench). Every interval and at the end: push latency, live delivery (push start → the poke reaches a stream,
//   measured on a sample of the streams), the server process's memory (before and after a full GC) and CPU, errors.
// The server runs in a child process (bench/server-load-server.ts), so that its memory and CPU are its own, not the
// clients'. PostgreSQL when DATABASE_URL is set (a fresh database, dropped after), otherwise PGlite on disk in a
// temporary folder.
// Env: BENCH_STREAMS (200), BENCH_PUSH_RATE (pushes/s, 50), BENCH_SECONDS (600), BENCH_COMPOUNDS (10),
//   BENCH_INTERVAL (s, 30), BENCH_SAMPLE_STREAMS (20), BENCH_BATCH (documents per push, 5), BENCH_MAX_INFLIGHT (32),
//   BENCH_GC (1: the server runs a full GC before each memory reading "after GC"; 0: no forced GC), DATABASE_URL.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type ApiErrorBody, type PushResponse, type SessionResponse, type StreamPoke } from '../shared/sync/protocol';
import { mulberry32 } from './random';
import type { ConfigChange, LoadAccount, LoadBenchMessage, LoadServerMessage, LoadServerSettings, MemorySample } from './server-load-server';

function setting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min}, got ${raw}`);
  return n;
}

const STREAMS = Math.floor(setting('BENCH_STREAMS', 200, 0));
const PUSH_RATE = setting('BENCH_PUSH_RATE', 50, 0.1);
const SECONDS = setting('BENCH_SECONDS', 600);
const COMPOUNDS = Math.floor(setting('BENCH_COMPOUNDS', 10));
const INTERVAL_S = setting('BENCH_INTERVAL', 30);
const SAMPLED = Math.min(STREAMS, Math.floor(setting('BENCH_SAMPLE_STREAMS', 20, 0)));
const BATCH = Math.floor(setting('BENCH_BATCH', 5));
const MAX_INFLIGHT = Math.floor(setting('BENCH_MAX_INFLIGHT', 32));
const FORCE_GC = process.env.BENCH_GC !== '0';
/** Share of a push's rows that change a document pushed before (the rest create new ones). */
const UPDATE_SHARE = 0.5;
/** Documents per compound kept for updates. */
const POOL_MAX = 1000;
const PUSH_TIMEOUT_MS = 30_000;
/** A sampled stream that has not had the poke for a push this long after the push started counts it as missed. */
const DELIVERY_TIMEOUT_MS = 10_000;
const LOGIN_CONCURRENCY = 8;
const STREAMS_READY_TIMEOUT_MS = 60_000;
const RECONNECT_DELAY_MS = 1000;
const PUSH_P95_TARGET_MS = 200;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
type Row = { baseSeq: number; document: Doc };
type Held = { doc: Doc; seq: number };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Waits for `p`, but at most `ms` (without a timer left behind to keep the process alive). */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

// ---- Figures ----

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const fmtMs = (n: number): string => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : n.toFixed(0));
const percentiles = (values: readonly number[]): string => {
  if (values.length === 0) return '–';
  const s = [...values].sort((a, b) => a - b);
  return `${fmtMs(pct(s, 50))} / ${fmtMs(pct(s, 95))} / ${fmtMs(pct(s, 99))} ms`;
};
const mib = (n: number | undefined): string => (n === undefined ? '–' : `${(n / 1024 / 1024).toFixed(1)}`);
/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  if (points.length < 2) return Number.NaN;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** What happened in one reporting interval (and, in `total`, in the whole run). */
class Tally {
  push: number[] = [];
  delivery: number[] = [];
  ok = 0;
  failed = 0;
  skipped = 0;
  docs = 0;
  conflicts = 0;
  missed = 0;
  drops = 0;
  errors = new Map<string, number>();
}

const total = new Tally();
let window = new Tally();
const count = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);
function error(key: string): void {
  count(total.errors, key);
  count(window.errors, key);
}

/** A short name for a failed request: the error code of the body, the socket's error code, or timeout. */
function failureName(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError') return 'timeout';
    if (e.name === 'AbortError') return 'aborted';
    const cause = (e as { cause?: unknown }).cause;
    if (typeof cause === 'object' && cause !== null && 'code' in cause) return String((cause as { code: unknown }).code);
    return e.message.slice(0, 60);
  }
  return String(e).slice(0, 60);
}

function bodyCode(text: string): string {
  try {
    return (JSON.parse(text) as ApiErrorBody).error.code ?? '?';
  } catch {
    return '?';
  }
}

// ---- The server process ----

type ServerChild = {
  url: string;
  storage: string;
  accounts: LoadAccount[];
  changes: ConfigChange[];
  kept: ConfigChange[];
  memory(gc: boolean): Promise<MemorySample>;
  stop(): Promise<void>;
};

function startServer(settings: LoadServerSettings): Promise<ServerChild> {
  // One node process running the TypeScript through tsx's loader, so that its pid is the server's.
  const child: ChildProcess = fork(path.join(here, 'server-load-server.ts'), [JSON.stringify(settings)], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (m: MemorySample) => void>();
  let nextId = 1;
  let onClosed: (() => void) | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`the server process exited (${code ?? signal}) before it was ready`)));
    child.on('message', (m: LoadServerMessage) => {
      if (m.type === 'ready') {
        resolve({
          url: m.url,
          storage: m.storage,
          accounts: m.accounts,
          changes: m.changes,
          kept: m.kept,
          memory(gc) {
            const id = nextId++;
            return new Promise((res) => {
              waiting.set(id, res);
              child.send({ type: 'memory', id, gc } satisfies LoadBenchMessage);
            });
          },
          async stop() {
            const closed = new Promise<void>((r) => (onClosed = r));
            child.send({ type: 'stop' } satisfies LoadBenchMessage);
            await within(Promise.race([closed.then(() => exited), exited]), 60_000);
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          },
        });
      } else if (m.type === 'memory') {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      } else if (m.type === 'failed') {
        console.error(`server process: ${m.message}`);
        reject(new Error(m.message));
      } else if (m.type === 'closed') {
        onClosed?.();
      }
    });
  });
}

// ---- Clients ----

function headers(token: string, device: string): Record<string, string> {
  return {
    [HEADERS.protocol]: String(PROTOCOL_VERSION),
    [HEADERS.schema]: schemaFingerprint(),
    [HEADERS.device]: device,
    Authorization: `Bearer ${token}`,
  };
}

async function login(base: string, a: LoadAccount, device: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [HEADERS.device]: device },
        body: JSON.stringify({ compound: a.code, username: a.username, password: a.password }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`login ${res.status} ${bodyCode(text)}`);
      return (JSON.parse(text) as SessionResponse).accessToken;
    } catch (e) {
      if (attempt >= 5) throw e;
      await sleep(500 * 2 ** attempt);
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

type Waiter = { seq: number; t0: number; timer: ReturnType<typeof setTimeout> };

/**
 * One live client: keeps GET /sync/stream open, reconnects a second after it drops (counting the drop by reason).
 * A sampled one remembers when each poke came, to time the delivery of pushes to its compound.
 */
class StreamClient {
  connected = false;
  reconnects = 0;
  pokes = 0;
  private stopped = false;
  private ctrl: AbortController | undefined;
  /** Pokes of the last DELIVERY_TIMEOUT_MS·2 (sampled clients only): seq and arrival time, in arrival order. */
  private seen: { seq: number; t: number }[] = [];
  private waiters = new Set<Waiter>();
  private firstReady: () => void = () => undefined;
  readonly ready = new Promise<void>((r) => (this.firstReady = r));

  constructor(
    private base: string,
    private token: string,
    readonly compound: number,
    readonly sampled: boolean,
    private device: string,
  ) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.ctrl?.abort();
    for (const w of this.waiters) clearTimeout(w.timer);
    this.waiters.clear();
  }

  pending(): number {
    return this.waiters.size;
  }

  /** Times the delivery of a push (started at t0, its last version at seq) to this client. */
  expect(seq: number, t0: number): void {
    const hit = this.seen.find((p) => p.seq >= seq && p.t >= t0);
    if (hit) {
      this.delivered(hit.t - t0);
      return;
    }
    const w: Waiter = {
      seq,
      t0,
      timer: setTimeout(() => {
        this.waiters.delete(w);
        total.missed++;
        window.missed++;
      }, Math.max(0, t0 + DELIVERY_TIMEOUT_MS - performance.now())),
    };
    this.waiters.add(w);
  }

  private delivered(ms: number): void {
    total.delivery.push(ms);
    window.delivery.push(ms);
  }

  private poke(seq: number): void {
    this.pokes++;
    if (!this.sampled) return;
    const t = performance.now();
    this.seen.push({ seq, t });
    if (this.seen.length > 64 && (this.seen[0]?.t ?? t) < t - 2 * DELIVERY_TIMEOUT_MS) this.seen = this.seen.filter((p) => p.t >= t - 2 * DELIVERY_TIMEOUT_MS);
    for (const w of this.waiters) {
      if (seq >= w.seq) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        this.delivered(t - w.t0);
      }
    }
  }

  private drop(reason: string): void {
    this.connected = false;
    total.drops++;
    window.drops++;
    error(`stream: ${reason}`);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.ctrl = new AbortController();
      let reason = 'ended by the server';
      try {
        const res = await fetch(`${this.base}/api/v1/sync/stream`, { headers: headers(this.token, this.device), signal: this.ctrl.signal });
        if (res.status !== 200 || !res.body) {
          reason = `HTTP ${res.status} ${bodyCode(await res.text())}`;
        } else {
          const reader = res.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let idx: number;
            while ((idx = buffer.indexOf('\n\n')) !== -1) {
              const block = buffer.slice(0, idx);
              buffer = buffer.slice(idx + 2);
              if (!block.startsWith('event: ')) continue; // retry:, : ping
              const nl = block.indexOf('\n');
              const event = block.slice(7, nl === -1 ? undefined : nl);
              if (event === 'change') {
                const data = /^data: (.*)$/m.exec(block)?.[1];
                if (data) this.poke((JSON.parse(data) as StreamPoke).seq);
              } else if (event === 'resync') {
                this.connected = true;
                this.firstReady();
              } else if (event === 'expired') {
                reason = 'expired event';
              }
            }
          }
        }
      } catch (e) {
        if (this.stopped) return;
        reason = failureName(e);
      }
      if (this.stopped) return;
      this.drop(reason);
      this.reconnects++;
      await sleep(RECONNECT_DELAY_MS);
    }
  }
}

const AT = '2026-11-25T08:30:00.000Z';
const taskDoc = (id: string, title: string): Doc => ({
  id,
  createdAt: AT,
  updatedAt: AT,
  createdBy: 'bench',
  updatedBy: 'bench',
  title,
  description: '小区 3 号楼 2 单元楼道灯不亮，居民反映多次，需物业尽快维修并回复。',
  leadParty: 'property',
  coParties: [{ party: 'owners_committee' }],
  status: 'pending',
  priority: 'normal',
  _deleted: false,
});

/** The pushing side of one compound: a login, and the documents it pushed that are free to be changed again. */
type Pusher = { index: number; token: string; free: Held[]; created: number };

// ---- The run ----

async function main(): Promise<void> {
  const server = await startServer({ compounds: COMPOUNDS, streams: STREAMS, seconds: SECONDS });
  const base = server.url;
  const random = mulberry32(14);
  const storageLabel = server.storage;
  const started = new Date();

  console.log(`邻里工作台 server load (issue #14) — ${started.toISOString()}`);
  console.log(`storage: ${storageLabel}; server in a child process (its memory and CPU below are its own)`);
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(`machine: ${os.cpus().length} CPUs, load average ${loadAtStart.toFixed(1)} (other work on the machine shows as latency)`);
  console.log(
    `load: ${STREAMS} streams over ${COMPOUNDS} compounds (${SAMPLED} sampled for delivery), ${PUSH_RATE} pushes/s of ${BATCH} task documents ` +
      `(~${Math.round(UPDATE_SHARE * 100)}% changes of earlier ones), ${SECONDS} s, report every ${INTERVAL_S} s, at most ${MAX_INFLIGHT} pushes in flight`,
  );
  for (const [name, from, to] of server.changes) console.log(`server limit raised for the bench: ${name} ${from} → ${to}`);
  for (const [name, value, why] of server.kept) console.log(`server limit kept: ${name} = ${value}${why ? ` (${why})` : ''}`);
  console.log(
    FORCE_GC
      ? 'memory: read before and after a full GC in the server (global.gc) at each report; the GC pause falls on the pushes in flight'
      : 'memory: no forced GC (BENCH_GC=0)',
  );

  // Logins: one per compound for the pushes, one per stream (a desktop each).
  const setupStart = performance.now();
  const pushers: Pusher[] = await pool(server.accounts, LOGIN_CONCURRENCY, async (a, i) => ({
    index: i,
    token: await login(base, a, `load-pusher-${i}`),
    free: [],
    created: 0,
  }));
  // Stream i belongs to compound i mod C, so that the first SAMPLED streams spread over the compounds.
  const streamTokens = await pool(
    Array.from({ length: STREAMS }, (_, i) => i),
    LOGIN_CONCURRENCY,
    (i) => login(base, server.accounts[i % COMPOUNDS] as LoadAccount, `load-stream-${i}`),
  );
  const streams = streamTokens.map((token, i) => new StreamClient(base, token, i % COMPOUNDS, i < SAMPLED, `load-stream-${i}`));
  for (const s of streams) s.start();
  const allReady = Promise.all(streams.map((s) => s.ready));
  await within(allReady, STREAMS_READY_TIMEOUT_MS);
  const open = streams.filter((s) => s.connected).length;
  console.log(`setup: ${pushers.length + STREAMS} logins, ${open}/${STREAMS} streams open in ${(performance.now() - setupStart).toFixed(0)} ms`);
  const sampledBy: StreamClient[][] = Array.from({ length: COMPOUNDS }, () => []);
  for (const s of streams) if (s.sampled) sampledBy[s.compound]?.push(s);

  const baseline = await server.memory(true);
  const memSeries: { tMin: number; m: MemorySample }[] = [{ tMin: 0, m: baseline }];
  console.log(
    `server memory before the load (after GC): rss ${mib(baseline.rssAfterGc ?? baseline.rss)} MiB, heap used ${mib(baseline.heapUsedAfterGc ?? baseline.heapUsed)} MiB`,
  );

  // ---- Pushes ----
  let inflight = 0;
  let docCounter = 0;

  async function push(p: Pusher): Promise<void> {
    const rows: Row[] = [];
    const taken: Held[] = [];
    const stamp = new Date().toISOString();
    for (let r = 0; r < BATCH; r++) {
      if (p.free.length > 0 && random() < UPDATE_SHARE) {
        const k = Math.floor(random() * p.free.length);
        const held = p.free[k] as Held;
        p.free[k] = p.free[p.free.length - 1] as Held;
        p.free.pop();
        taken.push(held);
        rows.push({ baseSeq: held.seq, document: { ...held.doc, title: `负载任务 ${String(held.doc.id)} · ${stamp}`, updatedAt: stamp } });
      } else {
        const id = `load-${p.index}-${(docCounter++).toString(36)}`;
        rows.push({ baseSeq: 0, document: { ...taskDoc(id, `负载任务 ${id}`), createdAt: stamp, updatedAt: stamp } });
      }
    }
    const giveBack = (): void => void p.free.push(...taken);
    inflight++;
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/api/v1/sync/tasks/push`, {
        method: 'POST',
        headers: { ...headers(p.token, `load-pusher-${p.index}`), 'Content-Type': 'application/json' },
        body: JSON.stringify({ rows }),
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      const text = await res.text();
      const took = performance.now() - t0;
      if (res.status !== 200) {
        total.failed++;
        window.failed++;
        error(`push: HTTP ${res.status} ${bodyCode(text)}`);
        giveBack();
        return;
      }
      total.ok++;
      window.ok++;
      total.push.push(took);
      window.push.push(took);
      const answer = JSON.parse(text) as PushResponse;
      const byId = new Map(rows.map((r) => [r.document.id, r.document]));
      let last = 0;
      for (const a of answer.accepted) {
        last = Math.max(last, a.seq);
        const doc = byId.get(a.id);
        if (doc && p.free.length < POOL_MAX) p.free.push({ doc, seq: a.seq });
      }
      for (const c of answer.conflicts) {
        const doc = c.document as unknown as Doc;
        if (p.free.length < POOL_MAX) p.free.push({ doc, seq: c.document.sync?.seq ?? 0 });
      }
      for (const r of answer.rejected) error(`push: rejected ${r.code}${r.rule ? ` ${r.rule}` : ''}`);
      total.docs += answer.accepted.length;
      window.docs += answer.accepted.length;
      total.conflicts += answer.conflicts.length;
      window.conflicts += answer.conflicts.length;
      if (last > 0) for (const s of sampledBy[p.index] ?? []) s.expect(last, t0);
    } catch (e) {
      total.failed++;
      window.failed++;
      error(`push: ${failureName(e)}`);
      giveBack();
    } finally {
      inflight--;
    }
  }

  // ---- Reports ----
  const cpuOf = (m: MemorySample): number => m.cpuMicros;
  let lastMem = baseline;
  let lastWall = performance.now();
  let lastBenchCpu = process.cpuUsage();
  const loadStart = performance.now();
  const header = ['t (s)', 'pushes ok / failed / skipped', 'push p50 / p95 / p99', 'delivery p50 / p95 / p99', 'missed', 'rss MiB', 'heap used MiB', 'after GC: rss / heap MiB', 'streams open', 'drops', 'server CPU', 'bench CPU'];
  console.log('');
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);

  async function report(label: string): Promise<void> {
    const w = window;
    window = new Tally();
    const wall = performance.now();
    const benchCpu = process.cpuUsage(lastBenchCpu);
    lastBenchCpu = process.cpuUsage();
    const m = await server.memory(FORCE_GC);
    const seconds = (wall - lastWall) / 1000;
    const serverCpu = (cpuOf(m) - cpuOf(lastMem)) / 1e6 / seconds;
    lastMem = m;
    lastWall = wall;
    memSeries.push({ tMin: (wall - loadStart) / 60_000, m });
    const open = streams.filter((s) => s.connected).length;
    const row = [
      label,
      `${w.ok} / ${w.failed} / ${w.skipped}`,
      w.push.length ? percentiles(w.push) : '–',
      w.delivery.length ? `${percentiles(w.delivery)} (${w.delivery.length})` : '–',
      String(w.missed),
      mib(m.rss),
      mib(m.heapUsed),
      m.rssAfterGc === undefined ? '–' : `${mib(m.rssAfterGc)} / ${mib(m.heapUsedAfterGc)}`,
      `${m.streams} (bench: ${open})`,
      String(w.drops),
      `${(serverCpu * 100).toFixed(0)}%`,
      `${(((benchCpu.user + benchCpu.system) / 1e6 / seconds) * 100).toFixed(0)}%`,
    ];
    console.log(`| ${row.join(' | ')} |`);
  }

  // ---- The load: a push every 1/PUSH_RATE s, compounds in turn ----
  const period = 1000 / PUSH_RATE;
  const planned = Math.floor(SECONDS * PUSH_RATE);
  let k = 0;
  let sent = 0;
  let pacingDone: () => void = () => undefined;
  const paced = new Promise<void>((r) => (pacingDone = r));
  const tick = (): void => {
    const now = performance.now();
    // A late timer fires the pushes that are due at once (the load is open-loop), each if a slot is free.
    while (k < planned && loadStart + k * period <= now) {
      if (inflight < MAX_INFLIGHT) {
        sent++;
        void push(pushers[k % COMPOUNDS] as Pusher);
      } else {
        total.skipped++;
        window.skipped++;
      }
      k++;
    }
    if (k < planned) setTimeout(tick, Math.max(0, loadStart + k * period - performance.now()));
    else pacingDone();
  };
  tick();
  let reports: Promise<void> = Promise.resolve();
  let reportNo = 0;
  const reporter = setInterval(() => {
    reportNo++;
    const label = String(Math.round(reportNo * INTERVAL_S));
    reports = reports.then(() => report(label));
  }, INTERVAL_S * 1000);
  await paced;
  const loadSeconds = (performance.now() - loadStart) / 1000;
  // The pushes in flight finish (or time out), then the sampled streams get their last pokes (or miss them).
  while (inflight > 0) await sleep(20);
  while (streams.some((s) => s.pending() > 0)) await sleep(50);
  clearInterval(reporter);
  await reports;
  if (window.ok + window.failed + window.skipped + window.delivery.length + window.missed + window.drops > 0 || reportNo === 0) {
    await report(`${loadSeconds.toFixed(0)} (end)`);
  }
  const first = memSeries[1]?.m ?? baseline;
  const end = memSeries[memSeries.length - 1]?.m ?? baseline;
  const pokes = streams.reduce((a, s) => a + s.pokes, 0);
  const openAtEnd = end.streams;
  for (const s of streams) s.stop();
  await server.stop();

  // ---- Summary ----
  const afterGc = FORCE_GC;
  const rssOf = (m: MemorySample): number => (afterGc ? (m.rssAfterGc ?? m.rss) : m.rss);
  const heapOf = (m: MemorySample): number => (afterGc ? (m.heapUsedAfterGc ?? m.heapUsed) : m.heapUsed);
  // "Flat" is read on the second half of the run: the first minutes fill caches, pools and the JIT.
  const lastHalf = memSeries.filter((p) => p.tMin >= loadSeconds / 60 / 2);
  const perMin = (pick: (m: MemorySample) => number): string => {
    const s = slope(lastHalf.map((p) => [p.tMin, pick(p.m) / 1024 / 1024]));
    return Number.isNaN(s) ? `– (needs 2 reports in the second half; ${lastHalf.length})` : `${s >= 0 ? '+' : ''}${s.toFixed(2)} MiB/min (${lastHalf.length} readings)`;
  };
  const pushSorted = [...total.push].sort((a, b) => a - b);
  const p95 = pct(pushSorted, 95);
  const gcNote = afterGc ? ' (after GC)' : '';
  const errorList = [...total.errors].sort((a, b) => b[1] - a[1]);
  const expectedPokes = total.ok * (STREAMS / COMPOUNDS);
  const summary: [string, string, string][] = [
    ['storage', storageLabel.startsWith('PostgreSQL') ? 'PostgreSQL' : 'PGlite', 'PostgreSQL'],
    ['load', `${STREAMS} streams, ${COMPOUNDS} compounds, ${PUSH_RATE} pushes/s × ${BATCH} docs, ${loadSeconds.toFixed(0)} s`, '200 streams, 50 pushes/s, 600 s'],
    ['push latency p50 / p95 / p99', percentiles(total.push), '–'],
    ['push latency p95', `${fmtMs(p95)} ms`, `< ${PUSH_P95_TARGET_MS} ms (PostgreSQL)`],
    ['live delivery p50 / p95 / p99 (push start → poke)', `${percentiles(total.delivery)} (${total.delivery.length} from ${SAMPLED} streams)`, '–'],
    ['pokes not delivered within 10 s (sampled streams)', String(total.missed), '0'],
    ['pushes: sent / ok / failed / skipped (in-flight limit)', `${sent} / ${total.ok} / ${total.failed} / ${total.skipped}`, `${planned} planned, none failed or skipped`],
    ['achieved push rate', `${(total.ok / loadSeconds).toFixed(1)}/s (${total.docs} versions written, ${total.conflicts} conflicts)`, `${PUSH_RATE}/s`],
    ['pokes received, all streams', `${pokes} (≈ ${Math.round(expectedPokes)} expected, fewer when pokes coalesce)`, '–'],
    [`server rss${gcNote}: before the load → first report → end`, `${mib(rssOf(baseline))} → ${mib(rssOf(first))} → ${mib(rssOf(end))} MiB`, 'flat'],
    [`server heap used${gcNote}: before the load → first report → end`, `${mib(heapOf(baseline))} → ${mib(heapOf(first))} → ${mib(heapOf(end))} MiB`, 'flat'],
    [`server rss${gcNote}, trend over the second half`, perMin(rssOf), '≈ 0'],
    [`server heap used${gcNote}, trend over the second half`, perMin(heapOf), '≈ 0'],
    ['streams open at the end (server count)', `${openAtEnd} / ${STREAMS}`, String(STREAMS)],
    ['stream drops (reconnected after 1 s)', String(total.drops), '0'],
    ['machine load average (1 min): start → end', `${loadAtStart.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs`, 'the bench alone'],
    ['errors', errorList.length ? errorList.map(([k2, n]) => `${k2} ×${n}`).join('; ') : 'none', 'none'],
  ];
  console.log('');
  console.log('| measure | value | target |');
  console.log('| --- | --- | --- |');
  for (const [m, v, t] of summary) console.log(`| ${m} | ${v.replace(/\|/g, '\\|')} | ${t} |`);
  if (errorList.length) {
    console.log('');
    console.log('| error | count |');
    console.log('| --- | --- |');
    for (const [k2, n] of errorList) console.log(`| ${k2} | ${n} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
  // The server child follows when this process's IPC channel closes.
  setTimeout(() => process.exit(1), 1000).unref();
});
