import { createOrganisationBody, dataScope, idParam, ORG_KIND_LABELS, organisationNode, organisationSummary, type OrgKind, pageOf, pageQuery } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, requireAuth } from '../auth/guard';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from '../excel';
import { containsText, paginate } from '../paging';
import { organisationsInScope } from './organisations.repository';
import { createOrganisation, getOrganisationInScope, organisationTree } from './organisations.service';

const orgView = organisationSummary.extend({ parentId: z.number().int().nullable(), status: z.string() });
const listQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: z.string().max(32).optional(),
  parentId: z.coerce.number().int().positive().optional(),
});

const toView = (o: { id: number; name: string; kind: string; code: string | null; region_code: string | null; path: string; parent_id: number | null; status: string }) => ({
  id: o.id, name: o.name, kind: o.kind as OrgKind, code: o.code, regionCode: o.region_code, path: o.path, parentId: o.parent_id, status: o.status,
});

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  app.get('/organisations/tree', {
    config: { permission: 'organisations.read' },
    schema: {
      tags: ['organisations'], summary: '组织机构树（限于本机构管辖范围）',
      querystring: z.object({ includeEnterprises: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(organisationNode) },
    },
  }, async (request) => organisationTree(ctx, requireAuth(request), request.query.includeEnterprises === 'true'));

  const filtered = (user: ReturnType<typeof requireAuth>, q: z.infer<typeof listQuery>) => {
    let base = organisationsInScope(ctx.db, dataScope(user));
    if (q.q) base = base.where((eb) => eb.or([containsText('name', q.q!), containsText('code', q.q!)]));
    if (q.kind) base = base.where('kind', '=', q.kind);
    if (q.parentId) base = base.where('parent_id', '=', q.parentId);
    return base;
  };

  app.get('/organisations', {
    config: { permission: 'organisations.read' },
    schema: { tags: ['organisations'], summary: '机构列表', querystring: listQuery, response: { 200: pageOf(orgView) } },
  }, async (request) => {
    const q = request.query;
    const page = await paginate(filtered(requireAuth(request), q), (b) => b.selectAll().orderBy('path'), q.page, q.pageSize);
    return { ...page, items: page.items.map(toView) };
  });

  app.get('/organisations/export', {
    config: { permission: 'organisations.read' },
    schema: { tags: ['organisations'], summary: '导出机构列表（Excel）', querystring: listQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await filtered(requireAuth(request), { ...request.query, page: 1, pageSize: 1 }).selectAll().orderBy('path').limit(EXPORT_LIMIT).execute();
    const bytes = await writeListWorkbook('组织机构', [
      { header: '编号', value: (r) => r.id, width: 8 },
      { header: '名称', value: (r) => r.name, width: 30 },
      { header: '类型', value: (r) => ORG_KIND_LABELS[r.kind as OrgKind] ?? r.kind, width: 16 },
      { header: '代码', value: (r) => r.code, width: 22 },
      { header: '所在地区划代码', value: (r) => r.region_code, width: 14 },
      { header: '上级编号', value: (r) => r.parent_id, width: 10 },
      { header: '状态', value: (r) => (r.status === 'active' ? '正常' : '停用'), width: 8 },
    ], rows);
    return sendXlsx(reply, '组织机构.xlsx', bytes);
  });

  app.get('/organisations/:id', {
    config: { permission: 'organisations.read' },
    schema: { tags: ['organisations'], summary: '机构详情', params: idParam, response: { 200: orgView } },
  }, async (request) => toView(await getOrganisationInScope(ctx, requireAuth(request), request.params.id)));

  app.post('/organisations', {
    config: { permission: 'organisations.manage' },
    schema: { tags: ['organisations'], summary: '新增下级机构', body: createOrganisationBody, response: { 201: orgView } },
  }, async (request, reply) => {
    const org = await createOrganisation(ctx, requireAuth(request), actorOf(request), request.body);
    return reply.status(201).send(toView(org));
  });
};
