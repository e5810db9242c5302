import { computeOrgCodeCheckChar, computeUsccCheckChar, enterpriseSize, type Role } from '@relief/domain';
import { addOrg } from '../../db/seeds/reference';
import { hashPassword } from '../../platform/auth/passwords';
import type { AuthUser } from '../../platform/auth/sessions';
import { type AppContext, inTransaction } from '../../platform/context';
import { SYSTEM_ACTOR } from '../../platform/audit';
import { insertUser } from '../../platform/users/users.service';

// Borrowers, banks and users for the measure's demo seed, tests and benchmark (one place).

/** A valid 统一社会信用代码 for a county and serial. */
export function riskCompensationUscc(region: string, serial: number): string {
  const org8 = `RC${String(serial).padStart(6, '0')}`;
  const first17 = `91${region}${org8}${computeOrgCodeCheckChar(org8)}`;
  return first17 + computeUsccCheckChar(first17);
}

export interface BorrowerSpec { uscc: string; name: string; region: string; employees: number; revenueFen: number; industrySection?: string }

/** Adds enterprises (with their organisations under their county) to the registry, sized by 300号. */
export async function addBorrowers(ctx: AppContext, specs: readonly BorrowerSpec[]): Promise<void> {
  await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    const counties = await tx.db.selectFrom('organisation').select(['id', 'code', 'path']).where('kind', '=', 'county').where('code', 'in', [...new Set(specs.map((s) => s.region))]).execute();
    const at = tx.now.toISOString();
    for (const s of specs) {
      const parent = counties.find((c) => c.code === s.region);
      if (!parent) throw new Error(`no county ${s.region}`);
      const orgId = await addOrg(tx, parent.id, parent.path, { kind: 'enterprise', name: s.name, code: s.uscc, region: s.region });
      const profile = { industrySection: s.industrySection ?? 'C', industryCode: null, industryRow: 'industry', employees: s.employees, revenueFen: s.revenueFen, assetsFen: s.revenueFen };
      const size = enterpriseSize(profile);
      await tx.db.insertInto('enterprise').values({
        organisation_id: orgId, uscc: s.uscc, name: s.name, region_code: s.region, industry_section: profile.industrySection, industry_row: profile.industryRow,
        employees: s.employees, revenue_fen: s.revenueFen, assets_fen: s.revenueFen, size_class: size.sizeClass, size_reason: size.reason, created_at: at, updated_at: at,
      }).execute();
    }
  });
}

/** Adds a bank under a city (or finds it by code) with a user of the given roles; returns the bank's id. */
export async function addBankUser(ctx: AppContext, bank: { code: string; name: string; city: string; region: string }, user: { username: string; displayName: string; roles: Role[]; password: string }): Promise<number> {
  const hash = await hashPassword(user.password);
  return inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    let org = await tx.db.selectFrom('organisation').select(['id']).where('code', '=', bank.code).executeTakeFirst();
    if (!org) {
      const parent = await tx.db.selectFrom('organisation').select(['id', 'path']).where('code', '=', bank.city).executeTakeFirstOrThrow();
      org = { id: await addOrg(tx, parent.id, parent.path, { kind: 'bank', name: bank.name, code: bank.code, region: bank.region }) };
    }
    await insertUser(tx, { username: user.username, displayName: user.displayName, organisationId: org.id, roles: user.roles, passwordHash: hash, status: 'active' });
    return org.id;
  });
}

/** A signed-in user as the services see it, built from the database (seeds and benchmarks act without HTTP). */
export async function authUserOf(ctx: AppContext, username: string): Promise<AuthUser> {
  const u = await ctx.db.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.username', 'u.display_name', 'o.id as org_id', 'o.name', 'o.kind', 'o.code', 'o.path', 'o.region_code'])
    .where('u.username', '=', username).executeTakeFirstOrThrow();
  const roles = await ctx.db.selectFrom('user_role').select('role').where('user_id', '=', u.id).execute();
  return {
    id: u.id, username: u.username, displayName: u.display_name, roles: roles.map((r) => r.role as Role),
    organisation: { id: u.org_id, name: u.name, kind: u.kind as AuthUser['organisation']['kind'], code: u.code, path: u.path, regionCode: u.region_code },
    sessionId: 'seed', csrfToken: 'seed', idleExpiresAt: '', absoluteExpiresAt: '',
  };
}

/** The user as an audit actor. */
export function actorOfUser(u: AuthUser) {
  return { userId: u.id, username: u.username, organisationId: u.organisation.id, requestId: null };
}
