import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inTransaction } from '../platform/context';
import { createTestApp, DIALECTS, type TestApp } from '../test/harness';
import { isUniqueViolation } from './kysely';
import { IDS_AHEAD_MAX_AGE_MS, prepared, preparedInsert, preparedInsertAhead, preparedInsertRows } from './prepared';
import type { Database } from './schema';

// Hot statements run on SQLite's connection directly where Kysely would run them at once anyway
// (db/prepared.ts). They must mean exactly what they meant through Kysely: a transaction reads its
// own writes, and a read from outside never sees what an open transaction has not committed.

const actor = { userId: null, username: 'prepared-test', organisationId: null, requestId: null };
const leaseByName = prepared((db: Kysely<Database>) => db.selectFrom('job_lease').select(['name', 'holder']).where('name', '=', ''));
const insertLease = preparedInsert<Database, 'job_lease'>('job_lease', { name: true, holder: true, expires_at: true });
const insertLeases = preparedInsertRows<Database, 'job_lease'>('job_lease', { name: true, holder: true, expires_at: true });
const insertOverrideAhead = preparedInsertAhead<Database, 'preset_override'>('preset_override', {
  preset_id: true, measure: true, key: true, value_json: true, effective_from: true, reason: true, created_by: true, created_at: true,
});
const overrideKeysFrom = prepared((db: Kysely<Database>) => db.selectFrom('preset_override').select(['id', 'key']).where('preset_id', '=', '').orderBy('id'));
const backendPid = prepared((db: Kysely<Database>) => db.selectNoFrom(sql<number>`pg_backend_pid()`.as('pid')));
const leasesLike = prepared((db: Kysely<Database>) => db.selectFrom('job_lease').select(['name', 'holder', 'expires_at']).where('name', 'like', '').orderBy('name'));

describe.each(DIALECTS)('%s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { demo: false });
  });
  afterAll(() => t?.close());

  it('reads the transaction\'s own writes inside it, and they are stored after commit', async () => {
    const seen = await inTransaction(t.app.ctx, actor, async (tx) => {
      await insertLease(tx.db, { name: 'prepared.own', holder: 'a', expires_at: tx.now.toISOString() });
      return leaseByName(tx.db, ['prepared.own']);
    });
    expect(seen).toEqual([{ name: 'prepared.own', holder: 'a' }]);
    expect(await leaseByName(t.app.ctx.db, ['prepared.own'])).toEqual([{ name: 'prepared.own', holder: 'a' }]);
  });

  it('inserts several rows in one statement, each count compiled for itself, every value in its column', async () => {
    const at = '2020-02-10T01:00:00.000Z';
    const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}.${i}`, holder: `h${i}`, expires_at: at }));
    await inTransaction(t.app.ctx, actor, async (tx) => {
      await insertLeases(tx.db, rows('rows-three', 3));
      await insertLeases(tx.db, rows('rows-two', 2));
      await insertLeases(tx.db, []);
      await insertLeases(tx.db, rows('rows-three-again', 3));
    });
    expect(await leasesLike(t.app.ctx.db, ['rows-%'])).toEqual([
      ...rows('rows-three-again', 3), ...rows('rows-three', 3), ...rows('rows-two', 2),
    ]);
  });

  it('never shows a read from outside what an open transaction wrote and then rolled back', async () => {
    let outside: Promise<unknown[]> | undefined;
    await expect(inTransaction(t.app.ctx, actor, async (tx) => {
      await insertLease(tx.db, { name: 'prepared.rolled-back', holder: 'b', expires_at: tx.now.toISOString() });
      // Another request reads while this transaction is open (SQLite: the same connection).
      outside = leaseByName(t.app.ctx.db, ['prepared.rolled-back']);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('rolled back after the outside read began');
    })).rejects.toThrow(/rolled back/);
    expect(await outside).toEqual([]);
    expect(await leaseByName(t.app.ctx.db, ['prepared.rolled-back'])).toEqual([]);
  });

  it('lets a read from outside see a transaction\'s writes only once committed', async () => {
    let outside: Promise<unknown[]> | undefined;
    await inTransaction(t.app.ctx, actor, async (tx) => {
      await insertLease(tx.db, { name: 'prepared.committed', holder: 'c', expires_at: tx.now.toISOString() });
      outside = leaseByName(t.app.ctx.db, ['prepared.committed']);
      await new Promise((r) => setTimeout(r, 20));
    });
    // SQLite: the read waited for the commit (one connection). PostgreSQL: it read the last
    // committed state on its own connection. Neither saw a transaction half done.
    expect(await outside).toEqual(dialect === 'sqlite' ? [{ name: 'prepared.committed', holder: 'c' }] : []);
    expect(await leaseByName(t.app.ctx.db, ['prepared.committed'])).toEqual([{ name: 'prepared.committed', holder: 'c' }]);
  });

  // Tx.send: statements the unit does not wait for. On PostgreSQL they travel together with the
  // COMMIT, which the server answers with ROLLBACK, not an error, when one of them failed.
  it('stores what a unit sent without waiting, in the order sent, and each statement sees the ones before it', async () => {
    const seen = await inTransaction(t.app.ctx, actor, async (tx) => {
      tx.send(insertLease(tx.db, { name: 'send.a', holder: 'a', expires_at: tx.now.toISOString() }));
      const read = tx.send(leaseByName(tx.db, ['send.a']));
      tx.send(insertLease(tx.db, { name: 'send.b', holder: 'b', expires_at: tx.now.toISOString() }));
      return read;
    });
    expect(seen).toEqual([{ name: 'send.a', holder: 'a' }]);
    expect(await leaseByName(t.app.ctx.db, ['send.b'])).toEqual([{ name: 'send.b', holder: 'b' }]);
  });

  it('fails the unit, storing nothing of it, when a statement it did not wait for fails', async () => {
    await insertLease(t.app.ctx.db, { name: 'send.taken', holder: 'x', expires_at: new Date().toISOString() });
    await expect(inTransaction(t.app.ctx, actor, async (tx) => {
      tx.send(insertLease(tx.db, { name: 'send.before', holder: 'c', expires_at: tx.now.toISOString() }));
      // Breaks the primary key; the work returns as if all went well.
      tx.send(insertLease(tx.db, { name: 'send.taken', holder: 'c', expires_at: tx.now.toISOString() }));
      tx.send(insertLease(tx.db, { name: 'send.after', holder: 'c', expires_at: tx.now.toISOString() }));
      return 'done';
    })).rejects.toSatisfy(isUniqueViolation);
    expect(await leaseByName(t.app.ctx.db, ['send.before'])).toEqual([]);
    expect(await leaseByName(t.app.ctx.db, ['send.after'])).toEqual([]);
    expect(await leaseByName(t.app.ctx.db, ['send.taken'])).toEqual([{ name: 'send.taken', holder: 'x' }]);
  });

  it('reports the failed statement, not the ones refused after it, when the unit goes on and waits', async () => {
    await expect(inTransaction(t.app.ctx, actor, async (tx) => {
      tx.send(insertLease(tx.db, { name: 'send.taken', holder: 'd', expires_at: tx.now.toISOString() }));
      // PostgreSQL refuses this read only because the transaction was aborted by the insert.
      return leaseByName(tx.db, ['send.taken']);
    })).rejects.toSatisfy(isUniqueViolation);
  });
  // Ids taken ahead (PostgreSQL: from the sequence, in blocks) so that a new case's statements need
  // not wait for its insert; SQLite's rowid, known as soon as the insert has run.
  describe('rows inserted with their id known ahead', () => {
    const override = (presetId: string, key: string) => ({
      preset_id: presetId, measure: null, key, value_json: '1', effective_from: '2020-02-10', reason: 'ids ahead', created_by: null, created_at: new Date().toISOString(),
    });

    it('gives each unit an id of its own, stores the row under it, and leaves later inserts fresh ids', async () => {
      const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => inTransaction(t.app.ctx, actor, async (tx) => {
        const { id, inserted } = await insertOverrideAhead(tx.db, override('ahead.many', `k${i}`));
        tx.send(inserted);
        return id;
      })));
      expect(new Set(ids).size).toBe(30);
      const stored = await overrideKeysFrom(t.app.ctx.db, ['ahead.many']);
      expect(stored).toHaveLength(30);
      for (const [i, id] of ids.entries()) expect(stored).toContainEqual({ id, key: `k${i}` });
      // An insert that lets the database choose draws from the same sequence: no collision.
      const { id: plain } = await t.app.ctx.db.insertInto('preset_override').values(override('ahead.many', 'plain')).returning('id').executeTakeFirstOrThrow();
      expect(ids).not.toContain(plain);
    });

    it('stores nothing under the id when the unit fails after the insert', async () => {
      let taken = 0;
      await insertLease(t.app.ctx.db, { name: 'ahead.taken', holder: 'x', expires_at: new Date().toISOString() });
      await expect(inTransaction(t.app.ctx, actor, async (tx) => {
        const { id, inserted } = await insertOverrideAhead(tx.db, override('ahead.failed', 'k'));
        taken = id;
        tx.send(inserted);
        tx.send(insertLease(tx.db, { name: 'ahead.taken', holder: 'y', expires_at: tx.now.toISOString() }));
      })).rejects.toSatisfy(isUniqueViolation);
      expect(taken).toBeGreaterThan(0);
      expect(await overrideKeysFrom(t.app.ctx.db, ['ahead.failed'])).toEqual([]);
    });

    it('hands out no id of a block fetched over a second ago, so two instances file new rows in the order they came', async () => {
      const second = t.openSecondDb();
      const insertVia = (db: Kysely<Database>, key: string) => db.transaction().execute(async (trx) => {
        const { id, inserted } = await insertOverrideAhead(trx, override('ahead.order', key));
        await inserted;
        return id;
      });
      // Warms the first instance up to blocks of more than one id, then leaves ids in its block.
      for (let i = 0; i < 3; i += 1) await insertVia(t.app.ctx.db, `first.${i}`);
      const others: number[] = [];
      for (let i = 0; i < 5; i += 1) others.push(await insertVia(second.db, `second.${i}`));
      const now = Date.now();
      const clock = vi.spyOn(Date, 'now').mockReturnValue(now + IDS_AHEAD_MAX_AGE_MS + 500);
      try {
        const later = await insertVia(t.app.ctx.db, 'first.later');
        expect(later).toBeGreaterThan(Math.max(...others));
      } finally {
        clock.mockRestore();
      }
    });
  });
});

// The shared connection for reads outside transactions exists on PostgreSQL only (createDb).
if (!DIALECTS.includes('postgres')) console.info('the shared-lookup connection test needs TEST_DATABASE_URL (PostgreSQL); CI sets it.');

describe.runIf(DIALECTS.includes('postgres'))('postgres: reads outside transactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres', { demo: false });
  });
  afterAll(() => t?.close());

    it('sends reads from outside any transaction on one shared connection, and replaces it when it breaks', async () => {
      const pids = await Promise.all(Array.from({ length: 5 }, () => backendPid(t.app.ctx.db, [])));
      expect(new Set(pids.map((r) => r[0]!.pid)).size).toBe(1);
      const [{ pid }] = pids[0] as [{ pid: number }];
      // A transaction's reads stay on the transaction's own connection.
      const inside = await inTransaction(t.app.ctx, actor, (tx) => backendPid(tx.db, []));
      expect(inside[0]!.pid).not.toBe(pid);
      await sql`select pg_terminate_backend(${pid})`.execute(t.app.ctx.db);
      let after: number | undefined;
      for (let attempt = 0; attempt < 20 && after === undefined; attempt += 1) {
        // The lookups already on the broken connection fail, as a pool connection's would.
        after = await backendPid(t.app.ctx.db, []).then((r) => r[0]!.pid, () => undefined);
        if (after === undefined) await new Promise((r) => setTimeout(r, 20));
      }
      expect(after).toBeDefined();
      expect(after).not.toBe(pid);
    });
});
