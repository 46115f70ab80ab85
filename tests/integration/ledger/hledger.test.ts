// hledger parity (issue #12): Debian's hledger (1.25) reads the exported journal with the very same balances as the
// trial balance — per leaf account, per level-1 account (--depth 2), all time and over a quarter. CI has hledger.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bookFromSpecs, randomSpecs } from '../../../shared/domain/ledger/fixtures';
import { hledgerAccountNames, hledgerJournal, parseHledgerBalanceCsv } from '../../../shared/domain/ledger/hledger';
import { numberAll } from '../../../shared/domain/ledger/numbering';
import { quarterRange, trialBalance, yearRange } from '../../../shared/domain/ledger/reports';

const hledgerVersion = (() => {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
})();
if (!hledgerVersion) console.warn('hledger is not on PATH: the hledger parity test is skipped (apt-get install hledger; CI has it)');

const dir = mkdtempSync(join(tmpdir(), 'ledger-hledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hledgerVersion)(`hledger parity (${hledgerVersion ?? 'absent'})`, () => {
  const book = bookFromSpecs(randomSpecs(3000, 12));
  const file = join(dir, 'books.journal');
  writeFileSync(file, hledgerJournal(book, { numbers: numberAll(book.vouchers) }), 'utf8');
  const names = hledgerAccountNames(book.accounts);
  const bal = (...args: string[]): Map<string, number> =>
    parseHledgerBalanceCsv(execFileSync('hledger', ['-f', file, 'bal', '--flat', '-E', '-O', 'csv', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }));

  it('has what the test promises: thousands of vouchers, reversals, sub-accounts', () => {
    expect(book.vouchers.length).toBeGreaterThan(3000);
    expect(book.vouchers.filter((v) => v.reversalOf && v.status === 'posted').length).toBeGreaterThan(50);
    expect(book.accounts.filter((a) => a.parentId).length).toBeGreaterThan(10);
  });

  it('leaf balances equal the trial balance closing, all time', () => {
    const fromHledger = bal();
    const tb = trialBalance(book, { from: '0000-01-01', to: '9999-12-31' }, { includeZero: true });
    let compared = 0;
    for (const row of tb.rows.filter((r) => r.isLeaf)) {
      expect(fromHledger.get(names.get(row.accountId) as string) ?? 0, row.code).toBe(row.closingFen);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
    expect([...fromHledger.keys()].every((n) => [...names.values()].includes(n))).toBe(true);
  });

  it('level-1 balances (--depth 2) equal the rolled-up parents', () => {
    const fromHledger = bal('--depth', '2');
    const tb = trialBalance(book, yearRange(2026), { includeZero: true });
    for (const row of tb.rows.filter((r) => r.level === 1)) expect(fromHledger.get(names.get(row.accountId) as string) ?? 0, row.code).toBe(row.closingFen);
  });

  it('a quarter: hledger -b/-e movement equals the period debits − credits', () => {
    const q = quarterRange({ year: 2026, quarter: 2 });
    const fromHledger = bal('-b', q.from, '-e', '2026-07-01');
    const tb = trialBalance(book, q, { includeZero: true });
    for (const row of tb.rows.filter((r) => r.isLeaf)) expect(fromHledger.get(names.get(row.accountId) as string) ?? 0, row.code).toBe(row.debitFen - row.creditFen);
  });
});
