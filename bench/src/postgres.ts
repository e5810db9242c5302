// PostgreSQL for the platform side of a benchmark: the database named in BENCH_DATABASE_URL is
// created when missing, and each run gets a schema of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/relief_bench';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database of `url` unless it exists (connecting to the `postgres` database to do so). */
export async function ensureDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!IDENTIFIER.test(name)) throw new Error(`BENCH_DATABASE_URL must name a plain database, got "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await client.query(`create database "${name}"`);
      console.log(`  created PostgreSQL database ${name}`);
    }
  });
}

// A schema is named bench_<unix seconds>_<random>. Runs normally drop theirs; one whose harness
// was killed outright leaves it behind, and the next run drops any older than STALE_SECONDS (far
// beyond the longest a run's server may live) without touching a run still in progress.
const STALE_SECONDS = 3600;

/** Creates a fresh schema for one run and returns its name, first dropping stale ones. */
export async function createRunSchema(url: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const schema = `bench_${now}_${randomBytes(4).toString('hex')}`;
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ nspname: string }>("select nspname from pg_namespace where nspname like 'bench\\_%'");
    for (const { nspname } of rows) {
      const created = Number(/^bench_(\d+)_[0-9a-f]+$/.exec(nspname)?.[1] ?? 0);
      if (now - created > STALE_SECONDS) await client.query(`drop schema if exists ${nspname} cascade`);
    }
    await client.query(`create schema ${schema}`);
  });
  return schema;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!IDENTIFIER.test(schema)) throw new Error(`not a schema name: ${schema}`);
  await withClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
}
