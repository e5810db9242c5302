import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateZh, formatInstantZh, formatYuan, mulFenByPpm, parseYuanToFen, percentTextToPpm, ppmToPercentText } from './money';

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [123_456, '1,234.56'],
    [100_000_000, '1,000,000.00'],
    [-5, '-0.05'],
    [-123_456_789, '-1,234,567.89'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('refuses non-integers', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe('parseYuanToFen', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['1.5', 150],
    ['1.05', 105],
    ['1234.56', 123_456],
    ['1,234.56', 123_456],
    ['1,000,000', 100_000_000],
    [' 12.30 ', 1230],
    ['-0.05', -5],
    ['-0.00', 0],
    ['0.08', 8],
  ])('%j → %i', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each(['', '1.234', '.5', '5.', '01', '1,23', '12,34.5', '1,2345', '¥5', '1e3', 'abc', '- 1', '1.2.3', '90071992547409.92'])(
    'rejects %j',
    (text) => {
      expect(parseYuanToFen(text)).toBeNull();
    },
  );

  it('round-trips with formatYuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (fen) => {
        expect(parseYuanToFen(formatYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe('percent and ppm', () => {
  it.each([
    [800, '0.08%'],
    [10_000, '1%'],
    [12_345, '1.2345%'],
    [0, '0%'],
    [1, '0.0001%'],
    [1_000_000, '100%'],
    [-2_500, '-0.25%'],
  ])('%i ppm ↔ %s', (ppm, text) => {
    expect(ppmToPercentText(ppm)).toBe(text);
    expect(percentTextToPpm(text)).toBe(ppm);
  });

  it('parses with or without the sign, and rejects too many decimals', () => {
    expect(percentTextToPpm('0.08')).toBe(800);
    expect(percentTextToPpm('1 %')).toBe(10_000);
    expect(percentTextToPpm('0.08％')).toBe(800);
    expect(percentTextToPpm('0.00001%')).toBeNull();
    expect(percentTextToPpm('abc')).toBeNull();
    expect(percentTextToPpm('')).toBeNull();
  });
});

describe('mulFenByPpm', () => {
  it.each([
    // 鲁工信发〔2020〕1号 第二条: bridge-loan fee ≤ 0.08% → 1,000,000 元 pays at most 800 元.
    [100_000_000, 800, 'half-up', 80_000],
    // 第四条: guarantee fee ≤ 1% a year → 3,000,000 元 pays at most 30,000 元.
    [300_000_000, 10_000, 'half-up', 3_000_000],
    [1_000, 800, 'half-up', 1], // 0.8 fen
    [1_000, 800, 'down', 0],
    [625, 800, 'half-up', 1], // exactly 0.5 fen rounds up
    [624, 800, 'half-up', 0],
    [-625, 800, 'half-up', -1], // half away from zero
    [-1_000, 800, 'down', 0],
    [Number.MAX_SAFE_INTEGER, 1_000_000, 'half-up', Number.MAX_SAFE_INTEGER],
  ] as const)('%i fen × %i ppm (%s) = %i fen', (fen, ppm, rounding, expected) => {
    expect(mulFenByPpm(fen, ppm, rounding)).toBe(expected);
  });

  it('defaults to half-up and never returns -0', () => {
    expect(mulFenByPpm(625, 800)).toBe(1);
    expect(Object.is(mulFenByPpm(-1, 800, 'down'), 0)).toBe(true);
  });

  it('is exact where floating point is not', () => {
    // 0.07 × 100 in floating point is 7.000000000000001.
    expect(mulFenByPpm(7, 1_000_000)).toBe(7);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1_000_000 }), (fen, ppm) => {
        const exact = (BigInt(fen) * BigInt(ppm) * 2n + 1_000_000n) / 2_000_000n;
        expect(mulFenByPpm(fen, ppm)).toBe(Number(exact));
        expect(mulFenByPpm(fen, ppm, 'down')).toBe(Number((BigInt(fen) * BigInt(ppm)) / 1_000_000n));
      }),
    );
  });

  it('refuses non-integers and overflowing results', () => {
    expect(() => mulFenByPpm(1.5, 800)).toThrow(RangeError);
    expect(() => mulFenByPpm(100, 0.5)).toThrow(RangeError);
    expect(() => mulFenByPpm(Number.MAX_SAFE_INTEGER, 2_000_000)).toThrow(RangeError);
  });
});

describe('formatDateZh', () => {
  it('writes dates the way Chinese documents do', () => {
    expect(formatDateZh('2020-02-07')).toBe('2020年2月7日');
    expect(formatDateZh('2020-12-31')).toBe('2020年12月31日');
    expect(() => formatDateZh('2020-02-30')).toThrow(RangeError);
  });
});

describe('formatInstantZh', () => {
  it.each([
    ['2020-02-09T13:00:00.000Z', '2020年2月9日 21:00'],
    // 16:30 UTC is already the next day in Beijing.
    ['2020-02-09T16:30:00.000Z', '2020年2月10日 00:30'],
    ['2020-12-31T15:59:59.999Z', '2020年12月31日 23:59'],
    ['2020-02-10T08:40:00+08:00', '2020年2月10日 08:40'],
    ['2026-12-03T13:42:30.154Z', '2026年12月3日 21:42'],
    [new Date('2020-02-09T13:00:00.000Z'), '2020年2月9日 21:00'],
  ])('%s → %s', (instant, text) => {
    expect(formatInstantZh(instant)).toBe(text);
  });

  it('refuses a time without an offset, which could be read in any zone', () => {
    expect(() => formatInstantZh('2020-02-09T21:00:00')).toThrow(RangeError);
  });
});
