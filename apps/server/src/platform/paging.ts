import { type SelectQueryBuilder, sql } from 'kysely';

/**
 * Runs a filtered query as one page plus its total. `base` carries the joins and filters only;
 * `select` adds columns and order to it for the page.
 */
export async function paginate<DB, TB extends keyof DB, O, R>(
  base: SelectQueryBuilder<DB, TB, O>,
  select: (qb: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, R>,
  page: number,
  pageSize: number,
): Promise<{ items: R[]; total: number; page: number; pageSize: number }> {
  const [items, count] = await Promise.all([
    select(base).limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number((count as { n?: number } | undefined)?.n ?? 0), page, pageSize };
}

/** Escapes LIKE wildcards so a search for "50%" matches literally (with ESCAPE '\'). */
export function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` contains `q`, case-insensitively, with the same meaning on SQLite and PostgreSQL. */
export function containsText(column: string, q: string) {
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${likeContains(q)}) escape '\\'`;
}
