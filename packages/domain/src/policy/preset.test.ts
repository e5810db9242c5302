import { describe, expect, it } from 'vitest';
import presetJson from '../../../../presets/lu-gongxin-fa-2020-1.json';
import { MEASURE_PARAMETER_SPECS, parameterKeysOf } from './measure-parameters';
import { MEASURE_KINDS } from './measures';
import { getMeasure, getParameter, getParameterDefinition, getParameterSpec, listParameters } from './preset-access';
import { PresetValidationError, assertPreset, parsePreset, type PolicyPreset } from './preset';

// A fresh copy of the real preset for each corruption, edited by the same paths the errors name.
function copy(): unknown {
  return JSON.parse(JSON.stringify(presetJson)) as unknown;
}

function steps(path: string): (string | number)[] {
  return [...path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? String(m[1]) : Number(m[2])));
}

function container(root: unknown, path: string): [Record<string | number, unknown>, string | number] {
  const parts = steps(path);
  const last = parts.pop();
  let node = root;
  for (const part of parts) node = (node as Record<string | number, unknown>)[part];
  if (last === undefined || typeof node !== 'object' || node === null) throw new Error(`bad test path ${path}`);
  return [node as Record<string | number, unknown>, last];
}

function get(root: unknown, path: string): unknown {
  const [node, last] = container(root, path);
  return node[last];
}

function set(root: unknown, path: string, value: unknown): void {
  const [node, last] = container(root, path);
  node[last] = value;
}

function remove(root: unknown, path: string): void {
  const [node, last] = container(root, path);
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else Reflect.deleteProperty(node, last);
}

function errorsOf(json: unknown): { path: string; message: string }[] {
  const result = parsePreset(json);
  if (result.ok) throw new Error('expected the preset to be rejected');
  return result.errors;
}

function expectError(json: unknown, path: string, message: string | RegExp): void {
  const errors = errorsOf(json);
  const atPath = errors.filter((e) => e.path === path);
  expect(atPath, `errors were:\n${errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`).not.toHaveLength(0);
  expect(atPath.map((e) => e.message).some((m) => (typeof message === 'string' ? m.includes(message) : message.test(m)))).toBe(true);
}

describe('the real preset', () => {
  it('parses', () => {
    const result = parsePreset(presetJson);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('has the ten measures in clause order and every spec key', () => {
    const preset = assertPreset(presetJson);
    expect(preset.id).toBe('lu-gongxin-fa-2020-1');
    expect(preset.measures.map((m) => m.kind)).toEqual([...MEASURE_KINDS]);
    for (const kind of MEASURE_KINDS) {
      expect(listParameters(preset, kind).map((p) => p.key)).toEqual(parameterKeysOf(kind));
    }
  });

  it('reads parameters typed by measure and key', () => {
    const preset = assertPreset(presetJson);
    const ratio: number = getParameter(preset, 'risk-compensation', 'compensationRatioPpm');
    const cap: number | null = getParameter(preset, 'risk-compensation', 'perLoanCapFen');
    const basis: 'per_transaction' | 'per_day' = getParameter(preset, 'bridge-loan', 'feeBasis');
    const from: string = getParameter(preset, 'interest-subsidy', 'contractEffectiveFrom');
    expect([ratio, cap, basis, from]).toEqual([300_000, null, 'per_transaction', '2020-01-01']);
    // @ts-expect-error a key of another measure is a compile error
    expect(() => getParameter(preset, 'guarantee', 'compensationRatioPpm')).toThrow('缺少参数 compensationRatioPpm');
    expect(getParameterDefinition(preset, 'guarantee', 'maxAnnualFeeRatePpm')).toMatchObject({ unit: 'ppm', type: 'ppm', value: 10_000 });
    expect(getParameterSpec('bridge-loan', 'feeBasis').options).toEqual({ per_transaction: '按笔计收', per_day: '按日计收' });
    expect(getMeasure(preset, 'monitoring').clause).toBe(10);
  });

  it('declares every parameter with the type tag of its spec', () => {
    const preset = assertPreset(presetJson);
    for (const kind of MEASURE_KINDS) {
      for (const p of listParameters(preset, kind)) {
        const spec = (MEASURE_PARAMETER_SPECS[kind] as Record<string, { type: string }>)[p.key];
        expect(p.type, `${kind}.${p.key}`).toBe(spec?.type);
      }
    }
  });
});

describe('corrupted presets are rejected with the field named', () => {
  it('a missing measure', () => {
    const json = copy();
    remove(json, 'measures[4]');
    expectError(json, 'measures', /应恰好包含十项措施.*实际 9 项.*缺少 第五条 贷款贴息（interest-subsidy）/);
  });

  it('a ppm rate over 1,000,000', () => {
    const json = copy();
    set(json, 'measures[0].parameters.compensationRatioPpm.value', 1_000_001);
    expectError(json, 'measures[0].parameters.compensationRatioPpm.value', '应在 0 至 1000000 之间（ppm');
  });

  it('a ppm rate that is not an integer (a percentage typed by mistake)', () => {
    const json = copy();
    set(json, 'measures[1].parameters.epidemicFeeCapPpm.value', 0.08);
    expectError(json, 'measures[1].parameters.epidemicFeeCapPpm.value', '应为整数（ppm）');
  });

  it('a negative or fractional amount in fen', () => {
    const json = copy();
    set(json, 'measures[3].parameters.singleFirmCapFen.value', -1);
    set(json, 'measures[0].parameters.perBankCapFen.value', 10.5);
    expectError(json, 'measures[3].parameters.singleFirmCapFen.value', '应在 0 至');
    expectError(json, 'measures[0].parameters.perBankCapFen.value', '应为整数（分');
  });

  it.each([
    ['2020-02-30', 'measures[4].parameters.cityReportDeadline.value'],
    ['2020/05/31', 'measures[4].parameters.cityReportDeadline.value'],
    ['2019-02-29', 'measures[4].parameters.cityReportDeadline.value'],
  ])('a bad date %s', (bad, path) => {
    const json = copy();
    set(json, 'measures[4].parameters.cityReportDeadline.value', bad);
    expectError(json, path, '应为有效日期（YYYY-MM-DD）');
  });

  it('a bad period start, and a period end before its start', () => {
    const bad = copy();
    set(bad, 'epidemicPeriod.start', '2020-13-01');
    expectError(bad, 'epidemicPeriod.start', '应为有效日期');
    const reversed = copy();
    set(reversed, 'epidemicPeriod.end', '2019-12-31');
    expectError(reversed, 'epidemicPeriod.end', '结束日期不得早于开始日期 2020-01-01');
    const ok = copy();
    set(ok, 'epidemicPeriod.end', '2020-01-01');
    expect(parsePreset(ok).ok).toBe(true);
  });

  it('a duplicate kind', () => {
    const json = copy();
    set(json, 'measures[1].kind', 'risk-compensation');
    expectError(json, 'measures[1].kind', '重复（已见于 measures[0]）');
    expectError(json, 'measures', '缺少 第二条 应急转贷');
  });

  it('an unknown kind', () => {
    const json = copy();
    set(json, 'measures[9].kind', 'appeals');
    expectError(json, 'measures[9].kind', '措施类型应为以下之一');
  });

  it('measures out of clause order', () => {
    const json = copy();
    const [first, second] = [get(json, 'measures[0]'), get(json, 'measures[1]')];
    set(json, 'measures[0]', second);
    set(json, 'measures[1]', first);
    expectError(json, 'measures[0].kind', '措施须按条款顺序排列');
    expectError(json, 'measures[1].kind', '第 2 项应为 bridge-loan');
  });

  it('a clause number, ordinal or title that disagrees with the measure', () => {
    const json = copy();
    set(json, 'measures[2].clause', 4);
    set(json, 'measures[2].ordinal', '四');
    set(json, 'measures[2].menuTitle', '融资');
    expectError(json, 'measures[2].clause', '应为 3');
    expectError(json, 'measures[2].ordinal', '应为 "三"');
    expectError(json, 'measures[2].menuTitle', '应为 "投融资服务"');
  });

  it('a value of the wrong type', () => {
    const json = copy();
    set(json, 'measures[0].parameters.claimWindowWorkingDaysAfterMonthEnd.value', '5');
    set(json, 'measures[3].parameters.counterGuaranteeAllowed.value', 'false');
    set(json, 'measures[1].parameters.feeBasis.value', 'monthly');
    expectError(json, 'measures[0].parameters.claimWindowWorkingDaysAfterMonthEnd.value', '应为整数（工作日）');
    expectError(json, 'measures[3].parameters.counterGuaranteeAllowed.value', '应为 true 或 false');
    expectError(json, 'measures[1].parameters.feeBasis.value', '应为以下之一：per_transaction（按笔计收）、per_day（按日计收）');
  });

  it('a type tag or unit that disagrees with the spec', () => {
    const json = copy();
    set(json, 'measures[0].parameters.fgReviewWorkingDays.type', 'days');
    set(json, 'measures[0].parameters.compensationRatioPpm.unit', '%');
    expectError(json, 'measures[0].parameters.fgReviewWorkingDays.type', '应为 "workingDays"');
    expectError(json, 'measures[0].parameters.compensationRatioPpm.unit', '应为 "ppm"');
  });

  it('a missing, a misspelt and a mis-keyed parameter', () => {
    const json = copy();
    remove(json, 'measures[3].parameters.counterGuaranteeAllowed');
    set(json, 'measures[3].parameters.counterGuaranteAllowed', { key: 'counterGuaranteAllowed' });
    set(json, 'measures[0].parameters.fgReviewWorkingDays.key', 'fgReview');
    expectError(json, 'measures[3].parameters.counterGuaranteeAllowed', '缺少此项');
    expectError(json, 'measures[3].parameters.counterGuaranteAllowed', '未知字段');
    expectError(json, 'measures[0].parameters.fgReviewWorkingDays.key', '与所在的键名一致');
  });

  it('a source without its required parts', () => {
    const json = copy();
    remove(json, 'measures[0].parameters.compensationRatioPpm.source.confidence');
    set(json, 'measures[0].parameters.roundingRule.source.kind', 'guess');
    set(json, 'measures[0].parameters.fgReviewWorkingDays.source.citation', '（20 个工作日内完成）');
    expectError(json, 'measures[0].parameters.compensationRatioPpm.source.confidence', '缺少此项');
    expectError(json, 'measures[0].parameters.roundingRule.source.kind', '来源类型应为 seed');
    expectError(json, 'measures[0].parameters.fgReviewWorkingDays.source.citation', '须逐字出自第一条');
  });

  it('an altered clause text', () => {
    const json = copy();
    set(json, 'measures[0].text', String(get(json, 'measures[0].text')).replace('一、实施', '一、落实'));
    set(json, 'measures[2].text', String(get(json, 'measures[2].text')).replace('鼓励加大对', '鼓励加加大对'));
    expectError(json, 'measures[0].text', '以“一、实施贷款风险补偿政策。”开头');
    expectError(json, 'textSource.corrections[0].corrected', '未找到更正后的文字“鼓励加大对”');
  });

  it('inconsistent contacts', () => {
    const json = copy();
    set(json, 'measures[7].contacts[0].phone', '0531-86198629');
    set(json, 'measures[9].contacts[0].clauses', [9]);
    set(json, 'measures[4].contacts[0].phone', '82669808');
    expectError(json, 'measures[7].contacts[0].phone', '与 measures[0].contacts[0] 中同一联系人 崔大峰 的电话不一致');
    expectError(json, 'measures[9].contacts[0].clauses', '应包含本条序号 10');
    expectError(json, 'measures[9].contacts[0].clauses', '第 9 条的联系人中没有 曹涌');
    expectError(json, 'measures[4].contacts[0].phone', '应为电话号码');
  });

  it('unknown top-level fields and a wrong schema version', () => {
    const json = copy();
    set(json, 'schemaVersion', 2);
    set(json, 'epidemicEnd', '2020-06-30');
    expectError(json, 'schemaVersion', '应为 1');
    expectError(json, 'epidemicEnd', '未知字段');
  });

  it.each([[null], [[]], ['preset'], [42]])('input that is not an object: %j', (input) => {
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('');
    expect(errors[0]?.message).toMatch(/^应为对象/);
  });

  it('assertPreset throws an error listing every field path', () => {
    const json = copy();
    set(json, 'measures[0].parameters.compensationRatioPpm.value', 2_000_000);
    set(json, 'measures[4].parameters.cityReportDeadline.value', '2020-05-32');
    let thrown: unknown;
    try {
      assertPreset(json, 'presets/lu-gongxin-fa-2020-1.json');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PresetValidationError);
    const error = thrown as PresetValidationError;
    expect(error.message).toContain('政策预置 presets/lu-gongxin-fa-2020-1.json 校验失败，共 2 处');
    expect(error.message).toContain('measures[0].parameters.compensationRatioPpm.value: 应在 0 至 1000000 之间（ppm');
    expect(error.message).toContain('measures[4].parameters.cityReportDeadline.value: 应为有效日期（YYYY-MM-DD）');
    expect(error.errors.map((e) => e.path)).toEqual([
      'measures[0].parameters.compensationRatioPpm.value',
      'measures[4].parameters.cityReportDeadline.value',
    ]);
  });

  it('does not change the input', () => {
    const json = copy();
    const before = JSON.stringify(json);
    const preset: PolicyPreset = assertPreset(json);
    expect(JSON.stringify(json)).toBe(before);
    expect(preset.measures).toHaveLength(10);
  });
});
