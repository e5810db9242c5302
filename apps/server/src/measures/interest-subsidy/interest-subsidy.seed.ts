import { computeOrgCodeCheckChar, computeUsccCheckChar, enterpriseSize, type OrgKind, type Role } from '@relief/domain';
import { addOrg } from '../../db/seeds/reference';
import { type Actor, SYSTEM_ACTOR } from '../../platform/audit';
import { hashPassword } from '../../platform/auth/passwords';
import type { AuthUser } from '../../platform/auth/sessions';
import { fixedClock } from '../../platform/clock';
import { type AppContext, inTransaction } from '../../platform/context';
import { insertUser } from '../../platform/users/users.service';
import { transition } from '../../cases/engine';
import { answerObjection, applyForSubsidy, generateReport, payNotice, publishNotice, recordObjection, signReport } from './interest-subsidy.service';

// Demo data of 贷款贴息, written through the measure's service, each step at its own 2020 instant so
// deadlines really lie in the past: applications in every state (paid, 公示中, 已报省, 待汇总上报,
// 市级审核, 县级审核 — overdue, 退回修改, 不予贴息), 济南's 汇总表 received by the province, a 公示
// with an objection answered, and 青岛 with no 汇总表 (late after 2020-05-31).

const DEMO_PASSWORD = 'Relief@2020';
const QD_REGION = '370211';

/** A valid 统一社会信用代码 for a region and serial (GB 32100 with the GB 11714 check). */
function demoUscc(region: string, serial: number): string {
  const org8 = String(serial).padStart(8, '0');
  const first17 = `91${region}${org8}${computeOrgCodeCheckChar(org8)}`;
  return first17 + computeUsccCheckChar(first17);
}

/** The signed-in form of a user, for services called outside a request. */
async function userOf(ctx: AppContext, username: string): Promise<AuthUser> {
  const u = await ctx.db.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.username', 'u.display_name', 'o.id as org_id', 'o.name', 'o.kind', 'o.code', 'o.path', 'o.region_code'])
    .where('u.username', '=', username).executeTakeFirstOrThrow();
  const roles = await ctx.db.selectFrom('user_role').select('role').where('user_id', '=', u.id).execute();
  return {
    id: u.id, username: u.username, displayName: u.display_name, roles: roles.map((r) => r.role as Role),
    organisation: { id: u.org_id, name: u.name, kind: u.kind as OrgKind, code: u.code, path: u.path, regionCode: u.region_code },
    sessionId: 'seed', csrfToken: 'seed', idleExpiresAt: '', absoluteExpiresAt: '',
  };
}

const actorOf = (u: AuthUser): Actor => ({ userId: u.id, username: u.username, organisationId: u.organisation.id, requestId: null });

/** A 青岛 priority-list firm with an account (its county has no finance bureau: straight to city review). */
async function addQingdaoFirm(ctx: AppContext): Promise<void> {
  const uscc = demoUscc(QD_REGION, 52020501);
  const parent = await ctx.db.selectFrom('organisation').select(['id', 'path']).where('kind', '=', 'county').where('code', '=', QD_REGION).executeTakeFirst();
  if (!parent) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    const name = '青岛安澜防护用品有限公司';
    const id = await addOrg(tx, parent.id, parent.path, { kind: 'enterprise', name, code: uscc, region: QD_REGION });
    const at = tx.now.toISOString();
    const profile = { industrySection: 'C', industryCode: null, industryRow: 'industry', employees: 120, revenueFen: 1_500_000_000, assetsFen: 2_000_000_000 };
    const size = enterpriseSize(profile);
    const { id: enterpriseId } = await tx.db.insertInto('enterprise').values({
      organisation_id: id, uscc, name, region_code: QD_REGION, industry_section: profile.industrySection, industry_row: profile.industryRow,
      employees: profile.employees, revenue_fen: profile.revenueFen, assets_fen: profile.assetsFen, size_class: size.sizeClass, size_reason: size.reason, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    let list = await tx.db.selectFrom('official_list').select('id').where('kind', '=', 'epidemic-provincial').orderBy('id').executeTakeFirst();
    if (!list) {
      list = await tx.db.insertInto('official_list').values({
        kind: 'epidemic-provincial', name: '山东省疫情防控重点保障企业名单', batch: '第一批', issuer: '山东省工业和信息化厅', issued_on: '2020-02-05', valid_from: '2020-02-05', valid_to: null,
        source: '演示数据', import_job_id: null, created_by: null, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      const kangtai = await tx.db.selectFrom('enterprise').select(['id', 'uscc', 'name', 'region_code']).where('uscc', '=', '91370102MA3C4K2D1F').executeTakeFirst();
      if (kangtai) await tx.db.insertInto('list_entry').values({ list_id: list.id, enterprise_id: kangtai.id, uscc: kangtai.uscc, name: kangtai.name, region_code: kangtai.region_code, remark: null, added_at: at }).execute();
    }
    await tx.db.insertInto('list_entry').values({ list_id: list.id, enterprise_id: enterpriseId, uscc, name, region_code: QD_REGION, remark: '演示数据', added_at: at }).execute();
    await insertUser(tx, { username: 'anlan', displayName: '安澜财务', organisationId: id, roles: ['admin', 'operator'], passwordHash: hash, status: 'active' });
    await tx.audit({ action: 'interest-subsidy.demo', entityType: 'organisation', entityId: id, after: { name, uscc, username: 'anlan' } });
  });
}

/** Demo data of the interest-subsidy measure, written once by seedDemo. */
export async function seedInterestSubsidyDemo(ctx: AppContext): Promise<void> {
  const done = await ctx.db.selectFrom('interest_subsidy_application').select('case_id').limit(1).executeTakeFirst();
  if (done) return;
  const kangtaiOrg = await ctx.db.selectFrom('app_user').select('id').where('username', '=', 'kangtai').executeTakeFirst();
  if (!kangtaiOrg) return;
  const at = (instant: string): AppContext => ({ ...ctx, clock: fixedClock(instant) });
  await addQingdaoFirm(at('2020-02-06T01:00:00.000Z'));
  const u: Record<string, AuthUser> = {};
  for (const name of ['kangtai', 'anlan', 'lixia', 'lixiacz', 'jinan', 'jinancz', 'qingdao', 'sgxt', 'sczt']) {
    const exists = await ctx.db.selectFrom('app_user').select('id').where('username', '=', name).executeTakeFirst();
    if (exists) u[name] = await userOf(ctx, name);
  }
  let n = 0;
  const apply = async (who: string, when: string, contracts: { bank: string; effectiveOn: string; drawdownOn: string; maturityOn: string; wan: number; ratePpm: number }[]) => {
    const user = u[who]!;
    const r = await applyForSubsidy(at(`${when}T01:30:00.000Z`), user, actorOf(user), {
      idempotencyKey: `demo-interest-subsidy-${++n}`, contactName: who === 'kangtai' ? '王会计' : '李会计', contactPhone: '0531-88886666',
      contracts: contracts.map((c, i) => ({
        bankName: c.bank, contractNo: `${c.effectiveOn.replace(/-/g, '')}-${n}-${i + 1}`, effectiveOn: c.effectiveOn, drawdownOn: c.drawdownOn, maturityOn: c.maturityOn,
        principalFen: c.wan * 1_000_000, annualRatePpm: c.ratePpm, interestPaidFen: null,
      })),
    });
    return r.application.id;
  };
  const act = async (who: string, when: string, caseId: number, action: string, comment?: string) => {
    const c = await ctx.db.selectFrom('workflow_case').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
    await transition(at(`${when}T02:00:00.000Z`), u[who]!, actorOf(u[who]!), caseId, action, { version: c.version, comment });
  };
  const approve = async (id: number, county: string, city: string) => {
    await act('lixia', county, id, 'county-sign');
    await act('lixiacz', county, id, 'county-sign');
    await act('jinancz', city, id, 'city-sign');
    await act('jinan', city, id, 'city-sign');
  };
  const icbc = '中国工商银行济南历下支行';
  const ccb = '中国建设银行济南分行';
  // Three applications approved in February, reported by 济南 in May.
  const a = await apply('kangtai', '2020-02-12', [{ bank: icbc, effectiveOn: '2020-02-07', drawdownOn: '2020-02-10', maturityOn: '2021-02-10', wan: 1000, ratePpm: 31_500 }]);
  await approve(a, '2020-02-13', '2020-02-18');
  const b = await apply('kangtai', '2020-02-14', [{ bank: ccb, effectiveOn: '2020-02-12', drawdownOn: '2020-02-13', maturityOn: '2020-11-13', wan: 500, ratePpm: 30_500 }]);
  await approve(b, '2020-02-17', '2020-02-20');
  const c = await apply('kangtai', '2020-02-17', [
    { bank: icbc, effectiveOn: '2020-02-14', drawdownOn: '2020-02-17', maturityOn: '2021-02-17', wan: 300, ratePpm: 31_500 },
    { bank: '齐鲁银行济南分行', effectiveOn: '2020-02-15', drawdownOn: '2020-02-17', maturityOn: '2020-08-17', wan: 200, ratePpm: 38_500 },
  ]);
  await approve(c, '2020-02-18', '2020-02-21');
  const report = await generateReport(at('2020-05-20T02:00:00.000Z'), u.jinan!, actorOf(u.jinan!));
  const r1 = await signReport(at('2020-05-21T02:00:00.000Z'), u.jinancz!, actorOf(u.jinancz!), report.id, report.version);
  await signReport(at('2020-05-22T02:00:00.000Z'), u.jinan!, actorOf(u.jinan!), report.id, r1.version);
  await act('sczt', '2020-05-25', report.id, 'receive');
  await act('sgxt', '2020-05-25', report.id, 'receive');
  // 公示 of the first, paid after 7 days; a second 公示 with an objection answered, still open.
  const notice = await publishNotice(at('2020-06-01T02:00:00.000Z'), u.sgxt!, actorOf(u.sgxt!), { idempotencyKey: 'demo-notice-1', title: '2020年疫情防控重点保障企业贷款贴息第一批公示', applicationIds: [a] });
  await payNotice(at('2020-06-09T02:00:00.000Z'), u.sgxt!, actorOf(u.sgxt!), notice.id);
  const notice2 = await publishNotice(at('2020-06-15T02:00:00.000Z'), u.sgxt!, actorOf(u.sgxt!), { idempotencyKey: 'demo-notice-2', title: '2020年疫情防控重点保障企业贷款贴息第二批公示', applicationIds: [b] });
  const o = await recordObjection(at('2020-06-16T02:00:00.000Z'), u.sgxt!, actorOf(u.sgxt!), notice2.id, { applicationId: b, objector: '来电群众（匿名）', contact: '', content: '反映该企业贷款资金未用于疫情防控物资生产' });
  await answerObjection(at('2020-06-17T02:00:00.000Z'), u.sgxt!, actorOf(u.sgxt!), o.id, { answer: '经核查，该笔贷款用于采购医用防护服原料，异议不成立', upheld: false });
  // Approved after the report: waits for a second 汇总表.
  const d = await apply('kangtai', '2020-06-01', [{ bank: ccb, effectiveOn: '2020-05-28', drawdownOn: '2020-06-01', maturityOn: '2021-06-01', wan: 800, ratePpm: 30_500 }]);
  await approve(d, '2020-06-02', '2020-06-05');
  // 市级审核: the city 财政 has signed, 工信 not yet.
  const e = await apply('kangtai', '2020-06-03', [{ bank: icbc, effectiveOn: '2020-06-01', drawdownOn: '2020-06-02', maturityOn: '2021-06-02', wan: 600, ratePpm: 31_500 }]);
  await act('lixia', '2020-06-04', e, 'county-sign');
  await act('lixiacz', '2020-06-04', e, 'county-sign');
  await act('jinancz', '2020-06-05', e, 'city-sign');
  // 县级审核, overdue: only the county 工信 has signed, 10 working days passed long ago.
  const f = await apply('kangtai', '2020-06-08', [{ bank: ccb, effectiveOn: '2020-06-05', drawdownOn: '2020-06-08', maturityOn: '2021-06-08', wan: 400, ratePpm: 30_000 }]);
  await act('lixia', '2020-06-09', f, 'county-sign');
  // 退回修改 and 不予贴息.
  const g = await apply('kangtai', '2020-06-10', [{ bank: icbc, effectiveOn: '2020-06-09', drawdownOn: '2020-06-10', maturityOn: '2021-06-10', wan: 200, ratePpm: 31_500 }]);
  await act('lixiacz', '2020-06-11', g, 'county-return', '请补充银行出具的结息单和贷款合同复印件');
  const h = await apply('kangtai', '2020-06-12', [{ bank: ccb, effectiveOn: '2020-06-10', drawdownOn: '2020-06-12', maturityOn: '2021-06-12', wan: 100, ratePpm: 43_500 }]);
  await act('lixia', '2020-06-15', h, 'county-sign');
  await act('lixiacz', '2020-06-15', h, 'county-sign');
  await act('jinan', '2020-06-17', h, 'city-reject', '该笔贷款为借新还旧，不属于疫情防控期内新生效的贷款合同');
  // 青岛: straight to city review (no county finance bureau on the platform); no 汇总表 → late.
  if (u.anlan) await apply('anlan', '2020-03-10', [{ bank: '青岛农村商业银行股份有限公司', effectiveOn: '2020-03-02', drawdownOn: '2020-03-05', maturityOn: '2021-03-05', wan: 1500, ratePpm: 30_500 }]);
}
