import { describe, expect, it } from 'vitest';
import { templateAccountId as A } from './chart';
import { fixtureAccounts, pv } from './fixtures';
import { closePeriod, periodChangeProblem, previousHead, reopenPeriod } from './period';
import { GENESIS_HASH, verifyChain, storedChain } from './hash-chain';
import type { Book, LedgerPeriod } from './types';

const accounts = fixtureAccounts();
const book: Book = { accounts, vouchers: [pv('a', '2026-02-03', 't'), pv('b', '2026-03-01', 't'), pv('c', '2026-03-04', 't')] };
const opts = { by: '张会计', at: '2026-04-01T01:00:00.000Z', unsyncedCount: 0 };
const close = (month: string, periods: LedgerPeriod[] = [], b: Book = book, current?: LedgerPeriod) => closePeriod(current, month, b, periods, opts);

describe('L-P1–L-P4 结账', () => {
  it('L-P1 months close in order', () => {
    expect(close('2026-03')).toMatchObject({ ok: false, error: { code: 'PREVIOUS_PERIOD_OPEN', detail: { period: '2026-02' } } });
  });
  it('L-P2 drafts block; unsynced changes block', () => {
    const withDraft = { ...book, vouchers: [...book.vouchers, pv('d', '2026-02-10', '', 'draft')] };
    expect(close('2026-02', [], withDraft)).toMatchObject({ ok: false, error: { code: 'DRAFTS_REMAIN', detail: { count: 1 } } });
    expect(closePeriod(undefined, '2026-02', book, [], { ...opts, unsyncedCount: 2 })).toMatchObject({ ok: false, error: { code: 'UNSYNCED_CHANGES' } });
  });
  it('L-P3 unbalanced books do not close', () => {
    const bad = { ...book, accounts: accounts.map((x) => (x.code === '1001' ? { ...x, openingBalanceFen: 1 } : x)) };
    expect(close('2026-02', [], bad)).toMatchObject({ ok: false, error: { code: 'OPENING_UNBALANCED' } });
  });
  it('L-P4 fixes the numbering, chains on from the previous month, stores the closing balances', () => {
    const feb = close('2026-02');
    if (!feb.ok) throw new Error(feb.error.code);
    expect(feb.value).toMatchObject({ id: '2026-02', status: 'closed', closedBy: '张会计' });
    expect(feb.value.numbering?.map((e) => e.voucherId)).toEqual(['a']);
    const cash = feb.value.closingBalances?.find((x) => x.accountId === A('1001'));
    expect(cash?.balanceFen).toBe(200_000 + 100);
    expect(feb.value.closingBalances?.some((x) => x.accountId === A('1002'))).toBe(false); // leaves only
    const mar = close('2026-03', [feb.value]);
    if (!mar.ok) throw new Error(mar.error.code);
    expect(previousHead('2026-03', [feb.value])).toBe(feb.value.chainHead);
    const chain = storedChain([mar.value, feb.value]);
    expect(chain.map((l) => `${l.period}/${l.number}`)).toEqual(['2026-02/1', '2026-03/1', '2026-03/2']);
    expect(verifyChain(book.vouchers, chain)).toEqual([]);
    expect(close('2026-03', [feb.value, mar.value], book, mar.value)).toMatchObject({ ok: false, error: { code: 'PERIOD_ALREADY_CLOSED' } });
  });
  it('L-P4 an empty month closes and hands the chain head on', () => {
    const jan = close('2026-01');
    expect(jan.ok && jan.value.chainHead).toBe(GENESIS_HASH);
  });
});

describe('L-P5–L-P6 反结账', () => {
  const feb = close('2026-02');
  if (!feb.ok) throw new Error();
  const mar = close('2026-03', [feb.value]);
  if (!mar.ok) throw new Error();
  const input = { by: '王管理', role: 'admin', reason: '补记银行利息', at: 't' };
  it('L-P5 a 管理员, with a reason, recorded', () => {
    expect(reopenPeriod(mar.value, [feb.value, mar.value], { ...input, role: 'treasurer' })).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } });
    expect(reopenPeriod(mar.value, [feb.value, mar.value], { ...input, reason: ' ' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    const r = reopenPeriod(mar.value, [feb.value, mar.value], input);
    expect(r.ok && r.value).toMatchObject({ status: 'open', reopenings: [{ by: '王管理', reason: '补记银行利息' }], numbering: mar.value.numbering });
    expect(r.ok && r.value.closingBalances).toBeUndefined();
  });
  it('L-P6 only the latest closed month', () => {
    expect(reopenPeriod(feb.value, [feb.value, mar.value], input)).toMatchObject({ ok: false, error: { code: 'LATER_PERIOD_CLOSED' } });
  });
});

describe('L-P7 periodChangeProblem (the push check)', () => {
  const feb = close('2026-02');
  if (!feb.ok) throw new Error();
  it('L-P7 a close equal to the server recomputation is accepted; a stale one is not', () => {
    expect(periodChangeProblem(undefined, feb.value, 'treasurer', close('2026-02'))).toBeNull();
    const serverHasMore = { ...book, vouchers: [...book.vouchers, pv('late', '2026-02-20', 't')] };
    expect(periodChangeProblem(undefined, feb.value, 'treasurer', close('2026-02', [], serverHasMore))?.code).toBe('CLOSE_STALE');
  });
  it('L-P7 a closed period changes only by a reopen', () => {
    expect(periodChangeProblem(feb.value, { ...feb.value, closedBy: 'x' }, 'admin')?.code).toBe('PERIOD_CLOSED_IMMUTABLE');
    const r = reopenPeriod(feb.value, [feb.value], { by: 'a', role: 'admin', reason: 'r', at: 't' });
    if (!r.ok) throw new Error();
    expect(periodChangeProblem(feb.value, r.value, 'admin')).toBeNull();
    expect(periodChangeProblem(feb.value, r.value, 'treasurer')?.code).toBe('REOPEN_INVALID');
    expect(periodChangeProblem(feb.value, { ...r.value, numbering: [] }, 'admin')?.code).toBe('NUMBERING_REWRITTEN');
  });
});
