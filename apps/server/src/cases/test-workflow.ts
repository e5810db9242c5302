import type { WorkflowDefinition } from '@relief/domain';

/**
 * A workflow used only by the engine's tests (the measures' own workflows come with their
 * issues): an owner drafts and submits, the county (else city) reviews within 2 working days,
 * the province re-checks the same working day.
 */
export const TEST_WORKFLOW: WorkflowDefinition = {
  measure: 'engine-test',
  version: 1,
  initial: 'draft',
  states: {
    draft: { label: '草稿', holder: { type: 'owner' }, holderRoles: ['operator', 'admin'] },
    submitted: { label: '待初审', holder: { type: 'region', level: 'county-or-city' }, holderRoles: ['reviewer'], deadline: { kind: 'workingDays', days: 2, param: 'reviewDays' } },
    checking: { label: '待复核', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, holderRoles: ['reviewer'], deadline: { kind: 'sameWorkingDay' } },
    monthly: { label: '待月度申报', holder: { type: 'owner' }, holderRoles: ['operator'], deadline: { kind: 'workingDaysAfterMonthEnd', days: 5, monthField: 'month' } },
    cosign: { label: '工信、财政会签', holder: { type: 'region', level: 'county' }, holderRoles: ['reviewer'], jointHolders: [{ type: 'field', field: 'financeOrgId' }], deadline: { kind: 'workingDays', days: 10 } },
    urgent: { label: '待受理', holder: { type: 'region', level: 'county-or-city' }, holderRoles: ['reviewer'], deadline: { kind: 'byFlag', field: 'greenChannel', whenTrue: { kind: 'sameWorkingDay' }, otherwise: { kind: 'workingDays', days: 3 } } },
    done: { label: '办结', terminal: true },
    rejected: { label: '不予通过', terminal: true },
  },
  actions: {
    submit: { label: '提交', kind: 'submit', from: ['draft'], to: 'submitted', roles: ['operator', 'admin'], by: 'owner' },
    approve: { label: '初审通过', kind: 'advance', from: ['submitted'], to: 'checking', roles: ['reviewer'], notBySubmitter: true,
      guard: ({ data }) => (typeof data.amountFen === 'number' && data.amountFen > 100_000_00 ? '金额超过 10 万元，须先核减' : null) },
    'return': { label: '退回修改', kind: 'return', from: ['submitted', 'checking'], to: 'draft', roles: ['reviewer'] },
    reject: { label: '不予通过', kind: 'reject', from: ['submitted', 'checking'], to: 'rejected', roles: ['reviewer'] },
    finish: { label: '复核通过', kind: 'close', from: ['checking'], to: 'done', roles: ['reviewer'], notBySubmitter: true },
    'to-cosign': { label: '报送会签', kind: 'submit', from: ['draft'], to: 'cosign', roles: ['operator', 'admin'], by: 'owner' },
    sign: { label: '会签同意', kind: 'sign', from: ['cosign'], to: 'done', roles: ['reviewer'] },
    'send-urgent': { label: '报送受理', kind: 'submit', from: ['draft'], to: 'urgent', roles: ['operator', 'admin'], by: 'owner' },
    defer: { label: '转月度申报', kind: 'advance', from: ['draft'], to: 'monthly', roles: ['operator'], by: 'owner' },
  },
};
