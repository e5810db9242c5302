import { z } from 'zod';
import { caseSummary } from '../../contracts/cases';
import { civilDate, pageQuery } from '../../contracts/common';
import { usccSchema } from '../../contracts/registration';

// Request and response schemas of the risk-compensation measure (server validation, OpenAPI, web types).

const fen = (label: string) => z.number({ error: `${label}应为整数（分）` }).int(`${label}应为整数（分）`).min(0, `${label}不能为负`).max(Number.MAX_SAFE_INTEGER, `${label}过大`);
const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const riskCompensationLoanType = z.enum(['working_capital', 'technical_renovation'], { error: '贷款种类应为 working_capital（流动资金贷款）或 technical_renovation（技术改造类项目贷款）' });

/** A loan as a bank registers it (form or API); amounts in fen, the annual rate in ppm. */
export const riskCompensationLoanInput = z.object({
  contractNo: z.string().trim().min(1, '合同编号不能为空').max(64, '合同编号不能超过 64 个字'),
  borrowerUscc: usccSchema,
  amountFen: fen('贷款金额').refine((v) => v > 0, '贷款金额应大于 0'),
  startOn: civilDate,
  maturityOn: civilDate,
  annualRatePpm: z.number({ error: '年利率应为整数（ppm，1% = 10000）' }).int('年利率应为整数（ppm）').min(0, '年利率不能为负').max(360_000, '年利率不能超过 36%'),
  loanType: riskCompensationLoanType,
  nonPerformingOn: civilDate,
  nonPerformingPrincipalFen: fen('不良贷款本金').refine((v) => v > 0, '不良贷款本金应大于 0'),
});
export type RiskCompensationLoanInput = z.infer<typeof riskCompensationLoanInput>;

export const riskCompensationLoanView = z.object({
  id: z.number().int(),
  bankOrgId: z.number().int(),
  bankName: z.string(),
  contractNo: z.string(),
  borrowerUscc: z.string(),
  borrowerName: z.string().nullable(),
  borrowerRegionCode: z.string().nullable(),
  borrowerCityCode: z.string().nullable(),
  borrowerSizeClass: z.string().nullable(),
  amountFen: z.number().int(),
  startOn: z.string(),
  maturityOn: z.string(),
  annualRatePpm: z.number().int(),
  loanType: z.string(),
  nonPerformingOn: z.string(),
  nonPerformingPrincipalFen: z.number().int(),
  eligible: z.boolean(),
  eligibilityReasons: z.array(z.string()),
  claimId: z.number().int().nullable(),
  source: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type RiskCompensationLoanView = z.infer<typeof riskCompensationLoanView>;

export const riskCompensationLoanQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  eligible: z.enum(['true', 'false']).optional(),
  claimed: z.enum(['true', 'false']).optional(),
  month: monthText.optional(),
});
export type RiskCompensationLoanQuery = z.infer<typeof riskCompensationLoanQuery>;

/** An Excel loan upload's stored validation report (errors first, then warnings). */
export const riskCompensationUploadView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: z.enum(['validated', 'confirmed']),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  writtenRows: z.number().int(),
  issues: z.array(z.object({ rowNo: z.number().int(), column: z.string(), severity: z.enum(['error', 'warning']), message: z.string() })),
});
export type RiskCompensationUploadView = z.infer<typeof riskCompensationUploadView>;

/** Opens the bank's claim for a month with the loans recognised as non-performing in it. */
export const riskCompensationClaimInput = z.object({
  month: monthText,
  /** The loans to claim; omitted = every eligible, unclaimed loan recognised as non-performing in the month. */
  loanIds: z.array(z.number().int().positive()).min(1, '请至少选择一笔贷款').max(5000, '一次申报不超过 5000 笔').optional(),
  /** The client's key for this submission: a retry with the same key returns the first claim. */
  idempotencyKey: z.string().trim().min(8, '幂等键至少 8 个字符').max(64, '幂等键不能超过 64 个字符'),
});
export type RiskCompensationClaimInput = z.infer<typeof riskCompensationClaimInput>;

export const riskCompensationItemView = z.object({
  id: z.number().int(),
  loanId: z.number().int(),
  contractNo: z.string(),
  borrowerUscc: z.string(),
  borrowerName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  loanType: z.string(),
  startOn: z.string(),
  nonPerformingOn: z.string(),
  principalFen: z.number().int(),
  claimedFen: z.number().int(),
  basis: z.string(),
  outcome: z.enum(['pending', 'approved', 'cut', 'refused']),
  approvedFen: z.number().int().nullable(),
  reason: z.string().nullable(),
  disbursedOn: z.string().nullable(),
});
export type RiskCompensationItemView = z.infer<typeof riskCompensationItemView>;

export const riskCompensationClaimSummary = z.object({
  id: z.number().int(),
  month: z.string(),
  bankOrgId: z.number().int(),
  bankName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  itemCount: z.number().int(),
  principalFen: z.number().int(),
  claimedFen: z.number().int(),
  approvedFen: z.number().int().nullable(),
  windowClosesOn: z.string(),
  submittedOn: z.string().nullable(),
  planId: z.number().int().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type RiskCompensationClaimSummary = z.infer<typeof riskCompensationClaimSummary>;

export const riskCompensationClaimView = riskCompensationClaimSummary.extend({
  case: caseSummary,
  items: z.array(riskCompensationItemView),
  /** The submission window as it stands today: 申报截止 … 24:00，剩余 N 个工作日. */
  window: z.object({ closesOn: z.string(), open: z.boolean(), remainingWorkingDays: z.number().int(), message: z.string().nullable() }),
  ratioPpm: z.number().int(),
});
export type RiskCompensationClaimView = z.infer<typeof riskCompensationClaimView>;

export const riskCompensationClaimQuery = pageQuery.extend({
  month: monthText.optional(),
  state: z.string().max(32).optional(),
  q: z.string().trim().max(64).optional(),
});
export type RiskCompensationClaimQuery = z.infer<typeof riskCompensationClaimQuery>;

export const riskCompensationWindowQuery = z.object({ month: monthText });
export const riskCompensationWindowView = z.object({ month: z.string(), closesOn: z.string(), open: z.boolean(), remainingWorkingDays: z.number().int(), message: z.string().nullable(), today: z.string() });
export type RiskCompensationWindowView = z.infer<typeof riskCompensationWindowView>;

export const riskCompensationSubmitBody = z.object({ version: z.number().int().positive('版本号应为正整数') });

export const riskCompensationDecisionInput = z.object({
  itemId: z.number().int().positive(),
  outcome: z.enum(['approved', 'cut', 'refused'], { error: '审核结果应为 approved（同意）、cut（核减）或 refused（不予补偿）' }),
  approvedFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  reason: z.string().trim().max(500, '理由不能超过 500 字').nullable().optional(),
});
export type RiskCompensationDecisionInput = z.infer<typeof riskCompensationDecisionInput>;

/** The FG preliminary review: a decision on every item, then the claim goes to DEPT. */
export const riskCompensationFgReviewBody = z.object({
  version: z.number().int().positive('版本号应为正整数'),
  decisions: z.array(riskCompensationDecisionInput).min(1, '请逐笔填写审核结果'),
  comment: z.string().trim().max(2000).optional(),
});
export type RiskCompensationFgReviewBody = z.infer<typeof riskCompensationFgReviewBody>;

export const riskCompensationDeptReviewBody = z.object({ version: z.number().int().positive('版本号应为正整数'), comment: z.string().trim().max(2000).optional() });

export const riskCompensationPlanRowView = z.object({
  bankOrgId: z.number().int(), bankName: z.string(), cityCode: z.string(), cityName: z.string(),
  items: z.number().int(), principalFen: z.number().int(), claimedFen: z.number().int(), approvedFen: z.number().int(),
});
export const riskCompensationPlanTotals = z.object({ items: z.number().int(), principalFen: z.number().int(), claimedFen: z.number().int(), approvedFen: z.number().int() });

export const riskCompensationPlanPreviewBody = z.object({ claimIds: z.array(z.number().int().positive()).min(1, '请至少选择一项已复核的申请').max(1000) });
export const riskCompensationPlanInput = riskCompensationPlanPreviewBody.extend({
  idempotencyKey: z.string().trim().min(8, '幂等键至少 8 个字符').max(64, '幂等键不能超过 64 个字符'),
});
export const riskCompensationPlanPreview = z.object({
  rows: z.array(riskCompensationPlanRowView),
  totals: riskCompensationPlanTotals,
  byBank: z.array(z.object({ bankOrgId: z.number().int(), bankName: z.string(), approvedFen: z.number().int(), items: z.number().int() })),
  byCity: z.array(z.object({ cityCode: z.string(), cityName: z.string(), approvedFen: z.number().int(), items: z.number().int() })),
});
export const riskCompensationPlanView = riskCompensationPlanPreview.extend({
  id: z.number().int(),
  planNo: z.string(),
  title: z.string(),
  status: z.enum(['issued', 'paid']),
  issuedOn: z.string(),
  paidOn: z.string().nullable(),
  claimIds: z.array(z.number().int()),
  version: z.number().int(),
});
export type RiskCompensationPlanView = z.infer<typeof riskCompensationPlanView>;
export const riskCompensationPlanSummary = riskCompensationPlanView.omit({ rows: true, byBank: true, byCity: true });
export const riskCompensationPlanQuery = pageQuery.extend({ status: z.enum(['issued', 'paid']).optional() });
export const riskCompensationPaidBody = z.object({ version: z.number().int().positive('版本号应为正整数'), paidOn: civilDate.optional() });

export const riskCompensationDashboardQuery = z.object({ from: monthText.optional(), to: monthText.optional() });
const amountGroup = z.object({ key: z.string(), name: z.string(), claims: z.number().int(), items: z.number().int(), claimedFen: z.number().int(), approvedFen: z.number().int(), disbursedFen: z.number().int() });
export const riskCompensationDashboardView = z.object({
  claims: z.number().int(),
  byState: z.array(z.object({ state: z.string(), label: z.string(), count: z.number().int() })),
  claimedFen: z.number().int(),
  approvedFen: z.number().int(),
  disbursedFen: z.number().int(),
  stages: z.array(z.object({ stage: z.string(), label: z.string(), done: z.number().int(), onTime: z.number().int(), onTimeRate: z.number().nullable(), avgWorkingDays: z.number().nullable() })),
  overdueOpen: z.number().int(),
  byBank: z.array(amountGroup),
  byCity: z.array(amountGroup),
});
export type RiskCompensationDashboardView = z.infer<typeof riskCompensationDashboardView>;
