import { type MeasureKind, type PresetOverride, resolveEpidemicPeriod, shanghaiDateOf, snapshotParameters, validateOverride } from '@relief/domain';
import type { Actor } from '../platform/audit';
import type { AuthUser } from '../platform/auth/sessions';
import { type AppContext, inTransaction } from '../platform/context';
import { badRequest } from '../platform/errors';

/** Every override of the running preset, oldest first (the order `resolveParameter` expects). */
export async function loadOverrides(ctx: AppContext): Promise<PresetOverride[]> {
  const rows = await ctx.db.selectFrom('preset_override').selectAll().where('preset_id', '=', ctx.preset.id).orderBy('id').execute();
  return rows.map((r) => (r.measure === null
    ? { target: 'epidemicPeriodEnd' as const, value: JSON.parse(r.value_json) as string | null, effectiveFrom: r.effective_from, reason: r.reason }
    : { measure: r.measure as MeasureKind, key: r.key, value: JSON.parse(r.value_json) as unknown, effectiveFrom: r.effective_from, reason: r.reason }));
}

/**
 * The parameters of a measure as decided on `onDate` (default: today in Asia/Shanghai). A case
 * stores this snapshot at creation, so later changes never reach cases already decided.
 */
export async function parametersFor<K extends MeasureKind>(ctx: AppContext, measure: K, onDate = shanghaiDateOf(ctx.clock.now())) {
  return snapshotParameters(ctx.preset, await loadOverrides(ctx), measure, onDate);
}

/** The epidemic period in force on a date. */
export async function epidemicPeriodOn(ctx: AppContext, onDate = shanghaiDateOf(ctx.clock.now())) {
  return resolveEpidemicPeriod(ctx.preset, await loadOverrides(ctx), onDate);
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
