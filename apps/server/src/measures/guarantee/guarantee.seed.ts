import { enterpriseSize, type Role } from '@relief/domain';
import { transition } from '../../cases/engine';
import { addOrg } from '../../db/seeds/reference';
import { SYSTEM_ACTOR, type Actor } from '../../platform/audit';
import { hashPassword } from '../../platform/auth/passwords';
import type { AuthUser } from '../../platform/auth/sessions';
import { type AppContext, inTransaction } from '../../platform/context';
import { insertUser } from '../../platform/users/users.service';
import { fileGuarantee, recordGuaranteeCompensation, recordGuaranteeRecovery, requestGuaranteeExtension, updateGuaranteeInstitution } from './guarantee.service';

/** The second demo institution: a city government guarantor that does NOT receive the 降费奖补 reward. */
export const GUARANTEE_DEMO_CITY_INSTITUTION = { name: '济南市中小企业融资担保有限公司', code: 'GUA-JNZXQY', username: 'jndanbao' } as const;
/** A medium-sized demo borrower, so the indicators and the reward base show what they exclude. */
export const GUARANTEE_DEMO_MEDIUM_ENTERPRISE = { name: '烟台东方精工机械有限公司', uscc: '91370602MA3D8K7P2L', region: '370602', city: '370600' } as const;
const DEMO_PASSWORD = 'Relief@2020';

/** A signed-in user as the services expect one, for the seed (no session). */
export async function guaranteeSeedUser(ctx: AppContext, username: string): Promise<{ user: AuthUser; actor: Actor }> {
  const u = await ctx.db.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.username', 'u.display_name', 'o.id as org_id', 'o.name as org_name', 'o.kind', 'o.code', 'o.path', 'o.region_code'])
    .where('u.username', '=', username).executeTakeFirstOrThrow();
  const roles = (await ctx.db.selectFrom('user_role').select('role').where('user_id', '=', u.id).execute()).map((r) => r.role as Role);
  const user: AuthUser = {
    id: u.id, username: u.username, displayName: u.display_name, roles,
    organisation: { id: u.org_id, name: u.org_name, kind: u.kind as AuthUser['organisation']['kind'], code: u.code, path: u.path, regionCode: u.region_code },
    sessionId: 'seed', csrfToken: 'seed', idleExpiresAt: '', absoluteExpiresAt: '',
  };
  return { user, actor: { userId: u.id, username: u.username, organisationId: u.org_id, requestId: 'seed' } };
}

/**
 * Adds the second institution (济南市, not reward-funded) with its user `jndanbao`, and a
 * medium-sized borrower in 烟台. Idempotent: skips what exists. Used by the demo and the tests.
 */
export async function ensureGuaranteeDemoParties(ctx: AppContext): Promise<void> {
  const have = await ctx.db.selectFrom('organisation').select('id').where('code', '=', GUARANTEE_DEMO_CITY_INSTITUTION.code).executeTakeFirst();
  if (have) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    const jinan = await tx.db.selectFrom('organisation').select(['id', 'path']).where('kind', '=', 'city').where('code', '=', '370100').executeTakeFirstOrThrow();
    const orgId = await addOrg(tx, jinan.id, jinan.path, { kind: 'guarantee', name: GUARANTEE_DEMO_CITY_INSTITUTION.name, code: GUARANTEE_DEMO_CITY_INSTITUTION.code, region: '370102' });
    await insertUser(tx, { username: GUARANTEE_DEMO_CITY_INSTITUTION.username, displayName: '济南担保经办', organisationId: orgId, roles: ['operator', 'reviewer'], passwordHash: hash, status: 'active' });
    const m = GUARANTEE_DEMO_MEDIUM_ENTERPRISE;
    const city = await tx.db.selectFrom('organisation').select(['id', 'path']).where('kind', '=', 'county').where('code', '=', m.region).executeTakeFirstOrThrow();
    const entOrg = await addOrg(tx, city.id, city.path, { kind: 'enterprise', name: m.name, code: m.uscc, region: m.region });
    const profile = { industrySection: 'C', industryCode: null, industryRow: 'industry', employees: 400, revenueFen: 30_000_000_000, assetsFen: 25_000_000_000 };
    const size = enterpriseSize(profile);
    const at = tx.now.toISOString();
    await tx.db.insertInto('enterprise').values({
      organisation_id: entOrg, uscc: m.uscc, name: m.name, region_code: m.region, industry_section: profile.industrySection, industry_row: profile.industryRow,
      employees: profile.employees, revenue_fen: profile.revenueFen, assets_fen: profile.assetsFen, size_class: size.sizeClass, size_reason: size.reason, created_at: at, updated_at: at,
    }).execute();
    await tx.audit({ action: 'guarantee.demo-parties', entityType: 'organisation', entityId: orgId, after: { institution: GUARANTEE_DEMO_CITY_INSTITUTION.name, user: GUARANTEE_DEMO_CITY_INSTITUTION.username, enterprise: m.name } });
  });
}

/** The register entries of the two demo institutions (DEPT records them). */
export async function registerGuaranteeDemoInstitutions(ctx: AppContext): Promise<{ provincial: number; city: number }> {
  const { user, actor } = await guaranteeSeedUser(ctx, 'sgxt');
  const orgs = await ctx.db.selectFrom('organisation').select(['id', 'code']).where('code', 'in', ['GUA-SDTRZ', GUARANTEE_DEMO_CITY_INSTITUTION.code]).execute();
  const provincial = orgs.find((o) => o.code === 'GUA-SDTRZ')!.id;
  const city = orgs.find((o) => o.code === GUARANTEE_DEMO_CITY_INSTITUTION.code)!.id;
  await updateGuaranteeInstitution(ctx, user, actor, provincial, { isGovernment: true, rewardFunded: true, rewardFrom: '2018-01-01', rewardTo: '2020-12-31', source: '财建〔2018〕547号 降费奖补支持机构（演示数据）', version: 0 });
  await updateGuaranteeInstitution(ctx, user, actor, city, { isGovernment: true, rewardFunded: false, rewardFrom: null, rewardTo: null, source: '山东省政府性融资担保机构名单（演示数据）', version: 0 });
  return { provincial, city };
}

/**
 * Demo data of the guarantee measure, written through its services: the register, filings of both
 * institutions (one from 2019 outside the epidemic period), compensations recovering, recovered and
 * overdue, and extension requests in every state (requested, returned, approved, rejected, withdrawn).
 */
export async function seedGuaranteeDemo(ctx: AppContext): Promise<void> {
  const done = await ctx.db.selectFrom('guarantee_filing').select('id').limit(1).executeTakeFirst();
  if (done) return;
  const gua = await ctx.db.selectFrom('organisation').select('id').where('code', '=', 'GUA-SDTRZ').executeTakeFirst();
  if (!gua) return; // demo accounts absent
  await ensureGuaranteeDemoParties(ctx);
  await registerGuaranteeDemoInstitutions(ctx);
  const sd = await guaranteeSeedUser(ctx, 'danbao');
  const jn = await guaranteeSeedUser(ctx, GUARANTEE_DEMO_CITY_INSTITUTION.username);
  const dept = await guaranteeSeedUser(ctx, 'sgxt');
  const banks = await ctx.db.selectFrom('organisation').select(['id', 'code']).where('kind', '=', 'bank').execute();
  const icbc = banks.find((b) => b.code === 'BANK-ICBC-SD')?.id ?? null;
  const qdrcb = banks.find((b) => b.code === 'BANK-QDRCB')?.id ?? null;
  const KANGTAI = '91370102MA3C4K2D1F';
  const TEXTILE = '91370211MA3N5R6T3W';
  const MEDIUM = GUARANTEE_DEMO_MEDIUM_ENTERPRISE.uscc;
  const file = async (who: typeof sd, f: { no: string; uscc: string; bank: number | null; bankName?: string; wan: number; months: number; ppm: number; counter?: boolean; start: string }) =>
    (await fileGuarantee(ctx, who.user, who.actor, {
      idempotencyKey: `demo-${f.no}`, uscc: f.uscc, bankOrgId: f.bank, bankName: f.bankName, contractNo: f.no, amountFen: f.wan * 1_000_000,
      termMonths: f.months, feeRatePpm: f.ppm, counterGuarantee: f.counter ?? false, startOn: f.start,
    })).filing.id;
  const f1 = await file(sd, { no: 'SDDB-2020-001', uscc: KANGTAI, bank: icbc, wan: 300, months: 12, ppm: 8_000, start: '2020-02-20' });
  const f2 = await file(sd, { no: 'SDDB-2020-002', uscc: TEXTILE, bank: qdrcb, wan: 200, months: 12, ppm: 10_000, start: '2020-03-05' });
  await file(sd, { no: 'SDDB-2020-003', uscc: KANGTAI, bank: icbc, wan: 250, months: 6, ppm: 5_000, start: '2020-04-10' });
  const f4 = await file(sd, { no: 'SDDB-2020-004', uscc: MEDIUM, bank: null, bankName: '中国银行股份有限公司烟台分行', wan: 800, months: 12, ppm: 10_000, start: '2020-05-12' });
  const f5 = await file(sd, { no: 'SDDB-2020-005', uscc: TEXTILE, bank: qdrcb, wan: 150, months: 12, ppm: 9_000, start: '2020-06-18' });
  // Started before the epidemic period: the cap did not bind, so 1.5% with a counter-guarantee stands.
  await file(sd, { no: 'SDDB-2019-088', uscc: KANGTAI, bank: icbc, wan: 100, months: 12, ppm: 15_000, counter: true, start: '2019-12-20' });
  // The city institution does not receive the reward: its terms are not capped.
  const f7 = await file(jn, { no: 'JNDB-2020-011', uscc: KANGTAI, bank: icbc, wan: 100, months: 12, ppm: 15_000, counter: true, start: '2020-03-18' });
  await file(jn, { no: 'JNDB-2020-012', uscc: TEXTILE, bank: null, bankName: '齐鲁银行股份有限公司', wan: 80, months: 12, ppm: 12_000, start: '2020-08-01' });

  const comp = (who: typeof sd, filingId: number, paidOn: string, wan: number, recoveryDueOn?: string) =>
    recordGuaranteeCompensation(ctx, who.user, who.actor, { filingId, paidOn, amountFen: wan * 1_000_000, recoveryDueOn, note: '企业受疫情影响确无还款能力，及时履行代偿义务' });
  const cA = await comp(sd, f1, '2020-06-15', 300);
  const cB = await comp(sd, f2, '2020-09-10', 200); // default deadline 2023-09-10: overdue, never recovered
  const cC = await comp(jn, f7, '2020-07-01', 100);
  const cD = await comp(sd, f4, '2021-02-01', 400, '2027-12-31');
  const cE = await comp(sd, f5, '2021-03-15', 150, '2027-09-30');

  const ask = (who: typeof sd, compensationId: number, key: string, requestedDueOn: string, reason: string) =>
    requestGuaranteeExtension(ctx, who.user, who.actor, compensationId, { idempotencyKey: `demo-ext-${key}`, requestedDueOn, reason });
  const act = async (who: typeof sd, caseId: number, action: string, comment?: string) => {
    const c = await ctx.db.selectFrom('workflow_case').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
    await transition(ctx, who.user, who.actor, caseId, action, { version: c.version, comment });
  };
  // Approved: the deadline of A moves from 2023-06-15 to 2027-06-30.
  const xA = await ask(sd, cA.id, 'a', '2027-06-30', '企业受疫情影响停产，资产处置推迟，申请延长追偿时限');
  await act(dept, xA.caseId, 'approve', '同意，视疫情影响延长追偿时限');
  // B: returned then withdrawn, asked again and rejected: stays overdue.
  const xB1 = await ask(sd, cB.id, 'b1', '2028-12-31', '疫情影响');
  await act(dept, xB1.caseId, 'return', '请补充企业受疫情影响的具体情况和资产处置计划');
  await act(sd, xB1.caseId, 'withdraw', '撤回，补充材料后重新申请');
  const xB2 = await ask(sd, cB.id, 'b2', '2028-12-31', '企业主要客户受疫情影响停业，应收账款无法回收');
  await act(dept, xB2.caseId, 'reject', '延长期限过长，且未提供资产处置计划');
  // C: a rejected request, then recovered.
  const xC = await ask(jn, cC.id, 'c', '2025-12-31', '疫情影响');
  await act(dept, xC.caseId, 'reject', '追偿时限尚远，暂无需延长');
  await recordGuaranteeRecovery(ctx, jn.user, jn.actor, cC.id, { recoveredOn: '2021-03-01', recoveredFen: 85_000_000, version: cC.version });
  // D: returned, waiting at the institution; E: requested, waiting at DEPT.
  const xD = await ask(sd, cD.id, 'd', '2029-06-30', '企业出口订单受疫情影响取消');
  await act(dept, xD.caseId, 'return', '请说明申请延长至2029年的依据');
  await ask(sd, cE.id, 'e', '2028-09-30', '企业受疫情影响经营困难，正在重整');
}
