import {
  bridgeLoanActionBody, bridgeLoanAnswerBody, bridgeLoanBankView, bridgeLoanConsultationBody, bridgeLoanConsultationQuery, bridgeLoanConsultationView,
  bridgeLoanCreateBody, bridgeLoanDetail, bridgeLoanReceipt, bridgeLoanFileView, bridgeLoanListQuery, bridgeLoanRulesView, bridgeLoanSupervisionQuery, bridgeLoanSupervisionView,
  bridgeLoanUpdateBody, type BridgeLoanView, bridgeLoanView, idParam, pageOf,
} from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, requireAuth } from '../../platform/auth/guard';
import { AppError, badRequest } from '../../platform/errors';
import { type ExcelColumn, sendXlsx, writeListWorkbook } from '../../platform/excel';
import { writeSupervisionWorkbook } from './bridge-loan.excel';
import * as svc from './bridge-loan.service';

const tags = ['bridge-loan'];

const LIST_COLUMNS: ExcelColumn<BridgeLoanView>[] = [
  { header: '编号', value: (r) => r.caseId, width: 8 },
  { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
  { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
  { header: '状态', value: (r) => r.stateLabel, width: 14 },
  { header: '绿色通道', value: (r) => (r.greenChannel ? '是' : '否'), width: 10 },
  { header: '运营机构', value: (r) => r.operatorName, width: 28 },
  { header: '贷款银行', value: (r) => r.bankName, width: 30 },
  { header: '借款合同编号', value: (r) => r.loanContractNo, width: 20 },
  { header: '到期贷款金额（元）', kind: 'money', value: (r) => r.loanAmountFen, width: 18 },
  { header: '到期日', kind: 'date', value: (r) => r.loanMaturityOn, width: 16 },
  { header: '转贷金额（元）', kind: 'money', value: (r) => r.bridgeAmountFen, width: 18 },
  { header: '使用天数', value: (r) => r.bridgeDays, width: 10 },
  { header: '费率（%）', value: (r) => (r.feeRatePpm === null ? null : r.feeRatePpm / 10_000), width: 10 },
  { header: '转贷费（元）', kind: 'money', value: (r) => r.feeFen, width: 14 },
  { header: '申请时间', kind: 'instant', value: (r) => r.submittedAt, width: 22 },
  { header: '放款日期', kind: 'date', value: (r) => r.disbursedOn, width: 16 },
  { header: '应还日期', kind: 'date', value: (r) => r.repaymentDueOn, width: 16 },
  { header: '归还日期', kind: 'date', value: (r) => r.repaidOn, width: 16 },
  { header: '逾期', value: (r) => (r.repaymentOverdue ? '是' : ''), width: 8 },
];

const CONSULTATION_COLUMNS: ExcelColumn<z.infer<typeof bridgeLoanConsultationView>>[] = [
  { header: '编号', value: (r) => r.id, width: 8 },
  { header: '渠道', value: (r) => (r.channel === 'phone' ? '电话' : '网上'), width: 8 },
  { header: '咨询人', value: (r) => r.askerName, width: 14 },
  { header: '联系电话', value: (r) => r.askerPhone, width: 16 },
  { header: '企业', value: (r) => r.enterpriseName, width: 28 },
  { header: '答复机构', value: (r) => r.operatorName, width: 28 },
  { header: '问题', value: (r) => r.question, width: 50 },
  { header: '答复', value: (r) => r.answer, width: 50 },
  { header: '登记时间', kind: 'instant', value: (r) => r.createdAt, width: 22 },
  { header: '答复时间', kind: 'instant', value: (r) => r.answeredAt, width: 22 },
];

/** Routes of the bridge-loan measure (应急转贷, 第二条) under /api/bridge-loans. */
export const bridgeLoanRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  // Published to everyone (第二条: 制定详尽工作制度和办事流程，并向社会公布).
  app.get('/bridge-loans/rules', {
    config: { public: true },
    schema: { tags, summary: '应急转贷：公布的业务规则、办事流程、咨询电话与网上入口、运营机构', response: { 200: bridgeLoanRulesView } },
  }, async () => svc.rulesView(ctx));

  app.get('/bridge-loans/banks', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '应急转贷：可选的贷款银行', response: { 200: z.array(bridgeLoanBankView) } },
  }, async () => svc.listBanks(ctx));

  app.get('/bridge-loans', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '应急转贷申请列表（本机构可见范围）；todo=true 为待本机构办理，绿色通道在前', querystring: bridgeLoanListQuery, response: { 200: pageOf(bridgeLoanView) } },
  }, async (request) => svc.listLoans(ctx, requireAuth(request), request.query));

  app.get('/bridge-loans/export', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '导出应急转贷申请列表（Excel，按当前筛选）', querystring: bridgeLoanListQuery },
  }, async (request, reply) => {
    const rows = await svc.listLoansForExport(ctx, requireAuth(request), request.query);
    return sendXlsx(reply, '应急转贷申请.xlsx', await writeListWorkbook('应急转贷申请', LIST_COLUMNS, rows, '应急转贷申请列表'));
  });

  app.post('/bridge-loans', {
    config: { permission: 'bridge-loan.apply' },
    schema: { tags, summary: '企业申请应急转贷：保存草稿，或 submit=true 直接提交（idempotencyKey 防重复提交；重复提交返回 200 和第一次的申请）', body: bridgeLoanCreateBody, response: { 200: bridgeLoanReceipt, 201: bridgeLoanReceipt } },
  }, async (request, reply) => {
    const r = await svc.createLoan(ctx, requireAuth(request), actorOf(request), request.body);
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.get('/bridge-loans/:id', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '应急转贷申请详情：申请、费用、续贷承诺、时间线与可执行的操作', params: idParam, response: { 200: bridgeLoanDetail } },
  }, async (request) => svc.getLoanDetail(ctx, requireAuth(request), request.params.id));

  app.patch('/bridge-loans/:id', {
    config: { permission: 'bridge-loan.apply' },
    schema: { tags, summary: '修改草稿或退回的申请（带版本号）', params: idParam, body: bridgeLoanUpdateBody, response: { 200: bridgeLoanDetail } },
  }, async (request) => {
    const user = requireAuth(request);
    await svc.updateLoan(ctx, user, actorOf(request), request.params.id, request.body);
    return svc.getLoanDetail(ctx, user, request.params.id);
  });

  app.post('/bridge-loans/:id/actions/:action', {
    config: { permission: 'bridge-loan.read' },
    schema: {
      tags, summary: '办理：submit 提交、withdraw 撤回、accept 受理（feeRatePpm、可选 feeFen）、return 退回、reject 不予受理、confirm-renewal 银行确认续贷（renewalAmountFen、renewalExpectedOn）、decline-renewal 不予续贷、disburse 放款（disbursedOn、disbursedFen）、repay 归还（repaidOn、repaidFen）、mark-overdue 标记逾期',
      params: idParam.extend({ action: z.string().regex(/^[a-z][a-z-]{0,39}$/, '操作名称无效') }), body: bridgeLoanActionBody, response: { 200: bridgeLoanDetail },
    },
  }, async (request) => {
    const user = requireAuth(request);
    await svc.act(ctx, user, actorOf(request), request.params.id, request.params.action, request.body);
    return svc.getLoanDetail(ctx, user, request.params.id);
  });

  app.post('/bridge-loans/:id/files', {
    config: { permission: 'bridge-loan.apply' },
    schema: { tags, consumes: ['multipart/form-data'], summary: '上传银行续贷承诺书（PDF、JPG、PNG，不超过 10 MB；字段 file）', params: idParam, response: { 201: bridgeLoanFileView } },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw badRequest('请以 multipart/form-data 上传：文件放在 file 字段', null, 'NOT_MULTIPART');
    let part;
    try {
      part = await request.file({ limits: { fileSize: svc.BRIDGE_LOAN_FILE_MAX_BYTES, files: 1 } });
    } catch {
      throw badRequest('上传的内容不完整或格式不正确（应为 multipart/form-data），请重新上传', null, 'BAD_UPLOAD');
    }
    if (!part || part.fieldname !== 'file') throw badRequest('请选择续贷承诺书文件（字段 file）', [{ path: 'file', message: '缺少文件' }], 'VALIDATION_FAILED');
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', '续贷承诺书不能超过 10 MB');
      throw badRequest('上传的内容不完整，请重新上传', null, 'BAD_UPLOAD');
    }
    const saved = await svc.saveFile(ctx, requireAuth(request), actorOf(request), request.params.id, { fileName: part.filename || 'upload', contentType: part.mimetype, bytes });
    return reply.status(201).send(saved);
  });

  app.get('/bridge-loans/:id/files/:fileId', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '下载续贷承诺书', params: idParam.extend({ fileId: z.coerce.number().int().positive().max(2_147_483_647) }) },
  }, async (request, reply) => {
    const { file, stream } = await svc.openFile(ctx, requireAuth(request), request.params.id, request.params.fileId);
    return reply.header('Content-Type', file.content_type)
      .header('Content-Disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`).send(stream);
  });

  app.get('/bridge-loans/consultations', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '咨询登记（电话与网上咨询及答复）', querystring: bridgeLoanConsultationQuery, response: { 200: pageOf(bridgeLoanConsultationView) } },
  }, async (request) => svc.listConsultations(ctx, requireAuth(request), request.query));

  app.get('/bridge-loans/consultations/export', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '导出咨询登记（Excel）', querystring: bridgeLoanConsultationQuery },
  }, async (request, reply) => {
    const page = await svc.listConsultations(ctx, requireAuth(request), { ...request.query, page: 1, pageSize: 100_000 });
    return sendXlsx(reply, '应急转贷咨询登记.xlsx', await writeListWorkbook('咨询登记', CONSULTATION_COLUMNS, page.items, '应急转贷咨询登记'));
  });

  app.post('/bridge-loans/consultations', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '登记咨询：企业网上提问；运营机构登记来电（可同时答复）', body: bridgeLoanConsultationBody, response: { 201: bridgeLoanConsultationView } },
  }, async (request, reply) => reply.status(201).send(await svc.recordConsultation(ctx, requireAuth(request), actorOf(request), request.body)));

  app.post('/bridge-loans/consultations/:id/answer', {
    config: { permission: 'bridge-loan.operate' },
    schema: { tags, summary: '答复咨询', params: idParam, body: bridgeLoanAnswerBody, response: { 200: bridgeLoanConsultationView } },
  }, async (request) => svc.answerConsultation(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.get('/bridge-loans/supervision', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '监管统计：笔数、金额、费用、申请至放款用时、绿色通道当日办结率、逾期，按运营机构和市', querystring: bridgeLoanSupervisionQuery, response: { 200: bridgeLoanSupervisionView } },
  }, async (request) => svc.supervision(ctx, requireAuth(request), request.query));

  app.get('/bridge-loans/supervision/export', {
    config: { permission: 'bridge-loan.read' },
    schema: { tags, summary: '导出监管统计表（固定格式 Excel）', querystring: bridgeLoanSupervisionQuery },
  }, async (request, reply) => sendXlsx(reply, '应急转贷业务监管统计表.xlsx', await writeSupervisionWorkbook(await svc.supervision(ctx, requireAuth(request), request.query))));
};
