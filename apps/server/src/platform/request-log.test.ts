import type { DestinationStream } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, DEMO_PASSWORD, DIALECTS, login, type TestApp } from '../test/harness';

// What an operator reads in the log for each request: one line, with what was asked and how it
// was answered, and nothing of what the user sent.

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  url?: string;
  statusCode?: number;
  responseTime?: number;
  [key: string]: unknown;
}

const INFO = 30;

describe.each(DIALECTS)('the request log (%s)', (dialect) => {
  let t: TestApp;
  const lines: Line[] = [];
  const stream: DestinationStream = { write: (line: string) => void lines.push(JSON.parse(line) as Line) };
  const requestLines = () => lines.filter((l) => l.msg === 'request');

  beforeAll(async () => {
    t = await createTestApp(dialect, { logStream: stream });
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    lines.length = 0;
  });

  it('writes one line per request, with the method, URL, status, time and request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me?x=1', headers: { 'x-request-id': 'req-log-1' } });
    expect(res.statusCode).toBe(401);
    expect(requestLines()).toEqual([expect.objectContaining({ level: INFO, reqId: 'req-log-1', method: 'GET', url: '/api/me?x=1', statusCode: 401, responseTime: expect.any(Number) })]);
    // Not Fastify's own pair of lines, which said the same in two.
    expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
  });

  it('leaves out what the user sent: no password, no session cookie', async () => {
    const session = await login(t.app, 'jinan');
    const me = await as(t.app, session).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(requestLines().map((l) => `${l.method} ${l.url} ${l.statusCode}`)).toEqual(['POST /api/auth/login 200', 'GET /api/me 200']);
    const written = JSON.stringify(lines);
    expect(written).not.toContain(DEMO_PASSWORD);
    const cookieValues = session.cookie.split('; ').map((c) => c.slice(c.indexOf('=') + 1));
    expect(cookieValues.length).toBeGreaterThan(0);
    for (const value of cookieValues) expect(written).not.toContain(value);
    expect(written).not.toContain(session.csrf);
  });

  it('keeps the balancer\'s health and readiness checks out of the log', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
    expect(requestLines()).toEqual([]);
    // The requests after them are logged as before.
    await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(requestLines()).toEqual([expect.objectContaining({ url: '/api/no-such-thing', statusCode: 404 })]);
  });
});
