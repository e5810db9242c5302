import type { MeasureRouteOnly, WorkflowDefinition } from '../../cases/workflow';

/** The measure's name everywhere (cases, permissions, routes). */
export const INTEREST_SUBSIDY_MEASURE = 'interest-subsidy';
/** The city's 汇总表 is a case of its own workflow. */
export const INTEREST_SUBSIDY_REPORT_MEASURE = 'interest-subsidy-report';

// Steps whose own rows (contracts, 汇总表 membership, 公示, payment) the measure's service writes
// in the engine's transaction, each on the page that does it.
const ON_APPLICATION_PAGE: MeasureRouteOnly = { page: '贷款贴息·贴息申请', path: '/measures/interest-subsidy/applications/:id' };
const ON_REPORTS_PAGE: MeasureRouteOnly = { page: '贷款贴息·市级汇总表', path: '/measures/interest-subsidy/reports' };
const ON_REPORT_PAGE: MeasureRouteOnly = { page: '贷款贴息·市级汇总表', path: '/measures/interest-subsidy/reports/:id' };
const ON_NOTICES_PAGE: MeasureRouteOnly = { page: '贷款贴息·公示与拨付', path: '/measures/interest-subsidy/notices' };

const REVIEWERS = ['reviewer', 'admin'] as const;
const APPLICANT = ['operator', 'admin'] as const;

/**
 * 鲁工信发〔2020〕1号 第五条, one enterprise's application (贴息申请):
 * - 待提交 (draft) / 退回修改 (revision): the enterprise;
 * - 县级审核 (county_review): the county 工信 with the county 财政, both sign in either order,
 *   localReviewWorkingDays; skipped when the county has no finance bureau on the platform;
 * - 市级审核 (city_review): the city 工信 with the city 财政, cityReviewWorkingDays;
 * - 待汇总上报 (approved): the city, until its 汇总表 goes to the province;
 * - 已报省 (reported) → 公示中 (publicised) → 已拨付 (paid), held by 省工信厅.
 * Either level may return (退回修改) or reject (不予贴息) with reasons; an objection upheld during
 * 公示 rejects the application.
 */
export const interestSubsidyWorkflow: WorkflowDefinition = {
  measure: INTEREST_SUBSIDY_MEASURE,
  version: 1,
  initial: 'draft',
  states: {
    draft: { label: '待提交', holder: { type: 'owner' }, holderRoles: [...APPLICANT] },
    revision: { label: '退回修改', holder: { type: 'owner' }, holderRoles: [...APPLICANT], deadline: { kind: 'workingDays', days: 10, param: 'localReviewWorkingDays' } },
    county_review: {
      label: '县级工信、财政审核', holder: { type: 'field', field: 'countyOrgId' }, jointHolders: [{ type: 'field', field: 'countyFinanceOrgId' }],
      holderRoles: [...REVIEWERS], deadline: { kind: 'workingDays', days: 10, param: 'localReviewWorkingDays' },
    },
    city_review: {
      label: '市级工信、财政审核', holder: { type: 'field', field: 'cityOrgId' }, jointHolders: [{ type: 'field', field: 'cityFinanceOrgId' }],
      holderRoles: [...REVIEWERS], deadline: { kind: 'workingDays', days: 10, param: 'cityReviewWorkingDays' },
    },
    // Either city body may be the last to sign the 汇总表; the applications then move with it.
    approved: { label: '待汇总上报', holder: { type: 'field', field: 'cityOrgId' }, jointHolders: [{ type: 'field', field: 'cityFinanceOrgId' }], holderRoles: [...REVIEWERS] },
    reported: { label: '已报省', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, holderRoles: [...REVIEWERS] },
    publicised: { label: '公示中', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, holderRoles: [...REVIEWERS] },
    paid: { label: '已拨付', terminal: true },
    rejected: { label: '不予贴息', terminal: true },
  },
  actions: {
    submit: {
      label: '提交申请', kind: 'submit', from: ['draft', 'revision'], to: 'county_review', roles: [...APPLICANT], by: 'owner',
      measureRouteOnly: ON_APPLICATION_PAGE,
      guard: ({ data }) => (typeof data.countyFinanceOrgId === 'number' ? null : '所在县（市、区）未设财政部门，应直接报市级审核'),
    },
    'submit-city': {
      label: '提交申请', kind: 'submit', from: ['draft', 'revision'], to: 'city_review', roles: [...APPLICANT], by: 'owner',
      measureRouteOnly: ON_APPLICATION_PAGE,
      guard: ({ data }) => (typeof data.countyFinanceOrgId === 'number' ? '应先经县级工信、财政部门审核' : null),
    },
    'county-sign': { label: '县级审核通过（会签）', kind: 'sign', from: ['county_review'], to: 'city_review', roles: [...REVIEWERS], kinds: ['county', 'finance-bureau'] },
    'county-return': { label: '退回修改', kind: 'return', from: ['county_review'], to: 'revision', roles: [...REVIEWERS], kinds: ['county', 'finance-bureau'] },
    'county-reject': { label: '不予贴息', kind: 'reject', from: ['county_review'], to: 'rejected', roles: [...REVIEWERS], kinds: ['county', 'finance-bureau'] },
    'city-sign': { label: '市级审核通过（会签）', kind: 'sign', from: ['city_review'], to: 'approved', roles: [...REVIEWERS], kinds: ['city', 'finance-bureau'] },
    'city-return': { label: '退回修改', kind: 'return', from: ['city_review'], to: 'revision', roles: [...REVIEWERS], kinds: ['city', 'finance-bureau'] },
    'city-reject': { label: '不予贴息', kind: 'reject', from: ['city_review'], to: 'rejected', roles: [...REVIEWERS], kinds: ['city', 'finance-bureau'] },
    report: { label: '随汇总表报省', kind: 'advance', from: ['approved'], to: 'reported', roles: [...REVIEWERS], kinds: ['city', 'finance-bureau'], measureRouteOnly: ON_REPORTS_PAGE },
    publish: { label: '公示', kind: 'advance', from: ['reported'], to: 'publicised', roles: [...REVIEWERS], kinds: ['department'], measureRouteOnly: ON_NOTICES_PAGE },
    'objection-uphold': { label: '异议成立，不予贴息', kind: 'reject', from: ['publicised'], to: 'rejected', roles: [...REVIEWERS], kinds: ['department'], measureRouteOnly: ON_NOTICES_PAGE },
    pay: { label: '拨付', kind: 'close', from: ['publicised'], to: 'paid', roles: [...REVIEWERS], kinds: ['department'], measureRouteOnly: ON_NOTICES_PAGE },
  },
};

/**
 * 鲁工信发〔2020〕1号 第五条, the city's 汇总表 (“各市工业和信息化部门会同财政部门汇总审核后，于5月31日前报省工信厅、省财政厅”):
 * - 市级汇总审核 (draft): the city 工信 with the city 财政, both sign to submit, by cityReportDeadline;
 * - 已报省 (submitted): 省工信厅 with 省财政厅, both sign to receive (or return it with reasons);
 * - 已接收 (received).
 */
export const interestSubsidyReportWorkflow: WorkflowDefinition = {
  measure: INTEREST_SUBSIDY_REPORT_MEASURE,
  version: 1,
  initial: 'draft',
  states: {
    draft: {
      label: '市级汇总审核', holder: { type: 'field', field: 'cityOrgId' }, jointHolders: [{ type: 'field', field: 'cityFinanceOrgId' }],
      holderRoles: [...REVIEWERS], deadline: { kind: 'fixedDate', date: '2020-05-31', param: 'cityReportDeadline' },
    },
    submitted: {
      label: '已报省工信厅、省财政厅', holder: { type: 'kind', kind: 'department', code: 'DEPT' }, jointHolders: [{ type: 'kind', kind: 'department', code: 'FIN' }],
      holderRoles: [...REVIEWERS],
    },
    received: { label: '省级已接收', terminal: true },
  },
  actions: {
    submit: { label: '审核上报（会签）', kind: 'sign', from: ['draft'], to: 'submitted', roles: [...REVIEWERS], kinds: ['city', 'finance-bureau'], measureRouteOnly: ON_REPORT_PAGE },
    receive: { label: '接收（会签）', kind: 'sign', from: ['submitted'], to: 'received', roles: [...REVIEWERS], kinds: ['department'] },
    return: { label: '退回市级', kind: 'return', from: ['submitted'], to: 'draft', roles: [...REVIEWERS], kinds: ['department'] },
  },
};
