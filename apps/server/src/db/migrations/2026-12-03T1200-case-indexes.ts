import { type Kysely, sql } from 'kysely';

// Frozen in time. Every new case wrote seven index entries. Two of them bought nothing a smaller
// index does not: the owner's index repeated the first column of the idempotency key once that key
// leads with the owner (an enterprise's own list and a retried submission both search by owner
// first), and the escalation index held an entry for every case, although only cases passed their
// deadline are ever escalated and looked up by it. Each entry of a new case lands on a page of its
// own that the commit then writes (bench/README.md).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('workflow_case_owner_idem_uq').on('workflow_case').columns(['owner_org_id', 'measure', 'idempotency_key']).unique().execute();
  await db.schema.dropIndex('workflow_case_idem_uq').execute();
  await db.schema.dropIndex('workflow_case_owner_ix').execute();
  await db.schema.dropIndex('workflow_case_escalated_ix').execute();
  await db.schema.createIndex('workflow_case_escalated_ix').on('workflow_case').column('escalated_to_org_id').where(sql.ref('escalated_to_org_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('workflow_case_escalated_ix').execute();
  await db.schema.createIndex('workflow_case_escalated_ix').on('workflow_case').column('escalated_to_org_id').execute();
  await db.schema.createIndex('workflow_case_owner_ix').on('workflow_case').column('owner_org_id').execute();
  await db.schema.createIndex('workflow_case_idem_uq').on('workflow_case').columns(['measure', 'owner_org_id', 'idempotency_key']).unique().execute();
  await db.schema.dropIndex('workflow_case_owner_idem_uq').execute();
}
