// Money is integer fen (分, 0.01 元) and rates are integer ppm (parts per million: 1% = 10 000 ppm,
// 0.08% = 800 ppm), so sums and comparisons are exact. Products go through BigInt because
// fen × ppm passes 2^53 for loans above about 90 million 元.
import { parseCivilDate, shanghaiClockOf } from './calendar/civil-date';

/** One percent in ppm. */
export const PPM_PER_PERCENT = 10_000;
/** One (100%) in ppm. */
export const PPM_PER_UNIT = 1_000_000;
/** Fen in one 元. */
export const FEN_PER_YUAN = 100;
/** Fen in one 万元 (the unit of 300号 thresholds and most Shandong documents). */
export const FEN_PER_WAN_YUAN = 1_000_000;

/** How {@link mulFenByPpm} rounds: 'half-up' = half away from zero, 'down' = toward zero (java.math.RoundingMode names). */
export type Rounding = 'half-up' | 'down';

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what}应为安全整数，实际为 ${String(value)}`);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats an amount in fen as 元 with two decimals and thousands separators: 123456 → '1,234.56',
 * -5 → '-0.05'. No currency sign, so callers can add '元' or '¥' as the page needs.
 * @throws RangeError when `fen` is not a safe integer.
 */
export function formatYuan(fen: number): string {
  assertSafeInteger(fen, '金额（分）');
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  return `${fen < 0 ? '-' : ''}${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

const YUAN_RE = /^(-)?(0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

/**
 * Parses an amount in 元 typed by a person into integer fen, or null when the text is not a strict
 * amount. Accepts an optional leading '-', thousands separators only in correct groups of three,
 * and at most two decimals ('1,234.5' → 123450); surrounding spaces are ignored. Rejects
 * '1.234', '.5', '5.', '01', '1,23', '¥5', exponents and amounts beyond Number.MAX_SAFE_INTEGER fen.
 */
export function parseYuanToFen(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = YUAN_RE.exec(text.trim());
  if (!m) return null;
  const whole = (m[2] ?? '').replaceAll(',', '');
  const fraction = (m[3] ?? '').padEnd(2, '0');
  const fen = BigInt(whole) * 100n + BigInt(fraction);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(fen);
  // '-0.00' is zero, not negative zero.
  return m[1] && value !== 0 ? -value : value;
}

/**
 * Formats a rate in ppm as a percentage with as many decimals as needed (at most four):
 * 800 → '0.08%', 10000 → '1%', 12345 → '1.2345%'.
 * @throws RangeError when `ppm` is not a safe integer.
 */
export function ppmToPercentText(ppm: number): string {
  assertSafeInteger(ppm, '费率（ppm）');
  const abs = Math.abs(ppm);
  const whole = Math.floor(abs / PPM_PER_PERCENT);
  const fraction = String(abs % PPM_PER_PERCENT).padStart(4, '0').replace(/0+$/, '');
  return `${ppm < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}%`;
}

const PERCENT_RE = /^(-)?(\d+)(?:\.(\d{1,4}))?\s*[%％]?$/;

/**
 * Parses a percentage into ppm, or null when the text is not one: '0.08%' → 800, '1' → 10000.
 * The '%' sign (half- or full-width) is optional; at most four decimals (1 ppm = 0.0001%).
 */
export function percentTextToPpm(text: string): number | null {
  if (typeof text !== 'string') return null;
  const m = PERCENT_RE.exec(text.trim());
  if (!m) return null;
  const ppm = BigInt(m[2] ?? '0') * 10_000n + BigInt((m[3] ?? '').padEnd(4, '0'));
  if (ppm > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(ppm);
  return m[1] && value !== 0 ? -value : value;
}

/**
 * Multiplies an amount in fen by a rate in ppm and rounds to whole fen, exactly (BigInt):
 * mulFenByPpm(100_000_000, 800) === 80_000 (0.08% of 1,000,000 元 is 800 元).
 * 'half-up' rounds halves away from zero (the usual rule for fees and subsidies); 'down' truncates
 * toward zero (for caps that must not be exceeded).
 * @throws RangeError when an argument is not a safe integer or the result is not one.
 */
export function mulFenByPpm(fen: number, ppm: number, rounding: Rounding = 'half-up'): number {
  assertSafeInteger(fen, '金额（分）');
  assertSafeInteger(ppm, '费率（ppm）');
  const product = BigInt(fen) * BigInt(ppm);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const unit = BigInt(PPM_PER_UNIT);
  let quotient = abs / unit;
  if (rounding === 'half-up' && (abs % unit) * 2n >= unit) quotient += 1n;
  else if (rounding !== 'half-up' && rounding !== 'down') throw new RangeError(`未知的舍入方式 ${String(rounding)}`);
  const result = Number(negative ? -quotient : quotient);
  assertSafeInteger(result, '计算结果（分）');
  return result === 0 ? 0 : result;
}

/**
 * Formats a civil date 'YYYY-MM-DD' the way Chinese documents write it: '2020-02-07' → '2020年2月7日'.
 * Works on the text only, so no time zone can shift the day.
 * @throws RangeError for an invalid date.
 */
export function formatDateZh(date: string): string {
  const { year, month, day } = parseCivilDate(date);
  return `${year}年${month}月${day}日`;
}

/**
 * Formats an instant as people in China read it, on a Beijing clock to the minute:
 * '2020-02-09T13:00:00.000Z' → '2020年2月9日 21:00', whatever the host's time zone.
 * @throws RangeError for a string without an offset or that does not parse.
 */
export function formatInstantZh(instant: string | Date): string {
  const { date, time } = shanghaiClockOf(instant);
  return `${formatDateZh(date)} ${time}`;
}
