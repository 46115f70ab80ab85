// Server settings from the environment (and CLI flags), read once at start.
import path from 'node:path';
import { BATCH_BUDGET_BYTES } from '../shared/sync/protocol';

export type Argon2Cost = { memoryCost: number; timeCost: number; parallelism: number };

export type ServerConfig = {
  /** postgres://… when set; otherwise embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite data folder; undefined = in memory (tests). */
  dataDir: string | undefined;
  host: string;
  port: number;
  /** The built renderer (vite build). */
  staticDir: string;
  /** HS256 secret; when unset, one is generated once and kept in the database. */
  tokenSecret: string | undefined;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  /**
   * A used refresh token presented again within this many seconds of its use, while its successor is still unused,
   * gets the same successor again (the first answer was lost) instead of revoking the login; 0 turns this off.
   */
  refreshReuseSeconds: number;
  maxBodyBytes: number;
  /** Bytes of documents per batch answer (POST /sync/batch), before compression. */
  batchBudgetBytes: number;
  /** Body limit of the unauthenticated auth routes (login, refresh, logout). */
  maxAuthBodyBytes: number;
  argon2: Argon2Cost;
  /**
   * Failed logins per compound+username from one client address before that address is locked out of that user;
   * also the limit of a known device of the user (one that logged in as the user before), wherever it is.
   */
  maxFailuresPerUser: number;
  /** Failed logins per client address before it is locked (an office shares one address). */
  maxFailuresPerIp: number;
  /** How long failures are remembered and how long a lock lasts. */
  lockSeconds: number;
  /**
   * Failed logins per compound+username from everywhere (known devices excepted) before the user is locked for
   * unknown devices: a much higher bar, so that nobody can lock a user out from afar, but guessing stays slow.
   */
  maxFailuresPerUserGlobal: number;
  /** The window of maxFailuresPerUserGlobal and how long that lock lasts. */
  globalLockSeconds: number;
  heartbeatSeconds: number;
  /** Trust X-Forwarded-For (its last entry), X-Forwarded-Proto and X-Request-Id (only behind your own reverse proxy). */
  trustProxy: boolean;
  /**
   * Send Strict-Transport-Security: 'always', or 'proxy' = only when a trusted proxy says the request came over
   * https (X-Forwarded-Proto), or 'off'.
   */
  hsts: 'always' | 'proxy' | 'off';
  /** Storage quota of one compound: bytes of every accepted version it keeps (history); 0 = unlimited. */
  quotaStorageBytes: number;
  /** Conflict copies one document may carry, and their total size in bytes (JSON). */
  quotaConflictsPerDocument: number;
  quotaConflictBytesPerDocument: number;
  /** Open live streams of one login (every access token of one sign-in together); the oldest is closed beyond it. */
  maxStreamsPerLogin: number;
  /** Open live streams of one compound (per server process); more are refused with 429 RATE_LIMITED. */
  maxStreamsPerCompound: number;
  /** Sync requests of one compound handled at once (pull, push, fetch, digest, versions, history); the rest queue. */
  tenantConcurrency: number;
  /** Sync requests of one compound allowed to wait in its queue; more are refused with 429 RATE_LIMITED. */
  tenantQueue: number;
  /** Origins allowed to call /api/ from another origin: the desktop app's page is app://linli. */
  corsOrigins: readonly string[];
};

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

export function configFromEnv(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : undefined;
  const dataDirEnv = env.LINLI_DATA_DIR;
  return {
    databaseUrl,
    dataDir: dataDirEnv === ':memory:' ? undefined : path.resolve(cwd, dataDirEnv && dataDirEnv !== '' ? dataDirEnv : '.data/server'),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    port: int(env, 'PORT', 8787),
    staticDir: path.resolve(cwd, env.LINLI_STATIC_DIR && env.LINLI_STATIC_DIR !== '' ? env.LINLI_STATIC_DIR : 'dist/renderer'),
    tokenSecret: env.LINLI_TOKEN_SECRET && env.LINLI_TOKEN_SECRET !== '' ? env.LINLI_TOKEN_SECRET : undefined,
    accessTokenSeconds: int(env, 'LINLI_ACCESS_TOKEN_SECONDS', 15 * 60),
    refreshTokenSeconds: int(env, 'LINLI_REFRESH_TOKEN_SECONDS', 30 * 24 * 3600),
    refreshReuseSeconds: int(env, 'LINLI_REFRESH_REUSE_SECONDS', 60),
    maxBodyBytes: int(env, 'LINLI_MAX_BODY_BYTES', 5 * 1024 * 1024),
    batchBudgetBytes: int(env, 'LINLI_BATCH_BUDGET_BYTES', BATCH_BUDGET_BYTES),
    maxAuthBodyBytes: int(env, 'LINLI_AUTH_MAX_BODY_BYTES', 16 * 1024),
    argon2: {
      // OWASP's argon2id minimum (19 MiB, 2 passes); tests lower it through the environment.
      memoryCost: int(env, 'LINLI_ARGON2_MEMORY_KIB', 19_456),
      timeCost: int(env, 'LINLI_ARGON2_TIME_COST', 2),
      parallelism: 1,
    },
    maxFailuresPerUser: int(env, 'LINLI_LOGIN_MAX_FAILURES', 5),
    maxFailuresPerIp: int(env, 'LINLI_LOGIN_MAX_FAILURES_PER_IP', 30),
    lockSeconds: int(env, 'LINLI_LOGIN_LOCK_SECONDS', 5 * 60),
    maxFailuresPerUserGlobal: int(env, 'LINLI_LOGIN_MAX_FAILURES_GLOBAL', 50),
    globalLockSeconds: int(env, 'LINLI_LOGIN_GLOBAL_LOCK_SECONDS', 60 * 60),
    heartbeatSeconds: int(env, 'LINLI_HEARTBEAT_SECONDS', 25),
    trustProxy: env.LINLI_TRUST_PROXY === '1',
    hsts: env.LINLI_HSTS === '1' ? 'always' : env.LINLI_HSTS === '0' ? 'off' : 'proxy',
    quotaStorageBytes: int(env, 'LINLI_QUOTA_STORAGE_BYTES', 2 * 1024 * 1024 * 1024),
    quotaConflictsPerDocument: int(env, 'LINLI_QUOTA_CONFLICTS_PER_DOCUMENT', 50),
    quotaConflictBytesPerDocument: int(env, 'LINLI_QUOTA_CONFLICT_BYTES_PER_DOCUMENT', 1024 * 1024),
    maxStreamsPerLogin: int(env, 'LINLI_MAX_STREAMS_PER_LOGIN', 4),
    maxStreamsPerCompound: int(env, 'LINLI_MAX_STREAMS_PER_COMPOUND', 200),
    tenantConcurrency: int(env, 'LINLI_TENANT_CONCURRENCY', 2),
    tenantQueue: int(env, 'LINLI_TENANT_QUEUE', 200),
    corsOrigins: (env.LINLI_CORS_ORIGINS && env.LINLI_CORS_ORIGINS !== '' ? env.LINLI_CORS_ORIGINS : 'app://linli')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
  };
}
