import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { containsText } from '../../platform/paging';

// Kysely queries of the guarantee measure. Decides nothing: scope and filters come from the service.

type Db = Kysely<Database> | Transaction<Database>;

/** Which filings a reader reaches: one institution's, a region's (by the enterprise's county), or all. */
export interface GuaranteeScope {
  institutionId?: number;
  regionPrefix?: string;
  /** True for a reader who reaches nothing (the service refuses before querying, this is a fallback). */
  none?: boolean;
}

export interface FilingFilters {
  q?: string | undefined;
  institutionId?: number | undefined;
  regionCode?: string | undefined;
  sizeClass?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  compensated?: 'true' | 'false' | undefined;
}

/** Filings in scope with their institution's name and whether they were compensated. */
export function filingBase(db: Db, scope: GuaranteeScope, f: FilingFilters = {}) {
  let q = db.selectFrom('guarantee_filing as f')
    .innerJoin('organisation as i', 'i.id', 'f.institution_org_id')
    .leftJoin('guarantee_compensation as c', 'c.filing_id', 'f.id');
  q = applyScope(q, scope);
  if (f.institutionId) q = q.where('f.institution_org_id', '=', f.institutionId);
  if (f.regionCode) q = q.where('f.region_code', 'like', `${f.regionCode}%`);
  if (f.sizeClass) q = q.where('f.size_class', '=', f.sizeClass);
  if (f.from) q = q.where('f.start_on', '>=', f.from);
  if (f.to) q = q.where('f.start_on', '<=', f.to);
  if (f.compensated === 'true') q = q.where('c.id', 'is not', null);
  if (f.compensated === 'false') q = q.where('c.id', 'is', null);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText('f.enterprise_name', text), containsText('f.uscc', text), containsText('f.contract_no', text), containsText('f.bank_name', text)]));
  }
  return q;
}

function applyScope<Q extends { where: (...args: never[]) => unknown }>(q: Q, scope: GuaranteeScope): Q {
  // Typed loosely on purpose: the same three filters apply to every base query of this measure.
  const w = q as unknown as { where(col: string, op: string, v: unknown): Q };
  if (scope.none) return w.where('f.id', '=', -1);
  let out = q;
  if (scope.institutionId) out = (out as unknown as typeof w).where('f.institution_org_id', '=', scope.institutionId);
  if (scope.regionPrefix) out = (out as unknown as typeof w).where('f.region_code', 'like', `${scope.regionPrefix}%`);
  return out;
}

export const FILING_COLUMNS = [
  'f.id', 'f.institution_org_id', 'i.name as institution_name', 'f.enterprise_id', 'f.uscc', 'f.enterprise_name', 'f.region_code', 'f.size_class',
  'f.bank_org_id', 'f.bank_name', 'f.contract_no', 'f.amount_fen', 'f.term_months', 'f.fee_rate_ppm', 'f.annual_fee_fen', 'f.counter_guarantee',
  'f.start_on', 'f.end_on', 'f.terms_bound', 'f.created_at', 'c.id as compensation_id',
] as const;

export function selectFilings(base: ReturnType<typeof filingBase>) {
  return base.select(FILING_COLUMNS).orderBy('f.start_on', 'desc').orderBy('f.id', 'desc');
}
export type FilingRow = Awaited<ReturnType<ReturnType<typeof selectFilings>['execute']>>[number];

/** The sum of an institution's filings for one enterprise (the 单户 amount). */
export async function enterpriseTotalFen(db: Db, institutionId: number, enterpriseId: number): Promise<number> {
  const r = await db.selectFrom('guarantee_filing').select((eb) => eb.fn.sum<number>('amount_fen').as('s'))
    .where('institution_org_id', '=', institutionId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
  return Number(r?.s ?? 0);
}

/** Totals per (institution, enterprise) over filings in scope: for the single-firm flag of many rows. */
export async function enterpriseTotals(db: Db, pairs: { institutionId: number; enterpriseId: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!pairs.length) return out;
  const ents = [...new Set(pairs.map((p) => p.enterpriseId))];
  const rows = await db.selectFrom('guarantee_filing').select(['institution_org_id', 'enterprise_id', (eb) => eb.fn.sum<number>('amount_fen').as('s')])
    .where('enterprise_id', 'in', ents).groupBy(['institution_org_id', 'enterprise_id']).execute();
  for (const r of rows) out.set(`${r.institution_org_id}:${r.enterprise_id}`, Number(r.s));
  return out;
}

export interface CompensationFilters {
  q?: string | undefined;
  institutionId?: number | undefined;
  regionCode?: string | undefined;
  status?: 'recovering' | 'overdue' | 'recovered' | undefined;
}

/** The deadline in force: the latest approved extension's date, else the one set at compensation. */
const effectiveDue = sql<string>`coalesce(ax.due_on, c.recovery_due_on)`;

/** Compensations in scope, with the effective recovery deadline and any open extension request. */
export function compensationBase(db: Db, scope: GuaranteeScope, f: CompensationFilters, today: string) {
  let q = db.selectFrom('guarantee_compensation as c')
    .innerJoin('guarantee_filing as f', 'f.id', 'c.filing_id')
    .innerJoin('organisation as i', 'i.id', 'c.institution_org_id')
    .leftJoin(
      (eb) => eb.selectFrom('guarantee_extension as x').innerJoin('workflow_case as wc', 'wc.id', 'x.case_id').where('wc.state', '=', 'approved')
        .select(['x.compensation_id', (e) => e.fn.max('x.requested_due_on').as('due_on')]).groupBy('x.compensation_id').as('ax'),
      (j) => j.onRef('ax.compensation_id', '=', 'c.id'),
    )
    .leftJoin(
      (eb) => eb.selectFrom('guarantee_extension as y').innerJoin('workflow_case as oc', 'oc.id', 'y.case_id').where('oc.state', 'in', ['requested', 'returned'])
        .select(['y.compensation_id', (e) => e.fn.max('y.case_id').as('open_case_id')]).groupBy('y.compensation_id').as('ox'),
      (j) => j.onRef('ox.compensation_id', '=', 'c.id'),
    );
  q = applyScope(q, scope);
  if (f.institutionId) q = q.where('c.institution_org_id', '=', f.institutionId);
  if (f.regionCode) q = q.where('f.region_code', 'like', `${f.regionCode}%`);
  if (f.status === 'recovered') q = q.where('c.recovered_on', 'is not', null);
  if (f.status === 'overdue') q = q.where('c.recovered_on', 'is', null).where(effectiveDue, '<', today);
  if (f.status === 'recovering') q = q.where('c.recovered_on', 'is', null).where(effectiveDue, '>=', today);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText('f.enterprise_name', text), containsText('f.uscc', text), containsText('f.contract_no', text)]));
  }
  return q;
}

export function selectCompensations(base: ReturnType<typeof compensationBase>) {
  return base.select([
    'c.id', 'c.filing_id', 'c.institution_org_id', 'i.name as institution_name', 'f.uscc', 'f.enterprise_name', 'f.region_code', 'f.contract_no',
    'f.amount_fen as guaranteed_fen', 'c.paid_on', 'c.amount_fen', 'c.recovery_due_on', 'ax.due_on as extended_due_on', 'c.recovered_on', 'c.recovered_fen',
    'ox.open_case_id', 'c.note', 'c.version', 'c.created_at',
  ]).orderBy(effectiveDue).orderBy('c.id');
}
export type CompensationRow = Awaited<ReturnType<ReturnType<typeof selectCompensations>['execute']>>[number];

export interface ExtensionFilters {
  state?: string | undefined;
  institutionId?: number | undefined;
}

/** Extension requests in scope with their case. */
export function extensionBase(db: Db, scope: GuaranteeScope, f: ExtensionFilters) {
  let q = db.selectFrom('guarantee_extension as x')
    .innerJoin('workflow_case as wc', 'wc.id', 'x.case_id')
    .innerJoin('guarantee_compensation as c', 'c.id', 'x.compensation_id')
    .innerJoin('guarantee_filing as f', 'f.id', 'c.filing_id')
    .innerJoin('organisation as i', 'i.id', 'x.institution_org_id');
  q = applyScope(q, scope);
  if (f.state) q = q.where('wc.state', '=', f.state);
  if (f.institutionId) q = q.where('x.institution_org_id', '=', f.institutionId);
  return q;
}

export function selectExtensions(base: ReturnType<typeof extensionBase>) {
  return base.select([
    'x.id', 'x.case_id', 'x.compensation_id', 'x.institution_org_id', 'i.name as institution_name', 'f.enterprise_name', 'f.contract_no',
    'x.previous_due_on', 'x.requested_due_on', 'x.reason', 'wc.state', 'wc.due_on', 'wc.version as case_version', 'x.created_at',
  ]).orderBy('x.id', 'desc');
}
export type ExtensionRow = Awaited<ReturnType<ReturnType<typeof selectExtensions>['execute']>>[number];

/** The guarantee organisations and their register rows (null when not yet registered). */
export function institutionRows(db: Db, onlyId?: number) {
  let q = db.selectFrom('organisation as o').leftJoin('guarantee_institution as g', 'g.organisation_id', 'o.id')
    .where('o.kind', '=', 'guarantee')
    .select(['o.id', 'o.name', 'o.region_code', 'o.status', 'g.organisation_id as registered', 'g.is_government', 'g.reward_funded', 'g.reward_from', 'g.reward_to', 'g.source', 'g.version', 'g.updated_at']);
  if (onlyId !== undefined) q = q.where('o.id', '=', onlyId);
  return q.orderBy('o.id').execute();
}
export type InstitutionRow = Awaited<ReturnType<typeof institutionRows>>[number];

/** The amounts the indicators, dashboard and reward base read, for filings in scope (and a start-date range). */
export function volumeRows(db: Db, scope: GuaranteeScope, range: { from?: string | undefined; to?: string | undefined } = {}) {
  let q = db.selectFrom('guarantee_filing as f');
  q = applyScope(q, scope);
  if (range.from) q = q.where('f.start_on', '>=', range.from);
  if (range.to) q = q.where('f.start_on', '<=', range.to);
  return q.select(['f.id', 'f.institution_org_id', 'f.enterprise_id', 'f.region_code', 'f.size_class', 'f.amount_fen', 'f.fee_rate_ppm', 'f.term_months']).execute();
}
