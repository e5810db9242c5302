import { describe, expect, it } from 'vitest';
import { formatParameterValue, fromEditorValue, toEditorValue } from './parameter-format';

const LOAN_TYPES = { working_capital: '流动资金贷款', technical_renovation: '技术改造类项目贷款' };

describe('formatParameterValue', () => {
  it.each([
    [{ type: 'ppm', value: 300_000, unit: 'ppm' }, '30%'],
    [{ type: 'ppm', value: 800, unit: 'ppm' }, '0.08%'],
    [{ type: 'fen', value: 500_000_000, unit: '分' }, '5,000,000.00 元'],
    [{ type: 'fen', value: null, unit: '分' }, '未设定'],
    [{ type: 'workingDays', value: 5, unit: '个工作日' }, '5 个工作日'],
    [{ type: 'days', value: 15, unit: '天' }, '15 天'],
    [{ type: 'count', value: 360, unit: '天/年' }, '360 天/年'],
    [{ type: 'year', value: 2019, unit: '年度' }, '2019年度'],
    [{ type: 'date', value: '2020-05-31', unit: '' }, '2020年5月31日'],
    [{ type: 'boolean', value: true, unit: '' }, '是'],
    [{ type: 'boolean', value: false, unit: '' }, '否'],
    [{ type: 'textList', value: [], unit: '' }, '无'],
    [{ type: 'text', value: '400-651-0531', unit: '' }, '400-651-0531'],
  ] as const)('%j → %s', (p, text) => {
    expect(formatParameterValue(p, undefined)).toBe(text);
  });

  it('names enum codes by their Chinese labels and keeps unknown codes', () => {
    expect(formatParameterValue({ type: 'enumList', value: ['working_capital', 'technical_renovation'], unit: '' }, LOAN_TYPES)).toBe('流动资金贷款、技术改造类项目贷款');
    expect(formatParameterValue({ type: 'enum', value: 'half_up', unit: '' }, { half_up: '四舍五入到分' })).toBe('四舍五入到分');
    expect(formatParameterValue({ type: 'enum', value: 'other', unit: '' }, LOAN_TYPES)).toBe('other');
  });

  it('writes dates the English way in English', () => {
    expect(formatParameterValue({ type: 'date', value: '2020-05-31', unit: '' }, undefined, { yes: 'Yes', no: 'No', none: 'None', notSet: 'Not set' }, 'en-US')).toBe('2020-05-31');
  });
});

describe('editor values', () => {
  it('shows ppm as percent digits and fen as 元', () => {
    expect(toEditorValue('ppm', 800)).toBe('0.08');
    expect(toEditorValue('ppm', 300_000)).toBe('30');
    expect(toEditorValue('fen', 500_000_000)).toBe('5000000.00');
    expect(toEditorValue('fen', null)).toBeUndefined();
    expect(toEditorValue('workingDays', 5)).toBe(5);
  });

  it('turns typed percentages into ppm and 元 into fen, exactly', () => {
    expect(fromEditorValue('ppm', '0.08')).toEqual({ ok: true, value: 800 });
    expect(fromEditorValue('ppm', '30%')).toEqual({ ok: true, value: 300_000 });
    expect(fromEditorValue('fen', '5,000,000')).toEqual({ ok: true, value: 500_000_000 });
    expect(fromEditorValue('fen', '0.1')).toEqual({ ok: true, value: 10 });
  });

  it('refuses what is not a percentage or an amount, and empty input', () => {
    expect(fromEditorValue('ppm', '三成')).toEqual({ ok: false, problem: 'percent' });
    expect(fromEditorValue('ppm', '0.00001')).toEqual({ ok: false, problem: 'percent' });
    expect(fromEditorValue('ppm', '100.5')).toEqual({ ok: false, problem: 'percent' });
    expect(fromEditorValue('ppm', '100')).toEqual({ ok: true, value: 1_000_000 });
    expect(fromEditorValue('fen', '1.234')).toEqual({ ok: false, problem: 'yuan' });
    expect(fromEditorValue('fen', '-5')).toEqual({ ok: false, problem: 'yuan' });
    expect(fromEditorValue('text', '  ')).toEqual({ ok: false, problem: 'required' });
  });

  it('passes null through for a parameter set to "not set"', () => {
    expect(fromEditorValue('fen', null)).toEqual({ ok: true, value: null });
  });
});
