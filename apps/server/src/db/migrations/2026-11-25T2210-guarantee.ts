import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: the guarantee measure (融资担保, 第四条): institution register, filings,
// compensations and extension requests of recovery deadlines.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  // Sums of fen over a book exceed 2^31 quickly; single amounts may too (a 3,000万元 guarantee).
  const big = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('guarantee_institution')
    .addColumn('organisation_id', 'integer', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('is_government', 'integer', (c) => c.notNull())
    .addColumn('reward_funded', 'integer', (c) => c.notNull())
    .addColumn('reward_from', 'text')
    .addColumn('reward_to', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('guarantee_filing')
    .addColumn('id', 'integer', id)
    .addColumn('institution_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('size_class', 'text')
    .addColumn('bank_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('contract_no', 'text', (c) => c.notNull())
    .addColumn('amount_fen', big, (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('fee_rate_ppm', 'integer', (c) => c.notNull())
    .addColumn('annual_fee_fen', big, (c) => c.notNull())
    .addColumn('counter_guarantee', 'integer', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text', (c) => c.notNull())
    .addColumn('terms_bound', 'integer', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One filing per submission key and per guarantee contract of an institution.
  await db.schema.createIndex('guarantee_filing_key_ux').on('guarantee_filing').columns(['institution_org_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('guarantee_filing_contract_ux').on('guarantee_filing').columns(['institution_org_id', 'contract_no']).unique().execute();
  await db.schema.createIndex('guarantee_filing_region_ix').on('guarantee_filing').columns(['region_code', 'start_on']).execute();
  await db.schema.createIndex('guarantee_filing_start_ix').on('guarantee_filing').columns(['start_on']).execute();
  // Covers the single-firm total (Σ amount of one enterprise with one institution) without touching the table.
  await db.schema.createIndex('guarantee_filing_enterprise_ix').on('guarantee_filing').columns(['enterprise_id', 'institution_org_id', 'amount_fen']).execute();

  await db.schema
    .createTable('guarantee_compensation')
    .addColumn('id', 'integer', id)
    // One compensation per guarantee: a second one is refused naming the first.
    .addColumn('filing_id', 'integer', (c) => c.notNull().unique().references('guarantee_filing.id'))
    .addColumn('institution_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', big, (c) => c.notNull())
    .addColumn('recovery_due_on', 'text', (c) => c.notNull())
    .addColumn('recovered_on', 'text')
    .addColumn('recovered_fen', big)
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guarantee_compensation_org_ix').on('guarantee_compensation').columns(['institution_org_id', 'recovery_due_on']).execute();

  await db.schema
    .createTable('guarantee_extension')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().unique().references('workflow_case.id'))
    .addColumn('compensation_id', 'integer', (c) => c.notNull().references('guarantee_compensation.id'))
    .addColumn('institution_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('previous_due_on', 'text', (c) => c.notNull())
    .addColumn('requested_due_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guarantee_extension_comp_ix').on('guarantee_extension').columns(['compensation_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guarantee_extension').execute();
  await db.schema.dropTable('guarantee_compensation').execute();
  await db.schema.dropTable('guarantee_filing').execute();
  await db.schema.dropTable('guarantee_institution').execute();
}
