// Working-day calendar and civil-date helpers. The module-level functions use the built-in
// holiday data (chinese-days, 2004–2026); a server that imports newer years builds its own
// Calendar with `defaultCalendar.withYears(imported)` and uses its methods instead.
import { BUILTIN_CALENDAR_YEARS } from './builtin';
import { createCalendar, type Calendar } from './calendar';
import type { CalendarDateResult, CalendarDay, DeadlineStatus, WorkingDayCountResult, WorkingDayResult } from './types';

export * from './civil-date';
export * from './types';
export { BUILTIN_CALENDAR_YEARS, CHINESE_DAYS_SOURCE } from './builtin';
export { createCalendar, type Calendar } from './calendar';
export {
  CALENDAR_YEAR_SPILL_DAYS,
  assertCalendarYear,
  calendarYearsFromDocument,
  validateCalendarYear,
  type HolidayFileDocument,
} from './validate';

/** The calendar of the built-in holiday data (2004–2026); other years are provisional. */
export const defaultCalendar: Calendar = createCalendar(BUILTIN_CALENDAR_YEARS);

/**
 * Whether `date` ('YYYY-MM-DD') is a working day in the built-in calendar: make-up working day →
 * yes; statutory off day → no; otherwise Monday–Friday. Years without data count weekends only;
 * use {@link isWorkingDayDetailed} to learn whether that happened.
 * @throws RangeError for an invalid date.
 */
export function isWorkingDay(date: string): boolean {
  return defaultCalendar.isWorkingDay(date);
}

/** {@link isWorkingDay} with `provisional`/`missingYears` for a year without holiday data. */
export function isWorkingDayDetailed(date: string): WorkingDayResult {
  return defaultCalendar.isWorkingDayDetailed(date);
}

/**
 * The n-th working day strictly after `date` in the built-in calendar; the day of the event is not
 * counted (民法典 第二百零一条). n = 0 returns `date` if it is a working day, else the next working day.
 * @throws RangeError if n is not a non-negative integer or the date is invalid.
 */
export function addWorkingDays(date: string, n: number): string {
  return defaultCalendar.addWorkingDays(date, n);
}

/** {@link addWorkingDays} with `provisional`/`missingYears` for the years it looked at. */
export function addWorkingDaysDetailed(date: string, n: number): CalendarDateResult {
  return defaultCalendar.addWorkingDaysDetailed(date, n);
}

/**
 * The deadline of "当日办结" (done the same day): `date` itself if it is a working day, else the
 * next working day. @throws RangeError for an invalid date.
 */
export function sameWorkingDay(date: string): string {
  return defaultCalendar.sameWorkingDay(date);
}

/** {@link sameWorkingDay} with `provisional`/`missingYears`. */
export function sameWorkingDayDetailed(date: string): CalendarDateResult {
  return defaultCalendar.sameWorkingDayDetailed(date);
}

/**
 * The last day of "每月结束后N个工作日内": the n-th working day after the last day of `month`
 * ('YYYY-MM'). '2020-01', 5 → '2020-02-07' (the Spring Festival extension ran to 2 February).
 * @throws RangeError for an invalid month or n.
 */
export function workingDaysAfterMonthEnd(month: string, n: number): string {
  return defaultCalendar.workingDaysAfterMonthEnd(month, n);
}

/** {@link workingDaysAfterMonthEnd} with `provisional`/`missingYears`. */
export function workingDaysAfterMonthEndDetailed(month: string, n: number): CalendarDateResult {
  return defaultCalendar.workingDaysAfterMonthEndDetailed(month, n);
}

/**
 * Number of working days in (from, to]: `from` excluded, `to` included; negative
 * (−working days in (to, from]) when `to` is before `from`. The inverse of addWorkingDays:
 * workingDaysBetween(d, addWorkingDays(d, n)) === n for n ≥ 1.
 * @throws RangeError for an invalid date.
 */
export function workingDaysBetween(from: string, to: string): number {
  return defaultCalendar.workingDaysBetween(from, to);
}

/** {@link workingDaysBetween} with `provisional`/`missingYears`. */
export function workingDaysBetweenDetailed(from: string, to: string): WorkingDayCountResult {
  return defaultCalendar.workingDaysBetweenDetailed(from, to);
}

/**
 * Every day of `month` ('YYYY-MM') with its weekday (0 = Sunday), working flag, holiday name and
 * make-up flag, for a month view. @throws RangeError for an invalid month.
 */
export function monthDays(month: string): CalendarDay[] {
  return defaultCalendar.monthDays(month);
}

/**
 * How a deadline stands on `today` (civil dates in Asia/Shanghai): remaining working days in
 * (today, deadline] while today ≤ deadline (0 = due today), or overdue working days in
 * (deadline, today] once today > deadline. @throws RangeError for an invalid date.
 */
export function deadlineStatus(deadline: string, today: string): DeadlineStatus {
  return defaultCalendar.deadlineStatus(deadline, today);
}
