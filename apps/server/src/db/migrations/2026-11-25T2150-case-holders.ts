import type { Kysely } from 'kysely';

// Frozen in time: joint holders of a case's state (工信 with 财政, either order) and a priority
// that puts green-channel cases first in an inbox.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_holder')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('workflow_case.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('roles', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'integer')
    .addPrimaryKeyConstraint('case_holder_pk', ['case_id', 'org_id'])
    .execute();
  await db.schema.createIndex('case_holder_org_ix').on('case_holder').columns(['org_id', 'signed_at']).execute();
  await db.schema.alterTable('workflow_case').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workflow_case').dropColumn('priority').execute();
  await db.schema.dropTable('case_holder').execute();
}
