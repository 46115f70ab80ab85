// N10–N14: a notice's state on the board, read from what is stored and today's date (the compound's), and its 文号.
// Pure: `today` is passed in.
import type { NoticeDoc, NoticeIssuerKey, NoticeKind } from '../../schema';

/** 草稿 · 已发布 (not yet in its 公示期) · 公示中 · 已到期 · 已撤下 · 已被取代. */
export type NoticeDisplayStatus = 'draft' | 'issued' | 'posted' | 'expired' | 'withdrawn' | 'superseded';

export const NOTICE_STATUS_LABEL: { readonly [S in NoticeDisplayStatus]: string } = {
  draft: '草稿',
  issued: '已发布',
  posted: '公示中',
  expired: '已到期',
  withdrawn: '已撤下',
  superseded: '已被取代',
};

export const NOTICE_KIND_LABEL: { readonly [K in NoticeKind]: string } = {
  notice: '通知',
  meeting: '会议通知',
  resolution: '决议公告',
  finance: '财务收支公示',
  project: '项目公示',
  task: '任务进展公示',
  general: '公告',
};

export const NOTICE_ISSUER_LABEL: { readonly [K in NoticeIssuerKey]: string } = {
  branch: '小区党支部',
  owners_committee: '业主委员会',
  council: '共建理事会',
};

type Shown = Pick<NoticeDoc, 'status' | 'postFrom' | 'postUntil' | 'supersededBy'>;

/**
 * N10: withdrawn and superseded come first (the paper must come down whatever the dates); an issued notice is 公示中
 * from postFrom to postUntil inclusive, 已到期 after; one without a 公示期 stays 已发布 (posted) until withdrawn.
 */
export function noticeDisplayStatus(n: Shown, today: string): NoticeDisplayStatus {
  if (n.status === 'draft') return 'draft';
  if (n.status === 'withdrawn') return 'withdrawn';
  if (n.supersededBy) return 'superseded';
  if (n.postFrom && today < n.postFrom) return 'issued';
  if (n.postUntil && today > n.postUntil) return 'expired';
  return 'posted';
}

/** N11: on the board now, or due to go up: what 在贴公告 lists. */
export const isOnBoard = (s: NoticeDisplayStatus): boolean => s === 'posted' || s === 'issued';

/** N12: issued papers whose time is over (expired, withdrawn, superseded) but not yet marked 已撤下: take them down. */
export const mustComeDown = (n: Shown, today: string): boolean => {
  const s = noticeDisplayStatus(n, today);
  return n.status === 'issued' && (s === 'expired' || s === 'superseded');
};

/** N13: 和美业委〔2026〕3号, or '' before the notice is issued. */
export function issueNumberText(n: Pick<NoticeDoc, 'issuePrefix' | 'issueYear' | 'issueSeq'>): string {
  if (n.issueYear === undefined || n.issueSeq === undefined) return '';
  return `${n.issuePrefix ?? ''}〔${n.issueYear}〕${n.issueSeq}号`;
}

/**
 * N14: the next 文号 of an issuer in a year on this PC: one more than the highest it knows among issued and withdrawn
 * notices. Two PCs issuing offline may pick the same; the server refuses the second (ISSUE_NO_TAKEN) and that PC
 * renumbers (N20).
 */
export function nextIssueSeq(notices: readonly (Pick<NoticeDoc, 'status' | 'issuerKey' | 'issueYear' | 'issueSeq'> & { readonly _deleted?: boolean })[], issuerKey: NoticeIssuerKey, year: number): number {
  let max = 0;
  for (const n of notices) {
    if (n._deleted === true || n.status === 'draft' || n.issuerKey !== issuerKey || n.issueYear !== year) continue;
    if ((n.issueSeq ?? 0) > max) max = n.issueSeq ?? 0;
  }
  return max + 1;
}
