import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, isSqliteBusy, isStorageFull } from '../db/kysely';

/** One field-level problem, named by its path (e.g. `items.3.amountFen`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The platform's one error type. Thrown anywhere below a route; the error handler turns it into
 * `{ "error": { "code", "message", "details" } }` with its status. Messages are Chinese and say
 * what to do.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: FieldProblem[] | unknown, code = 'BAD_REQUEST') =>
  new AppError(400, code, message, details);
export const unauthorized = (message = '请先登录', code = 'UNAUTHENTICATED') => new AppError(401, code, message);
export const forbidden = (message = '您没有执行此操作的权限', code = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在或您无权查看`);
export const conflict = (message: string, details?: unknown, code = 'CONFLICT') => new AppError(409, code, message, details);
export const unprocessable = (message: string, details?: unknown, code = 'RULE_VIOLATION') =>
  new AppError(422, code, message, details);
export const tooMany = (message: string, code = 'RATE_LIMITED') => new AppError(429, code, message);

/** Shorthand for a single-field validation failure. */
export function fieldError(path: string, message: string): AppError {
  return badRequest(message, [{ path, message }], 'VALIDATION_FAILED');
}

// zod's own zh-CN messages (wrong type, too short, unknown key) name no field, unlike the
// contracts' messages ("联系电话应为…"): those keep the field's path in front.
const ZOD_GENERIC = /^(无效|数值过|出现未知)/;

/**
 * The message a person reads for field problems: every problem's own message, in order. Programs
 * read the field names from `details` (`path`); the page marks each field from them.
 */
export function problemsMessage(problems: readonly FieldProblem[], lead?: string): string {
  const messages = [...new Set(problems.map((p) => (ZOD_GENERIC.test(p.message) ? `${p.path}：${p.message}` : p.message)))];
  const text = messages.join('；');
  if (lead) return messages.length > 1 ? `${lead}（共 ${messages.length} 处）：${text}` : `${lead}：${text}`;
  return messages.length > 1 ? `共 ${messages.length} 处需要修改：${text}` : text;
}

const PART_LABEL: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

// Fastify's own client errors, translated so a person reading them knows what to fix.
const FASTIFY_CODES: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: '不支持的内容类型，请以 application/json 提交' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: '请求长度与内容不符' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: '请求体为空，应为 JSON 对象' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: '请求体不是有效的 JSON' },
  FST_ERR_BAD_URL: { status: 400, message: '请求地址无效' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, message: '请求无效' },
  FST_ERR_INVALID_URL: { status: 400, message: '请求地址无效' },
};

/** Installs the single error handler and the not-found handler. */
export function registerErrorHandling(app: FastifyInstance, web: { webDistDir: string }): void {
  const spaIndex = existsSync(path.join(web.webDistDir, 'index.html'));
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details ?? null } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const context = (err as FastifyError).validationContext ?? 'body';
      const part = PART_LABEL[context] ?? '请求';
      const details: FieldProblem[] = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(根)',
        message: v.message ?? '无效',
      }));
      // A body comes from a form whose fields the page marks; query and path parameters come from
      // programs and links, so their message keeps the parameter's name.
      const first = details[0];
      const message = !first ? `${part}无效` : context === 'body' ? problemsMessage(details) : `${part}字段 ${first.path}：${first.message}`;
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message, details } });
    }
    const fe = err as FastifyError;
    const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (known) return reply.status(known.status).send({ error: { code: fe.code, message: known.message, details: null } });
    if (err instanceof SyntaxError || (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)) {
      return reply.status(fe.statusCode && fe.statusCode < 500 ? fe.statusCode : 400)
        .send({ error: { code: fe.code ?? 'BAD_REQUEST', message: `请求无效：${fe.message}`, details: null } });
    }
    if (isSqliteBusy(err)) {
      // Another process held SQLite's write lock for as long as a statement waits (WORKERS, a
      // long import): nothing of this request was stored, and trying again shortly will do.
      request.log.warn({ err }, 'database busy');
      return reply.status(503).header('retry-after', '1')
        .send({ error: { code: 'BUSY', message: '系统繁忙，本次提交未保存，请稍后重试', details: null } });
    }
    if (isStorageFull(err)) {
      // The disk under the database is full: the transaction was rolled back, and trying again
      // will not help until someone frees space, so the client does not (lib/api.ts).
      request.log.error({ err }, 'database storage full');
      return reply.status(507)
        .send({ error: { code: 'STORAGE_FULL', message: '服务器存储空间已满，本次提交未保存；请联系平台管理员', details: null } });
    }
    if (isDatabaseUnavailable(err)) {
      // The connection to PostgreSQL broke under this request. Whether a COMMIT that was on its way
      // took effect cannot be known, so the message does not say; sending it again is safe, as
      // submissions carry their idempotency key and decisions the version they were made on.
      request.log.warn({ err }, 'database unavailable');
      return reply.status(503).header('retry-after', '2')
        .send({ error: { code: 'DB_UNAVAILABLE', message: '数据库连接中断，本次请求未能完成，请稍后重试', details: null } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试；如持续出现请联系管理员并提供请求编号 ' + request.id, details: null } });
  });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any non-API GET that is not a file gets index.html.
    const path = request.url.split('?')[0]!;
    if (spaIndex && request.method === 'GET' && path !== '/api' && !path.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}`, details: null } });
  });
}
