import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: 贷款贴息 (鲁工信发〔2020〕1号 第五条) — applications (a workflow_case each) with their
// loan contracts, the cities' 汇总表 (a workflow_case each), the province's 公示 and objections.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  // Sums of fen over a city or the province pass 2^31 fen: bigint on PostgreSQL.
  const big = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('interest_subsidy_report')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('workflow_case.id'))
    .addColumn('city_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('application_count', 'integer', (c) => c.notNull())
    .addColumn('principal_fen', big, (c) => c.notNull())
    .addColumn('subsidy_fen', big, (c) => c.notNull())
    .addColumn('deadline_on', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interest_subsidy_report_city_ix').on('interest_subsidy_report').column('city_code').execute();

  await db.schema
    .createTable('interest_subsidy_notice')
    .addColumn('id', 'integer', id)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('application_count', 'integer', (c) => c.notNull())
    .addColumn('subsidy_fen', big, (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('interest_subsidy_application')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('workflow_case.id'))
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprise.id'))
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('contract_count', 'integer', (c) => c.notNull())
    .addColumn('principal_fen', big, (c) => c.notNull())
    .addColumn('subsidy_fen', big, (c) => c.notNull())
    .addColumn('report_case_id', 'integer', (c) => c.references('interest_subsidy_report.case_id'))
    .addColumn('notice_id', 'integer', (c) => c.references('interest_subsidy_notice.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interest_subsidy_application_city_ix').on('interest_subsidy_application').column('city_code').execute();
  await db.schema.createIndex('interest_subsidy_application_owner_ix').on('interest_subsidy_application').column('owner_org_id').execute();
  await db.schema.createIndex('interest_subsidy_application_report_ix').on('interest_subsidy_application').column('report_case_id').execute();
  await db.schema.createIndex('interest_subsidy_application_notice_ix').on('interest_subsidy_application').column('notice_id').execute();

  await db.schema
    .createTable('interest_subsidy_contract')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('interest_subsidy_application.case_id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('contract_no', 'text', (c) => c.notNull())
    .addColumn('contract_key', 'text', (c) => c.notNull())
    // The contract's key while its application is live; null once rejected, so it may be claimed again.
    .addColumn('claim_key', 'text')
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('drawdown_on', 'text', (c) => c.notNull())
    .addColumn('maturity_on', 'text', (c) => c.notNull())
    .addColumn('principal_fen', big, (c) => c.notNull())
    .addColumn('annual_rate_ppm', 'integer', (c) => c.notNull())
    .addColumn('interest_paid_fen', big)
    .addColumn('days_outstanding', 'integer', (c) => c.notNull())
    .addColumn('subsidy_days', 'integer', (c) => c.notNull())
    .addColumn('subsidy_fen', big, (c) => c.notNull())
    .execute();
  // One subsidy per contract, whoever applies: the database decides races.
  await db.schema.createIndex('interest_subsidy_contract_claim_ux').on('interest_subsidy_contract').column('claim_key').unique().execute();
  await db.schema.createIndex('interest_subsidy_contract_case_ix').on('interest_subsidy_contract').column('case_id').execute();
  await db.schema.createIndex('interest_subsidy_contract_key_ix').on('interest_subsidy_contract').column('contract_key').execute();

  await db.schema
    .createTable('interest_subsidy_objection')
    .addColumn('id', 'integer', id)
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('interest_subsidy_notice.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('interest_subsidy_application.case_id'))
    .addColumn('objector', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('answer', 'text')
    .addColumn('upheld', 'integer')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('interest_subsidy_objection_notice_ix').on('interest_subsidy_objection').column('notice_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('interest_subsidy_objection').ifExists().execute();
  await db.schema.dropTable('interest_subsidy_contract').ifExists().execute();
  await db.schema.dropTable('interest_subsidy_application').ifExists().execute();
  await db.schema.dropTable('interest_subsidy_notice').ifExists().execute();
  await db.schema.dropTable('interest_subsidy_report').ifExists().execute();
}
