// Starting the two kinds of server under test, and talking to the platform as its web app does.
import { DEMO_PASSWORD } from '../../apps/server/src/db/seeds/demo';
import type { Checkout } from './checkout';
import { onCleanup, type ServerHandle, type Settings, startServer } from './harness';
import { createRunSchema, dropSchema, ensureDatabase } from './postgres';

export type DbKind = 'sqlite' | 'postgres';

export interface RunContext {
  settings: Settings;
  /** The platform's database; the baseline is always SQLite. */
  db: DbKind;
  /** PostgreSQL URL when db is postgres. */
  databaseUrl: string;
  profile: boolean;
  /** `--against=<ref>`: a checkout of that commit, whose platform is loaded in turn with this one's. */
  against?: Checkout;
}

/** The bare Fastify + better-sqlite3 reference server. */
export function startBaseline(ctx: RunContext): Promise<ServerHandle> {
  return startServer({ name: 'baseline', entry: 'baseline-server.ts' }, ctx.settings);
}

/** The real platform (buildApp), migrated and seeded, on SQLite or on a fresh PostgreSQL schema. */
export async function startPlatform(ctx: RunContext, from?: Checkout): Promise<ServerHandle> {
  // The inspector would profile the primary, which only supervises the workers.
  if (ctx.profile && Number(process.env.BENCH_WORKERS ?? 1) > 1) throw new Error('--profile profiles one process: run it with BENCH_WORKERS=1');
  const server = { name: from ? `platform@${from.sha.slice(0, 7)}` : 'platform', entry: 'platform-server.ts', ...(from ? { root: from.root } : {}) };
  if (ctx.db === 'sqlite') {
    return startServer({ ...server, env: { BENCH_DATABASE_URL: '', BENCH_PG_SCHEMA: '' } }, ctx.settings);
  }
  return inRunSchema(ctx, (schema) => startServer({ ...server, env: { BENCH_DATABASE_URL: ctx.databaseUrl, BENCH_PG_SCHEMA: schema } }, ctx.settings));
}

/**
 * Bare Fastify and pg, one transaction of `statements` round trips per POST /item
 * (pg-floor-server.ts): PostgreSQL's own ceiling for requests that make that many.
 */
export function startPgFloor(ctx: RunContext, statements: number): Promise<ServerHandle> {
  return inRunSchema(ctx, (schema) => startServer({
    name: 'pg-floor',
    entry: 'pg-floor-server.ts',
    env: { BENCH_DATABASE_URL: ctx.databaseUrl, BENCH_PG_SCHEMA: schema, BENCH_PG_FLOOR_STATEMENTS: String(statements) },
  }, ctx.settings));
}

/** Starts a server on a fresh PostgreSQL schema of its own, dropped when the server stops (or the run ends). */
async function inRunSchema(ctx: RunContext, start: (schema: string) => Promise<ServerHandle>): Promise<ServerHandle> {
  await ensureDatabase(ctx.databaseUrl);
  const schema = await createRunSchema(ctx.databaseUrl);
  const drop = () => dropSchema(ctx.databaseUrl, schema);
  const unregister = onCleanup(drop);
  try {
    const server = await start(schema);
    return {
      ...server,
      async stop() {
        await server.stop();
        unregister();
        await drop();
      },
    };
  } catch (err) {
    unregister();
    await drop();
    throw err;
  }
}

export interface Session {
  /** The Cookie header to send: relief_sid and relief_csrf. */
  cookie: string;
  csrfToken: string;
}

/** Logs in through POST /api/auth/login (a demo account by default) and returns the session cookies. */
export async function login(baseUrl: string, username = 'admin', password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const cookies = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  const sid = cookies.get('relief_sid');
  const csrf = cookies.get('relief_csrf');
  if (!sid || !csrf) throw new Error(`login as ${username} set no relief_sid/relief_csrf cookies`);
  return { cookie: `relief_sid=${sid}; relief_csrf=${csrf}`, csrfToken: decodeURIComponent(csrf) };
}

/** Fails unless GET `path` answers 200 (a check before loading, so a run never measures errors). */
export async function expectOk(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${baseUrl}${path}`, { headers });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
  return body;
}
