import type { DataScope } from '@relief/domain';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { RiskCompensationItemTable, RiskCompensationLoanTable } from './risk-compensation.tables';

// Kysely queries of the risk-compensation measure. Nothing here decides: scopes arrive as
// DataScope, months and dates as strings, from the service.

type Db = Kysely<Database>;

const CHUNK = 500;

/** Loans joined with their bank, narrowed to what the scope reaches (bank subtree, borrower region, or all). */
export function loansIn(db: Db, scope: DataScope) {
  const q = db.selectFrom('risk_compensation_loan as l').innerJoin('organisation as b', 'b.id', 'l.bank_org_id');
  if (scope.provinceWide) return q;
  return q.where((eb) => eb.or([
    eb('b.path', 'like', `${scope.pathPrefix}%`),
    ...(scope.regionPrefix ? [eb('l.borrower_region_code', 'like', `${scope.regionPrefix}%`)] : []),
  ]));
}

export const LOAN_COLUMNS = ['l.id', 'l.bank_org_id', 'b.name as bank_name', 'l.contract_no', 'l.borrower_uscc', 'l.borrower_name', 'l.borrower_region_code',
  'l.borrower_size_class', 'l.amount_fen', 'l.start_on', 'l.maturity_on', 'l.annual_rate_ppm', 'l.loan_type', 'l.non_performing_on', 'l.non_performing_month', 'l.np_principal_fen',
  'l.eligible', 'l.eligibility_json', 'l.claim_case_id', 'l.source', 'l.created_at', 'l.version'] as const;

/** Claims (with their case and bank) the scope reaches: the bank's subtree, the case's region, or all. */
export function claimsIn(db: Db, scope: DataScope, orgId: number) {
  const q = db.selectFrom('risk_compensation_claim as rc').innerJoin('workflow_case as c', 'c.id', 'rc.case_id').innerJoin('organisation as b', 'b.id', 'rc.bank_org_id');
  if (scope.provinceWide) return q;
  return q.where((eb) => eb.or([
    eb('b.path', 'like', `${scope.pathPrefix}%`),
    eb('c.holder_org_id', '=', orgId),
    ...(scope.regionPrefix ? [eb('c.region_code', 'like', `${scope.regionPrefix}%`)] : []),
  ]));
}

export const CLAIM_COLUMNS = ['rc.case_id', 'rc.bank_org_id', 'b.name as bank_name', 'rc.month', 'rc.window_closes_on', 'rc.item_count', 'rc.principal_fen',
  'rc.claimed_fen', 'rc.approved_fen', 'rc.submitted_on', 'rc.plan_id', 'rc.created_at', 'c.state', 'c.version', 'c.due_on', 'c.overdue_since', 'c.closed_at'] as const;

/** The bank's claim of a month, if any (the business key), with its idempotency key. */
export function findClaimOfMonth(db: Db, bankOrgId: number, month: string) {
  return db.selectFrom('risk_compensation_claim as rc').innerJoin('workflow_case as c', 'c.id', 'rc.case_id')
    .select(['rc.case_id', 'c.idempotency_key', 'c.state']).where('rc.bank_org_id', '=', bankOrgId).where('rc.month', '=', month).executeTakeFirst();
}

/** A claim's measure row. */
export function findClaim(db: Db, caseId: number) {
  return db.selectFrom('risk_compensation_claim').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** The items of a claim with their loans, in loan order. */
export function itemsOfClaims(db: Db, caseIds: readonly number[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('risk_compensation_item as i').innerJoin('risk_compensation_loan as l', 'l.id', 'i.loan_id')
    .innerJoin('organisation as b', 'b.id', 'i.bank_org_id')
    .select(['i.id', 'i.case_id', 'i.loan_id', 'i.bank_org_id', 'b.name as bank_name', 'i.city_code', 'i.principal_fen', 'i.claimed_fen', 'i.basis', 'i.outcome',
      'i.approved_fen', 'i.reason', 'i.disbursed_on', 'l.contract_no', 'l.borrower_uscc', 'l.borrower_name', 'l.loan_type', 'l.start_on', 'l.non_performing_on'])
    .where('i.case_id', 'in', caseIds).orderBy('i.case_id').orderBy('i.id').execute();
}

/** Inserts loans in chunks. */
export async function insertLoans(db: Db, rows: Insertable<RiskCompensationLoanTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('risk_compensation_loan').values(rows.slice(i, i + CHUNK)).execute();
}

/** Inserts claim items in chunks. */
export async function insertItems(db: Db, rows: Insertable<RiskCompensationItemTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('risk_compensation_item').values(rows.slice(i, i + CHUNK)).execute();
}

/** Marks loans as claimed by a case, only those not yet claimed; returns how many were marked. */
export async function markLoansClaimed(db: Db, loanIds: readonly number[], caseId: number, at: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < loanIds.length; i += CHUNK) {
    const r = await db.updateTable('risk_compensation_loan').set({ claim_case_id: caseId, updated_at: at, version: sql`version + 1` })
      .where('id', 'in', loanIds.slice(i, i + CHUNK)).where('claim_case_id', 'is', null).executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** Contract numbers of a bank already registered, among these. */
export async function existingContracts(db: Db, bankOrgId: number, contractNos: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < contractNos.length; i += CHUNK) {
    const rows = await db.selectFrom('risk_compensation_loan').select(['id', 'contract_no']).where('bank_org_id', '=', bankOrgId)
      .where('contract_no', 'in', contractNos.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.contract_no, r.id);
  }
  return out;
}

/** Registry facts of borrowers by USCC. */
export async function borrowersByUscc(db: Db, usccs: readonly string[]) {
  const out = new Map<string, { uscc: string; name: string; region_code: string; size_class: string | null; industry_section: string | null }>();
  const unique = [...new Set(usccs)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.selectFrom('enterprise').select(['uscc', 'name', 'region_code', 'size_class', 'industry_section']).where('uscc', 'in', unique.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.uscc, r);
  }
  return out;
}

/** What a bank has been granted so far in claims not refused (for the per-bank cap). */
export async function bankCompensatedFen(db: Db, bankOrgId: number): Promise<number> {
  const r = await db.selectFrom('risk_compensation_claim as rc').innerJoin('workflow_case as c', 'c.id', 'rc.case_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb.fn.coalesce('rc.approved_fen', 'rc.claimed_fen')), sql<number>`0`).as('n'))
    .where('rc.bank_org_id', '=', bankOrgId).where('c.state', '!=', 'rejected').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Organisation names by id. */
export async function orgNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
