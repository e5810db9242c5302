import { z } from 'zod';
import { caseDetail, deadlineView } from '../../contracts/cases';
import { civilDate, pageQuery, text } from '../../contracts/common';

// Request and response schemas of the bridge-loan measure (应急转贷, 第二条), shared by the server
// (validation, OpenAPI) and the web (types). Money in fen, rates in ppm, dates YYYY-MM-DD.

const fen = (label: string) => z.number({ message: `${label}应为数字（分）` }).int(`${label}应为整数（分）`).positive(`${label}应大于 0`).max(100_000_000_000_000, `${label}过大`);
const idempotencyKey = z.string({ message: '幂等键不能为空' }).trim().min(8, '幂等键至少 8 个字符').max(100, '幂等键过长');
const phone = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})$/, '联系电话应为手机号或固定电话，如 13800000000 或 0531-86198628');
const boolQuery = z.enum(['true', 'false'], { message: '应为 true 或 false' });

/** The kinds of maturing loans an application may name (the preset decides which are eligible). */
export const BRIDGE_LOAN_LOAN_TYPES = { working_capital: '流动资金贷款', technical_renovation: '技术改造类项目贷款' } as const;

/** The application's fields; a draft may leave any of them out, a submission needs them all. */
export const bridgeLoanApplicationFields = z.object({
  bankOrgId: z.number({ message: '贷款银行应从列表中选择' }).int().positive('贷款银行应从列表中选择'),
  loanContractNo: text(60, '借款合同编号'),
  loanType: z.enum(Object.keys(BRIDGE_LOAN_LOAN_TYPES) as [keyof typeof BRIDGE_LOAN_LOAN_TYPES], { message: '贷款种类应为流动资金贷款或技术改造类项目贷款' }),
  loanAmountFen: fen('到期贷款金额'),
  loanMaturityOn: civilDate,
  bridgeAmountFen: fen('转贷金额'),
  bridgeDays: z.number({ message: '使用天数应为数字' }).int('使用天数应为整数').min(1, '使用天数至少 1 天').max(365, '使用天数过大'),
  contactName: text(40, '联系人'),
  contactPhone: phone,
  remark: z.string().trim().max(500, '备注不能超过 500 字').nullable(),
});
export type BridgeLoanApplicationFields = z.infer<typeof bridgeLoanApplicationFields>;

/** Creates an application: saved as a draft, or submitted at once (`submit: true`). */
export const bridgeLoanCreateBody = bridgeLoanApplicationFields.partial().extend({
  idempotencyKey,
  submit: z.boolean().optional(),
});
export type BridgeLoanCreateBody = z.infer<typeof bridgeLoanCreateBody>;

/** What a submission answers: the application's number and where it stands (the page reads the rest). */
export const bridgeLoanReceipt = z.object({
  caseId: z.number().int(),
  created: z.boolean(),
  state: z.string(),
  stateLabel: z.string(),
  version: z.number().int(),
  dueAt: z.string().nullable(),
  priority: z.number().int(),
});
export type BridgeLoanReceipt = z.infer<typeof bridgeLoanReceipt>;

/** Changes a draft (or a returned application): the fields given replace the stored ones. */
export const bridgeLoanUpdateBody = bridgeLoanApplicationFields.partial().extend({
  version: z.number().int().positive('版本号应为正整数'),
});
export type BridgeLoanUpdateBody = z.infer<typeof bridgeLoanUpdateBody>;

const version = z.number().int().positive('版本号应为正整数');
const comment = z.string().trim().max(2000, '意见不能超过 2000 字').optional();

/** Bodies of the actions, by action key; each carries the version the actor read. */
export const bridgeLoanActionBodies = {
  submit: z.object({ version, comment }),
  withdraw: z.object({ version, comment }),
  accept: z.object({
    version, comment,
    feeRatePpm: z.number({ message: '费率应为数字（百万分之一）' }).int('费率应为整数 ppm').min(0, '费率不能为负').max(100_000, '费率过大'),
    feeFen: z.number().int('转贷费应为整数（分）').min(0, '转贷费不能为负').nullable().optional(),
  }),
  'return': z.object({ version, comment }),
  reject: z.object({ version, comment }),
  'confirm-renewal': z.object({
    version, comment,
    renewalAmountFen: fen('续贷金额'),
    renewalExpectedOn: civilDate,
  }),
  'decline-renewal': z.object({ version, comment }),
  disburse: z.object({ version, comment, disbursedOn: civilDate, disbursedFen: fen('放款金额') }),
  repay: z.object({ version, comment, repaidOn: civilDate, repaidFen: fen('归还金额') }),
  'mark-overdue': z.object({ version, comment }),
} as const;
export type BridgeLoanAction = keyof typeof bridgeLoanActionBodies;
export const BRIDGE_LOAN_ACTIONS = Object.keys(bridgeLoanActionBodies) as BridgeLoanAction[];

/** Any action body (the route validates it again against the action's own schema). */
export const bridgeLoanActionBody = z.object({
  version, comment,
  feeRatePpm: z.number().optional(), feeFen: z.number().nullable().optional(),
  renewalAmountFen: z.number().optional(), renewalExpectedOn: z.string().optional(),
  disbursedOn: z.string().optional(), disbursedFen: z.number().optional(),
  repaidOn: z.string().optional(), repaidFen: z.number().optional(),
});
export type BridgeLoanActionBody = z.infer<typeof bridgeLoanActionBody>;

/** A file of an application (the bank's renewal commitment). */
export const bridgeLoanFileView = z.object({
  id: z.number().int(), kind: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), uploadedAt: z.string(),
});
export type BridgeLoanFileView = z.infer<typeof bridgeLoanFileView>;

/** One application as lists show it. */
export const bridgeLoanView = z.object({
  caseId: z.number().int(),
  state: z.string(),
  stateLabel: z.string(),
  version: z.number().int(),
  enterpriseOrgId: z.number().int(),
  enterpriseName: z.string(),
  uscc: z.string(),
  regionCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  operatorOrgId: z.number().int().nullable(),
  operatorName: z.string().nullable(),
  bankOrgId: z.number().int().nullable(),
  bankName: z.string().nullable(),
  loanContractNo: z.string().nullable(),
  loanType: z.string().nullable(),
  loanAmountFen: z.number().int().nullable(),
  loanMaturityOn: z.string().nullable(),
  bridgeAmountFen: z.number().int().nullable(),
  bridgeDays: z.number().int().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  remark: z.string().nullable(),
  greenChannel: z.boolean(),
  greenListName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  greenDueOn: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** The case's deadline in working days (剩余 / 已超期), as the 工作台 shows it. */
  deadline: deadlineView.nullable(),
  priority: z.number().int(),
  feeBasis: z.string().nullable(),
  feeRatePpm: z.number().int().nullable(),
  feeFen: z.number().int().nullable(),
  renewalAmountFen: z.number().int().nullable(),
  renewalExpectedOn: z.string().nullable(),
  bankConfirmedAt: z.string().nullable(),
  disbursedOn: z.string().nullable(),
  disbursedFen: z.number().int().nullable(),
  repaymentDueOn: z.string().nullable(),
  repaidOn: z.string().nullable(),
  repaidFen: z.number().int().nullable(),
  /** Disbursed, not repaid, and past the repayment date (or flagged overdue). */
  repaymentOverdue: z.boolean(),
  greenOnTime: z.boolean().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BridgeLoanView = z.infer<typeof bridgeLoanView>;

/** The fee as the rules give it for a case's amount and days (what the accept form shows). */
export const bridgeLoanFeePreview = z.object({
  feeBasis: z.string(),
  capPpm: z.number().int(),
  inEpidemicPeriod: z.boolean(),
  maxFeeFen: z.number().int().nullable(),
  normalFeeRatePpm: z.number().int().nullable(),
});

/** One application with its case (timeline, deadline, actions), its files and the fee preview. */
export const bridgeLoanDetail = z.object({
  loan: bridgeLoanView,
  case: caseDetail,
  files: z.array(bridgeLoanFileView),
  fee: bridgeLoanFeePreview.nullable(),
  /** The actions of this measure the viewer may take now. */
  actions: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string(), requiresComment: z.boolean() })),
  canEdit: z.boolean(),
});
export type BridgeLoanDetail = z.infer<typeof bridgeLoanDetail>;

/** Filters of the application list. */
export const bridgeLoanListQuery = pageQuery.extend({
  state: z.string().max(30).optional(),
  green: boolQuery.optional(),
  overdue: boolQuery.optional(),
  /** Only cases waiting for my organisation, green channel first then by deadline. */
  todo: boolQuery.optional(),
  cityCode: z.string().regex(/^\d{6}$/, '市代码应为 6 位数字').optional(),
  operatorOrgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(60).optional(),
  from: civilDate.optional(),
  to: civilDate.optional(),
});
export type BridgeLoanListQuery = z.infer<typeof bridgeLoanListQuery>;

/** The published rules and process (public). */
export const bridgeLoanRulesView = z.object({
  clause: z.string(),
  text: z.string(),
  hotline: z.string(),
  onlineEntryUrl: z.string(),
  greenChannelEnterpriseList: z.string(),
  greenChannelDeadline: z.string(),
  epidemicFeeCapPpm: z.number().int(),
  feeBasis: z.string(),
  feeBasisLabel: z.string(),
  normalFeeRatePpm: z.number().int().nullable(),
  normalAcceptanceWorkingDays: z.number().int(),
  maxTermDays: z.number().int(),
  eligibleLoanTypes: z.array(z.string()),
  requiresRenewalCommitment: z.boolean(),
  inEpidemicPeriod: z.boolean(),
  steps: z.array(z.object({ key: z.string(), title: z.string(), text: z.string() })),
  operators: z.array(z.object({ id: z.number().int(), name: z.string(), regionCode: z.string().nullable(), level: z.string() })),
});
export type BridgeLoanRulesView = z.infer<typeof bridgeLoanRulesView>;

/** A bank an enterprise may name. */
export const bridgeLoanBankView = z.object({ id: z.number().int(), name: z.string() });

/** A consultation: a hotline call or an online question, with its answer. */
export const bridgeLoanConsultationView = z.object({
  id: z.number().int(),
  channel: z.enum(['phone', 'online']),
  askerName: z.string(),
  askerPhone: z.string().nullable(),
  enterpriseOrgId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  operatorOrgId: z.number().int().nullable(),
  operatorName: z.string().nullable(),
  question: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type BridgeLoanConsultationView = z.infer<typeof bridgeLoanConsultationView>;

/** An enterprise asks online, or an operator records a call (with its answer when given at once). */
export const bridgeLoanConsultationBody = z.object({
  channel: z.enum(['phone', 'online'], { message: '渠道应为 phone（电话）或 online（网上）' }).optional(),
  askerName: text(40, '咨询人').optional(),
  askerPhone: phone.nullable().optional(),
  question: text(2000, '咨询问题'),
  answer: z.string().trim().max(2000, '答复不能超过 2000 字').nullable().optional(),
});
export type BridgeLoanConsultationBody = z.infer<typeof bridgeLoanConsultationBody>;

export const bridgeLoanAnswerBody = z.object({ answer: text(2000, '答复'), version: z.number().int().positive('版本号应为正整数') });

export const bridgeLoanConsultationQuery = pageQuery.extend({
  channel: z.enum(['phone', 'online']).optional(),
  answered: boolQuery.optional(),
  q: z.string().trim().max(60).optional(),
});
export type BridgeLoanConsultationQuery = z.infer<typeof bridgeLoanConsultationQuery>;

/** One row of the supervision tables (by operator, or by city). */
export const bridgeLoanSupervisionRow = z.object({
  key: z.string(),
  name: z.string(),
  applications: z.number().int(),
  disbursed: z.number().int(),
  disbursedFen: z.number().int(),
  feeFen: z.number().int(),
  /** Average hours from submission to disbursement (null when none disbursed). */
  avgHoursToDisburse: z.number().nullable(),
  greenCases: z.number().int(),
  greenOnTime: z.number().int(),
  greenOnTimeRatePpm: z.number().int().nullable(),
  overdue: z.number().int(),
  overdueFen: z.number().int(),
});
export type BridgeLoanSupervisionRow = z.infer<typeof bridgeLoanSupervisionRow>;

export const bridgeLoanSupervisionView = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: bridgeLoanSupervisionRow,
  byOperator: z.array(bridgeLoanSupervisionRow),
  byCity: z.array(bridgeLoanSupervisionRow),
});
export type BridgeLoanSupervisionView = z.infer<typeof bridgeLoanSupervisionView>;

export const bridgeLoanSupervisionQuery = z.object({ from: civilDate.optional(), to: civilDate.optional() });
