import type { Kysely } from 'kysely';

// Frozen in time. Every application checks whether the preset's overrides changed (their count
// and newest id) in the statement that reads its other facts; without an index that check read
// every override of every preset the platform has run.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('preset_override_preset_ix').on('preset_override').columns(['preset_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('preset_override_preset_ix').execute();
}
