// What a deadline badge says and how it is coloured, from the server's DeadlineView. Pure, so the
// wording of 剩余 / 今日到期 / 已超期 is tested without a browser.
import type { DeadlineView } from '@relief/domain';
import { formatDate } from '../../lib/format';
import { translate, type Locale } from '../../lib/i18n';

export type DeadlineColor = 'green' | 'orange' | 'red';

export interface DeadlineBadgeText {
  text: string;
  color: DeadlineColor;
  /** Lines for the tooltip: the due date (24:00 Asia/Shanghai of the last day) and, when provisional, why. */
  tooltip: string[];
}

/** Two working days or fewer left is the point at which a holder should act today or tomorrow. */
export const URGENT_WORKING_DAYS = 2;

/**
 * The badge of a deadline: "剩余 N 个工作日" (green above 2, orange at 2 or fewer), "今日到期" on the
 * last day, "已超期 N 个工作日" in red once past (just "已超期" when no working day has passed yet,
 * e.g. on the weekend right after a Friday deadline).
 */
export function describeDeadline(d: DeadlineView, locale: Locale): DeadlineBadgeText {
  let text: string;
  let color: DeadlineColor;
  if (d.overdue) {
    text = d.overdueWorkingDays > 0 ? translate(locale, 'deadline.overdue', { n: d.overdueWorkingDays }) : translate(locale, 'deadline.overdueNoDays');
    color = 'red';
  } else if (d.remainingWorkingDays <= 0) {
    text = translate(locale, 'deadline.dueToday');
    color = 'orange';
  } else {
    text = translate(locale, 'deadline.remaining', { n: d.remainingWorkingDays });
    color = d.remainingWorkingDays > URGENT_WORKING_DAYS ? 'green' : 'orange';
  }
  const tooltip = [translate(locale, 'deadline.dueAt', { date: formatDate(d.dueOn, locale) })];
  if (d.provisional) tooltip.push(translate(locale, 'deadline.provisional', { years: formatYears(d.missingYears, locale) }));
  return { text, color, tooltip };
}

/** Years joined the way the sentence needs them: [2027] → '2027', [2027, 2028] → '2027、2028'. */
export function formatYears(years: readonly number[], locale: Locale): string {
  if (years.length === 0) return '?';
  return years.join(locale === 'zh-CN' ? '、' : ', ');
}
