import { addWorkingDaysQuery, calendarDayView, calendarImportBody, calendarYearInput, monthQuery } from '@relief/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../app';
import { actorOf, requireAuth } from '../platform/auth/guard';
import { getCalendar } from './calendar.service';
import { importCalendarYear, previewCalendarImport } from './calendar-import';

const changeView = z.object({ caseId: z.number().int(), title: z.string(), from: z.string().nullable(), to: z.string() });

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app as unknown as App;

  app.get('/calendar/add-working-days', {
    schema: {
      tags: ['calendar'], summary: '工作日推算：date 之后第 N 个工作日（当日不计入，民法典第二百零一条）', querystring: addWorkingDaysQuery,
      response: { 200: z.object({ date: z.string(), provisional: z.boolean(), missingYears: z.array(z.number().int()) }) },
    },
  }, async (request) => {
    const r = (await getCalendar(ctx)).addWorkingDaysDetailed(request.query.date, request.query.days);
    return { date: r.date, provisional: r.provisional, missingYears: r.missingYears };
  });

  app.get('/calendar/month', {
    schema: { tags: ['calendar'], summary: '某月每日：是否工作日、节日名称、调休上班', querystring: monthQuery, response: { 200: z.object({ month: z.string(), days: z.array(calendarDayView), missingYears: z.array(z.number().int()) }) } },
  }, async (request) => {
    const calendar = await getCalendar(ctx);
    const days = calendar.monthDays(request.query.month).map((d) => ({ ...d, holidayName: d.holidayName ?? null }));
    const year = Number(request.query.month.slice(0, 4));
    return { month: request.query.month, days, missingYears: calendar.hasYear(year) ? [] : [year] };
  });

  app.get('/calendar/years', {
    schema: { tags: ['calendar'], summary: '已有节假日数据的年份（内置与导入）', response: { 200: z.object({ builtin: z.array(z.number().int()), imported: z.array(z.object({ year: z.number().int(), source: z.string(), importedAt: z.string() })) }) } },
  }, async () => {
    const calendar = await getCalendar(ctx);
    const imported = await ctx.db.selectFrom('calendar_year').select(['year', 'source', 'imported_at']).orderBy('year').execute();
    const builtin: number[] = [];
    for (let y = 2004; y <= ctx.clock.now().getUTCFullYear() + 2; y++) if (calendar.hasYear(y) && !imported.some((i) => i.year === y)) builtin.push(y);
    return { builtin, imported: imported.map((i) => ({ year: i.year, source: i.source, importedAt: i.imported_at })) };
  });

  app.post('/calendar/years/preview', {
    config: { permission: 'calendar.manage' },
    schema: { tags: ['calendar'], summary: '导入前预览：数据问题与将被调整期限的在办事项', body: z.object({ year: calendarYearInput }), response: { 200: z.object({ problems: z.array(z.string()), changes: z.array(changeView) }) } },
  }, async (request) => {
    const r = await previewCalendarImport(ctx, request.body.year);
    return { problems: r.problems, changes: r.changes };
  });

  app.post('/calendar/years', {
    config: { permission: 'calendar.manage' },
    schema: { tags: ['calendar'], summary: '导入（或替换）某年节假日安排，并重算在办事项期限', body: calendarImportBody, response: { 200: z.object({ year: z.number().int(), changes: z.array(changeView) }) } },
  }, async (request) => importCalendarYear(ctx, requireAuth(request), actorOf(request), request.body.year, request.body.source));
};
