// 统一社会信用代码 (unified social credit code), GB 32100-2015. See DOMAIN.md §2.
//
// What is validated hard: length 18, the 31-character code set, digits in positions 3–8 and the
// check character (position 18). What is only a warning: the first two characters (sources
// disagree on the department table; this policy expects 91/92/93) and the embedded organisation
// code check of GB 11714 (real registries contain codes that fail it).
// Positions 3–8 are never checked against today's division list: the code is issued once and
// keeps the registering authority's division code of that time (e.g. 3712xx of the former 莱芜市).

/** The GB 32100 code set: digits and capital letters except I, O, S, V, Z; a character's value is its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17: 3^(i−1) mod 31. */
export const USCC_WEIGHTS: readonly number[] = Object.freeze(
  Array.from({ length: 17 }, (_, i) => {
    let w = 1;
    for (let k = 0; k < i; k++) w = (w * 3) % 31;
    return w;
  }),
);

const FORBIDDEN_LETTERS = 'IOSVZ';
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Registration departments (position 1) and kinds (position 2), per the majority of sources (DOMAIN.md §2.1). */
export const USCC_REGISTRATION_KINDS: Readonly<Record<string, { department: string; kinds: Readonly<Record<string, string>> }>> =
  Object.freeze({
    '1': { department: '机构编制', kinds: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
    '5': { department: '民政', kinds: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
    '9': { department: '工商（市场监督管理）', kinds: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
    Y: { department: '其他', kinds: { '1': '其他' } },
  });

/** Prefixes expected for this policy's population: 91 企业, 92 个体工商户, 93 农民专业合作社. */
export const USCC_ENTERPRISE_PREFIXES: readonly string[] = Object.freeze(['91', '92', '93']);

/** Outcome of {@link validateUscc}. */
export interface UsccValidation {
  /** True when length, code set, positions 3–8 and the check character are all right. */
  valid: boolean;
  /** The code as checked: NFKC-normalised (full-width → half-width), trimmed, upper-case. */
  normalized: string;
  /** The correct 18th character, whenever the first 17 characters are well-formed. */
  expected?: string;
  /** Why the code is invalid, in Chinese, naming the position; absent when valid. */
  message?: string;
  /** Positions 3–8: the registering authority's division code at issuance (not checked against today's list). */
  region?: string;
  /** Registration department of position 1, e.g. '工商（市场监督管理）'. */
  department?: string;
  /** Kind of body of positions 1–2, e.g. '企业' for 91, '个体工商户' for 92. */
  kind?: string;
  /** Points for a person to review that do not make the code invalid, in Chinese. */
  warnings: string[];
}

/** Normalises typed input: full-width characters to ASCII (NFKC), surrounding spaces removed, upper case. */
export function normalizeUscc(code: string): string {
  return String(code).normalize('NFKC').trim().toUpperCase();
}

function describeChar(ch: string): string {
  return ch.trim() === '' ? '空格' : ch;
}

/**
 * Computes the check character (position 18) for the first 17 characters of a code:
 * C18 = 31 − (Σ value × weight mod 31), 31 → 0 (GB 32100-2015 §5). Input must already be upper case.
 * @throws RangeError when the input is not 17 characters of the code set.
 */
export function computeUsccCheckChar(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) {
    throw new RangeError(`计算校验码需要统一社会信用代码的前17位，实际为 ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`第${i + 1}位含有不允许的字符 ${describeChar(first17.charAt(i))}`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Check character of a 9-character organisation code (GB 11714-1997) computed from its first 8:
 * values 0–9 and A–Z = 10–35, weights 3,7,9,10,5,8,4,2, C = 11 − (Σ mod 11), 10 → 'X', 11 → '0'.
 * Returns null when the 8 characters are not digits or capital letters.
 */
export function computeOrgCodeCheckChar(first8: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(first8)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8.charAt(i), 36) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validates a 统一社会信用代码 (GB 32100-2015) and describes what it encodes.
 * The input is normalised first (see {@link normalizeUscc}), so '９１３１…' and lower case pass.
 * The result is invalid, with a Chinese `message`, when the length is not 18, a character is
 * outside the code set (I, O, S, V, Z are never used), positions 3–8 are not digits, or the check
 * character is wrong (then `expected` holds the right one). A prefix other than 91/92/93 and a
 * failing embedded organisation-code check only add `warnings`.
 */
export function validateUscc(code: string): UsccValidation {
  const normalized = normalizeUscc(code ?? '');
  const warnings: string[] = [];
  const invalid = (message: string, extra: Partial<UsccValidation> = {}): UsccValidation => ({
    valid: false,
    normalized,
    message,
    ...extra,
    warnings,
  });

  const chars = [...normalized];
  if (chars.length !== 18) return invalid(`统一社会信用代码应为18位，实际为${chars.length}位`);

  // The first 17 decide the check character; report their problems before the 18th.
  for (let i = 0; i < 17; i++) {
    const ch = chars[i] ?? '';
    if (FORBIDDEN_LETTERS.includes(ch)) {
      return invalid(`统一社会信用代码第${i + 1}位含有不允许的字符 ${ch}（不使用 I、O、S、V、Z）`);
    }
    if (!USCC_CHARSET.includes(ch)) {
      return invalid(`统一社会信用代码第${i + 1}位含有不允许的字符 ${describeChar(ch)}（只能是数字和大写英文字母）`);
    }
  }
  for (let i = 2; i < 8; i++) {
    const ch = chars[i] ?? '';
    if (!/[0-9]/.test(ch)) {
      return invalid(`统一社会信用代码第3–8位是登记管理机关行政区划码，应为数字，第${i + 1}位为 ${ch}`);
    }
  }

  const expected = computeUsccCheckChar(normalized.slice(0, 17));
  const actual = chars[17] ?? '';
  const region = normalized.slice(2, 8);
  const registration = USCC_REGISTRATION_KINDS[normalized.charAt(0)];
  const details: Partial<UsccValidation> = { expected, region };
  if (registration) {
    details.department = registration.department;
    const kind = registration.kinds[normalized.charAt(1)];
    if (kind) details.kind = kind;
  }
  if (actual !== expected) {
    return invalid(`统一社会信用代码第18位校验码应为 ${expected}，实际为 ${describeChar(actual)}`, details);
  }

  const prefix = normalized.slice(0, 2);
  if (!USCC_ENTERPRISE_PREFIXES.includes(prefix)) {
    const what = details.department ? `（${details.department}${details.kind ? `—${details.kind}` : ''}）` : '';
    warnings.push(`代码前两位为 ${prefix}${what}，不是企业（91）、个体工商户（92）或农民专业合作社（93），请人工核对`);
  }
  const orgExpected = computeOrgCodeCheckChar(normalized.slice(8, 16));
  const orgActual = normalized.charAt(16);
  if (orgExpected !== null && orgExpected !== orgActual) {
    warnings.push(`第9–17位（组织机构代码）的校验位按 GB 11714 应为 ${orgExpected}，实际为 ${orgActual}，请核对（仅提示）`);
  }
  return { valid: true, normalized, ...details, warnings };
}

/** Whether `code` is a valid 统一社会信用代码 (after normalisation); see {@link validateUscc}. */
export function isValidUscc(code: string): boolean {
  return validateUscc(code).valid;
}
