// What the secretary types into number and time boxes → stored values. Exact: no floats (areas go through the
// settings' decimal parser to dm²). An empty box means "not recorded" (undefined), never 0.
import { toHalfWidth } from '../../../shared/domain/common/text';
import { parseAreaM2, parseCount, type AreaErrorCode, type CountErrorCode } from '../../../shared/domain/common/decimal';
import { err, ok, type Result } from '../../../shared/result';

const MAX_VOTE_DIGITS = 9;

/** '19:30', '19：30', '1930', '930', '19.30', '19时30分' → '19:30'; '' → undefined. */
export function parseTimeInput(text: string): Result<string | undefined, 'TIME_INVALID'> {
  const s = toHalfWidth(text).trim().replace(/\uFF1A/g, ':');
  if (s === '') return ok(undefined);
  const m =
    /^(\d{1,2})[:.](\d{2})$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s) ?? /^(\d{1,2})[时點点](?:(\d{1,2})分?)?$/.exec(s);
  if (!m) return err('TIME_INVALID');
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return err('TIME_INVALID');
  return ok(`${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
}

/**
 * A vote count: '12', '12票', '１２' → 12; '-3' → -3 so that the rules can say 票数不能为负数 (VOTE_NEGATIVE);
 * '' → undefined; anything else COUNT_INVALID.
 */
export function parseVoteCount(text: string): Result<number | undefined, CountErrorCode> {
  const s = toHalfWidth(text).trim().replace(/\s*(人|票|名|位)$/, '');
  if (s === '') return ok(undefined);
  const m = /^(-?)(\d+)$/.exec(s);
  if (!m) return err('COUNT_INVALID');
  const digits = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_VOTE_DIGITS) return err('COUNT_TOO_LARGE');
  return ok(Number(`${m[1] ?? ''}${digits}`));
}

/** A non-negative count (totals, participation); '' → undefined. */
export function parseOptionalCount(text: string): Result<number | undefined, CountErrorCode> {
  return text.trim() === '' ? ok(undefined) : parseCount(text);
}

/** An area in m² ('12345.67', '12,345.67㎡') → dm²; '' → undefined. */
export function parseOptionalArea(text: string): Result<number | undefined, AreaErrorCode> {
  return text.trim() === '' ? ok(undefined) : parseAreaM2(text);
}

/** 发言人: '张三、李四，王五' → ['张三', '李四', '王五']. */
export const parseNames = (text: string): string[] =>
  text
    .split(/[、,，;；\s\u3000]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
