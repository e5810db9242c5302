import type { Kysely } from 'kysely';

// Frozen in time: indexes for lookups every submission makes — the operator of a region, the
// users of an organisation holding a role (notices).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('organisation_kind_region_ix').on('organisation').columns(['kind', 'region_code']).execute();
  await db.schema.createIndex('user_role_role_ix').on('user_role').columns(['role', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('user_role_role_ix').execute();
  await db.schema.dropIndex('organisation_kind_region_ix').execute();
}
