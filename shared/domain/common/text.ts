// Text helpers shared by the domain validators. Pure; no locale-dependent behaviour.

/** Length in code points, the way ajv (and so the schemas' maxLength) counts it. */
export const charLength = (s: string): number => [...s].length;

/** Full-width digits and separators (typed with a Chinese IME) to their ASCII forms. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E|\u3002/g, '.') // ．and 。 typed as a decimal point
    .replace(/\uFF0D|\u2014|\u2013|\u2212/g, '-') // －, —, –, −
    .replace(/\uFF0C/g, ',') // ，
    .replace(/\u3000/g, ' '); // ideographic space
}

/** Trimmed text, or undefined when nothing is left (optional fields are omitted rather than stored empty). */
export function optionalText(s: string | undefined): string | undefined {
  const t = (s ?? '').trim();
  return t === '' ? undefined : t;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A real calendar date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 no), years 1900–2999. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  const max = mo === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 0);
  return d <= max;
}

/** YYYY-MM-DD strings compare correctly as text. */
export const isDateAfter = (a: string, b: string): boolean => a > b;
