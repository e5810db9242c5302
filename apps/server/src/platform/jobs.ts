import { randomUUID } from 'node:crypto';
import type { AppContext } from './context';

/** This process's identity as a lease holder. */
export const INSTANCE_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Takes or renews the named lease for `seconds` if it is free, expired, or already ours. One
 * statement, atomic on both dialects, so of several instances racing exactly one wins.
 */
export async function acquireLease(ctx: AppContext, name: string, seconds: number, holder = INSTANCE_ID): Promise<boolean> {
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + seconds * 1000).toISOString();
  const row = await ctx.db.insertInto('job_lease').values({ name, holder, expires_at: expires })
    .onConflict((oc) => oc.column('name').doUpdateSet({ holder, expires_at: expires })
      .where((eb) => eb.or([eb('job_lease.expires_at', '<', now.toISOString()), eb('job_lease.holder', '=', holder)])))
    .returning('holder').executeTakeFirst();
  return row?.holder === holder;
}

/** Gives a lease back so another instance need not wait for it to expire. */
export async function releaseLease(ctx: AppContext, name: string, holder = INSTANCE_ID): Promise<void> {
  await ctx.db.deleteFrom('job_lease').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Runs `job` every `intervalSeconds` under a lease; returns a stop function. Errors are logged. */
export function schedule(ctx: AppContext, name: string, intervalSeconds: number, job: () => Promise<unknown>): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await acquireLease(ctx, name, Math.max(intervalSeconds * 2, 30))) await job();
    } catch (err) {
      ctx.log.error({ err, job: name }, 'job failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

