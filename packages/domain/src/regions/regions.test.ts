import { describe, expect, it } from 'vitest';
import csvText from '../../data/shandong-divisions.csv?raw';
import divisionsFile from '../../data/shandong-divisions.json';
import {
  SHANDONG_PROVINCE,
  cityCodeOf,
  cityOf,
  currentRegionFor,
  describeRegionCode,
  findDivisionChange,
  findRegion,
  findRegionsByName,
  getRegion,
  isValidRegionCode,
  listCities,
  listCounties,
  listDivisionChanges,
  regionName,
} from './regions';

describe('data files', () => {
  it('the JSON is generated from the CSV (run scripts/build-divisions.mjs after editing it)', () => {
    const lines = csvText.trim().split(/\r?\n/).slice(1);
    expect(divisionsFile.regions.map((r) => `${r.code},${r.name},${r.level},${r.parentCode}`)).toEqual(
      lines.map((line) => line.split(',').slice(0, 4).join(',')),
    );
    expect(divisionsFile._source).toMatch(/yescallop\/areacodes/);
  });
});

describe('cities', () => {
  it('has the 16 prefecture-level cities and no 莱芜', () => {
    const cities = listCities();
    expect(cities).toHaveLength(16);
    expect(cities.map((c) => c.code)).toEqual([
      '370100', '370200', '370300', '370400', '370500', '370600', '370700', '370800',
      '370900', '371000', '371100', '371300', '371400', '371500', '371600', '371700',
    ]);
    expect(cities.every((c) => c.parentCode === '370000')).toBe(true);
    expect(findRegion('371200')).toBeUndefined();
    expect(SHANDONG_PROVINCE).toEqual({ code: '370000', name: '山东省', level: 'province', parentCode: null });
  });

  it('puts every county, then and now, under the city its first four digits name', () => {
    // cityCodeOf() is the prefix rule the platform routes and scopes by; cityOf() reads the list.
    const counties = [...listCounties(undefined, '2020-02-17'), ...listCounties()];
    expect(counties.length).toBeGreaterThan(136);
    for (const county of counties) expect([county.code, cityCodeOf(county.code)]).toEqual([county.code, cityOf(county.code)?.code]);
    for (const city of listCities()) expect(cityCodeOf(city.code)).toBe(city.code);
    expect(cityCodeOf('370116')).toBe('370100'); // 莱芜区, 济南 since 2019
  });
});

describe('county-level units', () => {
  it('counts 137 on the day of the policy and 136 after the 2020-06 蓬莱 change', () => {
    expect(listCounties(undefined, '2020-02-17')).toHaveLength(137);
    expect(listCounties(undefined, '2024-01-01')).toHaveLength(136);
    expect(listCounties()).toHaveLength(136);
  });

  it.each([
    ['370100', 12, 12],
    ['370200', 10, 10],
    ['370300', 8, 8],
    ['370400', 6, 6],
    ['370500', 5, 5],
    ['370600', 12, 11],
    ['370700', 12, 12],
    ['370800', 11, 11],
    ['370900', 6, 6],
    ['371000', 4, 4],
    ['371100', 4, 4],
    ['371300', 12, 12],
    ['371400', 11, 11],
    ['371500', 8, 8],
    ['371600', 7, 7],
    ['371700', 9, 9],
  ])('%s has %i units in 2020-02 and %i in 2024 (DOMAIN.md §3.2)', (city, before, after) => {
    expect(listCounties(city, '2020-02-17')).toHaveLength(before);
    expect(listCounties(city, '2024-01-01')).toHaveLength(after);
  });

  it('switches 蓬莱市 and 长岛县 to 蓬莱区 on 2020-06-05 (国函〔2020〕81号)', () => {
    for (const [code, before, after] of [
      ['370684', true, false],
      ['370634', true, false],
      ['370614', false, true],
    ] as const) {
      expect(isValidRegionCode(code, '2020-06-04')).toBe(before);
      expect(isValidRegionCode(code, '2020-06-05')).toBe(after);
    }
    expect(isValidRegionCode('370684')).toBe(false);
    expect(isValidRegionCode('370614')).toBe(true);
    expect(findRegion('370614')).toMatchObject({ name: '蓬莱区', validFrom: '2020-06-05', changeBasis: '国函〔2020〕81号' });
    expect(findRegion('370684')).toMatchObject({ name: '蓬莱市', validTo: '2020-06-05' });
  });

  it('returns nothing for an unknown city, and rejects invalid dates', () => {
    expect(listCounties('371200')).toEqual([]);
    expect(() => listCounties(undefined, '2020-02-30')).toThrow(RangeError);
  });
});

describe('names and lookups', () => {
  it('keys on codes because names repeat (市中区)', () => {
    expect(findRegionsByName('市中区').map((r) => r.code)).toEqual(['370103', '370402']);
    expect(regionName('370103')).toBe('济南市市中区');
    expect(regionName('370402')).toBe('枣庄市市中区');
    expect(findRegionsByName('蓬莱市', '2024-01-01')).toEqual([]);
    expect(findRegionsByName('蓬莱市').map((r) => r.code)).toEqual(['370684']);
  });

  it('builds full names', () => {
    expect(regionName('370102')).toBe('济南市历下区');
    expect(regionName('370100')).toBe('济南市');
    expect(regionName('370000')).toBe('山东省');
    expect(regionName('370781', { withProvince: true })).toBe('山东省潍坊市青州市');
    expect(regionName('310115')).toBeUndefined();
  });

  it('finds the city of a code', () => {
    expect(cityOf('370116')?.name).toBe('济南市');
    expect(cityOf('370200')?.name).toBe('青岛市');
    expect(cityOf('370000')).toBeUndefined();
    expect(cityOf('999999')).toBeUndefined();
    expect(getRegion('371728').name).toBe('东明县');
    expect(() => getRegion('371202')).toThrow(RangeError);
  });

  it('validates codes', () => {
    expect(isValidRegionCode('370000')).toBe(true);
    expect(isValidRegionCode('371700')).toBe(true);
    expect(isValidRegionCode('371202')).toBe(false);
    expect(isValidRegionCode('110101')).toBe(false);
  });
});

describe('retired codes (older records and 统一社会信用代码)', () => {
  it('maps former 莱芜 codes to their successors in 济南', () => {
    expect(findDivisionChange('371202')).toMatchObject({ name: '莱城区', successorCode: '370116', basis: '国函〔2018〕163号' });
    expect(currentRegionFor('371202')?.code).toBe('370116');
    expect(currentRegionFor('371200')?.code).toBe('370100');
    expect(currentRegionFor('370684')?.code).toBe('370614');
    expect(currentRegionFor('370102')?.code).toBe('370102');
    expect(currentRegionFor('310115')).toBeUndefined();
    expect(describeRegionCode('371202')).toBe('原莱芜市莱城区（国函〔2018〕163号撤销，现济南市莱芜区）');
    expect(describeRegionCode('371200')).toBe('原莱芜市（国函〔2018〕163号撤销，现济南市）');
    expect(describeRegionCode('370102')).toBe('济南市历下区');
  });

  it('points every retired code at a current unit', () => {
    for (const change of listDivisionChanges()) {
      expect(isValidRegionCode(currentRegionFor(change.code)?.code ?? '')).toBe(true);
      expect(findRegion(change.code)?.validTo ?? null).toBe(findRegion(change.code) ? change.effectiveOn : null);
    }
  });
});
