// S1–S5: the 会议纪要: header, decisions only (with their votes and outcomes), closing attendance lines.
import { chinaDateOf, formatDateCn } from '../common/dates';
import { attendanceSummary, type AttendeeLine } from './attendance';
import { amendmentsOf, correctedResolution, decisionCorrections } from './corrections';
import { assemblyTotals, participationOf, type Tally } from './counts';
import { shareTenths } from './fraction';
import { ART278_LABELS, CN_UNITS, MEETING_TYPE_LABELS, OUTCOME_LABELS } from './labels';
import type { Art278Matter, Correction, Meeting, Settings, Vote } from './types';
import { isTime } from './validate';
import type { Outcome, VoteOutcome } from './vote-outcome';

// S1: formatDateCn and chinaDateOf live with the other dates; exported here too, where minutes code finds them.
export { chinaDateOf, formatDateCn };

/** S2: '19:30' → '19时30分', '09:05' → '9时05分'; null if not HH:MM. */
export function formatTimeCn(time: string): string | null {
  if (!isTime(time)) return null;
  const [h, m] = time.split(':');
  return `${Number(h)}${CN_UNITS.hour}${m}${CN_UNITS.minute}`;
}

/** S2: ('19:30', '21:05') → '19时30分至21时05分'; only the start when there is no end; null if the start is unusable. */
export function formatTimeRange(start: string, end?: string): string | null {
  const s = formatTimeCn(start);
  if (s === null) return null;
  if (end === undefined || end === '') return s;
  const e = formatTimeCn(end);
  return e === null ? null : `${s}${CN_UNITS.to}${e}`;
}

/**
 * 业主大会: who took part against the compound's totals; shares in tenths of a percent (754 = 75.4%), null when a
 * total is missing or 0.
 */
export type ParticipationLine = {
  owners: number | undefined;
  totalOwners: number | undefined;
  ownersShare: number | null;
  areaDm2: number | undefined;
  totalAreaDm2: number | undefined;
  areaShare: number | null;
};

function participationLine(
  part: { owners: number | undefined; areaDm2: number | undefined },
  totals: { totalOwners: number | undefined; totalAreaDm2: number | undefined },
): ParticipationLine {
  const share = (n: number | undefined, of: number | undefined): number | null =>
    n === undefined || of === undefined || !Number.isSafeInteger(n) || !Number.isSafeInteger(of) ? null : shareTenths(n, of);
  return {
    owners: part.owners,
    totalOwners: totals.totalOwners,
    ownersShare: share(part.owners, totals.totalOwners),
    areaDm2: part.areaDm2,
    totalAreaDm2: totals.totalAreaDm2,
    areaShare: share(part.areaDm2, totals.totalAreaDm2),
  };
}

export type DecisionLine = {
  topicId: string;
  topicTitle: string;
  resolutionId: string;
  /** As corrected (R2): the last 更正's text, else the text recorded. */
  text: string;
  /** 更正/补充 entries of this decision, in the order made (R1). */
  amendments: Correction[];
  /** 业主大会: the item's own participation (V16), when it records one; null otherwise. */
  participation: ParticipationLine | null;
  matter: Art278Matter | null;
  matterLabel: string | null;
  method: Vote['method'];
  tally: Tally | null;
  /** null when the caller passed no outcome for this resolution. */
  outcome: Outcome | null;
  outcomeLabel: string | null;
};

export type MeetingSummary = {
  header: {
    title: string;
    typeLabel: string;
    date: string;
    dateCn: string | null;
    time: string | null;
    location: string | null;
    hostName: string | null;
    hostPost: string | null;
    recorderName: string | null;
    expected: number;
    present: number;
    /** 业主大会: the owners and area taking part against the totals (S6); null for other meetings. */
    participation: ParticipationLine | null;
  };
  decisions: DecisionLine[];
  /** Closing lines 出席 / 请假 / 列席 (and 缺席 when anyone was absent without leave). */
  closing: { present: AttendeeLine[]; leave: AttendeeLine[]; observers: AttendeeLine[]; absent: AttendeeLine[] };
  /** 更正/补充 entries about decisions (R1), in the order made; the decisions above already state them. */
  corrections: Correction[];
  final: boolean;
  /** S7 the date of the 落款: the latest of 定稿 and the entries the 纪要 states (Beijing date); a draft's meeting date. */
  issueDate: string;
};

const text = (s: string | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/** S7: the 落款 date. */
function issueDateOf(meeting: Meeting, entries: readonly Correction[]): string {
  if (meeting.status !== 'final') return meeting.date;
  let latest = meeting.finalisedAt ? chinaDateOf(meeting.finalisedAt) : null;
  for (const c of entries) {
    const d = chinaDateOf(c.at);
    if (d !== null && (latest === null || d > latest)) latest = d;
  }
  return latest ?? meeting.date;
}

/**
 * S3 the header from the record (S6 业主大会: participation against the totals, meeting's, else settings');
 * S4 decisions only: every resolution in agenda order, as corrected (R2), with its tally and outcome (discussion
 * notes are not part of the 纪要); S5 closing lines from the attendance; S7 the 落款 date. `outcomes` is keyed by
 * resolution id: correctedOutcomes, so that a corrected vote is stated with its own outcome.
 */
export function meetingSummary(
  meeting: Meeting,
  outcomes: Readonly<Record<string, VoteOutcome>>,
  settings?: Settings,
): MeetingSummary {
  const att = attendanceSummary(meeting);
  const assembly = meeting.type === 'owners_assembly';
  const totals = assemblyTotals(meeting, settings);
  const decisions: DecisionLine[] = [];
  for (const t of meeting.topics)
    for (const original of t.resolutions ?? []) {
      const r = correctedResolution(meeting, original);
      const o = outcomes[r.id];
      const matter = assembly ? (r.matter ?? 'general') : null;
      const own = r.participatingOwners !== undefined || r.participatingAreaDm2 !== undefined;
      decisions.push({
        topicId: t.id,
        topicTitle: t.title,
        resolutionId: r.id,
        text: r.text,
        amendments: amendmentsOf(meeting, r.id).map((c) => ({ ...c })),
        participation: assembly && own ? participationLine(participationOf(meeting, r), totals) : null,
        matter,
        matterLabel: matter ? ART278_LABELS[matter] : null,
        method: r.vote.method,
        tally: o?.tally ?? null,
        outcome: o?.outcome ?? null,
        outcomeLabel: o ? OUTCOME_LABELS[o.outcome] : null,
      });
    }
  return {
    header: {
      title: meeting.title,
      typeLabel: MEETING_TYPE_LABELS[meeting.type],
      date: meeting.date,
      dateCn: formatDateCn(meeting.date),
      time: meeting.startTime ? formatTimeRange(meeting.startTime, meeting.endTime) : null,
      location: text(meeting.location),
      hostName: text(meeting.hostName),
      hostPost: text(meeting.hostPost),
      recorderName: text(meeting.recorderName),
      expected: att.expected,
      present: att.present,
      participation: assembly ? participationLine(participationOf(meeting), totals) : null,
    },
    decisions,
    closing: { present: att.lists.present, leave: att.lists.leave, observers: att.lists.observers, absent: att.lists.absent },
    corrections: decisionCorrections(meeting).map((c) => ({ ...c })),
    final: meeting.status === 'final',
    issueDate: issueDateOf(meeting, decisionCorrections(meeting)),
  };
}
