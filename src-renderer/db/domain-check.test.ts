// The app runs the collection's domain rules before saving, with a lookup over the local store (shared/collections):
// the same rules the server runs inside a push.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type LinliDatabase } from './database';
import { attemptWrite } from './write-error';
import { errorText } from '../i18n/errors';
import { getOperatorName } from './operator';
import { GENESIS_HASH } from '../../shared/domain/ledger/hash-chain';

let db: LinliDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const stamp = { createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', createdBy: '会计', updatedBy: '会计' };
const voucher = (id: string, period: string) => ({
  id, ...stamp, date: `${period}-08`, period, summary: '停车费收入', status: 'draft' as const, preparedBy: getOperatorName(),
  lines: [
    { id: 'l1', accountId: '1002', debitFen: 50_000, creditFen: 0 },
    { id: 'l2', accountId: '5101', debitFen: 0, creditFen: 50_000 },
  ],
});

describe('domain rules before saving', () => {
  it('refuses a voucher into a closed period by reading the period document, in Chinese, and saves nothing', async () => {
    db = await openDatabase({ name: `t-rules-${crypto.randomUUID()}` });
    // An empty month's close, as closePeriod gives it (the rule recomputes it from the local store).
    await db.periods.insert({ id: '2026-09', ...stamp, status: 'closed', closedAt: stamp.createdAt, closedBy: '会计', numbering: [], chainHead: GENESIS_HASH, closingBalances: [] });
    const r = await attemptWrite(() => db!.vouchers.insert(voucher('v1', '2026-09')));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({ code: 'DOMAIN_RULE', detail: { rule: 'PERIOD_CLOSED' } });
    expect(errorText(r.error.code, r.error.detail)).toBe('该会计期间已结账，不能再录入或修改其中的凭证。本次修改未保存，已保存的数据不受影响。');
    expect(await db.vouchers.count().exec()).toBe(0);
    // An open period takes it.
    expect((await attemptWrite(() => db!.vouchers.insert(voucher('v2', '2026-10')))).ok).toBe(true);
  });

  it("finds an account's postings through the lines of vouchers ($elemMatch) and refuses deleting it", async () => {
    db = await openDatabase({ name: `t-rules-${crypto.randomUUID()}` });
    const account = (id: string, code: string, type: 'asset' | 'income') => ({ id, ...stamp, code, name: code, type, normalSide: type === 'asset' ? 'debit' : 'credit', active: true }) as const;
    await db.accounts.bulkInsert([account('1002', '1002', 'asset'), account('5101', '4701', 'income'), account('spare', '1122', 'asset')]);
    await db.vouchers.insert(voucher('v1', '2026-10'));
    const used = (await db.accounts.findOne('1002').exec())!;
    expect(await attemptWrite(() => used.remove())).toEqual({ ok: false, error: { code: 'DOMAIN_RULE', detail: { rule: 'ACCOUNT_HAS_POSTINGS' } } });
    expect((await attemptWrite(() => db!.accounts.findOne('spare').exec().then((d) => d!.remove()))).ok).toBe(true);
  });

  it('keeps a finalised meeting as recorded (M15) while a correction may still be added', async () => {
    db = await openDatabase({ name: `t-rules-${crypto.randomUUID()}` });
    await db.meetings.insert({ id: 'm1', ...stamp, title: '业委会会议', type: 'council', status: 'final', date: '2026-11-01', attendees: [], topics: [] } as never);
    const doc = (await db.meetings.findOne('m1').exec())!;
    const r = await attemptWrite(() => doc.incrementalPatch({ title: '偷偷改标题' }));
    expect(r.ok ? null : r.error).toEqual({ code: 'DOMAIN_RULE', detail: { rule: 'MEETING_FINALISED' } });
    expect((await db.meetings.findOne('m1').exec())!.title).toBe('业委会会议');
    const remove = await attemptWrite(() => doc.remove());
    expect(remove.ok).toBe(false);
    const corrected = await attemptWrite(() =>
      doc.incrementalModify((m) => ({ ...m, corrections: [{ id: 'c1', kind: 'supplement', at: stamp.updatedAt, by: '秘书', reason: '漏记结束时间', text: '会议于 16:00 结束' }] })),
    );
    expect(corrected.ok).toBe(true);
  });
});
