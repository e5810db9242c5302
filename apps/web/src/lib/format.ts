// The web's one bridge to the formatting and identifier helpers of `@relief/domain`: pages import
// from here, never from the domain directly, so null handling and display choices live in one place.
import {
  formatDateZh as domainFormatDateZh,
  formatInstantZh,
  shanghaiClockOf,
  shanghaiDateOf,
  formatYuan as domainFormatYuan,
  percentTextToPpm,
  ppmToPercentText,
  parseYuanToFen,
  validateUscc as domainValidateUscc,
  type UsccValidation,
} from '@relief/domain';

/**
 * Formats an amount in fen (分) as 元 with two decimals and thousands separators: 123456 → '1,234.56'
 * (the domain's formatYuan); missing values and anything that is not a safe integer show as '—'.
 */
export function formatYuan(fen: number | null | undefined): string {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return '—';
  return domainFormatYuan(fen);
}

/** Same as formatYuan with the unit: 123456 → '1,234.56 元'. */
export function formatYuanWithUnit(fen: number | null | undefined): string {
  const text = formatYuan(fen);
  return text === '—' ? text : `${text} 元`;
}

/** Formats a civil date `YYYY-MM-DD` for people: '2020-02-07' → '2020年2月7日'. Invalid input is shown as is. */
export function formatDateZh(date: string): string {
  try {
    return domainFormatDateZh(date);
  } catch {
    return date;
  }
}

/** Formats a civil date for the current locale: zh-CN '2020年2月7日', en-US '2020-02-07'. */
export function formatDate(date: string | null | undefined, locale: string = 'zh-CN'): string {
  if (!date) return '—';
  return locale === 'zh-CN' ? formatDateZh(date) : date;
}

/** Today's civil date in Asia/Shanghai ('YYYY-MM-DD'), whatever the browser's time zone. */
export function shanghaiToday(now: number = Date.now()): string {
  return shanghaiDateOf(new Date(now));
}

/**
 * Formats a UTC instant as seen in Asia/Shanghai, whatever the browser's time zone:
 * '2020-02-07T06:03:00Z' → '2020年2月7日 14:03' (en-US: '2020-02-07 14:03').
 */
export function formatInstant(instant: string | Date | null | undefined, locale: string = 'zh-CN'): string {
  if (!instant) return '—';
  try {
    if (locale === 'zh-CN') return formatInstantZh(instant);
    const { date, time } = shanghaiClockOf(instant);
    return `${date} ${time}`;
  } catch {
    // Not an instant with an offset (the server always sends one): shown as it came.
    return typeof instant === 'string' ? instant : '—';
  }
}

/**
 * The UTC instants that bound the civil days `from`..`to` (inclusive) in Asia/Shanghai, for
 * filters on instants: ('2020-02-07', '2020-02-07') → 2020-02-06T16:00:00.000Z .. 2020-02-07T15:59:59.999Z.
 */
export function shanghaiDayRange(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(`${from}T00:00:00.000+08:00`);
  const end = Date.parse(`${to}T23:59:59.999+08:00`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/**
 * Converts an amount typed in 万元 (up to 6 decimals, i.e. to the fen) into integer fen without
 * floating point: '123.4567' → 1234567000. Returns null for anything that is not such a number.
 */
export function wanToFen(wan: string | number): number | null {
  const text = typeof wan === 'number' ? (Number.isFinite(wan) ? wan.toFixed(6) : '') : wan.trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,6})\d*)?$/.exec(text);
  if (!m) return null;
  const [, sign = '', whole = '0', frac = ''] = m;
  // 1 万元 = 10,000 元 = 1,000,000 分: six decimal places of 万元 reach the fen.
  const fen = BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
  const result = Number(sign === '-' ? -fen : fen);
  return Number.isSafeInteger(result) ? result : null;
}

/**
 * Parses an amount typed in 元 (at most two decimals, thousands separators in groups of three)
 * into integer fen with the domain's strict parser: '1,234.5' → 123450; null for anything else.
 */
export function yuanToFen(text: string): number | null {
  return parseYuanToFen(text);
}

/** An amount in fen as an editable 元 text without separators: 123456 → '1234.56'; '' when missing. */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return '';
  return domainFormatYuan(fen).replaceAll(',', '');
}

/** A rate in integer ppm as a percentage: 800 → '0.08%', 300000 → '30%'; '—' when missing. */
export function ppmToPercent(ppm: number | null | undefined): string {
  if (typeof ppm !== 'number' || !Number.isSafeInteger(ppm)) return '—';
  return ppmToPercentText(ppm);
}

/** A percentage typed by a person ('0.08', '0.08%', '30') as integer ppm (800, 300000); null when it is not one. */
export function percentToPpm(text: string): number | null {
  return percentTextToPpm(text);
}

/** Outcome of {@link validateUscc}: `message` says what is wrong and `expected` names the right check character. */
export type UsccResult = UsccValidation;

/**
 * Validates a 统一社会信用代码 (GB 32100-2015) with the domain's rule: length, code set (no I, O,
 * S, V, Z), positions 3–8 digits and the check character; full-width and lower case are accepted.
 */
export function validateUscc(code: string): UsccResult {
  return domainValidateUscc(code);
}
