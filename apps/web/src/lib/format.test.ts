import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatDate, formatDateZh, formatInstant, formatYuan, formatYuanWithUnit, shanghaiDayRange, validateUscc, wanToFen, yuanToFen } from './format';

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [100, '1.00'],
    [123456, '1,234.56'],
    [100000000, '1,000,000.00'],
    [-5, '-0.05'],
    [-123456, '-1,234.56'],
    [9007199254740991, '90,071,992,547,409.91'],
  ])('%s fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('shows fractions of a fen, unsafe integers and missing values as a dash', () => {
    expect(formatYuan(1.5)).toBe('—');
    expect(formatYuan(2 ** 53)).toBe('—');
    expect(formatYuan(Number.NaN)).toBe('—');
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(undefined)).toBe('—');
  });

  it('adds the unit', () => {
    expect(formatYuanWithUnit(123456)).toBe('1,234.56 元');
    expect(formatYuanWithUnit(null)).toBe('—');
  });
});

describe('dates', () => {
  it('formats civil dates for people', () => {
    // The January 2020 claim window closes on 7 February (Spring Festival extension).
    expect(formatDateZh('2020-02-07')).toBe('2020年2月7日');
    expect(formatDateZh('2020-12-31')).toBe('2020年12月31日');
    expect(formatDateZh('not a date')).toBe('not a date');
    expect(formatDateZh('2020-02-30')).toBe('2020-02-30');
    expect(formatDate('2020-02-07', 'en-US')).toBe('2020-02-07');
    expect(formatDate(null)).toBe('—');
  });

  it('shows instants in Asia/Shanghai whatever the runtime time zone', () => {
    expect(formatInstant('2020-02-07T06:03:00Z')).toBe('2020年2月7日 14:03');
    // 16:00 UTC is already the next day in Shanghai.
    expect(formatInstant('2020-02-06T16:00:00.000Z')).toBe('2020年2月7日 00:00');
    expect(formatInstant('2020-02-07T15:59:59.999Z', 'en-US')).toBe('2020-02-07 23:59');
    expect(formatInstant(null)).toBe('—');
    expect(formatInstant('garbage')).toBe('garbage');
  });

  it('bounds Shanghai civil days in UTC', () => {
    expect(shanghaiDayRange('2020-02-07', '2020-02-07')).toEqual({ from: '2020-02-06T16:00:00.000Z', to: '2020-02-07T15:59:59.999Z' });
    expect(shanghaiDayRange('2020-01-01', '2020-01-31')).toEqual({ from: '2019-12-31T16:00:00.000Z', to: '2020-01-31T15:59:59.999Z' });
  });
});

describe('wanToFen', () => {
  it.each([
    ['0', 0],
    ['1', 1_000_000],
    ['300', 300_000_000],
    ['0.01', 10_000],
    ['123.4567', 123_456_700],
    ['0.000001', 1],
    ['40000', 40_000_000_000],
    [' 2000 ', 2_000_000_000],
    [0.1, 100_000],
  ])('%s 万元 → %s fen', (wan, fen) => {
    expect(wanToFen(wan)).toBe(fen);
  });

  it('rejects what is not a number', () => {
    expect(wanToFen('')).toBeNull();
    expect(wanToFen('1e3')).toBeNull();
    expect(wanToFen('abc')).toBeNull();
    expect(wanToFen(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('validateUscc', () => {
  it.each(['91310115591693856A', '91310110666007217T', '91350200776049653A', '913502000728319549', '91370781MA3DKU6R4Q', '91371100MA3TA2E083', '91370303MAKEJDBW7N'])(
    '%s is valid',
    (code) => {
      expect(validateUscc(code).valid).toBe(true);
    },
  );

  it('accepts lower case and surrounding spaces', () => {
    expect(validateUscc(' 91370781ma3dku6r4q ').valid).toBe(true);
  });

  it('names the expected check character', () => {
    const corrupted = validateUscc('91310110666007217X');
    expect(corrupted).toMatchObject({ valid: false, expected: 'T' });
    expect(corrupted.message).toContain('T');
    // Real-world data carries bad codes too.
    expect(validateUscc('91371402MADP1E1K8T')).toMatchObject({ valid: false, expected: 'G' });
  });

  it('explains length, charset and region-code errors', () => {
    expect(validateUscc('9137078').message).toContain('18');
    expect(validateUscc('91370781MA3DKU6RIQ').message).toContain('I');
    expect(validateUscc('9137A781MA3DKU6R4Q').message).toContain('3–8');
  });
});

describe('yuanToFen and fenToYuanInput', () => {
  it.each([
    ['0', 0],
    ['1234.56', 123456],
    ['1,234.5', 123450],
    [' 15000000 ', 1_500_000_000],
  ])('%s 元 → %s fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it('refuses a third decimal, bad separators and words', () => {
    for (const text of ['1.234', '1,23', '.5', '十万', '1e5', '']) expect(yuanToFen(text), text).toBeNull();
  });

  it('turns fen back into text the parser accepts', () => {
    expect(fenToYuanInput(1_500_000_000)).toBe('15000000.00');
    expect(fenToYuanInput(5)).toBe('0.05');
    expect(fenToYuanInput(null)).toBe('');
    expect(yuanToFen(fenToYuanInput(987654321))).toBe(987654321);
  });
});
