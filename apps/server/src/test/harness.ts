import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { type App, buildApp } from '../app';
import { createDb, type Db, type Dialect } from '../db/kysely';
import { DEMO_PASSWORD, seedDemo } from '../db/seeds/demo';
import { ensureReferenceData } from '../db/seeds/reference';
import { type Clock, fixedClock } from '../platform/clock';
import { loadConfig } from '../platform/config';

/** The dialects this run covers: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestApp {
  app: App;
  clock: ReturnType<typeof fixedClock>;
  /** Opens another connection to the same database, as a second server instance would. */
  openSecondDb(): Db;
  /** What `relief serve` in another process needs in its environment to serve this database (DATA_DIR, DATABASE_URL). */
  serverEnv: { DATA_DIR: string; DATABASE_URL: string };
  close(): Promise<void>;
}

/**
 * A fresh app on a fresh database of the dialect (a temporary SQLite file, or a new PostgreSQL
 * schema), migrated, with reference data and the demo accounts. Each test file makes its own.
 */
export async function createTestApp(dialect: Dialect, options: { demo?: boolean; clock?: Clock; now?: string; logStream?: DestinationStream; overload?: { delayMs: number; sampleMs: number } } = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relief-test-'));
  const clock = fixedClock(options.now ?? '2020-02-10T01:00:00.000Z');
  // Refusing when overloaded is off unless a test asks for it: a test that keeps the event loop
  // busy (parsing a workbook) must not have the next test's requests refused.
  const config = { ...loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '' }), jobIntervalSeconds: 0, overloadDelayMs: options.overload?.delayMs ?? 0 };
  let schema: string | undefined;
  let db: Db;
  const sqlitePath = path.join(dir, 'relief.db');
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = createDb({ databaseUrl: url, pgSchema: schema, poolSize: 5 });
  } else {
    db = createDb({ sqlitePath });
  }
  let app: App;
  try {
    // Silent, unless the test reads the log: then at LOG_LEVEL's default, whatever the environment says.
    const common = { db, clock: options.clock ?? clock, ...(options.overload ? { overloadSampleMs: options.overload.sampleMs } : {}) };
    app = await buildApp(options.logStream
      ? { ...common, config: { ...config, logLevel: 'info' }, logStream: options.logStream }
      : { ...common, config, logger: false });
  } catch (err) {
    // Do not leave a half-migrated schema behind on the shared PostgreSQL.
    if (schema) await sql`drop schema ${sql.raw(schema)} cascade`.execute(db.db);
    await db.destroy();
    throw err;
  }
  await ensureReferenceData(app.ctx);
  // Demo accounts, without sample lists and measure cases: each test makes the data it counts.
  if (options.demo !== false) await seedDemo(app.ctx, { sampleLists: false, measures: false });
  await app.ready();
  const extra: Db[] = [];
  return {
    app,
    clock,
    serverEnv: { DATA_DIR: dir, DATABASE_URL: schema ? urlInSchema(process.env.TEST_DATABASE_URL!, schema) : '' },
    openSecondDb() {
      const second = dialect === 'postgres'
        ? createDb({ databaseUrl: process.env.TEST_DATABASE_URL!, pgSchema: schema!, poolSize: 3 })
        : createDb({ sqlitePath });
      extra.push(second);
      return second;
    },
    async close() {
      for (const e of extra) await e.destroy();
      await app.close();
      if (schema) await sql`drop schema ${sql.raw(schema)} cascade`.execute(db.db);
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A connection string whose sessions work in `schema` (libpq's options parameter, which pg reads too). */
function urlInSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export { DEMO_PASSWORD };

export interface Session {
  cookie: string;
  csrf: string;
  username: string;
}

/** Logs in through the API and returns the cookies and CSRF token to send with later requests. */
export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie: cookies, csrf: res.json().csrfToken as string, username };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Sends a request as a session (with its CSRF token on writes). */
export function as(app: App, session: Session | null) {
  const send = (method: Method, url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: session ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) } : {},
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload),
    patch: (url: string, payload?: unknown) => send('PATCH', url, payload),
    put: (url: string, payload?: unknown) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}

/** Counts rows of every table, to prove a refused request stored nothing. */
export async function tableCounts(app: App): Promise<Record<string, number>> {
  const tables = ['organisation', 'app_user', 'user_role', 'enterprise', 'registration', 'audit_event'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await app.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/**
 * A case as stored with its holders, its events, the audit log and the notices: equal before and
 * after a refused action proves the refusal changed nothing.
 */
export async function caseSnapshot(app: App, caseId: number) {
  const db = app.ctx.db;
  const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
  return {
    case: await db.selectFrom('workflow_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
    holders: await db.selectFrom('case_holder').selectAll().where('case_id', '=', caseId).orderBy('org_id').execute(),
    events: await count(db.selectFrom('case_event').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId)),
    audit: await count(db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'))),
    notifications: await count(db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('n'))),
  };
}

/**
 * The fields an error answer names in `details` (their paths). Messages are for people and name
 * fields in Chinese; programs, and these tests, read which field from here.
 */
export function problemPaths(res: { json(): unknown }): string[] {
  const details = (res.json() as { error?: { details?: unknown } }).error?.details;
  return Array.isArray(details) ? details.map((d: { path?: unknown }) => String(d.path)) : [];
}
