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
  /** Gap-free sequence assigned under the audit lock; the hash chain follows it. */
  seq: number;
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
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
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

export interface Database {
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
  notification: NotificationTable;
  calendar_year: CalendarYearTable;
  preset_override: PresetOverrideTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type AppUser = Selectable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Registration = Selectable<RegistrationTable>;
export type WorkflowCase = Selectable<WorkflowCaseTable>;
export type CaseEvent = Selectable<CaseEventTable>;
