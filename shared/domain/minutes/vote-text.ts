// How a decision's vote reads — "同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）" — and 业主大会
// participation against the compound's totals: one wording for the printed minutes (features/minutes/print) and the
// notices' 决议公告 (shared/domain/notices/generate). Areas are placed by moving digits, never by dividing, so no
// float ever rounds an area a vote depended on.
import { formatFixed } from '../common/decimal';
import { tallyOf, type Tally } from './counts';
import { relationOf, shareTenths } from './fraction';
import { OUTCOME_LABELS, VOTE_CHOICE_LABELS } from './labels';
import type { Meeting, Resolution } from './types';
import type { Step, StepKind, VoteOutcome } from './vote-outcome';

const PERSON = '人';

export const STEP_LABELS = {
  quorum_members: '出席',
  pass_members: '同意',
  quorum_area: '参与表决面积',
  quorum_owners: '参与表决业主',
  pass_area: '同意面积',
  pass_owners: '同意业主',
} as const satisfies Record<StepKind, string>;

/** 1234567 (dm²) → "12,345.67" (digits moved, never divided). */
export function formatAreaNumber(dm2: number): string {
  return Number.isSafeInteger(dm2) ? formatFixed(dm2, { scale: 2, grouping: true }) : `${String(dm2)} dm²`;
}

/** 1234567 (dm²) → "12,345.67 m²". */
export function formatAreaM2(dm2: number): string {
  const n = formatAreaNumber(dm2);
  return n.endsWith('dm²') ? n : `${n} m²`;
}

/** "同意4人，反对1人，弃权0人"; 业主大会 with the area behind each choice. */
export function tallyText(t: Tally): string {
  const part = (choice: 'yes' | 'no' | 'abstain'): string => {
    const head = `${VOTE_CHOICE_LABELS[choice]}${t[choice]}${PERSON}`;
    return t.area ? `${head}（${formatAreaM2(t.area[choice])}）` : head;
  };
  return `${part('yes')}，${part('no')}，${part('abstain')}`;
}

const isAreaStep = (s: Step): boolean => s.kind === 'quorum_area' || s.kind === 'pass_area';

/** "出席 5/7 > 1/2", "参与表决面积 118,765.43/152,345.67 m² ≥ 2/3". */
export function stepText(s: Step): string {
  const rel = relationOf(s.met, s.threshold);
  const frac = `${s.threshold.num}/${s.threshold.den}`;
  const share = isAreaStep(s) ? `${formatAreaNumber(s.actual)}/${formatAreaNumber(s.base)} m²` : `${s.actual}/${s.base}`;
  return `${STEP_LABELS[s.kind]} ${share} ${rel} ${frac}`;
}

/** The steps behind the outcome, quorum first; only the quorum's when not quorate; null without arithmetic. */
export function arithmeticLine(o: VoteOutcome): string | null {
  const steps = o.outcome === 'not_quorate' && o.quorum ? o.quorum.steps : o.steps;
  return steps.length === 0 ? null : steps.map(stepText).join('；');
}

/** "同意4人，反对1人，弃权0人；通过（出席 5/7 > 1/2；同意 4/5 > 1/2）"; just the outcome when no vote was taken. */
export function voteSummaryText(meeting: Meeting, resolution: Resolution, outcome: VoteOutcome): string {
  const label = OUTCOME_LABELS[outcome.outcome];
  if (resolution.vote.method === 'none') return label;
  const tally = tallyText(outcome.tally ?? tallyOf(meeting, resolution.vote));
  const arith = arithmeticLine(outcome);
  return `${tally}；${label}${arith ? `（${arith}）` : ''}`;
}

export const percentText = (tenths: number): string => `${Math.floor(tenths / 10)}.${tenths % 10}%`;

const shareOf = (n: number, of: number | undefined): string | null => {
  if (of === undefined || !Number.isSafeInteger(n) || !Number.isSafeInteger(of)) return null;
  const t = shareTenths(n, of);
  return t === null ? null : percentText(t);
};

/** "参与表决业主460人，占总人数75.4%；专有部分面积35,120.50 m²，占78.0%"; '' when nothing is recorded. */
export function participationText(
  part: { owners: number | undefined; areaDm2: number | undefined },
  totals: { totalOwners: number | undefined; totalAreaDm2: number | undefined },
): string {
  const parts: string[] = [];
  if (part.owners !== undefined) {
    const share = shareOf(part.owners, totals.totalOwners);
    parts.push(`参与表决业主${part.owners}${PERSON}${share ? `，占总人数${share}` : ''}`);
  }
  if (part.areaDm2 !== undefined) {
    const share = shareOf(part.areaDm2, totals.totalAreaDm2);
    parts.push(`${part.owners === undefined ? '参与表决的' : ''}专有部分面积${formatAreaM2(part.areaDm2)}${share ? `，占${share}` : ''}`);
  }
  return parts.join('；');
}
