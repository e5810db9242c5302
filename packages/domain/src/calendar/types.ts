/** A named day in a year's holiday notice. */
export interface CalendarDayEntry {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Holiday name in Chinese, e.g. '春节'; for a make-up working day, the holiday it makes up for. */
  name: string;
}

/**
 * One year of the State Council's holiday arrangement (国务院办公厅关于××年部分节假日安排的通知).
 * Off days include every weekend day inside a holiday range; ordinary weekends are not listed.
 * Dates may spill a few days into the adjacent year (the 2023 notice starts its 元旦 break on 2022-12-31).
 */
export interface CalendarYear {
  year: number;
  /** Statutory holidays and 调休 rest days: not working days even when they fall on Monday–Friday. */
  offDays: CalendarDayEntry[];
  /** Weekend days that are working days (调休上班). */
  makeupWorkdays: CalendarDayEntry[];
  /** Where the data comes from (notice URLs, package name), shown to administrators. */
  sources?: string[];
}

/** One day of a month view, see `monthDays`. */
export interface CalendarDay {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  working: boolean;
  /** True for a statutory holiday or 调休 rest day (not for ordinary weekends). */
  offDay: boolean;
  /** True for a weekend day that is a working day (调休上班). */
  makeup: boolean;
  /** Holiday name for off days, and the holiday made up for on make-up working days. */
  holidayName?: string;
  /** True when the year has no holiday data and only weekends were treated as off. */
  provisional: boolean;
}

/**
 * A result computed over days that may include years without holiday data.
 * `provisional` is true when any year that was looked at (`missingYears`, ascending) has no data,
 * so the result treats only weekends as off in that year and may change once the notice is imported.
 */
export interface Provisional {
  provisional: boolean;
  missingYears: number[];
}

/** A date computed by the working-day calendar, with its provisional flag. */
export interface CalendarDateResult extends Provisional {
  date: string;
}

/** A count of working days, with its provisional flag. */
export interface WorkingDayCountResult extends Provisional {
  days: number;
}

/** Whether a date is a working day, with its provisional flag. */
export interface WorkingDayResult extends Provisional {
  working: boolean;
}

/**
 * How a deadline stands on a given day, for "剩余 N 个工作日 / 已超期 N 个工作日" badges.
 * See `deadlineStatus` for the counting rule.
 */
export interface DeadlineStatus extends Provisional {
  /** True once `today` is after the deadline date (the deadline runs to 24:00 of its day). */
  overdue: boolean;
  /** Working days in (today, deadline]; 0 on the deadline day itself and when overdue. */
  remainingWorkingDays: number;
  /** Working days in (deadline, today]; 0 when not overdue (and may be 0 on a weekend just after). */
  overdueWorkingDays: number;
}
