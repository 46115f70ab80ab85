// `tsx bench/sync-client.ts` (part of npm run bench:sync): the same figures as bench/sync.ts, but through the app's
// real sync engine — RxDB on Dexie (fake-indexeddb in Node) with src-renderer/sync — instead of raw HTTP:
//   initial sync of N documents into an empty client · push of 1,000 offline changes after reconnect
// each directly and through the fault proxy (300 ms each way, random dropped connections). Prints, never asserts.
// Env: BENCH_CLIENT_DOCS (default 10000), DATABASE_URL as in bench/sync.ts.
import 'fake-indexeddb/auto';
import { openDatabase as openServerDb } from '../src-server/db/open';
import { addUser, createCompound } from '../src-server/accounts';
import { createApp } from '../src-server/app';
import { configFromEnv } from '../src-server/config';
import { HEADERS, PROTOCOL_VERSION, schemaFingerprint, type SessionResponse } from '../shared/sync/protocol';
import { openDatabase, type LinliDatabase } from '../src-renderer/db/database';
import { createSyncService } from '../src-renderer/sync/sync-service';
import { startFaultProxy } from './sync-fault-proxy';
import { MemoryStorage } from '../src-renderer/testing/memory-storage';

const DOCS = Number(process.env.BENCH_CLIENT_DOCS ?? 10_000);
const CHANGES = Math.min(1_000, DOCS);
const AT = '2026-11-25T08:30:00.000Z';


const taskDoc = (i: number) => ({
  id: `task-${String(i).padStart(6, '0')}`,
  createdAt: AT,
  updatedAt: AT,
  createdBy: 'bench',
  updatedBy: 'bench',
  title: `任务 ${i}`,
  description: '小区 3 号楼 2 单元楼道灯不亮，居民反映多次，需物业尽快维修并回复。'.repeat(3),
  leadParty: 'property' as const,
  coParties: [{ party: 'owners_committee' as const }],
  status: 'pending' as const,
  priority: 'normal' as const,
  _deleted: false,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(fn: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function runClient(label: string, serverUrl: string): Promise<void> {
  let offline = false;
  let requests = 0;
  let failures = 0;
  const fetchVia: typeof fetch = async (input, init) => {
    requests++;
    if (offline) throw new TypeError('offline');
    try {
      return await fetch(input, init);
    } catch (e) {
      failures++;
      throw e;
    }
  };
  const db: LinliDatabase = await openDatabase({ name: `bench${Date.now()}` });
  const sync = createSyncService(db, { storage: new MemoryStorage(), fetch: fetchVia, minRetry: 200, maxRetry: 2000 });
  try {
    const t0 = performance.now();
    // The proxy cuts connections at random; a person would simply click 登录 again.
    for (let attempt = 1; ; attempt++) {
      const r = await sync.login(serverUrl, { compound: 'BENCH', username: 'a', password: 'bench-password' });
      if (r.ok) break;
      if (r.error.code !== 'NETWORK' || attempt >= 20) throw new Error(`login: ${r.error.code}`);
    }
    await until(async () => (await db.tasks.count().exec()) === DOCS, 600_000);
    const initial = performance.now() - t0;

    offline = true;
    const docs = await db.tasks.find({ limit: CHANGES }).exec();
    const now = new Date().toISOString();
    await Promise.all(docs.map((d, i) => d.incrementalPatch({ result: `离线处理 ${i}`, updatedAt: now })));
    await until(() => sync.store.getState().pending >= CHANGES, 60_000);
    const t1 = performance.now();
    offline = false;
    await sync.syncNow();
    await until(() => sync.store.getState().pending === 0, 600_000);
    const pushed = performance.now() - t1;
    console.log(
      `${label.padEnd(22)} initial sync ${DOCS}: ${secs(initial).padStart(7)} · push ${CHANGES} offline changes: ${secs(pushed).padStart(7)} · requests ${requests}, failed ${failures}`,
    );
  } finally {
    await sync.stop();
    await db.remove();
  }
}

async function main(): Promise<void> {
  const opened = await openServerDb({ databaseUrl: process.env.DATABASE_URL, dataDir: undefined });
  if (!opened.ok) throw new Error('server database');
  const db = opened.value;
  const config = { ...configFromEnv({}, process.cwd()), databaseUrl: undefined, dataDir: undefined };
  const app = await createApp({ db, config, log: () => undefined });
  const { url } = await app.listen(0, '127.0.0.1');
  const direct = url.replace(/\/$/, '');
  const compound = await createCompound(db, { code: 'BENCH', name: '基准小区' });
  if (!compound.ok) throw new Error(compound.error.code);
  await addUser(db, { compound: 'BENCH', username: 'a', name: 'PC A', role: 'admin', password: 'bench-password' }, config.argon2);
  const session = (await (
    await fetch(`${direct}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ compound: 'BENCH', username: 'a', password: 'bench-password' }),
    })
  ).json()) as SessionResponse;
  for (let i = 0; i < DOCS; i += 500) {
    const rows = Array.from({ length: Math.min(500, DOCS - i) }, (_, k) => ({ baseSeq: 0, document: taskDoc(i + k) }));
    const res = await fetch(`${direct}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${session.accessToken}`,
        [HEADERS.protocol]: String(PROTOCOL_VERSION),
        [HEADERS.schema]: schemaFingerprint(),
      },
      body: JSON.stringify({ rows }),
    });
    if (res.status !== 200) throw new Error(`seed ${res.status}`);
  }
  console.log(`邻里工作台 sync client bench — RxDB + Dexie (fake-indexeddb) in Node, ${DOCS} documents`);
  await runClient('direct', direct);
  let seed = 7;
  const proxy = await startFaultProxy({
    target: { host: '127.0.0.1', port: Number(new URL(direct).port) },
    latencyMs: 300,
    meanLifetimeMs: 4000,
    random: () => ((seed = (seed * 16807) % 2147483647) / 2147483647),
  });
  await runClient('300 ms + drops', proxy.url.replace(/\/$/, ''));
  await proxy.close();
  await app.close();
  await db.close();
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
