// The notice rules' codes as the office reads them: the sentences are i18n/notice-rules.ts's (at the field, and for a
// save or push the rule refused); this file picks the right one for a problem, a refused action or a failed write,
// and holds the section's own lines.
import type { NoticeError, NoticeProblem } from '../../../shared/domain/notices/issue';
import type { WriteError } from '../../db/write-error';
import { errorText } from '../../i18n/errors';
import { NOTICE_PROBLEM_TEXT, NOTICE_RULE_TEXT, noticeProblemText } from '../../i18n/notice-rules';
import { domainRuleText } from '../../i18n/sync-errors';

/** The sentence of a notice code: the pure core's, a push rule's (NOTICE_…), or another collection's. */
export function noticeText(code: string): string {
  return (NOTICE_PROBLEM_TEXT as Readonly<Record<string, string>>)[code] ?? (NOTICE_RULE_TEXT as Readonly<Record<string, string>>)[code] ?? domainRuleText(code);
}

/** One problem at its field, with its details where they help. */
export const problemText = (p: NoticeProblem): string => noticeProblemText(p);

/** A refused action: its first listed problem when it carries several, else its own code. */
export function actionErrorText(e: NoticeError): string {
  return problemText(e.problems?.[0] ?? e);
}

/** A failed write; a local rule's refusal named by its notice sentence. */
export function writeErrorText(e: WriteError): string {
  if (e.code === 'DOMAIN_RULE' && typeof e.detail?.rule === 'string' && e.detail.rule !== '') {
    return `${noticeText(e.detail.rule).replace(/。$/, '')}。本次修改未保存，已保存的数据不受影响。`;
  }
  return errorText(e.code, e.detail);
}

/** Issued offline, or not yet confirmed by the server. */
export const ISSUE_NO_PENDING = '本公告尚未同步到服务器：文号在同步后才最终确认。';
/** The server refused the 文号 (another PC issued the same one first). */
export const ISSUE_NO_TAKEN_TITLE = '文号已被其他电脑使用';
export const ISSUE_NO_REPRINT = '请重新打印并更换已张贴的纸张';
export const SOURCE_CHANGED = '所依据的数据已变化';
