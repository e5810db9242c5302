import type { Generated } from 'kysely';

/** An application for 贷款贴息 (its state is the workflow_case's). */
export interface InterestSubsidyApplicationTable {
  case_id: number;
  owner_org_id: number;
  enterprise_id: number;
  uscc: string;
  enterprise_name: string;
  region_code: string;
  city_code: string;
  contact_name: string;
  contact_phone: string;
  contract_count: number;
  principal_fen: number;
  subsidy_fen: number;
  report_case_id: number | null;
  notice_id: number | null;
  submitted_at: string | null;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One loan contract of an application, with its subsidy. */
export interface InterestSubsidyContractTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  bank_name: string;
  contract_no: string;
  contract_key: string;
  claim_key: string | null;
  effective_on: string;
  drawdown_on: string;
  maturity_on: string;
  principal_fen: number;
  annual_rate_ppm: number;
  interest_paid_fen: number | null;
  days_outstanding: number;
  subsidy_days: number;
  subsidy_fen: number;
}

/** A city's 汇总表 (its state is the workflow_case's). */
export interface InterestSubsidyReportTable {
  case_id: number;
  city_org_id: number;
  city_code: string;
  application_count: number;
  principal_fen: number;
  subsidy_fen: number;
  deadline_on: string;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The province's 公示 of results. */
export interface InterestSubsidyNoticeTable {
  id: Generated<number>;
  title: string;
  starts_on: string;
  ends_on: string;
  application_count: number;
  subsidy_fen: number;
  idempotency_key: string;
  created_by: number;
  created_at: string;
}

/** An objection raised during 公示, and the province's answer. */
export interface InterestSubsidyObjectionTable {
  id: Generated<number>;
  notice_id: number;
  case_id: number;
  objector: string;
  contact: string | null;
  content: string;
  received_at: string;
  received_by: number;
  answer: string | null;
  upheld: number | null;
  answered_at: string | null;
  answered_by: number | null;
}

/** Tables of the interest-subsidy measure (Kysely types); the Database interface extends this. */
export interface InterestSubsidyTables {
  interest_subsidy_application: InterestSubsidyApplicationTable;
  interest_subsidy_contract: InterestSubsidyContractTable;
  interest_subsidy_report: InterestSubsidyReportTable;
  interest_subsidy_notice: InterestSubsidyNoticeTable;
  interest_subsidy_objection: InterestSubsidyObjectionTable;
}
