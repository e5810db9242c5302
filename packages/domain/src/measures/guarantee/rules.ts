import { addCalendarDays, compareCivilDates, lastDayOfMonth, toDayNumber } from '../../calendar/index';
import { sizeIsSmallOrMicro, type SizeClass } from '../../enterprise/size';
import { mulFenByPpm, ppmToPercentText } from '../../money';
import type { ParameterKey, ParameterValue } from '../../policy/measure-parameters';
import type { EpidemicPeriod } from '../../policy/preset';
import { isDateInEpidemicPeriod } from '../../policy/overrides';

// The rules of 鲁工信发〔2020〕1号 第四条 (加大融资担保力度), pure. Every number comes from the
// preset's parameters (passed in), never from this file.

/** The clause every refusal of this measure names. */
export const GUARANTEE_CLAUSE = '鲁工信发〔2020〕1号 第四条';
/** The source of the indicators (支小支农 share, single-firm amount); they inform, they do not refuse. */
export const GUARANTEE_INDICATOR_SOURCE = '国办发〔2019〕6号';

/** The guarantee measure's parameters as snapshotted from the preset. */
export type GuaranteeParams = { [P in ParameterKey<'guarantee'>]: ParameterValue<'guarantee', P> };

/** A register entry's reward facts: whether the institution receives 降费奖补 funds, and when. */
export interface GuaranteeRewardStatus {
  isGovernment: boolean;
  rewardFunded: boolean;
  /** First day of the funding (inclusive); null = since always. */
  rewardFrom: string | null;
  /** Last day of the funding (inclusive); null = open. */
  rewardTo: string | null;
}

/**
 * Whether the institution is a 奖补资金支持的政府性融资担保机构 on `date`: a government institution
 * with the reward flag, `date` within the funding's effective dates (both ends inclusive).
 */
export function guaranteeIsRewardFundedOn(s: GuaranteeRewardStatus, date: string): boolean {
  if (!s.isGovernment || !s.rewardFunded) return false;
  if (s.rewardFrom && compareCivilDates(date, s.rewardFrom) < 0) return false;
  if (s.rewardTo && compareCivilDates(date, s.rewardTo) > 0) return false;
  return true;
}

/** One refusal of a filing: the field it concerns, a code, and the Chinese message naming the clause. */
export interface GuaranteeRefusal {
  field: 'feeRatePpm' | 'counterGuarantee';
  code: 'FEE_OVER_CAP' | 'COUNTER_GUARANTEE';
  message: string;
}

/** What the fee rule reads of a filing. */
export interface GuaranteeTermsInput {
  /** Annual guarantee fee rate in ppm (1% = 10,000). */
  feeRatePpm: number;
  counterGuarantee: boolean;
  /** Start date of the guarantee (YYYY-MM-DD): the day the epidemic-period test is made on. */
  startOn: string;
}

/**
 * Whether the epidemic-period terms bind this filing: the institution is reward-funded on the start
 * date (when the preset makes the cap depend on it) and the start date lies in the epidemic period
 * (when the preset limits the cap to it).
 */
export function guaranteeTermsBind(input: Pick<GuaranteeTermsInput, 'startOn'>, rewardFundedOnStart: boolean, period: EpidemicPeriod, p: GuaranteeParams): boolean {
  if (p.feeCapRequiresRewardFunding && !rewardFundedOnStart) return false;
  if (p.feeCapDuringEpidemicOnly && !isDateInEpidemicPeriod(period, input.startOn)) return false;
  return true;
}

/**
 * 鲁工信发〔2020〕1号 第四条：疫情期间，奖补资金支持的政府性融资担保机构年担保费率不超过1%，并取消反担保要求。
 * Returns the refusals of a filing (empty when it may be filed). The cap is inclusive: 1.00% passes,
 * 1.01% does not. Unfunded institutions and start dates outside the period are not bound.
 */
export function guaranteeFilingRefusals(input: GuaranteeTermsInput, rewardFundedOnStart: boolean, period: EpidemicPeriod, p: GuaranteeParams): GuaranteeRefusal[] {
  if (!guaranteeTermsBind(input, rewardFundedOnStart, period, p)) return [];
  const out: GuaranteeRefusal[] = [];
  if (input.feeRatePpm > p.maxAnnualFeeRatePpm) {
    out.push({
      field: 'feeRatePpm', code: 'FEE_OVER_CAP',
      message: `${GUARANTEE_CLAUSE}：疫情期间，奖补资金支持的政府性融资担保机构年担保费率不超过${ppmToPercentText(p.maxAnnualFeeRatePpm)}（本笔 ${guaranteeRateText(input.feeRatePpm)}）`,
    });
  }
  if (input.counterGuarantee && !p.counterGuaranteeAllowed) {
    out.push({
      field: 'counterGuarantee', code: 'COUNTER_GUARANTEE',
      message: `${GUARANTEE_CLAUSE}：疫情期间，奖补资金支持的政府性融资担保机构取消反担保要求（本笔要求了反担保）`,
    });
  }
  return out;
}

/** A rate in ppm as a percentage with at least two decimals: 15000 → '1.50%', 10100 → '1.01%'. */
export function guaranteeRateText(ppm: number): string {
  const t = ppmToPercentText(ppm).replace('%', '');
  const [w, f = ''] = t.split('.');
  return `${w}.${f.padEnd(2, '0')}%`;
}

/** The guarantee's annual fee in fen: amount × annual rate, rounded half-up. */
export function guaranteeAnnualFeeFen(amountFen: number, feeRatePpm: number): number {
  return mulFenByPpm(amountFen, feeRatePpm);
}

/** The end date of a guarantee of `termMonths` from `startOn` (same day of month, clamped to month end). */
export function guaranteeEndOn(startOn: string, termMonths: number): string {
  const [y, m, d] = startOn.split('-').map(Number) as [number, number, number];
  const idx = y * 12 + (m - 1) + termMonths;
  const month = `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
  const last = lastDayOfMonth(month);
  const day = Math.min(d, Number(last.slice(8)));
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** One filing as the indicators and the reward base read it. */
export interface GuaranteeVolumeItem {
  institutionId: number;
  enterpriseKey: string;
  sizeClass: SizeClass | null;
  amountFen: number;
  feeRatePpm: number;
  termMonths: number;
}

/** The 国办发〔2019〕6号 indicators of one institution's book. Shares in ppm (null when nothing is filed). */
export interface GuaranteeIndicators {
  count: number;
  totalFen: number;
  smallMicroFen: number;
  /** Small and micro (300号) volume ÷ total volume; target ≥ smallMicroAgriShareMinPpm. */
  smallMicroSharePpm: number | null;
  /** Volume of firms whose total with the institution is ≤ singleFirmCapFen ÷ total; target ≥ singleFirmUnderCapShareMinPpm. */
  underCapSharePpm: number | null;
  /** Firms whose total guaranteed amount with the institution exceeds singleFirmCapFen. */
  firmsOverCap: number;
  /** Volume-weighted average annual fee rate (ppm), rounded half-up. */
  avgFeeRatePpm: number | null;
  meetsSmallMicroShare: boolean | null;
  meetsUnderCapShare: boolean | null;
}

/**
 * The indicators of 国办发〔2019〕6号 for one institution's filings: 支小 share of the volume and the
 * share of firms with a single-firm total of at most 500万元 (the "单户" test is per enterprise,
 * summing its guarantees). The 支农 part (三农) is not recorded by the platform, so the first share
 * counts small and micro enterprises only and understates the official figure.
 */
export function guaranteeIndicators(items: readonly GuaranteeVolumeItem[], p: GuaranteeParams): GuaranteeIndicators {
  let total = 0;
  let small = 0;
  let weighted = 0n;
  const perFirm = new Map<string, number>();
  for (const i of items) {
    total += i.amountFen;
    if (sizeIsSmallOrMicro(i.sizeClass)) small += i.amountFen;
    weighted += BigInt(i.amountFen) * BigInt(i.feeRatePpm);
    perFirm.set(i.enterpriseKey, (perFirm.get(i.enterpriseKey) ?? 0) + i.amountFen);
  }
  let underCap = 0;
  let over = 0;
  for (const v of perFirm.values()) {
    if (v <= p.singleFirmCapFen) underCap += v;
    else over += 1;
  }
  const share = (part: number) => (total > 0 ? guaranteeRatioPpm(part, total) : null);
  const smallShare = share(small);
  const underShare = share(underCap);
  return {
    count: items.length, totalFen: total, smallMicroFen: small, smallMicroSharePpm: smallShare, underCapSharePpm: underShare, firmsOverCap: over,
    avgFeeRatePpm: total > 0 ? Number(roundDiv(weighted, BigInt(total))) : null,
    meetsSmallMicroShare: smallShare === null ? null : smallShare >= p.smallMicroAgriShareMinPpm,
    meetsUnderCapShare: underShare === null ? null : underShare >= p.singleFirmUnderCapShareMinPpm,
  };
}

/** part ÷ whole in ppm, rounded half-up. */
export function guaranteeRatioPpm(part: number, whole: number): number {
  return Number(roundDiv(BigInt(part) * 1_000_000n, BigInt(whole)));
}

function roundDiv(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** A reward-base period: a year ('2020') or a quarter ('2020Q1'). */
export const GUARANTEE_PERIOD_RE = /^(\d{4})(?:Q([1-4]))?$/;

/** The first and last day of a period ('2020Q1' → 2020-01-01 … 2020-03-31). @throws RangeError when malformed. */
export function guaranteePeriodRange(period: string): { from: string; to: string } {
  const m = GUARANTEE_PERIOD_RE.exec(period);
  if (!m) throw new RangeError(`期间应为年份（2020）或季度（2020Q1）：${period}`);
  const y = m[1]!;
  if (!m[2]) return { from: `${y}-01-01`, to: `${y}-12-31` };
  const q = Number(m[2]);
  const first = (q - 1) * 3 + 1;
  return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: lastDayOfMonth(`${y}-${String(first + 2).padStart(2, '0')}`) };
}

/** One institution's reward base for a period (财建〔2018〕547号 降费奖补 inputs). */
export interface GuaranteeRewardBaseRow {
  institutionId: number;
  /** New small/micro guarantees started in the period. */
  count: number;
  /** Their volume (fen). */
  volumeFen: number;
  /** Annualised volume: Σ amount × term months ÷ 12 (fen, rounded half-up per item). */
  annualisedFen: number;
  /** Volume-weighted average annual fee rate (ppm). */
  avgFeeRatePpm: number | null;
}

/**
 * The reward base per institution: the new small and micro guarantee volume of the period (size by
 * 工信部联企业〔2011〕300号) and its volume-weighted average annual fee rate, the inputs the
 * 降费奖补 allocation reads (财建〔2018〕547号: by new annualised small/micro volume and fee rate).
 * `items` must already be those whose start date lies in the period.
 */
export function guaranteeRewardBase(items: readonly GuaranteeVolumeItem[]): GuaranteeRewardBaseRow[] {
  const by = new Map<number, { count: number; volume: number; annualised: number; weighted: bigint }>();
  for (const i of items) {
    if (!sizeIsSmallOrMicro(i.sizeClass)) continue;
    const r = by.get(i.institutionId) ?? { count: 0, volume: 0, annualised: 0, weighted: 0n };
    r.count += 1;
    r.volume += i.amountFen;
    r.annualised += Number(roundDiv(BigInt(i.amountFen) * BigInt(i.termMonths), 12n));
    r.weighted += BigInt(i.amountFen) * BigInt(i.feeRatePpm);
    by.set(i.institutionId, r);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([institutionId, r]) => ({
    institutionId, count: r.count, volumeFen: r.volume, annualisedFen: r.annualised,
    avgFeeRatePpm: r.volume > 0 ? Number(roundDiv(r.weighted, BigInt(r.volume))) : null,
  }));
}

/** The default recovery (追偿) deadline after a compensation paid on `paidOn`: defaultRecoveryPeriodDays calendar days later. */
export function guaranteeRecoveryDueOn(paidOn: string, p: GuaranteeParams): string {
  return addCalendarDays(paidOn, p.defaultRecoveryPeriodDays);
}

/** Why a compensation cannot be recorded (null when it can): amount within the guarantee, paid on or after its start. */
export function guaranteeCompensationRefusal(c: { paidOn: string; amountFen: number; recoveryDueOn: string }, filing: { amountFen: number; startOn: string }, today: string): { field: string; message: string } | null {
  if (c.amountFen > filing.amountFen) return { field: 'amountFen', message: '代偿金额不能超过担保金额' };
  if (compareCivilDates(c.paidOn, filing.startOn) < 0) return { field: 'paidOn', message: '代偿日期不能早于担保起始日' };
  if (compareCivilDates(c.paidOn, today) > 0) return { field: 'paidOn', message: '代偿日期不能晚于今天' };
  if (compareCivilDates(c.recoveryDueOn, c.paidOn) <= 0) return { field: 'recoveryDueOn', message: '追偿时限应晚于代偿日期' };
  return null;
}

/**
 * 鲁工信发〔2020〕1号 第四条：视疫情影响情况适当延长追偿时限。Why an extension request may not be made
 * (null when it may): the preset must allow extensions, the new date must be later than the current
 * deadline and, when the preset sets maxRecoveryExtensionDays, within it.
 */
export function guaranteeExtensionRefusal(currentDueOn: string, requestedDueOn: string, p: GuaranteeParams): { field: string; message: string } | null {
  if (!p.recoveryExtensionAllowed) return { field: 'requestedDueOn', message: `${GUARANTEE_CLAUSE}：现行参数不允许延长追偿时限` };
  if (compareCivilDates(requestedDueOn, currentDueOn) <= 0) return { field: 'requestedDueOn', message: `延长后的追偿时限应晚于现有时限（${currentDueOn}）` };
  const max = p.maxRecoveryExtensionDays;
  if (max !== null && toDayNumber(requestedDueOn) - toDayNumber(currentDueOn) > max) {
    return { field: 'requestedDueOn', message: `${GUARANTEE_CLAUSE}：追偿时限最长延长 ${max} 天` };
  }
  return null;
}

/** The status of a compensation's recovery on `today`. */
export type GuaranteeRecoveryStatus = 'recovering' | 'overdue' | 'recovered';

/** Recovered when a recovery is recorded; overdue when the (effective) deadline has passed; else recovering. */
export function guaranteeRecoveryStatus(dueOn: string, recoveredOn: string | null, today: string): GuaranteeRecoveryStatus {
  if (recoveredOn) return 'recovered';
  return compareCivilDates(today, dueOn) > 0 ? 'overdue' : 'recovering';
}
