import { type Kysely, type Migration, Migrator } from 'kysely';
import * as foundation from './migrations/2026-11-25T1900-foundation';
import * as cases from './migrations/2026-11-25T2000-cases';

// Listed by hand rather than read from disk so the server bundle and tests see the same set.
const migrations: Record<string, Migration> = {
  '2026-11-25T1900-foundation': foundation,
  '2026-11-25T2000-cases': cases,
};

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${why}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
