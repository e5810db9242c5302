import { z } from 'zod';
import { civilDate, pageQuery, text } from '../../contracts/common';
import { SIZE_CLASSES, type SizeClass } from '../../enterprise/size';
import { GUARANTEE_PERIOD_RE } from './rules';

// Request and response schemas of the guarantee measure (融资担保, 第四条), shared by the server
// (validation, OpenAPI) and the web (types). Money in fen, rates in ppm, dates YYYY-MM-DD.

const fen = (label: string) => z.number({ message: `${label}应为数字（分）` }).int(`${label}应为整数（分）`).positive(`${label}应大于 0`).max(1_000_000_000_000, `${label}过大`);
const idempotencyKey = z.string({ message: '幂等键不能为空' }).trim().min(8, '幂等键至少 8 个字符').max(100, '幂等键过长');
const sizeClass = z.enum(SIZE_CLASSES as unknown as [SizeClass, ...SizeClass[]]);
const boolQuery = z.enum(['true', 'false'], { message: '应为 true 或 false' });

/** A reward-base or dashboard period: a year '2020' or a quarter '2020Q1'. */
export const guaranteePeriodSchema = z.string().regex(GUARANTEE_PERIOD_RE, '期间应为年份（如 2020）或季度（如 2020Q1）');

/** The 国办发〔2019〕6号 indicators of an institution (shares in ppm; null when nothing is filed). */
export const guaranteeIndicatorsView = z.object({
  count: z.number().int(),
  totalFen: z.number().int(),
  smallMicroFen: z.number().int(),
  smallMicroSharePpm: z.number().int().nullable(),
  underCapSharePpm: z.number().int().nullable(),
  firmsOverCap: z.number().int(),
  avgFeeRatePpm: z.number().int().nullable(),
  meetsSmallMicroShare: z.boolean().nullable(),
  meetsUnderCapShare: z.boolean().nullable(),
});

/** An institution of the register: a guarantee organisation and its register attributes. */
export const guaranteeInstitutionView = z.object({
  organisationId: z.number().int(),
  name: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  /** False until DEPT records the institution in the register. */
  registered: z.boolean(),
  isGovernment: z.boolean(),
  rewardFunded: z.boolean(),
  rewardFrom: z.string().nullable(),
  rewardTo: z.string().nullable(),
  /** Whether the epidemic terms (fee cap, no counter-guarantee) bind a guarantee starting today. */
  rewardFundedToday: z.boolean(),
  source: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  indicators: guaranteeIndicatorsView,
});
export type GuaranteeInstitutionView = z.infer<typeof guaranteeInstitutionView>;

/** DEPT records or changes an institution's register attributes (with the version it read; 0 for a new entry). */
export const guaranteeInstitutionBody = z.object({
  isGovernment: z.boolean({ message: '是否政府性融资担保机构应为是或否' }),
  rewardFunded: z.boolean({ message: '是否获降费奖补资金支持应为是或否' }),
  rewardFrom: civilDate.nullable().optional(),
  rewardTo: civilDate.nullable().optional(),
  source: text(200, '依据或来源'),
  version: z.number().int().min(0, '版本号不能为负'),
}).refine((b) => !b.rewardFrom || !b.rewardTo || b.rewardFrom <= b.rewardTo, { message: '奖补支持止日不能早于起日', path: ['rewardTo'] });
export type GuaranteeInstitutionBody = z.infer<typeof guaranteeInstitutionBody>;

/** A guarantee filing (担保备案) by a guarantee institution. */
export const guaranteeFilingBody = z.object({
  idempotencyKey,
  uscc: z.string({ message: '统一社会信用代码不能为空' }).trim().min(1, '统一社会信用代码不能为空').max(30),
  /** The lending bank as an organisation of the platform, or only its name. */
  bankOrgId: z.number().int().positive().nullable().optional(),
  bankName: z.string().trim().max(100, '贷款银行名称过长').optional(),
  contractNo: text(60, '担保合同编号'),
  amountFen: fen('担保金额'),
  termMonths: z.number({ message: '担保期限应为月数' }).int('担保期限应为整月数').min(1, '担保期限至少 1 个月').max(120, '担保期限不能超过 120 个月'),
  feeRatePpm: z.number({ message: '年担保费率应为数字' }).int('年担保费率应为整数（ppm，1% = 10000）').min(0, '年担保费率不能为负').max(100_000, '年担保费率不能超过 10%'),
  counterGuarantee: z.boolean({ message: '是否要求反担保应为是或否' }),
  startOn: civilDate,
});
export type GuaranteeFilingBody = z.infer<typeof guaranteeFilingBody>;

/** A filed guarantee. */
export const guaranteeFilingView = z.object({
  id: z.number().int(),
  institutionId: z.number().int(),
  institutionName: z.string(),
  enterpriseId: z.number().int(),
  uscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  cityName: z.string(),
  sizeClass: sizeClass.nullable(),
  sizeLabel: z.string(),
  smallMicro: z.boolean(),
  bankOrgId: z.number().int().nullable(),
  bankName: z.string(),
  contractNo: z.string(),
  amountFen: z.number().int(),
  termMonths: z.number().int(),
  feeRatePpm: z.number().int(),
  annualFeeFen: z.number().int(),
  counterGuarantee: z.boolean(),
  startOn: z.string(),
  endOn: z.string(),
  /** The institution was reward-funded on the start date, which lay in the epidemic period: the fee cap bound. */
  termsBound: z.boolean(),
  overSingleFirmCap: z.boolean(),
  compensated: z.boolean(),
  createdAt: z.string(),
});
export type GuaranteeFilingView = z.infer<typeof guaranteeFilingView>;

/** The answer to a filing: the filing and its indicator warnings (never refusals). */
export const guaranteeFilingResult = z.object({ filing: guaranteeFilingView, created: z.boolean(), warnings: z.array(z.string()) });

export const guaranteeFilingQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  institutionId: z.coerce.number().int().positive().optional(),
  regionCode: z.string().regex(/^37\d{2}(\d{2})?$/, '地区代码应为山东省的市（3701）或县（370102）代码').optional(),
  sizeClass: sizeClass.optional(),
  from: civilDate.optional(),
  to: civilDate.optional(),
  compensated: boolQuery.optional(),
});
export type GuaranteeFilingQuery = z.infer<typeof guaranteeFilingQuery>;

/** Records a compensation (代偿) for a filed guarantee. */
export const guaranteeCompensationBody = z.object({
  filingId: z.number({ message: '担保备案不能为空' }).int().positive(),
  paidOn: civilDate,
  amountFen: fen('代偿金额'),
  /** Defaults to paidOn + the preset's defaultRecoveryPeriodDays. */
  recoveryDueOn: civilDate.optional(),
  note: z.string().trim().max(500, '说明不能超过 500 字').optional(),
});

/** Records the recovery (追偿) of a compensation. */
export const guaranteeRecoveryBody = z.object({
  recoveredOn: civilDate,
  recoveredFen: z.number({ message: '追偿金额应为数字（分）' }).int('追偿金额应为整数（分）').min(0, '追偿金额不能为负').max(1_000_000_000_000),
  version: z.number().int().positive('版本号应为正整数'),
});

export const guaranteeRecoveryStatusSchema = z.enum(['recovering', 'overdue', 'recovered']);

/** A compensation with its effective recovery deadline and extension state. */
export const guaranteeCompensationView = z.object({
  id: z.number().int(),
  filingId: z.number().int(),
  institutionId: z.number().int(),
  institutionName: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  cityName: z.string(),
  contractNo: z.string(),
  guaranteedFen: z.number().int(),
  paidOn: z.string(),
  amountFen: z.number().int(),
  /** The deadline set at compensation. */
  originalDueOn: z.string(),
  /** The deadline in force: the latest approved extension, else the original. */
  recoveryDueOn: z.string(),
  extended: z.boolean(),
  recoveredOn: z.string().nullable(),
  recoveredFen: z.number().int().nullable(),
  status: guaranteeRecoveryStatusSchema,
  /** An extension request still open (requested or returned), if any. */
  openExtensionCaseId: z.number().int().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type GuaranteeCompensationView = z.infer<typeof guaranteeCompensationView>;

export const guaranteeCompensationQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  institutionId: z.coerce.number().int().positive().optional(),
  regionCode: z.string().regex(/^37\d{2}(\d{2})?$/, '地区代码应为山东省的市（3701）或县（370102）代码').optional(),
  status: guaranteeRecoveryStatusSchema.optional(),
});
export type GuaranteeCompensationQuery = z.infer<typeof guaranteeCompensationQuery>;

/** Requests a later recovery deadline for epidemic impact (opens a case for DEPT). */
export const guaranteeExtensionBody = z.object({
  idempotencyKey,
  requestedDueOn: civilDate,
  reason: text(1000, '延期理由'),
});

/** Resubmits a returned extension request, possibly with another date and reason. */
export const guaranteeExtensionResubmitBody = z.object({
  version: z.number().int().positive('版本号应为正整数'),
  requestedDueOn: civilDate,
  reason: text(1000, '延期理由'),
});

/** An extension request and its case. */
export const guaranteeExtensionView = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  compensationId: z.number().int(),
  institutionId: z.number().int(),
  institutionName: z.string(),
  enterpriseName: z.string(),
  contractNo: z.string(),
  previousDueOn: z.string(),
  requestedDueOn: z.string(),
  reason: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  dueOn: z.string().nullable(),
  caseVersion: z.number().int(),
  createdAt: z.string(),
});
export type GuaranteeExtensionView = z.infer<typeof guaranteeExtensionView>;

export const guaranteeExtensionQuery = pageQuery.extend({
  state: z.enum(['requested', 'returned', 'approved', 'rejected', 'withdrawn']).optional(),
  institutionId: z.coerce.number().int().positive().optional(),
});

/** Reward base query: a period (year or quarter). */
export const guaranteeRewardBaseQuery = z.object({ period: guaranteePeriodSchema });

/** One institution's reward base for a period. */
export const guaranteeRewardBaseRowView = z.object({
  institutionId: z.number().int(),
  institutionName: z.string(),
  rewardFunded: z.boolean(),
  count: z.number().int(),
  volumeFen: z.number().int(),
  annualisedFen: z.number().int(),
  avgFeeRatePpm: z.number().int().nullable(),
});
export const guaranteeRewardBaseView = z.object({
  period: z.string(), from: z.string(), to: z.string(),
  rows: z.array(guaranteeRewardBaseRowView),
});
export type GuaranteeRewardBaseView = z.infer<typeof guaranteeRewardBaseView>;

/** The dashboard: volume, fee rates and compensation by city and by institution. */
const dashboardRow = z.object({
  key: z.string(),
  name: z.string(),
  count: z.number().int(),
  volumeFen: z.number().int(),
  smallMicroFen: z.number().int(),
  avgFeeRatePpm: z.number().int().nullable(),
  compensationCount: z.number().int(),
  compensationFen: z.number().int(),
  overdueCount: z.number().int(),
});
export const guaranteeDashboardView = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: dashboardRow,
  byCity: z.array(dashboardRow),
  byInstitution: z.array(dashboardRow),
});
export type GuaranteeDashboardView = z.infer<typeof guaranteeDashboardView>;
export type GuaranteeDashboardRow = z.infer<typeof dashboardRow>;

export const guaranteeDashboardQuery = z.object({ period: guaranteePeriodSchema.optional() });
