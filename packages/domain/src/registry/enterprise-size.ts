// The size class of a registry enterprise under 工信部联企业〔2011〕300号, from its stored profile.
// Money is stored in fen; 300号 counts in 万元: 1 万元 = 10 000 元 = 1 000 000 分.
import { defaultRowForSection, INDUSTRY_SECTIONS, type IndustrySectionCode } from '../enterprise/industry-sections';
import { classifySize, getIndustryRow, INDUSTRY_ROWS, type IndustryRowId, type SizeClass, type SizeIndicator } from '../enterprise/size';

/** Fen per 万元: 300号's revenue and asset bounds are in 万元, the platform stores fen. */
export const FEN_PER_WAN = 1_000_000;

/** The stored profile fields the size class depends on. */
export interface EnterpriseSizeInput {
  industrySection: string | null;
  industryCode: string | null;
  /** A row set by a person (e.g. 金融业 confirmed as 其他未列明行业); wins over the derived one. */
  industryRow: string | null;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
}

/** Result of {@link enterpriseSize}: the class (null when it cannot be decided) and the reason shown with it. */
export interface EnterpriseSize {
  sizeClass: SizeClass | null;
  reason: string;
  /** The 300号 row used, or null when none could be determined. */
  industryRow: IndustryRowId | null;
  /** Indicators the row needs that the profile lacks (empty when classified or when no row). */
  missing: SizeIndicator[];
}

const ROW_IDS = new Set<string>(INDUSTRY_ROWS.map((r) => r.id));

/** True when `id` is one of the 16 rows of 300号 第四条. */
export function isIndustryRowId(id: string): id is IndustryRowId {
  return ROW_IDS.has(id);
}

/**
 * The 300号 row of a profile: the explicit row if one is set, else the default of the section
 * (and industry code where the section alone does not decide), else null. Never throws: an
 * inconsistent section and code give null.
 */
export function resolveIndustryRow(section: string | null, code: string | null, explicit?: string | null): IndustryRowId | null {
  if (explicit && isIndustryRowId(explicit)) return explicit;
  if (!section || !INDUSTRY_SECTIONS.some((s) => s.code === section)) return null;
  try {
    return defaultRowForSection(section as IndustrySectionCode, code ?? undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * Classifies a registry enterprise by 300号 from its profile, converting fen to 万元. When the row
 * cannot be determined or an indicator the row needs is missing, the class is null and the reason
 * says what is missing (nothing is guessed). A value equal to a bound belongs to the higher tier,
 * and a micro indicator on any of the row's indicators makes the firm micro (see classifySize).
 */
export function enterpriseSize(p: EnterpriseSizeInput): EnterpriseSize {
  const row = resolveIndustryRow(p.industrySection, p.industryCode, p.industryRow);
  if (!row) {
    const section = INDUSTRY_SECTIONS.find((s) => s.code === p.industrySection);
    const reason = !section
      ? '未填写行业门类，无法确定划型行业，不能划型'
      : `行业门类 ${section.code}（${section.name}）须填写国民经济行业代码才能确定划型行业，不能划型`;
    return { sizeClass: null, reason, industryRow: null, missing: [] };
  }
  const result = classifySize(row, {
    employees: p.employees,
    revenueWan: p.revenueFen === null ? null : p.revenueFen / FEN_PER_WAN,
    assetsWan: p.assetsFen === null ? null : p.assetsFen / FEN_PER_WAN,
  });
  return { sizeClass: result.size, reason: result.reason, industryRow: row, missing: result.size === null ? result.missing : [] };
}

/** Chinese name of a 300号 row id, or null. */
export function industryRowName(id: string | null): string | null {
  return id && isIndustryRowId(id) ? getIndustryRow(id).name : null;
}
