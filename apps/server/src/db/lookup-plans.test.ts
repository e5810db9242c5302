import { type Compilable, CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationFactsQuery as bridgeLoanFacts } from '../measures/bridge-loan/bridge-loan.repository';
import { applicationFactsQuery as interestSubsidyFacts, reviewOrganisations } from '../measures/interest-subsidy/interest-subsidy.repository';
import { createTestApp, type TestApp } from '../test/harness';

// The lookups every application makes must cost the same in a county of ten enterprises and in one
// of a hundred thousand: each reads an index entry, never every row under a common prefix.

describe('hot lookups (SQLite query plans)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { demo: true });
  });
  afterAll(() => t?.close());

  async function plan(query: Compilable): Promise<string> {
    const { sql: text, parameters } = query.compile();
    const result = await t.app.ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
    return result.rows.map((r) => r.detail).join('; ');
  }

  it('finds a county\'s finance bureau by parent and kind, not by reading every enterprise under the county', async () => {
    const db = t.app.ctx.db;
    const county = await db.selectFrom('organisation').select(['id']).where('kind', '=', 'county').where('code', '=', '370102').executeTakeFirstOrThrow();
    const route = await reviewOrganisations(db, '370100', '370102');
    const bureau = await db.selectFrom('organisation').select('name').where('id', '=', route.county!.finance_id!).executeTakeFirstOrThrow();
    expect(bureau.name).toBe('济南市历下区财政局');
    const query = db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'finance-bureau').where('parent_id', '=', county.id).where('status', '=', 'active').orderBy('id').limit(1);
    expect(await plan(query)).toMatch(/USING INDEX organisation_parent_kind_ix \(parent_id=\? AND kind=\?\)/);
  });

  it('routes a 贴息 application by city and county with their finance bureaus in one statement of index lookups', async () => {
    const db = t.app.ctx.db;
    const { city, county } = await reviewOrganisations(db, '370100', '370102');
    const bureau = async (code: string) => (await db.selectFrom('organisation as o').innerJoin('organisation as f', 'f.parent_id', 'o.id')
      .select('f.id').where('o.code', '=', code).where('f.kind', '=', 'finance-bureau').executeTakeFirst())?.id;
    const office = async (kind: string, code: string) => (await db.selectFrom('organisation').select('id').where('kind', '=', kind).where('code', '=', code).executeTakeFirstOrThrow()).id;
    expect(city).toEqual({ id: await office('city', '370100'), name: '济南市', finance_id: await bureau('370100') });
    expect(county).toEqual({ id: await office('county', '370102'), finance_id: await bureau('370102') });
    expect(county?.finance_id).toEqual(expect.any(Number));
    // A city-level enterprise (or the city's own 汇总表) has no county to look up.
    expect(await reviewOrganisations(db, '370100', null)).toEqual({ city, county: undefined });
  });

  // An application's checks and route are read in one statement with the enterprise: each of its
  // subqueries must be a lookup by index, as the separate statements it replaced were.
  it.each([
    ['应急转贷', bridgeLoanFacts],
    ['贷款贴息', interestSubsidyFacts],
  ])('reads a %s application\'s enterprise, retry, list, route and duplicates by index lookups only', async (_name, query) => {
    const text = await plan(query(t.app.ctx.db));
    expect(text).toMatch(/SEARCH e USING INDEX sqlite_autoindex_enterprise_\d \(organisation_id=\?\)/);
    expect(text).toMatch(/SEARCH k USING (COVERING )?INDEX workflow_case_owner_idem_uq \(owner_org_id=\? AND measure=\? AND idempotency_key=\?\)/);
    expect(text).toMatch(/SEARCH le USING INDEX list_entry_uscc_ix \(uscc=\?\)/);
    expect(text).not.toMatch(/SCAN/);
  });

  it('finds an owner\'s cases, a retried submission and the escalated cases by index, with one index fewer per new case', async () => {
    const db = t.app.ctx.db;
    expect(await plan(db.selectFrom('workflow_case').select('id').where('owner_org_id', '=', 1)))
      .toMatch(/USING (COVERING )?INDEX workflow_case_owner_idem_uq \(owner_org_id=\?\)/);
    expect(await plan(db.selectFrom('workflow_case').select('id').where('measure', '=', 'bridge-loan').where('owner_org_id', '=', 1).where('idempotency_key', '=', 'k')))
      .toMatch(/USING (COVERING )?INDEX workflow_case_owner_idem_uq \(owner_org_id=\? AND measure=\? AND idempotency_key=\?\)/);
    // Partial: only escalated cases have an entry, yet "escalated to this organisation" uses it.
    expect(await plan(db.selectFrom('workflow_case').select('id').where('escalated_to_org_id', '=', 1)))
      .toMatch(/USING (COVERING )?INDEX workflow_case_escalated_ix \(escalated_to_org_id=\?\)/);
  });
});
