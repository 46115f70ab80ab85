import { describe, expect, it } from 'vitest';
import { formatAreaDm2, parseAreaM2, parseCount } from './area';

describe('S2 parseAreaM2', () => {
  it.each([
    ['12345.67', 1234567],
    ['12345.6', 1234560],
    ['12345', 1234500],
    ['0.01', 1],
    ['0', 0],
    ['000123.40', 12340],
    ['12,345.67', 1234567],
    ['１２３４５．６７', 1234567],
    ['１２，３４５', 1234500],
    [' 12345.67 ', 1234567],
    ['12345.67㎡', 1234567],
    ['12345.67 平方米', 1234567],
    ['12345 m²', 1234500],
    ['80000.29', 8000029], // 80000.29 * 100 is 8000028.999999999 in floating point
    ['1000000000', 100_000_000_000],
    ['1000000000.00', 100_000_000_000],
  ])('S2 %j → %d dm²', (text, dm2) => expect(parseAreaM2(text)).toEqual({ ok: true, value: dm2 }));

  it.each([
    ['abc', 'AREA_INVALID'],
    ['十二万', 'AREA_INVALID'],
    ['-5', 'AREA_INVALID'],
    ['1e5', 'AREA_INVALID'],
    ['12.', 'AREA_INVALID'],
    ['.5', 'AREA_INVALID'],
    ['1.2.3', 'AREA_INVALID'],
    ['', 'AREA_INVALID'],
    ['12345.678', 'AREA_TOO_PRECISE'],
    ['1000000000.01', 'AREA_TOO_LARGE'],
    ['99999999999999999999', 'AREA_TOO_LARGE'],
  ])('S2 %j → %s', (text, code) => expect(parseAreaM2(text)).toEqual({ ok: false, error: code }));
});

describe('S3 formatAreaDm2', () => {
  it.each([
    [1234567, {}, '12345.67'],
    [1234560, {}, '12345.6'],
    [1234500, {}, '12345'],
    [1, {}, '0.01'],
    [0, {}, '0'],
    [1234567, { grouping: true }, '12,345.67'],
    [100_000_000_000, { grouping: true }, '1,000,000,000'],
  ])('S3 %d %j → %j', (dm2, options, text) => expect(formatAreaDm2(dm2, options)).toBe(text));

  it('S3 round-trips with parseAreaM2', () => {
    for (const dm2 of [0, 1, 99, 100, 8000029, 1234567, 100_000_000_000]) {
      expect(parseAreaM2(formatAreaDm2(dm2))).toEqual({ ok: true, value: dm2 });
    }
  });
});

describe('S4 parseCount', () => {
  it.each([
    ['1200', { ok: true, value: 1200 }],
    ['1,200', { ok: true, value: 1200 }],
    ['１２００', { ok: true, value: 1200 }],
    ['7人', { ok: true, value: 7 }],
    ['007', { ok: true, value: 7 }],
    ['100000000', { ok: true, value: 100_000_000 }],
    ['12.5', { ok: false, error: 'COUNT_INVALID' }],
    ['-1', { ok: false, error: 'COUNT_INVALID' }],
    ['七', { ok: false, error: 'COUNT_INVALID' }],
    ['100000001', { ok: false, error: 'COUNT_TOO_LARGE' }],
  ])('S4 %j', (text, expected) => expect(parseCount(text)).toEqual(expected));
});
