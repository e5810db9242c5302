import { enterpriseSize, type Role } from '@relief/domain';
import { SYSTEM_ACTOR } from '../../platform/audit';
import { hashPassword } from '../../platform/auth/passwords';
import { type AppContext, inTransaction } from '../../platform/context';
import { insertUser } from '../../platform/users/users.service';
import { seedMeasureDemos } from './measures';
import { addOrg } from './reference';

/** The one password of every demo account (meets the policy: ≥ 10 characters, 4 classes). */
export const DEMO_PASSWORD = 'Relief@2020';

interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  /** Where the account sits: a province body by code, a region by code, or a demo institution by key. */
  at: string;
  organisation: string;
  label: string;
}

/** Demo institutions and enterprises, keyed so users and later measures' seeds can find them. */
const DEMO_ORGS = [
  { key: 'bank-icbc', kind: 'bank', name: '中国工商银行股份有限公司山东省分行', code: 'BANK-ICBC-SD', parent: '370000', region: '370102' },
  { key: 'bank-qdrcb', kind: 'bank', name: '青岛农村商业银行股份有限公司', code: 'BANK-QDRCB', parent: '370200', region: '370211' },
  { key: 'guarantee-sd', kind: 'guarantee', name: '山东省投融资担保集团有限公司', code: 'GUA-SDTRZ', parent: '370000', region: '370102' },
  { key: 'operator-jinan', kind: 'bridge-operator', name: '济南市企业应急转贷运营中心', code: 'BFO-370100', parent: '370100', region: '370100' },
  { key: 'ent-medical', kind: 'enterprise', name: '济南康泰医疗器械有限公司', code: '91370102MA3C4K2D1F', parent: '370102', region: '370102' },
  { key: 'fin-jinan', kind: 'finance-bureau', name: '济南市财政局', code: 'FIN-370100', parent: '370100', region: '370100' },
  { key: 'fin-lixia', kind: 'finance-bureau', name: '济南市历下区财政局', code: 'FIN-370102', parent: '370102', region: '370102' },
  { key: 'fin-qingdao', kind: 'finance-bureau', name: '青岛市财政局', code: 'FIN-370200', parent: '370200', region: '370200' },
  { key: 'ent-textile', kind: 'enterprise', name: '青岛海纺纺织科技有限公司', code: '91370211MA3N5R6T3W', parent: '370211', region: '370211' },
] as const;

const DEMO_LISTS = [
  { kind: 'epidemic-provincial', name: '山东省疫情防控重点保障企业名单', batch: '第一批', issuer: '山东省工业和信息化厅', issuedOn: '2020-02-05', validFrom: '2020-02-05', validTo: null, members: ['91370102MA3C4K2D1F'] },
  { kind: 'specialized-sme', name: '山东省专精特新中小企业名单（演示）', batch: '2019年', issuer: '山东省工业和信息化厅', issuedOn: '2019-12-20', validFrom: '2020-01-01', validTo: '2022-12-31', members: ['91370211MA3N5R6T3W'] },
];

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '省厅管理员', roles: ['admin'], at: 'DEPT', organisation: '山东省工业和信息化厅', label: '管理员（用户、机构、审计、政策参数）' },
  { username: 'sgxt', displayName: '崔大峰', roles: ['reviewer', 'operator'], at: 'DEPT', organisation: '山东省工业和信息化厅', label: '审核员（复核、拨付计划）' },
  { username: 'sczt', displayName: '辛志刚', roles: ['reviewer'], at: 'FIN', organisation: '山东省财政厅', label: '审核员（贴息）' },
  { username: 'scjt', displayName: '许晨阳', roles: ['reviewer', 'operator'], at: 'FG', organisation: '省财金集团', label: '初审（风险补偿）' },
  { username: 'zdpt', displayName: '转贷平台经办', roles: ['operator', 'reviewer'], at: 'BFP', organisation: '省企业应急转贷基金平台', label: '监管与经办（应急转贷）' },
  { username: 'jinan', displayName: '济南市工信局', roles: ['admin', 'reviewer'], at: '370100', organisation: '济南市', label: '市级审核与汇总' },
  { username: 'lixia', displayName: '历下区工信局', roles: ['reviewer', 'operator'], at: '370102', organisation: '济南市历下区', label: '县级审核、企业注册激活' },
  { username: 'jinancz', displayName: '济南市财政局', roles: ['reviewer'], at: 'fin-jinan', organisation: '济南市财政局', label: '市级财政审核（贴息）' },
  { username: 'lixiacz', displayName: '历下区财政局', roles: ['reviewer'], at: 'fin-lixia', organisation: '济南市历下区财政局', label: '县级财政审核（贴息）' },
  { username: 'qingdao', displayName: '青岛市民营经济发展局', roles: ['reviewer'], at: '370200', organisation: '青岛市', label: '市级审核' },
  { username: 'icbc', displayName: '工行经办', roles: ['operator', 'reviewer'], at: 'bank-icbc', organisation: '工商银行山东省分行', label: '银行（贷款登记、补偿申请）' },
  { username: 'danbao', displayName: '担保经办', roles: ['operator'], at: 'guarantee-sd', organisation: '山东省投融资担保集团', label: '融资担保机构' },
  { username: 'zhuandai', displayName: '济南转贷经办', roles: ['operator', 'reviewer'], at: 'operator-jinan', organisation: '济南市企业应急转贷运营中心', label: '转贷业务运营机构' },
  { username: 'kangtai', displayName: '康泰医疗财务', roles: ['admin', 'operator'], at: 'ent-medical', organisation: '济南康泰医疗器械有限公司', label: '企业（申报）' },
];

/**
 * Writes the demo data once: institutions, an enterprise or two, one account per kind of party
 * and (unless `sampleLists` is false, as in server tests that count lists) two sample official
 * lists. Skips when the demo admin exists, so a restart never duplicates anything.
 */
export async function seedDemo(ctx: AppContext, options: { sampleLists?: boolean; measures?: boolean } = {}): Promise<void> {
  const done = await ctx.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (done) return;
  await seedAccounts(ctx, options);
  // Cases in every state (and one overdue) for each measure, through the measures' own services.
  if (options.measures !== false) await seedMeasureDemos(ctx);
}

async function seedAccounts(ctx: AppContext, options: { sampleLists?: boolean }): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    const orgs = await tx.db.selectFrom('organisation').select(['id', 'code', 'path']).where('kind', 'in', ['province', 'department', 'finance-group', 'bridge-fund', 'city', 'county']).execute();
    const byCode = new Map(orgs.map((o) => [o.code!, o]));
    for (const d of DEMO_ORGS) {
      const parent = byCode.get(d.parent)!;
      const id = await addOrg(tx, parent.id, parent.path, { kind: d.kind, name: d.name, code: d.code, region: d.region });
      byCode.set(d.key, { id, code: d.key, path: `${parent.path}${id}/` });
      if (d.kind === 'enterprise') {
        const at = tx.now.toISOString();
        const profile = { industrySection: 'C', industryCode: null, industryRow: 'industry', employees: 120, revenueFen: 1_500_000_000, assetsFen: 2_000_000_000 };
        const size = enterpriseSize(profile);
        await tx.db.insertInto('enterprise').values({
          organisation_id: id, uscc: d.code, name: d.name, region_code: d.region, industry_section: profile.industrySection, industry_row: profile.industryRow,
          employees: profile.employees, revenue_fen: profile.revenueFen, assets_fen: profile.assetsFen, size_class: size.sizeClass, size_reason: size.reason, created_at: at, updated_at: at,
        }).execute();
      }
    }
    // Official lists so the registry shows honours and the priority list from the first start.
    // Their entries are demo data, not a transcription of any real batch.
    const enterprises = await tx.db.selectFrom('enterprise').select(['id', 'uscc', 'name', 'region_code']).execute();
    const at = tx.now.toISOString();
    for (const l of options.sampleLists === false ? [] : DEMO_LISTS) {
      const { id: listId } = await tx.db.insertInto('official_list').values({
        kind: l.kind, name: l.name, batch: l.batch, issuer: l.issuer, issued_on: l.issuedOn, valid_from: l.validFrom, valid_to: l.validTo,
        source: '演示数据', import_job_id: null, created_by: null, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      for (const e of enterprises.filter((x) => l.members.includes(x.uscc))) {
        await tx.db.insertInto('list_entry').values({ list_id: listId, enterprise_id: e.id, uscc: e.uscc, name: e.name, region_code: e.region_code, remark: null, added_at: at }).execute();
      }
    }
    for (const u of DEMO_USERS) {
      const org = byCode.get(u.at)!;
      await insertUser(tx, { username: u.username, displayName: u.displayName, organisationId: org.id, roles: u.roles, passwordHash: hash, status: 'active' });
    }
    await tx.audit({ action: 'demo.seeded', entityType: 'organisation', entityId: null, after: { users: DEMO_USERS.map((u) => u.username), organisations: DEMO_ORGS.map((o) => o.name) } });
  });
}
