// E1: the compound's working-day calendar: China's official holidays and 调休 workdays from the kept `chinese-days`
// data (updated with the package each winter), plus the compound's own days off and extra workdays from 设置.
// Kept as data (HolidayCalendar) so that tests pass their own.
import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { HolidayCalendar, LocalDate } from '../common/dates';

type Official = { readonly holidays: Readonly<Record<string, string>>; readonly workdays: Readonly<Record<string, string>> };
const OFFICIAL = chineseDays as unknown as Official;

/** The official calendar of the given years (all years the package knows when none are given). */
export function officialCalendar(years?: readonly number[]): HolidayCalendar {
  const wanted = years ? new Set(years.map(String)) : null;
  const pick = (m: Readonly<Record<string, string>>) => Object.keys(m).filter((d) => !wanted || wanted.has(d.slice(0, 4))).sort();
  return { holidays: pick(OFFICIAL.holidays), workdays: pick(OFFICIAL.workdays) };
}

/** The last year the official data covers (a year past it counts weekends only: say so in 设置). */
export const OFFICIAL_CALENDAR_LAST_YEAR = Math.max(...Object.keys(OFFICIAL.holidays).map((d) => Number(d.slice(0, 4))));

/**
 * The compound's calendar: its own days off rest even on an official (调休) workday; its extra workdays are worked
 * even on a holiday or a weekend.
 */
export function compoundCalendar(
  settings: { readonly daysOff?: readonly LocalDate[]; readonly extraWorkdays?: readonly LocalDate[] } | undefined,
  years?: readonly number[],
  official: HolidayCalendar = officialCalendar(years),
): HolidayCalendar {
  const off = new Set(settings?.daysOff ?? []);
  const extra = new Set(settings?.extraWorkdays ?? []);
  const holidays = new Set([...official.holidays, ...off]);
  for (const d of extra) holidays.delete(d);
  const workdays = new Set([...official.workdays, ...extra]);
  for (const d of off) if (!extra.has(d)) workdays.delete(d);
  return { holidays: [...holidays].sort(), workdays: [...workdays].sort() };
}
