// Domain rules run inside the push transaction with a lookup over the compound's documents (shared/collections):
// a rule that reads a second document, and the same rule seeing a row written earlier in the same push.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/domain/ledger/hash-chain';
import { freshDatabase, loginAs, makeCompound, makeUser, push, startServer, type TestDatabase, type TestServer } from './helpers';

const T = '2026-11-25T08:30:00.000Z';
const stamp = { createdAt: T, updatedAt: T, createdBy: '会计', updatedBy: '会计', _deleted: false };
/** An empty month's close is what closePeriod gives over no documents: the server recomputes it (L-P7). */
const period = (id: string, status: 'open' | 'closed') =>
  status === 'open' ? { id, ...stamp, status } : { id, ...stamp, status, closedAt: T, closedBy: 'kuaiji', numbering: [], chainHead: GENESIS_HASH, closingBalances: [] };
const voucher = (id: string, month: string) => ({
  id, ...stamp, date: `${month}-08`, period: month, summary: '停车费收入', status: 'draft', preparedBy: 'kuaiji',
  lines: [
    { id: 'l1', accountId: '1002', debitFen: 50_000, creditFen: 0 },
    { id: 'l2', accountId: '5101', debitFen: 0, creditFen: 50_000 },
  ],
});

let tdb: TestDatabase;
let server: TestServer;
let token: string;
let adminToken: string;
let septemberSeq = 0;

beforeAll(async () => {
  tdb = await freshDatabase();
  server = await startServer(tdb.db);
  await makeCompound(tdb.db, 'RULES');
  await makeUser(tdb.db, 'RULES', 'kuaiji', 'treasurer');
  token = (await loginAs(server.url, 'RULES', 'kuaiji')).accessToken;
  await makeUser(tdb.db, 'RULES', 'zhuren', 'admin');
  adminToken = (await loginAs(server.url, 'RULES', 'zhuren')).accessToken;
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('domain rules with a lookup inside the push', () => {
  it('refuses a voucher entered into a closed period, reading the period document, and keeps the rest of the push', async () => {
    const p = await push(server.url, token, 'periods', [
      { baseSeq: 0, document: period('2026-09', 'closed') },
      { baseSeq: 0, document: period('2026-10', 'open') },
    ]);
    expect(p.body).toMatchObject({ rejected: [], conflicts: [] });
    septemberSeq = (p.body.accepted as { seq: number }[])[0]!.seq;
    const r = await push(server.url, token, 'vouchers', [
      { baseSeq: 0, document: voucher('v-closed', '2026-09') },
      { baseSeq: 0, document: voucher('v-open', '2026-10') },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([expect.objectContaining({ id: 'v-closed', code: 'DOMAIN_INVALID', rule: 'PERIOD_CLOSED', path: '/period' })]);
    expect((r.body.accepted as { id: string }[]).map((a) => a.id)).toEqual(['v-open']);
    const stored = await tdb.db.query<{ id: string }>("SELECT id FROM documents WHERE collection = 'vouchers' ORDER BY id");
    expect(stored.rows.map((x) => x.id)).toEqual(['v-open']);
  });

  it('sees a period closed by an earlier push at once, and one reopened (by a 管理员, with a reason) as well', async () => {
    const closeIt = await push(server.url, token, 'periods', [{ baseSeq: 0, document: period('2026-08', 'closed') }]);
    expect(closeIt.body.rejected).toEqual([]);
    const seq = (closeIt.body.accepted as { seq: number }[])[0]!.seq;
    expect((await push(server.url, token, 'vouchers', [{ baseSeq: 0, document: voucher('v-aug', '2026-08') }])).body.rejected).toHaveLength(1);
    const reopen = { ...period('2026-08', 'open'), numbering: [], chainHead: GENESIS_HASH, reopenings: [{ at: T, by: 'zhuren', reason: '补录漏记凭证' }] };
    expect((await push(server.url, token, 'periods', [{ baseSeq: seq, document: reopen }])).body.rejected).toEqual([expect.objectContaining({ rule: 'REOPEN_INVALID' })]);
    // Only the latest closed month reopens: 2026-09 was closed after it.
    expect((await push(server.url, adminToken, 'periods', [{ baseSeq: seq, document: reopen }])).body.rejected).toEqual([expect.objectContaining({ rule: 'LATER_PERIOD_CLOSED' })]);
    const reopenSeptember = { ...reopen, id: '2026-09' };
    expect((await push(server.url, adminToken, 'periods', [{ baseSeq: septemberSeq, document: reopenSeptember }])).body.rejected).toEqual([]);
    expect((await push(server.url, adminToken, 'periods', [{ baseSeq: seq, document: reopen }])).body.rejected).toEqual([]);
    expect((await push(server.url, token, 'vouchers', [{ baseSeq: 0, document: voucher('v-aug', '2026-08') }])).body.rejected).toEqual([]);
  });
});
