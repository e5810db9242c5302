import { addCalendarDays, formatDateZh, type CalendarYear, computeDeadline, type DeadlineRule, validateCalendarYear } from '@relief/domain';
import type { Actor } from '../platform/audit';
import type { AuthUser } from '../platform/auth/sessions';
import { type AppContext, inTransaction } from '../platform/context';
import { badRequest } from '../platform/errors';
import { type Delivery, deliver, type Notice, notifyOrganisation } from '../platform/notify';
import { getCalendar, invalidateCalendar } from './calendar.service';
import { findWorkflow } from './registry';

export interface DeadlineChange {
  caseId: number;
  title: string;
  from: string | null;
  to: string;
}

/**
 * What an import would change, without changing anything: the problems in the data, and every
 * open case whose deadline moves (shown to the administrator for confirmation first).
 */
export async function previewCalendarImport(ctx: AppContext, input: unknown): Promise<{ problems: string[]; changes: DeadlineChange[]; year: CalendarYear | null }> {
  const problems = validateCalendarYear(input);
  if (problems.length) return { problems, changes: [], year: null };
  const year = input as CalendarYear;
  return { problems, changes: await deadlineChanges(ctx, year), year };
}

async function deadlineChanges(ctx: AppContext, year: CalendarYear): Promise<DeadlineChange[]> {
  const calendar = (await getCalendar(ctx)).withYears([year]);
  // Only deadlines reaching into the year (or already provisional) can move.
  const from = addCalendarDays(`${year.year}-01-01`, -10);
  const open = await ctx.db.selectFrom('workflow_case').select(['id', 'measure', 'state', 'title', 'entered_on', 'due_on', 'data_json', 'params_json'])
    .where('closed_at', 'is', null).where('due_on', 'is not', null)
    .where((eb) => eb.or([eb('due_on', '>=', from), eb('deadline_provisional', '=', 1)])).execute();
  const changes: DeadlineChange[] = [];
  for (const c of open) {
    const rule = findWorkflow(c.measure)?.states[c.state]?.deadline as DeadlineRule | undefined;
    if (!rule) continue;
    const d = computeDeadline(rule, c.entered_on, calendar, JSON.parse(c.data_json), JSON.parse(c.params_json));
    if (d.dueOn !== c.due_on) changes.push({ caseId: c.id, title: c.title, from: c.due_on, to: d.dueOn });
  }
  return changes;
}

/**
 * Imports (or replaces) a year's holiday notice and recomputes every open deadline it moves, each
 * change audited and notified to the holder, all in one transaction.
 */
export async function importCalendarYear(ctx: AppContext, user: AuthUser, actor: Actor, input: unknown, source: string): Promise<{ year: number; changes: DeadlineChange[] }> {
  const problems = validateCalendarYear(input);
  if (problems.length) throw badRequest(`节假日数据有误：${problems.join('；')}`, problems.map((m) => ({ path: 'year', message: m })), 'VALIDATION_FAILED');
  const year = input as CalendarYear;
  const changes = await deadlineChanges(ctx, year);
  const calendar = (await getCalendar(ctx)).withYears([year]);
  const outbox: Delivery[] = [];
  await inTransaction(ctx, actor, async (tx) => {
    const before = await tx.db.selectFrom('calendar_year').select(['data_json']).where('year', '=', year.year).executeTakeFirst();
    const row = { data_json: JSON.stringify(year), source, imported_by: user.id, imported_at: tx.now.toISOString() };
    if (before) await tx.db.updateTable('calendar_year').set(row).where('year', '=', year.year).execute();
    else await tx.db.insertInto('calendar_year').values({ year: year.year, ...row }).execute();
    await tx.audit({ action: 'calendar.imported', entityType: 'calendar_year', entityId: year.year, before: before ? JSON.parse(before.data_json) : null, after: year });
    for (const ch of changes) {
      const c = await tx.db.selectFrom('workflow_case').selectAll().where('id', '=', ch.caseId).executeTakeFirstOrThrow();
      const rule = findWorkflow(c.measure)!.states[c.state]!.deadline as DeadlineRule;
      const d = computeDeadline(rule, c.entered_on, calendar, JSON.parse(c.data_json), JSON.parse(c.params_json));
      await tx.db.updateTable('workflow_case').set({ due_on: d.dueOn, due_at: d.dueAt, deadline_provisional: d.provisional ? 1 : 0, version: c.version + 1, updated_at: tx.now.toISOString() }).where('id', '=', c.id).execute();
      await tx.db.insertInto('case_event').values({
        case_id: c.id, at: tx.now.toISOString(), actor_user_id: user.id, actor_username: user.username, actor_org_id: user.organisation.id,
        action: 'deadline_recomputed', from_state: c.state, to_state: c.state, comment: `${year.year}年节假日安排导入，办理期限由 ${formatDateZh(c.due_on!)} 调整为 ${formatDateZh(d.dueOn)}`, data_json: JSON.stringify({ from: c.due_on, to: d.dueOn }),
      }).execute();
      await tx.audit({ action: 'case.deadline_recomputed', entityType: 'case', entityId: c.id, before: { dueOn: c.due_on }, after: { dueOn: d.dueOn, provisional: d.provisional } });
      if (c.holder_org_id) {
        const notice: Notice = { kind: 'case.deadline_changed', title: `期限调整：${c.title}`, body: `因导入${year.year}年节假日安排，「${c.title}」的办理期限由 ${formatDateZh(c.due_on!)} 调整为 ${formatDateZh(d.dueOn)}。`, caseId: c.id, link: `/cases/${c.id}` };
        outbox.push(notifyOrganisation(tx, c.holder_org_id, notice));
      }
    }
  });
  invalidateCalendar(ctx);
  for (const o of outbox) await deliver(ctx, o);
  return { year: year.year, changes };
}
