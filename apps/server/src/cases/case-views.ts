import { availableActions, type CaseSummary, type Calendar, shanghaiDateOf } from '@relief/domain';
import type { Kysely } from 'kysely';
import type { Database, WorkflowCase } from '../db/schema';
import type { AuthUser } from '../platform/auth/sessions';
import { actorFacts, caseEvents, factsOf, jointHoldersOf } from './engine';
import { findWorkflow } from './registry';

const EVENT_LABELS: Record<string, string> = {
  created: '创建', overdue: '超期', held: '挂起', released: '解除挂起', deadline_recomputed: '期限调整',
};

/** Summaries of cases with owner and holder names and the deadline as it stands today. */
/** Where a case stands against its deadline on `today`, in working days of the calendar; null without one. */
export function deadlineOf(calendar: Calendar, today: string, c: Pick<WorkflowCase, 'due_on' | 'due_at' | 'deadline_provisional'>): CaseSummary['deadline'] {
  if (!c.due_on || !c.due_at) return null;
  const s = calendar.deadlineStatus(c.due_on, today);
  return { dueOn: c.due_on, dueAt: c.due_at, overdue: s.overdue, remainingWorkingDays: s.remainingWorkingDays, overdueWorkingDays: s.overdueWorkingDays, provisional: s.provisional || c.deadline_provisional === 1, missingYears: s.missingYears };
}

export async function summarise(db: Kysely<Database>, calendar: Calendar, now: Date, viewerOrgId: number, rows: WorkflowCase[]): Promise<CaseSummary[]> {
  const caseIds = rows.map((r) => r.id);
  const joints = caseIds.length ? await db.selectFrom('case_holder').select(['case_id', 'org_id', 'signed_at']).where('case_id', 'in', caseIds).orderBy('org_id').execute() : [];
  const ids = [...new Set([...rows.flatMap((r) => [r.owner_org_id, r.holder_org_id]), ...joints.map((j) => j.org_id)].filter((x): x is number => x !== null))];
  const orgs = ids.length ? await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const today = shanghaiDateOf(now);
  return rows.map((r) => {
    const w = findWorkflow(r.measure);
    const deadline = deadlineOf(calendar, today, r);
    return {
      id: r.id, measure: r.measure, title: r.title, state: r.state, stateLabel: w?.states[r.state]?.label ?? r.state,
      ownerOrgId: r.owner_org_id, ownerName: names.get(r.owner_org_id) ?? '', holderOrgId: r.holder_org_id,
      holderName: r.holder_org_id ? names.get(r.holder_org_id) ?? null : null, regionCode: r.region_code, deadline,
      held: r.held === 1, holdReason: r.hold_reason, escalated: r.escalated_to_org_id !== null,
      supervising: r.escalated_to_org_id === viewerOrgId && r.holder_org_id !== viewerOrgId,
      jointHolders: joints.filter((j) => j.case_id === r.id).map((j) => ({ orgId: j.org_id, name: names.get(j.org_id) ?? '', signedAt: j.signed_at })),
      priority: r.priority,
      version: r.version, createdAt: r.created_at, updatedAt: r.updated_at, closedAt: r.closed_at,
    };
  });
}

/** The full case page: summary, data, timeline and the actions this viewer may take now. */
export async function detailOf(db: Kysely<Database>, calendar: Calendar, now: Date, user: AuthUser, c: WorkflowCase) {
  const [summary] = await summarise(db, calendar, now, user.organisation.id, [c]);
  const w = findWorkflow(c.measure);
  const events = await caseEvents(db, c.id);
  const data = JSON.parse(c.data_json) as Record<string, unknown>;
  // Organisations the data refers to (bankOrgId, operatorOrgId, …): a reader wants their names.
  const dataOrgIds = Object.entries(data).filter(([k, v]) => k.endsWith('OrgId') && typeof v === 'number').map(([, v]) => v as number);
  const orgIds = [...new Set([...events.map((e) => e.actor_org_id).filter((x): x is number => x !== null), ...dataOrgIds])];
  const orgs = orgIds.length ? await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  // People read the timeline: the actor's name, not the login name.
  const userIds = [...new Set(events.map((e) => e.actor_user_id).filter((x): x is number => x !== null))];
  const users = userIds.length ? await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
  const people = new Map(users.map((u) => [u.id, u.display_name]));
  return {
    ...summary!,
    data,
    dataOrgNames: Object.fromEntries(dataOrgIds.filter((id) => names.has(id)).map((id) => [String(id), names.get(id)!])),
    events: events.map((e) => ({
      id: e.id, at: e.at, actorUsername: e.actor_username, actorName: e.actor_user_id ? people.get(e.actor_user_id) ?? null : null, actorOrgName: e.actor_org_id ? names.get(e.actor_org_id) ?? null : null,
      action: e.action, actionLabel: w?.actions[e.action]?.label ?? EVENT_LABELS[e.action] ?? e.action,
      fromState: e.from_state, toState: e.to_state, toStateLabel: e.to_state ? w?.states[e.to_state]?.label ?? e.to_state : null,
      comment: e.comment, data: e.data_json ? JSON.parse(e.data_json) : null,
    })),
    actions: w && !c.closed_at
      ? availableActions(w, factsOf(c, await jointHoldersOf(db, c.id)), actorFacts(user)).map((a) => ({
        ...a, measureRouteOnly: a.measureRouteOnly && { page: a.measureRouteOnly.page, link: a.measureRouteOnly.path.replace(':id', String(c.id)) },
      }))
      : [],
    canHold: !c.closed_at && c.owner_org_id !== user.organisation.id && user.roles.some((r) => r === 'reviewer' || r === 'admin'),
  };
}
