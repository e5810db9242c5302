import { z } from 'zod';
import { civilDate, pageQuery, text } from '../../contracts/common';

// Request and view schemas of 贷款贴息, shared by the server (validation, OpenAPI) and the web.

/** The largest annual rate accepted on a contract (24%): a typing guard, not a policy cap. */
export const INTEREST_SUBSIDY_MAX_RATE_PPM = 240_000;

/** One loan contract as the enterprise declares it. */
export const interestSubsidyContractInput = z.object({
  bankName: text(100, '贷款银行'),
  contractNo: text(60, '合同编号'),
  effectiveOn: civilDate,
  drawdownOn: civilDate,
  maturityOn: civilDate,
  principalFen: z.number().int('贷款金额应为整数（分）').positive('贷款金额应大于0').max(100_000_000_000_00, '贷款金额过大'),
  annualRatePpm: z.number().int('年利率应为整数（ppm）').positive('年利率应大于0').max(INTEREST_SUBSIDY_MAX_RATE_PPM, '年利率不能超过24%'),
  interestPaidFen: z.number().int('已付利息应为整数（分）').min(0, '已付利息不能为负').nullable().optional(),
});
export type InterestSubsidyContractInput = z.infer<typeof interestSubsidyContractInput>;

/** An application: its contracts, the contact, and the client's idempotency key (a retry returns the first). */
export const interestSubsidyApplicationInput = z.object({
  idempotencyKey: z.string().trim().min(8, '幂等键至少8个字符').max(64, '幂等键不能超过64个字符'),
  contactName: text(40, '联系人'),
  contactPhone: z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, '联系电话格式不正确'),
  contracts: z.array(interestSubsidyContractInput).min(1, '至少填写一份贷款合同').max(20, '一次最多申请20份合同'),
});
export type InterestSubsidyApplicationInput = z.infer<typeof interestSubsidyApplicationInput>;

/** Revision of a returned application (same fields, with the version seen). */
export const interestSubsidyRevisionInput = interestSubsidyApplicationInput.omit({ idempotencyKey: true }).extend({ version: z.number().int().positive() });

/** A preview of the subsidy before submitting. */
export const interestSubsidyPreviewInput = z.object({ contracts: z.array(interestSubsidyContractInput).min(1, '至少填写一份贷款合同').max(20, '一次最多申请20份合同') });

export const interestSubsidyAmountView = z.object({
  daysOutstanding: z.number().int(),
  subsidyDays: z.number().int(),
  subsidyRatePpm: z.number().int(),
  formulaFen: z.number().int(),
  paidCapFen: z.number().int().nullable(),
  amountFen: z.number().int(),
});

export const interestSubsidyPreviewView = z.object({
  items: z.array(z.object({ index: z.number().int(), eligible: z.boolean(), reason: z.string().nullable(), amount: interestSubsidyAmountView.nullable() })),
  totalFen: z.number().int(),
  onPriorityList: z.boolean(),
});

export const interestSubsidyContractView = interestSubsidyContractInput.extend({
  id: z.number().int(),
  interestPaidFen: z.number().int().nullable(),
  daysOutstanding: z.number().int(),
  subsidyDays: z.number().int(),
  subsidyFen: z.number().int(),
});

export const interestSubsidyApplicationView = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  state: z.string(),
  stateLabel: z.string(),
  version: z.number().int(),
  enterpriseName: z.string(),
  uscc: z.string(),
  regionCode: z.string(),
  cityCode: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  principalFen: z.number().int(),
  subsidyFen: z.number().int(),
  contractCount: z.number().int(),
  reportId: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
});
export type InterestSubsidyApplicationView = z.infer<typeof interestSubsidyApplicationView>;

export const interestSubsidyApplicationDetail = interestSubsidyApplicationView.extend({ contracts: z.array(interestSubsidyContractView) });

export const interestSubsidyListQuery = pageQuery.extend({
  state: z.string().max(40).optional(),
  cityCode: z.string().regex(/^\d{6}$/, '地区代码应为6位数字').optional(),
  q: z.string().trim().max(60).optional(),
});

export const interestSubsidyReportView = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  cityCode: z.string(),
  cityName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  version: z.number().int(),
  applicationCount: z.number().int(),
  principalFen: z.number().int(),
  subsidyFen: z.number().int(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  createdAt: z.string(),
});
export const interestSubsidyReportDetail = interestSubsidyReportView.extend({ items: z.array(interestSubsidyApplicationView) });

/** The province's table of the 16 cities: who has reported, who is late. */
export const interestSubsidyReportingStatus = z.object({
  deadline: z.string(),
  today: z.string(),
  cities: z.array(z.object({
    cityCode: z.string(), cityName: z.string(),
    status: z.enum(['none', 'draft', 'submitted', 'received']), statusLabel: z.string(),
    submittedAt: z.string().nullable(), lastSubmittedAt: z.string().nullable(), late: z.boolean(), applicationCount: z.number().int(), subsidyFen: z.number().int(),
  })),
});

export const interestSubsidyNoticeInput = z.object({
  idempotencyKey: z.string().trim().min(8).max(64),
  title: text(100, '公示标题'),
  /** Applications to publish; default: every reported application of received 汇总表. */
  applicationIds: z.array(z.number().int().positive()).max(5000).optional(),
});

export const interestSubsidyNoticeView = z.object({
  id: z.number().int(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  applicationCount: z.number().int(),
  subsidyFen: z.number().int(),
  openObjections: z.number().int(),
  paidCount: z.number().int(),
  /** Why payment cannot be marked today (the server's own refusal), or null. */
  payRefusal: z.string().nullable(),
  /** Why objections can no longer be recorded today, or null. */
  objectionRefusal: z.string().nullable(),
  createdAt: z.string(),
});

export const interestSubsidyObjectionInput = z.object({
  applicationId: z.number().int().positive(),
  objector: text(60, '异议人'),
  contact: z.string().trim().max(40).optional(),
  content: text(1000, '异议内容'),
});
export const interestSubsidyObjectionAnswer = z.object({
  answer: text(1000, '答复意见'),
  upheld: z.boolean(),
});
export const interestSubsidyObjectionView = z.object({
  id: z.number().int(),
  noticeId: z.number().int(),
  applicationId: z.number().int(),
  enterpriseName: z.string(),
  objector: z.string(),
  contact: z.string().nullable(),
  content: z.string(),
  receivedAt: z.string(),
  answer: z.string().nullable(),
  upheld: z.boolean().nullable(),
  answeredAt: z.string().nullable(),
});

export const interestSubsidyDashboard = z.object({
  byCity: z.array(z.object({ cityCode: z.string(), cityName: z.string(), applications: z.number().int(), approved: z.number().int(), paid: z.number().int(), subsidyFen: z.number().int(), paidFen: z.number().int() })),
  totals: z.object({ applications: z.number().int(), subsidyFen: z.number().int(), paidFen: z.number().int() }),
});

export type InterestSubsidyApplicationDetail = z.infer<typeof interestSubsidyApplicationDetail>;
export type InterestSubsidyPreviewView = z.infer<typeof interestSubsidyPreviewView>;
export type InterestSubsidyReportView = z.infer<typeof interestSubsidyReportView>;
export type InterestSubsidyReportDetail = z.infer<typeof interestSubsidyReportDetail>;
export type InterestSubsidyReportingStatus = z.infer<typeof interestSubsidyReportingStatus>;
export type InterestSubsidyNoticeView = z.infer<typeof interestSubsidyNoticeView>;
export type InterestSubsidyObjectionView = z.infer<typeof interestSubsidyObjectionView>;
export type InterestSubsidyDashboard = z.infer<typeof interestSubsidyDashboard>;
