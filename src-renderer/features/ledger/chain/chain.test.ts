import { describe, expect, it } from 'vitest';
import { pv } from '../../../../shared/domain/ledger/fixtures';
import { chainOf, GENESIS_HASH, verifyChain } from '../../../../shared/domain/ledger/hash-chain';
import type { Voucher } from '../../../../shared/domain/ledger/types';
import { chainProblemText } from '../messages';
import { hashedAmong } from '../../../../shared/domain/ledger/chain-audit';

const vs = [pv('a', '2026-03-01', 't1'), pv('b', '2026-03-02', 't2')];
const chain = chainOf(vs.map((voucher, i) => ({ voucher, number: i + 1 })));
const b = vs[1] as Voucher;
const tampered: Voucher = { ...b, summary: '改过的摘要', lines: b.lines.map((l, i) => (i === 1 ? { ...l, creditFen: l.creditFen + 100 } : l)) };

describe('the chain check on the ledger screen', () => {
  it('finds, among the server history versions, the one that was hashed, and names the changed fields', () => {
    const link = chain[1];
    if (!link) throw new Error('no link');
    const previous = chain[0]?.hash ?? GENESIS_HASH;
    // The history holds the draft, the reviewed and the posted versions, then the tampered one.
    const history = [{ ...b, status: 'draft' as const }, { ...b, status: 'reviewed' as const }, b, tampered].reverse();
    expect(hashedAmong(history, link, previous)).toBe(b);
    expect(hashedAmong([tampered], link, previous)).toBeUndefined();

    const [problem] = verifyChain([vs[0] as Voucher, tampered], chain, { hashedVersion: () => hashedAmong(history, link, previous) });
    if (!problem) throw new Error('not detected');
    const lineNo = (id: string) => tampered.lines.findIndex((l) => l.id === id) + 1;
    expect(chainProblemText(problem, '2026-03 记-2', lineNo)).toBe('2026-03 记-2 结账后被改动（摘要、第2行贷方金额）');
  });

  it('names the voucher alone when no hashed version is known', () => {
    const [problem] = verifyChain([vs[0] as Voucher, tampered], chain);
    if (!problem) throw new Error('not detected');
    expect(chainProblemText(problem, '2026-03 记-2')).toBe('2026-03 记-2 结账后被改动');
  });
});
