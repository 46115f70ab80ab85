// Property tests over random voucher sets (issue #12): every report balances, the trial balance is the sum of the
// ledgers, a reversal restores balances, months add up to the year, the hledger export carries the same balances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookFromSpecs, type VoucherSpec } from './fixtures';
import { chainOf, verifyChain } from './hash-chain';
import { hledgerAccountNames, hledgerJournal, journalBalances } from './hledger';
import { numberAll } from './numbering';
import { accountLedger, balanceSheet, closingBalances, incomeStatement, indexChart, monthRange, quarterRange, trialBalance, yearRange } from './reports';
import { postVoucher, reversalContext, reverseVoucher, reviewVoucher, voucherContext } from './voucher';
import type { Book, Voucher } from './types';

const spec: fc.Arbitrary<VoucherSpec> = fc.record(
  {
    day: fc.integer({ min: 0, max: 364 }),
    legs: fc.array(fc.record({ account: fc.nat(63), fen: fc.integer({ min: 1, max: 100_000_000 }), debit: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    balanceAccount: fc.nat(63),
    draft: fc.boolean(),
    reverseAfter: fc.nat(60),
  },
  { requiredKeys: ['day', 'legs', 'balanceAccount'] },
);
const books = fc.array(spec, { maxLength: 40 }).map((s) => bookFromSpecs(s));
const day = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
const range = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
const RUNS = { numRuns: 60 };

describe('ledger properties', () => {
  it('P1 every report balances over any range', () => {
    fc.assert(
      fc.property(books, range, (book, r) => {
        const tb = trialBalance(book, r);
        expect(tb.balanced).toBe(true);
        expect(balanceSheet(book, r.to).balanced).toBe(true);
        const st = incomeStatement(book, r);
        const net = tb.rows.filter((x) => x.level === 1 && (x.type === 'income' || x.type === 'expense')).reduce((t, x) => t + x.creditFen - x.debitFen, 0);
        expect(st.surplusFen).toBe(net);
      }),
      RUNS,
    );
  });

  it('P2 the trial balance equals the account ledgers, line by line summed', () => {
    fc.assert(
      fc.property(books, range, (book, r) => {
        for (const row of trialBalance(book, r, { includeZero: true }).rows) {
          const l = accountLedger(book, row.accountId, r);
          expect([l.openingFen, l.debitFen, l.creditFen, l.closingFen]).toEqual([row.openingFen, row.debitFen, row.creditFen, row.closingFen]);
          expect(l.rows.at(-1)?.balanceFen ?? l.openingFen).toBe(row.closingFen);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('P3 a reversal restores every balance', () => {
    fc.assert(
      fc.property(books, fc.nat(), (book, pick) => {
        const candidates = book.vouchers.filter((v) => v.status === 'posted' && !v.reversalOf && !v.reversedBy);
        fc.pre(candidates.length > 0);
        const original = candidates[pick % candidates.length] as Voucher;
        const ctx = voucherContext(book.accounts);
        const rev = reverseVoucher(original, { id: 'REV', date: original.date, lineIds: original.lines.map((_, i) => `REV-${i}`), preparedBy: { name: '张' } }, ctx, reversalContext(book.vouchers));
        if (!rev.ok) throw new Error(rev.error.code);
        const reviewed = reviewVoucher(rev.value, { name: '李' }, 't', ctx);
        if (!reviewed.ok) throw new Error(reviewed.error.code);
        const posted = postVoucher(reviewed.value, { name: '张' }, 't', ctx, reversalContext([...book.vouchers, reviewed.value]));
        if (!posted.ok) throw new Error(posted.error.code);
        const after: Book = { ...book, vouchers: [...book.vouchers.filter((v) => v.id !== original.id), posted.value.original as Voucher, posted.value.voucher] };
        const without: Book = { ...book, vouchers: book.vouchers.filter((v) => v.id !== original.id) };
        expect(closingBalances(after, '2026-12-31')).toEqual(closingBalances(without, '2026-12-31'));
      }),
      RUNS,
    );
  });

  it('P4 months and quarters add up to the year; each month opens where the last closed', () => {
    fc.assert(
      fc.property(books, (book) => {
        const index = indexChart(book.accounts);
        const year = trialBalance(book, yearRange(2026), { includeZero: true, index });
        const sum = new Map<string, [number, number]>();
        let prevClosing: Map<string, number> | undefined;
        for (let m = 1; m <= 12; m++) {
          const tb = trialBalance(book, monthRange(`2026-${String(m).padStart(2, '0')}`), { includeZero: true, index });
          for (const r of tb.rows) {
            const s = sum.get(r.accountId) ?? [0, 0];
            sum.set(r.accountId, [s[0] + r.debitFen, s[1] + r.creditFen]);
            if (prevClosing) expect(r.openingFen).toBe(prevClosing.get(r.accountId));
          }
          prevClosing = new Map(tb.rows.map((r) => [r.accountId, r.closingFen]));
        }
        const quarters = ([1, 2, 3, 4] as const).map((q) => trialBalance(book, quarterRange({ year: 2026, quarter: q }), { includeZero: true, index }));
        for (const r of year.rows) {
          expect(sum.get(r.accountId)).toEqual([r.debitFen, r.creditFen]);
          const qd = quarters.reduce((t, q) => t + (q.rows.find((x) => x.accountId === r.accountId)?.debitFen ?? 0), 0);
          expect(qd).toBe(r.debitFen);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('P5 the hledger journal carries the same balance for every account', () => {
    fc.assert(
      fc.property(books, (book) => {
        const names = hledgerAccountNames(book.accounts);
        const text = journalBalances(hledgerJournal(book, { numbers: numberAll(book.vouchers) }));
        for (const [id, fen] of closingBalances(book, '2026-12-31')) {
          const name = names.get(id) as string;
          const ownAndSubs = [...text].filter(([n]) => n === name || n.startsWith(`${name}:`)).reduce((t, [, v]) => t + v, 0);
          expect(ownAndSubs).toBe(fen);
        }
      }),
      RUNS,
    );
  });

  it('P6 numbers are 1..n per month whatever order the vouchers arrive in', () => {
    fc.assert(
      fc.property(books, fc.nat(), (book, seed) => {
        const a = numberAll(book.vouchers);
        const shuffled = [...book.vouchers].sort((x, y) => ((x.id.charCodeAt(3) * 31 + seed) % 7) - ((y.id.charCodeAt(3) * 31 + seed) % 7));
        const b = numberAll(shuffled);
        const perMonth = new Map<string, number[]>();
        for (const [id, n] of a) {
          expect(b.get(id)?.number).toBe(n.number);
          perMonth.set(n.voucher.period, [...(perMonth.get(n.voucher.period) ?? []), n.number]);
        }
        for (const ns of perMonth.values()) expect([...ns].sort((x, y) => x - y)).toEqual(ns.map((_, i) => i + 1));
      }),
      RUNS,
    );
  });

  it('P7 the chain detects any change of an amount and names that voucher', () => {
    fc.assert(
      fc.property(books, fc.nat(), fc.integer({ min: 1, max: 1000 }), (book, pick, delta) => {
        const ordered = [...numberAll(book.vouchers).values()].sort((x, y) => (x.voucher.period < y.voucher.period ? -1 : x.voucher.period > y.voucher.period ? 1 : x.number - y.number));
        fc.pre(ordered.length > 0);
        const chain = chainOf(ordered);
        expect(verifyChain(book.vouchers, chain)).toEqual([]);
        const target = (ordered[pick % ordered.length] as (typeof ordered)[number]).voucher;
        const tampered = book.vouchers.map((v) => (v.id === target.id ? { ...v, lines: v.lines.map((l, i) => (i === 0 ? { ...l, debitFen: l.debitFen + delta } : l)) } : v));
        expect(verifyChain(tampered, chain).map((p) => p.voucherId)).toEqual([target.id]);
      }),
      RUNS,
    );
  });
});
