import { idParam, pageOf, registrationBody, registrationListQuery, registrationView, rejectBody } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app';
import { actorOf, requireAuth } from '../auth/guard';
import type { AuthUser } from '../auth/sessions';
import { hitRateLimit } from '../auth/rate-limit';
import { tooMany } from '../errors';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from '../excel';
import { containsText, paginate } from '../paging';
import { activateRegistration, registrationsInScope, rejectRegistration, submitRegistration, toRegistrationView } from './registrations.service';

export const registrationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;
  // The list and its export answer the same filters.
  const filtered = (user: AuthUser, q: { status?: string | undefined; q?: string | undefined }) => {
    let base = registrationsInScope(ctx, user);
    if (q.status) base = base.where('status', '=', q.status);
    if (q.q) base = base.where((eb) => eb.or([containsText('name', q.q!), containsText('uscc', q.q!)]));
    return base;
  };

  app.post('/registrations', {
    config: { public: true },
    schema: { tags: ['registrations'], summary: '企业自助注册（待县、市工信部门激活）', body: registrationBody, response: { 201: registrationView } },
  }, async (request, reply) => {
    const limit = await hitRateLimit(ctx, `register-ip:${request.ip}`, 20, 3600);
    if (!limit.allowed) throw tooMany('注册提交过于频繁，请稍后再试');
    const actor = { ...actorOf(request), username: `注册:${request.body.username}` };
    return reply.status(201).send(await submitRegistration(ctx, actor, request.body));
  });

  app.get('/registrations', {
    config: { permission: 'registrations.review' },
    schema: { tags: ['registrations'], summary: '企业注册申请列表（本辖区）', querystring: registrationListQuery, response: { 200: pageOf(registrationView) } },
  }, async (request) => {
    const q = request.query;
    const base = filtered(requireAuth(request), q);
    const page = await paginate(base, (b) => b.selectAll().orderBy('id', 'desc'), q.page, q.pageSize);
    return { ...page, items: page.items.map(toRegistrationView) };
  });

  app.get('/registrations/export', {
    config: { permission: 'registrations.review' },
    schema: { tags: ['registrations'], summary: '导出企业注册申请（Excel）', querystring: registrationListQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const q = request.query;
    const base = filtered(requireAuth(request), q);
    const rows = (await base.selectAll().orderBy('id', 'desc').limit(EXPORT_LIMIT).execute()).map(toRegistrationView);
    const STATUS: Record<string, string> = { pending: '待激活', activated: '已激活', rejected: '已驳回' };
    const bytes = await writeListWorkbook('企业注册申请', [
      { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
      { header: '企业名称', value: (r) => r.name, width: 30 },
      { header: '所在地', value: (r) => r.regionName, width: 18 },
      { header: '联系人', value: (r) => r.contactName, width: 10 },
      { header: '联系电话', value: (r) => r.contactPhone, width: 16 },
      { header: '用户名', value: (r) => r.username, width: 16 },
      { header: '状态', value: (r) => STATUS[r.status] ?? r.status, width: 8 },
      { header: '驳回理由', value: (r) => r.rejectReason, width: 30 },
      { header: '提交时间', kind: 'instant', value: (r) => r.createdAt, width: 22 },
    ], rows);
    return sendXlsx(reply, '企业注册申请.xlsx', bytes);
  });

  app.post('/registrations/:id/activate', {
    config: { permission: 'registrations.review' },
    schema: { tags: ['registrations'], summary: '激活企业账户', params: idParam, response: { 200: registrationView } },
  }, async (request) => activateRegistration(ctx, requireAuth(request), actorOf(request), request.params.id));

  app.post('/registrations/:id/reject', {
    config: { permission: 'registrations.review' },
    schema: { tags: ['registrations'], summary: '驳回注册申请（须说明理由）', params: idParam, body: rejectBody, response: { 200: registrationView } },
  }, async (request) => rejectRegistration(ctx, requireAuth(request), actorOf(request), request.params.id, request.body.reason));
};
