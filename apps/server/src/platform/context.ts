import type { FastifyBaseLogger } from 'fastify';
import type { PolicyPreset } from '@relief/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../db/kysely';
import type { Database } from '../db/schema';
import { groupCommitOf } from '../db/group-commit';
import { pinConnection } from '../db/prepared';
import { type Actor, type AuditEntry, appendAudit, forgetChainHead } from './audit';
import type { Clock } from './clock';
import type { Config } from './config';

/** What every service needs: the database, its dialect, the clock, configuration and a logger. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  log: FastifyBaseLogger;
  /** The policy this platform runs, validated at start (a bad preset stops the server). */
  preset: PolicyPreset;
}

/** A unit of work: one transaction, one instant, and an audit writer bound to both. */
export interface Tx {
  db: Transaction<Database>;
  now: Date;
  actor: Actor;
  /** Records an audit event; it is appended to the chain when the work is done, before commit. */
  audit(entry: AuditEntry): Promise<void>;
  /**
   * A statement the work does not wait for: on PostgreSQL it travels with the statements after it
   * and the COMMIT instead of costing a round trip of its own. If it fails, the unit fails and
   * nothing of it is stored. Returns the statement's own promise, to read its result once the
   * unit is done (or at once, at the cost of the wait). For hot statements (db/prepared.ts):
   * one built on the spot goes through Kysely's queue, where the next statement waits for it.
   */
  send<R>(statement: Promise<R>): Promise<R>;
}

/**
 * Runs `work` in one transaction. Inside `work`, use only `tx.db`: on SQLite the transaction holds
 * the single connection, so a query through `ctx.db` would wait for it forever.
 *
 * The audit events `work` records are appended at its end, in the same transaction, so a change
 * and its audit events commit or roll back together (DESIGN.md: "every change writes an audit
 * event in the same transaction"); appending last keeps PostgreSQL's chain lock held only from
 * there to the commit.
 */
export async function inTransaction<T>(ctx: AppContext, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  // SQLite: units waiting together share one COMMIT (db/group-commit.ts). PostgreSQL commits
  // concurrent transactions on their own connections.
  const run = ctx.dialect === 'sqlite'
    ? (w: (trx: Transaction<Database>) => Promise<T>) => groupCommitOf(ctx.db).run(w)
    : (w: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(w);
  /** What the work sent without waiting, in the order sent. */
  const sent: Promise<unknown>[] = [];
  try {
    return await run(async (trx) => {
      if (ctx.dialect === 'postgres') await pinConnection(trx);
      const entries: AuditEntry[] = [];
      const send = <R>(statement: Promise<R>) => {
        sent.push(statement);
        // Read by firstFailure(), not here: not an unhandled rejection meanwhile.
        statement.catch(() => undefined);
        return statement;
      };
      try {
        const value = await work({ db: trx, now, actor, audit: async (entry) => { entries.push(entry); }, send });
        send(appendAudit(trx, ctx.dialect, actor, now, entries));
        // SQLite has run every statement by now: a failure fails this unit here, inside its
        // savepoint. PostgreSQL's COMMIT goes out behind them; if one failed, the server rolls
        // the transaction back instead, and Kysely rejects the commit for it.
        if (ctx.dialect === 'sqlite') await settled(sent);
        return value;
      } catch (err) {
        // This unit rolls back: in a shared (group-commit) transaction, its events go with it.
        forgetChainHead(trx);
        throw err;
      }
    });
  } catch (err) {
    // A statement sent earlier failed first: what failed after it (a read, the COMMIT) failed only
    // because the transaction had been aborted, and the first error is the one that says why.
    throw (await firstFailure(sent))?.error ?? err;
  }
}

async function settled(sent: readonly Promise<unknown>[]): Promise<void> {
  const failed = await firstFailure(sent);
  if (failed) throw failed.error;
}

/** The first of `sent` to have failed, in the order sent, once all have settled. */
async function firstFailure(sent: readonly Promise<unknown>[]): Promise<{ error: unknown } | undefined> {
  const outcomes = await Promise.allSettled(sent);
  const failed = outcomes.find((o) => o.status === 'rejected');
  return failed ? { error: failed.reason } : undefined;
}
