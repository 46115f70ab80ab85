// The server side of `tsx bench/server-load.ts` (issue #14), run in a child process of its own so that the bench
// clients' CPU and memory are not counted as the server's: a fresh database (PostgreSQL when DATABASE_URL is set,
// created here and dropped after; PGlite in a temporary folder otherwise), the compounds and users, the real app
// (createApp) on a free port. It answers the bench over IPC (LoadServerMessage / LoadBenchMessage): its address, its
// memory and CPU on request, and it shuts down (closing the app, dropping the database) when told or when the bench
// goes away. Not meant to be started by hand.
import { addUser, createCompound } from '../src-server/accounts';
import { createApp, type App } from '../src-server/app';
import { configFromEnv, type ServerConfig } from '../src-server/config';
import { freshBenchDb } from './fresh-db';

/** What the bench asks for (argv[2], JSON). */
export type LoadServerSettings = {
  compounds: number;
  streams: number;
  seconds: number;
};

/** One compound made for the load, with the one user every bench client of it logs in as. */
export type LoadAccount = { code: string; username: string; password: string };

/** The server settings this bench changed from the defaults, for the report: [name, default, used]. */
export type ConfigChange = [name: string, from: string, to: string];

export type MemorySample = {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** After a full GC (global.gc, the child runs with --expose-gc); undefined when not asked for. */
  rssAfterGc?: number;
  heapUsedAfterGc?: number;
  /** Process CPU time (user + system) since start, microseconds. */
  cpuMicros: number;
  /** Streams open in the server's registry, and change-feed subscribers. */
  streams: number;
  subscribers: number;
};

export type LoadServerMessage =
  | {
      type: 'ready';
      url: string;
      storage: string;
      accounts: LoadAccount[];
      changes: ConfigChange[];
      kept: ConfigChange[];
    }
  | ({ type: 'memory'; id: number } & MemorySample)
  | { type: 'failed'; message: string }
  | { type: 'closed' };

export type LoadBenchMessage = { type: 'memory'; id: number; gc: boolean } | { type: 'stop' };

const PASSWORD = 'bench-load-password';



/**
 * The server's defaults (configFromEnv with an empty environment), with what a load of `s` needs changed: every
 * change and every limit kept is returned for the report.
 */
export function loadConfig(s: LoadServerSettings): { config: ServerConfig; changes: ConfigChange[]; kept: ConfigChange[] } {
  const defaults = configFromEnv({}, process.cwd());
  const config: ServerConfig = {
    ...defaults,
    databaseUrl: undefined,
    dataDir: undefined,
    // All N streams may sit in one compound (BENCH_COMPOUNDS=1); the default refuses the 201st with 429.
    maxStreamsPerCompound: Math.max(defaults.maxStreamsPerCompound, s.streams),
    // Tokens outlive the run, so that no stream ends with `expired` (the bench does not refresh).
    accessTokenSeconds: Math.max(defaults.accessTokenSeconds, s.seconds + 15 * 60),
    // Setup only (hundreds of logins): password hashing is not what this bench measures.
    argon2: { ...defaults.argon2, memoryCost: 256, timeCost: 1 },
  };
  const changes: ConfigChange[] = [];
  const note = (name: string, from: unknown, to: unknown): void => {
    if (String(from) !== String(to)) changes.push([name, String(from), String(to)]);
  };
  note('maxStreamsPerCompound (LINLI_MAX_STREAMS_PER_COMPOUND)', defaults.maxStreamsPerCompound, config.maxStreamsPerCompound);
  note('accessTokenSeconds (LINLI_ACCESS_TOKEN_SECONDS)', defaults.accessTokenSeconds, config.accessTokenSeconds);
  note('argon2 memory KiB / passes (setup only)', `${defaults.argon2.memoryCost} / ${defaults.argon2.timeCost}`, `${config.argon2.memoryCost} / ${config.argon2.timeCost}`);
  const kept: ConfigChange[] = [
    ['maxStreamsPerLogin', String(config.maxStreamsPerLogin), 'each bench stream is a login of its own'],
    ['tenantConcurrency / tenantQueue', `${config.tenantConcurrency} / ${config.tenantQueue}`, 'sync requests of one compound at once / waiting'],
    ['heartbeatSeconds', String(config.heartbeatSeconds), ''],
  ];
  return { config, changes, kept };
}

function send(m: LoadServerMessage): void {
  process.send?.(m);
}

function memory(app: App, gc: boolean): MemorySample {
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  const sample: MemorySample = {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    cpuMicros: cpu.user + cpu.system,
    streams: app.streams.count(),
    subscribers: app.feed.subscriberCount(),
  };
  const collect = (globalThis as { gc?: () => void }).gc;
  if (gc && collect) {
    collect();
    const after = process.memoryUsage();
    sample.rssAfterGc = after.rss;
    sample.heapUsedAfterGc = after.heapUsed;
  }
  return sample;
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as LoadServerSettings;
  const { db, label: storage, drop } = await freshBenchDb({ prefix: 'linli-load', pglite: 'disk' });
  let app: App | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      try {
        await app?.close();
      } finally {
        await drop();
      }
    })());
  // The bench went away (crashed, Ctrl-C): do not leave a database behind.
  process.on('disconnect', () => {
    void stop().finally(() => process.exit(0));
  });
  // Ctrl-C reaches the whole process group: the bench ends, and this process cleans up when its channel closes.
  process.on('SIGINT', () => undefined);
  try {
    const { config, changes, kept } = loadConfig(settings);
    const accounts: LoadAccount[] = [];
    for (let i = 0; i < settings.compounds; i++) {
      const code = `LOAD${String(i + 1).padStart(3, '0')}`;
      const c = await createCompound(db, { code, name: `负载小区 ${i + 1}` });
      if (!c.ok) throw new Error(`create compound ${code}: ${c.error.code}`);
      const u = await addUser(db, { compound: code, username: 'load', name: '负载', role: 'admin', password: PASSWORD }, config.argon2);
      if (!u.ok) throw new Error(`add user to ${code}: ${u.error.code}`);
      accounts.push({ code, username: 'load', password: PASSWORD });
    }
    app = await createApp({ db, config, log: () => undefined });
    const { url } = await app.listen(0, '127.0.0.1');
    const running = app;
    process.on('message', (m: LoadBenchMessage) => {
      if (m.type === 'memory') send({ type: 'memory', id: m.id, ...memory(running, m.gc) });
      else if (m.type === 'stop') {
        void stop().then(
          () => {
            send({ type: 'closed' });
            process.disconnect();
          },
          (e: unknown) => {
            send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
            process.disconnect();
          },
        );
      }
    });
    send({ type: 'ready', url: url.replace(/\/$/, ''), storage, accounts, changes, kept });
  } catch (e) {
    send({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    await stop().catch(() => undefined);
    process.disconnect();
  }
}

if (process.send) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
