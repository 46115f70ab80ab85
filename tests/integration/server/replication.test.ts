// Issue #3, protocol: checkpoints, idempotent pushes, conflicts, tombstones, validation, history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src-server/db/db';
import { freshDatabase, loginAs, makeCompound, makeUser, notice, pull, push, startServer, task, type Json, type TestDatabase, type TestServer } from './helpers';

let tdb: TestDatabase;
let db: Db;
let server: TestServer;
let token: string;
let tenantId: string;

beforeAll(async () => {
  tdb = await freshDatabase();
  db = tdb.db;
  server = await startServer(db);
  tenantId = (await makeCompound(db, 'REPL')).id;
  await makeUser(db, 'REPL', 'admin', 'admin');
  token = (await loginAs(server.url, 'REPL', 'admin')).accessToken;
});

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

async function pullAll(collection: 'tasks' | 'notices', from: number, limit: number): Promise<{ ids: string[]; seq: number; batches: number }> {
  const ids: string[] = [];
  let seq = from;
  let batches = 0;
  for (;;) {
    const r = await pull(server.url, token, collection, seq, limit);
    expect(r.status).toBe(200);
    const docs = r.body.documents as Json[];
    const checkpoint = r.body.checkpoint as { seq: number };
    if (docs.length === 0) {
      expect(checkpoint.seq).toBe(seq);
      return { ids, seq, batches };
    }
    batches++;
    ids.push(...docs.map((d) => d.id as string));
    expect(checkpoint.seq).toBeGreaterThan(seq);
    seq = checkpoint.seq;
  }
}

async function historyCount(collection: string, id: string): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM history WHERE tenant_id = $1 AND collection = $2 AND id = $3', [tenantId, collection, id]);
  return r.rows[0]?.n ?? -1;
}

async function stored(collection: string, id: string): Promise<{ deleted: boolean; data: Json } | undefined> {
  const r = await db.query<{ deleted: boolean; data: Json }>('SELECT deleted, data FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = $3', [
    tenantId,
    collection,
    id,
  ]);
  return r.rows[0];
}

describe('pull by checkpoint', () => {
  it('returns 500 documents written in the same millisecond exactly once across batches of 100', async () => {
    // Every document carries the same timestamps: only the server's sequence orders them.
    const rows = Array.from({ length: 500 }, (_, i) => ({ newDocumentState: notice(`n-${String(i).padStart(3, '0')}`) }));
    const r = await push(server.url, token, 'notices', rows);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ conflicts: [], rejected: [] });
    const all = await pullAll('notices', 0, 100);
    expect(all.ids).toHaveLength(500);
    expect(new Set(all.ids).size).toBe(500);
    expect(all.batches).toBe(5);
  });

  it('misses nothing and repeats nothing when writes land between batches', async () => {
    const first = Array.from({ length: 250 }, (_, i) => ({ newDocumentState: task(`t-${i}`) }));
    const second = Array.from({ length: 250 }, (_, i) => ({ newDocumentState: task(`t-${250 + i}`) }));
    expect((await push(server.url, token, 'tasks', first)).status).toBe(200);
    const b1 = await pull(server.url, token, 'tasks', 0, 100);
    const seen = (b1.body.documents as Json[]).map((d) => d.id as string);
    // An edit of an already-pulled document moves it to the end: it must come again, with its new state.
    const edited = task('t-0', { title: '改过的标题' });
    expect((await push(server.url, token, 'tasks', [{ assumedMasterState: task('t-0'), newDocumentState: edited }])).status).toBe(200);
    expect((await push(server.url, token, 'tasks', second)).status).toBe(200);
    const rest = await pullAll('tasks', (b1.body.checkpoint as { seq: number }).seq, 100);
    const ids = [...seen, ...rest.ids];
    expect(new Set(ids).size).toBe(500);
    expect(ids).toHaveLength(501); // t-0 twice: before and after its edit
    expect(rest.ids[rest.ids.length - 251]).toBe('t-0');
  });

  it('rejects a malformed checkpoint or limit', async () => {
    expect((await pull(server.url, token, 'tasks', -1)).status).toBe(400);
    expect((await pull(server.url, token, 'tasks', 0, 5000)).status).toBe(400);
    const res = await fetch(`${server.url}/api/v1/sync/nope/pull?seq=0`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('push', () => {
  it('stores one version when the same push is repeated (lost response, client retried)', async () => {
    const doc = task('retry-1');
    const a = await push(server.url, token, 'tasks', [{ newDocumentState: doc }]);
    const seqAfterFirst = (await db.query<{ seq: number }>('SELECT seq FROM tenant_seq WHERE tenant_id = $1', [tenantId])).rows[0]?.seq;
    const b = await push(server.url, token, 'tasks', [{ newDocumentState: doc }]);
    expect(a.body).toEqual({ conflicts: [], rejected: [] });
    expect(b.body).toEqual({ conflicts: [], rejected: [] });
    expect(await historyCount('tasks', 'retry-1')).toBe(1);
    const seqAfterRetry = (await db.query<{ seq: number }>('SELECT seq FROM tenant_seq WHERE tenant_id = $1', [tenantId])).rows[0]?.seq;
    expect(seqAfterRetry).toBe(seqAfterFirst);

    // The same for an update: assumed v1 → v2, sent twice.
    const v2 = task('retry-1', { status: 'in_progress' });
    await push(server.url, token, 'tasks', [{ assumedMasterState: doc, newDocumentState: v2 }]);
    const again = await push(server.url, token, 'tasks', [{ assumedMasterState: doc, newDocumentState: v2 }]);
    expect(again.body).toEqual({ conflicts: [], rejected: [] });
    expect(await historyCount('tasks', 'retry-1')).toBe(2);
  });

  it('returns the stored state for a stale assumedMasterState and leaves the row unchanged', async () => {
    const v1 = task('conflict-1');
    await push(server.url, token, 'tasks', [{ newDocumentState: v1 }]);
    const pcA = task('conflict-1', { title: 'A 的标题' });
    const pcB = task('conflict-1', { title: 'B 的标题' });
    expect((await push(server.url, token, 'tasks', [{ assumedMasterState: v1, newDocumentState: pcA }])).body).toEqual({ conflicts: [], rejected: [] });
    const r = await push(server.url, token, 'tasks', [{ assumedMasterState: v1, newDocumentState: pcB }]);
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([]);
    expect(r.body.conflicts).toEqual([pcA]);
    expect((await stored('tasks', 'conflict-1'))?.data.title).toBe('A 的标题');
    expect(await historyCount('tasks', 'conflict-1')).toBe(2);
    // The history endpoint lists the accepted versions with who wrote them.
    const hist = await fetch(`${server.url}/api/v1/history/tasks/conflict-1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(hist.status).toBe(200);
    const versions = ((await hist.json()) as { versions: { document: Json; username: string; deviceId: string }[] }).versions;
    expect(versions.map((v) => v.document.title)).toEqual([v1.title, 'A 的标题']);
    expect(versions[1]).toMatchObject({ username: 'admin', deviceId: 'test-device' });

    // A client that believes the document is new while the server has it: conflict too.
    const fresh = await push(server.url, token, 'tasks', [{ newDocumentState: task('conflict-1', { title: 'C' }) }]);
    expect(fresh.body.conflicts).toEqual([pcA]);
  });

  it('does not resurrect a tombstone when a long-offline client pushes an old live state', async () => {
    const v1 = task('tomb-1');
    await push(server.url, token, 'tasks', [{ newDocumentState: v1 }]);
    const tombstone = { ...v1, _deleted: true };
    expect((await push(server.url, token, 'tasks', [{ assumedMasterState: v1, newDocumentState: tombstone }])).body).toEqual({ conflicts: [], rejected: [] });
    // The offline PC edited the document it last saw alive.
    const offlineEdit = task('tomb-1', { title: '离线时改的' });
    const r = await push(server.url, token, 'tasks', [{ assumedMasterState: v1, newDocumentState: offlineEdit }]);
    expect(r.body.conflicts).toEqual([tombstone]);
    const s = await stored('tasks', 'tomb-1');
    expect(s?.deleted).toBe(true);
    expect(s?.data.title).toBe(v1.title);
    // It also cannot come back by pretending to be new.
    const r2 = await push(server.url, token, 'tasks', [{ newDocumentState: offlineEdit }]);
    expect(r2.body.conflicts).toEqual([tombstone]);
    expect((await stored('tasks', 'tomb-1'))?.deleted).toBe(true);
    // Pull hands the tombstone out.
    const all = await pull(server.url, token, 'tasks', 0, 1000);
    expect((all.body.documents as Json[]).find((d) => d.id === 'tomb-1')).toEqual(tombstone);
  });

  it('rejects an invalid document with a clear error and stores the rest of the push', async () => {
    const r = await push(server.url, token, 'tasks', [
      { newDocumentState: task('ok-1') },
      { newDocumentState: task('bad-1', { status: 'finished' }) },
      { newDocumentState: task('bad-2', { sneaky: true }) },
      { newDocumentState: { ...task('bad-3'), title: undefined } },
      { newDocumentState: task('x'.repeat(65)) },
      { newDocumentState: task('ok-2') },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.conflicts).toEqual([]);
    const rejected = r.body.rejected as { id: string; code: string; message: string; path?: string }[];
    expect(rejected.map((x) => [x.id, x.code, x.path])).toEqual([
      ['bad-1', 'SCHEMA_INVALID', '/status'],
      ['bad-2', 'SCHEMA_INVALID', '/sneaky'],
      ['bad-3', 'SCHEMA_INVALID', '/title'],
      ['x'.repeat(65), 'SCHEMA_INVALID', '/id'],
    ]);
    expect(rejected[0]?.message).toContain('tasks/bad-1');
    expect(rejected[0]?.message).toContain('must be equal to one of the allowed values');
    expect(await stored('tasks', 'ok-1')).toBeDefined();
    expect(await stored('tasks', 'ok-2')).toBeDefined();
    expect(await stored('tasks', 'bad-1')).toBeUndefined();
  });

  it('refuses to change a primary key and rejects malformed rows', async () => {
    const r = await push(server.url, token, 'tasks', [
      { assumedMasterState: task('pk-a'), newDocumentState: task('pk-b') },
      { nothing: true },
      'text',
      { newDocumentState: task('nul-1', { title: 'a\u0000b' }) },
    ]);
    expect(r.status).toBe(200);
    expect((r.body.rejected as { id: string; code: string }[]).map((x) => [x.id, x.code])).toEqual([
      ['pk-b', 'PRIMARY_KEY_CHANGED'],
      ['', 'MALFORMED_ROW'],
      ['', 'MALFORMED_ROW'],
      ['nul-1', 'SCHEMA_INVALID'],
    ]);
    expect(await stored('tasks', 'pk-b')).toBeUndefined();
    const bad = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { ...(await import('./helpers')).syncHeaders(token), 'Content-Type': 'application/json' },
      body: '{"rows": 5}',
    });
    expect(bad.status).toBe(400);
    const notJson = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { ...(await import('./helpers')).syncHeaders(token), 'Content-Type': 'application/json' },
      body: '{rows',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });

  it('strips RxDB internals, keeps _deleted, and records who wrote each version from which device', async () => {
    const doc = { ...task('meta-1'), _rev: '1-abc', _meta: { lwt: 1 }, _attachments: {} };
    const r = await push(server.url, token, 'tasks', [{ newDocumentState: doc }]);
    expect(r.body).toEqual({ conflicts: [], rejected: [] });
    const s = await stored('tasks', 'meta-1');
    expect(s?.data).toEqual(task('meta-1', { _deleted: undefined }));
    expect(Object.keys(s?.data ?? {})).not.toContain('_rev');
    const h = await db.query<{ user_id: string; device_id: string; deleted: boolean; at: Date }>(
      'SELECT user_id, device_id, deleted, at FROM history WHERE tenant_id = $1 AND collection = $2 AND id = $3',
      [tenantId, 'tasks', 'meta-1'],
    );
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    const userId = ((await me.json()) as { user: { id: string } }).user.id;
    expect(h.rows).toHaveLength(1);
    expect(h.rows[0]?.user_id).toBe(userId);
    expect(h.rows[0]?.device_id).toBe('test-device');
    expect(h.rows[0]?.at).toBeInstanceOf(Date);
    // An assumedMasterState carrying internals still matches what the server stores.
    const v2 = task('meta-1', { title: '新' });
    const r2 = await push(server.url, token, 'tasks', [{ assumedMasterState: { ...doc, _rev: '2-zzz' }, newDocumentState: v2 }]);
    expect(r2.body).toEqual({ conflicts: [], rejected: [] });
  });

  it('keeps every version of a document written twice in one push, in order', async () => {
    const v1 = task('twice-1');
    const v2 = task('twice-1', { title: '第二版' });
    const r = await push(server.url, token, 'tasks', [{ newDocumentState: v1 }, { assumedMasterState: v1, newDocumentState: v2 }]);
    expect(r.body).toEqual({ conflicts: [], rejected: [] });
    expect(await historyCount('tasks', 'twice-1')).toBe(2);
    expect((await stored('tasks', 'twice-1'))?.data.title).toBe('第二版');
  });

  it('lets exactly one of many concurrent writers of the same document win', async () => {
    const v1 = task('race-1');
    await push(server.url, token, 'tasks', [{ newDocumentState: v1 }]);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => push(server.url, token, 'tasks', [{ assumedMasterState: v1, newDocumentState: task('race-1', { title: `PC ${i}` }) }])),
    );
    const winners = results.filter((r) => (r.body.conflicts as Json[]).length === 0);
    expect(winners).toHaveLength(1);
    const stateNow = await stored('tasks', 'race-1');
    for (const r of results) {
      for (const c of r.body.conflicts as Json[]) expect(c.title).toBe(stateNow?.data.title);
    }
    expect(await historyCount('tasks', 'race-1')).toBe(2);
  });

  it('never lets a puller skip a write while many writers commit concurrently', async () => {
    const start = (await pull(server.url, token, 'notices', 0, 1000)).body.checkpoint as { seq: number };
    let seq = start.seq;
    const seen = new Set<string>();
    let writing = true;
    const writers = Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          await push(server.url, token, 'notices', [{ newDocumentState: notice(`race-n-${w}-${i}`) }, { newDocumentState: notice(`race-m-${w}-${i}`) }]);
        }
      }),
    ).finally(() => {
      writing = false;
    });
    while (writing) {
      const r = await pull(server.url, token, 'notices', seq, 7);
      for (const d of r.body.documents as Json[]) seen.add(d.id as string);
      seq = (r.body.checkpoint as { seq: number }).seq;
    }
    await writers;
    for (;;) {
      const r = await pull(server.url, token, 'notices', seq, 50);
      const docs = r.body.documents as Json[];
      if (docs.length === 0) break;
      for (const d of docs) seen.add(d.id as string);
      seq = (r.body.checkpoint as { seq: number }).seq;
    }
    expect(seen.size).toBe(120);
  });
});
