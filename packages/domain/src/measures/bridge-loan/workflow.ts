import type { MeasureRouteOnly, WorkflowDefinition } from '../../cases/workflow';

// Every step records the measure's own facts (the fee at acceptance, the bank's confirmation,
// disbursement, repayment) on the application page; the generic case route takes none of them.
const ON_APPLICATION_PAGE: MeasureRouteOnly = { page: '应急转贷·转贷申请', path: '/measures/bridge-loan/cases/:id' };

// Green-channel cases (疫情防控物资保障重点生产企业) must be accepted and completed the same working
// day (第二条 “当日受理办结”); others get the preset's normal time limit.
const stepDeadline = { kind: 'byFlag', field: 'greenChannel', whenTrue: { kind: 'sameWorkingDay' }, otherwise: { kind: 'workingDays', days: 3, param: 'normalAcceptanceWorkingDays' } } as const;

const OPERATOR_KINDS = ['bridge-operator', 'bridge-fund'] as const;
const OPERATOR_ROLES = ['operator', 'reviewer', 'admin'] as const;
const ENTERPRISE_ROLES = ['operator', 'admin'] as const;

/**
 * 鲁工信发〔2020〕1号 第二条 应急转贷: the enterprise applies (drafts save) → the operator of its county,
 * else city, else the province platform accepts (fee decided) → the lending bank confirms the
 * renewal → the operator disburses the bridge → the renewed loan repays it (closed) or the
 * repayment runs overdue (flagged, still to be repaid). Returns and rejections carry reasons.
 */
export const bridgeLoanWorkflow: WorkflowDefinition = {
  measure: 'bridge-loan',
  version: 1,
  initial: 'draft',
  states: {
    draft: { label: '草稿', holder: { type: 'owner' }, holderRoles: [...ENTERPRISE_ROLES] },
    submitted: { label: '待受理', holder: { type: 'field', field: 'operatorOrgId' }, holderRoles: [...OPERATOR_ROLES], deadline: stepDeadline },
    returned: { label: '退回修改', holder: { type: 'owner' }, holderRoles: [...ENTERPRISE_ROLES] },
    accepted: { label: '待银行确认续贷', holder: { type: 'field', field: 'bankOrgId' }, holderRoles: ['operator', 'reviewer', 'admin'], deadline: stepDeadline },
    confirmed: { label: '待放款', holder: { type: 'field', field: 'operatorOrgId' }, holderRoles: [...OPERATOR_ROLES], deadline: stepDeadline },
    disbursed: { label: '已放款待归还', holder: { type: 'field', field: 'operatorOrgId' }, holderRoles: [...OPERATOR_ROLES] },
    overdue: { label: '逾期未还', holder: { type: 'field', field: 'operatorOrgId' }, holderRoles: [...OPERATOR_ROLES] },
    repaid: { label: '已归还办结', terminal: true },
    rejected: { label: '不予受理', terminal: true },
    withdrawn: { label: '已撤回', terminal: true },
  },
  actions: {
    submit: { label: '提交申请', kind: 'submit', from: ['draft', 'returned'], to: 'submitted', roles: [...ENTERPRISE_ROLES], kinds: ['enterprise'], by: 'owner', measureRouteOnly: ON_APPLICATION_PAGE },
    withdraw: { label: '撤回申请', kind: 'withdraw', from: ['draft', 'returned'], to: 'withdrawn', roles: [...ENTERPRISE_ROLES], kinds: ['enterprise'], by: 'owner', measureRouteOnly: ON_APPLICATION_PAGE },
    accept: { label: '受理', kind: 'advance', from: ['submitted'], to: 'accepted', roles: [...OPERATOR_ROLES], kinds: [...OPERATOR_KINDS], measureRouteOnly: ON_APPLICATION_PAGE },
    'return': { label: '退回修改', kind: 'return', from: ['submitted'], to: 'returned', roles: [...OPERATOR_ROLES], kinds: [...OPERATOR_KINDS], measureRouteOnly: ON_APPLICATION_PAGE },
    reject: { label: '不予受理', kind: 'reject', from: ['submitted', 'confirmed'], to: 'rejected', roles: [...OPERATOR_ROLES], kinds: [...OPERATOR_KINDS], measureRouteOnly: ON_APPLICATION_PAGE },
    'confirm-renewal': { label: '确认续贷', kind: 'advance', from: ['accepted'], to: 'confirmed', roles: ['operator', 'reviewer', 'admin'], kinds: ['bank'], measureRouteOnly: ON_APPLICATION_PAGE },
    'decline-renewal': { label: '不予续贷', kind: 'reject', from: ['accepted'], to: 'rejected', roles: ['operator', 'reviewer', 'admin'], kinds: ['bank'], measureRouteOnly: ON_APPLICATION_PAGE },
    disburse: { label: '放款', kind: 'advance', from: ['confirmed'], to: 'disbursed', roles: [...OPERATOR_ROLES], kinds: [...OPERATOR_KINDS], measureRouteOnly: ON_APPLICATION_PAGE },
    repay: { label: '登记归还', kind: 'close', from: ['disbursed', 'overdue'], to: 'repaid', roles: [...OPERATOR_ROLES], kinds: [...OPERATOR_KINDS], measureRouteOnly: ON_APPLICATION_PAGE },
    'mark-overdue': { label: '标记逾期', kind: 'advance', from: ['disbursed'], to: 'overdue', roles: [...OPERATOR_ROLES], kinds: [...OPERATOR_KINDS], requiresComment: true, measureRouteOnly: ON_APPLICATION_PAGE },
  },
};

/** The workflow's state keys. */
export type BridgeLoanState = 'draft' | 'submitted' | 'returned' | 'accepted' | 'confirmed' | 'disbursed' | 'overdue' | 'repaid' | 'rejected' | 'withdrawn';

/** Labels of the states, for lists and exports. */
export const BRIDGE_LOAN_STATE_LABELS: Record<BridgeLoanState, string> = Object.fromEntries(
  Object.entries(bridgeLoanWorkflow.states).map(([k, s]) => [k, s.label]),
) as Record<BridgeLoanState, string>;

/** The published process steps (rules page), in order. */
export const BRIDGE_LOAN_PROCESS_STEPS = [
  { key: 'apply', title: '企业申请', text: '企业在线填写到期贷款（银行、合同、金额、到期日）、转贷金额与天数，上传银行续贷承诺，提交后按所在县（市、区）、市的运营机构自动分送；无县、市运营机构的由省平台受理。' },
  { key: 'accept', title: '运营机构受理', text: '运营机构审核材料、确定费率并计算转贷费；疫情期间费率不超过 0.08%。疫情防控物资保障重点生产企业走绿色通道，当日受理办结。' },
  { key: 'confirm', title: '银行确认续贷', text: '贷款银行在平台确认续贷承诺（续贷金额、预计放款日）。' },
  { key: 'disburse', title: '转贷资金发放', text: '运营机构发放转贷资金，归还企业到期贷款。' },
  { key: 'repay', title: '续贷归还', text: '银行发放续贷资金后归还转贷资金，办结；到期未归还的标记逾期并跟踪。' },
] as const;
