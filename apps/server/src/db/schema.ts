import type { BridgeLoanTables } from '../measures/bridge-loan/bridge-loan.tables';
import type { GuaranteeTables } from '../measures/guarantee/guarantee.tables';
import type { InterestSubsidyTables } from '../measures/interest-subsidy/interest-subsidy.tables';
import type { RiskCompensationTables } from '../measures/risk-compensation/risk-compensation.tables';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Column conventions (STYLE.md): *_at UTC ISO instants as text, *_on civil dates YYYY-MM-DD,
// *_fen integer money, *_ppm integer rates. Text instants sort correctly because toISOString()
// always yields the same 24-character shape, and keep both dialects identical.

export interface OrganisationTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: string;
  name: string;
  /** Region code for cities and counties, USCC for enterprises, a short code for province bodies. */
  code: string | null;
  /** The county or city the organisation sits in (GB/T 2260), used for regional scoping. */
  region_code: string | null;
  /** Materialised path of ids, '/1/17/42/', so a subtree is one prefix match. */
  path: string;
  status: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface AppUserTable {
  id: Generated<number>;
  organisation_id: number;
  username: string;
  display_name: string;
  password_hash: string;
  status: string;
  phone: string | null;
  password_changed_at: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database copy yields no usable session. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  absolute_expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

export interface AuditEventTable {
  /**
   * The event's number across all chains, in the order events were appended. Chain 0's positions
   * are these numbers (gap-free); on PostgreSQL an identity assigns them (a rolled-back append
   * leaves a gap here, never in a chain).
   */
  seq: Generated<number>;
  /** Which hash chain the event extends: 0 on SQLite and for events written before chains; 1 and up on PostgreSQL. */
  chain: Generated<number>;
  /** The event's gap-free position in its chain, for chains 1 and up; empty in chain 0, whose positions are `seq`. */
  chain_seq: number | null;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  organisation_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface EnterpriseTable {
  id: Generated<number>;
  organisation_id: number;
  uscc: string;
  name: string;
  region_code: string;
  industry_section: string | null;
  industry_row: string | null;
  employees: number | null;
  revenue_fen: number | null;
  assets_fen: number | null;
  size_class: string | null;
  size_reason: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** GB/T 4754 code (2–4 digits); added by the registry migration. */
  industry_code: Generated<string | null>;
}

export interface RegistrationTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  region_code: string;
  industry_section: string | null;
  industry_row: string | null;
  employees: number | null;
  revenue_fen: number | null;
  assets_fen: number | null;
  contact_name: string;
  contact_phone: string;
  username: string;
  password_hash: string;
  status: string;
  reject_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  user_id: number | null;
  created_at: string;
  version: Generated<number>;
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface WorkflowCaseTable {
  id: Generated<number>;
  measure: string;
  workflow_version: number;
  state: string;
  title: string;
  owner_org_id: number;
  region_code: string | null;
  holder_org_id: number | null;
  /** Comma-separated roles of the holder organisation that may act (inbox membership). */
  holder_roles: string | null;
  /** The civil date (Asia/Shanghai) the case entered its current state; deadlines count from it. */
  entered_on: string;
  due_on: string | null;
  due_at: string | null;
  deadline_provisional: number;
  overdue_since: string | null;
  escalated_to_org_id: number | null;
  held: number;
  hold_reason: string | null;
  submitted_by: number | null;
  idempotency_key: string;
  data_json: string;
  /** The preset parameters the case is decided under, fixed when it was created. */
  params_json: string;
  /** Higher first in inboxes (green-channel cases), then by deadline. */
  priority: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** Joint holders of a case's current state; rows are replaced when the case changes state. */
export interface CaseHolderTable {
  case_id: number;
  org_id: number;
  roles: string | null;
  signed_at: string | null;
  signed_by: number | null;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_org_id: number | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  comment: string | null;
  data_json: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  case_id: number | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface CalendarYearTable {
  year: number;
  data_json: string;
  source: string;
  imported_by: number | null;
  imported_at: string;
  version: Generated<number>;
}

export interface PresetOverrideTable {
  id: Generated<number>;
  preset_id: string;
  measure: string | null;
  key: string;
  value_json: string;
  effective_from: string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface Database extends RiskCompensationTables, GuaranteeTables, BridgeLoanTables, InterestSubsidyTables {
  organisation: OrganisationTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  rate_limit: RateLimitTable;
  audit_event: AuditEventTable;
  enterprise: EnterpriseTable;
  registration: RegistrationTable;
  job_lease: JobLeaseTable;
  workflow_case: WorkflowCaseTable;
  case_event: CaseEventTable;
  case_holder: CaseHolderTable;
  notification: NotificationTable;
  calendar_year: CalendarYearTable;
  preset_override: PresetOverrideTable;
  import_job: ImportJobTable;
  import_issue: ImportIssueTable;
  import_row: ImportRowTable;
  official_list: OfficialListTable;
  list_entry: ListEntryTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type AppUser = Selectable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Registration = Selectable<RegistrationTable>;
export type WorkflowCase = Selectable<WorkflowCaseTable>;
export type CaseEvent = Selectable<CaseEventTable>;

/** One Excel upload: validated in the background, written only when confirmed (registry). */
export interface ImportJobTable {
  id: Generated<number>;
  /** 'enterprises' or 'list:<kind>'. */
  kind: string;
  file_name: string;
  file_path: string | null;
  layout_json: string | null;
  /** uploaded → validating → validated → confirming → done; or failed / cancelled. */
  status: string;
  total_rows: number | null;
  processed_rows: Generated<number>;
  valid_rows: Generated<number>;
  error_count: Generated<number>;
  warning_count: Generated<number>;
  confirmed_rows: Generated<number>;
  cursor_row_no: Generated<number>;
  list_meta_json: string | null;
  list_id: number | null;
  region_prefix: string | null;
  error_message: string | null;
  created_by: number;
  organisation_id: number;
  created_at: string;
  validated_at: string | null;
  confirmed_by: number | null;
  confirmed_at: string | null;
  finished_at: string | null;
  runner: string | null;
  heartbeat_at: string | null;
  version: Generated<number>;
}

export interface ImportIssueTable {
  id: Generated<number>;
  job_id: number;
  row_no: number;
  column_name: string;
  /** 'error' | 'warning'. */
  severity: string;
  code: string;
  message: string;
}

export interface ImportRowTable {
  job_id: number;
  row_no: number;
  data_json: string;
  /** 1 when the row has no error (and will be written on confirm), else 0. */
  valid: number;
}

export interface OfficialListTable {
  id: Generated<number>;
  kind: string;
  name: string;
  batch: string;
  issuer: string;
  issued_on: string;
  valid_from: string | null;
  valid_to: string | null;
  /** Document number or other source of the list, e.g. '鲁工信发〔2019〕x号'. */
  source: string | null;
  import_job_id: number | null;
  created_by: number | null;
  created_at: string;
  version: Generated<number>;
}

export interface ListEntryTable {
  id: Generated<number>;
  list_id: number;
  enterprise_id: number | null;
  uscc: string;
  name: string;
  region_code: string | null;
  remark: string | null;
  added_at: string;
  removed_at: string | null;
  removal_reason: string | null;
  removed_by: number | null;
  version: Generated<number>;
}

export type Enterprise = Selectable<EnterpriseTable>;
export type ImportJob = Selectable<ImportJobTable>;
export type OfficialList = Selectable<OfficialListTable>;
export type ListEntry = Selectable<ListEntryTable>;
