// The columns of the Excel import templates. A template is the contract with the people who fill
// it: headers are matched by name (not position), so a reordered sheet still loads, and every
// issue in a validation report names the header exactly as printed here.

/** One column of an import template. */
export interface ImportColumn {
  /** Key of the parsed value. */
  key: string;
  /** Header as printed in the template and named in reports. */
  header: string;
  required: boolean;
  /** What to write, for the "填写说明" sheet. */
  note: string;
  /** The value in the template's example row. */
  example: string | number;
  /** Other headers people commonly use for the same column. */
  aliases?: readonly string[];
  /** Keep the cell as text (codes): Excel otherwise turns 18-digit codes into imprecise numbers. */
  text?: boolean;
  width?: number;
}

const col = (c: ImportColumn): ImportColumn => Object.freeze({ ...c, aliases: Object.freeze([...(c.aliases ?? [])]) });

/** Columns of the enterprise registry template (企业名录). */
export const ENTERPRISE_IMPORT_COLUMNS: readonly ImportColumn[] = Object.freeze([
  col({ key: 'uscc', header: '统一社会信用代码', required: true, text: true, width: 24, example: '91370781MA3DKU6R4Q',
    aliases: ['社会信用代码', '信用代码'],
    note: '18位，末位为校验码（GB 32100-2015）。请将本列设为“文本”格式，否则 Excel 会把全数字的代码变成科学计数法并丢失末几位。' }),
  col({ key: 'name', header: '企业名称', required: true, width: 32, example: '青州市示例机械制造有限公司', aliases: ['单位名称', '名称'],
    note: '营业执照上的全称，不超过100字。' }),
  col({ key: 'regionCode', header: '所在地区划代码', required: true, text: true, width: 16, example: '370781', aliases: ['区划代码', '行政区划代码'],
    note: '企业所在县（市、区）的6位行政区划代码（GB/T 2260），如 370102 济南市历下区；不能填市级代码（如 370100）或已撤销的代码（如原莱芜市 3712xx）。' }),
  col({ key: 'industrySection', header: '行业门类', required: false, width: 10, example: 'C',
    note: 'GB/T 4754-2017 门类字母 A–T，如 C 制造业、F 批发和零售业。用于按工信部联企业〔2011〕300号划型。' }),
  col({ key: 'industryCode', header: '国民经济行业代码', required: false, text: true, width: 16, example: '3435', aliases: ['行业代码'],
    note: 'GB/T 4754-2017 大类、中类或小类代码（2–4位数字）。门类为 F、G、H、I、K 时必须填写，才能确定划型行业（如 51 批发业、52 零售业）。' }),
  col({ key: 'employees', header: '从业人员（人）', required: false, width: 14, example: 120, aliases: ['从业人员', '从业人数'],
    note: '期末从业人员数，不小于0的整数。' }),
  col({ key: 'revenue', header: '营业收入（元）', required: false, width: 18, example: 15000000, aliases: ['营业收入(元)'],
    note: '上年营业收入，单位“元”，不小于0，最多两位小数（到分）。例：1500万元填 15000000。' }),
  col({ key: 'assets', header: '资产总额（元）', required: false, width: 18, example: 20000000, aliases: ['资产总额(元)'],
    note: '上年末资产总额，单位“元”，不小于0，最多两位小数（到分）。' }),
]);

/** Columns of an official list template (瞪羚、专精特新、重点保障企业 …). */
export const LIST_IMPORT_COLUMNS: readonly ImportColumn[] = Object.freeze([
  col({ key: 'uscc', header: '统一社会信用代码', required: true, text: true, width: 24, example: '91370781MA3DKU6R4Q',
    aliases: ['社会信用代码', '信用代码'],
    note: '18位，末位为校验码（GB 32100-2015）。请将本列设为“文本”格式。' }),
  col({ key: 'name', header: '企业名称', required: true, width: 32, example: '青州市示例机械制造有限公司', aliases: ['单位名称', '名称'],
    note: '名单原文中的企业名称。与企业库名称不一致时给出提示，不影响导入。' }),
  col({ key: 'regionCode', header: '所在地区划代码', required: false, text: true, width: 16, example: '370781', aliases: ['区划代码', '行政区划代码'],
    note: '可选。山东省市或县（市、区）的6位行政区划代码；企业已在企业库中时以企业库为准。' }),
  col({ key: 'remark', header: '备注', required: false, width: 30, example: '', note: '可选，不超过200字，如名单中的序号或产品。' }),
]);

/** Header text compared loosely: full-width forms folded (NFKC), spaces and the required mark * removed. */
export function normalizeHeader(header: string): string {
  return String(header ?? '').normalize('NFKC').replace(/[\s*]/g, '');
}

/** Result of {@link matchHeaders}. */
export interface HeaderMatch {
  /** 1-based sheet column of each template column found. */
  positions: Record<string, number>;
  /** Headers of required columns not found, as printed in the template. */
  missing: string[];
  /** Headers of the sheet that are not template columns (ignored on import). */
  ignored: string[];
  /** Template columns found twice: header → both sheet positions. */
  repeated: { header: string; positions: [number, number] }[];
}

/**
 * Finds the template's columns among a sheet's header cells (`headers[i]` is sheet column i+1),
 * by header or alias, ignoring width of characters, spaces and a trailing '*'.
 */
export function matchHeaders(headers: readonly (string | null | undefined)[], columns: readonly ImportColumn[]): HeaderMatch {
  const lookup = new Map<string, ImportColumn>();
  for (const c of columns) for (const name of [c.header, ...(c.aliases ?? [])]) lookup.set(normalizeHeader(name), c);
  const positions: Record<string, number> = {};
  const ignored: string[] = [];
  const repeated: HeaderMatch['repeated'] = [];
  headers.forEach((raw, i) => {
    if (raw === null || raw === undefined || String(raw).trim() === '') return;
    const found = lookup.get(normalizeHeader(String(raw)));
    if (!found) {
      ignored.push(String(raw).trim());
      return;
    }
    const earlier = positions[found.key];
    if (earlier !== undefined) repeated.push({ header: found.header, positions: [earlier, i + 1] });
    else positions[found.key] = i + 1;
  });
  const missing = columns.filter((c) => c.required && positions[c.key] === undefined).map((c) => c.header);
  return { positions, missing, ignored, repeated };
}
