// Public API of the policy module: the measure table, the preset schema and validator, typed
// parameter access, and effective-dated overrides. Pure TypeScript and zod; no I/O.
// Exports are listed by name (not `export *`) so helpers such as the local ISO-date check cannot
// collide with the calendar module's names in the package index.
export {
  CLAUSE_ORDINALS,
  MEASURE_KINDS,
  MEASURE_MENU,
  getMeasureMenuItem,
  isMeasureKind,
  measureLabel,
  type ClauseOrdinal,
  type MeasureKind,
  type MeasureMenuItem,
} from './measures';
export type { PresetError } from './issues';
export {
  CONFIDENCE_TAGS,
  PARAMETER_TYPES,
  parameterSourceSchema,
  type Confidence,
  type ParameterSource,
  type ParameterSpec,
  type ParameterType,
  type PresetParameter,
} from './parameter-spec';
export {
  MEASURE_PARAMETER_SPECS,
  isParameterKey,
  parameterKeysOf,
  type ParameterKey,
  type ParameterValue,
} from './measure-parameters';
export {
  PRESET_SCHEMA_VERSION,
  PresetValidationError,
  assertPreset,
  contactSchema,
  epidemicPeriodSchema,
  parsePreset,
  policyPresetSchema,
  type Contact,
  type EpidemicPeriod,
  type MeasureDefinition,
  type ParsePresetResult,
  type PolicyPreset,
} from './preset';
export { getMeasure, getParameter, getParameterDefinition, getParameterSpec, listParameters } from './preset-access';
export {
  isDateInEpidemicPeriod,
  isEpidemicPeriodOverride,
  isInEpidemicPeriod,
  resolveEpidemicPeriod,
  resolveParameter,
  snapshotParameters,
  validateOverride,
  type EpidemicPeriodEndOverride,
  type ParameterOverride,
  type PresetOverride,
  type ResolvedEpidemicPeriod,
  type ResolvedParameter,
  type ValidateOverrideOptions,
  type ValidateOverrideResult,
} from './overrides';
