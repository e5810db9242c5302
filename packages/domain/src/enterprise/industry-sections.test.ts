import { describe, expect, it } from 'vitest';
import {
  INDUSTRY_SECTIONS,
  defaultRowForIndustryCode,
  defaultRowForSection,
  sectionOfIndustryCode,
  type IndustrySectionCode,
} from './industry-sections';

describe('INDUSTRY_SECTIONS', () => {
  it('lists A–T and covers divisions 01–97 without gaps or overlaps', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    let next = 1;
    for (const s of INDUSTRY_SECTIONS) {
      expect(s.divisions[0]).toBe(next);
      next = s.divisions[1] + 1;
    }
    expect(next).toBe(98);
    expect(INDUSTRY_SECTIONS.find((s) => s.code === 'C')?.name).toBe('制造业');
  });
});

describe('defaultRowForSection', () => {
  it.each([
    ['A', undefined, 'agriculture'],
    ['B', undefined, 'industry'],
    ['C', '39', 'industry'],
    ['D', '4411', 'industry'],
    ['E', undefined, 'construction'],
    ['F', '51', 'wholesale'],
    ['F', '5211', 'retail'],
    ['G', '53', 'other'], // 铁路运输业 excluded from 交通运输业
    ['G', '54', 'transport'],
    ['G', '58', 'transport'],
    ['G', '59', 'warehousing'],
    ['G', '60', 'postal'],
    ['H', '61', 'accommodation'],
    ['H', '62', 'catering'],
    ['I', '63', 'information-transmission'],
    ['I', '64', 'information-transmission'],
    ['I', '65', 'software-it'],
    ['K', '7010', 'real-estate-development'],
    ['K', '701', 'real-estate-development'],
    ['K', '7020', 'property-management'],
    ['K', '7040', 'other'],
    ['L', undefined, 'leasing-business-services'],
    ['M', undefined, 'other'],
    ['O', '80', 'other'],
    ['R', undefined, 'other'],
  ] as const)('%s %s → %s', (section, code, row) => {
    expect(defaultRowForSection(section, code)).toBe(row);
  });

  it.each([
    ['F', undefined],
    ['G', undefined],
    ['H', undefined],
    ['I', undefined],
    ['K', undefined],
    ['K', '70'],
  ] as const)('%s %s cannot be decided without a finer code', (section, code) => {
    expect(defaultRowForSection(section, code)).toBeUndefined();
  });

  it('rejects unknown sections and codes outside the section', () => {
    expect(() => defaultRowForSection('Z' as IndustrySectionCode)).toThrow(RangeError);
    expect(() => defaultRowForSection('C', '51')).toThrow('行业代码 51 不属于门类 C（制造业）');
    expect(() => defaultRowForSection('C', '3a')).toThrow(RangeError);
  });
});

describe('industry codes', () => {
  it('derives the section from a code', () => {
    expect(sectionOfIndustryCode('3911').code).toBe('C');
    expect(sectionOfIndustryCode('01').code).toBe('A');
    expect(sectionOfIndustryCode('97').code).toBe('T');
    expect(() => sectionOfIndustryCode('98')).toThrow(RangeError);
    expect(() => sectionOfIndustryCode('00')).toThrow(RangeError);
    expect(defaultRowForIndustryCode('6513')).toBe('software-it');
    expect(defaultRowForIndustryCode('70')).toBeUndefined();
  });
});
