// Effective-dated changes to a preset. An administrator may change a parameter, or declare the end
// of the epidemic period, from an effective date on; a case is always resolved on the date its
// decision is made, so past cases keep the value they were decided under. Overrides are data
// (stored by the server); these functions only choose among them.
import { z } from 'zod';
import { assertIsoDate, isIsoDate, type IsoDate } from './iso-date';
import { chineseIssueMessage, dedupeErrors, issuesToErrors, type PresetError } from './issues';
import { isParameterKey, parameterKeysOf, type ParameterKey, type ParameterValue } from './measure-parameters';
import { MEASURE_KINDS, isMeasureKind, measureLabel, type MeasureKind } from './measures';
import { isoDateSchema, nonEmptyText, says } from './parameter-spec';
import { getParameter, getParameterSpec } from './preset-access';
import type { EpidemicPeriod, PolicyPreset } from './preset';

/** A change of one measure parameter from `effectiveFrom` (YYYY-MM-DD, inclusive) on, with the reason recorded. */
export interface ParameterOverride<K extends MeasureKind = MeasureKind> {
  /** The measure whose parameter changes. */
  measure: K;
  /** The parameter key within that measure. */
  key: string;
  /** The new value, of the parameter's type (integer ppm, fen, days; YYYY-MM-DD; codes). */
  value: unknown;
  /** First civil date on which the new value applies (inclusive). */
  effectiveFrom: IsoDate;
  /** Why it changed (a document number, a decision), shown beside the value. */
  reason: string;
}

/** A declaration of the epidemic period's end (or its withdrawal with null) from `effectiveFrom` on. */
export interface EpidemicPeriodEndOverride {
  /** Marks this as a change of the epidemic period rather than of a measure parameter. */
  target: 'epidemicPeriodEnd';
  /** The last day of the epidemic period (inclusive), or null: not yet over. */
  value: IsoDate | null;
  /** First civil date on which this declaration applies (inclusive). */
  effectiveFrom: IsoDate;
  /** Why (e.g. the document that declared the end). */
  reason: string;
}

/** Any effective-dated change to a preset. */
export type PresetOverride = ParameterOverride | EpidemicPeriodEndOverride;

/** Whether an override changes the epidemic period (rather than a measure parameter). */
export function isEpidemicPeriodOverride(override: PresetOverride): override is EpidemicPeriodEndOverride {
  return 'target' in override;
}

/** A resolved value and where it came from: the preset itself or the override in force. */
export interface ResolvedParameter<T> {
  /** The value in force on the date asked. */
  value: T;
  /** `'preset'`, or the override that set the value. */
  source: 'preset' | ParameterOverride;
}

/** The epidemic period in force on a date and where its end came from. */
export interface ResolvedEpidemicPeriod extends EpidemicPeriod {
  /** `'preset'`, or the declaration that set the end. */
  source: 'preset' | EpidemicPeriodEndOverride;
}

// The latest effectiveFrom on or before `onDate` wins; of two with the same date, the one recorded
// later (later in the list) wins, so a correction made the same day replaces the first entry.
function inForce<O extends PresetOverride>(candidates: readonly O[], onDate: IsoDate): O | undefined {
  let best: O | undefined;
  for (const o of candidates) {
    if (o.effectiveFrom > onDate) continue;
    if (best === undefined || o.effectiveFrom >= best.effectiveFrom) best = o;
  }
  return best;
}

/**
 * The value of parameter `key` of measure `measure` in force on `onDate` (YYYY-MM-DD, the date the
 * case's decision is made): the latest override effective on or before that date, else the preset's.
 * Throws a RangeError on a bad date and an Error if the chosen override's value does not fit the type.
 */
export function resolveParameter<K extends MeasureKind, P extends ParameterKey<K>>(
  preset: PolicyPreset,
  overrides: readonly PresetOverride[],
  measure: K,
  key: P,
  onDate: IsoDate,
): ResolvedParameter<ParameterValue<K, P>> {
  assertIsoDate(onDate, 'onDate');
  const candidates = overrides.filter(
    (o): o is ParameterOverride => !isEpidemicPeriodOverride(o) && o.measure === measure && o.key === key,
  );
  const override = inForce(candidates, onDate);
  if (override === undefined) return { value: getParameter(preset, measure, key), source: 'preset' };
  // Overrides are validated when recorded; re-checking here keeps a bad stored row from
  // silently flowing into an amount or a deadline.
  const parsed = getParameterSpec(measure, key).value.safeParse(override.value, { error: chineseIssueMessage });
  if (!parsed.success) {
    throw new Error(
      `${measureLabel(measure)} 参数 ${key} 自 ${override.effectiveFrom} 起的调整值无效：${parsed.error.issues.map((i) => i.message).join('；')}`,
    );
  }
  return { value: parsed.data, source: override };
}

/** Every parameter value of a measure in force on `onDate`, to store with a case when it is decided. */
export function snapshotParameters<K extends MeasureKind>(
  preset: PolicyPreset,
  overrides: readonly PresetOverride[],
  measure: K,
  onDate: IsoDate,
): { [P in ParameterKey<K>]: ParameterValue<K, P> } {
  const out: Partial<Record<ParameterKey<K>, unknown>> = {};
  for (const key of parameterKeysOf(measure)) out[key] = resolveParameter(preset, overrides, measure, key, onDate).value;
  return out as { [P in ParameterKey<K>]: ParameterValue<K, P> };
}

/**
 * The epidemic period in force on `onDate` (YYYY-MM-DD): the preset's start, and the end from the
 * latest declaration effective on or before that date (else the preset's end, null = not over).
 */
export function resolveEpidemicPeriod(
  preset: PolicyPreset,
  overrides: readonly PresetOverride[],
  onDate: IsoDate,
): ResolvedEpidemicPeriod {
  assertIsoDate(onDate, 'onDate');
  const declaration = inForce(overrides.filter(isEpidemicPeriodOverride), onDate);
  if (declaration === undefined) return { ...preset.epidemicPeriod, source: 'preset' };
  return { start: preset.epidemicPeriod.start, end: declaration.value, source: declaration };
}

/** Whether `date` lies in a period, both ends inclusive; an end of null means the period has not ended. */
export function isDateInEpidemicPeriod(period: EpidemicPeriod, date: IsoDate): boolean {
  assertIsoDate(date, 'date');
  return date >= period.start && (period.end === null || date <= period.end);
}

/**
 * Whether `date` (e.g. a loan's issue date) lies in the epidemic period as it stood on `decidedOn`
 * (the decision date; defaults to `date`). Both ends inclusive; an open period includes every later date.
 */
export function isInEpidemicPeriod(
  preset: PolicyPreset,
  overrides: readonly PresetOverride[],
  date: IsoDate,
  decidedOn: IsoDate = date,
): boolean {
  return isDateInEpidemicPeriod(resolveEpidemicPeriod(preset, overrides, decidedOn), date);
}

/** Options of `validateOverride`: `today` (YYYY-MM-DD) forbids effective dates in the past when given. */
export interface ValidateOverrideOptions {
  /** Today's civil date (Asia/Shanghai), injected; when set, `effectiveFrom` must not be before it. */
  today?: IsoDate;
}

/** Result of `validateOverride`: the typed override, or errors naming each bad field. */
export type ValidateOverrideResult = { ok: true; override: PresetOverride } | { ok: false; errors: PresetError[] };

const parameterOverrideShape = z.strictObject({
  measure: z.string(says('应为措施类型')),
  key: z.string(says('应为参数键名')),
  value: z.unknown(),
  effectiveFrom: isoDateSchema,
  reason: nonEmptyText,
});

const epidemicOverrideShape = z.strictObject({
  target: z.literal('epidemicPeriodEnd'),
  value: isoDateSchema.nullable(),
  effectiveFrom: isoDateSchema,
  reason: nonEmptyText,
});

/**
 * Checks an administrator's change before it is stored: known measure and key, value of that
 * parameter's type (same rules as the preset), valid effective date (not before `today` when
 * given, so decided cases keep their values), a reason, and for the period end: not before the start.
 */
export function validateOverride(preset: PolicyPreset, input: unknown, options: ValidateOverrideOptions = {}): ValidateOverrideResult {
  const isEpidemic = typeof input === 'object' && input !== null && 'target' in input;
  const errors: PresetError[] = [];
  let override: PresetOverride | undefined;
  if (isEpidemic) {
    const shape = epidemicOverrideShape.safeParse(input, { error: chineseIssueMessage });
    if (!shape.success) errors.push(...issuesToErrors(shape.error.issues));
    else {
      override = shape.data;
      if (shape.data.value !== null && shape.data.value < preset.epidemicPeriod.start) {
        errors.push({ path: 'value', message: `结束日期不得早于疫情防控期开始日期 ${preset.epidemicPeriod.start}` });
      }
    }
  } else {
    const shape = parameterOverrideShape.safeParse(input, { error: chineseIssueMessage });
    if (!shape.success) errors.push(...issuesToErrors(shape.error.issues));
    else {
      const { measure, key } = shape.data;
      if (!isMeasureKind(measure)) {
        errors.push({ path: 'measure', message: `应为以下措施类型之一：${MEASURE_KINDS.join('、')}` });
      } else if (!isParameterKey(measure, key)) {
        errors.push({ path: 'key', message: `${measureLabel(measure)} 没有参数 "${key}"；可调整的参数：${parameterKeysOf(measure).join('、')}` });
      } else {
        const value = getParameterSpec(measure, key).value.safeParse(shape.data.value, { error: chineseIssueMessage });
        if (!value.success) errors.push(...issuesToErrors(value.error.issues, 'value'));
        else override = { ...shape.data, measure, value: value.data };
      }
    }
  }
  if (options.today !== undefined && isIsoDate(options.today) && override !== undefined && override.effectiveFrom < options.today) {
    errors.push({ path: 'effectiveFrom', message: `生效日期不得早于今天 ${options.today}；已作出决定的案件保留原值，不能追溯调整` });
  }
  if (errors.length > 0 || override === undefined) return { ok: false, errors: dedupeErrors(errors) };
  return { ok: true, override };
}
