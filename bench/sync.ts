// `tsx bench/sync.ts` (npm run bench:sync): figures for issue #3, printed, never asserted.
//   initial sync of 10,000 documents into an empty client · push of 1,000 offline changes · live propagation A→B
//   (p50/p95) · server memory — each directly and through a fault-injecting proxy (300 ms latency each way,
//   random dropped connections). The "clients" speak protocol 2 directly: pushes based on the seq they last saw,
//   pulls from their checkpoint whenever the stream pokes them.
// Env: DATABASE_URL (a fresh database is created on that server and dropped after), BENCH_DOCS, BENCH_LIVE_SAMPLES.
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type PullResponse, type PushResponse, type SessionResponse, type StreamPoke } from '../shared/sync/protocol';
import { addUser, createCompound } from '../src-server/accounts';
import { createApp } from '../src-server/app';
import { configFromEnv } from '../src-server/config';
import { freshBenchDb } from './fresh-db';
import { startFaultProxy } from './sync-fault-proxy';
import { mulberry32 } from './random';

const DOCS = Number(process.env.BENCH_DOCS ?? 10_000);
const CHANGES = 1_000;
const LIVE_SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 100);
const PULL_BATCH = 500;
const PUSH_BATCH = 100;
const AT = '2026-11-25T08:30:00.000Z';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
/** A push row (PushRow) over the bench's loosely typed documents. */
type Row = { baseSeq: number; document: Doc };

const taskDoc = (id: string, title: string): Doc => ({
  id,
  createdAt: AT,
  updatedAt: AT,
  createdBy: 'bench',
  updatedBy: 'bench',
  title,
  description: '小区 3 号楼 2 单元楼道灯不亮，居民反映多次，需物业尽快维修并回复。'.repeat(3),
  leadParty: 'property',
  coParties: [{ party: 'owners_committee' }],
  status: 'pending',
  priority: 'normal',
  _deleted: false,
});


const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
let retries = 0;

/** What a replication does: retry with backoff until the server answers. */
async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= 12) throw e;
      retries++;
      await sleep(Math.min(100 * 2 ** attempt, 2000));
    }
  }
}

function headers(token: string): Record<string, string> {
  return {
    [HEADERS.protocol]: String(PROTOCOL_VERSION),
    [HEADERS.schema]: schemaFingerprint(),
    [HEADERS.device]: 'bench',
    Authorization: `Bearer ${token}`,
  };
}

async function pullOnce(base: string, token: string, seq: number, limit: number): Promise<PullResponse> {
  return withRetry(async () => {
    const res = await fetch(`${base}/api/v1/sync/tasks/pull?seq=${seq}&limit=${limit}`, { headers: headers(token), signal: AbortSignal.timeout(15_000) });
    if (res.status !== 200) throw new Error(`pull ${res.status}`);
    return (await res.json()) as PullResponse;
  });
}

async function pushOnce(base: string, token: string, rows: Row[]): Promise<PushResponse> {
  return withRetry(async () => {
    const res = await fetch(`${base}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { ...headers(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ rows }),
      signal: AbortSignal.timeout(30_000),
    });
    if (res.status !== 200) throw new Error(`push ${res.status}`);
    const body = (await res.json()) as PushResponse;
    // A refused row would make every figure below one of nothing written.
    if (body.rejected.length > 0) throw new Error(`push rejected ${body.rejected.length} rows, e.g. ${JSON.stringify(body.rejected[0])}`);
    return body;
  });
}

/** PC B: keeps an SSE stream open, pulls on resync and on every poke past its checkpoint, reconnects when dropped. */
class LiveClient {
  private seen = new Map<string, number>();
  private waiters = new Map<string, () => void>();
  private checkpoint = 0;
  private stopped = false;
  private ctrl: AbortController | undefined;
  reconnects = 0;

  constructor(
    private base: string,
    private token: string,
  ) {}

  start(startSeq: number): void {
    this.checkpoint = startSeq;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.ctrl?.abort();
  }

  waitFor(id: string, timeoutMs: number): Promise<number | undefined> {
    const at = this.seen.get(id);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiters.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(id, () => {
        clearTimeout(t);
        resolve(this.seen.get(id));
      });
    });
  }

  private see(docs: readonly { id: string }[], seq: number): void {
    const now = performance.now();
    for (const d of docs) {
      if (!this.seen.has(d.id)) this.seen.set(d.id, now);
      this.waiters.get(d.id)?.();
      this.waiters.delete(d.id);
    }
    if (seq > this.checkpoint) this.checkpoint = seq;
  }

  private async resync(): Promise<void> {
    for (;;) {
      const r = await pullOnce(this.base, this.token, this.checkpoint, PULL_BATCH);
      if (r.documents.length === 0) return;
      this.see(r.documents, r.checkpoint.seq);
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.ctrl = new AbortController();
      try {
        const res = await fetch(`${this.base}/api/v1/sync/stream`, { headers: headers(this.token), signal: this.ctrl.signal });
        if (res.status !== 200 || !res.body) throw new Error(`stream ${res.status}`);
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
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event === 'change' && data) {
              const poke = JSON.parse(data) as StreamPoke;
              if (poke.collection === 'tasks' && poke.seq > this.checkpoint) await this.resync();
            } else if (event === 'resync') {
              await this.resync();
            }
          }
        }
      } catch {
        // dropped: reconnect below
      }
      if (this.stopped) return;
      this.reconnects++;
      await sleep(200);
    }
  }
}

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const ms = (n: number): string => `${n.toFixed(0)} ms`;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MiB`;


async function main(): Promise<void> {
  const { db, drop, label } = await freshBenchDb({ prefix: 'linli_bench', pglite: 'memory' });
  const config = { ...configFromEnv({}, process.cwd()), databaseUrl: undefined, dataDir: undefined, heartbeatSeconds: 25 };
  const app = await createApp({ db, config, log: () => undefined });
  const { url } = await app.listen(0, '127.0.0.1');
  const direct = url.replace(/\/$/, '');
  const compound = await createCompound(db, { code: 'BENCH', name: '基准小区' });
  if (!compound.ok) throw new Error(compound.error.code);
  await addUser(db, { compound: 'BENCH', username: 'a', name: 'PC A', role: 'admin', password: 'bench-password' }, config.argon2);
  const login = async (): Promise<SessionResponse> => {
    const res = await fetch(`${direct}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ compound: 'BENCH', username: 'a', password: 'bench-password' }),
    });
    return (await res.json()) as SessionResponse;
  };
  const tokenA = (await login()).accessToken;
  const tokenB = (await login()).accessToken;

  console.log(`邻里工作台 sync bench — ${label}, ${DOCS} documents, ${CHANGES} changes, ${LIVE_SAMPLES} live samples`);
  const seedStart = performance.now();
  // PC A's copy: each document and the seq of the server version it holds.
  const current = new Map<string, { doc: Doc; seq: number }>();
  for (let i = 0; i < DOCS; i += 500) {
    const rows = Array.from({ length: Math.min(500, DOCS - i) }, (_, k): Row => ({ baseSeq: 0, document: taskDoc(`task-${String(i + k).padStart(6, '0')}`, `任务 ${i + k}`) }));
    const r = await pushOnce(direct, tokenA, rows);
    const byId = new Map(rows.map((x) => [x.document.id, x.document]));
    for (const a of r.accepted) current.set(a.id, { doc: byId.get(a.id) as Doc, seq: a.seq });
  }
  console.log(`seed: ${DOCS} documents in ${ms(performance.now() - seedStart)}`);

  const proxy = await startFaultProxy({
    target: { host: '127.0.0.1', port: Number(new URL(direct).port) },
    latencyMs: 300,
    meanLifetimeMs: 4000,
    random: mulberry32(42),
  });
  const results: string[][] = [];
  let round = 0;
  for (const [network, base] of [
    ['direct', direct],
    ['proxy: 300 ms each way, connections cut every ~4 s', proxy.url],
  ] as const) {
    round++;
    retries = 0;
    // 1. Initial sync into an empty client.
    let t = performance.now();
    let seq = 0;
    let pulled = 0;
    for (;;) {
      const r = await pullOnce(base, tokenB, seq, PULL_BATCH);
      if (r.documents.length === 0) break;
      pulled += r.documents.length;
      seq = r.checkpoint.seq;
    }
    const initial = performance.now() - t;

    // 2. 1,000 offline changes pushed after reconnecting, in RxDB-sized batches.
    const ids = [...current.keys()].slice(0, CHANGES);
    const seqBefore = (await db.query<{ seq: number }>('SELECT seq FROM tenant_seq WHERE tenant_id = $1', [compound.value.id])).rows[0]?.seq ?? 0;
    t = performance.now();
    let conflicts = 0;
    for (let i = 0; i < ids.length; i += PUSH_BATCH) {
      const rows = ids.slice(i, i + PUSH_BATCH).map((id): Row => {
        const before = current.get(id) as { doc: Doc; seq: number };
        return { baseSeq: before.seq, document: { ...before.doc, title: `${String(before.doc.title)} · 改${round}` } };
      });
      const r = await pushOnce(base, tokenA, rows);
      conflicts += r.conflicts.length;
      const byId = new Map(rows.map((x) => [x.document.id, x.document]));
      for (const a of r.accepted) current.set(a.id, { doc: byId.get(a.id) as Doc, seq: a.seq });
    }
    const pushed = performance.now() - t;
    // Retried pushes whose answers were lost must not have written twice.
    const versions = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM history WHERE tenant_id = $1 AND seq > $2', [compound.value.id, seqBefore]);
    const exactlyOnce = versions.rows[0]?.n === CHANGES ? 'each stored once' : `${versions.rows[0]?.n ?? '?'} versions stored!`;

    // 3. Live propagation A → B.
    const head = await db.query<{ seq: number }>('SELECT seq FROM tenant_seq WHERE tenant_id = $1', [compound.value.id]);
    const live = new LiveClient(base, tokenB);
    live.start(head.rows[0]?.seq ?? 0);
    await sleep(network === 'direct' ? 200 : 1500);
    const latencies: number[] = [];
    let lost = 0;
    for (let i = 0; i < LIVE_SAMPLES; i++) {
      const d = taskDoc(`live-${round}-${i}`, `实时 ${i}`);
      const t0 = performance.now();
      await pushOnce(base, tokenA, [{ baseSeq: 0, document: d }]);
      const seen = await live.waitFor(d.id, 15_000);
      if (seen === undefined) lost++;
      else latencies.push(seen - t0);
    }
    live.stop();
    latencies.sort((x, y) => x - y);
    results.push([
      network,
      `${ms(initial)} (${pulled} docs)`,
      `${ms(pushed)} (${conflicts} conflicts, ${exactlyOnce})`,
      `${ms(pct(latencies, 50))} / ${ms(pct(latencies, 95))}${lost ? ` (${lost} not seen in 15 s)` : ''}`,
      `${retries} retries, ${live.reconnects} stream reconnects`,
    ]);
  }
  const drops = proxy.drops();
  await proxy.close();
  const mem = process.memoryUsage();
  await app.close();
  await drop();

  const header = ['network', `initial sync ${DOCS}`, `push ${CHANGES} changes`, 'live A→B p50 / p95', 'faults'];
  console.log('');
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const r of results) console.log(`| ${r.join(' | ')} |`);
  console.log('');
  console.log(`connections dropped by the proxy: ${drops}`);
  console.log(
    `memory (server and bench clients in one process): rss ${mb(mem.rss)}, heap ${mb(mem.heapUsed)}` +
      (label.startsWith('PGlite') ? ' — most of the rss is PGlite\'s WebAssembly heap' : ''),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
