// The orchestrator's handle on one PC process (pc-main.ts): forked with tsx, driven over IPC, its output kept in a
// log file. RxDB allows 13 open collections per JavaScript realm, and real PCs are separate machines anyway.
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PcConfig, PcDump, PcReply, PcRequest, PcStatus, RunResult } from './pc-types';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('./pc-main.ts', import.meta.url));

/** Every child process of the chaos test, so that nothing outlives the orchestrator. */
export const children = new Set<ChildProcess>();
let exitHookInstalled = false;
export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
}

export type PcHandle = {
  name: string;
  init(config: PcConfig): Promise<void>;
  login(): Promise<{ attempts: number }>;
  run(timeoutMs: number): Promise<RunResult>;
  syncNow(timeoutMs?: number): Promise<void>;
  status(): Promise<PcStatus>;
  dump(): Promise<PcDump>;
  /** Asks the PC to stop its sync and close its database, then kills it if it does not exit. */
  stop(): Promise<void>;
  kill(): Promise<void>;
  alive(): boolean;
};

export async function startPc(name: string, logFile: string): Promise<PcHandle> {
  installExitHook();
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const child = fork(entry, [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    silent: true,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  children.add(child);
  // The last lines of output, for error messages (the whole output is in the log file).
  let tail = '';
  const keep = (d: Buffer) => {
    log.write(d);
    tail = (tail + d.toString()).slice(-1500);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (ready = r));

  child.on('message', (raw) => {
    const m = raw as PcReply;
    if (m.id === 0) return ready();
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.ok) w.resolve(m.value);
    else w.reject(new Error(`PC ${name}: ${m.error}`));
  });
  child.once('exit', (code, signal) => {
    children.delete(child);
    log.write(`\n[orchestrator] PC ${name} exited (${code ?? signal})\n`);
    log.end();
    for (const w of waiting.values()) w.reject(new Error(`PC ${name} exited (${code ?? signal}) — see ${logFile}:\n${tail}`));
    waiting.clear();
  });

  const call = <T>(req: Omit<PcRequest, 'id'>, timeoutMs: number): Promise<T> => {
    if (exited()) return Promise.reject(new Error(`PC ${name} is not running — see ${logFile}`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`PC ${name}: ${req.cmd} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ ...req, id } as PcRequest);
    });
  };

  // Generous: on a loaded two-core machine, compiling and loading RxDB in four processes at once takes a while.
  let startTimedOut = false;
  const startTimeout = setTimeout(() => {
    startTimedOut = true;
    child.kill('SIGKILL');
  }, 180_000);
  await Promise.race([readyPromise, exitPromise]);
  clearTimeout(startTimeout);
  if (exited()) throw new Error(`PC ${name} did not start${startTimedOut ? ' within 180 s' : ''} — see ${logFile}:\n${tail}`);

  const kill = async () => {
    if (!exited()) child.kill('SIGKILL');
    await exitPromise;
  };
  return {
    name,
    init: (config) => call({ cmd: 'init', arg: config }, 180_000),
    login: () => call({ cmd: 'login' }, 120_000),
    run: (timeoutMs) => call({ cmd: 'run' }, timeoutMs),
    syncNow: (timeoutMs = 60_000) => call({ cmd: 'syncNow' }, timeoutMs),
    status: () => call({ cmd: 'status' }, 30_000),
    dump: () => call({ cmd: 'dump' }, 60_000),
    stop: async () => {
      if (exited()) return;
      await call({ cmd: 'stop' }, 15_000).catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(timer);
    },
    kill,
    alive: () => !exited(),
  };
}
