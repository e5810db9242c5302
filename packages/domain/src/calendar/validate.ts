import { dayNumberFromParts, isCivilDate, toDayNumber, weekdayOfDayNumber } from './civil-date';
import type { CalendarDayEntry, CalendarYear } from './types';

/**
 * How far a year's notice may reach into the neighbouring year: a holiday that starts or ends
 * "与周末连休" spills over the boundary (the 2023 notice's 元旦 break starts on 2022-12-31).
 */
export const CALENDAR_YEAR_SPILL_DAYS = 7;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one year of holiday data before it is imported or used, and lists every problem found.
 * Rules: `year` is an integer 1900–9999; `offDays` and `makeupWorkdays` are arrays of
 * `{ date: 'YYYY-MM-DD', name }`; each date lies in that year or within
 * {@link CALENDAR_YEAR_SPILL_DAYS} days of its boundary; no date is listed twice or as both an off
 * day and a make-up working day; make-up working days fall on Saturday or Sunday; off days have a
 * non-empty name. Returns an empty array when the data is usable; messages are Chinese, for the
 * administrator who uploaded the file.
 */
export function validateCalendarYear(input: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(input)) return ['年度节假日数据应为对象，包含 year、offDays、makeupWorkdays'];
  const year = input.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1900 && year <= 9999;
  if (!yearOk) problems.push(`年份 ${JSON.stringify(year)} 无效：应为 1900–9999 之间的整数`);
  const label = yearOk ? `${year}年` : '该年度';
  const first = yearOk ? dayNumberFromParts(year, 1, 1) - CALENDAR_YEAR_SPILL_DAYS : 0;
  const last = yearOk ? dayNumberFromParts(year, 12, 31) + CALENDAR_YEAR_SPILL_DAYS : 0;

  const seen = new Map<string, string>();
  const checkList = (key: 'offDays' | 'makeupWorkdays', title: string, makeup: boolean): void => {
    const list = input[key];
    if (list === undefined) {
      problems.push(`缺少${title}列表（${key}）`);
      return;
    }
    if (!Array.isArray(list)) {
      problems.push(`${title}列表（${key}）应为数组`);
      return;
    }
    list.forEach((item: unknown, index) => {
      const where = `${title}第${index + 1}项`;
      if (!isRecord(item)) {
        problems.push(`${where}应为包含 date 和 name 的对象`);
        return;
      }
      const { date, name } = item;
      if (!isCivilDate(date)) {
        problems.push(`${where}的日期 ${JSON.stringify(date)} 无效：应为 YYYY-MM-DD 格式的公历日期`);
        return;
      }
      if (name !== undefined && typeof name !== 'string') {
        problems.push(`${where}（${date}）的名称应为文字`);
      } else if (!makeup && (typeof name !== 'string' || name.trim() === '')) {
        problems.push(`${where}（${date}）缺少节日名称`);
      }
      const dayNumber = toDayNumber(date);
      if (yearOk && (dayNumber < first || dayNumber > last)) {
        problems.push(`${where}的日期 ${date} 不属于${label}（只允许跨年前后 ${CALENDAR_YEAR_SPILL_DAYS} 天以内）`);
      }
      if (makeup) {
        const weekday = weekdayOfDayNumber(dayNumber);
        if (weekday !== 0 && weekday !== 6) {
          problems.push(`${where}的日期 ${date} 不是周六或周日：调休上班日只能是周末`);
        }
      }
      const earlier = seen.get(date);
      if (earlier === title) problems.push(`${title}中 ${date} 重复出现`);
      else if (earlier !== undefined) problems.push(`${date} 同时列为放假日和调休上班日`);
      else seen.set(date, title);
    });
  };
  checkList('offDays', '放假日', false);
  checkList('makeupWorkdays', '调休上班日', true);

  if (input.sources !== undefined && !(Array.isArray(input.sources) && input.sources.every((s) => typeof s === 'string'))) {
    problems.push('数据来源（sources）应为文字列表');
  }
  return problems;
}

/**
 * Checks a year like {@link validateCalendarYear} and returns it typed.
 * @throws RangeError listing every problem (in Chinese) when the data is not usable.
 */
export function assertCalendarYear(input: unknown): CalendarYear {
  const problems = validateCalendarYear(input);
  if (problems.length > 0) throw new RangeError(`节假日数据有误：${problems.join('；')}`);
  return input as CalendarYear;
}

/**
 * The project's holiday-file format (packages/domain/data/cn-holidays-2020-2026.json):
 * `years[YYYY].off_days[]` and `years[YYYY].makeup_workdays[]`, each `{ date, name }`.
 */
export interface HolidayFileDocument {
  _source?: string;
  years: Record<string, { papers?: string[]; off_days: CalendarDayEntry[]; makeup_workdays: CalendarDayEntry[] }>;
}

/**
 * Converts a holiday file in the project format to calendar years, ascending, without validating
 * them (pass each through {@link validateCalendarYear} before use; `createCalendar` does).
 * A year's `papers` (notice URLs) become its `sources`.
 * @throws RangeError when a key of `years` is not a 4-digit year.
 */
export function calendarYearsFromDocument(doc: HolidayFileDocument): CalendarYear[] {
  return Object.entries(doc.years)
    .map(([key, value]): CalendarYear => {
      if (!/^\d{4}$/.test(key)) throw new RangeError(`节假日文件中的年份 ${JSON.stringify(key)} 无效`);
      return {
        year: Number(key),
        offDays: value.off_days.map(({ date, name }) => ({ date, name })),
        makeupWorkdays: value.makeup_workdays.map(({ date, name }) => ({ date, name })),
        ...(value.papers ? { sources: [...value.papers] } : {}),
      };
    })
    .sort((a, b) => a.year - b.year);
}
