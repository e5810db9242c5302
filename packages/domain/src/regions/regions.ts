// Shandong's administrative divisions (GB/T 2260 codes, 民政部 lists), effective-dated.
// Names are not unique (市中区 is 370103 in 济南 and 370402 in 枣庄): always key on the code.
import changesFile from '../../data/shandong-division-changes.json';
import divisionsFile from '../../data/shandong-divisions.json';
import { assertCivilDate } from '../calendar/civil-date';

/** Level of a division: the province, a prefecture-level city (地级市) or a county-level unit (区/县/县级市). */
export type RegionLevel = 'province' | 'city' | 'county';

/** One administrative division. */
export interface Region {
  /** 6-digit GB/T 2260 code. */
  code: string;
  /** Official short name at its own level, e.g. '历下区'. */
  name: string;
  level: RegionLevel;
  /** Code of the parent division; null for the province. */
  parentCode: string | null;
  /** First day the unit exists ('YYYY-MM-DD', inclusive); absent = before the data starts. */
  validFrom?: string;
  /** First day the unit no longer exists ('YYYY-MM-DD', exclusive); absent = still exists. */
  validTo?: string;
  /** The document that created or abolished the unit, e.g. '国函〔2020〕81号'. */
  changeBasis?: string;
}

/** A retired code and the unit that took over its area (see data/shandong-division-changes.json). */
export interface DivisionChange {
  code: string;
  name: string;
  level: 'city' | 'county';
  /** Parent at the time, e.g. '371200' for the former 莱城区. */
  parentCode: string;
  /** The unit that now covers the area. */
  successorCode: string;
  /** Date of the approving document. */
  effectiveOn: string;
  basis: string;
  summary: string;
}

/** The province, code 370000. */
export const SHANDONG_PROVINCE: Readonly<Region> = Object.freeze({
  code: '370000',
  name: '山东省',
  level: 'province',
  parentCode: null,
});

const REGIONS: readonly Region[] = Object.freeze(
  (divisionsFile.regions as Region[]).map((r) => Object.freeze({ ...r })),
);
const BY_CODE: ReadonlyMap<string, Region> = new Map(
  [SHANDONG_PROVINCE as Region, ...REGIONS].map((r) => [r.code, r] as const),
);
const CHANGES: readonly DivisionChange[] = Object.freeze(
  (changesFile.changes as DivisionChange[]).map((c) => Object.freeze({ ...c })),
);
const CHANGE_BY_CODE: ReadonlyMap<string, DivisionChange> = new Map(CHANGES.map((c) => [c.code, c] as const));

/** Where the division list comes from, for display next to region pickers. */
export const SHANDONG_DIVISIONS_SOURCE: string = divisionsFile._source;

function isValidOn(region: Region, onDate: string | undefined): boolean {
  if (onDate === undefined) return region.validTo === undefined;
  assertCivilDate(onDate);
  // Dates in 'YYYY-MM-DD' compare correctly as strings.
  return (region.validFrom === undefined || region.validFrom <= onDate) && (region.validTo === undefined || onDate < region.validTo);
}

/** The 16 prefecture-level cities (地级市), in code order; 莱芜 (371200) was merged into 济南 in 2019. */
export function listCities(): Region[] {
  return REGIONS.filter((r) => r.level === 'city');
}

/**
 * County-level units (区、县、县级市), in code order, optionally of one city.
 * With `onDate` ('YYYY-MM-DD'): the units that existed that day (137 on 2020-02-17, 136 from
 * 2020-06-05); without it: the units that still exist (no end date in the data).
 * An unknown `cityCode` gives an empty list. @throws RangeError for an invalid date.
 */
export function listCounties(cityCode?: string, onDate?: string): Region[] {
  return REGIONS.filter(
    (r) => r.level === 'county' && (cityCode === undefined || r.parentCode === cityCode) && isValidOn(r, onDate),
  );
}

/**
 * The division with this code (province, city or county, including ones abolished since the data
 * starts, such as 370684 蓬莱市), or undefined. Codes retired earlier are in findDivisionChange.
 */
export function findRegion(code: string): Region | undefined {
  return BY_CODE.get(code);
}

/**
 * The division with this code. @throws RangeError when the code is not in the list.
 */
export function getRegion(code: string): Region {
  const region = BY_CODE.get(code);
  if (!region) throw new RangeError(`未知的行政区划代码 ${JSON.stringify(code)}`);
  return region;
}

/**
 * Divisions with this exact name, possibly several ('市中区' → 370103 济南, 370402 枣庄): all of
 * them, or with `onDate` those existing that day. @throws RangeError for an invalid date.
 */
export function findRegionsByName(name: string, onDate?: string): Region[] {
  return [SHANDONG_PROVINCE as Region, ...REGIONS].filter(
    (r) => r.name === name && (onDate === undefined || r.level === 'province' || isValidOn(r, onDate)),
  );
}

/**
 * The code of the city a county-level code belongs to (a city's code for itself), by GB/T 2260's
 * rule: the first four digits and 00. Every current county of Shandong lies under that city (a
 * test checks each), and the platform stores only current codes: registration and the registry
 * import refuse retired ones such as 莱芜's 3712xx, naming their successors. Scopes compare the
 * same prefix (dataScope), and SQL that cannot call this computes it as `substr(code, 1, 4) || '00'`.
 */
export function cityCodeOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/** The city a code belongs to: a county's city, a city itself; undefined for the province and unknown codes. */
export function cityOf(code: string): Region | undefined {
  const region = BY_CODE.get(code);
  if (!region || region.level === 'province') return undefined;
  return region.level === 'city' ? region : BY_CODE.get(region.parentCode ?? '');
}

/**
 * Full name of a division for display: '济南市历下区' for a county, '济南市' for a city,
 * '山东省' for the province; prefixed with '山东省' when `withProvince` is set. Undefined for unknown codes.
 */
export function regionName(code: string, options: { withProvince?: boolean } = {}): string | undefined {
  const region = BY_CODE.get(code);
  if (!region) return undefined;
  const prefix = options.withProvince && region.level !== 'province' ? SHANDONG_PROVINCE.name : '';
  if (region.level !== 'county') return prefix + region.name;
  return prefix + (BY_CODE.get(region.parentCode ?? '')?.name ?? '') + region.name;
}

/**
 * Whether `code` is a Shandong division code (province, city or county) in the current list, or
 * on `onDate` ('YYYY-MM-DD') if given. Do not use it on positions 3–8 of a 统一社会信用代码: those
 * keep the code of the issuing authority at issuance (371202 of the former 莱芜市 stays valid).
 * @throws RangeError for an invalid date.
 */
export function isValidRegionCode(code: string, onDate?: string): boolean {
  const region = BY_CODE.get(code);
  if (!region) return false;
  return region.level === 'province' || isValidOn(region, onDate);
}

/** Codes retired since 2018, with their successors (for matching older records). */
export function listDivisionChanges(): DivisionChange[] {
  return [...CHANGES];
}

/** The change that retired this code, or undefined if the code was not retired (or is unknown). */
export function findDivisionChange(code: string): DivisionChange | undefined {
  return CHANGE_BY_CODE.get(code);
}

/**
 * The current division covering a possibly retired code: 371202 (former 莱芜市莱城区) → 370116 济南市莱芜区,
 * 370684 (蓬莱市) → 370614 蓬莱区; a current code returns itself; unknown codes give undefined.
 */
export function currentRegionFor(code: string): Region | undefined {
  let current = code;
  // Follow chains (none today, but a successor may itself be retired later).
  for (let guard = 0; guard < 10; guard++) {
    const change = CHANGE_BY_CODE.get(current);
    if (!change) break;
    current = change.successorCode;
  }
  const region = BY_CODE.get(current);
  return region && region.validTo === undefined ? region : undefined;
}

/**
 * Describes a division code for display, including retired ones, e.g. '济南市历下区',
 * '原莱芜市莱城区（国函〔2018〕163号撤销，现济南市莱芜区）'; undefined for codes outside Shandong's data.
 */
export function describeRegionCode(code: string): string | undefined {
  const change = CHANGE_BY_CODE.get(code);
  if (!change) return regionName(code);
  const parent = change.level === 'county' ? (CHANGE_BY_CODE.get(change.parentCode)?.name ?? BY_CODE.get(change.parentCode)?.name ?? '') : '';
  const successor = currentRegionFor(code);
  const now = successor ? `，现${regionName(successor.code) ?? successor.name}` : '';
  return `原${parent}${change.name}（${change.basis}撤销${now}）`;
}
