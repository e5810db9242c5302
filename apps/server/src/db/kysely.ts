import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer';
import { isHotSql, runHotStatementsDirectly } from './prepared';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

// pg returns int8 (COUNT(*), BIGINT sums of fen) as strings to avoid precision loss. Our amounts
// stay far below 2^53 fen (90 trillion 元), so numbers are exact and both dialects return numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbOptions {
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  poolSize?: number;
}

/** How long a SQLite statement waits for another process's write lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;

const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/**
 * Log size (pages of 4 KB, ~40 MB) at which the serving connection checkpoints itself: a backstop
 * for when the background checkpointer falls behind. It then has little left to copy, where at
 * SQLite's default of 1,000 it would copy nearly everything itself, stalling the event loop.
 */
export const SERVING_AUTOCHECKPOINT_PAGES = 10_000;

/** Whether SQLite refused a statement because another process held the lock past the wait. */
export function isSqliteBusy(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_BUSY';
}

/** Whether a statement broke a unique index (both databases). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** Opens the database the configuration names: PostgreSQL for postgres:// URLs, else SQLite. */
export function createDb(options: DbOptions): Db {
  if (options.databaseUrl?.startsWith('postgres')) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A client sends each query as soon as it is issued, not when the one before it has been
      // answered, so a unit of work can send its writes together (db/prepared.ts, pinConnection).
      pipeline: true,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingHotStatements(pool) }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  if (!options.sqlitePath) throw new Error('SQLite needs a file path (DATA_DIR) or :memory:');
  const raw = new SqliteDatabase(options.sqlitePath);
  // WAL lets readers proceed during a write; busy_timeout waits for another process's write lock
  // instead of failing with "database is locked" (the Grafana/n8n failure in LESSONS.md).
  raw.pragma('journal_mode = WAL');
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  // Group commit runs each unit in a savepoint, whose journal SQLite otherwise keeps in a temporary
  // file: created, written page by page and deleted for every batch (bench/README.md).
  raw.pragma('temp_store = MEMORY');
  const checkpointer = options.sqlitePath === ':memory:' ? null : checkpointInBackground(raw, options.sqlitePath);
  const connection = withStatementCache(raw);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  runHotStatementsDirectly(db.getExecutor().adapter, { prepare: (text) => connection.prepare(text), inTransaction: () => raw.inTransaction });
  return {
    db,
    dialect: 'sqlite',
    destroy: async () => {
      // The worker's connection first: the last one to close checkpoints what is left and removes the log.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** Moves WAL checkpoints off this connection, to a worker thread (db/checkpointer.ts). */
function checkpointInBackground(raw: SqliteDatabase.Database, file: string) {
  raw.pragma(`wal_autocheckpoint = ${SERVING_AUTOCHECKPOINT_PAGES}`);
  return startCheckpointer(file, {
    onError: (message) => process.emitWarning(`SQLite 后台检查点失败：${message}`),
    // Without the worker the serving connection checkpoints as often as SQLite does by default.
    onExit: () => raw.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`),
  });
}

// Hot queries go to PostgreSQL as named prepared statements: parsed and planned once per
// connection instead of on every request. Only the few registered by prepared() are named, so
// the per-connection statement cache stays bounded.
function namingHotStatements(pool: pg.Pool): PostgresPool {
  // The name is derived from the SQL once, not hashed again on every query.
  const names = new Map<string, string>();
  const nameOf = (sqlText: string) => {
    let name = names.get(sqlText);
    if (name === undefined) {
      name = `hot_${createHash('sha1').update(sqlText).digest('hex').slice(0, 16)}`;
      names.set(sqlText, name);
    }
    return name;
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      const hold = writesHeldUntilNextTick(client);
      const query = (sqlText: unknown, values?: readonly unknown[]) => {
        hold();
        return typeof sqlText === 'string' && isHotSql(sqlText)
          ? client.query({ name: nameOf(sqlText), text: sqlText, values: values as unknown[] })
          // Anything else (plain SQL, or a cursor object) passes through untouched.
          : client.query(sqlText as string, values as unknown[]);
      };
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

// The client writes each query to its socket at once, and on this loopback every write is a
// system call that also wakes the server: the largest cost of a statement here (bench/README.md).
// Queries issued in the same turn of the event loop (a unit's pipelined writes and its COMMIT)
// are held back until the turn ends and leave in one write. One query alone waits only for the
// end of the turn it was issued in.
function writesHeldUntilNextTick(client: pg.PoolClient): () => void {
  // pg's Client keeps its socket as connection.stream (a net.Socket); not in its type definitions.
  const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  if (!stream?.cork || !stream.uncork) return () => undefined;
  let held = false;
  const release = () => {
    held = false;
    stream.uncork!();
  };
  return () => {
    if (held) return;
    held = true;
    stream.cork!();
    process.nextTick(release);
  };
}

// Kysely's SQLite driver prepares every statement anew; caching prepared statements by SQL text
// brings Kysely reads close to raw better-sqlite3 (STACK.md: ~96%).
function withStatementCache(raw: SqliteDatabase.Database, limit = 1000) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      // Every transaction takes the write lock when it begins (BEGIN IMMEDIATE): a deferred one that
      // read first and then wrote could find another process had written meanwhile and fail with
      // SQLITE_BUSY at its first write, a point where waiting no longer helps.
      if (sql === 'begin') sql = 'begin immediate';
      let stmt = cache.get(sql);
      if (stmt) return stmt;
      stmt = raw.prepare(sql);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
