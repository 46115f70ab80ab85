import { describe, expect, it } from 'vitest';
import { parseMoneyYuan, type MoneyErrorCode } from '../../shared/domain/common/decimal';
import { errorText } from './errors';

describe('money error sentences', () => {
  // Each code as the parser gives it for what a treasurer might type.
  it.each([
    ['一千元', 'MONEY_INVALID'],
    ['1e3', 'MONEY_INVALID'],
    ['1.234', 'MONEY_TOO_PRECISE'],
    ['99999999999999999999', 'MONEY_TOO_LARGE'],
    ['-5', 'MONEY_NEGATIVE'],
  ] as const satisfies readonly (readonly [string, MoneyErrorCode])[])('%s → %s has a Chinese sentence', (typed, code) => {
    const r = parseMoneyYuan(typed);
    expect(r.ok ? null : r.error).toBe(code);
    expect(errorText(code)).toMatch(/^[^a-zA-Z]*金额.*。$/u);
  });
});
