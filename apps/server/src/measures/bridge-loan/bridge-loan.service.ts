import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BRIDGE_LOAN_CLAUSE, BRIDGE_LOAN_PROCESS_STEPS, BRIDGE_LOAN_STATE_LABELS,
  type BridgeLoanAction, bridgeLoanActionBodies, type BridgeLoanApplicationFields, bridgeLoanApplicationFields, bridgeLoanGreenDueOn,
  type BridgeLoanReceipt, type BridgeLoanConsultationBody, type BridgeLoanConsultationQuery, type BridgeLoanConsultationView, type BridgeLoanCreateBody, type BridgeLoanSupervisionRow, type BridgeLoanSupervisionView, type BridgeLoanDetail, type BridgeLoanListQuery, type BridgeLoanParams, bridgeLoanRepaymentDueOn, type BridgeLoanRulesView,
  type BridgeLoanState, type BridgeLoanUpdateBody, type BridgeLoanView, bridgeLoanWorkflow, checkBridgeLoanApplication, cityCodeOf, dataScope, decideBridgeLoanFee,
  type Calendar, getMeasure, isBridgeLoanGreenOnTime, isDateInEpidemicPeriod, PROVINCE_LEVEL_KINDS, refuseAction, shanghaiDateOf, } from '@relief/domain';
import type { Kysely } from 'kysely';
import type { ZodError } from 'zod';
import { getCalendar } from '../../cases/calendar.service';
import { deadlineOf, detailOf } from '../../cases/case-views';
import { actorFacts, createCase, factsOf, findByKey, transition } from '../../cases/engine';
import { isUniqueViolation } from '../../db/kysely';
import type { Database, WorkflowCase } from '../../db/schema';
import { policyFor } from '../../policy/policy.service';
import type { Actor } from '../../platform/audit';
import type { AuthUser } from '../../platform/auth/sessions';
import { type AppContext, inTransaction, type Tx } from '../../platform/context';
import { AppError, badRequest, conflict, type FieldProblem, fieldError, forbidden, notFound, problemsMessage, unprocessable } from '../../platform/errors';
import { paginate, containsText } from '../../platform/paging';
import { applicantEnterprise, notRegistered } from '../applicant-facts';
import * as repo from './bridge-loan.repository';
import type { BridgeLoanTable } from './bridge-loan.tables';

const MEASURE = 'bridge-loan';
type Row = BridgeLoanTable;

// ---------------------------------------------------------------------------------------------
// Policy inputs

/** The measure's parameters in force on a date and whether the date lies in the epidemic period (one read of the overrides). */
export async function policyOn(ctx: AppContext, onDate: string, fingerprint?: string | null): Promise<{ params: BridgeLoanParams & Record<string, unknown>; inEpidemicPeriod: boolean }> {
  const { params, period } = await policyFor(ctx, MEASURE, onDate, onDate, fingerprint);
  return { params: params as unknown as BridgeLoanParams & Record<string, unknown>, inEpidemicPeriod: isDateInEpidemicPeriod(period, onDate) };
}

/**
 * The operator of a region: the bridge operator of the county, else of its city, else the
 * province platform (BFP). @throws 500 when not even the platform exists.
 */
export async function routeOperator(db: Kysely<Database>, regionCode: string | null): Promise<number> {
  return pickOperator(await repo.operatorsOf(db, regionCode ?? '', regionCode ? cityCodeOf(regionCode) : ''));
}

function pickOperator(o: { county_operator_id: number | null; city_operator_id: number | null; platform_operator_id: number | null }): number {
  const pick = o.county_operator_id ?? o.city_operator_id ?? o.platform_operator_id;
  if (pick === null) throw new AppError(500, 'HOLDER_MISSING', '组织机构中没有省企业应急转贷基金平台（BFP），无法分送');
  return pick;
}

// ---------------------------------------------------------------------------------------------
// Scope: who sees which application

/** True when the user may see the application (enterprise: its own; bank: named; operator: routed, a city operator its city's; government: its region; province bodies: all). */
export function canSeeLoan(user: AuthUser, row: Pick<Row, 'enterprise_org_id' | 'bank_org_id' | 'operator_org_id' | 'region_code' | 'city_code' | 'submitted_at'>): boolean {
  const org = user.organisation;
  if (row.enterprise_org_id === org.id) return true;
  // Drafts are the enterprise's own until submitted.
  if (!row.submitted_at) return false;
  if (org.kind === 'bank') return row.bank_org_id === org.id;
  if (org.kind === 'bridge-operator') return row.operator_org_id === org.id || (!!org.regionCode?.endsWith('00') && row.city_code === org.regionCode);
  if (org.kind === 'enterprise') return false;
  const scope = dataScope(user);
  if (scope.provinceWide) return true;
  return !!scope.regionPrefix && !!row.region_code?.startsWith(scope.regionPrefix);
}

/** Restricts a query on `bridge_loan as b` to what the user may see (the SQL twin of canSeeLoan). */
function scoped<Q extends { where: (...a: never[]) => Q }>(user: AuthUser, qb: Q): Q {
  const org = user.organisation;
  const q = qb as unknown as import('kysely').SelectQueryBuilder<Database & { b: Row }, 'b', object>;
  let out;
  if (org.kind === 'enterprise') out = q.where('b.enterprise_org_id', '=', org.id);
  else if (org.kind === 'bank') out = q.where('b.bank_org_id', '=', org.id).where('b.submitted_at', 'is not', null);
  else if (org.kind === 'bridge-operator') {
    out = q.where('b.submitted_at', 'is not', null).where((eb) => eb.or([
      eb('b.operator_org_id', '=', org.id),
      ...(org.regionCode?.endsWith('00') ? [eb('b.city_code', '=', org.regionCode)] : []),
    ]));
  } else {
    const scope = dataScope(user);
    out = q.where('b.submitted_at', 'is not', null);
    if (!scope.provinceWide) out = scope.regionPrefix ? out.where('b.region_code', 'like', `${scope.regionPrefix}%`) : out.where('b.case_id', '=', -1);
  }
  return out as unknown as Q;
}

/** An application the user may see. @throws 404 otherwise (existence is not disclosed). */
async function getVisibleLoan(db: Kysely<Database>, user: AuthUser, caseId: number): Promise<Row> {
  const row = await repo.findLoan(db, caseId);
  if (!row || !canSeeLoan(user, row)) throw notFound('应急转贷申请');
  return row;
}

// ---------------------------------------------------------------------------------------------
// Views

function toView(r: Row, names: Map<number, string>, today: string, calendar: Calendar, c?: Pick<WorkflowCase, 'version' | 'due_on' | 'due_at' | 'deadline_provisional' | 'priority'>): BridgeLoanView {
  const repaymentOverdue = r.state === 'overdue' || (r.state === 'disbursed' && !!r.repayment_due_on && r.repayment_due_on < today);
  return {
    caseId: r.case_id, state: r.state, stateLabel: BRIDGE_LOAN_STATE_LABELS[r.state as BridgeLoanState] ?? r.state, version: c?.version ?? 0,
    enterpriseOrgId: r.enterprise_org_id, enterpriseName: r.enterprise_name, uscc: r.uscc, regionCode: r.region_code, cityCode: r.city_code,
    operatorOrgId: r.operator_org_id, operatorName: r.operator_org_id ? names.get(r.operator_org_id) ?? null : null,
    bankOrgId: r.bank_org_id, bankName: r.bank_org_id ? names.get(r.bank_org_id) ?? null : null,
    loanContractNo: r.loan_contract_no, loanType: r.loan_type, loanAmountFen: num(r.loan_amount_fen), loanMaturityOn: r.loan_maturity_on,
    bridgeAmountFen: num(r.bridge_amount_fen), bridgeDays: r.bridge_days, contactName: r.contact_name, contactPhone: r.contact_phone, remark: r.remark,
    greenChannel: r.green_channel === 1, greenListName: r.green_list_name, submittedAt: r.submitted_at, greenDueOn: r.green_due_on,
    dueAt: c?.due_at ?? null, deadline: c ? deadlineOf(calendar, today, c) : null, priority: c?.priority ?? 0,
    feeBasis: r.fee_basis, feeRatePpm: r.fee_rate_ppm, feeFen: num(r.fee_fen), renewalAmountFen: num(r.renewal_amount_fen), renewalExpectedOn: r.renewal_expected_on,
    bankConfirmedAt: r.bank_confirmed_at, disbursedOn: r.disbursed_on, disbursedFen: num(r.disbursed_fen), repaymentDueOn: r.repayment_due_on,
    repaidOn: r.repaid_on, repaidFen: num(r.repaid_fen), repaymentOverdue,
    greenOnTime: r.green_channel === 1 && r.green_due_on ? (r.disbursed_on ? isBridgeLoanGreenOnTime(r.green_due_on, r.disbursed_on) : (today > r.green_due_on ? false : null)) : null,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** The application page: the row, its case (timeline, deadline), files, the fee preview and the actions the viewer may take. */
export async function getLoanDetail(ctx: AppContext, user: AuthUser, caseId: number): Promise<BridgeLoanDetail> {
  const row = await getVisibleLoan(ctx.db, user, caseId);
  const c = await ctx.db.selectFrom('workflow_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const calendar = await getCalendar(ctx);
  const now = ctx.clock.now();
  const today = shanghaiDateOf(now);
  const names = await repo.orgNames(ctx.db, [row.operator_org_id, row.bank_org_id]);
  const detail = await detailOf(ctx.db, calendar, now, user, c);
  const files = await repo.listFiles(ctx.db, caseId);
  const facts = factsOf(c);
  const actor = actorFacts(user);
  // This page is the measure's own: its steps are offered here, where act() takes them.
  const actions = c.closed_at ? [] : Object.entries(bridgeLoanWorkflow.actions)
    .filter(([key]) => refuseAction(bridgeLoanWorkflow, key, facts, actor, { comment: 'x' }, { fromMeasure: true }) === null)
    .map(([key, a]) => ({ key, label: a.label, kind: a.kind, requiresComment: a.requiresComment ?? (a.kind === 'reject' || a.kind === 'return') }));
  let fee: BridgeLoanDetail['fee'] = null;
  if (row.bridge_amount_fen && row.bridge_days) {
    const { inEpidemicPeriod } = await policyOn(ctx, today);
    const snap = JSON.parse(c.params_json) as BridgeLoanParams;
    const atCap = decideBridgeLoanFee(snap, { amountFen: Number(row.bridge_amount_fen), days: row.bridge_days, ratePpm: snap.epidemicFeeCapPpm, inEpidemicPeriod });
    fee = { feeBasis: snap.feeBasis, capPpm: snap.epidemicFeeCapPpm, inEpidemicPeriod, maxFeeFen: inEpidemicPeriod && atCap.ok ? atCap.feeFen : null, normalFeeRatePpm: snap.normalFeeRatePpm ?? null };
  }
  return {
    loan: toView(row, names, today, calendar, c),
    case: detail,
    files: files.map((f) => ({ id: f.id, kind: f.kind, fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes, uploadedAt: f.uploaded_at })),
    fee,
    actions,
    canEdit: user.organisation.id === row.enterprise_org_id && (row.state === 'draft' || row.state === 'returned'),
  };
}

/** Applications in the user's scope, filtered and paged; `todo` lists what waits for the user's organisation, green channel first. */
export async function listLoans(ctx: AppContext, user: AuthUser, q: BridgeLoanListQuery) {
  const today = shanghaiDateOf(ctx.clock.now());
  let base = scoped(user, ctx.db.selectFrom('bridge_loan as b').innerJoin('workflow_case as c', 'c.id', 'b.case_id'));
  if (q.state) base = base.where('b.state', '=', q.state);
  if (q.green) base = base.where('b.green_channel', '=', q.green === 'true' ? 1 : 0);
  if (q.overdue === 'true') base = base.where((eb) => eb.or([eb('b.state', '=', 'overdue'), eb.and([eb('b.state', '=', 'disbursed'), eb('b.repayment_due_on', '<', today)])]));
  if (q.cityCode) base = base.where('b.city_code', '=', q.cityCode);
  if (q.operatorOrgId) base = base.where('b.operator_org_id', '=', q.operatorOrgId);
  if (q.q) base = base.where((eb) => eb.or([containsText('b.enterprise_name', q.q!), containsText('b.loan_contract_no', q.q!), containsText('b.uscc', q.q!)]));
  if (q.from) base = base.where('b.submitted_on', '>=', q.from);
  if (q.to) base = base.where('b.submitted_on', '<=', q.to);
  if (q.todo === 'true') {
    base = base.where('c.holder_org_id', '=', user.organisation.id).where('c.closed_at', 'is', null);
  }
  const page = await paginate(base, (b) => {
    const sel = b.selectAll('b').select(['c.version', 'c.due_on', 'c.due_at', 'c.deadline_provisional', 'c.priority']);
    return q.todo === 'true'
      ? sel.orderBy('c.priority', 'desc').orderBy((eb) => eb.case().when('c.due_at', 'is', null).then(1).else(0).end()).orderBy('c.due_at').orderBy('b.case_id')
      : sel.orderBy('b.case_id', 'desc');
  }, q.page, q.pageSize);
  const names = await repo.orgNames(ctx.db, page.items.flatMap((r) => [r.operator_org_id, r.bank_org_id]));
  const calendar = await getCalendar(ctx);
  return { ...page, items: page.items.map((r) => toView(r, names, today, calendar, r)) };
}

/** Every application of the list's filters (no paging), for the Excel export. */
export async function listLoansForExport(ctx: AppContext, user: AuthUser, q: BridgeLoanListQuery): Promise<BridgeLoanView[]> {
  const page = await listLoans(ctx, user, { ...q, page: 1, pageSize: 100_000 } as BridgeLoanListQuery);
  return page.items;
}

// ---------------------------------------------------------------------------------------------
// Application: create, change, submit

function requireEnterprise(user: AuthUser) {
  if (user.organisation.kind !== 'enterprise') throw forbidden('只有企业可以申请应急转贷');
}

const unknownBank = () => fieldError('bankOrgId', '贷款银行不存在，请从列表中选择平台内的银行');

async function checkBank(db: Kysely<Database>, bankOrgId: number | undefined): Promise<void> {
  if (bankOrgId === undefined) return;
  if (!(await repo.bankExists(db, bankOrgId))) throw unknownBank();
}

function fieldsToRow(f: Partial<BridgeLoanApplicationFields>): Partial<Row> {
  const out: Partial<Row> = {};
  if (f.bankOrgId !== undefined) out.bank_org_id = f.bankOrgId;
  if (f.loanContractNo !== undefined) out.loan_contract_no = f.loanContractNo;
  if (f.loanType !== undefined) out.loan_type = f.loanType;
  if (f.loanAmountFen !== undefined) out.loan_amount_fen = f.loanAmountFen;
  if (f.loanMaturityOn !== undefined) out.loan_maturity_on = f.loanMaturityOn;
  if (f.bridgeAmountFen !== undefined) out.bridge_amount_fen = f.bridgeAmountFen;
  if (f.bridgeDays !== undefined) out.bridge_days = f.bridgeDays;
  if (f.contactName !== undefined) out.contact_name = f.contactName;
  if (f.contactPhone !== undefined) out.contact_phone = f.contactPhone;
  if (f.remark !== undefined) out.remark = f.remark;
  return out;
}

function rowToFields(r: Row): Record<string, unknown> {
  return {
    bankOrgId: r.bank_org_id ?? undefined, loanContractNo: r.loan_contract_no ?? undefined, loanType: r.loan_type ?? undefined,
    loanAmountFen: num(r.loan_amount_fen) ?? undefined, loanMaturityOn: r.loan_maturity_on ?? undefined, bridgeAmountFen: num(r.bridge_amount_fen) ?? undefined,
    bridgeDays: r.bridge_days ?? undefined, contactName: r.contact_name ?? undefined, contactPhone: r.contact_phone ?? undefined, remark: r.remark ?? null,
  };
}

function zodProblems(err: ZodError): FieldProblem[] {
  return err.issues.map((i) => ({ path: i.path.join('.') || '(根)', message: i.message }));
}

/**
 * The application's fields if it may be submitted: complete (else 400) and within the measure's
 * rules (else 422). Every problem is named at once, each with its field, so the applicant fixes
 * them in one go.
 */
function submittable(fields: unknown, params: BridgeLoanParams, today: string): BridgeLoanApplicationFields {
  const full = bridgeLoanApplicationFields.safeParse(fields);
  if (!full.success) {
    const problems = zodProblems(full.error);
    throw badRequest(problemsMessage(problems, '申请信息不完整，请补全后提交'), problems, 'VALIDATION_FAILED');
  }
  const problems: FieldProblem[] = checkBridgeLoanApplication(params, { ...full.data, hasRenewalCommitment: true }, today)
    .map((p) => ({ path: p.field, message: p.message }));
  if (problems.length) throw unprocessable(problemsMessage(problems, '申请不符合转贷条件'), problems);
  return full.data;
}

/**
 * Opens an application: saved as a draft, or submitted at once (`submit: true`). Idempotent by
 * `idempotencyKey` (a retry returns the first application). Routed at submission.
 * @throws 403 for non-enterprises, 400/422 for bad or ineligible input, 409 for a duplicate loan.
 */
export async function createLoan(ctx: AppContext, user: AuthUser, actor: Actor, body: BridgeLoanCreateBody): Promise<BridgeLoanReceipt> {
  requireEnterprise(user);
  const { idempotencyKey, submit, ...fields } = body;
  const now = ctx.clock.now();
  const today = shanghaiDateOf(now);
  // The body is already in the shape a submission checks (the same schema), so its loan key is final.
  const activeKey = submit && fields.bankOrgId !== undefined && fields.loanContractNo !== undefined ? loanKey(fields.bankOrgId, fields.loanContractNo) : null;
  const e = await repo.applicationFacts(ctx.db, { measure: MEASURE, organisationId: user.organisation.id, idempotencyKey, presetId: ctx.preset.id, bankOrgId: fields.bankOrgId ?? null, onDate: today, activeKey });
  // A retry is answered with the first application before anything is checked: the checks would
  // now refuse it as a duplicate of itself.
  if (e?.retry_case_id != null) {
    const existing = await findByKey(ctx.db, { measure: MEASURE, ownerOrgId: user.organisation.id, idempotencyKey });
    if (existing) return receiptOf(existing, false);
  }
  if (!e) throw notRegistered();
  if (fields.bankOrgId !== undefined && e.bank_id === null) throw unknownBank();
  const { params } = await policyOn(ctx, today, e.policy_fingerprint);
  const title = `应急转贷申请：${e.name}`;
  // Submitted at once (the opening-day path): checked, routed and placed in one engine
  // transaction, instead of a draft followed by a second transaction to submit it.
  const sub = submit ? await submissionOf(ctx, e, fields, today, params) : null;
  let result;
  try {
    result = await createCase(ctx, actor, {
      measure: MEASURE, idempotencyKey, ownerOrgId: user.organisation.id, regionCode: e.region_code, title,
      data: sub ? sub.data : { bankOrgId: fields.bankOrgId ?? null, bridgeAmountFen: fields.bridgeAmountFen ?? null, greenChannel: false }, params,
      priority: sub?.data.greenChannel ? 1 : 0,
    }, {
      ...(sub ? { startWith: { action: 'submit', user } } : {}),
      keyChecked: true,
      afterInsert: async (tx, c) => {
        const at = tx.now.toISOString();
        tx.send(repo.insertLoan(tx.db, {
          case_id: c.id, state: c.state, enterprise_org_id: user.organisation.id, enterprise_name: e.name, uscc: e.uscc, region_code: e.region_code,
          city_code: e.region_code ? cityCodeOf(e.region_code) : null, operator_org_id: null, bank_org_id: null, loan_contract_no: null, loan_type: null,
          loan_amount_fen: null, loan_maturity_on: null, bridge_amount_fen: null, bridge_days: null, contact_name: null, contact_phone: null, remark: null,
          active_key: null, green_channel: 0, green_list_name: null, submitted_at: null, submitted_on: null, green_due_on: null, accepted_at: null,
          fee_basis: null, fee_rate_ppm: null, fee_fen: null, bank_confirmed_at: null, renewal_amount_fen: null, renewal_expected_on: null,
          disbursed_on: null, disbursed_at: null, disbursed_fen: null, repayment_due_on: null, repaid_on: null, repaid_fen: null, overdue_at: null,
          ...fieldsToRow(fields), ...(sub ? { ...sub.row, submitted_at: at } : {}), created_at: at, updated_at: at,
        }));
      },
    });
  } catch (err) {
    // Submitted at the same moment as another application for the same loan: the unique index
    // on the loan's key let one through; this one is told which.
    const dup = sub && isUniqueViolation(err) ? await repo.findByActiveKey(ctx.db, sub.activeKey) : undefined;
    if (dup) throw duplicateLoan(dup, fields.loanContractNo!);
    throw err;
  }
  return receiptOf(result.case, result.created);
}

function receiptOf(c: WorkflowCase, created: boolean): BridgeLoanReceipt {
  return { caseId: c.id, created, state: c.state, stateLabel: BRIDGE_LOAN_STATE_LABELS[c.state as BridgeLoanState] ?? c.state, version: c.version, dueAt: c.due_at, priority: c.priority };
}

/**
 * What submitting an application makes of it, decided before its transaction from the facts read
 * with the enterprise: complete and eligible (else 400/422 naming the field), not a loan already
 * applied for (409), routed to its operator, green channel from the lists.
 */
async function submissionOf(ctx: AppContext, e: ApplicationFacts, fields: Partial<BridgeLoanApplicationFields>, today: string, params: BridgeLoanParams) {
  const a = submittable(fields, params, today);
  const activeKey = loanKey(a.bankOrgId, a.loanContractNo);
  if (e.duplicate_case_id !== null) throw duplicateLoan({ case_id: e.duplicate_case_id, state: e.duplicate_state! }, a.loanContractNo);
  const operator = pickOperator(e);
  const list = e.priority_list;
  const green = list !== null;
  return {
    activeKey,
    data: { operatorOrgId: operator, bankOrgId: a.bankOrgId, greenChannel: green, bridgeAmountFen: a.bridgeAmountFen },
    row: {
      active_key: activeKey, operator_org_id: operator, green_channel: green ? 1 : 0, green_list_name: list, submitted_on: today,
      green_due_on: green ? bridgeLoanGreenDueOn(await getCalendar(ctx), today) : null,
    } satisfies Partial<Row>,
  };
}

type ApplicationFacts = NonNullable<Awaited<ReturnType<typeof repo.applicationFacts>>>;

/** The key of a loan among open applications: one application per bank and contract. */
function loanKey(bankOrgId: number, contractNo: string): string {
  return `${bankOrgId}:${contractNo}`;
}

function duplicateLoan(dup: { case_id: number; state: string }, contractNo: string) {
  return conflict(`该笔贷款（合同 ${contractNo}）已有应急转贷申请：第 ${dup.case_id} 号（${BRIDGE_LOAN_STATE_LABELS[dup.state as BridgeLoanState] ?? dup.state}），不能重复申请`, { caseId: dup.case_id }, 'DUPLICATE');
}

/** Changes a draft or returned application (the enterprise only), with the version it read. */
export async function updateLoan(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, body: BridgeLoanUpdateBody): Promise<void> {
  requireEnterprise(user);
  const { version, ...fields } = body;
  const row = await getVisibleLoan(ctx.db, user, caseId);
  if (row.enterprise_org_id !== user.organisation.id) throw notFound('应急转贷申请');
  if (row.state !== 'draft' && row.state !== 'returned') throw conflict(`申请已是「${BRIDGE_LOAN_STATE_LABELS[row.state as BridgeLoanState]}」，不能再修改`, null, 'ILLEGAL_TRANSITION');
  await checkBank(ctx.db, fields.bankOrgId);
  await inTransaction(ctx, actor, async (tx) => {
    const at = tx.now.toISOString();
    const res = await tx.db.updateTable('workflow_case').set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', caseId).where('version', '=', version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该申请已在别处修改，请刷新后重试', null, 'STALE_VERSION');
    await repo.updateLoan(tx.db, caseId, { ...fieldsToRow(fields), updated_at: at });
    await tx.audit({ action: 'bridge-loan.draft_saved', entityType: 'case', entityId: caseId, after: fields });
  });
}

// ---------------------------------------------------------------------------------------------
// Actions through the engine

/** What the caller already read in the same request (create + submit), so it is not read again. */
interface KnownContext {
  calendar: Awaited<ReturnType<typeof getCalendar>>;
  policy: Awaited<ReturnType<typeof policyOn>>;
}

/**
 * Takes a workflow action with its own input (fee at acceptance, the bank's confirmation,
 * disbursement, repayment), writing the measure's row in the engine's transaction.
 * @throws 400 for bad input, 404 outside scope, 403/409/422 from the engine or the rules.
 */
export async function act(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, action: string, raw: unknown, known?: KnownContext): Promise<WorkflowCase> {
  const schema = bridgeLoanActionBodies[action as BridgeLoanAction];
  if (!schema) throw badRequest(`没有「${action}」这项操作`, null, 'UNKNOWN_ACTION');
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = zodProblems(parsed.error);
    throw badRequest(problemsMessage(problems), problems, 'VALIDATION_FAILED');
  }
  const input = parsed.data as Record<string, unknown> & { version: number; comment?: string };
  const today = shanghaiDateOf(ctx.clock.now());
  if (!known) {
    await getVisibleLoan(ctx.db, user, caseId);
    // Who may act is the engine's to decide; asking first turns "visible but not yours" (a city
    // operator looking at its county's case) into 403 rather than the engine's 404.
    const current = await ctx.db.selectFrom('workflow_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const refusal = refuseAction(bridgeLoanWorkflow, action, factsOf(current), actorFacts(user), { comment: 'x' }, { fromMeasure: true });
    if (refusal && (refusal.code === 'NOT_HOLDER' || refusal.code === 'ROLE')) throw new AppError(403, refusal.code, refusal.message);
  }
  const calendar = known?.calendar ?? await getCalendar(ctx);
  const policy = action === 'accept' || action === 'submit' ? known?.policy ?? await policyOn(ctx, today) : null;
  const { version, comment, ...payload } = input;
  return transition(ctx, user, actor, caseId, action, { version, comment, data: payload }, {
    fromMeasure: true,
    apply: async (tx, c) => {
      const row = (await repo.findLoan(tx.db, caseId))!;
      const to = bridgeLoanWorkflow.actions[action]!.to;
      const at = tx.now.toISOString();
      const set: Partial<Row> = { state: to, updated_at: at };
      let extra: Record<string, unknown> = {};
      switch (action as BridgeLoanAction) {
        case 'submit': extra = await submitChecks(tx, c, row, set, calendar, today, policy!.params); break;
        case 'accept': {
          const snap = JSON.parse(c.params_json) as BridgeLoanParams;
          const filed = await tx.db.selectFrom('bridge_loan_file').select('id').where('case_id', '=', caseId).where('kind', '=', 'renewal-commitment').executeTakeFirst();
          if (snap.requiresRenewalCommitment && !filed) throw unprocessable('受理前须有银行出具的续贷承诺：请企业上传续贷承诺书', [{ path: 'renewalCommitment', message: '缺少续贷承诺书' }]);
          const r = decideBridgeLoanFee(snap, { amountFen: Number(row.bridge_amount_fen), days: row.bridge_days!, ratePpm: input.feeRatePpm as number, feeFen: (input.feeFen as number | null | undefined) ?? null, inEpidemicPeriod: policy!.inEpidemicPeriod });
          if (!r.ok) throw unprocessable(r.message, [{ path: r.field, message: r.message }]);
          Object.assign(set, { accepted_at: at, fee_basis: snap.feeBasis, fee_rate_ppm: input.feeRatePpm as number, fee_fen: r.feeFen });
          extra = { feeFen: r.feeFen };
          break;
        }
        case 'confirm-renewal': {
          if ((input.renewalAmountFen as number) < Number(row.bridge_amount_fen)) throw unprocessable('续贷金额不能少于转贷金额，否则续贷资金不足以归还转贷资金', [{ path: 'renewalAmountFen', message: '少于转贷金额' }]);
          Object.assign(set, { bank_confirmed_at: at, renewal_amount_fen: input.renewalAmountFen as number, renewal_expected_on: input.renewalExpectedOn as string });
          break;
        }
        case 'disburse': {
          const on = input.disbursedOn as string;
          if (on > today) throw fieldError('disbursedOn', '放款日期不能晚于今天');
          if (row.submitted_on && on < row.submitted_on) throw fieldError('disbursedOn', '放款日期不能早于申请日期');
          if ((input.disbursedFen as number) > Number(row.bridge_amount_fen)) throw fieldError('disbursedFen', '放款金额不能超过申请的转贷金额');
          Object.assign(set, { disbursed_on: on, disbursed_at: at, disbursed_fen: input.disbursedFen as number, repayment_due_on: bridgeLoanRepaymentDueOn(on, row.bridge_days!) });
          break;
        }
        case 'repay': {
          const on = input.repaidOn as string;
          if (on > today) throw fieldError('repaidOn', '归还日期不能晚于今天');
          if (row.disbursed_on && on < row.disbursed_on) throw fieldError('repaidOn', '归还日期不能早于放款日期');
          Object.assign(set, { repaid_on: on, repaid_fen: input.repaidFen as number });
          break;
        }
        case 'mark-overdue': {
          if (!row.repayment_due_on || row.repayment_due_on >= today) throw unprocessable(`应还日 ${row.repayment_due_on ?? '—'} 尚未过去，不能标记逾期`);
          set.overdue_at = at;
          break;
        }
        case 'reject': case 'decline-renewal': case 'withdraw':
          set.active_key = null;
          break;
        case 'return': break;
      }
      await repo.updateLoan(tx.db, caseId, set);
      return extra;
    },
  });
}

/** Submission inside the engine's transaction: complete, eligible, not a duplicate; routed; green channel decided by the list. */
async function submitChecks(tx: Tx, c: WorkflowCase, row: Row, set: Partial<Row>, calendar: Awaited<ReturnType<typeof getCalendar>>, today: string, params: BridgeLoanParams) {
  const a = submittable(rowToFields(row), params, today);
  const key = loanKey(a.bankOrgId, a.loanContractNo);
  const dup = await repo.findByActiveKey(tx.db, key);
  if (dup && dup.case_id !== c.id) throw duplicateLoan(dup, a.loanContractNo);
  const operator = await routeOperator(tx.db, row.region_code);
  const list = await repo.priorityListOn(tx.db, row.uscc, today);
  const green = list !== null;
  const at = tx.now.toISOString();
  Object.assign(set, {
    active_key: key, operator_org_id: operator, green_channel: green ? 1 : 0, green_list_name: list, submitted_at: at, submitted_on: today,
    green_due_on: green ? bridgeLoanGreenDueOn(calendar, today) : null,
  });
  // Green-channel cases come first in inboxes (the engine orders by priority).
  if ((c.priority === 1) !== green) await tx.db.updateTable('workflow_case').set({ priority: green ? 1 : 0 }).where('id', '=', c.id).execute();
  return { operatorOrgId: operator, bankOrgId: a.bankOrgId, greenChannel: green, bridgeAmountFen: a.bridgeAmountFen };
}

// ---------------------------------------------------------------------------------------------
// Files

const ALLOWED_TYPES: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };
/** Largest renewal-commitment file accepted (a scanned page or two). */
export const BRIDGE_LOAN_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Stores the renewal commitment of a draft/returned/submitted application (the enterprise only). */
export async function saveFile(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, file: { fileName: string; contentType: string; bytes: Buffer }) {
  requireEnterprise(user);
  const row = await getVisibleLoan(ctx.db, user, caseId);
  if (row.enterprise_org_id !== user.organisation.id) throw notFound('应急转贷申请');
  if (!['draft', 'returned', 'submitted'].includes(row.state)) throw conflict('申请受理后不能再更换续贷承诺书', null, 'ILLEGAL_TRANSITION');
  const ext = ALLOWED_TYPES[file.contentType];
  if (!ext) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '续贷承诺书应为 PDF、JPG 或 PNG 文件');
  if (!file.bytes.length) throw fieldError('file', '文件为空');
  // The declared type must match the content: a renamed file is refused, not stored.
  const head = file.bytes.subarray(0, 4);
  const looksRight = ext === '.pdf' ? head.toString('latin1') === '%PDF' : ext === '.png' ? head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) : head[0] === 0xff && head[1] === 0xd8;
  if (!looksRight) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `文件内容与类型（${file.contentType}）不符，请上传真实的 PDF、JPG 或 PNG 文件`);
  if (file.bytes.length > BRIDGE_LOAN_FILE_MAX_BYTES) throw new AppError(413, 'FILE_TOO_LARGE', '续贷承诺书不能超过 10 MB');
  const rel = path.join('uploads', String(caseId), `${randomUUID()}${ext}`);
  const abs = path.join(ctx.config.dataDir, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, file.bytes);
  try {
    return await inTransaction(ctx, actor, async (tx) => {
      const f = await tx.db.insertInto('bridge_loan_file').values({
        case_id: caseId, kind: 'renewal-commitment', file_name: file.fileName.slice(0, 200), content_type: file.contentType, size_bytes: file.bytes.length,
        stored_path: rel, uploaded_by: user.id, uploaded_at: tx.now.toISOString(),
      }).returningAll().executeTakeFirstOrThrow();
      await tx.audit({ action: 'bridge-loan.file_uploaded', entityType: 'case', entityId: caseId, after: { fileId: f.id, fileName: f.file_name, sizeBytes: f.size_bytes } });
      return { id: f.id, kind: f.kind, fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes, uploadedAt: f.uploaded_at };
    });
  } catch (err) {
    await rm(abs, { force: true });
    throw err;
  }
}

/** A file of an application the user may see, as a stream. */
export async function openFile(ctx: AppContext, user: AuthUser, caseId: number, fileId: number) {
  await getVisibleLoan(ctx.db, user, caseId);
  const f = await ctx.db.selectFrom('bridge_loan_file').selectAll().where('id', '=', fileId).where('case_id', '=', caseId).executeTakeFirst();
  if (!f) throw notFound('文件');
  return { file: f, stream: createReadStream(path.join(ctx.config.dataDir, f.stored_path)) };
}

// ---------------------------------------------------------------------------------------------
// Rules page and reference lists

/** The published rules and process: the clause, hotline, online entry, fee cap and basis, time limits, steps, operators. */
export async function rulesView(ctx: AppContext): Promise<BridgeLoanRulesView> {
  const today = shanghaiDateOf(ctx.clock.now());
  const { params, inEpidemicPeriod } = await policyOn(ctx, today);
  const m = getMeasure(ctx.preset, MEASURE);
  const ops = await repo.listOperators(ctx.db);
  const p = params as BridgeLoanParams & Record<string, unknown>;
  return {
    clause: BRIDGE_LOAN_CLAUSE, text: m.text, hotline: String(p.hotline), onlineEntryUrl: String(p.onlineEntryUrl),
    greenChannelEnterpriseList: String(p.greenChannelEnterpriseList), greenChannelDeadline: String(p.greenChannelDeadline),
    epidemicFeeCapPpm: p.epidemicFeeCapPpm, feeBasis: p.feeBasis, feeBasisLabel: p.feeBasis === 'per_day' ? '按日计收' : '按笔计收',
    normalFeeRatePpm: p.normalFeeRatePpm, normalAcceptanceWorkingDays: p.normalAcceptanceWorkingDays, maxTermDays: p.maxTermDays,
    eligibleLoanTypes: [...p.eligibleLoanTypes], requiresRenewalCommitment: p.requiresRenewalCommitment, inEpidemicPeriod,
    steps: BRIDGE_LOAN_PROCESS_STEPS.map((s) => ({ ...s })),
    operators: ops.map((o) => ({ id: o.id, name: o.name, regionCode: o.region_code, level: o.kind === 'bridge-fund' ? 'province' : o.region_code?.endsWith('00') ? 'city' : 'county' })),
  };
}

/** Banks an enterprise may name. */
export const listBanks = (ctx: AppContext) => repo.listBanks(ctx.db);

// ---------------------------------------------------------------------------------------------
// Consultation log (hotline calls and online questions)

function consultationScope(user: AuthUser) {
  const org = user.organisation;
  return <Q extends import('kysely').SelectQueryBuilder<Database, 'bridge_loan_consultation', object>>(q: Q): Q => {
    if (org.kind === 'enterprise') return q.where('enterprise_org_id', '=', org.id) as Q;
    if (org.kind === 'bridge-operator') return q.where('operator_org_id', '=', org.id) as Q;
    if (PROVINCE_LEVEL_KINDS.includes(org.kind)) return q;
    const scope = dataScope(user);
    return (scope.regionPrefix ? q.where('region_code', 'like', `${scope.regionPrefix}%`) : q.where('id', '=', -1)) as Q;
  };
}

async function consultationViews(db: Kysely<Database>, rows: import('kysely').Selectable<Database['bridge_loan_consultation']>[]): Promise<BridgeLoanConsultationView[]> {
  const names = await repo.orgNames(db, rows.flatMap((r) => [r.enterprise_org_id, r.operator_org_id]));
  const userIds = [...new Set(rows.map((r) => r.answered_by).filter((x): x is number => x !== null))];
  const users = userIds.length ? await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
  const userNames = new Map(users.map((u) => [u.id, u.display_name]));
  return rows.map((r) => ({
    id: r.id, channel: r.channel as 'phone' | 'online', askerName: r.asker_name, askerPhone: r.asker_phone,
    enterpriseOrgId: r.enterprise_org_id, enterpriseName: r.enterprise_org_id ? names.get(r.enterprise_org_id) ?? null : null,
    operatorOrgId: r.operator_org_id, operatorName: r.operator_org_id ? names.get(r.operator_org_id) ?? null : null,
    question: r.question, answer: r.answer, answeredAt: r.answered_at, answeredBy: r.answered_by ? userNames.get(r.answered_by) ?? null : null,
    createdAt: r.created_at, version: r.version,
  }));
}

/** The consultation log in the user's scope, filtered and paged. */
export async function listConsultations(ctx: AppContext, user: AuthUser, q: BridgeLoanConsultationQuery) {
  let base = consultationScope(user)(ctx.db.selectFrom('bridge_loan_consultation'));
  if (q.channel) base = base.where('channel', '=', q.channel);
  if (q.answered) base = base.where('answered_at', q.answered === 'true' ? 'is not' : 'is', null);
  if (q.q) base = base.where((eb) => eb.or([containsText('question', q.q!), containsText('asker_name', q.q!)]));
  const page = await paginate(base, (b) => b.selectAll().orderBy('id', 'desc'), q.page, q.pageSize);
  return { ...page, items: await consultationViews(ctx.db, page.items) };
}

/**
 * Records a consultation: an enterprise asks online (routed to its operator), an operator logs a
 * hotline call (askerName required; the answer may be given at once).
 */
export async function recordConsultation(ctx: AppContext, user: AuthUser, actor: Actor, body: BridgeLoanConsultationBody): Promise<BridgeLoanConsultationView> {
  const org = user.organisation;
  let row: Omit<import('kysely').Insertable<Database['bridge_loan_consultation']>, 'created_at'>;
  if (org.kind === 'enterprise') {
    const e = await applicantEnterprise(ctx.db, user.organisation.id);
    row = {
      channel: 'online', asker_name: body.askerName ?? user.displayName, asker_phone: body.askerPhone ?? null, enterprise_org_id: org.id,
      operator_org_id: await routeOperator(ctx.db, e.region_code), region_code: e.region_code, question: body.question, answer: null, created_by: user.id,
    };
  } else if (org.kind === 'bridge-operator' || org.kind === 'bridge-fund') {
    if (!body.askerName) throw fieldError('askerName', '请填写来电人');
    const answer = body.answer?.trim() || null;
    row = {
      channel: body.channel ?? 'phone', asker_name: body.askerName, asker_phone: body.askerPhone ?? null, enterprise_org_id: null, operator_org_id: org.id,
      region_code: org.regionCode, question: body.question, answer, answered_by: answer ? user.id : null, created_by: user.id,
    };
  } else {
    throw forbidden('只有企业（网上咨询）和转贷运营机构（电话登记）可以登记咨询');
  }
  const saved = await inTransaction(ctx, actor, async (tx) => {
    const at = tx.now.toISOString();
    const r = await tx.db.insertInto('bridge_loan_consultation').values({ ...row, answered_at: row.answer ? at : null, created_at: at }).returningAll().executeTakeFirstOrThrow();
    await tx.audit({ action: 'bridge-loan.consultation_recorded', entityType: 'bridge_loan_consultation', entityId: r.id, after: { channel: r.channel, question: r.question, answer: r.answer } });
    return r;
  });
  return (await consultationViews(ctx.db, [saved]))[0]!;
}

/** Answers a consultation of the operator's (or, for the province platform, any). @throws 404 outside scope, 409 when stale. */
export async function answerConsultation(ctx: AppContext, user: AuthUser, actor: Actor, id: number, body: { answer: string; version: number }): Promise<BridgeLoanConsultationView> {
  const org = user.organisation;
  const r = await ctx.db.selectFrom('bridge_loan_consultation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || (org.kind !== 'bridge-fund' && r.operator_org_id !== org.id)) throw notFound('咨询记录');
  const saved = await inTransaction(ctx, actor, async (tx) => {
    const at = tx.now.toISOString();
    const res = await tx.db.updateTable('bridge_loan_consultation').set({ answer: body.answer, answered_by: user.id, answered_at: at, version: r.version + 1 })
      .where('id', '=', id).where('version', '=', body.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该咨询已被他人答复或修改，请刷新后重试', null, 'STALE_VERSION');
    await tx.audit({ action: 'bridge-loan.consultation_answered', entityType: 'bridge_loan_consultation', entityId: id, before: { answer: r.answer }, after: { answer: body.answer } });
    return tx.db.selectFrom('bridge_loan_consultation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
  return (await consultationViews(ctx.db, [saved]))[0]!;
}

// ---------------------------------------------------------------------------------------------
// Supervision (BFP, province; a city sees its own)

/** True when the user may open the supervision dashboard: province bodies, city and county governments, bridge operators. */
export function canSupervise(user: AuthUser): boolean {
  const k = user.organisation.kind;
  return PROVINCE_LEVEL_KINDS.includes(k) || k === 'city' || k === 'county' || k === 'bridge-operator';
}

function emptyRow(key: string, name: string): BridgeLoanSupervisionRow {
  return { key, name, applications: 0, disbursed: 0, disbursedFen: 0, feeFen: 0, avgHoursToDisburse: null, greenCases: 0, greenOnTime: 0, greenOnTimeRatePpm: null, overdue: 0, overdueFen: 0 };
}

/**
 * Volumes, amounts, fees, time from submission to disbursement, the green channel's on-time rate
 * and overdue repayments, by operator and by city, over submissions in [from, to].
 */
export async function supervision(ctx: AppContext, user: AuthUser, q: { from?: string | undefined; to?: string | undefined }): Promise<BridgeLoanSupervisionView> {
  if (!canSupervise(user)) throw forbidden('只有省平台、省直部门、市县政府和转贷运营机构可以查看监管统计');
  const today = shanghaiDateOf(ctx.clock.now());
  let base = scoped(user, ctx.db.selectFrom('bridge_loan as b'));
  if (q.from) base = base.where('b.submitted_on', '>=', q.from);
  if (q.to) base = base.where('b.submitted_on', '<=', q.to);
  const rows = await base.select(['b.case_id', 'b.state', 'b.operator_org_id', 'b.city_code', 'b.green_channel', 'b.green_due_on', 'b.submitted_at', 'b.disbursed_at', 'b.disbursed_on', 'b.disbursed_fen', 'b.fee_fen', 'b.repayment_due_on', 'b.bridge_amount_fen'])
    .where('b.state', 'not in', ['draft', 'withdrawn']).execute();
  const names = await repo.orgNames(ctx.db, rows.map((r) => r.operator_org_id));
  const cityCodes = [...new Set(rows.map((r) => r.city_code).filter((x): x is string => !!x))];
  const cities = cityCodes.length ? await ctx.db.selectFrom('organisation').select(['code', 'name']).where('kind', '=', 'city').where('code', 'in', cityCodes).execute() : [];
  const cityNames = new Map(cities.map((c) => [c.code!, c.name]));
  const totals = emptyRow('total', '合计');
  const byOp = new Map<string, BridgeLoanSupervisionRow>();
  const byCity = new Map<string, BridgeLoanSupervisionRow>();
  const hours = new Map<BridgeLoanSupervisionRow, number[]>();
  for (const r of rows) {
    const opKey = String(r.operator_org_id ?? 0);
    const cityKey = r.city_code ?? '—';
    const targets = [totals,
      byOp.get(opKey) ?? byOp.set(opKey, emptyRow(opKey, names.get(r.operator_org_id ?? 0) ?? '未分送')).get(opKey)!,
      byCity.get(cityKey) ?? byCity.set(cityKey, emptyRow(cityKey, cityNames.get(cityKey) ?? cityKey)).get(cityKey)!];
    const disbursed = r.disbursed_on !== null;
    const overdue = r.state === 'overdue' || (r.state === 'disbursed' && !!r.repayment_due_on && r.repayment_due_on < today);
    for (const t of targets) {
      t.applications += 1;
      if (disbursed) {
        t.disbursed += 1;
        t.disbursedFen += Number(r.disbursed_fen ?? 0);
        t.feeFen += Number(r.fee_fen ?? 0);
        if (r.submitted_at && r.disbursed_at) {
          const list = hours.get(t) ?? hours.set(t, []).get(t)!;
          list.push((Date.parse(r.disbursed_at) - Date.parse(r.submitted_at)) / 3_600_000);
        }
      }
      if (r.green_channel === 1 && r.green_due_on && (disbursed || today > r.green_due_on || ['rejected'].includes(r.state))) {
        // Counted once decided: completed, or its day has passed.
        t.greenCases += 1;
        if (isBridgeLoanGreenOnTime(r.green_due_on, r.disbursed_on)) t.greenOnTime += 1;
      }
      if (overdue) {
        t.overdue += 1;
        t.overdueFen += Number(r.disbursed_fen ?? 0);
      }
    }
  }
  const finish = (t: BridgeLoanSupervisionRow) => {
    const h = hours.get(t);
    t.avgHoursToDisburse = h?.length ? Math.round((h.reduce((a, b) => a + b, 0) / h.length) * 10) / 10 : null;
    t.greenOnTimeRatePpm = t.greenCases ? Math.round((t.greenOnTime * 1_000_000) / t.greenCases) : null;
    return t;
  };
  return {
    from: q.from ?? null, to: q.to ?? null, totals: finish(totals),
    byOperator: [...byOp.values()].map(finish).sort((a, b) => b.applications - a.applications),
    byCity: [...byCity.values()].map(finish).sort((a, b) => a.key.localeCompare(b.key)),
  };
}
