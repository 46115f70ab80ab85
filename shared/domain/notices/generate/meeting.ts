// N43: 会议通知 from a planned meeting: time, place, agenda (its 议题 in order) and who attends. Pure.
import type { MeetingType } from '../../../schema';
import { formatDateCn, weekdayCn } from '../../common/dates';
import { MEETING_TYPE_LABELS, formatTimeRange, type Meeting } from '../../minutes';
import { cnNumeral, dataHashOf, issuerFields, type GeneratedNotice, type NoticeSettings } from './common';
import { meetingIssuerKey } from './resolution';

const trim = (s: string | undefined): string => s?.trim() ?? '';

/** 主送 of a meeting notice, by meeting type ('' for 其他会议: the secretary types it). */
export const MEETING_ADDRESSEES: { readonly [T in MeetingType]: string } = {
  council: '各共建理事会成员单位及理事',
  owners_assembly: '全体业主',
  owners_rep: '各位业主代表',
  owners_committee: '各位业委会委员',
  branch_assembly: '全体党员',
  branch_committee: '各位支委',
  six_party: '六方联动各成员单位',
  other: '',
};

/** The meeting's facts a 会议通知 states (N43): what the hash covers. */
export function meetingNoticeSourceData(meeting: Meeting): unknown {
  return {
    id: meeting.id,
    type: meeting.type,
    title: meeting.title ?? null,
    date: meeting.date,
    startTime: meeting.startTime ?? null,
    endTime: meeting.endTime ?? null,
    location: meeting.location ?? null,
    agenda: meeting.topics.map((t) => t.title),
    attendees: meeting.attendees.map((a) => [a.name, a.post ?? null, a.role]),
  };
}

export const meetingNoticeDataHash = (meeting: Meeting): string => dataHashOf(meetingNoticeSourceData(meeting));

/** "2026年11月25日（星期三）19时30分至21时05分" */
function whenText(meeting: Meeting): string {
  const date = formatDateCn(meeting.date) ?? meeting.date;
  const weekday = weekdayCn(meeting.date);
  const time = meeting.startTime ? formatTimeRange(meeting.startTime, meeting.endTime) : null;
  return `${date}${weekday ? `（${weekday}）` : ''}${time ?? ''}`;
}

const nameWithPost = (a: Meeting['attendees'][number]): string => (trim(a.post) ? `${trim(a.name)}（${trim(a.post)}）` : trim(a.name));

/** Who attends: the members by name (all owners for a 业主大会), then 列席 (observers and guests). */
function attendeesText(meeting: Meeting): string {
  if (meeting.type === 'owners_assembly') return '全体业主（业主可书面委托代理人参加）';
  const members = meeting.attendees.filter((a) => a.role === 'member' && trim(a.name) !== '').map(nameWithPost);
  const observers = meeting.attendees.filter((a) => a.role !== 'member' && trim(a.name) !== '').map(nameWithPost);
  const who = members.length > 0 ? members.join('、') : MEETING_ADDRESSEES[meeting.type] || '全体参会人员';
  return observers.length > 0 ? `${who}；列席：${observers.join('、')}` : who;
}

/**
 * N43: the 会议通知 of a meeting: title 关于召开…的通知; 主送 by type; paragraphs 时间, 地点, 议题 (（一）… one per
 * line), 参会人员, the request to attend; issued by the body that calls the meeting (理事会, 业委会 or 支部).
 */
export function meetingNotice(input: { readonly meeting: Meeting; readonly settings: NoticeSettings; readonly issueDate: string }): GeneratedNotice {
  const { meeting, settings, issueDate } = input;
  const label = meeting.type === 'other' && trim(meeting.title) ? trim(meeting.title) : MEETING_TYPE_LABELS[meeting.type];
  const where = trim(meeting.location);
  const agenda = meeting.topics.map((t) => trim(t.title)).filter(Boolean);
  const issuer = issuerFields(settings, meetingIssuerKey(meeting.type));
  const paragraphs = [
    `${issuer.issuers[0] ?? ''}定于${whenText(meeting)}${where ? `在${where}` : ''}召开${label}，现将有关事项通知如下：`,
    `一、会议时间：${whenText(meeting)}`,
    `二、会议地点：${where || '另行通知'}`,
    agenda.length > 0 ? `三、会议议题：\n${agenda.map((t, i) => `（${cnNumeral(i + 1)}）${t}`).join('\n')}` : '三、会议议题：另行通知',
    `四、参会人员：${attendeesText(meeting)}`,
    '请参会人员准时出席；因故不能参加的，请提前向会议召集人请假。',
    '特此通知。',
  ];
  const addressees = MEETING_ADDRESSEES[meeting.type];
  return {
    kind: 'meeting',
    status: 'draft',
    title: `关于召开${label}的通知`.slice(0, 200),
    body: paragraphs.join('\n\n'),
    ...(addressees ? { addressees } : {}),
    ...issuer,
    issueDate,
    source: { meetingId: meeting.id, dataHash: meetingNoticeDataHash(meeting) },
  };
}
