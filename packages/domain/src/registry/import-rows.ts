// Validation of one row of an import file, as pure rules: the server reads the sheet and looks
// up the registry; these functions decide what is wrong and say it in Chinese, naming the column
// as printed in the template. Errors keep a row out of the import; warnings only inform.
import { INDUSTRY_SECTIONS, type IndustrySectionCode, sectionOfIndustryCode } from '../enterprise/industry-sections';
import type { IndustryRowId, SizeIndicator } from '../enterprise/size';
import { validateUscc } from '../identifiers/uscc';
import { currentRegionFor, describeRegionCode, findRegion, isValidRegionCode, regionName } from '../regions/regions';
import { enterpriseSize, resolveIndustryRow } from './enterprise-size';
import { ENTERPRISE_IMPORT_COLUMNS, type ImportColumn, LIST_IMPORT_COLUMNS } from './import-columns';

/** Errors keep a row out of the import; warnings are shown and the row is imported. */
export type IssueSeverity = 'error' | 'warning';

/** One finding of a validation report: row number (as Excel shows it), column header, what is wrong. */
export interface ImportIssue {
  rowNo: number;
  /** Header of the column, as printed in the template (e.g. '统一社会信用代码'). */
  column: string;
  severity: IssueSeverity;
  /** Stable code for programs, e.g. 'USCC_CHECK_CHAR'. */
  code: string;
  /** What is wrong and what to do, in Chinese. */
  message: string;
}

/** A cell as the reader hands it over: text, number, boolean or empty (dates arrive as text). */
export type CellValue = string | number | boolean | null;

/** Cells of one row by column key (see the template columns); absent keys are empty cells. */
export type RawRow = Readonly<Record<string, CellValue | undefined>>;

/** A valid enterprise row, ready to write; money in fen. */
export interface EnterpriseImportRow {
  uscc: string;
  name: string;
  regionCode: string;
  industrySection: IndustrySectionCode | null;
  industryCode: string | null;
  industryRow: IndustryRowId | null;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
}

/** A valid row of an official list. */
export interface ListImportRow {
  uscc: string;
  name: string;
  regionCode: string | null;
  remark: string | null;
}

/** Outcome of checking one row: the parsed value when the row has no error, and every issue found. */
export interface RowCheck<T> {
  value: T | null;
  issues: ImportIssue[];
}

const MAX_FEN = 9_000_000_000_000_000;
const MAX_EMPLOYEES = 10_000_000;

function headerOf(columns: readonly ImportColumn[], key: string): string {
  return columns.find((c) => c.key === key)?.header ?? key;
}

function textOf(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v).normalize('NFKC').trim();
}

class Findings {
  readonly issues: ImportIssue[] = [];
  constructor(private readonly rowNo: number, private readonly columns: readonly ImportColumn[]) {}
  error(key: string, code: string, message: string) {
    this.issues.push({ rowNo: this.rowNo, column: headerOf(this.columns, key), severity: 'error', code, message });
  }
  warn(key: string, code: string, message: string) {
    this.issues.push({ rowNo: this.rowNo, column: headerOf(this.columns, key), severity: 'warning', code, message });
  }
  get hasErrors() {
    return this.issues.some((i) => i.severity === 'error');
  }
}

function checkUscc(v: CellValue | undefined, f: Findings): string | null {
  if (typeof v === 'number') {
    f.error('uscc', 'USCC_NUMERIC', `单元格是数字格式（${v}），Excel 已丢失18位代码的精度；请把本列设为“文本”格式后重新填写`);
    return null;
  }
  const raw = textOf(v);
  if (!raw) {
    f.error('uscc', 'REQUIRED', '必填，不能为空');
    return null;
  }
  const r = validateUscc(raw);
  if (!r.valid) {
    f.error('uscc', r.expected ? 'USCC_CHECK_CHAR' : 'USCC_FORMAT', `${r.message ?? '统一社会信用代码无效'}${r.expected ? `（按前17位计算应为 ${r.expected}）` : ''}`);
    return null;
  }
  for (const w of r.warnings) f.warn('uscc', 'USCC_NOTE', w);
  return r.normalized;
}

/** The example row of the template left in the file: refused, or it would be imported as a firm. */
function checkNotExample(raw: RawRow, columns: readonly ImportColumn[], f: Findings): void {
  const example = (key: string) => columns.find((c) => c.key === key)?.example;
  if (textOf(raw.uscc) === example('uscc') && textOf(raw.name) === example('name')) {
    f.error('uscc', 'TEMPLATE_EXAMPLE', '这是模板中的示例行，请删除后再上传');
  }
}

function checkName(v: CellValue | undefined, f: Findings): string | null {
  const name = textOf(v);
  if (!name) {
    f.error('name', 'REQUIRED', '必填，不能为空');
    return null;
  }
  if (name.length > 100) {
    f.error('name', 'TOO_LONG', `不能超过100个字，实际 ${name.length} 个字`);
    return null;
  }
  return name;
}

/**
 * Why a region code cannot be an enterprise's location, or null when it can: a county-level unit
 * of Shandong existing today (a city code too when `allowCity`). Retired codes name their successor.
 */
export function regionCodeProblem(code: string, allowCity = false): string | null {
  if (!/^\d{6}$/.test(code)) return `应为6位数字的行政区划代码，实际为「${code}」`;
  if (!code.startsWith('37')) return `${code} 不是山东省的行政区划代码（山东省的代码以 37 开头）`;
  const region = findRegion(code);
  if (!region || !isValidRegionCode(code)) {
    const successor = currentRegionFor(code);
    const described = describeRegionCode(code);
    if (described && successor) return `${code} 已撤销：${described}，请改用现行代码 ${successor.code}`;
    return `${code} 不是山东省现行的行政区划代码`;
  }
  if (region.level === 'province') return `应为县（市、区）代码，${code} 是山东省（省级）`;
  if (region.level === 'city' && !allowCity) return `应为县（市、区）代码，${code} 是${region.name}（市级），请填写企业所在的区县`;
  return null;
}

function checkRegion(v: CellValue | undefined, f: Findings, required: boolean, allowCity: boolean): string | null {
  const code = textOf(v);
  if (!code) {
    if (required) f.error('regionCode', 'REQUIRED', '必填，不能为空');
    return null;
  }
  const problem = regionCodeProblem(code, allowCity);
  if (problem) {
    f.error('regionCode', 'REGION_INVALID', problem);
    return null;
  }
  return code;
}

function checkCount(v: CellValue | undefined, key: string, f: Findings): number | null | undefined {
  if (v === null || v === undefined || textOf(v) === '') return null;
  const n = typeof v === 'number' ? v : /^\d{1,3}(,\d{3})+$|^\d+$/.test(textOf(v)) ? Number(textOf(v).replaceAll(',', '')) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) {
    f.error(key, 'NOT_COUNT', `应为不小于 0 的整数，实际为「${textOf(v)}」`);
    return undefined;
  }
  if (n > MAX_EMPLOYEES) {
    f.error(key, 'TOO_LARGE', `数值过大（${n}），请核对`);
    return undefined;
  }
  return n;
}

/** 元 with at most two decimals → integer fen; undefined when the cell is not such an amount. */
export function yuanToFen(v: number | string): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return undefined;
    const fen = Math.round(v * 100);
    // Excel stores 1234.56 as a binary double; accept it, but not a third decimal place.
    if (Math.abs(v * 100 - fen) > 1e-6 * Math.max(1, Math.abs(v))) return undefined;
    return fen;
  }
  const s = v.normalize('NFKC').trim().replaceAll(',', '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function checkMoney(v: CellValue | undefined, key: string, f: Findings): number | null | undefined {
  if (v === null || v === undefined || textOf(v) === '') return null;
  const raw = typeof v === 'number' ? v : textOf(v);
  if ((typeof raw === 'number' && raw < 0) || (typeof raw === 'string' && raw.startsWith('-'))) {
    f.error(key, 'NEGATIVE', `不能为负数，实际为「${textOf(v)}」`);
    return undefined;
  }
  const fen = typeof raw === 'boolean' ? undefined : yuanToFen(raw);
  if (fen === undefined) {
    f.error(key, 'NOT_AMOUNT', `应为以“元”为单位、不小于 0 的数，最多两位小数，实际为「${textOf(v)}」`);
    return undefined;
  }
  if (fen > MAX_FEN) {
    f.error(key, 'TOO_LARGE', `金额过大（${textOf(v)} 元），请核对单位是否为“元”`);
    return undefined;
  }
  return fen;
}

const INDICATOR_COLUMN: Record<SizeIndicator, string> = { employees: 'employees', revenueWan: 'revenue', assetsWan: 'assets' };

/**
 * Checks one row of the enterprise template (row number as Excel shows it): code with its check
 * character, name, county code, industry section and code, counts and amounts. Also warns when the
 * 300号 size cannot be computed from the row. `value` is null when the row has an error.
 */
export function checkEnterpriseRow(raw: RawRow, rowNo: number): RowCheck<EnterpriseImportRow> {
  const f = new Findings(rowNo, ENTERPRISE_IMPORT_COLUMNS);
  checkNotExample(raw, ENTERPRISE_IMPORT_COLUMNS, f);
  const uscc = checkUscc(raw.uscc, f);
  const name = checkName(raw.name, f);
  const regionCode = checkRegion(raw.regionCode, f, true, false);

  let section: IndustrySectionCode | null = null;
  const sectionText = textOf(raw.industrySection).toUpperCase();
  if (sectionText) {
    if (INDUSTRY_SECTIONS.some((s) => s.code === sectionText)) section = sectionText as IndustrySectionCode;
    else f.error('industrySection', 'SECTION_INVALID', `应为 GB/T 4754-2017 的门类字母 A–T，实际为「${textOf(raw.industrySection)}」`);
  }
  let industryCode: string | null = null;
  const codeText = textOf(raw.industryCode);
  if (codeText) {
    try {
      const ofCode = sectionOfIndustryCode(codeText);
      if (section && ofCode.code !== section) {
        f.error('industryCode', 'INDUSTRY_MISMATCH', `行业代码 ${codeText} 属于门类 ${ofCode.code}（${ofCode.name}），与所填行业门类 ${section} 不符`);
      } else {
        industryCode = codeText;
        if (!section && !sectionText) section = ofCode.code;
      }
    } catch (e) {
      f.error('industryCode', 'INDUSTRY_CODE_INVALID', (e as Error).message);
    }
  }
  const employees = checkCount(raw.employees, 'employees', f);
  const revenueFen = checkMoney(raw.revenue, 'revenue', f);
  const assetsFen = checkMoney(raw.assets, 'assets', f);

  if (f.hasErrors || !uscc || !name || !regionCode || employees === undefined || revenueFen === undefined || assetsFen === undefined) {
    return { value: null, issues: f.issues };
  }
  const industryRow = resolveIndustryRow(section, industryCode);
  const value: EnterpriseImportRow = { uscc, name, regionCode, industrySection: section, industryCode, industryRow, employees, revenueFen, assetsFen };
  const size = enterpriseSize({ ...value });
  if (size.sizeClass === null) {
    if (!industryRow) {
      f.warn(section ? 'industryCode' : 'industrySection', 'SIZE_NO_ROW', size.reason);
    } else {
      f.warn(INDICATOR_COLUMN[size.missing[0] ?? 'employees'], 'SIZE_MISSING', size.reason);
    }
  }
  return { value, issues: f.issues };
}

/**
 * Checks one row of an official list: code with its check character, name as printed on the list,
 * optional region (city or county) and remark. `value` is null when the row has an error.
 */
export function checkListRow(raw: RawRow, rowNo: number): RowCheck<ListImportRow> {
  const f = new Findings(rowNo, LIST_IMPORT_COLUMNS);
  checkNotExample(raw, LIST_IMPORT_COLUMNS, f);
  const uscc = checkUscc(raw.uscc, f);
  const name = checkName(raw.name, f);
  const regionCode = checkRegion(raw.regionCode, f, false, true);
  const remark = textOf(raw.remark) || null;
  if (remark && remark.length > 200) f.error('remark', 'TOO_LONG', `不能超过200个字，实际 ${remark.length} 个字`);
  if (f.hasErrors || !uscc || !name) return { value: null, issues: f.issues };
  return { value: { uscc, name, regionCode, remark }, issues: f.issues };
}

/**
 * A checker of duplicates within one file: the first row with a code is kept, every later one is
 * an error naming that first row. Keeps one map entry per distinct code (100 000 rows ≈ a few MB).
 */
export function createDuplicateFinder(column = '统一社会信用代码'): (uscc: string, rowNo: number) => ImportIssue | null {
  const firstRow = new Map<string, number>();
  return (uscc, rowNo) => {
    const first = firstRow.get(uscc);
    if (first === undefined) {
      firstRow.set(uscc, rowNo);
      return null;
    }
    return { rowNo, column, severity: 'error', code: 'DUPLICATE_IN_FILE', message: `与第 ${first} 行重复（${uscc}），同一企业在一个文件中只能出现一次，本行不导入` };
  };
}

/** What the registry holds for a code, as far as the import rules need it. */
export interface RegistryMatch {
  name: string;
  regionCode: string;
}

/** Where an importer may write: region prefix of its scope ('3701' a city, '370102' a county), null = whole province. */
export interface ImportScope {
  regionPrefix: string | null;
  /** Name of the scope for messages, e.g. '济南市'. */
  label: string;
}

const place = (code: string) => `${code}（${regionName(code) ?? '未知地区'}）`;

/**
 * Issues of a valid enterprise row against the registry and the importer's scope: an existing
 * enterprise will be updated (warning); a location, or an existing enterprise, outside the scope
 * is an error; so is a county missing from the organisation tree (enterprises hang under it).
 */
export function registryIssuesForEnterprise(
  row: EnterpriseImportRow,
  rowNo: number,
  found: RegistryMatch | undefined,
  context: { scope: ImportScope; countyInTree: boolean },
): ImportIssue[] {
  const f = new Findings(rowNo, ENTERPRISE_IMPORT_COLUMNS);
  const prefix = context.scope.regionPrefix;
  if (prefix && !row.regionCode.startsWith(prefix)) {
    f.error('regionCode', 'OUT_OF_SCOPE', `所在地 ${place(row.regionCode)} 不在您的管辖范围（${context.scope.label}）内`);
  } else if (!context.countyInTree) {
    f.error('regionCode', 'REGION_NOT_IN_TREE', `组织机构中没有 ${place(row.regionCode)}，请先由管理员在组织机构中添加该县（市、区）`);
  }
  if (found) {
    if (prefix && !found.regionCode.startsWith(prefix)) {
      f.error('uscc', 'OUT_OF_SCOPE', `企业库中该企业「${found.name}」所在地为 ${place(found.regionCode)}，不在您的管辖范围（${context.scope.label}）内，不能修改`);
    } else {
      const moved = found.regionCode !== row.regionCode ? `，所在地将由 ${place(found.regionCode)} 改为 ${place(row.regionCode)}` : '';
      f.warn('uscc', 'WILL_UPDATE', `企业库中已有该企业「${found.name}」，确认后将更新其资料${moved}`);
    }
  }
  return f.issues;
}

/** Issues of a valid list row against the registry: not yet registered, or registered under another name (warnings). */
export function registryIssuesForListEntry(row: ListImportRow, rowNo: number, found: RegistryMatch | undefined): ImportIssue[] {
  const f = new Findings(rowNo, LIST_IMPORT_COLUMNS);
  if (!found) {
    f.warn('uscc', 'NOT_IN_REGISTRY', '企业库中尚无该企业；名单照常导入，企业入库后自动关联');
  } else if (found.name !== row.name) {
    f.warn('name', 'NAME_MISMATCH', `与企业库中的名称「${found.name}」不一致，请核对（以统一社会信用代码为准）`);
  }
  return f.issues;
}

/**
 * Orders a report: errors before warnings, then by row, then by the template's column order —
 * so the problems that block an import come first (LESSONS.md: warnings drowned errors).
 */
export function sortIssues(issues: readonly ImportIssue[], columns: readonly ImportColumn[]): ImportIssue[] {
  const order = new Map(columns.map((c, i) => [c.header, i] as const));
  const rank = (i: ImportIssue) => order.get(i.column) ?? columns.length;
  return [...issues].sort((a, b) =>
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.rowNo - b.rowNo || rank(a) - rank(b));
}

/** Chinese labels of the severities. */
export const ISSUE_SEVERITY_LABELS: Readonly<Record<IssueSeverity, string>> = Object.freeze({ error: '错误', warning: '提示' });
