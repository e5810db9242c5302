import { computeUsccCheckChar } from '@relief/domain';
import ExcelJS from 'exceljs';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { as, createTestApp, DEMO_PASSWORD, DIALECTS, type Session, type TestApp } from '../test/harness';
import { AUDIT_CHAINS, appendAudit, lostSinceHeads, SYSTEM_ACTOR, verifyAuditChain } from './audit';
import { inTransaction } from './context';

const CHINESE = /[\u4e00-\u9fa5]/;
const STRONG = 'Kx9#mPq2Lw';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MINUTE = 60_000;

let ipSeq = 0;
const freshIp = () => {
  ipSeq += 1;
  return `10.60.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

async function signIn(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: freshIp() });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string, username };
}

interface OrgNode { id: number; name: string; kind: string; children: OrgNode[] }
const flatten = (nodes: OrgNode[]): OrgNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

interface AuditItem { seq: number; chain: number; chainPosition: number; at: string; actorUsername: string | null; organisationId: number | null; action: string; entityType: string; entityId: string | null; before: unknown; after: unknown; hash: string }

async function auditPage(app: App, s: Session, query = ''): Promise<{ items: AuditItem[]; total: number }> {
  const res = await as(app, s).get(`/api/audit?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

let seq = 0;

describe.each(DIALECTS)('%s', (dialect) => {
  describe('the audit log', () => {
    let t: TestApp;
    let lixiaId: number;
    let jinanId: number;
    let qingdaoId: number;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const admin = await signIn(t.app, 'admin');
      const all = flatten((await as(t.app, admin).get('/api/organisations/tree')).json() as OrgNode[]);
      lixiaId = all.find((o) => o.name === '历下区')!.id;
      jinanId = all.find((o) => o.name === '济南市')!.id;
      qingdaoId = all.find((o) => o.name === '青岛市')!.id;
    });
    afterAll(() => t?.close());

    async function makeUser(by: Session, organisationId: number, roles = ['operator']) {
      const username = `audit.u${++seq}`;
      const res = await as(t.app, by).post('/api/users', { username, displayName: `审计用户${seq}`, organisationId, roles, password: STRONG });
      expect(res.statusCode, res.body).toBe(201);
      return { id: res.json().id as number, username, version: res.json().version as number };
    }

    it('user creation writes user.created with the view as `after` and the actor', async () => {
      const admin = await signIn(t.app, 'admin');
      const u = await makeUser(admin, lixiaId);
      const page = await auditPage(t.app, admin, `&entityType=user&entityId=${u.id}`);
      const created = page.items.find((e) => e.action === 'user.created');
      expect(created).toBeDefined();
      expect(created).toMatchObject({ actorUsername: 'admin', entityType: 'user', entityId: String(u.id), before: null });
      expect(created!.after).toMatchObject({ id: u.id, username: u.username, organisationId: lixiaId, roles: ['operator'], status: 'active' });
      expect(created!.organisationId).not.toBeNull();
      expect(created!.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('each change is audited: update (before and after), disable, enable, reset password', async () => {
      const admin = await signIn(t.app, 'admin');
      const u = await makeUser(admin, lixiaId);
      const c = as(t.app, admin);
      expect((await c.patch(`/api/users/${u.id}`, { displayName: '改名', version: u.version })).statusCode).toBe(200);
      expect((await c.post(`/api/users/${u.id}/disable`, { version: u.version + 1 })).statusCode).toBe(200);
      expect((await c.post(`/api/users/${u.id}/enable`, { version: u.version + 2 })).statusCode).toBe(200);
      expect((await c.post(`/api/users/${u.id}/reset-password`, { password: 'Reset#Pass2020' })).statusCode).toBe(200);
      const page = await auditPage(t.app, admin, `&entityType=user&entityId=${u.id}`);
      // Newest first.
      expect(page.items.map((e) => e.action)).toEqual(['user.password_reset', 'user.enabled', 'user.disabled', 'user.updated', 'user.created']);
      const updated = page.items.find((e) => e.action === 'user.updated')!;
      expect(updated.before).toMatchObject({ displayName: `审计用户${seq}` });
      expect(updated.after).toMatchObject({ displayName: '改名' });
      expect(page.items.find((e) => e.action === 'user.disabled')!.after).toMatchObject({ status: 'disabled' });
    });

    it('logins, lockouts, organisations and registrations are audited', async () => {
      const admin = await signIn(t.app, 'admin');
      const u = await makeUser(admin, lixiaId);
      await signIn(t.app, u.username, STRONG);
      for (let i = 0; i < 5; i++) {
        await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'Wrong#Pass1' }, remoteAddress: freshIp() });
      }
      const userEvents = (await auditPage(t.app, admin, `&entityType=user&entityId=${u.id}`)).items.map((e) => e.action);
      expect(userEvents).toEqual(expect.arrayContaining(['auth.login', 'auth.locked']));

      const org = await as(t.app, admin).post('/api/organisations', { parentId: jinanId, kind: 'service', name: `审计服务机构${++seq}` });
      expect(org.statusCode).toBe(201);
      expect((await auditPage(t.app, admin, `&entityType=organisation&entityId=${org.json().id}`)).items.map((e) => e.action)).toEqual(['organisation.created']);

      const first17 = `91370102MA3${String(++seq).padStart(6, '0')}`;
      const reg = await t.app.inject({
        method: 'POST', url: '/api/registrations', remoteAddress: freshIp(),
        payload: { uscc: first17 + computeUsccCheckChar(first17), name: '审计企业', regionCode: '370102', contactName: '李', contactPhone: '0531-1234567', username: `audit.ent${seq}`, password: STRONG },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const lixia = await signIn(t.app, 'lixia');
      expect((await as(t.app, lixia).post(`/api/registrations/${reg.json().id}/activate`)).statusCode).toBe(200);
      const regEvents = (await auditPage(t.app, admin, `&entityType=registration&entityId=${reg.json().id}`)).items;
      expect(regEvents.map((e) => [e.action, e.actorUsername])).toEqual([
        ['registration.activated', 'lixia'],
        ['registration.submitted', `注册:audit.ent${seq}`],
      ]);
    });

    it('masks a secret wherever it sits in what is audited, and keeps the rest as it was', async () => {
      // Services leave secrets out of what they audit; this is the net under them.
      const actor = { userId: null, username: 'audit-mask-test', organisationId: null, requestId: null };
      const after = { name: '企业', password: 'P@ss-1', nested: { passwordHash: 'scrypt$x', keep: 1 }, list: [{ csrf_token: 't', n: null }], at: new Date('2020-02-07T01:00:00.000Z') };
      await inTransaction(t.app.ctx, actor, (tx) => tx.audit({ action: 'test.mask', entityType: 'test', entityId: 'mask', before: { currentPassword: 'old' }, after }));
      const row = await t.app.ctx.db.selectFrom('audit_event').select(['before_json', 'after_json']).where('action', '=', 'test.mask').executeTakeFirstOrThrow();
      expect(JSON.parse(row.before_json!)).toEqual({ currentPassword: '***' });
      expect(JSON.parse(row.after_json!)).toEqual({ name: '企业', password: '***', nested: { passwordHash: '***', keep: 1 }, list: [{ csrf_token: '***', n: null }], at: '2020-02-07T01:00:00.000Z' });
      expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
    });

    it('no password or password hash is ever in an audit event', async () => {
      const admin = await signIn(t.app, 'admin');
      const u = await makeUser(admin, lixiaId);
      await as(t.app, admin).post(`/api/users/${u.id}/reset-password`, { password: 'Reset#Pass2020' });
      const mine = await signIn(t.app, u.username, 'Reset#Pass2020');
      await as(t.app, mine).post('/api/me/password', { currentPassword: 'Reset#Pass2020', newPassword: 'Changed#Pass2020' });
      const first17 = `91370102MA3${String(++seq).padStart(6, '0')}`;
      await t.app.inject({
        method: 'POST', url: '/api/registrations', remoteAddress: freshIp(),
        payload: { uscc: first17 + computeUsccCheckChar(first17), name: '密码企业', regionCode: '370102', contactName: '李', contactPhone: '0531-1234567', username: `audit.pw${seq}`, password: 'Register#Pass2020' },
      });
      const rows = await t.app.ctx.db.selectFrom('audit_event').select(['seq', 'before_json', 'after_json']).execute();
      const text = JSON.stringify(rows);
      expect(text).not.toContain('scrypt$');
      for (const secret of [STRONG, 'Reset#Pass2020', 'Changed#Pass2020', 'Register#Pass2020', DEMO_PASSWORD]) expect(text).not.toContain(secret);
      // And through the API, for every event the admin can see.
      const all = await as(t.app, admin).get('/api/audit?pageSize=200');
      expect(all.body).not.toContain('scrypt$');
    });

    it('filters by actor, entity type, entity id, action and time', async () => {
      const admin = await signIn(t.app, 'admin');
      // An actor of its own, so the filter has exactly known events.
      const actor = await makeUser(admin, jinanId, ['admin']);
      const s = await signIn(t.app, actor.username, STRONG);
      t.clock.advance(10 * MINUTE);
      const from = t.clock.now().toISOString();
      const a = await makeUser(s, lixiaId);
      t.clock.advance(10 * MINUTE);
      const b = await makeUser(s, lixiaId);
      const to = t.clock.now().toISOString();
      t.clock.advance(10 * MINUTE);

      const byActor = await auditPage(t.app, admin, `&actor=${actor.username}`);
      expect(byActor.items.map((e) => [e.action, e.entityId])).toEqual([
        ['user.created', String(b.id)],
        ['user.created', String(a.id)],
        ['auth.login', String(actor.id)],
      ]);
      expect(byActor.total).toBe(3);
      expect(byActor.items.every((e) => e.actorUsername === actor.username)).toBe(true);

      const byEntity = await auditPage(t.app, admin, `&entityType=user&entityId=${a.id}`);
      expect(byEntity.items.map((e) => e.action)).toEqual(['user.created']);

      const byAction = await auditPage(t.app, admin, `&action=user.created&actor=${actor.username}`);
      expect(byAction.total).toBe(2);

      const byTime = await auditPage(t.app, admin, `&actor=${actor.username}&from=${encodeURIComponent(from)}`);
      expect(byTime.items.map((e) => e.entityId)).toEqual([String(b.id), String(a.id)]);
      // Both bounds are inclusive: up to a millisecond before `a` leaves only the login.
      expect((await auditPage(t.app, admin, `&actor=${actor.username}&to=${encodeURIComponent(from)}`)).total).toBe(2);
      const beforeA = new Date(new Date(from).getTime() - 1).toISOString();
      const untilA = await auditPage(t.app, admin, `&actor=${actor.username}&to=${encodeURIComponent(beforeA)}`);
      expect(untilA.items.map((e) => e.action)).toEqual(['auth.login']);
      const window = await auditPage(t.app, admin, `&actor=${actor.username}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      expect(window.total).toBe(2);
      // A time with an offset means the same instant (Asia/Shanghai is UTC+8).
      const shanghai = new Date(new Date(from).getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
      expect((await auditPage(t.app, admin, `&actor=${actor.username}&from=${encodeURIComponent(shanghai)}`)).total).toBe(2);

      const none = await auditPage(t.app, admin, '&actor=nobody-ever');
      expect(none).toMatchObject({ items: [], total: 0 });
    });

    it('a malformed time filter → 400 naming the field in Chinese', async () => {
      const admin = await signIn(t.app, 'admin');
      const res = await as(t.app, admin).get('/api/audit?from=yesterday');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(CHINESE);
      expect(res.json().error.message).toContain('from');
    });

    it.each(['lixia', 'sgxt', 'icbc'])('a non-admin (%s) gets 403 on the audit log and its export', async (username) => {
      const s = await signIn(t.app, username);
      for (const url of ['/api/audit', '/api/audit/export']) {
        const res = await as(t.app, s).get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.message).toMatch(CHINESE);
      }
    });

    it('the city admin sees only the events of its own subtree', async () => {
      const admin = await signIn(t.app, 'admin');
      const inQingdao = await makeUser(admin, qingdaoId, ['admin']);
      const qd = await signIn(t.app, inQingdao.username, STRONG);
      const qdMade = await makeUser(qd, qingdaoId);
      const jinan = await signIn(t.app, 'jinan');
      const jnMade = await makeUser(jinan, lixiaId);

      const tree = flatten((await as(t.app, admin).get('/api/organisations/tree?includeEnterprises=true')).json() as OrgNode[]);
      const jinanNode = tree.find((n) => n.id === jinanId)!;
      const scope = new Set(flatten([jinanNode]).map((n) => n.id));

      const page = await auditPage(t.app, jinan);
      expect(page.items.length).toBeGreaterThan(0);
      for (const e of page.items) expect(e.organisationId !== null && scope.has(e.organisationId), `${e.seq} ${e.action} by ${e.actorUsername}`).toBe(true);
      const ids = page.items.map((e) => e.entityId);
      expect(ids).toContain(String(jnMade.id));
      expect(ids).not.toContain(String(qdMade.id));
      expect(page.items.map((e) => e.actorUsername)).not.toContain('admin');
      // Asking for an event outside the scope by its id finds nothing.
      expect((await auditPage(t.app, jinan, `&entityType=user&entityId=${qdMade.id}`)).total).toBe(0);
    });

    it('export returns an xlsx with a Chinese header row and the filtered events', async () => {
      const admin = await signIn(t.app, 'admin');
      const u = await makeUser(admin, lixiaId);
      const res = await as(t.app, admin).get(`/api/audit/export?entityType=user&entityId=${u.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.name).toBe('审计日志');
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[0]).toEqual(['序号', '时间（UTC）', '操作人', '所属机构', '操作', '对象类型', '对象编号', '变更前', '变更后', '请求编号', '哈希链', '链内位置', '哈希']);
      expect(rows.slice(1).map((r) => [r[2], r[4], r[5], r[6]])).toEqual([['admin', 'user.created', 'user', String(u.id)]]);
      // Its place in its chain, as the database holds it and as the list answers it.
      const event = await t.app.ctx.db.selectFrom('audit_event').select(['seq', 'chain', 'chain_seq']).where('seq', '=', Number(rows[1]![0])).executeTakeFirstOrThrow();
      const place = [event.chain, event.chain === 0 ? event.seq : event.chain_seq];
      expect([rows[1]![10], rows[1]![11]]).toEqual(place);
      const listed = (await as(t.app, admin).get(`/api/audit?entityType=user&entityId=${u.id}`)).json() as { items: AuditItem[] };
      expect(listed.items.map((i) => [i.chain, i.chainPosition])).toEqual([place]);
      expect(res.rawPayload.toString('latin1')).not.toContain('scrypt$');
    });

    it('the city admin\'s export holds only its subtree\'s events', async () => {
      const jinan = await signIn(t.app, 'jinan');
      const res = await as(t.app, jinan).get('/api/audit/export');
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const listed = await auditPage(t.app, jinan);
      expect(rows.length - 1).toBe(listed.total);
      expect(rows.slice(1).map((r) => r[2])).not.toContain('admin');
    });

    it('the hash chain verifies', async () => {
      const report = await verifyAuditChain(t.app.ctx.db);
      const count = await t.app.ctx.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(report).toMatchObject({ ok: true, checked: Number(count.n) });
      // Each chain's head is its last event.
      const rows = await t.app.ctx.db.selectFrom('audit_event').select(['seq', 'chain', 'chain_seq', 'hash']).execute();
      const last = new Map<number, { chain: number; position: number; hash: string }>();
      for (const r of rows) {
        const position = r.chain === 0 ? r.seq : r.chain_seq!;
        if ((last.get(r.chain)?.position ?? 0) < position) last.set(r.chain, { chain: r.chain, position, hash: r.hash });
      }
      expect(report.heads).toEqual([...last.values()].sort((a, b) => a.chain - b.chain));
      // Also in small batches (the verifier pages through the table).
      expect(await verifyAuditChain(t.app.ctx.db, 3)).toEqual(report);
    });

    it('concurrent changes keep the chain gap-free', async () => {
      const admin = await signIn(t.app, 'admin');
      await Promise.all(Array.from({ length: 8 }, () => makeUser(admin, lixiaId)));
      const report = await verifyAuditChain(t.app.ctx.db);
      expect(report.ok).toBe(true);
    });

    it('a refused change writes no audit event', async () => {
      const admin = await signIn(t.app, 'admin');
      const before = await t.app.ctx.db.selectFrom('audit_event').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow();
      const res = await as(t.app, admin).post('/api/users', { username: 'admin', displayName: '重复', organisationId: lixiaId, roles: ['viewer'], password: STRONG });
      expect(res.statusCode).toBe(409);
      const after = await t.app.ctx.db.selectFrom('audit_event').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow();
      expect(Number(after.m)).toBe(Number(before.m));
    });
  });

  // Each tampering test breaks the chain, so each gets an app of its own.
  describe('tampering', () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await createTestApp(dialect);
    });
    afterEach(() => t?.close());

    interface Placed { seq: number; chain: number; position: number }
    const placed = (r: { seq: number; chain: number; chain_seq: number | null }): Placed => ({ seq: r.seq, chain: r.chain, position: r.chain === 0 ? r.seq : r.chain_seq! });

    /** Every event, placed in its chain, in the order verification reads them (chain, then position). */
    async function allPlaced(): Promise<Placed[]> {
      const rows = await t.app.ctx.db.selectFrom('audit_event').select(['seq', 'chain', 'chain_seq']).execute();
      return rows.map(placed).sort((a, b) => a.chain - b.chain || a.position - b.position);
    }

    /**
     * Makes a few events through the API and returns a user.created with events after it in its
     * own chain: AUDIT_CHAINS more audited writes follow it, and PostgreSQL's instance takes the
     * chains in turn, so its chain gets one of them too (SQLite has chain 0 only).
     */
    async function someEvents(): Promise<Placed> {
      const admin = await signIn(t.app, 'admin');
      const lixia = (await as(t.app, admin).get(`/api/organisations?kind=county&q=${encodeURIComponent('历下')}`)).json().items[0].id;
      const res = await as(t.app, admin).post('/api/users', { username: `tamper.${++seq}`, displayName: '篡改', organisationId: lixia, roles: ['viewer'], password: STRONG });
      expect(res.statusCode).toBe(201);
      await signIn(t.app, 'lixia');
      await signIn(t.app, 'jinan');
      for (let i = 0; i < AUDIT_CHAINS; i++) {
        await inTransaction(t.app.ctx, SYSTEM_ACTOR, (tx) => tx.audit({ action: 'test.later', entityType: 'test', entityId: i }));
      }
      const ev = placed(await t.app.ctx.db.selectFrom('audit_event').select(['seq', 'chain', 'chain_seq']).where('action', '=', 'user.created').where('entity_id', '=', String(res.json().id)).executeTakeFirstOrThrow());
      expect((await allPlaced()).some((e) => e.chain === ev.chain && e.position > ev.position)).toBe(true);
      expect((await verifyAuditChain(t.app.ctx.db)).ok).toBe(true);
      return ev;
    }

    /** The event after `e` in its chain. */
    async function nextInChain(e: Placed): Promise<Placed> {
      return (await allPlaced()).find((x) => x.chain === e.chain && x.position === e.position + 1)!;
    }

    async function dropTriggers() {
      if (dialect === 'sqlite') {
        await sql`drop trigger audit_event_no_update`.execute(t.app.ctx.db);
        await sql`drop trigger audit_event_no_delete`.execute(t.app.ctx.db);
      } else {
        await sql`drop trigger audit_event_no_change on audit_event`.execute(t.app.ctx.db);
      }
    }

    it('the database refuses UPDATE and DELETE on audit_event (append-only)', async () => {
      const target = await someEvents();
      await expect(sql`update audit_event set after_json = '{}' where seq = ${target.seq}`.execute(t.app.ctx.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_event where seq = ${target.seq}`.execute(t.app.ctx.db)).rejects.toThrow(/append-only/);
      expect((await verifyAuditChain(t.app.ctx.db)).ok).toBe(true);
    });

    it('a changed event (trigger dropped) is found: brokenAt names that event, its chain and its place there', async () => {
      const target = await someEvents();
      const before = (await allPlaced()).findIndex((e) => e.seq === target.seq);
      await dropTriggers();
      await sql`update audit_event set after_json = ${'{"username":"someone-else"}'} where seq = ${target.seq}`.execute(t.app.ctx.db);
      const report = await verifyAuditChain(t.app.ctx.db);
      expect(report.ok).toBe(false);
      expect(report.brokenAt).toMatchObject(target);
      expect(report.brokenAt?.reason).toMatch(CHINESE);
      expect(report.brokenAt?.reason).toContain(`第 ${target.position} 条事件内容被改动`);
      // Every event read before it was sound.
      expect(report.checked).toBe(before);
    });

    it('a changed event whose hash was recomputed is found at the next link of its chain', async () => {
      const target = await someEvents();
      await dropTriggers();
      const row = await t.app.ctx.db.selectFrom('audit_event').selectAll().where('seq', '=', target.seq).executeTakeFirstOrThrow();
      const { createHash } = await import('node:crypto');
      const afterJson = '{"username":"someone-else"}';
      const hash = createHash('sha256').update(JSON.stringify([
        target.position, row.at, row.actor_user_id, row.actor_username, row.organisation_id, row.action, row.entity_type,
        row.entity_id, row.before_json, afterJson, row.request_id, row.prev_hash,
      ])).digest('hex');
      await sql`update audit_event set after_json = ${afterJson}, hash = ${hash} where seq = ${target.seq}`.execute(t.app.ctx.db);
      const report = await verifyAuditChain(t.app.ctx.db);
      expect(report.ok).toBe(false);
      expect(report.brokenAt).toMatchObject(await nextInChain(target));
      expect(report.brokenAt?.reason).toContain('前序哈希');
    });

    it('the newest event of a chain removed or rewritten is found only against the heads recorded before', async () => {
      await someEvents();
      const recorded = (await verifyAuditChain(t.app.ctx.db)).heads;
      expect(await lostSinceHeads(t.app.ctx.db, recorded)).toEqual([]);
      const [removed, rewritten] = [recorded.at(-1)!, recorded.at(-2) ?? null];
      const seqAt = async (h: { chain: number; position: number }) => (await allPlaced()).find((e) => e.chain === h.chain && e.position === h.position)!.seq;
      await dropTriggers();
      await sql`delete from audit_event where seq = ${await seqAt(removed)}`.execute(t.app.ctx.db);
      if (rewritten) {
        // Its hash recomputed: nothing after it in its chain to disagree.
        const row = await t.app.ctx.db.selectFrom('audit_event').selectAll().where('seq', '=', await seqAt(rewritten)).executeTakeFirstOrThrow();
        const { createHash } = await import('node:crypto');
        const hash = createHash('sha256').update(JSON.stringify([rewritten.position, row.at, row.actor_user_id, row.actor_username, row.organisation_id, row.action, row.entity_type, row.entity_id, row.before_json, '{}', row.request_id, row.prev_hash])).digest('hex');
        await sql`update audit_event set after_json = '{}', hash = ${hash} where seq = ${row.seq}`.execute(t.app.ctx.db);
      }
      expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
      const lost = await lostSinceHeads(t.app.ctx.db, recorded);
      expect(lost[lost.length - 1]).toContain(`哈希链 ${removed.chain} 已没有第 ${removed.position} 条事件`);
      // SQLite has one chain, so only PostgreSQL has a second head to rewrite.
      if (rewritten) expect(lost[0]).toContain(`哈希链 ${rewritten.chain} 第 ${rewritten.position} 条事件的哈希与上次校验时记录的不符`);
      expect(lost).toHaveLength(rewritten ? 2 : 1);
    });

    it('a deleted event (trigger dropped) is reported as a gap in its chain', async () => {
      const target = await someEvents();
      const next = await nextInChain(target);
      await dropTriggers();
      await sql`delete from audit_event where seq = ${target.seq}`.execute(t.app.ctx.db);
      const report = await verifyAuditChain(t.app.ctx.db);
      expect(report.ok).toBe(false);
      // Chain 0 names the missing seq itself; another chain the event found in its place.
      expect(report.brokenAt).toMatchObject({ chain: target.chain, position: target.position, seq: target.chain === 0 ? target.seq : next.seq });
      expect(report.brokenAt?.reason).toContain('缺失');
    });
  });
});

// PostgreSQL appends in the database (audit_append), SQLite in the application; `audit verify`
// recomputes every hash in the application. Both must agree on any text an event may carry.
describe.each(DIALECTS)('%s: the chain\'s hashes', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { demo: false });
  });
  afterAll(() => t?.close());

  it('are what `audit verify` computes, whatever the events hold', async () => {
    const actor = { userId: null, username: '审计\u2028测试 "x"', organisationId: null, requestId: 'req-\\-1' };
    const texts = ['贷款贴息 "引号" \\反斜杠\\ /斜杠', 'line\nbreak\ttab\u0001\u001f', '\u2028\u2029', '😀 𠮷', "it's", ''];
    // Several events in one transaction (one call), then one more in another (a chain to extend).
    await inTransaction(t.app.ctx, actor, async (tx) => {
      for (const [i, text] of texts.entries()) tx.audit({ action: 'test.hash', entityType: 'note', entityId: text, before: { text }, after: { i, text, nested: [text, null, 1.5] } });
    });
    await inTransaction(t.app.ctx, actor, async (tx) => {
      tx.audit({ action: 'test.hash', entityType: 'note', entityId: 7, after: undefined });
    });
    const rows = await t.app.ctx.db.selectFrom('audit_event').select(['entity_id', 'after_json', 'actor_username', 'request_id']).where('action', '=', 'test.hash').orderBy('seq').execute();
    expect(rows.map((r) => r.entity_id)).toEqual([...texts, '7']);
    expect(rows.map((r) => (r.after_json === null ? null : (JSON.parse(r.after_json) as { text: string }).text))).toEqual([...texts, null]);
    expect(rows[0]).toMatchObject({ actor_username: actor.username, request_id: actor.requestId });
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });
});

// PostgreSQL appends to several chains, each with its own lock (migration 2026-12-08T0100-audit-chains).
describe.runIf(DIALECTS.includes('postgres'))('postgres: several chains', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres', { demo: false });
  });
  afterAll(() => t?.close());

  const entry = (action: string) => ({ action, entityType: 'test', entityId: action });
  const settledWithin = <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('waiting'), ms))]);

  /** Runs `work` in a transaction and keeps the transaction open, its locks held, until `release()`. */
  async function heldOpen(work: (trx: Transaction<Database>) => Promise<unknown>) {
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    let ready!: () => void;
    const holding = new Promise<void>((r) => { ready = r; });
    const done = t.app.ctx.db.transaction().execute(async (trx) => {
      await work(trx);
      ready();
      await released;
    });
    await Promise.race([holding, done]);
    return { release, done };
  }

  it('an audited write does not wait for another chain\'s writer, whose lock is held until its COMMIT', async () => {
    const { release, done: first } = await heldOpen((trx) => appendAudit(trx, 'postgres', SYSTEM_ACTOR, new Date(), [entry('test.first')]));
    // The next write takes the next chain: with one chain it would wait for `first` to commit.
    const second = inTransaction(t.app.ctx, SYSTEM_ACTOR, (tx) => tx.audit(entry('test.second')));
    try {
      expect(await settledWithin(second, 5_000)).toBe('settled');
    } finally {
      release();
      await first;
      await second;
    }
    const rows = await t.app.ctx.db.selectFrom('audit_event').select(['action', 'chain', 'chain_seq']).where('action', 'in', ['test.first', 'test.second']).execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.chain)).size).toBe(2);
    for (const r of rows) expect(r.chain).toBeGreaterThanOrEqual(1);
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });

  it('writers on one chain take turns: the second reads the head the first committed', async () => {
    const chain = AUDIT_CHAINS; // any chain 1 … AUDIT_CHAINS
    const at = new Date().toISOString();
    // What appendAudit sends: each event's ten middle values as JSON, without the brackets.
    const entries = (action: string) => JSON.stringify([{ at, actor_user_id: null, actor_username: 'system', organisation_id: null, action, entity_type: 'test', entity_id: action, before_json: null, after_json: null, request_id: null,
      fields: JSON.stringify([at, null, 'system', null, action, 'test', action, null, null, null]).slice(1, -1) }]);
    const lockKey = 7_370_001 + chain;
    const { release, done: first } = await heldOpen((trx) => sql`select audit_append(${lockKey}, ${chain}, ${entries('test.turn1')}::jsonb)`.execute(trx));
    const second = t.app.ctx.db.transaction().execute((trx) => sql`select audit_append(${lockKey}, ${chain}, ${entries('test.turn2')}::jsonb)`.execute(trx));
    try {
      expect(await settledWithin(second, 500)).toBe('waiting');
    } finally {
      release();
      await first;
      await second;
    }
    const rows = await t.app.ctx.db.selectFrom('audit_event').select(['action', 'chain_seq']).where('chain', '=', chain).orderBy('chain_seq').execute();
    expect(rows.slice(-2).map((r) => r.action)).toEqual(['test.turn1', 'test.turn2']);
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });

  it('a transaction that appends twice extends one chain, holding one lock', async () => {
    await t.app.ctx.db.transaction().execute(async (trx) => {
      await appendAudit(trx, 'postgres', SYSTEM_ACTOR, new Date(), [entry('test.twice1')]);
      await appendAudit(trx, 'postgres', SYSTEM_ACTOR, new Date(), [entry('test.twice2')]);
      const locks = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(trx);
      expect(locks.rows[0]!.n).toBe(1);
    });
    const rows = await t.app.ctx.db.selectFrom('audit_event').select(['chain', 'chain_seq']).where('action', 'in', ['test.twice1', 'test.twice2']).orderBy('seq').execute();
    expect(rows[0]!.chain).toBe(rows[1]!.chain);
    expect(rows[1]!.chain_seq).toBe(rows[0]!.chain_seq! + 1);
  });

  it('refuses to extend chain 0, which is closed on PostgreSQL', async () => {
    await expect(t.app.ctx.db.transaction().execute((trx) => sql`select audit_append(${7_370_001}, ${0}, ${'[]'}::jsonb)`.execute(trx))).rejects.toThrow(/chain 0 is closed/);
  });
});
