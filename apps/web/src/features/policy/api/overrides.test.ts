import { describe, expect, it } from 'vitest';
import { adjustmentsOf, overrideStatuses, type OverrideView } from './overrides';

const o = (key: string, effectiveFrom: string, value: unknown, measure: string | null = 'bridge-loan'): OverrideView => ({ measure, key, value, effectiveFrom, reason: '测试' });

describe('overrideStatuses', () => {
  const list = [
    o('epidemicFeeCapPpm', '2020-03-01', 700),
    o('epidemicFeeCapPpm', '2020-04-01', 600),
    o('epidemicFeeCapPpm', '2020-06-01', 500),
    o('epidemicPeriodEnd', '2020-05-01', '2020-12-31', null),
  ];

  it('marks the latest effective one in force, earlier ones superseded and later ones pending', () => {
    expect(overrideStatuses(list, '2020-05-15')).toEqual(['superseded', 'inForce', 'pending', 'inForce']);
  });

  it('lets the later record win when two take effect the same day (a same-day correction)', () => {
    expect(overrideStatuses([o('k', '2020-04-01', 1), o('k', '2020-04-01', 2)], '2020-04-01')).toEqual(['superseded', 'inForce']);
  });

  it('gives the value in force and what comes next for one parameter', () => {
    expect(adjustmentsOf(list, 'bridge-loan', 'epidemicFeeCapPpm', '2020-05-15')).toEqual({ current: list[1], upcoming: [list[2]] });
    expect(adjustmentsOf(list, 'bridge-loan', 'epidemicFeeCapPpm', '2020-02-01')).toEqual({ upcoming: [list[0], list[1], list[2]] });
  });
});
