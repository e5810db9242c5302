// Typed policy parameters: each parameter of a measure has a spec (its type tag, its value schema,
// its fixed unit and, for enumerations, the codes with their Chinese labels). The preset JSON
// carries the value and where it came from; the spec says what values are allowed.
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './iso-date';

/** The type tags a parameter may have; they decide the editor in the UI and the value's unit. */
export const PARAMETER_TYPES = [
  'workingDays', // integer count of Chinese working days (调休 included), unit 个工作日
  'days', // integer count of calendar days, unit 天
  'date', // civil date YYYY-MM-DD
  'ppm', // integer parts per million for rates and ratios: 0.08% = 800, 30% = 300000
  'fen', // integer money in fen (分): 500万元 = 500000000
  'count', // other non-negative integers
  'year', // a calendar year, e.g. 2019 (2019年度)
  'boolean',
  'enum', // one lowercase code out of the spec's options
  'enumList', // several distinct codes out of the spec's options
  'text',
  'textList',
] as const;

/** One parameter type tag, e.g. `'ppm'` (integer parts per million) or `'workingDays'`. */
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** Confidence tags of DOMAIN.md: V verified, S one secondary source, M background lead, D derived. */
export const CONFIDENCE_TAGS = ['V', 'S', 'M', 'D'] as const;

/** One confidence tag of DOMAIN.md (V, S, M or D). */
export type Confidence = (typeof CONFIDENCE_TAGS)[number];

/** Builds zod error options that give `message` for a wrong value and defer a missing value to the 缺少此项 map. */
export function says(message: string): { error: (issue: z.core.$ZodRawIssue) => string | undefined } {
  return { error: (issue) => (issue.input === undefined ? undefined : message) };
}

/** Schema of a non-empty string (after trimming); messages in Chinese. */
export const nonEmptyText = z.string(says('应为文字')).refine((s) => s.trim().length > 0, says('不能为空'));

/** Schema of a `YYYY-MM-DD` civil date that exists in the calendar. */
export const isoDateSchema: z.ZodType<IsoDate> = z
  .string(says('应为日期字符串（YYYY-MM-DD）'))
  .refine(isIsoDate, says('应为有效日期（YYYY-MM-DD），例如 2020-01-01'));

const confidenceSchema = z.enum(CONFIDENCE_TAGS, says('可信度应为 V、S、M 或 D'));

/**
 * Schema of where a parameter's value comes from: `seed` (printed in the policy; `citation` quotes
 * it verbatim, fragments joined by …), `external` (another document, named in `citation`, with its
 * DOMAIN.md confidence tag) or `assumption` (a default chosen by the platform; `citation` says why).
 */
export const parameterSourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('seed'), citation: nonEmptyText, confidence: confidenceSchema.optional() }),
    z.strictObject({ kind: z.literal('external'), citation: nonEmptyText, confidence: confidenceSchema }),
    z.strictObject({ kind: z.literal('assumption'), citation: nonEmptyText, confidence: confidenceSchema.optional() }),
  ],
  says('来源类型应为 seed（原文）、external（其他文件）或 assumption（平台默认）'),
);

/** Where a parameter's value comes from (the seed text, another document, or a platform default). */
export type ParameterSource = z.output<typeof parameterSourceSchema>;

/** Separator between verbatim fragments in a `seed` citation. */
export const CITATION_FRAGMENT_SEPARATOR = '…';

/** One parameter as stored in a preset: its value (typed `T`), label, unit and source. */
export interface PresetParameter<T = unknown> {
  /** The parameter's key, equal to its key in the measure's `parameters` object. */
  key: string;
  /** Chinese label for the UI. */
  label: string;
  /** The type tag; fixed per key by the spec. */
  type: ParameterType;
  /** The value: integers for days, ppm and fen; `YYYY-MM-DD` for dates; codes for enums; null where the spec allows "none". */
  value: T;
  /** Unit shown beside the value (个工作日, 天, ppm, 分, …). */
  unit: string;
  /** Where the value comes from. */
  source: ParameterSource;
  /** Optional remark: an interpretation, an ambiguity, what to confirm. */
  note?: string | undefined;
}

/** What a parameter key allows: its type tag, value schema, fixed unit if any, and enum codes with labels. */
export interface ParameterSpec<T> {
  /** The type tag the preset must carry for this key. */
  readonly type: ParameterType;
  /** Validates the value (Chinese messages). */
  readonly value: z.ZodType<T>;
  /** The unit the preset must carry, when the type fixes it (ppm, 分, 个工作日, 天). */
  readonly unit?: string;
  /** Whether null is allowed (meaning "none" or "not known", explained in the parameter's source). */
  readonly nullable: boolean;
  /** For enum and enumList: code → Chinese label, in display order. */
  readonly options?: Readonly<Record<string, string>>;
}

/** The value type of a parameter spec. */
export type SpecValue<S> = S extends ParameterSpec<infer T> ? T : never;

function integer(type: ParameterType, unitWord: string, min: number, max: number, unit?: string): ParameterSpec<number> {
  const notInteger = `应为整数（${unitWord}）`;
  const outOfRange = `应在 ${min} 至 ${max} 之间（${unitWord}）`;
  return {
    type,
    value: z.number(says(notInteger)).int(says(notInteger)).min(min, says(outOfRange)).max(max, says(outOfRange)),
    ...(unit === undefined ? {} : { unit }),
    nullable: false,
  };
}

/** Spec of a count of working days (0–365), unit 个工作日. */
export function workingDaysSpec(): ParameterSpec<number> {
  return integer('workingDays', '工作日', 0, 365, '个工作日');
}

/** Spec of a count of calendar days (0–3660), unit 天. */
export function daysSpec(): ParameterSpec<number> {
  return integer('days', '天', 0, 3660, '天');
}

/** Spec of a rate or ratio in integer ppm, 0–1,000,000 (1,000,000 = 100%), unit ppm. */
export function ppmSpec(): ParameterSpec<number> {
  const notInteger = '应为整数（ppm）';
  const outOfRange = '应在 0 至 1000000 之间（ppm，1000000 = 100%）';
  return {
    type: 'ppm',
    value: z.number(says(notInteger)).int(says(notInteger)).min(0, says(outOfRange)).max(1_000_000, says(outOfRange)),
    unit: 'ppm',
    nullable: false,
  };
}

/** Spec of an amount of money in integer fen (分), non-negative, unit 分. */
export function fenSpec(): ParameterSpec<number> {
  return integer('fen', '分，不得为负', 0, Number.MAX_SAFE_INTEGER, '分');
}

/** Spec of a non-negative integer count. */
export function countSpec(): ParameterSpec<number> {
  return integer('count', '非负整数', 0, Number.MAX_SAFE_INTEGER);
}

/** Spec of an integer restricted to the given values (e.g. a day-count basis of 360 or 365). */
export function countOneOfSpec<const V extends readonly [number, ...number[]]>(values: V): ParameterSpec<V[number]> {
  const message = `应为 ${values.join(' 或 ')}`;
  return {
    type: 'count',
    // The refinement narrows the runtime values to `values`; zod's types do not narrow, hence the declared type.
    value: z.number(says(message)).refine((n) => values.includes(n), says(message)),
    nullable: false,
  };
}

/** Spec of a calendar year (1949–2100), e.g. 2019 for 2019年度. */
export function yearSpec(): ParameterSpec<number> {
  return integer('year', '年份', 1949, 2100);
}

/** Spec of a `YYYY-MM-DD` civil date. */
export function dateSpec(): ParameterSpec<IsoDate> {
  return { type: 'date', value: isoDateSchema, nullable: false };
}

/** Spec of a yes/no value. */
export function booleanSpec(): ParameterSpec<boolean> {
  return { type: 'boolean', value: z.boolean(says('应为 true 或 false')), nullable: false };
}

/** Spec of non-empty text, optionally matching `pattern` (described by `patternMessage`). */
export function textSpec(pattern?: RegExp, patternMessage?: string): ParameterSpec<string> {
  const base = nonEmptyText;
  return {
    type: 'text',
    value: pattern === undefined ? base : base.refine((s) => pattern.test(s), says(patternMessage ?? '格式不正确')),
    nullable: false,
  };
}

/** Spec of a list of non-empty texts (may be empty, entries distinct). */
export function textListSpec(pattern?: RegExp, patternMessage?: string): ParameterSpec<string[]> {
  const entry = pattern === undefined ? nonEmptyText : nonEmptyText.refine((s) => pattern.test(s), says(patternMessage ?? '格式不正确'));
  return {
    type: 'textList',
    value: z.array(entry, says('应为文字列表')).refine(distinct, says('列表中不能有重复项')),
    nullable: false,
  };
}

/** Spec of one code out of `options` (code → Chinese label). */
export function enumSpec<const O extends Readonly<Record<string, string>>>(options: O): ParameterSpec<keyof O & string> {
  return { type: 'enum', value: enumValue(options), nullable: false, options };
}

/** Spec of distinct codes out of `options` (code → Chinese label); an empty list is allowed. */
export function enumListSpec<const O extends Readonly<Record<string, string>>>(options: O): ParameterSpec<(keyof O & string)[]> {
  const list = `应为代码列表，可选：${Object.keys(options).join('、')}`;
  return {
    type: 'enumList',
    value: z.array(enumValue(options), says(list)).refine(distinct, says('列表中不能有重复项')),
    nullable: false,
    options,
  };
}

function enumValue<O extends Readonly<Record<string, string>>>(options: O): z.ZodType<keyof O & string> {
  const codes = Object.keys(options);
  const message = `应为以下之一：${codes.map((c) => `${c}（${options[c] ?? ''}）`).join('、')}`;
  // As above: the refinement admits only the codes, which the declared return type states.
  return z.string(says(message)).refine((s) => codes.includes(s), says(message));
}

/** Allows null in a spec's value; the parameter's source must say what null means (no cap, not known). */
export function nullableSpec<T>(spec: ParameterSpec<T>): ParameterSpec<T | null> {
  return { ...spec, value: spec.value.nullable(), nullable: true };
}

function distinct(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

/** Builds the strict schema of one stored parameter under `key` (key, label, type, value, unit, source, note). */
export function presetParameterSchema<T>(key: string, spec: ParameterSpec<T>): z.ZodType<PresetParameter<T>> {
  const schema = z.strictObject({
    key: z.literal(key, says(`应为 "${key}"，与所在的键名一致`)),
    label: nonEmptyText,
    type: z.literal(spec.type, says(`应为 "${spec.type}"（参数 ${key} 的类型）`)),
    value: spec.value,
    unit: spec.unit === undefined ? z.string(says('应为文字（可为空字符串）')) : z.literal(spec.unit, says(`应为 "${spec.unit}"`)),
    source: parameterSourceSchema,
    note: z.string(says('应为文字')).optional(),
  });
  return schema;
}

/** A record of parameter specs, one per key, for one measure. */
export type ParameterSpecs = Readonly<Record<string, ParameterSpec<never> | ParameterSpec<unknown>>>;

/** The stored parameters of a measure whose keys and value types follow the spec record `S`. */
export type ParametersOf<S> = { [K in keyof S]: PresetParameter<SpecValue<S[K]>> };

/** Builds the strict schema of a measure's `parameters` object: exactly the keys of `specs`, each typed. */
export function parametersSchema<S extends ParameterSpecs>(specs: S): z.ZodType<ParametersOf<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(specs)) shape[key] = presetParameterSchema(key, spec as ParameterSpec<unknown>);
  return z.strictObject(shape) as unknown as z.ZodType<ParametersOf<S>>;
}
