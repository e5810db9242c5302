import { describe, expect, it } from 'vitest';
import presetJson from '../../../../../presets/lu-gongxin-fa-2020-1.json';
import { checkWorkflow } from '../../cases/workflow';
import { snapshotParameters } from '../../policy/overrides';
import { assertPreset } from '../../policy/preset';
import {
  guaranteeAnnualFeeFen, guaranteeCompensationRefusal, guaranteeEndOn, guaranteeExtensionRefusal, guaranteeFilingRefusals, guaranteeIndicators,
  guaranteeIsRewardFundedOn, guaranteePeriodRange, guaranteeRateText, guaranteeRecoveryDueOn, guaranteeRecoveryStatus, guaranteeRewardBase,
  type GuaranteeVolumeItem,
} from './rules';
import { guaranteeExtensionWorkflow } from './workflow';

const preset = assertPreset(presetJson);
// The policy's own numbers, read from the preset as the server does.
const p = snapshotParameters(preset, [], 'guarantee', '2020-02-17');
const open = preset.epidemicPeriod; // 2020-01-01, not yet declared over
const ended = { start: '2020-01-01', end: '2020-12-31' };

describe('preset numbers the rules read', () => {
  it('caps the fee at 1% = 10,000 ppm, forbids counter-guarantees, 500万元 single-firm, 80%/50% shares, 1095 days', () => {
    expect(p.maxAnnualFeeRatePpm).toBe(10_000);
    expect(p.counterGuaranteeAllowed).toBe(false);
    expect(p.singleFirmCapFen).toBe(500_000_000);
    expect(p.smallMicroAgriShareMinPpm).toBe(800_000);
    expect(p.singleFirmUnderCapShareMinPpm).toBe(500_000);
    expect(p.defaultRecoveryPeriodDays).toBe(1095);
    expect(open.start).toBe('2020-01-01');
  });
});

describe('鲁工信发〔2020〕1号 第四条: fee cap and counter-guarantee', () => {
  const cases: { name: string; fee: number; counter: boolean; start: string; funded: boolean; period?: typeof ended; codes: string[] }[] = [
    { name: 'fee 1.01% refused for a funded institution', fee: 10_100, counter: false, start: '2020-02-17', funded: true, codes: ['FEE_OVER_CAP'] },
    { name: 'fee 1.01% accepted for an unfunded one', fee: 10_100, counter: false, start: '2020-02-17', funded: false, codes: [] },
    { name: 'fee exactly 1% accepted (不超过 includes the bound)', fee: 10_000, counter: false, start: '2020-02-17', funded: true, codes: [] },
    { name: 'fee 0.8% accepted', fee: 8_000, counter: false, start: '2020-02-17', funded: true, codes: [] },
    { name: 'fee 1.5% refused', fee: 15_000, counter: false, start: '2020-02-17', funded: true, codes: ['FEE_OVER_CAP'] },
    { name: 'counter-guarantee refused for a funded institution', fee: 8_000, counter: true, start: '2020-02-17', funded: true, codes: ['COUNTER_GUARANTEE'] },
    { name: 'both refused together', fee: 15_000, counter: true, start: '2020-02-17', funded: true, codes: ['FEE_OVER_CAP', 'COUNTER_GUARANTEE'] },
    { name: 'counter-guarantee accepted for an unfunded institution', fee: 15_000, counter: true, start: '2020-02-17', funded: false, codes: [] },
    { name: 'start 2019-12-31 lies before the epidemic period: not bound', fee: 15_000, counter: true, start: '2019-12-31', funded: true, codes: [] },
    { name: 'start 2020-01-01, first day of the period: bound', fee: 10_001, counter: false, start: '2020-01-01', funded: true, codes: ['FEE_OVER_CAP'] },
    { name: 'start after the declared end: not bound', fee: 15_000, counter: true, start: '2021-01-04', funded: true, period: ended, codes: [] },
    { name: 'start on the declared last day: bound', fee: 15_000, counter: false, start: '2020-12-31', funded: true, period: ended, codes: ['FEE_OVER_CAP'] },
  ];
  it.each(cases)('$name', (c) => {
    const r = guaranteeFilingRefusals({ feeRatePpm: c.fee, counterGuarantee: c.counter, startOn: c.start }, c.funded, c.period ?? open, p);
    expect(r.map((x) => x.code)).toEqual(c.codes);
  });

  it('names the clause and the rate of the filing', () => {
    const [fee] = guaranteeFilingRefusals({ feeRatePpm: 15_000, counterGuarantee: false, startOn: '2020-02-17' }, true, open, p);
    expect(fee!.message).toBe('鲁工信发〔2020〕1号 第四条：疫情期间，奖补资金支持的政府性融资担保机构年担保费率不超过1%（本笔 1.50%）');
    expect(fee!.field).toBe('feeRatePpm');
    const [cg] = guaranteeFilingRefusals({ feeRatePpm: 5_000, counterGuarantee: true, startOn: '2020-02-17' }, true, open, p);
    expect(cg!.message).toContain('取消反担保要求');
  });

  it('follows a changed parameter: a cap of 0.8% refuses 1%', () => {
    const r = guaranteeFilingRefusals({ feeRatePpm: 10_000, counterGuarantee: false, startOn: '2020-02-17' }, true, open, { ...p, maxAnnualFeeRatePpm: 8_000 });
    expect(r[0]!.message).toContain('不超过0.8%（本笔 1.00%）');
  });

  it('binds every institution when the preset drops the reward condition', () => {
    expect(guaranteeFilingRefusals({ feeRatePpm: 10_100, counterGuarantee: false, startOn: '2020-02-17' }, false, open, { ...p, feeCapRequiresRewardFunding: false })).toHaveLength(1);
  });
});

describe('reward funding on a date', () => {
  it.each([
    { s: { isGovernment: true, rewardFunded: true, rewardFrom: null, rewardTo: null }, d: '2020-02-17', out: true },
    { s: { isGovernment: false, rewardFunded: true, rewardFrom: null, rewardTo: null }, d: '2020-02-17', out: false },
    { s: { isGovernment: true, rewardFunded: false, rewardFrom: null, rewardTo: null }, d: '2020-02-17', out: false },
    { s: { isGovernment: true, rewardFunded: true, rewardFrom: '2020-03-01', rewardTo: null }, d: '2020-02-29', out: false },
    { s: { isGovernment: true, rewardFunded: true, rewardFrom: '2020-03-01', rewardTo: '2020-12-31' }, d: '2020-12-31', out: true },
    { s: { isGovernment: true, rewardFunded: true, rewardFrom: '2018-01-01', rewardTo: '2020-12-31' }, d: '2021-01-01', out: false },
  ])('$d → $out', ({ s, d, out }) => expect(guaranteeIsRewardFundedOn(s, d)).toBe(out));
});

describe('amounts and dates', () => {
  it('annual fee: 300万元 at 0.8% is 24,000 元', () => expect(guaranteeAnnualFeeFen(300_000_000, 8_000)).toBe(2_400_000));
  it('rate text with two decimals', () => {
    expect(guaranteeRateText(15_000)).toBe('1.50%');
    expect(guaranteeRateText(10_100)).toBe('1.01%');
    expect(guaranteeRateText(8_000)).toBe('0.80%');
    expect(guaranteeRateText(12_345)).toBe('1.2345%');
  });
  it.each([
    ['2020-02-17', 12, '2021-02-17'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2019-11-30', 3, '2020-02-29'],
    ['2020-08-31', 6, '2021-02-28'],
  ])('%s + %i months = %s', (s, m, e) => expect(guaranteeEndOn(s, m)).toBe(e));
  it('recovery deadline: 1095 days after a compensation of 2020-03-10 is 2023-03-10', () => expect(guaranteeRecoveryDueOn('2020-03-10', p)).toBe('2023-03-10'));
  it.each([
    ['2020', '2020-01-01', '2020-12-31'],
    ['2020Q1', '2020-01-01', '2020-03-31'],
    ['2020Q2', '2020-04-01', '2020-06-30'],
    ['2020Q4', '2020-10-01', '2020-12-31'],
  ])('period %s = %s … %s', (period, from, to) => expect(guaranteePeriodRange(period)).toEqual({ from, to }));
  it('refuses a malformed period', () => expect(() => guaranteePeriodRange('2020Q5')).toThrow(RangeError));
});

describe('compensation and recovery', () => {
  const filing = { amountFen: 300_000_000, startOn: '2020-02-17' };
  it.each([
    { c: { paidOn: '2020-06-30', amountFen: 300_000_000, recoveryDueOn: '2023-06-30' }, field: null },
    { c: { paidOn: '2020-06-30', amountFen: 300_000_001, recoveryDueOn: '2023-06-30' }, field: 'amountFen' },
    { c: { paidOn: '2020-02-16', amountFen: 1, recoveryDueOn: '2023-06-30' }, field: 'paidOn' },
    { c: { paidOn: '2020-12-01', amountFen: 1, recoveryDueOn: '2023-06-30' }, field: 'paidOn' },
    { c: { paidOn: '2020-06-30', amountFen: 1, recoveryDueOn: '2020-06-30' }, field: 'recoveryDueOn' },
  ])('$c.paidOn $c.amountFen → $field', ({ c, field }) => expect(guaranteeCompensationRefusal(c, filing, '2020-07-01')?.field ?? null).toBe(field));

  it.each([
    { cur: '2023-03-10', req: '2024-03-10', params: p, field: null },
    { cur: '2023-03-10', req: '2023-03-10', params: p, field: 'requestedDueOn' },
    { cur: '2023-03-10', req: '2023-04-10', params: { ...p, maxRecoveryExtensionDays: 30 }, field: 'requestedDueOn' },
    { cur: '2023-03-10', req: '2023-04-09', params: { ...p, maxRecoveryExtensionDays: 30 }, field: null },
    { cur: '2023-03-10', req: '2024-03-10', params: { ...p, recoveryExtensionAllowed: false }, field: 'requestedDueOn' },
  ])('extension $cur → $req', ({ cur, req, params, field }) => expect(guaranteeExtensionRefusal(cur, req, params)?.field ?? null).toBe(field));

  it.each([
    ['2023-03-10', null, '2023-03-10', 'recovering'],
    ['2023-03-10', null, '2023-03-11', 'overdue'],
    ['2023-03-10', '2021-01-05', '2024-01-01', 'recovered'],
  ] as const)('due %s recovered %s today %s → %s', (due, rec, today, out) => expect(guaranteeRecoveryStatus(due, rec, today)).toBe(out));
});

describe('国办发〔2019〕6号 indicators and the reward base', () => {
  const item = (institutionId: number, enterpriseKey: string, sizeClass: GuaranteeVolumeItem['sizeClass'], amountFen: number, feeRatePpm: number, termMonths = 12): GuaranteeVolumeItem =>
    ({ institutionId, enterpriseKey, sizeClass, amountFen, feeRatePpm, termMonths });
  const book = [
    item(1, 'A', 'small', 300_000_000, 8_000),
    item(1, 'A', 'small', 300_000_000, 10_000), // A totals 600万元: over the 500万元 single-firm line
    item(1, 'B', 'micro', 100_000_000, 5_000, 6),
    item(1, 'C', 'medium', 300_000_000, 15_000),
    item(2, 'D', 'small', 200_000_000, 9_000),
  ];
  it('shares of small/micro and of single firms ≤ 500万元, average fee weighted by volume', () => {
    const i = guaranteeIndicators(book.filter((b) => b.institutionId === 1), p);
    expect(i.totalFen).toBe(1_000_000_000);
    expect(i.smallMicroFen).toBe(700_000_000);
    expect(i.smallMicroSharePpm).toBe(700_000);
    expect(i.meetsSmallMicroShare).toBe(false);
    expect(i.underCapSharePpm).toBe(400_000); // B 100万 + C 300万 of 1000万
    expect(i.meetsUnderCapShare).toBe(false);
    expect(i.firmsOverCap).toBe(1);
    // (300×0.8% + 300×1% + 100×0.5% + 300×1.5%) / 1000 = 1.04%
    expect(i.avgFeeRatePpm).toBe(10_400);
  });
  it('an empty book has no shares', () => {
    const i = guaranteeIndicators([], p);
    expect(i.smallMicroSharePpm).toBeNull();
    expect(i.meetsSmallMicroShare).toBeNull();
  });
  it('reward base counts small and micro only, with annualised volume', () => {
    expect(guaranteeRewardBase(book)).toEqual([
      { institutionId: 1, count: 3, volumeFen: 700_000_000, annualisedFen: 650_000_000, avgFeeRatePpm: 8_429 }, // 5.9万 ÷ 700万 = 0.8429%,
      { institutionId: 2, count: 1, volumeFen: 200_000_000, annualisedFen: 200_000_000, avgFeeRatePpm: 9_000 },
    ]);
  });
});

describe('extension workflow', () => {
  it('is consistent', () => expect(checkWorkflow(guaranteeExtensionWorkflow)).toEqual([]));
  it('is held by DEPT with a working-days deadline', () => {
    expect(guaranteeExtensionWorkflow.states.requested!.holder).toEqual({ type: 'kind', kind: 'department', code: 'DEPT' });
    expect(guaranteeExtensionWorkflow.states.requested!.deadline).toEqual({ kind: 'workingDays', days: 5 });
  });
});
