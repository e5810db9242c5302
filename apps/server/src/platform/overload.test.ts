import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, DIALECTS, login, type TestApp } from '../test/harness';

const CHINESE = /[\u4e00-\u9fa5]/;

/** Keeps the event loop busy, as a flood of requests would. */
function busyFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* the event loop is held */ }
}

async function until(what: string, probe: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.each(DIALECTS)('%s: refusing new requests while the event loop is behind', (dialect) => {
  let t: TestApp;
  // Measured every 300 ms: a refusal lasts until the next measurement, long enough to observe.
  beforeAll(async () => {
    t = await createTestApp(dialect, { overload: { delayMs: 100, sampleMs: 300 } });
  });
  afterAll(() => t?.close());

  const organisations = async () => (await t.app.ctx.db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('answers 503 OVERLOADED in Chinese with Retry-After, stores nothing, keeps answering the balancer\'s checks, and serves again once caught up', async () => {
    const admin = await login(t.app, 'admin');
    const jinan = (await as(t.app, admin).get(`/api/organisations?kind=city&q=${encodeURIComponent('济南')}`)).json().items[0].id as number;
    const before = await organisations();

    // The loop held 150 ms of every turn, as a flood of requests would hold it, until released.
    const flood = setInterval(() => busyFor(150), 1);
    let me, created, health, ready;
    try {
      await until('the delay measured', () => t.app.isUnderPressure());
      [me, created, health, ready] = await Promise.all([
        as(t.app, admin).get('/api/me'),
        as(t.app, admin).post('/api/organisations', { parentId: jinan, kind: 'service', name: '过载时新增的服务机构' }),
        t.app.inject({ method: 'GET', url: '/api/health' }),
        t.app.inject({ method: 'GET', url: '/api/ready' }),
      ]);
    } finally {
      clearInterval(flood);
    }
    for (const res of [me, created]) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json().error.code).toBe('OVERLOADED');
      expect(res.json().error.message).toMatch(CHINESE);
      expect(res.json().error.message).toContain('未处理');
    }
    expect(health.statusCode).toBe(200);
    expect(ready.statusCode).toBe(200);
    expect(await organisations()).toBe(before);

    await until('the backlog cleared', () => !t.app.isUnderPressure());
    expect((await as(t.app, admin).get('/api/me')).statusCode).toBe(200);
    const again = await as(t.app, admin).post('/api/organisations', { parentId: jinan, kind: 'service', name: '过载后新增的服务机构' });
    expect(again.statusCode).toBe(201);
    expect(await organisations()).toBe(Number(before) + 1);
  });
});
