// The administrator's holiday form ⇄ one year of holiday data as POST /api/calendar/years takes it
// ({ year, offDays: [{ date, name }], makeupWorkdays: [{ date, name }] }). Off days are typed as
// date ranges (春节 2027-02-06 – 2027-02-13) and sent as one entry per day. Pure: no antd, no dayjs.
import { addCalendarDays, isCivilDate, type CalendarYearInput } from '@relief/domain';

/** A row of days off: a range of civil dates (both ends inclusive) and the holiday's name. */
export interface OffDayRow {
  from: string;
  to: string;
  name: string;
}

/** A make-up working day (调休上班) and the holiday it makes up for. */
export interface MakeupRow {
  date: string;
  name: string;
}

export interface CalendarFormRows {
  year: number;
  offDays: OffDayRow[];
  makeupWorkdays: MakeupRow[];
}

/** A range longer than this is a typing mistake (the longest holiday, 2020's Spring Festival, ran 10 days). */
export const MAX_RANGE_DAYS = 31;

/**
 * The year's data from the form: each off-day range expanded day by day, names trimmed, both lists
 * in date order. Checking the result (dates inside the year, make-up days on weekends, no date
 * twice) is the server's preview, which names every problem in Chinese.
 * @throws RangeError when a range is not two dates in order or spans more than MAX_RANGE_DAYS.
 */
export function toCalendarYear(rows: CalendarFormRows): CalendarYearInput {
  const offDays: CalendarYearInput['offDays'] = [];
  for (const r of rows.offDays) {
    if (!isCivilDate(r.from) || !isCivilDate(r.to) || r.to < r.from) throw new RangeError(`放假日期 ${r.from} – ${r.to} 无效`);
    let d = r.from;
    for (let i = 0; d <= r.to; i++, d = addCalendarDays(d, 1)) {
      if (i >= MAX_RANGE_DAYS) throw new RangeError(`放假日期 ${r.from} – ${r.to} 超过 ${MAX_RANGE_DAYS} 天，请检查`);
      offDays.push({ date: d, name: r.name.trim() });
    }
  }
  const makeupWorkdays = rows.makeupWorkdays.map((r) => ({ date: r.date, name: r.name.trim() }));
  const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return { year: rows.year, offDays: offDays.sort(byDate), makeupWorkdays: makeupWorkdays.sort(byDate) };
}

/**
 * The form rows for a year's data (an uploaded file): consecutive off days of the same name become
 * one range, so the administrator checks "春节 2月6日–13日" rather than eight lines.
 */
export function toFormRows(year: CalendarYearInput): CalendarFormRows {
  const sorted = [...year.offDays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const offDays: OffDayRow[] = [];
  for (const d of sorted) {
    const last = offDays[offDays.length - 1];
    if (last && last.name === d.name && isCivilDate(last.to) && isCivilDate(d.date) && addCalendarDays(last.to, 1) === d.date) last.to = d.date;
    else offDays.push({ from: d.date, to: d.date, name: d.name });
  }
  return { year: year.year, offDays, makeupWorkdays: year.makeupWorkdays.map((m) => ({ date: m.date, name: m.name })) };
}

export type ParsedCalendarFile = { ok: true; year: CalendarYearInput } | { ok: false; reason: 'json' | 'shape'; detail: string };

function isEntryList(v: unknown): v is { date: string; name: string }[] {
  return Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>).date === 'string' && typeof ((e as Record<string, unknown>).name ?? '') === 'string');
}

/**
 * Reads an uploaded holiday file `{ year, offDays: [{ date, name }], makeupWorkdays: [{ date, name }] }`.
 * Only the shape is checked here; the dates themselves are checked by the server's preview.
 */
export function parseCalendarFile(text: string): ParsedCalendarFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, reason: 'json', detail: e instanceof Error ? e.message : String(e) };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'shape', detail: '' };
  const r = raw as Record<string, unknown>;
  const makeup = r.makeupWorkdays ?? [];
  if (typeof r.year !== 'number' || !Number.isInteger(r.year)) return { ok: false, reason: 'shape', detail: 'year' };
  if (!isEntryList(r.offDays)) return { ok: false, reason: 'shape', detail: 'offDays' };
  if (!isEntryList(makeup)) return { ok: false, reason: 'shape', detail: 'makeupWorkdays' };
  const entries = (list: { date: string; name?: string }[]) => list.map((e) => ({ date: e.date, name: e.name ?? '' }));
  return { ok: true, year: { year: r.year, offDays: entries(r.offDays), makeupWorkdays: entries(makeup) } };
}
