import type { MeasureRouteOnly, WorkflowDefinition } from '../../cases/workflow';
import { checkRiskCompensationWindow } from './rules';

/** The measure's name everywhere (cases, permissions, routes). */
export const RISK_COMPENSATION_MEASURE = 'risk-compensation';

// Steps whose own rows (the submission date, item-by-item decisions, plan membership) the
// measure's service writes in the engine's transaction: on the claim page, or the plans page.
const ON_CLAIM_PAGE: MeasureRouteOnly = { page: '贷款风险补偿·补偿申请', path: '/measures/risk-compensation/claims/:id' };
const ON_PLANS_PAGE: MeasureRouteOnly = { page: '贷款风险补偿·拨付计划', path: '/measures/risk-compensation/plans' };

/**
 * 鲁工信发〔2020〕1号 第一条 as a workflow. A claim is one bank's batch for one month:
 * - 草稿 (draft): held by the bank until 24:00 of the 5th working day after the month ends;
 * - 初审 (fg_review): 省财金集团, 10 working days from submission, item by item;
 * - 复核 (dept_review): 省工信厅 fast track, 1 working day;
 * - 待下达拨付计划 (approved) → 已列入拨付计划 (planned) → 已拨付 (disbursed).
 * FG may return a claim for revision (退回修改, distinct from 不予通过); DEPT may send it back to FG.
 */
export const riskCompensationWorkflow: WorkflowDefinition = {
  measure: RISK_COMPENSATION_MEASURE,
  version: 1,
  initial: 'draft',
  states: {
    draft: {
      label: '待申报', holder: { type: 'owner' }, holderRoles: ['operator', 'admin', 'reviewer'],
      deadline: { kind: 'workingDaysAfterMonthEnd', days: 5, monthField: 'month', param: 'claimWindowWorkingDaysAfterMonthEnd' },
    },
    revision: { label: '退回修改', holder: { type: 'owner' }, holderRoles: ['operator', 'admin', 'reviewer'], deadline: { kind: 'workingDays', days: 5, param: 'claimWindowWorkingDaysAfterMonthEnd' } },
    fg_review: {
      label: '省财金集团初审', holder: { type: 'kind', kind: 'finance-group', code: 'FG' }, holderRoles: ['reviewer', 'operator'],
      deadline: { kind: 'workingDays', days: 10, param: 'fgReviewWorkingDays' },
    },
    dept_review: {
      label: '省工信厅复核', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, holderRoles: ['reviewer', 'operator'],
      deadline: { kind: 'workingDays', days: 1, param: 'deptRecheckWorkingDays' },
    },
    approved: { label: '待下达拨付计划', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, holderRoles: ['reviewer', 'operator'] },
    planned: { label: '已列入拨付计划', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, holderRoles: ['reviewer', 'operator'] },
    disbursed: { label: '已拨付', terminal: true },
    rejected: { label: '不予补偿', terminal: true },
  },
  actions: {
    submit: {
      label: '提交申报', kind: 'submit', from: ['draft', 'revision'], to: 'fg_review', roles: ['operator', 'admin', 'reviewer'], by: 'owner',
      // The service passes the day it submits on (route-only: no client can pass a day of its choosing).
      measureRouteOnly: ON_CLAIM_PAGE,
      // The window applies to the first submission; a claim returned for revision goes back on its own deadline.
      guard: ({ data, input }) => {
        if (data.submittedOn) return null;
        if (typeof input.today !== 'string') return '缺少申报日期，无法核对申报期限';
        return checkRiskCompensationWindow(String(data.month), String(data.windowClosesOn), input.today);
      },
    },
    'fg-approve': { label: '初审通过', kind: 'advance', from: ['fg_review'], to: 'dept_review', roles: ['reviewer', 'operator'], kinds: ['finance-group'], notBySubmitter: true, measureRouteOnly: ON_CLAIM_PAGE },
    'fg-return': { label: '退回修改', kind: 'return', from: ['fg_review'], to: 'revision', roles: ['reviewer', 'operator'], kinds: ['finance-group'] },
    'fg-reject': { label: '不予补偿', kind: 'reject', from: ['fg_review'], to: 'rejected', roles: ['reviewer', 'operator'], kinds: ['finance-group'] },
    'dept-approve': { label: '复核通过', kind: 'advance', from: ['dept_review'], to: 'approved', roles: ['reviewer', 'operator'], kinds: ['department'], notBySubmitter: true, measureRouteOnly: ON_CLAIM_PAGE },
    'dept-return': { label: '退回初审', kind: 'return', from: ['dept_review'], to: 'fg_review', roles: ['reviewer', 'operator'], kinds: ['department'] },
    plan: { label: '列入拨付计划', kind: 'advance', from: ['approved'], to: 'planned', roles: ['reviewer', 'operator', 'admin'], kinds: ['department'], measureRouteOnly: ON_PLANS_PAGE },
    pay: { label: '拨付完成', kind: 'close', from: ['planned'], to: 'disbursed', roles: ['reviewer', 'operator', 'admin'], kinds: ['department'], measureRouteOnly: ON_PLANS_PAGE },
  },
};
