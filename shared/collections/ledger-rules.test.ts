// The ledger's push/save rules over an in-memory lookup (the server's and the app's lookups have their own tests):
// bank reconciliations (L-B3, L-B5) and a reversal of a reconciled voucher (L-V18).
import { describe, expect, it } from 'vitest';
import { checkDocument, selectorMatches, type DocLookup } from './index';

const T = '2026-11-25T08:30:00.000Z';
const stamp = { createdAt: T, updatedAt: T, createdBy: 'kuaiji', updatedBy: 'kuaiji', _deleted: false };
type Docs = Record<string, Record<string, Record<string, unknown>>>;
const lookupOf = (docs: Docs): DocLookup => ({
  get: async (c, id) => docs[c]?.[id],
  find: async (c, selector) => Object.values(docs[c] ?? {}).filter((d) => selectorMatches(d, selector)),
});
const kuaiji = { role: 'treasurer' as const, name: 'kuaiji' };

const posted = {
  id: 'v1', ...stamp, date: '2026-11-03', period: '2026-11', summary: '停车费', status: 'posted', preparedBy: 'kuaiji', reviewedBy: 'zhuren', postedBy: 'kuaiji', postedAt: T,
  lines: [{ id: 'l1', accountId: 'bank', debitFen: 500, creditFen: 0 }, { id: 'l2', accountId: 'inc', debitFen: 0, creditFen: 500 }],
};
const rec = (id: string, fields: Record<string, unknown> = {}) => ({ id, ...stamp, bankAccountId: 'bank', statementDate: '2026-11-30', statementBalanceFen: 500, items: [{ voucherId: 'v1', lineId: 'l1' }], by: 'kuaiji', at: T, ...fields });
const books = (recs: Record<string, unknown>[] = []): Docs => ({
  accounts: {
    bank: { id: 'bank', code: '100201', name: '基本户', type: 'asset', normalSide: 'debit', cashKind: 'bank', active: true },
    inc: { id: 'inc', code: '470101', name: '停车', type: 'income', normalSide: 'credit', active: true },
  },
  vouchers: { v1: posted },
  bank_reconciliations: Object.fromEntries(recs.map((r) => [r.id as string, r])),
});
const check = (doc: Record<string, unknown>, previous: Record<string, unknown> | undefined, docs: Docs) =>
  checkDocument('bank_reconciliations', { doc, previous, lookup: lookupOf(docs), actor: kuaiji }).then((p) => p?.rule ?? null);

describe('selectorMatches', () => {
  it('matches top-level equality and array elements by `contains`', () => {
    expect(selectorMatches(posted, { status: 'posted', lines: { contains: { accountId: 'bank' } } })).toBe(true);
    expect(selectorMatches(posted, { lines: { contains: { accountId: 'bank', creditFen: 500 } } })).toBe(false);
    expect(selectorMatches({ lines: 'x' }, { lines: { contains: { accountId: 'bank' } } })).toBe(false);
  });
});

describe('bank reconciliations (L-B3, L-B5)', () => {
  it.each([
    ['ticks a posted line of the bank account', rec('r1'), books(), null],
    ['not a bank account', rec('r1', { bankAccountId: 'inc' }), books(), 'NOT_BANK_ACCOUNT'],
    ['a line of another account', rec('r1', { items: [{ voucherId: 'v1', lineId: 'l2' }] }), books(), 'LINE_UNKNOWN'],
    ['a line after the statement date', rec('r1', { statementDate: '2026-11-01' }), books(), 'LINE_UNKNOWN'],
    ['the same line twice', rec('r1', { items: [{ voucherId: 'v1', lineId: 'l1' }, { voucherId: 'v1', lineId: 'l1' }] }), books(), 'LINE_UNKNOWN'],
    ['a line ticked by a live reconciliation', rec('r2'), books([rec('r1')]), 'ALREADY_RECONCILED'],
    ['… but not by an undone one', rec('r2'), books([rec('r1', { undoneAt: T, undoneBy: 'kuaiji' })]), null],
  ] as const)('%s', async (_n, doc, docs, rule) => {
    expect(await check(doc, undefined, docs)).toBe(rule);
  });

  it('is never edited or deleted, and undone once', async () => {
    const r1 = rec('r1');
    const docs = books([r1]);
    expect(await check({ ...r1, statementBalanceFen: 1 }, r1, docs)).toBe('RECONCILIATION_IMMUTABLE');
    expect(await check({ ...r1, _deleted: true }, r1, docs)).toBe('RECONCILIATION_IMMUTABLE');
    const undone = { ...r1, undoneAt: T, undoneBy: 'kuaiji' };
    expect(await check(undone, r1, docs)).toBeNull();
    expect(await check({ ...r1, undoneAt: T }, r1, docs)).toBe('UNDO_INVALID');
    expect(await check({ ...undone, undoneBy: 'zhuren' }, undone, docs)).toBe('ALREADY_UNDONE');
    expect(await check(r1, undone, docs)).toBe('ALREADY_UNDONE');
  });

  it('L-V18: a voucher with a ticked line is not reversed until the reconciliation is undone', async () => {
    const reversal = {
      ...posted, id: 'v1-red', date: '2026-11-20', reversalOf: 'v1', postedAt: '2026-11-26T00:00:00.000Z',
      lines: posted.lines.map((l) => ({ ...l, id: `${l.id}r`, debitFen: -l.debitFen || 0, creditFen: -l.creditFen || 0 })),
    };
    const previous = { ...reversal, status: 'reviewed', postedBy: undefined, postedAt: undefined };
    const run = (docs: Docs) => checkDocument('vouchers', { doc: reversal, previous, lookup: lookupOf(docs), actor: kuaiji }).then((p) => p?.rule ?? null);
    expect(await run(books([rec('r1')]))).toBe('RECONCILED');
    expect(await run(books([rec('r1', { undoneAt: T, undoneBy: 'kuaiji' })]))).toBeNull();
  });
});

describe('supporting documents on a voucher (L-S3)', () => {
  const file = (hash: string, name = '发票.jpg') => ({ hash, name, mime: 'image/jpeg', size: 2048 });
  const withFile = { ...posted, attachmentCount: 1, attachments: [file('a'.repeat(64))] };
  const run = (doc: Record<string, unknown>, previous: Record<string, unknown> | undefined) =>
    checkDocument('vouchers', { doc, previous, lookup: lookupOf(books()), actor: kuaiji }).then((p) => (p ? `${p.rule} ${p.path ?? ''}` : null));

  it.each([
    ['a file added', posted, { ...posted, attachments: [file('a'.repeat(64))] }],
    ['a file removed', withFile, { ...withFile, attachments: [] }],
    ['the list dropped', withFile, { ...posted, attachmentCount: 1 }],
    ['a file swapped', withFile, { ...withFile, attachments: [file('b'.repeat(64))] }],
    ['a file renamed', withFile, { ...withFile, attachments: [file('a'.repeat(64), '收据.jpg')] }],
  ] as const)('a posted voucher keeps its attachments: %s is refused', async (_n, before, after) => {
    expect(await run(after, before)).toBe('POSTED_IMMUTABLE /attachments');
  });

  it('a draft takes and drops files', async () => {
    const draft = { ...posted, status: 'draft', reviewedBy: undefined, postedBy: undefined, postedAt: undefined };
    expect(await run({ ...draft, attachments: [file('a'.repeat(64))] }, draft)).toBeNull();
    expect(await run(draft, { ...draft, attachments: [file('a'.repeat(64))] })).toBeNull();
  });
});
