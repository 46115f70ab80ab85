// F1–F3: exact threshold arithmetic. Shares are never divided: `actual / base ≥ num / den` is decided as
// `actual · den ≥ num · base` in BigInt, because areas in dm² (up to 10^11) times a denominator leave the safe range
// once sums of several areas are involved.
import type { Threshold } from './types';

function big(n: number): bigint {
  // Callers validate first (NUMBER_INVALID, VOTE_NOT_INTEGER); reaching this is a programming error.
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${n}`);
  return BigInt(n);
}

/** F1/F2: `actual` is at least (inclusive) or more than (strict) `num/den` of `base`. F3: a base of 0 meets nothing. */
export function meetsThreshold(actual: number, base: number, t: Threshold): boolean {
  if (base <= 0) return false;
  const lhs = big(actual) * big(t.den);
  const rhs = big(t.num) * big(base);
  return t.inclusive ? lhs >= rhs : lhs > rhs;
}

/** The relation to print between the share and the threshold, e.g. 66/100 "<" 2/3. */
export type Relation = '≥' | '>' | '<' | '≤';

export function relationOf(met: boolean, t: Threshold): Relation {
  if (met) return t.inclusive ? '≥' : '>';
  return t.inclusive ? '<' : '≤';
}

export const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** A threshold a rule can use: integer parts, 0 ≤ num ≤ den, den ≥ 1. */
export const isValidThreshold = (t: Threshold): boolean =>
  Number.isSafeInteger(t.num) && Number.isSafeInteger(t.den) && t.den >= 1 && t.num >= 0 && t.num <= t.den;

/**
 * `part / whole` in tenths of a percent, rounded half up (460 of 610 → 754, printed 75.4%); null when `whole` is not
 * positive. For printing shares only: thresholds are decided by meetsThreshold, never on a rounded share.
 */
export function shareTenths(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  const p = big(part);
  const w = big(whole);
  return Number((p * 2000n + w) / (2n * w));
}
