// The parameter keys of each measure and what values they allow. Values, labels and sources live
// in the preset JSON; this table is what lets code read `getParameter(preset, kind, key)` typed.
// Every key listed here must be present in a preset, and no other key may be.
import {
  booleanSpec,
  countOneOfSpec,
  dateSpec,
  daysSpec,
  enumListSpec,
  enumSpec,
  fenSpec,
  nullableSpec,
  ppmSpec,
  textListSpec,
  textSpec,
  workingDaysSpec,
  yearSpec,
  type SpecValue,
} from './parameter-spec';
import type { MeasureKind } from './measures';

const ROUNDING = { half_up: '四舍五入到分', floor: '舍去分以下' } as const;
const WEEKDAYS = {
  monday: '周一',
  tuesday: '周二',
  wednesday: '周三',
  thursday: '周四',
  friday: '周五',
  saturday: '周六',
  sunday: '周日',
} as const;
const REPORT_FREQUENCY = { daily: '每日', weekly: '每周', monthly: '每月' } as const;
const LOAN_TYPES = { working_capital: '流动资金贷款', technical_renovation: '技术改造类项目贷款' } as const;
// Enterprise size tiers of 工信部联企业〔2011〕300号; large firms are outside every measure here.
const SIZE_TIERS = { medium: '中型企业', small: '小型企业', micro: '微型企业' } as const;
const HONOURS = {
  single_champion: '单项冠军',
  gazelle: '瞪羚',
  unicorn: '独角兽',
  little_giant: '专精特新“小巨人”',
  specialized_sme: '专精特新中小企业',
  small_to_above_scale: '小升规',
} as const;
// Division codes (GB/T 2260) of the 16 cities; six digits ending in 00.
const CITY_CODE = /^37\d{2}00$/;
const PHONE = /^(0\d{2,3}-\d{7,8}|400-\d{3}-\d{4})$/;
const HTTP_URL = /^https?:\/\/[^\s<>]+$/;

/** Parameter specs of each measure, keyed by measure kind then parameter key. */
export const MEASURE_PARAMETER_SPECS = {
  // 第一条 实施贷款风险补偿政策
  'risk-compensation': {
    loanStartFrom: dateSpec(),
    loanWindowEndsWithEpidemicPeriod: booleanSpec(),
    borrowerSizes: enumListSpec(SIZE_TIERS),
    eligibleLoanTypes: enumListSpec(LOAN_TYPES),
    excludedBorrowerIndustries: enumListSpec({ finance: '金融业', quasi_finance: '类金融', real_estate: '房地产业' }),
    excludedCityCodes: textListSpec(CITY_CODE, '应为山东省地市的六位行政区划代码，如 370200'),
    claimWindowWorkingDaysAfterMonthEnd: workingDaysSpec(),
    fgReviewWorkingDays: workingDaysSpec(),
    deptRecheckWorkingDays: workingDaysSpec(),
    compensationRatioPpm: ppmSpec(),
    compensationBase: enumSpec({ non_performing_principal: '确认为不良的贷款本金', loss: '银行实际损失' }),
    perLoanCapFen: nullableSpec(fenSpec()),
    perBankCapFen: nullableSpec(fenSpec()),
    roundingRule: enumSpec(ROUNDING),
  },
  // 第二条 放大应急转贷基金效应
  'bridge-loan': {
    hotline: textSpec(PHONE, '应为电话号码，如 400-651-0531 或 0531-86198628'),
    onlineEntryUrl: textSpec(HTTP_URL, '应为以 http:// 或 https:// 开头的网址'),
    greenChannelEnterpriseList: textSpec(),
    greenChannelDeadline: enumSpec({ sameWorkingDay: '当日受理办结', nextWorkingDay: '次一工作日办结' }),
    epidemicFeeCapPpm: ppmSpec(),
    feeBasis: enumSpec({ per_transaction: '按笔计收', per_day: '按日计收' }),
    normalFeeRatePpm: nullableSpec(ppmSpec()),
    normalAcceptanceWorkingDays: workingDaysSpec(),
    maxTermDays: daysSpec(),
    eligibleLoanTypes: enumListSpec(LOAN_TYPES),
    requiresRenewalCommitment: booleanSpec(),
    roundingRule: enumSpec(ROUNDING),
  },
  // 第三条 创新投融资服务方式
  'financing-match': {
    needKinds: enumListSpec({ loan: '信贷', insurance_claim: '保险理赔', equity: '股权融资' }),
    responseDeadlineWorkingDays: workingDaysSpec(),
    greenChannelResponseWorkingDays: workingDaysSpec(),
  },
  // 第四条 加大融资担保力度
  guarantee: {
    maxAnnualFeeRatePpm: ppmSpec(),
    feeCapRequiresRewardFunding: booleanSpec(),
    feeCapDuringEpidemicOnly: booleanSpec(),
    counterGuaranteeAllowed: booleanSpec(),
    singleFirmCapFen: fenSpec(),
    smallMicroAgriShareMinPpm: ppmSpec(),
    singleFirmUnderCapShareMinPpm: ppmSpec(),
    defaultRecoveryPeriodDays: daysSpec(),
    recoveryExtensionAllowed: booleanSpec(),
    maxRecoveryExtensionDays: nullableSpec(daysSpec()),
  },
  // 第五条 落实贷款贴息政策
  'interest-subsidy': {
    eligibleEnterpriseList: textSpec(),
    contractEffectiveFrom: dateSpec(),
    contractEffectiveFromInclusive: booleanSpec(),
    contractWithinEpidemicPeriod: booleanSpec(),
    cityReportDeadline: dateSpec(),
    subsidyShareOfRatePpm: ppmSpec(),
    subsidyRateBasis: enumSpec({ actual_loan_rate: '企业实际获得的贷款利率', relending_rate: '人民银行专项再贷款利率' }),
    maxSubsidyDays: daysSpec(),
    dayCountBasis: countOneOfSpec([360, 365]),
    localReviewWorkingDays: workingDaysSpec(),
    cityReviewWorkingDays: workingDaysSpec(),
    publicNoticeDays: daysSpec(),
    roundingRule: enumSpec(ROUNDING),
  },
  // 第六条 加强对高成长性企业扶持
  'high-growth': {
    supportedHonourKinds: enumListSpec(HONOURS),
    rewardPriorityHonourKinds: enumListSpec(HONOURS),
    rewardHonourYear: yearSpec(),
    annualCultivationPlanRequired: booleanSpec(),
    annualSmallToAboveScaleTaskRequired: booleanSpec(),
  },
  // 第七条 开展疫情防控相关技术与产品创新
  innovation: {
    contestName: textSpec(),
    contestYear: yearSpec(),
    contestTrack: textSpec(),
    projectCategories: enumListSpec({
      diagnostic_reagent: '诊断试剂',
      drug_vaccine: '药物疫苗',
      protective_device: '防护装置',
      equipment: '器械装备',
      big_data_monitoring: '大数据监测分析',
    }),
    techAreas: enumListSpec({
      detection: '检测技术',
      drug_vaccine: '药物疫苗',
      medical_device: '医疗器械',
      protective_equipment: '防护装备',
    }),
    breakthroughPriorityForLittleGiant: booleanSpec(),
  },
  // 第八条 协调推进中小企业复工复产
  resumption: {
    targetDate: dateSpec(),
    reportFrequency: enumSpec(REPORT_FREQUENCY),
    reportingEndsWithEpidemic: booleanSpec(),
    earliestResumptionDate: dateSpec(),
    weeklyReportDueWeekday: enumSpec(WEEKDAYS),
  },
  // 第九条 发挥公共服务平台作用
  'public-service': {
    legalAidTopics: enumListSpec({ contract_performance: '合同履行', labour_relations: '劳资关系' }),
    policyConsultationReplyWorkingDays: workingDaysSpec(),
    policyConsultationComplexReplyWorkingDays: workingDaysSpec(),
    legalAidResponseWorkingDays: workingDaysSpec(),
  },
  // 第十条 抓好中小企业生产运行调度监测
  monitoring: {
    monitoredAreas: enumListSpec({
      production: '产品生产',
      raw_materials: '原材料供应',
      logistics: '物流运输',
      funding: '资金保障',
    }),
    indicatorReportFrequency: enumSpec(REPORT_FREQUENCY),
    appealStartWorkingDays: workingDaysSpec(),
    appealReplyWorkingDays: workingDaysSpec(),
    appealResolveWorkingDays: workingDaysSpec(),
    appealComplexResolveWorkingDays: workingDaysSpec(),
    forceMajeureCertificateIssuer: textSpec(),
    forceMajeureCertificatePlatformUrl: textSpec(HTTP_URL, '应为以 http:// 或 https:// 开头的网址'),
  },
} as const satisfies Record<MeasureKind, object>;

type Specs = typeof MEASURE_PARAMETER_SPECS;

/** The parameter keys of measure `K`, e.g. `'compensationRatioPpm'` for `'risk-compensation'`. */
export type ParameterKey<K extends MeasureKind> = keyof Specs[K] & string;

/** The value type of parameter `P` of measure `K` (number for ppm, fen and days; string for dates; …). */
export type ParameterValue<K extends MeasureKind, P extends ParameterKey<K>> = SpecValue<Specs[K][P]>;

/** Whether `key` is a parameter key of measure `kind`. */
export function isParameterKey<K extends MeasureKind>(kind: K, key: string): key is ParameterKey<K> {
  return Object.prototype.hasOwnProperty.call(MEASURE_PARAMETER_SPECS[kind], key);
}

/** The parameter keys of a measure in declaration order. */
export function parameterKeysOf<K extends MeasureKind>(kind: K): ParameterKey<K>[] {
  return Object.keys(MEASURE_PARAMETER_SPECS[kind]) as ParameterKey<K>[];
}
