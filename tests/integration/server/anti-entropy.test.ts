// Issue #7, anti-entropy reads: digest, versions and fetch of one collection, for every role of the compound and
// nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf } from '../../../shared/sync/digest';
import { FETCH_MAX_IDS, PROTOCOL_VERSION, type SessionResponse } from '../../../shared/sync/protocol';
import {
  atSeq,
  fetchDocs,
  freshDatabase,
  loginAs,
  makeCompound,
  makeUser,
  notice,
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
} from './helpers';

let tdb: TestDatabase;
let server: TestServer;
let admin: SessionResponse;
let viewer: SessionResponse;
let other: SessionResponse;
/** The seq each of A's tasks is at now. */
const at: Record<string, number> = {};

// Ids whose code-unit order ('B' < 'Z' < 'a' < 'b' < '中') differs from a natural-language collation.
const IDS = ['b', 'a', 'Z', 'B', '中', 'a-2'];

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'AEA');
  await makeCompound(tdb.db, 'AEB');
  await makeUser(tdb.db, 'AEA', 'admin', 'admin');
  await makeUser(tdb.db, 'AEA', 'viewer', 'viewer');
  await makeUser(tdb.db, 'AEB', 'admin', 'admin');
  admin = await loginAs(server.url, 'AEA', 'admin');
  viewer = await loginAs(server.url, 'AEA', 'viewer');
  other = await loginAs(server.url, 'AEB', 'admin');
  Object.assign(at, seqs((await push(server.url, admin.accessToken, 'tasks', IDS.map((id) => row(task(id))))).body));
  // 'a' is edited, 'Z' deleted; B has a task of the same id and one of its own; a notice lives in another collection.
  Object.assign(at, seqs((await push(server.url, admin.accessToken, 'tasks', [row(task('a', { title: '改' }), at.a)])).body));
  Object.assign(at, seqs((await push(server.url, admin.accessToken, 'tasks', [row({ ...task('Z'), _deleted: true }, at.Z)])).body));
  await push(server.url, other.accessToken, 'tasks', [row(task('b', { title: 'B 的' })), row(task('b-only'))]);
  await push(server.url, admin.accessToken, 'notices', [row(notice('n-1'))]);
});

afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

const code = (body: Json): string | undefined => (body.error as { code?: string } | undefined)?.code;

describe('digest', () => {
  it('summarises the live documents at their current seqs, as the client computes it', async () => {
    const r = await syncGet(server.url, viewer.accessToken, 'tasks', 'digest');
    expect(r.status).toBe(200);
    const live = IDS.filter((id) => id !== 'Z').map((id) => ({ id, seq: at[id] as number }));
    expect(r.body).toEqual(digestOf(live));
    expect(r.body.count).toBe(5);
    expect(r.body.maxSeq).toBe(at.a);
    // B's digest knows nothing of A's documents, and an empty collection has the empty digest.
    expect((await syncGet(server.url, other.accessToken, 'tasks', 'digest')).body.count).toBe(2);
    expect((await syncGet(server.url, admin.accessToken, 'vouchers', 'digest')).body).toEqual(digestOf([]));
  });

  it('changes with every accepted write and not with a retried one', async () => {
    const before = (await syncGet(server.url, admin.accessToken, 'notices', 'digest')).body;
    const r = await push(server.url, admin.accessToken, 'notices', [row(notice('n-1'))]);
    expect(r.body.accepted).toHaveLength(1);
    expect((await syncGet(server.url, admin.accessToken, 'notices', 'digest')).body).toEqual(before);
    await push(server.url, admin.accessToken, 'notices', [row(notice('n-2'))]);
    expect((await syncGet(server.url, admin.accessToken, 'notices', 'digest')).body).not.toEqual(before);
  });
});

describe('versions', () => {
  it('lists every document with its seq and deleted flag, tombstones included, ordered by id in code units', async () => {
    const r = await syncGet(server.url, viewer.accessToken, 'tasks', 'versions');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      versions: [
        ['B', at.B, false],
        ['Z', at.Z, true],
        ['a', at.a, false],
        ['a-2', at['a-2'], false],
        ['b', at.b, false],
        ['中', at['中'], false],
      ],
    });
    const theirs = (await syncGet(server.url, other.accessToken, 'tasks', 'versions')).body.versions as [string, number, boolean][];
    expect(theirs.map(([id]) => id)).toEqual(['b', 'b-only']);
  });
});

describe('fetch', () => {
  it('returns the current version of each id that exists, tombstones included, with sync.seq', async () => {
    const r = await fetchDocs(server.url, viewer.accessToken, 'tasks', { ids: ['Z', 'a', 'missing', 'a', 'b-only'] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ documents: [atSeq({ ...task('Z'), _deleted: true }, at.Z as number), atSeq(task('a', { title: '改' }), at.a as number)] });
    expect(await fetchDocs(server.url, admin.accessToken, 'tasks', { ids: [] })).toEqual({ status: 200, body: { documents: [] } });
    // The id of a notice asked of tasks: nothing.
    expect((await fetchDocs(server.url, admin.accessToken, 'tasks', { ids: ['n-1'] })).body).toEqual({ documents: [] });
  });

  it("never hands one compound's document to another", async () => {
    const r = await fetchDocs(server.url, other.accessToken, 'tasks', { ids: ['a', 'B', 'b'] });
    expect(r.body.documents).toEqual([expect.objectContaining({ id: 'b', title: 'B 的' })]);
    const named = await fetchDocs(server.url, admin.accessToken, 'tasks', { ids: ['b-only'] }, { 'X-Linli-Compound': 'AEB' });
    expect(named.status).toBe(403);
    expect(code(named.body)).toBe('FORBIDDEN');
    expect(JSON.stringify(named.body)).not.toContain('b-only');
  });

  it('answers 400 BAD_REQUEST to ids that are not a list of at most 1000 ids', async () => {
    const longest = 'x'.repeat(64);
    expect((await fetchDocs(server.url, admin.accessToken, 'tasks', { ids: [longest, '中'.repeat(64)] })).status).toBe(200);
    expect((await fetchDocs(server.url, admin.accessToken, 'tasks', { ids: Array.from({ length: FETCH_MAX_IDS }, (_, i) => `id-${i}`) })).status).toBe(200);
    const bad: unknown[] = [
      {},
      { ids: 'a' },
      { ids: null },
      { ids: [1] },
      { ids: ['a', null] },
      { ids: [['a']] },
      { ids: [`${longest}x`] },
      { ids: Array.from({ length: FETCH_MAX_IDS + 1 }, (_, i) => `id-${i}`) },
      [],
      '{ids',
    ];
    for (const body of bad) {
      const r = await fetchDocs(server.url, admin.accessToken, 'tasks', body);
      expect(r.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(code(r.body)).toBe('BAD_REQUEST');
    }
  });
});

describe('access', () => {
  it('is open to every role of the compound, also on collections it may not write', async () => {
    for (const collection of ['vouchers', 'settings', 'tasks'] as const) {
      expect((await syncGet(server.url, viewer.accessToken, collection, 'digest')).status).toBe(200);
      expect((await syncGet(server.url, viewer.accessToken, collection, 'versions')).status).toBe(200);
      expect((await fetchDocs(server.url, viewer.accessToken, collection, { ids: ['a'] })).status).toBe(200);
    }
  });

  it('refuses no token, a forged one, another compound, an old protocol, the wrong method and unknown collections', async () => {
    const urls = ['digest', 'versions'].map((op) => `${server.url}/api/v1/sync/tasks/${op}`);
    for (const url of urls) {
      expect((await fetch(url, { headers: syncHeaders() })).status).toBe(401);
      expect((await fetch(url, { headers: syncHeaders(`${admin.accessToken}x`) })).status).toBe(401);
      expect((await fetch(url, { headers: { ...syncHeaders(admin.accessToken), 'X-Linli-Compound': 'AEB' } })).status).toBe(403);
      expect((await fetch(url, { headers: { ...syncHeaders(admin.accessToken), 'X-Linli-Protocol': String(PROTOCOL_VERSION - 1) } })).status).toBe(426);
      expect((await fetch(url, { method: 'POST', headers: syncHeaders(admin.accessToken), body: '{}' })).status).toBe(405);
    }
    const fetchUrl = `${server.url}/api/v1/sync/tasks/fetch`;
    expect((await fetch(fetchUrl, { method: 'POST', headers: syncHeaders(), body: '{"ids":["a"]}' })).status).toBe(401);
    expect((await fetch(fetchUrl, { headers: syncHeaders(admin.accessToken) })).status).toBe(405);
    expect((await fetch(`${server.url}/api/v1/sync/nope/digest`, { headers: syncHeaders(admin.accessToken) })).status).toBe(404);
  });
});
