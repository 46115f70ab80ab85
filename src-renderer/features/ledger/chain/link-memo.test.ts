import { describe, expect, it } from 'vitest';
import { auditChain } from '../../../../shared/domain/ledger/chain-audit';
import { pv } from '../../../../shared/domain/ledger/fixtures';
import { chainOf } from '../../../../shared/domain/ledger/hash-chain';
import type { LedgerPeriod, Voucher } from '../../../../shared/domain/ledger/types';
import { memoLinkHash, warmLinks } from './link-memo';

// 600 posted vouchers in March, closed with their chain.
const vouchers: Voucher[] = Array.from({ length: 600 }, (_, i) => pv(`v${i}`, '2026-03-05', `t${i}`));
const chain = chainOf(vouchers.map((voucher, i) => ({ voucher, number: i + 1 })));
const periods: LedgerPeriod[] = [{ id: '2026-03', status: 'closed', numbering: chain.map((l) => ({ voucherId: l.voucherId, hash: l.hash })) }];

describe('the chain check memo', () => {
  it('warms every link in slices and then audits as the plain audit does', async () => {
    expect(await warmLinks(vouchers, periods, () => false)).toBe(true);
    expect(auditChain(vouchers, periods, undefined, memoLinkHash)).toEqual([]);
  });

  it('never hides an altered voucher: a changed snapshot is a new object and is hashed again', async () => {
    await warmLinks(vouchers, periods, () => false);
    const altered = vouchers.map((v, i) => (i === 42 ? { ...v, summary: '改过的摘要' } : v));
    const problems = auditChain(altered, periods, undefined, memoLinkHash);
    expect(problems).toEqual(auditChain(altered, periods));
    expect(problems.map((p) => [p.code, p.voucherId, p.number])).toEqual([['VOUCHER_ALTERED', 'v42', 43]]);
  });

  it('stops when cancelled', async () => {
    let asked = 0;
    expect(await warmLinks(vouchers, periods, () => ++asked > 0, 0)).toBe(false);
    expect(asked).toBe(1);
  });
});
