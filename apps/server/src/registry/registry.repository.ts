import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { Database, EnterpriseTable, ImportIssueTable, ImportRowTable, ListEntryTable, OrganisationTable } from '../db/schema';

// Kysely queries of the enterprise registry, its lists and its imports. Nothing here decides:
// scopes arrive as region prefixes, dates as civil-date strings, from the services.

type Db = Kysely<Database>;

/** A region filter: null means the whole province; '' matches nothing (no regional scope). */
export type RegionPrefix = string | null;

// SQLite allows 32 766 bound values per statement, PostgreSQL 65 535: 500-row inserts of our
// widest table (15 columns) stay far below both.
const INSERT_CHUNK = 500;

async function insertChunked<T extends keyof Database>(db: Db, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insertInto(table).values(rows.slice(i, i + INSERT_CHUNK) as never).execute();
  }
}

// ---------------------------------------------------------------- enterprises

/** Enterprises located in a region prefix (the reader's scope). */
export function enterprisesIn(db: Db, prefix: RegionPrefix) {
  const q = db.selectFrom('enterprise as e');
  return prefix === null ? q : q.where('e.region_code', 'like', `${prefix || '--'}%`);
}

/** Narrows an enterprise query to those on a list of `kind` on a civil date: not removed, within the list's validity. */
export function whereOnList(qb: ReturnType<typeof enterprisesIn>, kind: string, today: string) {
  return qb.where((eb) => eb.exists(eb.selectFrom('list_entry as le').innerJoin('official_list as ol', 'ol.id', 'le.list_id')
    .select(sql<number>`1`.as('one'))
    .whereRef('le.uscc', '=', 'e.uscc')
    .where('ol.kind', '=', kind)
    .where('le.removed_at', 'is', null)
    .where((w) => w.or([w('ol.valid_from', 'is', null), w('ol.valid_from', '<=', today)]))
    .where((w) => w.or([w('ol.valid_to', 'is', null), w('ol.valid_to', '>=', today)]))));
}

/** One enterprise by id. */
export function findEnterprise(db: Db, id: number) {
  return db.selectFrom('enterprise').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The enterprise of an organisation (an enterprise user's own). */
export function findEnterpriseOfOrganisation(db: Db, organisationId: number) {
  return db.selectFrom('enterprise').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** Enterprises with these codes (what an import needs to know about them). */
export function findEnterprisesByUscc(db: Db, usccs: readonly string[]) {
  if (usccs.length === 0) return Promise.resolve([]);
  return db.selectFrom('enterprise').select(['id', 'organisation_id', 'uscc', 'name', 'region_code', 'industry_section', 'industry_code', 'industry_row', 'employees', 'revenue_fen', 'assets_fen', 'version'])
    .where('uscc', 'in', usccs).execute();
}

/** Kinds of list each of these codes is on today (one row per code and kind). */
export function activeListKinds(db: Db, usccs: readonly string[], today: string) {
  if (usccs.length === 0) return Promise.resolve([]);
  return db.selectFrom('list_entry as le').innerJoin('official_list as ol', 'ol.id', 'le.list_id')
    .select(['le.uscc', 'ol.kind']).distinct()
    .where('le.uscc', 'in', usccs)
    .where('le.removed_at', 'is', null)
    .where((eb) => eb.or([eb('ol.valid_from', 'is', null), eb('ol.valid_from', '<=', today)]))
    .where((eb) => eb.or([eb('ol.valid_to', 'is', null), eb('ol.valid_to', '>=', today)]))
    .execute();
}

/** Every entry of an enterprise on any list, removed ones included, newest list first. */
export function entriesOfEnterprise(db: Db, uscc: string) {
  return db.selectFrom('list_entry as le').innerJoin('official_list as ol', 'ol.id', 'le.list_id')
    .select(['le.id as entry_id', 'le.list_id', 'le.added_at', 'le.removed_at', 'le.removal_reason', 'ol.kind', 'ol.name as list_name',
      'ol.batch', 'ol.issuer', 'ol.issued_on', 'ol.valid_from', 'ol.valid_to', 'ol.source'])
    .where('le.uscc', '=', uscc)
    .orderBy('ol.issued_on', 'desc').orderBy('le.id', 'desc')
    .execute();
}

/** Updates an enterprise if its version is still `version`; returns whether it did. */
export async function updateEnterpriseAtVersion(db: Db, id: number, version: number, values: Omit<Updateable<EnterpriseTable>, 'id' | 'version'>): Promise<boolean> {
  const r = await db.updateTable('enterprise').set({ ...values, version: version + 1 } as never)
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The county-level organisations by region code, with their ids and paths. */
export async function countyOrganisations(db: Db): Promise<Map<string, { id: number; path: string }>> {
  const rows = await db.selectFrom('organisation').select(['id', 'code', 'path']).where('kind', '=', 'county').execute();
  return new Map(rows.filter((r) => r.code).map((r) => [r.code!, { id: r.id, path: r.path }]));
}

/** Renames an organisation and, when `parent` is given, moves it there (path = parent path + id). */
export async function updateOrganisationOf(db: Db, orgId: number, at: string, name: string, region: { code: string; parent: { id: number; path: string } } | null) {
  await db.updateTable('organisation').set({
    name, updated_at: at,
    ...(region ? { region_code: region.code, parent_id: region.parent.id, path: `${region.parent.path}${orgId}/` } : {}),
  }).where('id', '=', orgId).execute();
}

/**
 * Inserts enterprise organisations in bulk and returns their ids by code (USCC). Their paths are
 * then set in one statement from each parent's path, so a batch of 1 000 costs two statements.
 */
export async function insertEnterpriseOrganisations(db: Db, rows: Insertable<OrganisationTable>[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const inserted = await db.insertInto('organisation').values(rows.slice(i, i + INSERT_CHUNK)).returning(['id', 'code']).execute();
    for (const r of inserted) ids.set(r.code!, r.id);
  }
  const all = [...ids.values()];
  for (let i = 0; i < all.length; i += INSERT_CHUNK) {
    const chunk = all.slice(i, i + INSERT_CHUNK);
    await db.updateTable('organisation')
      .set({ path: sql<string>`(select p.path from organisation p where p.id = organisation.parent_id) || cast(organisation.id as text) || '/'` })
      .where('id', 'in', chunk).execute();
  }
  return ids;
}

/** Inserts enterprises in bulk. */
export function insertEnterprises(db: Db, rows: Insertable<EnterpriseTable>[]) {
  return insertChunked(db, 'enterprise', rows);
}

/** Links list entries recorded before their enterprise was registered. */
export async function linkListEntries(db: Db, usccs: readonly string[]) {
  for (let i = 0; i < usccs.length; i += INSERT_CHUNK) {
    await db.updateTable('list_entry')
      .set({ enterprise_id: sql<number>`(select e.id from enterprise e where e.uscc = list_entry.uscc)` })
      .where('enterprise_id', 'is', null).where('uscc', 'in', usccs.slice(i, i + INSERT_CHUNK)).execute();
  }
}

// ---------------------------------------------------------------- lists

/** Official lists with their active and removed entry counts within a region prefix. */
export function listsWithCounts(db: Db, prefix: RegionPrefix) {
  const inScope = (alias: 'le') => (prefix === null ? sql<boolean>`1 = 1`
    : sql<boolean>`coalesce(e.region_code, ${sql.ref(`${alias}.region_code`)}) like ${`${prefix || '--'}%`}`);
  return db.selectFrom('official_list as ol')
    .select((eb) => [
      eb.selectFrom('list_entry as le').leftJoin('enterprise as e', 'e.uscc', 'le.uscc')
        .select(eb.fn.countAll<number>().as('n')).whereRef('le.list_id', '=', 'ol.id').where('le.removed_at', 'is', null).where(inScope('le'))
        .as('entry_count'),
      eb.selectFrom('list_entry as le').leftJoin('enterprise as e', 'e.uscc', 'le.uscc')
        .select(eb.fn.countAll<number>().as('n')).whereRef('le.list_id', '=', 'ol.id').where('le.removed_at', 'is not', null).where(inScope('le'))
        .as('removed_count'),
    ]);
}

/** One official list. */
export function findList(db: Db, id: number) {
  return db.selectFrom('official_list').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The list of this kind, name and batch, if imported already. */
export function findListBatch(db: Db, kind: string, name: string, batch: string) {
  return db.selectFrom('official_list').select(['id', 'name', 'batch']).where('kind', '=', kind).where('name', '=', name).where('batch', '=', batch).executeTakeFirst();
}

/** Entries of a list within a region prefix (by the enterprise's region, else the list's own). */
export function entriesOfList(db: Db, listId: number, prefix: RegionPrefix) {
  let q = db.selectFrom('list_entry as le')
    .leftJoin('enterprise as e', 'e.uscc', 'le.uscc')
    .leftJoin('app_user as u', 'u.id', 'le.removed_by')
    .where('le.list_id', '=', listId);
  if (prefix !== null) q = q.where(sql<boolean>`coalesce(e.region_code, le.region_code) like ${`${prefix || '--'}%`}`);
  return q;
}

/** Inserts list entries in bulk. */
export function insertListEntries(db: Db, rows: Insertable<ListEntryTable>[]) {
  return insertChunked(db, 'list_entry', rows);
}

// ---------------------------------------------------------------- imports

/** Import jobs of organisations under a path prefix, with the uploader's and confirmer's names. */
export function jobsUnder(db: Db, pathPrefix: string) {
  return db.selectFrom('import_job as j')
    .innerJoin('organisation as o', 'o.id', 'j.organisation_id')
    .leftJoin('app_user as cu', 'cu.id', 'j.created_by')
    .leftJoin('app_user as fu', 'fu.id', 'j.confirmed_by')
    .where('o.path', 'like', `${pathPrefix}%`);
}

/** The columns of a job view. */
export const JOB_COLUMNS = ['j.id', 'j.kind', 'j.file_name', 'j.status', 'j.total_rows', 'j.processed_rows', 'j.valid_rows', 'j.error_count',
  'j.warning_count', 'j.confirmed_rows', 'j.list_meta_json', 'j.list_id', 'j.error_message', 'j.organisation_id', 'j.created_at',
  'j.validated_at', 'j.confirmed_at', 'j.finished_at', 'cu.username as created_by_name', 'fu.username as confirmed_by_name'] as const;

/** One job row by id. */
export function findJob(db: Db, id: number) {
  return db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stored issues of a job, errors first, then by row; ids keep each row's column order. */
export function issuesOfJob(db: Db, jobId: number, severity?: string) {
  let q = db.selectFrom('import_issue').where('job_id', '=', jobId);
  if (severity) q = q.where('severity', '=', severity);
  return q;
}

/** Appends issues of a chunk (already sorted). */
export function insertIssues(db: Db, rows: Insertable<ImportIssueTable>[]) {
  return insertChunked(db, 'import_issue', rows);
}

/** Stages rows of a chunk. */
export function insertStagedRows(db: Db, rows: Insertable<ImportRowTable>[]) {
  return insertChunked(db, 'import_row', rows);
}

/** The next valid staged rows after `afterRowNo`, in row order. */
export function nextValidRows(db: Db, jobId: number, afterRowNo: number, limit: number) {
  return db.selectFrom('import_row').select(['row_no', 'data_json']).where('job_id', '=', jobId).where('valid', '=', 1)
    .where('row_no', '>', afterRowNo).orderBy('row_no').limit(limit).execute();
}

/** Drops a job's staged rows (after it is done, failed or cancelled). */
export function deleteStagedRows(db: Db, jobId: number) {
  return db.deleteFrom('import_row').where('job_id', '=', jobId).execute();
}

/** Jobs whose loop has shown no sign of life since `before`. */
export function stalledJobs(db: Db, before: string) {
  return db.selectFrom('import_job').select(['id', 'status', 'runner', 'heartbeat_at'])
    .where('status', 'in', ['validating', 'confirming']).where('heartbeat_at', '<', before).execute();
}
