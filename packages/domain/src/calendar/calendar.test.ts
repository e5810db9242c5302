import { describe, expect, it } from 'vitest';
import {
  BUILTIN_CALENDAR_YEARS,
  addWorkingDays,
  addWorkingDaysDetailed,
  createCalendar,
  deadlineStatus,
  defaultCalendar,
  isWorkingDay,
  isWorkingDayDetailed,
  monthDays,
  sameWorkingDay,
  validateCalendarYear,
  workingDaysAfterMonthEnd,
  workingDaysAfterMonthEndDetailed,
  workingDaysBetween,
  workingDaysBetweenDetailed,
  type CalendarYear,
} from './index';

// 鲁工信发〔2020〕1号 第一条: banks file risk-compensation claims "每月结束后5个工作日内".
describe('claim windows of the seed policy (DOMAIN.md §4.3)', () => {
  it.each([
    ['2020-01', '2020-02-07'], // 31 Jan – 2 Feb became holidays; 1 Feb stopped being a make-up day
    ['2020-02', '2020-03-06'],
    ['2020-04', '2020-05-11'], // Saturday 9 May is a make-up working day
    ['2020-09', '2020-10-14'], // Saturday 10 October is a make-up working day
  ])('5 working days after %s end on %s', (month, deadline) => {
    expect(workingDaysAfterMonthEnd(month, 5)).toBe(deadline);
    expect(workingDaysAfterMonthEndDetailed(month, 5)).toEqual({ date: deadline, provisional: false, missingYears: [] });
  });

  it.each([
    ['2020-01-01', false, '元旦'],
    ['2020-01-19', true, 'Sunday make-up day for 春节'],
    ['2020-01-31', false, 'extension of 春节 (国办发明电〔2020〕1号)'],
    ['2020-02-01', false, 'Saturday make-up day cancelled by the extension'],
    ['2020-02-02', false, 'last day of the extension'],
    ['2020-02-03', true, 'first ordinary working day after the extension'],
    ['2020-02-08', false, 'ordinary Saturday'],
    ['2020-05-09', true, 'Saturday make-up day for 劳动节'],
    ['2020-10-08', false, 'Thursday inside 国庆节、中秋节'],
    ['2022-12-31', false, 'Saturday, start of the 2023 元旦 break'],
    ['2023-12-29', true, 'ordinary Friday'],
  ])('%s working = %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
    expect(defaultCalendar.isWorkingDay(date)).toBe(working);
  });

  it('counts 10 and 1 working days for review steps', () => {
    // 省财金集团 first review ≤10 working days, 省工信厅 re-check ≤1 working day (第一条).
    expect(addWorkingDays('2020-02-07', 10)).toBe('2020-02-21');
    expect(addWorkingDays('2020-09-30', 1)).toBe('2020-10-09');
    expect(addWorkingDays('2020-09-30', 2)).toBe('2020-10-10');
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of the event', () => {
    expect(addWorkingDays('2020-02-03', 1)).toBe('2020-02-04');
    expect(addWorkingDays('2020-02-07', 1)).toBe('2020-02-10');
    expect(addWorkingDays('2020-01-23', 1)).toBe('2020-02-03');
  });

  it('treats n = 0 as "the same working day"', () => {
    expect(addWorkingDays('2020-02-03', 0)).toBe('2020-02-03');
    expect(addWorkingDays('2020-02-01', 0)).toBe('2020-02-03');
    expect(sameWorkingDay('2020-01-19')).toBe('2020-01-19');
    expect(sameWorkingDay('2020-10-01')).toBe('2020-10-09');
  });

  it('crosses year boundaries', () => {
    expect(addWorkingDays('2020-12-31', 1)).toBe('2021-01-04');
    expect(addWorkingDays('2020-12-31', 300)).toBe(addWorkingDays('2021-01-04', 299));
    expect(workingDaysBetween('2020-12-31', '2021-01-04')).toBe(1);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %s', (n) => {
    expect(() => addWorkingDays('2020-02-03', n)).toThrow(RangeError);
  });

  it('rejects invalid dates', () => {
    expect(() => addWorkingDays('2020-02-30', 1)).toThrow(RangeError);
    expect(() => isWorkingDay('2020-02-30')).toThrow(/2020-02-30/);
    expect(() => workingDaysAfterMonthEnd('2020-1', 5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to]', () => {
    expect(workingDaysBetween('2020-02-07', '2020-02-07')).toBe(0);
    expect(workingDaysBetween('2020-02-07', '2020-02-10')).toBe(1);
    expect(workingDaysBetween('2020-02-07', '2020-02-09')).toBe(0);
    expect(workingDaysBetween('2020-01-31', '2020-02-07')).toBe(5);
    expect(workingDaysBetween('2020-02-10', '2020-02-07')).toBe(-1);
    expect(workingDaysBetween('2020-02-07', '2020-01-31')).toBe(-5);
  });

  it('drives the deadline badge', () => {
    const deadline = '2020-02-07';
    expect(deadlineStatus(deadline, '2020-02-03')).toEqual({
      overdue: false,
      remainingWorkingDays: 4,
      overdueWorkingDays: 0,
      provisional: false,
      missingYears: [],
    });
    expect(deadlineStatus(deadline, '2020-02-07')).toMatchObject({ overdue: false, remainingWorkingDays: 0 });
    expect(deadlineStatus(deadline, '2020-02-08')).toMatchObject({ overdue: true, overdueWorkingDays: 0 });
    expect(deadlineStatus(deadline, '2020-02-11')).toMatchObject({ overdue: true, remainingWorkingDays: 0, overdueWorkingDays: 2 });
  });
});

describe('monthDays', () => {
  it('describes February 2020', () => {
    const days = monthDays('2020-02');
    expect(days).toHaveLength(29);
    expect(days[0]).toEqual({
      date: '2020-02-01',
      weekday: 6,
      working: false,
      offDay: true,
      makeup: false,
      holidayName: '春节',
      provisional: false,
    });
    expect(days[2]).toEqual({ date: '2020-02-03', weekday: 1, working: true, offDay: false, makeup: false, provisional: false });
    expect(days.filter((d) => d.working)).toHaveLength(20);
  });

  it('marks make-up days with the holiday they make up for', () => {
    const day = monthDays('2020-01').find((d) => d.date === '2020-01-19');
    expect(day).toMatchObject({ working: true, makeup: true, offDay: false, holidayName: '春节', weekday: 0 });
  });

  it('uses the notices\' names (清明节, not 清明)', () => {
    expect(defaultCalendar.dayInfo('2020-04-04').holidayName).toBe('清明节');
    expect(defaultCalendar.dayInfo('2020-06-25').holidayName).toBe('端午节');
  });
});

describe('years without holiday data', () => {
  const notice2027: CalendarYear = {
    year: 2027,
    offDays: [{ date: '2027-01-01', name: '元旦' }],
    makeupWorkdays: [],
    sources: ['test fixture, not a real notice'],
  };

  it('counts only weekends in 2027 and says the result is provisional', () => {
    expect(defaultCalendar.hasYear(2027)).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(true); // a Friday: counted, but…
    expect(isWorkingDayDetailed('2027-01-01')).toEqual({ working: true, provisional: true, missingYears: [2027] });
    expect(isWorkingDayDetailed('2026-12-31')).toEqual({ working: true, provisional: false, missingYears: [] });
    expect(addWorkingDaysDetailed('2026-12-30', 2)).toEqual({ date: '2027-01-01', provisional: true, missingYears: [2027] });
    expect(addWorkingDaysDetailed('2026-12-30', 1)).toEqual({ date: '2026-12-31', provisional: false, missingYears: [] });
    expect(workingDaysBetweenDetailed('2026-12-31', '2027-01-04')).toEqual({ days: 2, provisional: true, missingYears: [2027] });
    expect(monthDays('2027-01').every((d) => d.provisional)).toBe(true);
    expect(defaultCalendar.missingYears('2025-05-01', '2028-01-01')).toEqual([2027, 2028]);
  });

  it('does not call a result provisional when only the starting day is in a missing year', () => {
    // (2003-12-31, …] looks at 2004 onward only; 2003 precedes the built-in data.
    expect(addWorkingDaysDetailed('2003-12-31', 1)).toEqual({ date: '2004-01-02', provisional: false, missingYears: [] });
    expect(addWorkingDaysDetailed('2003-12-31', 0)).toMatchObject({ provisional: true, missingYears: [2003] });
  });

  it('uses an imported 2027 once it is added', () => {
    const calendar = defaultCalendar.withYears([notice2027]);
    expect(calendar.hasYear(2027)).toBe(true);
    expect(calendar.isWorkingDayDetailed('2027-01-01')).toEqual({ working: false, provisional: false, missingYears: [] });
    expect(calendar.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
    expect(calendar.years.at(-1)).toBe(2027);
    // the default calendar is not changed
    expect(isWorkingDay('2027-01-01')).toBe(true);
  });

  it('lets an imported year replace the built-in one', () => {
    const imported: CalendarYear = {
      year: 2020,
      offDays: [{ date: '2020-01-01', name: '元旦' }],
      makeupWorkdays: [{ date: '2020-02-01', name: '春节' }],
    };
    const calendar = createCalendar([...BUILTIN_CALENDAR_YEARS, imported]);
    expect(calendar.isWorkingDay('2020-02-01')).toBe(true);
    expect(calendar.isWorkingDay('2020-01-31')).toBe(true); // a Friday, no longer an off day
    expect(calendar.isWorkingDay('2021-02-11')).toBe(false); // other years untouched
    expect(calendar.yearData.find((y) => y.year === 2020)).toEqual(imported);
  });

  it('applies a holiday that spills into the next year from the notice that announced it', () => {
    const calendar = createCalendar([
      { year: 2030, offDays: [{ date: '2031-01-02', name: '元旦' }], makeupWorkdays: [] },
    ]);
    expect(calendar.isWorkingDayDetailed('2031-01-02')).toEqual({ working: false, provisional: true, missingYears: [2031] });
  });

  it('refuses invalid data when building a calendar', () => {
    expect(() =>
      createCalendar([{ year: 2027, offDays: [{ date: '2027-02-30', name: '春节' }], makeupWorkdays: [] }]),
    ).toThrow(RangeError);
  });
});

describe('validateCalendarYear', () => {
  it('accepts every built-in year', () => {
    for (const year of BUILTIN_CALENDAR_YEARS) expect(validateCalendarYear(year)).toEqual([]);
    expect(BUILTIN_CALENDAR_YEARS[0]?.year).toBe(2004);
    expect(BUILTIN_CALENDAR_YEARS.at(-1)?.year).toBe(2026);
  });

  it('accepts the 2023 notice, whose 元旦 starts on 2022-12-31', () => {
    expect(
      validateCalendarYear({
        year: 2023,
        offDays: [
          { date: '2022-12-31', name: '元旦' },
          { date: '2023-01-01', name: '元旦' },
          { date: '2023-01-02', name: '元旦' },
        ],
        makeupWorkdays: [{ date: '2023-01-28', name: '春节' }],
      }),
    ).toEqual([]);
  });

  it('lists every problem in Chinese', () => {
    const problems = validateCalendarYear({
      year: 2027,
      offDays: [
        { date: '2027-02-30', name: '春节' },
        { date: '2026-12-01', name: '元旦' },
        { date: '2027-05-03', name: '' },
        { date: '2027-10-09', name: '国庆节' },
        { date: '2027-10-09', name: '国庆节' },
      ],
      makeupWorkdays: [
        { date: '2027-02-03', name: '春节' },
        { date: '2027-10-09', name: '国庆节' },
      ],
    });
    expect(problems).toEqual([
      '放假日第1项的日期 "2027-02-30" 无效：应为 YYYY-MM-DD 格式的公历日期',
      '放假日第2项的日期 2026-12-01 不属于2027年（只允许跨年前后 7 天以内）',
      '放假日第3项（2027-05-03）缺少节日名称',
      '放假日中 2027-10-09 重复出现',
      '调休上班日第1项的日期 2027-02-03 不是周六或周日：调休上班日只能是周末',
      '2027-10-09 同时列为放假日和调休上班日',
    ]);
  });

  it('rejects malformed input', () => {
    expect(validateCalendarYear(null)).toHaveLength(1);
    expect(validateCalendarYear({ year: '2027', offDays: {}, makeupWorkdays: [] })).toEqual([
      '年份 "2027" 无效：应为 1900–9999 之间的整数',
      '放假日列表（offDays）应为数组',
    ]);
    expect(validateCalendarYear({ year: 2027, offDays: [] })).toEqual(['缺少调休上班日列表（makeupWorkdays）']);
  });
});
