import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { createTestApp, DIALECTS, type TestApp } from '../../test/harness';
import { seedRiskCompensationDemo } from './risk-compensation.seed';

// The demo seed runs through the measure's services: every state, one claim overdue in FG review.
describe.each(DIALECTS)('risk compensation demo seed on %s', (dialect) => {
  let t: TestApp;
  let app: App;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-25T02:00:00.000Z' });
    app = t.app;
    await seedRiskCompensationDemo(app.ctx);
  });
  afterAll(() => t.close());

  it('has claims in every state, and is written once', async () => {
    const rows = await app.ctx.db.selectFrom('workflow_case').select(['state', 'due_at']).where('measure', '=', 'risk-compensation').execute();
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['draft', 'revision', 'fg_review', 'dept_review', 'approved', 'planned', 'disbursed', 'rejected']));
    const now = app.ctx.clock.now().toISOString();
    expect(rows.filter((r) => r.due_at !== null && r.due_at < now).map((r) => r.state)).toEqual(['fg_review']);
    await seedRiskCompensationDemo(app.ctx);
    const again = await app.ctx.db.selectFrom('workflow_case').select('id').where('measure', '=', 'risk-compensation').execute();
    expect(again).toHaveLength(rows.length);
  });
});
