import { checkPasswordPolicy, dataScope, type Role, type UserView } from '@relief/domain';
import type { Kysely } from 'kysely';
import type { AppUserUpdate, Database } from '../../db/schema';
import type { Actor } from '../audit';
import { hashPassword } from '../auth/passwords';
import { type AuthUser, knownRoles } from '../auth/sessions';
import { type AppContext, inTransaction, type Tx } from '../context';
import { badRequest, conflict, fieldError, forbidden, notFound } from '../errors';
import { findOrganisation } from '../organisations/organisations.repository';

/** Users whose organisation lies in the admin's subtree, joined with their organisation. */
export function usersInScope(db: Kysely<Database>, user: AuthUser) {
  return db.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .where('o.path', 'like', `${dataScope(user).pathPrefix}%`);
}

/** Reads users with their roles in two queries (one for the page, one for the roles). */
export async function withRoles(db: Kysely<Database>, rows: { id: number; username: string; display_name: string; phone: string | null; organisation_id: number; organisation_name: string; status: string; last_login_at: string | null; version: number }[]): Promise<UserView[]> {
  const ids = rows.map((r) => r.id);
  const roles = ids.length ? await db.selectFrom('user_role').select(['user_id', 'role']).where('user_id', 'in', ids).execute() : [];
  const byUser = new Map<number, string[]>();
  for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role]);
  return rows.map((r) => ({
    id: r.id, username: r.username, displayName: r.display_name, phone: r.phone, organisationId: r.organisation_id,
    organisationName: r.organisation_name, roles: knownRoles(byUser.get(r.id) ?? []).sort(), status: r.status as UserView['status'],
    lastLoginAt: r.last_login_at, version: r.version,
  }));
}

export const USER_COLUMNS = ['u.id', 'u.username', 'u.display_name', 'u.phone', 'u.organisation_id', 'o.name as organisation_name', 'u.status', 'u.last_login_at', 'u.version'] as const;

async function loadInScope(ctx: AppContext | Tx, admin: AuthUser, id: number) {
  const row = await usersInScope(ctx.db as Kysely<Database>, admin).select(USER_COLUMNS).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户');
  return (await withRoles(ctx.db as Kysely<Database>, [row]))[0]!;
}

/** One user in the admin's scope. */
export function getUser(ctx: AppContext, admin: AuthUser, id: number): Promise<UserView> {
  return loadInScope(ctx, admin, id);
}

function assertPassword(password: string, username: string, field = 'password') {
  const problems = checkPasswordPolicy(password, username);
  if (problems.length) throw badRequest(problems.join('；'), problems.map((m) => ({ path: field, message: m })), 'VALIDATION_FAILED');
}

export interface NewUser {
  username: string;
  displayName: string;
  organisationId: number;
  roles: Role[];
  password: string;
  phone?: string | undefined;
}

/** Creates an active user in an organisation of the admin's subtree. */
export async function createUser(ctx: AppContext, admin: AuthUser, actor: Actor, input: NewUser, status = 'active'): Promise<UserView> {
  const org = await findOrganisation(ctx.db, input.organisationId);
  if (!org || !org.path.startsWith(dataScope(admin).pathPrefix)) throw fieldError('organisationId', '所属机构不存在或不在您的管辖范围内');
  assertPassword(input.password, input.username);
  const hash = await hashPassword(input.password);
  return inTransaction(ctx, actor, async (tx) => {
    const id = await insertUser(tx, { ...input, passwordHash: hash, status });
    const view = await loadInScope(tx, admin, id);
    await tx.audit({ action: 'user.created', entityType: 'user', entityId: id, after: view });
    return view;
  });
}

/** Inserts a user and its roles inside a unit of work; refuses a taken username with 409. */
export async function insertUser(tx: Tx, u: { username: string; displayName: string; organisationId: number; roles: readonly Role[]; passwordHash: string; status: string; phone?: string | null | undefined }): Promise<number> {
  const taken = await tx.db.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst();
  if (taken) throw conflict(`用户名 ${u.username} 已被使用`, [{ path: 'username', message: '用户名已被使用' }], 'DUPLICATE');
  const at = tx.now.toISOString();
  const { id } = await tx.db.insertInto('app_user').values({
    organisation_id: u.organisationId, username: u.username, display_name: u.displayName, password_hash: u.passwordHash,
    status: u.status, phone: u.phone ?? null, password_changed_at: at, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  if (u.roles.length) await tx.db.insertInto('user_role').values([...new Set(u.roles)].map((role) => ({ user_id: id, role }))).execute();
  return id;
}

async function bumpVersion(tx: Tx, id: number, version: number, set: AppUserUpdate) {
  const res = await tx.db.updateTable('app_user').set({ ...set, updated_at: tx.now.toISOString(), version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('该用户已被他人修改，请刷新后重试', null, 'STALE_VERSION');
}

/** Changes display name, phone or roles, with optimistic locking on `version`. */
export async function updateUser(ctx: AppContext, admin: AuthUser, actor: Actor, id: number, patch: { displayName?: string | undefined; roles?: Role[] | undefined; phone?: string | null | undefined; version: number }): Promise<UserView> {
  return inTransaction(ctx, actor, async (tx) => {
    const before = await loadInScope(tx, admin, id);
    if (patch.roles && id === admin.id && !patch.roles.includes('admin') && before.roles.includes('admin')) {
      throw forbidden('不能取消自己的管理员角色，请由其他管理员操作');
    }
    await bumpVersion(tx, id, patch.version, {
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
    });
    if (patch.roles) {
      await tx.db.deleteFrom('user_role').where('user_id', '=', id).execute();
      await tx.db.insertInto('user_role').values([...new Set(patch.roles)].map((role) => ({ user_id: id, role }))).execute();
    }
    const after = await loadInScope(tx, admin, id);
    await tx.audit({ action: 'user.updated', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

/** Disables or re-enables a user; disabling ends all of its sessions at once. */
export async function setUserStatus(ctx: AppContext, admin: AuthUser, actor: Actor, id: number, status: 'active' | 'disabled', version: number): Promise<UserView> {
  if (id === admin.id) throw forbidden('不能停用自己的账户');
  return inTransaction(ctx, actor, async (tx) => {
    const before = await loadInScope(tx, admin, id);
    await bumpVersion(tx, id, version, { status, ...(status === 'active' ? { failed_logins: 0, locked_until: null } : {}) });
    if (status === 'disabled') await tx.db.updateTable('session').set({ revoked_at: tx.now.toISOString() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    const after = await loadInScope(tx, admin, id);
    await tx.audit({ action: status === 'active' ? 'user.enabled' : 'user.disabled', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

/** Sets a new password chosen by an admin; the user's sessions end and its lockout clears. */
export async function resetPassword(ctx: AppContext, admin: AuthUser, actor: Actor, id: number, password: string): Promise<UserView> {
  const target = await loadInScope(ctx, admin, id);
  assertPassword(password, target.username);
  const hash = await hashPassword(password);
  return inTransaction(ctx, actor, async (tx) => {
    await tx.db.updateTable('app_user').set({ password_hash: hash, password_changed_at: tx.now.toISOString(), failed_logins: 0, locked_until: null, updated_at: tx.now.toISOString(), version: target.version + 1 }).where('id', '=', id).execute();
    await tx.db.updateTable('session').set({ revoked_at: tx.now.toISOString() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    await tx.audit({ action: 'user.password_reset', entityType: 'user', entityId: id });
    return loadInScope(tx, admin, id);
  });
}
