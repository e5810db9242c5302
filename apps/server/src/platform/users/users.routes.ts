import { createUserBody, idParam, pageOf, resetPasswordBody, ROLE_LABELS, updateUserBody, userListQuery, userView, versionBody } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { App } from '../../app';
import { actorOf, requireAuth } from '../auth/guard';
import type { AuthUser } from '../auth/sessions';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from '../excel';
import { containsText, paginate } from '../paging';
import { createUser, getUser, resetPassword, setUserStatus, updateUser, USER_COLUMNS, usersInScope, withRoles } from './users.service';

const STATUS_LABEL: Record<string, string> = { active: '正常', disabled: '已停用', pending: '待激活' };

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;
  const filtered = (admin: AuthUser, q: Omit<z.infer<typeof userListQuery>, 'page' | 'pageSize'>) => {
    let base = usersInScope(ctx.db, admin);
    if (q.q) base = base.where((eb) => eb.or([containsText('u.username', q.q!), containsText('u.display_name', q.q!)]));
    if (q.organisationId) base = base.where('u.organisation_id', '=', q.organisationId);
    if (q.status) base = base.where('u.status', '=', q.status);
    if (q.role) base = base.where('u.id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role', '=', q.role!));
    return base;
  };
  const perm = { permission: 'users.manage' as const };

  app.get('/users', {
    config: perm,
    schema: { tags: ['users'], summary: '用户列表', querystring: userListQuery, response: { 200: pageOf(userView) } },
  }, async (request) => {
    const q = request.query;
    const page = await paginate(filtered(requireAuth(request), q), (b) => b.select(USER_COLUMNS).orderBy('u.id'), q.page, q.pageSize);
    return { ...page, items: await withRoles(ctx.db, page.items) };
  });

  app.get('/users/export', {
    config: perm,
    schema: { tags: ['users'], summary: '导出用户（Excel）', querystring: userListQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await withRoles(ctx.db, await filtered(requireAuth(request), request.query).select(USER_COLUMNS).orderBy('u.id').limit(EXPORT_LIMIT).execute());
    const bytes = await writeListWorkbook('用户', [
      { header: '用户名', value: (r) => r.username, width: 20 },
      { header: '姓名', value: (r) => r.displayName, width: 14 },
      { header: '所属机构', value: (r) => r.organisationName, width: 30 },
      { header: '角色', value: (r) => r.roles.map((x) => ROLE_LABELS[x]).join('、'), width: 20 },
      { header: '状态', value: (r) => STATUS_LABEL[r.status] ?? r.status, width: 8 },
      { header: '电话', value: (r) => r.phone, width: 16 },
      { header: '最近登录', kind: 'instant', value: (r) => r.lastLoginAt, width: 22 },
    ], rows);
    return sendXlsx(reply, '用户.xlsx', bytes);
  });

  app.get('/users/:id', {
    config: perm,
    schema: { tags: ['users'], summary: '用户详情', params: idParam, response: { 200: userView } },
  }, async (request) => getUser(ctx, requireAuth(request), request.params.id));

  app.post('/users', {
    config: perm,
    schema: { tags: ['users'], summary: '新建用户', body: createUserBody, response: { 201: userView } },
  }, async (request, reply) => reply.status(201).send(await createUser(ctx, requireAuth(request), actorOf(request), request.body)));

  app.patch('/users/:id', {
    config: perm,
    schema: { tags: ['users'], summary: '修改用户（姓名、电话、角色）', params: idParam, body: updateUserBody, response: { 200: userView } },
  }, async (request) => updateUser(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.post('/users/:id/disable', {
    config: perm,
    schema: { tags: ['users'], summary: '停用用户', params: idParam, body: versionBody, response: { 200: userView } },
  }, async (request) => setUserStatus(ctx, requireAuth(request), actorOf(request), request.params.id, 'disabled', request.body.version));

  app.post('/users/:id/enable', {
    config: perm,
    schema: { tags: ['users'], summary: '启用用户', params: idParam, body: versionBody, response: { 200: userView } },
  }, async (request) => setUserStatus(ctx, requireAuth(request), actorOf(request), request.params.id, 'active', request.body.version));

  app.post('/users/:id/reset-password', {
    config: perm,
    schema: { tags: ['users'], summary: '重置密码（该用户所有登录退出）', params: idParam, body: resetPasswordBody, response: { 200: userView } },
  }, async (request) => resetPassword(ctx, requireAuth(request), actorOf(request), request.params.id, request.body.password));
};
