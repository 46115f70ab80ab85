// S2–S4: exact decimal parsing for area and counts. No floats: the text is split into digits.
import { err, ok, type Result } from '../../result';
import { areaField, countField } from '../../schema';
import { toHalfWidth } from '../common/text';

export type AreaErrorCode = 'AREA_INVALID' | 'AREA_TOO_PRECISE' | 'AREA_TOO_LARGE';
export type CountErrorCode = 'COUNT_INVALID' | 'COUNT_TOO_LARGE';

const MAX_AREA_DM2 = areaField.maximum;
const MAX_COUNT = countField.maximum;

function clean(text: string): string {
  return toHalfWidth(text)
    .trim()
    .replace(/\s*(㎡|m²|m2|平方米|平米)$/i, '')
    .replace(/[,\s]/g, '');
}

/** S2: '12345.67' (m²) → 1234567 (dm²). */
export function parseAreaM2(text: string): Result<number, AreaErrorCode> {
  const s = clean(text);
  if (/^\d+\.\d{3,}$/.test(s)) return err('AREA_TOO_PRECISE');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return err('AREA_INVALID');
  const digits = ((m[1] ?? '') + (m[2] ?? '').padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  // Compare lengths first so that a long string never becomes an inexact number.
  if (digits.length > String(MAX_AREA_DM2).length) return err('AREA_TOO_LARGE');
  const dm2 = Number(digits);
  return dm2 > MAX_AREA_DM2 ? err('AREA_TOO_LARGE') : ok(dm2);
}

const group = (intPart: string): string => intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** S3: 1234567 (dm²) → '12345.67' (m²); trailing zero decimals are dropped. */
export function formatAreaDm2(dm2: number, options: { grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(dm2) || dm2 < 0) throw new Error(`not a dm² area: ${dm2}`);
  const s = String(dm2).padStart(3, '0');
  const intPart = s.slice(0, -2);
  const frac = s.slice(-2).replace(/0+$/, '');
  const shown = options.grouping ? group(intPart) : intPart;
  return frac === '' ? shown : `${shown}.${frac}`;
}

/** S4 */
export function parseCount(text: string): Result<number, CountErrorCode> {
  const s = clean(text).replace(/(人|名|位)$/, '');
  if (!/^\d+$/.test(s)) return err('COUNT_INVALID');
  const digits = s.replace(/^0+(?=\d)/, '');
  if (digits.length > String(MAX_COUNT).length) return err('COUNT_TOO_LARGE');
  const n = Number(digits);
  return n > MAX_COUNT ? err('COUNT_TOO_LARGE') : ok(n);
}
