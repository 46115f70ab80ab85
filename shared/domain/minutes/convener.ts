// Which body holds a meeting of a type: named on printed minutes and on the notices made from them.
import type { MeetingType, SettingsDoc } from '../../schema';
import { assertNever } from '../../result';

const text = (s: string | undefined): string => s?.trim() ?? '';

/** The body that holds a meeting of this type (金山花园小区共建理事会 for 共建理事会会议); the compound name otherwise. */
export function convenerOf(type: MeetingType, settings: Readonly<Pick<SettingsDoc, 'compoundName' | 'branchName' | 'ownersCommitteeName' | 'councilName'>>): string {
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
