import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifySerializerCompiler, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { jsonSchemaTransform, ResponseSerializationError, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createDb, type Db } from './db/kysely';
import { migrateToLatest } from './db/migrate';
import { registerGuard } from './platform/auth/guard';
import { type Clock, systemClock } from './platform/clock';
import type { Config } from './platform/config';
import type { AppContext } from './platform/context';
import { registerErrorHandling } from './platform/errors';
import { refuseWhenOverloaded } from './platform/overload';
import { routes } from './routes';
import { loadPreset } from './platform/preset';

// Zod's own messages in Chinese ("无效输入：期望 string，实际接收 undefined"); custom ones are Chinese too.
z.config(z.locales.zhCN());

/**
 * Every answer is checked against the schema its route declares, which also drops any field the
 * schema does not name. With safeParse rather than the library's serializer, which calls
 * safeEncode: our response schemas have no codecs, so both give the same result, and encoding ran
 * two to six times slower (a 贴息 answer: 15 µs against 8; serialising was 7% of an opening-burst
 * request).
 */
export const responseSerializer: FastifySerializerCompiler<z.ZodType> = ({ schema, method, url }) => (data) => {
  const result = schema.safeParse(data);
  if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
  return JSON.stringify(result.data);
};

/**
 * One line per answered request, with what was asked and how it was answered. Fastify's own
 * request logging wrote two, the method and URL when a request arrived and the status when it was
 * answered, joined only by reqId. Under an opening-day burst they were two of an application's
 * three lines and cost ~9% of its server CPU; one line costs nothing measurable (bench/README.md).
 * Routes a balancer polls (health, ready) log at warn, so they stay out.
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request');
    else reply.log.info(line, 'request');
  }
}

export interface BuildOptions {
  config: Config;
  /** An already open database (tests share one per file); otherwise opened from the config. */
  db?: Db;
  clock?: Clock;
  /** Run migrations before serving (default true). */
  migrate?: boolean;
  logger?: boolean;
  /** How often the event loop's delay is measured for refusing when overloaded (default 1 s; tests shorten it). */
  overloadSampleMs?: number;
  /** Where the log goes: stdout unless given (tests read it; the benchmark writes it to a file). */
  logStream?: DestinationStream;
}

export type App = FastifyInstance & { ctx: AppContext };

/** Builds the Fastify app with every plugin and route registered. Never listens (tests inject). */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    logController: new RequestLog(),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Router errors (a malformed %-escape, an over-long path parameter) happen before any hook
    // and would otherwise answer in Fastify's own English shape.
    frameworkErrors: (err, _request, reply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as unknown as FastifyReply).status(tooLong ? 414 : 400).send({ error: { code: err.code ?? 'BAD_URL', message: tooLong ? '请求地址中的参数过长' : '请求地址无效（编码错误）', details: null } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  const db = options.db ?? createDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  if (options.migrate !== false) await migrateToLatest(db.db);
  const ctx: AppContext = { config, db: db.db, dialect: db.dialect, clock: options.clock ?? systemClock, log: app.log, preset: loadPreset(config.presetPath) };
  app.decorate('ctx', ctx);
  if (!options.db) app.addHook('onClose', () => db.destroy());

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '中小企业纾困服务平台 API', version: '0.1.0', description: '鲁工信发〔2020〕1号 各项措施的接口。错误统一为 { "error": { "code", "message", "details" } }。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'relief_sid' } } },
    },
    transform: jsonSchemaTransform,
  });

  registerErrorHandling(app, { webDistDir: config.webDistDir });
  // Before the guard: a refused request costs no session lookup.
  await refuseWhenOverloaded(app, config.overloadDelayMs, options.overloadSampleMs);
  registerGuard(app, ctx);
  await app.register(routes, { prefix: '/api' });

  if (existsSync(path.join(config.webDistDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webDistDir, prefix: '/', wildcard: false, index: 'index.html' });
  }
  return app as unknown as App;
}
