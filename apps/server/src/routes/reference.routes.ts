import { getMeasure, INDUSTRY_ROWS, INDUSTRY_SECTIONS, isMeasureKind, listCities, listCounties, MEASURE_MENU } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../app';
import { notFound } from '../platform/errors';

const regionNode = z.object({ code: z.string(), name: z.string(), children: z.array(z.object({ code: z.string(), name: z.string() })) });
const contact = z.object({ name: z.string(), organisation: z.string().nullable(), phone: z.string() });

/** Public reference data: regions, industries and the policy's clauses (public policy pages). */
export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  app.get('/regions', {
    config: { public: true },
    schema: { tags: ['reference'], summary: '山东省现行市、县（市、区）', response: { 200: z.array(regionNode) } },
  }, async () => listCities().map((c) => ({ code: c.code, name: c.name, children: listCounties(c.code).map((k) => ({ code: k.code, name: k.name })) })));

  app.get('/industries', {
    config: { public: true },
    schema: {
      tags: ['reference'], summary: '国民经济行业门类与划型行业（工信部联企业〔2011〕300号）',
      response: { 200: z.object({ sections: z.array(z.object({ code: z.string(), name: z.string() })), rows: z.array(z.object({ id: z.string(), name: z.string() })) }) },
    },
  }, async () => ({
    sections: INDUSTRY_SECTIONS.map((s) => ({ code: s.code, name: s.name })),
    rows: INDUSTRY_ROWS.map((r) => ({ id: r.id, name: r.name })),
  }));

  app.get('/policy', {
    config: { public: true },
    schema: {
      tags: ['policy'], summary: '政策文件与十项措施',
      response: { 200: z.object({ number: z.string(), title: z.string(), issuer: z.string(), issuedOn: z.string(), measures: z.array(z.object({ kind: z.string(), clause: z.number(), ordinal: z.string(), title: z.string(), menuTitle: z.string() })) }) },
    },
  }, async () => {
    const p = ctx.preset;
    return {
      number: p.number, title: p.title, issuer: p.issuer, issuedOn: p.issuedOn,
      measures: MEASURE_MENU.map((m) => ({ kind: m.kind, clause: m.clause, ordinal: m.ordinal, title: m.title, menuTitle: m.menuTitle })),
    };
  });

  app.get('/policy/measures/:kind', {
    config: { public: true },
    schema: {
      tags: ['policy'], summary: '某项措施的条款原文与联系人',
      params: z.object({ kind: z.string().max(40) }),
      response: { 200: z.object({ kind: z.string(), clause: z.number(), ordinal: z.string(), title: z.string(), menuTitle: z.string(), text: z.string(), contacts: z.array(contact), policyNumber: z.string() }) },
    },
  }, async (request) => {
    const { kind } = request.params;
    if (!isMeasureKind(kind)) throw notFound('措施');
    const m = getMeasure(ctx.preset, kind);
    return {
      kind, clause: m.clause, ordinal: m.ordinal, title: m.title, menuTitle: m.menuTitle, text: m.text, policyNumber: ctx.preset.number,
      contacts: m.contacts.map((c) => ({ name: c.name, organisation: c.organisation, phone: c.phone })),
    };
  });
};
