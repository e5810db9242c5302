import type { Generated, Selectable } from 'kysely';

/** A bank's loan to an enterprise, with its eligibility as decided at registration. */
export interface RiskCompensationLoanTable {
  id: Generated<number>;
  bank_org_id: number;
  contract_no: string;
  borrower_uscc: string;
  borrower_name: string | null;
  borrower_region_code: string | null;
  borrower_size_class: string | null;
  amount_fen: number;
  start_on: string;
  maturity_on: string;
  annual_rate_ppm: number;
  loan_type: string;
  non_performing_on: string;
  non_performing_month: string;
  np_principal_fen: number;
  eligible: number;
  eligibility_json: string;
  claim_case_id: number | null;
  source: string;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** A monthly claim: the measure's rows of a workflow_case. */
export interface RiskCompensationClaimTable {
  case_id: number;
  bank_org_id: number;
  month: string;
  window_closes_on: string;
  item_count: number;
  principal_fen: number;
  claimed_fen: number;
  approved_fen: number | null;
  submitted_on: string | null;
  plan_id: number | null;
  created_at: string;
}

/** One loan of a claim and its FG outcome. */
export interface RiskCompensationItemTable {
  id: Generated<number>;
  case_id: number;
  loan_id: number;
  bank_org_id: number;
  city_code: string;
  principal_fen: number;
  claimed_fen: number;
  basis: string;
  outcome: string;
  approved_fen: number | null;
  reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  disbursed_on: string | null;
}

/** 拨付计划: a numbered, dated document issued by DEPT; immutable once issued except for payment. */
export interface RiskCompensationPlanTable {
  id: Generated<number>;
  plan_no: string;
  title: string;
  status: string;
  issued_on: string;
  paid_on: string | null;
  total_fen: number;
  idempotency_key: string;
  created_by: number;
  created_at: string;
  paid_at: string | null;
  version: Generated<number>;
}

/** An Excel loan upload and its stored validation counts; the valid rows wait for confirmation. */
export interface RiskCompensationUploadTable {
  id: Generated<number>;
  bank_org_id: number;
  file_name: string;
  status: string;
  total_rows: number;
  valid_rows: number;
  error_count: number;
  warning_count: number;
  written_rows: Generated<number>;
  rows_json: string;
  created_by: number;
  created_at: string;
  confirmed_at: string | null;
}

export interface RiskCompensationUploadIssueTable {
  id: Generated<number>;
  upload_id: number;
  row_no: number;
  column_name: string;
  severity: string;
  message: string;
}

/** Tables of the risk-compensation measure (Kysely types); the Database interface extends this. */
export interface RiskCompensationTables {
  risk_compensation_loan: RiskCompensationLoanTable;
  risk_compensation_claim: RiskCompensationClaimTable;
  risk_compensation_item: RiskCompensationItemTable;
  risk_compensation_plan: RiskCompensationPlanTable;
  risk_compensation_upload: RiskCompensationUploadTable;
  risk_compensation_upload_issue: RiskCompensationUploadIssueTable;
}

export type RiskCompensationLoan = Selectable<RiskCompensationLoanTable>;
export type RiskCompensationClaim = Selectable<RiskCompensationClaimTable>;
export type RiskCompensationItem = Selectable<RiskCompensationItemTable>;
export type RiskCompensationPlan = Selectable<RiskCompensationPlanTable>;
