import type { Kysely } from 'kysely';

// The guarantee measure's tables (placeholder until the measure lands; filled before its release).

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
