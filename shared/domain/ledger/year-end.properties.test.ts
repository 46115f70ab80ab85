// Property tests of 年度结转 (SPEC L-Y1–L-Y9) over random books, as properties.test.ts does for the reports: once the
// year-end vouchers are reviewed and posted, every income and expense account stands at zero, net assets have grown
// by income − expense, the books still balance, and 3102 holds per project what L-Y5 says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateAccountId } from './chart';
import { bookFromSpecs, type VoucherSpec } from './fixtures';
import { balanceSheet, closingBalances, incomeStatement, trialBalance, yearRange } from './reports';
import type { Book } from './types';
import { isYearEndVoucher, yearEndClosing } from './year-end';
import { postAll } from './year-end.testing';

const spec: fc.Arbitrary<VoucherSpec> = fc.record(
  {
    day: fc.integer({ min: 0, max: 364 }),
    legs: fc.array(fc.record({ account: fc.nat(63), fen: fc.integer({ min: 1, max: 100_000_000 }), debit: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    balanceAccount: fc.nat(63),
    reverseAfter: fc.nat(60),
  },
  { requiredKeys: ['day', 'legs', 'balanceAccount'] },
);
const books = fc.array(spec, { maxLength: 40 }).map((s) => bookFromSpecs(s));
const RUNS = { numRuns: 60 };
const ME = { name: '张会计' };
const Y = 2026;
const END = `${Y}-12-31`;

/** Net assets (every 3xxx leaf), credit-positive. */
const netAssetsOf = (book: Book): number => {
  const types = new Map(book.accounts.map((x) => [x.id, x.type]));
  let t = 0;
  for (const [id, fen] of closingBalances(book, END)) if (types.get(id) === 'net_assets') t -= fen;
  return t;
};

/** The same books with nothing posted on 3102 by hand: its lines move to 3101 without their project. */
const without3102 = (book: Book): Book => ({
  ...book,
  vouchers: book.vouchers.map((v) => ({
    ...v,
    lines: v.lines.map((l) => (l.accountId === templateAccountId('3102') ? { id: l.id, accountId: templateAccountId('3101'), debitFen: l.debitFen, creditFen: l.creditFen } : l)),
  })),
});

describe('年度结转 properties', () => {
  it('Y1 posted, every income and expense account is zero, net assets grow by income − expense, the books balance', () => {
    fc.assert(
      fc.property(books, (book) => {
        const r = yearEndClosing(book, [], Y, ME);
        const surplus = incomeStatement(book, yearRange(Y)).surplusFen;
        if (!r.ok) {
          // Only books with no income or expense at all have nothing to carry.
          expect(r.error.code).toBe('NOTHING_TO_CARRY');
          expect(trialBalance(book, yearRange(Y)).rows.filter((x) => (x.type === 'income' || x.type === 'expense') && x.closingFen !== 0)).toEqual([]);
          return;
        }
        expect(r.value.incomeFen - r.value.expenseFen).toBe(surplus);
        const after = postAll(book, r.value.vouchers);
        const tb = trialBalance(after, yearRange(Y), { includeZero: true });
        for (const row of tb.rows) if (row.type === 'income' || row.type === 'expense') expect([row.code, row.closingFen]).toEqual([row.code, 0]);
        expect(tb.balanced).toBe(true);
        expect(netAssetsOf(after) - netAssetsOf(book)).toBe(surplus);
        const bs = balanceSheet(after, END);
        expect(bs.balanced).toBe(true);
        expect(bs.unallocatedSurplus.amountFen).toBe(0);
        expect(bs.totalNetAssets.amountFen).toBe(balanceSheet(book, END).totalNetAssets.amountFen);
        // Done once: a second run refuses, with nothing left.
        expect(yearEndClosing(after, [], Y, ME)).toMatchObject({ ok: false, error: { code: 'ALREADY_CARRIED' } });
      }),
      RUNS,
    );
  });

  it('Y2 the vouchers depend on the books only, not on the order documents arrived in', () => {
    fc.assert(
      fc.property(books, fc.nat(), (book, seed) => {
        const shuffled = [...book.vouchers].sort((x, y) => ((x.id.charCodeAt(4) * 31 + seed) % 11) - ((y.id.charCodeAt(4) * 31 + seed) % 11));
        expect(yearEndClosing({ ...book, vouchers: shuffled }, [], Y, ME)).toEqual(yearEndClosing(book, [], Y, ME));
      }),
      { numRuns: 30 },
    );
  });

  it('Y3 3102 keeps per project the restricted income, at most what is received and not yet spent (L-Y5)', () => {
    fc.assert(
      fc.property(books, (raw) => {
        const book = without3102(raw);
        const r = yearEndClosing(book, [], Y, ME);
        fc.pre(r.ok);
        if (!r.ok) return;
        const after = postAll(book, r.value.vouchers);
        const types = new Map(book.accounts.map((x) => [x.id, x.type]));
        const received = new Map<string, number>();
        const unspent = new Map<string, number>();
        const bound = new Map<string, number>();
        for (const v of after.vouchers) {
          if (v.status !== 'posted') continue;
          for (const l of v.lines) {
            if (!l.projectId) continue;
            const t = types.get(l.accountId);
            if (l.accountId === templateAccountId('3102')) bound.set(l.projectId, (bound.get(l.projectId) ?? 0) + l.creditFen - l.debitFen);
            if (isYearEndVoucher(v)) continue;
            if (t === 'income') received.set(l.projectId, (received.get(l.projectId) ?? 0) + l.creditFen - l.debitFen);
            if (t === 'income' || t === 'expense') unspent.set(l.projectId, (unspent.get(l.projectId) ?? 0) + l.creditFen - l.debitFen);
          }
        }
        for (const p of new Set([...received.keys(), ...bound.keys()])) {
          expect([p, bound.get(p) ?? 0]).toEqual([p, Math.min(received.get(p) ?? 0, Math.max(0, unspent.get(p) ?? 0))]);
        }
      }),
      RUNS,
    );
  });
});
