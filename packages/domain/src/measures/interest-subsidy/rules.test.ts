import { describe, expect, it } from 'vitest';
import { checkWorkflow } from '../../cases/workflow';
import presetJson from '../../../../../presets/lu-gongxin-fa-2020-1.json';
import { assertPreset, snapshotParameters } from '../../policy/index';
import {
  checkInterestSubsidyContract, computeInterestSubsidy, interestSubsidyContractKey, interestSubsidyNoticeEndsOn, interestSubsidyNoticeFirstDay, interestSubsidyObjectionRefusal, interestSubsidyPayRefusal, interestSubsidyReportLate, type InterestSubsidyParams, runsInterestSubsidyNotices,
} from './rules';
import { interestSubsidyReportWorkflow, interestSubsidyWorkflow } from './workflow';

const preset = assertPreset(presetJson);
const p = snapshotParameters(preset, [], 'interest-subsidy', '2020-02-10') as unknown as InterestSubsidyParams;
const open = { start: '2020-01-01', end: null };

describe('贷款贴息 rules (鲁工信发〔2020〕1号 第五条)', () => {
  it('reads the preset: 50% of the actual rate, at most 365 days, basis 360, report by 2020-05-31', () => {
    expect(p.subsidyShareOfRatePpm).toBe(500_000);
    expect(p.maxSubsidyDays).toBe(365);
    expect(p.dayCountBasis).toBe(360);
    expect(p.contractEffectiveFrom).toBe('2020-01-01');
    expect(p.cityReportDeadline).toBe('2020-05-31');
    expect(p.publicNoticeDays).toBe(7);
  });

  it.each([
    // effectiveOn, period end, refused?
    ['2019-12-31', null, /2020年1月1日（含当日）后疫情防控期内新生效/],
    ['2020-01-01', null, null],
    ['2020-02-07', null, null],
    ['2020-06-01', '2020-05-31', /须在疫情防控期内生效（疫情防控期2020年1月1日至2020年5月31日），该合同生效日为2020年6月1日$/],
    ['2020-05-31', '2020-05-31', null],
  ] as const)('contract effective %s (period ends %s)', (effectiveOn, end, refused) => {
    const r = checkInterestSubsidyContract({ effectiveOn, drawdownOn: effectiveOn, maturityOn: '2021-06-30' }, p, { start: '2020-01-01', end });
    if (refused) {
      expect(r).toMatch(refused);
      expect(r).toMatch(/^鲁工信发〔2020〕1号 第五条：/);
    } else expect(r).toBeNull();
  });

  it('refuses a contract of 2019-12-31, naming the clause and the date', () => {
    expect(checkInterestSubsidyContract({ effectiveOn: '2019-12-31', drawdownOn: '2020-01-02', maturityOn: '2021-01-02' }, p, open))
      .toBe('鲁工信发〔2020〕1号 第五条：只有2020年1月1日（含当日）后疫情防控期内新生效的贷款合同可申请贴息，该合同生效日为2019年12月31日');
  });

  it('refuses drawdown before the contract and maturity not after drawdown', () => {
    expect(checkInterestSubsidyContract({ effectiveOn: '2020-02-01', drawdownOn: '2020-01-31', maturityOn: '2021-01-31' }, p, open)).toBe('放款日不能早于合同生效日');
    expect(checkInterestSubsidyContract({ effectiveOn: '2020-02-01', drawdownOn: '2020-02-01', maturityOn: '2020-02-01' }, p, open)).toBe('到期日应晚于放款日');
  });

  it('a year-long 3.15% loan of 10,000,000 fen (10万元): 159,688 fen', () => {
    // 2020-02-10 → 2021-02-10 is 366 days (2020 is a leap year), capped at 365.
    // 10,000,000 × 3.15% × 50% × 365 / 360 = 157,500 × 365/360 = 159,687.5 fen → half-up 159,688 fen (1,596.88 元).
    const r = computeInterestSubsidy({ principalFen: 10_000_000, annualRatePpm: 31_500, drawdownOn: '2020-02-10', maturityOn: '2021-02-10' }, p);
    expect(r).toEqual({ daysOutstanding: 366, subsidyDays: 365, subsidyRatePpm: 15_750, formulaFen: 159_688, paidCapFen: null, amountFen: 159_688 });
  });

  it.each([
    // principal, rate ppm, drawdown, maturity, paid, expected amount, why
    [10_000_000, 31_500, '2020-03-01', '2020-09-01', null, 80_500, '184 days: 10,000,000 × 0.0315 × 0.5 × 184/360 = 80,500'],
    [100_000_000, 38_500, '2020-02-20', '2021-02-20', null, 1_951_736, '365 of 366 days: 100,000,000 × 0.0385 × 0.5 × 365/360 = 1,951,736.1 → 1,951,736'],
    [10_000_000, 31_500, '2020-02-10', '2021-02-10', 200_000, 100_000, 'capped at half of the interest paid (200,000 → 100,000)'],
    [10_000_000, 31_500, '2020-02-10', '2021-02-10', 400_000, 159_688, 'half of paid (200,000) above the formula: the formula'],
    [1, 1, '2020-02-10', '2020-02-11', null, 0, 'rounds half-up to whole fen'],
  ] as [number, number, string, string, number | null, number, string][])('principal %i fen at %i ppm from %s to %s (paid %s) → %i fen', (principalFen, annualRatePpm, drawdownOn, maturityOn, interestPaidFen, amount) => {
    expect(computeInterestSubsidy({ principalFen, annualRatePpm, drawdownOn, maturityOn, interestPaidFen }, p).amountFen).toBe(amount);
  });

  it('never uses floats: a principal near 2^53 stays exact', () => {
    const r = computeInterestSubsidy({ principalFen: 9_000_000_000_000, annualRatePpm: 36_000, drawdownOn: '2020-01-02', maturityOn: '2020-12-28' }, p);
    // 9e12 × 0.036 × 0.5 × 361/360 = 162,450,000,000
    expect(r.amountFen).toBe(162_450_000_000);
  });

  it('one subsidy per contract: the key ignores spaces, width and case', () => {
    expect(interestSubsidyContractKey('工商银行 济南分行', 'jk-2020-001')).toBe(interestSubsidyContractKey('工商银行济南分行', 'ＪＫ-2020-001'));
  });

  it('report lateness against 2020-05-31 (inclusive)', () => {
    expect(interestSubsidyReportLate('2020-05-31', '2020-05-31', '2020-06-02')).toBe(false);
    expect(interestSubsidyReportLate('2020-05-31', '2020-06-01', '2020-06-02')).toBe(true);
    expect(interestSubsidyReportLate('2020-05-31', null, '2020-05-31')).toBe(false);
    expect(interestSubsidyReportLate('2020-05-31', null, '2020-06-01')).toBe(true);
  });

  it('公示 of 7 calendar days from 2020-06-10 ends on 2020-06-17', () => {
    expect(interestSubsidyNoticeEndsOn('2020-06-10', 7)).toBe('2020-06-17');
  });

  it('the workflows are consistent', () => {
    expect(checkWorkflow(interestSubsidyWorkflow)).toEqual([]);
    expect(checkWorkflow(interestSubsidyReportWorkflow)).toEqual([]);
  });

  it('leaves the 公示, objections and payment to 省工信厅 alone', () => {
    expect(runsInterestSubsidyNotices({ kind: 'department', code: 'DEPT' })).toBe(true);
    expect(runsInterestSubsidyNotices({ kind: 'department', code: 'FIN' })).toBe(false);
    expect(runsInterestSubsidyNotices({ kind: 'province', code: 'DEPT' })).toBe(false);
    expect(runsInterestSubsidyNotices({ kind: 'city', code: '370100' })).toBe(false);
  });

  it('counts the 公示 from the day after publication: objections through its last day, payment after it', () => {
    const n = { startsOn: '2020-02-10', endsOn: interestSubsidyNoticeEndsOn('2020-02-10', 7), openObjections: 0 };
    expect(interestSubsidyNoticeFirstDay(n.startsOn)).toBe('2020-02-11');
    expect(n.endsOn).toBe('2020-02-17');
    expect(interestSubsidyObjectionRefusal(n, '2020-02-17')).toBeNull();
    expect(interestSubsidyObjectionRefusal(n, '2020-02-18')).toBe('公示期已于2020年2月17日结束，不再受理异议');
    expect(interestSubsidyPayRefusal(n, '2020-02-17')).toEqual({ code: 'NOTICE_OPEN', message: '公示于2020年2月10日发布，公示期至2020年2月17日，期满后方可拨付' });
    expect(interestSubsidyPayRefusal(n, '2020-02-18')).toBeNull();
    expect(interestSubsidyPayRefusal({ ...n, openObjections: 2 }, '2020-02-18')).toEqual({ code: 'OBJECTIONS_OPEN', message: '尚有 2 件异议未答复，答复后方可拨付' });
  });
});
