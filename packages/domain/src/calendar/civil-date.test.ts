import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  assertCivilDate,
  compareCivilDates,
  dayNumberFromParts,
  endOfDayInstant,
  fromDayNumber,
  isCivilDate,
  lastDayOfMonth,
  parseMonth,
  partsFromDayNumber,
  shanghaiDateOf,
  startOfDayInstant,
  toDayNumber,
  weekdayOf,
} from './civil-date';

describe('civil dates', () => {
  it.each(['2020-02-30', '2019-02-29', '2020-13-01', '2020-00-10', '2020-2-7', '20200207', '2020-02-07T00:00', '', '0000-01-01'])(
    'rejects %j with a RangeError naming the value',
    (text) => {
      expect(isCivilDate(text)).toBe(false);
      expect(() => assertCivilDate(text)).toThrow(RangeError);
      expect(() => toDayNumber(text)).toThrow(JSON.stringify(text));
    },
  );

  it.each(['2020-02-29', '2000-02-29', '1970-01-01', '9999-12-31', '0001-01-01'])('accepts %s', (text) => {
    expect(isCivilDate(text)).toBe(true);
    expect(fromDayNumber(toDayNumber(text))).toBe(text);
  });

  it('numbers days from 1970-01-01 like Date.UTC does', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2020-02-07')).toBe(Date.UTC(2020, 1, 7) / 86_400_000);
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 2_900_000 }), (dn) => {
        const d = new Date(dn * 86_400_000);
        const parts = partsFromDayNumber(dn);
        expect(parts).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(dayNumberFromParts(parts.year, parts.month, parts.day)).toBe(dn);
      }),
    );
  });

  it('knows weekdays (0 = Sunday)', () => {
    expect(weekdayOf('2020-02-01')).toBe(6);
    expect(weekdayOf('2020-01-19')).toBe(0);
    expect(weekdayOf('2020-02-03')).toBe(1);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });

  it('adds calendar days and finds month ends', () => {
    expect(addCalendarDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addCalendarDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addCalendarDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(lastDayOfMonth('2020-02')).toBe('2020-02-29');
    expect(lastDayOfMonth('2021-02')).toBe('2021-02-28');
    expect(lastDayOfMonth('2020-09')).toBe('2020-09-30');
    expect(() => parseMonth('2020-13')).toThrow(RangeError);
    expect(() => addCalendarDays('2020-01-01', 0.5)).toThrow(RangeError);
    expect(compareCivilDates('2020-02-07', '2020-10-14')).toBeLessThan(0);
  });
});

describe('Asia/Shanghai day boundaries', () => {
  it('ends a civil day at 24:00 Shanghai time = 16:00 UTC', () => {
    expect(endOfDayInstant('2020-02-07')).toBe('2020-02-07T16:00:00.000Z');
    expect(startOfDayInstant('2020-02-07')).toBe('2020-02-06T16:00:00.000Z');
    expect(endOfDayInstant('2020-12-31')).toBe('2020-12-31T16:00:00.000Z');
  });

  it.each([
    ['2020-02-07T15:59:59.999Z', '2020-02-07'],
    ['2020-02-07T16:00:00.000Z', '2020-02-08'],
    ['2020-02-06T16:00:00Z', '2020-02-07'],
    ['2020-02-07T23:59:59+08:00', '2020-02-07'],
    ['2020-02-07T00:30:00-05:00', '2020-02-07'],
    ['2020-02-07T11:30:00-05:00', '2020-02-08'],
    ['2020-12-31T16:00:00Z', '2021-01-01'],
  ])('shanghaiDateOf(%s) = %s', (instant, date) => {
    expect(shanghaiDateOf(instant)).toBe(date);
    expect(shanghaiDateOf(new Date(instant))).toBe(date);
  });

  it('refuses instants without an offset, which the host time zone would skew', () => {
    expect(() => shanghaiDateOf('2020-02-07T10:00:00')).toThrow(RangeError);
    expect(() => shanghaiDateOf('2020-02-07')).toThrow(RangeError);
    expect(() => shanghaiDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('round-trips: the end of a day belongs to the next day, one millisecond before to the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (dn) => {
        const date = fromDayNumber(dn);
        const end = endOfDayInstant(date);
        expect(shanghaiDateOf(end)).toBe(fromDayNumber(dn + 1));
        expect(shanghaiDateOf(new Date(Date.parse(end) - 1))).toBe(date);
      }),
    );
  });
});
