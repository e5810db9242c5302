import { changePasswordBody, checkPasswordPolicy, loginBody, meResponse, okBody, permissionsOf } from '@relief/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app';
import type { AppContext } from '../context';
import { inTransaction } from '../context';
import { AppError, badRequest, tooMany, unauthorized } from '../errors';
import { actorOf, requireAuth } from './guard';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import { hitRateLimit } from './rate-limit';
import { type AuthUser, createSession, CSRF_COOKIE, loadSession, revokeSession, SESSION_COOKIE, touchSession } from './sessions';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
const formatTime = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  app.post('/auth/login', {
    config: { public: true },
    schema: { tags: ['auth'], summary: '登录', body: loginBody, response: { 200: meResponse } },
  }, async (request, reply) => {
    const ip = request.ip;
    const limit = await hitRateLimit(ctx, `login-ip:${ip}`, 30, 300);
    if (!limit.allowed) throw tooMany(`登录尝试过于频繁，请 ${Math.ceil(limit.retryAfterSeconds / 60)} 分钟后再试`);
    const { username, password } = request.body;
    const user = await ctx.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    const now = ctx.clock.now();
    if (!user) {
      // A self-registered enterprise awaiting activation has no account yet; with the right
      // password it learns where its request stands instead of "wrong password".
      const reg = await ctx.db.selectFrom('registration').select(['status', 'reject_reason', 'password_hash']).where('username', '=', username)
        .where('status', 'in', ['pending', 'rejected']).orderBy('id', 'desc').executeTakeFirst();
      if (reg && (await verifyPassword(password, reg.password_hash))) {
        if (reg.status === 'pending') throw new AppError(403, 'ACCOUNT_PENDING', '账户尚未激活，请等待所在县（市、区）或市工信部门审核');
        throw new AppError(403, 'REGISTRATION_REJECTED', `注册申请未通过：${reg.reject_reason ?? ''}`);
      }
      if (!reg) await burnPasswordCheck(password);
      throw unauthorized(`用户名或密码错误（连续 ${MAX_FAILURES} 次错误将锁定 ${LOCK_MINUTES} 分钟）`, 'LOGIN_FAILED');
    }
    if (user.locked_until && user.locked_until > now.toISOString()) {
      throw new AppError(423, 'ACCOUNT_LOCKED', `连续 ${MAX_FAILURES} 次密码错误，账户已锁定，请于 ${formatTime(user.locked_until)} 后重试`);
    }
    const actor = { userId: user.id, username: user.username, organisationId: user.organisation_id, requestId: request.id };
    if (!(await verifyPassword(password, user.password_hash))) {
      const failures = user.failed_logins + 1;
      const locks = failures >= MAX_FAILURES;
      const lockedUntil = locks ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
      await inTransaction(ctx, actor, async (tx) => {
        await tx.db.updateTable('app_user').set({ failed_logins: locks ? 0 : failures, locked_until: lockedUntil }).where('id', '=', user.id).execute();
        if (locks) await tx.audit({ action: 'auth.locked', entityType: 'user', entityId: user.id, after: { lockedUntil } });
      });
      if (locks) throw new AppError(423, 'ACCOUNT_LOCKED', `连续 ${MAX_FAILURES} 次密码错误，账户已锁定 ${LOCK_MINUTES} 分钟，请于 ${formatTime(lockedUntil!)} 后重试`);
      // The same words as for an unknown username: the answer must not reveal which accounts exist.
      throw unauthorized(`用户名或密码错误（连续 ${MAX_FAILURES} 次错误将锁定 ${LOCK_MINUTES} 分钟）`, 'LOGIN_FAILED');
    }
    if (user.status === 'pending') throw new AppError(403, 'ACCOUNT_PENDING', '账户尚未激活，请等待所在县（市、区）或市工信部门审核');
    if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED', '账户已停用，请联系本单位管理员');
    await inTransaction(ctx, actor, async (tx) => {
      await tx.db.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_login_at: tx.now.toISOString() }).where('id', '=', user.id).execute();
      await tx.audit({ action: 'auth.login', entityType: 'user', entityId: user.id, after: { ip } });
    });
    const { token } = await createSession(ctx, user.id, { ip, userAgent: request.headers['user-agent'] });
    return replyWithSession(ctx, reply, token);
  });

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: okBody } },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    await revokeSession(ctx, auth.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.post('/auth/keepalive', {
    schema: { tags: ['auth'], summary: '延长会话（继续使用）', response: { 200: meResponse } },
  }, async (request) => {
    const auth = requireAuth(request);
    await touchSession(ctx, auth.sessionId);
    const idleExpiresAt = new Date(Math.min(ctx.clock.now().getTime() + ctx.config.sessionIdleSeconds * 1000, new Date(auth.absoluteExpiresAt).getTime())).toISOString();
    return meOf(ctx, { ...auth, idleExpiresAt });
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: '当前用户、权限与会话', response: { 200: meResponse } },
  }, async (request) => meOf(ctx, requireAuth(request)));

  app.post('/me/password', {
    schema: { tags: ['auth'], summary: '修改密码（其他设备上的登录全部退出）', body: changePasswordBody, response: { 200: meResponse } },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const { currentPassword, newPassword } = request.body;
    const user = await ctx.db.selectFrom('app_user').select(['password_hash']).where('id', '=', auth.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      throw badRequest('当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }], 'VALIDATION_FAILED');
    }
    const problems = checkPasswordPolicy(newPassword, auth.username);
    if (problems.length) throw badRequest(problems.join('；'), problems.map((m) => ({ path: 'newPassword', message: m })), 'VALIDATION_FAILED');
    if (await verifyPassword(newPassword, user.password_hash)) {
      throw badRequest('新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }], 'VALIDATION_FAILED');
    }
    const hash = await hashPassword(newPassword);
    await inTransaction(ctx, actorOf(request), async (tx) => {
      await tx.db.updateTable('app_user').set({ password_hash: hash, password_changed_at: tx.now.toISOString(), updated_at: tx.now.toISOString() }).where('id', '=', auth.id).execute();
      // Logout everywhere: every session of this user ends, this one included; a fresh one follows.
      await tx.db.updateTable('session').set({ revoked_at: tx.now.toISOString() }).where('user_id', '=', auth.id).where('revoked_at', 'is', null).execute();
      await tx.audit({ action: 'user.password_changed', entityType: 'user', entityId: auth.id });
    });
    const { token } = await createSession(ctx, auth.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
    return replyWithSession(ctx, reply, token);
  });
};

async function replyWithSession(ctx: AppContext, reply: FastifyReply, token: string) {
  const found = await loadSession(ctx, token);
  if (found.status !== 'ok') throw unauthorized();
  const cookie = { path: '/', sameSite: 'lax' as const, secure: ctx.config.secureCookies, maxAge: ctx.config.sessionAbsoluteSeconds };
  reply.setCookie(SESSION_COOKIE, token, { ...cookie, httpOnly: true });
  // Readable by the web app, which echoes it in X-CSRF-Token; another site can neither read it nor set the header.
  reply.setCookie(CSRF_COOKIE, found.user.csrfToken, { ...cookie, httpOnly: false });
  reply.header('X-Session-Idle-Expires', found.user.idleExpiresAt);
  return meOf(ctx, found.user);
}

function meOf(ctx: AppContext, auth: AuthUser) {
  return {
    user: { id: auth.id, username: auth.username, displayName: auth.displayName, roles: auth.roles, organisation: auth.organisation },
    permissions: permissionsOf(auth),
    session: { idleExpiresAt: auth.idleExpiresAt, absoluteExpiresAt: auth.absoluteExpiresAt, idleTimeoutSeconds: ctx.config.sessionIdleSeconds },
    csrfToken: auth.csrfToken,
  };
}
