import type { Calendar } from '../../calendar/calendar';
import { addCalendarDays } from '../../calendar/civil-date';
import { formatDateZh, formatYuan, mulFenByPpm } from '../../money';

// Rules of 鲁工信发〔2020〕1号 第二条 (放大应急转贷基金效应), pure. Parameters come from the preset
// snapshot stored with each case; nothing here reads a clock.

/** The clause every refusal of this measure names. */
export const BRIDGE_LOAN_CLAUSE = '鲁工信发〔2020〕1号 第二条';

/** The list kinds whose active entries put an enterprise on the green channel (疫情防控物资保障重点生产企业). */
export const BRIDGE_LOAN_PRIORITY_LIST_KINDS = ['epidemic-provincial', 'epidemic-national'] as const;

/** How the fee is charged: once per bridge (按笔) or per day used (按日). */
export type BridgeLoanFeeBasis = 'per_transaction' | 'per_day';

/** The preset's parameters this measure reads (a case's snapshot). */
export interface BridgeLoanParams {
  epidemicFeeCapPpm: number;
  feeBasis: BridgeLoanFeeBasis;
  normalFeeRatePpm: number | null;
  normalAcceptanceWorkingDays: number;
  maxTermDays: number;
  eligibleLoanTypes: readonly string[];
  requiresRenewalCommitment: boolean;
  roundingRule: 'half_up' | 'floor';
}

/**
 * The fee of a bridge of `amountFen` for `days` at `ratePpm`, in fen:
 * per transaction amount × rate, per day amount × rate × days; rounded by the preset's rule.
 * @throws RangeError for non-integers (via mulFenByPpm).
 */
export function computeBridgeLoanFee(amountFen: number, days: number, ratePpm: number, basis: BridgeLoanFeeBasis, rounding: BridgeLoanParams['roundingRule'] = 'half_up'): number {
  const mode = rounding === 'floor' ? 'down' : 'half-up';
  return basis === 'per_day' ? mulFenByPpm(amountFen * days, ratePpm, mode) : mulFenByPpm(amountFen, ratePpm, mode);
}

/** What the operator decides at acceptance: the rate (ppm) and, optionally, a fee below what the rate gives. */
export interface BridgeLoanFeeInput {
  amountFen: number;
  days: number;
  ratePpm: number;
  /** A fee the operator enters (e.g. a negotiated lower one); null → the computed fee. */
  feeFen?: number | null;
  /** Whether the day of acceptance lies in the epidemic period (the cap applies). */
  inEpidemicPeriod: boolean;
}

/** The fee decided, or the refusal naming the clause and field. */
export type BridgeLoanFeeResult =
  | { ok: true; feeFen: number; computedFeeFen: number; maxFeeFen: number | null }
  | { ok: false; field: 'feeRatePpm' | 'feeFen'; message: string };

/**
 * Checks the operator's rate and fee against 第二条 "严格执行疫情期间转贷基金使用优惠费率标准（0.08%以下）":
 * during the epidemic period the rate may be at most the cap (以下 includes the cap) and the fee at
 * most the fee the cap gives (one fen more is refused); a fee above what the rate gives is refused too.
 */
export function decideBridgeLoanFee(p: BridgeLoanParams, f: BridgeLoanFeeInput): BridgeLoanFeeResult {
  const capText = `${p.epidemicFeeCapPpm / 10_000}%`;
  if (f.inEpidemicPeriod && f.ratePpm > p.epidemicFeeCapPpm) {
    return { ok: false, field: 'feeRatePpm', message: `${BRIDGE_LOAN_CLAUSE}：疫情期间转贷基金使用优惠费率标准（${capText}以下），录入的费率 ${f.ratePpm / 10_000}% 超过上限` };
  }
  const computed = computeBridgeLoanFee(f.amountFen, f.days, f.ratePpm, p.feeBasis, p.roundingRule);
  const maxFee = f.inEpidemicPeriod ? computeBridgeLoanFee(f.amountFen, f.days, p.epidemicFeeCapPpm, p.feeBasis, p.roundingRule) : null;
  const fee = f.feeFen ?? computed;
  if (maxFee !== null && fee > maxFee) {
    return { ok: false, field: 'feeFen', message: `${BRIDGE_LOAN_CLAUSE}：疫情期间转贷基金使用优惠费率标准（${capText}以下），本笔转贷费最多 ${formatYuan(maxFee)} 元，录入的 ${formatYuan(fee)} 元超过上限` };
  }
  if (fee > computed) {
    return { ok: false, field: 'feeFen', message: `转贷费 ${(fee / 100).toFixed(2)} 元超过按费率计算的 ${(computed / 100).toFixed(2)} 元，请核对费率或费用` };
  }
  return { ok: true, feeFen: fee, computedFeeFen: computed, maxFeeFen: maxFee };
}

/** The application facts the intake rules check. */
export interface BridgeLoanApplicationFacts {
  loanType: string;
  loanAmountFen: number;
  loanMaturityOn: string;
  bridgeAmountFen: number;
  bridgeDays: number;
  hasRenewalCommitment: boolean;
}

/** A problem of an application, with the field it is about. */
export interface BridgeLoanProblem {
  field: string;
  message: string;
}

/**
 * Intake rules of a submitted application (first problem per field): an eligible loan type, the
 * bridge not above the maturing loan, its days within the preset's maximum, the maturing loan not
 * already past due on `today`, and the bank's renewal commitment when the preset requires it.
 */
export function checkBridgeLoanApplication(p: BridgeLoanParams, a: BridgeLoanApplicationFacts, today: string): BridgeLoanProblem[] {
  const out: BridgeLoanProblem[] = [];
  if (!p.eligibleLoanTypes.includes(a.loanType)) {
    out.push({ field: 'loanType', message: '鲁工信发〔2019〕3号 第二条：应急转贷用于符合流动资金贷款条件的到期贷款“还贷、续贷”，该贷款种类不在可转贷范围内' });
  }
  if (a.bridgeAmountFen > a.loanAmountFen) out.push({ field: 'bridgeAmountFen', message: '转贷金额不能超过到期贷款金额' });
  if (a.bridgeDays > p.maxTermDays) out.push({ field: 'bridgeDays', message: `单笔转贷最长使用 ${p.maxTermDays} 天` });
  if (a.loanMaturityOn < today) out.push({ field: 'loanMaturityOn', message: `到期日${formatDateZh(a.loanMaturityOn)}已过，应急转贷用于到期前还贷续贷` });
  if (p.requiresRenewalCommitment && !a.hasRenewalCommitment) out.push({ field: 'renewalCommitment', message: '请上传银行出具的续贷承诺（续贷承诺书）' });
  return out;
}

/**
 * The day a green-channel case must be accepted and completed: 第二条 "当日受理办结" — the working day
 * of submission (the next working day when submitted on a day off).
 */
export function bridgeLoanGreenDueOn(calendar: Calendar, submittedOn: string): string {
  return calendar.sameWorkingDayDetailed(submittedOn).date;
}

/** The day the renewed loan must repay the fund: disbursement date + the days granted (calendar days). */
export function bridgeLoanRepaymentDueOn(disbursedOn: string, days: number): string {
  return addCalendarDays(disbursedOn, days);
}

/** Whether a green-channel case was completed (disbursed) on time: on or before its same-day deadline. */
export function isBridgeLoanGreenOnTime(greenDueOn: string, disbursedOn: string | null): boolean {
  return disbursedOn !== null && disbursedOn <= greenDueOn;
}
