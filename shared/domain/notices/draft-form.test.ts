import { describe, expect, it } from 'vitest';
import { checkNoticeDraft, type NoticeDraftInput } from './draft-form';

const input = (over: Partial<NoticeDraftInput> = {}): NoticeDraftInput => ({
  title: ' 关于东门道路修缮的决议公告 ',
  body: '2026年11月25日，……\r\n\r\n特此公告。',
  issuers: '中共金山花园小区支部委员会\n\n金山花园业主委员会 ',
  issueDate: '2026-11-26',
  postFrom: '2026-11-26',
  postUntil: '2026-12-02',
  ...over,
});

describe('checkNoticeDraft', () => {
  it('N1–N3 a complete draft, trimmed; the 落款 one body per line', () =>
    expect(checkNoticeDraft(input())).toEqual({
      ok: true,
      value: {
        title: '关于东门道路修缮的决议公告',
        body: '2026年11月25日，……\n\n特此公告。',
        issuers: ['中共金山花园小区支部委员会', '金山花园业主委员会'],
        issueDate: '2026-11-26',
        postFrom: '2026-11-26',
        postUntil: '2026-12-02',
      },
    }));

  it.each<[string, Partial<NoticeDraftInput>, object]>([
    ['N1 title required', { title: '  ' }, { title: 'NOTICE_TITLE_REQUIRED' }],
    ['N1 title at most 200 characters', { title: '公'.repeat(201) }, { title: 'NOTICE_TITLE_TOO_LONG' }],
    ['N1 body required', { body: '\n' }, { body: 'NOTICE_BODY_REQUIRED' }],
    ['N2 at most six bodies', { issuers: '甲\n乙\n丙\n丁\n戊\n己\n庚' }, { issuers: 'NOTICE_ISSUERS_TOO_MANY' }],
    ['N2 a body of at most 100 characters', { issuers: '会'.repeat(101) }, { issuers: 'NOTICE_ISSUER_TOO_LONG' }],
    ['N3 a real date', { issueDate: '2026-02-30' }, { issueDate: 'NOTICE_DATE_INVALID' }],
    ['N3 张贴期 does not end before it starts', { postUntil: '2026-11-25' }, { postUntil: 'NOTICE_POST_RANGE' }],
  ])('%s', (_id, over, errors) => expect(checkNoticeDraft(input(over))).toEqual({ ok: false, errors }));

  it('N3 dates may be left empty', () =>
    expect(checkNoticeDraft(input({ issueDate: '', postFrom: '', postUntil: '' }))).toMatchObject({
      ok: true,
      value: { issueDate: undefined, postFrom: undefined, postUntil: undefined },
    }));
});
