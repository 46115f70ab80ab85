import { describe, expect, it } from 'vitest';
import { meetsThreshold, relationOf, shareTenths } from './fraction';
import type { Threshold } from './types';

const atLeast = (num: number, den: number): Threshold => ({ num, den, inclusive: true });
const moreThan = (num: number, den: number): Threshold => ({ num, den, inclusive: false });

// A total divisible by 3 just below 2^53: products of it leave the range where doubles are exact.
const BIG = 3 * 3_002_399_751_580_330; // 9_007_199_254_740_990

describe('meetsThreshold', () => {
  it.each<[string, number, number, Threshold, boolean]>([
    ['F1 exactly 3/4 meets ≥ 3/4', 75, 100, atLeast(3, 4), true],
    ['F1 just below 3/4 fails ≥ 3/4', 74, 100, atLeast(3, 4), false],
    ['F1 exactly 2/3 meets ≥ 2/3', 2, 3, atLeast(2, 3), true],
    ['F1 66 of 100 fails ≥ 2/3 (198 < 200)', 66, 100, atLeast(2, 3), false],
    ['F1 67 of 100 meets ≥ 2/3', 67, 100, atLeast(2, 3), true],
    ['F1 exactly 1/2 meets 半数以上', 3, 6, atLeast(1, 2), true],
    ['F2 exactly 1/2 fails 过半数', 3, 6, moreThan(1, 2), false],
    ['F2 4 of 7 is 过半数', 4, 7, moreThan(1, 2), true],
    ['F3 a base of 0 meets nothing', 0, 0, atLeast(0, 1), false],
    ['F1 exact beyond 2^53: exactly 2/3', 2 * 3_002_399_751_580_330, BIG, atLeast(2, 3), true],
    ['F1 exact beyond 2^53: one less', 2 * 3_002_399_751_580_330 - 1, BIG, atLeast(2, 3), false],
    ['F2 exact beyond 2^53: one more than half is strict majority', BIG / 2 + 1, BIG - 0, moreThan(1, 2), true],
  ])('%s', (_id, actual, base, t, expected) => expect(meetsThreshold(actual, base, t)).toBe(expected));

  it('F1 doubles would get the big case wrong (why BigInt)', () => {
    const actual = 6_755_399_441_055_742; // just below 3/4 of BIG
    expect(actual * 4 >= 3 * BIG).toBe(true); // wrong in floating point
    expect(meetsThreshold(actual, BIG, atLeast(3, 4))).toBe(false);
    expect(meetsThreshold(actual + 1, BIG, atLeast(3, 4))).toBe(true); // 3/4 of BIG is …742.5
  });

  it('F1 refuses non-integers (callers validate first)', () => {
    expect(() => meetsThreshold(1.5, 3, atLeast(1, 2))).toThrow();
  });

  it.each([
    [true, atLeast(2, 3), '≥'],
    [true, moreThan(1, 2), '>'],
    [false, atLeast(2, 3), '<'],
    [false, moreThan(1, 2), '≤'],
  ] as const)('relationOf(%s, %j) = %s', (met, t, rel) => expect(relationOf(met, t)).toBe(rel));
});

describe('shareTenths (printed shares only)', () => {
  it.each<[string, number, number, number | null]>([
    ['460 of 610 owners is 75.4%', 460, 610, 754],
    ['3 512 050 of 4 502 628 dm² is 78.0%', 3_512_050, 4_502_628, 780],
    ['exactly half', 1, 2, 500],
    ['half a tenth rounds up', 1, 2000, 1],
    ['2/3 prints as 66.7%', 2, 3, 667],
    ['all', 7, 7, 1000],
    ['a total of 0 has no share', 0, 0, null],
  ])('%s', (_id, part, whole, expected) => expect(shareTenths(part, whole)).toBe(expected));
});
