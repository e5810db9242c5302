import { type ControlledTransaction, type Kysely, sql, type Transaction } from 'kysely';
import { BUSY_TIMEOUT_MS, isSqliteBusy } from './kysely';
import { prepared } from './prepared';
import type { Database } from './schema';

// SQLite has one writer and one connection here, so transactions already run one after another.
// What each of them pays alone is the COMMIT: every page it touched is appended to the WAL, and
// consecutive applications touch the same pages (the newest leaf of each table and index). Group
// commit runs the units of work that are waiting at the same moment in one transaction, each in a
// savepoint of its own, and commits once: a unit that fails rolls back to its savepoint and fails
// alone; the others are answered only after the shared COMMIT, so nobody is told "saved" before
// it is on disk, and when that COMMIT fails every unit of the batch fails with it.
//
// Units run strictly in order on the one connection, so each sees the writes of the units before
// it, exactly as separate transactions would.

// A unit left out of a batch waits for the whole of the next one, so under load the units left
// out make the slowest answers. A batch therefore takes every unit that is waiting, within the
// bounds below, and starts a turn of the event loop later than it could (schedule). With 64 units,
// 10 ms and no extra turn, the slowest 1% of 100 clients' submissions waited 49-68 ms; with 128,
// 20 ms and the extra turn, 42-48 ms (bench/README.md).

/** Most units in one transaction (bounds the savepoint work of one COMMIT). */
const MAX_BATCH = 128;
/**
 * A batch runs without yielding to the event loop (SQLite calls are synchronous), so no request is
 * read or answered meanwhile: past this many milliseconds the rest wait for the next batch.
 */
const BATCH_BUDGET_MS = 20;

// Twice per unit, so compiled once and run on the connection itself (db/prepared.ts) rather than
// built, compiled and queued through Kysely's executor each time: a unit of one insert cost
// 7-14 µs of CPU in a batch this way, 15-18 µs before (bench/README.md, session 11).
const savepoint = prepared<Database, never>(() => sql`savepoint unit`);
const release = prepared<Database, never>(() => sql`release unit`);
const rollbackTo = prepared<Database, never>(() => sql`rollback to unit`);

interface Unit {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export interface GroupCommit {
  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** Transactions committed or failed, and units run in them, since start. */
  readonly stats: { batches: number; units: number; busy: number };
}

const committers = new WeakMap<Kysely<Database>, GroupCommit>();

/** The group committer of a SQLite database (one per Kysely instance, made on first use). */
export function groupCommitOf(db: Kysely<Database>): GroupCommit {
  let gc = committers.get(db);
  if (!gc) {
    gc = createGroupCommit(db);
    committers.set(db, gc);
  }
  return gc;
}

function createGroupCommit(db: Kysely<Database>): GroupCommit {
  const queue: Unit[] = [];
  const stats = { batches: 0, units: 0, busy: 0 };
  let scheduled = false;
  /** When the batch at the head of the queue first found the write lock taken (ms), else null. */
  let waitingSince: number | null = null;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate, not a microtask: requests whose bodies arrived in the same turn of the event
    // loop reach their transaction first and share the batch. Twice: the clients answered by the
    // batch before send their next requests at once, and those that arrive while one turn reads
    // the others are read only in the turn after it. The extra turn costs microseconds when
    // nothing is waiting; a request it catches would otherwise wait for a whole batch.
    setImmediate(() => setImmediate(() => {
      void flush().finally(() => {
        scheduled = false;
        if (queue.length) schedule();
      });
    }));
  };

  async function flush(): Promise<void> {
    const batch = queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    const done: { unit: Unit; value: unknown }[] = [];
    const failed: { unit: Unit; reason: unknown }[] = [];
    let trx;
    try {
      trx = await beginWithoutWaiting(db);
    } catch (err) {
      if (isSqliteBusy(err)) {
        waitingSince ??= performance.now();
        if (performance.now() - waitingSince < BUSY_TIMEOUT_MS) {
          // Another process holds the write lock: wait for it without blocking this one's event
          // loop, which meanwhile reads and validates more requests for the next try.
          queue.unshift(...batch);
          stats.busy += 1;
          await new Promise((r) => setTimeout(r, 1));
          return;
        }
      }
      // Failed, or waited as long as any statement waits for the lock: the batch fails.
      waitingSince = null;
      for (const u of batch) u.reject(err);
      return;
    }
    waitingSince = null;
    stats.batches += 1;
    const started = performance.now();
    try {
      for (let i = 0; i < batch.length; i++) {
        if (i > 0 && performance.now() - started > BATCH_BUDGET_MS) {
          // Not started: back to the head of the queue, in order, for the next batch.
          queue.unshift(...batch.splice(i));
          break;
        }
        const unit = batch[i]!;
        await savepoint(trx, []);
        let value: unknown;
        try {
          value = await unit.work(trx);
        } catch (err) {
          try {
            await rollbackTo(trx, []);
            await release(trx, []);
          } catch {
            // SQLite rolled the whole transaction back (disk full, I/O error), savepoint and all:
            // the batch fails as a whole below, nothing of it acknowledged, and with the cause,
            // not with "no such savepoint", so that the disk-full answer says what happened.
            throw err;
          }
          failed.push({ unit, reason: err });
          continue;
        }
        await release(trx, []);
        done.push({ unit, value });
      }
      stats.units += batch.length;
      await trx.commit().execute();
    } catch (err) {
      await trx.rollback().execute().catch(() => undefined);
      for (const { unit, reason } of failed) unit.reject(reason);
      // The rest, done or not started, fail with the batch (a promise settles once).
      for (const u of batch) u.reject(err);
      return;
    }
    // Failures are answered after the batch ended too: a unit that lost an idempotency race to
    // another unit of the same batch then reads the winner as committed.
    for (const { unit, reason } of failed) unit.reject(reason);
    for (const { unit, value } of done) unit.resolve(value);
  }

  return {
    stats,
    run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
  };
}

/**
 * BEGIN IMMEDIATE that fails at once with SQLITE_BUSY when another process holds the write lock,
 * instead of sleeping in SQLite's busy handler (which blocks the whole event loop). Other
 * statements keep the connection's busy_timeout.
 */
async function beginWithoutWaiting(db: Kysely<Database>): Promise<ControlledTransaction<Database>> {
  const restore = sql`pragma busy_timeout = ${sql.raw(String(BUSY_TIMEOUT_MS))}`;
  await sql`pragma busy_timeout = 0`.execute(db);
  let trx: ControlledTransaction<Database>;
  try {
    trx = await db.startTransaction().execute();
  } catch (err) {
    await restore.execute(db);
    throw err;
  }
  // Through the transaction: it holds the one connection until it ends.
  await restore.execute(trx);
  return trx;
}
