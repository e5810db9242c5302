import { type Compilable, CompiledQuery, type Kysely, type RawBuilder, SqliteAdapter } from 'kysely';

// Hot queries (the session lookup runs on every request) are built and compiled once per
// database instead of on every call: Kysely's query building and compiling cost more than
// SQLite's own work for them (bench/README.md). On PostgreSQL their SQL is also sent as a named
// prepared statement (see createDb), so the server parses and plans them once per connection.

const hotSql = new Set<string>();

/** True when `sql` belongs to a query prepared with {@link prepared} (PostgreSQL names it). */
export function isHotSql(sql: string): boolean {
  return hotSql.has(sql);
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
  const cache = new WeakMap<object, string>();
  return async (db: Kysely<DB>, parameters: readonly unknown[]): Promise<Row[]> => {
    const key = db.getExecutor().adapter;
    let sql = cache.get(key);
    if (sql === undefined) {
      const query = build(db);
      // Raw SQL compiles against a database (its dialect); a query builder already has one.
      sql = ('isRawBuilder' in query ? query.compile(db) : query.compile()).sql;
      cache.set(key, sql);
      hotSql.add(sql);
    }
    const result = await db.executeQuery<Row>(CompiledQuery.raw(sql, [...parameters]));
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
      const values = Object.fromEntries(columns.map((col) => [col, '']));
      // The builder's types cannot follow a table chosen by a type parameter; the SQL is checked by every test that inserts.
      const insert = (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(values);
      c = { sql: (options.returnsId && !sqlite ? insert.returning('id') : insert).compile().sql, sqlite };
      cache.set(adapter, c);
      hotSql.add(c.sql);
    }
    const result = await db.executeQuery<{ id: number }>(CompiledQuery.raw(c.sql, columns.map((col) => row[col] ?? null)));
    if (!options.returnsId) return null;
    return c.sqlite ? Number(result.insertId) : result.rows[0]!.id;
  };
}
