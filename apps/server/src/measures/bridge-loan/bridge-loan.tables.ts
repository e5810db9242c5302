import type { Generated } from 'kysely';

/** One bridge-loan application (a case of the measure): the application and each step's facts. */
export interface BridgeLoanTable {
  case_id: number;
  state: string;
  enterprise_org_id: number;
  enterprise_name: string;
  uscc: string;
  region_code: string | null;
  city_code: string | null;
  operator_org_id: number | null;
  bank_org_id: number | null;
  loan_contract_no: string | null;
  loan_type: string | null;
  loan_amount_fen: number | null;
  loan_maturity_on: string | null;
  bridge_amount_fen: number | null;
  bridge_days: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  remark: string | null;
  active_key: string | null;
  green_channel: number;
  green_list_name: string | null;
  submitted_at: string | null;
  submitted_on: string | null;
  green_due_on: string | null;
  accepted_at: string | null;
  fee_basis: string | null;
  fee_rate_ppm: number | null;
  fee_fen: number | null;
  bank_confirmed_at: string | null;
  renewal_amount_fen: number | null;
  renewal_expected_on: string | null;
  disbursed_on: string | null;
  disbursed_at: string | null;
  disbursed_fen: number | null;
  repayment_due_on: string | null;
  repaid_on: string | null;
  repaid_fen: number | null;
  overdue_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A file uploaded to an application (the bank's renewal commitment). */
export interface BridgeLoanFileTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  stored_path: string;
  uploaded_by: number | null;
  uploaded_at: string;
}

/** A consultation: a hotline call recorded by an operator or an online question, with its answer. */
export interface BridgeLoanConsultationTable {
  id: Generated<number>;
  channel: string;
  asker_name: string;
  asker_phone: string | null;
  enterprise_org_id: number | null;
  operator_org_id: number | null;
  region_code: string | null;
  question: string;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  created_by: number | null;
  created_at: string;
  version: Generated<number>;
}

/** Tables of the bridge-loan measure (Kysely types); the Database interface extends this. */
export interface BridgeLoanTables {
  bridge_loan: BridgeLoanTable;
  bridge_loan_file: BridgeLoanFileTable;
  bridge_loan_consultation: BridgeLoanConsultationTable;
}
