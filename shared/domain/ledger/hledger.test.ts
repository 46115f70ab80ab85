import { describe, expect, it } from 'vitest';
import { templateAccountId as A } from './chart';
import { bookFromSpecs, fixtureAccounts, randomSpecs } from './fixtures';
import { hledgerAccountNames, hledgerAmount, hledgerJournal, journalBalances, parseHledgerBalanceCsv } from './hledger';
import { numberAll } from './numbering';
import { closingBalances } from './reports';

describe('L-J1–L-J6 hledger journal', () => {
  it('L-J1 names: type, then "code name" per level; no separators inside', () => {
    const names = hledgerAccountNames([...fixtureAccounts(), { id: 'odd', code: '4702', name: 'a:b;c  d', type: 'income', normalSide: 'credit', active: true }]);
    expect(names.get(A('100201'))).toBe('资产:1002 银行存款:100201 基本存款账户');
    expect(names.get(A('1502'))).toBe('资产:1502 累计折旧');
    expect(names.get('odd')).toBe('收入:4702 a：b；c d');
  });
  it('L-J2 amounts', () => {
    expect([hledgerAmount(123456), hledgerAmount(-5), hledgerAmount(0)]).toEqual(['¥1234.56', '¥-0.05', '¥0.00']);
  });
  it('L-J3 a voucher, a reversal, the opening', () => {
    const book = bookFromSpecs([{ day: 3, legs: [{ account: 0, fen: 1234, debit: true }], balanceAccount: 20, reverseAfter: 2 }]);
    const text = hledgerJournal(book, { numbers: numberAll(book.vouchers) });
    expect(text).toContain('commodity ¥1000.00');
    expect(text).toContain('account 资产:1001 库存现金  ; type:A');
    expect(text).toMatch(/2026-01-01 \* \(期初\) 期初余额\n {4}资产:1001 库存现金 {2}¥2000\.00/);
    expect(text).toContain('2026-01-04 * (记-1) 凭证 0  ; voucher:v000000, reversed-by:v000000r');
    expect(text).toContain('2026-01-06 * (记-2) 冲销：凭证 0  ; voucher:v000000r, reversal-of:v000000');
    expect(text).toContain('    资产:1001 库存现金  ¥-12.34');
  });
  it('L-J6 reading our own journal gives the trial balance closing per leaf', () => {
    const book = bookFromSpecs(randomSpecs(300, 3));
    const names = hledgerAccountNames(book.accounts);
    const fromText = journalBalances(hledgerJournal(book));
    for (const [id, fen] of closingBalances(book, '2026-12-31')) {
      const name = names.get(id) as string;
      if (fromText.has(name)) expect(fromText.get(name)).toBe(fen);
    }
  });
  it('L-J6 parses hledger balance CSV', () => {
    const csv = '"account","balance"\n"资产:1001 库存现金","¥1234.51"\n"负债:2202 应付款项","¥-1,000.00"\n"x","0"\n"total","0"\n';
    expect([...parseHledgerBalanceCsv(csv)]).toEqual([
      ['资产:1001 库存现金', 123451],
      ['负债:2202 应付款项', -100000],
      ['x', 0],
    ]);
  });
});
