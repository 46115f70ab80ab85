// N5–N7: a notice draft's texts as typed in a form (the 决议公告 draft shown beside its decision, issue #8), checked
// into the values the notices schema stores. Moved here from shared/domain/minutes (which re-exports it). Pure: the
// caller stamps and stores it.
import { isCalendarDate } from '../common/text';

export type NoticeDraftErrorCode =
  | 'NOTICE_TITLE_REQUIRED'
  | 'NOTICE_TITLE_TOO_LONG'
  | 'NOTICE_BODY_REQUIRED'
  | 'NOTICE_ISSUERS_TOO_MANY'
  | 'NOTICE_ISSUER_TOO_LONG'
  | 'NOTICE_DATE_INVALID'
  | 'NOTICE_POST_RANGE';

export type NoticeDraftField = 'title' | 'body' | 'issuers' | 'issueDate' | 'postFrom' | 'postUntil';

/** As typed: 落款 one body per line. */
export type NoticeDraftInput = Record<NoticeDraftField, string>;

/** What the notices schema stores (title ≤ 200, ≤ 6 issuers of ≤ 100 characters, dates YYYY-MM-DD). */
export type NoticeDraftValues = {
  title: string;
  body: string;
  issuers: string[];
  issueDate: string | undefined;
  postFrom: string | undefined;
  postUntil: string | undefined;
};

export const NOTICE_TITLE_MAX = 200;
export const NOTICE_ISSUERS_MAX = 6;
export const NOTICE_ISSUER_MAX = 100;

const length = (s: string): number => Array.from(s).length;

/**
 * N1 a title (≤ 200 characters) and a body are required; N2 the 落款 is up to 6 bodies of up to 100 characters,
 * one per line, blank lines dropped; N3 dates are real calendar dates or empty, and 张贴期 does not end before it
 * starts. Every problem at its field; values trimmed (the body keeps its inner line breaks).
 */
export function checkNoticeDraft(
  input: NoticeDraftInput,
): { ok: true; value: NoticeDraftValues } | { ok: false; errors: Partial<Record<NoticeDraftField, NoticeDraftErrorCode>> } {
  const errors: Partial<Record<NoticeDraftField, NoticeDraftErrorCode>> = {};
  const title = input.title.trim();
  if (title === '') errors.title = 'NOTICE_TITLE_REQUIRED';
  else if (length(title) > NOTICE_TITLE_MAX) errors.title = 'NOTICE_TITLE_TOO_LONG';
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  if (body === '') errors.body = 'NOTICE_BODY_REQUIRED';
  const issuers = input.issuers
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (issuers.length > NOTICE_ISSUERS_MAX) errors.issuers = 'NOTICE_ISSUERS_TOO_MANY';
  else if (issuers.some((l) => length(l) > NOTICE_ISSUER_MAX)) errors.issuers = 'NOTICE_ISSUER_TOO_LONG';
  const date = (field: 'issueDate' | 'postFrom' | 'postUntil'): string | undefined => {
    const v = input[field].trim();
    if (v === '') return undefined;
    if (!isCalendarDate(v)) errors[field] = 'NOTICE_DATE_INVALID';
    return v;
  };
  const issueDate = date('issueDate');
  const postFrom = date('postFrom');
  const postUntil = date('postUntil');
  if (!errors.postFrom && !errors.postUntil && postFrom && postUntil && postUntil < postFrom) errors.postUntil = 'NOTICE_POST_RANGE';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title, body, issuers, issueDate, postFrom, postUntil } };
}
