// Hand-run timing of the ledger's pure core (issue #12): `npx tsx scripts/ledger-timing.ts [vouchers]`.
// Not an asserted test; the Chromium benchmark (npm run bench:ledger) is the real figure.
import { bookFromSpecs, randomSpecs } from '../shared/domain/ledger/fixtures';
import { accountLedger, balanceSheet, incomeStatement, trialBalance, yearRange } from '../shared/domain/ledger/reports';
import { numberAll } from '../shared/domain/ledger/numbering';
import { hledgerJournal } from '../shared/domain/ledger/hledger';
import { chainOf } from '../shared/domain/ledger/hash-chain';
import { templateAccountId } from '../shared/domain/ledger/chart';

const count = Number(process.argv[2] ?? 50_000);
const book = bookFromSpecs(randomSpecs(count, 7));
const lines = book.vouchers.reduce((n, v) => n + v.lines.length, 0);
console.log(`${book.vouchers.length} vouchers, ${lines} lines`);

function time(label: string, runs: number, f: () => unknown): void {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] as number).toFixed(1);
  console.log(`${label.padEnd(34)} p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  (${runs} runs)`);
}

const year = yearRange(2026);
time('trial balance, year', 20, () => trialBalance(book, year));
time('trial balance, one month', 20, () => trialBalance(book, { from: '2026-06-01', to: '2026-06-30' }));
time('account ledger 100201, year', 20, () => accountLedger(book, templateAccountId('100201'), year));
time('income statement, year', 20, () => incomeStatement(book, year));
time('balance sheet, year end', 20, () => balanceSheet(book, '2026-12-31'));
time('numbering, all months', 5, () => numberAll(book.vouchers));
time('hledger journal text', 5, () => hledgerJournal(book, { numbers: numberAll(book.vouchers) }));
const numbers = [...numberAll(book.vouchers).values()].sort((a, b) => (a.voucher.period < b.voucher.period ? -1 : a.voucher.period > b.voucher.period ? 1 : a.number - b.number));
const t = performance.now();
chainOf(numbers);
console.log(`hash chain over ${numbers.length} vouchers      ${(performance.now() - t).toFixed(1)} ms`);
