import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { multipart } from '../../registry/test-support';
import { loggingChannel, setChannels } from '../../platform/notify';
import { as, caseSnapshot, createTestApp, DIALECTS, login, type Session, type TestApp, problemPaths } from '../../test/harness';
import { ensureBridgeLoanDemoParties, seedBridgeLoanDemo } from './bridge-loan.seed';

// 应急转贷 through HTTP on both databases: every route and action by a party that may and one that
// may not; records outside a party's scope answer 404. 2020-02-10 is a Monday.

const MONDAY_0900 = '2020-02-10T01:00:00.000Z';
let seq = 0;

describe.each(DIALECTS)('bridge-loan on %s', (dialect) => {
  let t: TestApp;
  let app: App;
  const s: Record<string, Session> = {};
  let icbcId = 0;
  let qdrcbId = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: MONDAY_0900 });
    app = t.app;
    await ensureBridgeLoanDemoParties(app.ctx);
    for (const u of ['kangtai', 'ruikang', 'haifang', 'lixiazd', 'zhuandai', 'zdpt', 'icbc', 'qingdao', 'lixia', 'sgxt']) s[u] = await login(app, u);
    icbcId = (await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-ICBC-SD').executeTakeFirstOrThrow()).id;
    qdrcbId = (await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-QDRCB').executeTakeFirstOrThrow()).id;
  }, 60_000);
  afterAll(() => t.close());

  const application = (over: Record<string, unknown> = {}) => ({
    idempotencyKey: `test-key-${dialect}-${++seq}`, bankOrgId: icbcId, loanContractNo: `HT-${dialect}-${seq}`, loanType: 'working_capital',
    loanAmountFen: 100_000_000, loanMaturityOn: '2020-02-14', bridgeAmountFen: 100_000_000, bridgeDays: 5, contactName: '张会计', contactPhone: '0531-88886666', remark: null, ...over,
  });
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const uploadFile = (who: string, id: number, type = 'application/pdf', content = pdf) => {
    const body = multipart({}, { name: '承诺书.pdf', content, type });
    return app.inject({ method: 'POST', url: `/api/bridge-loans/${id}/files`, payload: body.payload, headers: { ...body.headers, cookie: s[who]!.cookie, 'x-csrf-token': s[who]!.csrf } });
  };
  const create = async (who: string, over: Record<string, unknown> = {}, submit = true) => {
    const res = await as(app, s[who]!).post('/api/bridge-loans', { ...application(over), submit });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: true, state: submit ? 'submitted' : 'draft' });
    const detail = await as(app, s[who]!).get(`/api/bridge-loans/${res.json().caseId}`);
    return detail.json() as { loan: { caseId: number; version: number; greenChannel: boolean; operatorName: string }; case: { version: number; deadline: { dueOn: string } | null; holderName: string } };
  };
  const act = (who: string, id: number, action: string, body: Record<string, unknown> = {}) =>
    as(app, s[who]!).get(`/api/bridge-loans/${id}`).then((d) => as(app, s[who]!).post(`/api/bridge-loans/${id}/actions/${action}`, { version: d.json().case?.version ?? 1, ...body }));
  const count = async () => Number((await app.ctx.db.selectFrom('bridge_loan').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('publishes the rules: hotline, online entry, the 0.08% cap and the steps, to anyone', async () => {
    const res = await as(app, s.kangtai!).get('/api/bridge-loans/rules');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ hotline: '400-651-0531', onlineEntryUrl: 'http://www.smesd.com.cn', epidemicFeeCapPpm: 800, feeBasis: 'per_transaction', inEpidemicPeriod: true, normalAcceptanceWorkingDays: 3 });
    expect(r.steps).toHaveLength(5);
    expect(r.operators.map((o: { name: string }) => o.name)).toContain('历下区企业应急转贷服务中心');
    // Published to the public (第二条: 向社会公布): no session needed.
    expect((await as(app, null).get('/api/bridge-loans/rules')).statusCode).toBe(200);
    expect((await as(app, s.kangtai!).get('/api/bridge-loans/banks')).json().map((b: { id: number }) => b.id)).toContain(icbcId);
  });

  it('saves a draft once per idempotency key; a draft is the enterprise\'s own; changes need the current version', async () => {
    const body = { ...application(), submit: false };
    const first = await as(app, s.kangtai!).post('/api/bridge-loans', body);
    expect(first.statusCode).toBe(201);
    const again = await as(app, s.kangtai!).post('/api/bridge-loans', body);
    expect(again.statusCode).toBe(200);
    const id = first.json().caseId;
    expect(again.json()).toMatchObject({ caseId: id, created: false });
    const draft = (await as(app, s.kangtai!).get(`/api/bridge-loans/${id}`)).json();
    expect(draft.loan.state).toBe('draft');
    expect(draft.canEdit).toBe(true);
    for (const other of ['ruikang', 'lixiazd', 'zdpt', 'icbc']) expect((await as(app, s[other]!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(404);
    expect((await as(app, s.kangtai!).patch(`/api/bridge-loans/${id}`, { version: 99, bridgeDays: 4 })).statusCode).toBe(409);
    const noBank = await as(app, s.kangtai!).patch(`/api/bridge-loans/${id}`, { version: draft.case.version, bankOrgId: 999_999 });
    expect(noBank.statusCode).toBe(400);
    expect(noBank.json().error.message).toMatch(/^贷款银行不存在/);
    expect(problemPaths(noBank)).toEqual(['bankOrgId']);
    const ok = await as(app, s.kangtai!).patch(`/api/bridge-loans/${id}`, { version: draft.case.version, bridgeDays: 4 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().loan.bridgeDays).toBe(4);
    expect((await as(app, s.ruikang!).patch(`/api/bridge-loans/${id}`, { version: ok.json().case.version, bridgeDays: 3 })).statusCode).toBe(404);
    const withdrawn = await act('kangtai', id, 'withdraw', { comment: '自筹资金已归还' });
    expect(withdrawn.json().loan.state).toBe('withdrawn');
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const before = await count();
    // The message is for the applicant (Chinese, no field identifiers); details name the field for the page and programs.
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ bankOrgId: 'abc' }, 400, 'bankOrgId', /^贷款银行应从列表中选择$/],
      [{ loanAmountFen: 1.5 }, 400, 'loanAmountFen', /^到期贷款金额/],
      [{ loanMaturityOn: '2020-02-30' }, 400, 'loanMaturityOn', /日期不存在/],
      [{ contactPhone: '123' }, 400, 'contactPhone', /联系电话/],
      [{ bankOrgId: 999_999 }, 400, 'bankOrgId', /^贷款银行不存在/],
      [{ idempotencyKey: 'x' }, 400, 'idempotencyKey', /^幂等键至少 8 个字符$/],
    ];
    for (const [over, status, field, msg] of cases) {
      const res = await as(app, s.kangtai!).post('/api/bridge-loans', { ...application(), ...over, submit: true });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().error.message).toMatch(msg);
      expect(res.json().error.message).not.toContain(field);
      expect(problemPaths(res)).toEqual([field]);
    }
    expect(await count()).toBe(before);
    // An enterprise account whose firm is not (or no longer) in the enterprise registry: told to register, nothing stored.
    const db = app.ctx.db;
    const kangtai = await db.selectFrom('app_user').selectAll().where('username', '=', 'kangtai').executeTakeFirstOrThrow();
    const org = await db.selectFrom('organisation').selectAll().where('id', '=', kangtai.organisation_id).executeTakeFirstOrThrow();
    const { id: orgId } = await db.insertInto('organisation').values({ ...org, id: undefined, version: undefined, code: '91370102MA3UNREG01', name: '未登记企业' }).returning('id').executeTakeFirstOrThrow();
    const { id: userId } = await db.insertInto('app_user').values({ ...kangtai, id: undefined, organisation_id: orgId, username: `unregistered-${dialect}` }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: userId, role: 'operator' }).execute();
    const unregistered = await as(app, await login(app, `unregistered-${dialect}`)).post('/api/bridge-loans', { ...application(), submit: true });
    expect(unregistered.statusCode, unregistered.body).toBe(422);
    expect(unregistered.json().error).toMatchObject({ code: 'NOT_REGISTERED', message: '本企业尚未在企业库登记，请先完成企业注册' });
    expect(await count()).toBe(before);
    // Rules at submission: the draft stays, the submission is refused naming the rule.
    const tooLong = await as(app, s.kangtai!).post('/api/bridge-loans', { ...application({ bridgeDays: 16 }), submit: true });
    expect(tooLong.statusCode).toBe(422);
    // Every problem at once, each with its field, so the applicant fixes them in one go.
    const twoProblems = await as(app, s.kangtai!).post('/api/bridge-loans', { ...application({ bridgeDays: 16, bridgeAmountFen: 600_000_000, loanAmountFen: 500_000_000 }), submit: true });
    expect(twoProblems.statusCode).toBe(422);
    expect(problemPaths(twoProblems)).toEqual(['bridgeAmountFen', 'bridgeDays']);
    expect(twoProblems.json().error.message).toBe('申请不符合转贷条件（共 2 处）：转贷金额不能超过到期贷款金额；单笔转贷最长使用 15 天');
    expect(tooLong.json().error.message).toMatch(/最长使用 15 天/);
    const project = await as(app, s.kangtai!).post('/api/bridge-loans', { ...application({ loanType: 'technical_renovation' }), submit: true });
    expect(project.json().error.message).toMatch(/流动资金贷款/);
    // Only enterprises apply.
    expect((await as(app, s.lixiazd!).post('/api/bridge-loans', { ...application(), submit: true })).statusCode).toBe(403);
    expect((await as(app, s.icbc!).post('/api/bridge-loans', { ...application(), submit: true })).statusCode).toBe(403);
  });

  it('green channel: a priority firm is routed to its county operator, due the same day, first in the inbox; fee capped at 0.08%; bank confirms; disbursed; repaid', async () => {
    const normal = await create('kangtai');
    const green = await create('ruikang');
    expect(green.loan.greenChannel).toBe(true);
    expect(green.loan.operatorName).toBe('历下区企业应急转贷服务中心');
    expect(green.case.holderName).toBe('历下区企业应急转贷服务中心');
    expect(green.case.deadline!.dueOn).toBe('2020-02-10');
    expect(normal.loan.greenChannel).toBe(false);
    expect(normal.case.deadline!.dueOn).toBe('2020-02-13');
    const todo = (await as(app, s.lixiazd!).get('/api/bridge-loans?todo=true')).json();
    expect(todo.items[0].caseId).toBe(green.loan.caseId);
    expect(todo.items[0].priority).toBe(1);
    // The list counts the deadline in working days as the case page and the 工作台 do.
    const listed = todo.items.find((r: { caseId: number }) => r.caseId === normal.loan.caseId);
    expect(listed.deadline).toEqual(normal.case.deadline);
    expect(listed.deadline).toMatchObject({ dueOn: '2020-02-13', overdue: false });
    // Scope: the city operator supervises its city's cases but does not hold them; other cities and banks see nothing.
    const id = green.loan.caseId;
    expect((await as(app, s.zhuandai!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(200);
    expect((await act('zhuandai', id, 'accept', { feeRatePpm: 800 })).statusCode).toBe(403);
    expect((await as(app, s.qingdao!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(404);
    expect((await as(app, s.haifang!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(404);
    expect((await as(app, s.lixia!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(200);
    // The enterprise cannot accept its own case; the generic case route cannot move it.
    expect((await act('ruikang', id, 'accept', { feeRatePpm: 800 })).statusCode).toBe(403);
    const generic = await as(app, s.lixiazd!).post(`/api/cases/${id}/actions/accept`, { version: green.case.version, data: { feeRatePpm: 800 } });
    expect(generic.statusCode).toBe(400);
    // No renewal commitment yet.
    expect((await act('lixiazd', id, 'accept', { feeRatePpm: 800 })).json().error.message).toMatch(/续贷承诺/);
    expect((await uploadFile('ruikang', id, 'text/plain')).statusCode).toBe(415);
    expect((await uploadFile('ruikang', id, 'image/png')).statusCode).toBe(415);
    expect((await uploadFile('kangtai', id)).statusCode).toBe(404);
    const up = await uploadFile('ruikang', id);
    expect(up.statusCode).toBe(201);
    const fileRes = await as(app, s.lixiazd!).get(`/api/bridge-loans/${id}/files/${up.json().id}`);
    expect(fileRes.statusCode).toBe(200);
    expect(fileRes.rawPayload.equals(pdf)).toBe(true);
    expect((await as(app, s.qingdao!).get(`/api/bridge-loans/${id}/files/${up.json().id}`)).statusCode).toBe(404);
    // Fee: rate over the cap, fee one fen over the cap, then at the cap.
    const over = await act('lixiazd', id, 'accept', { feeRatePpm: 801 });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toContain('鲁工信发〔2020〕1号 第二条：疫情期间转贷基金使用优惠费率标准（0.08%以下）');
    expect((await act('lixiazd', id, 'accept', { feeRatePpm: 800, feeFen: 80_001 })).statusCode).toBe(422);
    expect((await act('lixiazd', id, 'accept', { feeRatePpm: 'high' })).statusCode).toBe(400);
    const stale = await as(app, s.lixiazd!).post(`/api/bridge-loans/${id}/actions/accept`, { version: 1, feeRatePpm: 800 });
    expect(stale.statusCode).toBe(409);
    const accepted = await act('lixiazd', id, 'accept', { feeRatePpm: 800, feeFen: 80_000 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().loan).toMatchObject({ state: 'accepted', feeFen: 80_000, feeRatePpm: 800 });
    expect(accepted.json().case.holderName).toBe('中国工商银行股份有限公司山东省分行');
    expect(accepted.json().case.deadline.dueOn).toBe('2020-02-10');
    // The bank named confirms; the operator cannot; a renewal below the bridge is refused.
    expect((await act('lixiazd', id, 'confirm-renewal', { renewalAmountFen: 100_000_000, renewalExpectedOn: '2020-02-14' })).statusCode).toBe(403);
    expect((await act('icbc', id, 'confirm-renewal', { renewalAmountFen: 99_999_999, renewalExpectedOn: '2020-02-14' })).statusCode).toBe(422);
    const confirmed = await act('icbc', id, 'confirm-renewal', { renewalAmountFen: 100_000_000, renewalExpectedOn: '2020-02-14' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().loan.state).toBe('confirmed');
    // Disbursed the same day.
    expect((await act('lixiazd', id, 'disburse', { disbursedOn: '2020-02-11', disbursedFen: 100_000_000 })).json().error.message).toMatch(/不能晚于今天/);
    expect((await act('lixiazd', id, 'disburse', { disbursedOn: '2020-02-10', disbursedFen: 100_000_001 })).statusCode).toBe(400);
    const disbursed = await act('lixiazd', id, 'disburse', { disbursedOn: '2020-02-10', disbursedFen: 100_000_000 });
    expect(disbursed.statusCode, disbursed.body).toBe(200);
    expect(disbursed.json().loan).toMatchObject({ state: 'disbursed', repaymentDueOn: '2020-02-15', greenOnTime: true });
    // The bank still sees the case it confirmed; the enterprise sees its own.
    expect((await as(app, s.icbc!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(200);
    expect((await as(app, s.ruikang!).get(`/api/bridge-loans/${id}`)).json().loan.state).toBe('disbursed');
    // Not yet overdue; after the due date it may be flagged, then repaid (closed).
    expect((await act('lixiazd', id, 'mark-overdue', { comment: '未还' })).statusCode).toBe(422);
    t.clock.set('2020-02-17T02:00:00.000Z');
    s.lixiazd = await login(app, 'lixiazd');
    expect((await act('lixiazd', id, 'mark-overdue', {})).statusCode).toBe(400);
    const flagged = await act('lixiazd', id, 'mark-overdue', { comment: '续贷资金未到位' });
    expect(flagged.json().loan).toMatchObject({ state: 'overdue', repaymentOverdue: true });
    expect((await as(app, s.lixiazd!).get('/api/bridge-loans?overdue=true')).json().items.map((r: { caseId: number }) => r.caseId)).toContain(id);
    const repaid = await act('lixiazd', id, 'repay', { repaidOn: '2020-02-17', repaidFen: 100_000_000 });
    expect(repaid.json().loan.state).toBe('repaid');
    expect(repaid.json().case.closedAt).not.toBeNull();
    t.clock.set(MONDAY_0900);
    s.lixiazd = await login(app, 'lixiazd');
  });

  it('tells the operator\'s staff of a new application through the outside channels (SMS) too, once it is stored', async () => {
    const sent: { to: string; kind: string; caseId: number | null | undefined }[] = [];
    setChannels(app.ctx, [{ name: 'record', send: async (r, n) => { sent.push({ to: r.username, kind: n.kind, caseId: n.caseId }); } }]);
    try {
      const d = await create('kangtai');
      const holder = (await app.ctx.db.selectFrom('workflow_case').select('holder_org_id').where('id', '=', d.loan.caseId).executeTakeFirstOrThrow()).holder_org_id;
      const staff = (await app.ctx.db.selectFrom('app_user').select('username').where('organisation_id', '=', holder).where('status', '=', 'active').execute()).map((u) => u.username);
      const mine = sent.filter((x) => x.caseId === d.loan.caseId);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((x) => x.kind === 'case.assigned' && staff.includes(x.to))).toBe(true);
      expect(mine.map((x) => x.to)).toContain('lixiazd');
      // The same people as the in-app notices: one statement stores those and names these.
      const inApp = await app.ctx.db.selectFrom('notification as n').innerJoin('app_user as u', 'u.id', 'n.user_id').select('u.username').where('n.case_id', '=', d.loan.caseId).execute();
      expect(mine.map((x) => x.to).sort()).toEqual(inApp.map((u) => u.username).sort());
    } finally {
      setChannels(app.ctx, [loggingChannel(app.ctx)]);
    }
  });

  it('the generic case route takes no step, whatever the body says; the application page takes it', async () => {
    const c = await create('kangtai');
    const id = c.loan.caseId;
    expect((await uploadFile('kangtai', id)).statusCode).toBe(201);
    // The operator holding the case could accept it: the case page sends it to the application page.
    const page = { page: '应急转贷·转贷申请', link: `/measures/bridge-loan/cases/${id}` };
    const generic = (await as(app, s.lixiazd!).get(`/api/cases/${id}`)).json();
    expect(generic.actions.map((a: { key: string; measureRouteOnly: unknown }) => [a.key, a.measureRouteOnly])).toEqual([['accept', page], ['return', page], ['reject', page]]);
    // The case page names the organisations its data refers to: the bank and the operator.
    const icbc = await app.ctx.db.selectFrom('organisation').select('name').where('id', '=', icbcId).executeTakeFirstOrThrow();
    expect(generic.dataOrgNames[String(icbcId)]).toBe(icbc.name);
    expect(generic.dataOrgNames[String(generic.data.operatorOrgId)]).toBe(generic.holderName);
    const before = await caseSnapshot(app, id);
    const row = await app.ctx.db.selectFrom('bridge_loan').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    // With the step's input, with the old marker, with anything that looks like permission.
    for (const data of [{ feeRatePpm: 800 }, { via: 'bridge-loan', feeRatePpm: 800 }, { fromMeasure: true, feeRatePpm: 800 }]) {
      const res = await as(app, s.lixiazd!).post(`/api/cases/${id}/actions/accept`, { version: before.case.version, data });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: 'MEASURE_ROUTE_ONLY', message: '请在“应急转贷·转贷申请”页面办理「受理」', details: { state: 'submitted', version: before.case.version } });
    }
    const rejected = await as(app, s.lixiazd!).post(`/api/cases/${id}/actions/reject`, { version: before.case.version, comment: '材料不全', data: { via: 'bridge-loan' } });
    expect(rejected.json().error.code).toBe('MEASURE_ROUTE_ONLY');
    expect(await caseSnapshot(app, id)).toEqual(before);
    expect(await app.ctx.db.selectFrom('bridge_loan').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow()).toEqual(row);
    // A party that may not act is told so, not where to go.
    expect((await as(app, s.kangtai!).post(`/api/cases/${id}/actions/accept`, { version: before.case.version, data: { via: 'bridge-loan' } })).json().error.code).toBe('NOT_HOLDER');
    const accepted = await act('lixiazd', id, 'accept', { feeRatePpm: 800 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().loan).toMatchObject({ state: 'accepted', feeRatePpm: 800, feeFen: 80_000 });
    expect(accepted.json().case.version).toBe(before.case.version + 1);
  });

  it('a Saturday application of a priority firm is due on Monday', async () => {
    t.clock.set('2020-02-15T02:00:00.000Z');
    s.ruikang = await login(app, 'ruikang');
    const c = await create('ruikang', { loanMaturityOn: '2020-02-18' });
    expect(c.case.deadline!.dueOn).toBe('2020-02-17');
    t.clock.set(MONDAY_0900);
    s.ruikang = await login(app, 'ruikang');
  });

  it('routes a firm without a county or city operator to the province platform; returns, rejects and declines carry reasons', async () => {
    const c = await create('haifang', { bankOrgId: qdrcbId });
    const id = c.loan.caseId;
    expect(c.case.holderName).toBe('山东省企业应急转贷基金平台');
    expect((await as(app, s.lixiazd!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(404);
    expect((await as(app, s.zhuandai!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(404);
    expect((await as(app, s.qingdao!).get(`/api/bridge-loans/${id}`)).statusCode).toBe(200);
    expect((await act('zdpt', id, 'return', {})).statusCode).toBe(400);
    const returned = await act('zdpt', id, 'return', { comment: '请补充续贷承诺书' });
    expect(returned.json().loan.state).toBe('returned');
    expect((await act('haifang', id, 'submit', {})).json().loan.state).toBe('submitted');
    // A second application for the same loan is refused, naming the first.
    const dup = await as(app, s.haifang!).post('/api/bridge-loans', { ...application({ bankOrgId: qdrcbId, loanContractNo: `HT-${dialect}-${seq}` }), submit: true });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain(`第 ${id} 号`);
    expect((await act('zdpt', id, 'reject', {})).statusCode).toBe(400);
    const rejected = await act('zdpt', id, 'reject', { comment: '贷款已展期' });
    expect(rejected.json().loan.state).toBe('rejected');
  });

  it('a submitted application sent again with its key is answered with the first, not refused as a duplicate of itself', async () => {
    const body = { ...application(), submit: true };
    const first = await as(app, s.kangtai!).post('/api/bridge-loans', body);
    expect(first.statusCode).toBe(201);
    const before = await count();
    const again = await as(app, s.kangtai!).post('/api/bridge-loans', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ caseId: first.json().caseId, created: false, state: 'submitted' });
    expect(await count()).toBe(before);
  });

  it('two applications for the same loan at the same moment: one is stored, the other is refused naming it', async () => {
    const contractNo = `HT-${dialect}-race-${++seq}`;
    const before = await count();
    const [a, b] = await Promise.all([1, 2].map(() => as(app, s.kangtai!).post('/api/bridge-loans', { ...application({ loanContractNo: contractNo }), submit: true })));
    const answers = [a!, b!].sort((x, y) => x.statusCode - y.statusCode);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 409]);
    const stored = answers[0]!.json().caseId as number;
    expect(answers[1]!.json().error).toMatchObject({ code: 'DUPLICATE' });
    expect(answers[1]!.json().error.message).toContain(`第 ${stored} 号`);
    expect(await count()).toBe(before + 1);
  });

  it('the bank may decline the renewal; another bank never sees the case', async () => {
    const c = await create('kangtai');
    const id = c.loan.caseId;
    await uploadFile('kangtai', id);
    await act('lixiazd', id, 'accept', { feeRatePpm: 500 });
    expect((await as(app, s.icbc!).get('/api/bridge-loans?todo=true')).json().items.map((r: { caseId: number }) => r.caseId)).toContain(id);
    const declined = await act('icbc', id, 'decline-renewal', { comment: '不符合续贷条件' });
    expect(declined.json().loan.state).toBe('rejected');
  });

  it('logs consultations: online questions go to the firm\'s operator, calls are recorded and answered; exports', async () => {
    const asked = await as(app, s.kangtai!).post('/api/bridge-loans/consultations', { question: '周末可以申请吗？' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ channel: 'online', operatorName: '历下区企业应急转贷服务中心', answer: null });
    expect((await as(app, s.ruikang!).get('/api/bridge-loans/consultations')).json().items.map((r: { id: number }) => r.id)).not.toContain(asked.json().id);
    expect((await as(app, s.zdpt!).post(`/api/bridge-loans/consultations/${asked.json().id}/answer`, { answer: '可以', version: 1 })).statusCode).toBe(200);
    const id = (await as(app, s.kangtai!).post('/api/bridge-loans/consultations', { question: '费率按笔还是按天？' })).json().id;
    expect((await as(app, s.zhuandai!).post(`/api/bridge-loans/consultations/${id}/answer`, { answer: '按笔', version: 1 })).statusCode).toBe(404);
    expect((await as(app, s.kangtai!).post(`/api/bridge-loans/consultations/${id}/answer`, { answer: '按笔', version: 1 })).statusCode).toBe(403);
    const answered = await as(app, s.lixiazd!).post(`/api/bridge-loans/consultations/${id}/answer`, { answer: '按笔计收', version: 1 });
    expect(answered.json()).toMatchObject({ answer: '按笔计收' });
    expect((await as(app, s.lixiazd!).post(`/api/bridge-loans/consultations/${id}/answer`, { answer: '再答', version: 1 })).statusCode).toBe(409);
    const call = await as(app, s.lixiazd!).post('/api/bridge-loans/consultations', { channel: 'phone', askerName: '李女士', askerPhone: '13905310002', question: '需要哪些材料？', answer: '营业执照、借款合同、续贷承诺书' });
    expect(call.json()).toMatchObject({ channel: 'phone', answeredBy: expect.any(String) });
    expect((await as(app, s.lixiazd!).post('/api/bridge-loans/consultations', { question: '缺来电人' })).statusCode).toBe(400);
    expect((await as(app, s.icbc!).post('/api/bridge-loans/consultations', { askerName: '某', question: '银行能登记吗' })).statusCode).toBe(403);
    const list = (await as(app, s.lixiazd!).get('/api/bridge-loans/consultations?answered=true')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    const xlsx = await as(app, s.lixiazd!).get('/api/bridge-loans/consultations/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('supervision: the platform sees volumes, fees and the green on-time rate by operator and city; firms and banks do not', async () => {
    const res = await as(app, s.zdpt!).get('/api/bridge-loans/supervision');
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.totals.applications).toBeGreaterThanOrEqual(5);
    expect(v.totals.disbursed).toBe(1);
    expect(v.totals.feeFen).toBe(80_000);
    expect(v.totals.greenOnTime).toBe(1);
    expect(v.byCity.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['济南市', '青岛市']));
    expect(v.byOperator.map((r: { name: string }) => r.name)).toContain('历下区企业应急转贷服务中心');
    // A city sees its own city only.
    const qd = (await as(app, s.qingdao!).get('/api/bridge-loans/supervision')).json();
    expect(qd.byCity.map((r: { name: string }) => r.name)).toEqual(['青岛市']);
    expect((await as(app, s.kangtai!).get('/api/bridge-loans/supervision')).statusCode).toBe(403);
    expect((await as(app, s.icbc!).get('/api/bridge-loans/supervision')).statusCode).toBe(403);
    const xlsx = await as(app, s.sgxt!).get('/api/bridge-loans/supervision/export');
    expect(xlsx.statusCode).toBe(200);
  });

  it('lists filter, page and export within scope', async () => {
    const mine = (await as(app, s.kangtai!).get('/api/bridge-loans?pageSize=100')).json();
    expect(mine.items.every((r: { enterpriseName: string }) => r.enterpriseName === '济南康泰医疗器械有限公司')).toBe(true);
    const green = (await as(app, s.zdpt!).get('/api/bridge-loans?green=true')).json();
    expect(green.items.every((r: { greenChannel: boolean }) => r.greenChannel)).toBe(true);
    const qd = (await as(app, s.qingdao!).get('/api/bridge-loans?pageSize=100')).json();
    expect(qd.items.every((r: { cityCode: string }) => r.cityCode === '370200')).toBe(true);
    const page = (await as(app, s.zdpt!).get('/api/bridge-loans?pageSize=2&page=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const xlsx = await as(app, s.icbc!).get('/api/bridge-loans/export?state=rejected');
    expect(xlsx.statusCode).toBe(200);
    expect((await as(app, s.danbao ?? s.icbc!).get('/api/bridge-loans/9999999')).statusCode).toBe(404);
  });

  it('applies a parameter the province changes today to the next application, though earlier ones had read the old value', async () => {
    // 12 days is within the preset's 15 (applications before this one have read and kept it).
    expect((await as(app, s.kangtai!).post('/api/bridge-loans', { ...application({ bridgeDays: 12 }), submit: true })).statusCode).toBe(201);
    const admin = await login(app, 'admin');
    const changed = await as(app, admin).post('/api/policy/overrides', { measure: 'bridge-loan', key: 'maxTermDays', value: 10, effectiveFrom: '2020-02-10', reason: '测试：单笔转贷期限缩短为 10 天' });
    expect(changed.statusCode, changed.body).toBe(201);
    const refused = await as(app, s.kangtai!).post('/api/bridge-loans', { ...application({ bridgeDays: 12 }), submit: true });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(problemPaths(refused)).toEqual(['bridgeDays']);
    expect(refused.json().error.message).toContain('10 天');
  });
});

describe.each(DIALECTS)('bridge-loan demo seed on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-25T02:00:00.000Z' });
  }, 60_000);
  afterAll(() => t.close());

  it('writes cases in every state through the service, with an overdue green-channel case', async () => {
    await seedBridgeLoanDemo(t.app.ctx);
    const rows = await t.app.ctx.db.selectFrom('bridge_loan as b').innerJoin('workflow_case as c', 'c.id', 'b.case_id').select(['b.state', 'b.green_channel', 'c.due_on']).execute();
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['draft', 'submitted', 'returned', 'accepted', 'confirmed', 'disbursed', 'overdue', 'repaid', 'rejected', 'withdrawn']));
    expect(rows.some((r) => r.state === 'submitted' && r.green_channel === 1 && r.due_on! < '2026-11-25')).toBe(true);
    await seedBridgeLoanDemo(t.app.ctx);
    expect(await t.app.ctx.db.selectFrom('bridge_loan').select('case_id').execute()).toHaveLength(rows.length);
  }, 60_000);
});
