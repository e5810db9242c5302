// The policy preset: a relief policy as data (presets/*.json). The server reads the file and calls
// `assertPreset` at start; nothing runs on a preset that does not pass every check below.
import { z } from 'zod';
import { isIsoDate } from './iso-date';
import { chineseIssueMessage, childPath, dedupeErrors, formatErrors, issuesToErrors, type PresetError } from './issues';
import { MEASURE_PARAMETER_SPECS } from './measure-parameters';
import { CLAUSE_ORDINALS, MEASURE_KINDS, getMeasureMenuItem, isMeasureKind, measureLabel, type MeasureKind } from './measures';
import {
  CITATION_FRAGMENT_SEPARATOR,
  isoDateSchema,
  nonEmptyText,
  parametersSchema,
  says,
} from './parameter-spec';

/** The preset format version this code reads; bump it with a migration note when the shape changes. */
export const PRESET_SCHEMA_VERSION = 1;

const PHONE = /^(0\d{2,3}-\d{7,8}|400-\d{3}-\d{4})$/;

const clauseNumber = z
  .number(says('应为 1 至 10 的整数（条款序号）'))
  .int(says('应为 1 至 10 的整数（条款序号）'))
  .min(1, says('应为 1 至 10 的整数（条款序号）'))
  .max(10, says('应为 1 至 10 的整数（条款序号）'));

/** Schema of a contact printed in the policy: name, organisation (null when the text names none), phone, clauses. */
export const contactSchema = z.strictObject({
  name: nonEmptyText,
  organisation: nonEmptyText.nullable(),
  phone: z.string(says('应为电话号码')).regex(PHONE, says('应为电话号码，如 0531-86198628 或 400-651-0531')),
  clauses: z.array(clauseNumber, says('应为条款序号列表')).min(1, says('至少应有一条')),
  note: z.string(says('应为文字')).optional(),
});

/** A contact person of the policy (name, organisation, phone, the clauses they answer for). */
export type Contact = z.output<typeof contactSchema>;

function measureSchema<K extends MeasureKind>(kind: K) {
  return z.strictObject({
    kind: z.literal(kind),
    clause: clauseNumber,
    ordinal: z.enum(CLAUSE_ORDINALS, says(`应为 ${CLAUSE_ORDINALS.join('、')} 之一`)),
    title: nonEmptyText,
    menuTitle: nonEmptyText,
    text: nonEmptyText,
    parameters: parametersSchema(MEASURE_PARAMETER_SPECS[kind]),
    contacts: z.array(contactSchema, says('应为联系人列表')),
  });
}

// Written out one by one (not mapped) so the union keeps each measure's precise parameter types.
const measureUnionSchema = z.discriminatedUnion(
  'kind',
  [
    measureSchema('risk-compensation'),
    measureSchema('bridge-loan'),
    measureSchema('financing-match'),
    measureSchema('guarantee'),
    measureSchema('interest-subsidy'),
    measureSchema('high-growth'),
    measureSchema('innovation'),
    measureSchema('resumption'),
    measureSchema('public-service'),
    measureSchema('monitoring'),
  ],
  says(`措施类型应为以下之一：${MEASURE_KINDS.join('、')}`),
);

const basisDocumentSchema = z.strictObject({
  number: nonEmptyText,
  title: nonEmptyText,
  issuer: nonEmptyText,
});

const textCorrectionSchema = z.strictObject({
  clause: clauseNumber,
  original: nonEmptyText,
  corrected: z.string(says('应为文字')),
  reason: nonEmptyText,
});

/** Schema of the epidemic-control period (疫情防控期间): a start date and an end date, null while it lasts. */
export const epidemicPeriodSchema = z.strictObject({
  start: isoDateSchema,
  end: isoDateSchema.nullable(),
});

/** The epidemic-control period: `start` and `end` as `YYYY-MM-DD`, both inclusive; `end` null while it lasts. */
export type EpidemicPeriod = z.output<typeof epidemicPeriodSchema>;

/** Schema of the shape of a policy preset; `parsePreset` adds the checks across fields. */
export const policyPresetSchema = z.strictObject({
  schemaVersion: z.literal(PRESET_SCHEMA_VERSION, says(`应为 ${PRESET_SCHEMA_VERSION}（本程序读取的预置格式版本）`)),
  id: z.string(says('应为文字')).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, says('应为小写字母、数字和连字符，如 lu-gongxin-fa-2020-1')),
  number: nonEmptyText,
  title: nonEmptyText,
  issuer: nonEmptyText,
  issuedOn: isoDateSchema,
  addressees: nonEmptyText,
  preamble: nonEmptyText,
  basis: z.array(basisDocumentSchema, says('应为依据文件列表')),
  textSource: z.strictObject({
    file: nonEmptyText,
    sha256: z.string(says('应为文字')).regex(/^[0-9a-f]{64}$/, says('应为 64 位小写十六进制 SHA-256')),
    corrections: z.array(textCorrectionSchema, says('应为更正列表')),
  }),
  epidemicPeriod: epidemicPeriodSchema,
  measures: z.array(measureUnionSchema, says('应为措施列表')),
});

/** A validated policy preset: the document, its epidemic period and its ten measures in clause order. */
export type PolicyPreset = z.output<typeof policyPresetSchema>;

/** One measure of a preset; `MeasureDefinition<'guarantee'>` has the guarantee measure's typed parameters. */
export type MeasureDefinition<K extends MeasureKind = MeasureKind> = Extract<PolicyPreset['measures'][number], { kind: K }>;

/** Result of `parsePreset`: the typed preset, or every error found, each naming its field. */
export type ParsePresetResult = { ok: true; preset: PolicyPreset } | { ok: false; errors: PresetError[] };

/**
 * Validates a parsed preset JSON: shape and types (`policyPresetSchema`), then exactly ten measures,
 * unique kinds in clause order, clause numbers, ordinals and titles matching the measure table,
 * period end not before start, contacts consistent, and seed citations found verbatim in the clause.
 * Never throws; all errors are returned with Chinese messages.
 */
export function parsePreset(json: unknown): ParsePresetResult {
  const shape = policyPresetSchema.safeParse(json, { error: chineseIssueMessage });
  // Cross-field checks read the raw input defensively, so they report even when the shape fails.
  const { structural, other } = consistencyErrors(json);
  // Errors in the list of measures come first: a missing or repeated measure explains many of the
  // field errors that follow it.
  const errors = dedupeErrors([...structural, ...(shape.success ? [] : issuesToErrors(shape.error.issues)), ...other]);
  if (errors.length > 0 || !shape.success) return { ok: false, errors };
  return { ok: true, preset: shape.data };
}

/** Thrown by `assertPreset`: its message lists every bad field; `errors` holds them as data. */
export class PresetValidationError extends Error {
  /** The errors found, each with its field path. */
  readonly errors: PresetError[];

  constructor(errors: PresetError[], sourceName?: string) {
    const where = sourceName === undefined ? '' : ` ${sourceName} `;
    super(`政策预置${where}校验失败，共 ${errors.length} 处：\n${formatErrors(errors)}`);
    this.name = 'PresetValidationError';
    this.errors = errors;
  }
}

/**
 * Returns the typed preset or throws a `PresetValidationError` listing every bad field path; the
 * server calls it at start and stops on a bad preset. `sourceName` (e.g. the file name) goes in the message.
 */
export function assertPreset(json: unknown, sourceName?: string): PolicyPreset {
  const result = parsePreset(json);
  if (!result.ok) throw new PresetValidationError(result.errors, sourceName);
  return result.preset;
}

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function consistencyErrors(json: unknown): { structural: PresetError[]; other: PresetError[] } {
  const errors: PresetError[] = [];
  if (!isRecord(json)) return { structural: [], other: errors };
  const period = json.epidemicPeriod;
  if (isRecord(period) && isIsoDate(period.start) && isIsoDate(period.end) && period.end < period.start) {
    errors.push({ path: 'epidemicPeriod.end', message: `结束日期不得早于开始日期 ${period.start}` });
  }
  const measures = json.measures;
  if (!Array.isArray(measures)) return { structural: [], other: errors };
  const { errors: structural, firstIndex } = measureListErrors(measures);
  // A repeated kind is reported once at its `kind`; checking the repeat's clause, title and
  // contacts as well would only restate that one error.
  const firsts = measures.map((m, i) => (isRecord(m) && isMeasureKind(m.kind) && firstIndex.get(m.kind) === i ? m : undefined));
  firsts.forEach((m, i) => {
    if (m !== undefined && isMeasureKind(m.kind)) errors.push(...measureErrors(m, m.kind, `measures[${i}]`));
  });
  errors.push(...contactErrors(firsts));
  errors.push(...correctionErrors(json.textSource, firsts));
  return { structural, other: errors };
}

function measureListErrors(measures: readonly unknown[]): { errors: PresetError[]; firstIndex: Map<MeasureKind, number> } {
  const errors: PresetError[] = [];
  const firstIndex = new Map<MeasureKind, number>();
  measures.forEach((m, i) => {
    const kind = isRecord(m) ? m.kind : undefined;
    if (!isMeasureKind(kind)) return;
    const first = firstIndex.get(kind);
    if (first === undefined) firstIndex.set(kind, i);
    else errors.push({ path: `measures[${i}].kind`, message: `措施类型 ${kind} 重复（已见于 measures[${first}]）；每种措施只能出现一次` });
  });
  const missing = MEASURE_KINDS.filter((k) => !firstIndex.has(k));
  if (measures.length !== MEASURE_KINDS.length || missing.length > 0) {
    const tail = missing.length > 0 ? `；缺少 ${missing.map((k) => `${measureLabel(k)}（${k}）`).join('、')}` : '';
    errors.push({ path: 'measures', message: `应恰好包含十项措施（每种一项），实际 ${measures.length} 项${tail}` });
  }
  // Position checks only make sense once the set of kinds is right; otherwise every later
  // measure would be reported as misplaced and drown the one real error.
  if (measures.length === MEASURE_KINDS.length && firstIndex.size === MEASURE_KINDS.length) {
    measures.forEach((m, i) => {
      const expected = MEASURE_KINDS[i];
      if (expected !== undefined && isRecord(m) && m.kind !== expected) {
        errors.push({
          path: `measures[${i}].kind`,
          message: `第 ${i + 1} 项应为 ${expected}（${measureLabel(expected)}），实际为 ${String(m.kind)}；措施须按条款顺序排列`,
        });
      }
    });
  }
  return { errors, firstIndex };
}

function measureErrors(m: Rec, kind: MeasureKind, path: string): PresetError[] {
  const errors: PresetError[] = [];
  const menu = getMeasureMenuItem(kind);
  if (typeof m.clause === 'number' && m.clause !== menu.clause) {
    errors.push({ path: `${path}.clause`, message: `应为 ${menu.clause}（${kind} 是第${menu.ordinal}条）` });
  }
  if (typeof m.ordinal === 'string' && m.ordinal !== menu.ordinal) {
    errors.push({ path: `${path}.ordinal`, message: `应为 "${menu.ordinal}"（第 ${menu.clause} 条）` });
  }
  if (typeof m.title === 'string' && m.title !== menu.title) {
    errors.push({ path: `${path}.title`, message: `应为 "${menu.title}"（与原文条款标题一致）` });
  }
  if (typeof m.menuTitle === 'string' && m.menuTitle !== menu.menuTitle) {
    errors.push({ path: `${path}.menuTitle`, message: `应为 "${menu.menuTitle}"（与菜单一致）` });
  }
  const text = typeof m.text === 'string' ? m.text : undefined;
  const heading = `${menu.ordinal}、${menu.title}。`;
  if (text !== undefined && !text.startsWith(heading)) {
    errors.push({ path: `${path}.text`, message: `应为第${menu.ordinal}条原文全文，以“${heading}”开头` });
  }
  if (text !== undefined && isRecord(m.parameters)) {
    for (const [key, p] of Object.entries(m.parameters)) {
      const source = isRecord(p) ? p.source : undefined;
      if (!isRecord(source) || source.kind !== 'seed' || typeof source.citation !== 'string') continue;
      for (const fragment of citationFragments(source.citation)) {
        if (!text.includes(fragment)) {
          errors.push({
            path: `${path}.parameters.${key}.source.citation`,
            message: `标为原文（seed）的引文须逐字出自第${menu.ordinal}条，未找到“${fragment}”`,
          });
        }
      }
    }
  }
  return errors;
}

/** Splits a seed citation into its verbatim fragments (separated by …), trimmed, empty ones dropped. */
export function citationFragments(citation: string): string[] {
  return citation
    .split(CITATION_FRAGMENT_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function contactErrors(measures: readonly unknown[]): PresetError[] {
  const errors: PresetError[] = [];
  // name → where first seen and with which phone, so one person has one phone across clauses.
  const people = new Map<string, { phone: unknown; path: string }>();
  const contactsByClause = new Map<number, Set<string>>();
  const entries: { path: string; clause: number; contact: Rec }[] = [];
  measures.forEach((m, i) => {
    if (!isRecord(m) || !isMeasureKind(m.kind) || !Array.isArray(m.contacts)) return;
    const clause = getMeasureMenuItem(m.kind).clause;
    const names = new Set<string>();
    m.contacts.forEach((c, j) => {
      if (!isRecord(c) || typeof c.name !== 'string') return;
      const path = `measures[${i}].contacts[${j}]`;
      names.add(c.name);
      entries.push({ path, clause, contact: c });
      const seen = people.get(c.name);
      if (seen === undefined) people.set(c.name, { phone: c.phone, path });
      else if (seen.phone !== c.phone) errors.push({ path: `${path}.phone`, message: `与 ${seen.path} 中同一联系人 ${c.name} 的电话不一致` });
    });
    contactsByClause.set(clause, names);
  });
  for (const { path, clause, contact } of entries) {
    if (!Array.isArray(contact.clauses)) continue;
    if (!contact.clauses.includes(clause)) {
      errors.push({ path: `${path}.clauses`, message: `应包含本条序号 ${clause}` });
    }
    for (const other of contact.clauses) {
      if (typeof other !== 'number') continue;
      const names = contactsByClause.get(other);
      if (names !== undefined && !names.has(String(contact.name))) {
        errors.push({ path: `${path}.clauses`, message: `列出了第 ${other} 条，但第 ${other} 条的联系人中没有 ${String(contact.name)}` });
      }
    }
  }
  return errors;
}

function correctionErrors(textSource: unknown, measures: readonly unknown[]): PresetError[] {
  if (!isRecord(textSource) || !Array.isArray(textSource.corrections)) return [];
  const errors: PresetError[] = [];
  textSource.corrections.forEach((c, j) => {
    if (!isRecord(c) || typeof c.clause !== 'number' || typeof c.corrected !== 'string') return;
    const measure = measures.find((m) => isRecord(m) && isMeasureKind(m.kind) && getMeasureMenuItem(m.kind).clause === c.clause);
    if (isRecord(measure) && typeof measure.text === 'string' && !measure.text.includes(c.corrected)) {
      errors.push({
        path: childPath(`textSource.corrections[${j}]`, 'corrected'),
        message: `第 ${c.clause} 条原文中未找到更正后的文字“${c.corrected}”`,
      });
    }
  });
  return errors;
}
