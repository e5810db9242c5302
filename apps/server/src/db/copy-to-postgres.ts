import { type Kysely, sql } from 'kysely';
import { verifyAuditChain } from '../platform/audit';
import type { Db } from './kysely';
import { migrateToLatest } from './migrate';

export interface CopyReport {
  tables: { name: string; rows: number }[];
  auditEvents: number;
}

const BATCH = 1000;

// Any table by name: the copy is generic over whatever the migrations created.
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Copies every row of a SQLite installation into an empty PostgreSQL database migrated to the
 * same version, table by table in foreign-key order, keeping ids; then moves PostgreSQL's
 * identity sequences past them, compares row counts and verifies the audit chain on the target.
 * Refuses a target that already holds data. (LESSONS.md: moving from SQLite to PostgreSQL is
 * where n8n lost data; this is the one tested way.)
 */
export async function copySqliteToPostgres(source: Db, target: Db, log: (line: string) => void = () => undefined): Promise<CopyReport> {
  if (source.dialect !== 'sqlite' || target.dialect !== 'postgres') throw new Error('从 SQLite 复制到 PostgreSQL：源须为 SQLite，目标须为 PostgreSQL');
  await migrateToLatest(source.db);
  await migrateToLatest(target.db);
  const src = source.db as unknown as AnyDb;
  const dst = target.db as unknown as AnyDb;
  const tables = await tablesInDependencyOrder(src);
  for (const t of tables) {
    const r = await dst.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(r.n) > 0) throw new Error(`目标数据库的 ${t} 表已有数据；请使用新建的空数据库`);
  }
  const report: CopyReport = { tables: [], auditEvents: 0 };
  await dst.transaction().execute(async (trx) => {
    for (const t of tables) {
      let copied = 0;
      for (let offset = 0; ; offset += BATCH) {
        const rows = await src.selectFrom(t).selectAll().orderBy(sql`rowid`).limit(BATCH).offset(offset).execute();
        if (rows.length === 0) break;
        await trx.insertInto(t).values(rows).execute();
        copied += rows.length;
      }
      report.tables.push({ name: t, rows: copied });
      log(`${t}: ${copied}`);
    }
    // Identity columns were given explicit ids; the next generated id must come after them.
    const identities = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
    for (const { table_name, column_name } of identities.rows) {
      await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}), coalesce((select max(${sql.ref(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(trx);
    }
  });
  for (const { name, rows } of report.tables) {
    const r = await dst.selectFrom(name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(r.n) !== rows) throw new Error(`${name} 表复制后行数不符：源 ${rows}，目标 ${Number(r.n)}`);
  }
  const chain = await verifyAuditChain(target.db);
  if (!chain.ok) throw new Error(`复制后审计日志哈希链校验失败：${chain.brokenAt?.reason}`);
  report.auditEvents = chain.checked;
  return report;
}

/** Application tables of a SQLite database, parents before children (by declared foreign keys). */
async function tablesInDependencyOrder(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  const names = rows.map((r) => r.name).sort();
  const deps = new Map<string, Set<string>>();
  for (const n of names) {
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${n})`.execute(db);
    deps.set(n, new Set(fks.rows.map((f) => f.table).filter((x) => x !== n)));
  }
  const order: string[] = [];
  const visit = (n: string, path: Set<string>) => {
    if (order.includes(n)) return;
    if (path.has(n)) throw new Error(`外键循环：${[...path, n].join(' → ')}`);
    path.add(n);
    for (const d of deps.get(n) ?? []) if (names.includes(d)) visit(d, path);
    path.delete(n);
    order.push(n);
  };
  for (const n of names) visit(n, new Set());
  return order;
}
