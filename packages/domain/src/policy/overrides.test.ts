import { describe, expect, it } from 'vitest';
import presetJson from '../../../../presets/lu-gongxin-fa-2020-1.json';
import {
  isInEpidemicPeriod,
  resolveEpidemicPeriod,
  resolveParameter,
  snapshotParameters,
  validateOverride,
  type EpidemicPeriodEndOverride,
  type ParameterOverride,
  type PresetOverride,
} from './overrides';
import { assertPreset } from './preset';

const preset = assertPreset(presetJson);

const ratioTo25: ParameterOverride = {
  measure: 'risk-compensation',
  key: 'compensationRatioPpm',
  value: 250_000,
  effectiveFrom: '2020-07-01',
  reason: '示例：补偿比例调整为25%',
};
const ratioTo20: ParameterOverride = { ...ratioTo25, value: 200_000, effectiveFrom: '2020-10-01', reason: '示例：再调整为20%' };
const capSet: ParameterOverride = {
  measure: 'risk-compensation',
  key: 'perLoanCapFen',
  value: 100_000_000,
  effectiveFrom: '2020-07-01',
  reason: '示例：单笔上限100万元',
};
const endDeclared: EpidemicPeriodEndOverride = {
  target: 'epidemicPeriodEnd',
  value: '2020-06-30',
  effectiveFrom: '2020-07-05',
  reason: '示例：宣布疫情防控期于2020-06-30结束',
};

describe('resolveParameter', () => {
  const overrides: PresetOverride[] = [ratioTo20, capSet, ratioTo25, endDeclared];

  it.each([
    ['2020-02-17', 300_000, 'preset'],
    ['2020-06-30', 300_000, 'preset'],
    ['2020-07-01', 250_000, '2020-07-01'],
    ['2020-09-30', 250_000, '2020-07-01'],
    ['2020-10-01', 200_000, '2020-10-01'],
    ['2024-01-01', 200_000, '2020-10-01'],
  ] as const)('on %s the ratio is %i (from %s)', (onDate, value, from) => {
    const resolved = resolveParameter(preset, overrides, 'risk-compensation', 'compensationRatioPpm', onDate);
    const typed: number = resolved.value;
    expect(typed).toBe(value);
    expect(resolved.source === 'preset' ? 'preset' : resolved.source.effectiveFrom).toBe(from);
  });

  it('leaves other keys and measures alone', () => {
    expect(resolveParameter(preset, overrides, 'risk-compensation', 'fgReviewWorkingDays', '2021-01-01')).toEqual({ value: 10, source: 'preset' });
    expect(resolveParameter(preset, overrides, 'guarantee', 'maxAnnualFeeRatePpm', '2021-01-01').value).toBe(10_000);
    expect(resolveParameter(preset, overrides, 'risk-compensation', 'perLoanCapFen', '2020-06-30').value).toBeNull();
    expect(resolveParameter(preset, overrides, 'risk-compensation', 'perLoanCapFen', '2020-07-01').value).toBe(100_000_000);
  });

  it('takes the later-recorded of two overrides with the same effective date', () => {
    const correction: ParameterOverride = { ...ratioTo25, value: 260_000, reason: '示例：当日更正' };
    expect(resolveParameter(preset, [ratioTo25, correction], 'risk-compensation', 'compensationRatioPpm', '2020-07-01').value).toBe(260_000);
    expect(resolveParameter(preset, [correction, ratioTo25], 'risk-compensation', 'compensationRatioPpm', '2020-07-01').value).toBe(250_000);
  });

  it('snapshots every parameter of a measure as decided on a date', () => {
    const before = snapshotParameters(preset, overrides, 'risk-compensation', '2020-06-30');
    const after = snapshotParameters(preset, overrides, 'risk-compensation', '2020-07-01');
    expect(before.compensationRatioPpm).toBe(300_000);
    expect(after.compensationRatioPpm).toBe(250_000);
    expect(after.perLoanCapFen).toBe(100_000_000);
    expect(after.claimWindowWorkingDaysAfterMonthEnd).toBe(5);
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length);
  });

  it('refuses a bad date and a stored override whose value does not fit', () => {
    expect(() => resolveParameter(preset, [], 'guarantee', 'maxAnnualFeeRatePpm', '2020-13-01')).toThrow(RangeError);
    const broken: ParameterOverride = { ...ratioTo25, value: '25%' };
    expect(() => resolveParameter(preset, [broken], 'risk-compensation', 'compensationRatioPpm', '2020-08-01')).toThrow(
      '第一条 贷款风险补偿 参数 compensationRatioPpm 自 2020-07-01 起的调整值无效',
    );
  });
});

describe('the epidemic period', () => {
  const overrides: PresetOverride[] = [ratioTo25, endDeclared];

  it('is open until an end is declared, and the declaration applies from its effective date', () => {
    expect(resolveEpidemicPeriod(preset, overrides, '2020-07-04')).toEqual({ start: '2020-01-01', end: null, source: 'preset' });
    expect(resolveEpidemicPeriod(preset, overrides, '2020-07-05')).toMatchObject({ start: '2020-01-01', end: '2020-06-30', source: endDeclared });
  });

  it.each([
    ['2019-12-31', '2019-12-31', false],
    ['2020-01-01', '2020-01-01', true],
    ['2020-06-30', '2020-07-10', true],
    ['2020-07-01', '2020-07-10', false],
    // A loan of 2020-07-01 decided on 2020-07-04, before the end was declared, stays inside.
    ['2020-07-01', '2020-07-04', true],
    ['2021-03-01', '2020-07-04', true],
  ] as const)('date %s decided on %s → %s', (date, decidedOn, inside) => {
    expect(isInEpidemicPeriod(preset, overrides, date, decidedOn)).toBe(inside);
  });

  it('uses the date itself as the decision date by default, and a withdrawn end reopens the period', () => {
    expect(isInEpidemicPeriod(preset, overrides, '2020-07-06')).toBe(false);
    const withdrawn: EpidemicPeriodEndOverride = { ...endDeclared, value: null, effectiveFrom: '2020-08-01', reason: '示例：撤回' };
    expect(isInEpidemicPeriod(preset, [...overrides, withdrawn], '2020-08-02')).toBe(true);
  });
});

describe('validateOverride', () => {
  it('accepts a well-formed parameter change and a period end', () => {
    expect(validateOverride(preset, ratioTo25)).toEqual({ ok: true, override: ratioTo25 });
    expect(validateOverride(preset, { ...capSet, value: null }).ok).toBe(true);
    expect(validateOverride(preset, endDeclared, { today: '2020-07-05' })).toEqual({ ok: true, override: endDeclared });
  });

  it.each([
    [{ ...ratioTo25, measure: 'appeals' }, 'measure', '应为以下措施类型之一'],
    [{ ...ratioTo25, key: 'ratio' }, 'key', '第一条 贷款风险补偿 没有参数 "ratio"'],
    [{ ...ratioTo25, value: 0.25 }, 'value', '应为整数（ppm）'],
    [{ ...ratioTo25, value: 1_500_000 }, 'value', '应在 0 至 1000000 之间'],
    [{ ...ratioTo25, key: 'loanStartFrom', value: '2020-02-30' }, 'value', '应为有效日期'],
    [{ ...ratioTo25, key: 'roundingRule', value: 'ceil' }, 'value', '应为以下之一：half_up'],
    [{ ...ratioTo25, key: 'borrowerSizes', value: ['small', 'small'] }, 'value', '不能有重复项'],
    [{ ...ratioTo25, key: 'borrowerSizes', value: ['small', 'large'] }, 'value[1]', '应为以下之一'],
    [{ ...ratioTo25, key: 'fgReviewWorkingDays', value: null }, 'value', '应为整数（工作日）'],
    [{ ...ratioTo25, effectiveFrom: '2020-7-1' }, 'effectiveFrom', '应为有效日期'],
    [{ ...ratioTo25, reason: '  ' }, 'reason', '不能为空'],
    [{ measure: 'guarantee', key: 'maxAnnualFeeRatePpm', effectiveFrom: '2020-07-01', reason: 'x' }, 'value', '缺少此项'],
    [{ ...ratioTo25, extra: 1 }, 'extra', '未知字段'],
    [{ ...endDeclared, value: '2019-12-01' }, 'value', '不得早于疫情防控期开始日期 2020-01-01'],
    [{ ...endDeclared, value: '2020-06-31' }, 'value', '应为有效日期'],
    [{ ...endDeclared, measure: 'guarantee' }, 'measure', '未知字段'],
  ])('rejects %j at %s', (input, path, message) => {
    const result = validateOverride(preset, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.filter((e) => e.path === path).map((e) => e.message).join(' | ')).toContain(message);
  });

  it('refuses an effective date before today when today is given', () => {
    const result = validateOverride(preset, ratioTo25, { today: '2020-07-02' });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'effectiveFrom', message: '生效日期不得早于今天 2020-07-02；已作出决定的案件保留原值，不能追溯调整' }],
    });
    expect(validateOverride(preset, ratioTo25, { today: '2020-07-01' }).ok).toBe(true);
  });

  it('rejects input that is not an object', () => {
    expect(validateOverride(preset, null)).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });
});
