import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: the case engine's tables, calendar years and notifications.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable('workflow_case')
    .addColumn('id', 'integer', id)
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('workflow_version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('region_code', 'text')
    .addColumn('holder_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('holder_roles', 'text')
    .addColumn('entered_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('due_at', 'text')
    .addColumn('deadline_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_since', 'text')
    .addColumn('escalated_to_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hold_reason', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  // A retried submission finds the first case instead of creating a second (LESSONS.md).
  await db.schema.createIndex('workflow_case_idem_uq').on('workflow_case').columns(['measure', 'owner_org_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('workflow_case_holder_ix').on('workflow_case').columns(['holder_org_id', 'due_at']).execute();
  await db.schema.createIndex('workflow_case_escalated_ix').on('workflow_case').column('escalated_to_org_id').execute();
  await db.schema.createIndex('workflow_case_owner_ix').on('workflow_case').column('owner_org_id').execute();
  await db.schema.createIndex('workflow_case_measure_state_ix').on('workflow_case').columns(['measure', 'state']).execute();
  await db.schema.createIndex('workflow_case_region_ix').on('workflow_case').column('region_code').execute();
  await db.schema.createIndex('workflow_case_due_ix').on('workflow_case').columns(['due_at', 'overdue_since']).execute();

  await db.schema
    .createTable('case_event')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('workflow_case.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_username', 'text')
    .addColumn('actor_org_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('comment', 'text')
    .addColumn('data_json', 'text')
    .execute();
  await db.schema.createIndex('case_event_case_ix').on('case_event').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user_ix').on('notification').columns(['user_id', 'read_at']).execute();

  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('preset_override')
    .addColumn('id', 'integer', id)
    .addColumn('preset_id', 'text', (c) => c.notNull())
    .addColumn('measure', 'text')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['preset_override', 'calendar_year', 'notification', 'case_event', 'workflow_case']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
