import { checkPasswordPolicy, dataScope, enterpriseSize, type RegistrationInput, type RegistrationView, regionName } from '@relief/domain';
import type { Registration } from '../../db/schema';
import { addOrg } from '../../db/seeds/reference';
import type { Actor } from '../audit';
import { hashPassword } from '../auth/passwords';
import type { AuthUser } from '../auth/sessions';
import { type AppContext, inTransaction } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import { findRegionOrganisation } from '../organisations/organisations.repository';
import { insertUser } from '../users/users.service';

/** Registrations a reviewer may see: those located in its region (the province sees all). */
export function registrationsInScope(ctx: AppContext, user: AuthUser) {
  const scope = dataScope(user);
  let q = ctx.db.selectFrom('registration');
  if (!scope.provinceWide) q = q.where('region_code', 'like', `${scope.regionPrefix ?? '--'}%`);
  return q;
}

export function toRegistrationView(r: Registration): RegistrationView {
  return {
    id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, regionName: safeRegionName(r.region_code),
    industrySection: r.industry_section, employees: r.employees, revenueFen: r.revenue_fen, assetsFen: r.assets_fen,
    contactName: r.contact_name, contactPhone: r.contact_phone, username: r.username, status: r.status as RegistrationView['status'],
    rejectReason: r.reject_reason, createdAt: r.created_at, decidedAt: r.decided_at, version: r.version,
  };
}

function safeRegionName(code: string): string {
  return regionName(code) ?? code;
}

/**
 * Records an enterprise's self-registration, pending activation by its county or city bureau.
 * Refuses a code that already has an account or a pending request, naming it.
 */
export async function submitRegistration(ctx: AppContext, actor: Actor, input: RegistrationInput): Promise<RegistrationView> {
  const problems = checkPasswordPolicy(input.password, input.username);
  if (problems.length) throw badRequest(problems.join('；'), problems.map((m) => ({ path: 'password', message: m })), 'VALIDATION_FAILED');
  const hash = await hashPassword(input.password);
  return inTransaction(ctx, actor, async (tx) => {
    const pending = await tx.db.selectFrom('registration').select(['id', 'created_at']).where('uscc', '=', input.uscc).where('status', '=', 'pending').executeTakeFirst();
    if (pending) throw conflict(`该统一社会信用代码已有待审核的注册申请（编号 ${pending.id}），请等待审核`, { existingId: pending.id }, 'DUPLICATE');
    const account = await tx.db.selectFrom('enterprise as e').innerJoin('app_user as u', 'u.organisation_id', 'e.organisation_id')
      .select(['e.name']).where('e.uscc', '=', input.uscc).where('u.status', '=', 'active').executeTakeFirst();
    if (account) throw conflict(`「${account.name}」已有平台账户，请由企业管理员在平台内为您开设账户`, null, 'DUPLICATE');
    const taken = await tx.db.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst()
      ?? await tx.db.selectFrom('registration').select('id').where('username', '=', input.username).where('status', '=', 'pending').executeTakeFirst();
    if (taken) throw conflict(`用户名 ${input.username} 已被使用`, [{ path: 'username', message: '用户名已被使用' }], 'DUPLICATE');
    const row = await tx.db.insertInto('registration').values({
      uscc: input.uscc, name: input.name, region_code: input.regionCode, industry_section: input.industrySection ?? null,
      industry_row: input.industryRow ?? null, employees: input.employees ?? null, revenue_fen: input.revenueFen ?? null,
      assets_fen: input.assetsFen ?? null, contact_name: input.contactName, contact_phone: input.contactPhone,
      username: input.username, password_hash: hash, status: 'pending', created_at: tx.now.toISOString(),
    }).returningAll().executeTakeFirstOrThrow();
    const view = toRegistrationView(row);
    await tx.audit({ action: 'registration.submitted', entityType: 'registration', entityId: row.id, after: view });
    return view;
  });
}

async function loadPending(ctx: AppContext, user: AuthUser, id: number): Promise<Registration> {
  const row = await registrationsInScope(ctx, user).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('注册申请');
  if (row.status !== 'pending') throw conflict(`该注册申请已${row.status === 'activated' ? '激活' : '驳回'}，不能重复处理`, null, 'INVALID_STATE');
  return row;
}

/**
 * Activates a registration: the enterprise joins the tree under its county (or is matched to the
 * registry entry with the same code) and its account becomes active.
 */
export async function activateRegistration(ctx: AppContext, user: AuthUser, actor: Actor, id: number): Promise<RegistrationView> {
  const reg = await loadPending(ctx, user, id);
  const county = await findRegionOrganisation(ctx.db, reg.region_code);
  if (!county) throw badRequest(`所在地 ${reg.region_code} 在组织机构中不存在，请先维护组织机构`);
  return inTransaction(ctx, actor, async (tx) => {
    const claimed = await tx.db.updateTable('registration').set({ status: 'activated', decided_by: user.id, decided_at: tx.now.toISOString(), version: reg.version + 1 })
      .where('id', '=', id).where('version', '=', reg.version).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict('该注册申请已被他人处理，请刷新', null, 'STALE_VERSION');
    let ent = await tx.db.selectFrom('enterprise').select(['organisation_id']).where('uscc', '=', reg.uscc).executeTakeFirst();
    if (!ent) {
      const orgId = await addOrg(tx, county.id, county.path, { kind: 'enterprise', name: reg.name, code: reg.uscc, region: reg.region_code });
      const at = tx.now.toISOString();
      const size = enterpriseSize({ industrySection: reg.industry_section, industryCode: null, industryRow: reg.industry_row, employees: reg.employees, revenueFen: reg.revenue_fen, assetsFen: reg.assets_fen });
      await tx.db.insertInto('enterprise').values({
        organisation_id: orgId, uscc: reg.uscc, name: reg.name, region_code: reg.region_code, industry_section: reg.industry_section,
        industry_row: reg.industry_row, employees: reg.employees, revenue_fen: reg.revenue_fen, assets_fen: reg.assets_fen,
        size_class: size.sizeClass, size_reason: size.reason, created_at: at, updated_at: at,
      }).execute();
      ent = { organisation_id: orgId };
    }
    const userId = await insertUser(tx, { username: reg.username, displayName: reg.contact_name, organisationId: ent.organisation_id, roles: ['admin', 'operator'], passwordHash: reg.password_hash, status: 'active', phone: reg.contact_phone });
    await tx.db.updateTable('registration').set({ user_id: userId }).where('id', '=', id).execute();
    const after = await tx.db.selectFrom('registration').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await tx.audit({ action: 'registration.activated', entityType: 'registration', entityId: id, before: toRegistrationView(reg), after: toRegistrationView(after) });
    return toRegistrationView(after);
  });
}

/** Rejects a registration with a reason the enterprise will read. */
export async function rejectRegistration(ctx: AppContext, user: AuthUser, actor: Actor, id: number, reason: string): Promise<RegistrationView> {
  const reg = await loadPending(ctx, user, id);
  return inTransaction(ctx, actor, async (tx) => {
    const res = await tx.db.updateTable('registration').set({ status: 'rejected', reject_reason: reason, decided_by: user.id, decided_at: tx.now.toISOString(), version: reg.version + 1 })
      .where('id', '=', id).where('version', '=', reg.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该注册申请已被他人处理，请刷新', null, 'STALE_VERSION');
    const after = await tx.db.selectFrom('registration').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await tx.audit({ action: 'registration.rejected', entityType: 'registration', entityId: id, before: toRegistrationView(reg), after: toRegistrationView(after) });
    return toRegistrationView(after);
  });
}
