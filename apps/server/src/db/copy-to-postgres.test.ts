import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { as, createTestApp, login, type TestApp } from '../test/harness';
import { verifyAuditChain } from '../platform/audit';
import { copySqliteToPostgres } from './copy-to-postgres';
import { createDb, type Db } from './kysely';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.info('copy-to-postgres tests need TEST_DATABASE_URL (a PostgreSQL to copy into); CI sets it.');

describe.runIf(url)('copy a SQLite installation to PostgreSQL', () => {
  let source: TestApp;
  let target: Db;
  let schema: string;

  beforeAll(async () => {
    source = await createTestApp('sqlite');
    // Some history: a login, a new user, a registration — all audited.
    const admin = await login(source.app, 'admin');
    const jinan = await source.app.ctx.db.selectFrom('organisation').select('id').where('code', '=', '370100').executeTakeFirstOrThrow();
    expect((await as(source.app, admin).post('/api/users', { username: 'copy_check', displayName: '迁移核对', organisationId: jinan.id, roles: ['viewer'], password: 'Copy#Check2020' })).statusCode).toBe(201);
    schema = `copy_${randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    target = createDb({ databaseUrl: url!, pgSchema: schema, poolSize: 3 });
  });

  afterAll(async () => {
    await sql`drop schema ${sql.raw(schema)} cascade`.execute(target.db);
    await target.destroy();
    await source.close();
  });

  it('copies every row, keeps the audit chain, and new rows get fresh ids', async () => {
    const sourceDb = { db: source.app.ctx.db, dialect: 'sqlite' as const, destroy: async () => undefined };
    const report = await copySqliteToPostgres(sourceDb, target);
    const users = report.tables.find((t) => t.name === 'app_user')!;
    const sourceUsers = await source.app.ctx.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(users.rows).toBe(Number(sourceUsers.n));
    expect(report.auditEvents).toBeGreaterThan(3);
    expect(report.tables.map((t) => t.name).indexOf('organisation')).toBeLessThan(report.tables.map((t) => t.name).indexOf('app_user'));

    // The copied installation runs: the copied account logs in, and a new user gets a new id.
    const app = await buildApp({ config: source.app.ctx.config, db: target, logger: false });
    try {
      const s = await login(app, 'copy_check', 'Copy#Check2020');
      expect((await as(app, s).get('/api/me')).json().user.username).toBe('copy_check');
      const admin = await login(app, 'admin');
      const org = await app.ctx.db.selectFrom('organisation').select('id').where('code', '=', '370200').executeTakeFirstOrThrow();
      const created = await as(app, admin).post('/api/users', { username: 'after_copy', displayName: '迁移后', organisationId: org.id, roles: ['viewer'], password: 'After#Copy2020' });
      expect(created.statusCode).toBe(201);
      expect(created.json().id).toBe(Number(sourceUsers.n) + 1);
      // The copied events are chain 0; the logins and the new user extend PostgreSQL's own chains,
      // numbered after the copied events, and every chain verifies.
      const events = await app.ctx.db.selectFrom('audit_event').select(['seq', 'chain', 'chain_seq']).orderBy('seq').execute();
      const copied = events.filter((e) => e.chain === 0);
      expect(copied).toHaveLength(report.auditEvents);
      expect(copied.every((e) => e.chain_seq === null)).toBe(true);
      const after = events.filter((e) => e.chain !== 0);
      expect(after.length).toBeGreaterThanOrEqual(3);
      expect(Math.min(...after.map((e) => e.seq))).toBe(report.auditEvents + 1);
      expect(await verifyAuditChain(app.ctx.db)).toMatchObject({ ok: true, checked: events.length });
    } finally {
      await app.close();
    }
    // A second copy into the same (now filled) database is refused.
    await expect(copySqliteToPostgres(sourceDb, target)).rejects.toThrow('已有数据');
  });
});
