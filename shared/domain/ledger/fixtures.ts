// Books for tests, property tests, the hledger parity check and the timing script: built from a plain spec, so that
// fast-check can generate specs and a seeded generator can make big ones. Not used by the app.
import { addCalendarDays, periodOf } from '../common/dates';
import { addSubAccount, chartFromTemplate, parentIds, templateAccountId } from './chart';
import type { Account, Book, Voucher, VoucherLine } from './types';

export type LegSpec = { readonly account: number; readonly fen: number; readonly debit: boolean };
export type VoucherSpec = {
  /** Days after 1 January. */
  readonly day: number;
  readonly legs: readonly LegSpec[];
  /** Which account takes the balancing line. */
  readonly balanceAccount: number;
  readonly draft?: boolean;
  /** Reverse it this many days later (posted), when set and posted. */
  readonly reverseAfter?: number;
};

/** The template chart with a second bank account and a 以奖代补 project sub-account, and balanced opening balances. */
export function fixtureAccounts(): Account[] {
  const base = chartFromTemplate();
  const second = addSubAccount(base, templateAccountId('1002'), { id: 'acct-bank2', name: '专用存款账户' }, false);
  if (!second.ok) throw new Error(second.error.code);
  const accounts = [...base, second.value];
  const opening: Record<string, number> = {
    [templateAccountId('1001')]: 200_000,
    [templateAccountId('100201')]: 5_000_000,
    'acct-bank2': 1_000_000,
    [templateAccountId('1502')]: 30_000, // credit side
    [templateAccountId('1501')]: 300_000,
    [templateAccountId('220902')]: 470_000,
    [templateAccountId('3101')]: 6_000_000,
  };
  return accounts.map((x) => (opening[x.id] ? { ...x, openingBalanceFen: opening[x.id] } : x));
}

/** Leaf accounts that take postings, in code order. */
export function postable(accounts: readonly Account[]): Account[] {
  const parents = parentIds(accounts);
  return accounts.filter((x) => !parents.has(x.id) && x.active).sort((a, b) => (a.code < b.code ? -1 : 1));
}

const PROJECTS = ['P-garden', 'P-lift', 'P-camera'];

export function bookFromSpecs(specs: readonly VoucherSpec[], year = 2026, accounts: Account[] = fixtureAccounts()): Book {
  const leaves = postable(accounts);
  const acc = (i: number): Account => leaves[((i % leaves.length) + leaves.length) % leaves.length] as Account;
  const project = (a: Account, n: number): Partial<VoucherLine> => (a.requiresProject ? { projectId: PROJECTS[n % PROJECTS.length] as string } : n % 7 === 0 ? { projectId: PROJECTS[n % 3] as string } : {});
  const jan1 = `${year}-01-01`;
  const last = `${year}-12-31`;
  const vouchers: Voucher[] = [];
  specs.forEach((s, i) => {
    const date = addCalendarDays(jan1, Math.min(Math.max(s.day, 0), 364));
    const id = `v${String(i).padStart(6, '0')}`;
    const lines: VoucherLine[] = s.legs.map((leg, j) => {
      const a = acc(leg.account);
      return { id: `${id}-${j}`, accountId: a.id, debitFen: leg.debit ? leg.fen : 0, creditFen: leg.debit ? 0 : leg.fen, ...project(a, leg.account + j) };
    });
    const diff = lines.reduce((t, l) => t + l.debitFen - l.creditFen, 0);
    const b = acc(s.balanceAccount);
    if (diff !== 0) lines.push({ id: `${id}-b`, accountId: b.id, debitFen: diff < 0 ? -diff : 0, creditFen: diff > 0 ? diff : 0, ...project(b, s.balanceAccount) });
    if (lines.length < 2) {
      const a = acc(s.balanceAccount + 1);
      lines.push({ id: `${id}-x`, accountId: a.id, debitFen: 100, creditFen: 0, ...project(a, 1) }, { id: `${id}-y`, accountId: b.id, debitFen: 0, creditFen: 100, ...project(b, 2) });
    }
    const postedAt = `${date}T0${i % 10}:00:00.000Z`;
    const v: Voucher = {
      id,
      date,
      period: periodOf(date),
      summary: `凭证 ${i}`,
      lines,
      status: s.draft ? 'draft' : 'posted',
      preparedBy: '张会计',
      ...(s.draft ? {} : { reviewedBy: '李审核', reviewedAt: postedAt, postedBy: '张会计', postedAt }),
      ...(i % 5 === 0 ? { counterparty: '物业公司' } : {}),
    };
    if (!s.draft && s.reverseAfter !== undefined) {
      let rdate = addCalendarDays(date, s.reverseAfter);
      if (rdate > last) rdate = last;
      const rid = `${id}r`;
      vouchers.push({ ...v, reversedBy: rid });
      vouchers.push({
        ...v,
        id: rid,
        date: rdate,
        period: periodOf(rdate),
        summary: `冲销：${v.summary}`,
        lines: lines.map((l) => ({ ...l, id: `${l.id}r`, debitFen: -l.debitFen || 0, creditFen: -l.creditFen || 0 })),
        reversalOf: id,
        postedAt: `${rdate}T23:00:00.000Z`,
      });
    } else vouchers.push(v);
  });
  return { accounts, vouchers };
}

/** A seeded PRNG (mulberry32): the same seed gives the same books on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` voucher specs with mostly 3 lines each (2 legs + the balancing line), some drafts and reversals. */
export function randomSpecs(count: number, seed = 1): VoucherSpec[] {
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  return Array.from({ length: count }, () => ({
    day: int(365),
    legs: Array.from({ length: r() < 0.1 ? 1 : 2 }, () => ({ account: int(64), fen: 1 + int(r() < 0.9 ? 500_000 : 50_000_000), debit: r() < 0.5 })),
    balanceAccount: int(64),
    ...(r() < 0.02 ? { draft: true } : {}),
    ...(r() < 0.03 ? { reverseAfter: int(40) } : {}),
  }));
}

/** A small posted (or draft/reviewed) voucher: 库存现金 debit, 其他公共收益 credit, 1 yuan. */
export const pv = (id: string, date: string, postedAt: string, status: Voucher['status'] = 'posted'): Voucher => ({
  id,
  date,
  period: date.slice(0, 7),
  summary: id,
  lines: [
    { id: `${id}a`, accountId: templateAccountId('1001'), debitFen: 100, creditFen: 0 },
    { id: `${id}b`, accountId: templateAccountId('470104'), debitFen: 0, creditFen: 100 },
  ],
  status,
  preparedBy: 'A',
  ...(status === 'draft' ? {} : { reviewedBy: 'B' }),
  ...(status === 'posted' ? { postedBy: 'A', postedAt } : {}),
});

/** A posted two-line voucher moving `fen` from `credit` to `debit` (template codes), optionally for a project. */
export const transfer = (id: string, date: string, debit: string, credit: string, fen: number, projectId?: string): Voucher => ({
  id,
  date,
  period: date.slice(0, 7),
  summary: id,
  lines: [
    { id: 'd', accountId: templateAccountId(debit), debitFen: fen, creditFen: 0, ...(projectId ? { projectId } : {}) },
    { id: 'c', accountId: templateAccountId(credit), debitFen: 0, creditFen: fen, ...(projectId ? { projectId } : {}) },
  ],
  status: 'posted',
  preparedBy: 'a',
  reviewedBy: 'b',
  postedAt: `${date}T01:00:00Z`,
});
