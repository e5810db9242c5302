import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DIALECTS, login, type Session, tableCounts, type TestApp } from '../test/harness';
import { createImportRunner } from './import-runner';
import { corruptUscc, ENTERPRISE_HEADER, LIST_HEADER, makeUscc, multipart, upload, waitForJob, workbook } from './test-support';

const KANGTAI = '91370102MA3C4K2D1F'; // the demo enterprise (济南康泰医疗器械, 历下区)
const HAIFANG = '91370211MA3N5R6T3W'; // the demo enterprise in 青岛黄岛区

describe.each(DIALECTS)('enterprise registry and lists (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session, jinan: Session, lixia: Session, qingdao: Session, icbc: Session, kangtai: Session;
  const A = makeUscc('370102', 1001); // 历下区
  const B = makeUscc('370112', 1002); // 历城区
  const C = makeUscc('370202', 1003); // 青岛市南区
  const X = makeUscc('370303', 1004); // 淄博张店 — on the 瞪羚 list before it is registered
  const ids: Record<string, number> = {};
  let enterpriseJobId = 0;
  let gazelleListId = 0;

  const count = async (table: 'enterprise' | 'organisation' | 'list_entry' | 'official_list' | 'import_job') =>
    Number((await t.app.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const auditCount = async (action: string) =>
    Number((await t.app.ctx.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);
  const search = async (s: Session, query: string) => {
    const res = await as(t.app, s).get(`/api/enterprises?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { uscc: string }[]).map((i) => i.uscc);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await login(t.app, 'admin');
    jinan = await login(t.app, 'jinan');
    lixia = await login(t.app, 'lixia');
    qingdao = await login(t.app, 'qingdao');
    icbc = await login(t.app, 'icbc');
    kangtai = await login(t.app, 'kangtai');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the templates with a "填写说明" sheet', async () => {
    for (const kind of ['enterprises', 'list:gazelle']) {
      const res = await as(t.app, admin).get(`/api/imports/templates/${kind}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      expect(wb.worksheets.map((w) => w.name)).toEqual([kind === 'enterprises' ? '企业名录' : '名单', '填写说明']);
      expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('统一社会信用代码*');
      expect(wb.worksheets[0]!.rowCount).toBe(2);
    }
    expect((await as(t.app, admin).get('/api/imports/templates/list:nothing')).statusCode).toBe(400);
  });

  it('validates every row into a stored report, errors first, and writes nothing before confirm', async () => {
    const before = { enterprise: await count('enterprise'), organisation: await count('organisation') };
    const file = await workbook(ENTERPRISE_HEADER, [
      [A, '济南甲精密机械有限公司', '370102', 'C', '3435', 120, 15_000_000, 20_000_000], // row 2
      [corruptUscc(B), '济南乙有限公司', '370112', 'C', null, 50, 1_000_000, null], // row 3: wrong check character
      [B, '济南乙电子有限公司', '370112', 'F', '5211', 60, 6_000_000, null], // row 4
      [A, '重复的甲公司', '370102', 'C', null, 10, 10, 10], // row 5: duplicate of row 2
      [C, '青岛丙贸易有限公司', '370202', 'F', '5191', 30, 20_000_000, null], // row 6
      [KANGTAI, '济南康泰医疗器械有限公司', '370102', 'C', '3589', 150, 30_000_000, 40_000_000], // row 7: in the registry
    ]);
    const res = await upload(t.app, admin, { kind: 'enterprises' }, { name: '企业名录.xlsx', content: file });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'enterprises', fileName: '企业名录.xlsx', totalRows: 6 });
    enterpriseJobId = res.json().id;

    const job = await waitForJob(t.app, admin, enterpriseJobId);
    expect(job).toMatchObject({ status: 'validated', totalRows: 6, processedRows: 6, validRows: 4, errorCount: 2, progressPercent: 100 });
    expect(await count('enterprise')).toBe(before.enterprise);
    expect(await count('organisation')).toBe(before.organisation);

    const report = (await as(t.app, admin).get(`/api/imports/${enterpriseJobId}/issues?pageSize=50`)).json();
    const issues = report.items as { rowNo: number; column: string; severity: string; code: string; message: string }[];
    expect(issues.slice(0, 2)).toEqual([
      expect.objectContaining({ rowNo: 3, column: '统一社会信用代码', severity: 'error', code: 'USCC_CHECK_CHAR' }),
      expect.objectContaining({ rowNo: 5, column: '统一社会信用代码', severity: 'error', code: 'DUPLICATE_IN_FILE', message: expect.stringContaining('与第 2 行重复') }),
    ]);
    expect(issues[0]!.message).toContain(`应为 ${B.charAt(17)}`);
    expect(issues.slice(2).every((i) => i.severity === 'warning')).toBe(true);
    expect(issues).toContainEqual(expect.objectContaining({ rowNo: 7, severity: 'warning', code: 'WILL_UPDATE', message: expect.stringContaining('将更新') }));

    const errorsOnly = (await as(t.app, admin).get(`/api/imports/${enterpriseJobId}/issues?severity=error`)).json();
    expect(errorsOnly.total).toBe(2);

    const exported = await as(t.app, admin).get(`/api/imports/${enterpriseJobId}/issues/export`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, '级别', '行号', '列', '问题', '代码']);
    expect(sheet.getRow(3).getCell(1).value).toBe('错误');
    expect(sheet.getRow(3).getCell(2).value).toBe(3);
  });

  it('confirm writes only the valid rows, in audited batches, and only once', async () => {
    const before = await count('enterprise');
    const res = await as(t.app, admin).post(`/api/imports/${enterpriseJobId}/confirm`);
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.app, admin, enterpriseJobId);
    expect(job).toMatchObject({ status: 'done', confirmedRows: 4, confirmedBy: 'admin', progressPercent: 100 });
    expect(await count('enterprise')).toBe(before + 3);
    expect(await auditCount('registry.imported')).toBe(1);
    const batch = await t.app.ctx.db.selectFrom('audit_event').select('after_json').where('action', '=', 'registry.imported').executeTakeFirstOrThrow();
    expect(JSON.parse(batch.after_json!)).toMatchObject({ jobId: enterpriseJobId, rows: 4, created: 3, updated: 1, uscc: `${A}..${KANGTAI}` });

    const again = await as(t.app, admin).post(`/api/imports/${enterpriseJobId}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('不能重复确认');

    // Enterprises hang under their county in the organisation tree.
    for (const code of [A, B, C, KANGTAI]) {
      const e = await t.app.ctx.db.selectFrom('enterprise as e').innerJoin('organisation as o', 'o.id', 'e.organisation_id')
        .innerJoin('organisation as p', 'p.id', 'o.parent_id').select(['e.id', 'o.id as org_id', 'o.path', 'p.path as parent_path', 'p.code as county', 'e.region_code'])
        .where('e.uscc', '=', code).executeTakeFirstOrThrow();
      expect(e.path).toBe(`${e.parent_path}${e.org_id}/`);
      expect(e.county).toBe(e.region_code);
      ids[code] = e.id;
    }
    const a = (await as(t.app, admin).get(`/api/enterprises/${ids[A]}`)).json();
    expect(a).toMatchObject({ uscc: A, name: '济南甲精密机械有限公司', regionName: '济南市历下区', industryRow: 'industry', employees: 120, revenueFen: 1_500_000_000, sizeClass: 'small' });
    expect(a.sizeReason).toContain('营业收入 1500 万元');
    const k = (await as(t.app, admin).get(`/api/enterprises/${ids[KANGTAI]}`)).json();
    expect(k).toMatchObject({ employees: 150, revenueFen: 3_000_000_000, industryCode: '3589', sizeClass: 'small' }); // 150 < 300 persons
    // The report survives: it is stored, not kept in the page.
    expect((await as(t.app, admin).get(`/api/imports/${enterpriseJobId}/issues`)).json().total).toBeGreaterThanOrEqual(2);
  });

  it('imports an official list (瞪羚 2019年度) with batch and validity, shown on the enterprise', async () => {
    const meta = { kind: 'list:gazelle', listName: '2019年度山东省瞪羚企业', batch: '2019年度', issuer: '山东省工业和信息化厅', issuedOn: '2019-12-20', validFrom: '2020-01-01', validTo: '2022-12-31', source: '鲁工信发〔2019〕示例号' };
    const file = await workbook(LIST_HEADER, [[A, '济南甲精密机械有限公司', '370102', '1'], [B, '济南乙电子有限公司', null, '2'], [X, '淄博丁新材料有限公司', '370303', '3']]);
    const res = await upload(t.app, admin, meta, { name: '瞪羚.xlsx', content: file });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.app, admin, res.json().id);
    expect(job).toMatchObject({ status: 'validated', validRows: 3, errorCount: 0, warningCount: 1 });
    expect(await count('official_list')).toBe(0);
    expect((await as(t.app, admin).post(`/api/imports/${res.json().id}/confirm`)).statusCode).toBe(202);
    const done = await waitForJob(t.app, admin, res.json().id);
    expect(done).toMatchObject({ status: 'done', confirmedRows: 3 });
    gazelleListId = done.listId as number;

    const detail = (await as(t.app, admin).get(`/api/enterprises/${ids[A]}`)).json();
    expect(detail.listKinds).toEqual(['gazelle']);
    expect(detail.entries).toEqual([expect.objectContaining({
      kind: 'gazelle', kindLabel: '山东省瞪羚企业', category: 'honour', batch: '2019年度', issuer: '山东省工业和信息化厅',
      validFrom: '2020-01-01', validTo: '2022-12-31', status: 'valid', statusLabel: '有效', removedAt: null,
    })]);
    const lists = (await as(t.app, admin).get('/api/lists')).json();
    expect(lists.items).toEqual([expect.objectContaining({ id: gazelleListId, name: '2019年度山东省瞪羚企业', entryCount: 3, removedCount: 0 })]);
    expect((await as(t.app, jinan).get('/api/lists')).json().items[0].entryCount).toBe(2); // 济南's two only

    // The same batch cannot be imported twice.
    const dup = await upload(t.app, admin, meta, { name: '瞪羚.xlsx', content: file });
    expect(dup.statusCode).toBe(409);

    // X joins the registry later and is linked to its entry.
    const later = await upload(t.app, admin, { kind: 'enterprises' }, { name: 'x.xlsx', content: await workbook(ENTERPRISE_HEADER, [[X, '淄博丁新材料有限公司', '370303', 'C', '2641', 80, 30_000_000, 50_000_000]]) });
    await waitForJob(t.app, admin, later.json().id);
    await as(t.app, admin).post(`/api/imports/${later.json().id}/confirm`);
    await waitForJob(t.app, admin, later.json().id);
    const entry = await t.app.ctx.db.selectFrom('list_entry').innerJoin('enterprise', 'enterprise.id', 'list_entry.enterprise_id').select('enterprise.uscc').where('list_entry.uscc', '=', X).executeTakeFirst();
    expect(entry?.uscc).toBe(X);
  });

  it('removes an enterprise from a list with a reason; the entry stays, marked removed', async () => {
    const entries = (await as(t.app, admin).get(`/api/lists/${gazelleListId}/entries`)).json();
    const b = (entries.items as { id: number; uscc: string }[]).find((e) => e.uscc === B)!;
    expect((await as(t.app, jinan).post(`/api/lists/${gazelleListId}/entries/${b.id}/remove`, { reason: '复核不合格' })).statusCode).toBe(403);
    expect((await as(t.app, admin).post(`/api/lists/${gazelleListId}/entries/${b.id}/remove`, { reason: '' })).statusCode).toBe(400);
    const res = await as(t.app, admin).post(`/api/lists/${gazelleListId}/entries/${b.id}/remove`, { reason: '2020年复核不合格' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ removalReason: '2020年复核不合格', removedBy: 'admin' });
    expect((await as(t.app, admin).post(`/api/lists/${gazelleListId}/entries/${b.id}/remove`, { reason: '再次' })).statusCode).toBe(409);
    expect(await auditCount('list.entry-removed')).toBe(1);
    const detail = (await as(t.app, admin).get(`/api/enterprises/${ids[B]}`)).json();
    expect(detail.listKinds).toEqual([]);
    expect(detail.entries).toEqual([expect.objectContaining({ status: 'removed', statusLabel: '已移出', removalReason: '2020年复核不合格' })]);
    expect((await as(t.app, admin).get(`/api/lists/${gazelleListId}/entries?status=removed`)).json().total).toBe(1);
  });

  it('searches by name, code, region, list and size', async () => {
    expect(await search(admin, `q=${encodeURIComponent('精密')}`)).toEqual([A]);
    expect(await search(admin, `q=${A.slice(4, 14)}`)).toEqual([A]);
    expect((await search(admin, 'regionCode=370100')).sort()).toEqual([A, KANGTAI, B].sort());
    expect((await search(admin, 'regionCode=370102')).sort()).toEqual([A, KANGTAI].sort());
    expect(await search(admin, 'list=gazelle')).toEqual([A, X]);
    expect(await search(admin, 'list=gazelle&regionCode=370100')).toEqual([A]);
    expect(await search(admin, 'size=small')).toContain(A);
    expect((await as(t.app, admin).get('/api/enterprises?regionCode=110101')).statusCode).toBe(400);
    expect((await as(t.app, admin).get('/api/enterprises?list=nothing')).json().error.message).toContain('名单类型无效');

    const exported = await as(t.app, admin).get('/api/enterprises/export?regionCode=370100');
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBe(4);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('统一社会信用代码');
  });

  it('keeps each reader to its region', async () => {
    expect((await as(t.app, qingdao).get(`/api/enterprises/${ids[A]}`)).statusCode).toBe(404);
    expect((await search(qingdao, '')).sort()).toEqual([C, HAIFANG].sort());
    expect((await search(lixia, '')).sort()).toEqual([A, KANGTAI].sort());
    expect((await search(jinan, '')).sort()).toEqual([A, B, KANGTAI].sort());
    expect((await as(t.app, qingdao).get(`/api/lists/${gazelleListId}/entries`)).json().total).toBe(0);
  });

  it('refuses parties without the permission', async () => {
    expect((await as(t.app, icbc).get('/api/enterprises')).statusCode).toBe(403);
    expect((await as(t.app, icbc).get(`/api/enterprises/${ids[A]}`)).statusCode).toBe(403);
    expect((await as(t.app, icbc).get('/api/lists')).statusCode).toBe(403);
    const file = await workbook(ENTERPRISE_HEADER, [[makeUscc('370102', 9), '某公司', '370102', null, null, null, null, null]]);
    expect((await upload(t.app, icbc, { kind: 'enterprises' }, { name: 'a.xlsx', content: file })).statusCode).toBe(403);
    expect((await upload(t.app, qingdao, { kind: 'enterprises' }, { name: 'a.xlsx', content: file })).statusCode).toBe(403); // reviewer only
    expect((await as(t.app, kangtai).get('/api/enterprises')).statusCode).toBe(403);
    const mine = await as(t.app, kangtai).get('/api/enterprises/mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().uscc).toBe(KANGTAI);
    expect((await as(t.app, jinan).get('/api/enterprises/mine')).statusCode).toBe(404);
  });

  it('updates a profile with a version check and recomputes the size (300号 boundary)', async () => {
    const current = (await as(t.app, admin).get(`/api/enterprises/${ids[A]}`)).json();
    const stale = await as(t.app, admin).patch(`/api/enterprises/${ids[A]}`, { employees: 10, version: current.version - 1 + 2 });
    expect(stale.statusCode).toBe(409);
    const bad = await as(t.app, admin).patch(`/api/enterprises/${ids[A]}`, { employees: -1, version: current.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('从业人员不能为负');
    const counts = await tableCounts(t.app);

    // 工业: 300 persons and 2000万元 = exactly the medium bounds → medium.
    const res = await as(t.app, lixia).patch(`/api/enterprises/${ids[A]}`, { industrySection: 'C', industryCode: null, employees: 300, revenueFen: 2_000 * 1_000_000, version: current.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sizeClass: 'medium', sizeLabel: '中型', version: current.version + 1 });
    expect(res.json().sizeReason).toBe('工业：从业人员 300 人（≥300，<1000）、营业收入 2000 万元（≥2000，<40000）→ 中型');
    expect((await tableCounts(t.app)).audit_event).toBe(counts.audit_event! + 1);
    const again = await as(t.app, admin).patch(`/api/enterprises/${ids[A]}`, { employees: 299, version: current.version });
    expect(again.statusCode).toBe(409);

    const missing = await as(t.app, admin).patch(`/api/enterprises/${ids[A]}`, { employees: null, version: current.version + 1 });
    expect(missing.json()).toMatchObject({ sizeClass: null, sizeReason: '工业：缺少从业人员，无法划型' });

    // Out of scope and without the right.
    expect((await as(t.app, qingdao).patch(`/api/enterprises/${ids[C]}`, { employees: 1, version: 1 })).statusCode).toBe(403);
    expect((await as(t.app, lixia).patch(`/api/enterprises/${ids[C]}`, { employees: 1, version: 1 })).statusCode).toBe(404);
    // The enterprise's own admin may update its indicators, not its region, and nobody else's.
    const own = (await as(t.app, kangtai).get('/api/enterprises/mine')).json();
    expect((await as(t.app, kangtai).patch(`/api/enterprises/${own.id}`, { employees: 160, version: own.version })).statusCode).toBe(200);
    expect((await as(t.app, kangtai).patch(`/api/enterprises/${own.id}`, { regionCode: '370103', version: own.version + 1 })).statusCode).toBe(403);
    expect((await as(t.app, kangtai).patch(`/api/enterprises/${ids[A]}`, { employees: 1, version: 1 })).statusCode).toBe(404);
  });

  it('refuses bad uploads with a clear 400 and stores nothing', async () => {
    const before = { ...(await tableCounts(t.app)), jobs: await count('import_job') };
    const notExcel = await upload(t.app, admin, { kind: 'enterprises' }, { name: 'a.xlsx', content: Buffer.from('not a spreadsheet at all') });
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().error.message).toContain('文件不是有效的 Excel（.xlsx）');
    const brokenZip = await upload(t.app, admin, { kind: 'enterprises' }, { name: 'a.xlsx', content: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]) });
    expect(brokenZip.statusCode).toBe(400);
    expect(brokenZip.json().error.message).toContain('文件不是有效的 Excel（.xlsx）');
    const headers = await upload(t.app, admin, { kind: 'enterprises' }, { name: 'a.xlsx', content: await workbook(['企业名称', '地址'], [['某公司', '济南']]) });
    expect(headers.statusCode).toBe(400);
    expect(headers.json().error.message).toBe('表头缺少必需的列：统一社会信用代码、所在地区划代码。请使用下载的模板（第 1 行为表头）');
    const empty = await upload(t.app, admin, { kind: 'enterprises' }, { name: 'a.xlsx', content: await workbook(ENTERPRISE_HEADER, []) });
    expect(empty.statusCode).toBe(400);
    const noMeta = await upload(t.app, admin, { kind: 'list:gazelle', listName: '瞪羚' }, { name: 'a.xlsx', content: await workbook(LIST_HEADER, [[A, '甲', null, null]]) });
    expect(noMeta.statusCode).toBe(400);
    expect(noMeta.json().error.message).toContain('批次不能为空');
    const badKind = await upload(t.app, admin, { kind: 'list:nothing' }, { name: 'a.xlsx', content: await workbook(LIST_HEADER, [[A, '甲', null, null]]) });
    expect(badKind.statusCode).toBe(400);
    const noFile = await upload(t.app, admin, { kind: 'enterprises' });
    expect(noFile.statusCode).toBe(400);
    const full = multipart({ kind: 'enterprises' }, { name: 'a.xlsx', content: await workbook(ENTERPRISE_HEADER, [[A, '甲', '370102', null, null, null, null, null]]) });
    const truncated = await t.app.inject({ method: 'POST', url: '/api/imports', payload: full.payload.subarray(0, full.payload.length - 300), headers: { ...full.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(truncated.statusCode, truncated.body).toBe(400);
    const json = await as(t.app, admin).post('/api/imports', { kind: 'enterprises' });
    expect(json.statusCode).toBe(400);
    const cityList = await upload(t.app, jinan, { kind: 'list:gazelle', listName: '甲', batch: '1', issuer: '乙', issuedOn: '2020-01-01' }, { name: 'a.xlsx', content: await workbook(LIST_HEADER, [[A, '甲', null, null]]) });
    expect(cityList.statusCode).toBe(403);
    expect({ ...(await tableCounts(t.app)), jobs: await count('import_job') }).toEqual(before);
  });

  it('checks the importer\'s region, lists jobs by organisation, and cancels', async () => {
    const file = await workbook(ENTERPRISE_HEADER, [
      [makeUscc('370102', 2001), '济南戊有限公司', '370102', null, null, null, null, null],
      [makeUscc('370202', 2002), '青岛己有限公司', '370202', null, null, null, null, null],
    ]);
    const res = await upload(t.app, jinan, { kind: 'enterprises' }, { name: '济南.xlsx', content: file });
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForJob(t.app, jinan, res.json().id);
    expect(job).toMatchObject({ status: 'validated', validRows: 1, errorCount: 1 });
    const issues = (await as(t.app, jinan).get(`/api/imports/${res.json().id}/issues?severity=error`)).json().items;
    expect(issues).toEqual([expect.objectContaining({ rowNo: 3, column: '所在地区划代码', code: 'OUT_OF_SCOPE' })]);

    const mine = (await as(t.app, jinan).get('/api/imports')).json().items as { id: number }[];
    expect(mine.map((j) => j.id)).toEqual([res.json().id]);
    expect((await as(t.app, admin).get('/api/imports?kind=enterprises')).json().total).toBeGreaterThanOrEqual(3);
    expect((await as(t.app, lixia).get(`/api/imports/${res.json().id}`)).statusCode).toBe(404);

    const cancelled = await as(t.app, jinan).post(`/api/imports/${res.json().id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusLabel: '已取消' });
    expect((await as(t.app, jinan).post(`/api/imports/${res.json().id}/confirm`)).statusCode).toBe(409);
    expect(await t.app.ctx.db.selectFrom('import_row').select('row_no').where('job_id', '=', res.json().id).execute()).toEqual([]);
  });

  it('resumes a write whose instance stopped, and fails a validation that cannot resume', async () => {
    const codes = [makeUscc('370103', 3001), makeUscc('370103', 3002), makeUscc('370103', 3003)];
    const res = await upload(t.app, admin, { kind: 'enterprises' }, { name: 'r.xlsx', content: await workbook(ENTERPRISE_HEADER, codes.map((c, i) => [c, `济南庚${i}有限公司`, '370103', null, null, null, null, null])) });
    const id = res.json().id as number;
    await waitForJob(t.app, admin, id);
    // As if another instance had confirmed it and then stopped before writing anything.
    const adminId = (await t.app.ctx.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const stale = new Date(t.clock.now().getTime() - 10 * 60_000).toISOString();
    await t.app.ctx.db.updateTable('import_job').set({ status: 'confirming', runner: 'gone:1', heartbeat_at: stale, confirmed_by: adminId, confirmed_at: stale }).where('id', '=', id).execute();
    const other = createImportRunner(t.app.ctx);
    await other.sweep();
    await other.idle();
    expect(await waitForJob(t.app, admin, id)).toMatchObject({ status: 'done', confirmedRows: 3 });
    expect((await search(admin, 'regionCode=370103')).sort()).toEqual([...codes].sort());

    const second = await upload(t.app, admin, { kind: 'enterprises' }, { name: 's.xlsx', content: await workbook(ENTERPRISE_HEADER, [[makeUscc('370103', 3004), '济南辛有限公司', '370103', null, null, null, null, null]]) });
    await waitForJob(t.app, admin, second.json().id);
    await t.app.ctx.db.updateTable('import_job').set({ status: 'validating', runner: 'gone:2', heartbeat_at: stale }).where('id', '=', second.json().id).execute();
    await other.sweep();
    expect(await waitForJob(t.app, admin, second.json().id)).toMatchObject({ status: 'failed', errorMessage: expect.stringContaining('请重新上传') });
    await other.close();
  });
});
