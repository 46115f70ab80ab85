// Issues #3 and #7, protocol 2: checkpoints, compare-and-set by seq, idempotent pushes, conflicts with their base,
// tombstones, validation, history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushConflict } from '../../../shared/sync/protocol';
import type { Db } from '../../../src-server/db/db';
import {
  acceptedAt,
  atSeq,
  freshDatabase,
  loginAs,
  makeCompound,
  makeUser,
  notice,
  pull,
  push,
  row,
  seqs,
  startServer,
  syncHeaders,
  task,
  type Json,
  type TestDatabase,
  type TestServer,
} from './helpers';

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
    // Every document carries the seq of its version; they come in seq order and the checkpoint is the last one.
    const docSeqs = docs.map((d) => (d.sync as { seq: number }).seq);
    expect(docSeqs).toEqual([...docSeqs].sort((x, y) => x - y));
    expect(docSeqs[0]).toBeGreaterThan(seq);
    expect(checkpoint.seq).toBe(docSeqs[docSeqs.length - 1]);
    seq = checkpoint.seq;
  }
}

async function historyCount(collection: string, id: string): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM history WHERE tenant_id = $1 AND collection = $2 AND id = $3', [tenantId, collection, id]);
  return r.rows[0]?.n ?? -1;
}

async function stored(collection: string, id: string): Promise<{ seq: number; deleted: boolean; data: Json } | undefined> {
  const r = await db.query<{ seq: number; deleted: boolean; data: Json }>('SELECT seq, deleted, data FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = $3', [
    tenantId,
    collection,
    id,
  ]);
  return r.rows[0];
}

async function tenantSeq(): Promise<number | undefined> {
  return (await db.query<{ seq: number }>('SELECT seq FROM tenant_seq WHERE tenant_id = $1', [tenantId])).rows[0]?.seq;
}

/** Pushes one new document and returns the seq it was accepted at. */
async function create(collection: 'tasks' | 'notices', doc: Json): Promise<number> {
  const r = await push(server.url, token, collection, [row(doc)]);
  expect(r.body.conflicts).toEqual([]);
  expect(r.body.rejected).toEqual([]);
  const seq = r.body.accepted?.[0]?.seq;
  if (seq === undefined) throw new Error('not accepted');
  return seq;
}

describe('pull by checkpoint', () => {
  it('returns 500 documents written in the same millisecond exactly once across batches of 100', async () => {
    // Every document carries the same timestamps: only the server's sequence orders them.
    const before = (await tenantSeq()) ?? 0;
    const rows = Array.from({ length: 500 }, (_, i) => row(notice(`n-${String(i).padStart(3, '0')}`)));
    const r = await push(server.url, token, 'notices', rows);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(acceptedAt(...rows.map((x, i): [string, number] => [x.document.id as string, before + 1 + i])));
    const all = await pullAll('notices', 0, 100);
    expect(all.ids).toHaveLength(500);
    expect(new Set(all.ids).size).toBe(500);
    expect(all.batches).toBe(5);
  });

  it('misses nothing and repeats nothing when writes land between batches', async () => {
    const first = Array.from({ length: 250 }, (_, i) => row(task(`t-${i}`)));
    const second = Array.from({ length: 250 }, (_, i) => row(task(`t-${250 + i}`)));
    expect((await push(server.url, token, 'tasks', first)).status).toBe(200);
    const b1 = await pull(server.url, token, 'tasks', 0, 100);
    const docs = b1.body.documents as Json[];
    const seen = docs.map((d) => d.id as string);
    const t0 = docs.find((d) => d.id === 't-0');
    // An edit of an already-pulled document moves it to the end: it must come again, with its new state.
    const edited = task('t-0', { title: '改过的标题' });
    const e = await push(server.url, token, 'tasks', [row(edited, (t0?.sync as { seq: number }).seq)]);
    expect(e.body.accepted).toHaveLength(1);
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

describe('push: compare-and-set by seq', () => {
  it('accepts a retried push at the existing seq and stores no second version (lost response, client retried)', async () => {
    const doc = task('retry-1');
    const a = await push(server.url, token, 'tasks', [row(doc)]);
    const s1 = seqs(a.body)['retry-1'] as number;
    expect(a.body).toEqual(acceptedAt(['retry-1', s1]));
    const seqAfterFirst = await tenantSeq();
    expect(s1).toBe(seqAfterFirst);
    const b = await push(server.url, token, 'tasks', [row(doc)]);
    expect(b.body).toEqual(acceptedAt(['retry-1', s1]));
    expect(await historyCount('tasks', 'retry-1')).toBe(1);
    expect(await tenantSeq()).toBe(seqAfterFirst);

    // The same for an update: v1 → v2 based on s1, sent twice; and once more with the sync state the client keeps.
    const v2 = task('retry-1', { title: '改过的标题' }); // a status change needs its transition (issue #11)
    const u = await push(server.url, token, 'tasks', [row(v2, s1)]);
    const s2 = seqs(u.body)['retry-1'] as number;
    expect(s2).toBeGreaterThan(s1);
    expect((await push(server.url, token, 'tasks', [row(v2, s1)])).body).toEqual(acceptedAt(['retry-1', s2]));
    expect((await push(server.url, token, 'tasks', [row({ ...v2, sync: { seq: s1, dirty: true } }, s1)])).body).toEqual(acceptedAt(['retry-1', s2]));
    // Even a retry whose baseSeq is stale (the client never heard of s2) is recognised by its content.
    expect((await push(server.url, token, 'tasks', [row(v2, 0)])).body).toEqual(acceptedAt(['retry-1', s2]));
    expect(await historyCount('tasks', 'retry-1')).toBe(2);
    expect(await tenantSeq()).toBe(s2);
  });

  it('answers a stale baseSeq with the current version and the version it was based on, and leaves the row unchanged', async () => {
    const v1 = task('conflict-1');
    const s1 = await create('tasks', v1);
    const pcA = task('conflict-1', { title: 'A 的标题' });
    const pcB = task('conflict-1', { title: 'B 的标题' });
    const a = await push(server.url, token, 'tasks', [row(pcA, s1)]);
    const s2 = seqs(a.body)['conflict-1'] as number;
    expect(a.body).toEqual(acceptedAt(['conflict-1', s2]));
    const r = await push(server.url, token, 'tasks', [row(pcB, s1)]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ accepted: [], conflicts: [{ document: atSeq(pcA, s2), base: atSeq(v1, s1) }], rejected: [] });
    expect((await stored('tasks', 'conflict-1'))?.data.title).toBe('A 的标题');
    expect(await historyCount('tasks', 'conflict-1')).toBe(2);
    // The history endpoint lists the accepted versions, each with its own seq, with who wrote them.
    const hist = await fetch(`${server.url}/api/v1/history/tasks/conflict-1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(hist.status).toBe(200);
    const versions = ((await hist.json()) as { versions: { seq: number; document: Json; username: string; deviceId: string }[] }).versions;
    expect(versions.map((v) => [v.seq, v.document])).toEqual([
      [s1, atSeq(v1, s1)],
      [s2, atSeq(pcA, s2)],
    ]);
    expect(versions[1]).toMatchObject({ username: 'admin', deviceId: 'test-device' });

    // A client that believes the document is new while the server has it: conflict, with no base.
    const fresh = await push(server.url, token, 'tasks', [row(task('conflict-1', { title: 'C' }))]);
    expect(fresh.body.conflicts).toEqual([{ document: atSeq(pcA, s2) }]);

    // A client merged and pushes again on s2: accepted.
    const merged = await push(server.url, token, 'tasks', [row(task('conflict-1', { title: 'A 的标题', description: 'B 的补充' }), s2)]);
    expect(merged.body.accepted).toHaveLength(1);
    expect(merged.body.conflicts).toEqual([]);
  });

  it('gives no base when baseSeq names a version of another document or collection, or none at all', async () => {
    const other = await create('tasks', task('base-other'));
    const sameIdNotice = await create('notices', notice('base-1'));
    const s1 = await create('tasks', task('base-1'));
    const s2 = seqs((await push(server.url, token, 'tasks', [row(task('base-1', { title: '二' }), s1)])).body)['base-1'] as number;
    const current = atSeq(task('base-1', { title: '二' }), s2);
    const r = await push(server.url, token, 'tasks', [
      row(task('base-1', { title: 'x' }), other),
      row(task('base-1', { title: 'y' }), sameIdNotice),
      row(task('base-1', { title: 'z' }), 10_000_000),
      row(task('base-1', { title: 'w' }), s1),
    ]);
    const conflicts = r.body.conflicts as PushConflict[];
    expect(conflicts).toEqual([{ document: current }, { document: current }, { document: current }, { document: current, base: atSeq(task('base-1'), s1) }]);
  });

  it('writes a document the server does not have, whatever its baseSeq', async () => {
    const r = await push(server.url, token, 'tasks', [row(task('unknown-base'), 42)]);
    expect(r.body.conflicts).toEqual([]);
    expect(r.body.accepted?.map((a) => a.id)).toEqual(['unknown-base']);
    expect((await stored('tasks', 'unknown-base'))?.seq).toBe(r.body.accepted?.[0]?.seq);
  });

  it('does not overwrite a tombstone with a push based on an older seq', async () => {
    const v1 = task('tomb-1');
    const s1 = await create('tasks', v1);
    const tombstone = { ...v1, _deleted: true };
    const d = await push(server.url, token, 'tasks', [row(tombstone, s1)]);
    const s2 = seqs(d.body)['tomb-1'] as number;
    expect(d.body).toEqual(acceptedAt(['tomb-1', s2]));
    // The offline PC edited the document it last saw alive.
    const offlineEdit = task('tomb-1', { title: '离线时改的' });
    const r = await push(server.url, token, 'tasks', [row(offlineEdit, s1)]);
    expect(r.body).toEqual({ accepted: [], conflicts: [{ document: atSeq(tombstone, s2), base: atSeq(v1, s1) }], rejected: [] });
    const s = await stored('tasks', 'tomb-1');
    expect(s?.deleted).toBe(true);
    expect(s?.seq).toBe(s2);
    expect(s?.data.title).toBe(v1.title);
    // It also cannot come back by pretending to be new.
    const r2 = await push(server.url, token, 'tasks', [row(offlineEdit)]);
    expect(r2.body.conflicts).toEqual([{ document: atSeq(tombstone, s2) }]);
    expect((await stored('tasks', 'tomb-1'))?.deleted).toBe(true);
    expect(await historyCount('tasks', 'tomb-1')).toBe(2);
    // Pull hands the tombstone out, with its seq.
    const all = await pull(server.url, token, 'tasks', 0, 1000);
    expect((all.body.documents as Json[]).find((x) => x.id === 'tomb-1')).toEqual(atSeq(tombstone, s2));
  });

  it('lets exactly one of many concurrent writers of the same document win; the others get it and the common base', async () => {
    const v1 = task('race-1');
    const s1 = await create('tasks', v1);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => push(server.url, token, 'tasks', [row(task('race-1', { title: `PC ${i}` }), s1)])));
    const winners = results.filter((r) => (r.body.conflicts ?? []).length === 0);
    expect(winners).toHaveLength(1);
    const stateNow = await stored('tasks', 'race-1');
    expect(winners[0]?.body.accepted).toEqual([{ id: 'race-1', seq: stateNow?.seq }]);
    for (const r of results) {
      if (r === winners[0]) continue;
      expect(r.body.accepted).toEqual([]);
      expect(r.body.conflicts).toEqual([{ document: atSeq({ ...stateNow?.data, _deleted: false }, stateNow?.seq ?? -1), base: atSeq(v1, s1) }]);
    }
    expect(await historyCount('tasks', 'race-1')).toBe(2);
  });
});

describe('push: rows and documents', () => {
  it('rejects an invalid document with a clear error and stores the rest of the push', async () => {
    const r = await push(server.url, token, 'tasks', [
      row(task('ok-1')),
      row(task('bad-1', { status: 'finished' })),
      row(task('bad-2', { sneaky: true })),
      row({ ...task('bad-3'), title: undefined }),
      row(task('x'.repeat(65))),
      row(task('ok-2')),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.conflicts).toEqual([]);
    expect(r.body.accepted?.map((a) => a.id)).toEqual(['ok-1', 'ok-2']);
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

  it('rejects malformed rows one by one and applies the rest', async () => {
    const r = await push(server.url, token, 'tasks', [
      { nothing: true },
      'text',
      null,
      { document: task('mal-1') }, // no baseSeq
      { baseSeq: -1, document: task('mal-2') },
      { baseSeq: 1.5, document: task('mal-3') },
      { baseSeq: '0', document: task('mal-4') },
      { baseSeq: 2 ** 53, document: task('mal-5') },
      { baseSeq: 0, document: 'mal-6' },
      { baseSeq: 0, document: [task('mal-7')] },
      { baseSeq: 0, newDocumentState: task('mal-8') }, // protocol 1's shape
      row(task('nul-1', { title: 'a\u0000b' })),
      row(task('mal-ok')),
    ]);
    expect(r.status).toBe(200);
    expect((r.body.rejected ?? []).map((x) => [x.id, x.code])).toEqual([
      ['', 'MALFORMED_ROW'],
      ['', 'MALFORMED_ROW'],
      ['', 'MALFORMED_ROW'],
      ['mal-1', 'MALFORMED_ROW'],
      ['mal-2', 'MALFORMED_ROW'],
      ['mal-3', 'MALFORMED_ROW'],
      ['mal-4', 'MALFORMED_ROW'],
      ['mal-5', 'MALFORMED_ROW'],
      ['', 'MALFORMED_ROW'],
      ['', 'MALFORMED_ROW'],
      ['', 'MALFORMED_ROW'],
      ['nul-1', 'SCHEMA_INVALID'],
    ]);
    expect(r.body.accepted?.map((a) => a.id)).toEqual(['mal-ok']);
    for (const id of ['mal-1', 'mal-2', 'mal-4', 'mal-8', 'nul-1']) expect(await stored('tasks', id)).toBeUndefined();
    const bad = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { ...syncHeaders(token), 'Content-Type': 'application/json' },
      body: '{"rows": 5}',
    });
    expect(bad.status).toBe(400);
    const notJson = await fetch(`${server.url}/api/v1/sync/tasks/push`, {
      method: 'POST',
      headers: { ...syncHeaders(token), 'Content-Type': 'application/json' },
      body: '{rows',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });

  it('strips RxDB internals and sync, keeps _deleted, and records who wrote each version from which device', async () => {
    const doc = { ...task('meta-1'), _rev: '1-abc', _meta: { lwt: 1 }, _attachments: {}, sync: { seq: 0, dirty: true } };
    const r = await push(server.url, token, 'tasks', [row(doc)]);
    const s1 = seqs(r.body)['meta-1'] as number;
    expect(r.body).toEqual(acceptedAt(['meta-1', s1]));
    const s = await stored('tasks', 'meta-1');
    expect(s?.data).toEqual(task('meta-1', { _deleted: undefined }));
    expect(Object.keys(s?.data ?? {})).not.toContain('_rev');
    expect(Object.keys(s?.data ?? {})).not.toContain('sync');
    const h = await db.query<{ user_id: string; device_id: string; deleted: boolean; at: Date; data: Json }>(
      'SELECT user_id, device_id, deleted, at, data FROM history WHERE tenant_id = $1 AND collection = $2 AND id = $3',
      [tenantId, 'tasks', 'meta-1'],
    );
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    const userId = ((await me.json()) as { user: { id: string } }).user.id;
    expect(h.rows).toHaveLength(1);
    expect(h.rows[0]?.user_id).toBe(userId);
    expect(h.rows[0]?.device_id).toBe('test-device');
    expect(h.rows[0]?.at).toBeInstanceOf(Date);
    expect(Object.keys(h.rows[0]?.data ?? {})).not.toContain('sync');
    // The same content with other internals and another sync state is the same version.
    expect((await push(server.url, token, 'tasks', [row({ ...doc, _rev: '2-zzz', sync: { seq: 77 } }, s1)])).body).toEqual(acceptedAt(['meta-1', s1]));
    const v2 = task('meta-1', { title: '新' });
    expect((await push(server.url, token, 'tasks', [row({ ...v2, sync: { seq: s1, dirty: true } }, s1)])).body.accepted).toHaveLength(1);
  });

  it('keeps every version of a document written twice in one push, in order', async () => {
    const v1 = task('twice-1');
    const v2 = task('twice-1', { title: '第二版' });
    const next = ((await tenantSeq()) ?? 0) + 1;
    // The second row is based on the version the first one creates (its seq is the next one: the push holds the lock).
    const r = await push(server.url, token, 'tasks', [row(v1), row(v2, next)]);
    expect(r.body).toEqual(acceptedAt(['twice-1', next], ['twice-1', next + 1]));
    expect(await historyCount('tasks', 'twice-1')).toBe(2);
    expect(await stored('tasks', 'twice-1')).toMatchObject({ seq: next + 1, data: { title: '第二版' } });

    // Based on the same seq twice: the first row wins, the second conflicts with what the first wrote.
    const v3 = task('twice-1', { title: '第三版' });
    const v3b = task('twice-1', { title: '另一个第三版' });
    const r2 = await push(server.url, token, 'tasks', [row(v3, next + 1), row(v3b, next + 1), row(v3, next + 1)]);
    expect(r2.body.accepted).toEqual([
      { id: 'twice-1', seq: next + 2 },
      { id: 'twice-1', seq: next + 2 },
    ]);
    expect(r2.body.conflicts).toEqual([{ document: atSeq(v3, next + 2), base: atSeq(v2, next + 1) }]);
    expect(await historyCount('tasks', 'twice-1')).toBe(3);
  });

  it('never lets a puller skip a write while many writers commit concurrently', async () => {
    const start = (await pull(server.url, token, 'notices', 0, 1000)).body.checkpoint as { seq: number };
    let seq = start.seq;
    const seen = new Set<string>();
    let writing = true;
    const writers = Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          await push(server.url, token, 'notices', [row(notice(`race-n-${w}-${i}`)), row(notice(`race-m-${w}-${i}`))]);
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
