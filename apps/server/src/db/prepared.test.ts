import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../platform/context';
import { createTestApp, DIALECTS, type TestApp } from '../test/harness';
import { prepared, preparedInsert } from './prepared';
import type { Database } from './schema';

// Hot statements run on SQLite's connection directly where Kysely would run them at once anyway
// (db/prepared.ts). They must mean exactly what they meant through Kysely: a transaction reads its
// own writes, and a read from outside never sees what an open transaction has not committed.

const actor = { userId: null, username: 'prepared-test', organisationId: null, requestId: null };
const leaseByName = prepared((db: Kysely<Database>) => db.selectFrom('job_lease').select(['name', 'holder']).where('name', '=', ''));
const insertLease = preparedInsert<Database, 'job_lease'>('job_lease', { name: true, holder: true, expires_at: true });

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
});
