// Q1–Q3: finding meetings. Linear and stateless: each call reads each meeting once.
import type { MeetingType } from '../../schema';
import type { Meeting } from './types';

/** Q1: the query split on whitespace (ASCII and the ideographic space), lower-cased, empties dropped. */
export const queryTerms = (query: string): string[] =>
  query
    .toLowerCase()
    .split(/[\s\u3000]+/)
    .filter((t) => t !== '');

function* fields(m: Meeting): Generator<string> {
  yield m.title;
  if (m.location) yield m.location;
  if (m.hostName) yield m.hostName;
  if (m.recorderName) yield m.recorderName;
  for (const a of m.attendees) yield a.name;
  for (const t of m.topics) {
    yield t.title;
    for (const s of t.speakers ?? []) yield s;
    yield t.notes;
    for (const r of t.resolutions ?? []) {
      yield r.text;
      for (const item of r.actionItems ?? []) yield item.title;
    }
  }
  for (const c of m.corrections ?? []) yield c.text;
}

/**
 * Q1: every term occurs (case-insensitive) in the title, location, host, recorder, an attendee's name, a topic's
 * title, 发言人 or notes, a resolution's text, an action item or a correction; terms may match different fields. An
 * empty query matches every meeting.
 */
export function meetingMatches(meeting: Meeting, query: string): boolean {
  return matchesTerms(meeting, queryTerms(query));
}

function matchesTerms(meeting: Meeting, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const left = new Set(terms);
  // Terms without letters that have case (Chinese, digits) are looked up in the text as it is; the field is
  // lower-cased only while a term with case remains. Notes can be long, and most searches are in Chinese.
  const hasCase = (t: string): boolean => t !== t.toUpperCase();
  let cased = terms.filter(hasCase).length;
  for (const f of fields(meeting)) {
    if (f === '') continue;
    const lower = cased > 0 ? f.toLowerCase() : f;
    for (const t of left)
      if (lower.includes(t)) {
        left.delete(t);
        if (hasCase(t)) cased -= 1;
      }
    if (left.size === 0) return true;
  }
  return false;
}

export type MeetingFilter = {
  type?: MeetingType;
  /** Inclusive date bounds, YYYY-MM-DD. */
  from?: string;
  to?: string;
  status?: Meeting['status'];
  query?: string;
};

/** Q2: all given criteria hold (dates inclusive); Q3: input order is kept. */
export function filterMeetings<M extends Meeting>(meetings: readonly M[], filter: MeetingFilter): M[] {
  const terms = queryTerms(filter.query ?? '');
  const { type, from, to, status } = filter;
  return meetings.filter(
    (m) =>
      (type === undefined || m.type === type) &&
      (status === undefined || m.status === status) &&
      (from === undefined || from === '' || m.date >= from) &&
      (to === undefined || to === '' || m.date <= to) &&
      matchesTerms(m, terms),
  );
}
