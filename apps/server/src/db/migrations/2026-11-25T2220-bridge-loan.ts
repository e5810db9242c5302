import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: the bridge-loan measure (应急转贷, 鲁工信发〔2020〕1号 第二条). One row per case
// (the application and each step's facts, for lists and supervision), its uploaded files, and
// the consultation log of the hotline and online questions.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  // Sums of fen over a province exceed 2^31.
  const big = pg ? 'bigint' : 'integer';

  await db.schema
    .createTable('bridge_loan')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('workflow_case.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('enterprise_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('city_code', 'text')
    // The operator of the county, else the city, else the province platform (routing at submission).
    .addColumn('operator_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('bank_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('loan_contract_no', 'text')
    .addColumn('loan_type', 'text')
    .addColumn('loan_amount_fen', big)
    .addColumn('loan_maturity_on', 'text')
    .addColumn('bridge_amount_fen', big)
    .addColumn('bridge_days', 'integer')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('remark', 'text')
    // One open application per bank and contract: '<bank>:<contract>' while open, null once refused.
    .addColumn('active_key', 'text')
    .addColumn('green_channel', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('green_list_name', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_on', 'text')
    .addColumn('green_due_on', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('fee_basis', 'text')
    .addColumn('fee_rate_ppm', 'integer')
    .addColumn('fee_fen', big)
    .addColumn('bank_confirmed_at', 'text')
    .addColumn('renewal_amount_fen', big)
    .addColumn('renewal_expected_on', 'text')
    .addColumn('disbursed_on', 'text')
    .addColumn('disbursed_at', 'text')
    .addColumn('disbursed_fen', big)
    .addColumn('repayment_due_on', 'text')
    .addColumn('repaid_on', 'text')
    .addColumn('repaid_fen', big)
    .addColumn('overdue_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bridge_loan_active_uq').on('bridge_loan').column('active_key').unique().execute();
  await db.schema.createIndex('bridge_loan_operator_ix').on('bridge_loan').columns(['operator_org_id', 'state']).execute();
  await db.schema.createIndex('bridge_loan_bank_ix').on('bridge_loan').column('bank_org_id').execute();
  await db.schema.createIndex('bridge_loan_enterprise_ix').on('bridge_loan').column('enterprise_org_id').execute();
  await db.schema.createIndex('bridge_loan_city_ix').on('bridge_loan').columns(['city_code', 'submitted_on']).execute();

  await db.schema
    .createTable('bridge_loan_file')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('workflow_case.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    // Relative to DATA_DIR (uploads/<case id>/<uuid>).
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bridge_loan_file_case_ix').on('bridge_loan_file').column('case_id').execute();

  await db.schema
    .createTable('bridge_loan_consultation')
    .addColumn('id', 'integer', id)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('asker_name', 'text', (c) => c.notNull())
    .addColumn('asker_phone', 'text')
    .addColumn('enterprise_org_id', 'integer', (c) => c.references('organisation.id'))
    // The operator answering (the recorder's, or the routed one for online questions).
    .addColumn('operator_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('region_code', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('answered_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('bridge_loan_consultation_op_ix').on('bridge_loan_consultation').columns(['operator_org_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bridge_loan_consultation', 'bridge_loan_file', 'bridge_loan']) await db.schema.dropTable(t).ifExists().execute();
}
