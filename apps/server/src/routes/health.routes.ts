import { errorBody } from '@relief/domain';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../app';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;
  // A balancer polls these every few seconds: only failures reach the log (app.ts, RequestLog).
  app.get('/health', {
    logLevel: 'warn',
    config: { public: true },
    schema: { tags: ['platform'], summary: '进程存活检查', response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  // The document generated from the route schemas (docs/openapi.json is its committed, key-sorted copy).
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.get('/ready', {
    logLevel: 'warn',
    config: { public: true },
    schema: { tags: ['platform'], summary: '就绪检查（数据库可达）', response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: errorBody } },
  }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready' as const, database: ctx.dialect };
    } catch (err) {
      ctx.log.error({ err }, 'readiness check failed');
      return reply.status(503).send({ error: { code: 'NOT_READY', message: '数据库不可达', details: null } });
    }
  });
};
