import { describe, expect, it } from 'vitest';
import { templateAccountId as A } from './chart';
import { reconcile, reconciledKeys, reconciliationStatus, undoReconciliation } from './bank-reconciliation';
import { fixtureAccounts } from './fixtures';
import { reversalContext, reverseVoucher, voucherContext } from './voucher';
import type { Account, Book, Voucher } from './types';

const accounts = fixtureAccounts();
const bank = accounts.find((x) => x.id === A('100201')) as Account;
const mk = (id: string, date: string, fen: number): Voucher => ({
  id,
  date,
  period: date.slice(0, 7),
  summary: id,
  lines: [
    { id: 'b', accountId: bank.id, debitFen: fen > 0 ? fen : 0, creditFen: fen < 0 ? -fen : 0 },
    { id: 'o', accountId: A('470104'), debitFen: fen < 0 ? -fen : 0, creditFen: fen > 0 ? fen : 0 },
  ],
  status: 'posted',
  preparedBy: 'a',
  reviewedBy: 'b',
  postedAt: 't',
});
const book: Book = { accounts, vouchers: [mk('v1', '2026-03-02', 10_000), mk('v2', '2026-03-10', -3_000), mk('v3', '2026-03-28', 700)] };
const input = { id: 'r1', statementDate: '2026-03-31', statementBalanceFen: 5_007_000, items: [{ voucherId: 'v1', lineId: 'b' }, { voucherId: 'v2', lineId: 'b' }], by: 'a', at: 't' };

describe('L-B1–L-B2 status against a statement', () => {
  it('L-B2 difference and unreconciled items (未达账项)', () => {
    const s = reconciliationStatus(book, bank, '2026-03-31', 5_007_000, []);
    expect(s).toMatchObject({ bookBalanceFen: 5_007_700, reconciledBalanceFen: 5_000_000, differenceFen: 7_000, unreconciledFen: 7_700 });
    expect(s.unreconciled.map((p) => p.voucherId)).toEqual(['v1', 'v2', 'v3']);
  });
});

describe('L-B3–L-B5 reconcile and undo', () => {
  it('L-B3 ticks items when the statement then agrees', () => {
    const r = reconcile(book, bank, [], input);
    if (!r.ok) throw new Error(r.error.code);
    const s = reconciliationStatus(book, bank, '2026-03-31', 5_007_000, [r.value]);
    expect(s.differenceFen).toBe(0);
    expect(s.unreconciled.map((p) => p.voucherId)).toEqual(['v3']);
  });
  it('L-B4 refusals', () => {
    expect(reconcile(book, bank, [], { ...input, statementBalanceFen: 1 })).toMatchObject({ ok: false, error: { code: 'DIFFERENCE_REMAINS' } });
    expect(reconcile(book, bank, [], { ...input, items: [{ voucherId: 'v1', lineId: 'o' }] })).toMatchObject({ ok: false, error: { code: 'LINE_UNKNOWN' } });
    expect(reconcile(book, accounts.find((x) => x.code === '1001') as Account, [], input)).toMatchObject({ ok: false, error: { code: 'NOT_BANK_ACCOUNT' } });
    const r = reconcile(book, bank, [], input);
    if (!r.ok) throw new Error();
    expect(reconcile(book, bank, [r.value], { ...input, id: 'r2' })).toMatchObject({ ok: false, error: { code: 'ALREADY_RECONCILED' } });
  });
  it('L-B5 a ticked line is not reversed until the reconciliation is undone (L-V18)', () => {
    const r = reconcile(book, bank, [], input);
    if (!r.ok) throw new Error();
    const ctx = voucherContext(accounts);
    const rev = (recs: typeof r.value[]) =>
      reverseVoucher(book.vouchers[0] as Voucher, { id: 'x', date: '2026-03-31', lineIds: ['x1', 'x2'], preparedBy: { name: 'a' } }, ctx, reversalContext(book.vouchers, reconciledKeys(recs)));
    expect(rev([r.value])).toMatchObject({ ok: false, error: { code: 'RECONCILED' } });
    const undone = undoReconciliation(r.value, 'a', 't2');
    if (!undone.ok) throw new Error();
    expect(rev([undone.value]).ok).toBe(true);
    expect(undoReconciliation(undone.value, 'a', 't3')).toMatchObject({ ok: false, error: { code: 'ALREADY_UNDONE' } });
  });
});
