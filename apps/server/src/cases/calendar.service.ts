import { assertCalendarYear, type Calendar, type CalendarYear, defaultCalendar } from '@relief/domain';
import type { AppContext } from '../platform/context';

// Years imported by administrators live in the database and take precedence over the built-in
// data. Each instance caches the merged calendar briefly; an import in this instance clears it at
// once, other instances pick it up within CACHE_MS (then recompute any deadlines they touch).
const CACHE_MS = 30_000;
const cache = new WeakMap<AppContext, { at: number; calendar: Calendar; imported: CalendarYear[] }>();

/** The working-day calendar in force: built-in years overridden by imported ones. */
export async function getCalendar(ctx: AppContext): Promise<Calendar> {
  return (await load(ctx)).calendar;
}

/** Imported years as stored (for the administrator's list). */
export async function importedYears(ctx: AppContext): Promise<CalendarYear[]> {
  return (await load(ctx)).imported;
}

/** Drops the cached calendar of this instance (after an import). */
export function invalidateCalendar(ctx: AppContext): void {
  cache.delete(ctx);
}

async function load(ctx: AppContext) {
  const hit = cache.get(ctx);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit;
  const rows = await ctx.db.selectFrom('calendar_year').select(['year', 'data_json']).orderBy('year').execute();
  const imported = rows.map((r) => assertCalendarYear(JSON.parse(r.data_json)));
  const entry = { at: now, calendar: imported.length ? defaultCalendar.withYears(imported) : defaultCalendar, imported };
  cache.set(ctx, entry);
  return entry;
}
