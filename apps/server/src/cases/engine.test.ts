import { addWorkingDays } from '@relief/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App } from '../app';
import { SYSTEM_ACTOR } from '../platform/audit';
import { verifyAuditChain } from '../platform/audit';
import { as, createTestApp, DIALECTS, login, type Session, type TestApp } from '../test/harness';
import { createCase } from './engine';
import { sweepOverdue } from './overdue-sweep';
import { registerWorkflow } from './registry';
import { TEST_WORKFLOW } from './test-workflow';
import type { AppContext } from '../platform/context';

registerWorkflow(TEST_WORKFLOW);

async function orgId(app: App, code: string): Promise<number> {
  const r = await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return r.id;
}

let seq = 0;
async function newCase(app: App, ownerCode = '91370102MA3C4K2D1F', data: Record<string, unknown> = {}, params: Record<string, unknown> = { reviewDays: 2 }) {
  const owner = await orgId(app, ownerCode);
  const user = await app.ctx.db.selectFrom('app_user').select(['id', 'username', 'organisation_id']).where('organisation_id', '=', owner).orderBy('id').executeTakeFirst();
  const actor = { userId: user?.id ?? null, username: user?.username ?? 'test', organisationId: owner, requestId: null };
  const r = await createCase(app.ctx, actor, { measure: 'engine-test', idempotencyKey: `k-${++seq}`, ownerOrgId: owner, regionCode: '370102', title: `测试事项 ${seq}`, data, params });
  return r.case;
}

describe.each(DIALECTS)('case engine on %s', (dialect) => {
  let t: TestApp;
  let app: App;
  let kangtai: Session;
  let lixia: Session;
  let jinan: Session;
  let qingdao: Session;
  let sgxt: Session;

  beforeAll(async () => {
    // 2020-02-10 (Monday) 09:00 in Shanghai.
    t = await createTestApp(dialect, { now: '2020-02-10T01:00:00.000Z' });
    app = t.app;
    kangtai = await login(app, 'kangtai');
    lixia = await login(app, 'lixia');
    jinan = await login(app, 'jinan');
    qingdao = await login(app, 'qingdao');
    sgxt = await login(app, 'sgxt');
  });
  afterAll(() => t.close());

  const submit = async (id: number, version = 1) => as(app, kangtai).post(`/api/cases/${id}/actions/submit`, { version });

  it('creates a case once per idempotency key, also when retries race', async () => {
    const owner = await orgId(app, '91370102MA3C4K2D1F');
    const input = { measure: 'engine-test', idempotencyKey: 'same-key', ownerOrgId: owner, regionCode: '370102', title: '重复提交', data: {}, params: {} };
    const results = await Promise.all(Array.from({ length: 5 }, () => createCase(app.ctx, SYSTEM_ACTOR, input)));
    const ids = new Set(results.map((r) => r.case.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const n = await app.ctx.db.selectFrom('workflow_case').select((eb) => eb.fn.countAll<number>().as('n')).where('idempotency_key', '=', 'same-key').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('submits to the county, with a deadline of 2 working days counted from the next day', async () => {
    const c = await newCase(app);
    const res = await submit(c.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.state).toBe('submitted');
    expect(body.holderName).toBe('历下区');
    expect(body.deadline.dueOn).toBe(addWorkingDays('2020-02-10', 2));
    expect(body.deadline.dueOn).toBe('2020-02-12');
    expect(body.deadline.dueAt).toBe('2020-02-12T16:00:00.000Z');
    expect(body.deadline.remainingWorkingDays).toBe(2);
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(['created', 'submit']);
    // The timeline names people as they are called, beside the login name and the organisation.
    const kangtaiUser = await app.ctx.db.selectFrom('app_user').select('display_name').where('username', '=', 'kangtai').executeTakeFirstOrThrow();
    expect(body.events.at(-1)).toMatchObject({ actorUsername: 'kangtai', actorName: kangtaiUser.display_name, actorOrgName: '济南康泰医疗器械有限公司' });
  });

  it('refuses a wrong organisation, a wrong role and an illegal transition, changing nothing', async () => {
    const c = await newCase(app);
    await submit(c.id);
    // 青岛 cannot even see a 济南 case.
    expect((await as(app, qingdao).post(`/api/cases/${c.id}/actions/approve`, { version: 2 })).statusCode).toBe(404);
    // 济南市 sees it (its region) but is not the holder.
    const city = await as(app, jinan).post(`/api/cases/${c.id}/actions/approve`, { version: 2 });
    expect(city.statusCode).toBe(403);
    expect(city.json().error.code).toBe('NOT_HOLDER');
    // The owner may not approve (not the holder either).
    expect((await as(app, kangtai).post(`/api/cases/${c.id}/actions/approve`, { version: 2 })).statusCode).toBe(403);
    // finish is not allowed from 待初审.
    const illegal = await as(app, lixia).post(`/api/cases/${c.id}/actions/finish`, { version: 2 });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.message).toContain('待初审');
    const unknown = await as(app, lixia).post(`/api/cases/${c.id}/actions/fly`, { version: 2 });
    expect(unknown.statusCode).toBe(400);
    const after = await as(app, lixia).get(`/api/cases/${c.id}`);
    expect(after.json().state).toBe('submitted');
    expect(after.json().version).toBe(2);
  });

  it('refuses a role the action does not allow', async () => {
    const c = await newCase(app);
    await submit(c.id);
    // A 历下区 viewer: right organisation, wrong role.
    const county = await orgId(app, '370102');
    const admin = await login(app, 'admin');
    const created = await as(app, admin).post('/api/users', { username: `viewer${c.id}`, displayName: '查看员', organisationId: county, roles: ['viewer'], password: 'Viewer#2020x' });
    expect(created.statusCode).toBe(201);
    const viewer = await login(app, `viewer${c.id}`, 'Viewer#2020x');
    const res = await as(app, viewer).post(`/api/cases/${c.id}/actions/approve`, { version: 2 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ROLE');
  });

  it('answers a stale version with 409 and the current state', async () => {
    const c = await newCase(app);
    await submit(c.id);
    const stale = await as(app, lixia).post(`/api/cases/${c.id}/actions/approve`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(stale.json().error.details).toEqual({ state: 'submitted', version: 2 });
  });

  it('keeps return for revision and rejection distinct, both needing a reason', async () => {
    const a = await newCase(app);
    await submit(a.id);
    const noReason = await as(app, lixia).post(`/api/cases/${a.id}/actions/return`, { version: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('须填写理由');
    const ret = await as(app, lixia).post(`/api/cases/${a.id}/actions/return`, { version: 2, comment: '缺少贷款合同扫描件' });
    expect(ret.json().state).toBe('draft');
    expect(ret.json().holderName).toBe('济南康泰医疗器械有限公司');
    // Resubmitted after revision.
    expect((await submit(a.id, 3)).json().state).toBe('submitted');

    const b = await newCase(app);
    await submit(b.id);
    expect((await as(app, lixia).post(`/api/cases/${b.id}/actions/reject`, { version: 2, comment: '' })).statusCode).toBe(400);
    const rej = await as(app, lixia).post(`/api/cases/${b.id}/actions/reject`, { version: 2, comment: '借款人为大型企业，不符合条件' });
    expect(rej.json().state).toBe('rejected');
    expect(rej.json().closedAt).not.toBeNull();
    expect(rej.json().actions).toEqual([]);
  });

  it('applies guards with their message', async () => {
    const c = await newCase(app, undefined, { amountFen: 200_000_00 });
    await submit(c.id);
    const res = await as(app, lixia).post(`/api/cases/${c.id}/actions/approve`, { version: 2 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('金额超过 10 万元，须先核减');
  });

  it('forbids the submitter to review their own case', async () => {
    // A case owned by 历下区 itself, submitted by lixia, lands in 历下区's own inbox.
    const c = await newCase(app, '370102');
    const sub = await as(app, lixia).post(`/api/cases/${c.id}/actions/submit`, { version: 1 });
    expect(sub.statusCode).toBe(200);
    const self = await as(app, lixia).post(`/api/cases/${c.id}/actions/approve`, { version: 2 });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_REVIEW');
  });

  it('moves to the province the same working day, then closes', async () => {
    const c = await newCase(app);
    await submit(c.id);
    const ok = await as(app, lixia).post(`/api/cases/${c.id}/actions/approve`, { version: 2, comment: '材料齐全' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().holderName).toBe('山东省工业和信息化厅');
    expect(ok.json().deadline.dueOn).toBe('2020-02-10');
    const done = await as(app, sgxt).post(`/api/cases/${c.id}/actions/finish`, { version: 3 });
    expect(done.json().state).toBe('done');
    expect(done.json().holderOrgId).toBeNull();
  });

  it('holds one case without stopping another, and releases it', async () => {
    const held = await newCase(app);
    const other = await newCase(app);
    await submit(held.id);
    await submit(other.id);
    expect((await as(app, lixia).post(`/api/cases/${held.id}/hold`, { version: 2 })).statusCode).toBe(400);
    const h = await as(app, lixia).post(`/api/cases/${held.id}/hold`, { version: 2, reason: '疑似重复申请，核查中' });
    expect(h.statusCode).toBe(200);
    expect(h.json().held).toBe(true);
    const blocked = await as(app, lixia).post(`/api/cases/${held.id}/actions/approve`, { version: 3 });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('HELD');
    expect((await as(app, lixia).post(`/api/cases/${other.id}/actions/approve`, { version: 2 })).statusCode).toBe(200);
    // The owner cannot release its own case.
    expect((await as(app, kangtai).post(`/api/cases/${held.id}/release`, { version: 3 })).statusCode).toBe(403);
    const r = await as(app, lixia).post(`/api/cases/${held.id}/release`, { version: 3, reason: '核查无误' });
    expect(r.json().held).toBe(false);
    expect((await as(app, lixia).post(`/api/cases/${held.id}/actions/approve`, { version: 4 })).statusCode).toBe(200);
  });

  it('moves the deadline on by the working days a case was held', async () => {
    const c = await newCase(app);
    await submit(c.id); // 2020-02-10 (Mon): due 2020-02-12
    await as(app, lixia).post(`/api/cases/${c.id}/hold`, { version: 2, reason: '核查贷款合同真实性' });
    t.clock.set('2020-02-13T02:00:00.000Z'); // Thursday: held over 3 working days, the deadline has passed
    try {
      const later = await login(app, 'lixia'); // the earlier session has long been idle
      const r = await as(app, later).post(`/api/cases/${c.id}/release`, { version: 3, reason: '核查无误' });
      expect(r.statusCode).toBe(200);
      expect(r.json().deadline).toMatchObject({ dueOn: '2020-02-17', overdue: false });
      expect(r.json().events.at(-1).comment).toContain('挂起 3 个工作日，办理期限顺延至 2020年2月17日');
    } finally {
      t.clock.set('2020-02-10T01:00:00.000Z');
    }
  });

  it('lists the inbox by deadline with working days left', async () => {
    const c = await newCase(app);
    await submit(c.id);
    const inbox = await as(app, lixia).get('/api/inbox');
    expect(inbox.statusCode).toBe(200);
    const items = inbox.json().items as { id: number; deadline: { dueAt: string; remainingWorkingDays: number } | null }[];
    expect(items.some((i) => i.id === c.id)).toBe(true);
    const dues = items.map((i) => i.deadline?.dueAt ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    expect(items.find((i) => i.id === c.id)!.deadline!.remainingWorkingDays).toBe(2);
    // The enterprise's inbox does not hold a case waiting on the county.
    const mine = await as(app, kangtai).get('/api/inbox');
    expect(mine.json().items.some((i: { id: number }) => i.id === c.id)).toBe(false);
  });

  it('creates and submits in one transaction, refusing an actor the first action does not allow', async () => {
    const owner = await orgId(app, '91370102MA3C4K2D1F');
    const me = (await as(app, kangtai).get('/api/me')).json();
    const user = { ...me.user, sessionId: '', csrfToken: '', idleExpiresAt: '', absoluteExpiresAt: '' };
    const actor = { userId: me.user.id, username: me.user.username, organisationId: owner, requestId: null };
    const input = { measure: 'engine-test', idempotencyKey: 'one-step', ownerOrgId: owner, regionCode: '370102', title: '一步提交', data: {}, params: { reviewDays: 2 } };
    const r = await createCase(app.ctx, actor, input, { startWith: { action: 'submit', user } });
    expect(r.case).toMatchObject({ state: 'submitted', version: 2, due_on: '2020-02-12' });
    const detail = (await as(app, lixia).get(`/api/cases/${r.case.id}`)).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['created', 'submit']);
    expect((await as(app, lixia).post(`/api/cases/${r.case.id}/actions/approve`, { version: 2 })).statusCode).toBe(200);
    // A county reviewer may not submit on the enterprise's behalf: nothing is stored.
    const lixiaMe = (await as(app, lixia).get('/api/me')).json();
    const reviewer = { ...lixiaMe.user, sessionId: '', csrfToken: '', idleExpiresAt: '', absoluteExpiresAt: '' };
    await expect(createCase(app.ctx, actor, { ...input, idempotencyKey: 'one-step-2' }, { startWith: { action: 'submit', user: reviewer } })).rejects.toThrow('只有申请单位可以执行');
    const none = await app.ctx.db.selectFrom('workflow_case').select('id').where('idempotency_key', '=', 'one-step-2').executeTakeFirst();
    expect(none).toBeUndefined();
  });

  it('computes a month-end deadline: January 2020 closes on 2020-02-07', async () => {
    const c = await newCase(app, undefined, { month: '2020-01' });
    const res = await as(app, kangtai).post(`/api/cases/${c.id}/actions/defer`, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().deadline.dueOn).toBe('2020-02-07');
  });
});

describe.each(DIALECTS)('overdue sweep and calendar import on %s', (dialect) => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2020-02-10T01:00:00.000Z' });
    app = t.app;
  });
  afterAll(() => t.close());

  it('marks each overdue case once when two instances sweep at the same moment, and escalates', async () => {
    const kangtai = await login(app, 'kangtai');
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await newCase(app);
      await as(app, kangtai).post(`/api/cases/${c.id}/actions/submit`, { version: 1 });
      ids.push(c.id);
    }
    // Due 2020-02-12; on 2020-02-13 at 00:30 Shanghai the step is overdue.
    t.clock.set('2020-02-12T16:30:00.000Z');
    const second = t.openSecondDb();
    const other: AppContext = { ...app.ctx, db: second.db };
    const [a, b] = await Promise.all([sweepOverdue(app.ctx, 'instance-a'), sweepOverdue(other, 'instance-b')]);
    expect(a + b).toBe(4);
    expect(a === 0 || b === 0).toBe(true);
    // The lease holder sweeps again: nothing new.
    expect(await sweepOverdue(app.ctx, a ? 'instance-a' : 'instance-b')).toBe(0);
    const events = await app.ctx.db.selectFrom('case_event').select(['case_id']).where('action', '=', 'overdue').where('case_id', 'in', ids).execute();
    expect(events).toHaveLength(4);
    const jinanId = await orgId(app, '370100');
    const rows = await app.ctx.db.selectFrom('workflow_case').select(['escalated_to_org_id', 'overdue_since']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.escalated_to_org_id === jinanId && r.overdue_since)).toBe(true);
    const jinan = await login(app, 'jinan');
    const inbox = (await as(app, jinan).get('/api/inbox')).json();
    const escalated = inbox.items.filter((i: { id: number }) => ids.includes(i.id));
    expect(escalated).toHaveLength(4);
    expect(escalated.every((i: { supervising: boolean; deadline: { overdue: boolean; overdueWorkingDays: number } }) => i.supervising && i.deadline.overdue && i.deadline.overdueWorkingDays === 1)).toBe(true);
    const notes = (await as(app, jinan).get('/api/notifications?unread=true')).json();
    expect(notes.items.some((n: { kind: string }) => n.kind === 'case.escalated')).toBe(true);
    expect((await verifyAuditChain(app.ctx.db)).ok).toBe(true);
  });

  it('recomputes open deadlines when a new year is imported, auditing and notifying each change', async () => {
    // Entered 2026-12-30 (Wednesday); 2027 has no holiday data yet, so 2027-01-01 counts as a working day.
    t.clock.set('2026-12-30T02:00:00.000Z');
    const kangtai = await login(app, 'kangtai');
    const c = await newCase(app);
    const sub = await as(app, kangtai).post(`/api/cases/${c.id}/actions/submit`, { version: 1 });
    expect(sub.json().deadline).toMatchObject({ dueOn: '2027-01-01', provisional: true, missingYears: [2027] });

    const admin = await login(app, 'admin');
    const year = { year: 2027, offDays: [{ date: '2027-01-01', name: '元旦' }], makeupWorkdays: [] };
    const bad = await as(app, admin).post('/api/calendar/years', { year: { ...year, makeupWorkdays: [{ date: '2027-01-06', name: '元旦' }] }, source: '测试' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('不是周六或周日');
    const preview = await as(app, admin).post('/api/calendar/years/preview', { year });
    expect(preview.json().changes).toEqual([{ caseId: c.id, title: c.title, from: '2027-01-01', to: '2027-01-04' }]);
    // Preview changed nothing.
    expect((await as(app, kangtai).get(`/api/cases/${c.id}`)).json().deadline.dueOn).toBe('2027-01-01');
    const lixia = await login(app, 'lixia');
    expect((await as(app, lixia).post('/api/calendar/years', { year, source: '国办发明电〔2026〕测试' })).statusCode).toBe(403);
    const imported = await as(app, admin).post('/api/calendar/years', { year, source: '国办发明电〔2026〕测试' });
    expect(imported.statusCode).toBe(200);
    const detail = (await as(app, kangtai).get(`/api/cases/${c.id}`)).json();
    expect(detail.deadline).toMatchObject({ dueOn: '2027-01-04', provisional: false });
    expect(detail.events.at(-1)).toMatchObject({ action: 'deadline_recomputed' });
    const audit = await app.ctx.db.selectFrom('audit_event').select(['action']).where('entity_id', '=', String(c.id)).where('action', '=', 'case.deadline_recomputed').execute();
    expect(audit).toHaveLength(1);
    const notes = (await as(app, lixia).get('/api/notifications')).json();
    expect(notes.items.some((n: { kind: string; caseId: number }) => n.kind === 'case.deadline_changed' && n.caseId === c.id)).toBe(true);
    const month = (await as(app, lixia).get('/api/calendar/month?month=2027-01')).json();
    expect(month.days[0]).toMatchObject({ date: '2027-01-01', working: false, holidayName: '元旦' });
  });
});

describe.each(DIALECTS)('joint signatures, deadline by flag and priority on %s', (dialect) => {
  let t: TestApp;
  let app: App;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2020-02-15T02:00:00.000Z' }); // Saturday 10:00 in Shanghai
    app = t.app;
  });
  afterAll(() => t.close());

  it('needs 工信 and 财政 to sign, in either order, before the case moves on', async () => {
    const finance = await orgId(app, 'FIN-370102');
    const kangtai = await login(app, 'kangtai');
    const lixia = await login(app, 'lixia');
    const lixiacz = await login(app, 'lixiacz');
    const qingdao = await login(app, 'qingdao');
    for (const order of [[lixiacz, lixia], [lixia, lixiacz]] as const) {
      const c = await newCase(app, undefined, { financeOrgId: finance });
      const sent = await as(app, kangtai).post(`/api/cases/${c.id}/actions/to-cosign`, { version: 1 });
      expect(sent.json().jointHolders.map((j: { name: string }) => j.name).sort()).toEqual(['历下区', '济南市历下区财政局'].sort());
      // Both see it in their inbox.
      for (const s of order) expect((await as(app, s).get('/api/inbox')).json().items.some((i: { id: number }) => i.id === c.id)).toBe(true);
      // Someone else cannot sign.
      expect((await as(app, qingdao).post(`/api/cases/${c.id}/actions/sign`, { version: 2 })).statusCode).toBe(404);
      const first = await as(app, order[0]).post(`/api/cases/${c.id}/actions/sign`, { version: 2 });
      expect(first.statusCode).toBe(200);
      expect(first.json().state).toBe('cosign');
      // Signing twice is refused; the signed party's inbox no longer holds it.
      const twice = await as(app, order[0]).post(`/api/cases/${c.id}/actions/sign`, { version: 3 });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toContain('本机构已会签同意');
      expect((await as(app, order[0]).get('/api/inbox')).json().items.some((i: { id: number }) => i.id === c.id)).toBe(false);
      const second = await as(app, order[1]).post(`/api/cases/${c.id}/actions/sign`, { version: 3 });
      expect(second.json().state).toBe('done');
      expect(second.json().events.filter((e: { action: string }) => e.action === 'sign')).toHaveLength(2);
    }
  });

  it('gives green-channel cases a same-day deadline and puts them first', async () => {
    const kangtai = await login(app, 'kangtai');
    const lixia = await login(app, 'lixia');
    const normal = await newCase(app, undefined, { greenChannel: false });
    const green = (await createCase(app.ctx, SYSTEM_ACTOR, {
      measure: 'engine-test', idempotencyKey: 'green-1', ownerOrgId: normal.owner_org_id, regionCode: '370102', title: '绿色通道', data: { greenChannel: true }, params: {}, priority: 1,
    })).case;
    const n = (await as(app, kangtai).post(`/api/cases/${normal.id}/actions/send-urgent`, { version: 1 })).json();
    const g = (await as(app, kangtai).post(`/api/cases/${green.id}/actions/send-urgent`, { version: 1 })).json();
    // Submitted on Saturday 2020-02-15: same working day means Monday 2020-02-17; otherwise 3 working days.
    expect(g.deadline.dueOn).toBe('2020-02-17');
    expect(n.deadline.dueOn).toBe('2020-02-19');
    const inbox = (await as(app, lixia).get('/api/inbox')).json().items as { id: number; priority: number }[];
    expect(inbox[0]!.id).toBe(green.id);
    expect(inbox[0]!.priority).toBe(1);
  });
});
