import { addCalendarDays, compareCivilDates, toDayNumber } from '../../calendar/civil-date';
import { isDateInEpidemicPeriod } from '../../policy/overrides';
import { formatDateZh } from '../../money';

// 鲁工信发〔2020〕1号 第五条 “落实贷款贴息政策” as pure rules. Every number comes from the preset's
// parameters (presets/lu-gongxin-fa-2020-1.json, measure interest-subsidy); tests may use the numbers.

/** The parameters of the measure the rules read (a case keeps the snapshot it was decided under). */
export interface InterestSubsidyParams {
  contractEffectiveFrom: string;
  contractEffectiveFromInclusive: boolean;
  contractWithinEpidemicPeriod: boolean;
  subsidyShareOfRatePpm: number;
  maxSubsidyDays: number;
  dayCountBasis: number;
  cityReportDeadline: string;
  publicNoticeDays: number;
}

/** One loan contract as the enterprise declares it. */
export interface InterestSubsidyContractFacts {
  bankName: string;
  contractNo: string;
  /** 合同生效日 */
  effectiveOn: string;
  /** 放款日: the subsidy period runs from here. */
  drawdownOn: string;
  /** 到期日 */
  maturityOn: string;
  principalFen: number;
  annualRatePpm: number;
  /** Interest actually paid per the bank's statement (结息单), when the enterprise has one. */
  interestPaidFen?: number | null | undefined;
}

export const INTEREST_SUBSIDY_CLAUSE = '鲁工信发〔2020〕1号 第五条';

/**
 * Why a contract may not be subsidised, or null when it may (鲁工信发〔2020〕1号 第五条：“可凭借2020年1月1日后
 * 疫情防控期内新生效的贷款合同申请贴息”). `epidemic` is the period as it stands on the decision date.
 */
export function checkInterestSubsidyContract(c: Pick<InterestSubsidyContractFacts, 'effectiveOn' | 'drawdownOn' | 'maturityOn'>, p: InterestSubsidyParams, epidemic: { start: string; end: string | null }): string | null {
  const cmp = compareCivilDates(c.effectiveOn, p.contractEffectiveFrom);
  if (cmp < 0 || (cmp === 0 && !p.contractEffectiveFromInclusive)) {
    return `${INTEREST_SUBSIDY_CLAUSE}：只有${formatDateZh(p.contractEffectiveFrom)}${p.contractEffectiveFromInclusive ? '（含当日）' : ''}后疫情防控期内新生效的贷款合同可申请贴息，该合同生效日为${formatDateZh(c.effectiveOn)}`;
  }
  if (p.contractWithinEpidemicPeriod && !isDateInEpidemicPeriod(epidemic, c.effectiveOn)) {
    return `${INTEREST_SUBSIDY_CLAUSE}：贷款合同须在疫情防控期内生效（疫情防控期${formatDateZh(epidemic.start)}至${epidemic.end ? formatDateZh(epidemic.end) : '今'}），该合同生效日为${formatDateZh(c.effectiveOn)}`;
  }
  if (compareCivilDates(c.drawdownOn, c.effectiveOn) < 0) return '放款日不能早于合同生效日';
  if (compareCivilDates(c.maturityOn, c.drawdownOn) <= 0) return '到期日应晚于放款日';
  return null;
}

/** The subsidy of one contract and how it was reached (shown to the applicant before submitting). */
export interface InterestSubsidyAmount {
  /** Days from drawdown to maturity (actual days). */
  daysOutstanding: number;
  /** min(daysOutstanding, maxSubsidyDays): “贴息期限不超过1年”. */
  subsidyDays: number;
  /** 贴息利率 = annual rate × share, ppm (rounded half-up to a whole ppm, for display only). */
  subsidyRatePpm: number;
  /** By the formula: principal × rate × share × days / basis, half-up to the fen. */
  formulaFen: number;
  /** Half of the interest actually paid, when declared (the subsidy never exceeds it). */
  paidCapFen: number | null;
  /** The subsidy: the formula, capped by the paid-interest share when declared. */
  amountFen: number;
}

const PPM = 1_000_000n;

/** a / b rounded half-up (a, b ≥ 0). */
function divHalfUp(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/**
 * 贴息额 (DOMAIN.md §5.4): principal × actual annual rate × subsidyShareOfRatePpm (50%, 财金〔2020〕5号)
 * × min(days, maxSubsidyDays) / dayCountBasis (360, bank convention; an assumption of the preset),
 * integer fen, half-up (preset roundingRule). When the enterprise declares the interest actually
 * paid (结息单), the subsidy is at most that share of it. All arithmetic in BigInt: no floats.
 */
export function computeInterestSubsidy(c: Pick<InterestSubsidyContractFacts, 'principalFen' | 'annualRatePpm' | 'drawdownOn' | 'maturityOn' | 'interestPaidFen'>, p: Pick<InterestSubsidyParams, 'subsidyShareOfRatePpm' | 'maxSubsidyDays' | 'dayCountBasis'>): InterestSubsidyAmount {
  if (!Number.isSafeInteger(c.principalFen) || c.principalFen <= 0) throw new RangeError('principalFen must be a positive integer');
  if (!Number.isSafeInteger(c.annualRatePpm) || c.annualRatePpm < 0) throw new RangeError('annualRatePpm must be a non-negative integer');
  const daysOutstanding = Math.max(0, toDayNumber(c.maturityOn) - toDayNumber(c.drawdownOn));
  const subsidyDays = Math.min(daysOutstanding, p.maxSubsidyDays);
  const num = BigInt(c.principalFen) * BigInt(c.annualRatePpm) * BigInt(p.subsidyShareOfRatePpm) * BigInt(subsidyDays);
  const den = PPM * PPM * BigInt(p.dayCountBasis);
  const formulaFen = Number(divHalfUp(num, den));
  const paidCapFen = c.interestPaidFen === null || c.interestPaidFen === undefined ? null : Number(divHalfUp(BigInt(c.interestPaidFen) * BigInt(p.subsidyShareOfRatePpm), PPM));
  const subsidyRatePpm = Number(divHalfUp(BigInt(c.annualRatePpm) * BigInt(p.subsidyShareOfRatePpm), PPM));
  return { daysOutstanding, subsidyDays, subsidyRatePpm, formulaFen, paidCapFen, amountFen: paidCapFen === null ? formulaFen : Math.min(formulaFen, paidCapFen) };
}

/** The business key of a contract: one subsidy per contract, whoever applies (bank + contract number). */
export function interestSubsidyContractKey(bankName: string, contractNo: string): string {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return `${norm(bankName)}|${norm(contractNo)}`;
}

/** Whether a city's report submitted on `submittedOn` (or not yet, on `today`) is late against the deadline. */
export function interestSubsidyReportLate(deadline: string, submittedOn: string | null, today: string): boolean {
  return submittedOn === null ? compareCivilDates(today, deadline) > 0 : compareCivilDates(submittedOn, deadline) > 0;
}

/**
 * The last day of the 公示 (public notice) that starts on `startsOn`: publicNoticeDays calendar days,
 * counted from the day after publication (民法典 第二百零一条), so 7 days from 2020-06-10 end on 2020-06-17.
 * Calendar days, not working days: 公示期 in notices is customarily stated in natural days
 * (preset publicNoticeDays, unit 天).
 */
export function interestSubsidyNoticeEndsOn(startsOn: string, days: number): string {
  return addCalendarDays(startsOn, days);
}

/** The first day of the 公示 published on `startsOn`: the day after publication, as the period is counted. */
export function interestSubsidyNoticeFirstDay(startsOn: string): string {
  return addCalendarDays(startsOn, 1);
}

/** Why an objection to the 公示 can no longer be recorded on `today`, or null: it is taken through the period's last day. */
export function interestSubsidyObjectionRefusal(n: { endsOn: string }, today: string): string | null {
  return compareCivilDates(today, n.endsOn) > 0 ? `公示期已于${formatDateZh(n.endsOn)}结束，不再受理异议` : null;
}

/** Why the 公示's applications cannot be marked paid on `today`, or null: only after its last day, with every objection answered. */
export function interestSubsidyPayRefusal(n: { startsOn: string; endsOn: string; openObjections: number }, today: string): { code: 'NOTICE_OPEN' | 'OBJECTIONS_OPEN'; message: string } | null {
  if (compareCivilDates(today, n.endsOn) <= 0) return { code: 'NOTICE_OPEN', message: `公示于${formatDateZh(n.startsOn)}发布，公示期至${formatDateZh(n.endsOn)}，期满后方可拨付` };
  if (n.openObjections > 0) return { code: 'OBJECTIONS_OPEN', message: `尚有 ${n.openObjections} 件异议未答复，答复后方可拨付` };
  return null;
}

/**
 * Whether an organisation runs the 公示, its objections and the payment: 省工信厅 (DEPT) alone,
 * not 省财政厅, which is a department too. The server refuses anyone else; the page offers the
 * controls to no one else.
 */
export function runsInterestSubsidyNotices(org: { kind: string; code: string | null }): boolean {
  return org.kind === 'department' && org.code === 'DEPT';
}
