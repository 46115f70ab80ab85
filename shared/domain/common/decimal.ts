// Exact fixed-point decimals: area in dm² (m² with 2 decimals), money in fen (yuan with 2 decimals), counts. The text
// is split into digits and the decimal point is placed by moving digits, never by multiplying or dividing floats, so
// 80000.29 m² is 8000029 dm² and not 8000028.999999999. Every stored value is a safe integer.
import { err, ok, type Result } from '../../result';
import { areaField, countField, fenField } from '../../schema';
import nzh from 'nzh/cn';
import { toHalfWidth } from './text';

export type DecimalErrorCode = 'DECIMAL_INVALID' | 'DECIMAL_TOO_PRECISE' | 'DECIMAL_TOO_LARGE' | 'DECIMAL_NEGATIVE';

export type FixedSpec = {
  /** Digits after the point: 2 for m² → dm² and yuan → fen, 0 for counts. */
  readonly scale: number;
  /** The largest magnitude allowed, in the smallest unit (a safe integer). */
  readonly max: number;
  /** A leading '-' is accepted only when asked (a refund, a correction); otherwise it is DECIMAL_NEGATIVE. */
  readonly allowNegative?: boolean;
  /** 'strict': commas must group thousands (1,234.50); 'loose': commas are ignored wherever they are. */
  readonly grouping?: 'strict' | 'loose';
};

/** Full-width forms to ASCII, whitespace trimmed. */
const normalise = (text: string): string => toHalfWidth(text).trim();

/**
 * Text → an integer count of the smallest unit: ('1,234.5', scale 2) → 123450. Accepts full-width digits and point,
 * thousands commas and spaces; rejects exponents, a lone sign, a bare point ('12.', '.5') and more decimals than the
 * scale allows.
 */
export function parseFixed(text: string, spec: FixedSpec): Result<number, DecimalErrorCode> {
  let s = normalise(text);
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  }
  if (spec.grouping === 'strict' && s.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return err('DECIMAL_INVALID');
  s = s.replace(/[,\s]/g, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return err('DECIMAL_INVALID');
  if (negative && !spec.allowNegative) return err('DECIMAL_NEGATIVE');
  const frac = m[2] ?? '';
  if (frac.length > spec.scale) return err('DECIMAL_TOO_PRECISE');
  const digits = ((m[1] ?? '') + frac.padEnd(spec.scale, '0')).replace(/^0+(?=\d)/, '');
  // Compare lengths first so that a long string never becomes an inexact number.
  if (digits.length > String(spec.max).length) return err('DECIMAL_TOO_LARGE');
  const n = Number(digits);
  if (n > spec.max) return err('DECIMAL_TOO_LARGE');
  return ok(negative && n !== 0 ? -n : n);
}

const group = (intPart: string): string => intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export type FormatFixedOptions = {
  readonly scale: number;
  /** 12,345.67 rather than 12345.67. */
  readonly grouping?: boolean;
  /** Drop trailing zero decimals (12345.6, 12345) rather than always showing the scale (12345.60, 12345.00). */
  readonly trimZeros?: boolean;
};

/** An integer count of the smallest unit → text: (123450, scale 2) → '1234.50'. Throws on a non-safe integer. */
export function formatFixed(units: number, options: FormatFixedOptions): string {
  if (!Number.isSafeInteger(units)) throw new Error(`not an exact fixed-point value: ${units}`);
  const sign = units < 0 ? '-' : '';
  const s = String(Math.abs(units)).padStart(options.scale + 1, '0');
  const intPart = options.scale === 0 ? s : s.slice(0, -options.scale);
  let frac = options.scale === 0 ? '' : s.slice(-options.scale);
  if (options.trimZeros) frac = frac.replace(/0+$/, '');
  const shown = options.grouping ? group(intPart) : intPart;
  return frac === '' ? `${sign}${shown}` : `${sign}${shown}.${frac}`;
}

// ---- Area: m² typed, dm² stored (settings S2–S3) ----

export type AreaErrorCode = 'AREA_INVALID' | 'AREA_TOO_PRECISE' | 'AREA_TOO_LARGE';

const AREA: FixedSpec = { scale: 2, max: areaField.maximum, grouping: 'loose' };
const AREA_UNIT = /\s*(㎡|m²|m2|平方米|平米)$/i;

const areaCode = (c: DecimalErrorCode): AreaErrorCode =>
  c === 'DECIMAL_TOO_PRECISE' ? 'AREA_TOO_PRECISE' : c === 'DECIMAL_TOO_LARGE' ? 'AREA_TOO_LARGE' : 'AREA_INVALID';

/** S2: '12345.67' (m²) → 1234567 (dm²). */
export function parseAreaM2(text: string): Result<number, AreaErrorCode> {
  const r = parseFixed(normalise(text).replace(AREA_UNIT, ''), AREA);
  return r.ok ? r : err(areaCode(r.error));
}

/** S3: 1234567 (dm²) → '12345.67' (m²); trailing zero decimals are dropped. */
export function formatAreaDm2(dm2: number, options: { grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(dm2) || dm2 < 0) throw new Error(`not a dm² area: ${dm2}`);
  return formatFixed(dm2, { scale: 2, grouping: options.grouping, trimZeros: true });
}

// ---- Counts (settings S4) ----

export type CountErrorCode = 'COUNT_INVALID' | 'COUNT_TOO_LARGE';

const COUNT: FixedSpec = { scale: 0, max: countField.maximum, grouping: 'loose' };

/** S4: '1,200', '７人' → a whole number of people, households… */
export function parseCount(text: string): Result<number, CountErrorCode> {
  const r = parseFixed(normalise(text).replace(/\s*(㎡|m²|m2|平方米|平米)$/i, '').replace(/(人|名|位)$/, ''), COUNT);
  return r.ok ? r : err(r.error === 'DECIMAL_TOO_LARGE' ? 'COUNT_TOO_LARGE' : 'COUNT_INVALID');
}

// ---- Money: yuan typed, fen stored ----

export type Fen = number & { readonly unit: 'fen' };

/** A safe integer number of fen, or a thrown error (a programming mistake, never user input). */
export function toFen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new Error(`not integer fen: ${n}`);
  return n as Fen;
}

export type MoneyErrorCode = 'MONEY_INVALID' | 'MONEY_TOO_PRECISE' | 'MONEY_TOO_LARGE' | 'MONEY_NEGATIVE';

const moneyCode = (c: DecimalErrorCode): MoneyErrorCode => {
  switch (c) {
    case 'DECIMAL_INVALID':
      return 'MONEY_INVALID';
    case 'DECIMAL_TOO_PRECISE':
      return 'MONEY_TOO_PRECISE';
    case 'DECIMAL_TOO_LARGE':
      return 'MONEY_TOO_LARGE';
    case 'DECIMAL_NEGATIVE':
      return 'MONEY_NEGATIVE';
  }
};

/**
 * '1234.5', '1,234.50', '¥1,234.50', '１２３４．５０', '1234.50元' → 123450 fen. Rejects '1.234' (fen is the smallest
 * unit), '-' , '1e3' and ''. A negative amount only with { allowNegative: true }.
 */
export function parseMoneyYuan(text: string, options: { allowNegative?: boolean } = {}): Result<Fen, MoneyErrorCode> {
  let s = normalise(text).replace(/\s*元$/, '');
  const sign = s.startsWith('-') ? '-' : '';
  s = s.slice(sign.length).trim().replace(/^[¥￥]\s*/, '');
  const r = parseFixed(sign + s, { scale: 2, max: fenField.maximum, allowNegative: options.allowNegative, grouping: 'strict' });
  return r.ok ? ok(toFen(r.value)) : err(moneyCode(r.error));
}

/** 123456 → '¥1,234.56'; -5 → '-¥0.05'. Always two decimals, grouped. */
export function formatMoneyFen(fen: number): string {
  const s = formatFixed(toFen(fen), { scale: 2, grouping: true });
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

/**
 * 金额大写, as written on a 记账凭证's 合计 and on receipts: 123456 → 「壹仟贰佰叁拾肆元伍角陆分」, 120000 →
 * 「壹仟贰佰元整」, −5 → 「负伍分」. nzh reads the yuan as text built from the integer fen, so no float is involved.
 */
export function moneyInWordsFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money in fen must be a safe integer: ${fen}`);
  if (fen === 0) return '零元整';
  const abs = Math.abs(fen);
  const yuan = (abs - (abs % 100)) / 100;
  const cents = abs % 100;
  // nzh writes 「整」 only for a whole number of yuan given without decimals.
  const words = nzh.toMoney(cents === 0 ? `${yuan}` : `${yuan}.${String(cents).padStart(2, '0')}`, { outSymbol: false });
  return fen < 0 ? `负${words}` : words;
}
