import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  USCC_CHARSET,
  USCC_WEIGHTS,
  computeOrgCodeCheckChar,
  computeUsccCheckChar,
  isValidUscc,
  validateUscc,
} from './uscc';

describe('GB 32100-2015 constants', () => {
  it('uses 31 characters without I, O, S, V, Z and weights 3^(i-1) mod 31', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    expect(USCC_CHARSET).not.toMatch(/[IOSVZ]/);
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });
});

// DOMAIN.md §2.2: samples verified while preparing the domain notes.
describe('validateUscc with the verified samples', () => {
  it.each([
    ['91310115591693856A', '310115'],
    ['91310110666007217T', '310110'],
    ['91350200776049653A', '350200'],
    ['913502000728319549', '350200'],
    ['91370781MA3DKU6R4Q', '370781'],
    ['91371100MA3TA2E083', '371100'],
    ['91370303MAKEJDBW7N', '370303'],
  ])('%s is valid (region %s)', (code, region) => {
    const result = validateUscc(code);
    expect(result).toEqual({
      valid: true,
      normalized: code,
      expected: code.charAt(17),
      region,
      department: '工商（市场监督管理）',
      kind: '企业',
      warnings: [],
    });
    expect(computeUsccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['91310110666007217X', 'T'],
    ['91371402MADP1E1K8T', 'G'], // seen on a public web page: real data contains bad codes
  ])('%s is invalid, expected check character %s', (code, expected) => {
    const result = validateUscc(code);
    expect(result.valid).toBe(false);
    expect(result.expected).toBe(expected);
    expect(result.message).toBe(`统一社会信用代码第18位校验码应为 ${expected}，实际为 ${code.charAt(17)}`);
  });
});

describe('validateUscc messages', () => {
  it.each([
    ['', '统一社会信用代码应为18位，实际为0位'],
    ['91310110666007217', '统一社会信用代码应为18位，实际为17位'],
    ['91310110666007217TT', '统一社会信用代码应为18位，实际为19位'],
    ['9131011066600721IT', '统一社会信用代码第17位含有不允许的字符 I（不使用 I、O、S、V、Z）'],
    ['O1310110666007217T', '统一社会信用代码第1位含有不允许的字符 O（不使用 I、O、S、V、Z）'],
    ['913101106660-7217T', '统一社会信用代码第13位含有不允许的字符 -（只能是数字和大写英文字母）'],
    ['9131 110666007217T', '统一社会信用代码第5位含有不允许的字符 空格（只能是数字和大写英文字母）'],
    ['913101A0666007217T', '统一社会信用代码第3–8位是登记管理机关行政区划码，应为数字，第7位为 A'],
  ])('%j → %s', (code, message) => {
    const result = validateUscc(code);
    expect(result.valid).toBe(false);
    expect(result.message).toBe(message);
    expect(result.expected).toBeUndefined();
  });

  it('normalises spaces, case and full-width characters', () => {
    expect(validateUscc(' 91310110666007217t ')).toMatchObject({ valid: true, normalized: '91310110666007217T' });
    expect(validateUscc('９１３１０１１０６６６００７２１７Ｔ')).toMatchObject({ valid: true, normalized: '91310110666007217T' });
  });

  it('names the check character even when the 18th character is not in the code set', () => {
    expect(validateUscc('91310110666007217I')).toMatchObject({
      valid: false,
      expected: 'T',
      message: '统一社会信用代码第18位校验码应为 T，实际为 I',
    });
  });
});

describe('warnings that do not invalidate', () => {
  const withCheck = (first17: string): string => first17 + computeUsccCheckChar(first17);

  it('describes 92 and 93 without warning', () => {
    expect(validateUscc(withCheck('92370102MA3C4XY1X'))).toMatchObject({ valid: true, kind: '个体工商户', warnings: [] });
    expect(validateUscc(withCheck('93370781MA3DKU6R4'))).toMatchObject({ valid: true, kind: '农民专业合作社', warnings: [] });
  });

  it('flags other registration departments for review', () => {
    const result = validateUscc(withCheck('51370000MJD603154'));
    expect(result.valid).toBe(true);
    expect(result.department).toBe('民政');
    expect(result.kind).toBe('社会团体');
    expect(result.warnings).toEqual([
      '代码前两位为 51（民政—社会团体），不是企业（91）、个体工商户（92）或农民专业合作社（93），请人工核对',
    ]);
    expect(validateUscc(withCheck('A1370000MJD603154')).warnings[0]).toBe(
      '代码前两位为 A1，不是企业（91）、个体工商户（92）或农民专业合作社（93），请人工核对',
    );
  });

  it('warns when the embedded organisation code fails GB 11714', () => {
    // 59169385-6 is the organisation code inside 91310115591693856A; change its check digit.
    expect(computeOrgCodeCheckChar('59169385')).toBe('6');
    const result = validateUscc(withCheck('91310115591693857'));
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual(['第9–17位（组织机构代码）的校验位按 GB 11714 应为 6，实际为 7，请核对（仅提示）']);
  });

  it('accepts old 莱芜 codes (371200) without checking today\'s division list', () => {
    const result = validateUscc(withCheck('91371200MA3C00003'));
    expect(result).toMatchObject({ valid: true, region: '371200', warnings: [] });
  });
});

describe('check character properties', () => {
  const codeChar = fc.constantFrom(...USCC_CHARSET.split(''));
  const digit = fc.constantFrom(...'0123456789'.split(''));
  const first17 = fc
    .tuple(fc.array(codeChar, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(codeChar, { minLength: 9, maxLength: 9 }))
    .map(([a, b, c]) => [...a, ...b, ...c].join(''));

  it('appending the computed character gives a valid code', () => {
    fc.assert(
      fc.property(first17, (head) => {
        expect(validateUscc(head + computeUsccCheckChar(head)).valid).toBe(true);
      }),
    );
  });

  it('any other 18th character is invalid and `expected` names the right one', () => {
    fc.assert(
      fc.property(first17, fc.constantFrom(...`${USCC_CHARSET}IOSVZ`.split('')), (head, last) => {
        const right = computeUsccCheckChar(head);
        fc.pre(last !== right);
        const result = validateUscc(head + last);
        expect(result.valid).toBe(false);
        expect(result.expected).toBe(right);
        expect(result.message).toBe(`统一社会信用代码第18位校验码应为 ${right}，实际为 ${last}`);
      }),
    );
  });

  it('detects every single-character substitution in the first 17 positions', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 16 }), codeChar, (head, position, replacement) => {
        const code = head + computeUsccCheckChar(head);
        fc.pre(code.charAt(position) !== replacement && (position < 2 || position > 7 || /\d/.test(replacement)));
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(validateUscc(changed).valid).toBe(false);
      }),
    );
  });

  it('rejects bad input to computeUsccCheckChar', () => {
    expect(() => computeUsccCheckChar('9131011066600721')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('9131011066600721I')).toThrow(RangeError);
  });
});
