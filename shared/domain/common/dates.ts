// Dates for every feature: local calendar dates (YYYY-MM-DD, in the compound's — this PC's — local time), local
// date-times, working days with an editable holiday list, period months and quarters, and Chinese wording
// (2026年11月28日, 星期六). Pure: the moment is always passed in. Calendar arithmetic is date-fns', not ours.
import {
  addDays,
  eachDayOfInterval,
  endOfMonth,
  format,
  getQuarter,
  isValid,
  isWeekend,
  parse,
  startOfMonth,
} from 'date-fns';
import { zhCN } from 'date-fns/locale/zh-CN';

/** A calendar date, YYYY-MM-DD. */
export type LocalDate = string;
/** A period month, YYYY-MM (the ledger's 会计期间). */
export type PeriodMonth = string;
export type Quarter = { readonly year: number; readonly quarter: 1 | 2 | 3 | 4 };

const toDate = (at: string | number | Date): Date => (at instanceof Date ? at : new Date(at));
const REF = new Date(2000, 0, 1);

/** The calendar date of a moment on this PC, YYYY-MM-DD (local time, not UTC: 8 a.m. in Beijing is still "today"). */
export const localDate = (at: string | number | Date): LocalDate => format(toDate(at), 'yyyy-MM-dd');

/** A moment as this PC's local date and time, YYYY-MM-DD HH:MM. */
export const localDateTime = (at: string | number | Date): string => format(toDate(at), 'yyyy-MM-dd HH:mm');

/** A moment as this PC's local wall-clock time, HH:MM; '' when it is not a moment. */
export function localTime(at: string | number | Date): string {
  const d = toDate(at);
  return isValid(d) ? format(d, 'HH:mm') : '';
}

/** 'YYYY-MM-DD' → that day at local midnight; null unless it is a real calendar date. */
export function parseLocalDate(date: string): Date | null {
  // Hot in working-day arithmetic over thousands of tasks: a direct parse, with date-fns' own as the reference in tests.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const out = new Date(y, mo - 1, d);
  out.setFullYear(y); // years 0–99 would otherwise land in 1900–1999
  return out.getFullYear() === y && out.getMonth() === mo - 1 && out.getDate() === d ? out : null;
}

/** date-fns' reading of 'YYYY-MM-DD', kept as the reference for parseLocalDate's fast path. */
export function parseLocalDateReference(date: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const d = parse(date, 'yyyy-MM-dd', REF);
  return isValid(d) ? d : null;
}

/** China has one time zone and no daylight saving (since 1991): UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** '2026-11-26T17:30:00.000Z' → { date: '2026-11-27', time: '01:30' } (Beijing); null if not a timestamp. */
export function chinaDateTimeOf(iso: string): { date: LocalDate; time: string } | null {
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(ms)) return null;
  const s = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

/** '2026-11-26T17:30:00.000Z' → '2026-11-27' (the date in Beijing); null if not a timestamp. */
export const chinaDateOf = (iso: string): LocalDate | null => chinaDateTimeOf(iso)?.date ?? null;

/** 'YYYY-MM-DD' + n calendar days (n may be negative). */
export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  const d = parseLocalDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  return localDate(addDays(d, n));
}

// ---- Chinese wording ----

/** '2026-11-25' → '2026年11月25日' (months and days without a leading zero, GB/T 9704); null if not a date. */
export function formatDateCn(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : null;
}

/** '2026-11-28' → '星期六'; null if not a date. */
export function weekdayCn(date: string): string | null {
  const d = parseLocalDate(date);
  return d ? format(d, 'EEEE', { locale: zhCN }) : null;
}

/** '2026-11' → '2026年11月'; null if not a period month. */
export function formatPeriodCn(period: PeriodMonth): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月` : null;
}

const QUARTER_CN = ['一', '二', '三', '四'] as const;

/** { 2026, 4 } → '2026年第四季度'. */
export const formatQuarterCn = (q: Quarter): string => `${q.year}年第${QUARTER_CN[q.quarter - 1]}季度`;

/** Seconds → 'HH:MM:SS' (a running meeting clock; hours may pass 99). */
export function formatElapsed(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Minutes → '2小时05分' (how long a meeting took). */
export const formatDurationCn = (minutes: number): string =>
  `${Math.floor(minutes / 60)}小时${String(minutes % 60).padStart(2, '0')}分`;

// ---- Working days ----

/**
 * The official calendar, kept as data because it changes every year (国务院办公厅 publishes it each winter): the
 * holidays, and the 调休 weekend days that are working days instead.
 */
export type HolidayCalendar = { readonly holidays: readonly LocalDate[]; readonly workdays: readonly LocalDate[] };

export const NO_HOLIDAYS: HolidayCalendar = { holidays: [], workdays: [] };

/** A 调休 workday is worked even on a weekend; a holiday is not, even on a weekday; otherwise Monday to Friday. */
export function isWorkingDay(date: LocalDate, calendar: HolidayCalendar): boolean {
  const d = parseLocalDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  const { workdays, holidays } = daySets(calendar);
  if (workdays.has(date)) return true;
  if (holidays.has(date)) return false;
  return !isWeekend(d);
}

/** The official calendar lists thousands of days: looked up through sets, built once per calendar. */
const DAY_SETS = new WeakMap<HolidayCalendar, { workdays: ReadonlySet<string>; holidays: ReadonlySet<string> }>();
function daySets(calendar: HolidayCalendar): { workdays: ReadonlySet<string>; holidays: ReadonlySet<string> } {
  let sets = DAY_SETS.get(calendar);
  if (!sets) {
    sets = { workdays: new Set(calendar.workdays), holidays: new Set(calendar.holidays) };
    DAY_SETS.set(calendar, sets);
  }
  return sets;
}

/** The date n working days after `date` (n ≥ 0; 0 is `date` itself when it is a working day, else the next one). */
export function addWorkingDays(date: LocalDate, n: number, calendar: HolidayCalendar): LocalDate {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a count of working days: ${n}`);
  const start = parseLocalDate(date);
  if (!start) throw new Error(`not a date: ${date}`);
  let d = start;
  while (!isWorkingDay(localDate(d), calendar)) d = addDays(d, 1);
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(localDate(d), calendar)) left--;
  }
  return localDate(d);
}

/** Working days in from..to, both included (0 when to is before from). */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: HolidayCalendar): number {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  if (!a || !b) throw new Error(`not a date range: ${from}..${to}`);
  if (b < a) return 0;
  return eachDayOfInterval({ start: a, end: b }).filter((d) => isWorkingDay(localDate(d), calendar)).length;
}

// ---- Periods ----

/** '2026-11-28' → '2026-11'. */
export function periodOf(date: LocalDate): PeriodMonth {
  const d = parseLocalDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  return format(d, 'yyyy-MM');
}

/** '2026-11' → { first: '2026-11-01', last: '2026-11-30' }; null if not a period month. */
export function periodRange(period: PeriodMonth): { first: LocalDate; last: LocalDate } | null {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return null;
  const d = parse(period, 'yyyy-MM', REF);
  return { first: localDate(startOfMonth(d)), last: localDate(endOfMonth(d)) };
}

/** '2026-11-28' → { year: 2026, quarter: 4 }. */
export function quarterOf(date: LocalDate): Quarter {
  const d = parseLocalDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  return { year: d.getFullYear(), quarter: getQuarter(d) as Quarter['quarter'] };
}

/** { 2026, 4 } → ['2026-10', '2026-11', '2026-12']. */
export function monthsOfQuarter(q: Quarter): readonly PeriodMonth[] {
  const first = (q.quarter - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((m) => `${q.year}-${String(m).padStart(2, '0')}`);
}
