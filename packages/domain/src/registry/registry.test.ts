import { describe, expect, it } from 'vitest';
import { computeOrgCodeCheckChar, computeUsccCheckChar } from '../identifiers/uscc';
import {
  checkEnterpriseRow,
  checkListRow,
  createDuplicateFinder,
  ENTERPRISE_IMPORT_COLUMNS,
  enterpriseSize,
  importKindLabel,
  isImportKind,
  LIST_KINDS,
  listEntryStatus,
  matchHeaders,
  registryIssuesForEnterprise,
  registryIssuesForListEntry,
  regionCodeProblem,
  sortIssues,
  yuanToFen,
} from './index';

/** A valid code for region `region` (both the GB 32100 and the embedded GB 11714 check pass). */
function uscc(region: string, serial: number): string {
  const org8 = String(serial).padStart(8, '0');
  const first17 = `91${region}${org8}${computeOrgCodeCheckChar(org8)}`;
  return first17 + computeUsccCheckChar(first17);
}

const good = { uscc: uscc('370102', 1), name: '济南测试机械有限公司', regionCode: '370102', industrySection: 'C', industryCode: '3435', employees: 300, revenue: 20_000_000, assets: 5_000_000 };

describe('list kinds', () => {
  it('covers the official lists of the seed with Chinese labels', () => {
    expect(LIST_KINDS.map((k) => k.kind)).toEqual([
      'epidemic-national', 'epidemic-provincial', 'gazelle', 'unicorn', 'specialized-sme', 'little-giant', 'single-champion', 'above-scale',
    ]);
    expect(LIST_KINDS.find((k) => k.kind === 'little-giant')?.label).toBe('专精特新“小巨人”企业');
    expect(isImportKind('list:gazelle')).toBe(true);
    expect(isImportKind('list:nothing')).toBe(false);
    expect(importKindLabel('list:gazelle')).toBe('山东省瞪羚企业名单');
    expect(importKindLabel('enterprises')).toBe('企业名录');
  });

  it.each([
    [{ removedAt: '2020-03-01T00:00:00Z', validFrom: null, validTo: null }, 'removed'],
    [{ removedAt: null, validFrom: '2020-01-01', validTo: '2021-12-31' }, 'valid'],
    [{ removedAt: null, validFrom: '2020-01-01', validTo: '2020-02-09' }, 'expired'],
    [{ removedAt: null, validFrom: '2020-02-11', validTo: null }, 'pending'],
    [{ removedAt: null, validFrom: null, validTo: '2020-02-10' }, 'valid'],
  ] as const)('entry status on 2020-02-10: %o → %s', (entry, status) => {
    expect(listEntryStatus(entry, '2020-02-10')).toBe(status);
  });
});

describe('matchHeaders', () => {
  it('finds columns by header in any order, loosely (full-width, spaces, *)', () => {
    const m = matchHeaders(['企业名称*', ' 统一社会信用代码 ', '备用', '所在地区划代码', '从业人员(人)'], ENTERPRISE_IMPORT_COLUMNS);
    expect(m.missing).toEqual([]);
    expect(m.positions).toMatchObject({ name: 1, uscc: 2, regionCode: 4, employees: 5 });
    expect(m.ignored).toEqual(['备用']);
  });

  it('lists the required columns that are missing, as printed in the template', () => {
    expect(matchHeaders(['名称', '营业收入（元）'], ENTERPRISE_IMPORT_COLUMNS).missing).toEqual(['统一社会信用代码', '所在地区划代码']);
  });
});

describe('checkEnterpriseRow', () => {
  it('parses a valid row; money 元 → fen; the 300号 row from the section', () => {
    const r = checkEnterpriseRow(good, 2);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ uscc: good.uscc, name: good.name, regionCode: '370102', industrySection: 'C', industryCode: '3435', industryRow: 'industry', employees: 300, revenueFen: 2_000_000_000, assetsFen: 500_000_000 });
  });

  it('names the expected check character of a wrong code', () => {
    const code = good.uscc;
    const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const r = checkEnterpriseRow({ ...good, uscc: wrong }, 7);
    expect(r.value).toBeNull();
    expect(r.issues).toEqual([expect.objectContaining({ rowNo: 7, column: '统一社会信用代码', severity: 'error', code: 'USCC_CHECK_CHAR' })]);
    expect(r.issues[0]!.message).toContain(`应为 ${code.charAt(17)}`);
  });

  it('refuses the template example row left in the file', () => {
    const example = Object.fromEntries(ENTERPRISE_IMPORT_COLUMNS.map((c) => [c.key, c.example]));
    expect(checkEnterpriseRow(example, 2).issues[0]).toMatchObject({ code: 'TEMPLATE_EXAMPLE', severity: 'error' });
  });

  it('refuses a code Excel stored as a number', () => {
    const r = checkEnterpriseRow({ ...good, uscc: 913502000728319500 }, 3);
    expect(r.issues[0]).toMatchObject({ code: 'USCC_NUMERIC', column: '统一社会信用代码' });
  });

  it.each([
    ['370100', '是济南市（市级）'],
    ['371202', '已撤销'],
    ['370684', '请改用现行代码 370614'],
    ['110101', '不是山东省'],
    ['3701', '6位数字'],
  ])('region %s → error mentioning %s', (regionCode, text) => {
    const r = checkEnterpriseRow({ ...good, regionCode }, 4);
    expect(r.value).toBeNull();
    expect(r.issues).toEqual([expect.objectContaining({ column: '所在地区划代码', severity: 'error' })]);
    expect(r.issues[0]!.message).toContain(text);
  });

  it('requires name, code and region, and non-negative integers and amounts', () => {
    const r = checkEnterpriseRow({ uscc: '', name: ' ', regionCode: null, employees: -1, revenue: '12.345', assets: -5 }, 9);
    expect(r.issues.map((i) => [i.column, i.code])).toEqual([
      ['统一社会信用代码', 'REQUIRED'], ['企业名称', 'REQUIRED'], ['所在地区划代码', 'REQUIRED'],
      ['从业人员（人）', 'NOT_COUNT'], ['营业收入（元）', 'NOT_AMOUNT'], ['资产总额（元）', 'NEGATIVE'],
    ]);
  });

  it('checks the section letter and that the industry code lies in it', () => {
    expect(checkEnterpriseRow({ ...good, industrySection: 'Z' }, 2).issues[0]).toMatchObject({ column: '行业门类', code: 'SECTION_INVALID' });
    expect(checkEnterpriseRow({ ...good, industrySection: 'F' }, 2).issues[0]).toMatchObject({ column: '国民经济行业代码', code: 'INDUSTRY_MISMATCH' });
  });

  it('warns when the size cannot be computed, naming what is missing', () => {
    const noRow = checkEnterpriseRow({ ...good, industrySection: 'F', industryCode: null }, 2);
    expect(noRow.value).not.toBeNull();
    expect(noRow.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'SIZE_NO_ROW', column: '国民经济行业代码' })]);
    const noStaff = checkEnterpriseRow({ ...good, employees: null }, 2);
    expect(noStaff.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'SIZE_MISSING', column: '从业人员（人）', message: '工业：缺少从业人员，无法划型' })]);
  });
});

describe('yuanToFen', () => {
  it.each([
    [15_000_000, 1_500_000_000],
    [1234.56, 123_456],
    ['1,234.5', 123_450],
    ['0', 0],
    [0.1 + 0.2, 30],
    [1.234, undefined],
    ['1.234', undefined],
    ['abc', undefined],
    [-1, undefined],
  ] as const)('%s 元 → %s 分', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });
});

describe('checkListRow', () => {
  it('accepts a city code and an empty region', () => {
    expect(checkListRow({ uscc: good.uscc, name: '某公司', regionCode: '370100' }, 2).value).toEqual({ uscc: good.uscc, name: '某公司', regionCode: '370100', remark: null });
    expect(checkListRow({ uscc: good.uscc, name: '某公司' }, 2).issues).toEqual([]);
  });
});

describe('duplicates and registry', () => {
  it('names the first row of a duplicate', () => {
    const dup = createDuplicateFinder();
    expect(dup('A', 2)).toBeNull();
    expect(dup('B', 3)).toBeNull();
    expect(dup('A', 9)).toMatchObject({ rowNo: 9, severity: 'error', code: 'DUPLICATE_IN_FILE', message: expect.stringContaining('与第 2 行重复') });
  });

  it('warns that an existing enterprise will be updated; refuses one outside the scope', () => {
    const row = checkEnterpriseRow(good, 2).value!;
    const jinan = { regionPrefix: '3701', label: '济南市' };
    expect(registryIssuesForEnterprise(row, 2, { name: '旧名', regionCode: '370102' }, { scope: jinan, countyInTree: true }))
      .toEqual([expect.objectContaining({ severity: 'warning', code: 'WILL_UPDATE', message: expect.stringContaining('将更新') })]);
    const qingdao = { regionPrefix: '3702', label: '青岛市' };
    expect(registryIssuesForEnterprise(row, 2, undefined, { scope: qingdao, countyInTree: true }))
      .toEqual([expect.objectContaining({ severity: 'error', code: 'OUT_OF_SCOPE', column: '所在地区划代码' })]);
    expect(registryIssuesForEnterprise(row, 2, undefined, { scope: { regionPrefix: null, label: '山东省' }, countyInTree: false }))
      .toEqual([expect.objectContaining({ code: 'REGION_NOT_IN_TREE' })]);
  });

  it('warns about list entries not in the registry or under another name', () => {
    const row = checkListRow({ uscc: good.uscc, name: '新名' }, 5).value!;
    expect(registryIssuesForListEntry(row, 5, undefined)[0]).toMatchObject({ code: 'NOT_IN_REGISTRY', severity: 'warning' });
    expect(registryIssuesForListEntry(row, 5, { name: '旧名', regionCode: '370102' }, )[0]).toMatchObject({ code: 'NAME_MISMATCH', column: '企业名称' });
  });

  it('sorts errors before warnings, then by row and column', () => {
    const w = (rowNo: number, column: string) => ({ rowNo, column, severity: 'warning' as const, code: 'W', message: '' });
    const e = (rowNo: number, column: string) => ({ rowNo, column, severity: 'error' as const, code: 'E', message: '' });
    const sorted = sortIssues([w(2, '企业名称'), e(5, '企业名称'), e(3, '企业名称'), e(3, '统一社会信用代码'), w(1, '统一社会信用代码')], ENTERPRISE_IMPORT_COLUMNS);
    expect(sorted.map((i) => `${i.severity}:${i.rowNo}:${i.column}`)).toEqual([
      'error:3:统一社会信用代码', 'error:3:企业名称', 'error:5:企业名称', 'warning:1:统一社会信用代码', 'warning:2:企业名称',
    ]);
  });
});

describe('enterpriseSize (300号, money in fen)', () => {
  const base = { industrySection: 'C', industryCode: null, industryRow: null, employees: 300, revenueFen: 2_000 * 1_000_000, assetsFen: null };

  it('工业 300 persons and 2000万元 is medium: equal to a bound belongs to the higher tier', () => {
    const r = enterpriseSize(base);
    expect(r.sizeClass).toBe('medium');
    expect(r.reason).toBe('工业：从业人员 300 人（≥300，<1000）、营业收入 2000 万元（≥2000，<40000）→ 中型');
  });

  it('one fen below 2000万元 makes it small', () => {
    expect(enterpriseSize({ ...base, revenueFen: 2_000 * 1_000_000 - 1 }).sizeClass).toBe('small');
  });

  it('any indicator below the small bound makes micro', () => {
    expect(enterpriseSize({ ...base, employees: 19, revenueFen: 30_000 * 1_000_000 }).sizeClass).toBe('micro');
  });

  it('says what is missing instead of guessing', () => {
    expect(enterpriseSize({ ...base, employees: null })).toMatchObject({ sizeClass: null, reason: '工业：缺少从业人员，无法划型', missing: ['employees'] });
    expect(enterpriseSize({ ...base, industrySection: 'F' })).toMatchObject({ sizeClass: null, reason: expect.stringContaining('须填写国民经济行业代码') });
    expect(enterpriseSize({ ...base, industrySection: null })).toMatchObject({ sizeClass: null, reason: expect.stringContaining('未填写行业门类') });
    expect(enterpriseSize({ ...base, industrySection: 'F', industryCode: '5211', employees: 60, revenueFen: 600 * 1_000_000 }))
      .toMatchObject({ sizeClass: 'medium', industryRow: 'retail' });
  });
});

describe('regionCodeProblem', () => {
  it('accepts a current county, and a city only when allowed', () => {
    expect(regionCodeProblem('370102')).toBeNull();
    expect(regionCodeProblem('370100')).toContain('市级');
    expect(regionCodeProblem('370100', true)).toBeNull();
  });
});
