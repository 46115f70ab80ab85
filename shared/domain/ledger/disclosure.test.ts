import { describe, expect, it } from 'vitest';
import { templateAccountId as A } from './chart';
import { disclosureFigures } from './disclosure';
import { fixtureAccounts, transfer } from './fixtures';
import { closePeriod } from './period';
import type { Book, LedgerPeriod, Voucher } from './types';

const mk = (id: string, date: string, debit: string, credit: string, fen: number, projectId?: string): Voucher => ({
  ...transfer(id, date, debit, credit, fen, projectId),
  counterparty: '某公司',
});
const book: Book = {
  accounts: fixtureAccounts(),
  vouchers: [
    mk('park', '2026-01-05', '100201', '470101', 80_000),
    mk('ad', '2026-02-05', '1001', '470102', 6_000),
    mk('fix', '2026-02-20', '510101', '100201', 250_000),
    mk('pen', '2026-03-01', '520101', '1001', 1_500),
    mk('dep', '2026-03-03', '100201', '220902', 50_000), // a deposit: not income
  ],
};
const opts = { by: 'a', at: 't', unsyncedCount: 0 };
const closeAll = (months: string[]): LedgerPeriod[] =>
  months.reduce<LedgerPeriod[]>((ps, m) => {
    const r = closePeriod(undefined, m, book, ps, opts);
    if (!r.ok) throw new Error(r.error.code);
    return [...ps, r.value];
  }, []);

describe('L-D1–L-D5 财务收支公示', () => {
  it('L-D1 only for closed months', () => {
    expect(disclosureFigures(book, closeAll(['2026-01', '2026-02']), { kind: 'quarter', quarter: { year: 2026, quarter: 1 } }, 100_000)).toMatchObject({
      ok: false,
      error: { code: 'PERIOD_NOT_CLOSED', detail: { period: '2026-03' } },
    });
  });
  it('L-D2–L-D5 the figures of a quarter', () => {
    const periods = closeAll(['2026-01', '2026-02', '2026-03']);
    const r = disclosureFigures(book, periods, { kind: 'quarter', quarter: { year: 2026, quarter: 1 } }, 100_000);
    if (!r.ok) throw new Error(r.error.code);
    const d = r.value;
    expect(d.opening).toEqual({ cashFen: 200_000, bankFen: 6_000_000, totalFen: 6_200_000 });
    expect(d.incomeFen).toBe(86_000);
    expect(d.income.find((c) => c.code === '4701')?.parts.map((p) => [p.code, p.amountFen])).toEqual([
      ['470101', 80_000],
      ['470102', 6_000],
    ]);
    expect(d.expenseFen).toBe(251_500);
    expect(d.expense.find((c) => c.code === '5101')?.largeItems).toEqual([
      { voucherId: 'fix', number: 2, date: '2026-02-20', summary: 'fix', counterparty: '某公司', accountId: A('510101'), amountFen: 250_000 },
    ]);
    expect(d.expense.find((c) => c.code === '5201')?.largeItems).toEqual([]);
    expect(d.closing.totalFen).toBe(6_200_000 + 86_000 - 251_500 + 50_000);
    expect(d.otherChangesFen).toBe(50_000);
    expect(d.booksHash).toBe(periods[2]?.chainHead);
    expect(d.booksHash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('L-D1 a threshold is non-negative integer fen', () => {
    expect(disclosureFigures(book, [], { kind: 'month', period: '2026-01' }, -1)).toMatchObject({ ok: false, error: { code: 'THRESHOLD_INVALID' } });
  });
});
