import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from 'kysely';
import * as foundation from './migrations/2026-11-25T1900-foundation';
import * as cases from './migrations/2026-11-25T2000-cases';
import * as registry from './migrations/2026-11-25T2100-registry';

import * as caseHolders from './migrations/2026-11-25T2150-case-holders';
import * as riskCompensation from './migrations/2026-11-25T2200-risk-compensation';
import * as guarantee from './migrations/2026-11-25T2210-guarantee';
import * as bridgeLoan from './migrations/2026-11-25T2220-bridge-loan';
import * as interestSubsidy from './migrations/2026-11-25T2230-interest-subsidy';
import * as lookupIndexes from './migrations/2026-11-25T2240-lookup-indexes';
import * as organisationChildren from './migrations/2026-12-03T0900-organisation-children';
import * as auditAppend from './migrations/2026-12-03T0910-audit-append';
import * as caseIndexes from './migrations/2026-12-03T1200-case-indexes';
import * as presetOverrideIndex from './migrations/2026-12-07T1400-preset-override-index';
import * as auditChains from './migrations/2026-12-08T0100-audit-chains';
// Listed by hand rather than read from disk so the server bundle and tests see the same set.
const migrations: Record<string, Migration> = {
  '2026-11-25T1900-foundation': foundation,
  '2026-11-25T2000-cases': cases,
  '2026-11-25T2100-registry': registry,
  '2026-11-25T2150-case-holders': caseHolders,
  '2026-11-25T2200-risk-compensation': riskCompensation,
  '2026-11-25T2210-guarantee': guarantee,
  '2026-11-25T2220-bridge-loan': bridgeLoan,
  '2026-11-25T2230-interest-subsidy': interestSubsidy,
  '2026-11-25T2240-lookup-indexes': lookupIndexes,
  '2026-12-03T0900-organisation-children': organisationChildren,
  '2026-12-03T0910-audit-append': auditAppend,
  '2026-12-03T1200-case-indexes': caseIndexes,
  '2026-12-07T1400-preset-override-index': presetOverrideIndex,
  '2026-12-08T0100-audit-chains': auditChains,
};

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${why}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/**
 * A migrator for this database. On PostgreSQL its bookkeeping tables live in the connection's
 * current schema: without that, Kysely finds another schema's tables in the same database and
 * skips creating ours ("relation kysely_migration_lock does not exist").
 */
export async function migratorFor(db: Kysely<any>): Promise<Migrator> {
  const provider = { getMigrations: async () => migrations };
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return new Migrator({ db, provider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider, migrationTableSchema: rows[0]!.schema });
}
