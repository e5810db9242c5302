// Rules of 鲁工信发〔2020〕1号 第一条（实施贷款风险补偿政策）. Pure: every date, ratio and cap comes
// from the policy preset's parameters (as snapshotted for the case) and every "today" is passed in.
import type { Calendar } from '../../calendar/calendar';
import type { SizeClass } from '../../enterprise/size';
import { formatDateZh, mulFenByPpm, ppmToPercentText } from '../../money';
import { cityCodeOf } from '../../regions/regions';

/** The clause every rule of this measure cites. */
export const RISK_COMPENSATION_CLAUSE = '鲁工信发〔2020〕1号 第一条';

/** Loan types of the preset (流动资金贷款, 技术改造类项目贷款). */
export const RISK_COMPENSATION_LOAN_TYPES = { working_capital: '流动资金贷款', technical_renovation: '技术改造类项目贷款' } as const;
export type RiskCompensationLoanType = keyof typeof RISK_COMPENSATION_LOAN_TYPES;

/** The parameters of the measure these rules read (a subset of the preset snapshot). */
export interface RiskCompensationParams {
  loanStartFrom: string;
  loanWindowEndsWithEpidemicPeriod: boolean;
  borrowerSizes: readonly string[];
  eligibleLoanTypes: readonly string[];
  excludedBorrowerIndustries: readonly string[];
  excludedCityCodes: readonly string[];
  claimWindowWorkingDaysAfterMonthEnd: number;
  compensationRatioPpm: number;
  perLoanCapFen: number | null;
  perBankCapFen: number | null;
  roundingRule: string;
}

/** A loan as the bank records it (money in fen, rate in ppm, civil dates). */
export interface RiskCompensationLoanFacts {
  startOn: string;
  maturityOn: string;
  loanType: string;
  nonPerformingOn: string;
  amountFen: number;
  nonPerformingPrincipalFen: number;
}

/** The borrower as the registry knows it, or null when its USCC is not registered. */
export interface RiskCompensationBorrowerFacts {
  sizeClass: SizeClass | null;
  regionCode: string;
  /** GB/T 4754 section letter (J 金融业, K 房地产业), when known. */
  industrySection: string | null;
}

/** The outcome of the eligibility check: eligible, and every reason found (empty when eligible). */
export interface RiskCompensationEligibility {
  eligible: boolean;
  reasons: string[];
}

// GB/T 4754 sections behind the preset's excluded industries (quasi-finance has no section of its
// own; it sits inside J and is checked by the bank's declaration, not here).
const EXCLUDED_INDUSTRY_SECTIONS: Record<string, { section: string; label: string }> = {
  finance: { section: 'J', label: '金融业' },
  real_estate: { section: 'K', label: '房地产业' },
};

const SIZE_TEXT: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

/**
 * The facts a bank must get right on every loan, whatever the policy: maturity after start,
 * non-performing date within the loan, principal positive and not above the loan amount.
 * Returns field-named Chinese problems (empty when consistent).
 */
export function checkRiskCompensationLoanConsistency(l: RiskCompensationLoanFacts): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (l.maturityOn <= l.startOn) out.push({ field: 'maturityOn', message: `到期日 ${l.maturityOn} 应晚于发放日 ${l.startOn}` });
  if (l.nonPerformingOn < l.startOn) out.push({ field: 'nonPerformingOn', message: `认定不良日期 ${l.nonPerformingOn} 不能早于发放日 ${l.startOn}` });
  if (l.amountFen <= 0) out.push({ field: 'amountFen', message: '贷款金额应大于 0' });
  if (l.nonPerformingPrincipalFen <= 0) out.push({ field: 'nonPerformingPrincipalFen', message: '不良贷款本金应大于 0' });
  if (l.nonPerformingPrincipalFen > l.amountFen) out.push({ field: 'nonPerformingPrincipalFen', message: '不良贷款本金不能超过贷款金额' });
  return out;
}

/**
 * Whether a loan may be compensated (鲁工信发〔2020〕1号 第一条: loans to small and micro
 * enterprises made from 2020-01-01 through the epidemic period, recognised as non-performing).
 * `epidemicEnd` is the epidemic period's last day as decided today (null: not yet over);
 * `alreadyClaimedBy` names an earlier claim of the loan (one claim per loan). Returns every reason.
 */
export function checkRiskCompensationEligibility(
  loan: RiskCompensationLoanFacts,
  borrower: RiskCompensationBorrowerFacts | null,
  params: RiskCompensationParams,
  epidemicEnd: string | null,
  alreadyClaimedBy: string | null = null,
): RiskCompensationEligibility {
  const reasons: string[] = [];
  const c = RISK_COMPENSATION_CLAUSE;
  if (!borrower) {
    reasons.push('借款企业不在企业库中：请先由所在地工信部门导入或由企业注册，再登记该笔贷款');
  } else {
    const allowed = params.borrowerSizes;
    if (!borrower.sizeClass) reasons.push(`借款企业尚未划型（工信部联企业〔2011〕300号），请先补充从业人员、营业收入等信息`);
    else if (!allowed.includes(borrower.sizeClass)) {
      reasons.push(`${c}：仅补偿小微企业贷款，借款企业按工信部联企业〔2011〕300号为${SIZE_TEXT[borrower.sizeClass] ?? borrower.sizeClass}企业`);
    }
    for (const key of params.excludedBorrowerIndustries) {
      const ex = EXCLUDED_INDUSTRY_SECTIONS[key];
      if (ex && borrower.industrySection === ex.section) reasons.push(`省财政有关规定：${ex.label}企业的贷款不予补偿`);
    }
    const city = cityCodeOf(borrower.regionCode);
    if (params.excludedCityCodes.includes(city)) reasons.push(`借款企业所在地市（${city}）不适用本项补偿`);
  }
  if (loan.startOn < params.loanStartFrom) {
    reasons.push(`${c}：补偿自 ${params.loanStartFrom} 起发放的贷款，该笔贷款发放日为 ${loan.startOn}`);
  } else if (params.loanWindowEndsWithEpidemicPeriod && epidemicEnd !== null && loan.startOn > epidemicEnd) {
    reasons.push(`${c}：补偿疫情防控期间发放的贷款，疫情防控期已于 ${epidemicEnd} 结束，该笔贷款发放日为 ${loan.startOn}`);
  }
  if (!params.eligibleLoanTypes.includes(loan.loanType)) {
    reasons.push(`省财政有关规定：仅补偿流动资金贷款和技术改造类项目贷款`);
  }
  if (alreadyClaimedBy) reasons.push(`该笔贷款已在${alreadyClaimedBy}中申请补偿，每笔贷款只能申请一次`);
  return { eligible: reasons.length === 0, reasons };
}

/** The month 'YYYY-MM' a civil date falls in. */
export function riskCompensationMonthOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * The last day on which a bank may submit the claim of `month` (鲁工信发〔2020〕1号 第一条:
 * "于每月结束后 5 个工作日内"): the n-th working day after the month ends, until 24:00 Asia/Shanghai.
 * January 2020 closes on 2020-02-07.
 */
export function riskCompensationClaimWindowClosesOn(calendar: Calendar, month: string, params: Pick<RiskCompensationParams, 'claimWindowWorkingDaysAfterMonthEnd'>): string {
  return calendar.workingDaysAfterMonthEnd(month, params.claimWindowWorkingDaysAfterMonthEnd);
}

/**
 * Whether a claim of a month may still be opened (`submitting` false: from the month's first day)
 * or submitted (`submitting` true: only once the month has ended) on `today`, a civil date in
 * Asia/Shanghai; null when it may, else the Chinese message naming the closing date.
 */
export function checkRiskCompensationWindow(month: string, closesOn: string, today: string, submitting = true): string | null {
  const label = `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
  const thisMonth = today.slice(0, 7);
  if (thisMonth < month) return `${label}尚未开始，不能提前申报`;
  if (submitting && thisMonth === month) return `${label}尚未结束，月度补偿申请须在该月结束后提交（截止 ${formatDateZh(closesOn)} 24:00）`;
  if (today > closesOn) {
    return `${RISK_COMPENSATION_CLAUSE}：${label}的补偿申请应于每月结束后 5 个工作日内提出，已于 ${formatDateZh(closesOn)} 24:00 截止`;
  }
  return null;
}

/** One item's compensation: the amount in fen, and how it was arrived at (for the claim page). */
export interface RiskCompensationAmount {
  compensationFen: number;
  /** The amount before caps. */
  uncappedFen: number;
  capped: 'none' | 'per-loan' | 'per-bank';
  basis: string;
}

/**
 * Compensation of each item = non-performing principal × the preset's ratio (30%), rounded to the
 * fen by the preset's rule (half up by default), within the per-loan cap and what is left of the
 * per-bank cap (null caps: none). `bankCompensatedFen` is what the bank already has in earlier,
 * not refused claims. Items are capped in the order given.
 */
export function computeRiskCompensationAmounts(principalsFen: readonly number[], params: RiskCompensationParams, bankCompensatedFen = 0): RiskCompensationAmount[] {
  const rounding = params.roundingRule === 'floor' ? 'down' : 'half-up';
  const ratio = ppmToPercentText(params.compensationRatioPpm);
  let bankLeft = params.perBankCapFen === null ? null : Math.max(0, params.perBankCapFen - bankCompensatedFen);
  return principalsFen.map((p) => {
    const uncapped = mulFenByPpm(p, params.compensationRatioPpm, rounding);
    let amount = uncapped;
    let capped: RiskCompensationAmount['capped'] = 'none';
    if (params.perLoanCapFen !== null && amount > params.perLoanCapFen) {
      amount = params.perLoanCapFen;
      capped = 'per-loan';
    }
    if (bankLeft !== null) {
      if (amount > bankLeft) {
        amount = bankLeft;
        capped = 'per-bank';
      }
      bankLeft -= amount;
    }
    const basis = `不良贷款本金 × ${ratio}（${rounding === 'half-up' ? '四舍五入到分' : '舍去分以下'}）${capped === 'per-loan' ? '，按单笔上限' : capped === 'per-bank' ? '，按单家银行累计上限' : ''}`;
    return { compensationFen: amount, uncappedFen: uncapped, capped, basis };
  });
}

/** The outcome of one item in the FG preliminary review. */
export type RiskCompensationItemOutcome = 'pending' | 'approved' | 'cut' | 'refused';

/** Chinese labels of the item outcomes. */
export const RISK_COMPENSATION_OUTCOME_LABELS: Record<RiskCompensationItemOutcome | 'disbursed', string> = {
  pending: '待初审', approved: '同意', cut: '核减', refused: '不予补偿', disbursed: '已拨付',
};

/** One FG decision on an item, as submitted. */
export interface RiskCompensationDecision {
  outcome: 'approved' | 'cut' | 'refused';
  approvedFen?: number | null | undefined;
  reason?: string | null | undefined;
}

/**
 * Checks one FG decision against the item's claimed amount and returns the approved amount:
 * approve = the claimed amount; cut = a smaller positive amount, with a reason; refuse = 0, with a
 * reason. @returns `{ approvedFen }` or `{ error }` (Chinese).
 */
export function resolveRiskCompensationDecision(claimedFen: number, d: RiskCompensationDecision): { approvedFen: number } | { error: string } {
  const reason = d.reason?.trim() ?? '';
  if (d.outcome === 'approved') return { approvedFen: claimedFen };
  if (d.outcome === 'refused') return reason ? { approvedFen: 0 } : { error: '不予补偿须填写理由' };
  if (typeof d.approvedFen !== 'number' || !Number.isSafeInteger(d.approvedFen)) return { error: '核减须填写核定金额' };
  if (d.approvedFen <= 0) return { error: '核定金额应大于 0；全部不予补偿请选择「不予补偿」' };
  if (d.approvedFen >= claimedFen) return { error: '核减后的核定金额应小于申请金额' };
  if (!reason) return { error: '核减须填写理由' };
  return { approvedFen: d.approvedFen };
}

/** A row of the disbursement plan: one bank in one city. */
export interface RiskCompensationPlanRow {
  bankOrgId: number;
  bankName: string;
  cityCode: string;
  cityName: string;
  items: number;
  principalFen: number;
  claimedFen: number;
  approvedFen: number;
}

/** An approved item as the plan aggregates it. */
export interface RiskCompensationPlanItem {
  bankOrgId: number;
  bankName: string;
  cityCode: string;
  cityName: string;
  principalFen: number;
  claimedFen: number;
  approvedFen: number;
}

/**
 * Aggregates approved items into the plan's rows (one per bank × city, ordered by bank name then
 * city code) and the totals; refused items (approved 0) are not counted. Sums are exact integers.
 */
export function aggregateRiskCompensationPlan(items: readonly RiskCompensationPlanItem[]): { rows: RiskCompensationPlanRow[]; totals: Omit<RiskCompensationPlanRow, 'bankOrgId' | 'bankName' | 'cityCode' | 'cityName'>; byBank: { bankOrgId: number; bankName: string; approvedFen: number; items: number }[]; byCity: { cityCode: string; cityName: string; approvedFen: number; items: number }[] } {
  const rows = new Map<string, RiskCompensationPlanRow>();
  for (const i of items) {
    if (i.approvedFen <= 0) continue;
    const key = `${i.bankOrgId}|${i.cityCode}`;
    const r = rows.get(key) ?? { bankOrgId: i.bankOrgId, bankName: i.bankName, cityCode: i.cityCode, cityName: i.cityName, items: 0, principalFen: 0, claimedFen: 0, approvedFen: 0 };
    r.items += 1;
    r.principalFen += i.principalFen;
    r.claimedFen += i.claimedFen;
    r.approvedFen += i.approvedFen;
    rows.set(key, r);
  }
  const sorted = [...rows.values()].sort((a, b) => a.bankName.localeCompare(b.bankName, 'zh-CN') || a.bankOrgId - b.bankOrgId || a.cityCode.localeCompare(b.cityCode));
  const totals = sorted.reduce((t, r) => ({ items: t.items + r.items, principalFen: t.principalFen + r.principalFen, claimedFen: t.claimedFen + r.claimedFen, approvedFen: t.approvedFen + r.approvedFen }), { items: 0, principalFen: 0, claimedFen: 0, approvedFen: 0 });
  const bank = new Map<number, { bankOrgId: number; bankName: string; approvedFen: number; items: number }>();
  const city = new Map<string, { cityCode: string; cityName: string; approvedFen: number; items: number }>();
  for (const r of sorted) {
    const b = bank.get(r.bankOrgId) ?? { bankOrgId: r.bankOrgId, bankName: r.bankName, approvedFen: 0, items: 0 };
    b.approvedFen += r.approvedFen;
    b.items += r.items;
    bank.set(r.bankOrgId, b);
    const c = city.get(r.cityCode) ?? { cityCode: r.cityCode, cityName: r.cityName, approvedFen: 0, items: 0 };
    c.approvedFen += r.approvedFen;
    c.items += r.items;
    city.set(r.cityCode, c);
  }
  return { rows: sorted, totals, byBank: [...bank.values()], byCity: [...city.values()].sort((a, b) => a.cityCode.localeCompare(b.cityCode)) };
}

/** The plan's document number: 鲁工信风补拨〔2020〕3号 (the n-th plan issued in the year). */
export function riskCompensationPlanNumber(year: number, n: number): string {
  return `鲁工信风补拨〔${year}〕${n}号`;
}
