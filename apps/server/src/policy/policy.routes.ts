import { MEASURE_MENU, type PresetOverride } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../app';
import { actorOf, requireAuth } from '../platform/auth/guard';
import { addOverride, epidemicPeriodOn, loadOverrides } from './policy.service';

const overrideView = z.object({
  measure: z.string().nullable(),
  key: z.string(),
  value: z.unknown(),
  effectiveFrom: z.string(),
  reason: z.string(),
});

/** An override as the API shows it: the epidemic-period end is the override without a measure. */
function viewOf(o: PresetOverride) {
  return 'target' in o
    ? { measure: null, key: 'epidemicPeriodEnd', value: o.value, effectiveFrom: o.effectiveFrom, reason: o.reason }
    : { measure: o.measure, key: o.key, value: o.value, effectiveFrom: o.effectiveFrom, reason: o.reason };
}

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  app.get('/policy/preset', {
    schema: { tags: ['policy'], summary: '政策预设全文：逐条条款、参数（含来源）、联系人，以及当前生效的调整', response: { 200: z.object({ preset: z.unknown(), overrides: z.array(overrideView), epidemicPeriod: z.object({ start: z.string(), end: z.string().nullable() }) }) } },
  }, async (request) => {
    requireAuth(request);
    const overrides = await loadOverrides(ctx);
    const period = await epidemicPeriodOn(ctx);
    return {
      preset: { ...ctx.preset, menu: MEASURE_MENU },
      overrides: overrides.map(viewOf),
      epidemicPeriod: { start: period.start, end: period.end },
    };
  });

  app.post('/policy/overrides', {
    config: { permission: 'policy.manage' },
    schema: {
      tags: ['policy'], summary: '调整参数或设定疫情防控期结束日（自生效日起适用，已办事项沿用原值）',
      body: z.union([
        z.object({ measure: z.string().max(40), key: z.string().max(80), value: z.unknown(), effectiveFrom: z.string().max(10), reason: z.string().trim().min(1, '请填写调整理由').max(500) }),
        z.object({ target: z.literal('epidemicPeriodEnd'), value: z.string().max(10).nullable(), effectiveFrom: z.string().max(10), reason: z.string().trim().min(1, '请填写调整理由').max(500) }),
      ]),
      response: { 201: overrideView },
    },
  }, async (request, reply) => {
    const o = await addOverride(ctx, requireAuth(request), actorOf(request), request.body);
    return reply.status(201).send(viewOf(o));
  });
};
