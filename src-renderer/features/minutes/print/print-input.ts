// What every minutes document is printed from.
import { meetingOutcomes, type Meeting, type Settings, type VoteOutcome } from '../../../../shared/domain/minutes';
import type { MeetingType } from '../../../../shared/schema';
import { assertNever } from '../../../../shared/result';

export type MinutesPrintInput = {
  meeting: Meeting;
  /** The compound profile (names on the heading and 落款); also stands in for rules a draft has not copied yet. */
  settings: Settings;
  /** Keyed by resolution id, as meetingOutcomes returns them; computed from meeting and settings when absent. */
  outcomes?: Readonly<Record<string, VoteOutcome>>;
};

export const outcomesOf = (input: MinutesPrintInput): Readonly<Record<string, VoteOutcome>> =>
  input.outcomes ?? meetingOutcomes(input.meeting, input.settings);

const text = (s: string | undefined): string => s?.trim() ?? '';

/** The body that holds a meeting of this type (金山花园小区共建理事会 for 共建理事会会议); the compound name otherwise. */
export function convenerOf(type: MeetingType, settings: Settings): string {
  const compound = text(settings.compoundName);
  switch (type) {
    case 'council':
      return text(settings.councilName) || compound;
    case 'owners_assembly':
    case 'owners_committee':
    case 'owners_rep':
      return text(settings.ownersCommitteeName) || compound;
    case 'branch_assembly':
    case 'branch_committee':
      return text(settings.branchName) || compound;
    case 'six_party':
    case 'other':
      return compound;
    default:
      return assertNever(type);
  }
}
