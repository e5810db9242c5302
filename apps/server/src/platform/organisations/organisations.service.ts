import { ALLOWED_CHILD_KINDS, dataScope, inScope, isValidRegionCode, ORG_KIND_LABELS, type OrganisationNode, type OrgKind } from '@relief/domain';
import type { Organisation } from '../../db/schema';
import type { AuthUser } from '../auth/sessions';
import { type AppContext, inTransaction } from '../context';
import type { Actor } from '../audit';
import { conflict, fieldError, notFound } from '../errors';
import { findOrganisation, organisationsInScope } from './organisations.repository';

/**
 * The organisation tree the user may see, rooted at its scope. Enterprises are left out unless
 * asked for: a province holds hundreds of thousands, which belong in the registry's lists.
 */
export async function organisationTree(ctx: AppContext, user: AuthUser, includeEnterprises = false): Promise<OrganisationNode[]> {
  const scope = dataScope(user);
  let q = organisationsInScope(ctx.db, scope).select(['id', 'parent_id', 'name', 'kind', 'code', 'region_code', 'status', 'path']);
  if (!includeEnterprises) q = q.where('kind', '<>', 'enterprise');
  const rows = await q.orderBy('path').execute();
  const nodes = new Map<number, OrganisationNode>();
  const roots: OrganisationNode[] = [];
  for (const r of rows) {
    nodes.set(r.id, { id: r.id, name: r.name, kind: r.kind as OrgKind, code: r.code, regionCode: r.region_code, status: r.status, children: [] });
  }
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parent_id === null ? undefined : nodes.get(r.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  // Path order is by id digits; officials expect regions by code and bodies before regions.
  const sortKids = (list: OrganisationNode[]) => {
    list.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || (a.code ?? '').localeCompare(b.code ?? '') || a.id - b.id);
    list.forEach((n) => sortKids(n.children));
  };
  sortKids(roots);
  return roots;
}

const RANK: OrgKind[] = ['province', 'department', 'finance-group', 'bridge-fund', 'city', 'county', 'bank', 'guarantee', 'bridge-operator', 'service', 'fund', 'enterprise'];
const kindRank = (k: OrgKind) => RANK.indexOf(k);

/** One organisation, if the user's scope reaches it. */
export async function getOrganisationInScope(ctx: AppContext, user: AuthUser, id: number): Promise<Organisation> {
  const org = await findOrganisation(ctx.db, id);
  if (!org || !inScope(dataScope(user), { path: org.path, regionCode: org.region_code })) throw notFound('机构');
  return org;
}

export interface NewOrganisationInput {
  parentId: number;
  kind: OrgKind;
  name: string;
  code?: string | undefined;
  regionCode?: string | undefined;
}

/** Adds a child organisation under a parent in the user's subtree, if the tree allows that kind there. */
export async function createOrganisation(ctx: AppContext, user: AuthUser, actor: Actor, input: NewOrganisationInput): Promise<Organisation> {
  const parent = await findOrganisation(ctx.db, input.parentId);
  if (!parent || !parent.path.startsWith(dataScope(user).pathPrefix)) throw fieldError('parentId', '上级机构不存在或不在您的管辖范围内');
  const allowed = ALLOWED_CHILD_KINDS[parent.kind as OrgKind] ?? [];
  if (!allowed.includes(input.kind)) {
    throw fieldError('kind', `「${ORG_KIND_LABELS[parent.kind as OrgKind]}」下不能设立「${ORG_KIND_LABELS[input.kind]}」`);
  }
  if (input.regionCode && !regionWithin(parent.region_code, input.regionCode)) {
    throw fieldError('regionCode', `所在地 ${input.regionCode} 不在上级机构「${parent.name}」的辖区内`);
  }
  if (input.regionCode && !isValidRegionCode(input.regionCode)) throw fieldError('regionCode', `所在地 ${input.regionCode} 不是山东省现行的行政区划代码`);
  return inTransaction(ctx, actor, async (tx) => {
    if (input.code) {
      const dup = await tx.db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', input.kind).where('code', '=', input.code).executeTakeFirst();
      if (dup) throw conflict(`代码 ${input.code} 已被「${dup.name}」使用`, { existingId: dup.id }, 'DUPLICATE');
    }
    const at = tx.now.toISOString();
    const inserted = await tx.db.insertInto('organisation').values({
      parent_id: parent.id, kind: input.kind, name: input.name, code: input.code ?? null,
      region_code: input.regionCode ?? parent.region_code, path: '/', status: 'active', created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    const path = `${parent.path}${inserted.id}/`;
    await tx.db.updateTable('organisation').set({ path }).where('id', '=', inserted.id).execute();
    const org = await tx.db.selectFrom('organisation').selectAll().where('id', '=', inserted.id).executeTakeFirstOrThrow();
    await tx.audit({ action: 'organisation.created', entityType: 'organisation', entityId: org.id, after: org });
    return org;
  });
}

/**
 * Whether a region lies within a parent's region: the province (370000) holds every code of
 * Shandong, a city (xxxx00) its own counties, a county only itself. A new organisation can never
 * claim a region outside its parent's, so no one grants themselves another city's cases.
 */
export function regionWithin(parentRegion: string | null, region: string): boolean {
  if (!parentRegion) return false;
  if (parentRegion === '370000') return region.startsWith('37');
  if (parentRegion.endsWith('00')) return region.startsWith(parentRegion.slice(0, 4));
  return region === parentRegion;
}
