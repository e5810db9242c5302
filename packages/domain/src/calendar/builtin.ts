// Built-in holiday data, read from the chinese-days package (1.5.7, MIT, github.com/vsme/chinese-days).
// STACK.md: compared day by day with other libraries for 2011–2026, it matches the State Council
// notices, including the 2020 Spring Festival extension (国办发明电〔2020〕1号). Its JSON is imported
// directly, not its functions: those read Date objects in the host time zone and treat years
// without data as plain Monday–Friday weeks, both of which this calendar must avoid.
import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { CalendarDayEntry, CalendarYear } from './types';

/** Values look like "Spring Festival,春节,4": English name, Chinese name, number of days. */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// chinese-days uses short names where the notices say 清明节, 端午节, 中秋节.
const NAME_FIXES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function chineseName(value: string): string {
  const name = value.split(',')[1]?.trim() || value;
  return NAME_FIXES[name] ?? name;
}

function toYears(data: ChineseDaysData): CalendarYear[] {
  const byYear = new Map<number, CalendarYear>();
  const yearOf = (date: string): CalendarYear => {
    // chinese-days files each day under its own calendar year (2022-12-31 sits in 2022).
    const year = Number(date.slice(0, 4));
    let entry = byYear.get(year);
    if (!entry) {
      entry = { year, offDays: [], makeupWorkdays: [], sources: [CHINESE_DAYS_SOURCE] };
      byYear.set(year, entry);
    }
    return entry;
  };
  const sorted = (record: Record<string, string>): CalendarDayEntry[] =>
    Object.keys(record)
      .sort()
      .map((date) => ({ date, name: chineseName(record[date] ?? '') }));
  for (const entry of sorted(data.holidays)) yearOf(entry.date).offDays.push(entry);
  for (const entry of sorted(data.workdays)) yearOf(entry.date).makeupWorkdays.push(entry);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** Where the built-in years come from, as shown to administrators. */
export const CHINESE_DAYS_SOURCE = 'npm chinese-days 1.5.7 (github.com/vsme/chinese-days), dist/chinese-days.json';

/**
 * Built-in holiday years 2004–2026 from chinese-days, one entry per calendar year, ascending.
 * Years after 2026 need an administrator import (the State Council publishes each year's
 * arrangement in November or December of the year before).
 */
export const BUILTIN_CALENDAR_YEARS: readonly CalendarYear[] = Object.freeze(
  toYears(chineseDays as ChineseDaysData).map((year) =>
    Object.freeze({
      ...year,
      offDays: Object.freeze(year.offDays.map((d) => Object.freeze(d))) as CalendarDayEntry[],
      makeupWorkdays: Object.freeze(year.makeupWorkdays.map((d) => Object.freeze(d))) as CalendarDayEntry[],
      sources: Object.freeze([...(year.sources ?? [])]) as string[],
    }),
  ),
);
