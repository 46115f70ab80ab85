// Every coded failure of the minutes rules (see SPEC.md). Chinese text is chosen at the edge (src-renderer/i18n).
import type { FieldError } from '../common/field-error';

/** Field-level problems found by validateMeeting / validateResolutionVote. */
export type MeetingErrorCode =
  | 'TITLE_REQUIRED'
  | 'DATE_INVALID'
  | 'TIME_INVALID'
  | 'END_BEFORE_START'
  | 'ID_DUPLICATE'
  | 'ATTENDEE_NAME_REQUIRED'
  | 'ATTENDEE_DUPLICATE'
  | 'NUMBER_INVALID'
  | 'PARTICIPATION_EXCEEDS_TOTAL'
  | 'PARTICIPATION_EXCEEDS_MEETING'
  | 'PARTICIPATION_ROLL_CALL_MISMATCH'
  | 'MEMBERS_EXCEED_TOTAL'
  | 'RULE_INVALID'
  | 'TOPIC_TITLE_REQUIRED'
  | 'RESOLUTION_TEXT_REQUIRED'
  | 'ACTION_ITEM_TITLE_REQUIRED'
  | 'DUE_DATE_INVALID'
  | 'VOTE_COUNT_MISSING'
  | 'VOTE_NEGATIVE'
  | 'VOTE_NOT_INTEGER'
  | 'VOTE_EXCEEDS_PRESENT'
  | 'VOTE_AREA_MISSING'
  | 'VOTE_AREA_MISMATCH'
  | 'VOTE_AREA_EXCEEDS_PARTICIPATION'
  | 'ROLL_CALL_UNKNOWN_ATTENDEE'
  | 'ROLL_CALL_NOT_MEMBER'
  | 'ROLL_CALL_NOT_PRESENT'
  | 'ROLL_CALL_DUPLICATE'
  | 'ROLL_CALL_AREA_MISSING'
  // Prerequisites of a 业主大会 vote (reported by voteOutcome; finaliseCheck lists the fields as missing).
  | 'TOTAL_AREA_MISSING'
  | 'TOTAL_OWNERS_MISSING'
  | 'PARTICIPATING_AREA_MISSING'
  | 'PARTICIPATING_OWNERS_MISSING';

/**
 * One problem at one place. `path` is dotted and addresses array elements by id, like conflict paths:
 * `topics.t1.resolutions.r1.vote.yes`, `attendees.a3.name`. validateResolutionVote's paths start at the resolution.
 */
export type MeetingFieldError = FieldError<MeetingErrorCode> & { path: string };

/** Header fields and facts a meeting needs before it can be finalised (定稿). Codes name the field. */
export type FinaliseField =
  | 'title'
  | 'type'
  | 'date'
  | 'startTime'
  | 'endTime'
  | 'location'
  | 'hostName'
  | 'recorderName'
  | 'attendees'
  | 'attendance'
  | 'topics'
  | 'voteRule'
  | 'totalAreaDm2'
  | 'totalOwners'
  | 'participatingAreaDm2'
  | 'participatingOwners';

/** Refusals of applyMeetingAction. */
export type MinutesError =
  | { code: 'MEETING_INCOMPLETE'; missing: readonly FinaliseField[] }
  | { code: 'MEETING_INVALID'; errors: readonly MeetingFieldError[] }
  | { code: 'MEETING_FINALISED' }
  | { code: 'MEETING_NOT_FINAL' }
  | { code: 'FIELD_LOCKED'; detail: { field: string } }
  | { code: 'REASON_REQUIRED' }
  | { code: 'TEXT_REQUIRED' }
  | { code: 'TITLE_REQUIRED' }
  | { code: 'ID_REQUIRED' }
  | { code: 'ID_DUPLICATE'; detail: { id: string } }
  | { code: 'TARGET_NOT_FOUND'; detail: { id: string } }
  | { code: 'TOPIC_ORDER_INVALID' }
  | { code: 'CORRECTION_VOTE_TARGET' }
  | { code: 'CORRECTION_VOTE_INVALID'; errors: readonly MeetingFieldError[] };

export type MinutesErrorCode = MinutesError['code'];
