// The real platform as it runs in production (every plugin, hook and route of buildApp), on a
// throw-away database: SQLite in a temporary DATA_DIR, or PostgreSQL when BENCH_DATABASE_URL is
// set (in the schema BENCH_PG_SCHEMA, which the harness creates before and drops after the run).
// Migrated, with the reference organisations and the demo accounts (admin / Relief@2020), and, when
// BENCH_BURST_ENTERPRISES is set, that many enterprises signed in for the opening-burst benchmark.
// BENCH_WORKERS=N serves it as `WORKERS=N npm start` does: this process prepares the database,
// then N cluster workers (platform/cluster.ts) serve on one port and share it.
import cluster from 'node:cluster';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../apps/server/src/app';
import { createDb } from '../../apps/server/src/db/kysely';
import { seedDemo } from '../../apps/server/src/db/seeds/demo';
import { seedBridgeLoanBurst } from '../../apps/server/src/measures/bridge-loan/bridge-loan.seed';
import { ensureReferenceData } from '../../apps/server/src/db/seeds/reference';
import { superviseWorkers, type Supervisor } from '../../apps/server/src/platform/cluster';
import { type Config, loadConfig } from '../../apps/server/src/platform/config';
import pino from 'pino';
import { announceReady, requestedPort, stopOnSignal } from './child';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

function benchConfig(dir: string): Config {
  return { ...loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' }), jobIntervalSeconds: 0 };
}

/**
 * The platform logs as in production (LOG_LEVEL, by default info), into a file of the run's
 * directory rather than stdout, which the harness reads. Written synchronously, as pino writes
 * to stdout.
 */
function benchLog(dir: string) {
  return pino.destination({ dest: path.join(dir, `platform-${process.pid}.log`), sync: true });
}

/** A schema of its own keeps runs independent (sessions, rate-limit counters); the pool size stays createDb's default. */
function benchDb(): ReturnType<typeof createDb> | undefined {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
  const pgSchema = process.env.BENCH_PG_SCHEMA;
  return databaseUrl && pgSchema ? createDb({ databaseUrl, pgSchema }) : undefined;
}

async function main(): Promise<void> {
  if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error(`BENCH_WORKERS must be a positive integer, got ${process.env.BENCH_WORKERS}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'relief-bench-platform-'));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let db: ReturnType<typeof createDb> | undefined;
  let workers: Supervisor | undefined;
  // Registered before start-up so that a stop during migrations or seeding still cleans up.
  const close = async () => {
    try {
      await workers?.stop();
      await app?.close();
      await db?.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  stopOnSignal(close);
  try {
    const config = benchConfig(dir);
    db = benchDb();
    app = await buildApp({ config, logStream: benchLog(dir), ...(db ? { db } : {}) });
    await ensureReferenceData(app.ctx);
    await seedDemo(app.ctx);
    // Bench-only data: BENCH_BURST_ENTERPRISES enterprises with signed-in sessions for the
    // opening-burst benchmark, written as JSON to BENCH_SESSIONS_FILE.
    const burst = Number(process.env.BENCH_BURST_ENTERPRISES ?? 0);
    if (burst > 0 && process.env.BENCH_SESSIONS_FILE) {
      writeFileSync(process.env.BENCH_SESSIONS_FILE, JSON.stringify(await seedBridgeLoanBurst(app.ctx, burst)));
    }
    if (WORKERS > 1) {
      await app.close();
      app = undefined;
      workers = superviseWorkers(WORKERS, pino({ level: 'warn' }), { ...process.env, BENCH_WORKER_DIR: dir });
      announceReady(await workers.listening);
      return;
    }
    await app.listen({ host: '127.0.0.1', port: requestedPort() });
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  const address = app.server.address();
  announceReady(typeof address === 'object' && address ? address.port : 0);
}

/** A cluster worker: the prepared database in BENCH_WORKER_DIR, served on the primary's port. */
async function worker(): Promise<void> {
  const db = benchDb();
  const app = await buildApp({ config: benchConfig(process.env.BENCH_WORKER_DIR!), logStream: benchLog(process.env.BENCH_WORKER_DIR!), migrate: false, ...(db ? { db } : {}) });
  stopOnSignal(async () => {
    await app.close();
    await db?.destroy();
  });
  await app.listen({ host: '127.0.0.1', port: requestedPort() });
}

if (cluster.isPrimary) await main();
else await worker();
