// A fresh sync server per test file: in-memory PGlite, or a new database on DATABASE_URL's server (as CI runs).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { COLLECTIONS, type CollectionName } from '../../../shared/schema';
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type PushResponse, type PushRow, type SessionResponse } from '../../../shared/sync/protocol';
import { addUser, createCompound, type Compound } from '../../../src-server/accounts';
import { createApp, type App } from '../../../src-server/app';
import { configFromEnv, type ServerConfig } from '../../../src-server/config';
import type { Db } from '../../../src-server/db/db';
import { openDatabase } from '../../../src-server/db/open';

export const TEST_PASSWORD = 'correct-horse-9';

export type TestDatabase = { db: Db; url: string | undefined; drop(): Promise<void> };

/** A new empty database: PGlite in memory, or `CREATE DATABASE` on the server DATABASE_URL points at. */
export async function freshDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const opened = await openDatabase({ databaseUrl: undefined, dataDir: undefined });
    if (!opened.ok) throw new Error('could not open PGlite');
    return { db: opened.value, url: undefined, drop: () => opened.value.close() };
  }
  const name = `linli_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const opened = await openDatabase({ databaseUrl: url, dataDir: undefined });
  if (!opened.ok) throw new Error('could not open PostgreSQL');
  return {
    db: opened.value,
    url,
    async drop() {
      await opened.value.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...configFromEnv({}, process.cwd()),
    databaseUrl: undefined,
    dataDir: undefined,
    staticDir: path.join(tmpdir(), 'linli-no-such-dir'),
    tokenSecret: undefined,
    // Cheap hashing keeps the suite fast; production uses OWASP's argon2id minimum.
    argon2: { memoryCost: 256, timeCost: 1, parallelism: 1 },
    heartbeatSeconds: 1,
    ...overrides,
  };
}

export type TestServer = {
  url: string;
  app: App;
  db: Db;
  config: ServerConfig;
  /** Moves the server's clock. */
  advance(ms: number): void;
  close(): Promise<void>;
};

export async function startServer(db: Db, overrides: Partial<ServerConfig> = {}, options: { log?: (line: string) => void } = {}): Promise<TestServer> {
  const config = testConfig(overrides);
  let offset = 0;
  const app = await createApp({ db, config, now: () => Date.now() + offset, log: options.log ?? (() => undefined) });
  const { url } = await app.listen(0, '127.0.0.1');
  return {
    url: url.replace(/\/$/, ''),
    app,
    db,
    config,
    advance: (ms) => {
      offset += ms;
    },
    close: () => app.close(),
  };
}

export async function makeCompound(db: Db, code: string): Promise<Compound> {
  const r = await createCompound(db, { code, name: `${code} 小区` });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

export async function makeUser(db: Db, compound: string, username: string, role: string): Promise<void> {
  const r = await addUser(db, { compound, username, name: username, role, password: TEST_PASSWORD }, testConfig().argon2);
  if (!r.ok) throw new Error(r.error.code);
}

export const syncHeaders = (token?: string): Record<string, string> => ({
  [HEADERS.protocol]: String(PROTOCOL_VERSION),
  [HEADERS.schema]: schemaFingerprint(),
  [HEADERS.device]: 'test-device',
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
});

export async function loginAs(
  url: string,
  compound: string,
  username: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
): Promise<SessionResponse> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ compound, username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${compound}/${username}: ${res.status} ${await res.text()}`);
  return (await res.json()) as SessionResponse;
}

export type Json = Record<string, unknown>;

/** POST /auth/login; `headers` e.g. X-Forwarded-For (with trustProxy) or X-Linli-Device. */
export async function tryLogin(
  url: string,
  compound: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ compound, username, password }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** The error code of an error body. */
export const errorCode = (body: Json): string | undefined => (body.error as { code?: string } | undefined)?.code;

/** Polls `check` until it holds or `timeoutMs` passes; returns whether it held. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const start = Date.now();
  for (;;) {
    if (await check()) return true;
    if (Date.now() - start > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function pull(url: string, token: string, collection: CollectionName, seq: number, limit = 100): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}/api/v1/sync/${collection}/pull?seq=${seq}&limit=${limit}`, { headers: syncHeaders(token) });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function push(
  url: string,
  token: string,
  collection: CollectionName,
  rows: readonly PushRow[] | readonly unknown[],
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: Json & Partial<PushResponse> }> {
  const res = await fetch(`${url}/api/v1/sync/${collection}/push`, {
    method: 'POST',
    headers: { ...syncHeaders(token), 'Content-Type': 'application/json', ...extraHeaders },
    body: JSON.stringify({ rows }),
  });
  return { status: res.status, body: (await res.json()) as Json & Partial<PushResponse> };
}

/** A push row: the change `document`, based on the server version `baseSeq` (0 = created by the client). */
export const row = (document: Json, baseSeq = 0): { baseSeq: number; document: Json } => ({ baseSeq, document });

/**
 * Matches a push body that accepted every row at the given seqs (in row order), with no conflicts or rejections; and,
 * when the push wrote versions, its checkpoint ending at the highest of them (none for a push that wrote nothing).
 */
export const acceptedAt = (...entries: [id: string, seq: number][]): PushResponse => {
  const accepted = entries.map(([id, seq]) => ({ id, seq }));
  const top = Math.max(...entries.map(([, seq]) => seq));
  return {
    asymmetricMatch: (actual: unknown) => {
      if (typeof actual !== 'object' || actual === null) return false;
      const { accepted: a, conflicts, rejected, checkpoint, ...rest } = actual as PushResponse;
      if (Object.keys(rest).length > 0 || JSON.stringify(a) !== JSON.stringify(accepted)) return false;
      if (!Array.isArray(conflicts) || conflicts.length > 0 || !Array.isArray(rejected) || rejected.length > 0) return false;
      return checkpoint === undefined || (Number.isSafeInteger(checkpoint.since) && checkpoint.since < checkpoint.seq && checkpoint.seq === top);
    },
    toString: () => `a push answer accepting ${JSON.stringify(accepted)}`,
    toAsymmetricMatcher: () => `a push answer accepting ${JSON.stringify(accepted)}`,
  } as unknown as PushResponse;
};

/** A document as the server hands it out: with sync.seq of its version. */
export const atSeq = <D extends Json>(doc: D, seq: number): D & { sync: { seq: number } } => ({ ...doc, sync: { seq } });

/** The seq each accepted row got, by id (the last one when an id was accepted twice). */
export function seqs(body: Partial<PushResponse>): Record<string, number> {
  return Object.fromEntries((body.accepted ?? []).map((a) => [a.id, a.seq]));
}

/** GET /sync/:collection/digest or /versions. */
export async function syncGet(
  url: string,
  token: string,
  collection: CollectionName,
  op: 'digest' | 'versions',
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}/api/v1/sync/${collection}/${op}`, { headers: { ...syncHeaders(token), ...extraHeaders } });
  return { status: res.status, body: (await res.json()) as Json };
}

/** POST /sync/:collection/fetch with `body` (JSON-encoded unless it is already a string). */
export async function fetchDocs(
  url: string,
  token: string,
  collection: CollectionName,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}/api/v1/sync/${collection}/fetch`, {
    method: 'POST',
    headers: { ...syncHeaders(token), 'Content-Type': 'application/json', ...extraHeaders },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** POST /auth/refresh with a refresh token. */
export async function refreshWith(url: string, refreshToken: string): Promise<{ status: number; body: Json & Partial<SessionResponse> }> {
  const res = await fetch(`${url}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  return { status: res.status, body: (await res.json()) as Json & Partial<SessionResponse> };
}

const AT = '2026-11-25T08:30:00.000Z';

/** A valid task document (tasks: writable by admin, secretaries and staff). */
export function task(id: string, fields: Json = {}): Json & { id: string; _deleted: boolean } {
  return {
    id,
    createdAt: AT,
    updatedAt: AT,
    createdBy: 'tester',
    updatedBy: 'tester',
    title: `任务 ${id}`,
    leadParty: 'property',
    status: 'pending',
    priority: 'normal',
    _deleted: false,
    ...fields,
  };
}

/** A valid notice document. */
export function notice(id: string, fields: Json = {}): Json & { id: string; _deleted: boolean } {
  return {
    id,
    createdAt: AT,
    updatedAt: AT,
    createdBy: 'tester',
    updatedBy: 'tester',
    kind: 'general',
    title: `公告 ${id}`,
    body: '正文',
    status: 'draft',
    _deleted: false,
    ...fields,
  };
}

export async function tempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export { COLLECTIONS };
