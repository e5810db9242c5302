import { formatInstantZh } from '@relief/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { as, createTestApp, DEMO_PASSWORD, DIALECTS, type Session, tableCounts, problemPaths, type TestApp } from '../../test/harness';

const CHINESE = /[\u4e00-\u9fa5]/;
const STRONG = 'Kx9#mPq2Lw';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let ipSeq = 0;
const freshIp = () => {
  ipSeq += 1;
  return `10.30.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

function postLogin(app: App, username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: freshIp() });
}

async function signIn(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await postLogin(app, username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string, username };
}

interface OrgNode { id: number; name: string; kind: string; code: string | null; children: OrgNode[] }

const flatten = (nodes: OrgNode[]): OrgNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

async function orgId(app: App, s: Session, kind: string, name: string): Promise<number> {
  const res = await as(app, s).get(`/api/organisations?kind=${kind}&q=${encodeURIComponent(name)}`);
  expect(res.statusCode, res.body).toBe(200);
  const item = (res.json().items as { id: number; name: string }[]).find((o) => o.name === name);
  if (!item) throw new Error(`organisation ${kind} ${name} not found`);
  return item.id;
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
const nextName = (prefix = 'user') => `${prefix}.${++seq}`;

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  let jinanId: number;
  let qingdaoId: number;
  let lixiaId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await signIn(t.app, 'admin');
    jinanId = await orgId(t.app, admin, 'city', '济南市');
    qingdaoId = await orgId(t.app, admin, 'city', '青岛市');
    lixiaId = await orgId(t.app, admin, 'county', '历下区');
  });
  afterAll(() => t?.close());

  /** Factory: a user created by the province admin through the API. */
  async function makeUser(over: Partial<{ username: string; organisationId: number; roles: string[]; password: string; displayName: string }> = {}) {
    const admin = await signIn(t.app, 'admin');
    const body = { username: nextName(), displayName: '测试用户', organisationId: lixiaId, roles: ['operator'], password: STRONG, ...over };
    const res = await as(t.app, admin).post('/api/users', body);
    expect(res.statusCode, res.body).toBe(201);
    return { ...(res.json() as { id: number; username: string; version: number; organisationId: number }), password: body.password };
  }

  it('the province admin lists users with paging', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await as(t.app, admin).get('/api/users?pageSize=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(5);
    expect(body.total).toBeGreaterThanOrEqual(12);
    expect(body.pageSize).toBe(5);
    const usernames = (await as(t.app, admin).get('/api/users?pageSize=200')).json().items.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'jinan', 'lixia', 'qingdao', 'icbc', 'kangtai']));
    // A view never carries a password hash.
    expect(res.body).not.toContain('scrypt$');
    expect(res.body).not.toMatch(/password/i);
  });

  it('filters by role, status and text', async () => {
    const admin = await signIn(t.app, 'admin');
    const reviewers = (await as(t.app, admin).get('/api/users?role=reviewer&pageSize=200')).json().items as { roles: string[] }[];
    expect(reviewers.length).toBeGreaterThan(0);
    expect(reviewers.every((u) => u.roles.includes('reviewer'))).toBe(true);
    const found = (await as(t.app, admin).get(`/api/users?q=${encodeURIComponent('历下区工信局')}`)).json().items as { username: string }[];
    expect(found.map((u) => u.username)).toEqual(['lixia']);
  });

  it('creates a user for 济南市 who then sees only 济南\'s subtree', async () => {
    const admin = await signIn(t.app, 'admin');
    const username = nextName('jn');
    const res = await as(t.app, admin).post('/api/users', { username, displayName: '济南管理员', organisationId: jinanId, roles: ['admin', 'viewer'], password: STRONG, phone: '0531-12345678' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username, organisationId: jinanId, organisationName: '济南市', roles: ['admin', 'viewer'], status: 'active', version: 1 });

    const s = await signIn(t.app, username, STRONG);
    const tree = await as(t.app, s).get('/api/organisations/tree');
    expect(tree.statusCode).toBe(200);
    const roots = tree.json() as OrgNode[];
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ name: '济南市', kind: 'city', code: '370100' });
    const counties = roots[0]!.children.filter((c) => c.kind === 'county');
    expect(counties).toHaveLength(12);
    expect(counties.map((c) => c.name)).toEqual(expect.arrayContaining(['历下区', '章丘区', '莱芜区', '钢城区', '济阳区']));
    const all = flatten(roots);
    expect(all.map((n) => n.name)).not.toContain('青岛市');
    expect(all.map((n) => n.name)).not.toContain('山东省');
    expect(all.filter((n) => ['province', 'department', 'finance-group', 'bridge-fund'].includes(n.kind))).toEqual([]);
    expect(all.every((n) => n.kind === 'city' ? n.code === '370100' : true)).toBe(true);
  });

  it('refuses a duplicate username with 409', async () => {
    const u = await makeUser();
    const admin = await signIn(t.app, 'admin');
    const before = await tableCounts(t.app);
    const res = await as(t.app, admin).post('/api/users', { username: u.username, displayName: '重复', organisationId: lixiaId, roles: ['viewer'], password: STRONG });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(u.username);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'username' })]);
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it.each([
    ['too short', 'Ab1#xyz'],
    ['one class', 'abcdefghijkl'],
    ['two classes', 'abcdefgh1234'],
  ])('refuses a weak password (%s) with 400 naming password', async (_label, password) => {
    const admin = await signIn(t.app, 'admin');
    const before = await tableCounts(t.app);
    const res = await as(t.app, admin).post('/api/users', { username: nextName(), displayName: '弱密码', organisationId: lixiaId, roles: ['viewer'], password });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CHINESE);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('password');
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it('refuses a password containing the username', async () => {
    const admin = await signIn(t.app, 'admin');
    const username = nextName('zhangsan');
    const res = await as(t.app, admin).post('/api/users', { username, displayName: '张三', organisationId: lixiaId, roles: ['viewer'], password: `A1#${username}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('password');
  });

  it('a city admin cannot create a user outside its subtree (济南 → 青岛市) → 400 organisationId', async () => {
    const jinan = await signIn(t.app, 'jinan');
    const before = await tableCounts(t.app);
    const res = await as(t.app, jinan).post('/api/users', { username: nextName(), displayName: '越权', organisationId: qingdaoId, roles: ['admin'], password: STRONG });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CHINESE);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'organisationId' })]);
    expect(await tableCounts(t.app)).toEqual(before);
    // Inside its subtree it may.
    const ok = await as(t.app, jinan).post('/api/users', { username: nextName(), displayName: '历下经办', organisationId: lixiaId, roles: ['operator'], password: STRONG });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses an organisation that does not exist → 400 organisationId', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await as(t.app, admin).post('/api/users', { username: nextName(), displayName: '无机构', organisationId: 99_999_999, roles: ['viewer'], password: STRONG });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'organisationId' })]);
  });

  it.each([
    ['organisationId', { organisationId: '济南' }],
    ['organisationId', { organisationId: 1.5 }],
    ['roles', { roles: 'admin' }],
    ['username', { username: 42 }],
    ['username', { username: '张三' }],
    ['displayName', { displayName: ['x'] }],
    ['password', { password: null }],
    ['phone', { phone: 'call me' }],
    ['roles', { roles: [] }],
  ])('wrong types or formats → 400 with a Chinese message naming %s', async (field, patch) => {
    const admin = await signIn(t.app, 'admin');
    const before = await tableCounts(t.app);
    const res = await as(t.app, admin).post('/api/users', { username: nextName(), displayName: '类型', organisationId: lixiaId, roles: ['viewer'], password: STRONG, ...patch });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(CHINESE);
    expect(problemPaths(res)).toContain(field);
    expect(error.details[0].path).toBe(field);
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it('an unknown role → 400', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await as(t.app, admin).post('/api/users', { username: nextName(), displayName: '角色', organisationId: lixiaId, roles: ['superuser'], password: STRONG });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CHINESE);
    expect(res.json().error.details[0].path).toBe('roles.0');
  });

  it('GET /api/users/:id returns a user in scope; 404 outside it', async () => {
    const u = await makeUser({ organisationId: qingdaoId });
    const admin = await signIn(t.app, 'admin');
    expect((await as(t.app, admin).get(`/api/users/${u.id}`)).json()).toMatchObject({ id: u.id, username: u.username });
    const jinan = await signIn(t.app, 'jinan');
    const res = await as(t.app, jinan).get(`/api/users/${u.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(CHINESE);
  });

  it('PATCH changes name, phone and roles and bumps the version', async () => {
    const u = await makeUser();
    const admin = await signIn(t.app, 'admin');
    const res = await as(t.app, admin).patch(`/api/users/${u.id}`, { displayName: '新名字', phone: '0531-88888888', roles: ['reviewer', 'viewer'], version: u.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '新名字', phone: '0531-88888888', roles: ['reviewer', 'viewer'], version: u.version + 1 });
  });

  it('PATCH with a stale version → 409 STALE_VERSION and nothing changed', async () => {
    const u = await makeUser({ displayName: '原名' });
    const admin = await signIn(t.app, 'admin');
    expect((await as(t.app, admin).patch(`/api/users/${u.id}`, { displayName: '第一次', version: u.version })).statusCode).toBe(200);
    const before = await tableCounts(t.app);
    const stale = await as(t.app, admin).patch(`/api/users/${u.id}`, { displayName: '第二次', roles: ['admin'], version: u.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(stale.json().error.message).toMatch(CHINESE);
    const now = (await as(t.app, admin).get(`/api/users/${u.id}`)).json();
    expect(now).toMatchObject({ displayName: '第一次', roles: ['operator'], version: u.version + 1 });
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it('an admin cannot remove its own admin role', async () => {
    const me = await makeUser({ roles: ['admin'], organisationId: jinanId });
    const s = await signIn(t.app, me.username, me.password);
    const res = await as(t.app, s).patch(`/api/users/${me.id}`, { roles: ['viewer'], version: me.version });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(CHINESE);
  });

  it('disable ends the user\'s sessions and refuses login; enable lets it back in', async () => {
    const u = await makeUser();
    const mine = await signIn(t.app, u.username, u.password);
    expect((await as(t.app, mine).get('/api/me')).statusCode).toBe(200);
    const admin = await signIn(t.app, 'admin');
    const disabled = await as(t.app, admin).post(`/api/users/${u.id}/disable`, { version: u.version });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled', version: u.version + 1 });
    expect((await as(t.app, mine).get('/api/me')).statusCode).toBe(401);
    const refused = await postLogin(t.app, u.username, u.password);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ACCOUNT_DISABLED');

    // Enabling with the old version is stale.
    expect((await as(t.app, admin).post(`/api/users/${u.id}/enable`, { version: u.version })).json().error.code).toBe('STALE_VERSION');
    const enabled = await as(t.app, admin).post(`/api/users/${u.id}/enable`, { version: u.version + 1 });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().status).toBe('active');
    expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(200);
    // The old session stays ended.
    expect((await as(t.app, mine).get('/api/me')).statusCode).toBe(401);
  });

  it('an admin cannot disable itself', async () => {
    const me = await makeUser({ roles: ['admin'], organisationId: jinanId });
    const s = await signIn(t.app, me.username, me.password);
    const res = await as(t.app, s).post(`/api/users/${me.id}/disable`, { version: me.version });
    expect(res.statusCode).toBe(403);
    expect((await as(t.app, s).get('/api/me')).statusCode).toBe(200);
  });

  it('reset password ends the user\'s sessions; the new password works, the old does not', async () => {
    const u = await makeUser();
    const mine = await signIn(t.app, u.username, u.password);
    const admin = await signIn(t.app, 'admin');
    const weak = await as(t.app, admin).post(`/api/users/${u.id}/reset-password`, { password: 'weak' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');
    expect((await as(t.app, mine).get('/api/me')).statusCode).toBe(200);

    const res = await as(t.app, admin).post(`/api/users/${u.id}/reset-password`, { password: 'Reset#Pass2020' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(u.version + 1);
    expect((await as(t.app, mine).get('/api/me')).statusCode).toBe(401);
    expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(401);
    expect((await postLogin(t.app, u.username, 'Reset#Pass2020')).statusCode).toBe(200);
  });

  it('reset password clears a lockout', async () => {
    const u = await makeUser();
    for (let i = 0; i < 5; i++) await postLogin(t.app, u.username, 'Wrong#Pass1');
    expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(423);
    const admin = await signIn(t.app, 'admin');
    expect((await as(t.app, admin).post(`/api/users/${u.id}/reset-password`, { password: 'Reset#Pass2021' })).statusCode).toBe(200);
    expect((await postLogin(t.app, u.username, 'Reset#Pass2021')).statusCode).toBe(200);
  });

  it('a non-admin (reviewer lixia) gets 403 on every /api/users route, and nothing changes', async () => {
    const u = await makeUser();
    const lixia = await signIn(t.app, 'lixia');
    const before = await tableCounts(t.app);
    const c = as(t.app, lixia);
    const responses = await Promise.all([
      c.get('/api/users'),
      c.get('/api/users/export'),
      c.get(`/api/users/${u.id}`),
      c.post('/api/users', { username: nextName(), displayName: '越权', organisationId: lixiaId, roles: ['admin'], password: STRONG }),
      c.patch(`/api/users/${u.id}`, { displayName: '越权', version: u.version }),
      c.post(`/api/users/${u.id}/disable`, { version: u.version }),
      c.post(`/api/users/${u.id}/enable`, { version: u.version }),
      c.post(`/api/users/${u.id}/reset-password`, { password: 'Reset#Pass2020' }),
    ]);
    for (const res of responses) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(res.json().error.message).toMatch(CHINESE);
    }
    expect(await tableCounts(t.app)).toEqual(before);
    expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(200);
  });

  it('the city admin jinan sees only users of 济南\'s subtree', async () => {
    await makeUser({ organisationId: qingdaoId });
    const admin = await signIn(t.app, 'admin');
    const jinanTree = flatten((await as(t.app, admin).get('/api/organisations/tree?includeEnterprises=true')).json() as OrgNode[])
      .find((n) => n.id === jinanId)!;
    const inScope = new Set(flatten([jinanTree]).map((n) => n.id));

    const jinan = await signIn(t.app, 'jinan');
    const res = await as(t.app, jinan).get('/api/users?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { username: string; organisationId: number }[];
    expect(items.length).toBeGreaterThan(0);
    expect(res.json().total).toBe(items.length);
    for (const u of items) expect(inScope.has(u.organisationId), `${u.username} at ${u.organisationId}`).toBe(true);
    const names = items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['jinan', 'lixia', 'zhuandai', 'kangtai']));
    for (const outside of ['admin', 'sgxt', 'qingdao', 'icbc', 'danbao']) expect(names).not.toContain(outside);
    // Filtering by an organisation outside the scope finds nothing rather than leaking.
    expect((await as(t.app, jinan).get(`/api/users?organisationId=${qingdaoId}`)).json().total).toBe(0);
  });

  it('the city admin cannot change a user outside its subtree (404, unchanged)', async () => {
    const u = await makeUser({ organisationId: qingdaoId });
    const jinan = await signIn(t.app, 'jinan');
    for (const res of [
      await as(t.app, jinan).patch(`/api/users/${u.id}`, { displayName: '越权', version: u.version }),
      await as(t.app, jinan).post(`/api/users/${u.id}/disable`, { version: u.version }),
      await as(t.app, jinan).post(`/api/users/${u.id}/reset-password`, { password: 'Reset#Pass2020' }),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(200);
  });

  it('export returns an xlsx with a Chinese header row, only the rows in scope', async () => {
    await makeUser({ organisationId: qingdaoId });
    const jinan = await signIn(t.app, 'jinan');
    const res = await as(t.app, jinan).get('/api/users/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('用户.xlsx'));
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.name).toBe('用户');
    expect(sheet.header).toEqual(['用户名', '姓名', '所属机构', '角色', '状态', '电话', '最近登录']);
    const items = (await as(t.app, jinan).get('/api/users?pageSize=200')).json().items as { username: string; lastLoginAt: string | null }[];
    const listed = items.map((u) => u.username);
    // Beijing time, as people read it, not the stored UTC text.
    const jinanRow = sheet.rows.find((r) => r[0] === 'jinan')!;
    expect(jinanRow[6]).toBe(formatInstantZh(items.find((u) => u.username === 'jinan')!.lastLoginAt!));
    expect(jinanRow[6]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    const exported = sheet.rows.map((r) => r[0]);
    expect(exported.sort()).toEqual([...listed].sort());
    expect(exported).not.toContain('admin');
    expect(exported).not.toContain('qingdao');
    const lixiaRow = sheet.rows.find((r) => r[0] === 'lixia')!;
    expect(lixiaRow[3]).toContain('审核员');
    expect(lixiaRow[4]).toBe('正常');
  });

  it('export honours the list filters', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await as(t.app, admin).get('/api/users/export?role=admin');
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.rows.length).toBeGreaterThan(0);
    expect(sheet.rows.every((r) => String(r[3]).includes('管理员'))).toBe(true);
  });
});
