// How a month of GET /api/calendar/month is laid out: weeks from Monday (the working week first,
// 六 and 日 last, where 调休 shows), and the month's holidays summarised under the grid.
import type { CalendarDayView } from '@relief/domain';

/** Weeks of a month, Monday first; null pads the days before the 1st and after the last. */
export function monthWeeks(days: readonly CalendarDayView[]): (CalendarDayView | null)[][] {
  if (days.length === 0) return [];
  // weekday: 0 = Sunday … 6 = Saturday; Monday-first column = (weekday + 6) % 7.
  const lead = (days[0]!.weekday + 6) % 7;
  const cells: (CalendarDayView | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDayView | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** One line under a month: a run of days off of one holiday, or a make-up working day. */
export interface HolidayRun {
  kind: 'off' | 'makeup';
  name: string;
  /** Day of month of the first and last day of the run. */
  from: number;
  to: number;
}

const dayOfMonth = (date: string) => Number(date.slice(8, 10));

/** The month's days off grouped into runs of the same holiday, and each make-up working day, in date order. */
export function holidayRuns(days: readonly CalendarDayView[]): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let previous: CalendarDayView | undefined;
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (d.offDay) {
      const name = d.holidayName ?? '';
      if (last && last.kind === 'off' && last.name === name && previous?.offDay && previous.holidayName === d.holidayName) last.to = dayOfMonth(d.date);
      else runs.push({ kind: 'off', name, from: dayOfMonth(d.date), to: dayOfMonth(d.date) });
    } else if (d.makeup) {
      runs.push({ kind: 'makeup', name: d.holidayName ?? '', from: dayOfMonth(d.date), to: dayOfMonth(d.date) });
    }
    previous = d;
  }
  return runs;
}

/** Consecutive years as ranges for the administrator's list: [2004, 2005, 2006, 2010] → '2004–2006、2010'. */
export function formatYearRanges(years: readonly number[], separator = '、'): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(separator);
}
