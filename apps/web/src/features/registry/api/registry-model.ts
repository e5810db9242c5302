// Pure helpers of the registry pages: filters ↔ URL, import job states, validity and summary
// texts, and the profile form ↔ PATCH body. No fetch, no DOM, no React: tested in node.
import {
  cityCodeOf,
  type EnterpriseListEntryView,
  type EnterpriseUpdateInput,
  type EnterpriseView,
  type ImportJobView,
  type ImportKind,
  type ImportStatus,
  LIST_KIND_IDS,
  LIST_KINDS,
  type ListImportMeta,
  type ListKindId,
  listKindOfImport,
  type OrgKind,
  PROVINCE_LEVEL_KINDS,
  SIZE_CLASSES,
  type SizeClass,
} from '@relief/domain';
import { fenToYuanInput, formatDate, yuanToFen } from '../../../lib/format';
import { translate, type Locale } from '../../../lib/i18n';
import { hasPermission, PERMISSIONS, type Me } from '../../../lib/me';

// ---------------------------------------------------------------------------------------------
// Enterprise search

/** The size filter: a class, or 'unclassified' (未划型) for enterprises whose size is undecided. */
export type SizeFilter = SizeClass | 'unclassified';
export const SIZE_FILTERS: readonly SizeFilter[] = [...SIZE_CLASSES, 'unclassified'];

/** The filters of GET /api/enterprises (and its export), page apart. */
export interface EnterpriseFilters {
  q?: string;
  /** A city (its counties included) or a county. */
  regionCode?: string;
  list?: ListKindId;
  size?: SizeFilter;
}

export interface EnterpriseSearch {
  filters: EnterpriseFilters;
  page: number;
  pageSize: number;
}

const PAGE_SIZES = [10, 20, 50, 100];

function positiveInt(text: string | null, fallback: number, max: number): number {
  const n = text && /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/**
 * Reads the search from the page's URL (`?q=&region=&list=&size=&page=&pageSize=`), so a reload
 * or the way back from a detail keeps it. Unknown values are dropped rather than sent.
 */
export function parseEnterpriseSearch(params: URLSearchParams): EnterpriseSearch {
  const q = params.get('q')?.trim() || undefined;
  const region = params.get('region') ?? '';
  const list = params.get('list') ?? '';
  const size = params.get('size') ?? '';
  const pageSize = positiveInt(params.get('pageSize'), 20, 200);
  return {
    filters: {
      q,
      regionCode: /^37\d{4}$/.test(region) ? region : undefined,
      list: (LIST_KIND_IDS as readonly string[]).includes(list) ? (list as ListKindId) : undefined,
      size: (SIZE_FILTERS as readonly string[]).includes(size) ? (size as SizeFilter) : undefined,
    },
    page: positiveInt(params.get('page'), 1, 100_000),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** The URL query of a search; defaults (page 1, 20 a page) and empty filters are left out. */
export function enterpriseSearchParams(search: EnterpriseSearch): URLSearchParams {
  const params = new URLSearchParams();
  const { q, regionCode, list, size } = search.filters;
  if (q) params.set('q', q);
  if (regionCode) params.set('region', regionCode);
  if (list) params.set('list', list);
  if (size) params.set('size', size);
  if (search.page !== 1) params.set('page', String(search.page));
  if (search.pageSize !== 20) params.set('pageSize', String(search.pageSize));
  return params;
}

/** The values of the search form. */
export interface EnterpriseFilterValues {
  q?: string;
  /** [city] or [city, county] from the cascader. */
  region?: string[];
  list?: ListKindId;
  size?: SizeFilter;
}

/** Form values → filters: trimmed keyword, the deepest region chosen. */
export function toEnterpriseFilters(v: EnterpriseFilterValues): EnterpriseFilters {
  return {
    q: v.q?.trim() || undefined,
    regionCode: v.region?.length ? v.region[v.region.length - 1] : undefined,
    list: v.list || undefined,
    size: v.size || undefined,
  };
}

/**
 * The cascader path of a region code: a city ('370100') alone, a county ('370102') under its city
 * ('370100').
 */
export function regionPathOf(code: string | undefined): string[] | undefined {
  if (!code || !/^37\d{4}$/.test(code)) return undefined;
  const city = cityCodeOf(code);
  return code === city ? [city] : [city, code];
}

/** Filters → form values (the inverse of {@link toEnterpriseFilters}). */
export function toEnterpriseFilterValues(f: EnterpriseFilters): EnterpriseFilterValues {
  return { q: f.q, region: regionPathOf(f.regionCode), list: f.list, size: f.size };
}

/** Tag colours of the size classes; an undecided size is grey. */
export function sizeColour(size: SizeClass | null): string {
  switch (size) {
    case 'large':
      return 'purple';
    case 'medium':
      return 'blue';
    case 'small':
      return 'cyan';
    case 'micro':
      return 'green';
    default:
      return 'default';
  }
}

/** The list kinds in display order, for selects. */
export const LIST_KIND_OPTIONS: readonly ListKindId[] = LIST_KINDS.map((k) => k.kind);

/** The usual issuing body of a list kind, offered as the default when importing a batch. */
export function defaultIssuerOf(kind: ListKindId): string {
  return LIST_KINDS.find((k) => k.kind === kind)?.issuer ?? '';
}

// ---------------------------------------------------------------------------------------------
// Lists and entries

export type EntryStatus = EnterpriseListEntryView['status'];

/**
 * Whether the user may take enterprises off official lists: the import right held at a province
 * body (lists are provincial or national documents; the server refuses anyone else with 403).
 */
export function mayMaintainLists(me: Pick<Me, 'permissions' | 'organisationKind'> | undefined): boolean {
  return !!me && hasPermission(me, PERMISSIONS.enterprisesImport) && PROVINCE_LEVEL_KINDS.includes(me.organisationKind as OrgKind);
}

export function entryStatusColour(status: EntryStatus): string {
  return status === 'valid' ? 'green' : status === 'pending' ? 'blue' : status === 'removed' ? 'red' : 'default';
}

/**
 * The validity of a list as people read it: '2020年2月7日 至 2021年2月6日', '2020年2月7日 起' when
 * it has no end, '—' when neither date is known.
 */
export function validityText(validFrom: string | null, validTo: string | null, locale: Locale): string {
  const from = validFrom ? formatDate(validFrom, locale) : null;
  const to = validTo ? formatDate(validTo, locale) : null;
  if (from && to) return translate(locale, 'registry.validity.range', { from, to });
  if (from) return translate(locale, 'registry.validity.from', { from });
  if (to) return translate(locale, 'registry.validity.until', { to });
  return '—';
}

// ---------------------------------------------------------------------------------------------
// Import jobs

/** Statuses in which the job changes by itself: the page polls while the job is in one. */
const RUNNING: readonly ImportStatus[] = ['uploaded', 'validating', 'confirming'];

export function isImportRunning(status: ImportStatus): boolean {
  return RUNNING.includes(status);
}

/** True once the stored report is complete: validation has finished (whatever happened next). */
export function isReportReady(job: Pick<ImportJobView, 'status' | 'validatedAt'>): boolean {
  if (job.status === 'uploaded' || job.status === 'validating') return false;
  // A validation that failed part-way (an unreadable sheet) left no complete report.
  return !(job.status === 'failed' && job.validatedAt === null);
}

/** Confirmable: validated, with at least one valid row, and not confirmed before. */
export function canConfirmImport(job: Pick<ImportJobView, 'status' | 'validRows'>): boolean {
  return job.status === 'validated' && job.validRows > 0;
}

/** Cancellable until it is confirmed (the server refuses afterwards). */
export function canCancelImport(job: Pick<ImportJobView, 'status'>): boolean {
  return job.status === 'uploaded' || job.status === 'validating' || job.status === 'validated';
}

/**
 * Progress of the current phase, 0–100: rows checked of the file's rows while validating, valid
 * rows written while confirming; a finished phase is 100.
 */
export function importProgress(job: Pick<ImportJobView, 'status' | 'processedRows' | 'totalRows' | 'confirmedRows' | 'validRows'>): number {
  const ratio = (part: number, whole: number | null) => (whole && whole > 0 ? Math.min(100, Math.floor((part * 100) / whole)) : 0);
  switch (job.status) {
    case 'uploaded':
    case 'validating':
      return ratio(job.processedRows, job.totalRows);
    case 'confirming':
      return ratio(job.confirmedRows, job.validRows);
    case 'validated':
    case 'done':
      return 100;
    default:
      return ratio(job.processedRows, job.totalRows);
  }
}

export function importStatusColour(status: ImportStatus): string {
  switch (status) {
    case 'uploaded':
    case 'validating':
    case 'confirming':
      return 'processing';
    case 'validated':
      return 'gold';
    case 'done':
      return 'success';
    case 'failed':
      return 'error';
    default:
      return 'default';
  }
}

/** '共 N 行，可导入 M 行，错误 E 条，提示 W 条' for a validated job. */
export function importSummaryText(job: Pick<ImportJobView, 'totalRows' | 'validRows' | 'errorCount' | 'warningCount'>, locale: Locale): string {
  return translate(locale, 'imports.summary', { total: job.totalRows ?? 0, valid: job.validRows, errors: job.errorCount, warnings: job.warningCount });
}

/** The label of an import kind: '企业名录', or the list kind's label with '名单' (as the domain's importKindLabel). */
export function importKindText(kind: ImportKind, locale: Locale): string {
  const list = listKindOfImport(kind);
  return list ? translate(locale, 'importKind.list', { label: translate(locale, `listKind.${list}`) }) : translate(locale, 'importKind.enterprises');
}

/** The batch metadata a list import sends, dates already as 'YYYY-MM-DD'. */
export interface ListMetaValues {
  listName: string;
  batch: string;
  issuer: string;
  issuedOn: string;
  validFrom?: string;
  validTo?: string;
  source?: string;
}

/**
 * The multipart body of POST /api/imports: the file in `file`, the kind, and for a list import its
 * metadata (blank optional fields left out, so the server does not see empty dates).
 */
export function buildImportForm(kind: ImportKind, file: Blob, fileName: string, meta?: ListMetaValues): FormData {
  const form = new FormData();
  form.append('kind', kind);
  if (listKindOfImport(kind) && meta) {
    const fields: Partial<Record<keyof ListImportMeta, string | undefined>> = meta;
    for (const [key, value] of Object.entries(fields)) {
      const text = value?.trim();
      if (text) form.append(key, text);
    }
  }
  // The file goes last: the server reads the fields before it streams the file to disk.
  form.append('file', file, fileName);
  return form;
}

// ---------------------------------------------------------------------------------------------
// Enterprise profile form

/** The edit form's values; amounts are typed in 元 (as the detail shows them), codes as text. */
export interface EnterpriseFormValues {
  name: string;
  /** [city, county]. */
  region: string[];
  industrySection?: string | null;
  industryCode?: string | null;
  industryRow?: string | null;
  employees?: string | null;
  revenueYuan?: string | null;
  assetsYuan?: string | null;
}

/** The form's starting values for an enterprise. */
export function toEnterpriseFormValues(e: EnterpriseView): EnterpriseFormValues {
  return {
    name: e.name,
    region: regionPathOf(e.regionCode) ?? [],
    industrySection: e.industrySection,
    industryCode: e.industryCode,
    industryRow: e.industryRow,
    employees: e.employees === null ? '' : String(e.employees),
    revenueYuan: fenToYuanInput(e.revenueFen),
    assetsYuan: fenToYuanInput(e.assetsFen),
  };
}

const blankToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** Server field names of the form's fields, for placing the server's field errors. */
export const ENTERPRISE_FIELD_MAP: Record<string, string> = { regionCode: 'region', revenueFen: 'revenueYuan', assetsFen: 'assetsYuan' };

/**
 * The PATCH body for the changes made in the form: only fields that differ from `current` (so an
 * untouched 划型行业 is re-derived by the server when the industry changes), with `version`.
 * Amounts are converted from 元 to fen exactly; the form has already checked them.
 * @throws RangeError when an amount or count is not a number (the form's rules prevent it).
 */
export function toEnterpriseUpdate(current: EnterpriseView, v: EnterpriseFormValues): EnterpriseUpdateInput {
  const out: EnterpriseUpdateInput = { version: current.version };
  const name = v.name.trim();
  if (name !== current.name) out.name = name;
  const regionCode = v.region[v.region.length - 1];
  if (regionCode && regionCode !== current.regionCode) out.regionCode = regionCode;
  const section = blankToNull(v.industrySection);
  if (section !== current.industrySection) out.industrySection = section;
  const code = blankToNull(v.industryCode);
  if (code !== current.industryCode) out.industryCode = code;
  const row = blankToNull(v.industryRow);
  if (row !== current.industryRow) out.industryRow = row;
  const employeesText = blankToNull(v.employees);
  const employees = employeesText === null ? null : Number(employeesText);
  if (employees !== null && !Number.isSafeInteger(employees)) throw new RangeError(`从业人员应为整数：${employeesText}`);
  if (employees !== current.employees) out.employees = employees;
  const amount = (text: string | null | undefined, label: string): number | null => {
    const t = blankToNull(text);
    if (t === null) return null;
    const fen = yuanToFen(t);
    if (fen === null) throw new RangeError(`${label}应为以元为单位的金额：${t}`);
    return fen;
  };
  const revenueFen = amount(v.revenueYuan, '营业收入');
  if (revenueFen !== current.revenueFen) out.revenueFen = revenueFen;
  const assetsFen = amount(v.assetsYuan, '资产总额');
  if (assetsFen !== current.assetsFen) out.assetsFen = assetsFen;
  return out;
}

/** True when the body changes nothing but carries the version. */
export function isEmptyUpdate(input: EnterpriseUpdateInput): boolean {
  return Object.keys(input).every((k) => k === 'version');
}
