import {
  guaranteeCompensationBody, guaranteeCompensationQuery as compensationQuerySchema, guaranteeCompensationView, guaranteeDashboardQuery, guaranteeDashboardView,
  guaranteeExtensionBody, guaranteeExtensionQuery as extensionQuerySchema, guaranteeExtensionResubmitBody, guaranteeExtensionView, guaranteeFilingBody,
  guaranteeFilingQuery as filingQuerySchema, guaranteeFilingResult, guaranteeFilingView, guaranteeInstitutionBody, guaranteeInstitutionView,
  guaranteeRecoveryBody, guaranteeRewardBaseQuery, guaranteeRewardBaseView, idParam, pageOf, ppmToPercentText, shanghaiDateOf, SIZE_CLASSES,
} from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app';
import { actorOf, requireAuth } from '../../platform/auth/guard';
import { EXPORT_LIMIT, sendXlsx, writeListWorkbook } from '../../platform/excel';
import { paginate } from '../../platform/paging';
import { writeRewardBaseWorkbook } from './guarantee.excel';
import { selectCompensations, selectExtensions, selectFilings } from './guarantee.repository';
import {
  fileGuarantee, getGuaranteeCompensation, getGuaranteeFiling, guaranteeCompensationQuery, guaranteeDashboard, guaranteeExtensionQuery, guaranteeFilingQuery,
  guaranteeFilingViews, guaranteeRewardBaseOf, listGuaranteeBanks, listGuaranteeInstitutions, lookupGuaranteeEnterprise, recordGuaranteeCompensation,
  recordGuaranteeRecovery, requestGuaranteeExtension, resubmitGuaranteeExtension, updateGuaranteeInstitution,
} from './guarantee.service';

const pct = (ppm: number | null) => (ppm === null ? null : ppmToPercentText(ppm));
const yesNo = (b: boolean | null) => (b === null ? '—' : b ? '是' : '否');
const TAGS = ['guarantee'];

/** Routes of the guarantee measure (融资担保, 第四条), under /api/guarantee. */
export const guaranteeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  // ——— Register ———
  app.get('/guarantee/institutions', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '融资担保机构名录（政府性、降费奖补）与国办发〔2019〕6号指标（担保机构只见本机构）', response: { 200: z.object({ items: z.array(guaranteeInstitutionView) }) } },
  }, async (request) => ({ items: await listGuaranteeInstitutions(ctx, requireAuth(request)) }));

  app.get('/guarantee/institutions/export', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '导出融资担保机构名录与指标（Excel）' },
  }, async (request, reply) => {
    const rows = await listGuaranteeInstitutions(ctx, requireAuth(request));
    const bytes = await writeListWorkbook('融资担保机构名录', [
      { header: '机构名称', value: (r) => r.name, width: 32 },
      { header: '所在地', value: (r) => r.regionName, width: 16 },
      { header: '已列入名录', value: (r) => yesNo(r.registered) },
      { header: '政府性融资担保机构', value: (r) => yesNo(r.isGovernment) },
      { header: '获降费奖补支持', value: (r) => yesNo(r.rewardFunded) },
      { header: '奖补支持起日', value: (r) => r.rewardFrom },
      { header: '奖补支持止日', value: (r) => r.rewardTo },
      { header: '依据', value: (r) => r.source, width: 40 },
      { header: '担保笔数', value: (r) => r.indicators.count },
      { header: '担保额（元）', kind: 'money', value: (r) => r.indicators.totalFen, width: 18 },
      { header: '小微企业担保额占比', value: (r) => pct(r.indicators.smallMicroSharePpm) },
      { header: '达到80%', value: (r) => yesNo(r.indicators.meetsSmallMicroShare) },
      { header: '单户500万元及以下占比', value: (r) => pct(r.indicators.underCapSharePpm) },
      { header: '达到50%', value: (r) => yesNo(r.indicators.meetsUnderCapShare) },
      { header: '超500万元户数', value: (r) => r.indicators.firmsOverCap },
      { header: '加权平均费率', value: (r) => pct(r.indicators.avgFeeRatePpm) },
    ], rows, '融资担保机构名录与指标');
    return sendXlsx(reply, '融资担保机构名录.xlsx', bytes);
  });

  app.put('/guarantee/institutions/:id', {
    config: { permission: 'guarantee.review' },
    schema: { tags: TAGS, summary: '列入或修改名录：是否政府性机构、是否获降费奖补及起止日、依据（省工信厅；带版本号，新列入为 0）', params: idParam, body: guaranteeInstitutionBody, response: { 200: guaranteeInstitutionView } },
  }, async (request) => updateGuaranteeInstitution(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  // ——— Filings ———
  app.get('/guarantee/enterprises/:uscc', {
    config: { permission: 'guarantee.file' },
    schema: {
      tags: TAGS, summary: '按统一社会信用代码查企业（备案表单用：名称、所在地、规模）', params: z.object({ uscc: z.string().max(30) }),
      response: { 200: z.object({ id: z.number().int(), uscc: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string(), sizeClass: z.enum(SIZE_CLASSES as unknown as ['large', 'medium', 'small', 'micro']).nullable(), sizeLabel: z.string(), smallMicro: z.boolean() }) },
    },
  }, async (request) => lookupGuaranteeEnterprise(ctx, request.params.uscc));

  app.get('/guarantee/banks', {
    config: { permission: 'guarantee.file' },
    schema: { tags: TAGS, summary: '平台上的银行机构（备案表单用）', response: { 200: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) }) } },
  }, async () => ({ items: await listGuaranteeBanks(ctx) }));

  app.get('/guarantee/filings', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '担保备案列表（担保机构本机构；市县本辖区企业；省级全部）', querystring: filingQuerySchema, response: { 200: pageOf(guaranteeFilingView) } },
  }, async (request) => {
    const { page: p, pageSize, ...filters } = request.query;
    const page = await paginate(guaranteeFilingQuery(ctx, requireAuth(request), filters), (b) => selectFilings(b), p, pageSize);
    return { ...page, items: await guaranteeFilingViews(ctx, page.items) };
  });

  app.get('/guarantee/filings/export', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '导出担保备案（Excel，按当前筛选）', querystring: filingQuerySchema.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const rows = await selectFilings(guaranteeFilingQuery(ctx, requireAuth(request), request.query)).limit(EXPORT_LIMIT).execute();
    const views = await guaranteeFilingViews(ctx, rows);
    const bytes = await writeListWorkbook('担保备案', [
      { header: '备案号', value: (r) => r.id },
      { header: '融资担保机构', value: (r) => r.institutionName, width: 28 },
      { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
      { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
      { header: '所在地', value: (r) => r.regionName, width: 16 },
      { header: '企业规模', value: (r) => r.sizeLabel },
      { header: '贷款银行', value: (r) => r.bankName, width: 30 },
      { header: '担保合同编号', value: (r) => r.contractNo, width: 18 },
      { header: '担保金额（元）', kind: 'money', value: (r) => r.amountFen, width: 18 },
      { header: '期限（月）', value: (r) => r.termMonths },
      { header: '年担保费率', value: (r) => pct(r.feeRatePpm) },
      { header: '年担保费（元）', kind: 'money', value: (r) => r.annualFeeFen, width: 16 },
      { header: '要求反担保', value: (r) => yesNo(r.counterGuarantee) },
      { header: '起始日', value: (r) => r.startOn, width: 12 },
      { header: '到期日', value: (r) => r.endOn, width: 12 },
      { header: '适用疫情期间费率上限', value: (r) => yesNo(r.termsBound) },
      { header: '超单户500万元口径', value: (r) => yesNo(r.overSingleFirmCap) },
      { header: '已代偿', value: (r) => yesNo(r.compensated) },
    ], views, '融资担保备案');
    return sendXlsx(reply, '担保备案.xlsx', bytes);
  });

  app.get('/guarantee/filings/:id', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '担保备案详情', params: idParam, response: { 200: guaranteeFilingView } },
  }, async (request) => getGuaranteeFiling(ctx, requireAuth(request), request.params.id));

  app.post('/guarantee/filings', {
    config: { permission: 'guarantee.file' },
    schema: {
      tags: TAGS, summary: '担保备案（担保机构）：奖补支持的机构在疫情期间年费率不超过1%、不得要求反担保（鲁工信发〔2020〕1号 第四条）；幂等键 idempotencyKey',
      body: guaranteeFilingBody, response: { 200: guaranteeFilingResult, 201: guaranteeFilingResult },
    },
  }, async (request, reply) => {
    const result = await fileGuarantee(ctx, requireAuth(request), actorOf(request), request.body);
    return reply.status(result.created ? 201 : 200).send(result);
  });

  // ——— Compensations ———
  app.get('/guarantee/compensations', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '代偿与追偿列表（status=overdue 为逾期未追偿）', querystring: compensationQuerySchema, response: { 200: pageOf(guaranteeCompensationView) } },
  }, async (request) => {
    const { page: p, pageSize, ...filters } = request.query;
    const { base, view } = guaranteeCompensationQuery(ctx, requireAuth(request), filters);
    const page = await paginate(base, (b) => selectCompensations(b), p, pageSize);
    return { ...page, items: page.items.map(view) };
  });

  app.get('/guarantee/compensations/export', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '导出代偿与追偿（Excel，按当前筛选）', querystring: compensationQuerySchema.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const { base, view } = guaranteeCompensationQuery(ctx, requireAuth(request), request.query);
    const rows = (await selectCompensations(base).limit(EXPORT_LIMIT).execute()).map(view);
    const STATUS = { recovering: '追偿中', overdue: '逾期未追偿', recovered: '已追偿' } as const;
    const bytes = await writeListWorkbook('代偿与追偿', [
      { header: '代偿记录', value: (r) => r.id },
      { header: '融资担保机构', value: (r) => r.institutionName, width: 28 },
      { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
      { header: '所在市', value: (r) => r.cityName },
      { header: '担保合同编号', value: (r) => r.contractNo, width: 18 },
      { header: '担保金额（元）', kind: 'money', value: (r) => r.guaranteedFen, width: 16 },
      { header: '代偿日期', value: (r) => r.paidOn, width: 12 },
      { header: '代偿金额（元）', kind: 'money', value: (r) => r.amountFen, width: 16 },
      { header: '原追偿时限', value: (r) => r.originalDueOn, width: 12 },
      { header: '现追偿时限', value: (r) => r.recoveryDueOn, width: 12 },
      { header: '已延期', value: (r) => yesNo(r.extended) },
      { header: '状态', value: (r) => STATUS[r.status] },
      { header: '追偿日期', value: (r) => r.recoveredOn, width: 12 },
      { header: '追偿金额（元）', kind: 'money', value: (r) => r.recoveredFen, width: 16 },
    ], rows, '代偿与追偿');
    return sendXlsx(reply, '代偿与追偿.xlsx', bytes);
  });

  app.get('/guarantee/compensations/:id', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '代偿记录详情', params: idParam, response: { 200: guaranteeCompensationView } },
  }, async (request) => getGuaranteeCompensation(ctx, requireAuth(request), request.params.id));

  app.post('/guarantee/compensations', {
    config: { permission: 'guarantee.file' },
    schema: { tags: TAGS, summary: '登记代偿（担保机构）：代偿日期、金额（不超过担保金额）、追偿时限（默认按政策参数）；每笔担保一次', body: guaranteeCompensationBody, response: { 201: guaranteeCompensationView } },
  }, async (request, reply) => reply.status(201).send(await recordGuaranteeCompensation(ctx, requireAuth(request), actorOf(request), request.body)));

  app.post('/guarantee/compensations/:id/recovery', {
    config: { permission: 'guarantee.file' },
    schema: { tags: TAGS, summary: '登记追偿结果（担保机构；带版本号）', params: idParam, body: guaranteeRecoveryBody, response: { 200: guaranteeCompensationView } },
  }, async (request) => recordGuaranteeRecovery(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  app.post('/guarantee/compensations/:id/extensions', {
    config: { permission: 'guarantee.file' },
    schema: { tags: TAGS, summary: '申请延长追偿时限（疫情影响；担保机构提出，省工信厅审核）；幂等键 idempotencyKey', params: idParam, body: guaranteeExtensionBody, response: { 201: guaranteeExtensionView } },
  }, async (request, reply) => reply.status(201).send(await requestGuaranteeExtension(ctx, requireAuth(request), actorOf(request), request.params.id, request.body)));

  // ——— Extension requests ———
  app.get('/guarantee/extensions', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '追偿时限延期申请列表（审核通过、不同意、退回在 /api/cases/:id/actions/… 办理）', querystring: extensionQuerySchema, response: { 200: pageOf(guaranteeExtensionView) } },
  }, async (request) => {
    const { page: p, pageSize, ...filters } = request.query;
    const { base, view } = guaranteeExtensionQuery(ctx, requireAuth(request), filters);
    const page = await paginate(base, (b) => selectExtensions(b), p, pageSize);
    return { ...page, items: page.items.map(view) };
  });

  app.get('/guarantee/extensions/export', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '导出追偿时限延期申请（Excel）', querystring: extensionQuerySchema.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const { base, view } = guaranteeExtensionQuery(ctx, requireAuth(request), request.query);
    const rows = (await selectExtensions(base).limit(EXPORT_LIMIT).execute()).map(view);
    const bytes = await writeListWorkbook('延期申请', [
      { header: '事项编号', value: (r) => r.caseId },
      { header: '融资担保机构', value: (r) => r.institutionName, width: 28 },
      { header: '企业名称', value: (r) => r.enterpriseName, width: 30 },
      { header: '担保合同编号', value: (r) => r.contractNo, width: 18 },
      { header: '原追偿时限', value: (r) => r.previousDueOn, width: 12 },
      { header: '申请延至', value: (r) => r.requestedDueOn, width: 12 },
      { header: '理由', value: (r) => r.reason, width: 40 },
      { header: '状态', value: (r) => r.stateLabel },
      { header: '办理期限', value: (r) => r.dueOn, width: 12 },
    ], rows, '追偿时限延期申请');
    return sendXlsx(reply, '追偿时限延期申请.xlsx', bytes);
  });

  app.post('/guarantee/extensions/:id/resubmit', {
    config: { permission: 'guarantee.file' },
    schema: { tags: TAGS, summary: '重新提交被退回的延期申请（可改日期与理由；:id 为事项编号）', params: idParam, body: guaranteeExtensionResubmitBody, response: { 200: guaranteeExtensionView } },
  }, async (request) => resubmitGuaranteeExtension(ctx, requireAuth(request), actorOf(request), request.params.id, request.body));

  // ——— Reward base and dashboard ———
  app.get('/guarantee/reward-base', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '降费奖补基数：各机构期间内新增小微企业担保额、年化担保额与加权平均费率', querystring: guaranteeRewardBaseQuery, response: { 200: guaranteeRewardBaseView } },
  }, async (request) => guaranteeRewardBaseOf(ctx, requireAuth(request), request.query.period));

  app.get('/guarantee/reward-base/export', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '导出降费奖补基数（固定格式 Excel）', querystring: guaranteeRewardBaseQuery },
  }, async (request, reply) => {
    const view = await guaranteeRewardBaseOf(ctx, requireAuth(request), request.query.period);
    return sendXlsx(reply, `降费奖补基数-${view.period}.xlsx`, await writeRewardBaseWorkbook(view, shanghaiDateOf(ctx.clock.now())));
  });

  app.get('/guarantee/dashboard', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '融资担保看板：按市、按机构的担保额、费率、代偿与逾期追偿', querystring: guaranteeDashboardQuery, response: { 200: guaranteeDashboardView } },
  }, async (request) => guaranteeDashboard(ctx, requireAuth(request), request.query.period));

  app.get('/guarantee/dashboard/export', {
    config: { permission: 'guarantee.read' },
    schema: { tags: TAGS, summary: '导出融资担保看板（Excel）', querystring: guaranteeDashboardQuery },
  }, async (request, reply) => {
    const d = await guaranteeDashboard(ctx, requireAuth(request), request.query.period);
    const rows = [
      ...d.byCity.map((r) => ({ ...r, dim: '按市' })),
      ...d.byInstitution.map((r) => ({ ...r, dim: '按机构' })),
      { ...d.totals, dim: '合计' },
    ];
    const bytes = await writeListWorkbook('融资担保看板', [
      { header: '维度', value: (r) => r.dim },
      { header: '市或机构', value: (r) => r.name, width: 30 },
      { header: '担保笔数', value: (r) => r.count },
      { header: '担保额（元）', kind: 'money', value: (r) => r.volumeFen, width: 18 },
      { header: '小微企业担保额（元）', kind: 'money', value: (r) => r.smallMicroFen, width: 20 },
      { header: '加权平均年费率', value: (r) => pct(r.avgFeeRatePpm) },
      { header: '代偿笔数', value: (r) => r.compensationCount },
      { header: '代偿金额（元）', kind: 'money', value: (r) => r.compensationFen, width: 18 },
      { header: '逾期未追偿笔数', value: (r) => r.overdueCount },
    ], rows, `融资担保看板${d.from ? `（${d.from} 至 ${d.to}）` : ''}`);
    return sendXlsx(reply, '融资担保看板.xlsx', bytes);
  });
};
