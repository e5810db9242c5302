import { describe, expect, it } from 'vitest';
import presetJson from '../../../../../presets/lu-gongxin-fa-2020-1.json';
import { defaultCalendar } from '../../calendar/index';
import { computeDeadline } from '../../cases/deadline';
import { refuseAction } from '../../cases/engine-rules';
import { checkWorkflow } from '../../cases/workflow';
import { assertPreset } from '../../policy/preset';
import { getParameter } from '../../policy/preset-access';
import {
  bridgeLoanGreenDueOn, bridgeLoanRepaymentDueOn, checkBridgeLoanApplication, computeBridgeLoanFee, decideBridgeLoanFee, isBridgeLoanGreenOnTime, type BridgeLoanParams,
} from './rules';
import { bridgeLoanWorkflow } from './workflow';

const preset = assertPreset(presetJson);
const params: BridgeLoanParams = {
  epidemicFeeCapPpm: getParameter(preset, 'bridge-loan', 'epidemicFeeCapPpm'),
  feeBasis: getParameter(preset, 'bridge-loan', 'feeBasis'),
  normalFeeRatePpm: getParameter(preset, 'bridge-loan', 'normalFeeRatePpm'),
  normalAcceptanceWorkingDays: getParameter(preset, 'bridge-loan', 'normalAcceptanceWorkingDays'),
  maxTermDays: getParameter(preset, 'bridge-loan', 'maxTermDays'),
  eligibleLoanTypes: getParameter(preset, 'bridge-loan', 'eligibleLoanTypes'),
  requiresRenewalCommitment: getParameter(preset, 'bridge-loan', 'requiresRenewalCommitment'),
  roundingRule: getParameter(preset, 'bridge-loan', 'roundingRule'),
};
const snapshot = { normalAcceptanceWorkingDays: params.normalAcceptanceWorkingDays };

describe('bridge-loan workflow', () => {
  it('is consistent', () => {
    expect(checkWorkflow(bridgeLoanWorkflow)).toEqual([]);
  });

  it('is moved only by the measure service: every step is taken on the application page', () => {
    expect(Object.entries(bridgeLoanWorkflow.actions).filter(([, a]) => !a.measureRouteOnly).map(([k]) => k)).toEqual([]);
    const c = { state: 'submitted', ownerOrgId: 1, holderOrgId: 2, submittedBy: 10, held: false, data: {} };
    const actor = { userId: 20, orgId: 2, orgKind: 'bridge-operator' as const, roles: ['operator' as const] };
    const generic = refuseAction(bridgeLoanWorkflow, 'accept', c, actor, { data: { feeRatePpm: 800 } });
    expect(generic).toEqual({ code: 'MEASURE_ROUTE_ONLY', message: '请在“应急转贷·转贷申请”页面办理「受理」' });
    expect(refuseAction(bridgeLoanWorkflow, 'accept', c, actor, { data: { feeRatePpm: 800 } }, { fromMeasure: true })).toBeNull();
    // A bank cannot accept in the operator's place, from either route.
    expect(refuseAction(bridgeLoanWorkflow, 'accept', c, { ...actor, orgId: 3, orgKind: 'bank' }, {})?.code).toBe('NOT_HOLDER');
    expect(refuseAction(bridgeLoanWorkflow, 'accept', c, { ...actor, orgId: 3, orgKind: 'bank' }, {}, { fromMeasure: true })?.code).toBe('NOT_HOLDER');
  });
});

describe('bridge-loan deadlines (第二条 当日受理办结)', () => {
  const submitted = bridgeLoanWorkflow.states.submitted!.deadline!;
  it.each([
    // [entered on, green, due on, why]
    ['2020-02-10', true, '2020-02-10', 'a Monday: the same day'],
    ['2020-02-15', true, '2020-02-17', 'a Saturday application: due the next working day, Monday'],
    ['2020-01-31', true, '2020-02-03', 'the extended Spring Festival holiday (31 Jan–2 Feb): due Monday 3 Feb'],
    ['2020-02-10', false, '2020-02-13', 'not on the list: 3 working days (preset)'],
    ['2020-02-15', false, '2020-02-19', 'not on the list, on a Saturday: Mon–Wed'],
  ])('entered %s green=%s → due %s (%s)', (enteredOn, green, dueOn) => {
    const d = computeDeadline(submitted, enteredOn, defaultCalendar, { greenChannel: green }, snapshot);
    expect(d.dueOn).toBe(dueOn);
    expect(bridgeLoanWorkflow.states.confirmed!.deadline).toEqual(submitted);
  });

  it('ends at 24:00 Asia/Shanghai of a Saturday application\'s working day', () => {
    expect(computeDeadline(submitted, '2020-02-15', defaultCalendar, { greenChannel: true }, snapshot).dueAt).toBe('2020-02-17T16:00:00.000Z');
    expect(bridgeLoanGreenDueOn(defaultCalendar, '2020-02-15')).toBe('2020-02-17');
  });

  it.each([
    ['2020-02-17', '2020-02-17', true],
    ['2020-02-17', '2020-02-18', false],
    ['2020-02-17', null, false],
  ])('green due %s, disbursed %s → on time %s', (due, disbursed, onTime) => {
    expect(isBridgeLoanGreenOnTime(due, disbursed)).toBe(onTime);
  });

  it('repayment falls due the days granted after disbursement, across month ends', () => {
    expect(bridgeLoanRepaymentDueOn('2020-02-25', 5)).toBe('2020-03-01');
  });
});

describe('bridge-loan fee (第二条 0.08%以下)', () => {
  it('reads the cap and basis from the preset', () => {
    expect(params.epidemicFeeCapPpm).toBe(800);
    expect(params.feeBasis).toBe('per_transaction');
  });

  it.each([
    // [amount fen, days, rate ppm, basis, fee fen]
    [100_000_000, 5, 800, 'per_transaction', 80_000],
    [100_000_000, 5, 800, 'per_day', 400_000],
    [12_345_678, 3, 800, 'per_transaction', 9_877], // 9876.5424 → half up
    [1_000_000_000, 10, 500, 'per_transaction', 500_000],
  ] as const)('%i fen for %i days at %i ppm %s = %i fen', (amount, days, rate, basis, fee) => {
    expect(computeBridgeLoanFee(amount, days, rate, basis)).toBe(fee);
  });

  it('rounds down when the preset says floor', () => {
    expect(computeBridgeLoanFee(12_345_678, 3, 800, 'per_transaction', 'floor')).toBe(9_876);
  });

  const base = { amountFen: 100_000_000, days: 5, inEpidemicPeriod: true };
  it.each([
    ['rate at the cap', { ratePpm: 800 }, { ok: true, feeFen: 80_000 }],
    ['fee entered at the cap', { ratePpm: 800, feeFen: 80_000 }, { ok: true, feeFen: 80_000 }],
    ['fee entered one fen over the cap', { ratePpm: 800, feeFen: 80_001 }, { ok: false, field: 'feeFen' }],
    ['rate one ppm over the cap', { ratePpm: 801 }, { ok: false, field: 'feeRatePpm' }],
    ['a lower negotiated fee', { ratePpm: 800, feeFen: 50_000 }, { ok: true, feeFen: 50_000 }],
    ['fee above what a lower rate gives', { ratePpm: 500, feeFen: 50_001 }, { ok: false, field: 'feeFen' }],
  ] as const)('%s', (_name, input, expected) => {
    const r = decideBridgeLoanFee(params, { ...base, ...input });
    expect(r).toMatchObject(expected);
    if (!r.ok && r.field === 'feeRatePpm') expect(r.message).toContain('鲁工信发〔2020〕1号 第二条：疫情期间转贷基金使用优惠费率标准（0.08%以下）');
  });

  it('names the cap and the entered fee in 元 as the form shows them', () => {
    const r = decideBridgeLoanFee(params, { ...base, amountFen: 300_000_000_000, ratePpm: 800, feeFen: 240_000_001 });
    expect(r).toMatchObject({ ok: false, field: 'feeFen' });
    expect(!r.ok && r.message).toBe('鲁工信发〔2020〕1号 第二条：疫情期间转贷基金使用优惠费率标准（0.08%以下），本笔转贷费最多 2,400,000.00 元，录入的 2,400,000.01 元超过上限');
  });

  it('does not cap the rate outside the epidemic period', () => {
    expect(decideBridgeLoanFee(params, { ...base, inEpidemicPeriod: false, ratePpm: 1_000 })).toMatchObject({ ok: true, feeFen: 100_000, maxFeeFen: null });
  });
});

describe('bridge-loan intake', () => {
  const ok = { loanType: 'working_capital', loanAmountFen: 500_000_000, loanMaturityOn: '2020-02-20', bridgeAmountFen: 500_000_000, bridgeDays: 5, hasRenewalCommitment: true };
  it.each([
    ['a complete working-capital application', {}, []],
    ['a project loan', { loanType: 'technical_renovation' }, ['loanType']],
    ['a bridge above the loan', { bridgeAmountFen: 500_000_001 }, ['bridgeAmountFen']],
    ['16 days, one over the maximum', { bridgeDays: 16 }, ['bridgeDays']],
    ['a loan already past due', { loanMaturityOn: '2020-02-09' }, ['loanMaturityOn']],
    ['no renewal commitment', { hasRenewalCommitment: false }, ['renewalCommitment']],
  ] as const)('%s', (_n, change, fields) => {
    expect(checkBridgeLoanApplication(params, { ...ok, ...change }, '2020-02-10').map((p) => p.field)).toEqual(fields);
  });
});
