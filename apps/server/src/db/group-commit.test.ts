import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../platform/audit';
import { groupCommitOf } from './group-commit';
import { BUSY_TIMEOUT_MS } from './kysely';
import { inTransaction } from '../platform/context';
import { as, createTestApp, DIALECTS, login, type TestApp } from '../test/harness';

// Units of work started in the same turn of the event loop share one transaction on SQLite
// (db/group-commit.ts); on PostgreSQL each has its own. Either way each unit must behave as if
// alone: its own writes and audit events commit or roll back together, a failing unit takes
// nobody else with it, and the audit chain stays unbroken.

const actor = { userId: null, username: 'group-commit-test', organisationId: null, requestId: null };

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { demo: false });
  });
  afterAll(() => t?.close());

  const keyOf = (run: string, i: number) => `gc.${run}.${i}`;
  /** One unit: writes a row (a job lease stands in for any business row) and an audit event; throws after writing when `fail`. */
  const unit = (run: string, i: number, fail: boolean) => inTransaction(t.app.ctx, actor, async (tx) => {
    await tx.db.insertInto('job_lease').values({ name: keyOf(run, i), holder: String(i), expires_at: tx.now.toISOString() }).execute();
    await tx.audit({ action: 'test.group_commit', entityType: 'job_lease', entityId: keyOf(run, i), after: { i } });
    if (fail) throw new Error(`unit ${i} fails after writing`);
    return i;
  });

  async function stored(run: string) {
    const rows = await t.app.ctx.db.selectFrom('job_lease').select('name').where('name', 'like', `gc.${run}.%`).execute();
    const events = await t.app.ctx.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'test.group_commit').where('entity_id', 'like', `gc.${run}.%`).execute();
    return { rows: rows.map((r) => r.name).sort(), events: events.map((e) => e.entity_id).sort() };
  }

  it('keeps every succeeding unit and nothing of a failing one, when they run together', async () => {
    const before = { ...groupCommitOf(t.app.ctx.db).stats };
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => unit('mixed', i, i % 7 === 3)));
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24]);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<number>).value))
      .toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 7 !== 3));
    const kept = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 7 !== 3).map((i) => keyOf('mixed', i)).sort();
    expect(await stored('mixed')).toEqual({ rows: kept, events: kept });
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
    const after = groupCommitOf(t.app.ctx.db).stats;
    // SQLite ran the 30 units in a few shared transactions; PostgreSQL does not group.
    if (dialect === 'sqlite') expect(after.batches - before.batches).toBeLessThan(5);
    else expect(after).toEqual(before);
  });

  it('answers a unit only once its writes can be read back by anyone', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => unit('visible', i, false).then(async (v) => {
      // Read through the database, not the unit's transaction: the commit has happened.
      const row = await t.app.ctx.db.selectFrom('job_lease').select('holder').where('name', '=', keyOf('visible', v)).executeTakeFirst();
      return row?.holder;
    })));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
  });

  it('fails the unit that breaks a constraint and keeps the others', async () => {
    await unit('dup', 0, false);
    const outcomes = await Promise.allSettled([unit('dup', 1, false), unit('dup', 0, false), unit('dup', 2, false)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored('dup')).toEqual({ rows: [keyOf('dup', 0), keyOf('dup', 1), keyOf('dup', 2)], events: [keyOf('dup', 0), keyOf('dup', 1), keyOf('dup', 2)] });
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });
});

// Several server processes share one SQLite file (WORKERS, platform/cluster.ts). While another
// holds the write lock, a batch must wait for it without blocking this process's event loop (the
// busy handler would sleep in C, and no request could be read or answered meanwhile), then commit.
describe('sqlite, with another connection writing', () => {
  let t: TestApp;
  let other: SqliteDatabase.Database;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { demo: false });
    other = new SqliteDatabase(t.app.ctx.config.sqlitePath);
    // Fail at once instead of waiting 5 s for a lock, so the test can see who holds it.
    other.pragma('busy_timeout = 0');
  });
  afterAll(async () => {
    other?.close();
    await t?.close();
  });

  it('waits for the other writer\'s lock while the event loop runs on, then commits', async () => {
    const gc = groupCommitOf(t.app.ctx.db);
    const before = { ...gc.stats };
    other.exec('begin immediate');
    let settled = false;
    const pending = inTransaction(t.app.ctx, actor, async (tx) => {
      await tx.db.insertInto('job_lease').values({ name: 'gc.locked', holder: 'x', expires_at: tx.now.toISOString() }).execute();
      await tx.audit({ action: 'test.group_commit', entityType: 'job_lease', entityId: 'gc.locked', after: {} });
      return 'saved';
    }).finally(() => { settled = true; });
    let turns = 0;
    const ticker = setInterval(() => { turns += 1; }, 1);
    try {
      await new Promise((r) => setTimeout(r, 60));
      expect(settled).toBe(false);
      expect(gc.stats.busy).toBeGreaterThan(before.busy);
      // Timers kept firing: the wait happened between turns of the event loop, not inside one.
      expect(turns).toBeGreaterThan(10);
      // The other writer's uncommitted view: nothing of the waiting unit.
      expect(other.prepare("select count(*) as n from job_lease where name = 'gc.locked'").get()).toEqual({ n: 0 });
    } finally {
      other.exec('commit');
      clearInterval(ticker);
    }
    await expect(pending).resolves.toBe('saved');
    expect(other.prepare("select holder from job_lease where name = 'gc.locked'").get()).toEqual({ holder: 'x' });
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });

  it('gives up after as long as any statement waits for the lock, and changes nothing', async () => {
    other.exec('begin immediate');
    const started = performance.now();
    try {
      const outcome = await inTransaction(t.app.ctx, actor, async (tx) => {
        await tx.db.insertInto('job_lease').values({ name: 'gc.timeout', holder: 'x', expires_at: tx.now.toISOString() }).execute();
        return 'saved';
      }).then(() => 'saved', (err: { code?: string }) => err.code);
      expect(outcome).toBe('SQLITE_BUSY');
      expect(performance.now() - started).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS);
    } finally {
      other.exec('rollback');
    }
    expect(other.prepare("select count(*) as n from job_lease where name = 'gc.timeout'").get()).toEqual({ n: 0 });
    // The next unit finds the lock free and commits at once.
    await expect(inTransaction(t.app.ctx, actor, async () => 'next')).resolves.toBe('next');
  }, BUSY_TIMEOUT_MS + 5_000);

  it('answers 503 with a Chinese message and Retry-After when the lock stays taken, storing nothing', async () => {
    other.exec('begin immediate');
    let res;
    try {
      res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: '10.99.0.1' });
    } finally {
      other.exec('rollback');
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toEqual({ error: { code: 'BUSY', message: '系统繁忙，本次提交未保存，请稍后重试', details: null } });
    expect(other.prepare("select count(*) as n from rate_limit where key like '%10.99.0.1%'").get()).toEqual({ n: 0 });
  }, BUSY_TIMEOUT_MS + 5_000);

  it('begins every transaction with the write lock, so another writer cannot slip in between its read and its write', async () => {
    await inTransaction(t.app.ctx, actor, async (tx) => {
      await tx.db.selectFrom('job_lease').select('name').limit(1).execute();
      // A deferred transaction would hold no lock yet and the other connection could start writing.
      expect(() => other.exec('begin immediate')).toThrow(/locked|busy/i);
    });
  });

  it('keeps the savepoints\' journal in memory, not in a temporary file per batch', async () => {
    // Every unit runs in a savepoint; with temp_store=FILE SQLite created, wrote and deleted a
    // sub-journal file for each batch, which cost more system time than the units' own writes.
    const [row] = (await sql<{ temp_store: number }>`pragma temp_store`.execute(t.app.ctx.db)).rows;
    expect(row?.temp_store).toBe(2);
  });
});

// Under load a unit left out of a batch waits for the whole next one: those units made the
// slowest answers of the opening-day burst (bench/README.md, session 10).
describe('sqlite, what one batch takes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { demo: false });
  });
  afterAll(() => t?.close());

  it('takes every unit waiting, a hundred clients at once, in one transaction', async () => {
    const gc = groupCommitOf(t.app.ctx.db);
    const before = { ...gc.stats };
    const values = await Promise.all(Array.from({ length: 100 }, (_, i) => inTransaction(t.app.ctx, actor, async () => i)));
    expect(values).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(gc.stats.batches - before.batches).toBe(1);
    expect(gc.stats.units - before.units).toBe(100);
  });

  it('waits one more turn of the event loop, so a unit submitted in it joins the batch', async () => {
    const gc = groupCommitOf(t.app.ctx.db);
    const before = { ...gc.stats };
    const first = inTransaction(t.app.ctx, actor, async () => 'first');
    // Stands for a request whose bytes arrived while the turn that read the first was running.
    const second = new Promise((resolve, reject) => setImmediate(() => inTransaction(t.app.ctx, actor, async () => 'second').then(resolve, reject)));
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(gc.stats.batches - before.batches).toBe(1);
  });
});

describe('sqlite, when the disk is full', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t?.close());

  it('answers 507 STORAGE_FULL, storing nothing of the request, and serves again once there is room', async () => {
    const admin = await login(t.app, 'admin');
    const jinan = (await as(t.app, admin).get(`/api/organisations?kind=city&q=${encodeURIComponent('济南')}`)).json().items[0].id as number;
    const create = (i: number) => as(t.app, admin).post('/api/organisations', { parentId: jinan, kind: 'service', name: `满盘测试服务机构${i}` });
    // A full disk, as SQLite sees one: the database may not grow past the pages it has now.
    const [{ page_count: pages }] = (await sql<{ page_count: number }>`pragma page_count`.execute(t.app.ctx.db)).rows as [{ page_count: number }];
    await sql.raw(`pragma max_page_count = ${pages}`).execute(t.app.ctx.db);
    const statuses: number[] = [];
    let full;
    let unitFailure: string | undefined;
    try {
      // A unit whose own statement finds no room fails with the cause. SQLite rolls the whole
      // batch's transaction back then, savepoint and all, and the batch failed instead with
      // "no such savepoint", which said nothing of the disk.
      for (let i = 0; i < 10_000 && !unitFailure; i++) {
        unitFailure = await inTransaction(t.app.ctx, actor, async (tx) => {
          await tx.db.insertInto('job_lease').values({ name: `gc.full.${i}`, holder: 'x'.repeat(200), expires_at: tx.now.toISOString() }).execute();
        }).then(() => undefined, (err: { code?: string; message?: string }) => `${err.code}: ${err.message}`);
      }
      // Each new organisation (and its audit event) takes room, until one needs a page more than there is.
      for (let i = 0; i < 2_000 && !full; i++) {
        const res = await create(i);
        if (res.statusCode === 507) full = { i, res };
        else statuses.push(res.statusCode);
      }
    } finally {
      await sql.raw('pragma max_page_count = 1073741823').execute(t.app.ctx.db);
    }
    expect(unitFailure).toMatch(/^SQLITE_FULL: /);
    expect(full, 'a request refused for want of space').toBeDefined();
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect(full!.res.json()).toEqual({ error: { code: 'STORAGE_FULL', message: '服务器存储空间已满，本次提交未保存；请联系平台管理员', details: null } });
    const named = (i: number) => t.app.ctx.db.selectFrom('organisation').select('id').where('name', '=', `满盘测试服务机构${i}`).execute();
    expect(await named(full!.i)).toEqual([]);
    // With room again, the same request is served, and the chain runs on unbroken.
    expect((await create(full!.i)).statusCode).toBe(201);
    expect(await named(full!.i)).toHaveLength(1);
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });
});
