import type { ExpressionBuilder, Kysely } from 'kysely';
import { prepared } from '../db/prepared';
import type { Database } from '../db/schema';
import { unprocessable } from '../platform/errors';
import { overridesFingerprint } from '../policy/policy.service';

// An enterprise's application is checked against facts spread over several tables: its registry
// record, a case it may already have opened with the same key (a retry), lists, routes,
// duplicates. On the opening day each of those was a statement of its own; a measure instead reads
// them in one, as columns correlated with the applicant's enterprise row `e`.

/** The builder a measure writes its own columns with, `e` being the applicant's enterprise. */
export type ApplicantEb = ExpressionBuilder<Database & { e: Database['enterprise'] }, 'e'>;

/**
 * The applicant's enterprise (no row when the organisation has none) with `retry_case_id`, the
 * case it opened in the measure with the key, and `policy_fingerprint`, the preset's overrides as
 * policyFor() checks them. A measure adds its own columns with `.select()`. Parameters: the
 * measure, the key and the preset first, then the measure's own, the organisation last.
 */
export function applicantFactsQuery(db: Kysely<Database>) {
  return db.selectFrom('enterprise as e').select((eb) => [
    'e.id', 'e.uscc', 'e.name', 'e.region_code',
    eb.selectFrom('workflow_case as k').select('k.id').where('k.measure', '=', '').whereRef('k.owner_org_id', '=', 'e.organisation_id')
      .where('k.idempotency_key', '=', '').as('retry_case_id'),
    overridesFingerprint(eb as unknown as ExpressionBuilder<Database, never>, eb.val('')),
  ]).where('e.organisation_id', '=', 0);
}

/**
 * The answer to an enterprise account whose firm has no registry record (or no longer has one):
 * every measure an enterprise applies to gives the same, so the applicant hears one remedy.
 */
export const notRegistered = () => unprocessable('本企业尚未在企业库登记，请先完成企业注册', null, 'NOT_REGISTERED');

/** The registry record of an applicant's organisation, for the paths that need nothing else with it; else {@link notRegistered}. */
export async function applicantEnterprise(db: Kysely<Database>, organisationId: number) {
  const [e] = await enterpriseOfOrganisation(db, [organisationId]);
  if (!e) throw notRegistered();
  return e;
}
const enterpriseOfOrganisation = prepared((db: Kysely<Database>) =>
  db.selectFrom('enterprise').select(['id', 'uscc', 'name', 'region_code']).where('organisation_id', '=', 0));
