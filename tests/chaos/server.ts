// The sync server of a chaos run: `src-server/cli.ts serve` as a child process on a fixed port and data (PGlite
// folder, or a fresh PostgreSQL database), killed with SIGKILL and restarted on the same port and data. Accounts are
// made through the operator CLI's own commands (runCli) before the server starts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runCli, type CliIo } from '../../src-server/cli-commands';
import type { Db } from '../../src-server/db/db';
import { openDatabase } from '../../src-server/db/open';
import { children, installExitHook } from './pc';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type Backend = 'pglite' | 'postgres';

/** Cheap password hashing: the harness logs in many times. */
const CHEAP_ARGON2 = { LINLI_ARGON2_MEMORY_KIB: '256', LINLI_ARGON2_TIME_COST: '1' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Where the server keeps its data: a PGlite folder, or a database of its own on DATABASE_URL's server. */
export type Storage = {
  backend: Backend;
  env: Record<string, string>;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Opens the database directly (after the server stopped, for PGlite). */
  open(): Promise<Db>;
  drop(): Promise<void>;
};

export async function createStorage(backend: Backend, dataDir: string, baseUrl: string | undefined): Promise<Storage> {
  if (backend === 'pglite') {
    return {
      backend,
      // An empty DATABASE_URL means "not set": the PGlite run must not pick up CI's PostgreSQL.
      env: { LINLI_DATA_DIR: dataDir, DATABASE_URL: '' },
      dataDir,
      databaseUrl: undefined,
      open: async () => {
        const r = await openDatabase({ databaseUrl: undefined, dataDir });
        if (!r.ok) throw new Error(`PGlite folder ${dataDir} is in use by pid ${r.error.pid}`);
        return r.value;
      },
      drop: async () => undefined,
    };
  }
  if (!baseUrl) throw new Error('PostgreSQL needs DATABASE_URL');
  const name = `linli_chaos_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  return {
    backend,
    env: { DATABASE_URL: databaseUrl, LINLI_DATA_DIR: dataDir },
    dataDir,
    databaseUrl,
    open: async () => {
      const r = await openDatabase({ databaseUrl, dataDir: undefined });
      if (!r.ok) throw new Error('could not open PostgreSQL');
      return r.value;
    },
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export type Account = { compound: string; username: string; role: string; password: string };

/** Compounds and users through the operator CLI's commands, on one open database (PGlite is one process's). */
export async function createAccounts(storage: Storage, compounds: { code: string; name: string }[], users: Account[]): Promise<void> {
  const db = await storage.open();
  const lines: string[] = [];
  const io: CliIo = {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    env: { ...CHEAP_ARGON2 },
    cwd: root,
    askSecret: undefined,
    untilStopped: () => Promise.resolve(),
    database: db,
  };
  try {
    for (const c of compounds) {
      const code = await runCli(['create-compound', '--code', c.code, '--name', c.name], io);
      if (code !== 0) throw new Error(`create-compound ${c.code}: ${lines.join('\n')}`);
    }
    for (const u of users) {
      const code = await runCli(['add-user', '--compound', u.compound, '--username', u.username, '--name', u.username, '--role', u.role, '--password', u.password], io);
      if (code !== 0) throw new Error(`add-user ${u.username}: ${lines.join('\n')}`);
    }
  } finally {
    await db.close();
  }
}

export type ServerProcess = {
  url: string;
  port: number;
  /** Starts (or restarts) the server and waits until it answers /api/v1/health. */
  start(): Promise<number>;
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
  running(): boolean;
  starts: number;
  kills: number;
  /** Start durations, ms. */
  startMs: number[];
};

export function serverProcess(storage: Storage, port: number, logFile: string, env: Record<string, string>): ServerProcess {
  installExitHook();
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | null = null;
  let exitPromise: Promise<void> = Promise.resolve();
  const url = `http://127.0.0.1:${port}`;
  const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const self: ServerProcess = {
    url,
    port,
    starts: 0,
    kills: 0,
    startMs: [],
    running: () => child !== null && !exited(child),
    async start() {
      if (self.running()) throw new Error('server already running');
      const t0 = Date.now();
      self.starts++;
      log.write(`\n[orchestrator] starting server #${self.starts} at ${new Date().toISOString()}\n`);
      // One node process running the source through tsx: SIGKILL must reach the server itself (the tsx binary
      // would start a second process and leave it behind, port and all).
      const c = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', 'serve', '--port', String(port), '--host', '127.0.0.1'], {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '', ...CHEAP_ARGON2, ...storage.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      children.add(c);
      c.stdout?.on('data', (d: Buffer) => log.write(d));
      c.stderr?.on('data', (d: Buffer) => log.write(d));
      exitPromise = new Promise<void>((resolve) =>
        c.once('exit', (code, signal) => {
          children.delete(c);
          log.write(`[orchestrator] server exited (${code ?? signal}) at ${new Date().toISOString()}\n`);
          resolve();
        }),
      );
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (exited(c)) throw new Error(`server exited while starting (${c.exitCode ?? c.signalCode}) — see ${logFile}`);
        try {
          const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(5_000) });
          if (res.ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) {
          c.kill('SIGKILL');
          await exitPromise;
          throw new Error(`server did not answer within 90 s — see ${logFile}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const ms = Date.now() - t0;
      self.startMs.push(ms);
      return ms;
    },
    async kill() {
      if (!child || exited(child)) return;
      self.kills++;
      log.write(`[orchestrator] SIGKILL at ${new Date().toISOString()}\n`);
      child.kill('SIGKILL');
      await exitPromise;
    },
    async stop() {
      if (!child || exited(child)) return;
      const c = child;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
  return self;
}
