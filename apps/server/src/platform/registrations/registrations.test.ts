import { computeUsccCheckChar, formatInstantZh, USCC_CHARSET } from '@relief/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { as, createTestApp, DEMO_PASSWORD, DIALECTS, type Session, tableCounts, type TestApp } from '../../test/harness';

const CHINESE = /[\u4e00-\u9fa5]/;
const STRONG = 'Kx9#mPq2Lw';

// Logins and registrations each come from their own address, so the per-IP limits (30 logins
// per 5 minutes, 20 registrations per hour) never couple one test to another.
let ipSeq = 0;
const freshIp = () => {
  ipSeq += 1;
  return `10.50.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

function postLogin(app: App, username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: freshIp() });
}

async function signIn(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await postLogin(app, username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string, username };
}

let seq = 0;
/** A valid 统一社会信用代码 of an enterprise (91) registered in `region`: 17 characters + check character. */
function newUscc(region = '370102'): string {
  seq += 1;
  const first17 = `91${region}MA3${String(seq).padStart(6, '0')}`;
  return first17 + computeUsccCheckChar(first17);
}

/** A registration body that passes every rule; override what a test is about. */
function registrationBody(over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    uscc: newUscc(),
    name: `济南测试企业${seq}有限公司`,
    regionCode: '370102',
    industrySection: 'C',
    employees: 80,
    revenueFen: 1_200_000_000,
    assetsFen: 900_000_000,
    contactName: '王经理',
    contactPhone: '0531-86001234',
    username: `ent.${seq}`,
    password: STRONG,
    ...over,
  };
}

function register(app: App, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/registrations', payload: body, remoteAddress: freshIp() });
}

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  /** Factory: a pending registration in 历下区. */
  async function pending(over: Record<string, unknown> = {}) {
    const body = registrationBody(over);
    const res = await register(t.app, body);
    expect(res.statusCode, res.body).toBe(201);
    return { ...(res.json() as { id: number; uscc: string; version: number }), body };
  }

  it('an enterprise registers itself with a valid code → 201 pending', async () => {
    const body = registrationBody();
    const res = await register(t.app, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      uscc: body.uscc, name: body.name, regionCode: '370102', regionName: '济南市历下区', industrySection: 'C', employees: 80,
      revenueFen: 1_200_000_000, assetsFen: 900_000_000, contactName: '王经理', username: body.username, status: 'pending',
      rejectReason: null, decidedAt: null, version: 1,
    });
    expect(res.body).not.toContain(STRONG);
    expect(res.body).not.toContain('scrypt$');
  });

  it('a lower-case code with spaces is accepted as the same code in upper case', async () => {
    const body = registrationBody();
    const res = await register(t.app, { ...body, uscc: `  ${body.uscc.toLowerCase()} ` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().uscc).toBe(body.uscc);
  });

  it('a wrong check character → 400 whose message names the expected character', async () => {
    const good = newUscc();
    const expected = good.charAt(17);
    const wrong = [...USCC_CHARSET].find((c) => c !== expected)!;
    const before = await tableCounts(t.app);
    const res = await register(t.app, registrationBody({ uscc: good.slice(0, 17) + wrong }));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(`应为 ${expected}`);
    expect(error.message).not.toContain('uscc');
    expect(error.details[0]).toMatchObject({ path: 'uscc', message: expect.stringContaining(`应为 ${expected}`) });
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it.each([
    ['17 characters', (u: string) => u.slice(0, 17)],
    ['a forbidden letter', (u: string) => `${u.slice(0, 10)}I${u.slice(11)}`],
    ['letters in the division code', (u: string) => `91AB${u.slice(4)}`],
  ])('a malformed code (%s) → 400 naming uscc', async (_label, spoil) => {
    const res = await register(t.app, registrationBody({ uscc: spoil(newUscc()) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('uscc');
    expect(res.json().error.message).toMatch(CHINESE);
  });

  it.each([
    ['outside Shandong (北京东城区)', '110101'],
    ['a Shandong code that does not exist', '370199'],
    ['a city, not a county', '370100'],
    ['a county abolished in 2019 (莱芜市莱城区)', '371202'],
    ['not a code', '历下区'],
  ])('a region %s → 400 naming regionCode', async (_label, regionCode) => {
    const before = await tableCounts(t.app);
    const res = await register(t.app, registrationBody({ regionCode }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CHINESE);
    expect(res.json().error.details[0].path).toBe('regionCode');
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it.each([
    ['too short', 'Ab1#xyz'],
    ['two classes', 'abcdefgh1234'],
  ])('a weak password (%s) → 400 naming password', async (_label, password) => {
    const before = await tableCounts(t.app);
    const res = await register(t.app, registrationBody({ password }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(CHINESE);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('password');
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it('a password containing the username → 400 naming password', async () => {
    const res = await register(t.app, registrationBody({ username: 'kangda', password: 'Kangda#2020x' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('password');
  });

  it('a second pending request for the same code → 409 naming the existing request', async () => {
    const first = await pending();
    const before = await tableCounts(t.app);
    const res = await register(t.app, registrationBody({ uscc: first.uscc }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    expect(res.json().error.message).toContain(`编号 ${first.id}`);
    expect(res.json().error.details).toEqual({ existingId: first.id });
    expect(await tableCounts(t.app)).toEqual(before);
  });

  // Typed on a Chinese keyboard, the code comes in full-width characters. It is the same code,
  // so it must be stored normalised and found as the duplicate it is.
  it('the same code typed in full-width characters is the same code → 409', async () => {
    const first = await pending();
    const fullWidth = first.uscc.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const res = await register(t.app, registrationBody({ uscc: fullWidth }));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.details).toEqual({ existingId: first.id });
  });

  it('a full-width code is stored in its normal (half-width) form', async () => {
    const body = registrationBody();
    const fullWidth = body.uscc.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const res = await register(t.app, { ...body, uscc: fullWidth });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().uscc).toBe(body.uscc);
  });

  it('a username already taken by a user or by a pending request → 409', async () => {
    const taken = await register(t.app, registrationBody({ username: 'kangtai' }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('kangtai');
    expect(taken.json().error.details).toEqual([expect.objectContaining({ path: 'username' })]);
    const first = await pending();
    const again = await register(t.app, registrationBody({ username: first.body.username }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual([expect.objectContaining({ path: 'username' })]);
  });

  it('the county reviewer (lixia, 历下区) sees it; the 青岛 reviewer does not and cannot decide it', async () => {
    const reg = await pending();
    const lixia = await signIn(t.app, 'lixia');
    const mine = await as(t.app, lixia).get('/api/registrations?status=pending&pageSize=200');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((r: { id: number }) => r.id)).toContain(reg.id);
    expect(mine.json().items.every((r: { regionCode: string }) => r.regionCode === '370102')).toBe(true);
    const byCode = await as(t.app, lixia).get(`/api/registrations?q=${reg.uscc}`);
    expect(byCode.json().items.map((r: { id: number }) => r.id)).toEqual([reg.id]);

    const qingdao = await signIn(t.app, 'qingdao');
    const theirs = await as(t.app, qingdao).get('/api/registrations?pageSize=200');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().items.map((r: { id: number }) => r.id)).not.toContain(reg.id);
    const before = await tableCounts(t.app);
    const activate = await as(t.app, qingdao).post(`/api/registrations/${reg.id}/activate`);
    expect(activate.statusCode).toBe(404);
    expect(activate.json().error.message).toMatch(CHINESE);
    const reject = await as(t.app, qingdao).post(`/api/registrations/${reg.id}/reject`, { reason: '越权驳回' });
    expect(reject.statusCode).toBe(404);
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it('the city (jinan) and the province (sgxt) see it too', async () => {
    const reg = await pending();
    for (const username of ['jinan', 'sgxt']) {
      const s = await signIn(t.app, username);
      const res = await as(t.app, s).get('/api/registrations?pageSize=200');
      expect(res.json().items.map((r: { id: number }) => r.id), username).toContain(reg.id);
    }
  });

  it('the county reviewer exports its registrations: Chinese headers, its region only, times in Beijing time; a bank may not', async () => {
    const reg = await pending();
    const lixia = await signIn(t.app, 'lixia');
    const res = await as(t.app, lixia).get('/api/registrations/export');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['统一社会信用代码', '企业名称', '所在地', '联系人', '联系电话', '用户名', '状态', '驳回理由', '提交时间']);
    const listed = (await as(t.app, lixia).get(`/api/registrations?q=${reg.uscc}`)).json().items[0] as { createdAt: string; regionName: string };
    const row = rows.find((r) => r[0] === reg.uscc)!;
    expect(row[6]).toBe('待激活');
    expect(row[8]).toBe(formatInstantZh(listed.createdAt));
    expect(new Set(rows.slice(1).map((r) => r[2]))).toEqual(new Set([listed.regionName]));
    expect((await as(t.app, await signIn(t.app, 'icbc')).get('/api/registrations/export')).statusCode).toBe(403);
  });

  it.each([
    ['icbc', 'a bank reviewer'],
    ['kangtai', 'an enterprise admin'],
  ])('%s (%s) may not review registrations → 403', async (username) => {
    const reg = await pending();
    const s = await signIn(t.app, username);
    expect((await as(t.app, s).get('/api/registrations')).statusCode).toBe(403);
    expect((await as(t.app, s).post(`/api/registrations/${reg.id}/activate`)).statusCode).toBe(403);
    expect((await as(t.app, s).post(`/api/registrations/${reg.id}/reject`, { reason: '无权' })).statusCode).toBe(403);
  });

  it('lixia activates → the enterprise logs in as an enterprise under 历下区', async () => {
    const reg = await pending();
    const lixia = await signIn(t.app, 'lixia');
    const lixiaOrg = (await as(t.app, lixia).get('/api/me')).json().user.organisation;
    const res = await as(t.app, lixia).post(`/api/registrations/${reg.id}/activate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: reg.id, status: 'activated', version: 2, decidedAt: t.clock.now().toISOString() });

    const ent = await signIn(t.app, reg.body.username, STRONG);
    const me = (await as(t.app, ent).get('/api/me')).json();
    expect(me.user.organisation).toMatchObject({ kind: 'enterprise', name: reg.body.name, code: reg.uscc, regionCode: '370102' });
    expect(me.user.organisation.path.startsWith(lixiaOrg.path)).toBe(true);
    expect(me.user.organisation.path).toBe(`${lixiaOrg.path}${me.user.organisation.id}/`);
    expect(me.user.roles).toEqual(['admin', 'operator']);
    expect(me.user.displayName).toBe('王经理');

    // The firm is now in the county's tree and in the enterprise registry.
    const tree = await as(t.app, lixia).get('/api/organisations/tree?includeEnterprises=true');
    expect(JSON.stringify(tree.json())).toContain(reg.body.name);
    const row = await t.app.ctx.db.selectFrom('enterprise').selectAll().where('uscc', '=', reg.uscc).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ organisation_id: me.user.organisation.id, region_code: '370102', employees: 80 });
    expect(Number(row.revenue_fen)).toBe(1_200_000_000);
  });

  it('activation is audited with the reviewer as the actor', async () => {
    const reg = await pending();
    const lixia = await signIn(t.app, 'lixia');
    expect((await as(t.app, lixia).post(`/api/registrations/${reg.id}/activate`)).statusCode).toBe(200);
    const events = await t.app.ctx.db.selectFrom('audit_event').select(['action', 'actor_username']).where('entity_type', '=', 'registration').where('entity_id', '=', String(reg.id)).orderBy('seq').execute();
    expect(events).toEqual([
      { action: 'registration.submitted', actor_username: `注册:${reg.body.username}` },
      { action: 'registration.activated', actor_username: 'lixia' },
    ]);
  });

  it('activating twice → 409; rejecting an activated request → 409', async () => {
    const reg = await pending();
    const lixia = await signIn(t.app, 'lixia');
    const jinan = await signIn(t.app, 'jinan');
    expect((await as(t.app, lixia).post(`/api/registrations/${reg.id}/activate`)).statusCode).toBe(200);
    const before = await tableCounts(t.app);
    const again = await as(t.app, lixia).post(`/api/registrations/${reg.id}/activate`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(CHINESE);
    expect((await as(t.app, jinan).post(`/api/registrations/${reg.id}/activate`)).statusCode).toBe(409);
    expect((await as(t.app, lixia).post(`/api/registrations/${reg.id}/reject`, { reason: '重复' })).statusCode).toBe(409);
    expect(await tableCounts(t.app)).toEqual(before);
  });

  it('once activated, the same code cannot register again → 409', async () => {
    const reg = await pending();
    const lixia = await signIn(t.app, 'lixia');
    expect((await as(t.app, lixia).post(`/api/registrations/${reg.id}/activate`)).statusCode).toBe(200);
    const res = await register(t.app, registrationBody({ uscc: reg.uscc }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(reg.body.name);
  });

  it('a registry enterprise with the same code is matched, not duplicated', async () => {
    // 济南康泰医疗器械有限公司 is in the registry (demo seed) with its own account; a second
    // self-registration of that code is refused.
    const res = await register(t.app, registrationBody({ uscc: '91370102MA3C4K2D1F' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('济南康泰医疗器械有限公司');
  });

  it('reject needs a reason (400 without); the rejected enterprise cannot log in', async () => {
    const reg = await pending();
    const lixia = await signIn(t.app, 'lixia');
    for (const body of [{}, { reason: '   ' }, { reason: 42 }]) {
      const res = await as(t.app, lixia).post(`/api/registrations/${reg.id}/reject`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toMatch(CHINESE);
      expect(res.json().error.details[0].path).toBe('reason');
    }
    const res = await as(t.app, lixia).post(`/api/registrations/${reg.id}/reject`, { reason: '营业执照信息与登记不符，请核对后重新注册' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: '营业执照信息与登记不符，请核对后重新注册', version: 2 });
    const login = await postLogin(t.app, reg.body.username, STRONG);
    expect([401, 403]).toContain(login.statusCode);
    expect(login.json().error.message).toMatch(CHINESE);
    // Activating a rejected request → 409.
    expect((await as(t.app, lixia).post(`/api/registrations/${reg.id}/activate`)).statusCode).toBe(409);
    // The firm may correct and register again: neither the code nor the username is held any more.
    const again = await register(t.app, registrationBody({ uscc: reg.uscc, username: reg.body.username }));
    expect(again.statusCode, again.body).toBe(201);
  });

  // The enterprise that registered tries to log in before its bureau has acted: it must learn
  // that its account awaits activation, not that its password is wrong (LESSONS.md: applicants
  // must see where their case stands).
  it('a registrant whose request is pending is told so at login (403 ACCOUNT_PENDING)', async () => {
    const reg = await pending();
    const res = await postLogin(t.app, reg.body.username, STRONG);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_PENDING');
    expect(res.json().error.message).toMatch(CHINESE);
  });

  it('anonymous callers cannot list or decide registrations', async () => {
    const reg = await pending();
    expect((await t.app.inject({ method: 'GET', url: '/api/registrations' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/registrations/${reg.id}/activate` })).statusCode).toBe(401);
  });

  it('a registration sent as a form (not JSON) → 415', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/registrations', remoteAddress: freshIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'uscc=1&name=2',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(CHINESE);
  });

  it('limits registrations to 20 per hour per address → 429', async () => {
    const ip = '192.0.2.99';
    // Refused ones count too (the limit is taken before the rules), so a weak password is enough.
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/registrations', payload: registrationBody({ password: 'weak' }), remoteAddress: ip });
      expect(res.statusCode).toBe(400);
    }
    const limited = await t.app.inject({ method: 'POST', url: '/api/registrations', payload: registrationBody(), remoteAddress: ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(CHINESE);
  });
});
