// N40–N42: 决议公告 from a finalised meeting's decisions with their vote results — one decision (the draft started
// from the decision in 会议记录), or every decision of the meeting. Taken over from the minutes' print module (issue
// #8): the same title, paragraphs and 落款, now with the issuer's 文号 fields and the source data's hash. Pure.
import type { MeetingType, NoticeIssuerKey } from '../../../schema';
import { formatDateCn } from '../../common/dates';
import { ATTENDANCE_LABELS, MEETING_TYPE_LABELS, assemblyTotals, attendanceSummary, participationOf, type Meeting, type Resolution, type Settings, type VoteOutcome } from '../../minutes';
import { cnNumeral, dataHashOf, defaultIssuePrefix, type GeneratedNotice, type NoticeSettings } from './common';
import { convenerOf } from '../../minutes/convener';
import { participationText, voteSummaryText } from '../../minutes/vote-text';

export type ResolutionNoticeInput = {
  readonly meeting: Meeting;
  readonly resolution: Resolution;
  readonly outcome: VoteOutcome;
  readonly settings: Settings;
  /** YYYY-MM-DD, chosen by the caller (usually today). */
  readonly issueDate: string;
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

/** Who called the meeting, as the first paragraph names it: the body's name from 设置, else the compound's. */
/** The issuer (文号 sequence) of a meeting's body: 理事会, 业委会 or 支部; 六方联动 and others the 支部. */
export function meetingIssuerKey(type: MeetingType): NoticeIssuerKey {
  if (type === 'council') return 'council';
  if (type === 'owners_assembly' || type === 'owners_committee' || type === 'owners_rep' || type === 'other') return 'owners_committee';
  return 'branch';
}

/** 落款: the party branch, then the body that held the meeting (理事会 for its own meetings, else 业委会 or 理事会). */
export function noticeIssuers(meeting: Pick<Meeting, 'type'>, settings: NoticeSettings): string[] {
  const committee = trim(settings.ownersCommitteeName);
  const council = trim(settings.councilName);
  const body = meeting.type === 'council' ? council || committee : committee || council;
  return [trim(settings.branchName), body].filter((s, i, all) => s !== '' && all.indexOf(s) === i);
}

/** N42: the 主办 (first issuer) of noticeIssuers, whose 文号 the notice takes. */
function firstIssuerKey(meeting: Pick<Meeting, 'type'>, settings: NoticeSettings): NoticeIssuerKey {
  if (trim(settings.branchName) !== '') return 'branch';
  const committee = trim(settings.ownersCommitteeName);
  const council = trim(settings.councilName);
  if (meeting.type === 'council') return council ? 'council' : committee ? 'owners_committee' : 'council';
  return committee ? 'owners_committee' : council ? 'council' : meetingIssuerKey(meeting.type);
}

function attendanceClause(meeting: Meeting, resolution: Resolution | undefined, settings: Settings): string {
  // 业主大会: who took part in deciding this item, against the compound's totals (S6, V16).
  if (meeting.type === 'owners_assembly') {
    const part = resolution ? participationOf(meeting, resolution) : { owners: meeting.participatingOwners, areaDm2: meeting.participatingAreaDm2 };
    return participationText(part, assemblyTotals(meeting, settings));
  }
  const a = attendanceSummary(meeting);
  return `${ATTENDANCE_LABELS.expected}${a.expected}人，${ATTENDANCE_LABELS.actual}${a.present}人`;
}

function openingParagraph(meeting: Meeting, settings: Settings, attendance: string, about: string): string {
  const date = formatDateCn(meeting.date) ?? meeting.date;
  const convener = convenerOf(meeting.type, settings);
  const where = trim(meeting.location) ? `在${trim(meeting.location)}` : '';
  return `${date}，${convener}${where}召开${MEETING_TYPE_LABELS[meeting.type]}${attendance ? `，${attendance}` : ''}${about}。`;
}

/**
 * N41: what the notice of a decision depends on, hashed: the meeting's facts the text states, the decision (its
 * text, vote and participation), its outcome, and the 更正 entries made about it after finalising.
 */
export function resolutionSourceData(meeting: Meeting, resolutionIds: readonly string[], outcomes: Readonly<Record<string, Pick<VoteOutcome, 'outcome'>>>): unknown {
  const wanted = new Set(resolutionIds);
  return {
    meeting: {
      id: meeting.id,
      type: meeting.type,
      date: meeting.date,
      location: meeting.location ?? null,
      attendees: meeting.attendees.map((a) => [a.id, a.role, a.status]),
      participatingOwners: meeting.participatingOwners ?? null,
      participatingAreaDm2: meeting.participatingAreaDm2 ?? null,
      totalOwners: meeting.totalOwners ?? null,
      totalAreaDm2: meeting.totalAreaDm2 ?? null,
    },
    decisions: meeting.topics.flatMap((t) =>
      (t.resolutions ?? [])
        .filter((r) => wanted.has(r.id))
        .map((r) => ({ topic: t.title, id: r.id, text: r.text, vote: r.vote, participatingOwners: r.participatingOwners ?? null, participatingAreaDm2: r.participatingAreaDm2 ?? null, outcome: outcomes[r.id]?.outcome ?? null })),
    ),
    corrections: (meeting.corrections ?? []).filter((c) => c.targetId !== undefined && wanted.has(c.targetId)).map((c) => ({ id: c.id, text: c.text, vote: c.vote ?? null })),
  };
}

/** N41: the current hash of one decision's notice data (compare with sourceChanged). */
export const resolutionDataHash = (meeting: Meeting, resolution: Resolution, outcome: VoteOutcome): string =>
  dataHashOf(resolutionSourceData(meeting, [resolution.id], { [resolution.id]: outcome }));

/**
 * N40: a 决议公告 draft from one decision. A decision that did not pass gets a 表决结果公告 title instead, so a notice
 * never calls a failed vote a 决议. No ids, no clock: `issueDate` is given.
 */
export function resolutionNotice(input: ResolutionNoticeInput): GeneratedNotice {
  const { meeting, resolution, outcome, settings, issueDate } = input;
  const topic = meeting.topics.find((t) => (t.resolutions ?? []).some((r) => r.id === resolution.id));
  const topicTitle = trim(topic?.title);
  const passed = outcome.outcome === 'passed';
  const gist = decisionGist(resolution.text, topicTitle);
  const title = Array.from(passed ? `关于${gist}的决议公告` : `关于${gist}表决结果的公告`).slice(0, TITLE_MAX).join('');
  const voteSummary = voteSummaryText(meeting, resolution, outcome);
  const resolutionText = resolution.text.trim();
  const about = topicTitle ? `，会议就“${topicTitle}”进行了审议和表决` : '';
  const paragraphs = [
    openingParagraph(meeting, settings, attendanceClause(meeting, resolution, settings), about),
    passed ? '会议表决通过如下决议：' : '提交表决的事项如下：',
    // The decision's own paragraphs stay paragraphs; single line breaks inside one are kept.
    ...resolutionText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    `表决情况：${voteSummary}。`,
    '特此公告。',
  ];
  const issuerKey = firstIssuerKey(meeting, settings);
  return {
    kind: 'resolution',
    status: 'draft',
    title,
    body: paragraphs.join('\n\n'),
    issuers: noticeIssuers(meeting, settings),
    issuerKey,
    issuePrefix: defaultIssuePrefix(settings, issuerKey),
    issueDate,
    source: { meetingId: meeting.id, resolutionId: resolution.id, resolutionText, voteSummary, dataHash: resolutionDataHash(meeting, resolution, outcome) },
  };
}

/**
 * N40: one 决议公告 of every decision of a finalised meeting put to the vote (numbered 一、二、…, each with its vote),
 * in agenda order; decisions that did not pass are listed as 未通过 under their own heading, never as 决议. null when
 * the meeting has no decision.
 */
export function meetingResolutionsNotice(input: {
  readonly meeting: Meeting;
  readonly outcomes: Readonly<Record<string, VoteOutcome>>;
  readonly settings: Settings;
  readonly issueDate: string;
}): GeneratedNotice | null {
  const { meeting, outcomes, settings, issueDate } = input;
  const decisions = meeting.topics.flatMap((t) => (t.resolutions ?? []).map((r) => ({ topic: t, r, outcome: outcomes[r.id] })));
  const known = decisions.filter((d): d is typeof d & { outcome: VoteOutcome } => d.outcome !== undefined);
  if (known.length === 0) return null;
  const passed = known.filter((d) => d.outcome.outcome === 'passed');
  const others = known.filter((d) => d.outcome.outcome !== 'passed');
  const item = (d: (typeof known)[number], i: number): string[] => {
    const text = d.r.text.trim().split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const head = `${cnNumeral(i + 1)}、${text[0] ?? trim(d.topic.title)}`;
    const part = meeting.type === 'owners_assembly' && (d.r.participatingOwners !== undefined || d.r.participatingAreaDm2 !== undefined) ? `本项${attendanceClause(meeting, d.r, settings)}；` : '';
    return [head, ...text.slice(1), `表决情况：${part}${voteSummaryText(meeting, d.r, d.outcome)}。`];
  };
  const label = MEETING_TYPE_LABELS[meeting.type];
  const paragraphs = [
    openingParagraph(meeting, settings, attendanceClause(meeting, undefined, settings), `，对${known.length}项事项进行了审议和表决`),
    ...(passed.length > 0 ? ['会议表决通过如下决议：', ...passed.flatMap(item)] : []),
    ...(others.length > 0 ? [passed.length > 0 ? '以下事项未获通过：' : '提交表决的事项如下：', ...others.flatMap(item)] : []),
    '特此公告。',
  ];
  const date = formatDateCn(meeting.date) ?? meeting.date;
  const title = passed.length > 0 ? `关于${date}${label}决议事项的公告` : `关于${date}${label}表决结果的公告`;
  const ids = known.map((d) => d.r.id);
  const issuerKey = firstIssuerKey(meeting, settings);
  return {
    kind: 'resolution',
    status: 'draft',
    title,
    body: paragraphs.join('\n\n'),
    issuers: noticeIssuers(meeting, settings),
    issuerKey,
    issuePrefix: defaultIssuePrefix(settings, issuerKey),
    issueDate,
    source: { meetingId: meeting.id, resolutionIds: ids, dataHash: dataHashOf(resolutionSourceData(meeting, ids, outcomes)) },
  };
}
