import { type Compilable, CompiledQuery, type DatabaseConnection, type Kysely, type QueryExecutor, type QueryResult, type RawBuilder, SelectQueryNode, SqliteAdapter } from 'kysely';

// Hot queries (the session lookup runs on every request) are built and compiled once per
// database instead of on every call: Kysely's query building and compiling cost more than
// SQLite's own work for them (bench/README.md). On PostgreSQL their SQL is also sent as a named
// prepared statement (see createDb), so the server parses and plans them once per connection.

const hotSql = new Set<string>();

/** True when `sql` belongs to a query prepared with {@link prepared} (PostgreSQL names it). */
export function isHotSql(sql: string): boolean {
  return hotSql.has(sql);
}

/** The one SQLite connection of a database, for statements that may skip Kysely's executor. */
export interface DirectSqlite {
  prepare(sql: string): { reader: boolean; readonly: boolean; all(params: unknown[]): unknown[]; run(params: unknown[]): { changes: number; lastInsertRowid: number | bigint } };
  /** True while a transaction is open on the connection (better-sqlite3's `inTransaction`), the shared read aside. */
  inTransaction(): boolean;
  /** Joins the read transaction the lookups of this turn of the event loop share (kysely.ts). */
  beginSharedRead(): void;
}

const directConnections = new WeakMap<object, DirectSqlite>();

/** Lets hot statements of the database with this adapter run on its SQLite connection directly (createDb). */
export function runHotStatementsDirectly(adapter: object, connection: DirectSqlite): void {
  directConnections.set(adapter, connection);
}

// better-sqlite3 is synchronous, yet each statement through Kysely's executor passes its
// connection queue and several promises: for a 5-20 µs statement that cost as much again. A hot
// statement therefore runs on the connection itself when that is what Kysely would do anyway:
// - inside a transaction (the caller holds the one connection and runs alone on it);
// - a read outside any transaction while no transaction is open. While one is open (a group-commit
//   batch between its BEGIN and COMMIT), the read waits in Kysely's queue as before, so it never
//   sees writes that are not yet committed. The reads of one turn of the event loop share one
//   read transaction (kysely.ts, sharedReadTransaction), which does not count as open here.
// Writes outside a transaction keep Kysely's path (and its busy-timeout handling).
function runDirectly(db: Kysely<unknown>, adapter: object, sql: string, parameters: unknown[]): QueryResult<unknown> | null {
  const connection = directConnections.get(adapter);
  if (!connection) return null;
  const inTransaction = db.isTransaction;
  if (!inTransaction && connection.inTransaction()) return null;
  const stmt = connection.prepare(sql);
  if (stmt.reader) {
    if (!inTransaction && stmt.readonly) connection.beginSharedRead();
    return { rows: stmt.all(parameters) };
  }
  if (!inTransaction) return null;
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

// PostgreSQL: each statement that waits for the one before it costs a round trip, and on these
// machines the round trips, not the statements, bound a submission (bench/README.md). Kysely
// sends a transaction's statements one after another, each when the one before it has been
// answered. A transaction's connection can instead be pinned: hot statements on it then go out at
// once, behind any still unanswered, and the driver (pg in pipeline mode, createDb) sends them
// without waiting. Statements still run in the order they were issued, so each sees the writes
// issued before it; what the caller does not await travels with the next one it does.
const pinnedConnections = new WeakMap<object, DatabaseConnection>();

/** A connection that prepared reads outside any transaction share (PostgreSQL: createDb). */
export interface SharedLookups {
  query(sql: string, parameters: readonly unknown[]): Promise<{ rows: unknown[] }>;
}

const sharedLookups = new WeakMap<object, SharedLookups>();

/** Sends the prepared reads of the database with this adapter that run outside a transaction to `lookups`. */
export function readHotLookupsOn(adapter: object, lookups: SharedLookups): void {
  sharedLookups.set(adapter, lookups);
}

/**
 * Pins the connection of `db` (a PostgreSQL transaction): hot statements on it are then sent
 * without waiting for the ones before them. The caller must not issue anything on `db` after it
 * ends (the unit of work: platform/context.ts).
 */
export async function pinConnection(db: { getExecutor(): QueryExecutor }): Promise<void> {
  pinnedConnections.set(db, await db.getExecutor().provideConnection(async (connection) => connection));
}

/** Runs compiled SQL: on the SQLite connection directly where that is safe, on a pinned PostgreSQL connection, else through Kysely. */
async function execute<Row>(db: Kysely<unknown>, adapter: object, sql: string, parameters: unknown[], reads = false): Promise<QueryResult<Row>> {
  const pinned = pinnedConnections.get(db);
  if (pinned) return pinned.executeQuery<Row>(CompiledQuery.raw(sql, parameters));
  const lookups = reads && !db.isTransaction ? sharedLookups.get(adapter) : undefined;
  if (lookups) return (await lookups.query(sql, parameters)) as QueryResult<Row>;
  return (runDirectly(db, adapter, sql, parameters) as QueryResult<Row> | null) ?? db.executeQuery<Row>(CompiledQuery.raw(sql, parameters));
}

/**
 * Compiles `build(db)` (a query builder, or raw SQL from the sql tag) once per dialect and returns
 * a function that runs it with new parameters, in the order the placeholders appear.
 *
 * Write a fixed LIMIT as `.limit(sql.lit(1))`: Kysely binds `.limit(1)` as a parameter, and a
 * bound LIMIT made SQLite's one-row lookups two to three times slower (5 → 12 µs here).
 */
export function prepared<DB, Row>(build: (db: Kysely<DB>) => Compilable<Row> | RawBuilder<Row>) {
  // Keyed by the dialect's adapter, which a transaction shares with its database: the SQL text
  // depends only on the dialect, and a transaction is a new Kysely object every time.
  const cache = new WeakMap<object, { sql: string; reads: boolean }>();
  return async (db: Kysely<DB>, parameters: readonly unknown[]): Promise<Row[]> => {
    const key = db.getExecutor().adapter;
    let c = cache.get(key);
    if (c === undefined) {
      const query = build(db);
      // Raw SQL compiles against a database (its dialect); a query builder already has one.
      const compiled = 'isRawBuilder' in query ? query.compile(db) : query.compile();
      // Raw SQL may call a function that writes (audit_append): only a select builder is a read.
      c = { sql: compiled.sql, reads: SelectQueryNode.is(compiled.query) };
      cache.set(key, c);
      hotSql.add(c.sql);
    }
    const result = await execute<Row>(db as Kysely<unknown>, key, c.sql, [...parameters], c.reads);
    return result.rows;
  };
}

/**
 * An insert of one row into `table`, compiled once. `columns` names every column but the id (the
 * compiler refuses a missing or unknown one), so a new column cannot be left out silently. Returns the new row's id when the table has one (`returnsId`): SQLite's last insert
 * rowid, PostgreSQL's RETURNING. SQLite's RETURNING is not used: it costs about as much as the
 * insert itself, and the caller already holds every value but the id.
 */
export function preparedInsert<DB, T extends keyof DB & string>(table: T, columnSet: { [C in Exclude<keyof DB[T] & string, 'id'>]: true }, options: { returnsId?: boolean } = {}) {
  const columns = Object.keys(columnSet) as (keyof DB[T] & string)[];
  const cache = new WeakMap<object, { sql: string; sqlite: boolean }>();
  return async (db: Kysely<DB>, row: { [C in keyof DB[T]]?: unknown }): Promise<number | null> => {
    const adapter = db.getExecutor().adapter;
    let c = cache.get(adapter);
    if (c === undefined) {
      const sqlite = adapter instanceof SqliteAdapter;
      c = { sql: insertSql(db as Kysely<unknown>, table, columns, 1, options.returnsId === true && !sqlite), sqlite };
      cache.set(adapter, c);
    }
    const result = await execute<{ id: number }>(db as Kysely<unknown>, adapter, c.sql, columns.map((col) => row[col] ?? null));
    if (!options.returnsId) return null;
    return c.sqlite ? Number(result.insertId) : result.rows[0]!.id;
  };
}

/**
 * An insert of one row into `table` whose id is known before the insert has been answered, so the
 * statements that name the row can go out with it instead of waiting for it (PostgreSQL: a round
 * trip fewer per new case). `columns` as for {@link preparedInsert}. The caller sends `inserted`
 * with the rest of its unit of work (Tx.send). On SQLite the insert has run by then: its rowid is
 * known as soon as it has.
 */
export function preparedInsertAhead<DB, T extends keyof DB & string>(table: T, columnSet: { [C in Exclude<keyof DB[T] & string, 'id'>]: true }) {
  const columns = Object.keys(columnSet) as (keyof DB[T] & string)[];
  const cache = new WeakMap<object, { sql: string; ids: IdsAhead | null }>();
  return async (db: Kysely<DB>, row: { [C in keyof DB[T]]?: unknown }): Promise<{ id: number; inserted: Promise<unknown> }> => {
    const adapter = db.getExecutor().adapter;
    let c = cache.get(adapter);
    if (c === undefined) {
      if (adapter instanceof SqliteAdapter) c = { sql: insertSql(db as Kysely<unknown>, table, columns, 1, false), ids: null };
      else {
        const lookups = sharedLookups.get(adapter);
        if (!lookups) throw new Error(`${table}: ids are taken ahead on the shared lookup connection, which createDb opens`);
        c = { sql: insertSql(db as Kysely<unknown>, table, ['id', ...columns], 1, false), ids: new IdsAhead(table, lookups) };
      }
      cache.set(adapter, c);
    }
    const values = columns.map((col) => row[col] ?? null);
    if (c.ids === null) {
      const result = await execute(db as Kysely<unknown>, adapter, c.sql, values);
      return { id: Number(result.insertId), inserted: Promise.resolve() };
    }
    const id = await c.ids.next();
    return { id, inserted: execute(db as Kysely<unknown>, adapter, c.sql, [id, ...values]) };
  };
}

/** How long after fetching a block of ids its ids are still handed out. */
export const IDS_AHEAD_MAX_AGE_MS = 1000;
const IDS_AHEAD_MAX_BLOCK = 64;

/**
 * Ids of a PostgreSQL table's identity sequence, fetched in blocks ahead of the inserts that use
 * them (one lookup per block, on the shared connection). Lists show the newest rows first by id:
 * an instance holding a block while another moves on would file its new rows among older ones, so
 * a block is used only within a second of fetching and then dropped. Its size follows demand,
 * doubling when a block runs out within that second and halving when one is dropped, so a quiet
 * platform skips few ids. Dropped and unused ids are gaps, as a rolled-back insert leaves anyway.
 */
class IdsAhead {
  #ids: number[] = [];
  #fetchedAt = 0;
  #size = 1;
  #fetching: Promise<void> | null = null;
  constructor(private readonly table: string, private readonly lookups: SharedLookups) {}

  async next(): Promise<number> {
    for (;;) {
      if (this.#ids.length > 0 && Date.now() - this.#fetchedAt <= IDS_AHEAD_MAX_AGE_MS) return this.#ids.shift()!;
      await (this.#fetching ??= this.#fetch().finally(() => {
        this.#fetching = null;
      }));
    }
  }

  async #fetch(): Promise<void> {
    this.#size = this.#ids.length > 0 ? Math.max(1, this.#size >> 1) : Math.min(IDS_AHEAD_MAX_BLOCK, this.#size * 2);
    const { rows } = await this.lookups.query(IDS_SQL, [this.table, this.#size]);
    this.#ids = (rows as { id: number }[]).map((r) => r.id);
    this.#fetchedAt = Date.now();
  }
}

const IDS_SQL = `select nextval(pg_get_serial_sequence($1, 'id')) as id from generate_series(1, $2::int)`;

/**
 * A multi-row insert into `table`, compiled once per row count (a case's holders: two or three),
 * so several rows cost one statement instead of one each. `columns` as for {@link preparedInsert}.
 */
export function preparedInsertRows<DB, T extends keyof DB & string>(table: T, columnSet: { [C in Exclude<keyof DB[T] & string, 'id'>]: true }) {
  const columns = Object.keys(columnSet) as (keyof DB[T] & string)[];
  const cache = new WeakMap<object, Map<number, string>>();
  return async (db: Kysely<DB>, rows: readonly { [C in keyof DB[T]]?: unknown }[]): Promise<void> => {
    if (rows.length === 0) return;
    const adapter = db.getExecutor().adapter;
    let byCount = cache.get(adapter);
    if (byCount === undefined) cache.set(adapter, byCount = new Map());
    let sql = byCount.get(rows.length);
    if (sql === undefined) byCount.set(rows.length, sql = insertSql(db as Kysely<unknown>, table, columns, rows.length, false));
    await execute(db as Kysely<unknown>, adapter, sql, rows.flatMap((row) => columns.map((col) => row[col] ?? null)));
  };
}

/** The SQL of an insert of `count` rows of `columns` into `table` (marked hot), returning the id if asked. */
function insertSql(db: Kysely<unknown>, table: string, columns: readonly string[], count: number, returningId: boolean): string {
  const row = Object.fromEntries(columns.map((col) => [col, '']));
  // The builder's types cannot follow a table chosen by a type parameter; the SQL is checked by every test that inserts.
  const insert = (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(Array.from({ length: count }, () => row));
  const sql = (returningId ? insert.returning('id') : insert).compile().sql;
  hotSql.add(sql);
  return sql;
}
