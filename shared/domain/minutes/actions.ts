// M8–M14: changing a meeting record. A finalised (定稿) record is locked: its original text is never altered;
// later changes are 更正/补充 entries appended beside it.
import { assertNever, err, ok, type Result } from '../../result';
import type { MeetingDoc } from '../../schema';
import type { MinutesError } from './errors';
import { resolutionById } from './corrections';
import type { ActionContext, AttendeeStatus, Meeting, Vote } from './types';
import { finaliseCheck, validateMeeting, validateResolutionVote } from './validate';

/** Fields no edit may set: identity, lifecycle, audit, sync bookkeeping, and what was fixed at creation (M10). */
export const LOCKED_FIELDS = [
  'id',
  'type',
  'status',
  'voteRule',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'finalisedAt',
  'finalisedBy',
  'corrections',
  'conflicts',
] as const;
type LockedField = (typeof LOCKED_FIELDS)[number];

export type MeetingPatch = Partial<Omit<MeetingDoc, LockedField>>;

export type CorrectionInput = {
  kind: 'correction' | 'supplement';
  reason: string;
  text: string;
  /** A topic, resolution, action item or attendee id; absent for the whole meeting. */
  targetId?: string;
  /** A 更正 of a decision whose vote was recorded wrongly: the corrected vote (M17). */
  vote?: Vote;
};

export type MeetingAction =
  | { kind: 'finalise' }
  | { kind: 'edit'; patch: MeetingPatch }
  | { kind: 'addCorrection'; correction: CorrectionInput }
  | { kind: 'reorderTopics'; order: readonly string[] }
  | { kind: 'addTopic'; title: string; afterId?: string }
  | { kind: 'removeTopic'; topicId: string }
  | { kind: 'setAttendance'; attendeeId: string; status: AttendeeStatus; reason?: string };

export const isFinal = (m: Pick<Meeting, 'status'>): boolean => m.status === 'final';

/**
 * A fresh document; parts not named are shared with the input (treat both as immutable). The cast widens the
 * deep-readonly view that RxDB hands out back to the stored shape.
 */
const stamped = (m: Meeting, ctx: ActionContext, changes: Partial<MeetingDoc>): MeetingDoc =>
  ({ ...(m as MeetingDoc), ...changes, updatedAt: ctx.now, updatedBy: ctx.by }) as MeetingDoc;

/** Every id of an element of the meeting: attendees, topics, decisions, action items and corrections. */
export function idsIn(m: Meeting): Set<string> {
  const ids = new Set<string>();
  for (const a of m.attendees) ids.add(a.id);
  for (const t of m.topics) {
    ids.add(t.id);
    for (const r of t.resolutions ?? []) {
      ids.add(r.id);
      for (const i of r.actionItems ?? []) ids.add(i.id);
    }
  }
  for (const c of m.corrections ?? []) ids.add(c.id);
  return ids;
}

/**
 * M8 finalise: refused while anything is missing (MEETING_INCOMPLETE + the fields) or invalid (MEETING_INVALID +
 * the errors); sets status 'final', finalisedAt/By.
 * M9 every action but addCorrection is refused on a final record (MEETING_FINALISED).
 * M10 edit sets any field except LOCKED_FIELDS (FIELD_LOCKED); drafts may be incomplete or invalid.
 * M11 addCorrection: only on final records (MEETING_NOT_FINAL); needs a reason (REASON_REQUIRED), text
 * (TEXT_REQUIRED) and ctx.id (ID_REQUIRED); a target must exist in the record (TARGET_NOT_FOUND).
 * M12 reorderTopics takes a permutation of the topic ids (TOPIC_ORDER_INVALID).
 * M13 addTopic / removeTopic; M14 setAttendance (present stamps checkedInAt = ctx.now unless already set).
 * Every accepted action sets updatedAt/updatedBy from ctx.
 */
export function applyMeetingAction(meeting: Meeting, action: MeetingAction, ctx: ActionContext): Result<MeetingDoc, MinutesError> {
  if (action.kind !== 'addCorrection' && isFinal(meeting)) return err({ code: 'MEETING_FINALISED' });
  switch (action.kind) {
    case 'finalise': {
      const missing = finaliseCheck(meeting);
      if (missing.length > 0) return err({ code: 'MEETING_INCOMPLETE', missing });
      const errors = validateMeeting(meeting);
      if (errors.length > 0) return err({ code: 'MEETING_INVALID', errors });
      return ok(stamped(meeting, ctx, { status: 'final', finalisedAt: ctx.now, finalisedBy: ctx.by }));
    }
    case 'edit': {
      for (const field of Object.keys(action.patch))
        if ((LOCKED_FIELDS as readonly string[]).includes(field)) return err({ code: 'FIELD_LOCKED', detail: { field } });
      const next = stamped(meeting, ctx, action.patch);
      // Clearing an optional field is written as `field: undefined`; stored documents omit it instead.
      for (const [k, v] of Object.entries(action.patch)) if (v === undefined) delete (next as Record<string, unknown>)[k];
      return ok(next);
    }
    case 'addCorrection': {
      if (!isFinal(meeting)) return err({ code: 'MEETING_NOT_FINAL' });
      const c = action.correction;
      const reason = c.reason.trim();
      const text = c.text.trim();
      if (reason === '') return err({ code: 'REASON_REQUIRED' });
      if (text === '') return err({ code: 'TEXT_REQUIRED' });
      if (!ctx.id) return err({ code: 'ID_REQUIRED' });
      const ids = idsIn(meeting);
      if (ids.has(ctx.id)) return err({ code: 'ID_DUPLICATE', detail: { id: ctx.id } });
      const target = c.targetId?.trim();
      if (target && !ids.has(target)) return err({ code: 'TARGET_NOT_FOUND', detail: { id: target } });
      const entry: NonNullable<MeetingDoc['corrections']>[number] = { id: ctx.id, kind: c.kind, at: ctx.now, by: ctx.by, reason, text };
      if (target) entry.targetId = target;
      if (c.vote) {
        // M17: only a 更正 of a decision carries a vote, and the vote must hold for this meeting as any vote does.
        const r = resolutionById(meeting, target);
        if (!r || c.kind !== 'correction') return err({ code: 'CORRECTION_VOTE_TARGET' });
        const errors = validateResolutionVote(meeting, { ...r, vote: c.vote });
        if (errors.length > 0) return err({ code: 'CORRECTION_VOTE_INVALID', errors });
        const { rollCall, ...counts } = c.vote;
        entry.vote = rollCall ? { ...counts, rollCall: rollCall.map((e) => ({ ...e })) } : { ...counts };
      }
      return ok(stamped(meeting, ctx, { corrections: [...((meeting as MeetingDoc).corrections ?? []), entry] }));
    }
    case 'reorderTopics': {
      const topics = (meeting as MeetingDoc).topics;
      const byId = new Map(topics.map((t) => [t.id, t] as const));
      const order = action.order;
      if (order.length !== topics.length || new Set(order).size !== order.length || !order.every((id) => byId.has(id)))
        return err({ code: 'TOPIC_ORDER_INVALID' });
      return ok(stamped(meeting, ctx, { topics: order.map((id) => byId.get(id)).filter((t) => t !== undefined) }));
    }
    case 'addTopic': {
      const title = action.title.trim();
      if (title === '') return err({ code: 'TITLE_REQUIRED' });
      if (!ctx.id) return err({ code: 'ID_REQUIRED' });
      if (idsIn(meeting).has(ctx.id)) return err({ code: 'ID_DUPLICATE', detail: { id: ctx.id } });
      const topics = [...(meeting as MeetingDoc).topics];
      const topic = { id: ctx.id, title, notes: '', resolutions: [] };
      if (action.afterId === undefined) topics.push(topic);
      else {
        const i = topics.findIndex((t) => t.id === action.afterId);
        if (i < 0) return err({ code: 'TARGET_NOT_FOUND', detail: { id: action.afterId } });
        topics.splice(i + 1, 0, topic);
      }
      return ok(stamped(meeting, ctx, { topics }));
    }
    case 'removeTopic': {
      const topics = (meeting as MeetingDoc).topics;
      if (!topics.some((t) => t.id === action.topicId)) return err({ code: 'TARGET_NOT_FOUND', detail: { id: action.topicId } });
      return ok(stamped(meeting, ctx, { topics: topics.filter((t) => t.id !== action.topicId) }));
    }
    case 'setAttendance': {
      const attendees = (meeting as MeetingDoc).attendees;
      if (!attendees.some((a) => a.id === action.attendeeId))
        return err({ code: 'TARGET_NOT_FOUND', detail: { id: action.attendeeId } });
      const reason = action.reason?.trim();
      return ok(
        stamped(meeting, ctx, {
          attendees: attendees.map((a) => {
            if (a.id !== action.attendeeId) return a;
            const next = { ...a, status: action.status };
            if (reason) next.reason = reason;
            else delete next.reason;
            if (action.status === 'present') next.checkedInAt = a.checkedInAt ?? ctx.now;
            else delete next.checkedInAt;
            return next;
          }),
        }),
      );
    }
    default:
      return assertNever(action);
  }
}
