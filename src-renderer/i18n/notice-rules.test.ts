import { describe, expect, it } from 'vitest';
import type { NoticeProblemCode } from '../../shared/domain/notices/issue';
import { noticeRuleCode, type NoticeRuleExtraCode } from '../../shared/collections/notice-rules';
import { NOTICE_PROBLEM_TEXT, NOTICE_RULE_TEXT, noticeProblemText } from './notice-rules';

// Every code of the pure core and of the push rule; `satisfies` fails to compile when one is not a code.
const CODES = [
  'TITLE_REQUIRED', 'TITLE_TOO_LONG', 'BODY_REQUIRED', 'BODY_OVERFLOWS', 'ISSUERS_REQUIRED', 'ISSUER_TOO_LONG', 'ISSUE_DATE_REQUIRED',
  'POST_PERIOD_REQUIRED', 'POST_END_BEFORE_START', 'PHONE_INVALID', 'NOT_DRAFT', 'ISSUED_IMMUTABLE', 'NOT_ISSUED', 'REASON_REQUIRED',
  'ISSUE_NO_TAKEN', 'ALREADY_SUPERSEDED', 'ROLE_NOT_ALLOWED',
  'ISSUE_NO_INVALID', 'WITHDRAWAL_INCOMPLETE', 'SUPERSEDED_BY_INVALID', 'PUBLIC_CODE_REQUIRED',
] as const satisfies readonly (NoticeProblemCode | NoticeRuleExtraCode)[];

describe('notice rule sentences', () => {
  it('every code has a Chinese sentence, at the field and as a push refusal', () => {
    expect(Object.keys(NOTICE_PROBLEM_TEXT).sort()).toEqual([...CODES].sort());
    for (const code of CODES) {
      expect(NOTICE_PROBLEM_TEXT[code]).toMatch(/^[^a-zA-Z]+。$/u);
      const text = (NOTICE_RULE_TEXT as Readonly<Record<string, string>>)[noticeRuleCode(code)];
      expect(text, code).toBe(NOTICE_PROBLEM_TEXT[code]);
    }
    expect(Object.keys(NOTICE_RULE_TEXT)).toHaveLength(CODES.length);
  });

  it.each([
    [{ code: 'BODY_OVERFLOWS', detail: { lines: 200, maxLines: 176, maxPages: 8 } }, '正文约10页，超出了公告版面（最多8页），请精简正文或改作附件张贴。'],
    [{ code: 'ISSUE_DATE_REQUIRED', detail: { invalid: '2026-02-30' } }, '日期“2026-02-30”无效，请按年-月-日填写。'],
    [{ code: 'ISSUERS_REQUIRED', detail: { missing: 'issuerKey' } }, '请选择主办的发文单位（文号按它编排）。'],
    [{ code: 'TITLE_REQUIRED' }, '请填写公告标题。'],
  ] as const)('%o', (p, text) => expect(noticeProblemText(p)).toBe(text));
});
