import type { Generated } from 'kysely';

/** The register attributes of a guarantee institution (one row per organisation of kind 'guarantee'). */
export interface GuaranteeInstitutionTable {
  organisation_id: number;
  /** 1 when a 政府性融资担保机构. */
  is_government: number;
  /** 1 when it receives 降费奖补 funds, within reward_from … reward_to (inclusive; null = open). */
  reward_funded: number;
  reward_from: string | null;
  reward_to: string | null;
  /** Where the attributes come from (the list or notice that names the institution). */
  source: string;
  version: number;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A guarantee filed by an institution (担保备案). Money in fen, rate in ppm. */
export interface GuaranteeFilingTable {
  id: Generated<number>;
  institution_org_id: number;
  enterprise_id: number;
  uscc: string;
  enterprise_name: string;
  /** The enterprise's county, for regional scoping and the dashboard by city. */
  region_code: string;
  /** 300号 size of the enterprise at filing; null when it could not be decided. */
  size_class: string | null;
  bank_org_id: number | null;
  bank_name: string;
  contract_no: string;
  amount_fen: number;
  term_months: number;
  fee_rate_ppm: number;
  annual_fee_fen: number;
  counter_guarantee: number;
  start_on: string;
  end_on: string;
  /** 1 when the epidemic terms bound the filing (funded institution, start in the period). */
  terms_bound: number;
  /** Preset parameters in force for the filing. */
  params_json: string;
  idempotency_key: string;
  created_by: number;
  created_at: string;
}

/** A compensation (代偿) paid for a filed guarantee, with its recovery (追偿) deadline. */
export interface GuaranteeCompensationTable {
  id: Generated<number>;
  filing_id: number;
  institution_org_id: number;
  paid_on: string;
  amount_fen: number;
  /** The deadline set at compensation; approved extensions supersede it (see guarantee_extension). */
  recovery_due_on: string;
  recovered_on: string | null;
  recovered_fen: number | null;
  note: string | null;
  version: number;
  created_by: number;
  created_at: string;
  updated_at: string;
}

/** An extension request of a recovery deadline: the measure's own facts of a 'guarantee' case. */
export interface GuaranteeExtensionTable {
  id: Generated<number>;
  case_id: number;
  compensation_id: number;
  institution_org_id: number;
  previous_due_on: string;
  requested_due_on: string;
  reason: string;
  created_at: string;
  updated_at: string;
}

/** Tables of the guarantee measure (Kysely types); the Database interface extends this. */
export interface GuaranteeTables {
  guarantee_institution: GuaranteeInstitutionTable;
  guarantee_filing: GuaranteeFilingTable;
  guarantee_compensation: GuaranteeCompensationTable;
  guarantee_extension: GuaranteeExtensionTable;
}
