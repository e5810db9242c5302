// GB/T 4754-2017《国民经济行业分类》 sections (门类) and divisions (大类), and which row of
// 300号 a firm of each falls under (DOMAIN.md §1.4): 工业 = 采矿业 + 制造业 + 电力、热力、燃气及水
// 生产和供应业; 交通运输业 excludes 铁路运输业; industries 300号 does not list fall under 其他未列明行业.
// Division codes per row follow the NBS 2017 method [M, to verify against its 行业代码 column];
// the result is a default for a person to confirm, not a ruling.
import type { IndustryRowId } from './size';

/** Section letter of GB/T 4754-2017. */
export type IndustrySectionCode =
  | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J'
  | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T';

/** One section (门类) with its Chinese name and range of 2-digit divisions (大类). */
export interface IndustrySection {
  code: IndustrySectionCode;
  name: string;
  /** First and last 2-digit division of the section, inclusive. */
  divisions: readonly [number, number];
}

const section = (code: IndustrySectionCode, name: string, first: number, last: number): IndustrySection =>
  Object.freeze({ code, name, divisions: Object.freeze([first, last] as const) });

/** The 20 sections A–T of GB/T 4754-2017 with their names and division ranges. */
export const INDUSTRY_SECTIONS: readonly IndustrySection[] = Object.freeze([
  section('A', '农、林、牧、渔业', 1, 5),
  section('B', '采矿业', 6, 12),
  section('C', '制造业', 13, 43),
  section('D', '电力、热力、燃气及水生产和供应业', 44, 46),
  section('E', '建筑业', 47, 50),
  section('F', '批发和零售业', 51, 52),
  section('G', '交通运输、仓储和邮政业', 53, 60),
  section('H', '住宿和餐饮业', 61, 62),
  section('I', '信息传输、软件和信息技术服务业', 63, 65),
  section('J', '金融业', 66, 69),
  section('K', '房地产业', 70, 70),
  section('L', '租赁和商务服务业', 71, 72),
  section('M', '科学研究和技术服务业', 73, 75),
  section('N', '水利、环境和公共设施管理业', 76, 79),
  section('O', '居民服务、修理和其他服务业', 80, 82),
  section('P', '教育', 83, 83),
  section('Q', '卫生和社会工作', 84, 85),
  section('R', '文化、体育和娱乐业', 86, 90),
  section('S', '公共管理、社会保障和社会组织', 91, 96),
  section('T', '国际组织', 97, 97),
]);

const SECTIONS_BY_CODE: ReadonlyMap<string, IndustrySection> = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s] as const));

/** Sections whose whole range falls under one row of 300号. */
const ROW_OF_SECTION: Partial<Record<IndustrySectionCode, IndustryRowId>> = {
  A: 'agriculture',
  B: 'industry',
  C: 'industry',
  D: 'industry',
  E: 'construction',
  L: 'leasing-business-services',
  // 300号 lists no row for these; 第四条（十六）其他未列明行业 applies. 金融业 has its own standard
  // (金融业企业划型标准规定, 银发〔2015〕309号 [M]) and S/T are rarely enterprises: confirm by hand.
  J: 'other',
  M: 'other',
  N: 'other',
  O: 'other',
  P: 'other',
  Q: 'other',
  R: 'other',
  S: 'other',
  T: 'other',
};

/** Rows of the sections split by division (2 digits) or, for 房地产业, by group (3 digits). */
const ROW_OF_DIVISION: Readonly<Record<string, IndustryRowId>> = {
  '51': 'wholesale',
  '52': 'retail',
  '53': 'other', // 铁路运输业 is excluded from 交通运输业 by 300号
  '54': 'transport',
  '55': 'transport',
  '56': 'transport',
  '57': 'transport',
  '58': 'transport',
  '59': 'warehousing',
  '60': 'postal',
  '61': 'accommodation',
  '62': 'catering',
  '63': 'information-transmission',
  '64': 'information-transmission',
  '65': 'software-it',
  // 房地产业 splits below the division: 701/7010 房地产开发经营, 702/7020 物业管理, the rest other.
  '701': 'real-estate-development',
  '702': 'property-management',
  '703': 'other',
  '704': 'other',
  '709': 'other',
};

/**
 * The section (门类) of an industry code of 2–4 digits (大类, 中类 or 小类), e.g. '3911' → 'C'.
 * @throws RangeError when the code is not 2–4 digits or its division does not exist.
 */
export function sectionOfIndustryCode(code: string): IndustrySection {
  if (typeof code !== 'string' || !/^\d{2,4}$/.test(code)) {
    throw new RangeError(`国民经济行业代码应为2–4位数字，实际为 ${JSON.stringify(code)}`);
  }
  const division = Number(code.slice(0, 2));
  const found = INDUSTRY_SECTIONS.find((s) => division >= s.divisions[0] && division <= s.divisions[1]);
  if (!found) throw new RangeError(`国民经济行业代码 ${code} 不属于任何门类（GB/T 4754-2017）`);
  return found;
}

/**
 * The row of 300号 that a firm of this section (and, where needed, industry code) is classified
 * under, or undefined when the section alone cannot decide: F (批发 51 / 零售 52), G (53 铁路 →
 * 其他未列明, 54–58 交通运输, 59 仓储, 60 邮政), H (61 住宿 / 62 餐饮), I (63–64 信息传输 /
 * 65 软件和信息技术服务) need the 2-digit division; K needs the group or class (701x 房地产开发经营,
 * 702x 物业管理, other groups 其他未列明). `code` may be 2–4 digits and must lie in the section.
 * @throws RangeError for an unknown section or a code outside it.
 */
export function defaultRowForSection(sectionCode: IndustrySectionCode, code?: string): IndustryRowId | undefined {
  const found = SECTIONS_BY_CODE.get(sectionCode);
  if (!found) throw new RangeError(`未知的国民经济行业门类 ${JSON.stringify(sectionCode)}（应为 A–T）`);
  if (code !== undefined && sectionOfIndustryCode(code).code !== found.code) {
    throw new RangeError(`行业代码 ${code} 不属于门类 ${found.code}（${found.name}）`);
  }
  const whole = ROW_OF_SECTION[found.code];
  if (whole) return whole;
  if (code === undefined) return undefined;
  return ROW_OF_DIVISION[code.slice(0, 3)] ?? ROW_OF_DIVISION[code.slice(0, 2)];
}

/**
 * The row of 300号 for an industry code of 2–4 digits alone (its section is derived), or undefined
 * when the code is too coarse (e.g. '70' without the class). @throws RangeError for an invalid code.
 */
export function defaultRowForIndustryCode(code: string): IndustryRowId | undefined {
  return defaultRowForSection(sectionOfIndustryCode(code).code, code);
}
