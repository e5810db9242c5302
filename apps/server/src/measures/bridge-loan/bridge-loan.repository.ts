import { BRIDGE_LOAN_PRIORITY_LIST_KINDS } from '@relief/domain';
import { type Expression, type Kysely, sql } from 'kysely';
import { type ApplicantEb, applicantFactsQuery } from '../applicant-facts';
import { prepared, preparedInsert } from '../../db/prepared';
import type { Database } from '../../db/schema';
import type { BridgeLoanTable } from './bridge-loan.tables';

// Kysely queries of the bridge-loan measure. Queries only: every decision is the service's.

type Db = Kysely<Database>;

// The rules behind a submission (the bank, the route, the list, the open application for a loan)
// are written once, as columns, and read two ways: for values given (a draft submitted later, a
// change to a draft, a consultation), and correlated with the applicant's enterprise row, where the
// opening-day path reads them together with the enterprise itself (../applicant-facts.ts). Read
// for values given, a column's builder has no `e` in scope: the columns refer only to the values.

/**
 * The operators that may take an application from a county: the bridge operator of the county,
 * of its city, and the province platform (BFP). The service takes the first that exists.
 */
function operatorColumns(eb: ApplicantEb, county: Expression<string>, city: Expression<string>) {
  const operatorOf = (region: Expression<string>) => eb.selectFrom('organisation as op').select('op.id')
    .where('op.kind', '=', sql.lit('bridge-operator')).where('op.region_code', '=', region).where('op.status', '=', sql.lit('active'))
    .orderBy('op.id').limit(sql.lit(1));
  return [
    operatorOf(county).as('county_operator_id'),
    operatorOf(city).as('city_operator_id'),
    eb.selectFrom('organisation as bfp').select('bfp.id')
      .where('bfp.kind', '=', sql.lit('bridge-fund')).where('bfp.code', '=', sql.lit('BFP')).where('bfp.status', '=', sql.lit('active'))
      .orderBy('bfp.id').limit(sql.lit(1)).as('platform_operator_id'),
  ] as const;
}

/**
 * The priority list (疫情防控物资保障重点生产企业) a code is on for a date, as 名单（批次）: an active
 * entry of a list of the measure's kinds whose validity covers the date, the earliest issued first.
 */
function priorityListColumn(eb: ApplicantEb, uscc: Expression<string>, onDate: Expression<string>) {
  return eb.selectFrom('list_entry as le').innerJoin('official_list as l', 'l.id', 'le.list_id')
    .select(sql<string>`${sql.ref('l.name')} || '（' || ${sql.ref('l.batch')} || '）'`.as('list'))
    .where('le.uscc', '=', uscc)
    .where('le.removed_at', 'is', null)
    .where('l.kind', 'in', BRIDGE_LOAN_PRIORITY_LIST_KINDS.map((k) => sql.lit(k)))
    .where((w) => w.or([w('l.valid_from', 'is', null), w('l.valid_from', '<=', onDate)]))
    .where((w) => w.or([w('l.valid_to', 'is', null), w('l.valid_to', '>=', onDate)]))
    .orderBy('l.issued_on').limit(sql.lit(1))
    .as('priority_list');
}

/** The bank with this id, if it is an active bank on the platform. */
function bankColumn(eb: ApplicantEb, id: Expression<number | null>) {
  return eb.selectFrom('organisation as b').select('b.id').where('b.id', '=', id).where('b.kind', '=', sql.lit('bank')).where('b.status', '=', sql.lit('active')).as('bank_id');
}

/** The open application holding a business key (bank and contract). */
function activeKeyColumns(eb: ApplicantEb, key: Expression<string | null>) {
  const holder = () => eb.selectFrom('bridge_loan as d').where('d.active_key', '=', key);
  return [holder().select('d.case_id').as('duplicate_case_id'), holder().select('d.state').as('duplicate_state')] as const;
}

/** The operators that may take an application from a county and its city (see operatorColumns). */
export async function operatorsOf(db: Db, county: string, city: string) {
  const [row] = await operatorsOfRegion(db, [county, city]);
  return row!;
}
const operatorsOfRegion = prepared((db: Kysely<Database>) => db.selectNoFrom((eb) => operatorColumns(eb as unknown as ApplicantEb, eb.val(''), eb.val(''))));

/** The priority list an enterprise is on for a date, as 名单（批次）, or null: the green channel is the platform's decision, not a checkbox. */
export async function priorityListOn(db: Db, uscc: string, onDate: string): Promise<string | null> {
  const [row] = await priorityListOfCode(db, [uscc, onDate, onDate]);
  return row?.priority_list ?? null;
}
const priorityListOfCode = prepared((db: Kysely<Database>) => db.selectNoFrom((eb) => [priorityListColumn(eb as unknown as ApplicantEb, eb.val(''), eb.val(''))]));

/**
 * Everything an application is checked and routed by, in one statement (hot: every submission on
 * the opening day): the applicant's enterprise; a case it already opened with the same key (a
 * retry); whether the bank exists; the operators of its county, city and the platform; the
 * priority list it is on for `onDate`; and the open application already holding the loan's key.
 * No row when the organisation has no enterprise.
 */
export async function applicationFacts(db: Db, f: { measure: string; organisationId: number; idempotencyKey: string; presetId: string; bankOrgId: number | null; onDate: string; activeKey: string | null }) {
  const [row] = await applicationFactsOf(db, [f.measure, f.idempotencyKey, f.presetId, f.bankOrgId, f.onDate, f.onDate, f.activeKey, f.activeKey, f.organisationId]);
  return row;
}
/** The statement of {@link applicationFacts} (its plan is tested: index lookups only). */
export const applicationFactsQuery = (db: Kysely<Database>) => applicantFactsQuery(db)
  .select((eb) => {
    const county = eb.ref('e.region_code');
    return [
      bankColumn(eb, eb.val<number | null>(0)),
      ...operatorColumns(eb, county, sql<string>`substr(${county}, 1, 4) || '00'`),
      priorityListColumn(eb, eb.ref('e.uscc'), eb.val('')),
      ...activeKeyColumns(eb, eb.val<string | null>('')),
    ];
  });
const applicationFactsOf = prepared(applicationFactsQuery);

/** Whether an active bank on the platform has this id (see bankColumn). */
export async function bankExists(db: Db, id: number): Promise<boolean> {
  const [row] = await bankById(db, [id]);
  return row!.bank_id !== null;
}
const bankById = prepared((db: Kysely<Database>) => db.selectNoFrom((eb) => [bankColumn(eb as unknown as ApplicantEb, eb.val<number | null>(0))]));

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

/** The open application holding a business key (bank and contract), if any (see activeKeyColumns). */
export async function findByActiveKey(db: Db, key: string): Promise<{ case_id: number; state: string } | undefined> {
  const [row] = await activeKeyHolder(db, [key, key]);
  return row?.duplicate_case_id == null ? undefined : { case_id: row.duplicate_case_id, state: row.duplicate_state! };
}
const activeKeyHolder = prepared((db: Kysely<Database>) => db.selectNoFrom((eb) => activeKeyColumns(eb as unknown as ApplicantEb, eb.val<string | null>(''))));

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
