import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../platform/context';
import { createTestApp, DIALECTS, type TestApp } from '../test/harness';
import { isUniqueViolation } from './kysely';
import { prepared, preparedInsert, preparedInsertRows } from './prepared';
import type { Database } from './schema';

// Hot statements run on SQLite's connection directly where Kysely would run them at once anyway
// (db/prepared.ts). They must mean exactly what they meant through Kysely: a transaction reads its
// own writes, and a read from outside never sees what an open transaction has not committed.

const actor = { userId: null, username: 'prepared-test', organisationId: null, requestId: null };
const leaseByName = prepared((db: Kysely<Database>) => db.selectFrom('job_lease').select(['name', 'holder']).where('name', '=', ''));
const insertLease = preparedInsert<Database, 'job_lease'>('job_lease', { name: true, holder: true, expires_at: true });
const insertLeases = preparedInsertRows<Database, 'job_lease'>('job_lease', { name: true, holder: true, expires_at: true });
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
});
