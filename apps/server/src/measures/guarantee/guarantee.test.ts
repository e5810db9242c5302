import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { verifyAuditChain } from '../../platform/audit';
import { as, createTestApp, DIALECTS, login, type Session, problemPaths, type TestApp } from '../../test/harness';
import { REWARD_BASE_HEADERS } from './guarantee.excel';
import { ensureGuaranteeDemoParties, GUARANTEE_DEMO_MEDIUM_ENTERPRISE, registerGuaranteeDemoInstitutions } from './guarantee.seed';

const KANGTAI = '91370102MA3C4K2D1F'; // 济南市历下区, small
const TEXTILE = '91370211MA3N5R6T3W'; // 青岛市, small
const MEDIUM = GUARANTEE_DEMO_MEDIUM_ENTERPRISE.uscc; // 烟台市, medium

let seq = 0;
const filing = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `key-${++seq}-${Math.random().toString(36).slice(2, 8)}`, uscc: KANGTAI, bankName: '中国工商银行股份有限公司山东省分行',
  contractNo: `HT-${seq}`, amountFen: 100_000_000, termMonths: 12, feeRatePpm: 8_000, counterGuarantee: false, startOn: '2020-02-20', ...over,
});

async function count(app: App, table: 'guarantee_filing' | 'guarantee_compensation' | 'guarantee_extension' | 'audit_event' | 'workflow_case'): Promise<number> {
  const r = await app.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe.each(DIALECTS)('guarantee measure on %s', (dialect) => {
  let t: TestApp;
  let app: App;
  let danbao: Session; // 山东省投融资担保集团: reward-funded
  let jndanbao: Session; // 济南市中小企业融资担保: not reward-funded
  let sgxt: Session; // 省工信厅 reviewer
  let sczt: Session; // 省财政厅 reviewer
  let jinan: Session; // 济南市 (city)
  let qingdao: Session; // 青岛市 (city)
  let icbc: Session; // a bank: no access to this measure
  let kangtai: Session; // an enterprise: no access
  let inst: { provincial: number; city: number };

  beforeAll(async () => {
    // Monday 2020-03-02, 10:00 in Shanghai: in the epidemic period.
    t = await createTestApp(dialect, { now: '2020-03-02T02:00:00.000Z' });
    app = t.app;
    await ensureGuaranteeDemoParties(app.ctx);
    inst = await registerGuaranteeDemoInstitutions(app.ctx);
    const s = await Promise.all(['danbao', 'jndanbao', 'sgxt', 'sczt', 'jinan', 'qingdao', 'icbc', 'kangtai'].map((u) => login(app, u)));
    [danbao, jndanbao, sgxt, sczt, jinan, qingdao, icbc, kangtai] = s as [Session, Session, Session, Session, Session, Session, Session, Session];
  });
  afterAll(() => t.close());

  describe('institution register', () => {
    it('DEPT and FIN see both institutions with their reward status; an institution only itself', async () => {
      const all = (await as(app, sgxt).get('/api/guarantee/institutions')).json().items;
      expect(all.map((i: { name: string; rewardFundedToday: boolean }) => [i.name, i.rewardFundedToday])).toEqual([
        ['山东省投融资担保集团有限公司', true], ['济南市中小企业融资担保有限公司', false],
      ]);
      expect((await as(app, sczt).get('/api/guarantee/institutions')).json().items).toHaveLength(2);
      const own = (await as(app, jndanbao).get('/api/guarantee/institutions')).json().items;
      expect(own.map((i: { organisationId: number }) => i.organisationId)).toEqual([inst.city]);
    });

    it('banks and enterprises may not read it', async () => {
      expect((await as(app, icbc).get('/api/guarantee/institutions')).statusCode).toBe(403);
      expect((await as(app, kangtai).get('/api/guarantee/institutions')).statusCode).toBe(403);
    });

    it('DEPT and FIN maintain it with versions; institutions and cities may not', async () => {
      const body = { isGovernment: true, rewardFunded: false, rewardFrom: null, rewardTo: null, source: '市级名单', version: 1 };
      const ok = await as(app, sczt).put(`/api/guarantee/institutions/${inst.city}`, { ...body, source: '山东省政府性融资担保机构名单（第一批）' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().version).toBe(2);
      const stale = await as(app, sgxt).put(`/api/guarantee/institutions/${inst.city}`, body);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      expect((await as(app, jndanbao).put(`/api/guarantee/institutions/${inst.city}`, { ...body, rewardFunded: true, version: 2 })).statusCode).toBe(403);
      expect((await as(app, jinan).put(`/api/guarantee/institutions/${inst.city}`, { ...body, version: 2 })).statusCode).toBe(403);
      const bank = await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-ICBC-SD').executeTakeFirstOrThrow();
      expect((await as(app, sgxt).put(`/api/guarantee/institutions/${bank.id}`, { ...body, version: 0 })).statusCode).toBe(404);
      const bad = await as(app, sgxt).put(`/api/guarantee/institutions/${inst.city}`, { ...body, rewardFrom: '2020-12-31', rewardTo: '2020-01-01', version: 2 });
      expect(bad.statusCode).toBe(400);
      expect(problemPaths(bad)).toContain('rewardTo');
      expect(bad.json().error.message).toBe('奖补支持止日不能早于起日');
    });

    it('exports the register', async () => {
      const res = await as(app, sgxt).get('/api/guarantee/institutions/export');
      expect(res.statusCode).toBe(200);
      const rows = await xlsxRows(res.rawPayload);
      expect(rows[1]).toContain('获降费奖补支持');
      expect(rows).toHaveLength(4);
    });
  });

  describe('filings: 鲁工信发〔2020〕1号 第四条', () => {
    it('refuses 1.50% for a reward-funded institution, naming the clause, and stores nothing', async () => {
      const before = { f: await count(app, 'guarantee_filing'), a: await count(app, 'audit_event') };
      const res = await as(app, danbao).post('/api/guarantee/filings', filing({ feeRatePpm: 15_000 }));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toBe('鲁工信发〔2020〕1号 第四条：疫情期间，奖补资金支持的政府性融资担保机构年担保费率不超过1%（本笔 1.50%）');
      expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'feeRatePpm' })]);
      expect({ f: await count(app, 'guarantee_filing'), a: await count(app, 'audit_event') }).toEqual(before);
    });

    it('refuses 1.01% and a counter-guarantee for the funded institution, accepts both for the unfunded one', async () => {
      const fee = await as(app, danbao).post('/api/guarantee/filings', filing({ feeRatePpm: 10_100 }));
      expect(fee.statusCode).toBe(422);
      expect(fee.json().error.message).toContain('（本笔 1.01%）');
      const cg = await as(app, danbao).post('/api/guarantee/filings', filing({ counterGuarantee: true }));
      expect(cg.statusCode).toBe(422);
      expect(cg.json().error.message).toContain('取消反担保要求');
      const unfunded = await as(app, jndanbao).post('/api/guarantee/filings', filing({ feeRatePpm: 10_100, counterGuarantee: true }));
      expect(unfunded.statusCode).toBe(201);
      expect(unfunded.json().filing.termsBound).toBe(false);
    });

    it('accepts exactly 1% and a start before the epidemic period at any rate', async () => {
      const cap = await as(app, danbao).post('/api/guarantee/filings', filing({ feeRatePpm: 10_000 }));
      expect(cap.statusCode).toBe(201);
      expect(cap.json().filing.termsBound).toBe(true);
      const before = await as(app, danbao).post('/api/guarantee/filings', filing({ feeRatePpm: 15_000, counterGuarantee: true, startOn: '2019-12-31' }));
      expect(before.statusCode).toBe(201);
      expect(before.json().filing.termsBound).toBe(false);
    });

    it('files at 0.8% with the fee, end date, size class; a retry returns the same filing; a second filing of the contract is refused naming the first', async () => {
      const body = filing({ contractNo: 'SDDB-T-001', amountFen: 300_000_000, termMonths: 12, feeRatePpm: 8_000, startOn: '2020-02-20' });
      const res = await as(app, danbao).post('/api/guarantee/filings', body);
      expect(res.statusCode).toBe(201);
      const f = res.json().filing;
      expect(f).toMatchObject({ enterpriseName: '济南康泰医疗器械有限公司', sizeLabel: '小型', smallMicro: true, annualFeeFen: 2_400_000, endOn: '2021-02-20', termsBound: true, cityName: '济南市' });
      const again = await as(app, danbao).post('/api/guarantee/filings', body);
      expect(again.statusCode).toBe(200);
      expect(again.json().filing.id).toBe(f.id);
      const dup = await as(app, danbao).post('/api/guarantee/filings', { ...body, idempotencyKey: 'another-key-1' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.message).toContain(`已备案（备案号 ${f.id}`);
    });

    it('warns (does not refuse) a medium-sized borrower and a single firm above 500万元', async () => {
      const medium = await as(app, danbao).post('/api/guarantee/filings', filing({ uscc: MEDIUM, amountFen: 800_000_000 }));
      expect(medium.statusCode).toBe(201);
      expect(medium.json().warnings.join()).toContain('中型企业，不计入小微企业担保额');
      expect(medium.json().warnings.join()).toContain('超过单户 5,000,000.00 元');
      expect(medium.json().filing.overSingleFirmCap).toBe(true);
    });

    it('refuses bad input with the field named, storing nothing', async () => {
      const before = await count(app, 'guarantee_filing');
      const bad = [
        [filing({ uscc: '91370102MA3C4K2D1X' }), 400, 'uscc'],
        [filing({ uscc: '91370102MA3C4K2D2' + 'X' }), 400, 'uscc'],
        [filing({ amountFen: '100' }), 400, 'amountFen'],
        [filing({ amountFen: 0 }), 400, 'amountFen'],
        [filing({ feeRatePpm: 1.5 }), 400, 'feeRatePpm'],
        [filing({ startOn: '2020-02-30' }), 400, 'startOn'],
        [filing({ counterGuarantee: 'no' }), 400, 'counterGuarantee'],
        [filing({ idempotencyKey: undefined }), 400, 'idempotencyKey'],
        [filing({ bankName: undefined }), 400, 'bankName'],
      ] as const;
      for (const [body, status, field] of bad) {
        const res = await as(app, danbao).post('/api/guarantee/filings', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(status);
        expect(problemPaths(res), JSON.stringify(body)).toContain(field);
      }
      const bank = await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', 'GUA-SDTRZ').executeTakeFirstOrThrow();
      expect(problemPaths(await as(app, danbao).post('/api/guarantee/filings', filing({ bankOrgId: bank.id })))).toContain('bankOrgId');
      // A valid code that is not in the registry.
      const unknown = await as(app, danbao).post('/api/guarantee/filings', filing({ uscc: '91370102MA3C4K2D2' + 'L' }));
      expect([400, 422]).toContain(unknown.statusCode);
      expect(problemPaths(unknown)).toContain('uscc');
      expect(await count(app, 'guarantee_filing')).toBe(before);
    });

    it('only guarantee institutions may file', async () => {
      for (const s of [sgxt, jinan, icbc, kangtai]) expect((await as(app, s).post('/api/guarantee/filings', filing())).statusCode).toBe(403);
    });

    it('looks up an enterprise and the banks for the form', async () => {
      const e = await as(app, danbao).get(`/api/guarantee/enterprises/${TEXTILE}`);
      expect(e.json()).toMatchObject({ name: '青岛海纺纺织科技有限公司', sizeLabel: '小型', smallMicro: true });
      expect((await as(app, danbao).get('/api/guarantee/enterprises/123')).statusCode).toBe(400);
      expect((await as(app, danbao).get('/api/guarantee/banks')).json().items.length).toBeGreaterThanOrEqual(2);
      expect((await as(app, sgxt).get('/api/guarantee/banks')).statusCode).toBe(403);
    });
  });

  describe('who sees which filings', () => {
    let sdTextile: number;
    beforeAll(async () => {
      sdTextile = (await as(app, danbao).post('/api/guarantee/filings', filing({ uscc: TEXTILE, contractNo: 'SDDB-QD-1' }))).json().filing.id;
    });

    it('an institution sees its own filings only; another institution gets 404', async () => {
      const own = (await as(app, danbao).get('/api/guarantee/filings?pageSize=200')).json();
      expect(own.items.every((f: { institutionId: number }) => f.institutionId === inst.provincial)).toBe(true);
      const other = (await as(app, jndanbao).get('/api/guarantee/filings?pageSize=200')).json();
      expect(other.items.every((f: { institutionId: number }) => f.institutionId === inst.city)).toBe(true);
      expect((await as(app, jndanbao).get(`/api/guarantee/filings/${sdTextile}`)).statusCode).toBe(404);
      expect((await as(app, danbao).get(`/api/guarantee/filings/${sdTextile}`)).statusCode).toBe(200);
    });

    it('a city sees the filings of enterprises in its region; the province all', async () => {
      const jn = (await as(app, jinan).get('/api/guarantee/filings?pageSize=200')).json();
      expect(jn.total).toBeGreaterThan(0);
      expect(jn.items.every((f: { regionCode: string }) => f.regionCode.startsWith('3701'))).toBe(true);
      expect((await as(app, jinan).get(`/api/guarantee/filings/${sdTextile}`)).statusCode).toBe(404);
      expect((await as(app, qingdao).get(`/api/guarantee/filings/${sdTextile}`)).statusCode).toBe(200);
      const all = (await as(app, sgxt).get('/api/guarantee/filings?pageSize=200')).json();
      expect(all.total).toBe(await count(app, 'guarantee_filing'));
      expect((await as(app, icbc).get('/api/guarantee/filings')).statusCode).toBe(403);
    });

    it('filters, pages and exports', async () => {
      const q = (await as(app, sgxt).get(`/api/guarantee/filings?q=海纺&institutionId=${inst.provincial}&pageSize=1`)).json();
      expect(q.total).toBe(1);
      expect((await as(app, sgxt).get('/api/guarantee/filings?sizeClass=medium')).json().total).toBe(1);
      expect((await as(app, sgxt).get('/api/guarantee/filings?from=2020-01-01&to=2020-12-31&regionCode=3702')).json().total).toBe(1);
      expect((await as(app, sgxt).get('/api/guarantee/filings?regionCode=99')).statusCode).toBe(400);
      const x = await as(app, qingdao).get('/api/guarantee/filings/export');
      expect(x.statusCode).toBe(200);
      const rows = await xlsxRows(x.rawPayload);
      expect(rows).toHaveLength(3); // title, header, the one 青岛 filing
      expect(rows[2]).toContain('青岛海纺纺织科技有限公司');
    });
  });

  describe('compensation, recovery and extension of the recovery deadline', () => {
    let f: { id: number; contractNo: string };
    let comp: { id: number; version: number; recoveryDueOn: string };
    beforeAll(async () => {
      f = (await as(app, danbao).post('/api/guarantee/filings', filing({ contractNo: 'SDDB-C-1', amountFen: 200_000_000, startOn: '2020-02-03' }))).json().filing;
    });

    it('records a compensation with the default recovery deadline; refuses other parties, excess and duplicates', async () => {
      expect((await as(app, jndanbao).post('/api/guarantee/compensations', { filingId: f.id, paidOn: '2020-02-28', amountFen: 1 })).statusCode).toBe(404);
      expect((await as(app, sgxt).post('/api/guarantee/compensations', { filingId: f.id, paidOn: '2020-02-28', amountFen: 1 })).statusCode).toBe(403);
      const over = await as(app, danbao).post('/api/guarantee/compensations', { filingId: f.id, paidOn: '2020-02-28', amountFen: 200_000_001 });
      expect(over.statusCode).toBe(400);
      expect(problemPaths(over)).toContain('amountFen');
      expect(over.json().error.message).toBe('代偿金额不能超过担保金额');
      const early = await as(app, danbao).post('/api/guarantee/compensations', { filingId: f.id, paidOn: '2020-02-01', amountFen: 1 });
      expect(problemPaths(early)).toContain('paidOn');
      expect(early.json().error.message).toBe('代偿日期不能早于担保起始日');
      const res = await as(app, danbao).post('/api/guarantee/compensations', { filingId: f.id, paidOn: '2020-02-28', amountFen: 150_000_000 });
      expect(res.statusCode).toBe(201);
      comp = res.json();
      // 1095 days (the preset's default) after 2020-02-28 cross the leap day 2020-02-29.
      expect(comp).toMatchObject({ recoveryDueOn: '2023-02-27', status: 'recovering', extended: false });
      const dup = await as(app, danbao).post('/api/guarantee/compensations', { filingId: f.id, paidOn: '2020-02-29', amountFen: 1 });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.message).toContain(`代偿记录 ${comp.id}`);
      expect((await as(app, jinan).get(`/api/guarantee/compensations/${comp.id}`)).statusCode).toBe(200);
      expect((await as(app, qingdao).get(`/api/guarantee/compensations/${comp.id}`)).statusCode).toBe(404);
    });

    it('runs an extension request: returned, resubmitted with another date, approved by DEPT only; the deadline moves', async () => {
      const ask = await as(app, danbao).post(`/api/guarantee/compensations/${comp.id}/extensions`, { idempotencyKey: 'ext-key-0001', requestedDueOn: '2024-02-28', reason: '企业受疫情影响停产' });
      expect(ask.statusCode).toBe(201);
      const x = ask.json();
      expect(x).toMatchObject({ state: 'requested', previousDueOn: '2023-02-27', requestedDueOn: '2024-02-28' });
      // 5 working days after Monday 2020-03-02.
      expect(x.dueOn).toBe('2020-03-09');
      const retry = await as(app, danbao).post(`/api/guarantee/compensations/${comp.id}/extensions`, { idempotencyKey: 'ext-key-0001', requestedDueOn: '2024-02-28', reason: '企业受疫情影响停产' });
      expect(retry.json().caseId).toBe(x.caseId);
      const second = await as(app, danbao).post(`/api/guarantee/compensations/${comp.id}/extensions`, { idempotencyKey: 'ext-key-0002', requestedDueOn: '2024-02-28', reason: '再次申请' });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.message).toContain(`事项 ${x.caseId}`);
      expect((await as(app, jndanbao).get(`/api/cases/${x.caseId}`)).statusCode).toBe(404);
      const inbox = (await as(app, sgxt).get('/api/inbox')).json().items;
      expect(inbox.map((c: { id: number }) => c.id)).toContain(x.caseId);

      expect((await as(app, danbao).post(`/api/cases/${x.caseId}/actions/approve`, { version: 1 })).statusCode).toBe(403);
      expect((await as(app, sczt).post(`/api/cases/${x.caseId}/actions/approve`, { version: 1 })).statusCode).toBe(403);
      expect((await as(app, sgxt).post(`/api/cases/${x.caseId}/actions/return`, { version: 1 })).statusCode).toBe(400);
      expect((await as(app, sgxt).post(`/api/cases/${x.caseId}/actions/return`, { version: 1, comment: '请补充资产处置计划' })).statusCode).toBe(200);
      const early = await as(app, danbao).post(`/api/guarantee/extensions/${x.caseId}/resubmit`, { version: 2, requestedDueOn: '2023-01-01', reason: '补充' });
      expect(early.statusCode).toBe(422);
      expect(early.json().error.message).toContain('应晚于现有时限');
      expect((await as(app, jndanbao).post(`/api/guarantee/extensions/${x.caseId}/resubmit`, { version: 2, requestedDueOn: '2024-06-30', reason: '补充' })).statusCode).toBe(404);
      const re = await as(app, danbao).post(`/api/guarantee/extensions/${x.caseId}/resubmit`, { version: 2, requestedDueOn: '2024-06-30', reason: '已补充资产处置计划' });
      expect(re.statusCode).toBe(200);
      expect(re.json()).toMatchObject({ state: 'requested', requestedDueOn: '2024-06-30' });
      expect((await as(app, sgxt).post(`/api/cases/${x.caseId}/actions/approve`, { version: 2 })).statusCode).toBe(409);
      const ok = await as(app, sgxt).post(`/api/cases/${x.caseId}/actions/approve`, { version: 3, comment: '同意' });
      expect(ok.statusCode).toBe(200);
      const after = (await as(app, danbao).get(`/api/guarantee/compensations/${comp.id}`)).json();
      expect(after).toMatchObject({ recoveryDueOn: '2024-06-30', originalDueOn: '2023-02-27', extended: true, openExtensionCaseId: null });
      const list = (await as(app, sgxt).get('/api/guarantee/extensions?state=approved')).json();
      expect(list.items.map((e: { caseId: number }) => e.caseId)).toContain(x.caseId);
      expect((await as(app, icbc).get('/api/guarantee/extensions')).statusCode).toBe(403);
      const exp = await as(app, sgxt).get('/api/guarantee/extensions/export');
      expect(exp.statusCode).toBe(200);
    });

    it('refuses an extension to an earlier date and a rejection without reason', async () => {
      const earlier = await as(app, danbao).post(`/api/guarantee/compensations/${comp.id}/extensions`, { idempotencyKey: 'ext-key-0003', requestedDueOn: '2024-06-30', reason: 'x' });
      expect(earlier.statusCode).toBe(422);
      const ask = (await as(app, danbao).post(`/api/guarantee/compensations/${comp.id}/extensions`, { idempotencyKey: 'ext-key-0004', requestedDueOn: '2025-06-30', reason: '疫情反复' })).json();
      expect((await as(app, sgxt).post(`/api/cases/${ask.caseId}/actions/reject`, { version: 1 })).statusCode).toBe(400);
      expect((await as(app, sgxt).post(`/api/cases/${ask.caseId}/actions/reject`, { version: 1, comment: '理由不足' })).statusCode).toBe(200);
      expect((await as(app, danbao).get(`/api/guarantee/compensations/${comp.id}`)).json().recoveryDueOn).toBe('2024-06-30');
    });

    it('lists overdue recoveries once the deadline passed, and records a recovery with its version', async () => {
      const g = (await as(app, danbao).post('/api/guarantee/filings', filing({ contractNo: 'SDDB-C-2', startOn: '2020-02-03' }))).json().filing;
      expect((await as(app, sgxt).get('/api/guarantee/compensations?status=overdue')).json().total).toBe(0);
      // The deadline 2020-02-28 lies before today (2020-03-02) and nothing was recovered.
      const c = (await as(app, danbao).post('/api/guarantee/compensations', { filingId: g.id, paidOn: '2020-02-25', amountFen: 50_000_000, recoveryDueOn: '2020-02-28' })).json();
      const overdue = (await as(app, sgxt).get('/api/guarantee/compensations?status=overdue')).json();
      expect(overdue.items.map((x: { id: number }) => x.id)).toEqual([c.id]);
      expect((await as(app, jinan).get('/api/guarantee/compensations?status=overdue')).json().total).toBe(1);
      expect((await as(app, qingdao).get('/api/guarantee/compensations?status=overdue')).json().total).toBe(0);
      expect((await as(app, sgxt).get('/api/guarantee/compensations?status=recovering')).json().total).toBe(1);
      const x = await as(app, sgxt).get('/api/guarantee/compensations/export?status=overdue');
      expect((await xlsxRows(x.rawPayload))[2]).toContain('逾期未追偿');
      expect((await as(app, danbao).post(`/api/guarantee/compensations/${c.id}/recovery`, { recoveredOn: '2020-03-01', recoveredFen: 50_000_001, version: 1 })).statusCode).toBe(400);
      expect((await as(app, danbao).post(`/api/guarantee/compensations/${c.id}/recovery`, { recoveredOn: '2020-03-03', recoveredFen: 1, version: 1 })).statusCode).toBe(400);
      expect((await as(app, jndanbao).post(`/api/guarantee/compensations/${c.id}/recovery`, { recoveredOn: '2020-03-01', recoveredFen: 1, version: 1 })).statusCode).toBe(404);
      expect((await as(app, danbao).post(`/api/guarantee/compensations/${c.id}/recovery`, { recoveredOn: '2020-03-01', recoveredFen: 1, version: 9 })).statusCode).toBe(409);
      const ok = await as(app, danbao).post(`/api/guarantee/compensations/${c.id}/recovery`, { recoveredOn: '2020-03-01', recoveredFen: 30_000_000, version: 1 });
      expect(ok.json()).toMatchObject({ status: 'recovered', recoveredFen: 30_000_000 });
      expect((await as(app, sgxt).get('/api/guarantee/compensations?status=overdue')).json().total).toBe(0);
      expect((await as(app, danbao).post(`/api/guarantee/compensations/${c.id}/extensions`, { idempotencyKey: 'ext-key-0009', requestedDueOn: '2025-01-01', reason: 'x' })).statusCode).toBe(409);
    });
  });

  describe('reward base and dashboard', () => {
    it('computes the reward base of a quarter per institution (small and micro only) and exports the fixed layout', async () => {
      const view = (await as(app, sgxt).get('/api/guarantee/reward-base?period=2020Q1')).json();
      expect(view).toMatchObject({ from: '2020-01-01', to: '2020-03-31' });
      const sd = view.rows.find((r: { institutionId: number }) => r.institutionId === inst.provincial);
      const filings = await app.ctx.db.selectFrom('guarantee_filing').select(['amount_fen', 'size_class']).where('institution_org_id', '=', inst.provincial)
        .where('start_on', '>=', '2020-01-01').where('start_on', '<=', '2020-03-31').where('size_class', 'in', ['small', 'micro']).execute();
      expect(sd.volumeFen).toBe(filings.reduce((s, f) => s + Number(f.amount_fen), 0));
      expect(sd.rewardFunded).toBe(true);
      const own = (await as(app, danbao).get('/api/guarantee/reward-base?period=2020')).json();
      expect(own.rows).toHaveLength(1);
      expect((await as(app, sgxt).get('/api/guarantee/reward-base?period=2020Q5')).statusCode).toBe(400);
      const x = await as(app, sgxt).get('/api/guarantee/reward-base/export?period=2020Q1');
      expect(x.headers['content-disposition']).toContain(encodeURIComponent('降费奖补基数-2020Q1.xlsx'));
      const rows = await xlsxRows(x.rawPayload);
      expect(rows[0]![0]).toBe('小微企业融资担保降费奖补基数（2020Q1）');
      expect(rows[2]).toEqual([...REWARD_BASE_HEADERS]);
      expect(rows[3]![1]).toBe('山东省投融资担保集团有限公司');
      expect(rows[3]![4]).toBe(sd.volumeFen / 100);
      expect(rows.at(-1)![0]).toBe('合计');
    });

    it('shows the dashboard by city and institution in the reader\'s scope, and exports it', async () => {
      const all = (await as(app, sgxt).get('/api/guarantee/dashboard')).json();
      expect(all.totals.count).toBe(await count(app, 'guarantee_filing'));
      expect(all.byCity.map((c: { name: string }) => c.name)).toEqual(['济南市', '青岛市', '烟台市']);
      expect(all.byInstitution).toHaveLength(2);
      const jn = (await as(app, jinan).get('/api/guarantee/dashboard?period=2020')).json();
      expect(jn.byCity.map((c: { name: string }) => c.name)).toEqual(['济南市']);
      expect((await as(app, icbc).get('/api/guarantee/dashboard')).statusCode).toBe(403);
      const x = await as(app, sgxt).get('/api/guarantee/dashboard/export?period=2020');
      expect(x.statusCode).toBe(200);
      expect((await xlsxRows(x.rawPayload)).at(-1)![0]).toBe('合计');
    });

    it('keeps the audit chain whole', async () => {
      const r = await verifyAuditChain(app.ctx.db);
      expect(r.ok).toBe(true);
    });
  });
});
