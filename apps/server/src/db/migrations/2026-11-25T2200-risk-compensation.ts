import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: 贷款风险补偿 (鲁工信发〔2020〕1号 第一条) — banks' loans, monthly claims (a claim is a
// workflow_case; its items here), Excel loan uploads with their stored reports, disbursement plans.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  // Sums of fen over a province pass 2^31 fen (21 million 元): bigint on PostgreSQL.
  const big = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('risk_compensation_plan')
    .addColumn('id', 'integer', id)
    .addColumn('plan_no', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('total_fen', big, (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('risk_compensation_claim')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('workflow_case.id'))
    .addColumn('bank_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('window_closes_on', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('principal_fen', big, (c) => c.notNull())
    .addColumn('claimed_fen', big, (c) => c.notNull())
    .addColumn('approved_fen', big)
    .addColumn('submitted_on', 'text')
    .addColumn('plan_id', 'integer', (c) => c.references('risk_compensation_plan.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One claim per bank per month (the business key; a second one is refused naming the first).
  await db.schema.createIndex('risk_compensation_claim_bank_month_ux').on('risk_compensation_claim').columns(['bank_org_id', 'month']).unique().execute();
  await db.schema.createIndex('risk_compensation_claim_plan_ix').on('risk_compensation_claim').column('plan_id').execute();

  await db.schema
    .createTable('risk_compensation_loan')
    .addColumn('id', 'integer', id)
    .addColumn('bank_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('contract_no', 'text', (c) => c.notNull())
    .addColumn('borrower_uscc', 'text', (c) => c.notNull())
    .addColumn('borrower_name', 'text')
    .addColumn('borrower_region_code', 'text')
    .addColumn('borrower_size_class', 'text')
    .addColumn('amount_fen', big, (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('maturity_on', 'text', (c) => c.notNull())
    .addColumn('annual_rate_ppm', 'integer', (c) => c.notNull())
    .addColumn('loan_type', 'text', (c) => c.notNull())
    .addColumn('non_performing_on', 'text', (c) => c.notNull())
    .addColumn('non_performing_month', 'text', (c) => c.notNull())
    .addColumn('np_principal_fen', big, (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    // JSON array of Chinese reasons (empty when eligible), as decided at registration.
    .addColumn('eligibility_json', 'text', (c) => c.notNull())
    .addColumn('claim_case_id', 'integer', (c) => c.references('workflow_case.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // A contract is registered once per bank (a duplicate is refused naming the first).
  await db.schema.createIndex('risk_compensation_loan_contract_ux').on('risk_compensation_loan').columns(['bank_org_id', 'contract_no']).unique().execute();
  await db.schema.createIndex('risk_compensation_loan_month_ix').on('risk_compensation_loan').columns(['bank_org_id', 'non_performing_month']).execute();

  await db.schema
    .createTable('risk_compensation_item')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('workflow_case.id'))
    // One claim per loan, held by the database.
    .addColumn('loan_id', 'integer', (c) => c.notNull().unique().references('risk_compensation_loan.id'))
    .addColumn('bank_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('principal_fen', big, (c) => c.notNull())
    .addColumn('claimed_fen', big, (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('approved_fen', big)
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'text')
    .addColumn('disbursed_on', 'text')
    .execute();
  await db.schema.createIndex('risk_compensation_item_case_ix').on('risk_compensation_item').column('case_id').execute();

  await db.schema
    .createTable('risk_compensation_upload')
    .addColumn('id', 'integer', id)
    .addColumn('bank_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('valid_rows', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('written_rows', 'integer', (c) => c.notNull().defaultTo(0))
    // The valid rows, normalised (loan inputs), written only when the bank confirms.
    .addColumn('rows_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .execute();

  await db.schema
    .createTable('risk_compensation_upload_issue')
    .addColumn('id', 'integer', id)
    .addColumn('upload_id', 'integer', (c) => c.notNull().references('risk_compensation_upload.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_compensation_upload_issue_ix').on('risk_compensation_upload_issue').columns(['upload_id', 'severity', 'row_no']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('risk_compensation_upload_issue').execute();
  await db.schema.dropTable('risk_compensation_upload').execute();
  await db.schema.dropTable('risk_compensation_item').execute();
  await db.schema.dropTable('risk_compensation_loan').execute();
  await db.schema.dropTable('risk_compensation_claim').execute();
  await db.schema.dropTable('risk_compensation_plan').execute();
}
