import type { CaseActionView, CaseDetail } from '@relief/domain';
import { describe, expect, it } from 'vitest';
import { splitActions, whereMeasureSteps, withoutMeasureSteps } from './case-actions';

// What GET /api/cases/:id lists for 省财金集团 on a claim in 初审: the item-by-item approval is the
// claim page's own step; the return and the rejection go through the generic route.
const approve: CaseActionView = { key: 'fg-approve', label: '初审通过', kind: 'advance', requiresComment: false, measureRouteOnly: { page: '贷款风险补偿·补偿申请', link: '/measures/risk-compensation/claims/7' } };
const back: CaseActionView = { key: 'fg-return', label: '退回修改', kind: 'return', requiresComment: true, measureRouteOnly: null };
const reject: CaseActionView = { key: 'fg-reject', label: '不予补偿', kind: 'reject', requiresComment: true, measureRouteOnly: null };

describe('case actions', () => {
  it('offers buttons only for what the generic route takes, and links to the measure page for the rest', () => {
    expect(splitActions([approve, back, reject])).toEqual({ buttons: [back, reject], onMeasurePage: [approve] });
    expect(splitActions([])).toEqual({ buttons: [], onMeasurePage: [] });
  });

  it('makes one link of steps that read the same and lead to the same page', () => {
    const page = { page: '贷款贴息·贴息申请', link: '/measures/interest-subsidy/applications/9' };
    const county: CaseActionView = { key: 'submit', label: '提交申请', kind: 'submit', requiresComment: false, measureRouteOnly: page };
    const city: CaseActionView = { ...county, key: 'submit-city' };
    expect(splitActions([county, city]).onMeasurePage).toEqual([county]);
  });

  it('leaves a measure page only the generic actions, keeping the rest of the case', () => {
    const detail = { id: 7, version: 3, actions: [approve, back, reject] } as unknown as CaseDetail;
    expect(withoutMeasureSteps(detail)).toEqual({ id: 7, version: 3, actions: [back, reject], measureSteps: [approve] });
    expect(detail.actions).toHaveLength(3);
  });

  it('says which measure steps the page shown offers itself and which another page does', () => {
    const app = { page: '贷款贴息·贴息申请', link: '/measures/interest-subsidy/applications/34' };
    const county: CaseActionView = { key: 'submit', label: '提交申请', kind: 'submit', requiresComment: false, measureRouteOnly: app };
    const city: CaseActionView = { ...county, key: 'submit-city' };
    const report: CaseActionView = { key: 'report', label: '随汇总表报省', kind: 'advance', requiresComment: false, measureRouteOnly: { page: '贷款贴息·市级汇总表', link: '/measures/interest-subsidy/reports' } };
    const { measureSteps = [] } = withoutMeasureSteps({ id: 34, version: 5, actions: [county, city, report, back] } as unknown as CaseDetail);
    expect(whereMeasureSteps(measureSteps, app.link)).toEqual({ here: ['提交申请'], elsewhere: [report] });
    expect(whereMeasureSteps(measureSteps, '/cases/34')).toEqual({ here: [], elsewhere: [county, report] });
    expect(whereMeasureSteps([], app.link)).toEqual({ here: [], elsewhere: [] });
  });
});
