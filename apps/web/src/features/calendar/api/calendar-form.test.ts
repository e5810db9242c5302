import { describe, expect, it } from 'vitest';
import { parseCalendarFile, toCalendarYear, toFormRows } from './calendar-form';

// The 2020 notice as amended on 2020-01-27: Spring Festival from 24 January to 2 February, and
// 1 February (a Saturday) no longer a make-up working day; 19 January stayed one.
const spring2020 = {
  year: 2020,
  offDays: [
    { from: '2020-01-01', to: '2020-01-01', name: '元旦' },
    { from: '2020-01-24', to: '2020-02-02', name: '春节' },
  ],
  makeupWorkdays: [{ date: '2020-01-19', name: '春节' }],
};

describe('toCalendarYear', () => {
  it('expands each range day by day, both ends included', () => {
    const y = toCalendarYear(spring2020);
    expect(y.year).toBe(2020);
    expect(y.offDays).toHaveLength(11);
    expect(y.offDays[0]).toEqual({ date: '2020-01-01', name: '元旦' });
    expect(y.offDays.map((d) => d.date)).toContain('2020-02-01');
    expect(y.offDays.at(-1)).toEqual({ date: '2020-02-02', name: '春节' });
    expect(y.makeupWorkdays).toEqual([{ date: '2020-01-19', name: '春节' }]);
  });

  it('imports 2027 with 元旦 on one day, as the administrator types it', () => {
    expect(toCalendarYear({ year: 2027, offDays: [{ from: '2027-01-01', to: '2027-01-01', name: ' 元旦 ' }], makeupWorkdays: [] })).toEqual({
      year: 2027,
      offDays: [{ date: '2027-01-01', name: '元旦' }],
      makeupWorkdays: [],
    });
  });

  it('sorts the lists by date whatever the order of the rows', () => {
    const y = toCalendarYear({ ...spring2020, offDays: [...spring2020.offDays].reverse() });
    expect(y.offDays[0]!.date).toBe('2020-01-01');
  });

  it('refuses a reversed or absurdly long range', () => {
    expect(() => toCalendarYear({ year: 2027, offDays: [{ from: '2027-01-03', to: '2027-01-01', name: '元旦' }], makeupWorkdays: [] })).toThrow(RangeError);
    expect(() => toCalendarYear({ year: 2027, offDays: [{ from: '2027-01-01', to: '2027-03-01', name: '元旦' }], makeupWorkdays: [] })).toThrow(/超过/);
  });
});

describe('toFormRows', () => {
  it('groups consecutive days of one holiday into a range, the inverse of toCalendarYear', () => {
    expect(toFormRows(toCalendarYear(spring2020))).toEqual(spring2020);
  });

  it('keeps a gap or a change of name as separate rows', () => {
    const rows = toFormRows({
      year: 2027,
      offDays: [
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-01-03', name: '元旦' },
        { date: '2027-01-04', name: '其他' },
      ],
      makeupWorkdays: [],
    });
    expect(rows.offDays).toEqual([
      { from: '2027-01-01', to: '2027-01-01', name: '元旦' },
      { from: '2027-01-03', to: '2027-01-03', name: '元旦' },
      { from: '2027-01-04', to: '2027-01-04', name: '其他' },
    ]);
  });
});

describe('parseCalendarFile', () => {
  it('reads the documented shape, with or without a byte-order mark', () => {
    const text = '\uFEFF{"year":2027,"offDays":[{"date":"2027-01-01","name":"元旦"}],"makeupWorkdays":[]}';
    expect(parseCalendarFile(text)).toEqual({ ok: true, year: { year: 2027, offDays: [{ date: '2027-01-01', name: '元旦' }], makeupWorkdays: [] } });
  });

  it('treats a missing make-up list as empty', () => {
    const r = parseCalendarFile('{"year":2027,"offDays":[]}');
    expect(r.ok && r.year.makeupWorkdays).toEqual([]);
  });

  it('says what is wrong with a bad file', () => {
    expect(parseCalendarFile('{year: 2027')).toMatchObject({ ok: false, reason: 'json' });
    expect(parseCalendarFile('[]')).toMatchObject({ ok: false, reason: 'shape' });
    expect(parseCalendarFile('{"year":"2027","offDays":[]}')).toMatchObject({ ok: false, reason: 'shape', detail: 'year' });
    expect(parseCalendarFile('{"year":2027,"offDays":[{"day":"2027-01-01"}]}')).toMatchObject({ ok: false, reason: 'shape', detail: 'offDays' });
  });
});
