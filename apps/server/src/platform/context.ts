import type { FastifyBaseLogger } from 'fastify';
import type { PolicyPreset } from '@relief/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../db/kysely';
import type { Database } from '../db/schema';
import { type Actor, type AuditEntry, writeAudit } from './audit';
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
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * Runs `work` in one transaction. Inside `work`, use only `tx.db`: on SQLite the transaction holds
 * the single connection, so a query through `ctx.db` would wait for it forever.
 *
 * Runs `work` in one transaction and audits inside it, so a change and its audit event commit or
 * roll back together (DESIGN.md: "every change writes an audit event in the same transaction").
 */
export function inTransaction<T>(ctx: AppContext, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute((trx) =>
    work({
      db: trx,
      now,
      actor,
      audit: async (entry) => {
        await writeAudit(trx, ctx.dialect, actor, now, entry);
      },
    }),
  );
}
