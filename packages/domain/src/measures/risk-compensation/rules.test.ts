import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../calendar/index';
import { refuseAction } from '../../cases/engine-rules';
import { checkWorkflow } from '../../cases/workflow';
import presetJson from '../../../../../presets/lu-gongxin-fa-2020-1.json';
import { assertPreset, getParameter, snapshotParameters } from '../../policy/index';
import {
  aggregateRiskCompensationPlan, checkRiskCompensationEligibility, checkRiskCompensationLoanConsistency, checkRiskCompensationWindow,
  computeRiskCompensationAmounts, resolveRiskCompensationDecision, riskCompensationClaimWindowClosesOn, type RiskCompensationParams,
} from './rules';
import { riskCompensationWorkflow } from './workflow';

const preset = assertPreset(presetJson);
const params = snapshotParameters(preset, [], 'risk-compensation', '2020-02-17') as RiskCompensationParams;
const loan = { startOn: '2020-01-15', maturityOn: '2021-01-14', loanType: 'working_capital', nonPerformingOn: '2020-03-10', amountFen: 100_000_000, nonPerformingPrincipalFen: 80_000_000 };
const small = { sizeClass: 'small' as const, regionCode: '370102', industrySection: 'C' };

describe('鲁工信发〔2020〕1号 第一条: the preset holds the policy numbers', () => {
  it('reads them from the preset', () => {
    expect(getParameter(preset, 'risk-compensation', 'loanStartFrom')).toBe('2020-01-01');
    expect(params.compensationRatioPpm).toBe(300_000);
    expect(params.claimWindowWorkingDaysAfterMonthEnd).toBe(5);
  });
});

describe('claim window: 5 working days after each month ends, until 24:00', () => {
  it.each([
    ['2020-01', '2020-02-07'],
    ['2020-02', '2020-03-06'],
    ['2020-04', '2020-05-11'],
    ['2020-09', '2020-10-14'],
  ])('the window for %s closes on %s', (month, closes) => {
    expect(riskCompensationClaimWindowClosesOn(defaultCalendar, month, params)).toBe(closes);
  });

  it.each([
    ['2020-01', '2020-02-07', null],
    ['2020-01', '2020-02-03', null],
    ['2020-01', '2020-02-08', '已于 2020年2月7日 24:00 截止'],
    ['2020-01', '2020-01-31', '尚未结束'],
    ['2020-01', '2019-12-31', '尚未开始'],
  ])('month %s submitted on %s', (month, today, expected) => {
    const r = checkRiskCompensationWindow(month, '2020-02-07', today);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toContain(expected);
  });
});

describe('eligibility: small and micro borrowers, loans from 2020-01-01 within the epidemic period, eligible types, once', () => {
  it.each([
    ['an eligible loan', loan, small, null, null, []],
    ['a loan of 2019-12-31', { ...loan, startOn: '2019-12-31' }, small, null, null, ['补偿自 2020-01-01 起发放的贷款']],
    ['a loan of 2020-01-01', { ...loan, startOn: '2020-01-01' }, small, null, null, []],
    ['a medium-sized borrower', loan, { ...small, sizeClass: 'medium' as const }, null, null, ['中型企业']],
    ['a micro borrower', loan, { ...small, sizeClass: 'micro' as const }, null, null, []],
    ['an unknown borrower', loan, null, null, null, ['不在企业库中']],
    ['a loan after the epidemic ended', { ...loan, startOn: '2020-07-01' }, small, '2020-06-30', null, ['疫情防控期已于 2020-06-30 结束']],
    ['a loan of another type', { ...loan, loanType: 'mortgage' }, small, null, null, ['流动资金贷款和技术改造类项目贷款']],
    ['a real-estate borrower', loan, { ...small, industrySection: 'K' }, null, null, ['房地产业']],
    ['a loan already claimed', loan, small, null, '申请 #7（2020年3月）', ['已在申请 #7（2020年3月）中申请补偿']],
  ] as const)('%s', (_name, l, b, end, claimed, reasons) => {
    const r = checkRiskCompensationEligibility(l, b, params, end, claimed);
    expect(r.eligible).toBe(reasons.length === 0);
    reasons.forEach((text, i) => expect(r.reasons[i]).toContain(text));
  });

  it('names the clause in a policy refusal', () => {
    expect(checkRiskCompensationEligibility({ ...loan, startOn: '2019-12-31' }, small, params, null).reasons[0]).toMatch(/^鲁工信发〔2020〕1号 第一条：/);
  });

  it('checks the loan facts themselves', () => {
    expect(checkRiskCompensationLoanConsistency(loan)).toEqual([]);
    expect(checkRiskCompensationLoanConsistency({ ...loan, maturityOn: '2020-01-01' }).map((p) => p.field)).toEqual(['maturityOn']);
    expect(checkRiskCompensationLoanConsistency({ ...loan, nonPerformingPrincipalFen: 100_000_001 }).map((p) => p.field)).toEqual(['nonPerformingPrincipalFen']);
  });
});

describe('compensation = non-performing principal × 30%, half up to the fen, within caps', () => {
  it.each([
    [80_000_000, 24_000_000],
    [1, 0],
    [2, 1], // 0.6 fen rounds half up to 1
    [5, 2], // 1.5 fen → 2
    [333_333, 100_000],
  ])('principal %i fen → %i fen', (p, expected) => {
    expect(computeRiskCompensationAmounts([p], params)[0]!.compensationFen).toBe(expected);
  });

  it('floors when the preset says so', () => {
    expect(computeRiskCompensationAmounts([5], { ...params, roundingRule: 'floor' })[0]!.compensationFen).toBe(1);
  });

  it('applies the per-loan cap and what is left of the per-bank cap', () => {
    const r = computeRiskCompensationAmounts([100_000_000, 100_000_000, 100_000_000], { ...params, perLoanCapFen: 20_000_000, perBankCapFen: 50_000_000 }, 5_000_000);
    expect(r.map((x) => x.compensationFen)).toEqual([20_000_000, 20_000_000, 5_000_000]);
    expect(r.map((x) => x.capped)).toEqual(['per-loan', 'per-loan', 'per-bank']);
  });
});

describe('FG decisions item by item', () => {
  it.each([
    [{ outcome: 'approved' as const }, { approvedFen: 3000 }],
    [{ outcome: 'cut' as const, approvedFen: 2000, reason: '部分本金已收回' }, { approvedFen: 2000 }],
    [{ outcome: 'cut' as const, approvedFen: 2000 }, { error: '核减须填写理由' }],
    [{ outcome: 'cut' as const, approvedFen: 3000, reason: 'x' }, { error: '核减后的核定金额应小于申请金额' }],
    [{ outcome: 'refused' as const, reason: '非小微企业' }, { approvedFen: 0 }],
    [{ outcome: 'refused' as const }, { error: '不予补偿须填写理由' }],
  ])('%o', (d, expected) => {
    expect(resolveRiskCompensationDecision(3000, d)).toEqual(expected);
  });
});

describe('the disbursement plan: one row per bank × city, totals that reconcile', () => {
  it('aggregates and skips refused items', () => {
    const a = { bankOrgId: 1, bankName: '工商银行', principalFen: 100, claimedFen: 30, approvedFen: 30 };
    const r = aggregateRiskCompensationPlan([
      { ...a, cityCode: '370100', cityName: '济南市' },
      { ...a, cityCode: '370100', cityName: '济南市', approvedFen: 20 },
      { ...a, cityCode: '370200', cityName: '青岛市' },
      { ...a, cityCode: '370200', cityName: '青岛市', approvedFen: 0 },
      { ...a, bankOrgId: 2, bankName: '农业银行', cityCode: '370100', cityName: '济南市' },
    ]);
    expect(r.rows.map((x) => [x.bankName, x.cityCode, x.items, x.approvedFen])).toEqual([
      ['工商银行', '370100', 2, 50], ['工商银行', '370200', 1, 30], ['农业银行', '370100', 1, 30],
    ]);
    expect(r.totals).toEqual({ items: 4, principalFen: 400, claimedFen: 120, approvedFen: 110 });
    expect(r.byCity).toEqual([{ cityCode: '370100', cityName: '济南市', approvedFen: 80, items: 3 }, { cityCode: '370200', cityName: '青岛市', approvedFen: 30, items: 1 }]);
  });
});

describe('the workflow', () => {
  it('is consistent', () => {
    expect(checkWorkflow(riskCompensationWorkflow)).toEqual([]);
  });
  const facts = { state: 'draft', ownerOrgId: 10, holderOrgId: 10, submittedBy: null, held: false, data: { month: '2020-01', windowClosesOn: '2020-02-07' } };
  const bank = { userId: 1, orgId: 10, orgKind: 'bank' as const, roles: ['operator' as const] };
  it.each([
    ['2020-02-07', null],
    ['2020-02-08', 'GUARD'],
  ])('submits a January claim on %s', (today, code) => {
    expect(refuseAction(riskCompensationWorkflow, 'submit', facts, bank, { data: { today } }, { fromMeasure: true })?.code ?? null).toBe(code);
  });
  it('lets a bank open the claim of the current month, but not submit it before the month ends', () => {
    expect(checkRiskCompensationWindow('2020-01', '2020-02-07', '2020-01-20', false)).toBeNull();
    expect(checkRiskCompensationWindow('2020-01', '2020-02-07', '2020-01-20', true)).toContain('尚未结束');
  });
  it('lets a returned claim be resubmitted after the window', () => {
    expect(refuseAction(riskCompensationWorkflow, 'submit', { ...facts, state: 'revision', data: { ...facts.data, submittedOn: '2020-02-05' } }, bank, { data: { today: '2020-03-01' } }, { fromMeasure: true })).toBeNull();
  });
  it('takes submission off the generic route: a client cannot choose the day the window is checked against', () => {
    expect(refuseAction(riskCompensationWorkflow, 'submit', facts, bank, { data: { today: '2020-02-07' } })).toEqual({
      code: 'MEASURE_ROUTE_ONLY', message: '请在“贷款风险补偿·补偿申请”页面办理「提交申报」',
    });
  });
  it('refuses FG steps outside the measure page, whatever the input says, and by another kind', () => {
    const fg = { userId: 2, orgId: 20, orgKind: 'finance-group' as const, roles: ['reviewer' as const] };
    const inReview = { ...facts, state: 'fg_review', holderOrgId: 20, submittedBy: 1 };
    expect(refuseAction(riskCompensationWorkflow, 'fg-approve', inReview, fg, { data: {} })?.code).toBe('MEASURE_ROUTE_ONLY');
    // The old marker no longer opens the route.
    expect(refuseAction(riskCompensationWorkflow, 'fg-approve', inReview, fg, { data: { via: 'risk-compensation' } })?.code).toBe('MEASURE_ROUTE_ONLY');
    expect(refuseAction(riskCompensationWorkflow, 'fg-approve', inReview, fg, { data: {} }, { fromMeasure: true })).toBeNull();
    expect(refuseAction(riskCompensationWorkflow, 'fg-approve', inReview, bank, {}, { fromMeasure: true })?.code).toBe('NOT_HOLDER');
    // Returns and rejections stay on the generic route.
    expect(refuseAction(riskCompensationWorkflow, 'fg-return', inReview, fg, { comment: '请补充材料' })).toBeNull();
  });
});
