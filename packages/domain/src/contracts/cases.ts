import { z } from 'zod';
import { civilDate, pageQuery } from './common';

/** How a deadline stands today, for the badge 剩余 N 个工作日 / 已超期 N 个工作日. */
export const deadlineView = z.object({
  dueOn: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  remainingWorkingDays: z.number().int(),
  overdueWorkingDays: z.number().int(),
  provisional: z.boolean(),
  missingYears: z.array(z.number().int()),
});
export type DeadlineView = z.infer<typeof deadlineView>;

export const caseSummary = z.object({
  id: z.number().int(),
  measure: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  ownerOrgId: z.number().int(),
  ownerName: z.string(),
  holderOrgId: z.number().int().nullable(),
  holderName: z.string().nullable(),
  regionCode: z.string().nullable(),
  deadline: deadlineView.nullable(),
  held: z.boolean(),
  holdReason: z.string().nullable(),
  escalated: z.boolean(),
  /** True when the viewer's organisation is only supervising (督办), not holding the case. */
  supervising: z.boolean(),
  /** Organisations holding the current state jointly (工信 with 财政), each with its signature. */
  jointHolders: z.array(z.object({ orgId: z.number().int(), name: z.string(), signedAt: z.string().nullable() })),
  /** Higher first in inboxes (green channel). */
  priority: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  /** The actor's display name (姓名), what a reader of the timeline looks for. */
  actorName: z.string().nullable(),
  actorOrgName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  toStateLabel: z.string().nullable(),
  comment: z.string().nullable(),
  data: z.unknown(),
});
export type CaseEventView = z.infer<typeof caseEventView>;

export const caseActionView = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.string(),
  requiresComment: z.boolean(),
  /** Set when the step is taken only on the measure's own page (the generic action route refuses it): the page's name and link. */
  measureRouteOnly: z.object({ page: z.string(), link: z.string() }).nullable(),
});
export type CaseActionView = z.infer<typeof caseActionView>;

export const caseDetail = caseSummary.extend({
  data: z.record(z.string(), z.unknown()),
  /** Names of the organisations the data refers to by id (keys ending in OrgId), by id. */
  dataOrgNames: z.record(z.string(), z.string()),
  events: z.array(caseEventView),
  actions: z.array(caseActionView),
  canHold: z.boolean(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const transitionBody = z.object({
  version: z.number().int().positive('版本号应为正整数'),
  comment: z.string().trim().max(2000, '意见不能超过 2000 字').optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const holdBody = z.object({
  version: z.number().int().positive('版本号应为正整数'),
  reason: z.string().trim().max(2000, '理由不能超过 2000 字').optional(),
});

export const caseListQuery = pageQuery.extend({
  measure: z.string().max(40).optional(),
  state: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const inboxView = z.object({ items: z.array(caseSummary), total: z.number().int(), today: z.string() });
export type InboxView = z.infer<typeof inboxView>;

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: z.number().int().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const addWorkingDaysQuery = z.object({
  date: civilDate,
  days: z.coerce.number().int('天数应为整数').min(0, '天数不能为负').max(3650, '天数不能超过 3650'),
});

export const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM') });

export const calendarDayView = z.object({
  date: z.string(),
  weekday: z.number().int(),
  working: z.boolean(),
  offDay: z.boolean(),
  makeup: z.boolean(),
  holidayName: z.string().nullable(),
  provisional: z.boolean(),
});
export type CalendarDayView = z.infer<typeof calendarDayView>;

export const calendarYearInput = z.object({
  year: z.number().int(),
  offDays: z.array(z.object({ date: z.string(), name: z.string() })),
  makeupWorkdays: z.array(z.object({ date: z.string(), name: z.string() })),
  sources: z.array(z.string()).optional(),
});
export type CalendarYearInput = z.infer<typeof calendarYearInput>;

export const calendarImportBody = z.object({
  year: calendarYearInput,
  source: z.string().trim().min(1, '请填写数据来源（通知文号或网址）').max(500),
});

export const notificationListQuery = pageQuery.extend({ unread: z.enum(['true', 'false']).optional() });
