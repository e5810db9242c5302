// What the domain's parameter specs add to the preset: the Chinese labels of enum codes and
// whether "not set" (null) is allowed. The specs carry zod schemas, so this module (and zod with
// it) loads only with the policy page.
import { MEASURE_PARAMETER_SPECS, type ParameterSpec } from '@relief/domain';

export interface SpecInfo {
  /** Enum code → Chinese label, in display order. */
  options?: Readonly<Record<string, string>>;
  nullable: boolean;
}

const SPECS = MEASURE_PARAMETER_SPECS as unknown as Record<string, Record<string, ParameterSpec<unknown>> | undefined>;

/** The spec of parameter `key` of measure `kind`, or undefined for a key the domain does not know. */
export function specOf(kind: string, key: string): SpecInfo | undefined {
  const spec = SPECS[kind]?.[key];
  if (!spec) return undefined;
  return spec.options ? { options: spec.options, nullable: spec.nullable } : { nullable: spec.nullable };
}
