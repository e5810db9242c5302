import { dataScope, getListKind, type ListEntryView, type OfficialListView, regionName } from '@relief/domain';
import type { OfficialList } from '../db/schema';
import type { Actor } from '../platform/audit';
import type { AuthUser } from '../platform/auth/sessions';
import { type AppContext, inTransaction } from '../platform/context';
import { conflict, forbidden, notFound } from '../platform/errors';
import { containsText, paginate } from '../platform/paging';
import { enterpriseScope } from './enterprises.service';
import { entriesOfList, findList, listsWithCounts } from './registry.repository';

/**
 * Official lists are provincial or national documents: only province bodies import them or take
 * an enterprise off one. Cities and counties read them for their own enterprises.
 * @throws 403 for anyone else.
 */
export function assertListMaintainer(user: AuthUser): void {
  if (!dataScope(user).provinceWide) throw forbidden('官方名单由省级部门导入和维护，市、县用户可以查看本辖区企业的名单情况');
}

function toListView(l: OfficialList & { entry_count: number | null; removed_count: number | null }): OfficialListView {
  const info = getListKind(l.kind);
  return {
    id: l.id, kind: info.kind, kindLabel: info.label, category: info.category, name: l.name, batch: l.batch, issuer: l.issuer,
    issuedOn: l.issued_on, validFrom: l.valid_from, validTo: l.valid_to, source: l.source,
    entryCount: Number(l.entry_count ?? 0), removedCount: Number(l.removed_count ?? 0), importJobId: l.import_job_id, createdAt: l.created_at,
  };
}

/** Official lists, newest first, with entry counts within the reader's region. */
export async function listOfficialLists(ctx: AppContext, user: AuthUser, q: { kind?: string | undefined; page: number; pageSize: number }) {
  let base = ctx.db.selectFrom('official_list as ol');
  if (q.kind) base = base.where('ol.kind', '=', q.kind);
  const page = await paginate(base, (b) => b.select('ol.id').orderBy('ol.issued_on', 'desc').orderBy('ol.id', 'desc'), q.page, q.pageSize);
  const ids = page.items.map((r) => r.id);
  const rows = ids.length ? await listsWithCounts(ctx.db, enterpriseScope(user)).selectAll('ol').where('ol.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...page, items: ids.map((id) => toListView(byId.get(id)!)) };
}

/** One list with its counts. @throws 404. */
export async function getOfficialList(ctx: AppContext, user: AuthUser, id: number): Promise<OfficialListView> {
  const row = await listsWithCounts(ctx.db, enterpriseScope(user)).selectAll('ol').where('ol.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('名单');
  return toListView(row);
}

/** Entries of a list within the reader's region, filterable by name/code and status. */
export async function listEntriesOf(ctx: AppContext, user: AuthUser, listId: number, q: { q?: string | undefined; status: 'active' | 'removed' | 'all'; page: number; pageSize: number }) {
  if (!(await findList(ctx.db, listId))) throw notFound('名单');
  let base = entriesOfList(ctx.db, listId, enterpriseScope(user));
  if (q.status === 'active') base = base.where('le.removed_at', 'is', null);
  if (q.status === 'removed') base = base.where('le.removed_at', 'is not', null);
  if (q.q) {
    const needle = q.q;
    base = base.where((eb) => eb.or([containsText('le.name', needle), containsText('le.uscc', needle), containsText('e.name', needle)]));
  }
  const page = await paginate(base, (b) => b.select(ENTRY_COLUMNS).orderBy('le.id'), q.page, q.pageSize);
  return { ...page, items: page.items.map(toEntryView) };
}

const ENTRY_COLUMNS = ['le.id', 'le.list_id', 'le.uscc', 'le.name', 'le.region_code', 'le.remark', 'le.added_at', 'le.removed_at',
  'le.removal_reason', 'e.id as enterprise_id', 'e.name as enterprise_name', 'e.region_code as enterprise_region', 'u.username as removed_by'] as const;

function toEntryView(r: {
  id: number; list_id: number; uscc: string; name: string; region_code: string | null; remark: string | null; added_at: string;
  removed_at: string | null; removal_reason: string | null; enterprise_id: number | null; enterprise_name: string | null;
  enterprise_region: string | null; removed_by: string | null;
}): ListEntryView {
  const region = r.enterprise_region ?? r.region_code;
  return {
    id: r.id, listId: r.list_id, uscc: r.uscc, name: r.name, regionCode: region, regionName: region ? regionName(region) ?? null : null,
    enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, remark: r.remark, addedAt: r.added_at,
    removedAt: r.removed_at, removalReason: r.removal_reason, removedBy: r.removed_by,
  };
}

/**
 * Takes an enterprise off a list, with a reason (dynamic management, DOMAIN.md §10). The entry
 * stays, marked removed, so the enterprise's history still shows it.
 * @throws 403 for non-province users, 404 for an unknown entry, 409 when already removed.
 */
export async function removeListEntry(ctx: AppContext, user: AuthUser, actor: Actor, listId: number, entryId: number, reason: string): Promise<ListEntryView> {
  assertListMaintainer(user);
  return inTransaction(ctx, actor, async (tx) => {
    const entry = await tx.db.selectFrom('list_entry').selectAll().where('id', '=', entryId).where('list_id', '=', listId).executeTakeFirst();
    if (!entry) throw notFound('名单条目');
    if (entry.removed_at) throw conflict(`该企业已于 ${entry.removed_at.slice(0, 10)} 移出名单（理由：${entry.removal_reason ?? '无'}）`, null, 'ALREADY_REMOVED');
    const at = tx.now.toISOString();
    const res = await tx.db.updateTable('list_entry').set({ removed_at: at, removal_reason: reason, removed_by: user.id, version: entry.version + 1 })
      .where('id', '=', entryId).where('version', '=', entry.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该名单条目已被他人修改，请刷新', null, 'STALE_VERSION');
    await tx.audit({ action: 'list.entry-removed', entityType: 'list_entry', entityId: entryId,
      before: { listId, uscc: entry.uscc, name: entry.name, removedAt: null }, after: { listId, uscc: entry.uscc, removedAt: at, reason } });
    const after = await entriesOfList(tx.db, listId, null).select(ENTRY_COLUMNS).where('le.id', '=', entryId).executeTakeFirstOrThrow();
    return toEntryView(after);
  });
}
