// End-to-end harness: a real server process serving the built web host, and fresh browser contexts ("PCs") in the
// Chromium that @playwright/test launches (Debian's, see playwright.config.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';

const root = new URL('../..', import.meta.url).pathname;

/** beforeAll/afterAll may take this long (accounts through the CLI, a server start, a database dropped). */
export const HOOK_TIMEOUT = 180_000;

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

export type ServerProcess = {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
};

/** Cheap password hashing: the suite logs in many times; production keeps OWASP's argon2id minimum. */
export const CHEAP_ARGON2: Record<string, string> = { LINLI_ARGON2_MEMORY_KIB: '256', LINLI_ARGON2_TIME_COST: '1' };

/** Runs the server's source with tsx inside one node process, so that a signal (even SIGKILL) reaches the server
 * itself: `node_modules/.bin/tsx` would start a second process and SIGKILL would orphan it, port and all. */
const tsxArgs = (args: readonly string[]) => ['--import', 'tsx', 'src-server/cli.ts', ...args];

export type StartServerOptions = {
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  /** Keep the data folder on stop (to restart a server on the same data). */
  keepData?: boolean;
  /** The built renderer to serve (default: E2E_STATIC_DIR, else the server's own default, dist/renderer). */
  staticDir?: string;
};

/** The built renderer the e2e servers serve: E2E_STATIC_DIR (a build made elsewhere), else dist/renderer. */
export const e2eStaticDir = (): string => process.env.E2E_STATIC_DIR ?? join(root, 'dist', 'renderer');
const staticDirArgs = (staticDir: string | undefined): string[] => {
  const dir = staticDir ?? process.env.E2E_STATIC_DIR;
  return dir === undefined ? [] : ['--static', dir];
};

/**
 * Starts `src-server/cli.ts serve` as its own process and waits until it answers. It inherits DATABASE_URL: a test
 * should use createStorage() + startServerOn() so that, in CI, it gets a database of its own.
 */
export async function startServer(options: StartServerOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'linli-e2e-'));
  const child = spawn(process.execPath, tsxArgs(['serve', '--port', String(port), '--host', '127.0.0.1', ...staticDirArgs(options.staticDir)]), {
    cwd: root,
    env: { ...process.env, ...CHEAP_ARGON2, LINLI_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  // A process killed by a signal has exitCode null and signalCode set: both mean it is gone.
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const waitExit = () => new Promise<void>((resolve) => (exited() ? resolve() : child.once('exit', () => resolve())));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited()) throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${log}`);
    try {
      const res = await fetch(`${url}api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await waitExit();
      throw new Error(`server did not start within 60s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    child,
    output: () => log,
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (!exited()) child.kill(signal);
      await waitExit();
    },
    stop: async () => {
      if (!exited()) {
        child.kill('SIGTERM');
        // A server that does not finish closing in 15 s is killed rather than left behind.
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await waitExit();
        clearTimeout(timer);
      }
      if (!options.keepData && !options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(`${dataDir}.lock`, { force: true }); // left beside the folder by a killed PGlite server
      }
    },
  };
}

export type CliRun = { code: number | null; out: string; err: string };

/** Runs an operator command (`create-compound`, `add-user`, …) as its own process, as an operator would. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxArgs(args), {
      cwd: root,
      env: { ...process.env, ...CHEAP_ARGON2, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Like runCli, but a non-zero exit fails the test with the command's own words. */
export async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCli(args, env);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.code}:\n${r.err}${r.out}`);
  return r.out;
}

/**
 * Where one test file's server keeps its data: a fresh PGlite folder, or — when DATABASE_URL is set, as in CI — a
 * fresh database on that PostgreSQL server, dropped afterwards. `env` goes to startServer and cli.
 */
export type ServerStorage = {
  kind: 'pglite' | 'postgres';
  env: Record<string, string>;
  /** The PGlite folder (also made, unused, for PostgreSQL so that startServer never picks its own). */
  dataDir: string;
  /** postgres://… of this storage's own database, when PostgreSQL. */
  databaseUrl: string | undefined;
  drop: () => Promise<void>;
};

export async function createStorage(): Promise<ServerStorage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-e2e-'));
  const removeDir = () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.lock`, { force: true });
  };
  const base = process.env.DATABASE_URL;
  if (!base) {
    return { kind: 'pglite', env: { LINLI_DATA_DIR: dataDir }, dataDir, databaseUrl: undefined, drop: async () => removeDir() };
  }
  const name = `linli_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: 'postgres',
    env: { DATABASE_URL: databaseUrl },
    dataDir,
    databaseUrl,
    drop: async () => {
      removeDir();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export type TestUser = { username: string; name: string; role: string; password: string };

/** A compound and its users, made through the operator CLI before the server starts (PGlite is one process's). */
export async function createCompoundWithUsers(storage: ServerStorage, compound: { code: string; name: string }, users: readonly TestUser[]): Promise<void> {
  await cli(['create-compound', '--code', compound.code, '--name', compound.name], storage.env);
  for (const u of users) {
    await cli(['add-user', '--compound', compound.code, '--username', u.username, '--name', u.name, '--role', u.role, '--password', u.password], storage.env);
  }
}

/** startServer on a ServerStorage (its data survives stop, so the server can be restarted on it). */
export function startServerOn(storage: ServerStorage, options: Omit<StartServerOptions, 'dataDir' | 'env'> & { env?: Record<string, string> } = {}): Promise<ServerProcess> {
  return startServer({ ...options, dataDir: storage.dataDir, keepData: true, env: { ...storage.env, ...options.env } });
}

/** In afterEach: a failed test gets the server's output attached (HTML report, test-results/e2e-artifacts). */
export async function attachServerLog(server: ServerProcess | undefined): Promise<void> {
  const info = test.info();
  if (!server || info.status === info.expectedStatus) return;
  await info.attach('server.log', { body: server.output(), contentType: 'text/plain' });
}

/** A fresh browser context = a fresh PC (its own IndexedDB). Collects page errors so a test can assert none. */
export async function newPc(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}
