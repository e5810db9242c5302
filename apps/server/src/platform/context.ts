import type { FastifyBaseLogger } from 'fastify';
import type { PolicyPreset } from '@relief/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../db/kysely';
import type { Database } from '../db/schema';
import { groupCommitOf } from '../db/group-commit';
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
export function inTransaction<T>(ctx: AppContext, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  // SQLite: units waiting together share one COMMIT (db/group-commit.ts). PostgreSQL commits
  // concurrent transactions on their own connections.
  const run = ctx.dialect === 'sqlite'
    ? (w: (trx: Transaction<Database>) => Promise<T>) => groupCommitOf(ctx.db).run(w)
    : (w: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(w);
  return run(async (trx) => {
    const entries: AuditEntry[] = [];
    try {
      const result = await work({ db: trx, now, actor, audit: async (entry) => { entries.push(entry); } });
      await appendAudit(trx, ctx.dialect, actor, now, entries);
      return result;
    } catch (err) {
      // This unit rolls back: in a shared (group-commit) transaction, its events go with it.
      forgetChainHead(trx);
      throw err;
    }
  });
}
