import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberFromParts, fromDayNumber, toDayNumber } from './civil-date';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './index';

// Dates from 2003 (before the data) to 2028 (after it), so provisional years are exercised too.
const dateArb = fc
  .integer({ min: dayNumberFromParts(2003, 1, 1), max: dayNumberFromParts(2028, 12, 31) })
  .map(fromDayNumber);
const countArb = fc.integer({ min: 0, max: 400 });

describe('working-day arithmetic properties', () => {
  it('always lands on a working day, for every n including 0', () => {
    fc.assert(
      fc.property(dateArb, countArb, (date, n) => {
        expect(isWorkingDay(addWorkingDays(date, n))).toBe(true);
      }),
    );
  });

  it('lands strictly after the date for n ≥ 1, on or after it for n = 0', () => {
    fc.assert(
      fc.property(dateArb, countArb, (date, n) => {
        const result = addWorkingDays(date, n);
        if (n === 0) expect(result >= date).toBe(true);
        else expect(result > date).toBe(true);
      }),
    );
  });

  it('is monotone in n', () => {
    fc.assert(
      fc.property(dateArb, countArb, countArb, (date, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(date, lo) <= addWorkingDays(date, hi)).toBe(true);
        if (lo >= 1 && lo < hi) expect(addWorkingDays(date, lo) < addWorkingDays(date, hi)).toBe(true);
      }),
    );
  });

  it('is monotone in the date', () => {
    fc.assert(
      fc.property(dateArb, dateArb, countArb, (a, b, n) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(lo, n) <= addWorkingDays(hi, n)).toBe(true);
      }),
    );
  });

  it('is inverted by workingDaysBetween for n ≥ 1 (and for n = 0 on working days)', () => {
    fc.assert(
      fc.property(dateArb, countArb, (date, n) => {
        const result = addWorkingDays(date, n);
        const expected = n === 0 && !isWorkingDay(date) ? 1 : n;
        expect(workingDaysBetween(date, result)).toBe(expected);
      }),
    );
  });

  it('is antisymmetric and additive', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0);
        expect(Object.is(workingDaysBetween(a, a), 0)).toBe(true);
        expect(workingDaysBetween(a, c)).toBe(workingDaysBetween(a, b) + workingDaysBetween(b, c));
      }),
    );
  });

  it('agrees with a day-by-day count', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), (from, span) => {
        const start = toDayNumber(from);
        let count = 0;
        for (let dn = start + 1; dn <= start + span; dn++) if (isWorkingDay(fromDayNumber(dn))) count++;
        expect(workingDaysBetween(from, fromDayNumber(start + span))).toBe(count);
      }),
    );
  });
});
