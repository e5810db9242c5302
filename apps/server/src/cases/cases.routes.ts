import { caseDetail, caseListQuery, caseSummary, dataScope, holdBody, idParam, inboxView, notificationListQuery, notificationView, okBody, pageOf, shanghaiDateOf, transitionBody } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../app';
import { actorOf, requireAuth } from '../platform/auth/guard';
import { containsText, paginate } from '../platform/paging';
import { getCalendar } from './calendar.service';
import { detailOf, summarise } from './case-views';
import { getCaseForUser, setHold, transition } from './engine';

const INBOX_LIMIT = 500;

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  app.get('/inbox', {
    schema: { tags: ['cases'], summary: '待办：等待本机构、本角色办理的事项（按期限排序），以及督办事项', response: { 200: inboxView } },
  }, async (request) => {
    const user = requireAuth(request);
    const orgId = user.organisation.id;
    const rows = await ctx.db.selectFrom('workflow_case').selectAll()
      .where('closed_at', 'is', null)
      .where((eb) => eb.or([
        eb.and([
          eb('holder_org_id', '=', orgId),
          eb.or([eb('holder_roles', 'is', null), ...user.roles.map((r) => containsText('holder_roles', r))]),
          // A joint holder that has signed waits for the others; the case leaves its inbox.
          eb.not(eb.exists(eb.selectFrom('case_holder').select('case_id').whereRef('case_holder.case_id', '=', 'workflow_case.id').where('case_holder.org_id', '=', orgId).where('case_holder.signed_at', 'is not', null))),
        ]),
        eb('escalated_to_org_id', '=', orgId),
        eb('id', 'in', (sub) => sub.selectFrom('case_holder').select('case_id').where('org_id', '=', orgId).where('signed_at', 'is', null)),
      ]))
      // Green-channel cases first, then by deadline.
      .orderBy('priority', 'desc')
      // Cases without a deadline sort last on both dialects (NULL ordering differs between them).
      .orderBy((eb) => eb.case().when('due_at', 'is', null).then(1).else(0).end())
      .orderBy('due_at').orderBy('id').limit(INBOX_LIMIT).execute();
    const now = ctx.clock.now();
    return { items: await summarise(ctx.db, await getCalendar(ctx), now, orgId, rows), total: rows.length, today: shanghaiDateOf(now) };
  });

  app.get('/cases', {
    schema: { tags: ['cases'], summary: '事项列表（本机构可见范围）', querystring: caseListQuery, response: { 200: pageOf(caseSummary) } },
  }, async (request) => {
    const user = requireAuth(request);
    const q = request.query;
    const scope = dataScope(user);
    let base = ctx.db.selectFrom('workflow_case as c').innerJoin('organisation as o', 'o.id', 'c.owner_org_id');
    if (!scope.provinceWide) {
      base = base.where((eb) => eb.or([
        eb('o.path', 'like', `${scope.pathPrefix}%`),
        eb('c.holder_org_id', '=', user.organisation.id),
        eb('c.escalated_to_org_id', '=', user.organisation.id),
        ...(scope.regionPrefix ? [eb('c.region_code', 'like', `${scope.regionPrefix}%`)] : []),
      ]));
    }
    if (q.measure) base = base.where('c.measure', '=', q.measure);
    if (q.state) base = base.where('c.state', '=', q.state);
    if (q.q) base = base.where(containsText('c.title', q.q));
    if (q.overdue === 'true') base = base.where('c.overdue_since', 'is not', null).where('c.closed_at', 'is', null);
    const page = await paginate(base, (b) => b.selectAll('c').orderBy('c.id', 'desc'), q.page, q.pageSize);
    return { ...page, items: await summarise(ctx.db, await getCalendar(ctx), ctx.clock.now(), user.organisation.id, page.items) };
  });

  app.get('/cases/:id', {
    schema: { tags: ['cases'], summary: '事项详情：数据、时间线、期限与当前可执行的操作', params: idParam, response: { 200: caseDetail } },
  }, async (request) => {
    const user = requireAuth(request);
    const c = await getCaseForUser(ctx, user, request.params.id);
    return detailOf(ctx.db, await getCalendar(ctx), ctx.clock.now(), user, c);
  });

  app.post('/cases/:id/actions/:action', {
    schema: {
      tags: ['cases'], summary: '执行操作（提交、受理、通过、退回修改、不予通过等），带版本号防止并发覆盖',
      params: idParam.extend({ action: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, '操作名称无效') }),
      body: transitionBody, response: { 200: caseDetail },
    },
  }, async (request) => {
    const user = requireAuth(request);
    const c = await transition(ctx, user, actorOf(request), request.params.id, request.params.action, request.body);
    return detailOf(ctx.db, await getCalendar(ctx), ctx.clock.now(), user, c);
  });

  app.post('/cases/:id/hold', {
    schema: { tags: ['cases'], summary: '挂起事项（须说明理由；只影响本事项）', params: idParam, body: holdBody, response: { 200: caseDetail } },
  }, async (request) => {
    const user = requireAuth(request);
    const c = await setHold(ctx, user, actorOf(request), request.params.id, true, request.body);
    return detailOf(ctx.db, await getCalendar(ctx), ctx.clock.now(), user, c);
  });

  app.post('/cases/:id/release', {
    schema: { tags: ['cases'], summary: '解除挂起', params: idParam, body: holdBody, response: { 200: caseDetail } },
  }, async (request) => {
    const user = requireAuth(request);
    const c = await setHold(ctx, user, actorOf(request), request.params.id, false, request.body);
    return detailOf(ctx.db, await getCalendar(ctx), ctx.clock.now(), user, c);
  });

  app.get('/notifications', {
    schema: { tags: ['notifications'], summary: '我的消息', querystring: notificationListQuery, response: { 200: pageOf(notificationView).extend({ unread: z.number().int() }) } },
  }, async (request) => {
    const user = requireAuth(request);
    const q = request.query;
    let base = ctx.db.selectFrom('notification').where('user_id', '=', user.id);
    if (q.unread === 'true') base = base.where('read_at', 'is', null);
    const [page, unread] = await Promise.all([
      paginate(base, (b) => b.selectAll().orderBy('id', 'desc'), q.page, q.pageSize),
      ctx.db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).where('read_at', 'is', null).executeTakeFirstOrThrow(),
    ]);
    return {
      ...page,
      unread: Number(unread.n),
      items: page.items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, caseId: n.case_id, link: n.link, createdAt: n.created_at, readAt: n.read_at })),
    };
  });

  app.post('/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: '标为已读', params: idParam, response: { 200: okBody } },
  }, async (request) => {
    const user = requireAuth(request);
    await ctx.db.updateTable('notification').set({ read_at: ctx.clock.now().toISOString() }).where('id', '=', request.params.id).where('user_id', '=', user.id).where('read_at', 'is', null).execute();
    return { ok: true as const };
  });

  app.post('/notifications/read-all', {
    schema: { tags: ['notifications'], summary: '全部标为已读', response: { 200: okBody } },
  }, async (request) => {
    const user = requireAuth(request);
    await ctx.db.updateTable('notification').set({ read_at: ctx.clock.now().toISOString() }).where('user_id', '=', user.id).where('read_at', 'is', null).execute();
    return { ok: true as const };
  });
};
