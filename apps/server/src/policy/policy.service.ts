import { type MeasureKind, type PresetOverride, resolveEpidemicPeriod, shanghaiDateOf, snapshotParameters, validateOverride } from '@relief/domain';
import { type Expression, type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { prepared } from '../db/prepared';
import type { Database } from '../db/schema';
import type { Actor } from '../platform/audit';
import type { AuthUser } from '../platform/auth/sessions';
import { type AppContext, inTransaction } from '../platform/context';
import { badRequest } from '../platform/errors';

/**
 * The overrides of the running preset as last read, and what was resolved from them. Every
 * application resolves its measure's parameters: re-reading and re-resolving them each time cost
 * more than the rest of the request's reads together, yet they change a few times a year.
 */
interface OverrideState {
  /** Count and newest id: overrides are only ever added, so these change exactly when they do. */
  fingerprint: string;
  overrides: PresetOverride[];
  resolved: Map<string, unknown>;
}

// Keyed by the database, so that every instance (and every test app) checks its own.
const states = new WeakMap<object, OverrideState>();
const RESOLVED_LIMIT = 1000;

/**
 * The fingerprint of a preset's overrides, count and newest id, as a column: read on its own, or
 * by a statement that reads other things anyway (an application's facts, measures/applicant-facts.ts).
 */
export function overridesFingerprint(eb: ExpressionBuilder<Database, never>, presetId: Expression<string>) {
  return eb.selectFrom('preset_override as po')
    .select(sql<string>`count(*) || ':' || coalesce(max(${sql.ref('po.id')}), 0)`.as('fingerprint'))
    .where('po.preset_id', '=', presetId)
    .as('policy_fingerprint');
}
const overrideFingerprint = prepared((db: Kysely<Database>) => db.selectNoFrom((eb) => [overridesFingerprint(eb, eb.val(''))]));

/** @param fingerprint the overrides' fingerprint when the caller has just read it (see overridesFingerprint) */
async function overrideState(ctx: AppContext, fingerprint?: string | null): Promise<OverrideState> {
  // A cheap read on every call: another instance (PostgreSQL) may have added an override.
  fingerprint ??= (await overrideFingerprint(ctx.db, [ctx.preset.id]))[0]?.policy_fingerprint ?? '0:0';
  const known = states.get(ctx.db);
  if (known?.fingerprint === fingerprint) return known;
  const rows = await ctx.db.selectFrom('preset_override').selectAll().where('preset_id', '=', ctx.preset.id).orderBy('id').execute();
  const state: OverrideState = {
    fingerprint,
    overrides: rows.map((r) => (r.measure === null
      ? { target: 'epidemicPeriodEnd' as const, value: JSON.parse(r.value_json) as string | null, effectiveFrom: r.effective_from, reason: r.reason }
      : { measure: r.measure as MeasureKind, key: r.key, value: JSON.parse(r.value_json) as unknown, effectiveFrom: r.effective_from, reason: r.reason })),
    resolved: new Map(),
  };
  states.set(ctx.db, state);
  return state;
}

/** Resolves once per overrides state and key; the result is shared, so it is frozen. */
function remembered<T>(state: OverrideState, key: string, resolve: () => T): T {
  if (state.resolved.has(key)) return state.resolved.get(key) as T;
  const value = deepFreeze(resolve());
  if (state.resolved.size >= RESOLVED_LIMIT) state.resolved.clear();
  state.resolved.set(key, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Every override of the running preset, oldest first (the order `resolveParameter` expects). */
export async function loadOverrides(ctx: AppContext): Promise<readonly PresetOverride[]> {
  return (await overrideState(ctx)).overrides;
}

/**
 * The parameters of a measure as decided on `onDate` (default: today in Asia/Shanghai). A case
 * stores this snapshot at creation, so later changes never reach cases already decided.
 */
export async function parametersFor<K extends MeasureKind>(ctx: AppContext, measure: K, onDate = shanghaiDateOf(ctx.clock.now())) {
  const state = await overrideState(ctx);
  return remembered(state, `params:${measure}:${onDate}`, () => snapshotParameters(ctx.preset, state.overrides, measure, onDate));
}

/** The epidemic period in force on a date. */
export async function epidemicPeriodOn(ctx: AppContext, onDate = shanghaiDateOf(ctx.clock.now())) {
  const state = await overrideState(ctx);
  return remembered(state, `period:${onDate}`, () => resolveEpidemicPeriod(ctx.preset, state.overrides, onDate));
}

/**
 * A measure's parameters as decided on `paramsOn` and the epidemic period in force on `periodOn`
 * (default the same date), from one read of the overrides.
 */
export async function policyFor<K extends MeasureKind>(ctx: AppContext, measure: K, paramsOn: string, periodOn = paramsOn, fingerprint?: string | null) {
  const state = await overrideState(ctx, fingerprint);
  return {
    params: remembered(state, `params:${measure}:${paramsOn}`, () => snapshotParameters(ctx.preset, state.overrides, measure, paramsOn)),
    period: remembered(state, `period:${periodOn}`, () => resolveEpidemicPeriod(ctx.preset, state.overrides, periodOn)),
  };
}

/**
 * Records a parameter change or the end of the epidemic period with its effective date (not in
 * the past: decided cases keep their values). Audited.
 */
export async function addOverride(ctx: AppContext, user: AuthUser, actor: Actor, input: unknown): Promise<PresetOverride> {
  const today = shanghaiDateOf(ctx.clock.now());
  const result = validateOverride(ctx.preset, input, { today });
  if (!result.ok) throw badRequest(`参数调整无效：${result.errors.map((e) => `${e.path}：${e.message}`).join('；')}`, result.errors, 'VALIDATION_FAILED');
  const o = result.override;
  await inTransaction(ctx, actor, async (tx) => {
    const isPeriod = 'target' in o;
    const { id } = await tx.db.insertInto('preset_override').values({
      preset_id: ctx.preset.id, measure: isPeriod ? null : o.measure, key: isPeriod ? 'epidemicPeriodEnd' : o.key,
      value_json: JSON.stringify(o.value), effective_from: o.effectiveFrom, reason: o.reason, created_by: user.id, created_at: tx.now.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    await tx.audit({ action: 'policy.override_added', entityType: 'preset_override', entityId: id, after: o });
  });
  return o;
}
