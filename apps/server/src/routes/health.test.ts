import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from '../test/harness';

const CHINESE = /[\u4e00-\u9fa5]/;

function expectErrorShape(body: unknown): { code: string; message: string; details: unknown } {
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.stringMatching(CHINESE) } });
  const error = (body as { error: { code: string; message: string; details: unknown } }).error;
  expect(error).toHaveProperty('details');
  return error;
}

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('GET /api/health answers 200 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('GET /api/ready answers 200 and names the database it reached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: dialect });
  });

  it.each([
    ['GET', '/api/no-such-thing'],
    ['GET', '/api/'],
    ['POST', '/api/no-such-thing'],
    ['GET', '/api/users/1/no-such-action'],
    ['DELETE', '/api/health'],
    ['PUT', '/api/me'],
    ['GET', '/api/assets/index.js'],
  ] as const)('%s %s → 404 with the error shape and a Chinese message', async (method, url) => {
    const res = await t.app.inject({ method, url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const error = expectErrorShape(res.json());
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(url.split('?')[0]!);
  });

  it('an unknown /api path keeps its query string out of the message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing?token=secret' });
    expect(res.statusCode).toBe(404);
    expect(expectErrorShape(res.json()).message).not.toContain('secret');
  });

  // `/api` itself is an API path: a client or probe that calls it must get JSON, not the web
  // app's index.html (which is what the SPA fallback serves for any non-`/api/` GET).
  it('GET /api (no trailing slash) → 404 JSON, not the web app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expectErrorShape(res.json());
  });
});
