import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  chinaDateOf,
  chinaDateTimeOf,
  formatDateCn,
  formatDurationCn,
  formatElapsed,
  formatPeriodCn,
  formatQuarterCn,
  isWorkingDay,
  localDate,
  localDateTime,
  localTime,
  monthsOfQuarter,
  NO_HOLIDAYS,
  parseLocalDate,
  parseLocalDateReference,
  periodOf,
  periodRange,
  quarterOf,
  weekdayCn,
  workingDaysBetween,
  type HolidayCalendar,
} from './dates';

// An example calendar (the real one is data the user keeps): 国庆 1–7 October, worked on Sunday 27 September and
// Saturday 10 October.
const NATIONAL_DAY: HolidayCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};

describe('local dates and times (this PC’s clock)', () => {
  it.each([
    [new Date(2026, 10, 28, 8, 5), '2026-11-28', '2026-11-28 08:05', '08:05'],
    [new Date(2026, 0, 1, 0, 0), '2026-01-01', '2026-01-01 00:00', '00:00'],
    [new Date(2024, 1, 29, 23, 59), '2024-02-29', '2024-02-29 23:59', '23:59'],
  ])('%s', (at, date, dateTime, time) => {
    expect(localDate(at)).toBe(date);
    expect(localDateTime(at)).toBe(dateTime);
    expect(localDateTime(at.getTime())).toBe(dateTime);
    expect(localTime(at.toISOString())).toBe(time);
  });

  it('localTime of something that is not a moment is empty', () => expect(localTime('yesterday')).toBe(''));

  it.each([
    ['2026-11-28', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-13-01', false],
    ['2026/11/28', false],
    ['', false],
  ])('parseLocalDate(%j) is a date: %s', (s, valid) => expect(parseLocalDate(s) !== null).toBe(valid));

  it('parseLocalDate agrees with date-fns on every day of four years and on impossible days', () => {
    const days: string[] = ['0001-01-01', '0099-12-31', '9999-12-31', '2026-00-10', '2026-04-31', '2100-02-29', '2000-02-29', '2026-02-30'];
    for (let d = new Date(2023, 0, 1); d.getFullYear() < 2027; d.setDate(d.getDate() + 1)) days.push(localDate(d));
    for (const s of days) expect(parseLocalDate(s)?.getTime() ?? null, s).toBe(parseLocalDateReference(s)?.getTime() ?? null);
  });
});

describe('Beijing time of a stored timestamp', () => {
  it.each([
    ['2026-11-26T01:30:00.000Z', { date: '2026-11-26', time: '09:30' }],
    ['2026-11-25T16:30:00Z', { date: '2026-11-26', time: '00:30' }],
    ['2026-12-31T16:00:00.000Z', { date: '2027-01-01', time: '00:00' }],
    ['yesterday', null],
    ['1764000000000', null],
  ])('%s', (iso, expected) => {
    expect(chinaDateTimeOf(iso)).toEqual(expected);
    expect(chinaDateOf(iso)).toBe(expected?.date ?? null);
  });
});

describe('Chinese wording', () => {
  it.each([
    ['2026-11-28', '2026年11月28日', '星期六'],
    ['2026-03-05', '2026年3月5日', '星期四'],
    ['2026-11-29', '2026年11月29日', '星期日'],
    ['2026/03/05', null, null],
  ])('%s', (date, cn, weekday) => {
    expect(formatDateCn(date)).toBe(cn);
    expect(weekdayCn(date)).toBe(weekday);
  });

  it.each([
    ['2026-11', '2026年11月'],
    ['2026-01', '2026年1月'],
    ['2026-13', null],
  ])('formatPeriodCn(%s)', (p, text) => expect(formatPeriodCn(p)).toBe(text));

  it.each([
    [{ year: 2026, quarter: 1 } as const, '2026年第一季度'],
    [{ year: 2026, quarter: 4 } as const, '2026年第四季度'],
  ])('formatQuarterCn(%j)', (q, text) => expect(formatQuarterCn(q)).toBe(text));

  it.each([
    [0, '00:00:00'],
    [59, '00:00:59'],
    [3661, '01:01:01'],
    [-5, '00:00:00'],
  ])('formatElapsed(%d)', (s, text) => expect(formatElapsed(s)).toBe(text));

  it.each([
    [95, '1小时35分'],
    [5, '0小时05分'],
  ])('formatDurationCn(%d)', (m, text) => expect(formatDurationCn(m)).toBe(text));
});

describe('working days', () => {
  it.each([
    ['2026-11-27', NO_HOLIDAYS, true], // Friday
    ['2026-11-28', NO_HOLIDAYS, false], // Saturday
    ['2026-10-01', NO_HOLIDAYS, true], // a Thursday, without the holiday list
    ['2026-10-01', NATIONAL_DAY, false], // 国庆
    ['2026-10-10', NATIONAL_DAY, true], // Saturday, 调休 workday
    ['2026-09-27', NATIONAL_DAY, true], // Sunday, 调休 workday
    ['2026-10-11', NATIONAL_DAY, false], // Sunday
  ])('isWorkingDay(%s)', (date, cal, expected) => expect(isWorkingDay(date, cal)).toBe(expected));

  it.each([
    ['2026-11-27', 0, NO_HOLIDAYS, '2026-11-27'],
    ['2026-11-27', 1, NO_HOLIDAYS, '2026-11-30'], // Friday + 1 → Monday
    ['2026-11-28', 0, NO_HOLIDAYS, '2026-11-30'], // Saturday → the next working day
    ['2026-09-30', 1, NATIONAL_DAY, '2026-10-08'], // over 国庆
    ['2026-09-30', 3, NATIONAL_DAY, '2026-10-10'], // 8th, 9th, then the 调休 Saturday
    ['2026-12-31', 1, NO_HOLIDAYS, '2027-01-01'],
  ])('addWorkingDays(%s, %d)', (date, n, cal, expected) => expect(addWorkingDays(date, n, cal)).toBe(expected));

  it.each([
    ['2026-11-23', '2026-11-29', NO_HOLIDAYS, 5],
    ['2026-09-28', '2026-10-11', NATIONAL_DAY, 6], // 28–30 Sep, 8–10 Oct
    ['2026-11-29', '2026-11-23', NO_HOLIDAYS, 0],
  ])('workingDaysBetween(%s, %s)', (from, to, cal, n) => expect(workingDaysBetween(from, to, cal)).toBe(n));

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2026-02-30', NO_HOLIDAYS)).toThrow();
    expect(() => addWorkingDays('2026-11-27', -1, NO_HOLIDAYS)).toThrow();
  });
});

describe('periods and quarters', () => {
  it.each([
    ['2026-11-28', '2026-11', { year: 2026, quarter: 4 }],
    ['2026-01-01', '2026-01', { year: 2026, quarter: 1 }],
    ['2026-06-30', '2026-06', { year: 2026, quarter: 2 }],
  ])('%s', (date, period, quarter) => {
    expect(periodOf(date)).toBe(period);
    expect(quarterOf(date)).toEqual(quarter);
  });

  it.each([
    ['2026-11', { first: '2026-11-01', last: '2026-11-30' }],
    ['2024-02', { first: '2024-02-01', last: '2024-02-29' }],
    ['2026-02', { first: '2026-02-01', last: '2026-02-28' }],
    ['2026-13', null],
  ])('periodRange(%s)', (p, range) => expect(periodRange(p)).toEqual(range));

  it.each([
    [{ year: 2026, quarter: 1 } as const, ['2026-01', '2026-02', '2026-03']],
    [{ year: 2026, quarter: 4 } as const, ['2026-10', '2026-11', '2026-12']],
  ])('monthsOfQuarter(%j)', (q, months) => expect(monthsOfQuarter(q)).toEqual(months));
});
