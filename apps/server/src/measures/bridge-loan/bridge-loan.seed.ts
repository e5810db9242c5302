import { addWorkingDays, computeOrgCodeCheckChar, computeUsccCheckChar, enterpriseSize, type OrgKind, type Role, shanghaiDateOf } from '@relief/domain';
import { SYSTEM_ACTOR } from '../../platform/audit';
import type { Actor } from '../../platform/audit';
import { hashPassword } from '../../platform/auth/passwords';
import { type AuthUser, createSession, CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/sessions';
import { fixedClock } from '../../platform/clock';
import { type AppContext, inTransaction } from '../../platform/context';
import { insertUser } from '../../platform/users/users.service';
import { addOrg } from '../../db/seeds/reference';
import { act, answerConsultation, createLoan, recordConsultation, saveFile } from './bridge-loan.service';

// Demo data of 应急转贷: a county operator under 历下区, a second priority-list firm, an enterprise
// account for the Qingdao firm, and applications in every state written through the measure's
// service (each at its own instant, so 2020 deadlines are really past): one green-channel case
// left unaccepted past its same-day deadline (overdue), one repayment flagged overdue.

const DEMO_PASSWORD = 'Relief@2020';

/** A valid 统一社会信用代码 for a region and serial (GB 32100 with the GB 11714 check). */
export function bridgeLoanDemoUscc(region: string, serial: number): string {
  const org8 = String(serial).padStart(8, '0');
  const first17 = `91${region}${org8}${computeOrgCodeCheckChar(org8)}`;
  return first17 + computeUsccCheckChar(first17);
}

/** The signed-in form of a user, for services called outside a request (seed, tests, bench). */
export async function authUserFor(ctx: AppContext, username: string): Promise<AuthUser> {
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

const actorOfUser = (u: AuthUser): Actor => ({ userId: u.id, username: u.username, organisationId: u.organisation.id, requestId: null });

/** A parent organisation by code (region or demo institution code). */
async function orgByCode(ctx: AppContext, code: string) {
  return ctx.db.selectFrom('organisation').select(['id', 'path']).where('code', '=', code).executeTakeFirst();
}

/**
 * Adds an enterprise (organisation, registry record, one account) under its county. Used by the
 * demo, the tests and the bench. Returns the organisation id.
 */
export async function addBridgeLoanEnterprise(ctx: AppContext, e: { uscc: string; name: string; region: string; username: string | null; passwordHash: string | null; priorityList?: boolean }): Promise<number> {
  const parent = await orgByCode(ctx, e.region);
  if (!parent) throw new Error(`region ${e.region} missing`);
  return inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    const id = await addOrg(tx, parent.id, parent.path, { kind: 'enterprise', name: e.name, code: e.uscc, region: e.region });
    const at = tx.now.toISOString();
    const profile = { industrySection: 'C', industryCode: null, industryRow: 'industry', employees: 80, revenueFen: 800_000_000, assetsFen: 1_000_000_000 };
    const size = enterpriseSize(profile);
    const { id: enterpriseId } = await tx.db.insertInto('enterprise').values({
      organisation_id: id, uscc: e.uscc, name: e.name, region_code: e.region, industry_section: profile.industrySection, industry_row: profile.industryRow,
      employees: profile.employees, revenue_fen: profile.revenueFen, assets_fen: profile.assetsFen, size_class: size.sizeClass, size_reason: size.reason, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    if (e.priorityList) {
      let list = await tx.db.selectFrom('official_list').select('id').where('kind', '=', 'epidemic-provincial').orderBy('id').executeTakeFirst();
      list ??= await tx.db.insertInto('official_list').values({
        kind: 'epidemic-provincial', name: '山东省疫情防控重点保障企业名单', batch: '第一批', issuer: '山东省工业和信息化厅', issued_on: '2020-02-05',
        valid_from: '2020-02-05', valid_to: null, source: '演示数据', import_job_id: null, created_by: null, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.db.insertInto('list_entry').values({ list_id: list.id, enterprise_id: enterpriseId, uscc: e.uscc, name: e.name, region_code: e.region, remark: null, added_at: at }).execute();
    }
    if (e.username && e.passwordHash) await insertUser(tx, { username: e.username, displayName: `${e.name.slice(0, 6)}财务`, organisationId: id, roles: ['admin', 'operator'], passwordHash: e.passwordHash, status: 'active' });
    await tx.audit({ action: 'demo.bridge_loan_enterprise_added', entityType: 'organisation', entityId: id, after: { name: e.name, uscc: e.uscc } });
    return id;
  });
}

/** Adds a bridge operator (转贷业务运营机构) for a county or city with one account. Returns its id. */
export async function addBridgeLoanOperator(ctx: AppContext, o: { region: string; name: string; username: string; passwordHash: string }): Promise<number> {
  const parent = await orgByCode(ctx, o.region);
  if (!parent) throw new Error(`region ${o.region} missing`);
  return inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
    const id = await addOrg(tx, parent.id, parent.path, { kind: 'bridge-operator', name: o.name, code: `BFO-${o.region}`, region: o.region });
    await insertUser(tx, { username: o.username, displayName: `${o.name.slice(0, 4)}转贷经办`, organisationId: id, roles: ['operator', 'reviewer'], passwordHash: o.passwordHash, status: 'active' });
    await tx.audit({ action: 'demo.bridge_loan_operator_added', entityType: 'organisation', entityId: id, after: { name: o.name } });
    return id;
  });
}

/** The demo's extra parties: 历下区 operator (lixiazd), 山东瑞康防护用品 (ruikang, priority list) and an account for the Qingdao firm (haifang). */
export async function ensureBridgeLoanDemoParties(ctx: AppContext): Promise<void> {
  if (await orgByCode(ctx, 'BFO-370102')) return;
  const hash = await hashPassword(DEMO_PASSWORD);
  await addBridgeLoanOperator(ctx, { region: '370102', name: '历下区企业应急转贷服务中心', username: 'lixiazd', passwordHash: hash });
  await addBridgeLoanEnterprise(ctx, { uscc: bridgeLoanDemoUscc('370102', 20200211), name: '山东瑞康防护用品有限公司', region: '370102', username: 'ruikang', passwordHash: hash, priorityList: true });
  const textile = await ctx.db.selectFrom('organisation').select('id').where('code', '=', '91370211MA3N5R6T3W').executeTakeFirst();
  if (textile) {
    await inTransaction(ctx, SYSTEM_ACTOR, (tx) => insertUser(tx, { username: 'haifang', displayName: '海纺纺织财务', organisationId: textile.id, roles: ['admin', 'operator'], passwordHash: hash, status: 'active' }));
  }
}

const PDF = Buffer.from('%PDF-1.4\n% 续贷承诺书（演示）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Demo data of the bridge-loan measure, written once by seedDemo through the measure's service. */
export async function seedBridgeLoanDemo(ctx: AppContext): Promise<void> {
  if (await ctx.db.selectFrom('bridge_loan').select('case_id').limit(1).executeTakeFirst()) return;
  await ensureBridgeLoanDemoParties(ctx);
  const icbc = await ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-ICBC-SD').executeTakeFirst();
  const qdrcb = await ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-QDRCB').executeTakeFirst();
  const haifang = await ctx.db.selectFrom('app_user').select('id').where('username', '=', 'haifang').executeTakeFirst();
  if (!icbc || !qdrcb || !haifang) return;
  const u = {
    kangtai: await authUserFor(ctx, 'kangtai'), ruikang: await authUserFor(ctx, 'ruikang'), haifang: await authUserFor(ctx, 'haifang'),
    lixiazd: await authUserFor(ctx, 'lixiazd'), zdpt: await authUserFor(ctx, 'zdpt'), icbc: await authUserFor(ctx, 'icbc'),
  };
  // The bank of the Qingdao firm has no account in the demo: give it one so its step can be shown.
  let qdBank = await ctx.db.selectFrom('app_user').select('id').where('username', '=', 'qdnsh').executeTakeFirst();
  if (!qdBank) {
    const hash = await hashPassword(DEMO_PASSWORD);
    await inTransaction(ctx, SYSTEM_ACTOR, (tx) => insertUser(tx, { username: 'qdnsh', displayName: '青岛农商行经办', organisationId: qdrcb.id, roles: ['operator', 'reviewer'], passwordHash: hash, status: 'active' }));
    qdBank = { id: 0 };
  }
  const qdnsh = await authUserFor(ctx, 'qdnsh');

  const today = shanghaiDateOf(ctx.clock.now());
  let n = 0;
  /** Runs a step at a Shanghai instant 'YYYY-MM-DD HH:mm' (or now). */
  const at = (when: string | null) => (when ? { ...ctx, clock: fixedClock(`${when.replace(' ', 'T')}:00+08:00`) } : ctx);
  const apply = async (who: AuthUser, when: string | null, f: { bank: number; contract: string; amountWan: number; days: number; maturityOn: string; submit: boolean; file?: boolean }) => {
    const c = at(when);
    const r = await createLoan(c, who, actorOfUser(who), {
      idempotencyKey: `demo-bridge-loan-${++n}`, bankOrgId: f.bank, loanContractNo: f.contract, loanType: 'working_capital', loanAmountFen: f.amountWan * 1_000_000,
      loanMaturityOn: f.maturityOn, bridgeAmountFen: f.amountWan * 1_000_000, bridgeDays: f.days, contactName: who.displayName, contactPhone: '0531-88886666', remark: null,
    });
    if (f.file !== false) await saveFile(c, who, actorOfUser(who), r.caseId, { fileName: '续贷承诺书.pdf', contentType: 'application/pdf', bytes: PDF });
    if (f.submit) await step(who, when, r.caseId, 'submit', {});
    return r.caseId;
  };
  const step = async (who: AuthUser, when: string | null, caseId: number, action: string, body: Record<string, unknown>) => {
    const c = at(when);
    const v = await c.db.selectFrom('workflow_case').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
    await act(c, who, actorOfUser(who), caseId, action, { version: v.version, ...body });
  };
  const future = (days: number) => addWorkingDays(today, days);

  // 1. Repaid, green channel, completed the same day (2020-02-10).
  const repaid = await apply(u.kangtai, '2020-02-10 09:10', { bank: icbc.id, contract: 'GSYH-2019-LX-0815', amountWan: 500, days: 5, maturityOn: '2020-02-11', submit: true });
  await step(u.lixiazd, '2020-02-10 10:00', repaid, 'accept', { feeRatePpm: 800 });
  await step(u.icbc, '2020-02-10 14:00', repaid, 'confirm-renewal', { renewalAmountFen: 500_000_000, renewalExpectedOn: '2020-02-14' });
  await step(u.lixiazd, '2020-02-10 16:30', repaid, 'disburse', { disbursedOn: '2020-02-10', disbursedFen: 500_000_000 });
  await step(u.lixiazd, '2020-02-14 15:00', repaid, 'repay', { repaidOn: '2020-02-14', repaidFen: 500_000_000 });
  // 2. Overdue repayment (flagged): disbursed 2020-02-20 for 5 days, not repaid by 2020-02-25.
  const overdue = await apply(u.ruikang, '2020-02-19 09:00', { bank: icbc.id, contract: 'GSYH-2019-LX-0920', amountWan: 300, days: 5, maturityOn: '2020-02-21', submit: true });
  await step(u.lixiazd, '2020-02-19 11:00', overdue, 'accept', { feeRatePpm: 600 });
  await step(u.icbc, '2020-02-19 15:00', overdue, 'confirm-renewal', { renewalAmountFen: 300_000_000, renewalExpectedOn: '2020-02-25' });
  await step(u.lixiazd, '2020-02-20 09:30', overdue, 'disburse', { disbursedOn: '2020-02-20', disbursedFen: 300_000_000 });
  await step(u.lixiazd, '2020-02-27 10:00', overdue, 'mark-overdue', { comment: '续贷资金未按期到位，已与银行协调' });
  // 3. Green channel left unaccepted past its same-day deadline (overdue case).
  await apply(u.ruikang, '2020-03-02 10:00', { bank: icbc.id, contract: 'GSYH-2020-LX-0131', amountWan: 200, days: 3, maturityOn: '2020-03-04', submit: true });
  // 4. Rejected by the province platform (no Qingdao operator: routed to BFP).
  const rejected = await apply(u.haifang, '2020-03-05 09:00', { bank: qdrcb.id, contract: 'QDNS-2019-0412', amountWan: 800, days: 10, maturityOn: '2020-03-10', submit: true });
  await step(u.zdpt, '2020-03-05 15:00', rejected, 'reject', { comment: '该笔贷款已展期，不属于到期续贷情形' });
  // 5. Declined by the bank.
  const declined = await apply(u.haifang, '2020-03-09 09:00', { bank: qdrcb.id, contract: 'QDNS-2019-0503', amountWan: 150, days: 5, maturityOn: '2020-03-16', submit: true });
  await step(u.zdpt, '2020-03-09 14:00', declined, 'accept', { feeRatePpm: 800 });
  await step(qdnsh, '2020-03-10 10:00', declined, 'decline-renewal', { comment: '企业经营指标不符合续贷条件' });
  // 6. Withdrawn draft.
  const withdrawn = await apply(u.kangtai, '2020-03-12 09:00', { bank: icbc.id, contract: 'GSYH-2020-LX-0201', amountWan: 100, days: 3, maturityOn: '2020-03-20', submit: false, file: false });
  await step(u.kangtai, '2020-03-12 09:30', withdrawn, 'withdraw', { comment: '已自筹资金归还' });
  // Open cases of today: returned, awaiting acceptance, the bank, disbursement, repayment; a draft.
  const returned = await apply(u.haifang, null, { bank: qdrcb.id, contract: 'QDNS-2026-0088', amountWan: 260, days: 7, maturityOn: future(8), submit: true });
  await step(u.zdpt, null, returned, 'return', { comment: '续贷承诺书未加盖银行公章，请重新上传' });
  await apply(u.haifang, null, { bank: qdrcb.id, contract: 'QDNS-2026-0090', amountWan: 420, days: 6, maturityOn: future(9), submit: true });
  const waitingBank = await apply(u.kangtai, null, { bank: icbc.id, contract: 'GSYH-2026-LX-1101', amountWan: 600, days: 5, maturityOn: future(3), submit: true });
  await step(u.lixiazd, null, waitingBank, 'accept', { feeRatePpm: 800 });
  const waitingMoney = await apply(u.ruikang, null, { bank: icbc.id, contract: 'GSYH-2026-LX-1102', amountWan: 350, days: 4, maturityOn: future(2), submit: true });
  await step(u.lixiazd, null, waitingMoney, 'accept', { feeRatePpm: 700 });
  await step(u.icbc, null, waitingMoney, 'confirm-renewal', { renewalAmountFen: 350_000_000, renewalExpectedOn: future(2) });
  const outstanding = await apply(u.kangtai, null, { bank: icbc.id, contract: 'GSYH-2026-LX-1020', amountWan: 450, days: 10, maturityOn: future(1), submit: true });
  await step(u.lixiazd, null, outstanding, 'accept', { feeRatePpm: 800 });
  await step(u.icbc, null, outstanding, 'confirm-renewal', { renewalAmountFen: 450_000_000, renewalExpectedOn: future(5) });
  await step(u.lixiazd, null, outstanding, 'disburse', { disbursedOn: today, disbursedFen: 450_000_000 });
  await apply(u.kangtai, null, { bank: icbc.id, contract: 'GSYH-2026-LX-1130', amountWan: 180, days: 5, maturityOn: future(10), submit: false, file: false });
  // The consultation log: a hotline call answered at once, an online question answered, one waiting.
  await recordConsultation(at('2020-02-08 10:20'), u.zdpt, actorOfUser(u.zdpt), { channel: 'phone', askerName: '王先生', askerPhone: '13905310001', question: '疫情期间转贷费率是多少？按笔还是按天收？', answer: '疫情期间费率不超过0.08%，按笔计收。' });
  const q = await recordConsultation(at('2020-02-09 21:00'), u.kangtai, actorOfUser(u.kangtai), { question: '我公司在重点保障企业名单内，周末提交的申请什么时候受理？' });
  await answerConsultation(at('2020-02-10 08:40'), u.lixiazd, actorOfUser(u.lixiazd), q.id, { answer: '非工作日提交的按下一工作日受理，当日办结。', version: q.version });
  await recordConsultation(ctx, u.ruikang, actorOfUser(u.ruikang), { question: '续贷承诺书需要银行哪一级机构盖章？' });
  void qdBank;
}

/** An enterprise session made for the load benchmark: the Cookie header, its CSRF token and the bank to name. */
export interface BridgeLoanBurstSession {
  cookie: string;
  csrfToken: string;
  bankOrgId: number;
  uscc: string;
  /** On the provincial priority list (may apply for 贴息). */
  priorityList: boolean;
}

/**
 * The opening-day burst's parties (bench only): `count` enterprises spread over 济南's and
 * 青岛's counties, every other one on the priority list, each with an account and a signed-in
 * session, written through the platform's own services. Returns the sessions.
 */
export async function seedBridgeLoanBurst(ctx: AppContext, count: number): Promise<BridgeLoanBurstSession[]> {
  await ensureBridgeLoanDemoParties(ctx);
  const hash = await hashPassword(DEMO_PASSWORD);
  const bank = await ctx.db.selectFrom('organisation').select('id').where('code', '=', 'BANK-ICBC-SD').executeTakeFirstOrThrow();
  const regions = ['370102', '370103', '370104', '370112', '370202', '370203', '370211', '370212'];
  const out: BridgeLoanBurstSession[] = [];
  for (let i = 0; i < count; i++) {
    const region = regions[i % regions.length]!;
    const uscc = bridgeLoanDemoUscc(region, 30_000_000 + i);
    const username = `burst${String(i).padStart(4, '0')}`;
    const priorityList = i % 2 === 0;
    await addBridgeLoanEnterprise(ctx, { uscc, name: `开业冲击测试企业${i}有限公司`, region, username, passwordHash: hash, priorityList });
    const user = await ctx.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    const s = await createSession(ctx, user.id, { ip: '127.0.0.1', userAgent: 'bench' });
    out.push({ cookie: `${SESSION_COOKIE}=${s.token}; ${CSRF_COOKIE}=${encodeURIComponent(s.csrfToken)}`, csrfToken: s.csrfToken, bankOrgId: bank.id, uscc, priorityList });
  }
  return out;
}
