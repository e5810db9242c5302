import {
  idParam, pageOf, riskCompensationClaimInput, riskCompensationClaimQuery, riskCompensationClaimSummary, riskCompensationClaimView,
  riskCompensationDashboardQuery, riskCompensationDashboardView, riskCompensationDeptReviewBody, riskCompensationFgReviewBody,
  riskCompensationLoanInput, riskCompensationLoanQuery, riskCompensationLoanView, riskCompensationPaidBody, riskCompensationPlanInput,
  riskCompensationPlanPreview, riskCompensationPlanPreviewBody, riskCompensationPlanQuery, riskCompensationPlanSummary, riskCompensationPlanView,
  riskCompensationSubmitBody, riskCompensationUploadView, riskCompensationWindowQuery, riskCompensationWindowView,
} from '@relief/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app';
import { actorOf, requireAuth } from '../../platform/auth/guard';
import { AppError, badRequest } from '../../platform/errors';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from '../../platform/excel';
import { writeLoanTemplate, writePlanWorkbook } from './risk-compensation.excel';
import {
  allClaims, allLoans, claimWindow, confirmUpload, createClaim, dashboard, deptReview, fgReview, getClaim, getLoan, getPlan, getUpload, issuePlan,
  listClaims, listLoans, listPlans, markPlanPaid, previewPlan, registerLoan, submitClaim, uploadLoans,
} from './risk-compensation.service';

const tags = ['risk-compensation'];
const LOAN_TYPE_LABELS: Record<string, string> = { working_capital: '流动资金贷款', technical_renovation: '技术改造类项目贷款' };

/** Reads the one `file` part of a multipart upload into memory (loan files are small: ≤ 5 000 rows). */
async function receiveFile(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw badRequest('请以 multipart/form-data 上传：文件放在 file 字段', null, 'NOT_MULTIPART');
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw badRequest('请选择要上传的 Excel 文件（字段 file）', [{ path: 'file', message: '缺少文件' }], 'VALIDATION_FAILED');
    return { fileName: part.filename || 'loans.xlsx', bytes: await part.toBuffer() };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', '文件过大，请拆分后分别上传');
    throw badRequest('上传的内容不完整或格式不正确（应为 multipart/form-data），请重新上传', null, 'BAD_UPLOAD');
  }
}

/** 贷款风险补偿 (鲁工信发〔2020〕1号 第一条): loans, monthly claims, reviews, plans, dashboard. */
export const riskCompensationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  // ---------------------------------------------------------------- loans
  app.get('/risk-compensation/loans', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '贷款登记列表（银行看本行；省财金集团、省工信厅看全部；市看本市借款企业）', querystring: riskCompensationLoanQuery, response: { 200: pageOf(riskCompensationLoanView) } },
  }, async (request) => listLoans(ctx, requireAuth(request), request.query));

  app.get('/risk-compensation/loans/export', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '导出贷款登记列表（Excel）', querystring: riskCompensationLoanQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await allLoans(ctx, requireAuth(request), request.query, EXPORT_LIMIT);
    const bytes = await writeListWorkbook('贷款登记', [
      { header: '编号', value: (r) => r.id, width: 8 },
      { header: '银行', value: (r) => r.bankName, width: 30 },
      { header: '合同编号', value: (r) => r.contractNo, width: 18 },
      { header: '借款企业', value: (r) => r.borrowerName, width: 28 },
      { header: '统一社会信用代码', value: (r) => r.borrowerUscc, width: 22 },
      { header: '贷款金额（元）', kind: 'money', value: (r) => r.amountFen, width: 16 },
      { header: '发放日期', value: (r) => r.startOn, width: 12 },
      { header: '到期日期', value: (r) => r.maturityOn, width: 12 },
      { header: '贷款种类', value: (r) => LOAN_TYPE_LABELS[r.loanType] ?? r.loanType, width: 18 },
      { header: '认定不良日期', value: (r) => r.nonPerformingOn, width: 12 },
      { header: '不良贷款本金（元）', kind: 'money', value: (r) => r.nonPerformingPrincipalFen, width: 18 },
      { header: '是否符合补偿条件', value: (r) => (r.eligible ? '符合' : '不符合'), width: 10 },
      { header: '原因', value: (r) => r.eligibilityReasons.join('；'), width: 50 },
      { header: '补偿申请', value: (r) => (r.claimId ? `#${r.claimId}` : ''), width: 10 },
    ], rows, '贷款风险补偿 贷款登记');
    return sendXlsx(reply, '贷款风险补偿贷款登记.xlsx', bytes);
  });

  app.get('/risk-compensation/loans/template', {
    config: { permission: 'risk-compensation.bank' },
    schema: { tags, summary: '下载贷款批量登记模板（Excel）' },
  }, async (_request, reply) => sendXlsx(reply, '贷款风险补偿贷款登记模板.xlsx', await writeLoanTemplate()));

  app.get('/risk-compensation/loans/:id', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '一笔贷款及其补偿条件核验结果', params: idParam, response: { 200: riskCompensationLoanView } },
  }, async (request) => getLoan(ctx, requireAuth(request), request.params.id));

  app.post('/risk-compensation/loans', {
    config: { permission: 'risk-compensation.bank' },
    schema: { tags, summary: '银行登记一笔贷款（逐笔或经接口），返回补偿条件核验结果', body: riskCompensationLoanInput, response: { 201: riskCompensationLoanView } },
  }, async (request, reply) => reply.status(201).send(await registerLoan(ctx, requireAuth(request), actorOf(request), request.body)));

  app.post('/risk-compensation/loan-uploads', {
    config: { permission: 'risk-compensation.bank' },
    schema: { tags, consumes: ['multipart/form-data'], summary: '上传贷款 Excel（字段 file，≤5000 行）：逐行校验并保存校验报告，确认后才登记', response: { 201: riskCompensationUploadView } },
  }, async (request, reply) => {
    const { fileName, bytes } = await receiveFile(request);
    return reply.status(201).send(await uploadLoans(ctx, requireAuth(request), actorOf(request), fileName, bytes));
  });

  app.get('/risk-compensation/loan-uploads/:id', {
    config: { permission: 'risk-compensation.bank' },
    schema: { tags, summary: '上传的校验报告（错误在前、提示在后，注明行号和列名）', params: idParam, response: { 200: riskCompensationUploadView } },
  }, async (request) => getUpload(ctx, requireAuth(request), request.params.id));

  app.post('/risk-compensation/loan-uploads/:id/confirm', {
    config: { permission: 'risk-compensation.bank' },
    schema: { tags, summary: '确认登记上传文件中的有效行（只能确认一次）', params: idParam, response: { 200: riskCompensationUploadView } },
  }, async (request) => confirmUpload(ctx, requireAuth(request), actorOf(request), request.params.id));

  // ---------------------------------------------------------------- claims
  app.get('/risk-compensation/window', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '某月补偿申请的申报截止日（每月结束后 5 个工作日 24:00）与剩余工作日', querystring: riskCompensationWindowQuery, response: { 200: riskCompensationWindowView } },
  }, async (request) => claimWindow(ctx, request.query.month));

  app.get('/risk-compensation/claims', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '补偿申请列表（按月份、状态、银行筛选）', querystring: riskCompensationClaimQuery, response: { 200: pageOf(riskCompensationClaimSummary) } },
  }, async (request) => listClaims(ctx, requireAuth(request), request.query));

  app.get('/risk-compensation/claims/export', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '导出补偿申请列表（Excel）', querystring: riskCompensationClaimQuery.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await allClaims(ctx, requireAuth(request), request.query, EXPORT_LIMIT);
    const bytes = await writeListWorkbook('补偿申请', [
      { header: '申请编号', value: (r) => r.id, width: 10 },
      { header: '银行', value: (r) => r.bankName, width: 30 },
      { header: '月份', value: (r) => r.month, width: 10 },
      { header: '状态', value: (r) => r.stateLabel, width: 16 },
      { header: '笔数', value: (r) => r.itemCount, width: 8 },
      { header: '不良贷款本金（元）', kind: 'money', value: (r) => r.principalFen, width: 18 },
      { header: '申请补偿（元）', kind: 'money', value: (r) => r.claimedFen, width: 16 },
      { header: '核定补偿（元）', kind: 'money', value: (r) => r.approvedFen, width: 16 },
      { header: '申报截止', value: (r) => r.windowClosesOn, width: 12 },
      { header: '提交日期', value: (r) => r.submittedOn, width: 12 },
      { header: '当前环节期限', value: (r) => r.dueOn, width: 12 },
      { header: '是否超期', value: (r) => (r.overdue ? '超期' : ''), width: 8 },
    ], rows, '贷款风险补偿 补偿申请');
    return sendXlsx(reply, '贷款风险补偿申请.xlsx', bytes);
  });

  app.post('/risk-compensation/claims', {
    config: { permission: 'risk-compensation.bank' },
    schema: { tags, summary: '银行提出某月的补偿申请（每行每月一次；idempotencyKey 防重复提交）', body: riskCompensationClaimInput, response: { 200: riskCompensationClaimView, 201: riskCompensationClaimView } },
  }, async (request, reply) => {
    const { claim, created } = await createClaim(ctx, requireAuth(request), actorOf(request), request.body);
    return reply.status(created ? 201 : 200).send(claim);
  });

  app.get('/risk-compensation/claims/:id', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '补偿申请详情：逐笔贷款、补偿金额与审核结果、申报期限', params: idParam, response: { 200: riskCompensationClaimView } },
  }, async (request) => getClaim(ctx, requireAuth(request), request.params.id));

  app.post('/risk-compensation/claims/:id/submit', {
    config: { permission: 'risk-compensation.bank' },
    schema: { tags, summary: '提交申报（首次提交须在每月结束后 5 个工作日 24:00 前）', params: idParam, body: riskCompensationSubmitBody, response: { 200: riskCompensationClaimView } },
  }, async (request) => submitClaim(ctx, requireAuth(request), actorOf(request), request.params.id, request.body.version));

  app.post('/risk-compensation/claims/:id/fg-review', {
    config: { permission: 'risk-compensation.review' },
    schema: { tags, summary: '省财金集团逐笔初审（同意、核减并说明、不予补偿并说明），通过后报省工信厅复核', params: idParam, body: riskCompensationFgReviewBody, response: { 200: riskCompensationClaimView } },
  }, async (request) => fgReview(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.post('/risk-compensation/claims/:id/dept-review', {
    config: { permission: 'risk-compensation.review' },
    schema: { tags, summary: '省工信厅复核通过（快速通道，1 个工作日）', params: idParam, body: riskCompensationDeptReviewBody, response: { 200: riskCompensationClaimView } },
  }, async (request) => deptReview(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  // ---------------------------------------------------------------- plans
  app.post('/risk-compensation/plans/preview', {
    config: { permission: 'risk-compensation.review' },
    schema: { tags, summary: '拨付计划预览：所选已复核申请按银行、地市汇总', body: riskCompensationPlanPreviewBody, response: { 200: riskCompensationPlanPreview } },
  }, async (request) => previewPlan(ctx, requireAuth(request), request.body.claimIds));

  app.post('/risk-compensation/plans', {
    config: { permission: 'risk-compensation.review' },
    schema: { tags, summary: '省工信厅下达拨付计划（编号、日期；下达后不可更改）', body: riskCompensationPlanInput, response: { 201: riskCompensationPlanView } },
  }, async (request, reply) => reply.status(201).send(await issuePlan(ctx, requireAuth(request), actorOf(request), request.body)));

  app.get('/risk-compensation/plans', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '拨付计划列表', querystring: riskCompensationPlanQuery, response: { 200: pageOf(riskCompensationPlanSummary) } },
  }, async (request) => listPlans(ctx, requireAuth(request), request.query));

  app.get('/risk-compensation/plans/:id', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '拨付计划：按银行×地市的明细与合计', params: idParam, response: { 200: riskCompensationPlanView } },
  }, async (request) => getPlan(ctx, requireAuth(request), request.params.id));

  app.get('/risk-compensation/plans/:id/export', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '导出拨付计划（固定版式 Excel）', params: idParam },
  }, async (request, reply) => {
    const plan = await getPlan(ctx, requireAuth(request), request.params.id);
    return sendXlsx(reply, `拨付计划${plan.planNo}.xlsx`, await writePlanWorkbook(plan));
  });

  app.post('/risk-compensation/plans/:id/paid', {
    config: { permission: 'risk-compensation.review' },
    schema: { tags, summary: '标记拨付计划已拨付：其中贷款和申请转为已拨付', params: idParam, body: riskCompensationPaidBody, response: { 200: riskCompensationPlanView } },
  }, async (request) => markPlanPaid(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  // ---------------------------------------------------------------- dashboard
  app.get('/risk-compensation/dashboard', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '统计：申请数、金额、各环节用时与按期率，按银行、按地市', querystring: riskCompensationDashboardQuery, response: { 200: riskCompensationDashboardView } },
  }, async (request) => dashboard(ctx, requireAuth(request), request.query));

  app.get('/risk-compensation/dashboard/export', {
    config: { permission: 'risk-compensation.read' },
    schema: { tags, summary: '导出统计（Excel：按地市、按银行）', querystring: riskCompensationDashboardQuery },
  }, async (request, reply) => {
    const d = await dashboard(ctx, requireAuth(request), request.query);
    const rows = [...d.byCity.map((g) => ({ dim: '地市', ...g })), ...d.byBank.map((g) => ({ dim: '银行', ...g }))];
    const bytes = await writeListWorkbook('统计', [
      { header: '维度', value: (r) => r.dim, width: 8 },
      { header: '名称', value: (r) => r.name, width: 30 },
      { header: '申请数', value: (r) => r.claims, width: 8 },
      { header: '笔数', value: (r) => r.items, width: 8 },
      { header: '申请补偿（元）', kind: 'money', value: (r) => r.claimedFen, width: 16 },
      { header: '核定补偿（元）', kind: 'money', value: (r) => r.approvedFen, width: 16 },
      { header: '已拨付（元）', kind: 'money', value: (r) => r.disbursedFen, width: 16 },
    ], rows, '贷款风险补偿 统计');
    return sendXlsx(reply, '贷款风险补偿统计.xlsx', bytes);
  });
};
