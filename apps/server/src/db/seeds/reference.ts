import { listCities, listCounties } from '@relief/domain';
import { SYSTEM_ACTOR } from '../../platform/audit';
import { type AppContext, inTransaction, type Tx } from '../../platform/context';

// The organisation tree as it stood when the policy was issued (2020-02-17): 16 cities and 137
// county-level units (DOMAIN.md §3). Later changes are added by administrators as they happen.
const TREE_DATE = '2020-02-17';

export const PROVINCE_BODIES = [
  { code: 'DEPT', kind: 'department', name: '山东省工业和信息化厅' },
  { code: 'FIN', kind: 'department', name: '山东省财政厅' },
  { code: 'FG', kind: 'finance-group', name: '山东省财金投资集团有限公司（省财金集团）' },
  { code: 'BFP', kind: 'bridge-fund', name: '山东省企业应急转贷基金平台' },
] as const;

/**
 * Creates the reference organisations (province, its bodies, cities and counties) if they are
 * missing. Idempotent: run at every start and by `migrate`. Returns the ids callers need.
 */
export async function ensureReferenceData(ctx: AppContext): Promise<{ rootId: number; deptId: number }> {
  const existing = await ctx.db.selectFrom('organisation').select(['id', 'code']).where('kind', '=', 'province').executeTakeFirst();
  if (existing) {
    const dept = await ctx.db.selectFrom('organisation').select('id').where('kind', '=', 'department').where('code', '=', 'DEPT').executeTakeFirstOrThrow();
    return { rootId: existing.id, deptId: dept.id };
  }
  return inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    const rootId = await addOrg(tx, null, '/', { kind: 'province', name: '山东省', code: '370000', region: '370000' });
    const rootPath = `/${rootId}/`;
    let deptId = 0;
    for (const b of PROVINCE_BODIES) {
      const id = await addOrg(tx, rootId, rootPath, { kind: b.kind, name: b.name, code: b.code, region: '370000' });
      if (b.code === 'DEPT') deptId = id;
    }
    let counties = 0;
    for (const city of listCities()) {
      const cityId = await addOrg(tx, rootId, rootPath, { kind: 'city', name: city.name, code: city.code, region: city.code });
      for (const county of listCounties(city.code, TREE_DATE)) {
        await addOrg(tx, cityId, `${rootPath}${cityId}/`, { kind: 'county', name: county.name, code: county.code, region: county.code });
        counties += 1;
      }
    }
    await tx.audit({ action: 'reference.seeded', entityType: 'organisation', entityId: rootId, after: { cities: listCities().length, counties, asOf: TREE_DATE } });
    return { rootId, deptId };
  });
}

/** Inserts one organisation under a parent and sets its materialised path. */
export async function addOrg(tx: Tx, parentId: number | null, parentPath: string, o: { kind: string; name: string; code: string | null; region: string | null; status?: string }): Promise<number> {
  const at = tx.now.toISOString();
  const { id } = await tx.db.insertInto('organisation').values({
    parent_id: parentId, kind: o.kind, name: o.name, code: o.code, region_code: o.region, path: '/', status: o.status ?? 'active', created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await tx.db.updateTable('organisation').set({ path: `${parentPath}${id}/` }).where('id', '=', id).execute();
  return id;
}
