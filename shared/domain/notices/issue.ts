// N15–N21: a notice’s lifecycle as pure functions — checked, issued (文号, lock, public code), withdrawn, superseded,
// printed (logged), renumbered after a 文号 clash. CONTRACT: signatures fixed (issue #13); the form, the print and
// the public page build on them. The server enforces the same rules on stored documents (shared/collections/
// notice-rules.ts).
import type { NoticeDoc, NoticeKind } from '../../schema';
import { err, ok, type Result } from '../../result';
import { charLength, isCalendarDate } from '../common/text';
import { NOTICE_ISSUER_MAX, NOTICE_TITLE_MAX } from './draft-form';
import { nextIssueSeq } from './lifecycle';

/** The fields a problem can point at, as the notice form names its inputs. */
export type NoticeField =
  | 'title'
  | 'body'
  | 'issuers'
  | 'issuePrefix'
  | 'issueDate'
  | 'postFrom'
  | 'postUntil'
  | 'contactPhone'
  | 'addressees'
  | 'attachmentNames'
  | 'tables';

export type NoticeProblemCode =
  | 'TITLE_REQUIRED'
  | 'TITLE_TOO_LONG'
  | 'BODY_REQUIRED'
  | 'BODY_OVERFLOWS' // a body the page grid cannot hold (see layout limits)
  | 'ISSUERS_REQUIRED'
  | 'ISSUER_TOO_LONG'
  | 'ISSUE_DATE_REQUIRED'
  | 'POST_PERIOD_REQUIRED' // 公示 kinds need a 公示期
  | 'POST_END_BEFORE_START'
  | 'PHONE_INVALID'
  | 'NOT_DRAFT' // only drafts are edited or issued
  | 'ISSUED_IMMUTABLE' // an issued notice changes only by withdrawal, supersession, a print record or a renumbering
  | 'NOT_ISSUED'
  | 'REASON_REQUIRED'
  | 'ISSUE_NO_TAKEN' // another notice of the same issuer and year holds this 文号
  | 'ALREADY_SUPERSEDED'
  | 'ROLE_NOT_ALLOWED';

export type NoticeProblem = { readonly code: NoticeProblemCode; readonly field?: NoticeField; readonly detail?: Readonly<Record<string, string | number>> };
export type NoticeError = NoticeProblem & { readonly problems?: readonly NoticeProblem[] };

export type PrintRecord = { readonly at: string; readonly by: string; readonly device?: string; readonly copies: number; readonly paper: 'A4' | 'A3'; readonly pdf?: boolean };

// ——— limits ———

export const NOTICE_PHONE_PATTERN = /^[0-9][0-9 -]{5,18}[0-9]$/;

/** GB/T 9704-2012: 22 lines of 28 characters a page. */
export const NOTICE_PAGE_GRID = { lines: 22, chars: 28 } as const;
/** N15: a body longer than this many pages of the grid is refused (a bulletin-board notice, not a report). */
export const NOTICE_BODY_MAX_PAGES = 8;
export const NOTICE_BODY_MAX_LINES = NOTICE_PAGE_GRID.lines * NOTICE_BODY_MAX_PAGES;

/** 公示 kinds: they need a 公示期 to be issued and are public (checkable by residents) unless unticked. */
export const PUBLICITY_KINDS: ReadonlySet<NoticeKind> = new Set<NoticeKind>(['finance', 'project', 'task', 'resolution']);
export const isPublicityKind = (k: NoticeKind): boolean => PUBLICITY_KINDS.has(k);

/** Statuses that hold a 文号 and are locked. */
export const isLockedStatus = (s: string | undefined): boolean => s === 'issued' || s === 'withdrawn';

/** Half-width (ASCII) characters take half a grid cell; everything else one. */
const cellsOf = (s: string): number => {
  let cells = 0;
  for (const c of s) cells += c.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return cells;
};

/**
 * Grid lines the body takes: paragraphs (split by blank lines) start with a 2-character indent; a single line break
 * inside one starts a new line; every line takes at least one grid line.
 */
export function noticeBodyLines(body: string): number {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  let lines = 0;
  for (const p of paragraphs) {
    for (const [i, line] of p.split('\n').entries()) {
      const cells = cellsOf(line.trim()) + (i === 0 ? 2 : 0);
      lines += Math.max(1, Math.ceil(cells / NOTICE_PAGE_GRID.chars));
    }
  }
  return lines;
}

// ——— N15 ———

/** N15: every problem of a notice; `forIssue` adds what issuing needs (issuer, date, 公示期 for 公示 kinds). */
export function noticeProblems(n: NoticeDoc, ctx: { readonly forIssue: boolean }): NoticeProblem[] {
  const out: NoticeProblem[] = [];
  const title = (n.title ?? '').trim();
  if (title === '') out.push({ code: 'TITLE_REQUIRED', field: 'title' });
  else if (charLength(title) > NOTICE_TITLE_MAX) out.push({ code: 'TITLE_TOO_LONG', field: 'title', detail: { max: NOTICE_TITLE_MAX } });

  const body = n.body ?? '';
  if (body.trim() === '') out.push({ code: 'BODY_REQUIRED', field: 'body' });
  else {
    const lines = noticeBodyLines(body);
    if (lines > NOTICE_BODY_MAX_LINES) out.push({ code: 'BODY_OVERFLOWS', field: 'body', detail: { lines, maxLines: NOTICE_BODY_MAX_LINES, maxPages: NOTICE_BODY_MAX_PAGES } });
  }

  const issuers = (n.issuers ?? []).map((s) => s.trim()).filter((s) => s !== '');
  const long = issuers.find((s) => charLength(s) > NOTICE_ISSUER_MAX);
  if (long !== undefined) out.push({ code: 'ISSUER_TOO_LONG', field: 'issuers', detail: { max: NOTICE_ISSUER_MAX } });
  else if (ctx.forIssue && (issuers.length === 0 || n.issuerKey === undefined)) {
    out.push({ code: 'ISSUERS_REQUIRED', field: 'issuers', ...(issuers.length > 0 ? { detail: { missing: 'issuerKey' } } : {}) });
  }

  if (n.issueDate !== undefined && !isCalendarDate(n.issueDate)) out.push({ code: 'ISSUE_DATE_REQUIRED', field: 'issueDate', detail: { invalid: n.issueDate } });
  else if (ctx.forIssue && n.issueDate === undefined) out.push({ code: 'ISSUE_DATE_REQUIRED', field: 'issueDate' });

  const badFrom = n.postFrom !== undefined && !isCalendarDate(n.postFrom);
  const badUntil = n.postUntil !== undefined && !isCalendarDate(n.postUntil);
  if (badFrom) out.push({ code: 'POST_PERIOD_REQUIRED', field: 'postFrom', detail: { invalid: n.postFrom ?? '' } });
  if (badUntil) out.push({ code: 'POST_PERIOD_REQUIRED', field: 'postUntil', detail: { invalid: n.postUntil ?? '' } });
  if (!badFrom && !badUntil) {
    if (n.postFrom !== undefined && n.postUntil !== undefined && n.postUntil < n.postFrom) out.push({ code: 'POST_END_BEFORE_START', field: 'postUntil' });
    else if (ctx.forIssue && isPublicityKind(n.kind)) {
      if (n.postFrom === undefined) out.push({ code: 'POST_PERIOD_REQUIRED', field: 'postFrom' });
      if (n.postUntil === undefined) out.push({ code: 'POST_PERIOD_REQUIRED', field: 'postUntil' });
    }
  }

  const phone = (n.contactPhone ?? '').trim();
  if (phone !== '' && !NOTICE_PHONE_PATTERN.test(phone)) out.push({ code: 'PHONE_INVALID', field: 'contactPhone' });
  return out;
}

const invalid = (problems: readonly NoticeProblem[]): NoticeError | null => {
  const first = problems[0];
  return first ? { ...first, problems } : null;
};

// ——— N16–N21 ———

/**
 * N16: 发布 — only a draft; checked (N15 forIssue); numbered with the next 文号 of its issuer in the year of its
 * 成文日期 that this PC knows (N14); locked (status issued, issuedAt/By); given its public code unless it has one;
 * public by default for 公示 kinds.
 */
export function issueNotice(
  n: NoticeDoc,
  ctx: { readonly notices: readonly NoticeDoc[]; readonly now: string; readonly by: string; readonly publicCode: string },
): Result<NoticeDoc, NoticeError> {
  if (n.status !== 'draft') return err({ code: 'NOT_DRAFT' });
  const bad = invalid(noticeProblems(n, { forIssue: true }));
  if (bad) return err(bad);
  const issuerKey = n.issuerKey!;
  const issueYear = Number(n.issueDate!.slice(0, 4));
  const issueSeq = nextIssueSeq(
    ctx.notices.filter((x) => x.id !== n.id),
    issuerKey,
    issueYear,
  );
  const isPublic = n.public ?? isPublicityKind(n.kind);
  return ok({
    ...n,
    status: 'issued',
    issueYear,
    issueSeq,
    issuedAt: ctx.now,
    issuedBy: ctx.by,
    public: isPublic,
    publicCode: n.publicCode ?? ctx.publicCode,
    updatedAt: ctx.now,
    updatedBy: ctx.by,
  });
}

/** N17: 撤下 — only an issued notice, with a reason; it keeps its 文号 and its public page says 已撤下. */
export function withdrawNotice(n: NoticeDoc, ctx: { readonly now: string; readonly by: string; readonly reason: string }): Result<NoticeDoc, NoticeError> {
  if (n.status !== 'issued') return err({ code: 'NOT_ISSUED' });
  const reason = ctx.reason.trim();
  if (reason === '') return err({ code: 'REASON_REQUIRED' });
  return ok({ ...n, status: 'withdrawn', withdrawnAt: ctx.now, withdrawnBy: ctx.by, withdrawReason: reason, updatedAt: ctx.now, updatedBy: ctx.by });
}

/** What a superseding draft does not take over: the old notice's number, issue, withdrawal, links, prints, copies. */
const NOT_CARRIED = [
  'issueYear',
  'issueSeq',
  'issueDate',
  'issuedAt',
  'issuedBy',
  'withdrawnAt',
  'withdrawnBy',
  'withdrawReason',
  'supersedes',
  'supersededBy',
  'publicCode',
  'prints',
  'printedAt',
  'conflicts',
] as const;

/**
 * N18: a new draft that will supersede `old`: its content copied (title, body, tables, 落款 and issuer, 公示期,
 * contacts, attachments, source; the caller regenerates it from the data when that changed), `supersedes` = old.id;
 * never the old number, 成文日期, public code or print log.
 */
export function supersedingDraft(old: NoticeDoc, id: string, stamp: { readonly at: string; readonly by: string }): NoticeDoc {
  const copy: Record<string, unknown> = { ...old };
  for (const k of NOT_CARRIED) delete copy[k];
  return {
    ...(copy as NoticeDoc),
    id,
    status: 'draft',
    supersedes: old.id,
    createdAt: stamp.at,
    createdBy: stamp.by,
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
}

/**
 * N19: the old notice once its successor is issued points to it — set once (the same successor again is a no-op);
 * only issued (or withdrawn) notices are superseded.
 */
export function markSuperseded(old: NoticeDoc, successorId: string): Result<NoticeDoc, NoticeError> {
  if (!isLockedStatus(old.status)) return err({ code: 'NOT_ISSUED' });
  if (old.supersededBy !== undefined && old.supersededBy !== successorId) return err({ code: 'ALREADY_SUPERSEDED', detail: { by: old.supersededBy } });
  return ok({ ...old, supersededBy: successorId });
}

/** N20: a print (or PDF) appended to the log, and printedAt set; allowed on every notice (drafts print with 草稿). */
export function recordPrint(n: NoticeDoc, print: PrintRecord): NoticeDoc {
  const entry: NonNullable<NoticeDoc['prints']>[number] = { at: print.at, by: print.by, copies: print.copies, paper: print.paper };
  if (print.device !== undefined) entry.device = print.device;
  if (print.pdf !== undefined) entry.pdf = print.pdf;
  return { ...n, prints: [...(n.prints ?? []), entry], printedAt: print.at };
}

/**
 * N21: after ISSUE_NO_TAKEN, the next free 文号 of the same issuer and year among `notices` (which hold the one that
 * won); allowed only while another issued or withdrawn notice holds this notice's number. Papers printed with the old
 * number must be printed again (the UI says so).
 */
export function renumberNotice(n: NoticeDoc, notices: readonly NoticeDoc[]): Result<NoticeDoc, NoticeError> {
  if (!isLockedStatus(n.status) || n.issuerKey === undefined || n.issueYear === undefined || n.issueSeq === undefined) return err({ code: 'NOT_ISSUED' });
  const others = notices.filter((x) => x.id !== n.id);
  const clash = others.some((x) => isLockedStatus(x.status) && x.issuerKey === n.issuerKey && x.issueYear === n.issueYear && x.issueSeq === n.issueSeq);
  if (!clash) return err({ code: 'ISSUED_IMMUTABLE', detail: { field: 'issueSeq' } });
  return ok({ ...n, issueSeq: nextIssueSeq(others, n.issuerKey, n.issueYear) });
}
