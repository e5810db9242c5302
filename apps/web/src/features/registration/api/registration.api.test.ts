import { describe, expect, it } from 'vitest';
import { normaliseIndustries } from './registration.api';

describe('normaliseIndustries', () => {
  it('reads the server’s { sections, rows }', () => {
    const raw = { sections: [{ code: 'C', name: '制造业' }], rows: [{ id: 'industry', name: '工业' }] };
    expect(normaliseIndustries(raw)).toEqual(raw);
  });

  it('reads the draft [{ section, name }] and ignores junk', () => {
    expect(normaliseIndustries([{ section: 'C', name: '制造业', rows: [] }, { nope: 1 }])).toEqual({ sections: [{ code: 'C', name: '制造业' }], rows: [] });
    expect(normaliseIndustries([])).toBeNull();
    expect(normaliseIndustries({ error: 'x' })).toBeNull();
    expect(normaliseIndustries(null)).toBeNull();
  });
});
