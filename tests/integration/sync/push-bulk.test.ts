// A push of up to 1000 rows in a fixed number of statements (issue #14): the same outcome as the rows pushed one at a
// time — answers, stored documents, seqs in row order, history — with compare-and-set under concurrent pushes,
// exactly-once retries, quotas, the domain rules (which see the push's earlier rows) and tenant isolation kept.
// Runs applyPush on PGlite, or on the PostgreSQL server DATABASE_URL points at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartFromTemplate } from '../../../shared/domain/ledger/chart';
import { postVoucher, reversalContext, reviewVoucher, voucherContext } from '../../../shared/domain/ledger/voucher';
import type { Account, Voucher } from '../../../shared/domain/ledger/types';
import type { CollectionName } from '../../../shared/schema';
import type { PushResponse, Rejection } from '../../../shared/sync/protocol';
import type { DomainActor } from '../../../shared/sync/validate';
import type { Db, Queryable } from '../../../src-server/db/db';
import { applyPush, QUOTA_RULES, type PushQuotas } from '../../../src-server/sync/push';
import { MAX_FETCH_ROUNDS } from '../../../src-server/sync/push-lookup';
import { createSchemaValidators } from '../../../src-server/sync/schema-validator';
import { freshDatabase, makeCompound, task, type Json, type TestDatabase } from '../server/helpers';

let tdb: TestDatabase;
let db: Db;
const validators = createSchemaValidators();
const NO_QUOTAS: PushQuotas = { storageBytes: 0, conflictsPerDocument: 0, conflictBytesPerDocument: 0 };
const NOW = new Date('2026-11-29T02:00:00.000Z');
const ADMIN: DomainActor = { role: 'admin', name: 'zhuren', userId: 'u-zhuren' };
const TREASURER: DomainActor = { role: 'treasurer', name: 'kuaiji', userId: 'u-kuaiji' };
const STAMP = { createdAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-01T02:00:00.000Z', createdBy: 'kuaiji', updatedBy: 'kuaiji' };

type Row = { baseSeq: number; document: Json };
type PushOptions = { actor?: DomainActor; quotas?: PushQuotas; db?: Db };

beforeAll(async () => {
  tdb = await freshDatabase();
  db = tdb.db;
});
afterAll(async () => {
  await tdb.drop();
});

/** The ledger compounds of the test that reviews 1000 vouchers, for the one after it. */
let ledger: { bulk: string; single: string; chart: Account[]; reviewed: Row[]; accepted: Map<string, number> } | undefined;

let compounds = 0;
const newCompound = async (): Promise<string> => (await makeCompound(db, `BULK${++compounds}`)).id;

/** The database with every statement it runs listed (those inside transactions too). */
function counting(inner: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      statements.push(sql);
      return q.query(sql, params);
    },
  });
  return { db: { ...inner, query: wrap(inner).query, transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))) }, statements };
}

/** The push's answer without its checkpoint, which names seqs and so differs between equal outcomes (tested below). */
async function pushTo(tenantId: string, collection: CollectionName, rows: readonly unknown[], o: PushOptions = {}): Promise<PushResponse> {
  const { checkpoint: _checkpoint, ...response } = await pushAnswer(tenantId, collection, rows, o);
  return response;
}

async function pushAnswer(tenantId: string, collection: CollectionName, rows: readonly unknown[], o: PushOptions = {}): Promise<PushResponse> {
  const actor = o.actor ?? ADMIN;
  const out = await applyPush({
    db: o.db ?? db,
    validate: validators[collection],
    tenantId,
    collection,
    userId: actor.userId ?? '',
    deviceId: 'bulk-test',
    rows,
    now: NOW,
    quotas: o.quotas ?? NO_QUOTAS,
    actor,
  });
  return out.response;
}

/** One push that refuses rows lists those refused before its transaction (malformed, schema) first. */
const early = (r: Rejection): boolean => r.code === 'MALFORMED_ROW' || r.code === 'SCHEMA_INVALID';

/** The rows pushed one at a time, the answers put together as one push gives them. */
async function pushOneByOne(tenantId: string, collection: CollectionName, rows: readonly unknown[], o: PushOptions = {}): Promise<PushResponse> {
  const all: PushResponse = { accepted: [], conflicts: [], rejected: [] };
  for (const r of rows) {
    const one = await pushTo(tenantId, collection, [r], o);
    all.accepted.push(...one.accepted);
    all.conflicts.push(...one.conflicts);
    all.rejected.push(...one.rejected);
  }
  return { ...all, rejected: [...all.rejected.filter(early), ...all.rejected.filter((r) => !early(r))] };
}

/** What a compound holds: its seq and stored bytes, its documents and its history. */
async function holdings(tenantId: string): Promise<{ seq: unknown; documents: unknown[]; history: unknown[] }> {
  const seq = await db.query('SELECT seq, stored_bytes FROM tenant_seq WHERE tenant_id = $1', [tenantId]);
  const documents = await db.query('SELECT collection, id, seq, deleted, data, updated_at FROM documents WHERE tenant_id = $1 ORDER BY collection, id', [tenantId]);
  const history = await db.query('SELECT seq, collection, id, deleted, data, user_id, device_id, at FROM history WHERE tenant_id = $1 ORDER BY seq', [tenantId]);
  return { seq: seq.rows[0], documents: documents.rows, history: history.rows };
}

const seqOf = async (tenantId: string): Promise<number> =>
  Number((await db.query<{ seq: number }>('SELECT seq FROM tenant_seq WHERE tenant_id = $1', [tenantId])).rows[0]?.seq);

/** A statement that writes (or notifies). */
const writes = (sql: string): boolean => /INSERT INTO|UPDATE tenant_seq SET|DELETE FROM|pg_notify/.test(sql);

const seqsById = (r: PushResponse): Map<string, number> => new Map(r.accepted.map((a) => [a.id, a.seq]));

/** The accepted rows that made a new version: their seqs follow on from `before`, in row order, without a gap. */
function expectNewSeqsInRowOrder(r: PushResponse, before: number, written: number): void {
  const fresh = r.accepted.map((a) => a.seq).filter((s) => s > before);
  expect(fresh).toEqual(Array.from({ length: written }, (_, i) => before + i + 1));
}

const conflictCopies = (n: number): Json[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, path: 'title', mine: 'a', theirs: 'b', at: '2026-11-25T08:30:00.000Z', by: 'x', status: 'open' }));

/**
 * 1000 task rows of every kind over 300 stored tasks (the first 50 with a second version): changes on the right
 * base, on a stale one (base in history) or an unknown one, unchanged documents (a retry), new tasks, schema and
 * workflow refusals, malformed rows, too many conflict copies, and ids twice in one push.
 */
function mixedTaskRows(stored: ReadonlyMap<string, number>, firstVersion: ReadonlyMap<string, number>): unknown[] {
  const rows: unknown[] = [];
  for (let i = 0; i < 1000; i++) {
    const id = i < 300 ? `t${i}` : `n${i}`;
    const seq = stored.get(id) ?? 0;
    const kind = i % 10;
    if (kind === 1 && i < 300) rows.push({ baseSeq: firstVersion.get(id) ?? 999_999, document: task(id, { title: `陈旧 ${i}` }) });
    else if (kind === 2 && i < 300) rows.push({ baseSeq: 0, document: task(id, { title: i < 50 ? `二版 ${id}` : `任务 ${id}` }) });
    else if (kind === 3) rows.push({ baseSeq: seq, document: { ...task(id), title: undefined } });
    else if (kind === 4) rows.push({ baseSeq: -1, document: task(id) });
    else if (kind === 5) rows.push({ baseSeq: seq, document: task(id, { status: 'done' }) });
    else if (kind === 6) rows.push({ baseSeq: seq, document: task(id, { title: `冲突副本 ${i}`, conflicts: conflictCopies(3) }) });
    else if (kind === 7 && i >= 300) {
      rows.push({ baseSeq: 0, document: task(id, { title: `新 ${i}` }) });
      rows.push({ baseSeq: 0, document: task(id, { title: `同一推送又改 ${i}` }) }); // the second: a conflict
      i++;
    } else rows.push({ baseSeq: seq, document: task(id, { title: `改 ${i}`, description: '楼道灯不亮，居民反映多次。'.repeat(i % 4) }) });
  }
  return rows.slice(0, 1000);
}

/** 300 tasks, the first 50 changed once: the seq of each current version and of each first one. */
async function seedTasks(tenantId: string): Promise<{ stored: Map<string, number>; firstVersion: Map<string, number> }> {
  const first = await pushTo(tenantId, 'tasks', Array.from({ length: 300 }, (_, i) => ({ baseSeq: 0, document: task(`t${i}`) })));
  const firstVersion = seqsById(first);
  const second = await pushTo(tenantId, 'tasks', Array.from({ length: 50 }, (_, i) => ({ baseSeq: firstVersion.get(`t${i}`)!, document: task(`t${i}`, { title: `二版 t${i}` }) })));
  return { stored: new Map([...firstVersion, ...seqsById(second)]), firstVersion };
}

describe('a push of 1000 rows', () => {
  it('stores and answers exactly as the same rows pushed one by one (tasks, with quotas)', async () => {
    const [bulk, single] = [await newCompound(), await newCompound()];
    const seeded = await seedTasks(bulk);
    await seedTasks(single);
    const rows = mixedTaskRows(seeded.stored, seeded.firstVersion);
    expect(rows).toHaveLength(1000);
    // A storage quota that runs out about 80% of the way through, and at most 2 conflict copies a document.
    const stored = Number((await db.query<{ stored_bytes: number }>('SELECT stored_bytes FROM tenant_seq WHERE tenant_id = $1', [bulk])).rows[0]?.stored_bytes);
    const quotas: PushQuotas = { storageBytes: stored + 140_000, conflictsPerDocument: 2, conflictBytesPerDocument: 0 };
    const before = await seqOf(bulk);

    const together = await pushTo(bulk, 'tasks', rows, { quotas });
    const apart = await pushOneByOne(single, 'tasks', rows, { quotas });

    expect(together).toEqual(apart);
    expect(await holdings(bulk)).toEqual(await holdings(single));
    // Every kind of outcome happened.
    const rules = new Set(together.rejected.map((r) => r.rule ?? r.code));
    for (const r of ['MALFORMED_ROW', 'SCHEMA_INVALID', 'STATUS_WITHOUT_TRANSITION', QUOTA_RULES.conflicts, QUOTA_RULES.storage]) expect(rules).toContain(r);
    expect(together.conflicts.some((c) => c.base !== undefined)).toBe(true);
    expect(together.conflicts.some((c) => c.base === undefined)).toBe(true);
    expect(together.accepted.some((a) => a.seq <= before)).toBe(true); // unchanged rows: accepted at their stored seq
    const written = (await seqOf(bulk)) - before;
    expect(written).toBeGreaterThan(300);
    expectNewSeqsInRowOrder(together, before, written);
    const history = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM history WHERE tenant_id = $1 AND seq > $2', [bulk, before]);
    expect(history.rows[0]?.n).toBe(written);
  });

  it('judges the ledger as one by one does, the rules seeing the push’s earlier rows and only their compound', async () => {
    const [bulk, single, other] = [await newCompound(), await newCompound(), await newCompound()];
    // Another compound holds the same codes under other ids, and has closed 2026-11: neither counts here.
    await pushTo(other, 'accounts', chartFromTemplate().map((a) => ({ baseSeq: 0, document: { ...a, ...STAMP, id: `other-${a.id}`, parentId: a.parentId && `other-${a.parentId}`, _deleted: false } })), { actor: TREASURER });
    await db.query(`INSERT INTO documents (tenant_id, collection, id, seq, deleted, data) VALUES ($1, 'periods', '2026-11', 999, false, $2::jsonb)`, [
      other,
      JSON.stringify({ id: '2026-11', status: 'closed' }),
    ]);

    // The chart with, after it, a duplicate code, a sub-account of a parent pushed earlier in the same push with a
    // wrong code, and a right one.
    const chart = chartFromTemplate().map((a) => ({ ...a, ...STAMP, _deleted: false }));
    const extra = [
      { ...chart[0]!, id: 'acct-dup', name: '重复' },
      { ...chart.find((a) => a.id === 'acct-100201')!, id: 'acct-bad-sub', code: '100299', parentId: 'acct-1001' },
      { ...chart.find((a) => a.id === 'acct-100201')!, id: 'acct-100202', code: '100202', name: '一般户' },
    ];
    const accountRows = [...chart, ...extra].map((document) => ({ baseSeq: 0, document }));
    const chartTogether = await pushTo(bulk, 'accounts', accountRows, { actor: TREASURER });
    expect(chartTogether).toEqual(await pushOneByOne(single, 'accounts', accountRows, { actor: TREASURER }));
    expect(chartTogether.rejected.map((r) => [r.id, r.rule])).toEqual([
      ['acct-dup', 'CODE_DUPLICATE'],
      ['acct-bad-sub', 'SUB_CODE_INVALID'],
    ]);

    // 1000 drafts (the treasurer writes them), then one push of the 主任 reviewing them all: every row reads the
    // chart and its period through the lookup. Some are unbalanced, some name another reviewer.
    const drafts = Array.from({ length: 1000 }, (_, i): Voucher => {
      const id = `v${String(i).padStart(4, '0')}`;
      const fen = 100 + i;
      return {
        ...STAMP,
        id,
        date: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
        period: '2026-11',
        summary: `停车费 ${id}`,
        lines: [
          { id: `${id}-1`, accountId: 'acct-100201', debitFen: fen, creditFen: 0 },
          { id: `${id}-2`, accountId: 'acct-470101', debitFen: 0, creditFen: fen },
        ],
        status: 'draft',
        preparedBy: 'kuaiji',
      } as Voucher;
    });
    const draftRows = drafts.map((d) => ({ baseSeq: 0, document: { ...d, _deleted: false } }));
    const [a, b] = [await pushTo(bulk, 'vouchers', draftRows, { actor: TREASURER }), await pushTo(single, 'vouchers', draftRows, { actor: TREASURER })];
    expect(a).toEqual(b);
    expect(a.rejected).toEqual([]);

    const ctx = voucherContext(chart);
    const seqs = seqsById(a);
    const reviewRows = drafts.map((d, i) => {
      const r = reviewVoucher(d, { name: 'zhuren' }, '2026-11-29T01:00:00.000Z', ctx);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      let v: Json = { ...r.value, _deleted: false };
      if (i % 7 === 3) v = { ...v, lines: [d.lines[0], { ...d.lines[1]!, creditFen: 1 }] };
      if (i % 11 === 5) v = { ...v, reviewedBy: '别人' };
      return { baseSeq: seqs.get(d.id)!, document: v };
    });
    const counted = counting(db);
    const before = await seqOf(bulk);
    const reviewTogether = await pushTo(bulk, 'vouchers', reviewRows, { db: counted.db });
    expect(reviewTogether).toEqual(await pushOneByOne(single, 'vouchers', reviewRows));
    expect(await holdings(bulk)).toEqual(await holdings(single));
    expect(new Set(reviewTogether.rejected.map((r) => r.rule))).toEqual(new Set(['UNBALANCED', 'REVIEWER_NOT_ACTOR']));
    expect(reviewTogether.accepted.length).toBeGreaterThan(700);
    expectNewSeqsInRowOrder(reviewTogether, before, reviewTogether.accepted.length);
    // One transaction: lock, current versions, the lookups in a round or two, one write, and no more.
    expect(counted.statements.length).toBeLessThanOrEqual(8);
    ledger = { bulk, single, chart, reviewed: reviewRows, accepted: seqsById(reviewTogether) };
  });

  it('judges bank reconciliations whose rules ask one thing after another, reading collections whole past the rounds', async () => {
    const { bulk, single, chart, reviewed, accepted } = ledger!;
    // 40 of the reviewed vouchers posted.
    const ctx = voucherContext(chart);
    const toPost = reviewed.filter((r) => accepted.has(String(r.document.id))).slice(0, 40);
    const postRows = toPost.map((r) => {
      const p = postVoucher(r.document as unknown as Voucher, { name: 'kuaiji' }, '2026-11-29T01:30:00.000Z', ctx, reversalContext([]));
      if (!p.ok) throw new Error(JSON.stringify(p.error));
      return { baseSeq: accepted.get(String(r.document.id))!, document: { ...p.value.voucher, _deleted: false } };
    });
    const posted = await pushTo(bulk, 'vouchers', postRows, { actor: TREASURER });
    expect(posted).toEqual(await pushOneByOne(single, 'vouchers', postRows, { actor: TREASURER }));
    expect(posted.rejected).toEqual([]);

    const ids = postRows.map((r) => String(r.document.id));
    const notPosted = reviewed.find((r) => accepted.has(String(r.document.id)) && !ids.includes(String(r.document.id)))!;
    const rec = (id: string, voucherIds: readonly string[], bankAccountId = 'acct-100201'): Row => ({
      baseSeq: 0,
      document: {
        ...STAMP,
        id,
        bankAccountId,
        statementDate: '2026-11-30',
        statementBalanceFen: 0,
        items: voucherIds.map((v) => ({ voucherId: v, lineId: `${v}-1` })),
        by: 'kuaiji',
        at: '2026-11-30T08:00:00.000Z',
        _deleted: false,
      },
    });
    const recRows = [
      rec('rec-12', ids.slice(0, 12)), // 25 questions one after another: more than the rounds
      rec('rec-again', [ids[20]!, ids[5]!]), // a line rec-12 of this same push ticked
      rec('rec-draft', [String(notPosted.document.id)]),
      rec('rec-cash', [ids[30]!], 'acct-1001'),
      rec('rec-ok', ids.slice(12, 20)),
    ];
    const counted = counting(db);
    const together = await pushTo(bulk, 'bank_reconciliations', recRows, { actor: TREASURER, db: counted.db });
    expect(together).toEqual(await pushOneByOne(single, 'bank_reconciliations', recRows, { actor: TREASURER }));
    expect(await holdings(bulk)).toEqual(await holdings(single));
    expect(together.accepted.map((a) => a.id)).toEqual(['rec-12', 'rec-ok']);
    expect(together.rejected.map((r) => [r.id, r.rule])).toEqual([
      ['rec-again', 'ALREADY_RECONCILED'],
      ['rec-draft', 'LINE_UNKNOWN'],
      ['rec-cash', 'NOT_BANK_ACCOUNT'],
    ]);
    expect(counted.statements.length).toBeLessThanOrEqual(MAX_FETCH_ROUNDS + 8);
    expect(counted.statements.some((sql) => sql.includes('collection = ANY'))).toBe(true); // read whole
  });

  it('runs a number of statements that does not grow with the rows', async () => {
    const tenant = await newCompound();
    const statementsFor = async (collection: CollectionName, rows: readonly Row[], actor = ADMIN): Promise<string[]> => {
      const counted = counting(db);
      const r = await pushTo(tenant, collection, rows, { db: counted.db, actor });
      expect(r.rejected).toEqual([]);
      expect(r.conflicts).toEqual([]);
      return counted.statements;
    };
    const tasks = (from: number, n: number): Row[] => Array.from({ length: n }, (_, i) => ({ baseSeq: 0, document: task(`s${from + i}`) }));
    const one = await statementsFor('tasks', tasks(0, 1));
    const thousand = await statementsFor('tasks', tasks(1, 1000));
    expect(thousand).toEqual(one);
    // The writes: one statement for the seq, history and documents (and on PostgreSQL one pg_notify).
    expect(thousand.filter((sql) => writes(sql) && !sql.includes('pg_notify'))).toHaveLength(1);

    // Rules that read other documents: the chart, then vouchers that look up the chart and their period.
    await statementsFor('accounts', chartFromTemplate().map((a) => ({ baseSeq: 0, document: { ...a, ...STAMP, _deleted: false } })), TREASURER);
    const voucher = (i: number): Row => {
      const id = `sv${i}`;
      const lines = [
        { id: `${id}-1`, accountId: 'acct-1001', debitFen: 5, creditFen: 0 },
        { id: `${id}-2`, accountId: 'acct-470101', debitFen: 0, creditFen: 5 },
      ];
      return { baseSeq: 0, document: { ...STAMP, id, date: '2026-10-02', period: '2026-10', summary: id, lines, status: 'draft', preparedBy: 'kuaiji', _deleted: false } };
    };
    const few = await statementsFor('vouchers', [0, 1].map(voucher), TREASURER);
    const many = await statementsFor('vouchers', Array.from({ length: 1000 }, (_, i) => voucher(i + 2)), TREASURER);
    expect(many).toEqual(few);
  });

  it('mixes accepted, conflicting and refused rows in one answer, in row order', async () => {
    const tenant = await newCompound();
    const seeded = await pushTo(tenant, 'tasks', [
      { baseSeq: 0, document: task('m-kept') },
      { baseSeq: 0, document: task('m-old') },
    ]);
    const kept = seqsById(seeded).get('m-kept')!;
    const old = seqsById(seeded).get('m-old')!;
    const changed = await pushTo(tenant, 'tasks', [{ baseSeq: old, document: task('m-old', { title: '第二版' }) }]);
    const current = seqsById(changed).get('m-old')!;

    const r = await pushTo(tenant, 'tasks', [
      { baseSeq: 0, document: task('m-new') },
      { baseSeq: old, document: task('m-old', { title: '基于第一版' }) },
      { baseSeq: 0, document: { ...task('m-bad'), leadParty: 'nobody' } },
      { baseSeq: 'x', document: task('m-malformed') },
      { baseSeq: 0, document: task('m-rule', { status: 'done' }) },
      { baseSeq: 0, document: task('m-kept', { sync: { seq: kept } }) },
      { baseSeq: kept, document: task('m-kept', { title: '改' }) },
    ]);
    expect(r.accepted).toEqual([
      { id: 'm-new', seq: current + 1 },
      { id: 'm-kept', seq: kept },
      { id: 'm-kept', seq: current + 2 },
    ]);
    expect(r.conflicts).toEqual([
      { document: { ...task('m-old', { title: '第二版' }), sync: { seq: current } }, base: { ...task('m-old'), sync: { seq: old } } },
    ]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ id: 'm-bad', code: 'SCHEMA_INVALID', path: '/leadParty' }),
      { id: 'm-malformed', code: 'MALFORMED_ROW', message: expect.any(String) },
      expect.objectContaining({ id: 'm-rule', code: 'DOMAIN_INVALID', rule: 'STATUS_WITHOUT_TRANSITION' }),
    ]);
  });

  it('lets exactly one of two concurrent pushes of the same ids win each, and loses no write', async () => {
    const tenant = await newCompound();
    const seeded = seqsById(await pushTo(tenant, 'tasks', Array.from({ length: 1000 }, (_, i) => ({ baseSeq: 0, document: task(`c${i}`) }))));
    const before = await seqOf(tenant);
    const rowsOf = (from: number, to: number, by: string): Row[] =>
      Array.from({ length: to - from }, (_, k) => ({ baseSeq: seeded.get(`c${from + k}`)!, document: task(`c${from + k}`, { title: `${by} ${from + k}` }) }));
    // X changes c0–c599, Y c400–c999, both from the versions seeded: c400–c599 are contested.
    const [x, y] = await Promise.all([pushTo(tenant, 'tasks', rowsOf(0, 600, 'X')), pushTo(tenant, 'tasks', rowsOf(400, 1000, 'Y'))]);
    const [wonX, wonY] = [seqsById(x), seqsById(y)];
    const lostX = new Set(x.conflicts.map((c) => c.document.id));
    const lostY = new Set(y.conflicts.map((c) => c.document.id));
    const docs = new Map(
      (await db.query<{ id: string; seq: number; data: Json }>('SELECT id, seq, data FROM documents WHERE tenant_id = $1', [tenant])).rows.map((d) => [d.id, d]),
    );
    for (let i = 0; i < 1000; i++) {
      const id = `c${i}`;
      const inX = i < 600;
      const inY = i >= 400;
      const winners = [wonX.has(id) ? 'X' : null, wonY.has(id) ? 'Y' : null].filter((w) => w !== null);
      expect(winners, id).toHaveLength(1);
      expect(inX ? wonX.has(id) || lostX.has(id) : !lostX.has(id)).toBe(true);
      expect(inY ? wonY.has(id) || lostY.has(id) : !lostY.has(id)).toBe(true);
      // The stored document is the winner's, at the seq it was given.
      const winner = winners[0]!;
      expect(docs.get(id)?.data.title).toBe(`${winner} ${i}`);
      expect(docs.get(id)?.seq).toBe((winner === 'X' ? wonX : wonY).get(id));
    }
    // Each loser's conflict carries the winner's version, based on the version both started from.
    for (const [conflicts, winners] of [[x.conflicts, wonY], [y.conflicts, wonX]] as const) {
      for (const c of conflicts) {
        expect(c.document.sync?.seq).toBe(winners.get(c.document.id));
        expect(c.base?.sync?.seq).toBe(seeded.get(c.document.id));
      }
    }
    expect(lostX.size + lostY.size).toBe(200);
    // 1000 new versions, one per document, with seqs before+1… and nothing else in history.
    expect(await seqOf(tenant)).toBe(before + 1000);
    const history = await db.query<{ id: string; seq: number }>('SELECT id, seq FROM history WHERE tenant_id = $1 AND seq > $2 ORDER BY seq', [tenant, before]);
    expect(history.rows.map((h) => h.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => before + i + 1));
    expect(new Set(history.rows.map((h) => h.id)).size).toBe(1000);
    // Each push's own versions are in its row order.
    for (const r of [x, y]) expect(r.accepted.map((a) => a.seq)).toEqual([...r.accepted.map((a) => a.seq)].sort((p, q) => p - q));
  });

  it("tells the pusher which seqs are its own writes, counting only this collection's versions before it", async () => {
    const tenant = await newCompound();
    const before = await seqOf(tenant);
    const first = await pushAnswer(tenant, 'tasks', [0, 1, 2].map((i) => ({ baseSeq: 0, document: task(`k${i}`) })));
    expect(first.checkpoint).toEqual({ since: 0, seq: before + 3 });
    // Another collection's versions in between do not count: the tasks before this push end at before + 3.
    const person = { id: 'p1', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), createdBy: 'tester', updatedBy: 'tester', kind: 'person', name: '王芳', party: 'branch', status: 'active' };
    const other = await pushAnswer(tenant, 'roster', [{ baseSeq: 0, document: person }]);
    expect(other.rejected).toEqual([]);
    const otherSeq = other.accepted[0]?.seq ?? 0;
    const second = await pushAnswer(tenant, 'tasks', [{ baseSeq: before + 1, document: task('k0', { title: '二版' }) }, { baseSeq: 0, document: task('k3') }]);
    expect(second.checkpoint).toEqual({ since: before + 3, seq: Math.max(before + 3, otherSeq) + 2 });
    expect(second.accepted.map((a) => a.seq)).toEqual([second.checkpoint!.seq - 1, second.checkpoint!.seq]);
    // Between since and seq, a pull of the collection finds exactly this push's versions.
    const pulled = await db.query<{ seq: number }>('SELECT seq FROM documents WHERE tenant_id = $1 AND collection = $2 AND seq > $3 ORDER BY seq', [
      tenant,
      'tasks',
      second.checkpoint!.since,
    ]);
    expect(pulled.rows.map((r) => r.seq)).toEqual(second.accepted.map((a) => a.seq));
    // A push that writes nothing (a retry) has no checkpoint to give.
    expect((await pushAnswer(tenant, 'tasks', [{ baseSeq: 0, document: task('k3') }])).checkpoint).toBeUndefined();
  });

  it('accepts a retried push with the same seqs and writes nothing', async () => {
    const tenant = await newCompound();
    const rows = Array.from({ length: 1000 }, (_, i) => ({ baseSeq: 0, document: task(`r${i}`, { title: `重试 ${i}` }) }));
    const first = await pushTo(tenant, 'tasks', rows);
    expect(first.accepted).toHaveLength(1000);
    const held = await holdings(tenant);
    const counted = counting(db);
    const again = await pushTo(tenant, 'tasks', rows, { db: counted.db });
    expect(again).toEqual(first);
    expect(await holdings(tenant)).toEqual(held);
    expect(counted.statements.filter(writes)).toEqual([]);
    // As the client sends it after a lost answer: with the seq it never saw, based on 0.
    const withSync = rows.map((r, i) => ({ ...r, document: { ...r.document, sync: { seq: first.accepted[i]!.seq } } }));
    expect(await pushTo(tenant, 'tasks', withSync)).toEqual(first);
    expect(await holdings(tenant)).toEqual(held);
  });
});
