// M1–M12: what a meeting record must satisfy. Validation never refuses to store a draft; it lists coded problems
// (for the form) and finalising refuses while any remain.
import { assertNever } from '../../result';
import { MEETING_TYPES } from '../../schema';
import { isCalendarDate } from '../common/text';
import { assemblyTotals, isPresentMember, memberCounts, participationOf, presentOwners, tallyOf } from './counts';
import type { FinaliseField, MeetingErrorCode, MeetingFieldError } from './errors';
import { isCount, isValidThreshold } from './fraction';
import type { Meeting, Resolution, Settings } from './types';
import { voteRuleFor } from './vote-rules';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isTime = (s: string): boolean => TIME.test(s);

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const fe = (path: string, code: MeetingErrorCode, detail?: Record<string, string | number>): MeetingFieldError =>
  detail ? { path, code, detail } : { path, code };

/** V7: a vote count or area is a non-negative integer. */
function countProblem(path: string, n: number | undefined, required: MeetingErrorCode | null): MeetingFieldError | null {
  if (n === undefined) return required ? fe(path, required) : null;
  if (!Number.isSafeInteger(n)) return fe(path, 'VOTE_NOT_INTEGER');
  if (n < 0) return fe(path, 'VOTE_NEGATIVE');
  return null;
}

/**
 * V7–V10: the vote of one resolution is well-formed for this meeting. Paths start at the resolution (`vote.yes`).
 * Only present members vote: counts may not exceed them (业主大会: the participating owners and area).
 */
export function validateResolutionVote(meeting: Meeting, resolution: Resolution): MeetingFieldError[] {
  const vote = resolution.vote;
  const assembly = meeting.type === 'owners_assembly';
  const out: MeetingFieldError[] = [];
  switch (vote.method) {
    case 'none':
      return out;
    case 'count': {
      const counts = [
        countProblem('vote.yes', vote.yes, 'VOTE_COUNT_MISSING'),
        countProblem('vote.no', vote.no, null),
        countProblem('vote.abstain', vote.abstain, null),
      ];
      const areas = assembly
        ? [
            countProblem('vote.yesAreaDm2', vote.yesAreaDm2, 'VOTE_AREA_MISSING'),
            countProblem('vote.noAreaDm2', vote.noAreaDm2, null),
            countProblem('vote.abstainAreaDm2', vote.abstainAreaDm2, null),
          ]
        : [];
      for (const p of [...counts, ...areas]) if (p) out.push(p);
      if (out.length > 0) return out;
      if (assembly) {
        // An owner always holds some area: a choice with voters but no area (or the reverse) is a typing slip.
        const pairs = [
          ['yes', vote.yes, vote.yesAreaDm2],
          ['no', vote.no, vote.noAreaDm2],
          ['abstain', vote.abstain, vote.abstainAreaDm2],
        ] as const;
        for (const [choice, n, area] of pairs)
          if (area !== undefined && ((n ?? 0) > 0) !== (area > 0)) out.push(fe(`vote.${choice}AreaDm2`, 'VOTE_AREA_MISMATCH'));
      }
      break;
    }
    case 'roll_call': {
      const byId = new Map(meeting.attendees.map((a) => [a.id, a] as const));
      const seen = new Set<string>();
      for (const e of vote.rollCall ?? []) {
        const path = `vote.rollCall.${e.attendeeId}`;
        const a = byId.get(e.attendeeId);
        if (!a) out.push(fe(path, 'ROLL_CALL_UNKNOWN_ATTENDEE'));
        else if (seen.has(e.attendeeId)) out.push(fe(path, 'ROLL_CALL_DUPLICATE'));
        else if (a.role !== 'member') out.push(fe(path, 'ROLL_CALL_NOT_MEMBER'));
        else if (!isPresentMember(a)) out.push(fe(path, 'ROLL_CALL_NOT_PRESENT'));
        else if (assembly && a.areaDm2 === undefined) out.push(fe(path, 'ROLL_CALL_AREA_MISSING'));
        seen.add(e.attendeeId);
      }
      if (out.length > 0) return out;
      break;
    }
    default:
      return assertNever(vote.method);
  }
  const t = tallyOf(meeting, vote);
  const votes = t.yes + t.no + t.abstain;
  if (assembly) {
    // V16: the item's own participation when it records one, else the meeting's.
    const p = participationOf(meeting, resolution);
    const maxOwners = p.owners;
    if (isCount(maxOwners) && votes > maxOwners) out.push(fe('vote', 'VOTE_EXCEEDS_PRESENT', { votes, max: maxOwners }));
    const maxArea = p.areaDm2;
    const area = t.area ? t.area.yes + t.area.no + t.area.abstain : 0;
    if (isCount(maxArea) && area > maxArea)
      out.push(fe('vote', 'VOTE_AREA_EXCEEDS_PARTICIPATION', { area, max: maxArea }));
    // V17: in a roll call the owners present are those taking part: a participation typed in the header that differs
    // from them would decide the item against the wrong base (a unanimous vote could fail, silently).
    if (vote.method === 'roll_call' && isCount(p.owners) && isCount(p.areaDm2)) {
      const present = presentOwners(meeting);
      if (present.owners !== p.owners || present.areaDm2 !== p.areaDm2)
        out.push(
          fe('vote', 'PARTICIPATION_ROLL_CALL_MISMATCH', {
            owners: p.owners,
            presentOwners: present.owners,
            area: p.areaDm2,
            presentArea: present.areaDm2,
          }),
        );
    }
  } else {
    const { present } = memberCounts(meeting);
    if (votes > present) out.push(fe('vote', 'VOTE_EXCEEDS_PRESENT', { votes, max: present }));
  }
  return out;
}

/**
 * V11: the meeting-level numbers behind every vote: totals and participation are non-negative integers,
 * participation does not exceed the totals, the members listed do not exceed 全体成员, the rule's thresholds are
 * sound (integers, 0 ≤ num ≤ den, den ≥ 1). Settings stand in for totals and the rule the meeting has not copied.
 */
export function validateVoteContext(meeting: Meeting, settings?: Settings): MeetingFieldError[] {
  const out: MeetingFieldError[] = [];
  const numbers = ['totalAreaDm2', 'totalOwners', 'totalMembers', 'participatingAreaDm2', 'participatingOwners'] as const;
  for (const k of numbers) {
    const n = meeting[k];
    if (n !== undefined && !isCount(n)) out.push(fe(k, 'NUMBER_INVALID'));
  }
  for (const a of meeting.attendees)
    if (a.areaDm2 !== undefined && !isCount(a.areaDm2)) out.push(fe(`attendees.${a.id}.areaDm2`, 'NUMBER_INVALID'));
  if (out.length > 0) return out;

  if (meeting.type === 'owners_assembly') {
    const { totalAreaDm2, totalOwners } = assemblyTotals(meeting, settings);
    if (isCount(totalAreaDm2) && meeting.participatingAreaDm2 !== undefined && meeting.participatingAreaDm2 > totalAreaDm2)
      out.push(fe('participatingAreaDm2', 'PARTICIPATION_EXCEEDS_TOTAL', { max: totalAreaDm2 }));
    if (isCount(totalOwners) && meeting.participatingOwners !== undefined && meeting.participatingOwners > totalOwners)
      out.push(fe('participatingOwners', 'PARTICIPATION_EXCEEDS_TOTAL', { max: totalOwners }));
    return out;
  }
  const counts = memberCounts(meeting, settings);
  if (counts.expected > counts.all) out.push(fe('totalMembers', 'MEMBERS_EXCEED_TOTAL', { members: counts.expected, max: counts.all }));
  const applied = voteRuleFor(meeting, settings);
  if (applied) {
    if (!isValidThreshold(applied.rule.quorum)) out.push(fe('voteRule.quorum', 'RULE_INVALID'));
    if (!isValidThreshold(applied.rule.pass)) out.push(fe('voteRule.pass', 'RULE_INVALID'));
  }
  return out;
}

/**
 * V16: 业主大会: a 表决事项's own participation (paths `participatingOwners`, `participatingAreaDm2`, from the
 * resolution): non-negative integers, within the compound's totals and the meeting's participation. Other meeting
 * types ignore it.
 */
export function validateItemParticipation(meeting: Meeting, resolution: Resolution, settings?: Settings): MeetingFieldError[] {
  if (meeting.type !== 'owners_assembly') return [];
  const out: MeetingFieldError[] = [];
  const totals = assemblyTotals(meeting, settings);
  const parts = [
    ['participatingOwners', resolution.participatingOwners, totals.totalOwners, meeting.participatingOwners],
    ['participatingAreaDm2', resolution.participatingAreaDm2, totals.totalAreaDm2, meeting.participatingAreaDm2],
  ] as const;
  for (const [path, n, total, ofMeeting] of parts) {
    if (n === undefined) continue;
    if (!isCount(n)) out.push(fe(path, 'NUMBER_INVALID'));
    else if (isCount(total) && n > total) out.push(fe(path, 'PARTICIPATION_EXCEEDS_TOTAL', { max: total }));
    else if (isCount(ofMeeting) && n > ofMeeting) out.push(fe(path, 'PARTICIPATION_EXCEEDS_MEETING', { max: ofMeeting }));
  }
  return out;
}

const nameKey = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** M1–M6: every problem of the record, each at its field. An empty list means valid. */
export function validateMeeting(meeting: Meeting): MeetingFieldError[] {
  const out: MeetingFieldError[] = [];
  // M1 header
  if (blank(meeting.title)) out.push(fe('title', 'TITLE_REQUIRED'));
  if (!isCalendarDate(meeting.date)) out.push(fe('date', 'DATE_INVALID'));
  const start = meeting.startTime;
  const end = meeting.endTime;
  if (start !== undefined && !isTime(start)) out.push(fe('startTime', 'TIME_INVALID'));
  if (end !== undefined && !isTime(end)) out.push(fe('endTime', 'TIME_INVALID'));
  // M2: times are on one day; a meeting ends after it starts (HH:MM compares as text).
  if (start !== undefined && end !== undefined && isTime(start) && isTime(end) && end <= start)
    out.push(fe('endTime', 'END_BEFORE_START'));

  // M3: ids are unique across the whole record (corrections and paths address elements by id).
  const ids = new Set<string>();
  const claim = (id: string, path: string): void => {
    if (ids.has(id)) out.push(fe(path, 'ID_DUPLICATE', { id }));
    ids.add(id);
  };

  // M4: attendees have names; nobody is listed twice (same roster person, or same free-text name).
  const byPerson = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const a of meeting.attendees) {
    const path = `attendees.${a.id}`;
    claim(a.id, path);
    if (blank(a.name)) out.push(fe(`${path}.name`, 'ATTENDEE_NAME_REQUIRED'));
    if (a.personId !== undefined && a.personId !== '') {
      const first = byPerson.get(a.personId);
      if (first !== undefined) out.push(fe(path, 'ATTENDEE_DUPLICATE', { of: first }));
      else byPerson.set(a.personId, a.id);
    } else if (!blank(a.name)) {
      const key = nameKey(a.name);
      const first = byName.get(key);
      if (first !== undefined) out.push(fe(path, 'ATTENDEE_DUPLICATE', { of: first }));
      else byName.set(key, a.id);
    }
  }

  // M5 numbers behind votes
  out.push(...validateVoteContext(meeting));

  // M6 topics, resolutions, votes, action items
  for (const t of meeting.topics) {
    const tp = `topics.${t.id}`;
    claim(t.id, tp);
    if (blank(t.title)) out.push(fe(`${tp}.title`, 'TOPIC_TITLE_REQUIRED'));
    for (const r of t.resolutions ?? []) {
      const rp = `${tp}.resolutions.${r.id}`;
      claim(r.id, rp);
      if (blank(r.text)) out.push(fe(`${rp}.text`, 'RESOLUTION_TEXT_REQUIRED'));
      for (const e of validateItemParticipation(meeting, r)) out.push({ ...e, path: `${rp}.${e.path}` });
      for (const e of validateResolutionVote(meeting, r)) out.push({ ...e, path: `${rp}.${e.path}` });
      for (const item of r.actionItems ?? []) {
        const ip = `${rp}.actionItems.${item.id}`;
        claim(item.id, ip);
        if (blank(item.title)) out.push(fe(`${ip}.title`, 'ACTION_ITEM_TITLE_REQUIRED'));
        if (item.dueDate !== undefined && !isCalendarDate(item.dueDate)) out.push(fe(`${ip}.dueDate`, 'DUE_DATE_INVALID'));
      }
    }
  }
  for (const c of meeting.corrections ?? []) claim(c.id, `corrections.${c.id}`);
  return out;
}

export const hasVote = (meeting: Meeting): boolean =>
  meeting.topics.some((t) => (t.resolutions ?? []).some((r) => r.vote.method !== 'none'));

/**
 * M7: what is still missing before 定稿, by meeting type: the header (title, type, date, start and end time,
 * location, host, recorder), at least one topic, and everyone listed with attendance known. A meeting of members
 * needs at least one attendee and, when anything was voted on, the rule (copied onto the meeting). A 业主大会 is
 * counted by the owners and area taking part, not by a list: it needs the totals and the participation instead (its
 * documents state them), and attendees only if it lists any.
 */
export function finaliseCheck(meeting: Meeting): FinaliseField[] {
  const missing: FinaliseField[] = [];
  const assembly = meeting.type === 'owners_assembly';
  if (blank(meeting.title)) missing.push('title');
  if (!(MEETING_TYPES as readonly string[]).includes(meeting.type)) missing.push('type');
  const header = ['date', 'startTime', 'endTime', 'location', 'hostName', 'recorderName'] as const;
  for (const k of header) if (blank(meeting[k])) missing.push(k);
  if (meeting.attendees.length === 0) {
    if (!assembly) missing.push('attendees');
  } else if (meeting.attendees.some((a) => a.status === 'unknown')) missing.push('attendance');
  if (meeting.topics.length === 0) missing.push('topics');
  if (assembly) {
    const totals = ['totalAreaDm2', 'totalOwners', 'participatingAreaDm2', 'participatingOwners'] as const;
    for (const k of totals) if (meeting[k] === undefined) missing.push(k);
  } else if (hasVote(meeting) && meeting.voteRule === undefined) missing.push('voteRule');
  return missing;
}
