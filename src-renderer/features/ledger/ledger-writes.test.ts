// 期初余额 are written all or nothing (ledger-writes.ts writeTogether): a refused or failed write leaves the balances
// saved before exactly as they were — never half of the new ones.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createdFields } from '../../../shared/domain/common/stamp';
import { chartFromTemplate, templateAccountId as A, type Account } from '../../../shared/domain/ledger';
import type { LinliDatabase } from '../../db/database';
import { currentStamp, setOperatorName } from '../../db/operator';
import { openTestDatabase, teardown } from '../../testing/render-app';
import { saveOpeningBalances } from './ledger-writes';

let db: LinliDatabase | undefined;
beforeEach(async () => {
  db = await openTestDatabase();
  setOperatorName('张会计');
  const opening: Record<string, number> = { [A('100201')]: 1_000_000, [A('3101')]: 1_000_000 };
  await db.accounts.bulkInsert(chartFromTemplate().map((a) => ({ ...a, ...(opening[a.id] ? { openingBalanceFen: opening[a.id] } : {}), ...createdFields(currentStamp()) })));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await teardown(db);
  db = undefined;
  setOperatorName(undefined);
});
const theDb = (): LinliDatabase => {
  if (!db) throw new Error('no database');
  return db;
};

const accounts = async (): Promise<Account[]> => (await theDb().accounts.find().exec()).map((d) => d.toJSON() as unknown as Account);
const openings = async (): Promise<Record<string, number>> =>
  Object.fromEntries((await accounts()).filter((a) => (a.openingBalanceFen ?? 0) !== 0).map((a) => [a.code, a.openingBalanceFen as number]));
const EARLIER = { '100201': 1_000_000, '3101': 1_000_000 };

describe('期初余额 — all or nothing', () => {
  it('saves every changed balance in one write, each marked as a change to push', async () => {
    const r = await saveOpeningBalances(theDb(), await accounts(), new Map([[A('1001'), 50_000], [A('100201'), 950_000], [A('220902'), 0]]));
    expect(r).toEqual({ ok: true, value: undefined });
    expect(await openings()).toEqual({ '1001': 50_000, '100201': 950_000, '3101': 1_000_000 });
    const [raw] = await theDb().accounts.storageInstance.findDocumentsById([A('1001')], false);
    expect(raw).toMatchObject({ sync: { seq: 0, dirty: true }, updatedBy: '张会计' });
  });

  it('a write the storage turns down half-way (one balance beyond the schema) is put back: the earlier balances stay', async () => {
    // Balanced and whole fen, so the ledger's own check passes; 1122 and 220902 are beyond fenField (±9×10¹⁴), which
    // only the storage's schema check refuses — after 1001 (first in code order) has gone into the same write.
    const big = 9_000_000_000_000_000;
    const balances = new Map([
      [A('1001'), 1_000_000],
      [A('1122'), big - 1_000_000],
      [A('220902'), big],
    ]);
    const r = await saveOpeningBalances(theDb(), await accounts(), balances);
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'write', error: { code: 'WRITE_FAILED' } });
    expect(await openings()).toEqual(EARLIER);
    // 1001 was written, then put back (insert, write, undo), and is still a change to push.
    const [raw] = await theDb().accounts.storageInstance.findDocumentsById([A('1001')], false);
    expect(raw?._rev.startsWith('3-')).toBe(true);
    expect(raw).toMatchObject({ sync: { dirty: true } });
    expect(raw?.openingBalanceFen).toBeUndefined();
  });

  it('an account changed meanwhile (a balance synced in from another PC) is a conflict, and the rest is put back', async () => {
    const storage = theDb().accounts.storageInstance;
    const original = storage.bulkWrite.bind(storage);
    vi.spyOn(storage, 'bulkWrite').mockImplementationOnce(async (rows, context) => {
      // The first row's document changed after it was read: the storage writes the others and reports it.
      const [first, ...rest] = rows;
      const result = await original(rest, context);
      return { error: [...result.error, { status: 409, isError: true, documentId: String(first?.document.id), writeRow: first as never, documentInDb: first?.previous as never, context }] };
    });
    const r = await saveOpeningBalances(theDb(), await accounts(), new Map([[A('1001'), 50_000], [A('100201'), 950_000]]));
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'write', error: { code: 'WRITE_CONFLICT' } });
    expect(await openings()).toEqual(EARLIER);
  });

  it('a write that fails as a whole (disk full) changes nothing', async () => {
    const storage = theDb().accounts.storageInstance;
    vi.spyOn(storage, 'bulkWrite').mockRejectedValueOnce(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }));
    const r = await saveOpeningBalances(theDb(), await accounts(), new Map([[A('1001'), 50_000], [A('100201'), 950_000]]));
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'write', error: { code: 'QUOTA_EXCEEDED' } });
    expect(await openings()).toEqual(EARLIER);
  });

  it('a balance the rules refuse (opening locked by a posted voucher) stops them all before anything is written', async () => {
    await theDb().vouchers.insert({
      id: 'v1',
      date: '2026-01-05',
      period: '2026-01',
      summary: '收停车费',
      lines: [
        { id: 'a', accountId: A('100201'), debitFen: 100, creditFen: 0 },
        { id: 'b', accountId: A('470101'), debitFen: 0, creditFen: 100 },
      ],
      status: 'draft',
      preparedBy: '张会计',
      ...createdFields(currentStamp()),
    });
    setOperatorName('李审核');
    const at = new Date().toISOString();
    await (await theDb().vouchers.findOne('v1').exec())?.incrementalPatch({ status: 'posted', reviewedBy: '李审核', reviewedAt: at, postedBy: '李审核', postedAt: at });
    const write = vi.spyOn(theDb().accounts.storageInstance, 'bulkWrite');
    const r = await saveOpeningBalances(theDb(), await accounts(), new Map([[A('1001'), 50_000], [A('100201'), 950_000]]));
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'write', error: { code: 'DOMAIN_RULE', detail: { rule: 'OPENING_LOCKED' } } });
    expect(write).not.toHaveBeenCalled();
    expect(await openings()).toEqual(EARLIER);
  });

  it('unbalanced balances are refused before any write', async () => {
    const write = vi.spyOn(theDb().accounts.storageInstance, 'bulkWrite');
    const r = await saveOpeningBalances(theDb(), await accounts(), new Map([[A('1001'), 50_000]]));
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'rule', error: { code: 'OPENING_UNBALANCED' } });
    expect(write).not.toHaveBeenCalled();
    expect(await openings()).toEqual(EARLIER);
  });
});
