import { timingSafeEqual } from 'node:crypto';
import { can, type Permission } from '@relief/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit';
import type { AppContext } from '../context';
import { AppError, forbidden, unauthorized } from '../errors';
import { type AuthUser, CSRF_COOKIE, loadSession, SESSION_COOKIE } from './sessions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, public policy pages). Everything else is not. */
    public?: boolean;
    /** The permission a caller needs; routes without one need only a session. */
    permission?: Permission;
  }
  interface FastifyRequest {
    auth: AuthUser | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor of a request, for the audit log. */
export function actorOf(request: FastifyRequest): Actor {
  return {
    userId: request.auth?.id ?? null,
    username: request.auth?.username ?? null,
    organisationId: request.auth?.organisation.id ?? null,
    requestId: request.id,
  };
}

/** The signed-in user; throws 401 when there is none (routes behind the guard always have one). */
export function requireAuth(request: FastifyRequest): AuthUser {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

/**
 * The one access check, run for every request before its body is even parsed: session (unless
 * the route is public), CSRF token on state-changing requests, then the route's permission.
 */
export function registerGuard(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    // Decide by the matched route, never the raw URL: the router decodes %-escapes, so a raw
    // prefix test would let /%61pi/… reach an /api route unguarded. Unmatched paths are answered
    // 404 by the not-found handler; static files of the web app are public.
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await loadSession(ctx, token);
      if (found.status === 'ok') {
        request.auth = found.user;
        reply.header('X-Session-Idle-Expires', found.user.idleExpiresAt);
      } else if (!config.public) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw found.status === 'expired'
          ? unauthorized('会话已过期，请重新登录', 'SESSION_EXPIRED')
          : found.status === 'disabled' ? unauthorized('账户或所属机构已停用', 'ACCOUNT_DISABLED') : unauthorized();
      }
    }
    if (config.public) {
      // Public writes (login, registration) carry no session to forge; requiring JSON means a
      // cross-site form cannot send them without a CORS preflight, which we never grant.
      if (!SAFE_METHODS.has(request.method) && !isJson(request)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 application/json 提交');
      return;
    }
    const auth = request.auth;
    if (!auth) throw unauthorized();
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
        throw forbidden('安全校验失败（CSRF 令牌缺失或无效），请刷新页面后重试', 'CSRF_FAILED');
      }
    }
    if (config.permission && !can(auth, config.permission)) throw forbidden();
  });
}

function isJson(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export { CSRF_COOKIE, SESSION_COOKIE };
