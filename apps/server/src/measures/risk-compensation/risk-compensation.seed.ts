import { addWorkingDays, shanghaiDateOf } from '@relief/domain';
import { writeFileSync } from 'node:fs';
import { transition } from '../../cases/engine';
import { addOrg } from '../../db/seeds/reference';
import { SYSTEM_ACTOR } from '../../platform/audit';
import { hashPassword } from '../../platform/auth/passwords';
import { createSession, CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/sessions';
import { type AppContext, inTransaction } from '../../platform/context';
import { insertUser } from '../../platform/users/users.service';
import { DEMO_PASSWORD } from '../../db/seeds/demo';
import { actorOfUser, addBankUser, addBorrowers, authUserOf, type BorrowerSpec, riskCompensationUscc } from './risk-compensation.fixtures';
import { createClaim, deptReview, fgReview, issuePlan, markPlanPaid, registerLoan, submitClaim } from './risk-compensation.service';

// Borrowers of the demo: small and micro firms in six cities, and one medium-sized firm (refused).
const BORROWERS: BorrowerSpec[] = [
  { uscc: riskCompensationUscc('370102', 101), name: '济南泉城精密机械有限公司', region: '370102', employees: 60, revenueFen: 80_000_000_00 },
  { uscc: riskCompensationUscc('370211', 102), name: '青岛黄岛海洋食品有限公司', region: '370211', employees: 15, revenueFen: 2_500_000_00 },
  { uscc: riskCompensationUscc('370303', 103), name: '淄博张店陶瓷制品有限公司', region: '370303', employees: 45, revenueFen: 30_000_000_00 },
  { uscc: riskCompensationUscc('370602', 104), name: '烟台芝罘电子科技有限公司', region: '370602', employees: 12, revenueFen: 1_800_000_00 },
  { uscc: riskCompensationUscc('370705', 105), name: '潍坊奎文纺织有限公司', region: '370705', employees: 80, revenueFen: 60_000_000_00 },
  { uscc: riskCompensationUscc('371302', 106), name: '临沂兰山物流装备有限公司', region: '371302', employees: 30, revenueFen: 20_000_000_00 },
  { uscc: riskCompensationUscc('370102', 107), name: '济南历下重工集团有限公司', region: '370102', employees: 900, revenueFen: 3_000_000_000_00 },
];

/** The latest month whose claim window opened (1st working day after it ended) on or before `today`. */
function recentClaimMonth(today: string): string {
  let [y, m] = today.split('-').map(Number) as [number, number];
  for (;;) {
    m -= 1;
    if (m === 0) { y -= 1; m = 12; }
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    if (addWorkingDays(`${ny}-${String(nm).padStart(2, '0')}-01`, 1) <= today) return month;
  }
}

/** Ten in the morning in Shanghai on a civil date. */
const morning = (date: string) => `${date}T02:00:00.000Z`;
const at = (ctx: AppContext, iso: string): AppContext => ({ ...ctx, clock: { now: () => new Date(iso) } });

/**
 * Demo data of 贷款风险补偿, written through the measure's services so it is real: two banks' loans
 * (eligible and not), claims of 2020 in every state — 已拨付 and 已列入拨付计划 (two plans, one paid),
 * 待下达拨付计划, 省工信厅复核, 省财金集团初审 (overdue), 退回修改, 不予补偿 — and this month's draft.
 * ICBC's January 2020 is left free for the browser scenario.
 */
export async function seedRiskCompensationDemo(ctx: AppContext): Promise<void> {
  const done = await ctx.db.selectFrom('risk_compensation_loan').select('id').limit(1).executeTakeFirst();
  if (done) return;
  // The claim-submit benchmark asks its platform child for banks with loans and sessions.
  const benchBanks = Number(process.env.BENCH_RC_BANKS ?? 0);
  if (benchBanks > 0 && process.env.BENCH_RC_SESSIONS_FILE) {
    writeFileSync(process.env.BENCH_RC_SESSIONS_FILE, JSON.stringify(await seedRiskCompensationBench(ctx, benchBanks)));
    return;
  }
  await addBorrowers(ctx, BORROWERS);
  await addBankUser(ctx, { code: 'BANK-QDRCB', name: '青岛农村商业银行股份有限公司', city: '370200', region: '370211' }, { username: 'qdrcb', displayName: '青岛农商行经办', roles: ['operator', 'reviewer'], password: DEMO_PASSWORD });
  const icbc = await authUserOf(ctx, 'icbc');
  const qdrcb = await authUserOf(ctx, 'qdrcb');
  const fg = await authUserOf(ctx, 'scjt');
  const dept = await authUserOf(ctx, 'sgxt');
  let seq = 0;

  /** Registers `n` loans of the bank recognised as non-performing in `month`, and opens and submits its claim. */
  async function claimOf(bank: typeof icbc, month: string, n: number, submit = true) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const openOn = addWorkingDays(`${next}-01`, 1);
    const c = at(ctx, morning(openOn));
    const loanIds: number[] = [];
    for (let i = 0; i < n; i++) {
      seq += 1;
      const b = BORROWERS[(seq + i) % 6]!;
      const principal = (200 + ((seq * 37) % 17) * 50) * 10_000_00;
      const loan = await registerLoan(c, bank, actorOfUser(bank), {
        contractNo: `${bank.organisation.code === 'BANK-ICBC-SD' ? 'GSYH' : 'QDNS'}-2020-${String(seq).padStart(4, '0')}`, borrowerUscc: b.uscc,
        amountFen: principal + 100_000_00, startOn: `2020-01-${String(2 + (seq % 20)).padStart(2, '0')}`, maturityOn: '2021-01-31', annualRatePpm: 43_500 + (seq % 5) * 1_000,
        loanType: seq % 3 === 0 ? 'technical_renovation' : 'working_capital', nonPerformingOn: `${month}-${String(10 + i).padStart(2, '0')}`, nonPerformingPrincipalFen: principal,
      });
      loanIds.push(loan.id);
    }
    const { claim } = await createClaim(c, bank, actorOfUser(bank), { month, loanIds, idempotencyKey: `demo-${bank.username}-${month}` });
    if (!submit) return { claim, openOn };
    return { claim: await submitClaim(c, bank, actorOfUser(bank), claim.id, claim.case.version), openOn };
  }
  const fgApprove = async (c: AppContext, claim: Awaited<ReturnType<typeof claimOf>>['claim'], cut = false) =>
    fgReview(c, fg, actorOfUser(fg), claim.id, {
      version: claim.case.version,
      decisions: claim.items.map((i, n) => (cut && n === 1 ? { itemId: i.id, outcome: 'cut' as const, approvedFen: Math.floor(i.claimedFen / 2), reason: '部分不良本金已由保证人代偿，按剩余本金核定' }
        : cut && n === 2 ? { itemId: i.id, outcome: 'refused' as const, reason: '该笔贷款发放前借款人已逾期，不属于疫情期间新发生贷款' } : { itemId: i.id, outcome: 'approved' as const })),
      comment: '初审意见：材料齐全',
    });
  const reviewThrough = async (month: string, bank = icbc, cut = false) => {
    const { claim, openOn } = await claimOf(bank, month, 3);
    const fgOn = addWorkingDays(openOn, 3);
    const r = await fgApprove(at(ctx, morning(fgOn)), claim, cut);
    const deptOn = addWorkingDays(fgOn, 1);
    const d = await deptReview(at(ctx, morning(deptOn)), dept, actorOfUser(dept), claim.id, { version: r.case.version, comment: '复核同意' });
    return { claim: d, deptOn };
  };

  // 已拨付: February 2020, with one cut and one refusal, in a plan paid in March.
  const feb = await reviewThrough('2020-02', icbc, true);
  const plan1 = await issuePlan(at(ctx, morning(addWorkingDays(feb.deptOn, 1))), dept, actorOfUser(dept), { claimIds: [feb.claim.id], idempotencyKey: 'demo-plan-2020-1' });
  await markPlanPaid(at(ctx, morning(addWorkingDays(feb.deptOn, 5))), dept, actorOfUser(dept), plan1.id, { version: plan1.version });
  // 已列入拨付计划: March 2020, in an issued plan not yet paid.
  const mar = await reviewThrough('2020-03');
  await issuePlan(at(ctx, morning(addWorkingDays(mar.deptOn, 1))), dept, actorOfUser(dept), { claimIds: [mar.claim.id], idempotencyKey: 'demo-plan-2020-2' });
  // 待下达拨付计划: the Qingdao bank's March 2020.
  await reviewThrough('2020-03', qdrcb);
  // 省工信厅复核 and 退回修改: last month's claims (the window before today), submitted inside the
  // window and decided by FG today, so DEPT's one working day and the bank's revision run now.
  const today = shanghaiDateOf(ctx.clock.now());
  const recent = recentClaimMonth(today);
  const toDept = await claimOf(icbc, recent, 2);
  await fgApprove(ctx, toDept.claim);
  const toRevise = await claimOf(qdrcb, recent, 2);
  await transition(ctx, fg, actorOfUser(fg), toRevise.claim.id, 'fg-return', { version: toRevise.claim.case.version, comment: '请补充第 2 笔贷款的不良认定材料' });
  // 省财金集团初审, overdue: May 2020, submitted in June 2020 and never reviewed.
  await claimOf(icbc, '2020-05', 2);
  // 不予补偿: July 2020.
  const jul = await claimOf(icbc, '2020-07', 1);
  await transition(at(ctx, morning(addWorkingDays(jul.openOn, 2))), fg, actorOfUser(fg), jul.claim.id, 'fg-reject', { version: jul.claim.case.version, comment: '借款人已于放款前列入失信名单，不予补偿' });
  // Loans that are not eligible, shown with their reasons.
  const c = at(ctx, morning('2020-08-04'));
  await registerLoan(c, icbc, actorOfUser(icbc), { contractNo: 'GSYH-2019-0999', borrowerUscc: BORROWERS[0]!.uscc, amountFen: 3_000_000_00, startOn: '2019-12-31', maturityOn: '2020-12-30', annualRatePpm: 43_500, loanType: 'working_capital', nonPerformingOn: '2020-07-15', nonPerformingPrincipalFen: 2_000_000_00 });
  await registerLoan(c, icbc, actorOfUser(icbc), { contractNo: 'GSYH-2020-0888', borrowerUscc: BORROWERS[6]!.uscc, amountFen: 50_000_000_00, startOn: '2020-02-20', maturityOn: '2021-02-19', annualRatePpm: 40_500, loanType: 'technical_renovation', nonPerformingOn: '2020-07-20', nonPerformingPrincipalFen: 30_000_000_00 });
  // 待申报: this month's claim, its window still open.
  seq += 1;
  const loan = await registerLoan(ctx, icbc, actorOfUser(icbc), {
    contractNo: `GSYH-${today.slice(0, 4)}-${String(seq).padStart(4, '0')}`, borrowerUscc: BORROWERS[3]!.uscc, amountFen: 5_000_000_00, startOn: '2020-03-16',
    maturityOn: `${Number(today.slice(0, 4)) + 1}-03-15`, annualRatePpm: 38_500, loanType: 'working_capital', nonPerformingOn: `${today.slice(0, 7)}-01`, nonPerformingPrincipalFen: 4_200_000_00,
  });
  await createClaim(ctx, icbc, actorOfUser(icbc), { month: today.slice(0, 7), loanIds: [loan.id], idempotencyKey: `demo-icbc-${today.slice(0, 7)}` });
}

/** One bank of the claim-submit benchmark: its signed-in session and the 50 loans it claims. */
export interface RiskCompensationBenchBank { cookie: string; csrfToken: string; month: string; loanIds: number[] }

/**
 * The claim-submit benchmark's parties (bench only): `banks` banks, each with an operator signed in
 * and `loansPerBank` eligible loans recognised as non-performing this month (a claim is one per bank
 * and month, so every measured request is a different bank). Loans are written in bulk, audited.
 */
export async function seedRiskCompensationBench(ctx: AppContext, banks: number, loansPerBank = 50): Promise<RiskCompensationBenchBank[]> {
  const today = shanghaiDateOf(ctx.clock.now());
  const month = today.slice(0, 7);
  const borrowers = BORROWERS.slice(0, 6);
  if (!(await ctx.db.selectFrom('enterprise').select('id').where('uscc', '=', borrowers[0]!.uscc).executeTakeFirst())) await addBorrowers(ctx, BORROWERS);
  const hash = await hashPassword(DEMO_PASSWORD);
  const out: RiskCompensationBenchBank[] = [];
  const parent = await ctx.db.selectFrom('organisation').select(['id', 'path']).where('code', '=', '370100').executeTakeFirstOrThrow();
  // Banks in batches of 200 per transaction (one audit event each): thousands are needed.
  for (let first = 0; first < banks; first += 200) {
    const made = await inTransaction(ctx, SYSTEM_ACTOR, async (tx) => {
      const at = tx.now.toISOString();
      const batch: { userId: number; loanIds: number[] }[] = [];
      for (let b = first; b < Math.min(banks, first + 200); b++) {
        const orgId = await addOrg(tx, parent.id, parent.path, { kind: 'bank', name: `压测银行${b}`, code: `BANK-BENCH-${b}`, region: '370102' });
        const userId = await insertUser(tx, { username: `rcbench${b}`, displayName: `压测银行经办${b}`, organisationId: orgId, roles: ['operator'], passwordHash: hash, status: 'active' });
        const rows = Array.from({ length: loansPerBank }, (_, i) => {
          const borrower = borrowers[i % borrowers.length]!;
          return {
            bank_org_id: orgId, contract_no: `BENCH-${b}-${i}`, borrower_uscc: borrower.uscc, borrower_name: borrower.name, borrower_region_code: borrower.region,
            borrower_size_class: borrower.employees < 20 ? 'micro' : 'small', amount_fen: 2_000_000_00 + i * 1_000_00, start_on: '2020-03-02', maturity_on: `${Number(today.slice(0, 4)) + 1}-03-01`,
            annual_rate_ppm: 43_500, loan_type: 'working_capital', non_performing_on: `${month}-01`, non_performing_month: month, np_principal_fen: 1_500_000_00 + i * 1_000_00,
            eligible: 1, eligibility_json: '[]', claim_case_id: null, source: 'api', created_by: userId, created_at: at, updated_at: at,
          };
        });
        const ids = await tx.db.insertInto('risk_compensation_loan').values(rows).returning('id').execute();
        batch.push({ userId, loanIds: ids.map((r) => r.id) });
      }
      await tx.audit({ action: 'risk-compensation.loans_imported', entityType: 'organisation', entityId: parent.id, after: { bench: true, banks: batch.length, loansPerBank } });
      return batch;
    });
    for (const m of made) {
      const s = await createSession(ctx, m.userId, { ip: '127.0.0.1', userAgent: 'bench' });
      out.push({ cookie: `${SESSION_COOKIE}=${s.token}; ${CSRF_COOKIE}=${encodeURIComponent(s.csrfToken)}`, csrfToken: s.csrfToken, month, loanIds: m.loanIds });
    }
  }
  return out;
}
