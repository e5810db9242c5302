import {
  checkInterestSubsidyContract, cityCodeOf, computeInterestSubsidy, dataScope, INTEREST_SUBSIDY_CLAUSE, INTEREST_SUBSIDY_MEASURE, INTEREST_SUBSIDY_REPORT_MEASURE,
  type InterestSubsidyApplicationInput, type InterestSubsidyContractInput, interestSubsidyContractKey, interestSubsidyNoticeEndsOn, type InterestSubsidyParams,
  interestSubsidyObjectionRefusal, interestSubsidyPayRefusal, interestSubsidyReportLate, runsInterestSubsidyNotices, interestSubsidyReportWorkflow, interestSubsidyWorkflow, listCities, shanghaiDateOf,
} from '@relief/domain';
import type { Actor } from '../../platform/audit';
import type { AuthUser } from '../../platform/auth/sessions';
import { type AppContext, inTransaction, type Tx } from '../../platform/context';
import { AppError, conflict, type FieldProblem, fieldError, forbidden, notFound, problemsMessage, unprocessable } from '../../platform/errors';
import { containsText, paginate } from '../../platform/paging';
import { createCase, findByKey, getCaseForUser, transition } from '../../cases/engine';
import { isUniqueViolation } from '../../db/kysely';
import { policyFor } from '../../policy/policy.service';
import { applicantEnterprise, notRegistered } from '../applicant-facts';
import * as repo from './interest-subsidy.repository';

const PRIORITY_LIST_KIND = 'epidemic-provincial';
const MAX_BATCH = 5_000;

const today = (ctx: AppContext) => shanghaiDateOf(ctx.clock.now());

/** The measure's parameters and the epidemic period in force today, from one read of the preset's overrides. */
async function policyToday(ctx: AppContext, fingerprint?: string | null) {
  const { params, period } = await policyFor(ctx, 'interest-subsidy', today(ctx), today(ctx), fingerprint);
  return { params: params as unknown as InterestSubsidyParams & Record<string, unknown>, period };
}

async function paramsOf(ctx: AppContext): Promise<InterestSubsidyParams & Record<string, unknown>> {
  return (await policyToday(ctx)).params;
}

// ---------------------------------------------------------------- scope

/** Which applications a user reaches (404 outside it). */
export function applicationScope(user: AuthUser): repo.ApplicationScope {
  if (user.organisation.kind === 'enterprise') return { ownerOrgId: user.organisation.id };
  const s = dataScope(user);
  if (s.provinceWide) return { all: true };
  if (s.regionPrefix) return { regionPrefix: s.regionPrefix };
  return { none: true };
}

// ---------------------------------------------------------------- views

export function stateLabel(state: string): string {
  return interestSubsidyWorkflow.states[state]?.label ?? state;
}

export function toApplicationView(r: repo.ApplicationRow) {
  return {
    id: r.case_id, caseId: r.case_id, state: r.state, stateLabel: stateLabel(r.state), version: r.version, enterpriseName: r.enterprise_name, uscc: r.uscc,
    regionCode: r.region_code, cityCode: r.city_code, contactName: r.contact_name, contactPhone: r.contact_phone, principalFen: Number(r.principal_fen),
    subsidyFen: Number(r.subsidy_fen), contractCount: r.contract_count, reportId: r.report_case_id, submittedAt: r.submitted_at, paidAt: r.paid_at, createdAt: r.created_at,
  };
}

function toContractView(k: Awaited<ReturnType<typeof repo.contractsOf>>[number]) {
  return {
    id: k.id, bankName: k.bank_name, contractNo: k.contract_no, effectiveOn: k.effective_on, drawdownOn: k.drawdown_on, maturityOn: k.maturity_on,
    principalFen: Number(k.principal_fen), annualRatePpm: k.annual_rate_ppm, interestPaidFen: k.interest_paid_fen === null ? null : Number(k.interest_paid_fen),
    daysOutstanding: k.days_outstanding, subsidyDays: k.subsidy_days, subsidyFen: Number(k.subsidy_fen),
  };
}

// ---------------------------------------------------------------- eligibility and amounts

interface Assessed {
  contracts: { input: InterestSubsidyContractInput; key: string; amount: ReturnType<typeof computeInterestSubsidy> }[];
  principalFen: number;
  subsidyFen: number;
}

/** Checks every contract (dates, duplicates in the request) and computes the subsidy; field errors name the contract. */
async function assess(ctx: AppContext, contracts: readonly InterestSubsidyContractInput[], known?: { params: InterestSubsidyParams; period: { start: string; end: string | null } }): Promise<Assessed> {
  const { params: p, period } = known ?? await policyToday(ctx);
  const problems: FieldProblem[] = [];
  // The page marks each field; the message says which contract, for whoever reads it alone.
  const said: FieldProblem[] = [];
  const refuse = (i: number, field: string, message: string) => {
    problems.push({ path: `contracts.${i}.${field}`, message });
    said.push({ path: `contracts.${i}.${field}`, message: `第 ${i + 1} 份合同：${message}` });
  };
  const seen = new Map<string, number>();
  const out: Assessed['contracts'] = [];
  contracts.forEach((c, i) => {
    const refusal = checkInterestSubsidyContract(c, p, period);
    if (refusal) refuse(i, 'effectiveOn', refusal);
    const key = interestSubsidyContractKey(c.bankName, c.contractNo);
    const dup = seen.get(key);
    if (dup !== undefined) refuse(i, 'contractNo', `与第 ${dup + 1} 份合同重复（同一银行、同一合同编号）`);
    seen.set(key, i);
    if (!refusal) out.push({ input: c, key, amount: computeInterestSubsidy(c, p) });
  });
  if (problems.length) throw unprocessable(problemsMessage(said), problems, 'RULE_VIOLATION');
  const principalFen = out.reduce((s, c) => s + c.input.principalFen, 0);
  const subsidyFen = out.reduce((s, c) => s + c.amount.amountFen, 0);
  return { contracts: out, principalFen, subsidyFen };
}

/** The enterprise behind the user, which must be on the province's priority list. */
async function applicantOf(ctx: AppContext, user: AuthUser) {
  const e = await applicantEnterprise(ctx.db, user.organisation.id);
  return { ...e, onList: await repo.isOnList(ctx.db, e.uscc, PRIORITY_LIST_KIND, today(ctx)) };
}

function refuseNotOnList(): AppError {
  return unprocessable(`${INTEREST_SUBSIDY_CLAUSE}：只有省确定的疫情防控重点保障企业可申请贷款贴息，本企业不在“山东省疫情防控重点保障企业名单”内`, null, 'NOT_ON_PRIORITY_LIST');
}

/** The subsidy of each contract, shown before submitting (nothing stored). */
export async function previewApplication(ctx: AppContext, user: AuthUser, contracts: readonly InterestSubsidyContractInput[]) {
  const e = await applicantOf(ctx, user);
  const { params: p, period } = await policyToday(ctx);
  const claims = liveClaims(await repo.claimsOf(ctx.db, contracts.map((c) => interestSubsidyContractKey(c.bankName, c.contractNo))));
  const items = contracts.map((c, index) => {
    const key = interestSubsidyContractKey(c.bankName, c.contractNo);
    const claim = claims.find((k) => k.contract_key === key);
    const reason = checkInterestSubsidyContract(c, p, period) ?? (claim ? claimedMessage(claim) : null);
    return { index, eligible: reason === null, reason, amount: reason === null ? computeInterestSubsidy(c, p) : null };
  });
  return { items, totalFen: items.reduce((s, i) => s + (i.amount?.amountFen ?? 0), 0), onPriorityList: e.onList };
}

function claimedMessage(k: { bank_name: string; contract_no: string; title: string; case_id: number }) {
  return `${INTEREST_SUBSIDY_CLAUSE}：${k.bank_name} 合同 ${k.contract_no} 已由「${k.title}」（事项编号 ${k.case_id}）申请贴息，同一合同只能贴息一次`;
}

/** The claims of applications not rejected: they hold their contracts. */
function liveClaims<C extends { state: string }>(claims: readonly C[]): C[] {
  return claims.filter((k) => k.state !== 'rejected');
}

/**
 * Refuses contracts already claimed by another live application (any applicant). Returns the
 * keys a rejected application still holds, for {@link writeContracts} to free.
 */
async function refuseClaimed(db: Tx['db'] | AppContext['db'], a: Assessed, exceptCaseId: number | null): Promise<ReadonlySet<string>> {
  const claims = (await repo.claimsOf(db, a.contracts.map((c) => c.key))).filter((k) => k.case_id !== exceptCaseId);
  const [first] = liveClaims(claims);
  if (first) {
    const i = a.contracts.findIndex((c) => c.key === first.contract_key);
    throw conflict(claimedMessage(first), [{ path: `contracts.${i}.contractNo`, message: claimedMessage(first), caseId: first.case_id }], 'DUPLICATE_CONTRACT');
  }
  return new Set(claims.filter((k) => k.claim_key !== null).map((k) => k.contract_key));
}

/**
 * Replaces the contracts of a case (a case created in this transaction has none to remove). The
 * writes are sent without waiting (Tx.send): {@link storedContracts} reads the ids once the unit is done.
 */
async function writeContracts(tx: Tx, caseId: number, a: Assessed, heldByRejected: ReadonlySet<string>, newCase = false): Promise<WrittenContracts> {
  if (!newCase) await tx.db.deleteFrom('interest_subsidy_contract').where('case_id', '=', caseId).execute();
  // Only a claim a rejected application still holds needs freeing (refuseClaimed found them). One
  // rejected in the moment since then makes the insert below fail on the unique claim, answered
  // as a contract just taken (409), as a claim made by another application in that moment is.
  for (const c of a.contracts) if (heldByRejected.has(c.key)) tx.send(repo.releaseRejectedClaim(tx.db, c.key));
  // One insert per contract, not one for all (preparedInsertRows): the answer names each
  // contract's id, and only a single-row insert reports the id it gave.
  const rows = a.contracts.map((c, seq) => ({
    case_id: caseId, seq, bank_name: c.input.bankName, contract_no: c.input.contractNo, contract_key: c.key, claim_key: c.key,
    effective_on: c.input.effectiveOn, drawdown_on: c.input.drawdownOn, maturity_on: c.input.maturityOn, principal_fen: c.input.principalFen,
    annual_rate_ppm: c.input.annualRatePpm, interest_paid_fen: c.input.interestPaidFen ?? null, days_outstanding: c.amount.daysOutstanding,
    subsidy_days: c.amount.subsidyDays, subsidy_fen: c.amount.amountFen,
  }));
  return { rows, ids: rows.map((row) => tx.send(repo.insertContract(tx.db, row))) };
}

interface WrittenContracts {
  rows: Omit<ContractRow, 'id'>[];
  ids: Promise<number | null>[];
}

/** The contract rows as stored, once the unit that wrote them is done. */
async function storedContracts(w: WrittenContracts): Promise<ContractRow[]> {
  const ids = await Promise.all(w.ids);
  return w.rows.map((row, i) => ({ id: ids[i]!, ...row }));
}

type ContractRow = Awaited<ReturnType<typeof repo.contractsOf>>[number];

/** The review route of an enterprise's region: county 工信 + 财政 when the county has a finance bureau, then city 工信 + 财政. */
function routeOf(region: string, { city, county }: repo.ReviewOrganisations) {
  const cityCode = cityCodeOf(region);
  if (!city) throw new AppError(500, 'HOLDER_MISSING', `所在市 ${cityCode} 不在平台组织机构中，无法受理`);
  // A county reviews only when its finance bureau is on the platform to sign beside it.
  const countyReviews = county !== undefined && county.finance_id !== null;
  return {
    cityCode,
    countyOrgId: countyReviews ? county.id : null,
    countyFinanceOrgId: countyReviews ? county.finance_id : null,
    cityOrgId: city.id,
    // A city without a finance bureau on the platform: its 工信 signs alone.
    cityFinanceOrgId: city.finance_id ?? city.id,
  };
}

/**
 * Files and submits an application (鲁工信发〔2020〕1号 第五条). Idempotent on `idempotencyKey`: a retry
 * returns the first application. Refused, storing nothing: an enterprise not on the priority list,
 * contracts out of the dates, a contract already claimed (the existing case named).
 */
export async function applyForSubsidy(ctx: AppContext, user: AuthUser, actor: Actor, input: InterestSubsidyApplicationInput) {
  // The enterprise, a retry, the list and the route in one statement (the opening-day path).
  const e = await repo.applicationFacts(ctx.db, { measure: INTEREST_SUBSIDY_MEASURE, organisationId: user.organisation.id, idempotencyKey: input.idempotencyKey, presetId: ctx.preset.id, listKind: PRIORITY_LIST_KIND, onDate: today(ctx) });
  // A retry is answered with the first application before anything is checked.
  if (e?.retry_case_id != null) {
    const existing = await findByKey(ctx.db, { measure: INTEREST_SUBSIDY_MEASURE, ownerOrgId: user.organisation.id, idempotencyKey: input.idempotencyKey });
    if (existing) return { created: false, application: await getApplication(ctx, user, existing.id) };
  }
  if (!e) throw notRegistered();
  if (Number(e.on_list) !== 1) throw refuseNotOnList();
  const { params, period } = await policyToday(ctx, e.policy_fingerprint);
  const a = await assess(ctx, input.contracts, { params, period });
  const heldByRejected = await refuseClaimed(ctx.db, a, null);
  const route = routeOf(e.region_code, repo.reviewersOf(e));
  // What the transaction stored, for the answer: the same rows a read-back would return.
  let stored: { application: Omit<repo.ApplicationRow, 'state' | 'version' | 'title'>; contracts: WrittenContracts } | undefined;
  try {
    const r = await createCase(ctx, actor, {
      measure: INTEREST_SUBSIDY_MEASURE, idempotencyKey: input.idempotencyKey, ownerOrgId: user.organisation.id, regionCode: e.region_code,
      title: `${e.name} 贷款贴息申请`,
      data: { ...route, enterpriseId: e.id, uscc: e.uscc, contractCount: a.contracts.length, principalFen: a.principalFen, subsidyFen: a.subsidyFen },
      params,
    }, {
      // Filed and submitted in one engine transaction (the opening-day path).
      startWith: { action: route.countyOrgId !== null ? 'submit' : 'submit-city', user },
      keyChecked: true,
      afterInsert: async (tx, c) => {
        const at = tx.now.toISOString();
        const application = {
          case_id: c.id, owner_org_id: user.organisation.id, enterprise_id: e.id, uscc: e.uscc, enterprise_name: e.name, region_code: e.region_code,
          city_code: route.cityCode, contact_name: input.contactName, contact_phone: input.contactPhone, contract_count: a.contracts.length,
          principal_fen: a.principalFen, subsidy_fen: a.subsidyFen, report_case_id: null, notice_id: null, submitted_at: at, paid_at: null, created_at: at, updated_at: at,
        };
        tx.send(repo.insertApplication(tx.db, application));
        stored = { application, contracts: await writeContracts(tx, c.id, a, heldByRejected, true) };
      },
    });
    const c = r.case;
    if (!r.created) return { created: false, application: await getApplication(ctx, user, c.id) };
    // Answered from what was committed rather than read back: two statements fewer per application.
    const { application, contracts } = stored!;
    return { created: true, application: { ...toApplicationView({ ...application, state: c.state, version: c.version, title: c.title }), contracts: (await storedContracts(contracts)).map(toContractView) } };
  } catch (err) {
    if (isUniqueViolation(err)) {
      await refuseClaimed(ctx.db, a, null);
      throw conflict('该合同刚被另一份申请占用，请刷新后核对', null, 'DUPLICATE_CONTRACT');
    }
    throw err;
  }
}

async function submitCase(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, version: number, viaCounty: boolean, apply?: (tx: Tx) => Promise<Record<string, unknown>>) {
  await transition(ctx, user, actor, caseId, viaCounty ? 'submit' : 'submit-city', { version }, {
    fromMeasure: true,
    apply: async (tx) => {
      const extra = (await apply?.(tx)) ?? {};
      await tx.db.updateTable('interest_subsidy_application').set({ submitted_at: tx.now.toISOString(), updated_at: tx.now.toISOString() }).where('case_id', '=', caseId).execute();
      return extra;
    },
  });
}

/** Revises an application returned for revision and submits it again. */
export async function reviseApplication(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, input: Omit<InterestSubsidyApplicationInput, 'idempotencyKey'> & { version: number }) {
  const app = await getApplication(ctx, user, caseId);
  if (app.state !== 'revision') throw conflict(`当前状态为「${app.stateLabel}」，只有退回修改的申请可以修改`, { state: app.state }, 'ILLEGAL_TRANSITION');
  const a = await assess(ctx, input.contracts);
  const heldByRejected = await refuseClaimed(ctx.db, a, caseId);
  const c = await getCaseForUser(ctx, user, caseId);
  const data = JSON.parse(c.data_json) as { countyOrgId: number | null };
  try {
    await submitCase(ctx, user, actor, caseId, input.version, data.countyOrgId !== null, async (tx) => {
      await writeContracts(tx, caseId, a, heldByRejected);
      await tx.db.updateTable('interest_subsidy_application').set({
        contact_name: input.contactName, contact_phone: input.contactPhone, contract_count: a.contracts.length, principal_fen: a.principalFen, subsidy_fen: a.subsidyFen,
      }).where('case_id', '=', caseId).execute();
      await tx.audit({ action: 'interest-subsidy.revised', entityType: 'case', entityId: caseId, before: { subsidyFen: app.subsidyFen }, after: { subsidyFen: a.subsidyFen, contracts: a.contracts.length } });
      return { contractCount: a.contracts.length, principalFen: a.principalFen, subsidyFen: a.subsidyFen };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该合同刚被另一份申请占用，请刷新后核对', null, 'DUPLICATE_CONTRACT');
    throw err;
  }
  return getApplication(ctx, user, caseId);
}

// ---------------------------------------------------------------- reading

export async function getApplication(ctx: AppContext, user: AuthUser, caseId: number) {
  const row = await repo.findApplication(ctx.db, caseId);
  if (!row || !inApplicationScope(user, row)) throw notFound('贴息申请');
  const contracts = await repo.contractsOfCase(ctx.db, caseId);
  return { ...toApplicationView(row), contracts: contracts.map(toContractView) };
}

function inApplicationScope(user: AuthUser, row: { owner_org_id: number; region_code: string }): boolean {
  const s = applicationScope(user);
  if ('all' in s) return true;
  if ('ownerOrgId' in s) return row.owner_org_id === s.ownerOrgId;
  if ('regionPrefix' in s) return row.region_code.startsWith(s.regionPrefix);
  return false;
}

export interface ApplicationFilter {
  state?: string | undefined;
  cityCode?: string | undefined;
  q?: string | undefined;
}

function filtered(ctx: AppContext, user: AuthUser, f: ApplicationFilter) {
  let q = repo.applicationsIn(ctx.db, applicationScope(user));
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.cityCode) q = q.where('a.city_code', '=', f.cityCode);
  if (f.q) q = q.where((eb) => eb.or([containsText('a.enterprise_name', f.q!), containsText('a.uscc', f.q!)]));
  return q;
}

export async function listApplications(ctx: AppContext, user: AuthUser, f: ApplicationFilter & { page: number; pageSize: number }) {
  const page = await paginate(filtered(ctx, user, f), (b) => b.select(repo.APPLICATION_COLUMNS).orderBy('a.case_id', 'desc'), f.page, f.pageSize);
  return { ...page, items: page.items.map((r) => toApplicationView(r as repo.ApplicationRow)) };
}

export async function allApplications(ctx: AppContext, user: AuthUser, f: ApplicationFilter, limit: number) {
  const rows = await filtered(ctx, user, f).select(repo.APPLICATION_COLUMNS).orderBy('a.case_id', 'desc').limit(limit).execute();
  return rows.map((r) => toApplicationView(r as repo.ApplicationRow));
}

// ---------------------------------------------------------------- the city's 汇总表

function assertCity(user: AuthUser) {
  if (user.organisation.kind !== 'city' || !user.organisation.code) throw forbidden('汇总表由市工业和信息化部门生成（会同市财政部门审核上报）');
  return user.organisation.code;
}

function reportScopeCity(user: AuthUser): string | null | undefined {
  // undefined: nothing; null: all cities.
  const s = dataScope(user);
  if (s.provinceWide) return null;
  if (user.organisation.kind === 'city' || user.organisation.kind === 'finance-bureau') {
    const region = user.organisation.regionCode;
    if (region && region.endsWith('00')) return region;
  }
  return undefined;
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof repo.reportsIn>['execute']>>[number];

function toReportView(r: ReportRow, todayOn: string) {
  const submittedOn = r.submitted_at ? shanghaiDateOf(r.submitted_at) : null;
  return {
    id: r.case_id, caseId: r.case_id, cityCode: r.city_code, cityName: r.city_name, state: r.state, stateLabel: interestSubsidyReportWorkflow.states[r.state]?.label ?? r.state,
    version: r.version, applicationCount: r.application_count, principalFen: Number(r.principal_fen), subsidyFen: Number(r.subsidy_fen), deadline: r.deadline_on,
    submittedAt: r.submitted_at, late: interestSubsidyReportLate(r.deadline_on, submittedOn, todayOn), createdAt: r.created_at,
  };
}

export async function listReports(ctx: AppContext, user: AuthUser, q: { page: number; pageSize: number }) {
  const city = reportScopeCity(user);
  if (city === undefined) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const rows = await repo.reportsIn(ctx.db, city).orderBy('r.case_id', 'desc').execute();
  const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { items: page.map((r) => toReportView(r, today(ctx))), total: rows.length, page: q.page, pageSize: q.pageSize };
}

export async function getReport(ctx: AppContext, user: AuthUser, caseId: number) {
  const city = reportScopeCity(user);
  const row = city === undefined ? undefined : await repo.reportsIn(ctx.db, city).where('r.case_id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound('汇总表');
  const items = await repo.applicationsIn(ctx.db, { all: true }).select(repo.APPLICATION_COLUMNS).where('a.report_case_id', '=', caseId).orderBy('a.case_id').execute();
  return { ...toReportView(row, today(ctx)), items: items.map((r) => toApplicationView(r as repo.ApplicationRow)) };
}

/**
 * Generates (or refreshes, while nobody has signed it) the city's 汇总表 from its approved
 * applications: no retyping. Deadline: the preset's cityReportDeadline (fixedDate).
 */
export async function generateReport(ctx: AppContext, user: AuthUser, actor: Actor) {
  const cityCode = assertCity(user);
  const draft = await ctx.db.selectFrom('interest_subsidy_report as r').innerJoin('workflow_case as c', 'c.id', 'r.case_id').select(['r.case_id', 'c.version'])
    .where('r.city_code', '=', cityCode).where('c.state', '=', 'draft').executeTakeFirst();
  const pending = await ctx.db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id')
    .select(['a.case_id', 'a.principal_fen', 'a.subsidy_fen']).where('a.city_code', '=', cityCode).where('c.state', '=', 'approved')
    .where((eb) => eb.or([eb('a.report_case_id', 'is', null), ...(draft ? [eb('a.report_case_id', '=', draft.case_id)] : [])])).orderBy('a.case_id').limit(MAX_BATCH).execute();
  if (!pending.length) throw unprocessable('本市没有待汇总的贴息申请（须经市级工信、财政审核通过）', null, 'NOTHING_TO_REPORT');
  const totals = { application_count: pending.length, principal_fen: pending.reduce((s, r) => s + Number(r.principal_fen), 0), subsidy_fen: pending.reduce((s, r) => s + Number(r.subsidy_fen), 0) };
  const ids = pending.map((r) => r.case_id);
  if (draft) {
    const signed = await ctx.db.selectFrom('case_holder').select('org_id').where('case_id', '=', draft.case_id).where('signed_at', 'is not', null).executeTakeFirst();
    if (signed) throw conflict('汇总表已有机构会签，不能再更新；如需补报，请在省级接收后另行生成', null, 'ALREADY_SIGNED');
    await inTransaction(ctx, actor, async (tx) => {
      await tx.db.updateTable('interest_subsidy_application').set({ report_case_id: null }).where('report_case_id', '=', draft.case_id).execute();
      await tx.db.updateTable('interest_subsidy_application').set({ report_case_id: draft.case_id }).where('case_id', 'in', ids).execute();
      await tx.db.updateTable('interest_subsidy_report').set({ ...totals, updated_at: tx.now.toISOString() }).where('case_id', '=', draft.case_id).execute();
      await tx.audit({ action: 'interest-subsidy-report.refreshed', entityType: 'case', entityId: draft.case_id, after: { ...totals } });
    });
    return getReport(ctx, user, draft.case_id);
  }
  const { city } = await repo.reviewOrganisations(ctx.db, cityCode, null);
  if (!city || city.id !== user.organisation.id) throw forbidden();
  const n = await ctx.db.selectFrom('interest_subsidy_report').select((eb) => eb.fn.countAll<number>().as('n')).where('city_code', '=', cityCode).executeTakeFirstOrThrow();
  const params = await paramsOf(ctx);
  const seq = Number(n.n) + 1;
  const r = await createCase(ctx, actor, {
    measure: INTEREST_SUBSIDY_REPORT_MEASURE, idempotencyKey: `report-${cityCode}-${seq}`, ownerOrgId: city.id, regionCode: cityCode,
    title: `${city.name}贷款贴息汇总表${seq > 1 ? `（第${seq}批）` : ''}`,
    data: { cityOrgId: city.id, cityFinanceOrgId: city.finance_id ?? city.id, cityCode, ...totals }, params,
  }, {
    afterInsert: async (tx, c) => {
      const at = tx.now.toISOString();
      await tx.db.insertInto('interest_subsidy_report').values({ case_id: c.id, city_org_id: city.id, city_code: cityCode, ...totals, deadline_on: params.cityReportDeadline, submitted_at: null, created_at: at, updated_at: at }).execute();
      await tx.db.updateTable('interest_subsidy_application').set({ report_case_id: c.id }).where('case_id', 'in', ids).execute();
    },
  });
  if (!r.created) throw conflict('汇总表正在生成，请刷新', null, 'CONFLICT');
  return getReport(ctx, user, r.case.id);
}

/**
 * The city 工信 or 财政 signs the 汇总表 (审核上报); when both have, it goes to 省工信厅 and 省财政厅
 * and its applications move to 已报省.
 */
export async function signReport(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, version: number) {
  await getReport(ctx, user, caseId);
  const after = await transition(ctx, user, actor, caseId, 'submit', { version }, {
    fromMeasure: true,
    apply: async (tx) => {
      const unsigned = await tx.db.selectFrom('case_holder').select('org_id').where('case_id', '=', caseId).where('signed_at', 'is', null).where('org_id', '!=', user.organisation.id).execute();
      if (unsigned.length === 0) await tx.db.updateTable('interest_subsidy_report').set({ submitted_at: tx.now.toISOString(), updated_at: tx.now.toISOString() }).where('case_id', '=', caseId).execute();
    },
  });
  if (after.state === 'submitted') await moveReported(ctx, user, actor, caseId);
  return getReport(ctx, user, caseId);
}

/** Moves the report's applications to 已报省 (each its own transition; a retry finishes the rest). */
async function moveReported(ctx: AppContext, user: AuthUser, actor: Actor, reportId: number) {
  const rows = await ctx.db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id').select(['a.case_id', 'c.version'])
    .where('a.report_case_id', '=', reportId).where('c.state', '=', 'approved').execute();
  for (const r of rows) await transition(ctx, user, actor, r.case_id, 'report', { version: r.version }, { fromMeasure: true });
}

/** The province's table of the 16 cities: reported or not, on time or late. */
export async function reportingStatus(ctx: AppContext) {
  const p = await paramsOf(ctx);
  const todayOn = today(ctx);
  const reports = await repo.reportsIn(ctx.db, null).orderBy('r.case_id').execute();
  const cities = listCities();
  const orgs = await repo.cityOrganisations(ctx.db);
  const rank = { none: 0, draft: 1, submitted: 2, received: 3 } as const;
  const labels = { none: '未生成', draft: '市级汇总审核中', submitted: '已报送', received: '省级已接收' } as const;
  return {
    deadline: p.cityReportDeadline,
    today: todayOn,
    cities: cities.map((city) => {
      const mine = reports.filter((r) => r.city_code === city.code);
      let status: keyof typeof rank = 'none';
      for (const r of mine) {
        const s = (r.state in rank ? r.state : 'draft') as keyof typeof rank;
        if (rank[s] > rank[status]) status = s;
      }
      const submissions = mine.map((r) => r.submitted_at).filter((x): x is string => !!x).sort();
      const first = submissions[0] ?? null;
      const last = submissions.at(-1) ?? null;
      const counted = mine.filter((r) => r.state !== 'draft');
      return {
        cityCode: city.code, cityName: orgs.find((o) => o.code === city.code)?.name ?? city.name, status, statusLabel: labels[status], submittedAt: first, lastSubmittedAt: last,
        // A later batch past the deadline makes the city late, though its first one was on time.
        late: interestSubsidyReportLate(p.cityReportDeadline, last ? shanghaiDateOf(last) : null, todayOn),
        applicationCount: counted.reduce((s, r) => s + r.application_count, 0), subsidyFen: counted.reduce((s, r) => s + Number(r.subsidy_fen), 0),
      };
    }),
  };
}

// ---------------------------------------------------------------- 公示, objections, payment

function assertProvince(user: AuthUser) {
  if (!runsInterestSubsidyNotices(user.organisation)) throw forbidden('公示、异议处理与拨付由省工信厅办理');
}

type NoticeRow = Awaited<ReturnType<ReturnType<typeof repo.noticeRows>['execute']>>[number];
/** A 公示 as lists and pages show it, with what the rules refuse on `todayOn` (the page greys those controls). */
const toNoticeView = (n: NoticeRow, todayOn: string) => {
  const v = { startsOn: n.starts_on, endsOn: n.ends_on, openObjections: Number(n.open_objections ?? 0) };
  return {
    id: n.id, title: n.title, ...v, applicationCount: n.application_count, subsidyFen: Number(n.subsidy_fen), paidCount: Number(n.paid_count ?? 0),
    payRefusal: interestSubsidyPayRefusal(v, todayOn)?.message ?? null, objectionRefusal: interestSubsidyObjectionRefusal(v, todayOn), createdAt: n.created_at,
  };
};

export async function listNotices(ctx: AppContext) {
  const rows = await repo.noticeRows(ctx.db).orderBy('n.id', 'desc').execute();
  return rows.map((n) => toNoticeView(n, today(ctx)));
}

async function noticeById(ctx: AppContext, id: number) {
  const n = await repo.noticeRows(ctx.db).where('n.id', '=', id).executeTakeFirst();
  if (!n) throw notFound('公示');
  return toNoticeView(n, today(ctx));
}

/**
 * Publishes the results for objection (公示) for the preset's publicNoticeDays calendar days: the
 * reported applications of 汇总表 both provincial bodies have received (or those named).
 */
export async function publishNotice(ctx: AppContext, user: AuthUser, actor: Actor, input: { idempotencyKey: string; title: string; applicationIds?: number[] | undefined }) {
  assertProvince(user);
  let notice = await ctx.db.selectFrom('interest_subsidy_notice').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
  if (!notice) {
    let q = ctx.db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id')
      .innerJoin('workflow_case as r', 'r.id', 'a.report_case_id').select(['a.case_id', 'a.subsidy_fen'])
      .where('c.state', '=', 'reported').where('r.state', '=', 'received').where('a.notice_id', 'is', null);
    if (input.applicationIds?.length) q = q.where('a.case_id', 'in', input.applicationIds);
    const rows = await q.orderBy('a.case_id').limit(MAX_BATCH).execute();
    if (input.applicationIds?.length && rows.length !== new Set(input.applicationIds).size) {
      throw unprocessable('所选申请中有的不在“已报省”状态或其汇总表尚未经省工信厅、省财政厅接收', null, 'NOT_PUBLISHABLE');
    }
    if (!rows.length) throw unprocessable('没有可公示的申请：须各市汇总表经省工信厅、省财政厅接收', null, 'NOTHING_TO_PUBLISH');
    const p = await paramsOf(ctx);
    const startsOn = today(ctx);
    notice = await inTransaction(ctx, actor, async (tx) => {
      const n = await tx.db.insertInto('interest_subsidy_notice').values({
        title: input.title, starts_on: startsOn, ends_on: interestSubsidyNoticeEndsOn(startsOn, p.publicNoticeDays), application_count: rows.length,
        subsidy_fen: rows.reduce((s, r) => s + Number(r.subsidy_fen), 0), idempotency_key: input.idempotencyKey, created_by: user.id, created_at: tx.now.toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      await tx.db.updateTable('interest_subsidy_application').set({ notice_id: n.id }).where('case_id', 'in', rows.map((r) => r.case_id)).execute();
      await tx.audit({ action: 'interest-subsidy.notice.published', entityType: 'interest_subsidy_notice', entityId: n.id, after: { title: input.title, startsOn, applications: rows.length } });
      return n;
    });
  }
  const pending = await ctx.db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id').select(['a.case_id', 'c.version'])
    .where('a.notice_id', '=', notice.id).where('c.state', '=', 'reported').execute();
  for (const r of pending) await transition(ctx, user, actor, r.case_id, 'publish', { version: r.version }, { fromMeasure: true });
  return noticeById(ctx, notice.id);
}

/** A 公示 and its list: government bodies see the whole list, an enterprise only its own line. */
export async function noticeDetail(ctx: AppContext, user: AuthUser, id: number) {
  const n = await noticeById(ctx, id);
  const items = await repo.applicationsIn(ctx.db, user.organisation.kind === 'enterprise' ? applicationScope(user) : { all: true }).select(repo.APPLICATION_COLUMNS).where('a.notice_id', '=', id).orderBy('a.city_code').orderBy('a.case_id').execute();
  return { ...n, items: items.map((r) => toApplicationView(r as repo.ApplicationRow)) };
}

type ObjectionRow = Awaited<ReturnType<ReturnType<typeof repo.objectionRows>['execute']>>[number];
const toObjectionView = (o: ObjectionRow) => ({
  id: o.id, noticeId: o.notice_id, applicationId: o.case_id, enterpriseName: o.enterprise_name, objector: o.objector, contact: o.contact, content: o.content,
  receivedAt: o.received_at, answer: o.answer, upheld: o.upheld === null ? null : o.upheld === 1, answeredAt: o.answered_at,
});

export async function listObjections(ctx: AppContext, noticeId: number) {
  await noticeById(ctx, noticeId);
  return (await repo.objectionRows(ctx.db).where('o.notice_id', '=', noticeId).orderBy('o.id').execute()).map(toObjectionView);
}

/** Records an objection received during 公示 (by letter, phone or in person). */
export async function recordObjection(ctx: AppContext, user: AuthUser, actor: Actor, noticeId: number, input: { applicationId: number; objector: string; contact?: string | undefined; content: string }) {
  assertProvince(user);
  const n = await noticeById(ctx, noticeId);
  if (n.objectionRefusal) throw unprocessable(n.objectionRefusal, null, 'NOTICE_CLOSED');
  const app = await ctx.db.selectFrom('interest_subsidy_application').select('case_id').where('case_id', '=', input.applicationId).where('notice_id', '=', noticeId).executeTakeFirst();
  if (!app) throw fieldError('applicationId', '该申请不在本次公示中');
  const id = await inTransaction(ctx, actor, async (tx) => {
    const o = await tx.db.insertInto('interest_subsidy_objection').values({
      notice_id: noticeId, case_id: input.applicationId, objector: input.objector, contact: input.contact?.trim() || null, content: input.content,
      received_at: tx.now.toISOString(), received_by: user.id, answer: null, upheld: null, answered_at: null, answered_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    await tx.audit({ action: 'interest-subsidy.objection.recorded', entityType: 'interest_subsidy_objection', entityId: o.id, after: { ...input } });
    return o.id;
  });
  return toObjectionView((await repo.objectionRows(ctx.db).where('o.id', '=', id).executeTakeFirstOrThrow()));
}

/** Answers an objection; when upheld, the application is not subsidised (its contracts are freed). */
export async function answerObjection(ctx: AppContext, user: AuthUser, actor: Actor, objectionId: number, input: { answer: string; upheld: boolean }) {
  assertProvince(user);
  const o = await repo.objectionRows(ctx.db).where('o.id', '=', objectionId).executeTakeFirst();
  if (!o) throw notFound('异议');
  if (o.answered_at) throw conflict('该异议已答复', null, 'ALREADY_ANSWERED');
  const record = async (tx: Tx) => {
    const res = await tx.db.updateTable('interest_subsidy_objection').set({ answer: input.answer, upheld: input.upheld ? 1 : 0, answered_at: tx.now.toISOString(), answered_by: user.id })
      .where('id', '=', objectionId).where('answered_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该异议已答复', null, 'ALREADY_ANSWERED');
    await tx.audit({ action: 'interest-subsidy.objection.answered', entityType: 'interest_subsidy_objection', entityId: objectionId, after: { ...input } });
  };
  if (input.upheld) {
    const c = await ctx.db.selectFrom('workflow_case').select(['version', 'state']).where('id', '=', o.case_id).executeTakeFirstOrThrow();
    await transition(ctx, user, actor, o.case_id, 'objection-uphold', { version: c.version, comment: `异议成立：${input.answer}` }, {
      fromMeasure: true,
      apply: async (tx) => {
        await record(tx);
        await tx.db.updateTable('interest_subsidy_contract').set({ claim_key: null }).where('case_id', '=', o.case_id).execute();
      },
    });
  } else {
    await inTransaction(ctx, actor, record);
  }
  return toObjectionView((await repo.objectionRows(ctx.db).where('o.id', '=', objectionId).executeTakeFirstOrThrow()));
}

/** Marks the notice's applications paid, once the 公示 has ended with every objection answered. */
export async function payNotice(ctx: AppContext, user: AuthUser, actor: Actor, noticeId: number) {
  assertProvince(user);
  const n = await noticeById(ctx, noticeId);
  const refusal = interestSubsidyPayRefusal(n, today(ctx));
  if (refusal) throw unprocessable(refusal.message, refusal.code === 'NOTICE_OPEN' ? { endsOn: n.endsOn } : null, refusal.code);
  const rows = await ctx.db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id').select(['a.case_id', 'c.version'])
    .where('a.notice_id', '=', noticeId).where('c.state', '=', 'publicised').execute();
  for (const r of rows) {
    await transition(ctx, user, actor, r.case_id, 'pay', { version: r.version }, {
      fromMeasure: true,
      apply: async (tx) => {
        await tx.db.updateTable('interest_subsidy_application').set({ paid_at: tx.now.toISOString(), updated_at: tx.now.toISOString() }).where('case_id', '=', r.case_id).execute();
      },
    });
  }
  return noticeById(ctx, noticeId);
}

// ---------------------------------------------------------------- dashboard

export async function dashboard(ctx: AppContext, user: AuthUser) {
  const rows = await repo.applicationsIn(ctx.db, applicationScope(user))
    .select((eb) => [
      'a.city_code',
      eb.fn.countAll<number>().as('applications'),
      eb.fn.sum<number>(eb.case().when('c.state', 'in', ['approved', 'reported', 'publicised', 'paid']).then(1).else(0).end()).as('approved'),
      eb.fn.sum<number>(eb.case().when('c.state', '=', 'paid').then(1).else(0).end()).as('paid'),
      eb.fn.sum<number>(eb.case().when('c.state', '!=', 'rejected').then(eb.ref('a.subsidy_fen')).else(0).end()).as('subsidy_fen'),
      eb.fn.sum<number>(eb.case().when('c.state', '=', 'paid').then(eb.ref('a.subsidy_fen')).else(0).end()).as('paid_fen'),
    ])
    .where('c.state', 'not in', ['draft'])
    .groupBy('a.city_code').execute();
  const byCity = listCities().map((city) => {
    const r = rows.find((x) => x.city_code === city.code);
    return { cityCode: city.code, cityName: city.name, applications: Number(r?.applications ?? 0), approved: Number(r?.approved ?? 0), paid: Number(r?.paid ?? 0), subsidyFen: Number(r?.subsidy_fen ?? 0), paidFen: Number(r?.paid_fen ?? 0) };
  });
  return {
    byCity,
    totals: { applications: byCity.reduce((s, c) => s + c.applications, 0), subsidyFen: byCity.reduce((s, c) => s + c.subsidyFen, 0), paidFen: byCity.reduce((s, c) => s + c.paidFen, 0) },
  };
}
