import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app';
import { as, createTestApp, DEMO_PASSWORD, DIALECTS, type Session, tableCounts, type TestApp } from '../../test/harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CHINESE = /[\u4e00-\u9fa5]/;
const STRONG = 'Kx9#mPq2Lw';

// Each login comes from its own address, so the per-IP login limit (30 per 5 minutes) never
// couples one test to how many logins the tests before it made.
let ipSeq = 0;
const freshIp = () => {
  ipSeq += 1;
  return `10.20.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
};

function postLogin(app: App, username: string, password: string, remoteAddress = freshIp()) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
}

function sessionOf(res: Awaited<ReturnType<App['inject']>>, username: string): Session {
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string, username };
}

async function signIn(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await postLogin(app, username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return sessionOf(res, username);
}

let userSeq = 0;
/** Factory: a fresh active user at 济南市历下区 created through the API by the province admin. */
async function makeUser(t: TestApp, password = STRONG): Promise<{ id: number; username: string; password: string; version: number }> {
  userSeq += 1;
  const username = `auth.u${userSeq}`;
  const admin = await signIn(t.app, 'admin');
  const lixia = await as(t.app, admin).get(`/api/organisations?kind=county&q=${encodeURIComponent('历下')}`);
  const orgId = lixia.json().items[0].id as number;
  const res = await as(t.app, admin).post('/api/users', { username, displayName: `测试用户${userSeq}`, organisationId: orgId, roles: ['operator'], password });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, username, password, version: res.json().version };
}

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  describe('login', () => {
    it('sets an httpOnly session cookie and a readable CSRF cookie (SameSite=Lax) and returns the permissions', async () => {
      const res = await postLogin(t.app, 'admin', DEMO_PASSWORD);
      expect(res.statusCode).toBe(200);
      const sid = res.cookies.find((c) => c.name === 'relief_sid');
      const csrf = res.cookies.find((c) => c.name === 'relief_csrf');
      expect(sid).toBeDefined();
      expect(csrf).toBeDefined();
      expect(sid!.httpOnly).toBe(true);
      expect(csrf!.httpOnly).toBeFalsy();
      expect(sid!.sameSite).toBe('Lax');
      expect(csrf!.sameSite).toBe('Lax');
      expect(sid!.path).toBe('/');
      const body = res.json();
      expect(body.csrfToken).toBe(csrf!.value);
      expect(body.user.username).toBe('admin');
      expect(body.user.organisation.name).toBe('山东省工业和信息化厅');
      expect(body.permissions).toEqual(expect.arrayContaining(['users.manage', 'audit.read', 'organisations.manage']));
      expect(body.session.idleTimeoutSeconds).toBe(30 * 60);
      // The session token itself is never in the body.
      expect(res.body).not.toContain(sid!.value);
    });

    it('a reviewer gets only its own permissions', async () => {
      const res = await postLogin(t.app, 'lixia', DEMO_PASSWORD);
      expect(res.statusCode).toBe(200);
      const permissions = res.json().permissions as string[];
      expect(permissions).toContain('registrations.review');
      expect(permissions).not.toContain('users.manage');
      expect(permissions).not.toContain('audit.read');
    });

    it('a wrong password → 401 with a Chinese message naming the lockout rule, not the remaining count', async () => {
      const u = await makeUser(t);
      const res = await postLogin(t.app, u.username, 'Wrong#Pass1');
      expect(res.statusCode).toBe(401);
      const { error } = res.json();
      expect(error.code).toBe('LOGIN_FAILED');
      expect(error.message).toMatch(CHINESE);
      expect(error.message).toContain('用户名或密码错误');
      // A countdown would tell an attacker the account exists (an unknown user cannot have one).
      expect(error.message).toContain('连续 5 次错误将锁定 15 分钟');
      expect(error.message).not.toMatch(/再错 \d 次/);
      // A success resets the count: four more failures do not lock.
      expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await postLogin(t.app, u.username, 'Wrong#Pass1')).statusCode).toBe(401);
      expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(200);
    });

    it('5 failures → 423 locked for 15 minutes, the right password included; unlocked after 15 minutes', async () => {
      const u = await makeUser(t);
      for (let i = 1; i <= 4; i++) expect((await postLogin(t.app, u.username, `Wrong#Pass${i}`)).statusCode).toBe(401);
      const fifth = await postLogin(t.app, u.username, 'Wrong#Pass5');
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
      expect(fifth.json().error.message).toContain('15 分钟');
      const locked = await postLogin(t.app, u.username, u.password);
      expect(locked.statusCode).toBe(423);
      expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
      expect(locked.json().error.message).toMatch(CHINESE);
      t.clock.advance(14 * MINUTE + 59_000);
      expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(423);
      t.clock.advance(1_000);
      expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(200);
    });

    it('an unknown user → 401 LOGIN_FAILED', async () => {
      const res = await postLogin(t.app, 'nobody-at-all', 'Wrong#Pass1');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('LOGIN_FAILED');
      expect(res.json().error.message).toContain('用户名或密码错误');
    });

    // Telling "no such user" apart from "wrong password" lets anyone list the accounts.
    it('an unknown user gets the very same message as a wrong password for an existing user', async () => {
      const u = await makeUser(t);
      const wrongPassword = await postLogin(t.app, u.username, 'Wrong#Pass1');
      const unknownUser = await postLogin(t.app, `${u.username}-nobody`, 'Wrong#Pass1');
      expect(unknownUser.statusCode).toBe(wrongPassword.statusCode);
      expect(unknownUser.json()).toEqual(wrongPassword.json());
    });

    it('a pending user → 403 ACCOUNT_PENDING, and the password is checked first', async () => {
      const u = await makeUser(t);
      // Factory: no API creates a pending app_user, so set the status directly.
      await t.app.ctx.db.updateTable('app_user').set({ status: 'pending' }).where('id', '=', u.id).execute();
      const res = await postLogin(t.app, u.username, u.password);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ACCOUNT_PENDING');
      expect(res.json().error.message).toMatch(CHINESE);
      expect(res.cookies.find((c) => c.name === 'relief_sid')).toBeUndefined();
      expect((await postLogin(t.app, u.username, 'Wrong#Pass1')).statusCode).toBe(401);
    });

    it('a disabled user → 403 ACCOUNT_DISABLED', async () => {
      const u = await makeUser(t);
      const admin = await signIn(t.app, 'admin');
      expect((await as(t.app, admin).post(`/api/users/${u.id}/disable`, { version: u.version })).statusCode).toBe(200);
      const res = await postLogin(t.app, u.username, u.password);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
      expect(res.json().error.message).toMatch(CHINESE);
      expect(res.cookies.find((c) => c.name === 'relief_sid')).toBeUndefined();
    });

    it('limits logins per IP to 30 per 5 minutes → 429, other addresses unaffected, next window allowed', async () => {
      const ip = '192.0.2.77';
      // Every attempt counts, whatever its outcome; a locked account answers without hashing,
      // which keeps the 30 attempts fast.
      const u = await makeUser(t);
      for (let i = 0; i < 30; i++) {
        const res = await postLogin(t.app, u.username, 'Wrong#Pass1', ip);
        expect(res.statusCode).toBe(i < 4 ? 401 : 423);
      }
      const limited = await postLogin(t.app, 'admin', DEMO_PASSWORD, ip);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(limited.json().error.message).toMatch(CHINESE);
      expect((await postLogin(t.app, 'admin', DEMO_PASSWORD, '192.0.2.78')).statusCode).toBe(200);
      t.clock.advance(5 * MINUTE);
      expect((await postLogin(t.app, 'admin', DEMO_PASSWORD, ip)).statusCode).toBe(200);
    });

    it('a non-JSON login (a cross-site form) is refused with 415', async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/auth/login', remoteAddress: freshIp(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=admin&password=${DEMO_PASSWORD}`,
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().error.message).toMatch(CHINESE);
    });

    it('a role the platform does not know, written straight into the database, grants nothing and locks nobody out', async () => {
      const u = await makeUser(t);
      await t.app.ctx.db.insertInto('user_role').values({ user_id: u.id, role: 'superuser' }).execute();
      const res = await postLogin(t.app, u.username, u.password);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().user.roles).toEqual(['operator']);
      const me = await as(t.app, sessionOf(res, u.username)).get('/api/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.roles).toEqual(['operator']);
      const admin = await signIn(t.app, 'admin');
      const shown = await as(t.app, admin).get(`/api/users/${u.id}`);
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json().roles).toEqual(['operator']);
    });
  });

  describe('session', () => {
    it('GET /api/me without a cookie → 401', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/me' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
      expect(res.json().error.message).toMatch(CHINESE);
    });

    it('GET /api/me with a forged cookie → 401', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'relief_sid=forged-token' } });
      expect(res.statusCode).toBe(401);
    });

    it('GET /api/me with a session returns the user', async () => {
      const s = await signIn(t.app, 'lixia');
      const res = await as(t.app, s).get('/api/me');
      expect(res.statusCode).toBe(200);
      expect(res.json().user.username).toBe('lixia');
      expect(res.json().user.organisation).toMatchObject({ kind: 'county', code: '370102' });
    });

    it('a write without the CSRF header → 403 CSRF_FAILED and nothing stored', async () => {
      const admin = await signIn(t.app, 'admin');
      const other = await signIn(t.app, 'admin');
      const before = await tableCounts(t.app);
      const payload = { username: 'csrf.victim', displayName: '跨站', organisationId: 1, roles: ['admin'], password: STRONG };
      const noHeader = await t.app.inject({ method: 'POST', url: '/api/users', payload, headers: { cookie: admin.cookie } });
      expect(noHeader.statusCode).toBe(403);
      expect(noHeader.json().error.code).toBe('CSRF_FAILED');
      expect(noHeader.json().error.message).toMatch(CHINESE);
      const wrongToken = await t.app.inject({ method: 'POST', url: '/api/users', payload, headers: { cookie: admin.cookie, 'x-csrf-token': other.csrf } });
      expect(wrongToken.statusCode).toBe(403);
      expect(wrongToken.json().error.code).toBe('CSRF_FAILED');
      expect(await tableCounts(t.app)).toEqual(before);
      const found = await t.app.ctx.db.selectFrom('app_user').select('id').where('username', '=', 'csrf.victim').executeTakeFirst();
      expect(found).toBeUndefined();
    });

    it('idle timeout: 31 minutes without a request → 401 SESSION_EXPIRED', async () => {
      const s = await signIn(t.app, 'lixia');
      t.clock.advance(31 * MINUTE);
      const res = await as(t.app, s).get('/api/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SESSION_EXPIRED');
      expect(res.json().error.message).toMatch(CHINESE);
    });

    it('activity within 30 minutes keeps the session alive (20 min, request, 20 min, request)', async () => {
      const s = await signIn(t.app, 'lixia');
      t.clock.advance(20 * MINUTE);
      expect((await as(t.app, s).get('/api/me')).statusCode).toBe(200);
      t.clock.advance(20 * MINUTE);
      expect((await as(t.app, s).get('/api/me')).statusCode).toBe(200);
      t.clock.advance(20 * MINUTE);
      expect((await as(t.app, s).get('/api/me')).statusCode).toBe(200);
    });

    it('absolute limit: 12 hours after login the session ends even with constant activity', async () => {
      const s = await signIn(t.app, 'lixia');
      for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
        t.clock.advance(20 * MINUTE);
        const res = await as(t.app, s).get('/api/me');
        expect(res.statusCode, `after ${elapsed} minutes`).toBe(200);
      }
      t.clock.advance(20 * MINUTE);
      const res = await as(t.app, s).get('/api/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SESSION_EXPIRED');
    });

    it('the idle expiry never goes beyond the absolute limit', async () => {
      const s = await signIn(t.app, 'lixia');
      const me = (await as(t.app, s).get('/api/me')).json();
      const absolute = new Date(me.session.absoluteExpiresAt).getTime();
      expect(absolute - t.clock.now().getTime()).toBe(12 * HOUR);
      for (let i = 0; i < 12 * 3 - 1; i++) {
        t.clock.advance(20 * MINUTE);
        await as(t.app, s).post('/api/auth/keepalive');
      }
      const late = await as(t.app, s).post('/api/auth/keepalive');
      expect(late.statusCode).toBe(200);
      expect(new Date(late.json().session.idleExpiresAt).getTime()).toBeLessThanOrEqual(absolute);
    });

    it('keepalive extends the idle timeout', async () => {
      const s = await signIn(t.app, 'lixia');
      t.clock.advance(25 * MINUTE);
      const keep = await as(t.app, s).post('/api/auth/keepalive');
      expect(keep.statusCode).toBe(200);
      expect(new Date(keep.json().session.idleExpiresAt).getTime()).toBe(t.clock.now().getTime() + 30 * MINUTE);
      t.clock.advance(25 * MINUTE);
      expect((await as(t.app, s).get('/api/me')).statusCode).toBe(200);

      // Without it, the same 50 minutes end the session.
      const idle = await signIn(t.app, 'lixia');
      t.clock.advance(31 * MINUTE);
      expect((await as(t.app, idle).get('/api/me')).statusCode).toBe(401);
    });

    it('keepalive needs the CSRF header like any write', async () => {
      const s = await signIn(t.app, 'lixia');
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/keepalive', headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_FAILED');
    });

    it('logout revokes the session and clears the cookies', async () => {
      const s = await signIn(t.app, 'lixia');
      const other = await signIn(t.app, 'lixia');
      const res = await as(t.app, s).post('/api/auth/logout');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      const cleared = res.cookies.find((c) => c.name === 'relief_sid');
      expect(cleared?.value ?? '').toBe('');
      expect((await as(t.app, s).get('/api/me')).statusCode).toBe(401);
      // Only that session: the user's other login goes on.
      expect((await as(t.app, other).get('/api/me')).statusCode).toBe(200);
    });
  });

  describe('password change', () => {
    it.each([
      ['too short', 'Ab1#short'],
      ['two classes only', 'abcdefghij12'],
      ['contains the username', null],
    ])('a new password that breaks the policy (%s) → 400 naming newPassword', async (_label, candidate) => {
      const u = await makeUser(t);
      const s = await signIn(t.app, u.username, u.password);
      const newPassword = candidate ?? `X#1${u.username}zz`;
      const res = await as(t.app, s).post('/api/me/password', { currentPassword: u.password, newPassword });
      expect(res.statusCode).toBe(400);
      const { error } = res.json();
      expect(error.message).toMatch(CHINESE);
      expect(error.details.map((d: { path: string }) => d.path)).toContain('newPassword');
      // Nothing changed: the old password still works.
      expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(200);
    });

    it('a wrong current password → 400 naming currentPassword', async () => {
      const u = await makeUser(t);
      const s = await signIn(t.app, u.username, u.password);
      const res = await as(t.app, s).post('/api/me/password', { currentPassword: 'Wrong#Pass1', newPassword: 'Brand#New2020x' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['currentPassword']);
      expect(res.json().error.message).toMatch(CHINESE);
      expect((await postLogin(t.app, u.username, 'Brand#New2020x')).statusCode).toBe(401);
    });

    it('success ends every session of the user and gives this client a fresh one', async () => {
      const u = await makeUser(t);
      const here = await signIn(t.app, u.username, u.password);
      const elsewhere = await signIn(t.app, u.username, u.password);
      const res = await as(t.app, here).post('/api/me/password', { currentPassword: u.password, newPassword: 'Brand#New2020x' });
      expect(res.statusCode).toBe(200);
      const fresh = sessionOf(res, u.username);
      expect(res.cookies.find((c) => c.name === 'relief_sid')?.httpOnly).toBe(true);
      expect(fresh.cookie).not.toBe(here.cookie);
      expect(fresh.csrf).not.toBe(here.csrf);

      expect((await as(t.app, elsewhere).get('/api/me')).statusCode).toBe(401);
      expect((await as(t.app, here).get('/api/me')).statusCode).toBe(401);
      const me = await as(t.app, fresh).get('/api/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.username).toBe(u.username);
      // The fresh session's CSRF token works for writes.
      expect((await as(t.app, fresh).post('/api/auth/keepalive')).statusCode).toBe(200);

      expect((await postLogin(t.app, u.username, u.password)).statusCode).toBe(401);
      expect((await postLogin(t.app, u.username, 'Brand#New2020x')).statusCode).toBe(200);
    });

    it('is audited without any password in it', async () => {
      const u = await makeUser(t);
      const s = await signIn(t.app, u.username, u.password);
      expect((await as(t.app, s).post('/api/me/password', { currentPassword: u.password, newPassword: 'Brand#New2020y' })).statusCode).toBe(200);
      const events = await t.app.ctx.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', String(u.id)).execute();
      expect(events.map((e) => e.action)).toContain('user.password_changed');
      const text = JSON.stringify(events);
      expect(text).not.toContain('Brand#New2020y');
      expect(text).not.toContain(u.password);
      expect(text).not.toContain('scrypt$');
    });
  });
});
