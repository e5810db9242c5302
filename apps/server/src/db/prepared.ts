import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

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
 * Compiles `build(db)` once per dialect and returns a function that runs it with new
 * parameters, in the order the placeholders appear in the built query.
 */
export function prepared<DB, Row>(build: (db: Kysely<DB>) => Compilable<Row>) {
  // Keyed by the dialect's adapter, which a transaction shares with its database: the SQL text
  // depends only on the dialect, and a transaction is a new Kysely object every time.
  const cache = new WeakMap<object, string>();
  return async (db: Kysely<DB>, parameters: readonly unknown[]): Promise<Row[]> => {
    const key = db.getExecutor().adapter;
    let sql = cache.get(key);
    if (sql === undefined) {
      sql = build(db).compile().sql;
      cache.set(key, sql);
      hotSql.add(sql);
    }
    const result = await db.executeQuery<Row>(CompiledQuery.raw(sql, [...parameters]));
    return result.rows;
  };
}
