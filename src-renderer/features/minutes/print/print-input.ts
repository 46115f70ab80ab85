// What every minutes document is printed from.
import { meetingOutcomes, type Meeting, type Settings, type VoteOutcome } from '../../../../shared/domain/minutes';

export type MinutesPrintInput = {
  meeting: Meeting;
  /** The compound profile (names on the heading and 落款); also stands in for rules a draft has not copied yet. */
  settings: Settings;
  /** Keyed by resolution id, as meetingOutcomes returns them; computed from meeting and settings when absent. */
  outcomes?: Readonly<Record<string, VoteOutcome>>;
};

export const outcomesOf = (input: MinutesPrintInput): Readonly<Record<string, VoteOutcome>> =>
  input.outcomes ?? meetingOutcomes(input.meeting, input.settings);

export { convenerOf } from '../../../../shared/domain/minutes/convener';
