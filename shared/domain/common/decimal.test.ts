import { describe, expect, it } from 'vitest';
import { formatAreaDm2, formatFixed, formatMoneyFen, moneyInWordsFen, parseAreaM2, parseCount, parseFixed, parseMoneyYuan } from './decimal';

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

describe('parseFixed', () => {
  it.each([
    ['1234.5', { scale: 2, max: 10_000_000 }, { ok: true, value: 123450 }],
    ['-1234.5', { scale: 2, max: 10_000_000, allowNegative: true }, { ok: true, value: -123450 }],
    ['-0', { scale: 2, max: 100, allowNegative: true }, { ok: true, value: 0 }],
    ['-1', { scale: 2, max: 100 }, { ok: false, error: 'DECIMAL_NEGATIVE' }],
    ['1.5', { scale: 0, max: 100 }, { ok: false, error: 'DECIMAL_TOO_PRECISE' }],
    ['1,2345', { scale: 0, max: 100_000, grouping: 'strict' }, { ok: false, error: 'DECIMAL_INVALID' }],
    ['1,2345', { scale: 0, max: 100_000, grouping: 'loose' }, { ok: true, value: 12345 }],
    ['101', { scale: 0, max: 100 }, { ok: false, error: 'DECIMAL_TOO_LARGE' }],
    ['9007199254740993', { scale: 0, max: Number.MAX_SAFE_INTEGER }, { ok: false, error: 'DECIMAL_TOO_LARGE' }],
  ] as const)('%j %j', (text, spec, expected) => expect(parseFixed(text, spec)).toEqual(expected));
});

describe('formatFixed', () => {
  it.each([
    [123450, { scale: 2 }, '1234.50'],
    [123450, { scale: 2, grouping: true }, '1,234.50'],
    [123450, { scale: 2, trimZeros: true }, '1234.5'],
    [-5, { scale: 2 }, '-0.05'],
    [1200, { scale: 0, grouping: true }, '1,200'],
  ])('%d %j → %j', (n, options, text) => expect(formatFixed(n, options)).toBe(text));

  it('refuses a value that is not a safe integer', () => {
    expect(() => formatFixed(1.5, { scale: 2 })).toThrow();
    expect(() => formatFixed(2 ** 53, { scale: 2 })).toThrow();
  });
});

describe('parseMoneyYuan', () => {
  it.each([
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['１２３４．５０', 123450],
    ['１，２３４.５０', 123450],
    ['¥1,234.56', 123456],
    ['￥ 0.01', 1],
    ['1234.50元', 123450],
    [' 88 ', 8800],
    ['0', 0],
    ['9000000000000', 900_000_000_000_000],
  ])('%j → %d fen', (text, fen) => expect(parseMoneyYuan(text)).toEqual({ ok: true, value: fen }));

  it.each([
    ['1.234', 'MONEY_TOO_PRECISE'],
    ['-', 'MONEY_INVALID'],
    ['1e3', 'MONEY_INVALID'],
    ['', 'MONEY_INVALID'],
    ['   ', 'MONEY_INVALID'],
    ['12.', 'MONEY_INVALID'],
    ['.5', 'MONEY_INVALID'],
    ['1,23.00', 'MONEY_INVALID'],
    ['12,34', 'MONEY_INVALID'],
    ['NaN', 'MONEY_INVALID'],
    ['Infinity', 'MONEY_INVALID'],
    ['0x10', 'MONEY_INVALID'],
    ['-5', 'MONEY_NEGATIVE'],
    ['-¥5.00', 'MONEY_NEGATIVE'],
    ['9000000000000.01', 'MONEY_TOO_LARGE'],
    ['99999999999999999999999', 'MONEY_TOO_LARGE'],
  ])('%j → %s', (text, code) => expect(parseMoneyYuan(text)).toEqual({ ok: false, error: code }));

  it.each([
    ['-5', -500],
    ['-¥1,234.56', -123456],
    ['－１２.３', -1230],
  ])('%j with allowNegative → %d fen', (text, fen) =>
    expect(parseMoneyYuan(text, { allowNegative: true })).toEqual({ ok: true, value: fen }));
});

describe('formatMoneyFen', () => {
  it.each([
    [123456, '¥1,234.56'],
    [123450, '¥1,234.50'],
    [0, '¥0.00'],
    [1, '¥0.01'],
    [-123456, '-¥1,234.56'],
    [100_000_000, '¥1,000,000.00'],
  ])('%d → %j', (fen, text) => expect(formatMoneyFen(fen)).toBe(text));

  it('round-trips with parseMoneyYuan', () => {
    for (const fen of [0, 1, 99, 100, 123456, 900_000_000_000_000, -42]) {
      expect(parseMoneyYuan(formatMoneyFen(fen), { allowNegative: true })).toEqual({ ok: true, value: fen });
    }
  });

  it('refuses a value that is not integer fen', () => expect(() => formatMoneyFen(0.1)).toThrow());
});

describe('moneyInWordsFen (金额大写)', () => {
  it.each([
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [120000, '壹仟贰佰元整'],
    [5, '伍分'],
    [1050, '壹拾元伍角'],
    [100101, '壹仟零壹元零壹分'],
    [10000000000, '壹亿元整'],
    [0, '零元整'],
    [-123456, '负壹仟贰佰叁拾肆元伍角陆分'],
  ])('%d → %s', (fen, words) => expect(moneyInWordsFen(fen)).toBe(words));
});
