import {
  can,
  dataScope,
  describeRegionCode,
  type EnterpriseDetail,
  type EnterpriseListEntryView,
  type EnterpriseListQuery,
  enterpriseSize,
  type EnterpriseUpdateInput,
  type EnterpriseView,
  findRegion,
  getListKind,
  INDUSTRY_SECTIONS,
  industryRowName,
  LIST_ENTRY_STATUS_LABELS,
  listEntryStatus,
  type ListKindId,
  regionName,
  shanghaiDateOf,
  SIZE_LABELS,
  type SizeClass,
} from '@relief/domain';
import type { Enterprise } from '../db/schema';
import type { Actor } from '../platform/audit';
import type { AuthUser } from '../platform/auth/sessions';
import { type AppContext, inTransaction } from '../platform/context';
import { conflict, fieldError, forbidden, notFound } from '../platform/errors';
import { containsText } from '../platform/paging';
import {
  activeListKinds,
  countyOrganisations,
  enterprisesIn,
  entriesOfEnterprise,
  findEnterprise,
  findEnterpriseOfOrganisation,
  type RegionPrefix,
  updateEnterpriseAtVersion,
  updateOrganisationOf,
  whereOnList,
} from './registry.repository';

/**
 * The region prefix a user reads enterprises in: null for province bodies (everything), the city's
 * 4 digits, the county's 6; '' (nothing) for institutions and enterprises, which read no registry.
 */
export function enterpriseScope(user: AuthUser): RegionPrefix {
  const scope = dataScope(user);
  if (scope.provinceWide) return null;
  return user.organisation.kind === 'city' || user.organisation.kind === 'county' ? (scope.regionPrefix ?? '') : '';
}

/** Today as a civil date in Asia/Shanghai: list validity is counted in civil days. */
export function todayOf(ctx: AppContext): string {
  return shanghaiDateOf(ctx.clock.now());
}

const displayRegion = (code: string) => regionName(code) ?? describeRegionCode(code) ?? code;

/** The API view of an enterprise row. */
export function toEnterpriseView(e: Enterprise, listKinds: ListKindId[] = []): EnterpriseView {
  return {
    id: e.id, organisationId: e.organisation_id, uscc: e.uscc, name: e.name, regionCode: e.region_code, regionName: displayRegion(e.region_code),
    industrySection: e.industry_section, industrySectionName: INDUSTRY_SECTIONS.find((s) => s.code === e.industry_section)?.name ?? null,
    industryCode: e.industry_code, industryRow: e.industry_row, industryRowName: industryRowName(e.industry_row),
    employees: e.employees, revenueFen: e.revenue_fen, assetsFen: e.assets_fen,
    sizeClass: (e.size_class as SizeClass | null), sizeLabel: e.size_class ? SIZE_LABELS[e.size_class as SizeClass] ?? null : null,
    sizeReason: e.size_reason, listKinds, createdAt: e.created_at, updatedAt: e.updated_at, version: e.version,
  };
}

/**
 * The registry search of a user: scope, then the filters. `regionCode` of a city covers its
 * counties; `list` means on a list of that kind today (not removed, within validity).
 * @throws AppError 400 for a region code that is not a Shandong division.
 */
export function searchEnterprises(ctx: AppContext, user: AuthUser, q: Omit<EnterpriseListQuery, 'page' | 'pageSize'>) {
  let base = enterprisesIn(ctx.db, enterpriseScope(user));
  if (q.q) {
    const needle = q.q;
    base = base.where((eb) => eb.or([containsText('e.name', needle), containsText('e.uscc', needle)]));
  }
  if (q.regionCode) {
    const region = findRegion(q.regionCode);
    if (!region) throw fieldError('regionCode', `${q.regionCode} 不是山东省的行政区划代码`);
    if (region.level === 'city') base = base.where('e.region_code', 'like', `${q.regionCode.slice(0, 4)}%`);
    else if (region.level === 'county') base = base.where('e.region_code', '=', q.regionCode);
  }
  if (q.size === 'unclassified') base = base.where('e.size_class', 'is', null);
  else if (q.size) base = base.where('e.size_class', '=', q.size);
  if (q.list) {
    base = whereOnList(base, q.list, todayOf(ctx));
  }
  return base;
}

/** Views of enterprise rows with the kinds of list each is on today (one extra query per page). */
export async function withListKinds(ctx: AppContext, rows: Enterprise[]): Promise<EnterpriseView[]> {
  const kinds = await activeListKinds(ctx.db, rows.map((r) => r.uscc), todayOf(ctx));
  const byUscc = new Map<string, ListKindId[]>();
  for (const k of kinds) byUscc.set(k.uscc, [...(byUscc.get(k.uscc) ?? []), k.kind as ListKindId]);
  return rows.map((r) => toEnterpriseView(r, byUscc.get(r.uscc) ?? []));
}

async function detailOf(ctx: AppContext, e: Enterprise): Promise<EnterpriseDetail> {
  const today = todayOf(ctx);
  const rows = await entriesOfEnterprise(ctx.db, e.uscc);
  const entries: EnterpriseListEntryView[] = rows.map((r) => {
    const info = getListKind(r.kind);
    const status = listEntryStatus({ removedAt: r.removed_at, validFrom: r.valid_from, validTo: r.valid_to }, today);
    return {
      entryId: r.entry_id, listId: r.list_id, kind: info.kind, kindLabel: info.label, category: info.category, listName: r.list_name,
      batch: r.batch, issuer: r.issuer, issuedOn: r.issued_on, validFrom: r.valid_from, validTo: r.valid_to, source: r.source,
      addedAt: r.added_at, removedAt: r.removed_at, removalReason: r.removal_reason, status, statusLabel: LIST_ENTRY_STATUS_LABELS[status],
    };
  });
  const listKinds = [...new Set(entries.filter((x) => x.status === 'valid').map((x) => x.kind))];
  return { ...toEnterpriseView(e, listKinds), entries };
}

/** One enterprise in the user's scope, with its lists and honours (removed ones marked). @throws 404 outside the scope. */
export async function getEnterprise(ctx: AppContext, user: AuthUser, id: number): Promise<EnterpriseDetail> {
  const e = await enterprisesIn(ctx.db, enterpriseScope(user)).selectAll().where('e.id', '=', id).executeTakeFirst();
  if (!e) throw notFound('企业');
  return detailOf(ctx, e);
}

/** An enterprise user's own enterprise. @throws 404 when the user's organisation is not a registered enterprise. */
export async function getOwnEnterprise(ctx: AppContext, user: AuthUser): Promise<EnterpriseDetail> {
  const e = user.organisation.kind === 'enterprise' ? await findEnterpriseOfOrganisation(ctx.db, user.organisation.id) : undefined;
  if (!e) throw notFound('本机构的企业资料');
  return detailOf(ctx, e);
}

/**
 * Updates an enterprise's profile and recomputes its 300号 size class and reason. Allowed to
 * government operators and admins (enterprises.import) within their region, and to the
 * enterprise's own admin (who may not move it to another region). Name and region changes are
 * carried to its organisation, which moves under the new county.
 * @throws 404 outside the scope, 403 without the right, 409 when `version` is stale.
 */
export async function updateEnterprise(ctx: AppContext, user: AuthUser, actor: Actor, id: number, input: EnterpriseUpdateInput): Promise<EnterpriseDetail> {
  const current = await findEnterprise(ctx.db, id);
  if (!current) throw notFound('企业');
  if (user.organisation.kind === 'enterprise') {
    if (current.organisation_id !== user.organisation.id) throw notFound('企业');
    if (!user.roles.includes('admin')) throw forbidden('只有本企业的管理员可以修改企业资料');
    if (input.regionCode !== undefined && input.regionCode !== current.region_code) {
      throw forbidden('企业所在地由县（市、区）工信部门维护，企业不能自行修改，请联系所在地工信部门');
    }
  } else {
    const prefix = enterpriseScope(user);
    if (prefix !== null && !current.region_code.startsWith(prefix)) throw notFound('企业');
    if (!can(user, 'enterprises.import')) throw forbidden('只有工信部门的经办人或管理员可以修改企业资料');
    if (input.regionCode && prefix !== null && !input.regionCode.startsWith(prefix)) {
      throw fieldError('regionCode', `${input.regionCode}（${displayRegion(input.regionCode)}）不在您的管辖范围内`);
    }
  }
  if (input.version !== current.version) throw conflict('该企业资料已被他人修改，请刷新后重试', { currentVersion: current.version }, 'STALE_VERSION');

  const pick = <K extends keyof EnterpriseUpdateInput>(key: K, now: EnterpriseUpdateInput[K]) => (input[key] === undefined ? now : input[key]);
  const next = {
    name: pick('name', current.name)!,
    region_code: pick('regionCode', current.region_code)!,
    industry_section: pick('industrySection', current.industry_section) ?? null,
    industry_code: pick('industryCode', current.industry_code) ?? null,
    industry_row: pick('industryRow', current.industry_row) ?? null,
    employees: pick('employees', current.employees) ?? null,
    revenue_fen: pick('revenueFen', current.revenue_fen) ?? null,
    assets_fen: pick('assetsFen', current.assets_fen) ?? null,
  };
  // A new section or code re-derives the row unless the caller set one explicitly.
  const explicitRow = input.industryRow !== undefined ? input.industryRow
    : input.industrySection !== undefined || input.industryCode !== undefined ? null : current.industry_row;
  const size = enterpriseSize({
    industrySection: next.industry_section, industryCode: next.industry_code, industryRow: explicitRow,
    employees: next.employees, revenueFen: next.revenue_fen, assetsFen: next.assets_fen,
  });
  let county: { id: number; path: string } | undefined;
  if (next.region_code !== current.region_code) {
    county = (await countyOrganisations(ctx.db)).get(next.region_code);
    if (!county) throw fieldError('regionCode', `组织机构中没有 ${next.region_code}（${displayRegion(next.region_code)}），请先由管理员添加`);
  }

  return inTransaction(ctx, actor, async (tx) => {
    const at = tx.now.toISOString();
    const ok = await updateEnterpriseAtVersion(tx.db, id, current.version, {
      ...next, industry_row: size.industryRow, size_class: size.sizeClass, size_reason: size.reason, updated_at: at,
    });
    if (!ok) throw conflict('该企业资料已被他人修改，请刷新后重试', null, 'STALE_VERSION');
    if (next.name !== current.name || county) {
      await updateOrganisationOf(tx.db, current.organisation_id, at, next.name, county ? { code: next.region_code, parent: county } : null);
    }
    const after = (await findEnterprise(tx.db, id))!;
    await tx.audit({ action: 'enterprise.updated', entityType: 'enterprise', entityId: id, before: toEnterpriseView(current), after: toEnterpriseView(after) });
    return after;
  }).then((after) => detailOf(ctx, after));
}
