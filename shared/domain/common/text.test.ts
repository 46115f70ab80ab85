import { describe, expect, it } from 'vitest';
import { charLength, isCalendarDate, optionalText, toHalfWidth } from './text';

describe('text helpers', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['24-01-01', false],
    ['', false],
  ])('isCalendarDate(%j) = %s', (s, expected) => expect(isCalendarDate(s)).toBe(expected));

  it('counts code points like ajv', () => {
    expect(charLength('张三')).toBe(2);
    expect(charLength('𠮷')).toBe(1);
  });

  it('folds full-width digits and separators', () => {
    expect(toHalfWidth('１３８００１３８０００')).toBe('13800138000');
    expect(toHalfWidth('１２，３４５．６７')).toBe('12,345.67');
    expect(toHalfWidth('０５７１－８７６５４３２１')).toBe('0571-87654321');
  });

  it('optionalText trims and drops empty text', () => {
    expect(optionalText('  a ')).toBe('a');
    expect(optionalText('   ')).toBeUndefined();
    expect(optionalText(undefined)).toBeUndefined();
  });
});
