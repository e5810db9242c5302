// The built-in data (chinese-days) checked day by day against an independent transcription of the
// State Council notices (holiday-cn, cross-checked with LKI/chinese-calendar; see data/README.md).
import { describe, expect, it } from 'vitest';
import holidayFile from '../../data/cn-holidays-2020-2026.json';
import { dayNumberFromParts, fromDayNumber, weekdayOfDayNumber } from './civil-date';
import { calendarYearsFromDocument, createCalendar, defaultCalendar, validateCalendarYear, type HolidayFileDocument } from './index';

const doc = holidayFile as HolidayFileDocument;
const offDays = new Set<string>();
const makeupDays = new Set<string>();
for (const year of Object.values(doc.years)) {
  for (const { date } of year.off_days) offDays.add(date);
  for (const { date } of year.makeup_workdays) makeupDays.add(date);
}

function expectedWorking(dayNumber: number): boolean {
  const date = fromDayNumber(dayNumber);
  const weekday = weekdayOfDayNumber(dayNumber);
  return makeupDays.has(date) || (weekday >= 1 && weekday <= 5 && !offDays.has(date));
}

describe('built-in calendar against cn-holidays-2020-2026.json', () => {
  it('agrees on every day of 2020–2026', () => {
    const first = dayNumberFromParts(2020, 1, 1);
    const last = dayNumberFromParts(2026, 12, 31);
    const disagreements: string[] = [];
    for (let dn = first; dn <= last; dn++) {
      const date = fromDayNumber(dn);
      if (defaultCalendar.isWorkingDay(date) !== expectedWorking(dn)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
    expect(last - first + 1).toBe(2557);
  });

  it('has the same off days and make-up days, not only the same working days', () => {
    for (let year = 2020; year <= 2026; year++) {
      for (const day of defaultCalendar.monthDays(`${year}-01`).concat(
        ...Array.from({ length: 11 }, (_, i) => defaultCalendar.monthDays(`${year}-${String(i + 2).padStart(2, '0')}`)),
      )) {
        expect(day.offDay, day.date).toBe(offDays.has(day.date));
        expect(day.makeup, day.date).toBe(makeupDays.has(day.date));
      }
    }
  });

  it('reflects the file\'s quirks (see its _notes)', () => {
    // 2020-02-03 is an ordinary Monday, not a make-up day; 2022-12-31 is filed under 2023.
    expect(makeupDays.has('2020-02-03')).toBe(false);
    expect(doc.years['2023']?.off_days.some((d) => d.date === '2022-12-31')).toBe(true);
    expect(defaultCalendar.isWorkingDay('2020-02-03')).toBe(true);
  });

  it('can itself be imported: every year validates and gives the same calendar', () => {
    const years = calendarYearsFromDocument(doc);
    expect(years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const year of years) expect(validateCalendarYear(year)).toEqual([]);
    const imported = defaultCalendar.withYears(years);
    const fromFileOnly = createCalendar(years);
    for (let dn = dayNumberFromParts(2020, 1, 1); dn <= dayNumberFromParts(2026, 12, 31); dn++) {
      const date = fromDayNumber(dn);
      expect(imported.isWorkingDay(date)).toBe(expectedWorking(dn));
      expect(fromFileOnly.isWorkingDay(date)).toBe(expectedWorking(dn));
    }
  });
});
