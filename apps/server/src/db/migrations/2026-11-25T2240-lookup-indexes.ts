import type { Kysely } from 'kysely';

// Frozen in time: indexes for lookups every submission makes — the operator of a region, the
// users of an organisation holding a role (notices), and the head of the audit chain: its hash
// sits after the large before/after JSON in the row, so reading it from the table touches the
// row's overflow pages on every audited write; a covering index answers from one small page.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('organisation_kind_region_ix').on('organisation').columns(['kind', 'region_code']).execute();
  await db.schema.createIndex('user_role_role_ix').on('user_role').columns(['role', 'user_id']).execute();
  await db.schema.createIndex('audit_event_chain_ix').on('audit_event').columns(['seq', 'hash']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_event_chain_ix').execute();
  await db.schema.dropIndex('user_role_role_ix').execute();
  await db.schema.dropIndex('organisation_kind_region_ix').execute();
}
