import {
  cityCodeOf, cityOf, dataScope, formatYuan, GUARANTEE_INDICATOR_SOURCE, guaranteeAnnualFeeFen, guaranteeCompensationRefusal, guaranteeEndOn,
  guaranteeExtensionRefusal, guaranteeExtensionWorkflow, guaranteeFilingRefusals, guaranteeIndicators, guaranteeIsRewardFundedOn, guaranteePeriodRange,
  guaranteeRecoveryDueOn, guaranteeRecoveryStatus, guaranteeRewardBase, guaranteeTermsBind, regionName, shanghaiDateOf, SIZE_LABELS, sizeIsSmallOrMicro,
  validateUscc, type GuaranteeCompensationView, type GuaranteeDashboardRow, type GuaranteeDashboardView, type GuaranteeExtensionView,
  type GuaranteeFilingBody, type GuaranteeFilingView, type GuaranteeInstitutionBody, type GuaranteeInstitutionView, type GuaranteeParams,
  type GuaranteeRewardBaseView, type GuaranteeVolumeItem, type SizeClass,
} from '@relief/domain';
import { createCase, transition } from '../../cases/engine';
import type { WorkflowCase } from '../../db/schema';
import type { Actor } from '../../platform/audit';
import type { AuthUser } from '../../platform/auth/sessions';
import { type AppContext, inTransaction } from '../../platform/context';
import { conflict, fieldError, forbidden, notFound, unprocessable } from '../../platform/errors';
import { parametersFor, policyFor } from '../../policy/policy.service';
import {
  compensationBase, type CompensationFilters, type CompensationRow, enterpriseTotalFen, enterpriseTotals, extensionBase, type ExtensionFilters,
  type ExtensionRow, filingBase, type FilingFilters, type FilingRow, type GuaranteeScope, institutionRows, type InstitutionRow, selectCompensations,
  selectExtensions, selectFilings, volumeRows,
} from './guarantee.repository';

const MEASURE = 'guarantee';
const today = (ctx: AppContext) => shanghaiDateOf(ctx.clock.now());

/**
 * The filings a user reaches: a guarantee institution its own; province bodies all; a city or
 * county (and its finance bureau) those of enterprises in its region. Anyone else nothing.
 */
export function guaranteeScopeOf(user: AuthUser): GuaranteeScope {
  if (user.organisation.kind === 'guarantee') return { institutionId: user.organisation.id };
  const s = dataScope(user);
  if (s.provinceWide) return {};
  if (s.regionPrefix) return { regionPrefix: s.regionPrefix };
  return { none: true };
}

function requireInstitution(user: AuthUser): number {
  if (user.organisation.kind !== 'guarantee') throw forbidden('只有融资担保机构可以办理担保备案和代偿登记');
  return user.organisation.id;
}

const cityNameOf = (region: string) => cityOf(region)?.name ?? regionName(region) ?? region;
const sizeLabel = (s: string | null) => (s ? SIZE_LABELS[s as SizeClass] ?? s : '未划型');

// ——— Register ———

function rewardStatus(r: InstitutionRow) {
  return { isGovernment: r.is_government === 1, rewardFunded: r.reward_funded === 1, rewardFrom: r.reward_from, rewardTo: r.reward_to };
}

/** Whether an institution is reward-funded on a date, read from the register (unregistered: no). */
async function rewardFundedOn(db: AppContext['db'], institutionId: number, date: string): Promise<boolean> {
  const [row] = await institutionRows(db, institutionId);
  return !!row?.registered && guaranteeIsRewardFundedOn(rewardStatus(row), date);
}

/**
 * The register with each institution's 国办发〔2019〕6号 indicators over the filings the reader
 * reaches (a guarantee institution sees only itself).
 */
export async function listGuaranteeInstitutions(ctx: AppContext, user: AuthUser): Promise<GuaranteeInstitutionView[]> {
  const scope = guaranteeScopeOf(user);
  const rows = await institutionRows(ctx.db, scope.institutionId);
  const params = await parametersFor(ctx, MEASURE);
  const volume = await volumeRows(ctx.db, scope);
  const on = today(ctx);
  return rows.map((r) => ({
    organisationId: r.id,
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_code ? regionName(r.region_code) ?? null : null,
    registered: !!r.registered,
    isGovernment: r.is_government === 1,
    rewardFunded: r.reward_funded === 1,
    rewardFrom: r.reward_from ?? null,
    rewardTo: r.reward_to ?? null,
    rewardFundedToday: !!r.registered && guaranteeIsRewardFundedOn(rewardStatus(r), on),
    source: r.source ?? null,
    version: r.version ?? 0,
    updatedAt: r.updated_at ?? null,
    indicators: guaranteeIndicators(volume.filter((v) => v.institution_org_id === r.id).map(volumeItem), params),
  }));
}

/**
 * Records or changes an institution's register attributes (DEPT). `version` 0 creates the entry;
 * otherwise it must match (stale → 409). Audited with before and after.
 */
export async function updateGuaranteeInstitution(ctx: AppContext, user: AuthUser, actor: Actor, orgId: number, body: GuaranteeInstitutionBody): Promise<GuaranteeInstitutionView> {
  const [row] = await institutionRows(ctx.db, orgId);
  if (!row) throw notFound('融资担保机构');
  await inTransaction(ctx, actor, async (tx) => {
    const [cur] = await institutionRows(tx.db, orgId);
    const version = cur?.version ?? 0;
    if (body.version !== version) throw conflict(`该机构的名录信息已被他人修改（当前版本 ${version}），请刷新后重试`, { version }, 'STALE_VERSION');
    const at = tx.now.toISOString();
    const values = {
      is_government: body.isGovernment ? 1 : 0, reward_funded: body.rewardFunded ? 1 : 0, reward_from: body.rewardFrom ?? null, reward_to: body.rewardTo ?? null,
      source: body.source, updated_by: user.id, updated_at: at,
    };
    if (version === 0) await tx.db.insertInto('guarantee_institution').values({ organisation_id: orgId, ...values, version: 1, created_at: at }).execute();
    else await tx.db.updateTable('guarantee_institution').set({ ...values, version: version + 1 }).where('organisation_id', '=', orgId).where('version', '=', version).execute();
    await tx.audit({
      action: 'guarantee.institution.updated', entityType: 'guarantee_institution', entityId: orgId,
      before: cur?.registered ? { isGovernment: cur.is_government === 1, rewardFunded: cur.reward_funded === 1, rewardFrom: cur.reward_from, rewardTo: cur.reward_to, source: cur.source } : null,
      after: { isGovernment: body.isGovernment, rewardFunded: body.rewardFunded, rewardFrom: body.rewardFrom ?? null, rewardTo: body.rewardTo ?? null, source: body.source },
    });
  });
  const all = await listGuaranteeInstitutions(ctx, user);
  return all.find((i) => i.organisationId === orgId)!;
}

// ——— Filings ———

/** An enterprise of the registry as the filing form shows it (USCC checked, size class). */
export async function lookupGuaranteeEnterprise(ctx: AppContext, uscc: string) {
  const e = await findEnterprise(ctx, uscc);
  return { id: e.id, uscc: e.uscc, name: e.name, regionCode: e.region_code, regionName: regionName(e.region_code) ?? e.region_code, sizeClass: (e.size_class as SizeClass | null) ?? null, sizeLabel: sizeLabel(e.size_class), smallMicro: sizeIsSmallOrMicro(e.size_class as SizeClass | null) };
}

async function findEnterprise(ctx: AppContext, raw: string) {
  const v = validateUscc(raw);
  const uscc = v.normalized;
  if (!v.valid) throw fieldError('uscc', `统一社会信用代码无效：${v.message ?? '校验位不符'}`);
  const e = await ctx.db.selectFrom('enterprise').selectAll().where('uscc', '=', uscc).executeTakeFirst();
  if (!e) throw unprocessable(`企业库中没有统一社会信用代码为 ${uscc} 的企业，请先由企业注册或所在地工信部门录入`, [{ path: 'uscc', message: '企业库中没有该企业' }], 'ENTERPRISE_UNKNOWN');
  return e;
}

/** Lending banks of the platform, for the filing form. */
export function listGuaranteeBanks(ctx: AppContext) {
  return ctx.db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'bank').where('status', '=', 'active').orderBy('name').execute();
}

/**
 * Files a guarantee. Checks the enterprise (USCC, in the registry), the bank, and the rule of
 * 鲁工信发〔2020〕1号 第四条 for reward-funded institutions in the epidemic period (fee ≤ the preset's
 * cap, no counter-guarantee) → 422 naming the clause, nothing stored. Idempotent on
 * `idempotencyKey`; a second filing of the same contract number is refused naming the first.
 * The 国办发〔2019〕6号 indicators come back as warnings, never refusals.
 */
export async function fileGuarantee(ctx: AppContext, user: AuthUser, actor: Actor, body: GuaranteeFilingBody): Promise<{ filing: GuaranteeFilingView; created: boolean; warnings: string[] }> {
  const institutionId = requireInstitution(user);
  const existing = await ctx.db.selectFrom('guarantee_filing').select('id').where('institution_org_id', '=', institutionId).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
  if (existing) return { filing: await getGuaranteeFiling(ctx, user, existing.id), created: false, warnings: [] };
  const e = await findEnterprise(ctx, body.uscc);
  let bankName = body.bankName?.trim() ?? '';
  if (body.bankOrgId) {
    const bank = await ctx.db.selectFrom('organisation').select(['name', 'kind']).where('id', '=', body.bankOrgId).executeTakeFirst();
    if (!bank || bank.kind !== 'bank') throw fieldError('bankOrgId', '贷款银行应为平台上的银行机构');
    bankName = bank.name;
  }
  if (!bankName) throw fieldError('bankName', '请选择贷款银行或填写银行名称');
  const dup = await ctx.db.selectFrom('guarantee_filing').select(['id', 'enterprise_name', 'start_on']).where('institution_org_id', '=', institutionId).where('contract_no', '=', body.contractNo).executeTakeFirst();
  if (dup) throw conflict(`担保合同 ${body.contractNo} 已备案（备案号 ${dup.id}，${dup.enterprise_name}，起始日 ${dup.start_on}），不能重复备案`, { existingId: dup.id }, 'DUPLICATE');
  // One read of the overrides for both: the parameters as decided on the start date, the period as known today.
  const policy = await policyFor(ctx, MEASURE, body.startOn, today(ctx));
  const params = policy.params as GuaranteeParams;
  const { period } = policy;
  const funded = await rewardFundedOn(ctx.db, institutionId, body.startOn);
  const refusals = guaranteeFilingRefusals({ feeRatePpm: body.feeRatePpm, counterGuarantee: body.counterGuarantee, startOn: body.startOn }, funded, period, params);
  if (refusals.length) throw unprocessable(refusals.map((r) => r.message).join('；'), refusals.map((r) => ({ path: r.field, message: r.message })));
  const bound = guaranteeTermsBind({ startOn: body.startOn }, funded, period, params);
  const priorTotal = await enterpriseTotalFen(ctx.db, institutionId, e.id);
  let row: FilingRow;
  try {
    row = await inTransaction(ctx, actor, async (tx) => {
      const at = tx.now.toISOString();
      const values = {
        institution_org_id: institutionId, enterprise_id: e.id, uscc: e.uscc, enterprise_name: e.name, region_code: e.region_code, size_class: e.size_class,
        bank_org_id: body.bankOrgId ?? null, bank_name: bankName, contract_no: body.contractNo, amount_fen: body.amountFen, term_months: body.termMonths,
        fee_rate_ppm: body.feeRatePpm, annual_fee_fen: guaranteeAnnualFeeFen(body.amountFen, body.feeRatePpm), counter_guarantee: body.counterGuarantee ? 1 : 0,
        start_on: body.startOn, end_on: guaranteeEndOn(body.startOn, body.termMonths), terms_bound: bound ? 1 : 0, params_json: JSON.stringify(params),
        idempotency_key: body.idempotencyKey, created_by: user.id, created_at: at,
      };
      const { id } = await tx.db.insertInto('guarantee_filing').values(values).returning('id').executeTakeFirstOrThrow();
      await tx.audit({ action: 'guarantee.filed', entityType: 'guarantee_filing', entityId: id, after: { ...body, enterprise: e.name, bankName, rewardFunded: funded, termsBound: bound } });
      // The view is built from what was written: a new filing has no compensation yet.
      return { ...values, id, institution_name: user.organisation.name, compensation_id: null };
    });
  } catch (err) {
    // A racing retry with the same key lost on the unique index: answer with the winner.
    const winner = await ctx.db.selectFrom('guarantee_filing').select('id').where('institution_org_id', '=', institutionId).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
    if (winner) return { filing: await getGuaranteeFiling(ctx, user, winner.id), created: false, warnings: [] };
    throw err;
  }
  const warnings: string[] = [];
  const total = priorTotal + body.amountFen;
  if (total > params.singleFirmCapFen) warnings.push(`${GUARANTEE_INDICATOR_SOURCE}：该企业在本机构的担保合计 ${formatYuan(total)} 元，超过单户 ${formatYuan(params.singleFirmCapFen)} 元的支小支农口径（统计指标，不影响备案）`);
  if (!sizeIsSmallOrMicro(e.size_class as SizeClass | null)) warnings.push(`${GUARANTEE_INDICATOR_SOURCE}：该企业为${sizeLabel(e.size_class)}企业，不计入小微企业担保额和降费奖补基数`);
  const totals = new Map([[`${institutionId}:${e.id}`, total]]);
  return { filing: filingView(row, totals, params.singleFirmCapFen), created: true, warnings };
}

function filingView(r: FilingRow, totals: Map<string, number>, capFen: number): GuaranteeFilingView {
  const size = (r.size_class as SizeClass | null) ?? null;
  return {
    id: r.id, institutionId: r.institution_org_id, institutionName: r.institution_name, enterpriseId: r.enterprise_id, uscc: r.uscc, enterpriseName: r.enterprise_name,
    regionCode: r.region_code, regionName: regionName(r.region_code) ?? r.region_code, cityName: cityNameOf(r.region_code), sizeClass: size, sizeLabel: sizeLabel(size),
    smallMicro: sizeIsSmallOrMicro(size), bankOrgId: r.bank_org_id, bankName: r.bank_name, contractNo: r.contract_no, amountFen: Number(r.amount_fen),
    termMonths: r.term_months, feeRatePpm: r.fee_rate_ppm, annualFeeFen: Number(r.annual_fee_fen), counterGuarantee: r.counter_guarantee === 1,
    startOn: r.start_on, endOn: r.end_on, termsBound: r.terms_bound === 1,
    overSingleFirmCap: (totals.get(`${r.institution_org_id}:${r.enterprise_id}`) ?? 0) > capFen,
    compensated: r.compensation_id !== null, createdAt: r.created_at,
  };
}

/** Filing views for rows, with the single-firm flag computed over each firm's total with its institution. */
export async function guaranteeFilingViews(ctx: AppContext, rows: FilingRow[]): Promise<GuaranteeFilingView[]> {
  const params = await parametersFor(ctx, MEASURE);
  const totals = await enterpriseTotals(ctx.db, rows.map((r) => ({ institutionId: r.institution_org_id, enterpriseId: r.enterprise_id })));
  return rows.map((r) => filingView(r, totals, params.singleFirmCapFen));
}

/** The filings query in the reader's scope, with the list's filters. */
export function guaranteeFilingQuery(ctx: AppContext, user: AuthUser, f: FilingFilters) {
  return filingBase(ctx.db, guaranteeScopeOf(user), f);
}

/** One filing in the reader's scope. @throws 404 outside it. */
export async function getGuaranteeFiling(ctx: AppContext, user: AuthUser, id: number): Promise<GuaranteeFilingView> {
  const row = await selectFilings(filingBase(ctx.db, guaranteeScopeOf(user)).where('f.id', '=', id)).executeTakeFirst();
  if (!row) throw notFound('担保备案');
  return (await guaranteeFilingViews(ctx, [row]))[0]!;
}

// ——— Compensations ———

function compensationView(r: CompensationRow, on: string): GuaranteeCompensationView {
  const due = r.extended_due_on ?? r.recovery_due_on;
  return {
    id: r.id, filingId: r.filing_id, institutionId: r.institution_org_id, institutionName: r.institution_name, uscc: r.uscc, enterpriseName: r.enterprise_name,
    regionCode: r.region_code, cityName: cityNameOf(r.region_code), contractNo: r.contract_no, guaranteedFen: Number(r.guaranteed_fen), paidOn: r.paid_on,
    amountFen: Number(r.amount_fen), originalDueOn: r.recovery_due_on, recoveryDueOn: due, extended: !!r.extended_due_on, recoveredOn: r.recovered_on,
    recoveredFen: r.recovered_fen === null ? null : Number(r.recovered_fen), status: guaranteeRecoveryStatus(due, r.recovered_on, on),
    openExtensionCaseId: r.open_case_id === null ? null : Number(r.open_case_id), note: r.note, version: r.version, createdAt: r.created_at,
  };
}

/** The compensations query in the reader's scope, and the mapping of its rows. */
export function guaranteeCompensationQuery(ctx: AppContext, user: AuthUser, f: CompensationFilters) {
  const on = today(ctx);
  return { base: compensationBase(ctx.db, guaranteeScopeOf(user), f, on), view: (r: CompensationRow) => compensationView(r, on) };
}

/** One compensation in the reader's scope. @throws 404 outside it. */
export async function getGuaranteeCompensation(ctx: AppContext, user: AuthUser, id: number): Promise<GuaranteeCompensationView> {
  const { base, view } = guaranteeCompensationQuery(ctx, user, {});
  const row = await selectCompensations(base.where('c.id', '=', id)).executeTakeFirst();
  if (!row) throw notFound('代偿记录');
  return view(row);
}

/**
 * Records a compensation (代偿) paid by the institution for one of its filings, with the recovery
 * deadline (default: paid date + the preset's defaultRecoveryPeriodDays). One per filing: a second
 * is refused naming the first. Audited.
 */
export async function recordGuaranteeCompensation(ctx: AppContext, user: AuthUser, actor: Actor, body: { filingId: number; paidOn: string; amountFen: number; recoveryDueOn?: string | undefined; note?: string | undefined }): Promise<GuaranteeCompensationView> {
  const institutionId = requireInstitution(user);
  const filing = await getGuaranteeFiling(ctx, user, body.filingId);
  const prior = await ctx.db.selectFrom('guarantee_compensation').select(['id', 'paid_on']).where('filing_id', '=', filing.id).executeTakeFirst();
  if (prior) throw conflict(`担保合同 ${filing.contractNo} 已登记代偿（代偿记录 ${prior.id}，代偿日 ${prior.paid_on}），不能重复登记`, { existingId: prior.id }, 'DUPLICATE');
  const params = await parametersFor(ctx, MEASURE, body.paidOn) as GuaranteeParams;
  const dueOn = body.recoveryDueOn ?? guaranteeRecoveryDueOn(body.paidOn, params);
  const refusal = guaranteeCompensationRefusal({ paidOn: body.paidOn, amountFen: body.amountFen, recoveryDueOn: dueOn }, filing, today(ctx));
  if (refusal) throw fieldError(refusal.field, refusal.message);
  let id: number;
  try {
    id = await inTransaction(ctx, actor, async (tx) => {
      const at = tx.now.toISOString();
      const row = await tx.db.insertInto('guarantee_compensation').values({
        filing_id: filing.id, institution_org_id: institutionId, paid_on: body.paidOn, amount_fen: body.amountFen, recovery_due_on: dueOn,
        recovered_on: null, recovered_fen: null, note: body.note ?? null, version: 1, created_by: user.id, created_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.audit({ action: 'guarantee.compensated', entityType: 'guarantee_compensation', entityId: row.id, after: { filingId: filing.id, contractNo: filing.contractNo, paidOn: body.paidOn, amountFen: body.amountFen, recoveryDueOn: dueOn } });
      return row.id;
    });
  } catch (err) {
    const raced = await ctx.db.selectFrom('guarantee_compensation').select(['id', 'paid_on']).where('filing_id', '=', filing.id).executeTakeFirst();
    if (raced) throw conflict(`担保合同 ${filing.contractNo} 已登记代偿（代偿记录 ${raced.id}，代偿日 ${raced.paid_on}），不能重复登记`, { existingId: raced.id }, 'DUPLICATE');
    throw err;
  }
  return getGuaranteeCompensation(ctx, user, id);
}

/** Records the recovery (追偿) of a compensation: date and amount recovered. Versioned, audited. */
export async function recordGuaranteeRecovery(ctx: AppContext, user: AuthUser, actor: Actor, id: number, body: { recoveredOn: string; recoveredFen: number; version: number }): Promise<GuaranteeCompensationView> {
  requireInstitution(user);
  const c = await getGuaranteeCompensation(ctx, user, id);
  if (c.recoveredOn) throw conflict(`该代偿已于 ${c.recoveredOn} 登记追偿结果`, null, 'ILLEGAL_TRANSITION');
  if (body.recoveredOn < c.paidOn) throw fieldError('recoveredOn', '追偿日期不能早于代偿日期');
  if (body.recoveredOn > today(ctx)) throw fieldError('recoveredOn', '追偿日期不能晚于今天');
  if (body.recoveredFen > c.amountFen) throw fieldError('recoveredFen', '追偿金额不能超过代偿金额');
  await inTransaction(ctx, actor, async (tx) => {
    const res = await tx.db.updateTable('guarantee_compensation').set({ recovered_on: body.recoveredOn, recovered_fen: body.recoveredFen, version: body.version + 1, updated_at: tx.now.toISOString() })
      .where('id', '=', id).where('version', '=', body.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict(`该代偿记录已被他人修改（当前版本 ${c.version}），请刷新后重试`, { version: c.version }, 'STALE_VERSION');
    await tx.audit({ action: 'guarantee.recovered', entityType: 'guarantee_compensation', entityId: id, before: { recoveredOn: null }, after: { recoveredOn: body.recoveredOn, recoveredFen: body.recoveredFen } });
  });
  return getGuaranteeCompensation(ctx, user, id);
}

// ——— Extension requests (a case of measure 'guarantee') ———

function extensionView(r: ExtensionRow): GuaranteeExtensionView {
  return {
    id: r.id, caseId: r.case_id, compensationId: r.compensation_id, institutionId: r.institution_org_id, institutionName: r.institution_name,
    enterpriseName: r.enterprise_name, contractNo: r.contract_no, previousDueOn: r.previous_due_on, requestedDueOn: r.requested_due_on, reason: r.reason,
    state: r.state, stateLabel: guaranteeExtensionWorkflow.states[r.state]?.label ?? r.state, dueOn: r.due_on, caseVersion: r.case_version, createdAt: r.created_at,
  };
}

/** The extension requests query in the reader's scope. */
export function guaranteeExtensionQuery(ctx: AppContext, user: AuthUser, f: ExtensionFilters) {
  return { base: extensionBase(ctx.db, guaranteeScopeOf(user), f), view: extensionView };
}

async function extensionByCase(ctx: AppContext, user: AuthUser, caseId: number): Promise<GuaranteeExtensionView> {
  const row = await selectExtensions(extensionBase(ctx.db, guaranteeScopeOf(user), {}).where('x.case_id', '=', caseId)).executeTakeFirst();
  if (!row) throw notFound('延期申请');
  return extensionView(row);
}

/**
 * 鲁工信发〔2020〕1号 第四条 "视疫情影响情况适当延长追偿时限": the institution asks 省工信厅 for a
 * later recovery deadline. Opens a case (held by DEPT, working-days deadline); one open request
 * per compensation (a second is refused naming the first); idempotent on `idempotencyKey`.
 */
export async function requestGuaranteeExtension(ctx: AppContext, user: AuthUser, actor: Actor, compensationId: number, body: { idempotencyKey: string; requestedDueOn: string; reason: string }): Promise<GuaranteeExtensionView> {
  const institutionId = requireInstitution(user);
  const retry = await ctx.db.selectFrom('workflow_case').select('id').where('measure', '=', MEASURE).where('owner_org_id', '=', institutionId).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
  if (retry) return extensionByCase(ctx, user, retry.id);
  const c = await getGuaranteeCompensation(ctx, user, compensationId);
  if (c.recoveredOn) throw conflict(`该代偿已于 ${c.recoveredOn} 登记追偿结果，无需延期`, null, 'ILLEGAL_TRANSITION');
  if (c.openExtensionCaseId) throw conflict(`该代偿已有未办结的延期申请（事项 ${c.openExtensionCaseId}），请待其办结后再申请`, { existingCaseId: c.openExtensionCaseId }, 'DUPLICATE');
  const params = await parametersFor(ctx, MEASURE) as GuaranteeParams;
  const refusal = guaranteeExtensionRefusal(c.recoveryDueOn, body.requestedDueOn, params);
  if (refusal) throw unprocessable(`${refusal.field}：${refusal.message}`, [{ path: refusal.field, message: refusal.message }]);
  const data = { compensationId: c.id, contractNo: c.contractNo, enterpriseName: c.enterpriseName, previousDueOn: c.recoveryDueOn, requestedDueOn: body.requestedDueOn, reason: body.reason };
  const result = await createCase(ctx, actor, {
    measure: MEASURE, idempotencyKey: body.idempotencyKey, ownerOrgId: institutionId, regionCode: c.regionCode,
    title: `追偿时限延期：${c.enterpriseName}（${c.contractNo}）`, data, params,
  }, {
    afterInsert: async (tx, row: WorkflowCase) => {
      const at = tx.now.toISOString();
      await tx.db.insertInto('guarantee_extension').values({
        case_id: row.id, compensation_id: c.id, institution_org_id: institutionId, previous_due_on: c.recoveryDueOn, requested_due_on: body.requestedDueOn,
        reason: body.reason, created_at: at, updated_at: at,
      }).execute();
    },
  });
  return extensionByCase(ctx, user, result.case.id);
}

/** Resubmits a returned extension request with a (possibly) new date and reason, through the case engine. */
export async function resubmitGuaranteeExtension(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, body: { version: number; requestedDueOn: string; reason: string }): Promise<GuaranteeExtensionView> {
  requireInstitution(user);
  const x = await extensionByCase(ctx, user, caseId);
  const c = await getGuaranteeCompensation(ctx, user, x.compensationId);
  const params = await parametersFor(ctx, MEASURE) as GuaranteeParams;
  const refusal = guaranteeExtensionRefusal(c.recoveryDueOn, body.requestedDueOn, params);
  if (refusal) throw unprocessable(`${refusal.field}：${refusal.message}`, [{ path: refusal.field, message: refusal.message }]);
  await transition(ctx, user, actor, caseId, 'resubmit', { version: body.version, comment: body.reason }, {
    apply: async (tx) => {
      await tx.db.updateTable('guarantee_extension').set({ requested_due_on: body.requestedDueOn, reason: body.reason, updated_at: tx.now.toISOString() }).where('case_id', '=', caseId).execute();
      return { requestedDueOn: body.requestedDueOn, reason: body.reason };
    },
  });
  return extensionByCase(ctx, user, caseId);
}

// ——— Reward base and dashboard ———

function volumeItem(v: { institution_org_id: number; enterprise_id: number; size_class: string | null; amount_fen: number; fee_rate_ppm: number; term_months: number }): GuaranteeVolumeItem {
  return { institutionId: v.institution_org_id, enterpriseKey: String(v.enterprise_id), sizeClass: (v.size_class as SizeClass | null) ?? null, amountFen: Number(v.amount_fen), feeRatePpm: v.fee_rate_ppm, termMonths: v.term_months };
}

/**
 * The reward base of a period (year or quarter) per institution in the reader's scope: new small
 * and micro guarantees started in the period, their volume, annualised volume and average fee.
 */
export async function guaranteeRewardBaseOf(ctx: AppContext, user: AuthUser, period: string): Promise<GuaranteeRewardBaseView> {
  const range = guaranteePeriodRange(period);
  const scope = guaranteeScopeOf(user);
  const [rows, institutions] = await Promise.all([volumeRows(ctx.db, scope, range), institutionRows(ctx.db, scope.institutionId)]);
  const base = new Map(guaranteeRewardBase(rows.map(volumeItem)).map((r) => [r.institutionId, r]));
  return {
    period, ...range,
    rows: institutions.map((i) => {
      const b = base.get(i.id);
      return {
        institutionId: i.id, institutionName: i.name, rewardFunded: !!i.registered && guaranteeIsRewardFundedOn(rewardStatus(i), range.to),
        count: b?.count ?? 0, volumeFen: b?.volumeFen ?? 0, annualisedFen: b?.annualisedFen ?? 0, avgFeeRatePpm: b?.avgFeeRatePpm ?? null,
      };
    }),
  };
}

/** The dashboard: volume, small/micro volume, average fee, compensations and overdue recoveries, by city and institution. */
export async function guaranteeDashboard(ctx: AppContext, user: AuthUser, period?: string): Promise<GuaranteeDashboardView> {
  const range = period ? guaranteePeriodRange(period) : null;
  const scope = guaranteeScopeOf(user);
  const on = today(ctx);
  const [rows, comps, institutions] = await Promise.all([
    volumeRows(ctx.db, scope, range ?? {}),
    selectCompensations(compensationBase(ctx.db, scope, {}, on)).execute(),
    institutionRows(ctx.db, scope.institutionId),
  ]);
  const inRange = new Set(rows.map((r) => r.id));
  const names = new Map(institutions.map((i) => [i.id, i.name]));
  const acc = new Map<string, GuaranteeDashboardRow & { weighted: bigint }>();
  const bucket = (key: string, name: string) => {
    let b = acc.get(key);
    if (!b) acc.set(key, (b = { key, name, count: 0, volumeFen: 0, smallMicroFen: 0, avgFeeRatePpm: null, compensationCount: 0, compensationFen: 0, overdueCount: 0, weighted: 0n }));
    return b;
  };
  const cityKey = (region: string) => `city:${cityCodeOf(region)}`;
  for (const r of rows) {
    const amount = Number(r.amount_fen);
    for (const b of [bucket('total', '合计'), bucket(cityKey(r.region_code), cityNameOf(r.region_code)), bucket(`inst:${r.institution_org_id}`, names.get(r.institution_org_id) ?? String(r.institution_org_id))]) {
      b.count += 1;
      b.volumeFen += amount;
      if (sizeIsSmallOrMicro(r.size_class as SizeClass | null)) b.smallMicroFen += amount;
      b.weighted += BigInt(amount) * BigInt(r.fee_rate_ppm);
    }
  }
  for (const c of comps) {
    if (range && !inRange.has(c.filing_id)) continue;
    const overdue = guaranteeRecoveryStatus(c.extended_due_on ?? c.recovery_due_on, c.recovered_on, on) === 'overdue';
    for (const b of [bucket('total', '合计'), bucket(cityKey(c.region_code), cityNameOf(c.region_code)), bucket(`inst:${c.institution_org_id}`, c.institution_name)]) {
      b.compensationCount += 1;
      b.compensationFen += Number(c.amount_fen);
      if (overdue) b.overdueCount += 1;
    }
  }
  const finish = (b: GuaranteeDashboardRow & { weighted: bigint }): GuaranteeDashboardRow => {
    const { weighted, ...rest } = b;
    return { ...rest, avgFeeRatePpm: b.volumeFen > 0 ? Number((weighted * 2n + BigInt(b.volumeFen)) / (BigInt(b.volumeFen) * 2n)) : null };
  };
  const all = [...acc.values()].map(finish);
  return {
    from: range?.from ?? null, to: range?.to ?? null,
    totals: all.find((b) => b.key === 'total') ?? finish(bucket('total', '合计')),
    byCity: all.filter((b) => b.key.startsWith('city:')).sort((a, b) => a.key.localeCompare(b.key)),
    byInstitution: all.filter((b) => b.key.startsWith('inst:')).sort((a, b) => b.volumeFen - a.volumeFen),
  };
}

