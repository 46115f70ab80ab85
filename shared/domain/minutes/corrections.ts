// R1–R4: 更正/补充 entries after 定稿. The original record is never altered; these functions read the entries to state
// a decision as corrected (for the 纪要) and to show what a 更正 changed.
import type { Correction, Meeting, Resolution, Settings } from './types';
import { diffText, type DiffSegment } from './text-diff';
import { voteOutcome, type VoteOutcome } from './vote-outcome';

/** The resolution an entry is about, if it is about one. */
export function resolutionById(meeting: Meeting, id: string | undefined): Resolution | undefined {
  if (!id) return undefined;
  for (const t of meeting.topics) for (const r of t.resolutions ?? []) if (r.id === id) return r;
  return undefined;
}

/** R1: entries about a decision (a 决议 of the record), in the order made. */
export const decisionCorrections = (meeting: Meeting): Correction[] =>
  (meeting.corrections ?? []).filter((c) => resolutionById(meeting, c.targetId) !== undefined);

/**
 * R2: a decision as its 更正 entries state it: the text of the last 更正 of it, and the vote of the last one that
 * carries a vote. A 补充 adds to a decision without replacing it (see `amendmentsOf`). Without entries, the
 * resolution itself.
 */
export function correctedResolution(meeting: Meeting, r: Resolution): Resolution {
  let out = r;
  for (const c of meeting.corrections ?? []) {
    if (c.targetId !== r.id || c.kind !== 'correction') continue;
    out = { ...out, text: c.text, ...(c.vote ? { vote: c.vote } : {}) };
  }
  return out;
}

/** R1: the 更正/补充 entries of one decision, in the order made. */
export const amendmentsOf = (meeting: Meeting, resolutionId: string): Correction[] =>
  (meeting.corrections ?? []).filter((c) => c.targetId === resolutionId);

/** R2: every decision's outcome as corrected (what the 纪要 states), keyed by resolution id. */
export function correctedOutcomes(meeting: Meeting, settings?: Settings): Record<string, VoteOutcome> {
  const out: Record<string, VoteOutcome> = {};
  for (const t of meeting.topics)
    for (const r of t.resolutions ?? []) out[r.id] = voteOutcome(meeting, correctedResolution(meeting, r), settings);
  return out;
}

/**
 * R3: the text a 更正 replaces: the text of the previous 更正 of the same target, else the target's own text (a
 * 议题's notes, a 决议's text, a 落实事项's title, an attendee's name, an earlier entry's text). null for a 补充 and
 * for an entry about the whole record (there is nothing it replaces).
 */
export function correctionBase(meeting: Meeting, correction: Correction): string | null {
  if (correction.kind !== 'correction') return null;
  const target = correction.targetId;
  if (!target) return null;
  const list = meeting.corrections ?? [];
  const at = list.findIndex((c) => c.id === correction.id);
  const earlier = (at < 0 ? list : list.slice(0, at)).filter((c) => c.targetId === target && c.kind === 'correction');
  const previous = earlier[earlier.length - 1];
  if (previous) return previous.text;
  for (const t of meeting.topics) {
    if (t.id === target) return t.notes;
    for (const r of t.resolutions ?? []) {
      if (r.id === target) return r.text;
      const item = (r.actionItems ?? []).find((i) => i.id === target);
      if (item) return item.title;
    }
  }
  const attendee = meeting.attendees.find((a) => a.id === target);
  if (attendee) return attendee.name;
  const entry = list.find((c) => c.id === target);
  return entry ? entry.text : null;
}

/** R4: what a 更正 changed in the text it replaces; null when it replaces nothing (a 补充, the whole record). */
export function correctionChanges(meeting: Meeting, correction: Correction): DiffSegment[] | null {
  const base = correctionBase(meeting, correction);
  return base === null ? null : diffText(base, correction.text);
}
