// Typed reads of a validated preset. `getParameter(preset, 'risk-compensation', 'compensationRatioPpm')`
// is a number because the key is checked against that measure's spec at compile time.
import { MEASURE_PARAMETER_SPECS, type ParameterKey, type ParameterValue } from './measure-parameters';
import { measureLabel, type MeasureKind } from './measures';
import type { ParameterSpec, PresetParameter } from './parameter-spec';
import type { MeasureDefinition, PolicyPreset } from './preset';

/** The measure of `kind` in a preset; throws if missing (a preset that passed `parsePreset` has all ten). */
export function getMeasure<K extends MeasureKind>(preset: PolicyPreset, kind: K): MeasureDefinition<K> {
  const found = preset.measures.find((m): m is MeasureDefinition<K> => m.kind === kind);
  if (found === undefined) throw new Error(`政策预置 ${preset.id} 中缺少措施 ${measureLabel(kind)}（${kind}）`);
  return found;
}

/** The stored parameter (value, label, unit, source) of `key` in measure `kind`; throws if missing. */
export function getParameterDefinition<K extends MeasureKind, P extends ParameterKey<K>>(
  preset: PolicyPreset,
  kind: K,
  key: P,
): PresetParameter<ParameterValue<K, P>> {
  const parameters = getMeasure(preset, kind).parameters as unknown as Record<string, PresetParameter<ParameterValue<K, P>> | undefined>;
  const parameter = parameters[key];
  if (parameter === undefined) throw new Error(`政策预置 ${preset.id} 的${measureLabel(kind)}缺少参数 ${key}`);
  return parameter;
}

/** The preset's value of parameter `key` of measure `kind`, typed per key (ppm, fen, days as integers; dates as YYYY-MM-DD). */
export function getParameter<K extends MeasureKind, P extends ParameterKey<K>>(
  preset: PolicyPreset,
  kind: K,
  key: P,
): ParameterValue<K, P> {
  return getParameterDefinition(preset, kind, key).value;
}

/** All stored parameters of a measure in the spec's key order, for the measure page's "parameters and sources" table. */
export function listParameters(preset: PolicyPreset, kind: MeasureKind): PresetParameter[] {
  const parameters = getMeasure(preset, kind).parameters as unknown as Record<string, PresetParameter>;
  return Object.keys(MEASURE_PARAMETER_SPECS[kind]).flatMap((key) => {
    const p = parameters[key];
    return p === undefined ? [] : [p];
  });
}

/** The spec (type tag, value schema, unit, enum options with labels) of parameter `key` of measure `kind`. */
export function getParameterSpec<K extends MeasureKind, P extends ParameterKey<K>>(kind: K, key: P): ParameterSpec<ParameterValue<K, P>> {
  const specs = MEASURE_PARAMETER_SPECS[kind] as unknown as Record<string, ParameterSpec<ParameterValue<K, P>>>;
  const spec = specs[key];
  if (spec === undefined) throw new Error(`${measureLabel(kind)} 没有参数 ${key}`);
  return spec;
}
