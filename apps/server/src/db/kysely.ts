import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect, PostgresDriver, type PostgresPool, type PostgresPoolClient, SqliteDialect, type TransactionSettings } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer';
import { isHotSql, readHotLookupsOn, runHotStatementsDirectly } from './prepared';
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

// PostgreSQL's connection exceptions (class 08) and its shutdowns (57P01 administrator, 57P02
// crash, 57P03 not yet accepting connections), and what pg and Node say when the socket goes.
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const PG_CONNECTION_LOST = /^Connection terminated|^Client has encountered a connection error and is not queryable/;

/**
 * Whether a statement failed because the connection to PostgreSQL did (a restart, a failover, a
 * network fault) rather than because of what it asked: trying again shortly may succeed.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && (e.code.startsWith('08') || PG_UNAVAILABLE_CODES.has(e.code))) return true;
  return typeof e?.message === 'string' && PG_CONNECTION_LOST.test(e.message);
}

/**
 * Whether a write failed because the database's disk is full (SQLite's SQLITE_FULL, PostgreSQL's
 * 53100 disk_full): the transaction is rolled back, and nothing will succeed until space is freed.
 */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}

/** Whether a statement broke a unique index (both databases). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** Opens the database the configuration names: PostgreSQL for postgres:// URLs, else SQLite. */
export function createDb(options: DbOptions): Db {
  if (options.databaseUrl?.startsWith('postgres')) {
    const config: pg.PoolConfig = {
      connectionString: options.databaseUrl,
      // A client sends each query as soon as it is issued, not when the one before it has been
      // answered, so a unit of work can send its writes together (db/prepared.ts, pinConnection).
      pipeline: true,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    };
    const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10 });
    // A connection that breaks (PostgreSQL restarted, failed over, or ended it) emits 'error', and
    // an 'error' nobody listens to ends the process: every instance would go down with the
    // database. The statements on it fail and their requests are answered (isDatabaseUnavailable);
    // the pool drops the connection and opens another when next asked.
    pool.on('connect', (client) => client.on('error', warnConnectionLost));
    // The pool passes an idle connection's 'error' on as its own: heard above already, so not
    // warned twice, but it needs a listener too.
    pool.on('error', () => undefined);
    const names = statementNames();
    const db = new Kysely<Database>({ dialect: new PipelinedBeginDialect({ pool: namingHotStatements(pool, names) }) });
    const lookups = sharedLookupConnection(config, names);
    readHotLookupsOn(db.getExecutor().adapter, lookups);
    return {
      db,
      dialect: 'postgres',
      destroy: async () => {
        await lookups.end();
        await db.destroy();
      },
    };
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
  const shared = sharedReadTransaction(raw);
  const connection = withStatementCache(raw, shared);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  runHotStatementsDirectly(db.getExecutor().adapter, {
    prepare: (text) => connection.prepare(text),
    inTransaction: () => raw.inTransaction && !shared.isOpen(),
    beginSharedRead: shared.enter,
  });
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

function warnConnectionLost(err: Error): void {
  process.emitWarning(`PostgreSQL 连接中断：${err.message}`);
}

// Kysely waits for BEGIN's answer before the transaction's first statement, a round trip of its
// own for every unit of work. On a pipelined connection (createDb) BEGIN can instead leave with the
// statements after it. Had BEGIN failed, those would run outside any transaction; but BEGIN fails
// only on a broken connection, where everything after it fails too (a connection left inside a
// transaction only warns, and Kysely rolls a failed unit back before the pool has it again).
class PipelinedBeginDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel || settings.accessMode) return super.beginTransaction(connection, settings);
    // Not awaited. A broken connection fails the statements after it too: the unit hears of it there.
    connection.executeQuery(CompiledQuery.raw('begin')).catch(() => undefined);
  }
}

class PipelinedBeginDialect extends PostgresDialect {
  readonly #config: ConstructorParameters<typeof PostgresDialect>[0];
  constructor(config: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new PipelinedBeginDriver(this.#config);
  }
}

// Hot queries go to PostgreSQL as named prepared statements: parsed and planned once per
// connection instead of on every request. Only the few registered by prepared() are named, so
// the per-connection statement cache stays bounded.
function statementNames(): (sqlText: string) => string {
  // The name is derived from the SQL once, not hashed again on every query.
  const names = new Map<string, string>();
  return (sqlText) => {
    let name = names.get(sqlText);
    if (name === undefined) {
      name = `hot_${createHash('sha1').update(sqlText).digest('hex').slice(0, 16)}`;
      names.set(sqlText, name);
    }
    return name;
  };
}

function namedWhenHot(client: pg.ClientBase, nameOf: (sqlText: string) => string, sqlText: unknown, values?: readonly unknown[]) {
  return typeof sqlText === 'string' && isHotSql(sqlText)
    ? client.query({ name: nameOf(sqlText), text: sqlText, values: values as unknown[] })
    // Anything else (plain SQL, or a cursor object) passes through untouched.
    : client.query(sqlText as string, values as unknown[]);
}

function namingHotStatements(pool: pg.Pool, nameOf: (sqlText: string) => string): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      const hold = writesHeldUntil(client);
      const query = (sqlText: unknown, values?: readonly unknown[]) => {
        hold();
        return namedWhenHot(client, nameOf, sqlText, values);
      };
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

// Every request looks its session up, and every submission its facts: point reads outside any
// transaction (db/lookup-plans.test.ts holds the submissions' to index lookups). Each from a pool
// connection of its own cost a socket write and a wake-up of a server process per read; on one
// shared connection, in pipeline mode, the reads of one turn of the event loop leave in one write
// and are answered in order by one server process. A lookup sees what is committed, as from the
// pool. One slow lookup would hold up those queued behind it, which is why only prepared reads,
// not writes or ad-hoc queries, come here.
function sharedLookupConnection(config: pg.ClientConfig, nameOf: (sqlText: string) => string) {
  let current: Promise<pg.Client> | null = null;
  let hold: () => void = () => undefined;
  let ended = false;
  const connect = () => {
    const client = new pg.Client(config);
    const opened = client.connect().then(() => {
      // Held until the event loop has run every callback of its poll phase (each request that
      // arrived together looks its session up in a callback of its own), not just this one.
      hold = writesHeldUntil(client, setImmediate);
      return client;
    });
    // A broken connection fails the lookups on it (their requests get 500, as from the pool);
    // the next lookup opens a new one.
    const forget = () => {
      if (current === opened) current = null;
    };
    client.on('error', forget);
    client.on('end', forget);
    opened.catch(forget);
    return opened;
  };
  return {
    async query(sqlText: string, values: readonly unknown[]) {
      if (ended) throw new Error('database closed');
      const client = await (current ??= connect());
      hold();
      return namedWhenHot(client, nameOf, sqlText, values) as Promise<{ rows: unknown[] }>;
    },
    async end() {
      ended = true;
      const client = await current?.catch(() => null);
      current = null;
      await client?.end();
    },
  };
}

// The client writes each query to its socket at once, and on this loopback every write is a
// system call that also wakes the server: the largest cost of a statement here (bench/README.md).
// Queries issued in the same turn of the event loop (a unit's pipelined writes and its COMMIT)
// are held back until the turn ends (`until`: process.nextTick; the shared lookup connection holds
// them to setImmediate) and leave in one write. One query alone waits only for the end of the turn
// it was issued in.
function writesHeldUntil(client: pg.ClientBase, until: (release: () => void) => void = process.nextTick): () => void {
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
    until(release);
  };
}

// Kysely's SQLite driver prepares every statement anew; caching prepared statements by SQL text
// brings Kysely reads close to raw better-sqlite3 (STACK.md: ~96%).
function withStatementCache(raw: SqliteDatabase.Database, shared: SharedRead, limit = 1000) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      shared.end();
      raw.close();
    },
    prepare(sql: string) {
      // Every transaction takes the write lock when it begins (BEGIN IMMEDIATE): a deferred one that
      // read first and then wrote could find another process had written meanwhile and fail with
      // SQLITE_BUSY at its first write, a point where waiting no longer helps.
      if (sql === 'begin') sql = 'begin immediate';
      let stmt = cache.get(sql);
      if (stmt === undefined) {
        stmt = raw.prepare(sql);
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      // Anything but a plain read ends the shared read first: a write must not join it, nor a
      // transaction begin inside it.
      if (shared.isOpen() && !(stmt.reader && stmt.readonly)) shared.end();
      return stmt;
    },
  };
}

interface SharedRead {
  /** Opens the shared read transaction unless one (or any other transaction) is open. */
  enter(): void;
  isOpen(): boolean;
  end(): void;
}

// Each read outside a transaction is a transaction of its own: SQLite takes a read lock on the log
// (two fcntl calls) and checks the log's header, ~5 µs even in a tight loop. The lookups of one
// turn of the event loop (the sessions and facts of every request read in it) share one read
// transaction instead, ended before anything else runs on the connection and at the turn's end.
// Within the process nothing is missed: the only writer is this connection, and it ends the
// shared read before it begins. Another process's commit made during the turn is seen from the
// next turn on, as if the turn's reads had all run at its start.
function sharedReadTransaction(raw: SqliteDatabase.Database): SharedRead {
  let open = false;
  const begin = raw.prepare('begin deferred');
  const commit = raw.prepare('commit');
  const end = () => {
    if (!open) return;
    open = false;
    // A read that failed on I/O may have ended the transaction already (SQLite rolls back then).
    if (raw.inTransaction) commit.run();
  };
  return {
    enter: () => {
      if (open || raw.inTransaction) return;
      begin.run();
      open = true;
      setImmediate(end);
    },
    isOpen: () => open,
    end,
  };
}
