import {
  enterpriseDetail,
  enterpriseListQuery,
  enterpriseUpdateBody,
  enterpriseView,
  idParam,
  LIST_KIND_LABELS,
  listEntriesQuery,
  listEntryParams,
  listEntryView,
  type ListKindId,
  officialListQuery,
  officialListView,
  pageOf,
  removeListEntryBody,
} from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../app';
import { actorOf, requireAuth } from '../platform/auth/guard';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from '../platform/excel';
import { schedule } from '../platform/jobs';
import { paginate } from '../platform/paging';
import { getEnterprise, getOwnEnterprise, searchEnterprises, updateEnterprise, withListKinds } from './enterprises.service';
import { createImportRunner } from './import-runner';
import { importRoutes } from './imports.routes';
import { getOfficialList, listEntriesOf, listOfficialLists, removeListEntry } from './lists.service';


/**
 * The enterprise registry: search, detail, profile updates, official lists and their entries,
 * and the Excel imports that fill them (with the background runner that validates and writes).
 */
export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;
  const runner = createImportRunner(ctx);
  let stopSweep: (() => void) | undefined;
  if (ctx.config.jobIntervalSeconds > 0) {
    app.addHook('onReady', async () => {
      stopSweep = schedule(ctx, 'registry.import-sweep', ctx.config.jobIntervalSeconds, () => runner.sweep());
    });
  }
  app.addHook('onClose', async () => {
    stopSweep?.();
    await runner.close();
  });
  await app.register(importRoutes(runner));

  app.get('/enterprises', {
    config: { permission: 'enterprises.read' },
    schema: { tags: ['registry'], summary: '企业库查询：名称或代码、地区（市或县）、名单、规模（限本辖区）', querystring: enterpriseListQuery, response: { 200: pageOf(enterpriseView) } },
  }, async (request) => {
    const { page: p, pageSize, ...filters } = request.query;
    const page = await paginate(searchEnterprises(ctx, requireAuth(request), filters), (b) => b.selectAll('e').orderBy('e.region_code').orderBy('e.id'), p, pageSize);
    return { ...page, items: await withListKinds(ctx, page.items) };
  });

  app.get('/enterprises/export', {
    config: { permission: 'enterprises.read' },
    schema: { tags: ['registry'], summary: '导出企业库查询结果（Excel）', querystring: enterpriseListQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await searchEnterprises(ctx, requireAuth(request), request.query).selectAll('e').orderBy('e.region_code').orderBy('e.id').limit(EXPORT_LIMIT).execute();
    const views = await withListKinds(ctx, rows);
    const bytes = await writeListWorkbook('企业库', [
      { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
      { header: '企业名称', value: (r) => r.name, width: 32 },
      { header: '所在地', value: (r) => r.regionName, width: 18 },
      { header: '区划代码', value: (r) => r.regionCode, width: 10 },
      { header: '行业门类', value: (r) => (r.industrySection ? `${r.industrySection} ${r.industrySectionName ?? ''}` : null), width: 22 },
      { header: '行业代码', value: (r) => r.industryCode, width: 10 },
      { header: '划型行业', value: (r) => r.industryRowName, width: 16 },
      { header: '从业人员（人）', value: (r) => r.employees, width: 12 },
      { header: '营业收入（元）', kind: 'money', value: (r) => r.revenueFen, width: 16 },
      { header: '资产总额（元）', kind: 'money', value: (r) => r.assetsFen, width: 16 },
      { header: '企业规模', value: (r) => r.sizeLabel ?? '未划型', width: 10 },
      { header: '划型依据', value: (r) => r.sizeReason, width: 60 },
      { header: '名单与荣誉（有效）', value: (r) => r.listKinds.map((k: ListKindId) => LIST_KIND_LABELS[k]).join('；'), width: 40 },
    ], views);
    return sendXlsx(reply, '企业库.xlsx', bytes);
  });

  app.get('/enterprises/mine', {
    schema: { tags: ['registry'], summary: '本企业资料（企业用户）', response: { 200: enterpriseDetail } },
  }, async (request) => getOwnEnterprise(ctx, requireAuth(request)));

  app.get('/enterprises/:id', {
    config: { permission: 'enterprises.read' },
    schema: { tags: ['registry'], summary: '企业详情：资料、规模及划型依据、名单与荣誉（含已移出）', params: idParam, response: { 200: enterpriseDetail } },
  }, async (request) => getEnterprise(ctx, requireAuth(request), request.params.id));

  app.patch('/enterprises/:id', {
    schema: { tags: ['registry'], summary: '修改企业资料（本辖区工信部门经办人或本企业管理员；须带版本号）', params: idParam, body: enterpriseUpdateBody, response: { 200: enterpriseDetail } },
  }, async (request) => updateEnterprise(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.get('/lists', {
    config: { permission: 'enterprises.read' },
    schema: { tags: ['registry'], summary: '官方名单（批次、发布单位、有效期、本辖区企业数）', querystring: officialListQuery, response: { 200: pageOf(officialListView) } },
  }, async (request) => listOfficialLists(ctx, requireAuth(request), request.query));

  app.get('/lists/:id', {
    config: { permission: 'enterprises.read' },
    schema: { tags: ['registry'], summary: '名单详情', params: idParam, response: { 200: officialListView } },
  }, async (request) => getOfficialList(ctx, requireAuth(request), request.params.id));

  app.get('/lists/:id/entries', {
    config: { permission: 'enterprises.read' },
    schema: { tags: ['registry'], summary: '名单中的企业（本辖区；含已移出）', params: idParam, querystring: listEntriesQuery, response: { 200: pageOf(listEntryView) } },
  }, async (request) => listEntriesOf(ctx, requireAuth(request), request.params.id, request.query));

  app.post('/lists/:id/entries/:entryId/remove', {
    config: { permission: 'enterprises.import' },
    schema: { tags: ['registry'], summary: '将企业移出名单（须说明理由，省级部门）', params: listEntryParams, body: removeListEntryBody, response: { 200: listEntryView } },
  }, async (request) => removeListEntry(ctx, requireAuth(request), actorOf(request), request.params.id, request.params.entryId, request.body.reason));
};
