// S1–S5: the 会议纪要: header, decisions only (with their votes and outcomes), closing attendance lines.
import { attendanceSummary, type AttendeeLine } from './attendance';
import type { Tally } from './counts';
import { ART278_LABELS, CN_UNITS, MEETING_TYPE_LABELS, OUTCOME_LABELS } from './labels';
import type { Art278Matter, Correction, Meeting, Vote } from './types';
import { isTime } from './validate';
import type { Outcome, VoteOutcome } from './vote-outcome';

/** S1: '2026-11-25' → '2026年11月25日' (months and days without a leading zero, GB/T 9704); null if not a date. */
export function formatDateCn(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const { year, month, day } = CN_UNITS;
  return `${m[1]}${year}${Number(m[2])}${month}${Number(m[3])}${day}`;
}

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

export type DecisionLine = {
  topicId: string;
  topicTitle: string;
  resolutionId: string;
  text: string;
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
  };
  decisions: DecisionLine[];
  /** Closing lines 出席 / 请假 / 列席 (and 缺席 when anyone was absent without leave). */
  closing: { present: AttendeeLine[]; leave: AttendeeLine[]; observers: AttendeeLine[]; absent: AttendeeLine[] };
  /** 更正/补充 entries after finalising, in the order made. */
  corrections: Correction[];
  final: boolean;
};

const text = (s: string | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * S3 the header from the record; S4 decisions only: every resolution in agenda order with its tally and outcome
 * (discussion notes are not part of the 纪要); S5 closing lines from the attendance. `outcomes` is keyed by
 * resolution id (meetingOutcomes).
 */
export function meetingSummary(meeting: Meeting, outcomes: Readonly<Record<string, VoteOutcome>>): MeetingSummary {
  const att = attendanceSummary(meeting);
  const decisions: DecisionLine[] = [];
  for (const t of meeting.topics)
    for (const r of t.resolutions ?? []) {
      const o = outcomes[r.id];
      const matter = meeting.type === 'owners_assembly' ? (r.matter ?? 'general') : null;
      decisions.push({
        topicId: t.id,
        topicTitle: t.title,
        resolutionId: r.id,
        text: r.text,
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
    },
    decisions,
    closing: { present: att.lists.present, leave: att.lists.leave, observers: att.lists.observers, absent: att.lists.absent },
    corrections: (meeting.corrections ?? []).map((c) => ({ ...c })),
    final: meeting.status === 'final',
  };
}
