// How a preset parameter reads for an official (pure): ppm as a percentage, fen as 元, working days
// with their unit, dates as 2020年5月31日, codes by their Chinese labels; and the editor's text back
// into the stored unit (percent → ppm, 元 → fen) for POST /api/policy/overrides.
import type { ParameterType } from '@relief/domain';
import { fenToYuanInput, formatDate, formatYuanWithUnit, percentToPpm, ppmToPercent, yuanToFen } from '../../../lib/format';
import type { Locale } from '../../../lib/i18n';

/** The parts of a preset parameter that decide how its value reads. */
export interface ParameterLike {
  type: ParameterType;
  value: unknown;
  unit: string;
}

/** Words the formatter needs in the current language. */
export interface ValueWords {
  yes: string;
  no: string;
  /** An empty list. */
  none: string;
  /** null: not set (the parameter's source says what that means, e.g. no cap). */
  notSet: string;
}

export const ZH_WORDS: ValueWords = { yes: '是', no: '否', none: '无', notSet: '未设定' };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * The value as a person reads it: ppm 300000 → '30%', fen 500000000 → '5,000,000.00 元',
 * workingDays 5 → '5 个工作日', date → '2020年5月31日', booleans 是/否, enum codes → their labels
 * from `options` (the domain's parameter spec), lists joined with '、'.
 */
export function formatParameterValue(
  p: ParameterLike,
  options: Readonly<Record<string, string>> | undefined,
  words: ValueWords = ZH_WORDS,
  locale: Locale = 'zh-CN',
): string {
  const v = p.value;
  if (v === null || v === undefined) return words.notSet;
  const label = (code: unknown) => (typeof code === 'string' ? (options?.[code] ?? code) : String(code));
  switch (p.type) {
    case 'ppm':
      return isInt(v) ? ppmToPercent(v) : String(v);
    case 'fen':
      return isInt(v) ? formatYuanWithUnit(v) : String(v);
    case 'workingDays':
    case 'days':
    case 'count':
      return p.unit ? `${String(v)} ${p.unit}` : String(v);
    case 'year':
      return `${String(v)}${p.unit}`;
    case 'date':
      return typeof v === 'string' ? formatDate(v, locale) : String(v);
    case 'boolean':
      return v === true ? words.yes : v === false ? words.no : String(v);
    case 'enum':
      return label(v);
    case 'enumList':
    case 'textList':
      if (!Array.isArray(v)) return String(v);
      return v.length === 0 ? words.none : v.map(label).join(locale === 'zh-CN' ? '、' : ', ');
    case 'text':
      return String(v);
    default:
      return JSON.stringify(v);
  }
}

/** What the editor shows first for a value: ppm as percent digits ('30'), fen as 元 ('5000000.00'), others as stored. */
export function toEditorValue(type: ParameterType, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (type === 'ppm' && isInt(value)) return ppmToPercent(value).replace('%', '');
  if (type === 'fen' && isInt(value)) return fenToYuanInput(value);
  return value;
}

export type EditorParse = { ok: true; value: unknown } | { ok: false; problem: 'percent' | 'yuan' | 'required' };

/**
 * The stored value for what was typed: percent text → ppm ('0.08' → 800), 元 text → fen
 * ('5,000,000' → 500000000), integers as they are, text trimmed. `null` passes through (a
 * nullable parameter set to "not set"); anything else empty is 'required'.
 */
export function fromEditorValue(type: ParameterType, input: unknown): EditorParse {
  if (input === null) return { ok: true, value: null };
  if (input === undefined || (typeof input === 'string' && input.trim() === '')) return { ok: false, problem: 'required' };
  if (type === 'ppm') {
    const ppm = percentToPpm(String(input));
    // 1,000,000 ppm = 100%: a rate or ratio never exceeds the whole.
    return ppm === null || ppm < 0 || ppm > 1_000_000 ? { ok: false, problem: 'percent' } : { ok: true, value: ppm };
  }
  if (type === 'fen') {
    const fen = yuanToFen(String(input));
    return fen === null || fen < 0 ? { ok: false, problem: 'yuan' } : { ok: true, value: fen };
  }
  if (type === 'text' && typeof input === 'string') return { ok: true, value: input.trim() };
  if (type === 'textList' && Array.isArray(input)) return { ok: true, value: input.map((s) => String(s).trim()).filter((s) => s !== '') };
  return { ok: true, value: input };
}
