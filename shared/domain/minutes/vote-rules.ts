// V1–V4: which rule decides a vote. 业主大会 follows 民法典 art. 278 and is not configurable; every other meeting type
// has a VoteRule that a compound may adjust in settings (local regulations differ) and that each meeting copies.
import type { MeetingType } from '../../schema';
import type { Art278Matter, Meeting, Settings, Threshold, VoteRule } from './types';

export type RuledMeetingType = Exclude<MeetingType, 'owners_assembly'>;

const MAJORITY: Threshold = { num: 1, den: 2, inclusive: false }; // 过半数: more than half
const HALF_OR_MORE: Threshold = { num: 1, den: 2, inclusive: true }; // 半数以上: half or more (art. 1259)
const SIMPLE: VoteRule = { quorum: MAJORITY, pass: MAJORITY, passBase: 'present' };

/**
 * V2: 业委会会议 per 业主大会和业主委员会指导规则: quorate with more than half of all members present (过半数),
 * passed with at least half of ALL members agreeing (全体委员半数以上).
 * V3: every other type: more than half of the members present, passed by more than half of those present.
 */
export const DEFAULT_VOTE_RULES = {
  owners_committee: { quorum: MAJORITY, pass: HALF_OR_MORE, passBase: 'all' },
  council: SIMPLE,
  owners_rep: SIMPLE,
  branch_assembly: SIMPLE,
  branch_committee: SIMPLE,
  six_party: SIMPLE,
  other: SIMPLE,
} as const satisfies Record<RuledMeetingType, VoteRule>;

/**
 * V1: 民法典 art. 278. Quorum: ≥ 2/3 of the exclusive area AND ≥ 2/3 of the owners take part. Items 6–8 need
 * ≥ 3/4 of the participating area AND owners; everything else more than half (过半数) of both.
 */
export const ART278_RULE = {
  quorum: { num: 2, den: 3, inclusive: true },
  special: { num: 3, den: 4, inclusive: true },
  general: MAJORITY,
} as const satisfies Record<string, Threshold>;

/** 筹集维修资金, 改建重建, 改变共有部分用途或利用共有部分从事经营 */
export const ART278_SPECIAL_MATTERS = ['art278_6', 'art278_7', 'art278_8'] as const satisfies readonly Art278Matter[];

export const isSpecialMatter = (m: Art278Matter | undefined): boolean =>
  m !== undefined && (ART278_SPECIAL_MATTERS as readonly string[]).includes(m);

export const isRuledType = (t: MeetingType): t is RuledMeetingType => t !== 'owners_assembly';

export type RuleSource = 'meeting' | 'settings' | 'default';

/** V4: the meeting's own copy first (it must not change after creation), then settings, then the national default. */
export function voteRuleFor(
  meeting: Pick<Meeting, 'type' | 'voteRule'>,
  settings?: Pick<Settings, 'voteRules'>,
): { rule: VoteRule; source: RuleSource } | null {
  const type = meeting.type;
  if (!isRuledType(type)) return null;
  if (meeting.voteRule) return { rule: meeting.voteRule, source: 'meeting' };
  const configured = settings?.voteRules?.[type];
  if (configured) return { rule: configured, source: 'settings' };
  return { rule: DEFAULT_VOTE_RULES[type], source: 'default' };
}

/** A mutable copy of a rule, for storing on a new meeting. */
export const copyRule = (r: VoteRule): { quorum: Threshold; pass: Threshold; passBase: 'all' | 'present' } => ({
  quorum: { ...r.quorum },
  pass: { ...r.pass },
  passBase: r.passBase,
});
