import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { inTransaction } from '../../platform/context';
import { SYSTEM_ACTOR } from '../../platform/audit';
import { insertUser } from '../../platform/users/users.service';
import { as, caseSnapshot, createTestApp, DIALECTS, login, type Session, type TestApp, problemPaths } from '../../test/harness';
import { seedInterestSubsidyDemo } from './interest-subsidy.seed';

const KANGTAI = '91370102MA3C4K2D1F';
const TEXTILE = '91370211MA3N5R6T3W';

let seq = 0;
const key = () => `test-key-${++seq}-${Date.now()}`;
const contract = (over: Record<string, unknown> = {}) => ({
  bankName: '中国工商银行济南历下支行', contractNo: `JK-2020-${++seq}`, effectiveOn: '2020-02-05', drawdownOn: '2020-02-10', maturityOn: '2021-02-10',
  principalFen: 10_000_000, annualRatePpm: 31_500, interestPaidFen: null, ...over,
});
const application = (over: Record<string, unknown> = {}) => ({ idempotencyKey: key(), contactName: '王会计', contactPhone: '0531-88886666', contracts: [contract()], ...over });

async function readSheet(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

async function countRows(app: App) {
  const n = async (t: 'interest_subsidy_application' | 'interest_subsidy_contract' | 'workflow_case') =>
    Number((await app.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { applications: await n('interest_subsidy_application'), contracts: await n('interest_subsidy_contract'), cases: await n('workflow_case') };
}

describe.each(DIALECTS)('贷款贴息 on %s', (dialect) => {
  let t: TestApp;
  let app: App;
  const s: Record<string, Session> = {};
  let listId = 0;

  beforeAll(async () => {
    // 2020-02-10 (Monday) 09:00 in Shanghai.
    t = await createTestApp(dialect, { now: '2020-02-10T01:00:00.000Z' });
    app = t.app;
    // The harness seeds no lists: put 康泰 on the provincial priority list, and give 海纺 (not on it) a user.
    await inTransaction(app.ctx, SYSTEM_ACTOR, async (tx) => {
      const at = tx.now.toISOString();
      const list = await tx.db.insertInto('official_list').values({
        kind: 'epidemic-provincial', name: '山东省疫情防控重点保障企业名单', batch: '第一批', issuer: '山东省工业和信息化厅', issued_on: '2020-02-05', valid_from: '2020-02-05', valid_to: null,
        source: '测试', import_job_id: null, created_by: null, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      listId = list.id;
      const e = await tx.db.selectFrom('enterprise').select(['id', 'uscc', 'name', 'region_code', 'organisation_id']).where('uscc', '=', KANGTAI).executeTakeFirstOrThrow();
      await tx.db.insertInto('list_entry').values({ list_id: list.id, enterprise_id: e.id, uscc: e.uscc, name: e.name, region_code: e.region_code, remark: null, added_at: at }).execute();
      const textile = await tx.db.selectFrom('enterprise').select(['organisation_id']).where('uscc', '=', TEXTILE).executeTakeFirstOrThrow();
      const hash = await tx.db.selectFrom('app_user').select('password_hash').where('username', '=', 'kangtai').executeTakeFirstOrThrow();
      await insertUser(tx, { username: 'haifang', displayName: '海纺财务', organisationId: textile.organisation_id!, roles: ['admin', 'operator'], passwordHash: hash.password_hash, status: 'active' });
    });
    for (const u of USERS) s[u] = await login(app, u);
  }, 60_000);
  afterAll(() => t.close());

  const USERS = ['kangtai', 'haifang', 'lixia', 'lixiacz', 'jinan', 'jinancz', 'qingdao', 'sgxt', 'sczt', 'icbc'];
  /** Moves the clock; sessions idle for more than 30 minutes expire, so the users sign in again. */
  const travel = async (to: string, users = USERS) => {
    t.clock.set(to);
    for (const u of users) s[u] = await login(app, u);
  };
  const post = (u: string, url: string, body?: unknown) => as(app, s[u]!).post(url, body);
  const get = (u: string, url: string) => as(app, s[u]!).get(url);
  const apply = async (over: Record<string, unknown> = {}) => {
    const res = await post('kangtai', '/api/interest-subsidy/applications', application(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; state: string; subsidyFen: number };
  };
  const caseOf = async (id: number) => (await get('sgxt', `/api/cases/${id}`)).json() as { state: string; version: number; jointHolders: { name: string; signedAt: string | null }[]; deadline: { dueOn: string } | null };
  const act = async (u: string, id: number, action: string, comment?: string) => {
    const c = await caseOf(id);
    return post(u, `/api/cases/${id}/actions/${action}`, { version: c.version, ...(comment ? { comment } : {}) });
  };
  const approveToCity = async (id: number) => {
    for (const u of ['lixia', 'lixiacz']) expect((await act(u, id, 'county-sign')).statusCode).toBe(200);
    for (const u of ['jinancz', 'jinan']) expect((await act(u, id, 'city-sign')).statusCode).toBe(200);
  };

  it('previews the subsidy before submitting: a year-long 3.15% loan of 10,000,000 fen → 159,688 fen', async () => {
    const res = await post('kangtai', '/api/interest-subsidy/preview', { contracts: [contract(), contract({ effectiveOn: '2019-12-31', drawdownOn: '2020-01-02' })] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.onPriorityList).toBe(true);
    expect(body.items[0].amount).toEqual({ daysOutstanding: 366, subsidyDays: 365, subsidyRatePpm: 15_750, formulaFen: 159_688, paidCapFen: null, amountFen: 159_688 });
    expect(body.items[1]).toMatchObject({ eligible: false, amount: null });
    expect(body.items[1].reason).toMatch(/^鲁工信发〔2020〕1号 第五条：.*2020年1月1日.*2019年12月31日$/);
    expect(body.totalFen).toBe(159_688);
    // A government body may not use the applicant's preview.
    expect((await post('lixia', '/api/interest-subsidy/preview', { contracts: [contract()] })).statusCode).toBe(403);
  });

  it('files an application to the county 工信 and 财政 jointly, once per idempotency key', async () => {
    const body = application();
    const res = await post('kangtai', '/api/interest-subsidy/applications', body);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ state: 'county_review', stateLabel: '县级工信、财政审核', subsidyFen: 159_688, principalFen: 10_000_000, contractCount: 1, cityCode: '370100' });
    expect(a.contracts[0]).toMatchObject({ subsidyDays: 365, subsidyFen: 159_688 });
    const c = await caseOf(a.id);
    expect(c.jointHolders.map((j) => j.name).sort()).toEqual(['历下区', '济南市历下区财政局'].sort());
    // 10 working days from Monday 2020-02-10.
    expect(c.deadline?.dueOn).toBe('2020-02-24');
    const again = await post('kangtai', '/api/interest-subsidy/applications', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(a.id);
    // The first answer is built from what the transaction stored; it must be what a read returns.
    expect(again.json()).toEqual(a);
    expect((await get('kangtai', `/api/interest-subsidy/applications/${a.id}`)).json()).toEqual(a);
  });

  it('refuses a contract of 2019-12-31, bad input and a firm off the priority list, storing nothing', async () => {
    const before = await countRows(app);
    const old = await post('kangtai', '/api/interest-subsidy/applications', application({ contracts: [contract({ effectiveOn: '2019-12-31', drawdownOn: '2020-01-02' })] }));
    expect(old.statusCode).toBe(422);
    expect(old.json().error.message).toMatch(/^第 1 份合同：鲁工信发〔2020〕1号 第五条：.*2019年12月31日$/);
    expect(problemPaths(old)).toEqual(['contracts.0.effectiveOn']);
    const bad = await post('kangtai', '/api/interest-subsidy/applications', application({ contracts: [contract({ principalFen: 'lots', annualRatePpm: 300_000 })] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/principalFen|年利率不能超过24%/);
    const noContracts = await post('kangtai', '/api/interest-subsidy/applications', application({ contracts: [] }));
    expect(noContracts.statusCode).toBe(400);
    expect(noContracts.body).toContain('至少填写一份贷款合同');
    const offList = await post('haifang', '/api/interest-subsidy/applications', application());
    expect(offList.statusCode).toBe(422);
    expect(offList.json().error.message).toMatch(/^鲁工信发〔2020〕1号 第五条：只有省确定的疫情防控重点保障企业/);
    // Removed from the list: refused too.
    await app.ctx.db.updateTable('list_entry').set({ removed_at: '2020-02-09T00:00:00.000Z', removal_reason: '测试' }).where('list_id', '=', listId).execute();
    expect((await post('kangtai', '/api/interest-subsidy/applications', application())).statusCode).toBe(422);
    await app.ctx.db.updateTable('list_entry').set({ removed_at: null, removal_reason: null }).where('list_id', '=', listId).execute();
    // An enterprise account whose firm is not (or no longer) in the enterprise registry: the same
    // answer as for a bridge loan, on the preview and on the application; nothing stored.
    await inTransaction(app.ctx, SYSTEM_ACTOR, async (tx) => {
      const kangtai = await tx.db.selectFrom('app_user').select(['organisation_id', 'password_hash']).where('username', '=', 'kangtai').executeTakeFirstOrThrow();
      const org = await tx.db.selectFrom('organisation').selectAll().where('id', '=', kangtai.organisation_id).executeTakeFirstOrThrow();
      const { id } = await tx.db.insertInto('organisation').values({ ...org, id: undefined, version: undefined, code: '91370102MA3UNREG02', name: '未登记企业' }).returning('id').executeTakeFirstOrThrow();
      await insertUser(tx, { username: `unregistered-${dialect}`, displayName: '未登记企业财务', organisationId: id, roles: ['operator'], passwordHash: kangtai.password_hash, status: 'active' });
    });
    const unregistered = await login(app, `unregistered-${dialect}`);
    for (const [url, body] of [['/api/interest-subsidy/applications', application()], ['/api/interest-subsidy/preview', { contracts: [contract()] }]] as const) {
      const res = await as(app, unregistered).post(url, body);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'NOT_REGISTERED', message: '本企业尚未在企业库登记，请先完成企业注册' });
    }
    // Not an enterprise: 403.
    expect((await post('jinan', '/api/interest-subsidy/applications', application())).statusCode).toBe(403);
    expect(await countRows(app)).toEqual(before);
  });

  it('refuses a contract already claimed, by any applicant, naming the existing case', async () => {
    const k = contract();
    const first = await apply({ contracts: [k] });
    const before = await countRows(app);
    const dup = await post('kangtai', '/api/interest-subsidy/applications', application({ contracts: [{ ...k, bankName: ` ${k.bankName} `, contractNo: k.contractNo.toLowerCase() }] }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain(`事项编号 ${first.id}`);
    const twice = await post('kangtai', '/api/interest-subsidy/applications', application({ contracts: [k, k] }));
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.message).toContain('与第 1 份合同重复');
    expect(await countRows(app)).toEqual(before);
  });

  it('an enterprise never sees another\'s application; a city never sees another city\'s', async () => {
    const a = await apply();
    expect((await get('kangtai', `/api/interest-subsidy/applications/${a.id}`)).statusCode).toBe(200);
    expect((await get('haifang', `/api/interest-subsidy/applications/${a.id}`)).statusCode).toBe(404);
    expect((await get('haifang', `/api/interest-subsidy/applications/${a.id}/form`)).statusCode).toBe(404);
    expect((await get('haifang', '/api/interest-subsidy/applications')).json().total).toBe(0);
    expect((await get('qingdao', `/api/interest-subsidy/applications/${a.id}`)).statusCode).toBe(404);
    expect((await get('qingdao', '/api/interest-subsidy/applications')).json().total).toBe(0);
    expect((await get('qingdao', `/api/cases/${a.id}`)).statusCode).toBe(404);
    const mine = (await get('kangtai', '/api/interest-subsidy/applications?pageSize=200')).json();
    expect(mine.items.some((i: { id: number }) => i.id === a.id)).toBe(true);
    const jinan = (await get('jinan', '/api/interest-subsidy/applications?state=county_review')).json();
    expect(jinan.items.every((i: { cityCode: string; state: string }) => i.cityCode === '370100' && i.state === 'county_review')).toBe(true);
    // A bank has no access to the measure at all.
    expect((await get('icbc', '/api/interest-subsidy/applications')).statusCode).toBe(403);
    // The province sees all.
    expect((await get('sgxt', `/api/interest-subsidy/applications/${a.id}`)).statusCode).toBe(200);
  });

  it('county 工信 and 财政 sign in either order; a second signature, the city, and the generic submit are refused', async () => {
    const a = await apply();
    expect((await act('jinan', a.id, 'county-sign')).statusCode).toBe(403);
    expect((await act('lixiacz', a.id, 'county-sign')).statusCode).toBe(200);
    expect((await caseOf(a.id)).state).toBe('county_review');
    const again = await act('lixiacz', a.id, 'county-sign');
    expect(again.statusCode).toBe(409);
    expect((await act('lixia', a.id, 'county-sign')).statusCode).toBe(200);
    const c = await caseOf(a.id);
    expect(c.state).toBe('city_review');
    expect(c.jointHolders.map((j) => j.name).sort()).toEqual(['济南市', '济南市财政局'].sort());
    expect((await act('qingdao', a.id, 'city-sign')).statusCode).toBe(404);
    expect((await act('jinan', a.id, 'city-sign')).statusCode).toBe(200);
    expect((await act('jinancz', a.id, 'city-sign')).statusCode).toBe(200);
    expect((await caseOf(a.id)).state).toBe('approved');
  });

  it('the generic case route refuses the steps the measure\'s pages take, whatever the body says; the application page takes them', async () => {
    const k = contract();
    const b = await apply({ contracts: [k] });
    expect((await act('lixia', b.id, 'county-return', '请补充结息单')).statusCode).toBe(200);
    // Returned for revision: the enterprise could resubmit (to the county or, by the guard, the city),
    // and the case page sends it to the application page.
    const page = { page: '贷款贴息·贴息申请', link: `/measures/interest-subsidy/applications/${b.id}` };
    const generic = (await get('kangtai', `/api/cases/${b.id}`)).json();
    expect(generic.actions.map((a: { key: string; measureRouteOnly: unknown }) => [a.key, a.measureRouteOnly])).toEqual([['submit', page], ['submit-city', page]]);
    const before = await caseSnapshot(app, b.id);
    const row = async () => app.ctx.db.selectFrom('interest_subsidy_application').selectAll().where('case_id', '=', b.id).executeTakeFirstOrThrow();
    const rowBefore = await row();
    // The old marker was any client's to send; now nothing in the body opens the route.
    for (const data of [undefined, { via: 'interest-subsidy' }]) {
      const res = await post('kangtai', `/api/cases/${b.id}/actions/submit`, { version: before.case.version, ...(data ? { data } : {}) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: 'MEASURE_ROUTE_ONLY', message: '请在“贷款贴息·贴息申请”页面办理「提交申请」', details: { state: 'revision', version: before.case.version } });
    }
    expect(await caseSnapshot(app, b.id)).toEqual(before);
    expect(await row()).toEqual(rowBefore);
    const revised = await post('kangtai', `/api/interest-subsidy/applications/${b.id}/revise`, { version: before.case.version, contactName: '王会计', contactPhone: '0531-88886666', contracts: [k] });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json()).toMatchObject({ state: 'county_review' });
    // Approved, it moves to the province only with its city's 汇总表: the generic route refuses the city that tries alone.
    await approveToCity(b.id);
    const approved = await caseSnapshot(app, b.id);
    const report = await post('jinan', `/api/cases/${b.id}/actions/report`, { version: approved.case.version, data: { via: 'interest-subsidy' } });
    expect(report.statusCode).toBe(400);
    expect(report.json().error.message).toBe('请在“贷款贴息·市级汇总表”页面办理「随汇总表报省」');
    expect(await caseSnapshot(app, b.id)).toEqual(approved);
  });

  it('returns for revision with a reason; the enterprise revises and resubmits; a rejection frees the contract', async () => {
    const a = await apply();
    expect((await act('lixia', a.id, 'county-return')).statusCode).toBe(400);
    expect((await act('lixiacz', a.id, 'county-return', '合同复印件不清晰')).statusCode).toBe(200);
    const returned = (await get('kangtai', `/api/interest-subsidy/applications/${a.id}`)).json();
    expect(returned.state).toBe('revision');
    const k = contract({ principalFen: 20_000_000 });
    const stale = await post('kangtai', `/api/interest-subsidy/applications/${a.id}/revise`, { version: 1, contactName: '王会计', contactPhone: '0531-88886666', contracts: [k] });
    expect(stale.statusCode).toBe(409);
    expect((await post('haifang', `/api/interest-subsidy/applications/${a.id}/revise`, { version: returned.version, contactName: '王', contactPhone: '0531-88886666', contracts: [k] })).statusCode).toBe(404);
    const revised = await post('kangtai', `/api/interest-subsidy/applications/${a.id}/revise`, { version: returned.version, contactName: '王会计', contactPhone: '0531-88886666', contracts: [k] });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json()).toMatchObject({ state: 'county_review', subsidyFen: 319_375, principalFen: 20_000_000 });
    // Rejected at the city: the contract may be claimed again.
    for (const u of ['lixia', 'lixiacz']) await act(u, a.id, 'county-sign');
    expect((await act('jinancz', a.id, 'city-reject', '企业不属于本市重点保障企业')).statusCode).toBe(200);
    expect((await caseOf(a.id)).state).toBe('rejected');
    expect((await post('kangtai', '/api/interest-subsidy/applications', application({ contracts: [k] }))).statusCode).toBe(201);
  });

  it('the city generates its 汇总表 from approved applications, both sign, the province receives; others may not', async () => {
    const a = await apply();
    await approveToCity(a.id);
    expect((await post('qingdao', '/api/interest-subsidy/reports')).statusCode).toBe(422);
    expect((await post('lixia', '/api/interest-subsidy/reports')).statusCode).toBe(403);
    expect((await post('kangtai', '/api/interest-subsidy/reports')).statusCode).toBe(403);
    const gen = await post('jinan', '/api/interest-subsidy/reports');
    expect(gen.statusCode, gen.body).toBe(200);
    const r = gen.json();
    expect(r).toMatchObject({ cityCode: '370100', state: 'draft', deadline: '2020-05-31', late: false });
    expect(r.items.map((i: { id: number }) => i.id)).toContain(a.id);
    const approved = (await get('jinan', '/api/interest-subsidy/applications?state=approved&pageSize=200')).json();
    expect(r.applicationCount).toBe(approved.total);
    expect(r.subsidyFen).toBe(approved.items.reduce((n: number, i: { subsidyFen: number }) => n + i.subsidyFen, 0));
    const rc = await caseOf(r.id);
    expect(rc.deadline?.dueOn).toBe('2020-05-31');
    expect((await get('qingdao', `/api/interest-subsidy/reports/${r.id}`)).statusCode).toBe(404);
    expect((await get('kangtai', `/api/interest-subsidy/reports/${r.id}`)).statusCode).toBe(404);
    expect((await get('qingdao', '/api/interest-subsidy/reports')).json().total).toBe(0);
    // The province's view before submission.
    const status0 = (await get('sgxt', '/api/interest-subsidy/reports/status')).json();
    expect(status0.cities).toHaveLength(16);
    expect(status0.cities.find((c: { cityCode: string }) => c.cityCode === '370100')).toMatchObject({ status: 'draft', late: false });
    expect((await get('jinan', '/api/interest-subsidy/reports/status')).statusCode).toBe(404);
    // Both sign (工信 first, 财政 last), then it is with the province.
    expect((await post('qingdao', `/api/interest-subsidy/reports/${r.id}/submit`, { version: rc.version })).statusCode).toBe(404);
    const s1 = await post('jinan', `/api/interest-subsidy/reports/${r.id}/submit`, { version: rc.version });
    expect(s1.statusCode, s1.body).toBe(200);
    expect(s1.json().state).toBe('draft');
    expect((await post('jinan', `/api/interest-subsidy/reports/${r.id}/submit`, { version: s1.json().version })).statusCode).toBe(409);
    // 财政 signs last: the applications move with the report all the same.
    const s2 = await post('jinancz', `/api/interest-subsidy/reports/${r.id}/submit`, { version: s1.json().version });
    expect(s2.statusCode, s2.body).toBe(200);
    expect(s2.json()).toMatchObject({ state: 'submitted', late: false });
    expect(s2.json().submittedAt).toBeTruthy();
    expect((await caseOf(a.id)).state).toBe('reported');
    expect((await act('jinan', r.id, 'receive')).statusCode).toBe(403);
    expect((await act('sczt', r.id, 'receive')).statusCode).toBe(200);
    expect((await act('sgxt', r.id, 'receive')).statusCode).toBe(200);
    expect((await caseOf(r.id)).state).toBe('received');
    const status = (await get('sgxt', '/api/interest-subsidy/reports/status')).json();
    expect(status.cities.find((c: { cityCode: string }) => c.cityCode === '370100')).toMatchObject({ status: 'received', late: false, applicationCount: r.applicationCount });
    expect(status.cities.find((c: { cityCode: string }) => c.cityCode === '370200')).toMatchObject({ status: 'none', late: false });

    // The 汇总表, cell by cell.
    const xlsx = await get('jinan', `/api/interest-subsidy/reports/${r.id}/export`);
    expect(xlsx.statusCode).toBe(200);
    const ws = await readSheet(xlsx.rawPayload);
    expect(ws.getCell('A1').value).toBe('济南市疫情防控重点保障企业贷款贴息汇总表');
    expect(ws.getCell('F2').value).toBe('报送截止：2020年5月31日');
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['序号', '企业名称', '统一社会信用代码', '所在县（市、区）', '合同份数', '贷款金额（元）', '贴息金额（元）', '审核状态']);
    const n = r.applicationCount as number;
    for (let i = 0; i < n; i++) {
      const row = ws.getRow(4 + i);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(2).value).toBe('济南康泰医疗器械有限公司');
      expect(row.getCell(3).value).toBe(KANGTAI);
      expect(row.getCell(4).value).toBe('济南市历下区');
      expect(row.getCell(8).value).toBe('已报省');
    }
    const total = ws.getRow(4 + n);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(7).value).toBe(r.subsidyFen / 100);
    expect(total.getCell(7).numFmt).toBe('#,##0.00');
    expect(ws.getRow(5 + n).getCell(1).value).toMatch(/^报送状态：省级已接收；报送时间：2020年2月10日/);
  });

  it('the province publishes for 7 days, records and answers objections, then pays', async () => {
    expect((await post('jinan', '/api/interest-subsidy/notices', { idempotencyKey: key(), title: 'x' })).statusCode).toBe(403);
    const body = { idempotencyKey: key(), title: '2020年第一批贷款贴息公示' };
    const pub = await post('sgxt', '/api/interest-subsidy/notices', body);
    expect(pub.statusCode, pub.body).toBe(200);
    const n = pub.json();
    expect(n).toMatchObject({ startsOn: '2020-02-10', endsOn: '2020-02-17', openObjections: 0, paidCount: 0 });
    // The page greys its controls with the refusals the rules give today.
    expect(n).toMatchObject({ payRefusal: '公示于2020年2月10日发布，公示期至2020年2月17日，期满后方可拨付', objectionRefusal: null });
    expect((await post('sgxt', '/api/interest-subsidy/notices', body)).json().id).toBe(n.id);
    expect((await post('sczt', '/api/interest-subsidy/notices', { idempotencyKey: key(), title: 'x' })).statusCode).toBe(403);
    const detail = (await get('sgxt', `/api/interest-subsidy/notices/${n.id}`)).json();
    expect(detail.items.length).toBe(n.applicationCount);
    expect(detail.items.every((i: { state: string }) => i.state === 'publicised')).toBe(true);
    expect((await get('haifang', `/api/interest-subsidy/notices/${n.id}`)).json().items).toHaveLength(0);
    const [first, second] = detail.items as { id: number; subsidyFen: number }[];
    // An objection: recorded and answered (not upheld); a second, upheld, rejects that application.
    const o1 = await post('sgxt', `/api/interest-subsidy/notices/${n.id}/objections`, { applicationId: first!.id, objector: '匿名群众', content: '该企业贷款用途存疑' });
    expect(o1.statusCode, o1.body).toBe(200);
    expect((await post('jinan', `/api/interest-subsidy/notices/${n.id}/objections`, { applicationId: first!.id, objector: 'x', content: 'y' })).statusCode).toBe(403);
    const early = await post('sgxt', `/api/interest-subsidy/notices/${n.id}/pay`);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe('公示于2020年2月10日发布，公示期至2020年2月17日，期满后方可拨付');
    expect((await post('sgxt', `/api/interest-subsidy/objections/${o1.json().id}/answer`, { answer: '经核实，贷款用于采购防护物资原料', upheld: false })).statusCode).toBe(200);
    expect((await post('sgxt', `/api/interest-subsidy/objections/${o1.json().id}/answer`, { answer: '再答', upheld: false })).statusCode).toBe(409);
    if (second) {
      const o2 = await post('sgxt', `/api/interest-subsidy/notices/${n.id}/objections`, { applicationId: second.id, objector: '某银行', content: '合同已提前结清' });
      expect((await post('sgxt', `/api/interest-subsidy/objections/${o2.json().id}/answer`, { answer: '异议属实', upheld: true })).statusCode).toBe(200);
      expect((await caseOf(second.id)).state).toBe('rejected');
    }
    // 公示 ends 2020-02-17 (calendar days); payment from 2020-02-18.
    await travel('2020-02-17T08:00:00.000Z', ['sgxt']);
    expect((await post('sgxt', `/api/interest-subsidy/notices/${n.id}/pay`)).statusCode).toBe(422);
    await travel('2020-02-18T02:00:00.000Z', ['sgxt', 'kangtai']);
    const late = await post('sgxt', `/api/interest-subsidy/notices/${n.id}/objections`, { applicationId: first!.id, objector: 'x', content: 'y' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe('公示期已于2020年2月17日结束，不再受理异议');
    expect((await get('sgxt', `/api/interest-subsidy/notices/${n.id}`)).json()).toMatchObject({ payRefusal: null, objectionRefusal: '公示期已于2020年2月17日结束，不再受理异议' });
    const paid = await post('sgxt', `/api/interest-subsidy/notices/${n.id}/pay`);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().paidCount).toBe(n.applicationCount - (second ? 1 : 0));
    const a = (await get('kangtai', `/api/interest-subsidy/applications/${first!.id}`)).json();
    expect(a).toMatchObject({ state: 'paid', stateLabel: '已拨付' });
    expect(a.paidAt).toBeTruthy();
    await travel('2020-02-10T01:00:00.000Z');
  });

  it('exports the 申请表 cell by cell, with the review opinions', async () => {
    const a = await apply({ contracts: [contract({ bankName: '中国银行济南分行', contractNo: 'ZH-2020-0201', interestPaidFen: 200_000 })] });
    await approveToCity(a.id);
    const res = await get('kangtai', `/api/interest-subsidy/applications/${a.id}/form`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('贴息申请表'));
    const ws = await readSheet(res.rawPayload);
    expect(ws.getCell('A1').value).toBe('疫情防控重点保障企业贷款贴息申请表');
    expect(ws.getCell('I2').value).toBe(a.id);
    expect(ws.getCell('A3').value).toBe('企业名称');
    expect(ws.getCell('B3').value).toBe('济南康泰医疗器械有限公司');
    expect(ws.getCell('E3').value).toBe('统一社会信用代码');
    expect(ws.getCell('G3').value).toBe(KANGTAI);
    expect(ws.getCell('B4').value).toBe('济南市历下区');
    expect(ws.getCell('G4').value).toBe('王会计 0531-88886666');
    expect(ws.getCell('B5').value).toBe('2020年2月10日');
    expect(ws.getCell('G5').value).toBe('待汇总上报');
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => ws.getRow(6).getCell(c).value)).toEqual(['序号', '贷款银行', '合同编号', '合同生效日', '放款日', '到期日', '贷款金额（元）', '年利率（%）', '贴息金额（元）']);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => ws.getRow(7).getCell(c).value)).toEqual([1, '中国银行济南分行', 'ZH-2020-0201', '2020年2月5日', '2020年2月10日', '2021年2月10日', 100_000, 3.15, 1_000]);
    expect(ws.getCell('G7').numFmt).toBe('#,##0.00');
    expect(ws.getCell('A8').value).toBe('合计');
    expect(ws.getCell('G8').value).toBe(100_000);
    // Capped at half of the 2,000.00 元 interest paid.
    expect(ws.getCell('I8').value).toBe(1_000);
    expect(String(ws.getCell('A9').value)).toMatch(/^计算口径：贴息金额 = 贷款本金 × 实际年利率 × 50%/);
    expect(ws.getCell('B10').value).toBe('审核机关');
    const opinions = [11, 12, 13, 14].map((r) => [ws.getCell(`A${r}`).value, ws.getCell(`B${r}`).value, ws.getCell(`D${r}`).value, ws.getCell(`G${r}`).value]);
    expect(opinions).toEqual([
      ['县级', '历下区', '县级审核通过（会签）', '2020年2月10日'],
      ['县级', '济南市历下区财政局', '县级审核通过（会签）', '2020年2月10日'],
      ['市级', '济南市财政局', '市级审核通过（会签）', '2020年2月10日'],
      ['市级', '济南市', '市级审核通过（会签）', '2020年2月10日'],
    ]);
  });

  it('lists filter, page and export; the dashboard counts by city', async () => {
    const page = (await get('sgxt', '/api/interest-subsidy/applications?pageSize=2&page=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const paid = (await get('sgxt', '/api/interest-subsidy/applications?state=paid')).json();
    expect(paid.items.every((i: { state: string }) => i.state === 'paid')).toBe(true);
    expect((await get('sgxt', '/api/interest-subsidy/applications?cityCode=370200')).json().total).toBe(0);
    expect((await get('sgxt', '/api/interest-subsidy/applications?q=康泰')).json().total).toBe(page.total);
    const xlsx = await get('jinan', '/api/interest-subsidy/applications/export?state=paid');
    expect(xlsx.statusCode).toBe(200);
    const ws = await readSheet(xlsx.rawPayload);
    expect(ws.getCell('A1').value).toBe('贷款贴息申请');
    expect(ws.getCell('B2').value).toBe('企业名称');
    expect(ws.rowCount).toBe(2 + paid.total);
    // Amounts as numbers in 元 (Excel sums them), times as read in Beijing.
    const first = paid.items.find((i: { id: number }) => i.id === ws.getCell('A3').value);
    expect(ws.getCell('G3').value).toBe(first.subsidyFen / 100);
    expect(ws.getCell('G3').numFmt).toBe('#,##0.00');
    const beijing = new Date(Date.parse(first.submittedAt) + 8 * 3_600_000).toISOString();
    const [y, mo, day] = beijing.slice(0, 10).split('-').map(Number);
    expect(ws.getCell('I3').value).toBe(`${y}年${mo}月${day}日 ${beijing.slice(11, 16)}`);
    expect(ws.getCell('J3').value).toMatch(/^20\d\d年\d{1,2}月\d{1,2}日 \d\d:\d\d$/);
    const d = (await get('sgxt', '/api/interest-subsidy/dashboard')).json();
    expect(d.byCity).toHaveLength(16);
    const jn = d.byCity.find((c: { cityCode: string }) => c.cityCode === '370100');
    expect(jn.paid).toBe(paid.total);
    expect(d.totals.applications).toBe(jn.applications);
    expect((await get('qingdao', '/api/interest-subsidy/dashboard')).json().totals.applications).toBe(0);
    expect((await get('sgxt', '/api/interest-subsidy/dashboard/export')).statusCode).toBe(200);
  });

  it('a city without a report after 2020-05-31 is late; a report submitted after it is late too', async () => {
    await travel('2020-06-01T02:00:00.000Z');
    const status = (await get('sczt', '/api/interest-subsidy/reports/status')).json();
    expect(status.today).toBe('2020-06-01');
    expect(status.cities.find((c: { cityCode: string }) => c.cityCode === '370200')).toMatchObject({ status: 'none', late: true });
    const jinan = status.cities.find((c: { cityCode: string }) => c.cityCode === '370100');
    expect(jinan).toMatchObject({ status: 'received', late: false });
    expect(jinan.lastSubmittedAt).toBe(jinan.submittedAt);
    // 济南's first batch was on time; a second one after the deadline makes the city late.
    const a = await apply();
    await approveToCity(a.id);
    const second = (await post('jinan', '/api/interest-subsidy/reports')).json();
    expect(second.late).toBe(true);
    const signed = await post('jinan', `/api/interest-subsidy/reports/${second.id}/submit`, { version: (await caseOf(second.id)).version });
    expect((await post('jinancz', `/api/interest-subsidy/reports/${second.id}/submit`, { version: signed.json().version })).statusCode).toBe(200);
    const after = (await get('sczt', '/api/interest-subsidy/reports/status')).json().cities.find((c: { cityCode: string }) => c.cityCode === '370100');
    expect(after).toMatchObject({ submittedAt: jinan.submittedAt, lastSubmittedAt: '2020-06-01T02:00:00.000Z', late: true });
    expect(second.items.map((i: { id: number }) => i.id)).toContain(a.id);
    expect(after.applicationCount).toBe(jinan.applicationCount + second.applicationCount);
  });

  it('every change is audited', async () => {
    const rows = await app.ctx.db.selectFrom('audit_event').select('action').where('action', 'like', 'interest-subsidy%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['interest-subsidy.submit', 'interest-subsidy.county-sign', 'interest-subsidy.city-sign', 'interest-subsidy-report.created',
      'interest-subsidy-report.submit', 'interest-subsidy.notice.published', 'interest-subsidy.objection.recorded', 'interest-subsidy.objection.answered', 'interest-subsidy.pay']) {
      expect(actions, a).toContain(a);
    }
  });
});

describe.each(DIALECTS)('贷款贴息 demo seed on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-25T01:00:00.000Z' });
  }, 60_000);
  afterAll(() => t.close());

  it('writes applications in every state through the service, with an overdue one and 青岛 late', async () => {
    await seedInterestSubsidyDemo(t.app.ctx);
    await seedInterestSubsidyDemo(t.app.ctx);
    const rows = await t.app.ctx.db.selectFrom('interest_subsidy_application as a').innerJoin('workflow_case as c', 'c.id', 'a.case_id').select(['c.state', 'c.due_on']).execute();
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['paid', 'publicised', 'reported', 'approved', 'city_review', 'county_review', 'revision', 'rejected']));
    expect(rows.some((r) => r.state === 'county_review' && r.due_on! < '2020-12-31')).toBe(true);
    const sgxt = await login(t.app, 'sgxt');
    const status = (await as(t.app, sgxt).get('/api/interest-subsidy/reports/status')).json();
    expect(status.cities.find((c: { cityCode: string }) => c.cityCode === '370100')).toMatchObject({ status: 'received', late: false });
    expect(status.cities.find((c: { cityCode: string }) => c.cityCode === '370200')).toMatchObject({ status: 'none', late: true });
  });
});
