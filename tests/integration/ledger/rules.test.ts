// The ledger's rules on the real server (issue #12): the push judges vouchers, periods and accounts with the pure core
// (shared/domain/ledger) over the compound's own documents and the pushing user. Clients here are the HTTP API and
// the pure functions a ledger UI will call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartFromTemplate } from '../../../shared/domain/ledger/chart';
import { closePeriod } from '../../../shared/domain/ledger/period';
import { numberVouchers } from '../../../shared/domain/ledger/numbering';
import { postVoucher, reversalContext, reverseVoucher, reviewVoucher, voucherContext } from '../../../shared/domain/ledger/voucher';
import type { Account, LedgerPeriod, Voucher } from '../../../shared/domain/ledger/types';
import type { CollectionName } from '../../../shared/schema';
import { auditLedger, verifyTenant } from '../../../src-server/sync/verify';
import { freshDatabase, loginAs, makeCompound, makeUser, pull, push, row, seqs, startServer, type Json, type TestDatabase, type TestServer } from '../server/helpers';

let tdb: TestDatabase;
let server: TestServer;
const tokens: Record<string, string> = {};
const T = (day: string, h = '02') => `${day}T${h}:00:00.000Z`;
const stamp = (by: string) => ({ createdAt: T('2026-11-01'), updatedAt: T('2026-11-01'), createdBy: by, updatedBy: by });
const KUAIJI = { name: 'kuaiji' }; // 会计, treasurer: 制单 and 记账
const ZHUREN = { name: 'zhuren' }; // 主任, admin: 审核

/** The server's sequence of each document pushed, by id. */
const seqOf: Record<string, number> = {};

async function put(user: string, collection: CollectionName, docs: readonly object[]) {
  const rows = docs.map((d) => row({ _deleted: false, ...(d as Json) }, seqOf[String((d as Json).id)] ?? 0));
  const r = await push(server.url, tokens[user]!, collection, rows);
  Object.assign(seqOf, seqs(r.body));
  return r.body;
}

async function all<T>(user: string, collection: CollectionName): Promise<T[]> {
  const out: Json[] = [];
  let seq = 0;
  for (;;) {
    const r = await pull(server.url, tokens[user]!, collection, seq, 1000);
    const docs = r.body.documents as Json[];
    out.push(...docs.filter((d) => d._deleted !== true));
    if (docs.length === 0) return out.map(({ sync: _s, ...d }) => d) as T[];
    seq = (r.body.checkpoint as { seq: number }).seq;
  }
}

const chart: Account[] = chartFromTemplate().map((a) =>
  a.id === 'acct-1001' ? { ...a, openingBalanceFen: 100_000 } : a.id === 'acct-3101' ? { ...a, openingBalanceFen: 100_000 } : a,
);
const ctx = () => voucherContext(chart);

const draft = (id: string, date: string, fen: number, by = KUAIJI): Voucher => ({
  ...stamp(by.name),
  id,
  date,
  period: date.slice(0, 7),
  summary: `停车费 ${id}`,
  lines: [
    { id: `${id}-1`, accountId: 'acct-100201', debitFen: fen, creditFen: 0 },
    { id: `${id}-2`, accountId: 'acct-470101', debitFen: 0, creditFen: fen },
  ],
  status: 'draft',
  preparedBy: by.name,
}) as Voucher;

const unwrap = <V>(r: { ok: true; value: V } | { ok: false; error: unknown }): V => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'ZHANGBEN');
  for (const [u, role] of [['kuaiji', 'treasurer'], ['zhuren', 'admin']] as const) {
    await makeUser(tdb.db, 'ZHANGBEN', u, role);
    tokens[u] = (await loginAs(server.url, 'ZHANGBEN', u)).accessToken;
  }
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('the ledger on the server', () => {
  let posted: Voucher;

  it('takes the chart from the template with opening balances, and a draft → reviewed → posted voucher', async () => {
    expect(await put('kuaiji', 'accounts', chart.map((a) => ({ ...a, ...stamp('kuaiji') })))).toMatchObject({ rejected: [], conflicts: [] });
    const d = draft('v1', '2026-11-03', 50_000);
    expect(await put('kuaiji', 'vouchers', [d])).toMatchObject({ rejected: [] });
    const reviewed = unwrap(reviewVoucher(d, ZHUREN, T('2026-11-03', '03'), ctx()));
    expect(await put('zhuren', 'vouchers', [reviewed])).toMatchObject({ rejected: [] });
    posted = unwrap(postVoucher(reviewed, KUAIJI, T('2026-11-03', '04'), ctx(), reversalContext([]))).voucher;
    expect(await put('kuaiji', 'vouchers', [posted])).toMatchObject({ rejected: [] });
  });

  it('refuses editing or deleting a posted voucher, with a structured error', async () => {
    const edited = await put('kuaiji', 'vouchers', [{ ...posted, summary: '改摘要' }]);
    expect(edited.rejected).toEqual([expect.objectContaining({ id: 'v1', code: 'DOMAIN_INVALID', rule: 'POSTED_IMMUTABLE', path: '/summary' })]);
    const amount = await put('zhuren', 'vouchers', [{ ...posted, lines: [{ ...posted.lines[0]!, debitFen: 1 }, { ...posted.lines[1]!, creditFen: 1 }] }]);
    expect(amount.rejected).toEqual([expect.objectContaining({ rule: 'POSTED_IMMUTABLE', path: '/lines' })]);
    const gone = await push(server.url, tokens.kuaiji!, 'vouchers', [row({ ...posted, _deleted: true }, seqOf.v1)]);
    expect(gone.body.rejected).toEqual([expect.objectContaining({ rule: 'POSTED_IMMUTABLE', path: '/_deleted' })]);
  });

  it('refuses self-review, whether the document admits it or names someone else', async () => {
    const d = draft('v-self', '2026-11-05', 1_000);
    await put('kuaiji', 'vouchers', [d]);
    const admitted = await put('kuaiji', 'vouchers', [{ ...d, status: 'reviewed', reviewedBy: 'kuaiji', reviewedAt: T('2026-11-05') }]);
    expect(admitted.rejected).toEqual([expect.objectContaining({ rule: 'SELF_REVIEW', path: '/reviewedBy' })]);
    const forged = await put('kuaiji', 'vouchers', [{ ...d, status: 'reviewed', reviewedBy: 'zhuren', reviewedAt: T('2026-11-05') }]);
    expect(forged.rejected).toEqual([expect.objectContaining({ rule: 'SELF_REVIEW' })]);
    // Nor is a draft written in someone else's name, to be "reviewed" by oneself.
    expect((await put('kuaiji', 'vouchers', [draft('v-alias', '2026-11-05', 1_000, ZHUREN)])).rejected).toEqual([expect.objectContaining({ rule: 'PREPARER_NOT_ACTOR' })]);
    expect((await put('kuaiji', 'vouchers', [{ ...d, _deleted: true }])).rejected).toEqual([]);
  });

  it('refuses an unbalanced voucher once it is more than a draft', async () => {
    const d = draft('v-unbal', '2026-11-06', 2_000);
    const bad = { ...d, lines: [d.lines[0]!, { ...d.lines[1]!, creditFen: 1_999 }] };
    expect(await put('kuaiji', 'vouchers', [bad])).toMatchObject({ rejected: [] }); // drafts are saved while typing
    const r = await put('zhuren', 'vouchers', [{ ...bad, status: 'reviewed', reviewedBy: 'zhuren', reviewedAt: T('2026-11-06') }]);
    expect(r.rejected).toEqual([expect.objectContaining({ rule: 'UNBALANCED', path: '/lines' })]);
    expect((await put('kuaiji', 'vouchers', [{ ...bad, _deleted: true }])).rejected).toEqual([]);
  });

  it('reverses a posted voucher: the reversal is reviewed and posted, the original gets its link and nothing else', async () => {
    const reversal = unwrap(reverseVoucher(posted, { id: 'v1-red', date: '2026-11-20', lineIds: ['r1', 'r2'], preparedBy: KUAIJI }, ctx(), reversalContext([posted])));
    await put('kuaiji', 'vouchers', [{ ...reversal, ...stamp('kuaiji') }]);
    const reviewed = unwrap(reviewVoucher(reversal, ZHUREN, T('2026-11-20', '03'), ctx()));
    await put('zhuren', 'vouchers', [{ ...reviewed, ...stamp('kuaiji') }]);
    const { voucher, original } = unwrap(postVoucher(reviewed, KUAIJI, T('2026-11-20', '04'), ctx(), reversalContext([posted, reviewed])));
    // A second reversal of the same voucher is refused when posted.
    const again = { ...voucher, id: 'v1-red2', lines: voucher.lines.map((l) => ({ ...l, id: `${l.id}b` })) };
    expect(await put('kuaiji', 'vouchers', [{ ...voucher, ...stamp('kuaiji') }, { ...original!, ...stamp('kuaiji') }])).toMatchObject({ rejected: [] });
    expect((await put('kuaiji', 'vouchers', [{ ...again, ...stamp('kuaiji') }])).rejected).toEqual([expect.objectContaining({ rule: 'ALREADY_REVERSED' })]);
    posted = original!;
  });

  it('refuses a close that is not what the server holds (CLOSE_STALE), takes the right one, then no voucher in the month', async () => {
    const vouchers = await all<Voucher>('kuaiji', 'vouchers');
    const accounts = await all<Account>('kuaiji', 'accounts');
    const at = { by: 'kuaiji', at: T('2026-12-01'), unsyncedCount: 0 };
    // A PC that had not pulled the reversal: its close leaves it out.
    const stale = unwrap(closePeriod(undefined, '2026-11', { accounts, vouchers: vouchers.filter((v) => v.id !== 'v1-red') }, [], at));
    const refused = await put('kuaiji', 'periods', [{ ...stale, ...stamp('kuaiji') }]);
    expect(refused.rejected).toEqual([expect.objectContaining({ id: '2026-11', code: 'DOMAIN_INVALID', rule: 'CLOSE_STALE' })]);
    const close = unwrap(closePeriod(undefined, '2026-11', { accounts, vouchers }, [], at));
    expect(close.numbering?.map((n) => n.voucherId)).toEqual(['v1', 'v1-red']);
    expect(await put('kuaiji', 'periods', [{ ...close, ...stamp('kuaiji') }])).toMatchObject({ rejected: [] });

    const late = await put('kuaiji', 'vouchers', [draft('v-late', '2026-11-28', 500)]);
    expect(late.rejected).toEqual([expect.objectContaining({ rule: 'PERIOD_CLOSED', path: '/period' })]);
    // A closed month changes only by a 管理员's recorded reopen.
    const rewritten = await put('kuaiji', 'periods', [{ ...close, ...stamp('kuaiji'), chainHead: 'f'.repeat(64) }]);
    expect(rewritten.rejected).toEqual([expect.objectContaining({ rule: 'PERIOD_CLOSED_IMMUTABLE' })]);
    const { closingBalances: _c, closedAt: _a, closedBy: _b, ...open } = close;
    const byTreasurer = await put('kuaiji', 'periods', [{ ...open, ...stamp('kuaiji'), status: 'open', reopenings: [{ at: T('2026-12-02'), by: 'kuaiji', reason: '补录' }] }]);
    expect(byTreasurer.rejected).toEqual([expect.objectContaining({ rule: 'REOPEN_INVALID' })]);
  });

  it('refuses deleting or recoding an account with postings, and changing opening balances once a voucher is posted', async () => {
    const bank = chart.find((a) => a.id === 'acct-100201')!;
    expect((await put('kuaiji', 'accounts', [{ ...bank, ...stamp('kuaiji'), code: '100202' }])).rejected).toEqual([expect.objectContaining({ rule: 'ACCOUNT_HAS_POSTINGS', path: '/code' })]);
    expect((await put('kuaiji', 'accounts', [{ ...bank, ...stamp('kuaiji'), name: '工行基本户' }])).rejected).toEqual([]);
    const cash = chart.find((a) => a.id === 'acct-1001')!;
    expect((await put('kuaiji', 'accounts', [{ ...cash, ...stamp('kuaiji'), openingBalanceFen: 1 }])).rejected).toEqual([expect.objectContaining({ rule: 'OPENING_LOCKED' })]);
    const unused = chart.find((a) => a.id === 'acct-1141')!;
    const del = await push(server.url, tokens.kuaiji!, 'accounts', [row({ ...unused, ...stamp('kuaiji'), _deleted: true }, seqOf['acct-1141'])]);
    expect(del.body.rejected).toEqual([]);
  });
});

describe('two PCs posting offline in the same month', () => {
  it('number their vouchers identically and without gaps once both have pushed, and the close fixes that order', async () => {
    // Prepared and reviewed while online, by different people.
    const a = ['a1', 'a2'].map((id, i) => draft(id, `2026-12-0${i + 3}`, 1_000 * (i + 1), KUAIJI));
    const b = ['b1', 'b2'].map((id, i) => draft(id, `2026-12-0${i + 3}`, 3_000 * (i + 1), ZHUREN));
    await put('kuaiji', 'vouchers', a);
    await put('zhuren', 'vouchers', b);
    const aReviewed = a.map((v) => unwrap(reviewVoucher(v, ZHUREN, T('2026-12-05'), ctx())));
    const bReviewed = b.map((v) => unwrap(reviewVoucher(v, KUAIJI, T('2026-12-05'), ctx())));
    await put('zhuren', 'vouchers', aReviewed);
    await put('kuaiji', 'vouchers', bReviewed);
    // Offline, each PC posts what it has; each sees 记-1 and 记-2 of its own.
    const aPosted = aReviewed.map((v, i) => unwrap(postVoucher(v, KUAIJI, T('2026-12-06', `1${i}`), ctx(), reversalContext([]))).voucher);
    const bPosted = bReviewed.map((v, i) => unwrap(postVoucher(v, ZHUREN, T('2026-12-06', `0${i}`), ctx(), reversalContext([]))).voucher);
    const provisional = (vs: Voucher[]) => numberVouchers(vs, '2026-12').map((n) => [n.voucher.id, n.number]);
    expect(provisional(aPosted)).toEqual([['a1', 1], ['a2', 2]]);
    expect(provisional(bPosted)).toEqual([['b1', 1], ['b2', 2]]);
    const periods = await all<LedgerPeriod>('kuaiji', 'periods');
    const accounts = await all<Account>('kuaiji', 'accounts');
    // PC A's books without B's month (say it never pulled them): its close is stale once B has pushed.
    const aView = [...(await all<Voucher>('kuaiji', 'vouchers')).filter((v) => !/^[ab]\d$/.test(v.id)), ...aPosted];

    expect(await put('kuaiji', 'vouchers', aPosted)).toMatchObject({ rejected: [] });
    expect(await put('zhuren', 'vouchers', bPosted)).toMatchObject({ rejected: [] });
    const at = { by: 'kuaiji', at: T('2027-01-02'), unsyncedCount: 0 };
    const stale = unwrap(closePeriod(undefined, '2026-12', { accounts, vouchers: aView }, periods, at));
    expect((await put('kuaiji', 'periods', [{ ...stale, ...stamp('kuaiji') }])).rejected).toEqual([expect.objectContaining({ rule: 'CLOSE_STALE' })]);

    // After pulling, both PCs compute the same numbering: (date, postedAt, id), 1..n.
    const onA = numberVouchers(await all<Voucher>('kuaiji', 'vouchers'), '2026-12').map((n) => [n.voucher.id, n.number]);
    const onB = numberVouchers(await all<Voucher>('zhuren', 'vouchers'), '2026-12').map((n) => [n.voucher.id, n.number]);
    expect(onA).toEqual(onB);
    expect(onA).toEqual([['b1', 1], ['a1', 2], ['b2', 3], ['a2', 4]]);

    const close = unwrap(closePeriod(undefined, '2026-12', { accounts, vouchers: await all<Voucher>('zhuren', 'vouchers') }, periods, { ...at, by: 'zhuren' }));
    expect(await put('zhuren', 'periods', [{ ...close, ...stamp('zhuren') }])).toMatchObject({ rejected: [] });
    const [stored] = (await all<LedgerPeriod>('kuaiji', 'periods')).filter((p) => p.id === '2026-12');
    expect(stored?.numbering?.map((n) => n.voucherId)).toEqual(['b1', 'a1', 'b2', 'a2']);
  });

  it('audits the chain on the server (verify): whole, then a posted voucher edited in the database is named with its field', async () => {
    const tenant = (await tdb.db.query<{ id: string }>(`SELECT id FROM compounds WHERE code = 'ZHANGBEN'`)).rows[0]?.id ?? '';
    const whole = await auditLedger(tdb.db, tenant);
    expect(whole.problems).toEqual([]);
    expect(whole.closedPeriods).toBeGreaterThanOrEqual(2);
    expect(whole.chained).toBeGreaterThanOrEqual(6);

    // Someone with database access rewrites 记-2 of 2026-12 (a1): its amount, on both lines, as if it had always been so.
    await tdb.db.query(
      `UPDATE documents SET data = jsonb_set(jsonb_set(data, '{lines,0,debitFen}', '999'), '{lines,1,creditFen}', '999')
        WHERE tenant_id = $1 AND collection = 'vouchers' AND id = 'a1'`,
      [tenant],
    );
    const audit = await auditLedger(tdb.db, tenant);
    expect(audit.problems).toEqual([
      { code: 'VOUCHER_ALTERED', voucherId: 'a1', period: '2026-12', number: 2, fields: ['lines.a1-1.debitFen', 'lines.a1-2.creditFen'] },
    ]);
    expect((await verifyTenant(tdb.db, tenant)).ledger.problems).toHaveLength(1);
  });
});
