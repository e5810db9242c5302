import type { WorkflowDefinition } from '../../cases/workflow';

/**
 * Working days DEPT has to decide an extension request. The policy sets no time limit
 * ("视疫情影响情况适当延长追偿时限"); 5 working days follows the province's "接诉即办" practice of
 * replying within a working week. Kept here rather than in the preset, which this measure does not edit.
 */
export const GUARANTEE_EXTENSION_REVIEW_WORKING_DAYS = 5;

/**
 * 鲁工信发〔2020〕1号 第四条 "视疫情影响情况适当延长追偿时限": the institution requests a later
 * recovery (追偿) deadline for a compensation; 省工信厅 approves (the requested date becomes the
 * deadline), rejects with a reason, or returns it for revision; a returned request is resubmitted
 * or withdrawn by the institution.
 */
export const guaranteeExtensionWorkflow: WorkflowDefinition = {
  measure: 'guarantee',
  version: 1,
  initial: 'requested',
  states: {
    requested: {
      label: '待审核', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, holderRoles: ['reviewer', 'admin'],
      deadline: { kind: 'workingDays', days: GUARANTEE_EXTENSION_REVIEW_WORKING_DAYS },
    },
    returned: { label: '退回修改', holder: { type: 'owner' }, holderRoles: ['operator', 'reviewer', 'admin'] },
    approved: { label: '已同意延期', terminal: true },
    rejected: { label: '不同意延期', terminal: true },
    withdrawn: { label: '已撤回', terminal: true },
  },
  actions: {
    approve: { label: '同意延期', kind: 'close', from: ['requested'], to: 'approved', roles: ['reviewer', 'admin'], kinds: ['department'], notBySubmitter: true },
    reject: { label: '不同意延期', kind: 'reject', from: ['requested'], to: 'rejected', roles: ['reviewer', 'admin'], kinds: ['department'], notBySubmitter: true },
    'return': { label: '退回修改', kind: 'return', from: ['requested'], to: 'returned', roles: ['reviewer', 'admin'], kinds: ['department'] },
    resubmit: { label: '重新提交', kind: 'submit', from: ['returned'], to: 'requested', roles: ['operator', 'reviewer', 'admin'], kinds: ['guarantee'], by: 'owner' },
    withdraw: { label: '撤回申请', kind: 'withdraw', from: ['returned'], to: 'withdrawn', roles: ['operator', 'reviewer', 'admin'], kinds: ['guarantee'], by: 'owner' },
  },
};
