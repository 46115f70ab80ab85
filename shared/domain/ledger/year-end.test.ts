import { describe, expect, it } from 'vitest';
import { addSubAccount, chartFromTemplate, templateAccountId as A } from './chart';
import { fixtureAccounts, transfer } from './fixtures';
import { closePeriod } from './period';
import { balanceSheet, closingBalances, trialBalance, yearRange } from './reports';
import type { Account, Book, LedgerPeriod, Voucher } from './types';
import { MAX_LINE_FEN, MAX_LINES, reversalContext, reverseVoucher, voucherContext } from './voucher';
import { postAll } from './year-end.testing';
import { isYearEndVoucher, parseYearEndId, yearEndClosing, yearEndVoucherId, type YearEndPlan } from './year-end';

const ME = { name: '张会计' };
const accounts = fixtureAccounts();

const plan = (book: Book, year = 2026, periods: readonly LedgerPeriod[] = []): YearEndPlan => {
  const r = yearEndClosing(book, periods, year, ME);
  if (!r.ok) throw new Error(`${r.error.code} ${JSON.stringify(r.error.detail ?? {})} ${JSON.stringify(r.error.problems ?? [])}`);
  return r.value;
};

/** Each voucher's lines as [code, project, debit, credit]. */
const rows = (v: Voucher, accs: readonly Account[] = accounts): (string | number)[][] =>
  v.lines.map((l) => [accs.find((x) => x.id === l.accountId)?.code ?? l.accountId, l.projectId ?? '', l.debitFen, l.creditFen]);

const flowBalances = (book: Book, date: string): [string, number][] => {
  const types = new Map(book.accounts.map((x) => [x.id, x.type]));
  return [...closingBalances(book, date)].filter(([id, fen]) => (types.get(id) === 'income' || types.get(id) === 'expense') && fen !== 0);
};

/** 3101 and 3102, credit-positive. */
const netAssets = (book: Book, date: string): { free: number; bound: number } => {
  const b = closingBalances(book, date);
  return { free: -(b.get(A('3101')) ?? 0) || 0, bound: -(b.get(A('3102')) ?? 0) || 0 };
};

// One year: parking income, a 以奖代补 grant partly spent on its project, maintenance.
const year2026: Book = {
  accounts,
  vouchers: [
    transfer('park', '2026-03-05', '100201', '470101', 100_000),
    transfer('grant', '2026-04-01', '100201', '440101', 50_000, 'P-lift'),
    transfer('fix', '2026-05-10', '510101', '100201', 30_000),
    transfer('lift', '2026-06-10', '510103', '100201', 20_000, 'P-lift'),
  ],
};

describe('L-Y1 年度结转 brings every income and expense account to zero', () => {
  const p = plan(year2026);

  it('income into 3101 / 3102 by project, expense into 3101, then the spent restricted money released', () => {
    expect(p.vouchers.map((v) => v.id)).toEqual(['yearend-2026-income', 'yearend-2026-expense', 'yearend-2026-release']);
    const [income, expense, release] = p.vouchers as [Voucher, Voucher, Voucher];
    expect(rows(income)).toEqual([
      ['440101', 'P-lift', 50_000, 0],
      ['470101', '', 100_000, 0],
      ['3101', '', 0, 100_000],
      ['3102', 'P-lift', 0, 50_000],
    ]);
    expect(rows(expense)).toEqual([
      ['3101', '', 50_000, 0],
      ['510101', '', 0, 30_000],
      ['510103', 'P-lift', 0, 20_000],
    ]);
    expect(rows(release)).toEqual([
      ['3102', 'P-lift', 20_000, 0],
      ['3101', '', 0, 20_000],
    ]);
    expect(p).toMatchObject({ year: 2026, round: 1, incomeFen: 150_000, restrictedIncomeFen: 50_000, expenseFen: 50_000, releasedFen: 20_000, earlierSurplusFen: 0 });
    for (const v of p.vouchers) expect(v).toMatchObject({ date: '2026-12-31', period: '2026-12', status: 'draft', preparedBy: '张会计' });
    expect(income.summary).toBe('2026年度结转：收入转入净资产');
    expect(income.lines.map((l) => l.id)).toEqual(['yearend-2026-income-1', 'yearend-2026-income-2', 'yearend-2026-income-3', 'yearend-2026-income-4']);
  });

  it('posted, the flow accounts stand at zero, net assets grow by the surplus, the books balance', () => {
    const before = netAssets(year2026, '2026-12-31');
    const after = postAll(year2026, p.vouchers);
    expect(flowBalances(after, '2026-12-31')).toEqual([]);
    const na = netAssets(after, '2026-12-31');
    expect(na.free + na.bound - before.free - before.bound).toBe(150_000 - 50_000);
    expect(na.bound - before.bound).toBe(30_000); // received 500, spent 200 on the project
    expect(trialBalance(after, yearRange(2026)).balanced).toBe(true);
    const bs = balanceSheet(after, '2026-12-31');
    expect(bs.balanced).toBe(true);
    expect(bs.unallocatedSurplus.amountFen).toBe(0);
    // The next year opens with no income or expense.
    expect(trialBalance(after, yearRange(2027)).rows.filter((r) => r.type === 'income' || r.type === 'expense')).toEqual([]);
  });

  it('L-Y2 the same books give the same vouchers, ids and lines (two PCs offline write one set)', () => {
    expect(yearEndClosing(year2026, [], 2026, { name: '王出纳' })).toMatchObject({ ok: true, value: { vouchers: p.vouchers.map((v) => ({ ...v, preparedBy: '王出纳' })) } });
    expect(plan({ ...year2026, vouchers: [...year2026.vouchers].reverse() })).toEqual(p);
    expect(parseYearEndId('yearend-2026-r2-expense-3')).toEqual({ year: 2026, round: 2, kind: 'expense', part: 3 });
    expect(yearEndVoucherId(2026, 'release', 2, 3)).toBe('yearend-2026-r2-release-3');
    expect(parseYearEndId('yearend-26-income')).toBeNull();
  });

  it('per leaf: sub-accounts each closed, a debit balance on an income account (a refund) on the other side', () => {
    const sub = addSubAccount(accounts, A('4101'), { id: 'acct-gift-a', name: '业主捐赠' }, false);
    if (!sub.ok) throw new Error(sub.error.code);
    const accs = [...accounts, sub.value];
    const book: Book = {
      accounts: accs,
      vouchers: [transfer('ad', '2026-02-01', '100201', '470102', 9_000), transfer('refund', '2026-02-02', '470103', '100201', 1_000), { ...transfer('gift', '2026-02-03', '100201', '1001', 700), lines: [{ id: 'd', accountId: A('100201'), debitFen: 700, creditFen: 0 }, { id: 'c', accountId: 'acct-gift-a', debitFen: 0, creditFen: 700 }] }],
    };
    const [income] = plan(book).vouchers as [Voucher];
    expect(rows(income, accs)).toEqual([
      ['410101', '', 700, 0],
      ['470102', '', 9_000, 0],
      ['470103', '', 0, 1_000],
      ['3101', '', 0, 8_700],
    ]);
  });

  it('opening balances on income and expense accounts (books set up mid-year) are carried with the year', () => {
    const opening: Record<string, number> = { [A('470101')]: 40_000, [A('520101')]: 15_000, [A('100201')]: 25_000 };
    const accs = chartFromTemplate().map((x) => (opening[x.id] ? { ...x, openingBalanceFen: opening[x.id] } : x));
    const book: Book = { accounts: accs, vouchers: [transfer('park', '2026-08-01', '100201', '470101', 1_000)] };
    const p2 = plan(book);
    expect(p2).toMatchObject({ incomeFen: 41_000, expenseFen: 15_000 });
    expect(flowBalances(postAll(book, p2.vouchers), '2026-12-31')).toEqual([]);
  });
});

describe('L-Y3–L-Y7 refusals', () => {
  const refused = (book: Book, periods: readonly LedgerPeriod[] = [], year = 2026) => {
    const r = yearEndClosing(book, periods, year, ME);
    return r.ok ? 'ok' : { code: r.error.code, ...(r.error.detail ? { detail: r.error.detail } : {}) };
  };
  const closed = (id: string): LedgerPeriod => ({ id, status: 'closed' });

  it('YEAR_INVALID', () => {
    expect(refused(year2026, [], 26)).toEqual({ code: 'YEAR_INVALID' });
    expect(refused(year2026, [], 2026.5)).toEqual({ code: 'YEAR_INVALID' });
  });

  it('L-Y3 December closed; a later month closed; earlier months closed are fine', () => {
    expect(refused(year2026, [closed('2026-12')])).toEqual({ code: 'PERIOD_CLOSED', detail: { period: '2026-12' } });
    expect(refused(year2026, [closed('2027-01')])).toEqual({ code: 'LATER_PERIOD_CLOSED', detail: { period: '2027-01' } });
    const months = Array.from({ length: 11 }, (_, i) => closed(`2026-${String(i + 1).padStart(2, '0')}`));
    expect(refused(year2026, months)).toBe('ok');
  });

  it('L-Y2 already carried (posted, nothing left), or a year-end voucher not posted yet', () => {
    const p = plan(year2026);
    const done = postAll(year2026, p.vouchers);
    expect(refused(done)).toEqual({ code: 'ALREADY_CARRIED', detail: { voucherId: 'yearend-2026-release' } });
    expect(refused(done, [closed('2026-12')])).toEqual({ code: 'ALREADY_CARRIED', detail: { voucherId: 'yearend-2026-release' } });
    const drafted = { ...year2026, vouchers: [...year2026.vouchers, ...p.vouchers] };
    expect(refused(drafted)).toEqual({ code: 'YEAR_END_PENDING', detail: { voucherId: 'yearend-2026-expense', status: 'draft' } });
    // A deleted draft is gone: the same ids are made again.
    const deleted = { ...year2026, vouchers: [...year2026.vouchers, ...p.vouchers.map((v) => ({ ...v, _deleted: true }))] };
    expect(plan(deleted).vouchers.map((v) => v.id)).toEqual(p.vouchers.map((v) => v.id));
  });

  it('L-Y4 drafts or reviewed vouchers left in an open month of the year; not those of closed months or other years', () => {
    const draft = { ...transfer('late', '2026-12-20', '100201', '470101', 500), status: 'draft' as const };
    expect(refused({ ...year2026, vouchers: [...year2026.vouchers, draft] })).toEqual({ code: 'DRAFTS_REMAIN', detail: { count: 1, period: '2026-12' } });
    const reviewed = { ...transfer('mar', '2026-03-20', '100201', '470101', 500), status: 'reviewed' as const };
    expect(refused({ ...year2026, vouchers: [...year2026.vouchers, draft, reviewed] })).toEqual({ code: 'DRAFTS_REMAIN', detail: { count: 2, period: '2026-03' } });
    const leftover = { ...transfer('old', '2026-01-20', '100201', '470101', 500), status: 'draft' as const };
    const next = { ...transfer('next', '2027-01-02', '100201', '470101', 500), status: 'draft' as const };
    expect(refused({ ...year2026, vouchers: [...year2026.vouchers, leftover, next] }, [closed('2026-01')])).toBe('ok');
  });

  it('L-Y6 the year before is carried first when the books reach into it; behind a closed December, with this one', () => {
    const book: Book = { accounts, vouchers: [transfer('p25', '2025-11-01', '100201', '470101', 800), ...year2026.vouchers] };
    expect(refused(book)).toEqual({ code: 'EARLIER_YEAR_NOT_CARRIED', detail: { year: 2025 } });
    const carried = postAll(book, plan(book, 2025).vouchers);
    expect(refused(carried)).toBe('ok');
    expect(plan(carried).earlierSurplusFen).toBe(0);
    // 2025 closed without a carry (books kept before 年度结转 existed): it can no longer be carried in its own year.
    const swept = plan(book, 2026, [closed('2025-11'), closed('2025-12')]);
    expect(swept).toMatchObject({ incomeFen: 150_000 + 800, earlierSurplusFen: 800 });
    expect(flowBalances(postAll(book, swept.vouchers, [closed('2025-11'), closed('2025-12')]), '2026-12-31')).toEqual([]);
    // Balance-sheet postings alone in the year before need nothing carried.
    expect(refused({ accounts, vouchers: [transfer('cash', '2025-11-01', '1001', '100201', 800), ...year2026.vouchers] })).toBe('ok');
  });

  it('nothing to carry', () => {
    expect(refused({ accounts, vouchers: [] })).toEqual({ code: 'NOTHING_TO_CARRY' });
    expect(refused({ accounts, vouchers: [transfer('cash', '2026-11-01', '1001', '100201', 800)] })).toEqual({ code: 'NOTHING_TO_CARRY' });
  });

  it('3101 / 3102 unusable; an inactive income account holding a balance (VOUCHER_INVALID, naming it)', () => {
    const no3101 = accounts.map((x) => (x.code === '3101' ? { ...x, active: false } : x));
    expect(refused({ ...year2026, accounts: no3101 })).toEqual({ code: 'NET_ASSETS_ACCOUNT_UNUSABLE', detail: { code: '3101' } });
    const no3102 = accounts.filter((x) => x.code !== '3102');
    expect(refused({ ...year2026, accounts: no3102 })).toEqual({ code: 'NET_ASSETS_ACCOUNT_UNUSABLE', detail: { code: '3102' } });
    const inactive = accounts.map((x) => (x.code === '470101' ? { ...x, active: false } : x));
    const r = yearEndClosing({ ...year2026, accounts: inactive }, [], 2026, ME);
    expect(r).toMatchObject({ ok: false, error: { code: 'VOUCHER_INVALID', detail: { voucherId: 'yearend-2026-income' }, problems: [{ code: 'ACCOUNT_INACTIVE', detail: { code: '470101' } }] } });
  });
});

describe('L-Y2 a further round, L-Y5 restricted money, L-Y8 size limits', () => {
  it('a December voucher posted after the carry is carried by a further round (补充结转)', () => {
    const done = postAll(year2026, plan(year2026).vouchers);
    const late = { ...done, vouchers: [...done.vouchers, transfer('late', '2026-12-31', '100201', '470101', 600)] };
    const p2 = plan(late);
    expect(p2.round).toBe(2);
    expect(p2.vouchers.map((v) => v.id)).toEqual(['yearend-2026-r2-income']);
    expect(p2.vouchers[0]?.summary).toBe('2026年度补充结转：收入转入净资产');
    expect(flowBalances(postAll(late, p2.vouchers), '2026-12-31')).toEqual([]);
  });

  it('a carry reversed (红冲) is carried again in a further round', () => {
    const p = plan(year2026);
    let book = postAll(year2026, p.vouchers);
    for (const v of p.vouchers) {
      const original = book.vouchers.find((x) => x.id === v.id) as Voucher;
      const rev = reverseVoucher(original, { id: `rev-${v.id}`, date: '2026-12-31', lineIds: original.lines.map((_, i) => `r${i}`), preparedBy: ME }, voucherContext(book.accounts), reversalContext(book.vouchers));
      if (!rev.ok) throw new Error(rev.error.code);
      expect(isYearEndVoucher(rev.value)).toBe(true);
      book = postAll(book, [rev.value]);
    }
    const again = plan(book);
    expect(again.round).toBe(2);
    expect(again.vouchers.map((v) => rows(v))).toEqual(p.vouchers.map((v) => rows(v)));
  });

  it('以奖代补: spent in one year, the award received the next — 3102 never negative, released on receipt', () => {
    const y1: Book = { accounts, vouchers: [transfer('work', '2026-06-01', '510103', '100201', 100_000, 'P-cam')] };
    const p1 = plan(y1);
    expect(p1.vouchers.map((v) => v.id)).toEqual(['yearend-2026-expense']);
    const after1 = postAll(y1, p1.vouchers);
    expect(netAssets(after1, '2026-12-31').bound).toBe(0);
    const y2 = { ...after1, vouchers: [...after1.vouchers, transfer('award', '2027-03-01', '100201', '440101', 100_000, 'P-cam')] };
    const p2 = plan(y2, 2027);
    expect(p2.releasedFen).toBe(100_000);
    const after2 = postAll(y2, p2.vouchers);
    expect(netAssets(after2, '2027-12-31').bound).toBe(0);
    expect(netAssets(after2, '2027-12-31').free - netAssets(after1, '2026-12-31').free).toBe(100_000);
  });

  it('a grant spent over two years: 3102 keeps what is unspent, and releases it as it is spent', () => {
    const y1: Book = { accounts, vouchers: [transfer('g', '2026-03-01', '100201', '440101', 100_000, 'P-lift'), transfer('s1', '2026-09-01', '510103', '100201', 30_000, 'P-lift')] };
    const a1 = postAll(y1, plan(y1).vouchers);
    expect(netAssets(a1, '2026-12-31').bound).toBe(70_000);
    const y2 = { ...a1, vouchers: [...a1.vouchers, transfer('s2', '2027-04-01', '510103', '100201', 70_000, 'P-lift')] };
    const p2 = plan(y2, 2027);
    expect(p2).toMatchObject({ incomeFen: 0, expenseFen: 70_000, releasedFen: 70_000 });
    expect(netAssets(postAll(y2, p2.vouchers), '2027-12-31').bound).toBe(0);
  });

  it('amounts above ¥100,000,000.00 a line are split; more than 200 lines go on in further parts, each balanced', () => {
    const big: Book = { accounts, vouchers: [transfer('big', '2026-01-05', '100201', '470101', MAX_LINE_FEN), transfer('big2', '2026-01-06', '100201', '470101', MAX_LINE_FEN + 5)] };
    const [income] = plan(big).vouchers as [Voucher];
    expect(rows(income)).toEqual([
      ['470101', '', MAX_LINE_FEN, 0],
      ['470101', '', MAX_LINE_FEN, 0],
      ['470101', '', 5, 0],
      ['3101', '', 0, MAX_LINE_FEN],
      ['3101', '', 0, MAX_LINE_FEN],
      ['3101', '', 0, 5],
    ]);
    const many: Book = { accounts, vouchers: Array.from({ length: 250 }, (_, i) => transfer(`g${i}`, '2026-02-01', '100201', '440101', 100 + i, `P-${String(i).padStart(3, '0')}`)) };
    const p = plan(many);
    const incomes = p.vouchers.filter((v) => parseYearEndId(v.id)?.kind === 'income');
    expect(incomes.map((v) => v.id)).toEqual(['yearend-2026-income', 'yearend-2026-income-2', 'yearend-2026-income-3']);
    expect(incomes[1]?.summary).toBe('2026年度结转：收入转入净资产（续2）');
    for (const v of p.vouchers) {
      expect(v.lines.length).toBeLessThanOrEqual(MAX_LINES);
      expect(v.lines.reduce((t, l) => t + l.debitFen - l.creditFen, 0)).toBe(0);
    }
    expect(flowBalances(postAll(many, p.vouchers), '2026-12-31')).toEqual([]);
  });

  it('the periods close after the carry is posted (the year-end is an ordinary December voucher)', () => {
    const after = postAll(year2026, plan(year2026).vouchers);
    const periods: LedgerPeriod[] = [];
    for (let m = 1; m <= 12; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      const r = closePeriod(undefined, month, after, periods, { by: '张会计', at: '2027-01-05T00:00:00.000Z', unsyncedCount: 0 });
      if (!r.ok) throw new Error(`${month} ${r.error.code}`);
      periods.push(r.value);
    }
    const dec = periods.at(-1) as LedgerPeriod;
    // Posted in the same second here, so 记-N orders them by id (L-N2).
    expect(dec.numbering?.slice(-3).map((e) => e.voucherId)).toEqual(['yearend-2026-expense', 'yearend-2026-income', 'yearend-2026-release']);
    expect(dec.closingBalances?.filter((b) => ['4', '5'].includes(accounts.find((x) => x.id === b.accountId)?.code[0] ?? '') && b.balanceFen !== 0)).toEqual([]);
  });
});

describe('L-Y9 reports of what was earned and spent leave the closing entries out', () => {
  it('收支表, 限定性资金 and the year-end figures read the same before and after the carry is posted', async () => {
    const { incomeStatement, restrictedFunds } = await import('./reports');
    const range = yearRange(2026);
    const carried = postAll(year2026, plan(year2026).vouchers);
    expect(carried.vouchers.length).toBeGreaterThan(year2026.vouchers.length);
    expect(incomeStatement(carried, range)).toEqual(incomeStatement(year2026, range));
    expect(restrictedFunds(carried, range)).toEqual(restrictedFunds(year2026, range));
    // …while the trial balance shows them (income and expense accounts end the year at zero).
    expect(flowBalances(carried, '2026-12-31')).toEqual([]);
  });
});
