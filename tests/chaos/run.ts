// The chaos test (issue #7): sync must converge and never lose a write under real faults.
//
// One sync server process (PGlite in a temp folder, or a fresh PostgreSQL database when DATABASE_URL is set), two
// compounds (3 PCs of compound A, 1 of compound B), every PC its own process (pc-main.ts) behind its own fault proxy
// (fault-proxy.ts: latency, cut connections, lost answers, offline windows, cut streams). The PCs write at random
// (seeded) on roster and tasks — mostly on a small pool of shared documents, so that concurrent edits and deletes
// of the same documents happen — while the server is SIGKILLed twice and restarted on the same port and data.
// Then the network heals, every PC is asked to sync once, and the run waits (bounded) until every PC holds exactly
// the server's documents. Checks (checks.ts): identical documents, no write lost, no deleted document alive again,
// nothing pending or in error, no document of one compound on a PC of the other.
//
//   npm run chaos                      short run, PGlite (and PostgreSQL when DATABASE_URL is set)
//   npm run chaos -- --long            200–300 operations per PC
//   npm run chaos -- --seed 1234       reproduce a schedule (printed by every run)
//   npm run chaos -- --backend pglite|postgres|both  --ops N  --kills N  --keep (keep logs and data)
//   npm run chaos -- --blackholes      half the offline windows lose connections silently (no reset): needs timeouts
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COLLECTION_NAMES } from '../../shared/schema';
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type SessionResponse } from '../../shared/sync/protocol';
import {
  checkLostWrites,
  checkNoUndelete,
  checkServerConsistency,
  compareWithServer,
  countConflictCopies,
  firstDivergence,
  foreignIds,
  type Comparison,
  type ConflictCount,
  type Json,
  type LostWriteReport,
  type Undelete,
  type VersionRow,
} from './checks';
import { emptyFaultStats, startFaultProxy, type FaultProxy, type FaultStats } from './fault-proxy';
import { children, startPc, type PcHandle } from './pc';
import type { PcDump, PcStatus, RunResult, WriteRecord } from './pc-types';
import { createRng, deriveSeed } from './rng';
import { createAccounts, createStorage, freePort, serverProcess, type Backend, type ServerProcess, type Storage } from './server';

export type ChaosOptions = {
  seed: number;
  backend: Backend;
  opsPerPc: number;
  /** PCs of compound A and of compound B. */
  pcsA?: number;
  pcsB?: number;
  serverKills?: number;
  /** Pause between two operations of a PC, ms. */
  pauseMs?: [number, number];
  /** Shared documents per collection per compound (default: 4 + ops/25). */
  pool?: number;
  /** How long the PCs may take to converge after the network heals. */
  convergeTimeoutMs?: number;
  /** Access-token lifetime on the server: short, so that refreshes happen under faults too (the client refreshes 30 s before expiry). */
  tokenSeconds?: number;
  /** PostgreSQL server to create the run's own database on (backend 'postgres'). */
  databaseUrl?: string;
  /** Share of offline windows that are black holes (connections go silent without a reset); 0 by default. */
  blackholeShare?: number;
  /** Keep the log folder (and PGlite data) even when the run passes. */
  keep?: boolean;
  log?: (line: string) => void;
};

export type PcFigures = { name: string; run: RunResult['counts']; failures: Record<string, number>; status: PcStatus | null; proxy: FaultStats };

export type ChaosReport = {
  seed: number;
  backend: Backend;
  ok: boolean;
  failures: string[];
  warnings: string[];
  logDir: string;
  opsPerPc: number;
  blackholeShare: number;
  pcs: PcFigures[];
  writes: number;
  conflicts: Record<string, ConflictCount>;
  lost: Record<string, LostWriteReport>;
  undeletes: Undelete[];
  serverKills: number;
  serverStarts: number;
  serverStartMs: number[];
  /** ms from heal to every PC in sync with the server; null when it never happened within the bound. */
  convergeMs: number | null;
  /** When the first bound passed: did a second 立即同步 on every PC help? */
  convergedAfterSecondSyncNow: boolean | null;
  serverDocs: Record<string, { live: number; tombstones: number; versions: number }>;
  /** Seconds spent in each phase: setup, run, converge, checks. */
  phases: Record<string, number>;
  durationMs: number;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const PASSWORD = 'chaos-pass-2026';

type Compound = { code: string; name: string; prefix: string; pcs: string[] };

function syncHeaders(token: string): Record<string, string> {
  return {
    [HEADERS.protocol]: String(PROTOCOL_VERSION),
    [HEADERS.schema]: schemaFingerprint(),
    [HEADERS.device]: 'chaos-auditor',
    Authorization: `Bearer ${token}`,
  };
}

async function auditorLogin(url: string, compound: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [HEADERS.protocol]: String(PROTOCOL_VERSION), [HEADERS.schema]: schemaFingerprint(), [HEADERS.device]: 'chaos-auditor' },
    body: JSON.stringify({ compound, username: 'auditor', password: PASSWORD }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`auditor login ${compound}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as SessionResponse).accessToken;
}

/** Every document of the compound as the server hands it out (pull from seq 0), tombstones included. */
async function pullEverything(url: string, compound: string): Promise<Record<string, Json[]>> {
  const token = await auditorLogin(url, compound);
  const out: Record<string, Json[]> = {};
  for (const name of COLLECTION_NAMES) {
    const byId = new Map<string, Json>();
    let seq = 0;
    for (let page = 0; page < 1000; page++) {
      const res = await fetch(`${url}/api/v1/sync/${name}/pull?seq=${seq}&limit=1000`, { headers: syncHeaders(token), signal: AbortSignal.timeout(30_000) });
      if (res.status !== 200) throw new Error(`pull ${compound}/${name}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { documents: Json[]; checkpoint: { seq: number } };
      for (const d of body.documents) byId.set(String(d.id), d);
      if (body.documents.length === 0 || body.checkpoint.seq === seq) break;
      seq = body.checkpoint.seq;
    }
    out[name] = [...byId.values()];
  }
  return out;
}

async function readTables(storage: Storage, codes: string[]): Promise<Record<string, { documents: VersionRow[]; history: VersionRow[] }>> {
  const db = await storage.open();
  try {
    const out: Record<string, { documents: VersionRow[]; history: VersionRow[] }> = {};
    const toRow = (r: Record<string, unknown>): VersionRow => ({
      collection: String(r.collection),
      id: String(r.id),
      seq: Number(r.seq),
      deleted: r.deleted === true,
      data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Json,
    });
    for (const code of codes) {
      const c = await db.query<{ id: string }>('SELECT id FROM compounds WHERE code = $1', [code]);
      const tid = c.rows[0]?.id;
      if (!tid) throw new Error(`compound ${code} not in the database`);
      const documents = (await db.query('SELECT collection, id, seq, deleted, data FROM documents WHERE tenant_id = $1 ORDER BY seq', [tid])).rows.map(toRow);
      const history = (await db.query('SELECT collection, id, seq, deleted, data FROM history WHERE tenant_id = $1 ORDER BY seq', [tid])).rows.map(toRow);
      out[code] = { documents, history };
    }
    return out;
  } finally {
    await db.close();
  }
}

const sumStats = (xs: readonly FaultStats[]): FaultStats => {
  const out = emptyFaultStats();
  for (const k of Object.keys(out) as (keyof FaultStats)[]) out[k] = xs.reduce((s, x) => s + x[k], 0);
  return out;
};

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const seed = options.seed >>> 0;
  const o = {
    pcsA: 3,
    pcsB: 1,
    serverKills: 2,
    pauseMs: [300, 1300] as [number, number],
    pool: 4 + Math.floor(options.opsPerPc / 25),
    convergeTimeoutMs: 120_000,
    tokenSeconds: 60,
    blackholeShare: 0,
    ...options,
  };
  const logDir = mkdtempSync(join(tmpdir(), `linli-chaos-${o.backend}-${seed}-`));
  const runLog = createWriteStream(join(logDir, 'run.log'), { flags: 'a' });
  const say = (line: string) => {
    const text = `[chaos ${o.backend} seed ${seed} +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`;
    runLog.write(`${text}\n`);
    o.log?.(text);
  };
  const failures: string[] = [];
  const warnings: string[] = [];
  const compounds: Compound[] = [
    { code: 'CHAOSA', name: '混沌甲小区', prefix: 'A', pcs: Array.from({ length: o.pcsA }, (_, i) => `A${i + 1}`) },
    { code: 'CHAOSB', name: '混沌乙小区', prefix: 'B', pcs: Array.from({ length: o.pcsB }, (_, i) => `B${i + 1}`) },
  ];
  const compoundOf = (pc: string) => compounds.find((c) => c.pcs.includes(pc))!;
  const allPcNames = compounds.flatMap((c) => c.pcs);

  let storage: Storage | undefined;
  let server: ServerProcess | undefined;
  const proxies = new Map<string, FaultProxy>();
  const pcs = new Map<string, PcHandle>();
  const results = new Map<string, RunResult>();
  let statuses = new Map<string, PcStatus>();
  let dumps = new Map<string, PcDump>();
  let serverDocs: Record<string, Record<string, Json[]>> = {};
  let comparisons: Comparison[] = [];
  let convergeMs: number | null = null;
  let convergedAfterSecondSyncNow: boolean | null = null;
  const conflicts: Record<string, ConflictCount> = {};
  const lost: Record<string, LostWriteReport> = {};
  let undeletes: Undelete[] = [];
  const docFigures: Record<string, { live: number; tombstones: number; versions: number }> = {};
  const phases: Record<string, number> = {};
  let phaseStart = started;
  const phase = (name: string) => {
    phases[name] = Math.round((Date.now() - phaseStart) / 100) / 10;
    phaseStart = Date.now();
  };
  const report = (): ChaosReport => ({
    seed,
    backend: o.backend,
    ok: failures.length === 0,
    failures,
    warnings,
    logDir,
    opsPerPc: o.opsPerPc,
    blackholeShare: o.blackholeShare,
    pcs: allPcNames.map((name) => ({
      name,
      run: results.get(name)?.counts ?? { creates: 0, poolCreates: 0, edits: 0, deletes: 0, skipped: 0, failed: 0, syncNow: 0 },
      failures: results.get(name)?.failures ?? {},
      status: statuses.get(name) ?? null,
      proxy: proxies.get(name)?.stats ?? emptyFaultStats(),
    })),
    writes: [...results.values()].reduce((s, r) => s + r.writes.length, 0),
    conflicts,
    lost,
    undeletes,
    serverKills: server?.kills ?? 0,
    serverStarts: server?.starts ?? 0,
    serverStartMs: server?.startMs ?? [],
    convergeMs,
    convergedAfterSecondSyncNow,
    serverDocs: docFigures,
    phases,
    durationMs: Date.now() - started,
  });

  // Nothing may run longer than this; past it every child is killed, which fails whatever still waits on one.
  const expectedRunMs = o.opsPerPc * ((o.pauseMs[0] + o.pauseMs[1]) / 2);
  const hardLimitMs = 180_000 + expectedRunMs * 3 + o.convergeTimeoutMs + 60_000;
  let watchdogFired = false;
  const watchdog = setTimeout(() => {
    watchdogFired = true;
    say(`hard limit of ${Math.round(hardLimitMs / 1000)} s reached: killing every child process`);
    for (const c of children) c.kill('SIGKILL');
  }, hardLimitMs);

  try {
    say(`log folder ${logDir}`);
    storage = await createStorage(o.backend, join(logDir, 'pglite'), o.databaseUrl ?? process.env.DATABASE_URL);
    const users = [
      ...compounds.flatMap((c) => c.pcs.map((pc) => ({ compound: c.code, username: pc.toLowerCase(), role: 'secretary', password: PASSWORD }))),
      ...compounds.map((c) => ({ compound: c.code, username: 'auditor', role: 'viewer', password: PASSWORD })),
    ];
    const port = await freePort();
    mkdirSync(join(logDir, 'no-static'), { recursive: true });
    const srv = serverProcess(storage, port, join(logDir, 'server.log'), {
      LINLI_STATIC_DIR: join(logDir, 'no-static'),
      LINLI_HEARTBEAT_SECONDS: '2',
      LINLI_ACCESS_TOKEN_SECONDS: String(o.tokenSeconds),
    });
    server = srv;
    const proxyLog = createWriteStream(join(logDir, 'proxies.log'), { flags: 'a' });
    for (const name of allPcNames) {
      const p = await startFaultProxy({
        seed: deriveSeed(seed, `proxy-${name}`),
        targetPort: port,
        blackholeShare: o.blackholeShare,
        log: (line) => proxyLog.write(`${new Date().toISOString()} ${name} ${line}\n`),
      });
      proxies.set(name, p);
    }
    // The server side (accounts through the CLI's commands, then the server) and the PCs start side by side.
    const serverSide = (async () => {
      await createAccounts(storage!, compounds.map((c) => ({ code: c.code, name: c.name })), users);
      say(`accounts made: ${compounds.map((c) => `${c.code} (${c.pcs.join(', ')})`).join(', ')}`);
      const ms = await srv.start();
      say(`server up on ${srv.url} in ${ms} ms`);
    })();
    const pcSide = (async () => {
      await Promise.all(
        allPcNames.map(async (name) => {
          const pc = await startPc(name, join(logDir, `pc-${name}.log`));
          pcs.set(name, pc);
          const c = compoundOf(name);
          await pc.init({
            name,
            compound: c.code,
            prefix: c.prefix,
            serverUrl: proxies.get(name)!.url,
            username: name.toLowerCase(),
            password: PASSWORD,
            seed: deriveSeed(seed, `pc-${name}`),
            ops: o.opsPerPc,
            pool: o.pool,
            pauseMs: o.pauseMs,
            minRetry: 200,
            maxRetry: 3000,
          });
        }),
      );
      say(`${allPcNames.length} PC processes started, databases open`);
    })();
    const setup = await Promise.allSettled([serverSide, pcSide]);
    for (const x of setup) if (x.status === 'rejected') throw x.reason;
    const logins = await Promise.all(allPcNames.map((name) => pcs.get(name)!.login()));
    say(`${allPcNames.length} PCs logged in through their proxies (attempts: ${logins.map((l) => l.attempts).join(', ')}); faults on`);
    for (const p of proxies.values()) p.startFaults();

    phase('setup');
    // The run: every PC writes; the server is killed at random moments and restarted on the same port and data.
    const serverRng = createRng(deriveSeed(seed, 'server'));
    const kills = Array.from({ length: o.serverKills }, (_, i) => ({
      at: Math.round(expectedRunMs * (0.1 + (0.8 * (i + serverRng.next())) / o.serverKills)),
      downMs: serverRng.int(300, 3000),
    }));
    say(`running ${o.opsPerPc} operations per PC (~${Math.round(expectedRunMs / 1000)} s); server kills at ${kills.map((k) => `${(k.at / 1000).toFixed(1)} s (down ${k.downMs} ms)`).join(', ')}`);
    const runStart = Date.now();
    const runs = allPcNames.map((name) =>
      pcs
        .get(name)!
        .run(expectedRunMs * 3 + 120_000)
        .then((r) => {
          results.set(name, r);
          say(`PC ${name} finished its operations in ${(r.ms / 1000).toFixed(1)} s: ${JSON.stringify(r.counts)}`);
        }),
    );
    const killer = (async () => {
      for (const k of kills) {
        await sleep(Math.max(0, runStart + k.at - Date.now()));
        await server!.kill();
        say(`server SIGKILLed`);
        await sleep(k.downMs);
        const ms = await server!.start();
        say(`server restarted on the same port and data in ${ms} ms`);
      }
    })();
    const settled = await Promise.allSettled([...runs, killer]);
    for (const s of settled) if (s.status === 'rejected') throw s.reason;

    phase('run');
    // Heal the network, ask every PC to sync once, then wait (bounded) for convergence.
    for (const p of proxies.values()) p.heal();
    const healAt = Date.now();
    say('network healed; 立即同步 on every PC');
    const syncNowAll = async () => {
      const r = await Promise.allSettled(allPcNames.map((name) => pcs.get(name)!.syncNow(60_000)));
      r.forEach((x, i) => {
        if (x.status === 'rejected') warnings.push(`syncNow on ${allPcNames[i]} failed: ${String(x.reason).slice(0, 300)}`);
      });
    };
    await syncNowAll();

    const snapshot = async (): Promise<boolean> => {
      serverDocs = {};
      for (const c of compounds) serverDocs[c.code] = await pullEverything(server!.url, c.code);
      statuses = new Map();
      dumps = new Map();
      for (const name of allPcNames) {
        statuses.set(name, await pcs.get(name)!.status());
        dumps.set(name, await pcs.get(name)!.dump());
      }
      comparisons = allPcNames.map((name) => compareWithServer(name, dumps.get(name)!, serverDocs[compoundOf(name).code]!));
      return comparisons.every((c) => c.equal) && [...statuses.values()].every((s) => s.pending === 0 && s.error === null && s.state === 'online');
    };
    const waitConverged = async (boundMs: number): Promise<boolean> => {
      const deadline = Date.now() + boundMs;
      for (;;) {
        if (await snapshot()) return true;
        if (Date.now() > deadline) return false;
        await sleep(1000);
      }
    };
    if (await waitConverged(o.convergeTimeoutMs)) {
      convergeMs = Date.now() - healAt;
      say(`converged ${(convergeMs / 1000).toFixed(1)} s after the heal`);
    } else {
      const states = allPcNames.map((n) => {
        const s = statuses.get(n);
        return `${n}: ${s?.state} pending ${s?.pending} error ${JSON.stringify(s?.error)}`;
      });
      const divergence = comparisons.map((c) => firstDivergence(c)).find((d) => d !== null);
      failures.push(
        `not converged within ${Math.round(o.convergeTimeoutMs / 1000)} s after the heal: ${states.join('; ')}` +
          (divergence ? `\n  first divergence: ${divergence}` : ''),
      );
      say(failures[failures.length - 1]!);
      // Diagnosis only (the run has already failed): would the user's 立即同步 have unstuck it?
      await syncNowAll();
      convergedAfterSecondSyncNow = await waitConverged(30_000);
      say(`after a second 立即同步: ${convergedAfterSecondSyncNow ? 'converged' : 'still not converged'}`);
    }

    phase('converge');
    // What was compared, for a look afterwards: every PC's documents and status, and the server's documents.
    for (const name of allPcNames) writeFileSync(join(logDir, `final-${name}.json`), JSON.stringify({ status: statuses.get(name), documents: dumps.get(name), writes: results.get(name)?.writes }, null, 1));
    for (const c of compounds) writeFileSync(join(logDir, `final-server-${c.code}.json`), JSON.stringify(serverDocs[c.code] ?? {}, null, 1));
    // Final figures of the PCs and the state compared, then the database itself.
    const divergent: { code: string; collection: string; id: string }[] = [];
    for (const c of comparisons) {
      const d = c.differing[0] ?? c.missing[0] ?? c.extra[0];
      if (d) divergent.push({ code: compoundOf(c.pc).code, collection: d.collection, id: d.id });
      if (!c.equal) {
        failures.push(
          `PC ${c.pc} ≠ server: ${c.missing.length} missing, ${c.extra.length} extra, ${c.differing.length} differing (of ${c.serverLive} live on the server)\n  ${firstDivergence(c)}`,
        );
      }
      if (c.tombstoneSeqDiffers > 0) warnings.push(`PC ${c.pc}: ${c.tombstoneSeqDiffers} tombstones with another seq than the server's`);
    }
    for (const name of allPcNames) {
      const s = statuses.get(name);
      if (!s) continue;
      if (s.pending !== 0 || s.error !== null || s.state !== 'online') {
        failures.push(`PC ${name} ends ${s.state} with ${s.pending} pending, error ${JSON.stringify(s.error)}`);
      }
      if (s.rejected.length > 0) failures.push(`PC ${name}: ${s.rejected.length} documents rejected by the server: ${JSON.stringify(s.rejected).slice(0, 800)}`);
      if (s.unhandled.length > 0) warnings.push(`PC ${name}: ${s.unhandled.length} unhandled rejections, first: ${s.unhandled[0]}`);
      if (s.divergences.length > 0) warnings.push(`PC ${name}: anti-entropy audit recorded ${s.divergences.length} divergences (fetched or re-pushed outside the normal pull/push): ${JSON.stringify(s.divergences).slice(0, 600)}`);
      const r = results.get(name);
      if (r && r.counts.failed > 0) warnings.push(`PC ${name}: ${r.counts.failed} writes threw: ${JSON.stringify(r.failures)}`);
    }
    for (const c of compounds) {
      for (const name of c.pcs) {
        const foreign = foreignIds(dumps.get(name) ?? {}, c.prefix);
        if (foreign.length > 0) failures.push(`PC ${name} of ${c.code} holds ${foreign.length} documents of another compound: ${foreign.slice(0, 5).join(', ')}`);
      }
      const foreign = foreignIds(serverDocs[c.code] ?? {}, c.prefix);
      if (foreign.length > 0) failures.push(`the server hands ${c.code} ${foreign.length} documents of another compound: ${foreign.slice(0, 5).join(', ')}`);
    }

    // Stop everything that writes, then read the server's tables directly.
    await Promise.all([...pcs.values()].map((pc) => pc.stop()));
    for (const p of proxies.values()) await p.close();
    await server.stop();
    const tables = await readTables(storage, compounds.map((c) => c.code));
    const allWrites: WriteRecord[] = [...results.values()].flatMap((r) => r.writes);
    // For each first divergence: the document's versions on the server, and who wrote what to it.
    for (const d of divergent) {
      const versions = tables[d.code]!.history.filter((h) => h.collection === d.collection && h.id === d.id);
      const wrote = allWrites.filter((w) => w.collection === d.collection && w.id === d.id);
      failures.push(
        `diagnosis of ${d.collection}/${d.id}: server versions ${versions.map((v) => `seq ${v.seq}${v.deleted ? ' deleted' : ''}`).join(', ') || 'none'}; ` +
          `writes ${wrote.map((w) => `${w.pc} op ${w.n} ${w.kind}${Object.keys(w.fields).length ? ` ${JSON.stringify(w.fields)}` : ''} at ${new Date(w.at).toISOString().slice(11, 23)}`).join(', ') || 'none'}`,
      );
    }
    for (const c of compounds) {
      const t = tables[c.code]!;
      const writes = allWrites.filter((w) => c.pcs.includes(w.pc));
      const local = (pc: string, collection: string, id: string) => (dumps.get(pc)?.[collection] ?? []).find((d) => d.id === id);
      lost[c.code] = checkLostWrites(writes, t.documents, t.history, local);
      conflicts[c.code] = countConflictCopies(t.documents, t.history);
      docFigures[c.code] = { live: t.documents.filter((d) => !d.deleted).length, tombstones: t.documents.filter((d) => d.deleted).length, versions: t.history.length };
      const l = lost[c.code]!;
      if (l.unpushed.length > 0) {
        failures.push(
          `${c.code}: ${l.unpushed.length} writes never reached the server and are still unpushed on their PC, first: ` +
            l.unpushed
              .slice(0, 3)
              .map((w) => `${w.pc} op ${w.n} ${w.kind} ${w.collection}/${w.id}${w.field ? ` ${w.field}=${w.value}` : ''} at ${new Date(w.at).toISOString()}`)
              .join('; '),
        );
      }
      if (l.lost.length > 0) {
        failures.push(
          `${c.code}: ${l.lost.length} writes lost of ${l.checked}:\n` +
            l.lost
              .slice(0, 10)
              .map((w) => `    ${w.pc} op ${w.n} ${w.kind} ${w.collection}/${w.id}${w.field ? ` ${w.field}=${w.value}` : ''}${w.onTombstone ? ' (written on a local tombstone)' : ''} at ${new Date(w.at).toISOString()} (server: ${w.versions} versions, final ${w.finalDeleted === null ? 'absent' : w.finalDeleted ? 'deleted' : 'alive'})`)
              .join('\n'),
        );
      }
      const u = checkNoUndelete(t.history);
      undeletes = [...undeletes, ...u];
      if (u.length > 0) failures.push(`${c.code}: ${u.length} deleted documents alive again: ${u.slice(0, 5).map((x) => `${x.collection}/${x.id} deleted at seq ${x.deletedAtSeq}, alive at seq ${x.aliveAtSeq}`).join('; ')}`);
      const foreign = foreignIds({ all: t.documents.map((d) => ({ id: d.id })) }, c.prefix);
      if (foreign.length > 0) failures.push(`${c.code}'s documents table holds ${foreign.length} documents of another compound`);
      const consistency = checkServerConsistency(serverDocs[c.code] ?? {}, t.documents, t.history);
      if (consistency.length > 0) failures.push(`${c.code}: the server's pull and its tables disagree (${consistency.length}): ${consistency.slice(0, 5).join('; ')}`);
    }
    phase('checks');
  } catch (e) {
    failures.push(`run aborted: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}${watchdogFired ? ' (hard time limit)' : ''}`);
    say(failures[failures.length - 1]!);
  } finally {
    clearTimeout(watchdog);
    await Promise.all([...pcs.values()].map((pc) => pc.stop().catch(() => pc.kill())));
    for (const p of proxies.values()) await p.close().catch(() => undefined);
    await server?.stop().catch(() => server?.kill());
    if (o.keep && storage?.databaseUrl) say(`kept the PostgreSQL database ${storage.databaseUrl}`);
    else await storage?.drop().catch((e: unknown) => warnings.push(`could not drop the PostgreSQL database: ${String(e)}`));
    for (const c of children) c.kill('SIGKILL');
  }
  const r = report();
  say(r.ok ? 'PASSED' : `FAILED (${failures.length})`);
  runLog.end();
  if (r.ok && !o.keep) rmSync(logDir, { recursive: true, force: true });
  return r;
}

/** The report as printed: figures first, then what failed. */
export function formatReport(r: ChaosReport): string {
  const lines: string[] = [];
  const sum = (f: (p: PcFigures) => number) => r.pcs.reduce((s, p) => s + f(p), 0);
  const proxy = sumStats(r.pcs.map((p) => p.proxy));
  const engine: Record<string, number> = {};
  for (const p of r.pcs) for (const [k, v] of Object.entries(p.status?.engine ?? {})) engine[k] = (engine[k] ?? 0) + v;
  const fetchErrors = sum((p) => p.status?.fetch.networkErrors ?? 0);
  const fetches = sum((p) => p.status?.fetch.requests ?? 0);
  const byStatus: Record<string, number> = {};
  for (const p of r.pcs) for (const [k, v] of Object.entries(p.status?.fetch.byStatus ?? {})) byStatus[k] = (byStatus[k] ?? 0) + v;
  const byKind: Record<string, number> = {};
  for (const p of r.pcs) for (const [k, v] of Object.entries(p.status?.fetch.byKind ?? {})) byKind[k] = (byKind[k] ?? 0) + v;
  const lostTotal = Object.values(r.lost).reduce((s, l) => s + l.lost.length, 0);
  const unpushedTotal = Object.values(r.lost).reduce((s, l) => s + l.unpushed.length, 0);
  const checked = Object.values(r.lost).reduce((s, l) => s + l.checked, 0);
  const verdicts: Record<string, number> = {};
  for (const l of Object.values(r.lost)) for (const [k, v] of Object.entries(l.byVerdict)) verdicts[k] = (verdicts[k] ?? 0) + v;
  const conflicts = Object.values(r.conflicts).reduce(
    (s, c) => ({ total: s.total + c.total, field: s.field + c.field, whole: s.whole + c.wholeDocument, deletion: s.deletion + c.deletion }),
    { total: 0, field: 0, whole: 0, deletion: 0 },
  );
  lines.push(`chaos ${r.ok ? 'PASSED' : 'FAILED'} — backend ${r.backend}, seed ${r.seed} (reproduce: npm run chaos -- --seed ${r.seed} --backend ${r.backend}${r.opsPerPc !== 50 ? ` --ops ${r.opsPerPc}` : ''}${r.blackholeShare > 0 ? ' --blackholes' : ''})`);
  lines.push(`  PCs: ${r.pcs.map((p) => p.name).join(', ')}; ${r.opsPerPc} operations each; ${r.writes} writes recorded`);
  lines.push(
    `  operations: ${sum((p) => p.run.creates)} creates, ${sum((p) => p.run.poolCreates)} shared creates, ${sum((p) => p.run.edits)} edits, ${sum((p) => p.run.deletes)} deletes, ${sum((p) => p.run.skipped)} skipped, ${sum((p) => p.run.failed)} threw, ${sum((p) => p.run.syncNow)} 立即同步`,
  );
  lines.push(`  conflict copies created: ${conflicts.total} (${conflicts.field} field, ${conflicts.whole} whole document, ${conflicts.deletion} deletion)`);
  lines.push(
    `  network: ${proxy.requests} requests (${proxy.streams} streams), ${proxy.cutBefore} cut before the server, ${proxy.cutAfterAnswer} answers lost after commit, ${proxy.cutMidAnswer} cut mid-answer, ${proxy.cutInFlight} cut in flight, ${proxy.streamCuts} streams cut, ${proxy.offlineWindows} offline windows (${(proxy.offlineMsTotal / 1000).toFixed(0)} s), ${proxy.refused} refused, ${proxy.upstreamDown502 + proxy.upstreamDownDropped} while the server was down` +
      (r.blackholeShare > 0 ? `, ${proxy.blackholeWindows} black holes (${proxy.frozen} requests frozen in flight, ${proxy.stalled} sent on dead connections)` : ''),
  );
  lines.push(`  PC fetches: ${fetches}, ${fetchErrors} network errors, by status ${JSON.stringify(byStatus)}, by kind ${JSON.stringify(byKind)}`);
  if (Object.keys(engine).length > 0) lines.push(`  sync engine: ${JSON.stringify(engine)}`);
  lines.push(`  server: ${r.serverKills} SIGKILLs, ${r.serverStarts} starts (${r.serverStartMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')})`);
  lines.push(
    `  converged: ${r.convergeMs === null ? `NO${r.convergedAfterSecondSyncNow === null ? '' : r.convergedAfterSecondSyncNow ? ' (only after a second 立即同步)' : ' (not even after a second 立即同步)'}` : `${(r.convergeMs / 1000).toFixed(1)} s after the heal`}`,
  );
  lines.push(`  server documents: ${Object.entries(r.serverDocs).map(([c, d]) => `${c} ${d.live} live, ${d.tombstones} deleted, ${d.versions} versions`).join('; ')}`);
  lines.push(`  lost writes: ${lostTotal}${unpushedTotal > 0 ? ` (and ${unpushedTotal} still unpushed on their PC)` : ''} of ${checked} checked (${Object.entries(verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}); undeleted: ${r.undeletes.length}`);
  for (const p of r.pcs) {
    const s = p.status;
    lines.push(
      `  ${p.name}: ${s ? `${s.state}, pending ${s.pending}, error ${JSON.stringify(s.error)}, rejected ${s.rejected.length}, transitions ${JSON.stringify(s.transitions)}, errors seen ${JSON.stringify(s.errorsSeen)}` : 'no status'}; proxy cuts ${p.proxy.cutBefore + p.proxy.cutAfterAnswer + p.proxy.cutMidAnswer + p.proxy.cutInFlight}, streams cut ${p.proxy.streamCuts}, offline ${p.proxy.offlineWindows}×`,
    );
  }
  lines.push(`  duration ${(r.durationMs / 1000).toFixed(1)} s (${Object.entries(r.phases).map(([k, v]) => `${k} ${v} s`).join(', ')})${r.ok ? '' : `; logs in ${r.logDir}`}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const f of r.failures) lines.push(`  FAILURE: ${f}`);
  return lines.join('\n');
}

export type CliArgs = { seed: number; long: boolean; backends: Backend[]; ops: number | undefined; kills: number | undefined; keep: boolean; blackholes: boolean };

export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliArgs {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const num = (name: string): number | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} needs a non-negative integer, got ${v}`);
    return n;
  };
  const backend = value('--backend') ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(backend)) throw new Error(`--backend pglite|postgres|both, got ${backend}`);
  const hasPg = Boolean(env.DATABASE_URL);
  if (backend === 'postgres' && !hasPg) throw new Error('--backend postgres needs DATABASE_URL');
  const backends: Backend[] = backend === 'both' ? (hasPg ? ['pglite', 'postgres'] : ['pglite']) : [backend as Backend];
  return {
    seed: num('--seed') ?? (env.CHAOS_SEED ? Number(env.CHAOS_SEED) : Math.floor(Math.random() * 2 ** 31)),
    long: argv.includes('--long'),
    backends,
    ops: num('--ops'),
    kills: num('--kills'),
    keep: argv.includes('--keep'),
    blackholes: argv.includes('--blackholes'),
  };
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const ops = args.ops ?? (args.long ? 250 : 50);
  console.log(`chaos: seed ${args.seed}, ${ops} operations per PC, backends ${args.backends.join(', ')}`);
  let failed = 0;
  const reports: ChaosReport[] = [];
  for (const backend of args.backends) {
    const r = await runChaos({
      seed: args.seed,
      backend,
      opsPerPc: ops,
      ...(args.kills !== undefined ? { serverKills: args.kills } : {}),
      keep: args.keep,
      ...(args.blackholes ? { blackholeShare: 0.5 } : {}),
      log: (line) => console.log(line),
    });
    reports.push(r);
    if (!r.ok) failed++;
  }
  for (const r of reports) console.log(`\n${formatReport(r)}`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stopping = () => {
    for (const c of children) c.kill('SIGKILL');
    process.exit(130);
  };
  process.on('SIGINT', stopping);
  process.on('SIGTERM', stopping);
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
