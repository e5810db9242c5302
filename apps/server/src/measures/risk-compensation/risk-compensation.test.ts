import { addWorkingDays } from '@relief/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { sweepOverdue } from '../../cases/overdue-sweep';
import { multipart } from '../../registry/test-support';
import { as as asSession, caseSnapshot, createTestApp, DEMO_PASSWORD, DIALECTS, login, type Session, problemPaths, type TestApp } from '../../test/harness';
import { PLAN_HEADER } from './risk-compensation.excel';
import { addBankUser, addBorrowers, riskCompensationUscc } from './risk-compensation.fixtures';

const SMALL_JINAN = riskCompensationUscc('370102', 1);
const MICRO_QINGDAO = riskCompensationUscc('370211', 2);
const MEDIUM = riskCompensationUscc('370102', 3);
const UNKNOWN = riskCompensationUscc('370102', 99);

// 10:00 in Shanghai on the 2nd working day after each month of 2020 ends: the window is open.
const OPEN: Record<string, string> = {
  '2020-01': '2020-02-04T02:00:00Z', '2020-02': '2020-03-03T02:00:00Z', '2020-03': '2020-04-02T02:00:00Z', '2020-04': '2020-05-07T02:00:00Z',
  '2020-05': '2020-06-02T02:00:00Z', '2020-06': '2020-07-02T02:00:00Z', '2020-07': '2020-08-04T02:00:00Z', '2020-08': '2020-09-02T02:00:00Z',
  '2020-09': '2020-10-10T02:00:00Z', '2020-10': '2020-11-03T02:00:00Z', '2020-11': '2020-12-02T02:00:00Z',
};

let contractSeq = 0;
const loanBody = (over: Record<string, unknown> = {}) => ({
  contractNo: `HT-${++contractSeq}`, borrowerUscc: SMALL_JINAN, amountFen: 100_000_000, startOn: '2020-01-02', maturityOn: '2021-01-01',
  annualRatePpm: 43_500, loanType: 'working_capital', nonPerformingOn: '2020-01-20', nonPerformingPrincipalFen: 80_000_000, ...over,
});

async function rowCount(app: App, table: 'risk_compensation_loan' | 'risk_compensation_item' | 'risk_compensation_claim' | 'workflow_case' | 'audit_event') {
  const r = await app.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(DIALECTS)('risk compensation on %s', (dialect) => {
  let t: TestApp;
  let app: App;
  const [icbc, other, fg, dept, jinan, kangtai] = ['icbc', 'qdrcb', 'scjt', 'sgxt', 'jinan', 'kangtai'] as const;
  // Moving the clock by months ends sessions (idle and absolute limits): log in again after each move.
  let epoch = 0;
  const sessions = new Map<string, { s: Session; epoch: number }>();
  const sess = async (name: string): Promise<Session> => {
    const c = sessions.get(name);
    if (c && c.epoch === epoch) return c.s;
    const s = await login(app, name);
    sessions.set(name, { s, epoch });
    return s;
  };
  const as = (_app: App, name: string) => ({
    get: async (url: string) => asSession(app, await sess(name)).get(url),
    post: async (url: string, body?: unknown) => asSession(app, await sess(name)).post(url, body),
  });
  const setClock = (iso: string) => {
    t.clock.set(iso);
    epoch += 1;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: OPEN['2020-01']! });
    app = t.app;
    await addBorrowers(app.ctx, [
      { uscc: SMALL_JINAN, name: '济南小微机械有限公司', region: '370102', employees: 50, revenueFen: 50_000_000_00 },
      { uscc: MICRO_QINGDAO, name: '青岛微型电子有限公司', region: '370211', employees: 8, revenueFen: 2_000_000_00 },
      { uscc: MEDIUM, name: '济南中型制造有限公司', region: '370102', employees: 500, revenueFen: 300_000_000_00 },
    ]);
    await addBankUser(app.ctx, { code: 'BANK-QDRCB', name: '青岛农村商业银行股份有限公司', city: '370200', region: '370211' }, { username: 'qdrcb', displayName: '青岛农商行经办', roles: ['operator'], password: DEMO_PASSWORD });
  });
  afterAll(() => t.close());

  const at = (month: string) => setClock(OPEN[month]!);
  const newLoan = async (s: string, over: Record<string, unknown> = {}) => {
    const r = await as(app, s).post('/api/risk-compensation/loans', loanBody(over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: number; eligible: boolean; eligibilityReasons: string[] };
  };
  const openClaim = async (s: string, month: string, loanIds: number[], key = `key-${month}-${s}`) =>
    as(app, s).post('/api/risk-compensation/claims', { month, loanIds, idempotencyKey: key });
  /** A claim of `month` by ICBC, submitted, with `n` loans recognised in the month. */
  const submittedClaim = async (month: string, n = 2) => {
    at(month);
    const ids = [];
    for (let i = 0; i < n; i++) ids.push((await newLoan(icbc, { nonPerformingOn: `${month}-1${i}`, borrowerUscc: i % 2 ? MICRO_QINGDAO : SMALL_JINAN })).id);
    const c = await openClaim(icbc, month, ids);
    expect(c.statusCode, c.body).toBe(201);
    const s = await as(app, icbc).post(`/api/risk-compensation/claims/${c.json().id}/submit`, { version: c.json().version });
    expect(s.statusCode, s.body).toBe(200);
    return s.json();
  };
  const approveAll = (claim: { id: number; case: { version: number }; items: { id: number }[] }) =>
    as(app, fg).post(`/api/risk-compensation/claims/${claim.id}/fg-review`, { version: claim.case.version, decisions: claim.items.map((i) => ({ itemId: i.id, outcome: 'approved' })) });

  describe('loans', () => {
    it('registers a loan with its eligibility, for the bank only', async () => {
      at('2020-01');
      const loan = await newLoan(icbc);
      expect(loan).toMatchObject({ eligible: true, eligibilityReasons: [], borrowerName: '济南小微机械有限公司', borrowerCityCode: '370100' });
      expect((await as(app, icbc).get(`/api/risk-compensation/loans/${loan.id}`)).statusCode).toBe(200);
      expect((await as(app, fg).get(`/api/risk-compensation/loans/${loan.id}`)).statusCode).toBe(200);
      expect((await as(app, jinan).get(`/api/risk-compensation/loans/${loan.id}`)).statusCode).toBe(200);
      // Another bank neither sees nor finds it.
      expect((await as(app, other).get(`/api/risk-compensation/loans/${loan.id}`)).statusCode).toBe(404);
      const list = (await as(app, other).get('/api/risk-compensation/loans')).json();
      expect(list.items.map((l: { id: number }) => l.id)).not.toContain(loan.id);
      expect((await as(app, kangtai).get('/api/risk-compensation/loans')).statusCode).toBe(403);
      expect((await as(app, fg).post('/api/risk-compensation/loans', loanBody())).statusCode).toBe(403);
    });

    it.each([
      ['a loan of 2019-12-31', { startOn: '2019-12-31' }, '鲁工信发〔2020〕1号 第一条：补偿自 2020-01-01 起发放的贷款'],
      ['a medium-sized borrower', { borrowerUscc: MEDIUM }, '中型企业'],
    ])('stores %s as not eligible, with the reason', async (_n, over, reason) => {
      at('2020-01');
      const loan = await newLoan(icbc, over);
      expect(loan.eligible).toBe(false);
      expect(loan.eligibilityReasons.join()).toContain(reason);
    });

    it.each([
      ['an unregistered borrower', { borrowerUscc: UNKNOWN }, 'borrowerUscc', '不在企业库中'],
      ['an invalid USCC', { borrowerUscc: '91370102MA3C4K2D10' }, 'borrowerUscc', '统一社会信用代码'],
      ['a maturity before the start', { maturityOn: '2019-12-01' }, 'maturityOn', '应晚于发放日'],
      ['a principal above the amount', { nonPerformingPrincipalFen: 200_000_000 }, 'nonPerformingPrincipalFen', '不能超过贷款金额'],
      ['a rate above 36%', { annualRatePpm: 400_000 }, 'annualRatePpm', '36%'],
      ['a date that does not exist', { startOn: '2020-02-30' }, 'startOn', '日期不存在'],
      ['a wrong type', { amountFen: '100' }, 'amountFen', ''],
    ])('refuses %s naming the field, storing nothing', async (_n, over, field, text) => {
      const before = await rowCount(app, 'risk_compensation_loan');
      const r = await as(app, icbc).post('/api/risk-compensation/loans', loanBody(over));
      expect(r.statusCode).toBe(400);
      expect(problemPaths(r)).toContain(field);
      expect(r.json().error.message).toContain(text);
      expect(await rowCount(app, 'risk_compensation_loan')).toBe(before);
    });

    it('refuses a duplicate contract naming the first loan', async () => {
      const first = await newLoan(icbc);
      const no = `HT-${contractSeq}`;
      const r = await as(app, icbc).post('/api/risk-compensation/loans', { ...loanBody(), contractNo: no });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toContain(`贷款 #${first.id}`);
      // Another bank may use the same contract number.
      expect((await as(app, other).post('/api/risk-compensation/loans', { ...loanBody(), contractNo: no })).statusCode).toBe(201);
    });

    it('lets a city read loans of its borrowers only, and exports the list', async () => {
      at('2020-01');
      const qd = await newLoan(icbc, { borrowerUscc: MICRO_QINGDAO });
      expect((await as(app, jinan).get(`/api/risk-compensation/loans/${qd.id}`)).statusCode).toBe(404);
      const x = await as(app, icbc).get('/api/risk-compensation/loans/export?eligible=true');
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-type']).toContain('spreadsheetml');
      const page = (await as(app, icbc).get('/api/risk-compensation/loans?eligible=false&pageSize=5')).json();
      expect(page.items.every((l: { eligible: boolean }) => !l.eligible)).toBe(true);
    });
  });

  describe('Excel upload of loans', () => {
    const sheet = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('贷款');
      ws.addRow(['贷款合同编号', '借款企业统一社会信用代码', '贷款金额（元）', '发放日期', '到期日期', '年利率（%）', '贷款种类', '认定不良日期', '不良贷款本金（元）']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (name: string, content: Buffer) => {
      const s = await sess(name);
      const body = multipart({}, { name: 'loans.xlsx', content });
      return app.inject({ method: 'POST', url: '/api/risk-compensation/loan-uploads', payload: body.payload, headers: { ...body.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
    };

    it('stores a report (errors first, row and column named) and writes nothing until confirmed', async () => {
      at('2020-02');
      const before = await rowCount(app, 'risk_compensation_loan');
      const r = await upload(icbc, await sheet([
        ['XL-1', SMALL_JINAN, '1,000,000.00', '2020-02-03', '2021-02-02', '4.35', '流动资金贷款', '2020-02-20', '800000'],
        ['XL-2', '91370102MA3C4K2D10', '500000', '2020-02-03', '2021-02-02', '4.35', '流动资金贷款', '2020-02-20', '400000'],
        ['XL-3', SMALL_JINAN, '500000', '2019-12-31', '2021-02-02', '4.35', '技术改造类项目贷款', '2020-02-20', '400000'],
        ['XL-4', SMALL_JINAN, '50万', '2020-02-03', '2021-02-02', '4.35', '按揭贷款', '2020-02-20', '400000'],
      ]));
      expect(r.statusCode, r.body).toBe(201);
      const report = r.json();
      expect(report).toMatchObject({ status: 'validated', totalRows: 4, validRows: 2, errorCount: 3, warningCount: 1 });
      expect(report.issues.map((i: { severity: string }) => i.severity)).toEqual(['error', 'error', 'error', 'warning']);
      expect(report.issues[0]).toMatchObject({ rowNo: 3, column: '借款企业统一社会信用代码' });
      expect(report.issues[1]).toMatchObject({ rowNo: 5, column: '贷款金额（元）' });
      expect(report.issues[3]).toMatchObject({ rowNo: 4, column: '补偿条件' });
      expect(await rowCount(app, 'risk_compensation_loan')).toBe(before);
      expect((await as(app, other).get(`/api/risk-compensation/loan-uploads/${report.id}`)).statusCode).toBe(404);
      expect((await as(app, other).post(`/api/risk-compensation/loan-uploads/${report.id}/confirm`)).statusCode).toBe(404);
      const stored = await as(app, icbc).get(`/api/risk-compensation/loan-uploads/${report.id}`);
      expect(stored.json().issues).toEqual(report.issues);
      const ok = await as(app, icbc).post(`/api/risk-compensation/loan-uploads/${report.id}/confirm`);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'confirmed', writtenRows: 2 });
      expect(await rowCount(app, 'risk_compensation_loan')).toBe(before + 2);
      const loans = (await as(app, icbc).get('/api/risk-compensation/loans?q=XL-')).json();
      expect(loans.items.find((l: { contractNo: string }) => l.contractNo === 'XL-1')).toMatchObject({ amountFen: 100_000_000, annualRatePpm: 43_500, nonPerformingPrincipalFen: 80_000_000, eligible: true, source: 'excel' });
      expect((await as(app, icbc).post(`/api/risk-compensation/loan-uploads/${report.id}/confirm`)).statusCode).toBe(409);
    });

    it('refuses a file without the template columns, and a non-Excel file', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('x').addRow(['合同', '金额']);
      const r = await upload(icbc, Buffer.from(await wb.xlsx.writeBuffer()));
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toContain('表头缺少必需的列');
      expect((await upload(icbc, Buffer.from('not a workbook'))).statusCode).toBe(400);
      expect((await upload(fg, await sheet([]))).statusCode).toBe(403);
      expect((await as(app, icbc).get('/api/risk-compensation/loans/template')).statusCode).toBe(200);
    });
  });

  describe('monthly claims', () => {
    it('opens a claim with 30% of the principal, once per bank and month, idempotently', async () => {
      at('2020-03');
      const a = await newLoan(icbc, { nonPerformingOn: '2020-03-05', nonPerformingPrincipalFen: 33_333_335 });
      const b = await newLoan(icbc, { nonPerformingOn: '2020-03-06', borrowerUscc: MICRO_QINGDAO });
      const r = await openClaim(icbc, '2020-03', [a.id, b.id]);
      expect(r.statusCode, r.body).toBe(201);
      const claim = r.json();
      expect(claim).toMatchObject({ month: '2020-03', state: 'draft', itemCount: 2, principalFen: 113_333_335, claimedFen: 10_000_001 + 24_000_000, windowClosesOn: '2020-04-08', ratioPpm: 300_000 });
      expect(claim.items.map((i: { cityCode: string }) => i.cityCode)).toEqual(['370100', '370200']);
      expect(claim.window).toMatchObject({ closesOn: '2020-04-08', open: true });
      // The same key returns the same claim; another key is refused naming the first.
      const again = await openClaim(icbc, '2020-03', [a.id, b.id]);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(claim.id);
      const dup = await openClaim(icbc, '2020-03', [a.id], 'another-key-123');
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.message).toContain(`申请 #${claim.id}`);
      // A loan already in a claim cannot be claimed again (by the bank, in another month).
      at('2020-04');
      const again2 = await openClaim(icbc, '2020-04', [a.id]);
      expect(again2.statusCode).toBe(422);
      expect(again2.json().error.details[0].reasons.join()).toContain(`已在申请 #${claim.id}中申请补偿`);
      // Another bank neither sees nor submits it.
      expect((await as(app, other).get(`/api/risk-compensation/claims/${claim.id}`)).statusCode).toBe(404);
      expect((await as(app, other).post(`/api/risk-compensation/claims/${claim.id}/submit`, { version: claim.version })).statusCode).toBe(404);
      expect((await as(app, other).get(`/api/cases/${claim.id}`)).statusCode).toBe(404);
      expect((await as(app, other).get('/api/risk-compensation/claims')).json().items.map((c: { id: number }) => c.id)).not.toContain(claim.id);
      expect((await as(app, fg).post(`/api/risk-compensation/claims/${claim.id}/submit`, { version: claim.version })).statusCode).toBe(403);
    });

    it('refuses ineligible loans and loans of another month with the reasons, storing nothing', async () => {
      at('2020-05');
      const old = await newLoan(icbc, { startOn: '2019-12-31', nonPerformingOn: '2020-05-10' });
      const april = await newLoan(icbc, { nonPerformingOn: '2020-04-10' });
      const before = await rowCount(app, 'workflow_case');
      const r = await openClaim(icbc, '2020-05', [old.id, april.id]);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details.map((d: { loanId: number }) => d.loanId)).toEqual([old.id, april.id]);
      expect(r.json().error.details[1].reasons[0]).toContain('不属于2020年5月');
      expect(await rowCount(app, 'workflow_case')).toBe(before);
      const foreign = await openClaim(icbc, '2020-05', [999_999]);
      expect(foreign.statusCode).toBe(400);
    });

    it('closes the window at 24:00 of the 5th working day after the month (January 2020: 7 February)', async () => {
      setClock('2020-02-07T15:59:00Z'); // 23:59 in Shanghai
      const loan = await newLoan(other, { borrowerUscc: MICRO_QINGDAO, nonPerformingOn: '2020-01-21' });
      const c = await openClaim(other, '2020-01', [loan.id]);
      expect(c.statusCode, c.body).toBe(201);
      expect(c.json().window.remainingWorkingDays).toBe(0);
      setClock('2020-02-07T16:00:01Z'); // 00:00:01 on 8 February in Shanghai
      const late = await as(app, other).post(`/api/risk-compensation/claims/${c.json().id}/submit`, { version: c.json().version });
      expect(late.statusCode).toBe(422);
      expect(late.json().error.message).toContain('已于 2020年2月7日 24:00 截止');
      const w = (await as(app, other).get('/api/risk-compensation/window?month=2020-01')).json();
      expect(w).toMatchObject({ closesOn: '2020-02-07', open: false });
      const tooLate = await openClaim(other, '2020-02', [loan.id]);
      expect(tooLate.statusCode).toBe(422);
      setClock('2020-03-10T02:00:00Z');
      const feb = await openClaim(other, '2020-02', [loan.id]);
      expect(feb.json().error.message).toContain('已于 2020年3月6日 24:00 截止');
    });

    it('refuses submitting before the month has ended', async () => {
      setClock('2020-06-20T02:00:00Z');
      const loan = await newLoan(icbc, { nonPerformingOn: '2020-06-15' });
      const c = await openClaim(icbc, '2020-06', [loan.id]);
      expect(c.statusCode).toBe(201);
      const r = await as(app, icbc).post(`/api/risk-compensation/claims/${c.json().id}/submit`, { version: c.json().version });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.message).toContain('尚未结束');
      // Nor through the generic route with a day of the bank's choosing: the window is checked against the server's day.
      const before = await caseSnapshot(app, c.json().id);
      const forged = await as(app, icbc).post(`/api/cases/${c.json().id}/actions/submit`, { version: before.case.version, data: { today: '2020-07-01' } });
      expect(forged.statusCode, forged.body).toBe(400);
      expect(forged.json().error).toMatchObject({ code: 'MEASURE_ROUTE_ONLY', message: '请在“贷款风险补偿·补偿申请”页面办理「提交申报」' });
      expect(await caseSnapshot(app, c.json().id)).toEqual(before);
    });
  });

  describe('review, plan and payment', () => {
    it('runs the whole path: FG cuts one item, DEPT re-reviews, the plan is issued, exported and paid', async () => {
      const claim = await submittedClaim('2020-07', 3);
      expect(claim.state).toBe('fg_review');
      expect(claim.case.deadline.dueOn).toBe(addWorkingDays('2020-08-04', 10));
      const [a, b, c] = claim.items as { id: number; claimedFen: number }[];
      const decisions = [
        { itemId: a!.id, outcome: 'approved' },
        { itemId: b!.id, outcome: 'cut', approvedFen: 10_000_000, reason: '部分本金已由保证人代偿' },
        { itemId: c!.id, outcome: 'refused', reason: '借款人已注销' },
      ];
      const url = `/api/risk-compensation/claims/${claim.id}/fg-review`;
      expect((await as(app, icbc).post(url, { version: claim.case.version, decisions })).statusCode).toBe(403);
      expect((await as(app, dept).post(url, { version: claim.case.version, decisions })).statusCode).toBe(403);
      const noReason = await as(app, fg).post(url, { version: claim.case.version, decisions: [decisions[0], { ...decisions[1], reason: '' }, decisions[2]] });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toContain('decisions.1');
      const missing = await as(app, fg).post(url, { version: claim.case.version, decisions: [decisions[0]] });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.message).toContain('还有 2 笔未审核');
      expect((await as(app, fg).post(url, { version: claim.case.version - 1, decisions })).statusCode).toBe(409);
      // The generic case route cannot skip the item-by-item review.
      expect((await as(app, fg).post(`/api/cases/${claim.id}/actions/fg-approve`, { version: claim.case.version })).statusCode).toBe(400);
      const reviewed = await as(app, fg).post(url, { version: claim.case.version, decisions });
      expect(reviewed.statusCode, reviewed.body).toBe(200);
      const r = reviewed.json();
      expect(r).toMatchObject({ state: 'dept_review', approvedFen: a!.claimedFen + 10_000_000 });
      expect(r.items.map((i: { outcome: string }) => i.outcome)).toEqual(['approved', 'cut', 'refused']);
      expect(r.items[1].reason).toBe('部分本金已由保证人代偿');
      expect(r.case.deadline.dueOn).toBe(addWorkingDays('2020-08-04', 1));
      // The bank sees the outcome of each item.
      expect((await as(app, icbc).get(`/api/risk-compensation/claims/${claim.id}`)).json().items[2]).toMatchObject({ outcome: 'refused', approvedFen: 0, reason: '借款人已注销' });

      const deptUrl = `/api/risk-compensation/claims/${claim.id}/dept-review`;
      expect((await as(app, fg).post(deptUrl, { version: r.case.version })).statusCode).toBe(403);
      expect((await as(app, icbc).post(deptUrl, { version: r.case.version })).statusCode).toBe(403);
      const approved = await as(app, dept).post(deptUrl, { version: r.case.version, comment: '复核同意' });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().state).toBe('approved');

      // The plan.
      expect((await as(app, fg).post('/api/risk-compensation/plans', { claimIds: [claim.id], idempotencyKey: 'plan-key-1' })).statusCode).toBe(403);
      const notApproved = await submittedClaim('2020-08', 1); // the clock is now 2 September 2020
      const bad = await as(app, dept).post('/api/risk-compensation/plans/preview', { claimIds: [claim.id, notApproved.id] });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.message).toContain(`申请 #${notApproved.id}`);
      const preview = (await as(app, dept).post('/api/risk-compensation/plans/preview', { claimIds: [claim.id] })).json();
      expect(preview.totals).toMatchObject({ items: 2, approvedFen: r.approvedFen });
      const issued = await as(app, dept).post('/api/risk-compensation/plans', { claimIds: [claim.id], idempotencyKey: 'plan-key-1' });
      expect(issued.statusCode, issued.body).toBe(201);
      const plan = issued.json();
      expect(plan).toMatchObject({ planNo: '鲁工信风补拨〔2020〕1号', issuedOn: '2020-09-02', status: 'issued', claimIds: [claim.id] });
      expect(plan.rows.map((x: { cityCode: string }) => x.cityCode)).toEqual(['370100', '370200']);
      expect((await as(app, dept).post('/api/risk-compensation/plans', { claimIds: [claim.id], idempotencyKey: 'plan-key-1' })).json().id).toBe(plan.id);
      expect((await as(app, dept).post('/api/risk-compensation/plans', { claimIds: [claim.id], idempotencyKey: 'plan-key-2' })).statusCode).toBe(422);
      expect((await as(app, icbc).get(`/api/risk-compensation/claims/${claim.id}`)).json()).toMatchObject({ state: 'planned', planId: plan.id });
      expect((await as(app, icbc).get(`/api/risk-compensation/plans/${plan.id}`)).statusCode).toBe(404);
      expect((await as(app, fg).get(`/api/risk-compensation/plans/${plan.id}`)).statusCode).toBe(200);

      // The fixed layout, cell by cell, with totals that reconcile with the items.
      const x = await as(app, dept).get(`/api/risk-compensation/plans/${plan.id}/export`);
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.name).toBe('拨付计划');
      expect(ws.getCell('A1').value).toBe('省级风险补偿资金拨付计划');
      expect(ws.getCell('A2').value).toBe('文号：鲁工信风补拨〔2020〕1号');
      expect(ws.getCell('E2').value).toBe('下达日期：2020年9月2日');
      expect(ws.getCell('G3').value).toBe('单位：元');
      expect([1, 2, 3, 4, 5, 6, 7].map((c) => ws.getRow(4).getCell(c).value)).toEqual([...PLAN_HEADER]);
      expect([1, 2, 3, 4, 7].map((c) => ws.getRow(5).getCell(c).value)).toEqual([1, '中国工商银行股份有限公司山东省分行', '济南市', 1, a!.claimedFen / 100]);
      expect([1, 2, 3, 4, 7].map((c) => ws.getRow(6).getCell(c).value)).toEqual([2, '中国工商银行股份有限公司山东省分行', '青岛市', 1, 100_000]);
      expect(ws.getRow(7).getCell(1).value).toBe('合计');
      expect(ws.getRow(7).getCell(4).value).toBe(2);
      const items = (await as(app, dept).get(`/api/risk-compensation/claims/${claim.id}`)).json().items as { approvedFen: number; principalFen: number }[];
      expect(ws.getRow(7).getCell(7).value).toBe(items.reduce((s, i) => s + i.approvedFen, 0) / 100);
      expect(ws.getRow(7).getCell(7).value).toBe((ws.getRow(5).getCell(7).value as number) + (ws.getRow(6).getCell(7).value as number));
      expect(ws.getRow(7).getCell(5).value).toBe(items.filter((i) => i.approvedFen > 0).reduce((s, i) => s + i.principalFen, 0) / 100);

      // Paid: items and claims disbursed.
      expect((await as(app, fg).post(`/api/risk-compensation/plans/${plan.id}/paid`, { version: plan.version })).statusCode).toBe(403);
      expect((await as(app, dept).post(`/api/risk-compensation/plans/${plan.id}/paid`, { version: plan.version, paidOn: '2020-09-01' })).statusCode).toBe(400);
      const paid = await as(app, dept).post(`/api/risk-compensation/plans/${plan.id}/paid`, { version: plan.version, paidOn: '2020-09-10' });
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json()).toMatchObject({ status: 'paid', paidOn: '2020-09-10' });
      const done = (await as(app, icbc).get(`/api/risk-compensation/claims/${claim.id}`)).json();
      expect(done.state).toBe('disbursed');
      expect(done.items.map((i: { disbursedOn: string | null }) => i.disbursedOn)).toEqual(['2020-09-10', '2020-09-10', null]);
      expect((await as(app, dept).post(`/api/risk-compensation/plans/${plan.id}/paid`, { version: paid.json().version })).statusCode).toBe(409);
      expect((await as(app, dept).get('/api/risk-compensation/plans')).json().items[0]).toMatchObject({ id: plan.id, status: 'paid' });
    });

    it('lets FG return a claim for revision and the bank resubmit after the window; DEPT may send it back to FG', async () => {
      const claim = await submittedClaim('2020-09', 1);
      const noReason = await as(app, fg).post(`/api/cases/${claim.id}/actions/fg-return`, { version: claim.case.version });
      expect(noReason.statusCode).toBe(400);
      const back = await as(app, fg).post(`/api/cases/${claim.id}/actions/fg-return`, { version: claim.case.version, comment: '请补充不良认定材料' });
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json().state).toBe('revision');
      setClock('2020-10-30T02:00:00Z'); // after the window of September (closes 2020-10-16)
      const again = await as(app, icbc).post(`/api/risk-compensation/claims/${claim.id}/submit`, { version: back.json().version });
      expect(again.statusCode, again.body).toBe(200);
      const reviewed = await approveAll(again.json());
      expect(reviewed.statusCode, reviewed.body).toBe(200);
      const sentBack = await as(app, dept).post(`/api/cases/${claim.id}/actions/dept-return`, { version: reviewed.json().case.version, comment: '请核实借款人规模' });
      expect(sentBack.json().state).toBe('fg_review');
      const rejected = await as(app, fg).post(`/api/cases/${claim.id}/actions/fg-reject`, { version: sentBack.json().version, comment: '借款人为中型企业' });
      expect(rejected.json().state).toBe('rejected');
    });

    it('marks an FG review overdue after 10 working days and escalates it', async () => {
      const claim = await submittedClaim('2020-10', 1);
      setClock(`${addWorkingDays('2020-11-03', 10)}T16:00:01Z`);
      await sweepOverdue(app.ctx, 'test');
      const view = (await as(app, dept).get(`/api/risk-compensation/claims/${claim.id}`)).json();
      expect(view.overdue).toBe(true);
      expect(view.case.escalated).toBe(true);
    });

    it('the generic case route refuses the claim page\'s steps, whatever the body says; the claim page takes them', async () => {
      const claim = await submittedClaim('2020-11', 2);
      const page = { page: '贷款风险补偿·补偿申请', link: `/measures/risk-compensation/claims/${claim.id}` };
      const generic = (await as(app, fg).get(`/api/cases/${claim.id}`)).json();
      expect(generic.actions.map((a: { key: string; measureRouteOnly: unknown }) => [a.key, a.measureRouteOnly])).toEqual([['fg-approve', page], ['fg-return', null], ['fg-reject', null]]);
      const before = await caseSnapshot(app, claim.id);
      const items = () => app.ctx.db.selectFrom('risk_compensation_item').selectAll().where('case_id', '=', claim.id).orderBy('id').execute();
      const itemsBefore = await items();
      // FG holds the claim in 初审 and could approve it; the old marker, with or without amounts, opens nothing.
      for (const data of [undefined, { via: 'risk-compensation' }, { via: 'risk-compensation', approvedFen: 1, approved: 2 }]) {
        const res = await as(app, fg).post(`/api/cases/${claim.id}/actions/fg-approve`, { version: before.case.version, comment: '同意', ...(data ? { data } : {}) });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toEqual({ code: 'MEASURE_ROUTE_ONLY', message: '请在“贷款风险补偿·补偿申请”页面办理「初审通过」', details: { state: 'fg_review', version: before.case.version } });
      }
      expect(await caseSnapshot(app, claim.id)).toEqual(before);
      expect(await items()).toEqual(itemsBefore);
      expect(itemsBefore.every((i) => i.outcome === 'pending')).toBe(true);
      const reviewed = await approveAll(claim);
      expect(reviewed.statusCode, reviewed.body).toBe(200);
      expect(reviewed.json()).toMatchObject({ state: 'dept_review', approvedFen: claim.claimedFen });
      expect((await items()).map((i) => i.outcome)).toEqual(['approved', 'approved']);
      // 省工信厅's re-review likewise: refused on the generic route, taken on the claim page.
      const version = reviewed.json().case.version;
      expect((await as(app, dept).post(`/api/cases/${claim.id}/actions/dept-approve`, { version, data: { via: 'risk-compensation' } })).json().error.code).toBe('MEASURE_ROUTE_ONLY');
      const approved = await as(app, dept).post(`/api/risk-compensation/claims/${claim.id}/dept-review`, { version });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json().state).toBe('approved');
    });
  });

  describe('dashboard', () => {
    it('shows the province everything, a city its own borrowers, and exports', async () => {
      const province = (await as(app, dept).get('/api/risk-compensation/dashboard')).json();
      expect(province.claims).toBeGreaterThanOrEqual(5);
      expect(province.byCity.map((c: { key: string }) => c.key)).toEqual(['370100', '370200']);
      expect(province.stages[0]).toMatchObject({ stage: 'fg' });
      expect(province.stages[0].done).toBeGreaterThanOrEqual(2);
      expect(province.disbursedFen).toBeGreaterThan(0);
      const city = (await as(app, jinan).get('/api/risk-compensation/dashboard')).json();
      expect(city.byCity.map((c: { key: string }) => c.key)).toEqual(['370100']);
      const bank = (await as(app, other).get('/api/risk-compensation/dashboard')).json();
      expect(bank.byBank.map((b: { name: string }) => b.name)).toEqual(['青岛农村商业银行股份有限公司']);
      const x = await as(app, dept).get('/api/risk-compensation/dashboard/export');
      expect(x.statusCode).toBe(200);
      expect((await as(app, kangtai).get('/api/risk-compensation/dashboard')).statusCode).toBe(403);
    });

    it('audits every change', async () => {
      const events = await app.ctx.db.selectFrom('audit_event').select('action').where('action', 'like', 'risk-compensation.%').execute();
      const actions = new Set(events.map((e) => e.action));
      for (const a of ['risk-compensation.loan_registered', 'risk-compensation.loans_uploaded', 'risk-compensation.loans_imported', 'risk-compensation.claim_opened', 'risk-compensation.submit',
        'risk-compensation.items_decided', 'risk-compensation.fg-approve', 'risk-compensation.dept-approve', 'risk-compensation.plan_issued', 'risk-compensation.plan_paid', 'risk-compensation.pay']) {
        expect(actions, a).toContain(a);
      }
    });
  });
});
