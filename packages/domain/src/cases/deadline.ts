import type { Calendar } from '../calendar/calendar';
import { endOfDayInstant } from '../calendar/civil-date';
import type { DeadlineRule } from './workflow';

/** A computed deadline: the civil date it falls on, the instant it ends, and whether it is provisional. */
export interface Deadline {
  dueOn: string;
  /** 24:00 Asia/Shanghai of `dueOn`, as a UTC ISO instant. */
  dueAt: string;
  provisional: boolean;
  missingYears: number[];
}

/**
 * Computes the deadline of a step entered on `enteredOn` (a civil date in Asia/Shanghai).
 * `param` values (from the policy preset, as decided for this case) override the rule's numbers.
 * @throws Error when a month field is missing or malformed.
 */
export function computeDeadline(
  rule: DeadlineRule,
  enteredOn: string,
  calendar: Calendar,
  data: Record<string, unknown> = {},
  params: Record<string, unknown> = {},
): Deadline {
  if (rule.kind === 'byFlag') return computeDeadline(data[rule.field] === true ? rule.whenTrue : rule.otherwise, enteredOn, calendar, data, params);
  const p = (fallback: number) => ('param' in rule && rule.param && typeof params[rule.param] === 'number' ? (params[rule.param] as number) : fallback);
  let r: { date: string; provisional: boolean; missingYears: number[] };
  switch (rule.kind) {
    case 'workingDays':
      r = calendar.addWorkingDaysDetailed(enteredOn, p(rule.days));
      break;
    case 'sameWorkingDay':
      r = calendar.sameWorkingDayDetailed(enteredOn);
      break;
    case 'workingDaysAfterMonthEnd': {
      const month = data[rule.monthField];
      if (typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month)) throw new Error(`case field ${rule.monthField} must be a month YYYY-MM`);
      r = calendar.workingDaysAfterMonthEndDetailed(month, p(rule.days));
      break;
    }
    case 'fixedDate': {
      const date = rule.param && typeof params[rule.param] === 'string' ? (params[rule.param] as string) : rule.date;
      const missingYears = calendar.missingYears(date, date);
      r = { date, provisional: missingYears.length > 0, missingYears };
      break;
    }
  }
  return { dueOn: r.date, dueAt: endOfDayInstant(r.date), provisional: r.provisional, missingYears: r.missingYears };
}
