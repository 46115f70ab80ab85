// The notices' push/save rules (N22–N29) over an in-memory lookup.
import { describe, expect, it } from 'vitest';
import type { NoticeDoc } from '../schema';
import type { Role } from '../sync/permissions';
import { draftNotice, issuedNotice, T1 } from '../domain/notices/fixtures';
import { issueNotice, markSuperseded, recordPrint, renumberNotice, supersedingDraft, withdrawNotice } from '../domain/notices/issue';
import { checkDocument, selectorMatches, type DocLookup } from './index';
import { mayIssueKind, noticeRuleCode } from './notice-rules';

type Docs = Record<string, Record<string, unknown>>;
const lookupOf = (docs: Docs): DocLookup => ({
  get: async (_c, id) => docs[id],
  find: async (_c, selector, limit = 100) => Object.values(docs).filter((d) => selectorMatches(d, selector)).slice(0, limit),
});
const store = (...notices: NoticeDoc[]): Docs => Object.fromEntries(notices.map((n) => [n.id, { ...n, _deleted: false }]));

const check = (doc: NoticeDoc | (NoticeDoc & { _deleted: boolean }), previous: NoticeDoc | undefined, docs: Docs = {}, role: Role = 'secretary') =>
  checkDocument('notices', {
    doc: { _deleted: false, ...doc },
    previous: previous ? { ...previous, _deleted: false } : undefined,
    lookup: lookupOf(docs),
    actor: { role, name: '王秘书' },
  });
const rule = async (...args: Parameters<typeof check>) => {
  const p = await check(...args);
  return p ? `${p.rule}${p.path ? ` ${p.path}` : ''}` : null;
};

const unwrap = <V>(r: { ok: true; value: V } | { ok: false; error: unknown }): V => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('drafts (N29)', () => {
  it('are free: created, edited, deleted', async () => {
    const d = draftNotice({ body: '' });
    expect(await rule(d, undefined)).toBeNull();
    expect(await rule({ ...d, title: '改', postUntil: '2020-01-01' }, d)).toBeNull();
    expect(await rule({ ...d, _deleted: true }, d)).toBeNull();
  });
});

describe('issuing (N23, N24, N28)', () => {
  const issued = issuedNotice();
  it.each([
    ['a complete issued notice', issued, undefined, {}, 'secretary', null],
    ['… from a draft', issued, draftNotice(), {}, 'secretary', null],
    ['issued and withdrawn offline', { ...issued, status: 'withdrawn', withdrawnAt: T1, withdrawnBy: '王秘书', withdrawReason: '有误' }, undefined, {}, 'secretary', null],
    ['… without a reason', { ...issued, status: 'withdrawn', withdrawnAt: T1, withdrawnBy: '王秘书' }, undefined, {}, 'secretary', 'NOTICE_REASON_REQUIRED /withdrawReason'],
    ['incomplete', { ...issued, postUntil: undefined }, undefined, {}, 'secretary', 'NOTICE_POST_PERIOD_REQUIRED /postUntil'],
    ['no title', { ...issued, title: ' ' }, undefined, {}, 'secretary', 'NOTICE_TITLE_REQUIRED /title'],
    ['no number', { ...issued, issueSeq: undefined }, undefined, {}, 'secretary', 'NOTICE_ISSUE_NO_INVALID /issueSeq'],
    ['a year not the 成文日期’s', { ...issued, issueYear: 2025 }, undefined, {}, 'secretary', 'NOTICE_ISSUE_NO_INVALID /issueSeq'],
    ['no issuedAt', { ...issued, issuedAt: undefined }, undefined, {}, 'secretary', 'NOTICE_ISSUE_NO_INVALID /issuedAt'],
    ['public without a code', { ...issued, publicCode: undefined }, undefined, {}, 'secretary', 'NOTICE_PUBLIC_CODE_REQUIRED /publicCode'],
    ['a 文号 taken', issued, undefined, store(issuedNotice({ id: 'other' })), 'secretary', 'ISSUE_NO_TAKEN /issueSeq'],
    ['… by a withdrawn notice', issued, undefined, store(issuedNotice({ id: 'other', status: 'withdrawn' })), 'secretary', 'ISSUE_NO_TAKEN /issueSeq'],
    ['not by a draft', issued, undefined, store(draftNotice({ id: 'other', issueYear: 2026, issueSeq: 1 })), 'secretary', null],
    ['not by another issuer', issued, undefined, store(issuedNotice({ id: 'other', issuerKey: 'branch' })), 'secretary', null],
    ['not in another year', issued, undefined, store(issuedNotice({ id: 'other', issueYear: 2025, issueDate: '2025-12-01' })), 'secretary', null],
    ['the treasurer issues a 财务收支公示', { ...issued, kind: 'finance' }, undefined, {}, 'treasurer', null],
    ['… not a 决议公告', issued, undefined, {}, 'treasurer', 'NOTICE_ROLE_NOT_ALLOWED /status'],
    ['superseding a notice already superseded by another', { ...issued, supersedes: 'old' }, undefined, store(issuedNotice({ id: 'old', supersededBy: 'third' }, 9)), 'secretary', 'ALREADY_SUPERSEDED /supersedes'],
  ] as const)('%s', async (_n, doc, previous, docs, role, expected) => {
    expect(await rule(doc as NoticeDoc, previous, docs as Docs, role)).toBe(expected);
  });

  it('accepts what issueNotice builds', async () => {
    const n = unwrap(issueNotice(draftNotice(), { notices: [issuedNotice({ id: 'a' })], now: T1, by: '王秘书', publicCode: 'Xy23456789ab' }));
    expect(await rule(n, draftNotice(), store(issuedNotice({ id: 'a' })))).toBeNull();
  });
});

describe('an issued notice is locked (N22)', () => {
  const issued = issuedNotice();
  it.each([
    ['the title', { title: '新标题' }, 'ISSUED_IMMUTABLE /title'],
    ['the body', { body: '改了' }, 'ISSUED_IMMUTABLE /body'],
    ['the 公示期', { postUntil: '2026-12-31' }, 'ISSUED_IMMUTABLE /postUntil'],
    ['a field removed', { contactName: undefined, addressees: undefined, postFrom: undefined }, 'ISSUED_IMMUTABLE /postFrom'],
    ['back to a draft', { status: 'draft' }, 'ISSUED_IMMUTABLE /status'],
    ['the public code', { publicCode: 'Other2345678' }, 'ISSUED_IMMUTABLE /publicCode'],
    ['printedAt alone', { printedAt: T1 }, 'ISSUED_IMMUTABLE /printedAt'],
    ['bookkeeping only', { updatedAt: T1, updatedBy: '李主任' }, null],
  ] as const)('%s', async (_n, over, expected) => {
    expect(await rule({ ...issued, ...over } as NoticeDoc, issued)).toBe(expected);
  });

  it('is never deleted (also when withdrawn)', async () => {
    expect(await rule({ ...issued, _deleted: true }, issued)).toBe('ISSUED_IMMUTABLE /_deleted');
    const w = { ...issued, status: 'withdrawn' as const, withdrawnAt: T1, withdrawnBy: '王秘书', withdrawReason: '有误' };
    expect(await rule({ ...w, _deleted: true }, w)).toBe('ISSUED_IMMUTABLE /_deleted');
  });

  it('withdrawal: with a reason, by a role that may, once', async () => {
    const w = unwrap(withdrawNotice(issued, { now: T1, by: '王秘书', reason: '内容有误' }));
    expect(await rule(w, issued)).toBeNull();
    expect(await rule({ ...w, withdrawReason: ' ' }, issued)).toBe('NOTICE_REASON_REQUIRED /withdrawReason');
    expect(await rule({ ...w, withdrawnBy: undefined }, issued)).toBe('NOTICE_WITHDRAWAL_INCOMPLETE /withdrawnAt');
    expect(await rule(w, issued, {}, 'treasurer')).toBe('NOTICE_ROLE_NOT_ALLOWED /status');
    expect(await rule({ ...w, title: '顺便改标题' }, issued)).toBe('ISSUED_IMMUTABLE /title');
    expect(await rule({ ...w, withdrawReason: '另一个原因' }, w)).toBe('ISSUED_IMMUTABLE /withdrawReason');
    expect(await rule({ ...w, status: 'issued' }, w)).toBe('ISSUED_IMMUTABLE /status');
  });

  it('supersession: set once, to a notice that supersedes this one', async () => {
    const next = unwrap(issueNotice({ ...supersedingDraft(issued, 'n2', { at: T1, by: '王秘书' }), issueDate: '2026-11-29' }, { notices: [issued], now: T1, by: '王秘书', publicCode: 'Next23456789' }));
    expect(next.supersedes).toBe('n1');
    const marked = unwrap(markSuperseded(issued, 'n2'));
    expect(await rule(marked, issued, store(issued, next))).toBeNull();
    expect(await rule(marked, issued, store(issued))).toBeNull(); // the successor has not reached this store yet
    expect(await rule(marked, issued, store(issued, { ...next, supersedes: 'zz' }))).toBe('NOTICE_SUPERSEDED_BY_INVALID /supersededBy');
    expect(await rule(marked, issued, store(issued, { ...next, status: 'draft' }))).toBeNull(); // its draft synced, its issue not yet
    expect(await rule({ ...issued, supersededBy: 'n1' }, issued)).toBe('NOTICE_SUPERSEDED_BY_INVALID /supersededBy');
    expect(await rule({ ...marked, supersededBy: 'n3' }, marked)).toBe('ALREADY_SUPERSEDED /supersededBy');
    expect(await rule({ ...marked, supersededBy: undefined }, marked)).toBe('ALREADY_SUPERSEDED /supersededBy');
    // The successor itself arrives issued: accepted, also after the old one points to it.
    expect(await rule(next, undefined, store(marked))).toBeNull();
  });

  it('prints: appended with printedAt, never rewritten', async () => {
    const once = recordPrint(issued, { at: T1, by: '王秘书', copies: 2, paper: 'A4' });
    expect(await rule(once, issued)).toBeNull();
    const twice = recordPrint(once, { at: T1, by: '李主任', copies: 1, paper: 'A3', pdf: true });
    expect(await rule(twice, once)).toBeNull();
    expect(await rule({ ...twice, prints: [{ ...twice.prints![0]!, copies: 20 }, twice.prints![1]!] }, once)).toBe('ISSUED_IMMUTABLE /prints/0');
    expect(await rule({ ...once, prints: [] }, once)).toBe('ISSUED_IMMUTABLE /prints/0');
    expect(await rule({ ...twice, printedAt: undefined }, once)).toBe('ISSUED_IMMUTABLE /printedAt');
    // Printing a withdrawn notice (for the archive) is logged too.
    const w = unwrap(withdrawNotice(issued, { now: T1, by: '王秘书', reason: '有误' }));
    expect(await rule(recordPrint(w, { at: T1, by: '王秘书', copies: 1, paper: 'A4' }), w)).toBeNull();
  });

  it('renumbering: only while another notice holds the number, to a free one', async () => {
    const mine = issuedNotice({ id: 'mine' }, 3);
    const theirs = issuedNotice({ id: 'theirs' }, 3);
    const renumbered = unwrap(renumberNotice(mine, [mine, theirs]));
    expect(renumbered.issueSeq).toBe(4);
    expect(await rule(renumbered, mine, store(mine, theirs))).toBeNull();
    expect(await rule(renumbered, mine, store(mine))).toBe('ISSUED_IMMUTABLE /issueSeq');
    expect(await rule(renumbered, mine, store(mine, theirs, issuedNotice({ id: 'four' }, 4)))).toBe('ISSUE_NO_TAKEN /issueSeq');
    expect(await rule({ ...renumbered, issueYear: 2027 }, mine, store(mine, theirs))).toBe('ISSUED_IMMUTABLE /issueYear');
  });
});

describe('codes', () => {
  it('keeps the three spec codes plain and prefixes the rest', () => {
    expect(['ISSUED_IMMUTABLE', 'ISSUE_NO_TAKEN', 'ALREADY_SUPERSEDED', 'REASON_REQUIRED'].map((c) => noticeRuleCode(c as never))).toEqual([
      'ISSUED_IMMUTABLE',
      'ISSUE_NO_TAKEN',
      'ALREADY_SUPERSEDED',
      'NOTICE_REASON_REQUIRED',
    ]);
  });
  it.each([
    ['admin', 'resolution', true],
    ['branch_secretary', 'task', true],
    ['secretary', 'finance', true],
    ['treasurer', 'finance', true],
    ['treasurer', 'project', true],
    ['treasurer', 'meeting', false],
    ['staff', 'notice', false],
  ] as const)('N28 %s issues %s: %s', (role, kind, may) => expect(mayIssueKind(role, kind)).toBe(may));
});
