import {
  aggregateRiskCompensationPlan, type Calendar, checkRiskCompensationEligibility, checkRiskCompensationLoanConsistency, checkRiskCompensationWindow,
  computeRiskCompensationAmounts, dataScope, type DataScope, formatDateZh, RISK_COMPENSATION_MEASURE, type RiskCompensationBorrowerFacts,
  type RiskCompensationClaimInput, type RiskCompensationClaimQuery, type RiskCompensationClaimSummary, type RiskCompensationClaimView,
  cityCodeOf, riskCompensationClaimWindowClosesOn, type RiskCompensationDashboardView, type RiskCompensationFgReviewBody,
  type RiskCompensationItemView, type RiskCompensationLoanInput, type RiskCompensationLoanQuery, type RiskCompensationLoanView,
  riskCompensationMonthOf, type RiskCompensationParams, riskCompensationPlanNumber, type RiskCompensationPlanView, riskCompensationWorkflow,
  type RiskCompensationUploadView, type RiskCompensationWindowView, regionName, resolveRiskCompensationDecision, shanghaiDateOf, type SizeClass,
  } from '@relief/domain';
import { getCalendar } from '../../cases/calendar.service';
import { summarise } from '../../cases/case-views';
import { createCase, getCaseForUser, transition } from '../../cases/engine';
import type { WorkflowCase } from '../../db/schema';
import { parametersFor, policyFor } from '../../policy/policy.service';
import type { Actor } from '../../platform/audit';
import type { AuthUser } from '../../platform/auth/sessions';
import { type AppContext, inTransaction } from '../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { containsText, paginate } from '../../platform/paging';
import { readLoanWorkbook, type UploadIssue } from './risk-compensation.excel';
import {
  bankCompensatedFen, borrowersByUscc, CLAIM_COLUMNS, claimsIn, existingContracts, findClaimOfMonth, insertItems, insertLoans,
  itemsOfClaims, LOAN_COLUMNS, loansIn, markLoansClaimed,
} from './risk-compensation.repository';

const M = RISK_COMPENSATION_MEASURE;
const monthZh = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
const cityName = (code: string) => regionName(code) ?? code;

/** The measure's parameters on a date (the snapshot a claim keeps). */
export async function riskCompensationParams(ctx: AppContext, onDate?: string): Promise<RiskCompensationParams> {
  return (await parametersFor(ctx, 'risk-compensation', onDate)) as RiskCompensationParams;
}

/** The parameters and the epidemic period's end on a date, from one read of the overrides. */
async function policyOn(ctx: AppContext, onDate: string): Promise<{ params: RiskCompensationParams; epidemicEnd: string | null }> {
  const { params, period } = await policyFor(ctx, 'risk-compensation', onDate);
  return { params: params as RiskCompensationParams, epidemicEnd: period.end };
}

/** The window of a month on `today`, computed from its closing day. */
function windowOf(calendar: Calendar, month: string, closesOn: string, today: string, submitting: boolean): RiskCompensationWindowView {
  const message = checkRiskCompensationWindow(month, closesOn, today, submitting);
  const s = calendar.deadlineStatus(closesOn, today);
  return { month, closesOn, open: message === null, remainingWorkingDays: s.overdue ? 0 : s.remainingWorkingDays, message, today };
}

const todayOf = (ctx: AppContext) => shanghaiDateOf(ctx.clock.now());

function requireBank(user: AuthUser): void {
  if (user.organisation.kind !== 'bank') throw forbidden('只有银行可以登记贷款和提出补偿申请');
}

// ------------------------------------------------------------------ loans

type LoanRow = Awaited<ReturnType<ReturnType<typeof loanSelect>['execute']>>[number];
const loanSelect = (ctx: AppContext, scope: DataScope) => loansIn(ctx.db, scope).select(LOAN_COLUMNS);

function toLoanView(r: LoanRow): RiskCompensationLoanView {
  return {
    id: r.id, bankOrgId: r.bank_org_id, bankName: r.bank_name, contractNo: r.contract_no, borrowerUscc: r.borrower_uscc, borrowerName: r.borrower_name,
    borrowerRegionCode: r.borrower_region_code, borrowerCityCode: r.borrower_region_code ? cityCodeOf(r.borrower_region_code) : null,
    borrowerSizeClass: r.borrower_size_class, amountFen: Number(r.amount_fen), startOn: r.start_on, maturityOn: r.maturity_on, annualRatePpm: r.annual_rate_ppm,
    loanType: r.loan_type, nonPerformingOn: r.non_performing_on, nonPerformingPrincipalFen: Number(r.np_principal_fen), eligible: r.eligible === 1,
    eligibilityReasons: JSON.parse(r.eligibility_json) as string[], claimId: r.claim_case_id, source: r.source, createdAt: r.created_at, version: r.version,
  };
}

const borrowerFacts = (b: { size_class: string | null; region_code: string; industry_section: string | null } | undefined): RiskCompensationBorrowerFacts | null =>
  b ? { sizeClass: b.size_class as SizeClass | null, regionCode: b.region_code, industrySection: b.industry_section } : null;

/** A loan input checked and decided: the row to insert, or the field problems. */
export interface CheckedLoan {
  problems: { field: string; message: string }[];
  row?: Parameters<typeof insertLoans>[1][number];
  reasons: string[];
}

/**
 * Checks loan inputs of one bank against each other, the registry and the policy, and returns the
 * rows to insert. Reads only (call before a transaction). Unknown borrowers and duplicate
 * contracts are problems (nothing stored); policy refusals are stored with their reasons.
 */
export async function checkLoans(ctx: AppContext, user: AuthUser, inputs: readonly RiskCompensationLoanInput[], source: string): Promise<CheckedLoan[]> {
  const { params, epidemicEnd } = await policyOn(ctx, todayOf(ctx));
  const borrowers = await borrowersByUscc(ctx.db, inputs.map((i) => i.borrowerUscc));
  const existing = await existingContracts(ctx.db, user.organisation.id, inputs.map((i) => i.contractNo));
  const seen = new Set<string>();
  const at = ctx.clock.now().toISOString();
  return inputs.map((i) => {
    const facts = { startOn: i.startOn, maturityOn: i.maturityOn, loanType: i.loanType, nonPerformingOn: i.nonPerformingOn, amountFen: i.amountFen, nonPerformingPrincipalFen: i.nonPerformingPrincipalFen };
    const problems = checkRiskCompensationLoanConsistency(facts);
    const dup = existing.get(i.contractNo);
    if (dup !== undefined) problems.push({ field: 'contractNo', message: `合同编号 ${i.contractNo} 已登记（贷款 #${dup}），请勿重复登记` });
    else if (seen.has(i.contractNo)) problems.push({ field: 'contractNo', message: `合同编号 ${i.contractNo} 在本次提交中重复` });
    seen.add(i.contractNo);
    const b = borrowers.get(i.borrowerUscc);
    if (!b) problems.push({ field: 'borrowerUscc', message: `借款企业 ${i.borrowerUscc} 不在企业库中：请先由所在地工信部门导入或由企业注册，再登记该笔贷款` });
    if (problems.length) return { problems, reasons: [] };
    const e = checkRiskCompensationEligibility(facts, borrowerFacts(b), params, epidemicEnd, null);
    return {
      problems, reasons: e.reasons,
      row: {
        bank_org_id: user.organisation.id, contract_no: i.contractNo, borrower_uscc: i.borrowerUscc, borrower_name: b!.name, borrower_region_code: b!.region_code,
        borrower_size_class: b!.size_class, amount_fen: i.amountFen, start_on: i.startOn, maturity_on: i.maturityOn, annual_rate_ppm: i.annualRatePpm,
        loan_type: i.loanType, non_performing_on: i.nonPerformingOn, non_performing_month: riskCompensationMonthOf(i.nonPerformingOn),
        np_principal_fen: i.nonPerformingPrincipalFen, eligible: e.eligible ? 1 : 0, eligibility_json: JSON.stringify(e.reasons), claim_case_id: null,
        source, created_by: user.id, created_at: at, updated_at: at,
      },
    };
  });
}

/**
 * Registers one loan of the user's bank (form or API) with its eligibility and reasons.
 * @throws 400 naming the field for inconsistent facts or an unknown borrower; 409 for a duplicate contract.
 */
export async function registerLoan(ctx: AppContext, user: AuthUser, actor: Actor, input: RiskCompensationLoanInput): Promise<RiskCompensationLoanView> {
  requireBank(user);
  const [checked] = await checkLoans(ctx, user, [input], 'form');
  const p = checked!.problems[0];
  if (p) {
    const details = checked!.problems.map((x) => ({ path: x.field, message: x.message }));
    if (p.message.includes('已登记')) throw conflict(p.message, details, 'DUPLICATE');
    throw badRequest(`${p.field}：${p.message}`, details, 'VALIDATION_FAILED');
  }
  const id = await inTransaction(ctx, actor, async (tx) => {
    const { id } = await tx.db.insertInto('risk_compensation_loan').values(checked!.row!).returning('id').executeTakeFirstOrThrow();
    await tx.audit({ action: `${M}.loan_registered`, entityType: 'risk_compensation_loan', entityId: id, after: { ...input, eligible: checked!.reasons.length === 0, reasons: checked!.reasons } });
    return id;
  });
  return getLoan(ctx, user, id);
}

/** Writes checked loan rows in one transaction (Excel confirmation); returns how many. */
export async function writeLoans(ctx: AppContext, actor: Actor, rows: NonNullable<CheckedLoan['row']>[], audit: { uploadId: number }): Promise<number> {
  return inTransaction(ctx, actor, async (tx) => {
    await insertLoans(tx.db, rows);
    await tx.db.updateTable('risk_compensation_upload').set({ status: 'confirmed', confirmed_at: tx.now.toISOString(), written_rows: rows.length }).where('id', '=', audit.uploadId).execute();
    await tx.audit({ action: `${M}.loans_imported`, entityType: 'risk_compensation_upload', entityId: audit.uploadId, after: { rows: rows.length, contracts: rows.slice(0, 50).map((r) => r.contract_no) } });
    return rows.length;
  });
}

/** One loan the user may see. @throws 404 otherwise. */
export async function getLoan(ctx: AppContext, user: AuthUser, id: number): Promise<RiskCompensationLoanView> {
  const r = await loanSelect(ctx, dataScope(user)).where('l.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('贷款');
  return toLoanView(r);
}

/** The loans a query selects within the user's scope (the base of the list and its export). */
export function searchLoans(ctx: AppContext, user: AuthUser, q: Omit<RiskCompensationLoanQuery, 'page' | 'pageSize'>) {
  let base = loansIn(ctx.db, dataScope(user));
  if (q.q) base = base.where((eb) => eb.or([containsText('l.contract_no', q.q!), containsText('l.borrower_name', q.q!), eb('l.borrower_uscc', '=', q.q!.toUpperCase())]));
  if (q.eligible) base = base.where('l.eligible', '=', q.eligible === 'true' ? 1 : 0);
  if (q.claimed) base = base.where('l.claim_case_id', q.claimed === 'true' ? 'is not' : 'is', null);
  if (q.month) base = base.where('l.non_performing_month', '=', q.month);
  return base;
}

/** A page of loans. */
export async function listLoans(ctx: AppContext, user: AuthUser, q: RiskCompensationLoanQuery) {
  const { page, pageSize, ...filters } = q;
  const r = await paginate(searchLoans(ctx, user, filters), (b) => b.select(LOAN_COLUMNS).orderBy('l.id', 'desc'), page, pageSize);
  return { ...r, items: r.items.map(toLoanView) };
}

/** Every loan of a query (export), capped. */
export async function allLoans(ctx: AppContext, user: AuthUser, q: Omit<RiskCompensationLoanQuery, 'page' | 'pageSize'>, limit: number) {
  return (await searchLoans(ctx, user, q).select(LOAN_COLUMNS).orderBy('l.id', 'desc').limit(limit).execute()).map(toLoanView);
}

// ------------------------------------------------------------------ claims

/** The submission window of a month as it stands today (申报截止 …，剩余 N 个工作日). */
export async function claimWindow(ctx: AppContext, month: string, submitting = true): Promise<RiskCompensationWindowView> {
  const calendar = await getCalendar(ctx);
  const params = await riskCompensationParams(ctx);
  return windowOf(calendar, month, riskCompensationClaimWindowClosesOn(calendar, month, params), todayOf(ctx), submitting);
}

function claimTitle(bankName: string, month: string): string {
  return `${bankName} ${monthZh(month)}贷款风险补偿申请`;
}

/**
 * Opens the bank's claim of a month with its loans (default: every eligible, unclaimed loan
 * recognised as non-performing in the month), computing each item's compensation. Idempotent by
 * `idempotencyKey`; a second claim of the bank for the month is refused naming the first.
 * @throws 422 when the window has closed (naming the date) or a loan may not be claimed (with reasons).
 */
export async function createClaim(ctx: AppContext, user: AuthUser, actor: Actor, input: RiskCompensationClaimInput): Promise<{ claim: RiskCompensationClaimView; created: boolean }> {
  requireBank(user);
  const bankId = user.organisation.id;
  const existing = await findClaimOfMonth(ctx.db, bankId, input.month);
  if (existing) {
    if (existing.idempotency_key === input.idempotencyKey) return { claim: await getClaim(ctx, user, existing.case_id), created: false };
    throw conflict(`本行${monthZh(input.month)}的补偿申请已存在（申请 #${existing.case_id}），每家银行每月只能提出一次申请，请在该申请中办理`, { existingClaimId: existing.case_id }, 'DUPLICATE');
  }
  const today = todayOf(ctx);
  const calendar = await getCalendar(ctx);
  const { params, epidemicEnd } = await policyOn(ctx, today);
  const window = windowOf(calendar, input.month, riskCompensationClaimWindowClosesOn(calendar, input.month, params), today, false);
  if (!window.open) throw unprocessable(window.message!, { field: 'month', closesOn: window.closesOn }, 'WINDOW_CLOSED');
  let loans = input.loanIds
    ? await loanSelect(ctx, dataScope(user)).where('l.bank_org_id', '=', bankId).where('l.id', 'in', input.loanIds).execute()
    : await loanSelect(ctx, dataScope(user)).where('l.bank_org_id', '=', bankId).where('l.non_performing_month', '=', input.month)
      .where('l.claim_case_id', 'is', null).where('l.eligible', '=', 1).orderBy('l.id').execute();
  if (input.loanIds) {
    const found = new Set(loans.map((l) => l.id));
    const missing = [...new Set(input.loanIds)].filter((id) => !found.has(id));
    if (missing.length) throw badRequest(`贷款 #${missing.join('、#')} 不存在或不是本行登记的贷款`, missing.map((id) => ({ path: 'loanIds', message: `贷款 #${id} 不存在` })), 'VALIDATION_FAILED');
    loans = [...new Map(loans.map((l) => [l.id, l])).values()].sort((a, b) => a.id - b.id);
  }
  if (loans.length === 0) throw unprocessable(`本行没有${monthZh(input.month)}认定为不良、符合条件且尚未申请补偿的贷款，请先登记贷款`, { field: 'loanIds' }, 'NO_LOANS');
  // Eligibility again, with today's registry and epidemic period: a borrower may have been re-classified since registration.
  const borrowers = await borrowersByUscc(ctx.db, loans.map((l) => l.borrower_uscc));
  const refused: { loanId: number; contractNo: string; reasons: string[] }[] = [];
  for (const l of loans) {
    const reasons: string[] = [];
    if (l.non_performing_month !== input.month) reasons.push(`认定不良日期为 ${l.non_performing_on}，不属于${monthZh(input.month)}，应在该月的申请中申报`);
    const e = checkRiskCompensationEligibility(
      { startOn: l.start_on, maturityOn: l.maturity_on, loanType: l.loan_type, nonPerformingOn: l.non_performing_on, amountFen: Number(l.amount_fen), nonPerformingPrincipalFen: Number(l.np_principal_fen) },
      borrowerFacts(borrowers.get(l.borrower_uscc)), params, epidemicEnd, l.claim_case_id ? `申请 #${l.claim_case_id}` : null,
    );
    reasons.push(...e.reasons);
    if (reasons.length) refused.push({ loanId: l.id, contractNo: l.contract_no, reasons });
  }
  if (refused.length) {
    const first = refused[0]!;
    throw unprocessable(`${refused.length} 笔贷款不能申请补偿：合同 ${first.contractNo}：${first.reasons[0]}`, refused, 'INELIGIBLE');
  }
  const already = params.perBankCapFen === null ? 0 : await bankCompensatedFen(ctx.db, bankId);
  const amounts = computeRiskCompensationAmounts(loans.map((l) => Number(l.np_principal_fen)), params, already);
  const principalFen = loans.reduce((s, l) => s + Number(l.np_principal_fen), 0);
  const claimedFen = amounts.reduce((s, a) => s + a.compensationFen, 0);
  const bankName = user.organisation.name;
  try {
    const { case: c, created } = await createCase(ctx, actor, {
      measure: M, idempotencyKey: input.idempotencyKey, ownerOrgId: bankId, regionCode: user.organisation.regionCode, title: claimTitle(bankName, input.month),
      data: { month: input.month, windowClosesOn: window.closesOn, bankOrgId: bankId, itemCount: loans.length, principalFen, claimedFen },
      params: params as unknown as Record<string, unknown>,
    }, {
      afterInsert: async (tx, c) => {
        const at = tx.now.toISOString();
        await tx.db.insertInto('risk_compensation_claim').values({
          case_id: c.id, bank_org_id: bankId, month: input.month, window_closes_on: window.closesOn, item_count: loans.length, principal_fen: principalFen,
          claimed_fen: claimedFen, approved_fen: null, submitted_on: null, plan_id: null, created_at: at,
        }).execute();
        await insertItems(tx.db, loans.map((l, i) => ({
          case_id: c.id, loan_id: l.id, bank_org_id: bankId, city_code: cityCodeOf(l.borrower_region_code ?? '370000'), principal_fen: Number(l.np_principal_fen),
          claimed_fen: amounts[i]!.compensationFen, basis: amounts[i]!.basis, outcome: 'pending', approved_fen: null, reason: null, decided_by: null, decided_at: null, disbursed_on: null,
        })));
        const marked = await markLoansClaimed(tx.db, loans.map((l) => l.id), c.id, at);
        if (marked !== loans.length) throw conflict('所选贷款中有贷款刚刚被其他申请占用，请刷新后重试', null, 'DUPLICATE');
        await tx.audit({ action: `${M}.claim_opened`, entityType: 'case', entityId: c.id, after: { month: input.month, items: loans.length, principalFen, claimedFen } });
      },
    });
    return { claim: await getClaim(ctx, user, c.id), created };
  } catch (err) {
    // A racing claim of the same bank and month lost on the unique index: name the winner.
    const winner = await findClaimOfMonth(ctx.db, bankId, input.month);
    if (winner && !(err instanceof AppError)) throw conflict(`本行${monthZh(input.month)}的补偿申请已存在（申请 #${winner.case_id}）`, { existingClaimId: winner.case_id }, 'DUPLICATE');
    throw err;
  }
}

type ClaimRow = Awaited<ReturnType<ReturnType<typeof claimSelect>['execute']>>[number];
const claimSelect = (ctx: AppContext, scope: DataScope, orgId: number) => claimsIn(ctx.db, scope, orgId).select(CLAIM_COLUMNS);

function toClaimSummary(r: ClaimRow): RiskCompensationClaimSummary {
  return {
    id: r.case_id, month: r.month, bankOrgId: r.bank_org_id, bankName: r.bank_name, state: r.state, stateLabel: riskCompensationWorkflow.states[r.state]?.label ?? r.state,
    itemCount: r.item_count, principalFen: Number(r.principal_fen), claimedFen: Number(r.claimed_fen), approvedFen: r.approved_fen === null ? null : Number(r.approved_fen),
    windowClosesOn: r.window_closes_on, submittedOn: r.submitted_on, planId: r.plan_id, dueOn: r.closed_at ? null : r.due_on, overdue: r.overdue_since !== null && r.closed_at === null,
    version: r.version, createdAt: r.created_at,
  };
}

function toItemView(i: Awaited<ReturnType<typeof itemsOfClaims>>[number]): RiskCompensationItemView {
  return {
    id: i.id, loanId: i.loan_id, contractNo: i.contract_no, borrowerUscc: i.borrower_uscc, borrowerName: i.borrower_name ?? '', cityCode: i.city_code, cityName: cityName(i.city_code),
    loanType: i.loan_type, startOn: i.start_on, nonPerformingOn: i.non_performing_on, principalFen: Number(i.principal_fen), claimedFen: Number(i.claimed_fen), basis: i.basis,
    outcome: i.outcome as RiskCompensationItemView['outcome'], approvedFen: i.approved_fen === null ? null : Number(i.approved_fen), reason: i.reason, disbursedOn: i.disbursed_on,
  };
}

/** A claim the user may see, with its items, its case summary and its window. @throws 404 otherwise. */
export async function getClaim(ctx: AppContext, user: AuthUser, id: number): Promise<RiskCompensationClaimView> {
  const c = await getCaseForUser(ctx, user, id);
  if (c.measure !== M) throw notFound('补偿申请');
  // Visibility was decided on the case above (owner, holder, region or scope).
  const row = await claimSelect(ctx, { provinceWide: true, pathPrefix: '/', regionPrefix: null }, user.organisation.id).where('rc.case_id', '=', id).executeTakeFirst();
  if (!row) throw notFound('补偿申请');
  const calendar = await getCalendar(ctx);
  const [summary] = await summarise(ctx.db, calendar, ctx.clock.now(), user.organisation.id, [c]);
  const items = await itemsOfClaims(ctx.db, [id]);
  const window = windowOf(calendar, row.month, row.window_closes_on, todayOf(ctx), true);
  const params = JSON.parse(c.params_json) as { compensationRatioPpm?: number };
  return {
    ...toClaimSummary(row), case: summary!, items: items.map(toItemView), ratioPpm: params.compensationRatioPpm ?? 0,
    window: { closesOn: row.window_closes_on, open: window.open, remainingWorkingDays: window.remainingWorkingDays, message: window.message },
  };
}

/** The claims a query selects within the user's scope. */
export function searchClaims(ctx: AppContext, user: AuthUser, q: Omit<RiskCompensationClaimQuery, 'page' | 'pageSize'>) {
  let base = claimsIn(ctx.db, dataScope(user), user.organisation.id);
  if (q.month) base = base.where('rc.month', '=', q.month);
  if (q.state) base = base.where('c.state', '=', q.state);
  if (q.q) base = base.where(containsText('b.name', q.q));
  return base;
}

/** A page of claims, newest month first. */
export async function listClaims(ctx: AppContext, user: AuthUser, q: RiskCompensationClaimQuery) {
  const { page, pageSize, ...filters } = q;
  const r = await paginate(searchClaims(ctx, user, filters), (b) => b.select(CLAIM_COLUMNS).orderBy('rc.month', 'desc').orderBy('rc.case_id', 'desc'), page, pageSize);
  return { ...r, items: r.items.map(toClaimSummary) };
}

/** Every claim of a query (export). */
export async function allClaims(ctx: AppContext, user: AuthUser, q: Omit<RiskCompensationClaimQuery, 'page' | 'pageSize'>, limit: number) {
  return (await searchClaims(ctx, user, q).select(CLAIM_COLUMNS).orderBy('rc.month', 'desc').orderBy('rc.case_id', 'desc').limit(limit).execute()).map(toClaimSummary);
}

async function claimCase(ctx: AppContext, user: AuthUser, id: number): Promise<WorkflowCase> {
  const c = await getCaseForUser(ctx, user, id);
  if (c.measure !== M) throw notFound('补偿申请');
  return c;
}

/**
 * Submits the claim to 省财金集团 (first submission only within the window: the engine's guard
 * refuses it after 24:00 of the closing day, naming the date).
 */
export async function submitClaim(ctx: AppContext, user: AuthUser, actor: Actor, id: number, version: number): Promise<RiskCompensationClaimView> {
  await claimCase(ctx, user, id);
  const today = todayOf(ctx);
  await transition(ctx, user, actor, id, 'submit', { version, data: { today } }, {
    fromMeasure: true,
    apply: async (tx) => {
      const claim = await tx.db.selectFrom('risk_compensation_claim').select('submitted_on').where('case_id', '=', id).executeTakeFirstOrThrow();
      if (claim.submitted_on) return {};
      await tx.db.updateTable('risk_compensation_claim').set({ submitted_on: today }).where('case_id', '=', id).execute();
      return { submittedOn: today };
    },
  });
  return getClaim(ctx, user, id);
}

/**
 * 省财金集团's preliminary review: a decision on every item (approve, cut with amount and reason,
 * refuse with reason), then the claim goes to 省工信厅. @throws 400 naming the decision at fault.
 */
export async function fgReview(ctx: AppContext, user: AuthUser, actor: Actor, id: number, body: RiskCompensationFgReviewBody): Promise<RiskCompensationClaimView> {
  const c = await claimCase(ctx, user, id);
  if (c.state !== 'fg_review') throw conflict(`当前状态为「${riskCompensationWorkflow.states[c.state]?.label ?? c.state}」，不能初审`, { state: c.state, version: c.version }, 'ILLEGAL_TRANSITION');
  const items = await itemsOfClaims(ctx.db, [id]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const decided = new Map<number, { outcome: string; approvedFen: number; reason: string | null }>();
  body.decisions.forEach((d, n) => {
    const item = byId.get(d.itemId);
    if (!item) throw badRequest(`decisions.${n}.itemId：第 ${d.itemId} 项不属于本申请`, [{ path: `decisions.${n}.itemId`, message: '不属于本申请' }], 'VALIDATION_FAILED');
    if (decided.has(d.itemId)) throw badRequest(`decisions.${n}.itemId：合同 ${item.contract_no} 重复审核`, [{ path: `decisions.${n}.itemId`, message: '重复' }], 'VALIDATION_FAILED');
    const r = resolveRiskCompensationDecision(Number(item.claimed_fen), d);
    if ('error' in r) throw badRequest(`decisions.${n}：合同 ${item.contract_no}：${r.error}`, [{ path: `decisions.${n}`, message: r.error }], 'VALIDATION_FAILED');
    decided.set(d.itemId, { outcome: d.outcome, approvedFen: r.approvedFen, reason: d.reason?.trim() || null });
  });
  const missing = items.filter((i) => !decided.has(i.id));
  if (missing.length) throw badRequest(`还有 ${missing.length} 笔未审核（合同 ${missing.slice(0, 3).map((m) => m.contract_no).join('、')}），请逐笔审核`, missing.map((m) => ({ path: 'decisions', message: `合同 ${m.contract_no} 未审核` })), 'VALIDATION_FAILED');
  const approvedFen = [...decided.values()].reduce((s, d) => s + d.approvedFen, 0);
  if (approvedFen === 0) throw unprocessable('全部贷款均不予补偿：请使用「不予补偿」办理并说明理由', null, 'ALL_REFUSED');
  const counts = { approved: 0, cut: 0, refused: 0 } as Record<string, number>;
  for (const d of decided.values()) counts[d.outcome] = (counts[d.outcome] ?? 0) + 1;
  await transition(ctx, user, actor, id, 'fg-approve', { version: body.version, comment: body.comment, data: { approvedFen, ...counts } }, {
    fromMeasure: true,
    apply: async (tx) => {
      const at = tx.now.toISOString();
      for (const [itemId, d] of decided) {
        await tx.db.updateTable('risk_compensation_item').set({ outcome: d.outcome, approved_fen: d.approvedFen, reason: d.reason, decided_by: user.id, decided_at: at })
          .where('id', '=', itemId).where('case_id', '=', id).execute();
      }
      await tx.db.updateTable('risk_compensation_claim').set({ approved_fen: approvedFen }).where('case_id', '=', id).execute();
      await tx.audit({ action: `${M}.items_decided`, entityType: 'case', entityId: id, after: { approvedFen, ...counts, decisions: [...decided].slice(0, 200).map(([k, v]) => ({ itemId: k, ...v })) } });
      return { approvedFen };
    },
  });
  return getClaim(ctx, user, id);
}

/** 省工信厅's re-review on the fast track: the FG result is confirmed and the claim awaits a plan. */
export async function deptReview(ctx: AppContext, user: AuthUser, actor: Actor, id: number, body: { version: number; comment?: string | undefined }): Promise<RiskCompensationClaimView> {
  await claimCase(ctx, user, id);
  await transition(ctx, user, actor, id, 'dept-approve', { version: body.version, comment: body.comment }, {
    fromMeasure: true,
    apply: async (tx) => {
      const pending = await tx.db.selectFrom('risk_compensation_item').select('id').where('case_id', '=', id).where('outcome', '=', 'pending').executeTakeFirst();
      if (pending) throw conflict('该申请还有未经初审的贷款，请退回省财金集团初审', null, 'ITEMS_PENDING');
      return {};
    },
  });
  return getClaim(ctx, user, id);
}

// ------------------------------------------------------------------ disbursement plans

async function planItems(ctx: AppContext, claimIds: readonly number[]) {
  const items = await itemsOfClaims(ctx.db, claimIds);
  return items.filter((i) => i.outcome === 'approved' || i.outcome === 'cut').map((i) => ({
    bankOrgId: i.bank_org_id, bankName: i.bank_name, cityCode: i.city_code, cityName: cityName(i.city_code),
    principalFen: Number(i.principal_fen), claimedFen: Number(i.claimed_fen), approvedFen: Number(i.approved_fen ?? 0),
  }));
}

async function approvedClaims(ctx: AppContext, claimIds: readonly number[]) {
  const ids = [...new Set(claimIds)];
  const rows = await ctx.db.selectFrom('risk_compensation_claim as rc').innerJoin('workflow_case as c', 'c.id', 'rc.case_id')
    .select(['rc.case_id', 'rc.plan_id', 'c.state', 'c.version']).where('rc.case_id', 'in', ids).execute();
  const found = new Map(rows.map((r) => [r.case_id, r]));
  for (const id of ids) {
    const r = found.get(id);
    if (!r) throw badRequest(`申请 #${id} 不存在`, [{ path: 'claimIds', message: `申请 #${id} 不存在` }], 'VALIDATION_FAILED');
    if (r.state !== 'approved' || r.plan_id !== null) {
      throw unprocessable(`申请 #${id} 当前为「${riskCompensationWorkflow.states[r.state]?.label ?? r.state}」${r.plan_id ? `，已列入拨付计划` : ''}，只有复核通过、尚未列入计划的申请可以列入拨付计划`, { claimId: id }, 'NOT_APPROVED');
    }
  }
  return ids;
}

function requireDept(user: AuthUser): void {
  if (user.organisation.kind !== 'department') throw forbidden('拨付计划由省工信厅编制和下达');
}

/** The totals a plan of these approved claims would have (per bank × city, per bank, per city). */
export async function previewPlan(ctx: AppContext, user: AuthUser, claimIds: readonly number[]) {
  requireDept(user);
  const ids = await approvedClaims(ctx, claimIds);
  return aggregateRiskCompensationPlan(await planItems(ctx, ids));
}

/**
 * Issues a 拨付计划 of approved claims: a numbered, dated document (immutable once issued); the
 * claims move to 已列入拨付计划. Idempotent by key.
 */
export async function issuePlan(ctx: AppContext, user: AuthUser, actor: Actor, input: { claimIds: number[]; idempotencyKey: string }): Promise<RiskCompensationPlanView> {
  requireDept(user);
  const prior = await ctx.db.selectFrom('risk_compensation_plan').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
  if (prior) return getPlan(ctx, user, prior.id);
  const ids = await approvedClaims(ctx, input.claimIds);
  const agg = aggregateRiskCompensationPlan(await planItems(ctx, ids));
  const today = todayOf(ctx);
  const year = Number(today.slice(0, 4));
  const planId = await inTransaction(ctx, actor, async (tx) => {
    const count = await tx.db.selectFrom('risk_compensation_plan').select((eb) => eb.fn.countAll<number>().as('n')).where('issued_on', 'like', `${year}-%`).executeTakeFirstOrThrow();
    const planNo = riskCompensationPlanNumber(year, Number(count.n) + 1);
    const { id } = await tx.db.insertInto('risk_compensation_plan').values({
      plan_no: planNo, title: `省级风险补偿资金拨付计划（${formatDateZh(today)}）`, status: 'issued', issued_on: today, paid_on: null, total_fen: agg.totals.approvedFen,
      idempotency_key: input.idempotencyKey, created_by: user.id, created_at: tx.now.toISOString(), paid_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    const r = await tx.db.updateTable('risk_compensation_claim').set({ plan_id: id }).where('case_id', 'in', ids).where('plan_id', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== ids.length) throw conflict('所选申请中有申请刚刚被列入其他拨付计划，请刷新后重试', null, 'CONFLICT');
    await tx.audit({ action: `${M}.plan_issued`, entityType: 'risk_compensation_plan', entityId: id, after: { planNo, claimIds: ids, totals: agg.totals } });
    return id;
  });
  await moveClaimsOfPlan(ctx, user, actor, planId, 'approved', 'plan');
  return getPlan(ctx, user, planId);
}

/** Moves the plan's claims still in `from` by `action`, one engine transition each (a retry finishes an interrupted run). */
async function moveClaimsOfPlan(ctx: AppContext, user: AuthUser, actor: Actor, planId: number, from: string, action: 'plan' | 'pay'): Promise<void> {
  const claims = await ctx.db.selectFrom('risk_compensation_claim as rc').innerJoin('workflow_case as c', 'c.id', 'rc.case_id')
    .select(['c.id', 'c.version']).where('rc.plan_id', '=', planId).where('c.state', '=', from).orderBy('c.id').execute();
  for (const c of claims) await transition(ctx, user, actor, c.id, action, { version: c.version, data: { planId } }, { fromMeasure: true });
}

/**
 * Marks an issued plan paid: its approved items become disbursed on `paidOn` and its claims 已拨付.
 * @throws 409 on a stale version or a plan already paid.
 */
export async function markPlanPaid(ctx: AppContext, user: AuthUser, actor: Actor, id: number, body: { version: number; paidOn?: string | undefined }): Promise<RiskCompensationPlanView> {
  requireDept(user);
  const plan = await ctx.db.selectFrom('risk_compensation_plan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!plan) throw notFound('拨付计划');
  const paidOn = body.paidOn ?? todayOf(ctx);
  if (paidOn < plan.issued_on) throw badRequest(`拨付日期不能早于计划下达日期${formatDateZh(plan.issued_on)}`, [{ path: 'paidOn', message: '早于下达日期' }], 'VALIDATION_FAILED');
  if (plan.status === 'paid') throw conflict(`拨付计划 ${plan.plan_no} 已于 ${plan.paid_on} 标记为已拨付`, { version: plan.version }, 'ILLEGAL_TRANSITION');
  if (plan.version !== body.version) throw conflict(`拨付计划已被他人修改（版本 ${plan.version}），请刷新后重试`, { version: plan.version }, 'STALE_VERSION');
  await inTransaction(ctx, actor, async (tx) => {
    const r = await tx.db.updateTable('risk_compensation_plan').set({ status: 'paid', paid_on: paidOn, paid_at: tx.now.toISOString(), version: plan.version + 1 })
      .where('id', '=', id).where('version', '=', plan.version).where('status', '=', 'issued').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict('拨付计划已被他人修改，请刷新后重试', null, 'STALE_VERSION');
    const claimIds = (await tx.db.selectFrom('risk_compensation_claim').select('case_id').where('plan_id', '=', id).execute()).map((c) => c.case_id);
    if (claimIds.length) {
      await tx.db.updateTable('risk_compensation_item').set({ disbursed_on: paidOn }).where('case_id', 'in', claimIds).where('outcome', 'in', ['approved', 'cut']).execute();
    }
    await tx.audit({ action: `${M}.plan_paid`, entityType: 'risk_compensation_plan', entityId: id, before: { status: 'issued' }, after: { status: 'paid', paidOn } });
  });
  await moveClaimsOfPlan(ctx, user, actor, id, 'planned', 'pay');
  return getPlan(ctx, user, id);
}

function canReadPlans(user: AuthUser): boolean {
  return ['department', 'finance-group', 'province'].includes(user.organisation.kind);
}

/** One plan with its rows and totals (省工信厅, 省财金集团 and the province read plans). */
export async function getPlan(ctx: AppContext, user: AuthUser, id: number): Promise<RiskCompensationPlanView> {
  if (!canReadPlans(user)) throw notFound('拨付计划');
  const plan = await ctx.db.selectFrom('risk_compensation_plan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!plan) throw notFound('拨付计划');
  const claimIds = (await ctx.db.selectFrom('risk_compensation_claim').select('case_id').where('plan_id', '=', id).orderBy('case_id').execute()).map((c) => c.case_id);
  const agg = aggregateRiskCompensationPlan(await planItems(ctx, claimIds));
  return {
    ...agg, id: plan.id, planNo: plan.plan_no, title: plan.title, status: plan.status as 'issued' | 'paid', issuedOn: plan.issued_on, paidOn: plan.paid_on,
    claimIds, version: plan.version,
  };
}

/** Plans, newest first. */
export async function listPlans(ctx: AppContext, user: AuthUser, q: { page: number; pageSize: number; status?: 'issued' | 'paid' | undefined }) {
  if (!canReadPlans(user)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  let base = ctx.db.selectFrom('risk_compensation_plan');
  if (q.status) base = base.where('status', '=', q.status);
  const page = await paginate(base, (b) => b.select('id').orderBy('id', 'desc'), q.page, q.pageSize);
  const items = [];
  for (const p of page.items) {
    const { rows: _rows, byBank: _b, byCity: _c, ...summary } = await getPlan(ctx, user, p.id);
    items.push(summary);
  }
  return { ...page, items };
}

// ------------------------------------------------------------------ dashboard

/**
 * The province's (or a city's) view: claims by state, amounts, time taken per stage in working
 * days and the on-time rate (FG 10, DEPT 1 working days, from each claim's parameters), by bank
 * and by city (the borrower's). A city sees the items of its borrowers; a bank its own claims.
 */
export async function dashboard(ctx: AppContext, user: AuthUser, q: { from?: string | undefined; to?: string | undefined }): Promise<RiskCompensationDashboardView> {
  const scope = dataScope(user);
  let claims = ctx.db.selectFrom('risk_compensation_claim as rc').innerJoin('workflow_case as c', 'c.id', 'rc.case_id').innerJoin('organisation as b', 'b.id', 'rc.bank_org_id');
  if (!scope.provinceWide) {
    claims = user.organisation.kind === 'bank'
      ? claims.where('b.path', 'like', `${scope.pathPrefix}%`)
      : claims.where((eb) => eb.exists(eb.selectFrom('risk_compensation_item as ii').select('ii.id').whereRef('ii.case_id', '=', 'rc.case_id').where('ii.city_code', 'like', `${scope.regionPrefix ?? '--'}%`)));
  }
  if (q.from) claims = claims.where('rc.month', '>=', q.from);
  if (q.to) claims = claims.where('rc.month', '<=', q.to);
  const rows = await claims.select(['rc.case_id', 'rc.bank_org_id', 'b.name as bank_name', 'rc.month', 'c.state', 'c.params_json', 'c.overdue_since', 'c.closed_at']).execute();
  const ids = rows.map((r) => r.case_id);
  let items = await itemsOfClaims(ctx.db, ids);
  if (!scope.provinceWide && user.organisation.kind !== 'bank') items = items.filter((i) => i.city_code.startsWith(scope.regionPrefix ?? '--'));
  const events = ids.length ? await ctx.db.selectFrom('case_event').select(['case_id', 'action', 'at']).where('case_id', 'in', ids).orderBy('id').execute() : [];
  const calendar = await getCalendar(ctx);
  const stateOf = new Map(rows.map((r) => [r.case_id, r.state]));
  const reviewed = new Set(['approved', 'planned', 'disbursed']);
  const byState = new Map<string, number>();
  for (const r of rows) byState.set(r.state, (byState.get(r.state) ?? 0) + 1);

  const stages = { fg: { done: 0, onTime: 0, days: 0 }, dept: { done: 0, onTime: 0, days: 0 } };
  const paramsOf = new Map(rows.map((r) => [r.case_id, JSON.parse(r.params_json) as { fgReviewWorkingDays?: number; deptRecheckWorkingDays?: number }]));
  const started = new Map<number, { fg?: string; dept?: string }>();
  for (const e of events) {
    const day = shanghaiDateOf(e.at);
    const s = started.get(e.case_id) ?? {};
    const p = paramsOf.get(e.case_id) ?? {};
    if (e.action === 'submit' || e.action === 'dept-return') s.fg = day;
    else if (e.action.startsWith('fg-') && s.fg) {
      const due = calendar.addWorkingDays(s.fg, p.fgReviewWorkingDays ?? 10);
      stages.fg.done += 1;
      if (day <= due) stages.fg.onTime += 1;
      stages.fg.days += calendar.workingDaysBetween(s.fg, day);
      s.fg = undefined;
      if (e.action === 'fg-approve') s.dept = day;
    } else if (e.action.startsWith('dept-') && s.dept) {
      const due = calendar.addWorkingDays(s.dept, p.deptRecheckWorkingDays ?? 1);
      stages.dept.done += 1;
      if (day <= due) stages.dept.onTime += 1;
      stages.dept.days += calendar.workingDaysBetween(s.dept, day);
      s.dept = undefined;
    }
    started.set(e.case_id, s);
  }
  const stage = (key: 'fg' | 'dept', label: string) => ({
    stage: key, label, done: stages[key].done, onTime: stages[key].onTime,
    onTimeRate: stages[key].done ? stages[key].onTime / stages[key].done : null, avgWorkingDays: stages[key].done ? stages[key].days / stages[key].done : null,
  });

  type Group = { key: string; name: string; claims: Set<number>; items: number; claimedFen: number; approvedFen: number; disbursedFen: number };
  const add = (m: Map<string, Group>, key: string, name: string, i: (typeof items)[number]) => {
    const g = m.get(key) ?? { key, name, claims: new Set<number>(), items: 0, claimedFen: 0, approvedFen: 0, disbursedFen: 0 };
    g.claims.add(i.case_id);
    g.items += 1;
    g.claimedFen += Number(i.claimed_fen);
    const approved = reviewed.has(stateOf.get(i.case_id) ?? '') ? Number(i.approved_fen ?? 0) : 0;
    g.approvedFen += approved;
    if (i.disbursed_on) g.disbursedFen += approved;
    m.set(key, g);
  };
  const banks = new Map<string, Group>();
  const cities = new Map<string, Group>();
  for (const i of items) {
    add(banks, String(i.bank_org_id), i.bank_name, i);
    add(cities, i.city_code, cityName(i.city_code), i);
  }
  const out = (m: Map<string, Group>) => [...m.values()].map(({ claims: c, ...g }) => ({ ...g, claims: c.size })).sort((a, b) => b.claimedFen - a.claimedFen || a.key.localeCompare(b.key));
  const byCity = out(cities).sort((a, b) => a.key.localeCompare(b.key));
  return {
    claims: rows.length,
    byState: Object.entries(riskCompensationWorkflow.states).map(([state, s]) => ({ state, label: s.label, count: byState.get(state) ?? 0 })),
    claimedFen: byCity.reduce((s, g) => s + g.claimedFen, 0),
    approvedFen: byCity.reduce((s, g) => s + g.approvedFen, 0),
    disbursedFen: byCity.reduce((s, g) => s + g.disbursedFen, 0),
    stages: [stage('fg', '省财金集团初审（10 个工作日）'), stage('dept', '省工信厅复核（1 个工作日）')],
    overdueOpen: rows.filter((r) => r.overdue_since !== null && r.closed_at === null).length,
    byBank: out(banks),
    byCity,
  };
}

// ------------------------------------------------------------------ Excel loan uploads

/** The stored report of an upload the user's bank made. @throws 404 otherwise. */
export async function getUpload(ctx: AppContext, user: AuthUser, id: number): Promise<RiskCompensationUploadView> {
  const u = await ctx.db.selectFrom('risk_compensation_upload').selectAll().where('id', '=', id).where('bank_org_id', '=', user.organisation.id).executeTakeFirst();
  if (!u) throw notFound('上传记录');
  const issues = await ctx.db.selectFrom('risk_compensation_upload_issue').selectAll().where('upload_id', '=', id)
    // Errors before warnings, then by row.
    .orderBy((eb) => eb.case().when('severity', '=', 'error').then(0).else(1).end()).orderBy('row_no').orderBy('id').execute();
  return {
    id: u.id, fileName: u.file_name, status: u.status as 'validated' | 'confirmed', totalRows: u.total_rows, validRows: u.valid_rows, errorCount: u.error_count,
    warningCount: u.warning_count, createdAt: u.created_at, confirmedAt: u.confirmed_at, writtenRows: u.written_rows,
    issues: issues.map((i) => ({ rowNo: i.row_no, column: i.column_name, severity: i.severity as 'error' | 'warning', message: i.message })),
  };
}

/**
 * Validates an uploaded loan workbook and stores its report (errors before warnings, row and
 * column named) and its valid rows; nothing is registered until the bank confirms.
 */
export async function uploadLoans(ctx: AppContext, user: AuthUser, actor: Actor, fileName: string, bytes: Buffer): Promise<RiskCompensationUploadView> {
  requireBank(user);
  const sheet = await readLoanWorkbook(bytes);
  const checked = await checkLoans(ctx, user, sheet.rows.map((r) => r.input), 'excel');
  const issues: UploadIssue[] = [...sheet.issues];
  const valid: RiskCompensationLoanInput[] = [];
  const colOf: Record<string, string> = { contractNo: '贷款合同编号', borrowerUscc: '借款企业统一社会信用代码', maturityOn: '到期日期', nonPerformingOn: '认定不良日期', amountFen: '贷款金额（元）', nonPerformingPrincipalFen: '不良贷款本金（元）' };
  checked.forEach((c, i) => {
    const { rowNo, input } = sheet.rows[i]!;
    if (c.problems.length) {
      for (const p of c.problems) issues.push({ rowNo, column: colOf[p.field] ?? p.field, severity: 'error', message: p.message });
      return;
    }
    valid.push(input);
    for (const reason of c.reasons) issues.push({ rowNo, column: '补偿条件', severity: 'warning', message: `将登记为不符合补偿条件：${reason}` });
  });
  const errorRows = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.rowNo));
  const id = await inTransaction(ctx, actor, async (tx) => {
    const { id } = await tx.db.insertInto('risk_compensation_upload').values({
      bank_org_id: user.organisation.id, file_name: fileName.slice(0, 200), status: 'validated', total_rows: sheet.total, valid_rows: valid.length,
      error_count: issues.filter((i) => i.severity === 'error').length, warning_count: issues.filter((i) => i.severity === 'warning').length,
      rows_json: JSON.stringify(valid), created_by: user.id, created_at: tx.now.toISOString(), confirmed_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < issues.length; i += 500) {
      const chunk = issues.slice(i, i + 500);
      if (chunk.length) await tx.db.insertInto('risk_compensation_upload_issue').values(chunk.map((x) => ({ upload_id: id, row_no: x.rowNo, column_name: x.column, severity: x.severity, message: x.message }))).execute();
    }
    await tx.audit({ action: `${M}.loans_uploaded`, entityType: 'risk_compensation_upload', entityId: id, after: { fileName, total: sheet.total, valid: valid.length, errorRows: errorRows.size } });
    return id;
  });
  return getUpload(ctx, user, id);
}

/**
 * Registers the valid rows of an upload (once). They are checked again: a contract registered
 * since the upload makes the confirmation fail with a 409 naming it.
 */
export async function confirmUpload(ctx: AppContext, user: AuthUser, actor: Actor, id: number): Promise<RiskCompensationUploadView> {
  requireBank(user);
  const u = await ctx.db.selectFrom('risk_compensation_upload').selectAll().where('id', '=', id).where('bank_org_id', '=', user.organisation.id).executeTakeFirst();
  if (!u) throw notFound('上传记录');
  if (u.status !== 'validated') throw conflict(`该文件已于 ${u.confirmed_at} 确认登记，不能重复确认`, null, 'ILLEGAL_TRANSITION');
  const inputs = JSON.parse(u.rows_json) as RiskCompensationLoanInput[];
  if (inputs.length === 0) throw unprocessable('该文件没有可以登记的有效行，请修改后重新上传', null, 'NO_VALID_ROWS');
  const checked = await checkLoans(ctx, user, inputs, 'excel');
  const bad = checked.find((c) => c.problems.length);
  if (bad) throw conflict(`自上传以来情况有变：${bad.problems[0]!.message}。请重新上传`, null, 'CHANGED');
  await writeLoans(ctx, actor, checked.map((c) => c.row!), { uploadId: id });
  return getUpload(ctx, user, id);
}
