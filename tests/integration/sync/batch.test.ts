// Issue #14: POST /api/v1/sync/batch (several collections' pulls and digests in one exchange, within a byte budget),
// compressed JSON answers, and the CORS preflight a cross-origin client caches for two hours.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../../shared/schema';
import { API_ROUTES, BATCH_BUDGET_BYTES, BATCH_MIN_BUDGET_BYTES, type BatchResponse, type SessionResponse } from '../../../shared/sync/protocol';
import { batchAnswer, parseBatchRequest } from '../../../src-server/routes/sync';
import { Utf8Buffer, toReplicated, writeReplicated } from '../../../src-server/sync/documents';
import {
  errorCode,
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
  syncGet,
  syncHeaders,
  task,
  type Json,
  type TestDatabase,
  type TestServer,
} from '../server/helpers';

const AT = '2026-11-25T08:30:00.000Z';
const person = (id: string, fields: Json = {}): Json => ({
  id,
  createdAt: AT,
  updatedAt: AT,
  createdBy: 'tester',
  updatedBy: 'tester',
  kind: 'person',
  name: `居民 ${id}`,
  party: 'branch',
  status: 'active',
  ...fields,
});

type Doc = Json & { id: string; sync: { seq: number } };

let tdb: TestDatabase;
let server: TestServer;
let admin: SessionResponse;
let viewer: SessionResponse;
let other: SessionResponse;
let big: SessionResponse;

/** The tenant id in an access token (the server's own id of the compound). */
const tenantOf = (s: SessionResponse): string => (JSON.parse(Buffer.from(s.accessToken.split('.')[1] ?? '', 'base64url').toString()) as { tid: string }).tid;

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** One request with node:http, which sends no Accept-Encoding of its own and decodes nothing. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const jsonHeaders = (s: SessionResponse, extra: Record<string, string> = {}): Record<string, string> => ({
  ...syncHeaders(s.accessToken),
  'Content-Type': 'application/json',
  ...extra,
});

/** POST /sync/batch with `body` (JSON-encoded unless already a string), answered plain. */
async function batch(s: SessionResponse, body: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: Json & Partial<BatchResponse>; raw: Raw }> {
  const r = await raw('POST', API_ROUTES.batch, jsonHeaders(s, extra), typeof body === 'string' ? body : JSON.stringify(body));
  const enc = r.headers['content-encoding'];
  const text = enc === 'gzip' ? gunzipSync(r.body) : enc === 'br' ? brotliDecompressSync(r.body) : r.body;
  return { status: r.status, body: JSON.parse(text.toString('utf8')) as Json & Partial<BatchResponse>, raw: r };
}

/** Every document of a collection after `seq`, by per-collection pulls. */
async function pullAll(s: SessionResponse, collection: CollectionName, seq = 0): Promise<{ documents: Doc[]; checkpoint: number }> {
  const documents: Doc[] = [];
  let at = seq;
  for (;;) {
    const r = await pull(server.url, s.accessToken, collection, at, 1000);
    expect(r.status).toBe(200);
    const docs = r.body.documents as Doc[];
    documents.push(...docs);
    at = (r.body.checkpoint as { seq: number }).seq;
    if (docs.length < 1000) return { documents, checkpoint: at };
  }
}

/** Follows a batch's checkpoints until no collection has more, as a client does; every answer must make progress. */
async function followBatches(
  ask: (checkpoints: Partial<Record<CollectionName, number>>) => Promise<BatchResponse>,
  start: Partial<Record<CollectionName, number>>,
): Promise<{ rounds: BatchResponse[]; docs: Partial<Record<CollectionName, Doc[]>>; checkpoints: Partial<Record<CollectionName, number>> }> {
  const checkpoints = { ...start };
  const docs: Partial<Record<CollectionName, Doc[]>> = {};
  const rounds: BatchResponse[] = [];
  for (let i = 0; i < 1000; i++) {
    const answer = await ask(checkpoints);
    rounds.push(answer);
    let more = false;
    let moved = false;
    for (const [name, part] of Object.entries(answer.pulls) as [CollectionName, NonNullable<BatchResponse['pulls'][CollectionName]>][]) {
      (docs[name] ??= []).push(...(part.documents as unknown as Doc[]));
      if (part.checkpoint.seq !== checkpoints[name]) moved = true;
      checkpoints[name] = part.checkpoint.seq;
      more ||= part.more;
    }
    if (!more) return { rounds, docs, checkpoints };
    expect(moved).toBe(true);
  }
  throw new Error('the batches never ended');
}

let taskSeqs: Record<string, number> = {};

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  for (const code of ['BTA', 'BTB', 'BTC']) await makeCompound(tdb.db, code);
  await makeUser(tdb.db, 'BTA', 'admin', 'admin');
  await makeUser(tdb.db, 'BTA', 'viewer', 'viewer');
  await makeUser(tdb.db, 'BTB', 'admin', 'admin');
  await makeUser(tdb.db, 'BTC', 'admin', 'admin');
  admin = await loginAs(server.url, 'BTA', 'admin');
  viewer = await loginAs(server.url, 'BTA', 'viewer');
  other = await loginAs(server.url, 'BTB', 'admin');
  big = await loginAs(server.url, 'BTC', 'admin');
  // Three collections whose seqs interleave: tasks, then roster and notices, then edits and a deletion of tasks.
  const ids = Array.from({ length: 30 }, (_, i) => `t-${String(i).padStart(2, '0')}`);
  taskSeqs = seqs((await push(server.url, admin.accessToken, 'tasks', ids.map((id) => row(task(id, { description: `说明 ${id} `.repeat(5) }))))).body);
  await push(server.url, admin.accessToken, 'roster', Array.from({ length: 12 }, (_, i) => row(person(`p-${i}`))));
  await push(server.url, admin.accessToken, 'notices', Array.from({ length: 8 }, (_, i) => row(notice(`n-${i}`))));
  Object.assign(taskSeqs, seqs((await push(server.url, admin.accessToken, 'tasks', [row(task('t-03', { title: '改过' }), taskSeqs['t-03'])])).body));
  Object.assign(taskSeqs, seqs((await push(server.url, admin.accessToken, 'tasks', [row({ ...task('t-07'), _deleted: true }, taskSeqs['t-07'])])).body));
  await push(server.url, admin.accessToken, 'roster', [row(person('p-late'))]);
  // Another compound with documents of the same ids and one of its own.
  await push(server.url, other.accessToken, 'tasks', [row(task('t-00', { title: 'B 的' })), row(task('b-only'))]);
  await push(server.url, other.accessToken, 'notices', [row(notice('n-b'))]);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

const ALL: CollectionName[] = ['tasks', 'roster', 'notices'];

describe('POST /sync/batch', () => {
  it('answers the same documents and checkpoints as per-collection pulls, in the order asked, with exact `more`', async () => {
    const r = await batch(viewer, { pull: { notices: 0, tasks: 0, roster: 0, vouchers: 0 } });
    expect(r.status).toBe(200);
    const answer = r.body as BatchResponse;
    expect(Object.keys(answer.pulls)).toEqual(['notices', 'tasks', 'roster', 'vouchers']);
    expect(answer.digests).toEqual({});
    for (const c of ALL) {
      const all = await pullAll(viewer, c);
      expect(all.documents.length).toBeGreaterThan(0);
      expect(answer.pulls[c]).toEqual({ documents: all.documents, checkpoint: { seq: all.checkpoint }, more: false });
      const order = (answer.pulls[c]?.documents ?? []).map((d) => (d as unknown as Doc).sync.seq);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    // An empty collection answers at the checkpoint asked.
    expect(answer.pulls.vouchers).toEqual({ documents: [], checkpoint: { seq: 0 }, more: false });
    // The edited and the deleted task come at their new seqs, the deletion as a tombstone.
    const tasks = answer.pulls.tasks?.documents as unknown as Doc[];
    expect(tasks.at(-1)).toMatchObject({ id: 't-07', _deleted: true, sync: { seq: taskSeqs['t-07'] } });
    expect(tasks.find((d) => d.id === 't-03')).toMatchObject({ title: '改过', _deleted: false, sync: { seq: taskSeqs['t-03'] } });

    // Another order, from checkpoints in the middle: the same as the pulls from there.
    const mid = taskSeqs['t-10'] as number;
    const again = (await batch(admin, { pull: { roster: 3, tasks: mid } })).body as BatchResponse;
    expect(Object.keys(again.pulls)).toEqual(['roster', 'tasks']);
    const fromMid = await pullAll(admin, 'tasks', mid);
    expect(again.pulls.tasks).toEqual({ documents: fromMid.documents, checkpoint: { seq: fromMid.checkpoint }, more: false });
    expect(again.pulls.roster?.documents).toEqual((await pullAll(admin, 'roster', 3)).documents);
    // A checkpoint at or past the end: nothing, the same checkpoint, no more.
    const end = fromMid.checkpoint;
    expect(((await batch(admin, { pull: { tasks: end + 1000 } })).body as BatchResponse).pulls.tasks).toEqual({ documents: [], checkpoint: { seq: end + 1000 }, more: false });
  });

  it('answers the digests the per-collection endpoint gives, after the pulls, each collection once', async () => {
    const r = await batch(viewer, { pull: { roster: 0 }, digest: ['tasks', 'notices', 'vouchers', 'tasks'] });
    expect(r.status).toBe(200);
    const answer = r.body as BatchResponse;
    expect(Object.keys(answer.digests)).toEqual(['tasks', 'notices', 'vouchers']);
    for (const c of ['tasks', 'notices', 'vouchers'] as const) expect(answer.digests[c]).toEqual((await syncGet(server.url, viewer.accessToken, c, 'digest')).body);
    expect(answer.digests.tasks?.count).toBe(29);
    expect(Object.keys(answer.pulls)).toEqual(['roster']);
    // An empty request is a valid, empty exchange.
    expect((await batch(viewer, {})).body).toEqual({ pulls: {}, digests: {} });
  });

  it("never shows another compound's documents", async () => {
    const b = (await batch(other, { pull: { tasks: 0, notices: 0, roster: 0 }, digest: ['tasks'] })).body as BatchResponse;
    expect((b.pulls.tasks?.documents as unknown as Doc[]).map((d) => [d.id, d.title])).toEqual([
      ['t-00', 'B 的'],
      ['b-only', '任务 b-only'],
    ]);
    expect((b.pulls.notices?.documents as unknown as Doc[]).map((d) => d.id)).toEqual(['n-b']);
    expect(b.pulls.roster).toEqual({ documents: [], checkpoint: { seq: 0 }, more: false });
    expect(b.digests.tasks?.count).toBe(2);
    const a = (await batch(admin, { pull: { tasks: 0 } })).body as BatchResponse;
    expect((a.pulls.tasks?.documents as unknown as Doc[]).some((d) => d.id === 'b-only' || d.title === 'B 的')).toBe(false);
  });

  it('splits across answers within a budget; a client following the checkpoints gets every version once, in order', async () => {
    const tid = tenantOf(admin);
    const expected = Object.fromEntries(await Promise.all(ALL.map(async (c) => [c, (await pullAll(admin, c)).documents] as const))) as Record<CollectionName, Doc[]>;
    for (const budget of [1, 700, 3000, 10_000]) {
      const { rounds, docs, checkpoints } = await followBatches(async (pulls) => {
        const ask = parseBatchRequest({ pull: pulls });
        if (!ask.ok) throw new Error(ask.error.error.message);
        return JSON.parse((await batchAnswer(tdb.db, tid, ask.value, budget)).toString('utf8')) as BatchResponse;
      }, { tasks: 0, roster: 0, notices: 0 });
      for (const c of ALL) {
        expect(docs[c]).toEqual(expected[c]);
        expect(checkpoints[c]).toBe(expected[c].at(-1)?.sync.seq);
      }
      expect(rounds.length).toBeGreaterThan(1);
      for (const round of rounds) {
        const parts = Object.values(round.pulls);
        const sizes = parts.flatMap((p) => p.documents.map((d) => Buffer.byteLength(JSON.stringify(d))));
        const total = sizes.reduce((s, n) => s + n, 0);
        // Within the budget, or over it by the one document that went over.
        expect(total - Math.max(0, ...sizes)).toBeLessThan(budget);
        // `more` is exact: whether the collection has versions after the checkpoint it answered.
        for (const [c, p] of Object.entries(round.pulls) as [CollectionName, NonNullable<BatchResponse['pulls'][CollectionName]>][]) {
          expect(p.more).toBe(expected[c].some((d) => d.sync.seq > p.checkpoint.seq));
        }
      }
      if (budget === 1) {
        // Each answer carries exactly one document: the first collection with any, then the others wait.
        for (const round of rounds) expect(Object.values(round.pulls).reduce((s, p) => s + p.documents.length, 0)).toBe(1);
      }
    }
  });

  it('moves on past a document larger than the whole budget', async () => {
    const tid = tenantOf(big);
    const huge = notice('n-huge', { body: '很长的正文。'.repeat(30_000) });
    const before = seqs((await push(server.url, big.accessToken, 'notices', [row(notice('n-small-1'))])).body)['n-small-1'] as number;
    const s = seqs((await push(server.url, big.accessToken, 'notices', [row(huge), row(notice('n-small-2'))])).body);
    await push(server.url, big.accessToken, 'tasks', [row(task('t-c'))]);
    const answer = async (pulls: Json, budget: number): Promise<BatchResponse> => {
      const ask = parseBatchRequest({ pull: pulls });
      if (!ask.ok) throw new Error(ask.error.error.message);
      return JSON.parse((await batchAnswer(tdb.db, tid, ask.value, budget)).toString('utf8')) as BatchResponse;
    };
    const first = await answer({ notices: before, tasks: 0 }, 10_000);
    expect((first.pulls.notices?.documents as unknown as Doc[]).map((d) => d.id)).toEqual(['n-huge']);
    expect(first.pulls.notices).toMatchObject({ checkpoint: { seq: s['n-huge'] }, more: true });
    // tasks came after the budget was spent: nothing, at its checkpoint, and more to come.
    expect(first.pulls.tasks).toEqual({ documents: [], checkpoint: { seq: 0 }, more: true });
    const second = await answer({ notices: s['n-huge'], tasks: 0 }, 10_000);
    expect((second.pulls.notices?.documents as unknown as Doc[]).map((d) => d.id)).toEqual(['n-small-2']);
    expect(second.pulls.notices?.more).toBe(false);
    expect((second.pulls.tasks?.documents as unknown as Doc[]).map((d) => d.id)).toEqual(['t-c']);
    expect(second.pulls.tasks?.more).toBe(false);
  });

  it('stops at BATCH_BUDGET_BYTES over HTTP and goes on from the checkpoint', async () => {
    // About 600 kB of JSON each: seven of them exceed the 4 MiB budget.
    const bodyOf = (i: number): string => `第${i}号通知，`.repeat(200_000 / 6).slice(0, 200_000);
    for (let i = 0; i < 8; i += 4) {
      const r = await push(server.url, big.accessToken, 'notices', [0, 1, 2, 3].map((k) => row(notice(`n-long-${i + k}`, { body: bodyOf(i + k) }))));
      expect(r.body.accepted).toHaveLength(4);
    }
    const expected = (await pullAll(big, 'notices')).documents;
    const { rounds, docs } = await followBatches(async (pulls) => {
      const r = await batch(big, { pull: pulls, digest: ['notices'] }, { 'Accept-Encoding': 'gzip' });
      expect(r.status).toBe(200);
      expect(r.raw.headers['content-encoding']).toBe('gzip');
      return r.body as BatchResponse;
    }, { notices: 0, tasks: 0 });
    expect(rounds.length).toBe(2);
    expect(docs.notices).toEqual(expected);
    const firstBytes = rounds[0]?.pulls.notices?.documents.reduce((s, d) => s + Buffer.byteLength(JSON.stringify(d)), 0) ?? 0;
    expect(firstBytes).toBeGreaterThan(BATCH_BUDGET_BYTES - 700_000);
    expect(firstBytes).toBeLessThan(BATCH_BUDGET_BYTES + 700_000);
    expect(rounds[0]?.pulls.tasks).toEqual({ documents: [], checkpoint: { seq: 0 }, more: true });
    // Not caught up after the first exchange: no digest of notices then; the last exchange brings it.
    expect(rounds[0]?.digests.notices).toBeUndefined();
    expect(rounds[1]?.digests.notices).toEqual((await syncGet(server.url, big.accessToken, 'notices', 'digest')).body);
  });

  it('builds each document as toReplicated does, even from a stored row that carries sync or _deleted', async () => {
    // A small buffer, so that it has to grow.
    const out = new Utf8Buffer(4);
    out.write('[');
    writeReplicated(out, '{}', 5, true);
    out.write(',');
    writeReplicated(out, '{"a": [1, {"b": "}"}], "c": "中😀"}', 9, false);
    out.write(']');
    expect(JSON.parse(out.bytes().toString('utf8'))).toEqual([
      { _deleted: true, sync: { seq: 5 } },
      toReplicated({ seq: 9, deleted: false, data: { a: [1, { b: '}' }], c: '中😀' } }),
    ]);
    const s = seqs((await push(server.url, big.accessToken, 'roster', [row(person('p-old'))])).body)['p-old'] as number;
    await tdb.db.query(`UPDATE documents SET data = data || '{"sync": {"seq": 1}, "_deleted": true}'::jsonb WHERE tenant_id = $1 AND collection = 'roster' AND id = 'p-old'`, [
      tenantOf(big),
    ]);
    const viaPull = (await pull(server.url, big.accessToken, 'roster', s - 1)).body.documents as Doc[];
    const viaBatch = ((await batch(big, { pull: { roster: s - 1 } })).body as BatchResponse).pulls.roster?.documents;
    expect(viaPull).toEqual([expect.objectContaining({ id: 'p-old', _deleted: false, sync: { seq: s } })]);
    expect(viaBatch).toEqual(viaPull);
  });

  it("keeps to the budget a request asks for, never under BATCH_MIN_BUDGET_BYTES nor over the server's own", async () => {
    // The notices of the tests above (some of 600 kB, some small), in seq order, and their sizes.
    const all = (await pullAll(big, 'notices')).documents;
    const sizes = all.map((d) => Buffer.byteLength(JSON.stringify(d)));
    const upTo = (k: number) => sizes.slice(0, k).reduce((a, b) => a + b, 0);
    const countFor = async (budget: number) => {
      const r = await batch(big, { pull: { notices: 0 }, budget });
      expect(r.status).toBe(200);
      return (r.body as BatchResponse).pulls.notices!;
    };
    // Half-way into the third document: two of them.
    const k = 2;
    const part = await countFor(Math.max(BATCH_MIN_BUDGET_BYTES, upTo(k) + Math.floor((sizes[k] ?? 0) / 2)));
    expect(sizes[0]! + sizes[1]!).toBeGreaterThan(BATCH_MIN_BUDGET_BYTES);
    expect(part.documents.map((d) => d.id)).toEqual(all.slice(0, k).map((d) => d.id));
    expect(part.more).toBe(true);
    // Below the smallest budget is the smallest budget: the first document still moves on alone, or with what fits.
    const tiny = await countFor(1);
    expect(tiny.documents.length).toBeGreaterThanOrEqual(1);
    expect(upTo(tiny.documents.length) - sizes[tiny.documents.length - 1]!).toBeLessThanOrEqual(BATCH_MIN_BUDGET_BYTES);
    // More than the server's own is the server's (4 MiB), not everything.
    const huge = await countFor(1e12);
    expect(upTo(huge.documents.length)).toBeLessThan(BATCH_BUDGET_BYTES + 700_000);
    expect(huge.documents.length).toBeLessThan(all.length);
  });

  it('refuses bad requests with a structured 400', async () => {
    const bad: unknown[] = [
      { pull: { nosuch: 0 } },
      { pull: { tasks: -1 } },
      { pull: { tasks: 1.5 } },
      { pull: { tasks: '3' } },
      { pull: { tasks: null } },
      { pull: { tasks: 2 ** 53 } },
      { pull: ['tasks'] },
      { pull: 'tasks' },
      { digest: ['nosuch'] },
      { digest: 'tasks' },
      { digest: [1] },
      { digest: Array.from({ length: 1000 }, () => 'tasks') },
      { pull: { tasks: 0 }, budget: 0 },
      { pull: { tasks: 0 }, budget: -5 },
      { pull: { tasks: 0 }, budget: 1.5 },
      { pull: { tasks: 0 }, budget: '65536' },
      [],
      ['tasks'],
      42,
      'x',
      null,
    ];
    for (const body of bad) {
      const r = await batch(admin, body);
      expect({ body, status: r.status, code: errorCode(r.body) }).toEqual({ body, status: 400, code: 'BAD_REQUEST' });
      expect(typeof (r.body.error as { message?: unknown }).message).toBe('string');
    }
    // `{"pull": {"__proto__": 0}}` as sent on the wire (JSON.stringify above drops a literal __proto__ key).
    expect((await batch(admin, '{"pull": {"__proto__": 0}}')).status).toBe(400);
    for (const text of ['', '{', 'not json']) expect((await batch(admin, text)).body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('makes the checks of the other sync endpoints: body size and type, method, versions, token', async () => {
    const tooBig = await fetch(`${server.url}${API_ROUTES.batch}`, {
      method: 'POST',
      headers: jsonHeaders(admin),
      body: JSON.stringify({ pull: { tasks: 0 }, pad: 'x'.repeat(server.config.maxBodyBytes) }),
    });
    expect(tooBig.status).toBe(413);
    expect(errorCode((await tooBig.json()) as Json)).toBe('PAYLOAD_TOO_LARGE');
    const textPlain = await batch(admin, '{}', { 'Content-Type': 'text/plain' });
    expect([textPlain.status, errorCode(textPlain.body)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const get = await raw('GET', API_ROUTES.batch, syncHeaders(admin.accessToken));
    expect(get.status).toBe(405);
    const old = await batch(admin, {}, { 'X-Linli-Protocol': '1' });
    expect([old.status, errorCode(old.body)]).toEqual([426, 'UPGRADE_REQUIRED']);
    const noToken = await raw('POST', API_ROUTES.batch, { ...syncHeaders(), 'Content-Type': 'application/json' }, '{}');
    expect(noToken.status).toBe(401);
    expect(errorCode(JSON.parse(noToken.body.toString()) as Json)).toBe('UNAUTHENTICATED');
  });
});

describe('compressed answers', () => {
  const ask = JSON.stringify({ pull: { tasks: 0, roster: 0 } });

  it('gzip or brotli when accepted, the same JSON; plain without', async () => {
    const plain = await raw('POST', API_ROUTES.batch, jsonHeaders(admin), ask);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.length).toBeGreaterThan(4096);

    const gz = await raw('POST', API_ROUTES.batch, jsonHeaders(admin, { 'Accept-Encoding': 'gzip, deflate' }), ask);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(gz.headers.vary).toMatch(/\bOrigin\b.*\bAccept-Encoding\b|\bAccept-Encoding\b.*\bOrigin\b/);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

    const br = await raw('POST', API_ROUTES.batch, jsonHeaders(admin, { 'Accept-Encoding': 'gzip, deflate, br, zstd' }), ask);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    // fetch (undici) asks for gzip itself and decodes it.
    const viaFetch = await fetch(`${server.url}${API_ROUTES.batch}`, { method: 'POST', headers: jsonHeaders(admin), body: ask });
    expect(viaFetch.headers.get('content-encoding')).toBe('gzip');
    expect(await viaFetch.json()).toEqual(JSON.parse(plain.body.toString()));
  });

  it('applies to every JSON answer over 1 KiB, not to small ones', async () => {
    const pulled = await raw('GET', `${API_ROUTES.pull.replace(':collection', 'tasks')}?seq=0&limit=100`, { ...syncHeaders(admin.accessToken), 'Accept-Encoding': 'gzip' });
    expect(pulled.headers['content-encoding']).toBe('gzip');
    expect((JSON.parse(gunzipSync(pulled.body).toString()) as { documents: unknown[] }).documents.length).toBeGreaterThan(0);
    const small = await raw('GET', `${API_ROUTES.digest.replace(':collection', 'tasks')}`, { ...syncHeaders(admin.accessToken), 'Accept-Encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ count: 29 });
  });

  it('never compresses the live stream', async () => {
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const req = request(`${server.url}${API_ROUTES.stream}`, { headers: { ...syncHeaders(admin.accessToken), 'Accept-Encoding': 'gzip, br' } }, (res) => {
        resolve(res.headers);
        req.destroy();
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(headers['content-type']).toMatch(/^text\/event-stream/);
    expect(headers['content-encoding']).toBeUndefined();
  });
});

describe('CORS preflight', () => {
  it('lets the desktop app keep the answer for two hours', async () => {
    const r = await raw('OPTIONS', API_ROUTES.batch, {
      Origin: 'app://linli',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type, x-linli-protocol, x-linli-schema, x-linli-device',
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-max-age']).toBe('7200');
    expect(r.headers['access-control-allow-origin']).toBe('app://linli');
    expect(String(r.headers['access-control-allow-methods'])).toMatch(/POST/);
  });
});
