import { describe, expect, it } from 'vitest';
import { bridgeLoanWorkflow } from '../measures/bridge-loan/workflow';
import { interestSubsidyReportWorkflow, interestSubsidyWorkflow } from '../measures/interest-subsidy/workflow';
import { riskCompensationWorkflow } from '../measures/risk-compensation/workflow';
import { availableActions, type CaseFacts, refuseAction } from './engine-rules';
import { checkWorkflow, type WorkflowDefinition } from './workflow';

// A small workflow with one step taken on the measure's page (it writes the measure's rows) beside
// ordinary ones: who is refused what, and what the case page lists.
const PAGE = { page: '测试措施·申请', path: '/measures/test/cases/:id' };
const w: WorkflowDefinition = {
  measure: 'test',
  version: 1,
  initial: 'review',
  states: {
    review: { label: '审核', holder: { type: 'region', level: 'county' } },
    done: { label: '办结', terminal: true },
    rejected: { label: '不予通过', terminal: true },
  },
  actions: {
    decide: {
      label: '逐笔审核', kind: 'advance', from: ['review'], to: 'done', roles: ['reviewer'], kinds: ['county'], notBySubmitter: true, requiresComment: true,
      measureRouteOnly: PAGE,
      guard: ({ input }) => (input.amountFen === undefined ? '请填写核定金额' : null),
    },
    reject: { label: '不予通过', kind: 'reject', from: ['review'], to: 'rejected', roles: ['reviewer'], kinds: ['county'] },
  },
};
const c: CaseFacts = { state: 'review', ownerOrgId: 1, holderOrgId: 2, submittedBy: 10, held: false, data: {} };
const reviewer = { userId: 20, orgId: 2, orgKind: 'county' as const, roles: ['reviewer' as const] };

describe('measure-route-only actions', () => {
  it('are refused to any caller but the measure, naming the page, before the comment and the guard', () => {
    expect(refuseAction(w, 'decide', c, reviewer, {})).toEqual({ code: 'MEASURE_ROUTE_ONLY', message: '请在“测试措施·申请”页面办理「逐笔审核」' });
    // Nothing the request carries opens the route: not a marker, not a complete input.
    expect(refuseAction(w, 'decide', c, reviewer, { comment: '同意', data: { via: 'test', fromMeasure: true, amountFen: 100 } })?.code).toBe('MEASURE_ROUTE_ONLY');
    expect(refuseAction(w, 'decide', c, reviewer, { comment: '同意', data: { amountFen: 100 } }, { fromMeasure: false })?.code).toBe('MEASURE_ROUTE_ONLY');
  });

  it('are checked like any other action when the measure takes them', () => {
    expect(refuseAction(w, 'decide', c, reviewer, { comment: '同意', data: { amountFen: 100 } }, { fromMeasure: true })).toBeNull();
    expect(refuseAction(w, 'decide', c, reviewer, { data: { amountFen: 100 } }, { fromMeasure: true })?.code).toBe('COMMENT_REQUIRED');
    expect(refuseAction(w, 'decide', c, reviewer, { comment: '同意' }, { fromMeasure: true })).toEqual({ code: 'GUARD', message: '请填写核定金额' });
  });

  it('tell a party that may not act who may, not where: the actor checks come first', () => {
    expect(refuseAction(w, 'decide', c, { ...reviewer, orgId: 3 })?.code).toBe('NOT_HOLDER');
    expect(refuseAction(w, 'decide', c, { ...reviewer, roles: ['operator'] })?.code).toBe('ROLE');
    expect(refuseAction(w, 'decide', c, { ...reviewer, userId: 10 })?.code).toBe('SELF_REVIEW');
    expect(refuseAction(w, 'decide', { ...c, held: true }, reviewer)?.code).toBe('HELD');
    expect(refuseAction(w, 'decide', { ...c, state: 'done' }, reviewer)?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('leave ordinary actions on the generic route', () => {
    expect(refuseAction(w, 'reject', c, reviewer, { comment: '材料不全' })).toBeNull();
  });

  it('are listed with their page for the party that could take them, and for no one else', () => {
    expect(availableActions(w, c, reviewer)).toEqual([
      { key: 'decide', label: '逐笔审核', kind: 'advance', requiresComment: true, measureRouteOnly: PAGE },
      { key: 'reject', label: '不予通过', kind: 'reject', requiresComment: true, measureRouteOnly: null },
    ]);
    expect(availableActions(w, c, { ...reviewer, orgId: 3 })).toEqual([]);
    expect(availableActions(w, c, { ...reviewer, userId: 10 }).map((a) => a.key)).toEqual(['reject']);
  });

  it('must name their page and an absolute path', () => {
    expect(checkWorkflow(w)).toEqual([]);
    const bad = { ...w, actions: { ...w.actions, decide: { ...w.actions.decide!, measureRouteOnly: { page: ' ', path: 'cases/:id' } } } };
    expect(checkWorkflow(bad)).toEqual(['action decide must name its measure page and an absolute path']);
  });

  // The steps the measures' services take (each writes the measure's rows); the rest stay generic.
  it.each([
    ['bridge-loan', bridgeLoanWorkflow, ['submit', 'withdraw', 'accept', 'return', 'reject', 'confirm-renewal', 'decline-renewal', 'disburse', 'repay', 'mark-overdue']],
    ['risk-compensation', riskCompensationWorkflow, ['submit', 'fg-approve', 'dept-approve', 'plan', 'pay']],
    ['interest-subsidy', interestSubsidyWorkflow, ['submit', 'submit-city', 'report', 'publish', 'objection-uphold', 'pay']],
    ['interest-subsidy-report', interestSubsidyReportWorkflow, ['submit']],
  ] as const)('%s marks exactly the steps its service takes', (_name, workflow, keys) => {
    expect(Object.entries(workflow.actions).filter(([, a]) => a.measureRouteOnly).map(([k]) => k)).toEqual(keys);
    expect(checkWorkflow(workflow)).toEqual([]);
  });
});
