// Civil dates of the policy as `YYYY-MM-DD` strings. Kept local to the policy module so it does not
// depend on the calendar module; ISO strings of equal length compare correctly as strings.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A civil date `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (e.g. rejects 2020-02-30, 2019-02-29). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Throws a RangeError unless `value` is a valid `YYYY-MM-DD` date; `name` names the argument in the message. */
export function assertIsoDate(value: unknown, name: string): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${name} 应为有效日期（YYYY-MM-DD），实际为 ${String(value)}`);
}
