// Server settings from the environment (and CLI flags), read once at start.
import path from 'node:path';

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
  argon2: Argon2Cost;
  /** Failed logins per compound+username before it is locked. */
  maxFailuresPerUser: number;
  /** Failed logins per client address before it is locked (an office shares one address). */
  maxFailuresPerIp: number;
  /** How long failures are remembered and how long a lock lasts. */
  lockSeconds: number;
  heartbeatSeconds: number;
  /** Trust X-Forwarded-For for the client address (only behind your own reverse proxy). */
  trustProxy: boolean;
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
    argon2: {
      // OWASP's argon2id minimum (19 MiB, 2 passes); tests lower it through the environment.
      memoryCost: int(env, 'LINLI_ARGON2_MEMORY_KIB', 19_456),
      timeCost: int(env, 'LINLI_ARGON2_TIME_COST', 2),
      parallelism: 1,
    },
    maxFailuresPerUser: int(env, 'LINLI_LOGIN_MAX_FAILURES', 5),
    maxFailuresPerIp: int(env, 'LINLI_LOGIN_MAX_FAILURES_PER_IP', 30),
    lockSeconds: int(env, 'LINLI_LOGIN_LOCK_SECONDS', 5 * 60),
    heartbeatSeconds: int(env, 'LINLI_HEARTBEAT_SECONDS', 25),
    trustProxy: env.LINLI_TRUST_PROXY === '1',
    corsOrigins: (env.LINLI_CORS_ORIGINS && env.LINLI_CORS_ORIGINS !== '' ? env.LINLI_CORS_ORIGINS : 'app://linli')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
  };
}
