import type { Kysely } from 'kysely';
import { prepared, preparedInsert } from '../../db/prepared';
import type { Database } from '../../db/schema';
import type { BridgeLoanTable } from './bridge-loan.tables';

// Kysely queries of the bridge-loan measure. Queries only: every decision is the service's.

type Db = Kysely<Database>;

/** The enterprise of an organisation (the applicant's registry record). Hot: every submission. */
export const findApplicantEnterprise = prepared((db: Kysely<Database>) =>
  db.selectFrom('enterprise').select(['id', 'uscc', 'name', 'region_code']).where('organisation_id', '=', 0));

/**
 * Candidate operators for a region in one query: bridge operators registered for the county or
 * its city, and the province platform (BFP). The service picks county, else city, else BFP.
 */
export const findOperatorCandidates = prepared((db: Kysely<Database>) =>
  db.selectFrom('organisation').select(['id', 'kind', 'region_code', 'name']).where('status', '=', 'active')
    .where((eb) => eb.or([
      eb.and([eb('kind', '=', 'bridge-operator'), eb('region_code', 'in', ['', ''])]),
      eb.and([eb('kind', '=', 'bridge-fund'), eb('code', '=', 'BFP')]),
    ])).orderBy('id'));

/**
 * The priority list (疫情防控物资保障重点生产企业) an enterprise is on for a date: an active entry of
 * a list of the given kinds whose validity covers the date. Hot: every submission.
 */
export const findPriorityListEntry = prepared((db: Kysely<Database>) =>
  db.selectFrom('list_entry as e').innerJoin('official_list as l', 'l.id', 'e.list_id')
    .select(['l.name', 'l.batch'])
    .where('e.uscc', '=', '')
    .where('e.removed_at', 'is', null)
    .where('l.kind', 'in', ['', ''])
    .where((eb) => eb.or([eb('l.valid_from', 'is', null), eb('l.valid_from', '<=', '')]))
    .where((eb) => eb.or([eb('l.valid_to', 'is', null), eb('l.valid_to', '>=', '')]))
    .orderBy('l.issued_on'));

/** A bank organisation by id (active). */
export const findBank = prepared((db: Kysely<Database>) =>
  db.selectFrom('organisation').select(['id', 'name']).where('id', '=', 0).where('kind', '=', 'bank').where('status', '=', 'active'));

/** Active banks, by name. */
export function listBanks(db: Db) {
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'bank').where('status', '=', 'active').orderBy('name').execute();
}

/** Bridge operators and the province platform, for the published rules. */
export function listOperators(db: Db) {
  return db.selectFrom('organisation').select(['id', 'name', 'kind', 'region_code']).where('kind', 'in', ['bridge-operator', 'bridge-fund']).where('status', '=', 'active').orderBy('region_code').orderBy('id').execute();
}

/** One application row. */
export function findLoan(db: Db, caseId: number) {
  return db.selectFrom('bridge_loan').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** The open application holding a business key (bank and contract), if any. Hot: every submission. */
export async function findByActiveKey(db: Db, key: string) {
  const [row] = await activeKeyHolder(db, [key]);
  return row;
}
const activeKeyHolder = prepared((db: Kysely<Database>) =>
  db.selectFrom('bridge_loan').select(['case_id', 'state', 'enterprise_name']).where('active_key', '=', ''));

/** Inserts an application row. Hot: every application, so compiled once. */
export async function insertLoan(db: Db, row: BridgeLoanTable) {
  await insertLoanRow(db, row);
}
const insertLoanRow = preparedInsert<Database, 'bridge_loan'>('bridge_loan', {
  case_id: true, state: true, enterprise_org_id: true, enterprise_name: true, uscc: true, region_code: true, city_code: true, operator_org_id: true, bank_org_id: true, loan_contract_no: true, loan_type: true, loan_amount_fen: true, loan_maturity_on: true, bridge_amount_fen: true, bridge_days: true, contact_name: true, contact_phone: true, remark: true, active_key: true, green_channel: true, green_list_name: true, submitted_at: true, submitted_on: true, green_due_on: true, accepted_at: true, fee_basis: true, fee_rate_ppm: true, fee_fen: true, bank_confirmed_at: true, renewal_amount_fen: true, renewal_expected_on: true, disbursed_on: true, disbursed_at: true, disbursed_fen: true, repayment_due_on: true, repaid_on: true, repaid_fen: true, overdue_at: true, created_at: true, updated_at: true,
});

/** Updates an application row. */
export async function updateLoan(db: Db, caseId: number, set: Partial<BridgeLoanTable>) {
  await db.updateTable('bridge_loan').set(set).where('case_id', '=', caseId).execute();
}

/** Names of organisations by id. */
export async function orgNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Files of an application. */
export function listFiles(db: Db, caseId: number) {
  return db.selectFrom('bridge_loan_file').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}
