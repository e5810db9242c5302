import { type Compilable, CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewOrganisations } from '../measures/interest-subsidy/interest-subsidy.repository';
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
    expect(city).toMatchObject({ kind: 'city', finance_id: await bureau('370100') });
    expect(county).toMatchObject({ kind: 'county', finance_id: await bureau('370102') });
    expect(county?.finance_id).toEqual(expect.any(Number));
    // A city-level enterprise (or the city's own 汇总表) has no county to look up.
    expect(await reviewOrganisations(db, '370100', null)).toEqual({ city, county: undefined });
    const text = await plan(db.selectFrom('organisation as o')
      .select((eb) => ['o.id', eb.selectFrom('organisation as f').select('f.id').whereRef('f.parent_id', '=', 'o.id').where('f.kind', '=', 'finance-bureau').where('f.status', '=', 'active').orderBy('f.id').limit(1).as('finance_id')])
      .where('o.status', '=', 'active')
      .where((eb) => eb.or([eb.and([eb('o.kind', '=', 'city'), eb('o.code', '=', '370100')]), eb.and([eb('o.kind', '=', 'county'), eb('o.code', '=', '370102')])])));
    expect(text).toMatch(/SEARCH o USING INDEX organisation_kind_code_uq \(kind=\? AND code=\?\)/);
    expect(text).toMatch(/SEARCH f USING INDEX organisation_parent_kind_ix \(parent_id=\? AND kind=\?\)/);
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
