import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, type Migration, type MigrationResult, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Dialect } from '../db/kysely';
import type { Database } from '../db/schema';
import { migrateToLatest } from '../db/migrate';
import { appendAudit, SYSTEM_ACTOR, verifyAuditChain } from '../platform/audit';
import { DIALECTS } from './harness';

const DB_DIR = path.join(import.meta.dirname, '../db');
const MIGRATIONS_DIR = path.join(DB_DIR, 'migrations');

/** Every migration file on disk, by name (what the app's hand-kept list must match). */
const MIGRATION_FILES = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, '')).sort();

/**
 * The tables the app's types describe: the keys of `interface Database` in db/schema.ts and of
 * each measure's `<Measure>Tables` interface (measures/<measure>/<measure>.tables.ts), which
 * Database extends.
 */
const SCHEMA_TABLES = (() => {
  const keysOf = (block: string) => [...block.matchAll(/^\s*(\w+)\s*:/gm)].map((m) => m[1]!);
  const text = readFileSync(path.join(DB_DIR, 'schema.ts'), 'utf8');
  const tables = keysOf(/export interface Database(?:\s+extends[^{]*)?\s*\{([^}]*)\}/.exec(text)?.[1] ?? '');
  const measuresDir = path.join(DB_DIR, '../measures');
  for (const m of readdirSync(measuresDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const file = path.join(measuresDir, m.name, `${m.name}.tables.ts`);
    if (!existsSync(file)) continue;
    const block = /export interface \w+Tables\s*\{([^}]*)\}/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    tables.push(...keysOf(block));
  }
  return tables.sort();
})();

/** The same migrations, loaded from disk, so down migrations can run (the app only goes up). */
async function migrationsFromDisk(): Promise<Record<string, Migration>> {
  const out: Record<string, Migration> = {};
  for (const name of MIGRATION_FILES) out[name] = (await import(path.join(MIGRATIONS_DIR, `${name}.ts`))) as Migration;
  return out;
}

interface Fresh {
  db: Kysely<Database>;
  schema: string | undefined;
  close(): Promise<void>;
}

/**
 * A migrator over the files on disk. On PostgreSQL it is told its schema: Kysely otherwise
 * looks for its migration tables in every schema of the database.
 */
function migratorFromDisk(f: Fresh): Migrator {
  return new Migrator({ db: f.db, provider: { getMigrations: migrationsFromDisk }, ...(f.schema ? { migrationTableSchema: f.schema } : {}) });
}

/** An empty database of the dialect: a new SQLite file, or a new PostgreSQL schema. */
async function freshDatabase(dialect: Dialect): Promise<Fresh> {
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `m_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const { db, destroy } = createDb({ databaseUrl: url, pgSchema: schema, poolSize: 2 });
    return {
      db, schema,
      async close() {
        await sql`drop schema ${sql.raw(schema)} cascade`.execute(db);
        await destroy();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'relief-migrate-'));
  const { db, destroy } = createDb({ sqlitePath: path.join(dir, 'relief.db') });
  return {
    db, schema: undefined,
    async close() {
      await destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Tables with their columns (name, type, nullability), in this database only. */
async function snapshot(f: Fresh): Promise<Record<string, string[]>> {
  const tables = await f.db.introspection.getTables();
  const mine = tables.filter((t) => f.schema === undefined || t.schema === f.schema);
  return Object.fromEntries(mine.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.dataType}${c.isNullable ? '' : ' not null'}`).sort()]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** Everything else a migration can leave behind: indexes, triggers, functions, sequences, views. */
async function otherObjects(f: Fresh): Promise<string[]> {
  if (f.schema === undefined) {
    const rows = await sql<{ type: string; name: string }>`select type, name from sqlite_master where name not like 'sqlite_%' and tbl_name not like 'kysely_%' order by type, name`.execute(f.db);
    return rows.rows.map((r) => `${r.type} ${r.name}`);
  }
  const rows = await sql<{ kind: string; name: string }>`
    select 'function' as kind, p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ${f.schema}
    union all
    select case c.relkind when 'i' then 'index' when 'S' then 'sequence' when 'v' then 'view' when 'r' then 'table' else c.relkind::text end, c.relname
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${f.schema} and c.relname not like 'kysely_%'
    union all
    select 'trigger', t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${f.schema} and not t.tgisinternal
    order by 1, 2`.execute(f.db);
  return rows.rows.map((r) => `${r.kind} ${r.name}`);
}

function failed(results: MigrationResult[] | undefined, error: unknown): string[] {
  return [
    ...(results ?? []).filter((r) => r.status !== 'Success').map((r) => `${r.migrationName} ${r.direction} ${r.status}`),
    ...(error ? [String(error instanceof Error ? error.message : error)] : []),
  ];
}

describe('migration files', () => {
  it('the app lists every migration file, in order', async () => {
    const f = await freshDatabase('sqlite');
    try {
      expect(await migrateToLatest(f.db)).toEqual(MIGRATION_FILES);
    } finally {
      await f.close();
    }
  });

  it('the schema types describe the tables (sanity of the parser)', () => {
    expect(SCHEMA_TABLES).toEqual(expect.arrayContaining(['organisation', 'app_user', 'audit_event', 'registration', 'workflow_case']));
  });
});

describe.each(DIALECTS)('%s', (dialect) => {
  let f: Fresh;
  beforeEach(async () => {
    f = await freshDatabase(dialect);
  });
  afterEach(() => f?.close());

  it('migrating from zero creates every table of the schema, and nothing else', async () => {
    expect(await snapshot(f)).toEqual({});
    const applied = await migrateToLatest(f.db);
    expect(applied).toEqual(MIGRATION_FILES);
    const tables = Object.keys(await snapshot(f)).sort();
    expect(tables).toEqual(SCHEMA_TABLES);
  });

  // One PostgreSQL database may hold several schemas (a test schema per file, a second
  // application, a staging copy). Migrating one must not depend on what another schema holds.
  it('migrates while another schema of the same database is already migrated', async () => {
    const other = await freshDatabase(dialect);
    try {
      await migrateToLatest(other.db);
      expect(await migrateToLatest(f.db)).toEqual(MIGRATION_FILES);
      expect(Object.keys(await snapshot(f)).sort()).toEqual(SCHEMA_TABLES);
    } finally {
      await other.close();
    }
  });

  it('a second migrate is a no-op', async () => {
    await migrateToLatest(f.db);
    const tables = await snapshot(f);
    const objects = await otherObjects(f);
    expect(await migrateToLatest(f.db)).toEqual([]);
    expect(await snapshot(f)).toEqual(tables);
    expect(await otherObjects(f)).toEqual(objects);
  });

  it('down migrations run in reverse to zero and leave nothing behind; up again gives the same schema', async () => {
    const migrator = migratorFromDisk(f);
    const first = await migrator.migrateToLatest();
    expect(failed(first.results, first.error)).toEqual([]);
    const tables = await snapshot(f);
    const objects = await otherObjects(f);

    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(failed(down.results, down.error)).toEqual([]);
    expect(down.results?.map((r) => [r.migrationName, r.direction])).toEqual([...MIGRATION_FILES].reverse().map((m) => [m, 'Down']));
    expect(await snapshot(f)).toEqual({});
    expect(await otherObjects(f), 'objects left after migrating down to zero').toEqual([]);

    const up = await migrator.migrateToLatest();
    expect(failed(up.results, up.error)).toEqual([]);
    expect(await snapshot(f)).toEqual(tables);
    expect(await otherObjects(f)).toEqual(objects);
  });

  it('each migration goes down and up again on its own', async () => {
    const migrator = migratorFromDisk(f);
    for (const name of MIGRATION_FILES) {
      const up = await migrator.migrateUp();
      expect(failed(up.results, up.error), `${name} up`).toEqual([]);
      const before = await snapshot(f);
      const down = await migrator.migrateDown();
      expect(failed(down.results, down.error), `${name} down`).toEqual([]);
      const again = await migrator.migrateUp();
      expect(failed(again.results, again.error), `${name} up again`).toEqual([]);
      expect(await snapshot(f), name).toEqual(before);
    }
  });

  it('the append-only audit table survives a down and up (its trigger is back)', async () => {
    const migrator = migratorFromDisk(f);
    const first = await migrator.migrateToLatest();
    expect(failed(first.results, first.error)).toEqual([]);
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(failed(down.results, down.error)).toEqual([]);
    const up = await migrator.migrateToLatest();
    expect(failed(up.results, up.error)).toEqual([]);
    await sql`insert into audit_event (seq, at, action, entity_type, prev_hash, hash) values (1, '2020-02-17T00:00:00.000Z', 'test', 'test', 'x', 'y')`.execute(f.db);
    await expect(sql`update audit_event set action = 'changed' where seq = 1`.execute(f.db)).rejects.toThrow(/append-only/);
  });

  it('events of the one chain written before the chains still verify, and new ones extend the chains', async () => {
    const migrator = migratorFromDisk(f);
    const before = await migrator.migrateTo('2026-12-07T1400-preset-override-index');
    expect(failed(before.results, before.error)).toEqual([]);
    // Two events as that version wrote them: PostgreSQL through its audit_append(lock, entries),
    // SQLite from the application, both hashing [seq, …fields, prev_hash].
    const at = '2020-02-17T00:00:00.000Z';
    const fields = (action: string) => JSON.stringify([at, null, 'system', null, action, 'test', action, null, null, null]).slice(1, -1);
    if (dialect === 'postgres') {
      const entries = ['old.1', 'old.2'].map((action) => ({ at, actor_user_id: null, actor_username: 'system', organisation_id: null, action, entity_type: 'test', entity_id: action, before_json: null, after_json: null, request_id: null, fields: fields(action) }));
      await f.db.transaction().execute((trx) => sql`select audit_append(${7_370_001}, ${JSON.stringify(entries)}::jsonb)`.execute(trx));
    } else {
      let prev = '0'.repeat(64);
      for (const [i, action] of ['old.1', 'old.2'].entries()) {
        const hash = createHash('sha256').update(`[${i + 1},${fields(action)},${JSON.stringify(prev)}]`).digest('hex');
        await sql`insert into audit_event (seq, at, actor_username, action, entity_type, entity_id, prev_hash, hash) values (${i + 1}, ${at}, 'system', ${action}, 'test', ${action}, ${prev}, ${hash})`.execute(f.db);
        prev = hash;
      }
    }
    const up = await migrator.migrateToLatest();
    expect(failed(up.results, up.error)).toEqual([]);
    expect(await verifyAuditChain(f.db)).toMatchObject({ ok: true, checked: 2, heads: [{ chain: 0, position: 2 }] });

    await f.db.transaction().execute((trx) => appendAudit(trx, dialect, SYSTEM_ACTOR, new Date(), [{ action: 'new.1', entityType: 'test', entityId: 'new.1' }]));
    const rows = await f.db.selectFrom('audit_event').select(['seq', 'chain', 'chain_seq', 'action']).orderBy('seq').execute();
    expect(rows.slice(0, 2)).toEqual([{ seq: 1, chain: 0, chain_seq: null, action: 'old.1' }, { seq: 2, chain: 0, chain_seq: null, action: 'old.2' }]);
    // SQLite extends chain 0; PostgreSQL starts a chain of its own, numbering seq after the old events.
    expect(rows[2]).toEqual(dialect === 'sqlite' ? { seq: 3, chain: 0, chain_seq: null, action: 'new.1' } : { seq: 3, chain: expect.any(Number), chain_seq: 1, action: 'new.1' });
    if (dialect === 'postgres') expect(rows[2]!.chain).toBeGreaterThanOrEqual(1);
    expect(await verifyAuditChain(f.db)).toMatchObject({ ok: true, checked: 3, heads: dialect === 'sqlite' ? [{ chain: 0, position: 3 }] : [{ chain: 0, position: 2 }, { chain: rows[2]!.chain, position: 1 }] });
  });
});
