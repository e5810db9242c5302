import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: the enterprise registry's official lists and the Excel import pipeline.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

  // GB/T 4754 code (2–4 digits): needed for sections F, G, H, I, K to find the 300号 row.
  await db.schema.alterTable('enterprise').addColumn('industry_code', 'text').execute();
  await db.schema.createIndex('enterprise_size_ix').on('enterprise').column('size_class').execute();

  await db.schema
    .createTable('import_job')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Where the upload waits for validation, on the instance that received it; cleared after.
    .addColumn('file_path', 'text')
    // Header row and column positions found at upload, so validation reads the sheet the same way.
    .addColumn('layout_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer')
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    // Last staged row written by the confirm loop: a resumed loop continues after it.
    .addColumn('cursor_row_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('list_meta_json', 'text')
    .addColumn('list_id', 'integer')
    // The importer's region scope at upload ('3701', '370102'; null = whole province).
    .addColumn('region_prefix', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('validated_at', 'text')
    .addColumn('confirmed_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('finished_at', 'text')
    // The loop working on the job and its last sign of life; a stale heartbeat lets another take over.
    .addColumn('runner', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('import_job_org_ix').on('import_job').columns(['organisation_id', 'created_at']).execute();
  await db.schema.createIndex('import_job_status_ix').on('import_job').columns(['status', 'heartbeat_at']).execute();

  await db.schema
    .createTable('import_issue')
    .addColumn('id', 'integer', id)
    .addColumn('job_id', 'integer', (c) => c.notNull().references('import_job.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  // The report's order: errors first, then by row; ids keep the column order within a row.
  await db.schema.createIndex('import_issue_job_ix').on('import_issue').columns(['job_id', 'severity', 'row_no', 'id']).execute();

  // Staging: validated rows wait here until confirmed; nothing reaches the registry before.
  await db.schema
    .createTable('import_row')
    .addColumn('job_id', 'integer', (c) => c.notNull().references('import_job.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_row_pk', ['job_id', 'row_no'])
    .execute();

  await db.schema
    .createTable('official_list')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('source', 'text')
    .addColumn('import_job_id', 'integer', (c) => c.references('import_job.id'))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One batch of one list is imported once; a correction is a removal or a new batch.
  await db.schema.createIndex('official_list_batch_uq').on('official_list').columns(['kind', 'name', 'batch']).unique().execute();

  await db.schema
    .createTable('list_entry')
    .addColumn('id', 'integer', id)
    .addColumn('list_id', 'integer', (c) => c.notNull().references('official_list.id'))
    // Null while the enterprise is not in the registry; linked by code when it arrives.
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprise.id'))
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('remark', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('removal_reason', 'text')
    .addColumn('removed_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('list_entry_uq').on('list_entry').columns(['list_id', 'uscc']).unique().execute();
  await db.schema.createIndex('list_entry_uscc_ix').on('list_entry').column('uscc').execute();
  await db.schema.createIndex('list_entry_enterprise_ix').on('list_entry').column('enterprise_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['list_entry', 'official_list', 'import_row', 'import_issue', 'import_job']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.dropIndex('enterprise_size_ix').ifExists().execute();
  await db.schema.alterTable('enterprise').dropColumn('industry_code').execute();
}
