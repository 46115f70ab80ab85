import { describe, expect, it } from 'vitest';
import type { NoticeDoc } from '../../schema';
import { draftNotice, issuedNotice, T0, T1 } from './fixtures';
import {
  issueNotice,
  markSuperseded,
  noticeBodyLines,
  NOTICE_BODY_MAX_LINES,
  noticeProblems,
  recordPrint,
  renumberNotice,
  supersedingDraft,
  withdrawNotice,
} from './issue';

const codes = (n: NoticeDoc, forIssue = true) => noticeProblems(n, { forIssue }).map((p) => `${p.code}@${p.field ?? ''}`);
const long = (chars: number) => '字'.repeat(chars);

describe('noticeProblems (N15)', () => {
  it.each([
    ['a complete draft', {}, true, []],
    ['title required', { title: '  ' }, false, ['TITLE_REQUIRED@title']],
    ['title ≤ 200', { title: long(201) }, false, ['TITLE_TOO_LONG@title']],
    ['title of 200 is fine', { title: long(200) }, true, []],
    ['body required', { body: '\n\n ' }, false, ['BODY_REQUIRED@body']],
    ['issuers required to issue', { issuers: [' '] }, true, ['ISSUERS_REQUIRED@issuers']],
    ['… not for a draft', { issuers: [] }, false, []],
    ['the 主办 issuer (issuerKey) too', { issuerKey: undefined }, true, ['ISSUERS_REQUIRED@issuers']],
    ['issuer ≤ 100 characters', { issuers: [long(101)] }, false, ['ISSUER_TOO_LONG@issuers']],
    ['issue date to issue', { issueDate: undefined }, true, ['ISSUE_DATE_REQUIRED@issueDate']],
    ['issue date a real date', { issueDate: '2026-02-30' }, false, ['ISSUE_DATE_REQUIRED@issueDate']],
    ['公示期 for a 决议公告', { postFrom: undefined, postUntil: undefined }, true, ['POST_PERIOD_REQUIRED@postFrom', 'POST_PERIOD_REQUIRED@postUntil']],
    ['公示期 end missing', { kind: 'finance', postUntil: undefined }, true, ['POST_PERIOD_REQUIRED@postUntil']],
    ['no 公示期 needed for a 通知', { kind: 'notice', postFrom: undefined, postUntil: undefined }, true, []],
    ['… nor a 会议通知 or 公告', { kind: 'general', postFrom: undefined, postUntil: undefined }, true, []],
    ['end before start', { postFrom: '2026-12-05', postUntil: '2026-12-04' }, false, ['POST_END_BEFORE_START@postUntil']],
    ['one-day 公示期', { postFrom: '2026-12-04', postUntil: '2026-12-04' }, true, []],
    ['invalid post date', { postUntil: '2026-13-01' }, false, ['POST_PERIOD_REQUIRED@postUntil']],
    ['phone with dash and space', { contactPhone: '0592-123 4567' }, true, []],
    ['mobile', { contactPhone: '13800138000' }, true, []],
    ['phone too short', { contactPhone: '12345' }, false, ['PHONE_INVALID@contactPhone']],
    ['phone with letters', { contactPhone: '0592-ABCDEFG' }, false, ['PHONE_INVALID@contactPhone']],
    ['phone too long', { contactPhone: '1'.repeat(21) }, false, ['PHONE_INVALID@contactPhone']],
  ] as const)('%s', (_name, over, forIssue, expected) => {
    expect(codes(draftNotice(over as Partial<NoticeDoc>), forIssue)).toEqual(expected);
  });

  it('a body beyond the page grid overflows (BODY_OVERFLOWS), with its size', () => {
    // One paragraph of 26 characters + the 2-character indent fills one 28-cell line exactly.
    const para = long(26);
    const fits = Array.from({ length: NOTICE_BODY_MAX_LINES }, () => para).join('\n\n');
    expect(noticeBodyLines(fits)).toBe(NOTICE_BODY_MAX_LINES);
    expect(codes(draftNotice({ body: fits }))).toEqual([]);
    const over = `${fits}\n\n一`;
    expect(noticeProblems(draftNotice({ body: over }), { forIssue: false })).toEqual([
      { code: 'BODY_OVERFLOWS', field: 'body', detail: { lines: NOTICE_BODY_MAX_LINES + 1, maxLines: NOTICE_BODY_MAX_LINES, maxPages: 8 } },
    ]);
  });

  it.each([
    ['indent counts', long(27), 2],
    ['ASCII is half a cell', 'a'.repeat(52), 1],
    ['a line break inside a paragraph starts a line', '一\n二\n三', 3],
    ['blank lines separate paragraphs and take nothing', '一\n\n\n\n二', 2],
  ])('grid lines: %s', (_n, body, lines) => expect(noticeBodyLines(body)).toBe(lines));
});

describe('issueNotice (N16)', () => {
  const ctx = (notices: NoticeDoc[] = []) => ({ notices, now: T1, by: '李主任', publicCode: 'Xy23456789ab' });

  it('numbers, locks, stamps and makes a 公示 public', () => {
    const r = issueNotice(draftNotice(), ctx([issuedNotice({ id: 'a' }, 4), issuedNotice({ id: 'b', issuerKey: 'branch' }, 9), issuedNotice({ id: 'c', issueYear: 2025 }, 12)]));
    expect(r).toEqual({
      ok: true,
      value: {
        ...draftNotice(),
        status: 'issued',
        issueYear: 2026,
        issueSeq: 5,
        issuedAt: T1,
        issuedBy: '李主任',
        public: true,
        publicCode: 'Xy23456789ab',
        updatedAt: T1,
        updatedBy: '李主任',
      },
    });
  });

  it.each([
    ['the year is the 成文日期’s', { issueDate: '2027-01-02', postFrom: '2027-01-02', postUntil: '2027-01-08' }, { issueYear: 2027, issueSeq: 1 }],
    ['a 通知 is not public by default', { kind: 'notice' }, { public: false }],
    ['… unless ticked', { kind: 'notice', public: true }, { public: true }],
    ['a 公示 unticked stays private', { public: false }, { public: false }],
    ['a public code already given is kept', { publicCode: 'Keep23456789' }, { publicCode: 'Keep23456789' }],
  ] as const)('%s', (_n, over, expected) => {
    const r = issueNotice(draftNotice(over as Partial<NoticeDoc>), ctx());
    expect(r.ok && r.value).toMatchObject(expected);
  });

  it('withdrawn notices keep their number; drafts and the notice itself do not count', () => {
    const r = issueNotice(draftNotice({ id: 'x' }), ctx([issuedNotice({ id: 'w', status: 'withdrawn' }, 7), draftNotice({ id: 'd', issueSeq: 30 }), issuedNotice({ id: 'x' }, 40)]));
    expect(r.ok && r.value.issueSeq).toBe(8);
  });

  it('refuses what is not a draft, and an incomplete draft with every problem', () => {
    expect(issueNotice(issuedNotice(), ctx())).toEqual({ ok: false, error: { code: 'NOT_DRAFT' } });
    const r = issueNotice(draftNotice({ title: '', postUntil: undefined }), ctx());
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'TITLE_REQUIRED',
        field: 'title',
        problems: [
          { code: 'TITLE_REQUIRED', field: 'title' },
          { code: 'POST_PERIOD_REQUIRED', field: 'postUntil' },
        ],
      },
    });
  });
});

describe('withdrawNotice (N17)', () => {
  it('withdraws an issued notice with a reason', () => {
    expect(withdrawNotice(issuedNotice(), { now: T1, by: '李主任', reason: ' 内容有误 ' })).toEqual({
      ok: true,
      value: { ...issuedNotice(), status: 'withdrawn', withdrawnAt: T1, withdrawnBy: '李主任', withdrawReason: '内容有误', updatedAt: T1, updatedBy: '李主任' },
    });
  });
  it.each([
    ['a draft', draftNotice(), '有误', 'NOT_ISSUED'],
    ['twice', issuedNotice({ status: 'withdrawn' }), '有误', 'NOT_ISSUED'],
    ['without a reason', issuedNotice(), '  ', 'REASON_REQUIRED'],
  ] as const)('refuses %s', (_n, n, reason, code) => {
    expect(withdrawNotice(n, { now: T1, by: '李主任', reason })).toEqual({ ok: false, error: { code } });
  });
});

describe('supersedingDraft (N18), markSuperseded (N19)', () => {
  const old = recordPrint(issuedNotice({ supersedes: 'n0', tables: [{ columns: ['项目', '金额'], rows: [['停车', '¥1.00']] }] }, 3), { at: T0, by: '王秘书', copies: 2, paper: 'A4' });

  it('copies the content, never the number, issue, public code or prints', () => {
    const d = supersedingDraft(old, 'n2', { at: T1, by: '李主任' });
    expect(d).toEqual({
      id: 'n2',
      createdAt: T1,
      updatedAt: T1,
      createdBy: '李主任',
      updatedBy: '李主任',
      kind: 'resolution',
      title: old.title,
      body: old.body,
      tables: old.tables,
      issuers: old.issuers,
      issuerKey: 'owners_committee',
      issuePrefix: '和美业委',
      postFrom: old.postFrom,
      postUntil: old.postUntil,
      public: true,
      status: 'draft',
      supersedes: 'n1',
    });
  });

  it('points the old notice to its successor once', () => {
    expect(markSuperseded(old, 'n2')).toEqual({ ok: true, value: { ...old, supersededBy: 'n2' } });
    expect(markSuperseded({ ...old, supersededBy: 'n2' }, 'n2')).toEqual({ ok: true, value: { ...old, supersededBy: 'n2' } });
    expect(markSuperseded({ ...old, supersededBy: 'n2' }, 'n3')).toEqual({ ok: false, error: { code: 'ALREADY_SUPERSEDED', detail: { by: 'n2' } } });
    expect(markSuperseded(draftNotice(), 'n2')).toEqual({ ok: false, error: { code: 'NOT_ISSUED' } });
    expect(markSuperseded({ ...old, status: 'withdrawn' }, 'n2').ok).toBe(true);
  });
});

describe('recordPrint (N20)', () => {
  it('appends to the log and sets printedAt', () => {
    const once = recordPrint(issuedNotice(), { at: T0, by: '王秘书', device: 'PC-1', copies: 3, paper: 'A4' });
    const twice = recordPrint(once, { at: T1, by: '李主任', copies: 1, paper: 'A3', pdf: true });
    expect(twice.prints).toEqual([
      { at: T0, by: '王秘书', device: 'PC-1', copies: 3, paper: 'A4' },
      { at: T1, by: '李主任', copies: 1, paper: 'A3', pdf: true },
    ]);
    expect(twice.printedAt).toBe(T1);
  });
});

describe('renumberNotice (N21)', () => {
  const mine = issuedNotice({ id: 'mine' }, 3);
  it('takes the next free number when another notice holds this one', () => {
    const theirs = issuedNotice({ id: 'theirs' }, 3);
    expect(renumberNotice(mine, [mine, theirs, issuedNotice({ id: 'other' }, 4)])).toEqual({ ok: true, value: { ...mine, issueSeq: 5 } });
    expect(renumberNotice(mine, [mine, { ...theirs, status: 'withdrawn' }])).toEqual({ ok: true, value: { ...mine, issueSeq: 4 } });
  });
  it.each([
    ['no clash', [issuedNotice({ id: 'other' }, 4)], { code: 'ISSUED_IMMUTABLE', detail: { field: 'issueSeq' } }],
    ['a draft holding it does not count', [draftNotice({ id: 'd', issueYear: 2026, issueSeq: 3 })], { code: 'ISSUED_IMMUTABLE', detail: { field: 'issueSeq' } }],
    ['another issuer holding it does not count', [issuedNotice({ id: 'b', issuerKey: 'branch' }, 3)], { code: 'ISSUED_IMMUTABLE', detail: { field: 'issueSeq' } }],
  ] as const)('refuses: %s', (_n, others, error) => {
    expect(renumberNotice(mine, [mine, ...(others as readonly NoticeDoc[])])).toEqual({ ok: false, error });
  });
  it('refuses a draft', () => expect(renumberNotice(draftNotice(), [])).toEqual({ ok: false, error: { code: 'NOT_ISSUED' } }));
});
