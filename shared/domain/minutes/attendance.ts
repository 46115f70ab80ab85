// A1–A4: attendance as printed on the record: 应到, 实到, 请假, 缺席, 列席.
import type { Attendee, Meeting } from './types';

export type AttendeeLine = { attendeeId: string; name: string; post?: string; reason?: string };

export type AttendanceSummary = {
  /** 应到: attendees with role 'member'. */
  expected: number;
  /** 实到: members present. */
  present: number;
  /** 请假 */
  leave: number;
  /** 缺席 */
  absent: number;
  /** Members whose attendance is not yet recorded (finalising needs none). */
  unknown: number;
  /** 列席: observers and guests who were present. */
  observers: number;
  lists: {
    present: AttendeeLine[];
    leave: AttendeeLine[];
    absent: AttendeeLine[];
    unknown: AttendeeLine[];
    observers: AttendeeLine[];
  };
};

function line(a: Attendee): AttendeeLine {
  const l: AttendeeLine = { attendeeId: a.id, name: a.name.trim() };
  const post = a.post?.trim();
  const reason = a.reason?.trim();
  if (post) l.post = post;
  if (reason) l.reason = reason;
  return l;
}

/**
 * A1 members (role 'member') are 应到; each is present, on leave, absent or not yet recorded.
 * A2 observers and guests are 列席 when present and are otherwise left out (they are not 应到).
 * A3 reasons are kept with 请假 and 缺席 lines; a reason is optional (A4: recorders must not be made to invent one).
 * Lists keep the attendee order of the record.
 */
export function attendanceSummary(meeting: Meeting): AttendanceSummary {
  const lists: AttendanceSummary['lists'] = { present: [], leave: [], absent: [], unknown: [], observers: [] };
  for (const a of meeting.attendees) {
    if (a.role !== 'member') {
      if (a.status === 'present') lists.observers.push(line(a));
      continue;
    }
    lists[a.status].push(line(a));
  }
  return {
    expected: lists.present.length + lists.leave.length + lists.absent.length + lists.unknown.length,
    present: lists.present.length,
    leave: lists.leave.length,
    absent: lists.absent.length,
    unknown: lists.unknown.length,
    observers: lists.observers.length,
    lists,
  };
}
