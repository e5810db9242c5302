import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';

// The opening day of a window (LESSONS.md "Load and failure"): the US PPP lender portal went down
// minutes after reopening, and the UK's was down for its first hour. Past what an instance can
// serve, every request still accepted makes all of them slower, until clients time out and retry
// on top. So when the event loop falls this far behind (its mean delay over a sample, which stays
// at 10–20 ms at full load in the benchmark), new requests are refused at once, before their
// session is read or their body checked: nothing of them is stored, the answer says so in
// Chinese with Retry-After, and the web app tries again after it (lib/api.ts). The requests
// already accepted finish meanwhile. The balancer's health and readiness checks are always
// answered: taking busy instances out would leave the others busier, or none serving at all.

/** Seconds a refused client is told to wait; the web app waits this long, with jitter. */
const OVERLOAD_RETRY_AFTER_SECONDS = 2;

const BALANCER_CHECKS = new Set(['/api/health', '/api/ready']);

const OVERLOADED = { error: { code: 'OVERLOADED', message: '系统繁忙，本次请求未处理，请稍后重试', details: null } };

/**
 * Refuses requests with 503 OVERLOADED while the event loop's mean delay exceeds `maxDelayMs`
 * (0: never). `sampleMs` is how often the delay is measured (tests shorten it).
 */
export async function refuseWhenOverloaded(app: FastifyInstance, maxDelayMs: number, sampleMs = 1000): Promise<void> {
  if (maxDelayMs <= 0) return;
  // One warning per sample at most, with how many were refused: a line per refusal would add to
  // the load it reports.
  let refused = 0;
  let lastWarned = 0;
  await app.register(underPressure, {
    maxEventLoopDelay: maxDelayMs,
    sampleInterval: sampleMs,
    pressureHandler: (request, reply, _type, value) => {
      if (BALANCER_CHECKS.has(request.url)) return undefined;
      refused += 1;
      const now = Date.now();
      if (now - lastWarned >= sampleMs) {
        request.log.warn({ eventLoopDelayMs: Math.round(value ?? 0), refused }, 'overloaded: refusing new requests');
        lastWarned = now;
        refused = 0;
      }
      // Sent here: Fastify runs no further hook, and no handler, for a reply already sent.
      void reply.status(503).header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS)).send(OVERLOADED);
      return undefined;
    },
  });
}
