// Civil dates ('YYYY-MM-DD') as plain strings and as day numbers (days since 1970-01-01).
// Everything here is integer arithmetic on year/month/day, never a Date read in the host time
// zone: a server in New York and a browser in Jinan must agree on which day a deadline falls.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai has been UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A civil date split into its parts; month and day are 1-based. */
export interface CivilDateParts {
  year: number;
  month: number;
  day: number;
}

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month of the Gregorian calendar (`month` 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Number of days in a Gregorian year: 365 or 366. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

function invalidDate(text: unknown): RangeError {
  return new RangeError(`无效日期 ${JSON.stringify(text)}：应为 YYYY-MM-DD 格式的公历日期，例如 2020-02-07`);
}

/**
 * Splits a 'YYYY-MM-DD' string into its parts, checking that the day exists.
 * @throws RangeError when the text is not a real Gregorian date (e.g. '2020-02-30', '2020-2-7').
 */
export function parseCivilDate(text: string): CivilDateParts {
  const m = typeof text === 'string' ? DATE_RE.exec(text) : null;
  if (!m) throw invalidDate(text);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalidDate(text);
  return { year, month, day };
}

/** Whether `text` is a real Gregorian date written as 'YYYY-MM-DD' (years 0001–9999). */
export function isCivilDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Returns `text` unchanged if it is a valid 'YYYY-MM-DD' date.
 * @throws RangeError otherwise, with a message naming the bad value.
 */
export function assertCivilDate(text: string): string {
  parseCivilDate(text);
  return text;
}

/**
 * Splits a 'YYYY-MM' month string into year and month (1–12).
 * @throws RangeError when the text is not a valid month such as '2020-01'.
 */
export function parseMonth(text: string): { year: number; month: number } {
  const m = typeof text === 'string' ? MONTH_RE.exec(text) : null;
  const year = m ? Number(m[1]) : 0;
  const month = m ? Number(m[2]) : 0;
  if (!m || year < 1 || month < 1 || month > 12) {
    throw new RangeError(`无效月份 ${JSON.stringify(text)}：应为 YYYY-MM 格式，例如 2020-01`);
  }
  return { year, month };
}

/**
 * Day number (days since 1970-01-01) of a civil date given by its parts.
 * Uses H. Hinnant's days_from_civil: pure integer arithmetic, valid for every proleptic
 * Gregorian date (unlike Date.UTC, which maps years 0–99 to 1900–1999).
 */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Day number (days since 1970-01-01) of a 'YYYY-MM-DD' date.
 * @throws RangeError when the date is invalid.
 */
export function toDayNumber(date: string): number {
  const { year, month, day } = parseCivilDate(date);
  return dayNumberFromParts(year, month, day);
}

/** Year, month and day of a day number (inverse of {@link dayNumberFromParts}). */
export function partsFromDayNumber(dayNumber: number): CivilDateParts {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats civil date parts as 'YYYY-MM-DD'. @throws RangeError for years outside 0001–9999. */
export function formatCivilDate(year: number, month: number, day: number): string {
  if (year < 1 || year > 9999) throw new RangeError(`日期超出支持范围（0001–9999 年）：${year} 年`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The 'YYYY-MM-DD' string of a day number. @throws RangeError for years outside 0001–9999. */
export function fromDayNumber(dayNumber: number): string {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return formatCivilDate(year, month, day);
}

/**
 * Weekday of a day number: 0 = Sunday … 6 = Saturday (the convention of Date#getDay and dayjs).
 */
export function weekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/**
 * Weekday of a 'YYYY-MM-DD' date: 0 = Sunday … 6 = Saturday.
 * @throws RangeError when the date is invalid.
 */
export function weekdayOf(date: string): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/**
 * The civil date `days` calendar days after `date` (negative goes back); no working-day logic.
 * @throws RangeError when the date is invalid or `days` is not an integer.
 */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`天数应为整数，实际为 ${String(days)}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Compares two 'YYYY-MM-DD' dates: negative if a < b, 0 if equal, positive if a > b.
 * Valid dates of equal width sort as strings, so this only validates and compares text.
 * @throws RangeError when either date is invalid.
 */
export function compareCivilDates(a: string, b: string): number {
  assertCivilDate(a);
  assertCivilDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Last day of a 'YYYY-MM' month as 'YYYY-MM-DD'.
 * @throws RangeError when the month is invalid.
 */
export function lastDayOfMonth(month: string): string {
  const { year, month: m } = parseMonth(month);
  return formatCivilDate(year, m, daysInMonth(year, m));
}

/**
 * The instant at which a civil date ends in China (24:00 Asia/Shanghai), as a UTC ISO string.
 * Deadlines "within N working days" run to the end of the last day, so '2020-02-07' gives
 * '2020-02-07T16:00:00.000Z'. Shanghai is fixed UTC+8 (no DST since 1991), so no tz database is needed.
 * @throws RangeError when the date is invalid.
 */
export function endOfDayInstant(date: string): string {
  const ms = (toDayNumber(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
  return new Date(ms).toISOString();
}

/**
 * The instant at which a civil date begins in China (00:00 Asia/Shanghai), as a UTC ISO string.
 * '2020-02-07' gives '2020-02-06T16:00:00.000Z'.
 * @throws RangeError when the date is invalid.
 */
export function startOfDayInstant(date: string): string {
  const ms = toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
  return new Date(ms).toISOString();
}

// An ISO instant must carry its offset: without one, Date.parse reads date-times in the host
// time zone, which is exactly the bug this module exists to avoid.
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The civil date in Asia/Shanghai ('YYYY-MM-DD') of an instant.
 * Accepts a Date or an ISO 8601 string with an explicit offset ('Z' or '+08:00');
 * '2020-02-07T16:00:00.000Z' is already '2020-02-08' in Shanghai.
 * @throws RangeError for strings without an offset or that do not parse, and invalid Dates.
 */
export function shanghaiDateOf(instant: string | Date): string {
  let ms: number;
  if (instant instanceof Date) {
    ms = instant.getTime();
  } else {
    if (typeof instant !== 'string' || !INSTANT_RE.test(instant)) {
      throw new RangeError(`无效时间 ${JSON.stringify(instant)}：应为带时区的 ISO 8601 时间，例如 2020-02-07T16:00:00.000Z`);
    }
    ms = Date.parse(instant);
  }
  if (!Number.isFinite(ms)) throw new RangeError(`无效时间 ${JSON.stringify(String(instant))}`);
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/**
 * An instant as read on a clock in Asia/Shanghai, to the minute: the civil date and 'HH:MM'.
 * '2020-02-09T16:30:00.000Z' → { date: '2020-02-10', time: '00:30' }. Same input rules as
 * {@link shanghaiDateOf}.
 * @throws RangeError for strings without an offset or that do not parse, and invalid Dates.
 */
export function shanghaiClockOf(instant: string | Date): { date: string; time: string } {
  const date = shanghaiDateOf(instant);
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  const minutes = Math.floor((ms - (toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS)) / 60_000);
  const pad2 = (n: number) => String(n).padStart(2, '0');
  return { date, time: `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}` };
}
