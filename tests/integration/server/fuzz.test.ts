// Issue #15, "fuzz runs in CI, seeded, printing their figures": the server's push, pull, batch, digest, versions,
// fetch, history, stream and auth endpoints get documents derived from the collections' JSON schemas with one thing
// broken (fuzz-arbitraries.ts), random and truncated JSON, wrong content types, oversized bodies, garbage checkpoints
// and headers, forged and expired tokens, other compounds' ids, and edits to finalised meetings and posted vouchers.
// Every answer must be a 4xx with the structured error body ({error: {code, message}}, its status the code's) — or,
// where the protocol answers a refused row inside a 200 (push), every row refused — within a per-request timeout; the
// server must still answer afterwards, its heap stay bounded, nothing be logged as a server error, and the stored
// documents, history and sequence counters be exactly what they were before.
//
// Seeded: FUZZ_SEED (default below) fixes every input; FUZZ_RUNS scales the number of inputs per property. The seed,
// the inputs tried per endpoint and the seconds taken are printed at the end.
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/schema';
import {
  API_ERROR_STATUS,
  API_ROUTES,
  HEADERS,
  PROTOCOL_VERSION,
  STREAM_QUERY,
  fillPath,
  schemaFingerprint,
  type SessionResponse,
} from '../../../shared/sync/protocol';
import { loadTokenSecret } from '../../../src-server/auth/secret';
import { signAccessToken, type ServerClaims } from '../../../src-server/auth/jwt';
import { jsonProblem } from '../../../src-server/http/json-safety';
import { createSchemaValidators } from '../../../src-server/sync/schema-validator';
import { MUTATION_KINDS, mutateArb, nested, validDocArb, wireJson, type Json, type MutationKind } from './fuzz-arbitraries';
import { freshDatabase, loginAs, makeCompound, makeUser, notice, startServer, syncHeaders, task, type TestDatabase, type TestServer } from './helpers';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const RUNS = Math.max(1, Math.floor(Number(process.env.FUZZ_RUNS ?? 40)));
/** A request that has not been answered by then is a hang. */
const REQUEST_TIMEOUT_MS = 15_000;
/** Growth of the heap (after a forced collection) the whole fuzz may cause; generous, it catches a leak per request. */
const HEAP_BOUND_BYTES = 96 * 1024 * 1024;
/** Text only compound B's documents carry: an answer to compound A that contains it leaked B's data. */
const B_MARKER = 'B机密-7d1f';

const runs = (factor: number) => Math.max(1, Math.round(RUNS * factor));
const fcParams = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });

let tdb: TestDatabase;
let server: TestServer;
let secret: Buffer;
let a: SessionResponse; // compound FUZZA's 管理员: may write every collection
let b: SessionResponse; // compound FUZZB's 管理员: the victim
const serverErrors: string[] = [];
const validators = createSchemaValidators();
const startedAt = performance.now();

/** Each endpoint's inputs tried, by how they were answered. */
const figures = new Map<string, { tried: number; refused4xx: number; ok2xx: number; rowsRefused: number }>();
const mutationsTried = new Map<MutationKind, number>();
const figure = (endpoint: string) => {
  let f = figures.get(endpoint);
  if (!f) figures.set(endpoint, (f = { tried: 0, refused4xx: 0, ok2xx: 0, rowsRefused: 0 }));
  return f;
};

// ---- Sending ----

type Answer = { status: number; text: string; body: Json | undefined; ms: number };

async function send(endpoint: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const t0 = performance.now();
  const f = figure(endpoint);
  f.tried += 1;
  let status = 0;
  let text = '';
  try {
    const res = await fetch(`${server.url}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    status = res.status;
    text = await res.text();
  } catch (e) {
    text = `no answer: ${e instanceof Error ? `${e.name} ${e.message} ${String((e as { cause?: unknown }).cause ?? '')}` : String(e)}`;
  }
  if (status >= 400 && status < 500) f.refused4xx += 1;
  if (status >= 200 && status < 300) f.ok2xx += 1;
  let body: Json | undefined;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    body = undefined;
  }
  return { status, text, body, ms: performance.now() - t0 };
}

const describeAnswer = (label: string, r: Answer) => `${label} → ${r.status} ${r.text.slice(0, 300)}`;

/** A 4xx with the structured error body: {error: {code, message}} with the code's own status, no stack trace. */
function expectRefused(label: string, r: Answer): void {
  const why = describeAnswer(label, r);
  expect(r.status, why).toBeGreaterThanOrEqual(400);
  expect(r.status, why).toBeLessThan(500);
  const error = r.body?.error as { code?: unknown; message?: unknown } | undefined;
  expect(typeof error?.code, why).toBe('string');
  expect(typeof error?.message, why).toBe('string');
  expect(API_ERROR_STATUS[error?.code as keyof typeof API_ERROR_STATUS], why).toBe(r.status);
  expect(r.text, why).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

/** Reads may answer a hostile-looking request that is still well-formed (seq=0x10); they never leak B's data. */
function expectRefusedOrRead(label: string, r: Answer): void {
  expect(r.text, describeAnswer(label, r)).not.toContain(B_MARKER);
  if (r.status === 200) {
    expect(r.body, describeAnswer(label, r)).toBeTypeOf('object');
    return;
  }
  expectRefused(label, r);
}

/** A push answered 200 must have refused every row (written nothing); otherwise it is a structured 4xx. */
function expectPushWroteNothing(label: string, r: Answer, rows: number): void {
  expect(r.text, describeAnswer(label, r)).not.toContain(B_MARKER);
  if (r.status !== 200) return expectRefused(label, r);
  const body = r.body as { accepted?: unknown[]; rejected?: unknown[]; conflicts?: unknown[] };
  expect(body.accepted, describeAnswer(label, r)).toEqual([]);
  expect((body.rejected?.length ?? 0) + (body.conflicts?.length ?? 0), describeAnswer(label, r)).toBe(rows);
  figure('push').rowsRefused += body.rejected?.length ?? 0;
}

const sync = (token: string, extra: Record<string, string> = {}) => ({ ...syncHeaders(token), ...extra });
const jsonHeaders = (token: string, extra: Record<string, string> = {}) => ({ ...sync(token), 'Content-Type': 'application/json', ...extra });
const pushPath = (c: string) => fillPath(API_ROUTES.push, { collection: c });

// ---- Stored data ----

type Snapshot = Record<'documents' | 'history' | 'tenantSeq' | 'users' | 'compounds', string[]>;

async function snapshot(): Promise<Snapshot> {
  const rows = async (sql: string) => (await tdb.db.query<{ r: string }>(sql)).rows.map((x) => x.r);
  return {
    documents: await rows(`SELECT concat_ws('|', tenant_id, collection, id, seq::text, deleted::text, data::text) AS r FROM documents ORDER BY tenant_id, collection, id`),
    history: await rows(`SELECT concat_ws('|', tenant_id, seq::text, collection, id, deleted::text, data::text, user_id, device_id) AS r FROM history ORDER BY tenant_id, seq`),
    tenantSeq: await rows(`SELECT concat_ws('|', tenant_id, seq::text, stored_bytes::text) AS r FROM tenant_seq ORDER BY tenant_id`),
    users: await rows(`SELECT concat_ws('|', tenant_id, id, username, role, password_hash, disabled::text) AS r FROM users ORDER BY tenant_id, id`),
    compounds: await rows(`SELECT concat_ws('|', id, code, name) AS r FROM compounds ORDER BY id`),
  };
}

const ofTenant = (s: Snapshot, tenantId: string): Snapshot =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.filter((line) => line.startsWith(`${tenantId}|`) || line.includes(`|${tenantId}|`))])) as Snapshot;

/** Stores a document as the server holds it after its review / finalisation flow: next seq, a history entry. */
async function storeAsHeld(tenantId: string, userId: string, collection: CollectionName, doc: Json): Promise<number> {
  return tdb.db.transaction(async (tx) => {
    const r = await tx.query<{ seq: string | number }>('UPDATE tenant_seq SET seq = seq + 1 WHERE tenant_id = $1 RETURNING seq', [tenantId]);
    const seq = Number(r.rows[0]?.seq);
    const { _deleted: _flag, ...data } = doc;
    const text = JSON.stringify(data);
    await tx.query('INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, $2, $3, $4, false, $5::jsonb)', [tenantId, collection, String(doc.id), seq, text]);
    await tx.query('INSERT INTO history (tenant_id, seq, collection, id, deleted, data, user_id, device_id) VALUES ($1, $2, $3, $4, false, $5::jsonb, $6, NULL)', [
      tenantId,
      seq,
      collection,
      String(doc.id),
      text,
      userId,
    ]);
    return seq;
  });
}

const sampleOne = <T>(arb: fc.Arbitrary<T>, offset = 0): T => fc.sample(arb, { seed: SEED + offset, numRuns: 1 })[0] as T;

function schemaValid(c: CollectionName, doc: Json): Json {
  const problem = validators[c](doc);
  if (problem) throw new Error(`fixture ${c}/${String(doc.id)} is not schema-valid: ${problem.path} ${problem.message}`);
  return doc;
}

/** Compound A's documents by collection, with their seqs (filled after seeding), as push bases and known ids. */
const held = new Map<CollectionName, { doc: Json; seq: number }[]>();
let finalMeeting: { doc: Json; seq: number };
let postedVoucher: { doc: Json; seq: number };
let bTask: { doc: Json; seq: number };
let bMeeting: { doc: Json; seq: number };

async function pushAs(token: string, c: CollectionName, docs: Json[]): Promise<Answer> {
  return send('setup', pushPath(c), { method: 'POST', headers: jsonHeaders(token), body: JSON.stringify({ rows: docs.map((document) => ({ baseSeq: 0, document })) }) });
}

async function pullAll(token: string, c: CollectionName): Promise<{ doc: Json; seq: number }[]> {
  const r = await send('setup', `${fillPath(API_ROUTES.pull, { collection: c })}?seq=0&limit=1000`, { headers: sync(token) });
  return ((r.body?.documents ?? []) as Json[]).map((d) => ({ doc: d, seq: (d.sync as { seq: number }).seq }));
}

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db, {}, {
    log: (line) => {
      try {
        const entry = JSON.parse(line) as { status?: number; code?: string; level?: string };
        if ((entry.status ?? 0) >= 500 || entry.code === 'INTERNAL' || entry.level === 'error') serverErrors.push(line.slice(0, 2000));
      } catch {
        serverErrors.push(line.slice(0, 2000));
      }
    },
  });
  secret = await loadTokenSecret(tdb.db, undefined);
  const compoundA = await makeCompound(tdb.db, 'FUZZA');
  const compoundB = await makeCompound(tdb.db, 'FUZZB');
  await makeUser(tdb.db, 'FUZZA', 'admin', 'admin');
  await makeUser(tdb.db, 'FUZZB', 'admin', 'admin');
  a = await loginAs(server.url, 'FUZZA', 'admin');
  b = await loginAs(server.url, 'FUZZB', 'admin');

  // Valid documents of every collection in both compounds (those the domain rules take), B's marked as B's.
  for (const [i, c] of COLLECTION_NAMES.entries()) {
    const docs = fc.sample(validDocArb(c), { seed: SEED + i, numRuns: 4 });
    await pushAs(a.accessToken, c, docs);
    await pushAs(b.accessToken, c, docs.map((d) => ({ ...d, createdBy: `${B_MARKER} ${String(d.createdBy)}` })));
  }
  await pushAs(a.accessToken, 'tasks', [task('a-task-1'), task('a-task-2', { status: 'signed' })]);
  await pushAs(a.accessToken, 'notices', [notice('a-notice-1')]);
  await pushAs(b.accessToken, 'tasks', [task('b-task-1', { title: `${B_MARKER} 任务` })]);

  // A finalised meeting and a posted voucher in each compound, as the server holds them after their flows.
  const meeting = { ...sampleOne(validDocArb('meetings'), 100), status: 'final', title: '第三次业委会会议' };
  const voucher = { ...sampleOne(validDocArb('vouchers'), 101), status: 'posted', summary: '停车费收入' };
  finalMeeting = { doc: schemaValid('meetings', { ...meeting, id: 'a-final-meeting' }), seq: 0 };
  postedVoucher = { doc: schemaValid('vouchers', { ...voucher, id: 'a-posted-voucher' }), seq: 0 };
  finalMeeting.seq = await storeAsHeld(compoundA.id, a.user.id, 'meetings', finalMeeting.doc);
  postedVoucher.seq = await storeAsHeld(compoundA.id, a.user.id, 'vouchers', postedVoucher.doc);
  const bMeetingDoc = schemaValid('meetings', { ...meeting, id: 'b-final-meeting', title: `${B_MARKER} 会议` });
  bMeeting = { doc: bMeetingDoc, seq: await storeAsHeld(compoundB.id, b.user.id, 'meetings', bMeetingDoc) };
  await storeAsHeld(compoundB.id, b.user.id, 'vouchers', schemaValid('vouchers', { ...voucher, id: 'b-posted-voucher', summary: `${B_MARKER} 凭证` }));

  for (const c of COLLECTION_NAMES) held.set(c, await pullAll(a.accessToken, c));
  const bTasks = await pullAll(b.accessToken, 'tasks');
  bTask = bTasks.find((t) => t.doc.id === 'b-task-1') as { doc: Json; seq: number };
}, 120_000);

afterAll(async () => {
  const seconds = (performance.now() - startedAt) / 1000;
  const table = [...figures.entries()].filter(([endpoint]) => endpoint !== 'setup').map(([endpoint, f]) => ({ endpoint, ...f }));
  const total = table.reduce((n, r) => n + r.tried, 0);
  console.log(
    [
      `fuzz: seed ${SEED} (FUZZ_SEED), FUZZ_RUNS ${RUNS}; ${total} requests in ${seconds.toFixed(1)} s`,
      ...table.map((r) => `  ${r.endpoint.padEnd(16)} ${String(r.tried).padStart(5)} tried   ${String(r.refused4xx).padStart(5)} 4xx   ${String(r.ok2xx).padStart(5)} 2xx${r.rowsRefused ? `   ${r.rowsRefused} rows refused inside 200` : ''}`),
      `  mutations: ${MUTATION_KINDS.map((k) => `${k} ${mutationsTried.get(k) ?? 0}`).join(', ')}`,
    ].join('\n'),
  );
  await server?.close();
  await tdb?.drop();
});

describe('the schema-derived arbitraries', () => {
  it('make documents every collection schema accepts', () => {
    for (const c of COLLECTION_NAMES) {
      fc.assert(
        fc.property(validDocArb(c), (doc) => {
          expect(validators[c](doc), `${c} ${JSON.stringify(doc).slice(0, 300)}`).toBeNull();
        }),
        { seed: SEED, numRuns: 30 },
      );
    }
  });

  it('break each document so that the server must refuse it (schema or storability)', () => {
    for (const c of COLLECTION_NAMES) {
      fc.assert(
        fc.property(mutateArb(c, validDocArb(c)), ({ doc, kind, where }) => {
          const wire = JSON.parse(wireJson(doc)) as Json;
          const { sync: _s, _rev: _r, _meta: _m, _attachments: _t, ...stored } = wire;
          const refused = jsonProblem(wire) !== null || validators[c](stored._deleted === undefined ? { ...stored, _deleted: false } : stored) !== null;
          expect(refused, `${c} ${kind} at ${where}`).toBe(true);
        }),
        { seed: SEED, numRuns: 60 },
      );
    }
  });
});

describe('other compounds\' ids inside documents (compound A writes in its own space; B is never touched)', () => {
  let bBefore: Snapshot;
  let tenantB = '';
  beforeAll(async () => {
    tenantB = (await tdb.db.query<{ id: string }>(`SELECT id FROM compounds WHERE code = 'FUZZB'`)).rows[0]?.id ?? '';
    bBefore = ofTenant(await snapshot(), tenantB);
  });

  it('a push naming B\'s document id and B\'s seq as its base lands in A only, and tells A nothing of B', async () => {
    const r = await send('push', pushPath('tasks'), {
      method: 'POST',
      headers: jsonHeaders(a.accessToken),
      body: JSON.stringify({ rows: [{ baseSeq: bTask.seq, document: task('b-task-1', { title: '冒名任务' }) }] }),
    });
    expect(r.status, describeAnswer('cross-tenant id', r)).toBe(200);
    expect(r.text).not.toContain(B_MARKER);
  });

  it('a task naming B\'s meeting, user and organisation ids, and a meeting edit naming B\'s final meeting id', async () => {
    const naming = task('a-task-naming-b', {
      source: { kind: 'meeting', meetingId: bMeeting.doc.id, resolutionId: 'r1' },
      ownerId: b.user.id,
      leadOrganizationId: b.user.id,
    });
    const r1 = await send('push', pushPath('tasks'), { method: 'POST', headers: jsonHeaders(a.accessToken), body: JSON.stringify({ rows: [{ baseSeq: 0, document: naming }] }) });
    expect(r1.status, describeAnswer('naming B', r1)).toBeLessThan(500);
    expect(r1.text).not.toContain(B_MARKER);
    const r2 = await send('push', pushPath('meetings'), {
      method: 'POST',
      headers: jsonHeaders(a.accessToken),
      body: JSON.stringify({ rows: [{ baseSeq: bMeeting.seq, document: { ...bMeeting.doc, title: '改写别人的会议', status: 'draft' } }] }),
    });
    expect(r2.status, describeAnswer('B meeting id', r2)).toBeLessThan(500);
    expect(r2.text).not.toContain(B_MARKER);
  });

  it('reads of B\'s ids with A\'s token find nothing of B', async () => {
    const ids = JSON.stringify({ ids: ['b-task-1', 'b-final-meeting', 'b-posted-voucher'] });
    for (const c of ['tasks', 'meetings', 'vouchers'] as const) {
      expectRefusedOrRead('fetch', await send('fetch', fillPath(API_ROUTES.fetch, { collection: c }), { method: 'POST', headers: jsonHeaders(a.accessToken), body: ids }));
      expectRefusedOrRead('versions', await send('versions', fillPath(API_ROUTES.versions, { collection: c }), { headers: sync(a.accessToken) }));
      expectRefusedOrRead('pull', await send('pull', `${fillPath(API_ROUTES.pull, { collection: c })}?seq=0&limit=1000`, { headers: sync(a.accessToken) }));
    }
    for (const id of ['b-final-meeting', 'b-posted-voucher']) {
      expectRefusedOrRead('history', await send('history', fillPath(API_ROUTES.history, { collection: 'meetings', id }), { headers: sync(a.accessToken) }));
    }
    expectRefusedOrRead('batch', await send('batch', API_ROUTES.batch, { method: 'POST', headers: jsonHeaders(a.accessToken), body: JSON.stringify({ pull: Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 0])), digest: COLLECTION_NAMES }) }));
  });

  it('B\'s stored data is unchanged', async () => {
    expect(ofTenant(await snapshot(), tenantB)).toEqual(bBefore);
  });
});

describe('fuzz (the stored data must not change)', () => {
  let before: Snapshot;
  let heapBefore = 0;
  let gc: (() => void) | undefined;

  beforeAll(async () => {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
    for (const c of COLLECTION_NAMES) held.set(c, await pullAll(a.accessToken, c));
    before = await snapshot();
    gc?.();
    heapBefore = process.memoryUsage().heapUsed;
  });

  it('push: schema-derived documents with one thing broken, as new documents and as edits of held ones', async () => {
    const existing = (c: CollectionName) => held.get(c) ?? [];
    const rowArb = fc.constantFrom(...COLLECTION_NAMES).chain((c) => {
      const base = existing(c).length > 0 ? fc.oneof(validDocArb(c), fc.constantFrom(...existing(c)).map((h) => structuredClone(h.doc))) : validDocArb(c);
      return fc.tuple(fc.constant(c), fc.array(mutateArb(c, base), { minLength: 1, maxLength: 3 }));
    });
    await fc.assert(
      fc.asyncProperty(rowArb, async ([c, mutated]) => {
        const rows = mutated.map((m) => ({ baseSeq: existing(c).find((h) => h.doc.id === m.doc.id)?.seq ?? 0, document: m.doc }));
        for (const m of mutated) mutationsTried.set(m.kind, (mutationsTried.get(m.kind) ?? 0) + 1);
        const label = `${c} ${mutated.map((m) => `${m.kind}@${m.where}`).join(', ')}`;
        const r = await send('push', pushPath(c), { method: 'POST', headers: jsonHeaders(a.accessToken), body: wireJson({ rows }) });
        expectPushWroteNothing(label, r, rows.length);
      }),
      fcParams(runs(4)),
    );
  });

  it('push: random JSON, malformed rows, wrong content types, truncated and oversized bodies', async () => {
    const validBody = (c: CollectionName) => JSON.stringify({ rows: (held.get(c) ?? []).slice(0, 2).map((h) => ({ baseSeq: h.seq, document: { ...h.doc, updatedBy: '改' } })) });
    const input = fc.oneof(
      fc.json().map((body) => ({ label: 'random json', body, type: 'application/json' })),
      fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((rows) => ({ label: 'malformed rows', body: JSON.stringify({ rows }), type: 'application/json' })),
      fc.tuple(fc.constantFrom(...COLLECTION_NAMES), fc.nat()).map(([c, n]) => {
        const text = validBody(c);
        return { label: 'truncated', body: text.slice(0, n % Math.max(1, text.length - 1)), type: 'application/json' };
      }),
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json', '').map((type) => ({
        label: `type ${type}`,
        body: validBody('tasks'),
        type,
      })),
      fc.constantFrom(5 * 1024 * 1024 + 1, 6 * 1024 * 1024).map((n) => ({ label: `oversized ${n}`, body: `{"rows":[${' '.repeat(n)}]}`, type: 'application/json' })),
      fc.integer({ min: 1001, max: 1200 }).map((n) => ({ label: `${n} rows`, body: JSON.stringify({ rows: Array.from({ length: n }, () => ({ baseSeq: 0, document: {} })) }), type: 'application/json' })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COLLECTION_NAMES), input, async (c, { label, body, type }) => {
        const headers = { ...sync(a.accessToken), ...(type === '' ? {} : { 'Content-Type': type }) };
        const r = await send('push', pushPath(c), { method: 'POST', headers, body });
        if (r.status === 200) {
          // Only the valid JSON with a rows array is answered 200; its rows are malformed or break the schema.
          const parsed = JSON.parse(body) as { rows?: unknown[] };
          expectPushWroteNothing(`${c} ${label}`, r, parsed.rows?.length ?? -1);
        } else {
          expectRefused(`${c} ${label}`, r);
        }
      }),
      fcParams(runs(1.5)),
    );
  });

  it('push: forged and garbage baseSeq on edits of held documents', async () => {
    const forged = fc.oneof(
      fc.constantFrom('-1', '-0.5', '1.5', '1e309', '-1e309', '9007199254740993', '1e21', '"1"', '"0"', 'null', 'true', '[]', '{}', '"abc"', '0x10', 'NaN', '"Infinity"'),
      fc.integer({ min: 1, max: 1_000_000 }).map(String),
      fc.constantFrom(String(Number.MAX_SAFE_INTEGER), String(2 ** 63)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COLLECTION_NAMES.filter((c) => (held.get(c) ?? []).length > 0)), fc.nat(), forged, async (c, pick, baseSeq) => {
        const list = held.get(c) ?? [];
        const h = list[pick % list.length] as { doc: Json; seq: number };
        if (baseSeq === String(h.seq)) return; // that one is the right base
        const doc = { ...h.doc, updatedBy: '伪造的基线' };
        const body = `{"rows":[{"baseSeq":${baseSeq},"document":${JSON.stringify(doc)}}]}`;
        const r = await send('push', pushPath(c), { method: 'POST', headers: jsonHeaders(a.accessToken), body });
        if (r.status === 400) return expectRefused(`${c} baseSeq ${baseSeq}`, r);
        expectPushWroteNothing(`${c} baseSeq ${baseSeq}`, r, 1);
      }),
      fcParams(runs(1)),
    );
  });

  it('push: edits of a finalised meeting and a posted voucher are refused by the domain rules', async () => {
    const cases: Array<[string, CollectionName, { doc: Json; seq: number }, Json]> = [
      ['final meeting: title', 'meetings', finalMeeting, { title: '会后改标题' }],
      ['final meeting: status back to draft', 'meetings', finalMeeting, { status: 'draft' }],
      ['final meeting: deleted', 'meetings', finalMeeting, { _deleted: true }],
      ['final meeting: date', 'meetings', finalMeeting, { date: '2030-01-01' }],
      ['posted voucher: summary', 'vouchers', postedVoucher, { summary: '改过的摘要' }],
      ['posted voucher: deleted', 'vouchers', postedVoucher, { _deleted: true }],
      ['posted voucher: back to draft', 'vouchers', postedVoucher, { status: 'draft' }],
      ['posted voucher: amounts', 'vouchers', postedVoucher, { lines: (postedVoucher.doc.lines as Json[]).map((l) => ({ ...l, debitFen: 1 })) }],
    ];
    for (const [label, c, h, change] of cases) {
      for (const baseSeq of [h.seq, 0, h.seq + 1000]) {
        const r = await send('push', pushPath(c), { method: 'POST', headers: jsonHeaders(a.accessToken), body: JSON.stringify({ rows: [{ baseSeq, document: { ...h.doc, ...change } }] }) });
        expectPushWroteNothing(`${label} (baseSeq ${baseSeq})`, r, 1);
        if (baseSeq === h.seq) expect((r.body?.rejected as Json[])?.[0], describeAnswer(label, r)).toMatchObject({ code: 'DOMAIN_INVALID' });
      }
    }
  });

  it('pull: garbage checkpoints and limits', async () => {
    const value = fc.oneof(
      fc.constantFrom('-1', '1.5', 'abc', '1e309', 'NaN', 'Infinity', '9007199254740993', '%00', '%FF', '0', '1001', '', '[]', '{}', 'null'),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COLLECTION_NAMES), value, value, fc.boolean(), async (c, seq, limit, both) => {
        const query = both ? `seq=${seq}&limit=${limit}` : `seq=${seq}&seq=${limit}`;
        expectRefusedOrRead(`pull ${query}`, await send('pull', `${fillPath(API_ROUTES.pull, { collection: c })}?${query}`, { headers: sync(a.accessToken) }));
      }),
      fcParams(runs(1)),
    );
  });

  it('batch: forged checkpoints, unknown and prototype collection names, random bodies', async () => {
    const seq = fc.oneof(fc.constantFrom(-1, 1.5, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 63, 0), fc.jsonValue({ maxDepth: 1 }));
    const name = fc.oneof(fc.constantFrom(...COLLECTION_NAMES), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''), fc.string({ maxLength: 12 }));
    const body = fc.oneof(
      fc.tuple(fc.array(fc.tuple(name, seq), { maxLength: 6 }), fc.option(fc.array(name, { maxLength: 50 }))).map(([pulls, digest]) => {
        // Written as text, so that a "__proto__" key reaches the server as JSON.parse reads it.
        const pull = `{${pulls.map(([n, s]) => `${JSON.stringify(n)}:${JSON.stringify(s)}`).join(',')}}`;
        return `{"pull":${pull}${digest === null ? '' : `,"digest":${JSON.stringify(digest)}`}}`;
      }),
      fc.json(),
      fc.constantFrom('{"pull":{"tasks":1e309}}', '{"pull":[]}', '{"digest":"tasks"}', '{"pull":{"tasks":0}', '[', '', 'null'),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        expectRefusedOrRead(`batch ${text.slice(0, 200)}`, await send('batch', API_ROUTES.batch, { method: 'POST', headers: jsonHeaders(a.accessToken), body: text }));
      }),
      fcParams(runs(1.5)),
    );
  });

  it('digest and versions: unknown collections, odd path segments, wrong methods', async () => {
    const segment = fc.oneof(fc.constantFrom(...COLLECTION_NAMES), fc.constantFrom('__proto__', 'constructor', 'TASKS', 'tasks%00', '..', '%2e%2e', 'tasks%2Fpull'), fc.string({ maxLength: 16 }).map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('digest', 'versions') as fc.Arbitrary<'digest' | 'versions'>, segment, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), async (op, c, method) => {
        const path = API_ROUTES[op].replace(':collection', c);
        const r = await send(op, path, { method, headers: sync(a.accessToken) });
        if (method !== 'GET') return expectRefused(`${method} ${path}`, r);
        expectRefusedOrRead(`${method} ${path}`, r);
      }),
      fcParams(runs(1)),
    );
  });

  it('fetch: garbage id lists', async () => {
    const ids = fc.oneof(
      fc.array(fc.string({ maxLength: 80 }), { maxLength: 20 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
      fc.integer({ min: 1001, max: 1100 }).map((n) => Array.from({ length: n }, (_, i) => `id-${i}`)),
      fc.constantFrom(['a\u0000b'], ['\ud800'], ['x'.repeat(65)], ['中'.repeat(65)], 'tasks', null, {}),
    );
    const body = fc.oneof(ids.map((v) => JSON.stringify({ ids: v })), fc.json(), fc.constantFrom('{"ids":', '{"ids":[1e309]}', ''));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COLLECTION_NAMES), body, async (c, text) => {
        expectRefusedOrRead(`fetch ${text.slice(0, 200)}`, await send('fetch', fillPath(API_ROUTES.fetch, { collection: c }), { method: 'POST', headers: jsonHeaders(a.accessToken), body: text }));
      }),
      fcParams(runs(1)),
    );
  });

  it('history: odd collections and ids', async () => {
    const seg = fc.oneof(fc.string({ maxLength: 70 }).map(encodeURIComponent), fc.constantFrom('%00', '%FF', '%', '..', 'b-final-meeting', 'b-task-1', '__proto__'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...COLLECTION_NAMES), seg), seg, async (c, id) => {
        if (id === '' || c === '') return;
        const path = API_ROUTES.history.replace(':collection', c).replace(':id', id);
        expectRefusedOrRead(`history ${path}`, await send('history', path, { headers: sync(a.accessToken) }));
      }),
      fcParams(runs(0.5)),
    );
  });

  it('stream: missing or garbage protocol headers, tokens in the URL, another compound, bad tokens (never opened)', async () => {
    const variant = fc.oneof(
      fc.record({ protocol: fc.oneof(fc.constant(undefined), fc.constantFrom('1', '3', '', 'x', '2.0', ' 2')), schema: fc.constant(schemaFingerprint()) }),
      fc.record({ protocol: fc.constant(String(PROTOCOL_VERSION)), schema: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 40 }), fc.constant(`${schemaFingerprint()},extra@1`), fc.constant('x'.repeat(3000))) }),
    );
    await fc.assert(
      fc.asyncProperty(variant, fc.constantFrom('header', 'query', 'token-in-url', 'other-compound', 'bad-token'), async ({ protocol, schema }, how) => {
        const valid = protocol === String(PROTOCOL_VERSION) && schema === schemaFingerprint();
        const headers: Record<string, string> = { Authorization: `Bearer ${how === 'bad-token' ? `${a.accessToken}x` : a.accessToken}` };
        const query = new URLSearchParams();
        if (how === 'query') {
          if (protocol !== undefined) query.set(STREAM_QUERY.protocol, protocol);
          if (schema !== undefined) query.set(STREAM_QUERY.schema, schema);
        } else {
          if (protocol !== undefined) headers[HEADERS.protocol] = protocol;
          if (schema !== undefined) headers[HEADERS.schema] = schema;
        }
        if (how === 'token-in-url') query.set(STREAM_QUERY.token, a.accessToken);
        if (how === 'other-compound') headers[HEADERS.compound] = 'FUZZB';
        // A valid request would open the stream: only the variants that must be refused are sent.
        if (valid && (how === 'header' || how === 'query')) return;
        const r = await send('stream', `${API_ROUTES.stream}?${query.toString()}`, { headers });
        expectRefused(`stream ${how} protocol=${String(protocol)} schema=${String(schema).slice(0, 60)}`, r);
      }),
      fcParams(runs(1)),
    );
  });

  it('tokens: expired, forged (bad signature, alg none, another compound\'s claims), garbage, on every endpoint', async () => {
    const now = Math.floor(Date.now() / 1000);
    const [header, payload] = a.accessToken.split('.') as [string, string, string];
    const claimsA = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ServerClaims;
    const claimsB = JSON.parse(Buffer.from((b.accessToken.split('.')[1] ?? ''), 'base64url').toString('utf8')) as ServerClaims;
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const tokens: Array<[string, string]> = [
      ['expired', signAccessToken({ ...claimsA, iat: now - 7200, exp: now - 3600 }, secret)],
      ['expired by a second', signAccessToken({ ...claimsA, exp: now - 1 }, secret)],
      ['bad signature', `${header}.${payload}.${'A'.repeat(43)}`],
      ['signature of another token', `${header}.${payload}.${b.accessToken.split('.')[2] ?? ''}`],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsA)}.`],
      ['alg HS512', `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}.${a.accessToken.split('.')[2] ?? ''}`],
      ['B\'s claims under A\'s signature', `${header}.${b64({ ...claimsA, tid: claimsB.tid, cmp: claimsB.cmp })}.${a.accessToken.split('.')[2] ?? ''}`],
      ['B\'s claims signed with another key', signAccessToken({ ...claimsB, exp: now + 600 }, Buffer.from('not-the-server-secret'))],
      ['no session id', signAccessToken({ ...claimsA, sid: undefined } as unknown as ServerClaims, secret)],
      ['unknown session', signAccessToken({ ...claimsA, sid: 'no-such-session' }, secret)],
      ['unknown user', signAccessToken({ ...claimsA, sub: 'no-such-user' }, secret)],
      ['A\'s user in B\'s tenant', signAccessToken({ ...claimsA, tid: claimsB.tid, cmp: claimsB.cmp }, secret)],
      ['role superadmin', signAccessToken({ ...claimsA, role: 'superadmin' } as unknown as ServerClaims, secret)],
      ['exp as text', signAccessToken({ ...claimsA, exp: String(now + 600) } as unknown as ServerClaims, secret)],
      ['old token version', signAccessToken({ ...claimsA, ver: claimsA.ver - 1 }, secret)],
      ['fractional version', signAccessToken({ ...claimsA, ver: 0.5 }, secret)],
      ['refresh token as access token', 'x.y'],
      ['empty', ''],
      ['very long', 'a.b.'.padEnd(10_000, 'c')],
    ];
    const authz = fc.oneof(
      fc.constantFrom(...tokens).map(([label, t]) => ({ label, value: `Bearer ${t}` })),
      fc.string({ maxLength: 200 }).map((s) => ({ label: 'random', value: `Bearer ${s}` })),
      fc.constantFrom(`bearer ${a.accessToken}`, `Basic ${a.accessToken}`, a.accessToken, 'Bearer', 'Bearer  ').map((value) => ({ label: 'scheme', value: value.trim() })),
    );
    const endpoints: Array<[string, string, string | undefined]> = [
      ['push', pushPath('tasks'), JSON.stringify({ rows: [{ baseSeq: 0, document: task('token-fuzz') }] })],
      ['pull', `${fillPath(API_ROUTES.pull, { collection: 'tasks' })}?seq=0`, undefined],
      ['batch', API_ROUTES.batch, JSON.stringify({ pull: { tasks: 0 } })],
      ['digest', fillPath(API_ROUTES.digest, { collection: 'tasks' }), undefined],
      ['versions', fillPath(API_ROUTES.versions, { collection: 'tasks' }), undefined],
      ['fetch', fillPath(API_ROUTES.fetch, { collection: 'tasks' }), JSON.stringify({ ids: ['a-task-1'] })],
      ['stream', API_ROUTES.stream, undefined],
      ['me', API_ROUTES.me, undefined],
      ['history', fillPath(API_ROUTES.history, { collection: 'tasks', id: 'a-task-1' }), undefined],
    ];
    await fc.assert(
      fc.asyncProperty(authz, fc.constantFrom(...endpoints), async ({ label, value }, [endpoint, path, body]) => {
        // Header values must be ByteStrings without CR/LF; what fetch cannot send, no client can.
        if (/[^\u0020-\u007e]/.test(value)) return;
        const headers: Record<string, string> = { ...syncHeaders(), Authorization: value, ...(body ? { 'Content-Type': 'application/json' } : {}) };
        if (value === '') delete headers.Authorization;
        const r = await send(endpoint, path, { method: body ? 'POST' : 'GET', headers, ...(body ? { body } : {}) });
        expectRefused(`${endpoint} with token ${label}`, r);
        expect(r.status, describeAnswer(label, r)).not.toBe(403);
      }),
      fcParams(runs(2)),
    );
    for (const [label, t] of tokens) {
      expectRefused(label, await send('pull', `${fillPath(API_ROUTES.pull, { collection: 'tasks' })}?seq=0`, { headers: sync(t) }));
    }
  });

  it('protocol headers: missing, garbage, outdated or newer protocol and schema, another compound named', async () => {
    const value = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 30 }), fc.constantFrom('1', '3', '2 ', '02', schemaFingerprint(), `${schemaFingerprint()},x@1`, 'tasks@99', ''));
    const endpoints: Array<[string, string, string | undefined]> = [
      ['push', pushPath('notices'), JSON.stringify({ rows: [] })],
      ['pull', `${fillPath(API_ROUTES.pull, { collection: 'notices' })}?seq=0`, undefined],
      ['batch', API_ROUTES.batch, JSON.stringify({ digest: ['notices'] })],
      ['digest', fillPath(API_ROUTES.digest, { collection: 'notices' }), undefined],
      ['versions', fillPath(API_ROUTES.versions, { collection: 'notices' }), undefined],
      ['fetch', fillPath(API_ROUTES.fetch, { collection: 'notices' }), JSON.stringify({ ids: [] })],
    ];
    await fc.assert(
      fc.asyncProperty(value, value, fc.option(fc.constantFrom('FUZZB', 'fuzzb', 'NOPE', ' FUZZB', 'x'.repeat(500))), fc.constantFrom(...endpoints), async (protocol, schema, compound, [endpoint, path, body]) => {
        const headers: Record<string, string> = { Authorization: `Bearer ${a.accessToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) };
        if (protocol !== undefined) headers[HEADERS.protocol] = protocol;
        if (schema !== undefined) headers[HEADERS.schema] = schema;
        if (compound !== null) headers[HEADERS.compound] = compound;
        if (Object.values(headers).some((v) => /[^\u0020-\u007e]/.test(v))) return;
        const r = await send(endpoint, path, { method: body ? 'POST' : 'GET', headers, ...(body ? { body } : {}) });
        const fits = protocol === String(PROTOCOL_VERSION) && schema === schemaFingerprint() && compound === null;
        if (fits) return expectRefusedOrRead(endpoint, r);
        expectRefused(`${endpoint} protocol=${String(protocol)} schema=${String(schema)} compound=${String(compound).slice(0, 20)}`, r);
      }),
      fcParams(runs(1.5)),
    );
  });

  it('login: random bodies, wrong types, huge and unstorable fields, other compounds, wrong content types', async () => {
    const field = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('FUZZA', 'FUZZB', 'admin', 'correct-horse-9', '', 'a\u0000b', '\ud800', 'x'.repeat(300), '中'.repeat(70)),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant(nested(3000, false)),
    );
    const body = fc.oneof(
      fc.record({ compound: field, username: field, password: field }).map((o) => ({ text: wireJson(o), type: 'application/json' })),
      fc.json().map((text) => ({ text, type: 'application/json' })),
      fc.constantFrom('{"compound":"FUZZA","username":"admin"', '{', '', 'null', '[]').map((text) => ({ text, type: 'application/json' })),
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/jsonp').map((type) => ({ text: JSON.stringify({ compound: 'FUZZA', username: 'admin', password: 'x' }), type })),
      fc.constant({ text: JSON.stringify({ compound: 'FUZZA', username: 'admin', password: 'x'.repeat(20_000) }), type: 'application/json' }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('login', 'refresh', 'logout'), async ({ text, type }, endpoint) => {
        // A valid login would succeed: the fuzz never sends A's or B's real password with its own compound and user.
        if (text.includes('correct-horse-9') && text.includes('"admin"') && /FUZZ[AB]/.test(text)) return;
        const r = await send(endpoint, API_ROUTES[endpoint as 'login' | 'refresh' | 'logout'], { method: 'POST', headers: { 'Content-Type': type }, body: text });
        if (endpoint === 'logout' && r.status === 200) return; // logging out an unknown token is a no-op, by design
        expectRefused(`${endpoint} ${text.slice(0, 200)}`, r);
      }),
      fcParams(runs(1.5)),
    );
  });

  it('refresh: forged refresh tokens, including ones naming another compound', async () => {
    const [tenantPart] = b.refreshToken.split('.') as [string];
    const token = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ maxLength: 60 }).map((s) => `${tenantPart}.${s}`),
      fc.constantFrom(`${a.refreshToken}x`, a.refreshToken.replace(/.$/, 'A'), `${tenantPart}.${a.refreshToken.split('.')[1] ?? ''}`, 'x'.repeat(301), '.', '..'),
    );
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        if (t === a.refreshToken || t === b.refreshToken) return;
        const r = await send('refresh', API_ROUTES.refresh, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: t }) });
        expectRefused(`refresh ${t.slice(0, 80)}`, r);
      }),
      fcParams(runs(1)),
    );
  });

  it('afterwards: the server answers, logged no server error, kept its heap bounded, and the stored data is unchanged', async () => {
    const health = await send('health', API_ROUTES.health);
    expect(health.status).toBe(200);
    const me = await send('me', API_ROUTES.me, { headers: { Authorization: `Bearer ${a.accessToken}` } });
    expect(me.status, describeAnswer('me', me)).toBe(200);
    const pulled = await send('pull', `${fillPath(API_ROUTES.pull, { collection: 'tasks' })}?seq=0`, { headers: sync(a.accessToken) });
    expect(pulled.status).toBe(200);
    expect(serverErrors).toEqual([]);
    gc?.();
    const growth = process.memoryUsage().heapUsed - heapBefore;
    console.log(`fuzz: heap ${(heapBefore / 2 ** 20).toFixed(0)} MiB before, growth ${(growth / 2 ** 20).toFixed(1)} MiB after${gc ? ' a forced gc' : ' (no gc available)'}`);
    expect(growth).toBeLessThan(HEAP_BOUND_BYTES);
    expect(await snapshot()).toEqual(before);
  });
});
