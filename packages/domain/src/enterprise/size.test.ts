import { describe, expect, it } from 'vitest';
import {
  INDUSTRY_ROWS,
  SIZE_LABELS,
  classifySize,
  sizeIsSme,
  sizeIsSmallOrMicro,
  type IndustryRowId,
  type SizeClass,
  type SizeIndicator,
  type SizeInputs,
} from './size';

// DOMAIN.md §1.2, typed in again independently of size.ts: [row, indicator, large, medium, small].
const TABLE: [IndustryRowId, SizeIndicator, number, number, number][] = [
  ['agriculture', 'revenueWan', 20000, 500, 50],
  ['industry', 'employees', 1000, 300, 20],
  ['industry', 'revenueWan', 40000, 2000, 300],
  ['construction', 'revenueWan', 80000, 6000, 300],
  ['construction', 'assetsWan', 80000, 5000, 300],
  ['wholesale', 'employees', 200, 20, 5],
  ['wholesale', 'revenueWan', 40000, 5000, 1000],
  ['retail', 'employees', 300, 50, 10],
  ['retail', 'revenueWan', 20000, 500, 100],
  ['transport', 'employees', 1000, 300, 20],
  ['transport', 'revenueWan', 30000, 3000, 200],
  ['warehousing', 'employees', 200, 100, 20],
  ['warehousing', 'revenueWan', 30000, 1000, 100],
  ['postal', 'employees', 1000, 300, 20],
  ['postal', 'revenueWan', 30000, 2000, 100],
  ['accommodation', 'employees', 300, 100, 10],
  ['accommodation', 'revenueWan', 10000, 2000, 100],
  ['catering', 'employees', 300, 100, 10],
  ['catering', 'revenueWan', 10000, 2000, 100],
  ['information-transmission', 'employees', 2000, 100, 10],
  ['information-transmission', 'revenueWan', 100000, 1000, 100],
  ['software-it', 'employees', 300, 100, 10],
  ['software-it', 'revenueWan', 10000, 1000, 50],
  ['real-estate-development', 'revenueWan', 200000, 1000, 100],
  ['real-estate-development', 'assetsWan', 10000, 5000, 2000],
  ['property-management', 'employees', 1000, 300, 100],
  ['property-management', 'revenueWan', 5000, 1000, 500],
  ['leasing-business-services', 'employees', 300, 100, 10],
  ['leasing-business-services', 'assetsWan', 120000, 8000, 100],
  ['other', 'employees', 300, 100, 10],
];

const TIERS: Exclude<SizeClass, 'micro'>[] = ['large', 'medium', 'small'];
const BELOW: Record<Exclude<SizeClass, 'micro'>, SizeClass> = { large: 'medium', medium: 'small', small: 'micro' };

function boundsOf(rowId: IndustryRowId): [SizeIndicator, Record<Exclude<SizeClass, 'micro'>, number>][] {
  return TABLE.filter(([r]) => r === rowId).map(([, indicator, large, medium, small]) => [indicator, { large, medium, small }]);
}

function atTier(rowId: IndustryRowId, tier: Exclude<SizeClass, 'micro'>): SizeInputs {
  return Object.fromEntries(boundsOf(rowId).map(([indicator, b]) => [indicator, b[tier]]));
}

describe('INDUSTRY_ROWS', () => {
  it('has the 16 rows of 300号 with the bounds of DOMAIN.md §1.2', () => {
    expect(INDUSTRY_ROWS.map((r) => r.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(INDUSTRY_ROWS.flatMap((r) => r.indicators.map((i) => [r.id, i.indicator, i.bounds.large, i.bounds.medium, i.bounds.small]))).toEqual(TABLE);
    expect(INDUSTRY_ROWS.map((r) => r.name)).toEqual([
      '农、林、牧、渔业', '工业', '建筑业', '批发业', '零售业', '交通运输业', '仓储业', '邮政业',
      '住宿业', '餐饮业', '信息传输业', '软件和信息技术服务业', '房地产开发经营', '物业管理',
      '租赁和商务服务业', '其他未列明行业',
    ]);
  });
});

describe('classifySize at every bound of every row', () => {
  const rows = [...new Set(TABLE.map(([r]) => r))];
  const cases = rows.flatMap((rowId) => TIERS.map((tier) => [rowId, tier] as const));

  it.each(cases)('%s: all indicators exactly at the %s bound → that tier', (rowId, tier) => {
    expect(classifySize(rowId, atTier(rowId, tier)).size).toBe(tier);
  });

  it.each(cases)('%s: any one indicator one below the %s bound → one tier lower', (rowId, tier) => {
    for (const [indicator, bounds] of boundsOf(rowId)) {
      const inputs = { ...atTier(rowId, tier), [indicator]: bounds[tier] - 1 };
      expect(classifySize(rowId, inputs).size, `${indicator} = ${bounds[tier] - 1}`).toBe(BELOW[tier]);
    }
  });

  it.each(rows)('%s: zero on every indicator → micro', (rowId) => {
    const zero = Object.fromEntries(boundsOf(rowId).map(([indicator]) => [indicator, 0]));
    expect(classifySize(rowId, zero).size).toBe('micro');
  });
});

describe('classifySize examples', () => {
  it.each([
    [{ employees: 1000, revenueWan: 40000 }, 'large'],
    [{ employees: 999, revenueWan: 40000 }, 'medium'],
    [{ employees: 20, revenueWan: 300 }, 'small'],
    [{ employees: 19, revenueWan: 300 }, 'micro'],
    [{ employees: 5000, revenueWan: 100 }, 'micro'],
    [{ employees: 250, revenueWan: 299.99 }, 'micro'],
  ] as const)('工业 %o → %s', (inputs, size) => {
    expect(classifySize('industry', inputs).size).toBe(size);
  });

  it('explains the result in Chinese', () => {
    expect(classifySize('industry', { employees: 250, revenueWan: 1500 })).toEqual({
      size: 'small',
      reason: '工业：从业人员 250 人（≥20，<300）、营业收入 1500 万元（≥300，<2000）→ 小型',
    });
    expect(classifySize('industry', { employees: 1200, revenueWan: 1500 })).toEqual({
      size: 'small',
      reason: '工业：从业人员 1200 人（≥1000）、营业收入 1500 万元（≥300，<2000）→ 小型（各项指标须同时达到下限，按较低一档）',
    });
    expect(classifySize('other', { employees: 9 }).reason).toBe('其他未列明行业：从业人员 9 人（<10）→ 微型');
  });

  it('uses only the row\'s indicators (其他未列明: employees only)', () => {
    expect(classifySize('other', { employees: 300, revenueWan: 1 }).size).toBe('large');
    expect(classifySize('construction', { revenueWan: 6000, assetsWan: 5000, employees: 1 }).size).toBe('medium');
  });

  it('reports missing indicators instead of guessing', () => {
    expect(classifySize('industry', { employees: 250 })).toEqual({
      size: null,
      reason: '工业：缺少营业收入，无法划型',
      missing: ['revenueWan'],
    });
    expect(classifySize('leasing-business-services', { revenueWan: 10, employees: null })).toEqual({
      size: null,
      reason: '租赁和商务服务业：缺少从业人员、资产总额，无法划型',
      missing: ['employees', 'assetsWan'],
    });
  });

  it('rejects impossible values and unknown rows', () => {
    expect(() => classifySize('industry', { employees: -1, revenueWan: 1 })).toThrow(RangeError);
    expect(() => classifySize('industry', { employees: Number.NaN, revenueWan: 1 })).toThrow(RangeError);
    expect(() => classifySize('mining' as IndustryRowId, { employees: 1 })).toThrow(RangeError);
  });
});

describe('size helpers', () => {
  it('labels and groups sizes', () => {
    expect(SIZE_LABELS).toEqual({ large: '大型', medium: '中型', small: '小型', micro: '微型' });
    expect((['large', 'medium', 'small', 'micro', null] as const).map(sizeIsSmallOrMicro)).toEqual([false, false, true, true, false]);
    expect((['large', 'medium', 'small', 'micro', null] as const).map(sizeIsSme)).toEqual([false, true, true, true, false]);
  });
});
