import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { as, createTestApp, DIALECTS, login, type Session, type TestApp } from '../../test/harness';
import { multipart } from '../../registry/test-support';
import { ensureBridgeLoanDemoParties } from './bridge-loan.seed';

// The 应急转贷 exports read back cell by cell, as a user's Excel shows them: times in Beijing time
// (2020年2月9日 21:00), dates as 2020年2月14日, amounts as numbers in 元 that Excel can sum, and
// only the rows the downloading party may see. The firm applies on Sunday 2020-02-09 at 21:00
// Beijing time, which is 13:00 UTC: the day and the hour both differ from UTC.

const SUNDAY_2100 = '2020-02-09T13:00:00.000Z';
const MONDAY_0840 = '2020-02-10T00:40:00.000Z';
const MONEY = '#,##0.00';

/** The first sheet of an .xlsx download, and its header row as a map from header to column number. */
async function readList(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  // Row 1 is the title, row 2 the headers, rows from 3 the data.
  const col = new Map<string, number>();
  ws.getRow(2).eachCell((cell, n) => col.set(String(cell.value), n));
  const rows = Array.from({ length: Math.max(0, ws.rowCount - 2) }, (_, i) => ws.getRow(3 + i));
  const cell = (row: ExcelJS.Row, header: string) => {
    const n = col.get(header);
    if (n === undefined) throw new Error(`no column ${header}`);
    return row.getCell(n);
  };
  return { ws, rows, cell };
}

describe.each(DIALECTS)('bridge-loan exports on %s', (dialect) => {
  let t: TestApp;
  let app: App;
  const s: Record<string, Session> = {};
  let icbcId = 0;
  let qdrcbId = 0;
  let kangtaiCase = 0;
  let haifangCase = 0;
  let questionId = 0;

  /** Moves the clock and signs the parties in again (sessions are stamped with the clock). */
  const travel = async (when: string) => {
    t.clock.set(when);
    for (const u of ['kangtai', 'haifang', 'lixiazd', 'zdpt', 'qingdao']) s[u] = await login(app, u);
  };

  const upload = (who: string, id: number) => {
    const body = multipart({}, { name: '承诺书.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' });
    return app.inject({ method: 'POST', url: `/api/bridge-loans/${id}/files`, payload: body.payload, headers: { ...body.headers, cookie: s[who]!.cookie, 'x-csrf-token': s[who]!.csrf } });
  };

  const apply = async (who: string, over: Record<string, unknown>) => {
    const res = await as(app, s[who]!).post('/api/bridge-loans', {
      idempotencyKey: `export-${dialect}-${who}`, bankOrgId: icbcId, loanContractNo: `EXP-${dialect}-${who}`, loanType: 'working_capital',
      loanAmountFen: 300_000_000, loanMaturityOn: '2020-02-14', bridgeAmountFen: 300_000_000, bridgeDays: 5, contactName: '张会计', contactPhone: '0531-88886666', remark: null,
      submit: true, ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().caseId as number;
  };

  const exportOf = async (who: string, url: string) => {
    const res = await as(app, s[who]!).get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return readList(res.rawPayload);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: SUNDAY_2100 });
    app = t.app;
    await ensureBridgeLoanDemoParties(app.ctx);
    icbcId = (await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-ICBC-SD').executeTakeFirstOrThrow()).id;
    qdrcbId = (await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-QDRCB').executeTakeFirstOrThrow()).id;
    await travel(SUNDAY_2100);
    // A Jinan firm: held by the 历下区 operator. A Qingdao firm: held by the province platform.
    kangtaiCase = await apply('kangtai', {});
    haifangCase = await apply('haifang', { bankOrgId: qdrcbId, loanAmountFen: 123_456, bridgeAmountFen: 123_456 });
    expect((await upload('kangtai', kangtaiCase)).statusCode).toBe(201);
    questionId = (await as(app, s.kangtai!).post('/api/bridge-loans/consultations', { question: '周末提交的申请什么时候受理？' })).json().id;
    await travel(MONDAY_0840);
    const version = (await as(app, s.lixiazd!).get(`/api/bridge-loans/${kangtaiCase}`)).json().case.version;
    const accepted = await as(app, s.lixiazd!).post(`/api/bridge-loans/${kangtaiCase}/actions/accept`, { version, feeRatePpm: 800 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const answered = await as(app, s.lixiazd!).post(`/api/bridge-loans/consultations/${questionId}/answer`, { answer: '按下一工作日受理，当日办结', version: 1 });
    expect(answered.statusCode, answered.body).toBe(200);
  }, 60_000);
  afterAll(() => t.close());

  it('the list export shows the submission in Beijing time, dates in Chinese and amounts as numbers in 元', async () => {
    const { rows, cell } = await exportOf('lixiazd', '/api/bridge-loans/export');
    const row = rows.find((r) => cell(r, '编号').value === kangtaiCase)!;
    expect(row).toBeDefined();
    expect(cell(row, '企业名称').value).toBe('济南康泰医疗器械有限公司');
    expect(cell(row, '申请时间').value).toBe('2020年2月9日 21:00');
    expect(cell(row, '到期日').value).toBe('2020年2月14日');
    for (const header of ['到期贷款金额（元）', '转贷金额（元）']) {
      expect(cell(row, header).value, header).toBe(3_000_000);
      expect(cell(row, header).numFmt, header).toBe(MONEY);
    }
    // 0.08% of 3,000,000.00 元.
    expect(cell(row, '转贷费（元）').value).toBe(2_400);
    expect(cell(row, '转贷费（元）').numFmt).toBe(MONEY);
    expect(cell(row, '费率（%）').value).toBe(0.08);
    // Not yet disbursed: blank, not text.
    expect(cell(row, '放款日期').value).toBeNull();
  });

  it('amounts of the list export add up in Excel: numbers in 元, to the fen', async () => {
    const { rows, cell } = await exportOf('zdpt', '/api/bridge-loans/export');
    const amounts = rows.map((r) => cell(r, '转贷金额（元）').value);
    expect(amounts.every((v) => typeof v === 'number')).toBe(true);
    expect(amounts.reduce<number>((sum, v) => sum + (v as number), 0)).toBeCloseTo(3_001_234.56, 2);
    const qd = rows.find((r) => cell(r, '编号').value === haifangCase)!;
    expect(cell(qd, '转贷金额（元）').value).toBe(1_234.56);
    expect(cell(qd, '转贷费（元）').value).toBeNull();
  });

  it('an operator exports only its own cases; a party of another city does not see them', async () => {
    const ids = async (who: string) => {
      const { rows, cell } = await exportOf(who, '/api/bridge-loans/export');
      return rows.map((r) => cell(r, '编号').value);
    };
    const operator = await ids('lixiazd');
    expect(operator).toContain(kangtaiCase);
    expect(operator).not.toContain(haifangCase);
    const qingdao = await ids('qingdao');
    expect(qingdao).not.toContain(kangtaiCase);
    expect(qingdao).toContain(haifangCase);
    // The firm sees its own application only.
    expect(await ids('kangtai')).toEqual([kangtaiCase]);
  });

  it('the consultation export shows when the question was logged and answered, in Beijing time, within scope', async () => {
    const { rows, cell } = await exportOf('lixiazd', '/api/bridge-loans/consultations/export');
    const row = rows.find((r) => cell(r, '编号').value === questionId)!;
    expect(row).toBeDefined();
    expect(cell(row, '问题').value).toBe('周末提交的申请什么时候受理？');
    expect(cell(row, '登记时间').value).toBe('2020年2月9日 21:00');
    expect(cell(row, '答复时间').value).toBe('2020年2月10日 08:40');
    for (const who of ['haifang', 'qingdao']) {
      const other = await exportOf(who, '/api/bridge-loans/consultations/export');
      expect(other.rows.map((r) => other.cell(r, '编号').value), who).not.toContain(questionId);
    }
  });
});
