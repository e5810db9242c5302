import { sql } from 'kysely';
import type { AppContext } from '../context';

/**
 * Counts a hit for `key` in a fixed window kept in the database (so several instances share
 * it) and says whether the limit is exceeded. One upsert per call.
 */
export async function hitRateLimit(ctx: AppContext, key: string, limit: number, windowSeconds: number): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const now = ctx.clock.now();
  const windowStart = new Date(Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000).toISOString();
  // Same statement on both dialects: ON CONFLICT … DO UPDATE exists in SQLite ≥ 3.24 and PostgreSQL.
  const row = await ctx.db
    .insertInto('rate_limit')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limit.window_start = ${windowStart} then rate_limit.count + 1 else 1 end`,
        window_start: windowStart,
      }),
    )
    .returning(['count'])
    .executeTakeFirstOrThrow();
  const retry = Math.ceil((new Date(windowStart).getTime() + windowSeconds * 1000 - now.getTime()) / 1000);
  return { allowed: row.count <= limit, retryAfterSeconds: Math.max(retry, 1) };
}
