import { type Expression, type Kysely, sql } from 'kysely';
import { type ApplicantEb, applicantFactsQuery } from '../applicant-facts';
import { prepared, preparedInsert } from '../../db/prepared';
import type { Database } from '../../db/schema';
import type { InterestSubsidyApplicationTable, InterestSubsidyContractTable } from './interest-subsidy.tables';

// Kysely queries of 贷款贴息 only: the service decides.

type Db = Kysely<Database>;

/** Which applications a viewer reaches: all, a region prefix, or one owner organisation. */
export type ApplicationScope = { all: true } | { regionPrefix: string } | { ownerOrgId: number } | { none: true };

/** Applications joined with their case, filtered by scope. */
export function applicationsIn(db: Db, scope: ApplicationScope) {
  let q = db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id');
  if ('regionPrefix' in scope) q = q.where('a.region_code', 'like', `${scope.regionPrefix}%`);
  else if ('ownerOrgId' in scope) q = q.where('a.owner_org_id', '=', scope.ownerOrgId);
  else if ('none' in scope) q = q.where('a.case_id', '=', -1);
  return q;
}

export const APPLICATION_COLUMNS = [
  'a.case_id', 'a.owner_org_id', 'a.enterprise_id', 'a.uscc', 'a.enterprise_name', 'a.region_code', 'a.city_code', 'a.contact_name', 'a.contact_phone',
  'a.contract_count', 'a.principal_fen', 'a.subsidy_fen', 'a.report_case_id', 'a.notice_id', 'a.submitted_at', 'a.paid_at', 'a.created_at', 'a.updated_at',
  'c.state', 'c.version', 'c.title',
] as const;

export type ApplicationRow = InterestSubsidyApplicationTable & { state: string; version: number; title: string };

// Every new application is read back once for its answer: compiled once (db/prepared.ts).
export async function findApplication(db: Db, caseId: number): Promise<ApplicationRow | undefined> {
  const [row] = await applicationById(db, [caseId]);
  return row as ApplicationRow | undefined;
}
const applicationById = prepared((db: Db) => db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id').select(APPLICATION_COLUMNS)
  .where('a.case_id', '=', 0));

/** The contracts of one application, in their order. */
export function contractsOfCase(db: Db, caseId: number) {
  return contractsByCase(db, [caseId]);
}
const contractsByCase = prepared((db: Db) => db.selectFrom('interest_subsidy_contract').selectAll().where('case_id', '=', 0).orderBy('seq'));

export const insertContract = preparedInsert<Database, 'interest_subsidy_contract'>('interest_subsidy_contract', {
  case_id: true, seq: true, bank_name: true, contract_no: true, contract_key: true, claim_key: true, effective_on: true, drawdown_on: true,
  maturity_on: true, principal_fen: true, annual_rate_ppm: true, interest_paid_fen: true, days_outstanding: true, subsidy_days: true, subsidy_fen: true,
}, { returnsId: true });

export const insertApplication = preparedInsert<Database, 'interest_subsidy_application'>('interest_subsidy_application', {
  case_id: true, owner_org_id: true, enterprise_id: true, uscc: true, enterprise_name: true, region_code: true, city_code: true, contact_name: true,
  contact_phone: true, contract_count: true, principal_fen: true, subsidy_fen: true, report_case_id: true, notice_id: true, submitted_at: true,
  paid_at: true, created_at: true, updated_at: true,
});

export function contractsOf(db: Db, caseIds: readonly number[]) {
  if (!caseIds.length) return Promise.resolve([] as InterestSubsidyContractTable[] as (InterestSubsidyContractTable & { id: number })[]);
  return db.selectFrom('interest_subsidy_contract').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('seq').execute();
}

/**
 * The applications that name these contract keys, with the case of each and whether its row still
 * holds the contract's claim (`claim_key`): live ones refuse the contract, rejected ones that
 * hold it must free it first. One compiled lookup per key: an application has a few contracts,
 * and a list of any length would be built and compiled anew on every call. The lookups are issued
 * together, so on PostgreSQL they leave in one write and cost one round trip, not one per contract.
 */
export async function claimsOf(db: Db, keys: readonly string[]) {
  return (await Promise.all(keys.map((key) => claimsOfKey(db, [key])))).flat();
}
const claimsOfKey = prepared((db: Db) => db.selectFrom('interest_subsidy_contract as k').innerJoin('workflow_case as c', 'c.id', 'k.case_id')
  .select(['k.contract_key', 'k.claim_key', 'k.bank_name', 'k.contract_no', 'c.id as case_id', 'c.title', 'c.state'])
  .where('k.contract_key', '=', ''));

/**
 * Frees the claim key of a rejected application so its contract may be claimed again. The
 * rejection is checked on the contract's own case (a key lookup), not by listing every rejected
 * application, which grows with the programme.
 */
export function releaseRejectedClaim(db: Db, key: string) {
  return releaseRejectedClaimOf(db, [key, 'rejected']);
}
const releaseRejectedClaimOf = prepared((db: Db) => db.updateTable('interest_subsidy_contract').set({ claim_key: sql<null>`null` })
  .where('claim_key', '=', '')
  .where((eb) => eb.exists(eb.selectFrom('workflow_case as c').select('c.id').whereRef('c.id', '=', 'interest_subsidy_contract.case_id').where('c.state', '=', ''))));

// The lookups below run on every application and preview (the opening-day path): compiled once
// (db/prepared.ts), parameters in the order of their placeholders.

// The rules an application is routed and admitted by are written once, as columns, and read two
// ways: for codes given (a preview, a city's 汇总表), and correlated with the applicant's enterprise
// row, where an application reads them together with the enterprise itself (../applicant-facts.ts).
// Read for values given, a column's builder has no `e` in scope: the columns then refer only to them.

/** Whether a code is on an active list of the kind on a date (1 or 0, alike on both databases). */
function onListColumn(eb: ApplicantEb, uscc: Expression<string>, kind: Expression<string>, onDate: Expression<string>) {
  const entry = eb.selectFrom('list_entry as le').innerJoin('official_list as ol', 'ol.id', 'le.list_id').select('le.id')
    .where('le.uscc', '=', uscc).where('ol.kind', '=', kind).where('le.removed_at', 'is', null)
    .where((w) => w.or([w('ol.valid_from', 'is', null), w('ol.valid_from', '<=', onDate)]))
    .where((w) => w.or([w('ol.valid_to', 'is', null), w('ol.valid_to', '>=', onDate)]));
  return eb.case().when(eb.exists(entry)).then(sql.lit(1)).else(sql.lit(0)).end().as('on_list');
}

/**
 * The 工信 organisation of a city and of a county, each with the finance bureau under it (null
 * when it is not on the platform). No county bears a city's code, so a city-level enterprise's
 * county lookup finds nothing.
 */
function reviewerColumns(eb: ApplicantEb, cityCode: Expression<string>, countyCode: Expression<string>) {
  const office = (kind: 'city' | 'county', code: Expression<string>) => eb.selectFrom('organisation as o')
    .where('o.kind', '=', sql.lit(kind)).where('o.code', '=', code).where('o.status', '=', sql.lit('active'));
  const bureau = (kind: 'city' | 'county', code: Expression<string>) => office(kind, code).innerJoin('organisation as f', 'f.parent_id', 'o.id').select('f.id')
    .where('f.kind', '=', sql.lit('finance-bureau')).where('f.status', '=', sql.lit('active')).orderBy('f.id').limit(sql.lit(1));
  return [
    office('city', cityCode).select('o.id').as('city_id'),
    office('city', cityCode).select('o.name').as('city_name'),
    bureau('city', cityCode).as('city_finance_id'),
    office('county', countyCode).select('o.id').as('county_id'),
    bureau('county', countyCode).as('county_finance_id'),
  ] as const;
}

/** Whether the code is on an active list of the kind on `today`. */
export async function isOnList(db: Db, uscc: string, kind: string, today: string): Promise<boolean> {
  const [row] = await onListOf(db, [uscc, kind, today, today]);
  return Number(row!.on_list) === 1;
}
const onListOf = prepared((db: Db) => db.selectNoFrom((eb) => [onListColumn(eb as unknown as ApplicantEb, eb.val(''), eb.val(''), eb.val(''))]));

export interface ReviewOrganisations {
  city: { id: number; name: string; finance_id: number | null } | undefined;
  county: { id: number; finance_id: number | null } | undefined;
}

/**
 * The city's 工信 organisation and, for an enterprise of a county (`countyCode` not null), the
 * county's, each with the finance bureau under it. Every 贴息 application is routed by them and
 * every 汇总表 names them: one statement, not one per lookup.
 */
export async function reviewOrganisations(db: Db, cityCode: string, countyCode: string | null): Promise<ReviewOrganisations> {
  const [row] = await reviewOrganisationsByCode(db, [cityCode, cityCode, cityCode, countyCode ?? cityCode, countyCode ?? cityCode]);
  return reviewersOf(row!);
}
const reviewOrganisationsByCode = prepared((db: Db) => db.selectNoFrom((eb) => reviewerColumns(eb as unknown as ApplicantEb, eb.val(''), eb.val(''))));

/** The review organisations out of a row of {@link reviewerColumns}. */
export function reviewersOf(r: { city_id: number | null; city_name: string | null; city_finance_id: number | null; county_id: number | null; county_finance_id: number | null }): ReviewOrganisations {
  return {
    city: r.city_id === null ? undefined : { id: r.city_id, name: r.city_name!, finance_id: r.city_finance_id },
    county: r.county_id === null ? undefined : { id: r.county_id, finance_id: r.county_finance_id },
  };
}

/**
 * Everything an application is admitted and routed by, in one statement (hot: every application
 * on the opening day): the applicant's enterprise; a case it already opened with the same key (a
 * retry); whether it is on the priority list of `listKind` on `onDate`; and the review
 * organisations of its city and county. No row when the organisation has no enterprise.
 */
export async function applicationFacts(db: Db, f: { measure: string; organisationId: number; idempotencyKey: string; presetId: string; listKind: string; onDate: string }) {
  const [row] = await applicationFactsOf(db, [f.measure, f.idempotencyKey, f.presetId, f.listKind, f.onDate, f.onDate, f.organisationId]);
  return row;
}
/** The statement of {@link applicationFacts} (its plan is tested: index lookups only). */
export const applicationFactsQuery = (db: Db) => applicantFactsQuery(db)
  .select((eb) => {
    const region = eb.ref('e.region_code');
    return [
      onListColumn(eb, eb.ref('e.uscc'), eb.val(''), eb.val('')),
      ...reviewerColumns(eb, sql<string>`substr(${region}, 1, 4) || '00'`, region),
    ];
  });
const applicationFactsOf = prepared(applicationFactsQuery);

export function cityOrganisations(db: Db) {
  return db.selectFrom('organisation').select(['id', 'name', 'code']).where('kind', '=', 'city').where('status', '=', 'active').orderBy('code').execute();
}

/** Reports joined with their case. */
export function reportsIn(db: Db, cityCode: string | null) {
  let q = db.selectFrom('interest_subsidy_report as r').innerJoin('workflow_case as c', 'c.id', 'r.case_id').innerJoin('organisation as o', 'o.id', 'r.city_org_id');
  if (cityCode) q = q.where('r.city_code', '=', cityCode);
  return q.select(['r.case_id', 'r.city_org_id', 'r.city_code', 'r.application_count', 'r.principal_fen', 'r.subsidy_fen', 'r.deadline_on', 'r.submitted_at',
    'r.created_at', 'r.updated_at', 'c.state', 'c.version', 'o.name as city_name']);
}

export function noticeRows(db: Db) {
  return db.selectFrom('interest_subsidy_notice as n').select((eb) => [
    'n.id', 'n.title', 'n.starts_on', 'n.ends_on', 'n.application_count', 'n.subsidy_fen', 'n.created_at',
    eb.selectFrom('interest_subsidy_objection as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.notice_id', '=', 'n.id').where('o.answered_at', 'is', null).as('open_objections'),
    eb.selectFrom('interest_subsidy_application as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.notice_id', '=', 'n.id').where('a.paid_at', 'is not', null).as('paid_count'),
  ]);
}

export function objectionRows(db: Db) {
  return db.selectFrom('interest_subsidy_objection as o').innerJoin('interest_subsidy_application as a', 'a.case_id', 'o.case_id')
    .select(['o.id', 'o.notice_id', 'o.case_id', 'a.enterprise_name', 'o.objector', 'o.contact', 'o.content', 'o.received_at', 'o.answer', 'o.upheld', 'o.answered_at']);
}
