// 公告 rule codes (shared/domain/notices/issue.ts, shared/collections/notice-rules.ts) as the office reads them: at
// the form's field (NOTICE_PROBLEM_TEXT, noticeProblemText) and when a save or a push is refused (NOTICE_RULE_TEXT,
// keyed by the rule codes the push gives). The mapped types keep every code covered.
import type { NoticeProblem, NoticeProblemCode } from '../../shared/domain/notices/issue';
import type { NoticeRuleCode, NoticeRuleExtraCode } from '../../shared/collections/notice-rules';

export const NOTICE_PROBLEM_TEXT: { readonly [C in NoticeProblemCode | NoticeRuleExtraCode]: string } = {
  TITLE_REQUIRED: '请填写公告标题。',
  TITLE_TOO_LONG: '公告标题过长（最多200字）。',
  BODY_REQUIRED: '请填写公告正文。',
  BODY_OVERFLOWS: '正文过长，超出了公告版面（最多8页），请精简正文或改作附件张贴。',
  ISSUERS_REQUIRED: '请选择发文单位（落款）。',
  ISSUER_TOO_LONG: '发文单位名称过长（每个最多100字）。',
  ISSUE_DATE_REQUIRED: '请填写有效的成文日期。',
  POST_PERIOD_REQUIRED: '公示类公告须填写有效的公示期（开始和结束日期）。',
  POST_END_BEFORE_START: '公示期的结束日期不能早于开始日期。',
  PHONE_INVALID: '联系电话格式不正确（7～20位数字，可含“-”和空格）。',
  NOT_DRAFT: '只有草稿才能修改或发布。',
  ISSUED_IMMUTABLE: '公告已发布，不能再修改或删除；如需更正，请发布一份新的公告取代它。',
  NOT_ISSUED: '只有已发布的公告才能撤下、被取代或重新编号。',
  REASON_REQUIRED: '撤下公告须填写原因。',
  ISSUE_NO_TAKEN: '该文号已被另一台电脑发布的公告占用，请重新编号；已按旧文号打印的纸张须重新打印张贴。',
  ALREADY_SUPERSEDED: '这份公告已被另一份新公告取代。',
  ROLE_NOT_ALLOWED: '当前账号无权发布或撤下这类公告（财务人员只能发布财务收支公示和项目公示）。',
  ISSUE_NO_INVALID: '已发布的公告缺少文号或发布记录，或文号年份与成文日期不符。',
  WITHDRAWAL_INCOMPLETE: '撤下公告须记录撤下的时间和人员。',
  SUPERSEDED_BY_INVALID: '指定的新公告并未声明取代这份公告。',
  PUBLIC_CODE_REQUIRED: '公开查验的公告缺少查验码，请重新发布。',
};

/** A problem at its field, with its details where they help (how long the body is, the date typed). */
export function noticeProblemText(p: Pick<NoticeProblem, 'code' | 'detail'>): string {
  const d = p.detail ?? {};
  if (p.code === 'BODY_OVERFLOWS' && typeof d.lines === 'number' && typeof d.maxLines === 'number') {
    const pages = Math.ceil(d.lines / 22);
    return `正文约${pages}页，超出了公告版面（最多${d.maxPages ?? 8}页），请精简正文或改作附件张贴。`;
  }
  if (p.code === 'ISSUERS_REQUIRED' && d.missing === 'issuerKey') return '请选择主办的发文单位（文号按它编排）。';
  if ((p.code === 'ISSUE_DATE_REQUIRED' || p.code === 'POST_PERIOD_REQUIRED') && typeof d.invalid === 'string') return `日期“${d.invalid}”无效，请按年-月-日填写。`;
  return NOTICE_PROBLEM_TEXT[p.code];
}

/** A push's or a save's refusal (DomainProblem.rule of the notices collection). */
export const NOTICE_RULE_TEXT: { readonly [C in NoticeRuleCode]: string } = {
  ISSUED_IMMUTABLE: NOTICE_PROBLEM_TEXT.ISSUED_IMMUTABLE,
  ISSUE_NO_TAKEN: NOTICE_PROBLEM_TEXT.ISSUE_NO_TAKEN,
  ALREADY_SUPERSEDED: NOTICE_PROBLEM_TEXT.ALREADY_SUPERSEDED,
  NOTICE_TITLE_REQUIRED: NOTICE_PROBLEM_TEXT.TITLE_REQUIRED,
  NOTICE_TITLE_TOO_LONG: NOTICE_PROBLEM_TEXT.TITLE_TOO_LONG,
  NOTICE_BODY_REQUIRED: NOTICE_PROBLEM_TEXT.BODY_REQUIRED,
  NOTICE_BODY_OVERFLOWS: NOTICE_PROBLEM_TEXT.BODY_OVERFLOWS,
  NOTICE_ISSUERS_REQUIRED: NOTICE_PROBLEM_TEXT.ISSUERS_REQUIRED,
  NOTICE_ISSUER_TOO_LONG: NOTICE_PROBLEM_TEXT.ISSUER_TOO_LONG,
  NOTICE_ISSUE_DATE_REQUIRED: NOTICE_PROBLEM_TEXT.ISSUE_DATE_REQUIRED,
  NOTICE_POST_PERIOD_REQUIRED: NOTICE_PROBLEM_TEXT.POST_PERIOD_REQUIRED,
  NOTICE_POST_END_BEFORE_START: NOTICE_PROBLEM_TEXT.POST_END_BEFORE_START,
  NOTICE_PHONE_INVALID: NOTICE_PROBLEM_TEXT.PHONE_INVALID,
  NOTICE_NOT_DRAFT: NOTICE_PROBLEM_TEXT.NOT_DRAFT,
  NOTICE_NOT_ISSUED: NOTICE_PROBLEM_TEXT.NOT_ISSUED,
  NOTICE_REASON_REQUIRED: NOTICE_PROBLEM_TEXT.REASON_REQUIRED,
  NOTICE_ROLE_NOT_ALLOWED: NOTICE_PROBLEM_TEXT.ROLE_NOT_ALLOWED,
  NOTICE_ISSUE_NO_INVALID: NOTICE_PROBLEM_TEXT.ISSUE_NO_INVALID,
  NOTICE_WITHDRAWAL_INCOMPLETE: NOTICE_PROBLEM_TEXT.WITHDRAWAL_INCOMPLETE,
  NOTICE_SUPERSEDED_BY_INVALID: NOTICE_PROBLEM_TEXT.SUPERSEDED_BY_INVALID,
  NOTICE_PUBLIC_CODE_REQUIRED: NOTICE_PROBLEM_TEXT.PUBLIC_CODE_REQUIRED,
};
