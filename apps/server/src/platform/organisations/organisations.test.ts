import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { as, createTestApp, DEMO_PASSWORD, DIALECTS, type Session, tableCounts, type TestApp } from '../../test/harness';

const CHINESE = /[\u4e00-\u9fa5]/;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PROVINCE_BODY_KINDS = ['department', 'finance-group', 'bridge-fund'];

let ipSeq = 0;
const freshIp = () => {
  ipSeq += 1;
  return `10.40.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

async function signIn(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: freshIp() });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string, username };
}

interface OrgNode { id: number; name: string; kind: string; code: string | null; regionCode: string | null; children: OrgNode[] }
const flatten = (nodes: OrgNode[]): OrgNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

async function tree(app: App, s: Session, query = ''): Promise<OrgNode[]> {
  const res = await as(app, s).get(`/api/organisations/tree${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as OrgNode[];
}

async function readSheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: ws.name, header: rows[0] as string[], rows: rows.slice(1) };
}

let seq = 0;

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  let jinanId: number;
  let qingdaoId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await signIn(t.app, 'admin');
    const cities = flatten(await tree(t.app, admin)).filter((n) => n.kind === 'city');
    jinanId = cities.find((c) => c.name === '济南市')!.id;
    qingdaoId = cities.find((c) => c.name === '青岛市')!.id;
  });
  afterAll(() => t?.close());

  /** Factory: a bank under 济南市, created by the city admin. */
  async function makeBank(): Promise<{ id: number; name: string }> {
    const jinan = await signIn(t.app, 'jinan');
    const name = `测试银行济南分行${++seq}`;
    const res = await as(t.app, jinan).post('/api/organisations', { parentId: jinanId, kind: 'bank', name, code: `BANK-T${seq}` });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id, name };
  }

  it('the reference tree as on 2020-02-17: 1 province, 4 province bodies, 16 cities, 137 counties', async () => {
    const admin = await signIn(t.app, 'admin');
    const roots = await tree(t.app, admin);
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root).toMatchObject({ name: '山东省', kind: 'province', code: '370000' });
    const all = flatten(roots);
    expect(all.filter((n) => n.kind === 'province')).toHaveLength(1);
    const bodies = root.children.filter((n) => PROVINCE_BODY_KINDS.includes(n.kind));
    expect(bodies.map((b) => b.code).sort()).toEqual(['BFP', 'DEPT', 'FG', 'FIN']);
    expect(bodies.find((b) => b.code === 'DEPT')!.name).toBe('山东省工业和信息化厅');
    const cities = root.children.filter((n) => n.kind === 'city');
    expect(cities).toHaveLength(16);
    const counties = all.filter((n) => n.kind === 'county');
    expect(counties).toHaveLength(137);
    // Every county sits under the city of its code; cities are in code order.
    for (const city of cities) {
      for (const c of city.children.filter((n) => n.kind === 'county')) expect(c.code!.slice(0, 4)).toBe(city.code!.slice(0, 4));
    }
    expect(cities.map((c) => c.code)).toEqual([...cities.map((c) => c.code)].sort());
    // 莱芜 was merged into 济南 in 2019: no 莱芜市 any more, but 济南 has 莱芜区 and 钢城区.
    expect(cities.map((c) => c.name)).not.toContain('莱芜市');
    expect(cities.find((c) => c.name === '济南市')!.children.filter((n) => n.kind === 'county')).toHaveLength(12);
    // Enterprises stay out of the tree unless asked for.
    expect(all.filter((n) => n.kind === 'enterprise')).toEqual([]);
    const withEnterprises = flatten(await tree(t.app, admin, '?includeEnterprises=true'));
    expect(withEnterprises.filter((n) => n.kind === 'enterprise').map((n) => n.name)).toEqual(expect.arrayContaining(['济南康泰医疗器械有限公司']));
  });

  it('a city sees its own subtree only', async () => {
    const jinan = await signIn(t.app, 'jinan');
    const roots = await tree(t.app, jinan);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ id: jinanId, name: '济南市', kind: 'city' });
    const all = flatten(roots);
    expect(all.filter((n) => n.kind === 'county')).toHaveLength(12);
    expect(all.map((n) => n.name)).not.toContain('青岛市');
    expect(all.filter((n) => n.kind === 'province' || PROVINCE_BODY_KINDS.includes(n.kind))).toEqual([]);
    // The list agrees with the tree (enterprises included), and another city's organisation is not found.
    const list = await as(t.app, jinan).get('/api/organisations?pageSize=200');
    expect(list.json().total).toBe(flatten(await tree(t.app, jinan, '?includeEnterprises=true')).length);
    const other = await as(t.app, jinan).get(`/api/organisations/${qingdaoId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toMatch(CHINESE);
    expect((await as(t.app, jinan).get(`/api/organisations/${jinanId}`)).json()).toMatchObject({ id: jinanId, name: '济南市', parentId: expect.any(Number) });
  });

  it('a county sees its own subtree only', async () => {
    const lixia = await signIn(t.app, 'lixia');
    const roots = await tree(t.app, lixia);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ name: '历下区', kind: 'county', code: '370102' });
  });

  it('a bank user (icbc) sees only its own bank', async () => {
    const icbc = await signIn(t.app, 'icbc');
    const roots = await tree(t.app, icbc);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ name: '中国工商银行股份有限公司山东省分行', kind: 'bank' });
    expect(flatten(roots)).toHaveLength(1);
    const list = await as(t.app, icbc).get('/api/organisations?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: { kind: string }) => o.kind)).toEqual(['bank']);
    expect((await as(t.app, icbc).get(`/api/organisations/${jinanId}`)).statusCode).toBe(404);
  });

  it('lists with filters: kind and text', async () => {
    const admin = await signIn(t.app, 'admin');
    const cities = await as(t.app, admin).get('/api/organisations?kind=city&pageSize=200');
    expect(cities.json().total).toBe(16);
    const jn = await as(t.app, admin).get(`/api/organisations?kind=city&q=${encodeURIComponent('济南')}`);
    expect(jn.json().items).toEqual([expect.objectContaining({ id: jinanId, name: '济南市', code: '370100', regionCode: '370100' })]);
    const byCode = await as(t.app, admin).get('/api/organisations?q=370102');
    expect(byCode.json().items.map((o: { name: string }) => o.name)).toContain('历下区');
    // LIKE wildcards are literal.
    expect((await as(t.app, admin).get('/api/organisations?q=%25')).json().total).toBe(0);
    expect((await as(t.app, admin).get(`/api/organisations?parentId=${jinanId}&kind=county`)).json().total).toBe(12);
  });

  it('a city admin adds a bank under 济南市 → 201, audited, visible in its tree', async () => {
    const jinan = await signIn(t.app, 'jinan');
    const res = await as(t.app, jinan).post('/api/organisations', { parentId: jinanId, kind: 'bank', name: '测试银行济南分行', code: 'BANK-TEST-JN' });
    expect(res.statusCode, res.body).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ name: '测试银行济南分行', kind: 'bank', parentId: jinanId, regionCode: '370100', status: 'active' });
    expect(org.path).toMatch(new RegExp(`/${jinanId}/${org.id}/$`));
    expect(flatten(await tree(t.app, jinan)).map((n) => n.id)).toContain(org.id);
    const audit = await t.app.ctx.db.selectFrom('audit_event').select(['action', 'actor_username']).where('entity_type', '=', 'organisation').where('entity_id', '=', String(org.id)).execute();
    expect(audit).toEqual([{ action: 'organisation.created', actor_username: 'jinan' }]);
    // The same code of the same kind again → 409 naming the holder.
    const dup = await as(t.app, jinan).post('/api/organisations', { parentId: jinanId, kind: 'bank', name: '另一家', code: 'BANK-TEST-JN' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('测试银行济南分行');
  });

  it('a county under a bank → 400 naming kind, nothing stored', async () => {
    const bank = await makeBank();
    const jinan = await signIn(t.app, 'jinan');
    const before = await tableCounts(t.app);
    const res = await as(t.app, jinan).post('/api/organisations', { parentId: bank.id, kind: 'county', name: '不该有的县' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CHINESE);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'kind' })]);
    expect(await tableCounts(t.app)).toEqual(before);
    // A branch bank under a bank is allowed.
    const branch = await as(t.app, jinan).post('/api/organisations', { parentId: bank.id, kind: 'bank', name: `${bank.name}支行` });
    expect(branch.statusCode, branch.body).toBe(201);
  });

  it.each([
    ['a city under a city', 'city'],
    ['a province body under a city', 'department'],
    ['a province under a city', 'province'],
  ])('refuses %s → 400 kind', async (_label, kind) => {
    const jinan = await signIn(t.app, 'jinan');
    const res = await as(t.app, jinan).post('/api/organisations', { parentId: jinanId, kind, name: '不允许' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('kind');
  });

  it('an unknown kind → 400 naming kind', async () => {
    const jinan = await signIn(t.app, 'jinan');
    const res = await as(t.app, jinan).post('/api/organisations', { parentId: jinanId, kind: 'ministry', name: '不存在的类型' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CHINESE);
    expect(res.json().error.details[0].path).toBe('kind');
  });

  // The region of an organisation widens what its users see (a county reviewer sees the
  // registrations and cases located in its region), so a city may only place organisations in
  // its own region: otherwise 济南 could give itself a "county" in 青岛 and review 青岛's firms.
  it('a city admin cannot place an organisation in another city\'s region → 400 regionCode', async () => {
    const jinan = await signIn(t.app, 'jinan');
    const before = await tableCounts(t.app);
    for (const kind of ['county', 'bank']) {
      const res = await as(t.app, jinan).post('/api/organisations', { parentId: jinanId, kind, name: `青岛的${kind}`, regionCode: '370202' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].path).toBe('regionCode');
    }
    expect(await tableCounts(t.app)).toEqual(before);
    // Its own region is fine.
    const ok = await as(t.app, jinan).post('/api/organisations', { parentId: jinanId, kind: 'bank', name: `历下的银行${++seq}`, regionCode: '370102' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a city admin cannot add under another city → 400 parentId', async () => {
    const jinan = await signIn(t.app, 'jinan');
    const before = await tableCounts(t.app);
    const res = await as(t.app, jinan).post('/api/organisations', { parentId: qingdaoId, kind: 'bank', name: '越权银行' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('parentId');
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it.each([
    ['lixia', 'a county reviewer'],
    ['icbc', 'a bank operator'],
    ['kangtai', 'an enterprise admin'],
  ])('%s (%s) may not create organisations → 403', async (username) => {
    const s = await signIn(t.app, username);
    const before = await tableCounts(t.app);
    const res = await as(t.app, s).post('/api/organisations', { parentId: jinanId, kind: 'bank', name: '越权银行' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(res.json().error.message).toMatch(CHINESE);
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it('export returns an xlsx with a Chinese header row, only the organisations in scope', async () => {
    const jinan = await signIn(t.app, 'jinan');
    const res = await as(t.app, jinan).get('/api/organisations/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.name).toBe('组织机构');
    expect(sheet.header).toEqual(['编号', '名称', '类型', '代码', '所在地区划代码', '上级编号', '状态']);
    const names = sheet.rows.map((r) => r[1]);
    expect(names).toContain('济南市');
    expect(names).toContain('历下区');
    expect(names).not.toContain('青岛市');
    expect(names).not.toContain('山东省');
    expect(sheet.rows.find((r) => r[1] === '历下区')![2]).toBe('县（市、区）');
    const list = await as(t.app, jinan).get('/api/organisations?pageSize=200');
    expect(sheet.rows).toHaveLength(list.json().total);
  });

  it('export honours the filters', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await as(t.app, admin).get('/api/organisations/export?kind=city');
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.rows).toHaveLength(16);
    expect(sheet.rows.every((r) => r[2] === '市')).toBe(true);
  });
});
