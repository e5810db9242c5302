import {
  idParam, interestSubsidyApplicationDetail, interestSubsidyApplicationInput, interestSubsidyDashboard, interestSubsidyListQuery, interestSubsidyNoticeInput,
  interestSubsidyNoticeView, interestSubsidyObjectionAnswer, interestSubsidyObjectionInput, interestSubsidyObjectionView, interestSubsidyPreviewInput,
  interestSubsidyPreviewView, interestSubsidyReportDetail, interestSubsidyReportingStatus, interestSubsidyReportView, interestSubsidyRevisionInput,
  interestSubsidyWorkflow, pageOf, pageQuery, regionName, versionBody,
} from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { caseEvents } from '../../cases/engine';
import { actorOf, requireAuth } from '../../platform/auth/guard';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from '../../platform/excel';
import { notFound } from '../../platform/errors';
import { writeApplicationSheet, writeSummarySheet } from './interest-subsidy.excel';
import * as svc from './interest-subsidy.service';

const TAGS = ['interest-subsidy'];

const LEVEL_OF_ACTION: Record<string, string> = {
  'county-sign': '县级', 'county-return': '县级', 'county-reject': '县级', 'city-sign': '市级', 'city-return': '市级', 'city-reject': '市级',
  'objection-uphold': '省级', pay: '省级', publish: '省级',
};

/** 贷款贴息 (鲁工信发〔2020〕1号 第五条) under /api/interest-subsidy. Routes do HTTP only. */
export const interestSubsidyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  app.post('/interest-subsidy/preview', {
    config: { permission: 'interest-subsidy.apply' },
    schema: { tags: TAGS, summary: '试算：逐份合同核对条件并计算贴息金额（不保存）', body: interestSubsidyPreviewInput, response: { 200: interestSubsidyPreviewView } },
  }, async (request) => svc.previewApplication(ctx, requireAuth(request), request.body.contracts));

  app.post('/interest-subsidy/applications', {
    config: { permission: 'interest-subsidy.apply' },
    schema: {
      tags: TAGS, summary: '企业提交贴息申请（重点保障企业名单内；同一幂等键重复提交返回首次结果）', body: interestSubsidyApplicationInput,
      response: { 200: interestSubsidyApplicationDetail, 201: interestSubsidyApplicationDetail },
    },
  }, async (request, reply) => {
    const r = await svc.applyForSubsidy(ctx, requireAuth(request), actorOf(request), request.body);
    return reply.code(r.created ? 201 : 200).send(r.application);
  });

  app.post('/interest-subsidy/applications/:id/revise', {
    config: { permission: 'interest-subsidy.apply' },
    schema: { tags: TAGS, summary: '修改退回的申请并重新提交', params: idParam, body: interestSubsidyRevisionInput, response: { 200: interestSubsidyApplicationDetail } },
  }, async (request) => svc.reviseApplication(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.get('/interest-subsidy/applications', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '贴息申请列表（企业只见本企业，市、县只见本地区）', querystring: interestSubsidyListQuery, response: { 200: pageOf(interestSubsidyApplicationDetail.omit({ contracts: true })) } },
  }, async (request) => svc.listApplications(ctx, requireAuth(request), request.query));

  app.get('/interest-subsidy/applications/export', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '导出贴息申请列表（Excel）', querystring: interestSubsidyListQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await svc.allApplications(ctx, requireAuth(request), request.query, EXPORT_LIMIT);
    const bytes = await writeListWorkbook('贴息申请', [
      { header: '申请编号', value: (r) => r.id, width: 10 },
      { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
      { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
      { header: '所在地区', value: (r) => regionName(r.regionCode) ?? r.regionCode, width: 18 },
      { header: '合同份数', value: (r) => r.contractCount },
      { header: '贷款金额（元）', kind: 'money', value: (r) => r.principalFen, width: 16 },
      { header: '贴息金额（元）', kind: 'money', value: (r) => r.subsidyFen, width: 16 },
      { header: '状态', value: (r) => r.stateLabel, width: 14 },
      { header: '提交时间', kind: 'instant', value: (r) => r.submittedAt, width: 22 },
      { header: '拨付时间', kind: 'instant', value: (r) => r.paidAt, width: 22 },
    ], rows, '贷款贴息申请');
    return sendXlsx(reply, '贷款贴息申请.xlsx', bytes);
  });

  app.get('/interest-subsidy/applications/:id', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '贴息申请详情（合同与贴息金额）', params: idParam, response: { 200: interestSubsidyApplicationDetail } },
  }, async (request) => svc.getApplication(ctx, requireAuth(request), request.params.id));

  app.get('/interest-subsidy/applications/:id/form', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '下载贴息申请表（固定格式 Excel）', params: idParam },
  }, async (request, reply) => {
    const a = await svc.getApplication(ctx, requireAuth(request), request.params.id);
    const events = await caseEvents(ctx.db, a.caseId);
    const orgIds = [...new Set(events.map((e) => e.actor_org_id).filter((x): x is number => x !== null))];
    const orgs = orgIds.length ? await ctx.db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
    const opinions = events.filter((e) => LEVEL_OF_ACTION[e.action]).map((e) => ({
      level: LEVEL_OF_ACTION[e.action]!, orgName: orgs.find((o) => o.id === e.actor_org_id)?.name ?? '', action: interestSubsidyWorkflow.actions[e.action]?.label ?? e.action, at: e.at, comment: e.comment,
    }));
    const bytes = await writeApplicationSheet({ ...a, opinions });
    return sendXlsx(reply, `贴息申请表-${a.enterpriseName}-${a.id}.xlsx`, bytes);
  });

  app.get('/interest-subsidy/reports', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '各市汇总表（市只见本市，省级见全部）', querystring: pageQuery, response: { 200: pageOf(interestSubsidyReportView) } },
  }, async (request) => svc.listReports(ctx, requireAuth(request), request.query));

  app.post('/interest-subsidy/reports', {
    config: { permission: 'interest-subsidy.review' },
    schema: { tags: TAGS, summary: '市工信部门从审核通过的申请生成（或刷新）本市汇总表', response: { 200: interestSubsidyReportDetail } },
  }, async (request) => svc.generateReport(ctx, requireAuth(request), actorOf(request)));

  app.get('/interest-subsidy/reports/status', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '省级：16市汇总表报送情况（已报、未报、逾期）', response: { 200: interestSubsidyReportingStatus } },
  }, async (request) => {
    const user = requireAuth(request);
    if (!['province', 'department'].includes(user.organisation.kind)) throw notFound('报送情况');
    return svc.reportingStatus(ctx);
  });

  app.get('/interest-subsidy/reports/:id', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '汇总表详情', params: idParam, response: { 200: interestSubsidyReportDetail } },
  }, async (request) => svc.getReport(ctx, requireAuth(request), request.params.id));

  app.post('/interest-subsidy/reports/:id/submit', {
    config: { permission: 'interest-subsidy.review' },
    schema: { tags: TAGS, summary: '市工信、市财政会签上报汇总表（双方签后报省工信厅、省财政厅）', params: idParam, body: versionBody, response: { 200: interestSubsidyReportDetail } },
  }, async (request) => svc.signReport(ctx, requireAuth(request), actorOf(request), request.params.id, request.body.version));

  app.get('/interest-subsidy/reports/:id/export', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '下载汇总表（固定格式 Excel）', params: idParam },
  }, async (request, reply) => {
    const r = await svc.getReport(ctx, requireAuth(request), request.params.id);
    const bytes = await writeSummarySheet({ cityName: r.cityName, deadline: r.deadline, submittedAt: r.submittedAt, stateLabel: r.stateLabel, items: r.items });
    return sendXlsx(reply, `${r.cityName}贷款贴息汇总表.xlsx`, bytes);
  });

  app.get('/interest-subsidy/notices', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '公示批次', response: { 200: z.object({ items: z.array(interestSubsidyNoticeView) }) } },
  }, async () => ({ items: await svc.listNotices(ctx) }));

  app.post('/interest-subsidy/notices', {
    config: { permission: 'interest-subsidy.review' },
    schema: { tags: TAGS, summary: '省工信厅发布公示（各市已接收汇总表中的申请）', body: interestSubsidyNoticeInput, response: { 200: interestSubsidyNoticeView } },
  }, async (request) => svc.publishNotice(ctx, requireAuth(request), actorOf(request), request.body));

  app.get('/interest-subsidy/notices/:id', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '公示详情（名单）', params: idParam, response: { 200: interestSubsidyNoticeView.extend({ items: z.array(interestSubsidyApplicationDetail.omit({ contracts: true })) }) } },
  }, async (request) => {
    return svc.noticeDetail(ctx, requireAuth(request), request.params.id);
  });

  app.get('/interest-subsidy/notices/:id/objections', {
    config: { permission: 'interest-subsidy.review' },
    schema: { tags: TAGS, summary: '公示期异议及答复', params: idParam, response: { 200: z.object({ items: z.array(interestSubsidyObjectionView) }) } },
  }, async (request) => ({ items: await svc.listObjections(ctx, request.params.id) }));

  app.post('/interest-subsidy/notices/:id/objections', {
    config: { permission: 'interest-subsidy.review' },
    schema: { tags: TAGS, summary: '登记公示期异议', params: idParam, body: interestSubsidyObjectionInput, response: { 200: interestSubsidyObjectionView } },
  }, async (request) => svc.recordObjection(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.post('/interest-subsidy/objections/:id/answer', {
    config: { permission: 'interest-subsidy.review' },
    schema: { tags: TAGS, summary: '答复异议（成立的，该申请不予贴息）', params: idParam, body: interestSubsidyObjectionAnswer, response: { 200: interestSubsidyObjectionView } },
  }, async (request) => svc.answerObjection(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.post('/interest-subsidy/notices/:id/pay', {
    config: { permission: 'interest-subsidy.review' },
    schema: { tags: TAGS, summary: '公示期满、异议答复完毕后标记拨付', params: idParam, response: { 200: interestSubsidyNoticeView } },
  }, async (request) => svc.payNotice(ctx, requireAuth(request), actorOf(request), request.params.id));

  app.get('/interest-subsidy/dashboard', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '分市统计：申请、审核通过、拨付', response: { 200: interestSubsidyDashboard } },
  }, async (request) => svc.dashboard(ctx, requireAuth(request)));

  app.get('/interest-subsidy/dashboard/export', {
    config: { permission: 'interest-subsidy.read' },
    schema: { tags: TAGS, summary: '导出分市统计（Excel）' },
  }, async (request, reply) => {
    const d = await svc.dashboard(ctx, requireAuth(request));
    const bytes = await writeListWorkbook('分市统计', [
      { header: '市', value: (r) => r.cityName, width: 12 },
      { header: '申请数', value: (r) => r.applications },
      { header: '审核通过', value: (r) => r.approved },
      { header: '已拨付', value: (r) => r.paid },
      { header: '贴息金额（元）', kind: 'money', value: (r) => r.subsidyFen, width: 16 },
      { header: '已拨付金额（元）', kind: 'money', value: (r) => r.paidFen, width: 16 },
    ], d.byCity, '贷款贴息分市统计');
    return sendXlsx(reply, '贷款贴息分市统计.xlsx', bytes);
  });
};
