import { describe, expect, it } from 'vitest';
import { fixtureAccounts, pv } from './fixtures';
import { numberAll, numberingProblems, numberVouchers, voucherNo } from './numbering';
import { closePeriod, reopenPeriod } from './period';
import type { LedgerPeriod, Voucher } from './types';


const nums = (vs: readonly Voucher[], fixed: readonly { voucherId: string }[] = []) =>
  numberVouchers(vs, '2026-03', fixed).map((n) => `${n.voucher.id}:${n.number}${n.final ? '' : '?'}`);

describe('L-N1–L-N3 numberVouchers', () => {
  const a = pv('a', '2026-03-02', '2026-03-02T01:00:00Z');
  const b = pv('b', '2026-03-01', '2026-03-05T01:00:00Z');
  const c = pv('c', '2026-03-02', '2026-03-02T01:00:00Z');
  it('L-N2 orders by date, then posting time, then id; drafts and other months have none', () => {
    expect(nums([a, b, c, pv('d', '2026-03-01', '', 'draft'), pv('e', '2026-04-01', 'x')])).toEqual(['b:1?', 'a:2?', 'c:3?']);
  });
  it('L-N3 fixed numbers stay; later ones follow even with an earlier date', () => {
    const late = pv('z', '2026-03-01', '2026-04-10T01:00:00Z');
    expect(nums([a, b, c, late], [{ voucherId: 'b' }, { voucherId: 'a' }, { voucherId: 'c' }])).toEqual(['b:1', 'a:2', 'c:3', 'z:4?']);
  });
  it('L-N1 两台电脑离线各自过账: after sync both compute the same gapless numbers', () => {
    const pc1 = [pv('pc1-1', '2026-03-03', '2026-03-03T02:00:00Z'), pv('pc1-2', '2026-03-09', '2026-03-09T02:00:00Z')];
    const pc2 = [pv('pc2-1', '2026-03-03', '2026-03-03T01:00:00Z'), pv('pc2-2', '2026-03-05', '2026-03-05T02:00:00Z')];
    // Offline each PC numbers its own (provisional) — the same number twice across PCs.
    expect(nums(pc1)).toEqual(['pc1-1:1?', 'pc1-2:2?']);
    expect(nums(pc2)).toEqual(['pc2-1:1?', 'pc2-2:2?']);
    // After sync both hold the union, in whatever order it arrived.
    const onPc1 = nums([...pc1, ...pc2]);
    const onPc2 = nums([...pc2].reverse().concat(pc1));
    expect(onPc1).toEqual(onPc2);
    expect(onPc1).toEqual(['pc2-1:1?', 'pc1-1:2?', 'pc2-2:3?', 'pc1-2:4?']);
  });
  it('L-N4 numberAll per month, with the fixed prefix of closed months', () => {
    const m = numberAll([a, b, pv('x', '2026-04-01', 't')], [{ id: '2026-03', status: 'closed', numbering: [{ voucherId: 'a', hash: 'h' }, { voucherId: 'b', hash: 'h2' }] }]);
    expect([m.get('a')?.number, m.get('b')?.number, m.get('x')?.number]).toEqual([1, 2, 1]);
    expect(voucherNo(12)).toBe('记-12');
  });
});

describe('L-N5 numberingProblems', () => {
  const vs = [pv('a', '2026-03-01', 't1'), pv('b', '2026-03-02', 't1'), pv('c', '2026-03-03', 't1')];
  const ids = (...x: string[]) => x.map((voucherId) => ({ voucherId }));
  it('L-N5 right', () => expect(numberingProblems(vs, '2026-03', ids('a', 'b', 'c'))).toEqual([]));
  it.each<[string, ReturnType<typeof ids>, ReturnType<typeof ids>, string]>([
    ['missing (PC not synced)', ids('a', 'b'), [], 'NUMBERING_MISSING'],
    ['duplicate', ids('a', 'b', 'b', 'c'), [], 'NUMBERING_DUPLICATE'],
    ['unknown', ids('a', 'b', 'c', 'q'), [], 'NUMBERING_UNKNOWN'],
    ['out of order', ids('b', 'a', 'c'), [], 'NUMBERING_ORDER'],
    ['fixed prefix rewritten', ids('a', 'b', 'c'), ids('b'), 'NUMBERING_REWRITTEN'],
  ])('L-N5 %s', (_n, numbering, prev, code) => {
    expect(numberingProblems(vs, '2026-03', numbering, prev).map((p) => p.code)).toContain(code);
  });
  it('L-N5 after a reopen the fixed prefix may be out of date order', () => {
    expect(numberingProblems(vs, '2026-03', ids('c', 'a', 'b'), ids('c'))).toEqual([]);
  });
});

describe('L-N6 numbers fixed by 结账 survive a reopen', () => {
  it('L-N6 close, reopen, post an earlier-dated voucher, close again', () => {
    const accounts = fixtureAccounts();
    const first = [pv('a', '2026-03-10', 't1'), pv('b', '2026-03-12', 't1')];
    const c1 = closePeriod(undefined, '2026-03', { accounts, vouchers: first }, [], { by: 'A', at: 't', unsyncedCount: 0 });
    if (!c1.ok) throw new Error(c1.error.code);
    const r = reopenPeriod(c1.value, [c1.value], { by: 'admin', role: 'admin', reason: '漏记', at: 't2' });
    if (!r.ok) throw new Error(r.error.code);
    const more = [...first, pv('early', '2026-03-01', 't3')];
    const c2 = closePeriod(r.value, '2026-03', { accounts, vouchers: more }, [r.value], { by: 'A', at: 't4', unsyncedCount: 0 });
    if (!c2.ok) throw new Error(c2.error.code);
    expect(c2.value.numbering?.map((e) => e.voucherId)).toEqual(['a', 'b', 'early']);
    expect(c2.value.numbering?.slice(0, 2)).toEqual(c1.value.numbering);
    expect(numberVouchers(more, '2026-03', (c2.value as LedgerPeriod).numbering).every((n) => n.final)).toBe(true);
  });
});
