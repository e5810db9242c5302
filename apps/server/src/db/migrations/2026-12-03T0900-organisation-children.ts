import type { Kysely } from 'kysely';

// Frozen in time. A county's organisation has its bureaus and every registered enterprise of the
// county as children: finding its finance bureau (each 贴息 application does) by parent alone read
// all of them, thousands in a real county. By parent and kind it is one index entry.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('organisation_parent_kind_ix').on('organisation').columns(['parent_id', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisation_parent_kind_ix').execute();
}
