import type { DataScope } from '@relief/domain';
import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../db/schema';

/** Organisations in a scope: by path (own subtree) — regions do not add organisations to a tree. */
export function organisationsInScope(db: Kysely<Database>, scope: DataScope) {
  return db.selectFrom('organisation').where('path', 'like', `${scope.pathPrefix}%`);
}

/** One organisation by id, or undefined. */
export function findOrganisation(db: Kysely<Database>, id: number): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The organisation of a region (city or county) by its GB/T 2260 code. */
export function findRegionOrganisation(db: Kysely<Database>, regionCode: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').selectAll().where('kind', 'in', ['city', 'county']).where('code', '=', regionCode).executeTakeFirst();
}
