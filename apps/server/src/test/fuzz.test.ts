import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { createTestApp, DEMO_PASSWORD, DIALECTS, type Session, tableCounts, type TestApp } from './harness';

// Malformed requests against every route, as the signed-in province admin (with its CSRF token)
// and anonymously. Whatever comes in: never a 5xx, every error in the one shape with a Chinese
// message, and nothing stored. The generator is seeded: a failure names its seed and request
// number, and the same run reproduces it.

const SEED = 0x20200217;
const CHINESE = /[\u4e00-\u9fa5]/;

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------------------------------------
// Routes and their schemas, read from the app itself (OpenAPI document + the router's tree).

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

interface Op {
  method: string;
  url: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}

function opsOf(app: App): Op[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> };
  const ops: Op[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
      const params = op.parameters ?? [];
      ops.push({
        method: m.toUpperCase(),
        url: p.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: params.filter((x) => x.in === 'path').map((x) => x.name),
        query: params.filter((x) => x.in === 'query').map((x) => ({ name: x.name, schema: x.schema })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

/** Routes from `printRoutes({ commonPrefix: false })`, for any the OpenAPI document leaves out. */
function treeRoutes(tree: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
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

const probe = await createTestApp('sqlite', { demo: false });
const documented = opsOf(probe.app);
const undocumented = treeRoutes(probe.app.printRoutes({ commonPrefix: false }))
  .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !documented.some((d) => d.method === r.method && d.url === r.url))
  .map((r): Op => ({ ...r, pathParams: [...r.url.matchAll(/:(\w+)/g)].map((x) => x[1]!), query: [], body: null }));
await probe.close();
const OPS = [...documented, ...undocumented].sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
/** At least a dozen malformed requests per route and mode, and at least 1,000 in all. */
const REQUESTS_PER_MODE = Math.max(520, OPS.length * 12);

// ---------------------------------------------------------------------------------------------
// Malformed values.

const HUGE = 'x'.repeat(100_000);
const WEIRD_STRINGS = [
  HUGE,
  `${'中'.repeat(50_000)}`,
  "' OR 1=1 --",
  "'; drop table app_user; --",
  '" OR ""="',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '😀🇨🇳𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '‮override',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}',
  '%',
  '_',
  '\\',
  ' ',
  '',
  '１２３４５６',
  'NaN',
  '-0',
  '1e309',
  '__proto__',
];
const WEIRD_NUMBERS = [-1, 0, 1.5, -2_147_483_649, 2_147_483_648, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e-308];

const BAD_PATH_PARAMS = ['0', '-1', '1.5', 'abc', '99999999999999', '%00', '1e3', '0x10', 'NaN', 'Infinity', '-0', '%20', '%ZZ', '%E4%B8%AD', encodeURIComponent("' OR 1=1 --"), 'a'.repeat(300), '1%2F2', '%2e%2e', '１'];

/** Query values: absurd for the declared type, or valid types at their extremes. */
function queryValue(rng: Rng, schema: JsonSchema | undefined): string {
  const type = Array.isArray(schema?.type) ? schema!.type[0] : schema?.type;
  const common = ['', '%00', '%ZZ', encodeURIComponent(HUGE), encodeURIComponent("' OR 1=1 --"), encodeURIComponent('😀中文'), '%', '%25', '_', 'null', 'undefined', '[]', '{}', '__proto__'];
  const numeric = ['-1', '0', '1e9', '1.5', 'abc', '99999999999999999999', 'Infinity', 'NaN', '0x10', ' 1', '-0', '100000', '200', '201', '1e-9'];
  const dates = ['9999-12-31', '0000-01-01', '0001-01-01', '2020-02-30', '2020-02-29', '2020-13-01', '1900-02-29', '2100-02-29', '20200207', '9999-12', '0000-01', '2020-00', '2020-02',
    '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2020-02-07T08:00:00+14:00', '2020-02-07T08:00:00.123456789Z', '2020-02-07T24:00:00Z', '2020-02-07'];
  const enums = schema?.enum?.map(String) ?? [];
  if (type === 'integer' || type === 'number') return rng.pick(rng.chance(0.7) ? numeric : [...common, ...dates]);
  if (enums.length) return rng.pick(rng.chance(0.3) ? enums.map((e) => `${e}x`) : [...common, ...numeric]);
  return rng.pick(rng.chance(0.4) ? dates : [...common, ...numeric, ...dates]);
}

function buildQuery(rng: Rng, op: Op): string {
  const parts: string[] = [];
  const names = op.query.length ? op.query : [{ name: 'page', schema: { type: 'integer' } }, { name: 'pageSize', schema: { type: 'integer' } }];
  for (const q of names) {
    if (!rng.chance(0.6)) continue;
    const v = queryValue(rng, q.schema);
    parts.push(`${q.name}=${v}`);
    if (rng.chance(0.2)) parts.push(`${q.name}=${queryValue(rng, q.schema)}`); // repeated parameter
    if (rng.chance(0.1)) parts.push(`${q.name}[]=${v}`, `${q.name}[0]=${v}`);
  }
  if (rng.chance(0.15)) parts.push(rng.pick(['page=-1', 'pageSize=1e9', 'page=1&page=2', '__proto__[x]=1', 'constructor[prototype][x]=1', '&&&', '=', 'a=%', `z=${'y'.repeat(5000)}`]));
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A value of the schema's type (content not necessarily valid). */
function sample(rng: Rng, schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': return rng.chance(0.3) ? rng.pick(WEIRD_STRINGS) : 'x';
    case 'integer': return rng.chance(0.3) ? rng.pick(WEIRD_NUMBERS) : 1;
    case 'number': return 1;
    case 'boolean': return true;
    case 'array': return [sample(rng, schema.items, depth + 1)];
    case 'object': return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(rng, s, depth + 1)]));
    default: return 'x';
  }
}

/** A value of a different JSON type than the schema allows, or undefined when the schema allows anything. */
function wrongType(rng: Rng, schema: JsonSchema): unknown {
  if (schema.anyOf || schema.oneOf || !schema.type) return undefined;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const nullOk = schema.nullable === true;
  const pool: Record<string, unknown[]> = {
    string: [42, -1, 1.5, [], ['a'], {}, { a: 1 }, true, ...(nullOk ? [] : [null])],
    integer: ['abc', '1; drop table', [], [1], {}, true, ...(nullOk ? [] : [null])],
    number: ['abc', [], {}, false, ...(nullOk ? [] : [null])],
    boolean: ['true', 1, [], {}, ...(nullOk ? [] : [null])],
    array: ['x', 1, {}, true, { 0: 'a', length: 1 }, ...(nullOk ? [] : [null])],
    object: ['x', 1, [], true, [{}], ...(nullOk ? [] : [null])],
  };
  const candidates = pool[type as string];
  return candidates ? rng.pick(candidates) : undefined;
}

/** A JSON body that the schema must refuse: at least one field of the wrong type, or the wrong root. */
function malformedObject(rng: Rng, schema: JsonSchema): unknown {
  const rootType = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (rootType !== 'object' || !schema.properties) return rng.pick([[], [1, 2], 'text', 42, null, true]);
  const body = sample(rng, schema) as Record<string, unknown>;
  const breakable = Object.entries(schema.properties).filter(([, s]) => wrongType(rng, s) !== undefined);
  if (!breakable.length) return rng.pick([[], 'text', 42, null]);
  const count = 1 + rng.int(Math.min(3, breakable.length));
  for (let i = 0; i < count; i++) {
    const [k, s] = rng.pick(breakable);
    body[k] = wrongType(rng, s);
  }
  if (rng.chance(0.2)) body['__proto__'] = { admin: true };
  if (rng.chance(0.2)) body[rng.pick(['extra', 'id', 'status', 'organisation_id', 'password_hash'])] = rng.pick(WEIRD_STRINGS);
  return body;
}

interface Case {
  label: string;
  contentType?: string;
  payload?: string;
}

const INVALID_JSON = ['{', '{"a":', "{'a':1}", 'undefined', 'NaN', '[1,]', '{"a":1,}', '\u0000', '{"a":"\\x"}', '{"a":1}{"b":2}', '"unterminated', '01', '{"a":01}', '\ufeff{"a":1}', 'nul', `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`];

function bodyCase(rng: Rng, op: Op, mustFail: boolean): Case {
  const roll = rng.next();
  // Invalid JSON text.
  if (roll < 0.2) return { label: 'invalid json', contentType: 'application/json', payload: rng.pick(INVALID_JSON) };
  // Wrong content types (only where the body can never be a string the schema accepts).
  if (roll < 0.4 && (op.body || !mustFail)) {
    const ct = rng.pick(['text/plain', 'multipart/form-data', 'multipart/form-data; boundary=', 'application/x-www-form-urlencoded', 'application/xml', 'application/octet-stream', 'application/json; charset=utf-16', 'application/jsonx', 'text/json', '']);
    const payload = rng.pick(['username=admin&password=x', '<a>1</a>', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', JSON.stringify({ a: 1 }), HUGE, '\u0000\u0001\u0002']);
    return { label: `content-type ${ct || '(none)'}`, contentType: ct, payload };
  }
  // Empty body with a JSON content type.
  if (roll < 0.45) return { label: 'empty json', contentType: 'application/json', payload: '' };
  // JSON of the wrong shape.
  if (op.body) return { label: 'wrong types', contentType: 'application/json', payload: JSON.stringify(malformedObject(rng, op.body)) };
  return { label: 'junk json', contentType: 'application/json', payload: JSON.stringify(rng.pick([[], {}, null, 1, 'x', { a: HUGE }, [{ '__proto__': 1 }]])) };
}

type Mode = 'admin' | 'anonymous';

interface Built {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  payload?: string;
  label: string;
  spare?: boolean;
}

function buildRequest(rng: Rng, op: Op, mode: Mode, admin: Session): Built {
  const isWrite = op.method !== 'GET';
  // A route without a body schema accepts any body: with a valid id it could act for real, so
  // as the admin it only ever gets bad ids.
  const mustFail = mode === 'admin' && isWrite;
  let url = op.url;
  const labels: string[] = [];
  for (const name of op.pathParams) {
    const value = (!op.body && mustFail) || rng.chance(0.7) ? rng.pick(BAD_PATH_PARAMS) : '1';
    url = url.replace(`:${name}`, value);
    labels.push(`${name}=${value.slice(0, 20)}`);
  }
  url += buildQuery(rng, op);
  const headers: Record<string, string | string[]> = {};
  if (mode === 'admin') {
    headers.cookie = admin.cookie;
    if (isWrite) headers['x-csrf-token'] = admin.csrf;
  }
  // Odd headers.
  const h = rng.next();
  if (h < 0.08) {
    headers.cookie = `relief_sid=${'A'.repeat(100_000)}`;
    labels.push('huge cookie');
  } else if (h < 0.14 && mode === 'admin') {
    headers['x-csrf-token'] = rng.pick(['', 'wrong', admin.csrf.slice(1), `${admin.csrf} `, 'x'.repeat(10_000), [admin.csrf, admin.csrf]]) as string;
    labels.push('bad csrf');
  } else if (h < 0.18) {
    headers.cookie = rng.pick(['relief_sid', '=;=;', 'relief_sid=; relief_sid=x', `relief_sid=${Buffer.from('中文').toString('latin1')}`, 'relief_csrf=x', `${admin.cookie}; relief_sid=x`]);
    labels.push('odd cookie');
  } else if (h < 0.22) {
    headers['x-request-id'] = rng.pick(['x'.repeat(5000), Buffer.from('请求编号').toString('latin1'), "' OR 1=1 --", '']);
    headers['accept'] = rng.pick(['text/html', '*/*;q=abc', 'application/xml']);
    headers['accept-language'] = 'xx';
    labels.push('odd request id');
  }
  const built: Built = { method: op.method, url, headers, label: labels.join(' ') };
  if (isWrite || rng.chance(0.1)) {
    const c = bodyCase(rng, op, mustFail);
    if (c.contentType !== undefined && c.contentType !== '') headers['content-type'] = c.contentType;
    if (c.payload !== undefined) built.payload = c.payload;
    built.label = `${c.label}${built.label ? `; ${built.label}` : ''}`;
  }
  // Logging out as the admin would end the session the rest of the run uses.
  if (mode === 'admin' && op.url === '/api/auth/logout') built.spare = true;
  return built;
}

interface Outcome {
  /** One line per kind of failure (status, problem, error code), with its count and first example. */
  failures: string[];
  sent: number;
  statuses: Record<string, number>;
}

async function fuzz(app: App, mode: Mode, admin: Session, spares: Session[], seed: number): Promise<Outcome> {
  const rng = prng(seed);
  const kinds = new Map<string, { count: number; example: string }>();
  const fail = (kind: string, example: string) => {
    const k = kinds.get(kind);
    if (k) k.count += 1;
    else kinds.set(kind, { count: 1, example });
  };
  const statuses: Record<string, number> = {};
  let sent = 0;
  for (let i = 0; i < REQUESTS_PER_MODE; i++) {
    const op = OPS[i % OPS.length]!;
    let req = buildRequest(rng, op, mode, admin);
    if (req.spare) {
      const s = spares.pop();
      if (!s) continue;
      req = { ...req, headers: { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } };
    }
    const where = `seed ${seed} #${i} ${mode} ${req.method} ${req.url.slice(0, 120)} [${req.label}]`;
    let res;
    try {
      res = await app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload === undefined ? {} : { payload: req.payload }) });
    } catch (err) {
      fail('inject threw', `${where}: ${(err as Error).message}`);
      continue;
    }
    sent += 1;
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    if (res.statusCode >= 500) {
      fail(`${res.statusCode}`, `${where}: ${res.body.slice(0, 300)}`);
      continue;
    }
    if (res.statusCode >= 400) {
      let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
      try {
        body = res.json();
      } catch {
        fail(`${res.statusCode} not JSON`, `${where}: ${res.body.slice(0, 200)}`);
        continue;
      }
      const e = body?.error;
      if (!e || typeof e.code !== 'string' || !e.code || typeof e.message !== 'string' || !('details' in e)) {
        fail(`${res.statusCode} wrong error shape ${String((body as { code?: unknown })?.code ?? '')}`, `${where}: ${res.body.slice(0, 200)}`);
      } else if (!CHINESE.test(e.message)) {
        fail(`${res.statusCode} message not Chinese ${e.code}`, `${where}: ${e.message.slice(0, 200)}`);
      }
    }
  }
  const failures = [...kinds].map(([kind, { count, example }]) => `${kind} ×${count} — e.g. ${example}`);
  return { failures, sent, statuses };
}

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  const spares: Session[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const login = async (n: number) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: `10.80.0.${n}` });
      expect(res.statusCode).toBe(200);
      return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string, username: 'admin' };
    };
    admin = await login(1);
    const logouts = Math.ceil(REQUESTS_PER_MODE / OPS.length) + 1;
    for (let i = 0; i < logouts; i++) spares.push(await login(10 + i));
  });
  afterAll(() => t?.close());

  it('covers every route', () => {
    expect(OPS.length).toBeGreaterThanOrEqual(30);
    expect(REQUESTS_PER_MODE / OPS.length).toBeGreaterThanOrEqual(10);
  });

  for (const mode of ['admin', 'anonymous'] as const) {
    it(`${REQUESTS_PER_MODE} malformed requests ${mode === 'admin' ? 'as the province admin' : 'anonymously'}: no 5xx, the error shape, a Chinese message, nothing stored`, async () => {
      const before = await tableCounts(t.app);
      const outcome = await fuzz(t.app, mode, admin, spares, mode === 'admin' ? SEED : SEED + 1);
      // Soft, so one run reports every kind of failure and whether anything was stored.
      expect.soft(outcome.failures, `statuses ${JSON.stringify(outcome.statuses)}`).toEqual([]);
      expect.soft(await tableCounts(t.app), 'rows stored by malformed requests').toEqual(before);
      expect(outcome.sent).toBeGreaterThanOrEqual(REQUESTS_PER_MODE - 20);
      // The admin's session survived its own fuzzing (nothing logged it out or locked it).
      if (mode === 'admin') {
        const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: admin.cookie } });
        expect(me.statusCode).toBe(200);
      }
    }, 120_000);
  }
});
