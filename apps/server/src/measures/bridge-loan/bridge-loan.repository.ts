import type { Kysely } from 'kysely';
import { prepared } from '../../db/prepared';
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

/** The open application holding a business key (bank and contract), if any. */
export function findByActiveKey(db: Db, key: string) {
  return db.selectFrom('bridge_loan').select(['case_id', 'state', 'enterprise_name']).where('active_key', '=', key).executeTakeFirst();
}

/** Inserts an application row. */
export async function insertLoan(db: Db, row: BridgeLoanTable) {
  await db.insertInto('bridge_loan').values(row).execute();
}

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
