// The compound's own days off and extra workdays (设置 → 工作日历), checked before they are saved: each a real date,
// listed once, and never both a day off and a workday.
import { isCalendarDate, toHalfWidth } from '../../../shared/domain/common/text';

export type CalendarDaysKind = 'daysOff' | 'extraWorkdays';
export type CalendarDays = { readonly daysOff: readonly string[]; readonly extraWorkdays: readonly string[] };
export type CalendarDayError = 'BAD_DATE' | 'ALREADY_LISTED' | 'IN_OTHER_LIST' | 'TOO_MANY';

/** At most a year of days in each list (the schema's limit). */
export const CALENDAR_DAYS_MAX = 366;

export const CALENDAR_DAY_ERRORS: Record<CalendarDayError, string> = {
  BAD_DATE: '日期无效，请按“年-月-日”填写，如 2026-10-09。',
  ALREADY_LISTED: '该日期已在列表中。',
  IN_OTHER_LIST: '该日期已在另一列表中：同一天不能既休息又上班。',
  TOO_MANY: `每个列表最多 ${CALENDAR_DAYS_MAX} 天。`,
};

/** The lists with `date` added to `kind` (sorted), or why not. */
export function addCalendarDay(
  days: CalendarDays,
  kind: CalendarDaysKind,
  text: string,
): { ok: true; value: CalendarDays } | { ok: false; error: CalendarDayError } {
  const date = toHalfWidth(text).trim().replace(/[/.]/g, '-');
  if (!isCalendarDate(date)) return { ok: false, error: 'BAD_DATE' };
  const other: CalendarDaysKind = kind === 'daysOff' ? 'extraWorkdays' : 'daysOff';
  if (days[kind].includes(date)) return { ok: false, error: 'ALREADY_LISTED' };
  if (days[other].includes(date)) return { ok: false, error: 'IN_OTHER_LIST' };
  if (days[kind].length >= CALENDAR_DAYS_MAX) return { ok: false, error: 'TOO_MANY' };
  return { ok: true, value: { ...days, [kind]: [...days[kind], date].sort() } };
}

export const removeCalendarDay = (days: CalendarDays, kind: CalendarDaysKind, date: string): CalendarDays => ({
  ...days,
  [kind]: days[kind].filter((d) => d !== date),
});
