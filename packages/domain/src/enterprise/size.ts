// SME size classes per 工信部联企业〔2011〕300号《中小企业划型标准规定》 (thresholds unchanged in
// 国家统计局《统计上大中小微型企业划分办法(2017)》). See DOMAIN.md §1.2–1.3.
//
// Decision rule (NBS Q&A: "大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可"):
// a tier needs every listed indicator at or above its lower bound ("及以上": a value equal to a
// bound belongs to the higher tier); a firm below the small bound on any indicator is micro.

/** Size class of an enterprise. */
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

/** Chinese labels of the size classes, as printed in forms and reports. */
export const SIZE_LABELS: Readonly<Record<SizeClass, string>> = Object.freeze({
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
});

/** Size classes from the largest down. */
export const SIZE_CLASSES: readonly SizeClass[] = Object.freeze(['large', 'medium', 'small', 'micro']);

/** The indicators of 300号: X 从业人员 (persons), Y 营业收入 (万元), Z 资产总额 (万元). */
export type SizeIndicator = 'employees' | 'revenueWan' | 'assetsWan';

/** Label and unit of each indicator, for messages and form fields. */
export const SIZE_INDICATORS: Readonly<Record<SizeIndicator, { label: string; unit: string }>> = Object.freeze({
  employees: { label: '从业人员', unit: '人' },
  revenueWan: { label: '营业收入', unit: '万元' },
  assetsWan: { label: '资产总额', unit: '万元' },
});

/** Identifier of one of the 16 industry rows of 300号 第四条. */
export type IndustryRowId =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'transport'
  | 'warehousing'
  | 'postal'
  | 'accommodation'
  | 'catering'
  | 'information-transmission'
  | 'software-it'
  | 'real-estate-development'
  | 'property-management'
  | 'leasing-business-services'
  | 'other';

/** Lower bounds (inclusive) of the large, medium and small tiers for one indicator; below `small` is micro. */
export interface TierBounds {
  large: number;
  medium: number;
  small: number;
}

/** One industry row of 300号 第四条 with its indicators and bounds. */
export interface IndustryRow {
  id: IndustryRowId;
  /** Item number in 300号 第四条 (一 … 十六). */
  item: number;
  /** Industry name as worded in 300号. */
  name: string;
  /** The indicators this row uses, in the order the standard lists them. */
  indicators: readonly { indicator: SizeIndicator; bounds: Readonly<TierBounds> }[];
}

const row = (
  item: number,
  id: IndustryRowId,
  name: string,
  indicators: Partial<Record<SizeIndicator, [number, number, number]>>,
): IndustryRow =>
  Object.freeze({
    id,
    item,
    name,
    indicators: Object.freeze(
      (Object.entries(indicators) as [SizeIndicator, [number, number, number]][]).map(([indicator, [large, medium, small]]) =>
        Object.freeze({ indicator, bounds: Object.freeze({ large, medium, small }) }),
      ),
    ),
  });

/**
 * The 16 industry rows of 工信部联企业〔2011〕300号 第四条 (DOMAIN.md §1.2), in the standard's order.
 * Bounds are lower bounds of each tier: employees in persons, revenue and assets in 万元.
 */
export const INDUSTRY_ROWS: readonly IndustryRow[] = Object.freeze([
  row(1, 'agriculture', '农、林、牧、渔业', { revenueWan: [20_000, 500, 50] }),
  row(2, 'industry', '工业', { employees: [1_000, 300, 20], revenueWan: [40_000, 2_000, 300] }),
  row(3, 'construction', '建筑业', { revenueWan: [80_000, 6_000, 300], assetsWan: [80_000, 5_000, 300] }),
  row(4, 'wholesale', '批发业', { employees: [200, 20, 5], revenueWan: [40_000, 5_000, 1_000] }),
  row(5, 'retail', '零售业', { employees: [300, 50, 10], revenueWan: [20_000, 500, 100] }),
  row(6, 'transport', '交通运输业', { employees: [1_000, 300, 20], revenueWan: [30_000, 3_000, 200] }),
  row(7, 'warehousing', '仓储业', { employees: [200, 100, 20], revenueWan: [30_000, 1_000, 100] }),
  row(8, 'postal', '邮政业', { employees: [1_000, 300, 20], revenueWan: [30_000, 2_000, 100] }),
  row(9, 'accommodation', '住宿业', { employees: [300, 100, 10], revenueWan: [10_000, 2_000, 100] }),
  row(10, 'catering', '餐饮业', { employees: [300, 100, 10], revenueWan: [10_000, 2_000, 100] }),
  row(11, 'information-transmission', '信息传输业', { employees: [2_000, 100, 10], revenueWan: [100_000, 1_000, 100] }),
  row(12, 'software-it', '软件和信息技术服务业', { employees: [300, 100, 10], revenueWan: [10_000, 1_000, 50] }),
  row(13, 'real-estate-development', '房地产开发经营', { revenueWan: [200_000, 1_000, 100], assetsWan: [10_000, 5_000, 2_000] }),
  row(14, 'property-management', '物业管理', { employees: [1_000, 300, 100], revenueWan: [5_000, 1_000, 500] }),
  row(15, 'leasing-business-services', '租赁和商务服务业', { employees: [300, 100, 10], assetsWan: [120_000, 8_000, 100] }),
  row(16, 'other', '其他未列明行业', { employees: [300, 100, 10] }),
]);

const ROWS_BY_ID: ReadonlyMap<string, IndustryRow> = new Map(INDUSTRY_ROWS.map((r) => [r.id, r] as const));

/**
 * The industry row with this id.
 * @throws RangeError for an unknown id.
 */
export function getIndustryRow(id: IndustryRowId): IndustryRow {
  const found = ROWS_BY_ID.get(id);
  if (!found) throw new RangeError(`未知的划型行业 ${JSON.stringify(id)}`);
  return found;
}

/** Indicator values of a firm; missing ones may be omitted or null. Employees in persons, money in 万元. */
export interface SizeInputs {
  employees?: number | null;
  revenueWan?: number | null;
  assetsWan?: number | null;
}

/**
 * Result of {@link classifySize}: a size with its reason, or `size: null` with the indicators the
 * row needs that were not given (nothing is guessed).
 */
export type SizeClassification =
  | { size: SizeClass; reason: string }
  | { size: null; reason: string; missing: SizeIndicator[] };

function tierOf(value: number, bounds: TierBounds): SizeClass {
  if (value >= bounds.large) return 'large';
  if (value >= bounds.medium) return 'medium';
  if (value >= bounds.small) return 'small';
  return 'micro';
}

function bracket(tier: SizeClass, bounds: TierBounds): string {
  switch (tier) {
    case 'large':
      return `（≥${bounds.large}）`;
    case 'medium':
      return `（≥${bounds.medium}，<${bounds.large}）`;
    case 'small':
      return `（≥${bounds.small}，<${bounds.medium}）`;
    case 'micro':
      return `（<${bounds.small}）`;
  }
}

/**
 * Classifies an enterprise as large, medium, small or micro under 300号 for an industry row.
 * Every indicator of the row must be given: a tier needs all of them at or above its lower bound
 * (a value equal to a bound belongs to the higher tier), so the size is the lowest tier reached
 * by any indicator. Indicators the row does not use are ignored. The Chinese `reason` shows each
 * value with the bracket it falls in, e.g.
 * '工业：从业人员 250 人（≥20，<300）、营业收入 1500 万元（≥300，<2000）→ 小型'.
 * @throws RangeError for an unknown row or a value that is negative or not a finite number.
 */
export function classifySize(rowId: IndustryRowId, inputs: SizeInputs): SizeClassification {
  const industry = getIndustryRow(rowId);
  const missing: SizeIndicator[] = [];
  const parts: string[] = [];
  let size: SizeClass = 'large';
  let mixed = false;
  let first: SizeClass | undefined;
  for (const { indicator, bounds } of industry.indicators) {
    const value = inputs[indicator];
    const { label, unit } = SIZE_INDICATORS[indicator];
    if (value === undefined || value === null) {
      missing.push(indicator);
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${label}应为不小于 0 的数值，实际为 ${String(value)}`);
    }
    const tier = tierOf(value, bounds);
    if (first === undefined) first = tier;
    else if (tier !== first) mixed = true;
    if (SIZE_CLASSES.indexOf(tier) > SIZE_CLASSES.indexOf(size)) size = tier;
    parts.push(`${label} ${value} ${unit}${bracket(tier, bounds)}`);
  }
  if (missing.length > 0) {
    const names = missing.map((m) => SIZE_INDICATORS[m].label).join('、');
    return { size: null, reason: `${industry.name}：缺少${names}，无法划型`, missing };
  }
  // When indicators fall in different tiers the lower one decides; say so, it surprises people.
  const note = mixed ? '（各项指标须同时达到下限，按较低一档）' : '';
  return { size, reason: `${industry.name}：${parts.join('、')}→ ${SIZE_LABELS[size]}${note}` };
}

/** Whether a size class is small or micro (小微企业), the target of most measures of 鲁工信发〔2020〕1号. */
export function sizeIsSmallOrMicro(size: SizeClass | null | undefined): boolean {
  return size === 'small' || size === 'micro';
}

/** Whether a size class is a 中小企业 in the wide sense of 300号 (medium, small or micro). */
export function sizeIsSme(size: SizeClass | null | undefined): boolean {
  return size === 'medium' || size === 'small' || size === 'micro';
}
