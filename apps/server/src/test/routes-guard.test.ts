import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { as, createTestApp, DEMO_PASSWORD, DIALECTS, type Session, type TestApp } from './harness';

// Every route is closed unless it is on this list. A new route is enumerated from the app
// itself, so it is tested here the moment it is registered: if it answers without a session,
// this file fails.
const PUBLIC = new Set([
  'POST /api/auth/login',
  'GET /api/health',
  'GET /api/ready',
  'POST /api/registrations',
  'GET /api/regions',
  'GET /api/industries',
  'GET /api/policy',
  'GET /api/policy/measures/:kind',
  'GET /api/bridge-loans/rules',
  'GET /api/openapi.json',
]);
/** Public routes that must exist (the OpenAPI document is public only if it is served). */
const REQUIRED_PUBLIC = [...PUBLIC].filter((r) => r !== 'GET /api/openapi.json');

const CHINESE = /[\u4e00-\u9fa5]/;

interface Route {
  method: string;
  url: string;
}

/**
 * Routes from `printRoutes({ commonPrefix: false })`: a tree whose lines are indented in steps of
 * four characters, each naming a path segment and, when a route ends there, its methods.
 */
function routesFromTree(tree: string): Route[] {
  const out: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const label = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(m[2]!)!;
    stack.length = depth;
    const full = (depth > 0 ? stack[depth - 1]! : '') + label[1]!;
    stack[depth] = full;
    for (const method of label[2]?.split(', ') ?? []) out.push({ method, url: full });
  }
  return out;
}

/** Routes from the OpenAPI document, with `{id}` turned back into `:id`. */
function routesFromOpenApi(app: App): Route[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
      .map((k) => ({ method: k.toUpperCase(), url: p.replace(/\{(\w+)\}/g, ':$1') })));
}

const key = (r: Route) => `${r.method} ${r.url}`;
const concrete = (url: string) => url.replace(/:\w+/g, '1');

// The routes do not depend on the dialect: read them once from a throwaway app.
const probe = await createTestApp('sqlite', { demo: false });
const fromTree = routesFromTree(probe.app.printRoutes({ commonPrefix: false }));
const fromOpenApi = routesFromOpenApi(probe.app);
const webDistDir = probe.app.ctx.config.webDistDir;
await probe.close();

const apiFromTree = fromTree.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
const ALL_API = [...new Map([...apiFromTree, ...fromOpenApi].map((r) => [key(r), r])).values()].sort((a, b) => key(a).localeCompare(key(b)));
const CLOSED = ALL_API.filter((r) => !PUBLIC.has(key(r)));
const OPEN = ALL_API.filter((r) => PUBLIC.has(key(r)));
const CLOSED_GETS = CLOSED.filter((r) => r.method === 'GET');
const CLOSED_WRITES = CLOSED.filter((r) => r.method !== 'GET');

function send(app: App, r: Route, url: string, headers: Record<string, string> = {}) {
  const write = r.method !== 'GET' && r.method !== 'HEAD';
  return app.inject({
    method: r.method as 'GET',
    url,
    headers: { ...headers, ...(write ? { 'content-type': 'application/json' } : {}) },
    ...(write ? { payload: '{}' } : {}),
  });
}

function expectUnauthenticated(res: Awaited<ReturnType<App['inject']>>, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(401);
  const body = res.json();
  expect(body.error.code).toMatch(/^(UNAUTHENTICATED|SESSION_EXPIRED)$/);
  expect(body.error.message).toMatch(CHINESE);
  expect(body.error).toHaveProperty('details');
}

describe('route enumeration', () => {
  it('finds the routes (sanity: the parser works)', () => {
    expect(ALL_API.length).toBeGreaterThanOrEqual(30);
    expect(ALL_API.map(key)).toEqual(expect.arrayContaining(['GET /api/me', 'POST /api/users/:id/disable', 'GET /api/audit', 'POST /api/cases/:id/actions/:action']));
  });

  it('the OpenAPI document lists exactly the routes the server registered (but itself)', () => {
    const documented = new Set(fromOpenApi.map(key));
    const registered = new Set(apiFromTree.map(key).filter((k) => k !== 'GET /api/openapi.json'));
    expect([...registered].filter((k) => !documented.has(k)), 'registered but not documented').toEqual([]);
    expect([...documented].filter((k) => !registered.has(k)), 'documented but not registered').toEqual([]);
  });

  it('every public route of the list exists', () => {
    const all = new Set(ALL_API.map(key));
    expect(REQUIRED_PUBLIC.filter((r) => !all.has(r))).toEqual([]);
  });

  // The guard only looks at /api/; anything else must be a file of the built web app.
  it('every route outside /api is a GET/HEAD of a file of the web app', () => {
    const outside = fromTree.filter((r) => !r.url.startsWith('/api/') && r.url !== '/api');
    for (const r of outside) {
      expect(['GET', 'HEAD'], key(r)).toContain(r.method);
      const file = r.url === '/' ? 'index.html' : r.url.replace(/^\//, '');
      expect(existsSync(path.join(webDistDir, file)), key(r)).toBe(true);
    }
  });
});

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  let revoked: Session;
  let lixia: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const login = async (username: string, remoteAddress: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD }, remoteAddress });
      expect(res.statusCode).toBe(200);
      return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string, username };
    };
    revoked = await login('admin', '10.70.0.1');
    expect((await as(t.app, revoked).post('/api/auth/logout')).statusCode).toBe(200);
    lixia = await login('lixia', '10.70.0.2');
  });
  afterAll(() => t?.close());

  it.each(CLOSED.map((r) => [key(r), r] as const))('%s → 401 without a session', async (_k, r) => {
    expectUnauthenticated(await send(t.app, r, concrete(r.url)), 'no cookie');
    expectUnauthenticated(await send(t.app, r, concrete(r.url), { cookie: 'relief_sid=forged' }), 'forged cookie');
    expectUnauthenticated(await send(t.app, r, concrete(r.url), { cookie: revoked.cookie, 'x-csrf-token': revoked.csrf }), 'logged-out session');
  });

  it.each(CLOSED_GETS.map((r) => [key(r), r] as const))('HEAD of %s → 401 without a session', async (_k, r) => {
    const res = await t.app.inject({ method: 'HEAD', url: concrete(r.url) });
    expect(res.statusCode).toBe(401);
  });

  // The router decodes percent-escapes before matching, so `/%61pi/me` *is* `/api/me`; the guard
  // must see the same route the router found, whatever the spelling of the URL. One test for all
  // routes, naming every route that answers otherwise.
  it('every closed route → 401 without a session, also when the path is percent-encoded', async () => {
    const leaks: string[] = [];
    for (const r of CLOSED) {
      const url = concrete(r.url);
      for (const spelt of [`/%61pi${url.slice(4)}`, `/%61%70%69${url.slice(4)}`]) {
        const res = await send(t.app, r, spelt);
        if (res.statusCode !== 401) leaks.push(`${r.method} ${spelt} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('every closed write without the CSRF header → 403 CSRF_FAILED, also when the path is percent-encoded', async () => {
    const leaks: string[] = [];
    for (const r of CLOSED_WRITES) {
      const url = concrete(r.url);
      for (const spelt of [url, `/%61pi${url.slice(4)}`]) {
        const res = await send(t.app, r, spelt, { cookie: lixia.cookie });
        if (res.statusCode !== 403 || res.json().error?.code !== 'CSRF_FAILED') leaks.push(`${r.method} ${spelt} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it.each(OPEN.map((r) => [key(r), r] as const))('public %s answers without a session', async (_k, r) => {
    const res = await send(t.app, r, concrete(r.url));
    expect(res.statusCode, res.body).not.toBe(401);
    expect(res.statusCode).toBeLessThan(500);
    if (r.method === 'GET' && !r.url.includes(':')) expect(res.statusCode).toBe(200);
    // A broken or stale cookie does not stop a public page either.
    const stale = await send(t.app, r, concrete(r.url), { cookie: revoked.cookie });
    expect(stale.statusCode).toBe(res.statusCode);
  });

  it('public measure pages answer for a real measure', async () => {
    const policy = (await t.app.inject({ method: 'GET', url: '/api/policy' })).json();
    expect(policy.number).toBe('鲁工信发〔2020〕1号');
    const kind = policy.measures[0].kind as string;
    const res = await t.app.inject({ method: 'GET', url: `/api/policy/measures/${kind}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().kind).toBe(kind);
  });
});
