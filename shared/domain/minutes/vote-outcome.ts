// V1–V6, V12–V15: whether a resolution passed, with every number behind the answer so the UI can print
// "参与业主 66/100 < 2/3". All comparisons are exact (fraction.ts).
import { assertNever } from '../../result';
import { assemblyTotals, memberCounts, participationOf, tallyOf, type Tally } from './counts';
import type { MeetingFieldError } from './errors';
import { meetsThreshold } from './fraction';
import type { Art278Matter, Meeting, Resolution, Settings, Threshold, VoteRule } from './types';
import { validateItemParticipation, validateResolutionVote, validateVoteContext } from './validate';
import { ART278_RULE, isSpecialMatter, voteRuleFor, type RuleSource } from './vote-rules';

export const OUTCOMES = ['passed', 'failed', 'not_quorate', 'no_vote', 'invalid'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type StepKind =
  | 'quorum_area' // 业主大会: participating area of the total exclusive area
  | 'quorum_owners' // 业主大会: participating owners of all owners
  | 'pass_area' // 业主大会: yes-area of the participating area
  | 'pass_owners' // 业主大会: yes-owners of the participating owners
  | 'quorum_members' // present members of all members
  | 'pass_members'; // yes of all members or of those present (see `baseOf`)

export type StepBase =
  | 'total_area'
  | 'total_owners'
  | 'participating_area'
  | 'participating_owners'
  | 'all_members'
  | 'present_members';

/** One comparison: `actual / base` against `threshold`, decided by cross-multiplying. */
export type Step = { kind: StepKind; actual: number; base: number; baseOf: StepBase; threshold: Threshold; met: boolean };

export type Check = { met: boolean; steps: Step[] };

export type AppliedRule =
  | { kind: 'art278'; matter: Art278Matter; special: boolean; quorum: Threshold; pass: Threshold }
  | { kind: 'rule'; source: RuleSource; rule: VoteRule };

export type VoteOutcome = {
  outcome: Outcome;
  /** null when no vote was taken or the input is invalid. */
  quorum: Check | null;
  /** null when no vote was taken or the input is invalid. */
  pass: Check | null;
  /** quorum steps then pass steps. */
  steps: Step[];
  tally: Tally | null;
  rule: AppliedRule;
  /** Why the outcome is 'invalid' (empty otherwise); paths as in validateResolutionVote / validateMeeting. */
  problems: MeetingFieldError[];
};

const step = (kind: StepKind, actual: number, base: number, baseOf: StepBase, threshold: Threshold): Step => ({
  kind,
  actual,
  base,
  baseOf,
  threshold,
  met: meetsThreshold(actual, base, threshold),
});

const check = (steps: Step[]): Check => ({ met: steps.every((s) => s.met), steps });

function appliedRule(meeting: Meeting, resolution: Resolution, settings?: Settings): AppliedRule {
  const ruled = voteRuleFor(meeting, settings);
  if (ruled) return { kind: 'rule', source: ruled.source, rule: ruled.rule };
  const matter = resolution.matter ?? 'general';
  const special = isSpecialMatter(matter);
  return { kind: 'art278', matter, special, quorum: ART278_RULE.quorum, pass: special ? ART278_RULE.special : ART278_RULE.general };
}

/** V12: a 业主大会 vote cannot be decided without the totals and the participation (the item's, else the meeting's). */
function assemblyPrerequisites(meeting: Meeting, resolution: Resolution, settings?: Settings): MeetingFieldError[] {
  const { totalAreaDm2, totalOwners } = assemblyTotals(meeting, settings);
  const p = participationOf(meeting, resolution);
  const out: MeetingFieldError[] = [];
  if (totalAreaDm2 === undefined) out.push({ path: 'totalAreaDm2', code: 'TOTAL_AREA_MISSING' });
  if (totalOwners === undefined) out.push({ path: 'totalOwners', code: 'TOTAL_OWNERS_MISSING' });
  if (p.areaDm2 === undefined) out.push({ path: 'participatingAreaDm2', code: 'PARTICIPATING_AREA_MISSING' });
  if (p.owners === undefined) out.push({ path: 'participatingOwners', code: 'PARTICIPATING_OWNERS_MISSING' });
  return out;
}

/** `topics.<topicId>.resolutions.<id>`, the path validateMeeting uses. */
function resolutionPath(meeting: Meeting, resolutionId: string): string {
  const topic = meeting.topics.find((t) => (t.resolutions ?? []).some((r) => r.id === resolutionId));
  return topic ? `topics.${topic.id}.resolutions.${resolutionId}` : `resolutions.${resolutionId}`;
}

/**
 * The outcome of one resolution's vote. `settings` stands in for what the meeting has not copied (its rule,
 * 业主大会 totals, 业委会 size); a finalised meeting carries its own.
 * V13: no vote → 'no_vote'. V14: a malformed vote or missing prerequisite → 'invalid' with the problems.
 * V15: quorum first ('not_quorate'), then the pass threshold ('passed' / 'failed').
 */
export function voteOutcome(meeting: Meeting, resolution: Resolution, settings?: Settings): VoteOutcome {
  const rule = appliedRule(meeting, resolution, settings);
  const none = { quorum: null, pass: null, steps: [], tally: null, rule };
  if (resolution.vote.method === 'none') return { outcome: 'no_vote', ...none, problems: [] };

  const prefix = resolutionPath(meeting, resolution.id);
  const vote = [...validateItemParticipation(meeting, resolution, settings), ...validateResolutionVote(meeting, resolution)].map(
    (e) => ({ ...e, path: `${prefix}.${e.path}` }),
  );
  const context = [
    ...validateVoteContext(meeting, settings),
    ...(rule.kind === 'art278' ? assemblyPrerequisites(meeting, resolution, settings) : []),
  ];
  const problems = [...context, ...vote];
  if (problems.length > 0) return { outcome: 'invalid', ...none, problems };

  const tally = tallyOf(meeting, resolution.vote);
  let quorum: Check;
  let pass: Check;
  switch (rule.kind) {
    case 'art278': {
      const { totalAreaDm2, totalOwners } = assemblyTotals(meeting, settings);
      // Prerequisites checked above: these are all defined. Art. 278 asks who took part in deciding this matter, so
      // quorum and pass are both counted on the item's own participation where it records one (V16).
      const p = participationOf(meeting, resolution);
      const area = p.areaDm2 ?? 0;
      const owners = p.owners ?? 0;
      quorum = check([
        step('quorum_area', area, totalAreaDm2 ?? 0, 'total_area', rule.quorum),
        step('quorum_owners', owners, totalOwners ?? 0, 'total_owners', rule.quorum),
      ]);
      pass = check([
        step('pass_area', tally.area?.yes ?? 0, area, 'participating_area', rule.pass),
        step('pass_owners', tally.yes, owners, 'participating_owners', rule.pass),
      ]);
      break;
    }
    case 'rule': {
      const counts = memberCounts(meeting, settings);
      const r = rule.rule;
      quorum = check([step('quorum_members', counts.present, counts.all, 'all_members', r.quorum)]);
      const base = r.passBase === 'all' ? counts.all : counts.present;
      pass = check([step('pass_members', tally.yes, base, r.passBase === 'all' ? 'all_members' : 'present_members', r.pass)]);
      break;
    }
    default:
      return assertNever(rule);
  }
  const outcome: Outcome = !quorum.met ? 'not_quorate' : pass.met ? 'passed' : 'failed';
  return { outcome, quorum, pass, steps: [...quorum.steps, ...pass.steps], tally, rule, problems: [] };
}

/** Every resolution's outcome as recorded, keyed by resolution id. */
export function meetingOutcomes(meeting: Meeting, settings?: Settings): Record<string, VoteOutcome> {
  const out: Record<string, VoteOutcome> = {};
  for (const t of meeting.topics) for (const r of t.resolutions ?? []) out[r.id] = voteOutcome(meeting, r, settings);
  return out;
}
