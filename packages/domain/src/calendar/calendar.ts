// The Chinese working-day calendar: 调休 make-up days, statutory holidays, ordinary weekends.
//
// Counting rules (they matter for every deadline in 鲁工信发〔2020〕1号):
// - A working day is a make-up working day, or a Monday–Friday that is not an off day.
// - "N个工作日内" ends on the N-th working day strictly after the triggering day: the day of the
//   event itself is not counted (民法典 第二百零一条: 按照年、月、日计算期间的，开始的当日不计入).
// - A year without holiday data is never silently treated as an ordinary Monday–Friday year
//   without saying so: its weekends are off, and every result that looked at it is `provisional`.
//
// Hot paths (inbox listings compute thousands of deadlines) need no Date objects: each year is
// precomputed once into a running count of working days, so a lookup is one array read.
import {
  dayNumberFromParts,
  daysInMonth,
  daysInYear,
  fromDayNumber,
  lastDayOfMonth,
  parseCivilDate,
  parseMonth,
  partsFromDayNumber,
  weekdayOfDayNumber,
} from './civil-date';
import type {
  CalendarDateResult,
  CalendarDay,
  CalendarYear,
  DeadlineStatus,
  WorkingDayCountResult,
  WorkingDayResult,
} from './types';
import { assertCalendarYear } from './validate';

/** A working-day calendar built from holiday years; see {@link createCalendar}. */
export interface Calendar {
  /** Years that have holiday data, ascending. */
  readonly years: readonly number[];
  /** The holiday data in use, one entry per year, ascending (imported years already applied). */
  readonly yearData: readonly CalendarYear[];
  /** Whether `year` has holiday data (otherwise results touching it are provisional). */
  hasYear(year: number): boolean;
  /** Years from the year of `from` to the year of `to` (inclusive, any order) that have no data. */
  missingYears(from: string, to: string): number[];
  /** A new calendar with `years` added; each replaces this calendar's data for the same year. */
  withYears(years: readonly CalendarYear[]): Calendar;

  /**
   * Whether `date` is a working day: a make-up working day is; an off day is not; otherwise
   * Monday–Friday is. @throws RangeError for an invalid date.
   */
  isWorkingDay(date: string): boolean;
  /** {@link Calendar.isWorkingDay} with the provisional flag for years without data. */
  isWorkingDayDetailed(date: string): WorkingDayResult;
  /** Everything the calendar knows about one day (for a day cell or a tooltip). */
  dayInfo(date: string): CalendarDay;

  /**
   * The n-th working day strictly after `date` (the day of the event is not counted, 民法典 第二百零一条).
   * n = 0 means "the same working day": `date` itself if it is a working day, else the next one,
   * so the result is always a working day. @throws RangeError if n is not a non-negative integer
   * or the date is invalid.
   */
  addWorkingDays(date: string, n: number): string;
  /** {@link Calendar.addWorkingDays} with the provisional flag for the days it looked at. */
  addWorkingDaysDetailed(date: string, n: number): CalendarDateResult;
  /** Deadline for "当日办结": `date` if it is a working day, else the next working day. */
  sameWorkingDay(date: string): string;
  /** {@link Calendar.sameWorkingDay} with the provisional flag. */
  sameWorkingDayDetailed(date: string): CalendarDateResult;
  /**
   * The n-th working day after the last day of `month` ('YYYY-MM'), for "每月结束后N个工作日内":
   * '2020-01', 5 → '2020-02-07'. @throws RangeError for an invalid month or n.
   */
  workingDaysAfterMonthEnd(month: string, n: number): string;
  /** {@link Calendar.workingDaysAfterMonthEnd} with the provisional flag. */
  workingDaysAfterMonthEndDetailed(month: string, n: number): CalendarDateResult;
  /**
   * Working days in the half-open range (from, to]: `from` is not counted, `to` is.
   * Negative when `to` is before `from` (−(working days in (to, from])); 0 when equal.
   * Inverse of addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) === n for n ≥ 1.
   */
  workingDaysBetween(from: string, to: string): number;
  /** {@link Calendar.workingDaysBetween} with the provisional flag. */
  workingDaysBetweenDetailed(from: string, to: string): WorkingDayCountResult;
  /** Every day of a 'YYYY-MM' month, in order. @throws RangeError for an invalid month. */
  monthDays(month: string): CalendarDay[];
  /**
   * How a deadline stands on `today` (both civil dates in Asia/Shanghai, see shanghaiDateOf).
   * Not overdue while today ≤ deadline: remaining = working days in (today, deadline], so 0 on the
   * deadline day ("今日到期"). Overdue once today > deadline: overdue = working days in
   * (deadline, today], which is 0 on a weekend right after a Friday deadline — show "已超期"
   * without a number then.
   */
  deadlineStatus(deadline: string, today: string): DeadlineStatus;
}

interface DayMark {
  makeup: boolean;
  name: string;
}

interface YearInfo {
  /** Day number of 1 January. */
  start: number;
  covered: boolean;
  /** rank[i] = working days in [1 January, 1 January + i]. */
  rank: Uint16Array;
  /** Day numbers of the year's working days, ascending. */
  working: Int32Array;
}

/** Past 9999-12-31 a date no longer fits 'YYYY-MM-DD'. */
const MAX_YEAR = 9999;

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`工作日天数应为非负整数，实际为 ${String(n)}`);
  }
}

function yearRange(fromYear: number, toYear: number): number[] {
  const years: number[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(y);
  return years;
}

class WorkingDayCalendar implements Calendar {
  readonly years: readonly number[];
  readonly yearData: readonly CalendarYear[];
  private readonly covered: ReadonlySet<number>;
  private readonly marks: ReadonlyMap<number, DayMark>;
  private readonly cache = new Map<number, YearInfo>();

  constructor(records: readonly CalendarYear[]) {
    this.yearData = Object.freeze([...records].sort((a, b) => a.year - b.year));
    this.years = Object.freeze(this.yearData.map((r) => r.year));
    this.covered = new Set(this.years);
    const marks = new Map<number, DayMark>();
    // A year's own dates win over another year's spill-over into it, whatever the order.
    const apply = (ownYear: boolean): void => {
      for (const record of this.yearData) {
        for (const [list, makeup] of [
          [record.offDays, false],
          [record.makeupWorkdays, true],
        ] as const) {
          for (const { date, name } of list) {
            const { year, month, day } = parseCivilDate(date);
            if ((year === record.year) === ownYear) marks.set(dayNumberFromParts(year, month, day), { makeup, name });
          }
        }
      }
    };
    apply(false);
    apply(true);
    this.marks = marks;
  }

  hasYear(year: number): boolean {
    return this.covered.has(year);
  }

  missingYears(from: string, to: string): number[] {
    const a = parseCivilDate(from).year;
    const b = parseCivilDate(to).year;
    return this.missingIn(Math.min(a, b), Math.max(a, b));
  }

  withYears(years: readonly CalendarYear[]): Calendar {
    return createCalendar([...this.yearData, ...years]);
  }

  isWorkingDay(date: string): boolean {
    const { year, month, day } = parseCivilDate(date);
    return this.isWorkingDn(dayNumberFromParts(year, month, day), year);
  }

  isWorkingDayDetailed(date: string): WorkingDayResult {
    const { year } = parseCivilDate(date);
    return { working: this.isWorkingDay(date), ...this.provisional(year, year) };
  }

  dayInfo(date: string): CalendarDay {
    const { year, month, day } = parseCivilDate(date);
    return this.describe(dayNumberFromParts(year, month, day), year);
  }

  addWorkingDays(date: string, n: number): string {
    return fromDayNumber(this.addCore(date, n).dayNumber);
  }

  addWorkingDaysDetailed(date: string, n: number): CalendarDateResult {
    const { dayNumber, firstYear, lastYear } = this.addCore(date, n);
    return { date: fromDayNumber(dayNumber), ...this.provisional(firstYear, lastYear) };
  }

  sameWorkingDay(date: string): string {
    return this.addWorkingDays(date, 0);
  }

  sameWorkingDayDetailed(date: string): CalendarDateResult {
    return this.addWorkingDaysDetailed(date, 0);
  }

  workingDaysAfterMonthEnd(month: string, n: number): string {
    return this.addWorkingDays(lastDayOfMonth(month), n);
  }

  workingDaysAfterMonthEndDetailed(month: string, n: number): CalendarDateResult {
    return this.addWorkingDaysDetailed(lastDayOfMonth(month), n);
  }

  workingDaysBetween(from: string, to: string): number {
    return this.betweenCore(from, to).days;
  }

  workingDaysBetweenDetailed(from: string, to: string): WorkingDayCountResult {
    const { days, firstYear, lastYear } = this.betweenCore(from, to);
    return { days, ...this.provisional(firstYear, lastYear) };
  }

  monthDays(month: string): CalendarDay[] {
    const { year, month: m } = parseMonth(month);
    const first = dayNumberFromParts(year, m, 1);
    const days: CalendarDay[] = [];
    for (let i = 0; i < daysInMonth(year, m); i++) days.push(this.describe(first + i, year));
    return days;
  }

  deadlineStatus(deadline: string, today: string): DeadlineStatus {
    const { days, firstYear, lastYear } = this.betweenCore(today, deadline);
    const overdue = today > deadline;
    return {
      overdue,
      remainingWorkingDays: overdue ? 0 : days,
      overdueWorkingDays: overdue ? Math.abs(days) : 0,
      ...this.provisional(firstYear, lastYear),
    };
  }

  // --- internals -------------------------------------------------------------------------

  private yearInfo(year: number): YearInfo {
    let info = this.cache.get(year);
    if (info) return info;
    if (year < 1 || year > MAX_YEAR) throw new RangeError(`日期超出支持范围（0001–9999 年）：${year} 年`);
    const start = dayNumberFromParts(year, 1, 1);
    const length = daysInYear(year);
    const rank = new Uint16Array(length);
    const working: number[] = [];
    for (let i = 0; i < length; i++) {
      const dn = start + i;
      const mark = this.marks.get(dn);
      const weekday = weekdayOfDayNumber(dn);
      if (mark ? mark.makeup : weekday !== 0 && weekday !== 6) working.push(dn);
      rank[i] = working.length;
    }
    info = { start, covered: this.covered.has(year), rank, working: Int32Array.from(working) };
    this.cache.set(year, info);
    return info;
  }

  private rankOf(dayNumber: number, info: YearInfo): number {
    return info.rank[dayNumber - info.start] ?? 0;
  }

  private isWorkingDn(dayNumber: number, year: number): boolean {
    const info = this.yearInfo(year);
    const i = dayNumber - info.start;
    return (info.rank[i] ?? 0) - (i > 0 ? (info.rank[i - 1] ?? 0) : 0) === 1;
  }

  private describe(dayNumber: number, year: number): CalendarDay {
    const mark = this.marks.get(dayNumber);
    const day: CalendarDay = {
      date: fromDayNumber(dayNumber),
      weekday: weekdayOfDayNumber(dayNumber),
      working: this.isWorkingDn(dayNumber, year),
      offDay: mark !== undefined && !mark.makeup,
      makeup: mark !== undefined && mark.makeup,
      provisional: !this.covered.has(year),
    };
    if (mark) day.holidayName = mark.name;
    return day;
  }

  /** Finds the n-th working day after a date; firstYear..lastYear are the years looked at. */
  private addCore(date: string, n: number): { dayNumber: number; firstYear: number; lastYear: number } {
    assertCount(n);
    const { year, month, day } = parseCivilDate(date);
    const dn = dayNumberFromParts(year, month, day);
    if (n === 0 && this.isWorkingDn(dn, year)) return { dayNumber: dn, firstYear: year, lastYear: year };
    let info = this.yearInfo(year);
    // `working` is 0-based and its first rank(date) entries are on or before `date`, so the
    // n-th working day after it sits at rank + n − 1; n = 0 (non-working date) means the first one.
    let index = this.rankOf(dn, info) + Math.max(n, 1) - 1;
    let y = year;
    while (index >= info.working.length) {
      index -= info.working.length;
      y += 1;
      info = this.yearInfo(y);
    }
    const target = info.working[index] as number;
    // The date itself is only looked at for n = 0; for n ≥ 1 the search starts the day after.
    const firstYear = n === 0 ? year : partsFromDayNumber(dn + 1).year;
    return { dayNumber: target, firstYear, lastYear: y };
  }

  private betweenCore(from: string, to: string): { days: number; firstYear: number; lastYear: number } {
    const a = parseCivilDate(from);
    const b = parseCivilDate(to);
    const aDn = dayNumberFromParts(a.year, a.month, a.day);
    const bDn = dayNumberFromParts(b.year, b.month, b.day);
    if (aDn === bDn) return { days: 0, firstYear: a.year, lastYear: a.year };
    const sign = aDn < bDn ? 1 : -1;
    const [lo, loYear, hi, hiYear] = sign > 0 ? [aDn, a.year, bDn, b.year] : [bDn, b.year, aDn, a.year];
    const loInfo = this.yearInfo(loYear);
    const hiInfo = this.yearInfo(hiYear);
    let count: number;
    if (loYear === hiYear) {
      count = this.rankOf(hi, hiInfo) - this.rankOf(lo, loInfo);
    } else {
      count = loInfo.working.length - this.rankOf(lo, loInfo) + this.rankOf(hi, hiInfo);
      for (let y = loYear + 1; y < hiYear; y++) count += this.yearInfo(y).working.length;
    }
    // Only (lo, hi] was looked at: lo's own year matters only if lo is not its 31 December.
    // `count === 0` check: a negated 0 would be -0, which Object.is and JSON treat differently.
    return { days: count === 0 ? 0 : sign * count, firstYear: partsFromDayNumber(lo + 1).year, lastYear: hiYear };
  }

  private missingIn(fromYear: number, toYear: number): number[] {
    return yearRange(fromYear, toYear).filter((y) => !this.covered.has(y));
  }

  private provisional(fromYear: number, toYear: number): { provisional: boolean; missingYears: number[] } {
    const missingYears = this.missingIn(fromYear, toYear);
    return { provisional: missingYears.length > 0, missingYears };
  }
}

/**
 * Builds a working-day calendar from holiday years; a later entry replaces an earlier one for the
 * same year, so `createCalendar([...BUILTIN_CALENDAR_YEARS, ...imported])` lets imports win.
 * Every entry is checked with validateCalendarYear first.
 * @throws RangeError listing the problems of the first invalid year.
 */
export function createCalendar(years: readonly CalendarYear[]): Calendar {
  const byYear = new Map<number, CalendarYear>();
  for (const input of years) {
    const record = assertCalendarYear(input);
    // Copied and frozen: the caller's objects may change later, the calendar must not.
    const entries = (list: readonly CalendarYear['offDays'][number][]) =>
      Object.freeze(list.map(({ date, name }) => Object.freeze({ date, name: name ?? '' }))) as CalendarYear['offDays'];
    byYear.set(
      record.year,
      Object.freeze({
        year: record.year,
        offDays: entries(record.offDays),
        makeupWorkdays: entries(record.makeupWorkdays),
        ...(record.sources ? { sources: Object.freeze([...record.sources]) as string[] } : {}),
      }),
    );
  }
  return new WorkingDayCalendar([...byYear.values()]);
}
