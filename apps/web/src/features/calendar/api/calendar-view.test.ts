import type { CalendarDayView } from '@relief/domain';
import { monthDays } from '@relief/domain';
import { describe, expect, it } from 'vitest';
import { formatYearRanges, holidayRuns, monthWeeks } from './calendar-view';

// The built-in calendar gives the same days as GET /api/calendar/month for built-in years.
const month = (m: string): CalendarDayView[] => monthDays(m).map((d) => ({ ...d, holidayName: d.holidayName ?? null }));

describe('monthWeeks', () => {
  it('starts weeks on Monday: 1 January 2020 was a Wednesday', () => {
    const weeks = monthWeeks(month('2020-01'));
    expect(weeks[0]!.slice(0, 2)).toEqual([null, null]);
    expect(weeks[0]![2]!.date).toBe('2020-01-01');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it('lays out February 2021, which starts on a Monday, without padding in front', () => {
    expect(monthWeeks(month('2021-02'))[0]![0]!.date).toBe('2021-02-01');
  });
});

describe('holidayRuns', () => {
  it('summarises January 2020: 元旦, the make-up Sunday 19th and the Spring Festival from the 24th', () => {
    expect(holidayRuns(month('2020-01'))).toEqual([
      { kind: 'off', name: '元旦', from: 1, to: 1 },
      { kind: 'makeup', name: '春节', from: 19, to: 19 },
      { kind: 'off', name: '春节', from: 24, to: 31 },
    ]);
  });

  it('carries the extended Spring Festival into February 2020, with 1 February no longer a working day', () => {
    const feb = month('2020-02');
    expect(holidayRuns(feb)[0]).toEqual({ kind: 'off', name: '春节', from: 1, to: 2 });
    expect(feb[0]).toMatchObject({ date: '2020-02-01', working: false, makeup: false });
  });
});

describe('formatYearRanges', () => {
  it('joins consecutive years', () => {
    expect(formatYearRanges([2006, 2004, 2005, 2010])).toBe('2004–2006、2010');
    expect(formatYearRanges([])).toBe('');
  });
});
