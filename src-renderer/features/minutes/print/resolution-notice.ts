// Starting a 决议公告 from a decision: the notice's title, body, 落款 and the captured decision text and vote, as
// the fields of shared/schema/notices.ts. Pure: the caller adds id, timestamps and who, and saves it as a draft
// the secretary edits before publishing.
import {
  ATTENDANCE_LABELS,
  MEETING_TYPE_LABELS,
  assemblyTotals,
  attendanceSummary,
  participationOf,
  formatDateCn,
  tallyOf,
  type Meeting,
  type Resolution,
  type Settings,
  type VoteOutcome,
} from '../../../../shared/domain/minutes';
import { escapeHtml, escapeMultiline, printDocument, signoff, watermark } from '../../../print';
import { arithmeticLine, outcomeLabel, participationText, tallyText } from './format';
import { convenerOf } from './print-input';
import { RECORD_WORDS as W } from './print-labels';

export type ResolutionNoticeSource = {
  meetingId: string;
  resolutionId: string;
  /** The decision text as it stood when the notice was started. */
  resolutionText: string;
  /** e.g. "同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）" */
  voteSummary: string;
};

/**
 * Notice fields, nothing else (the notices schema allows no extra properties): spread it into a NoticeDoc and add
 * id, createdAt/By and updatedAt/By.
 */
export type ResolutionNoticeDraft = {
  kind: 'resolution';
  status: 'draft';
  title: string;
  /** Plain text with blank-line paragraphs, as NoticeDoc.body. */
  body: string;
  /** 落款 */
  issuers: string[];
  issueDate: string;
  source: ResolutionNoticeSource;
};


export type ResolutionNoticeInput = {
  meeting: Meeting;
  resolution: Resolution;
  outcome: VoteOutcome;
  settings: Settings;
  /** YYYY-MM-DD, chosen by the caller (usually today). */
  issueDate: string;
};

const GIST_MAX = 30;
const TITLE_MAX = 200;
const trim = (s: string | undefined): string => s?.trim() ?? '';

/**
 * The 决议摘要 in the title: the decision's first clause without a leading 同意/决定/通过 ("同意由物业公司对东门道路
 * 进行修缮，费用…" → "由物业公司对东门道路进行修缮"); the topic title when that clause is too short or too long;
 * cut to GIST_MAX characters as a last resort. A starting point: the secretary edits the title.
 */
export function decisionGist(text: string, topicTitle: string): string {
  const clause = (text.trim().split(/[，,。；;！!？?\n]/)[0] ?? '').trim();
  const gist = clause.replace(/^(会议)?(一致)?(同意|决定|通过|批准|研究决定)[：:\s]*/, '').trim();
  const fits = (s: string): boolean => s.length >= 2 && s.length <= GIST_MAX;
  if (fits(gist)) return gist;
  if (fits(topicTitle.trim())) return topicTitle.trim();
  return Array.from(gist || topicTitle.trim()).slice(0, GIST_MAX).join('');
}

/** 落款: the party branch, then the body that held the meeting (理事会 for its own meetings, else 业委会 or 理事会). */
export function noticeIssuers(meeting: Pick<Meeting, 'type'>, settings: Settings): string[] {
  const committee = trim(settings.ownersCommitteeName);
  const council = trim(settings.councilName);
  const body = meeting.type === 'council' ? council || committee : committee || council;
  return [trim(settings.branchName), body].filter((s, i, all) => s !== '' && all.indexOf(s) === i);
}

/** "同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）"; just the outcome when no vote was taken. */
export function voteSummaryText(meeting: Meeting, resolution: Resolution, outcome: VoteOutcome): string {
  const label = outcomeLabel(outcome);
  if (resolution.vote.method === 'none') return label;
  const tally = tallyText(outcome.tally ?? tallyOf(meeting, resolution.vote));
  const arith = arithmeticLine(outcome);
  return `${tally}；${label}${arith ? `（${arith}）` : ''}`;
}

function attendanceClause(meeting: Meeting, resolution: Resolution, settings: Settings): string {
  const p = W.person;
  // 业主大会: who took part in deciding this item, against the compound's totals (S6, V16).
  if (meeting.type === 'owners_assembly')
    return participationText(participationOf(meeting, resolution), assemblyTotals(meeting, settings));
  const a = attendanceSummary(meeting);
  return `${ATTENDANCE_LABELS.expected}${a.expected}${p}，${ATTENDANCE_LABELS.actual}${a.present}${p}`;
}

/**
 * A 决议公告 draft from one decision (kind 'resolution', status 'draft'). A decision that did not pass gets a
 * 表决结果公告 title instead, so a notice never calls a failed vote a 决议. No ids, no clock: `issueDate` is given.
 */
export function resolutionNoticeDraft(input: ResolutionNoticeInput): ResolutionNoticeDraft {
  const { meeting, resolution, outcome, settings, issueDate } = input;
  const topic = meeting.topics.find((t) => (t.resolutions ?? []).some((r) => r.id === resolution.id));
  const topicTitle = trim(topic?.title);
  const passed = outcome.outcome === 'passed';
  const gist = decisionGist(resolution.text, topicTitle);
  const title = Array.from(passed ? `关于${gist}的决议公告` : `关于${gist}表决结果的公告`).slice(0, TITLE_MAX).join('');
  const voteSummary = voteSummaryText(meeting, resolution, outcome);
  const resolutionText = resolution.text.trim();

  const date = formatDateCn(meeting.date) ?? meeting.date;
  const convener = convenerOf(meeting.type, settings);
  const where = trim(meeting.location) ? `在${trim(meeting.location)}` : '';
  const attendance = attendanceClause(meeting, resolution, settings);
  const about = topicTitle ? `，会议就“${topicTitle}”进行了审议和表决` : '';
  const paragraphs = [
    `${date}，${convener}${where}召开${MEETING_TYPE_LABELS[meeting.type]}${attendance ? `，${attendance}` : ''}${about}。`,
    passed ? '会议表决通过如下决议：' : '提交表决的事项如下：',
    // The decision's own paragraphs stay paragraphs; single line breaks inside one are kept.
    ...resolutionText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    `${W.vote}：${voteSummary}。`,
    '特此公告。',
  ];
  return {
    kind: 'resolution',
    status: 'draft',
    title,
    body: paragraphs.join('\n\n'),
    issuers: noticeIssuers(meeting, settings),
    issueDate,
    source: { meetingId: meeting.id, resolutionId: resolution.id, resolutionText, voteSummary },
  };
}

/** What a printed 决议公告 shows: the notice's own fields, as edited. */
export type NoticePrintInput = {
  title: string;
  /** Plain text with blank-line paragraphs. */
  body: string;
  issuers: readonly string[];
  issueDate: string | undefined;
  /** 张贴期, shown under the 落款 when given. */
  postFrom?: string | undefined;
  postUntil?: string | undefined;
  /** Still a draft: printed with a 草稿 watermark. */
  draft: boolean;
};

/**
 * The 决议公告 as one complete HTML document for print:html / print:toPdf: the title, the body's paragraphs, and the
 * 落款 (each issuing body, then the date) at the lower right. Every text is escaped.
 */
export function resolutionNoticeHtml(n: NoticePrintInput): string {
  const paragraphs = n.body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const date = n.issueDate ? (formatDateCn(n.issueDate) ?? n.issueDate) : '';
  const post =
    n.postFrom && n.postUntil
      ? `张贴期：${formatDateCn(n.postFrom) ?? n.postFrom}至${formatDateCn(n.postUntil) ?? n.postUntil}`
      : '';
  const body = [
    n.draft ? watermark(W.watermark) : '',
    `<h1>${escapeHtml(n.title)}</h1>`,
    ...paragraphs.map((p) => `<p class="indent pre">${escapeMultiline(p)}</p>`),
    signoff([...n.issuers, date]),
    post ? `<p class="muted post-period">${escapeHtml(post)}</p>` : '',
  ].filter(Boolean);
  return printDocument({ title: n.title, bodyHtml: body.join('\n') });
}
