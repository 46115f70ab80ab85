import { describe, expect, it } from 'vitest';
import { chartFromTemplate, templateAccountId as A } from './chart';
import {
  balancingAmount,
  postVoucher,
  reversalContext,
  reverseVoucher,
  reviewVoucher,
  unreviewVoucher,
  voucherChangeProblem,
  voucherContext,
  voucherProblems,
  MAX_LINE_FEN,
} from './voucher';
import type { Voucher } from './types';

const chart = chartFromTemplate();
const ctx = voucherContext(chart, [{ id: '2026-01', status: 'closed' }]);
const draft: Voucher = {
  id: 'v1',
  date: '2026-03-05',
  period: '2026-03',
  summary: '收3月停车费',
  lines: [
    { id: 'l1', accountId: A('100201'), debitFen: 120_000, creditFen: 0 },
    { id: 'l2', accountId: A('470101'), debitFen: 0, creditFen: 120_000 },
  ],
  status: 'draft',
  preparedBy: '张会计',
};
const codes = (v: Voucher): string[] => voucherProblems(v, ctx).map((p) => p.code);
const withLine = (i: number, change: object): Voucher => ({ ...draft, lines: draft.lines.map((l, j) => (j === i ? { ...l, ...change } : l)) });
const rctx0 = reversalContext([]);

describe('L-V1–L-V9 voucherProblems', () => {
  it('L-V1 a balanced voucher is valid', () => expect(codes(draft)).toEqual([]));
  it.each<[string, Voucher, string, string?]>([
    ['L-V1 date', { ...draft, date: '2026-02-30' }, 'DATE_INVALID', 'date'],
    ['L-V1 period of the date', { ...draft, period: '2026-04' }, 'PERIOD_MISMATCH', 'period'],
    ['L-V2 closed period', { ...draft, date: '2026-01-31', period: '2026-01' }, 'PERIOD_CLOSED', 'date'],
    ['L-V3 摘要 required', { ...draft, summary: '  ' }, 'SUMMARY_REQUIRED', 'summary'],
    ['L-V4 at least two lines', { ...draft, lines: draft.lines.slice(0, 1) }, 'LINES_TOO_FEW', 'lines'],
    ['L-V5 zero line', withLine(1, { creditFen: 0 }), 'AMOUNT_MISSING', 'lines.l2.debitFen'],
    ['L-V5 both sides', withLine(0, { creditFen: 5 }), 'AMOUNT_BOTH_SIDES', 'lines.l1.creditFen'],
    ['L-V5 negative outside a reversal', withLine(0, { debitFen: -5 }), 'AMOUNT_NEGATIVE', 'lines.l1.debitFen'],
    ['L-V6 not integer fen', withLine(0, { debitFen: 12.5 }), 'AMOUNT_NOT_INTEGER', 'lines.l1.debitFen'],
    ['L-V6 too large', withLine(0, { debitFen: MAX_LINE_FEN + 1 }), 'AMOUNT_TOO_LARGE', 'lines.l1.debitFen'],
    ['L-V7 unknown account', withLine(0, { accountId: 'nope' }), 'ACCOUNT_UNKNOWN', 'lines.l1.accountId'],
    ['L-V7 a parent account', withLine(0, { accountId: A('1002') }), 'ACCOUNT_NOT_LEAF', 'lines.l1.accountId'],
    ['L-V7 account required', withLine(0, { accountId: '' }), 'ACCOUNT_REQUIRED', 'lines.l1.accountId'],
    ['L-V8 restricted money names its project', withLine(1, { accountId: A('440101') }), 'PROJECT_REQUIRED', 'lines.l2.projectId'],
    ['L-V9 unbalanced', withLine(1, { creditFen: 110_000 }), 'UNBALANCED', 'lines'],
    ['L-V9 duplicate line id', withLine(1, { id: 'l1' }), 'LINE_ID_DUPLICATE', 'lines.l1.id'],
  ])('%s', (_n, v, code, path) => {
    const p = voucherProblems(v, ctx).find((x) => x.code === code);
    expect(p, JSON.stringify(voucherProblems(v, ctx))).toBeDefined();
    if (path) expect(p?.path).toBe(path);
  });
  it('L-V7 an inactive account', () => {
    const c2 = voucherContext(chart.map((x) => (x.code === '470101' ? { ...x, active: false } : x)));
    expect(voucherProblems(draft, c2).map((p) => p.code)).toEqual(['ACCOUNT_INACTIVE']);
  });
  it('L-V1 problems name the 1-based line', () => {
    expect(voucherProblems(withLine(1, { accountId: 'x' }), ctx)[0]).toMatchObject({ line: 2 });
  });
  it('L-V8 with the project it passes', () => expect(codes(withLine(1, { accountId: A('440101'), projectId: 'P1' }))).toEqual([]));
});

describe('L-V10 balancingAmount ("=")', () => {
  const lines = [
    { debitFen: 100, creditFen: 0 },
    { debitFen: 250, creditFen: 0 },
    { debitFen: 0, creditFen: 0 },
  ];
  it('L-V10 fills the other side with the difference', () => expect(balancingAmount(lines, 2)).toEqual({ side: 'credit', fen: 350 }));
  it('L-V10 ignores the line it fills', () => expect(balancingAmount([...lines.slice(0, 2), { debitFen: 0, creditFen: 999 }], 2)).toEqual({ side: 'credit', fen: 350 }));
  it('L-V10 in a chosen cell, possibly red', () => expect(balancingAmount(lines, 2, 'debit')).toEqual({ side: 'debit', fen: -350 }));
  it('L-V10 null when balanced', () => expect(balancingAmount([{ debitFen: 5, creditFen: 0 }, { debitFen: 0, creditFen: 5 }, { debitFen: 0, creditFen: 0 }], 2)).toBeNull());
});

describe('L-V11–L-V15 draft → reviewed → posted', () => {
  const reviewer = { name: '李审核' };
  it('L-V12 self-review is refused (by name, or by person id)', () => {
    expect(reviewVoucher(draft, { name: ' 张会计 ' }, 't', ctx)).toMatchObject({ ok: false, error: { code: 'SELF_REVIEW' } });
    const withIds = { ...draft, preparedById: 'p1' };
    expect(reviewVoucher(withIds, { name: '别名', personId: 'p1' }, 't', ctx)).toMatchObject({ ok: false, error: { code: 'SELF_REVIEW' } });
  });
  it('L-V11 an invalid draft is not reviewed; the problems come along', () => {
    const r = reviewVoucher(withLine(1, { creditFen: 1 }), reviewer, 't', ctx);
    expect(!r.ok && r.error.code).toBe('VOUCHER_INVALID');
    expect(!r.ok && r.error.problems?.[0]?.code).toBe('UNBALANCED');
  });
  it('L-V14 posting needs a review; posted is final', () => {
    expect(postVoucher(draft, reviewer, 't', ctx, rctx0)).toMatchObject({ ok: false, error: { code: 'NOT_REVIEWED' } });
    const reviewed = reviewVoucher(draft, reviewer, 't1', ctx);
    if (!reviewed.ok) throw new Error();
    expect(reviewed.value).toMatchObject({ status: 'reviewed', reviewedBy: '李审核', reviewedAt: 't1' });
    const posted = postVoucher(reviewed.value, { name: '张会计' }, 't2', ctx, rctx0);
    expect(posted.ok && posted.value.voucher).toMatchObject({ status: 'posted', postedBy: '张会计', postedAt: 't2' });
    if (!posted.ok) throw new Error();
    expect(postVoucher(posted.value.voucher, reviewer, 't3', ctx, rctx0)).toMatchObject({ ok: false, error: { code: 'POSTED_IMMUTABLE' } });
  });
  it('L-V13 unreview returns to draft', () => {
    const reviewed = reviewVoucher(draft, reviewer, 't1', ctx);
    const back = reviewed.ok ? unreviewVoucher(reviewed.value) : null;
    expect(back?.ok && back.value).toEqual(draft);
  });
  it('L-V15 posting into a closed period is refused', () => {
    const jan = { ...draft, date: '2026-01-10', period: '2026-01', status: 'reviewed' as const, reviewedBy: '李审核' };
    expect(postVoucher(jan, reviewer, 't', ctx, rctx0)).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } });
  });
});

const posted: Voucher = { ...draft, status: 'posted', reviewedBy: '李审核', postedBy: '张会计', postedAt: '2026-03-05T02:00:00.000Z' };

describe('L-V16–L-V20 红字冲销', () => {
  const make = (rctx = reversalContext([posted])) => reverseVoucher(posted, { id: 'r1', date: '2026-03-20', lineIds: ['r1a', 'r1b'], preparedBy: { name: '张会计' } }, ctx, rctx);
  it('L-V16 mirrors the original with negated amounts, as a draft', () => {
    const r = make();
    expect(r.ok && r.value).toMatchObject({ id: 'r1', status: 'draft', reversalOf: 'v1', period: '2026-03', summary: '冲销：收3月停车费' });
    expect(r.ok && r.value.lines.map((l) => [l.accountId, l.debitFen, l.creditFen])).toEqual([
      [A('100201'), -120_000, 0],
      [A('470101'), 0, -120_000],
    ]);
  });
  it('L-V17 posting it links both ways', () => {
    const r = make();
    if (!r.ok) throw new Error();
    const reviewed = reviewVoucher(r.value, { name: '李审核' }, 't', ctx);
    if (!reviewed.ok) throw new Error(reviewed.error.code);
    const p = postVoucher(reviewed.value, { name: '张会计' }, 't2', ctx, reversalContext([posted, reviewed.value]));
    expect(p.ok && p.value.original?.reversedBy).toBe('r1');
  });
  it('L-V18 a reconciled bank line blocks the reversal', () => {
    expect(make(reversalContext([posted], new Set(['v1/l1'])))).toMatchObject({ ok: false, error: { code: 'RECONCILED' } });
  });
  it('L-V19 a voucher is reversed once; a reversal is not reversed; drafts are not reversed', () => {
    expect(make(reversalContext([posted, { ...posted, id: 'r0', reversalOf: 'v1', status: 'draft' }]))).toMatchObject({ ok: false, error: { code: 'ALREADY_REVERSED' } });
    expect(reverseVoucher({ ...posted, reversalOf: 'x' }, { id: 'r', date: '2026-03-20', lineIds: ['a', 'b'], preparedBy: { name: 'a' } }, ctx, rctx0)).toMatchObject({ ok: false, error: { code: 'REVERSAL_OF_REVERSAL' } });
    expect(reverseVoucher(draft, { id: 'r', date: '2026-03-20', lineIds: ['a', 'b'], preparedBy: { name: 'a' } }, ctx, rctx0)).toMatchObject({ ok: false, error: { code: 'NOT_POSTED' } });
  });
  it('L-V20 dated on or after the original, in an open period', () => {
    expect(reverseVoucher(posted, { id: 'r', date: '2026-03-01', lineIds: ['a', 'b'], preparedBy: { name: 'a' } }, ctx, rctx0)).toMatchObject({ ok: false, error: { code: 'REVERSAL_BEFORE_ORIGINAL' } });
  });
  it('L-V17 a tampered reversal does not mirror', () => {
    const r = make();
    if (!r.ok) throw new Error();
    const bad: Voucher = { ...r.value, status: 'reviewed', reviewedBy: '李审核', lines: r.value.lines.map((l, i) => (i === 0 ? { ...l, debitFen: -100_000 } : { ...l, creditFen: -100_000 })) };
    expect(postVoucher(bad, { name: 'x' }, 't', ctx, reversalContext([posted, bad]))).toMatchObject({ ok: false, error: { code: 'REVERSAL_MISMATCH', path: 'lines.r1a.debitFen' } });
  });
});

describe('L-V21–L-V22 voucherChangeProblem (the push check)', () => {
  const doc = (v: Voucher, extra: object = {}) => ({ ...v, updatedAt: 'a', ...extra }) as unknown as Record<string, unknown>;
  it('L-V21 a posted voucher never changes', () => {
    expect(voucherChangeProblem(doc(posted), doc({ ...posted, summary: '改' }), ctx, rctx0)).toMatchObject({ code: 'POSTED_IMMUTABLE', path: 'summary' });
    expect(voucherChangeProblem(doc(posted), doc(posted, { _deleted: true }), ctx, rctx0)).toMatchObject({ code: 'POSTED_IMMUTABLE', path: '_deleted' });
    expect(voucherChangeProblem(doc(posted), doc({ ...posted, status: 'draft' }), ctx, rctx0)?.code).toBe('POSTED_IMMUTABLE');
    expect(voucherChangeProblem(doc(posted), doc(posted, { updatedAt: 'b' }), ctx, rctx0)).toBeNull();
  });
  it('L-V19 except reversedBy, once, to its posted reversal', () => {
    const rev: Voucher = { ...posted, id: 'r1', reversalOf: 'v1', date: '2026-03-06' };
    expect(voucherChangeProblem(doc(posted), doc({ ...posted, reversedBy: 'r1' }), ctx, reversalContext([posted, rev]))).toBeNull();
    expect(voucherChangeProblem(doc(posted), doc({ ...posted, reversedBy: 'zz' }), ctx, reversalContext([posted, rev]))?.code).toBe('POSTED_IMMUTABLE');
  });
  it('L-V22 a pushed posted voucher is valid and not self-reviewed', () => {
    expect(voucherChangeProblem(undefined, doc(posted), ctx, rctx0)).toBeNull();
    expect(voucherChangeProblem(undefined, doc({ ...posted, reviewedBy: '张会计' }), ctx, rctx0)?.code).toBe('SELF_REVIEW');
    expect(voucherChangeProblem(undefined, doc({ ...posted, reviewedBy: undefined }), ctx, rctx0)?.code).toBe('NOT_REVIEWED');
    expect(voucherChangeProblem(undefined, doc({ ...posted, lines: [posted.lines[0] as never] }), ctx, rctx0)?.code).toBe('VOUCHER_INVALID');
  });
  it('L-V22 nothing enters or changes in a closed period; drafts may be incomplete', () => {
    const jan = { ...draft, date: '2026-01-10', period: '2026-01' };
    expect(voucherChangeProblem(undefined, doc(jan), ctx, rctx0)?.code).toBe('PERIOD_CLOSED');
    expect(voucherChangeProblem(doc(jan), doc(jan, { _deleted: true }), ctx, rctx0)?.code).toBe('PERIOD_CLOSED');
    expect(voucherChangeProblem(undefined, doc({ ...draft, lines: [] }), ctx, rctx0)).toBeNull();
  });
});
