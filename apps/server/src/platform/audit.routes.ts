import { auditQuery, auditView, dataScope, pageOf } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { App } from '../app';
import { chainPosition } from './audit';
import { requireAuth } from './auth/guard';
import type { AuthUser } from './auth/sessions';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from './excel';
import { paginate } from './paging';

type Filters = Omit<z.infer<typeof auditQuery>, 'page' | 'pageSize'>;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  // Province administrators see every event; others see the events of their own subtree.
  const filtered = (user: AuthUser, q: Filters) => {
    const scope = dataScope(user);
    let base = ctx.db.selectFrom('audit_event as a').leftJoin('organisation as o', 'o.id', 'a.organisation_id');
    if (!scope.provinceWide) base = base.where('o.path', 'like', `${scope.pathPrefix}%`);
    if (q.actor) base = base.where('a.actor_username', '=', q.actor);
    if (q.entityType) base = base.where('a.entity_type', '=', q.entityType);
    if (q.entityId) base = base.where('a.entity_id', '=', q.entityId);
    if (q.action) base = base.where('a.action', '=', q.action);
    if (q.from) base = base.where('a.at', '>=', new Date(q.from).toISOString());
    if (q.to) base = base.where('a.at', '<=', new Date(q.to).toISOString());
    return base;
  };
  const columns = ['a.seq', 'a.chain', 'a.chain_seq', 'a.at', 'a.actor_username', 'a.organisation_id', 'o.name as organisation_name', 'a.action', 'a.entity_type', 'a.entity_id', 'a.before_json', 'a.after_json', 'a.request_id', 'a.hash'] as const;
  const parse = (s: string | null) => (s === null ? null : JSON.parse(s) as unknown);

  app.get('/audit', {
    config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: '审计日志查询', querystring: auditQuery, response: { 200: pageOf(auditView) } },
  }, async (request) => {
    const q = request.query;
    const page = await paginate(filtered(requireAuth(request), q), (b) => b.select(columns).orderBy('a.seq', 'desc'), q.page, q.pageSize);
    return {
      ...page,
      items: page.items.map((r) => ({
        seq: r.seq, chain: r.chain, chainPosition: chainPosition(r), at: r.at, actorUsername: r.actor_username, organisationId: r.organisation_id, organisationName: r.organisation_name,
        action: r.action, entityType: r.entity_type, entityId: r.entity_id, before: parse(r.before_json), after: parse(r.after_json),
        requestId: r.request_id, hash: r.hash,
      })),
    };
  });

  app.get('/audit/export', {
    config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: '导出审计日志（Excel）', querystring: auditQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await filtered(requireAuth(request), request.query).select(columns).orderBy('a.seq', 'desc').limit(EXPORT_LIMIT).execute();
    const bytes = await writeListWorkbook('审计日志', [
      { header: '序号', value: (r) => r.seq, width: 8 },
      { header: '时间（UTC）', value: (r) => r.at, width: 26 },
      { header: '操作人', value: (r) => r.actor_username, width: 16 },
      { header: '所属机构', value: (r) => r.organisation_name, width: 24 },
      { header: '操作', value: (r) => r.action, width: 24 },
      { header: '对象类型', value: (r) => r.entity_type, width: 14 },
      { header: '对象编号', value: (r) => r.entity_id, width: 10 },
      { header: '变更前', value: (r) => r.before_json, width: 40 },
      { header: '变更后', value: (r) => r.after_json, width: 40 },
      { header: '请求编号', value: (r) => r.request_id, width: 38 },
      { header: '哈希链', value: (r) => r.chain, width: 8 },
      { header: '链内位置', value: (r) => chainPosition(r), width: 10 },
      { header: '哈希', value: (r) => r.hash, width: 66 },
    ], rows);
    return sendXlsx(reply, '审计日志.xlsx', bytes);
  });
};
