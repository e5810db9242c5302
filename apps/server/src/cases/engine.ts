import {
  type ActorFacts, type Calendar, type CaseFacts, cityCodeOf, endOfDayInstant, formatDateZh, computeDeadline, dataScope, type DeadlineRule, type HolderRule, inScope, type OrgKind,
  refuseAction, shanghaiDateOf, type WorkflowDefinition,
} from '@relief/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Database, WorkflowCase } from '../db/schema';
import type { Actor } from '../platform/audit';
import type { AuthUser } from '../platform/auth/sessions';
import { type AppContext, inTransaction, type Tx } from '../platform/context';
import { AppError, conflict, notFound } from '../platform/errors';
import { type Delivery, deliver, type Notice, notifyOrganisation } from '../platform/notify';
import { getCalendar } from './calendar.service';
import { getWorkflow } from './registry';
import { prepared, preparedInsertAhead, preparedInsertRows } from '../db/prepared';

/** What a measure passes to open a case. */
export interface NewCase {
  measure: string;
  /** The client's key for this submission; a retry with the same key returns the first case. */
  idempotencyKey: string;
  ownerOrgId: number;
  regionCode: string | null;
  title: string;
  data: Record<string, unknown>;
  /** Preset parameters in force for this case (they stay with it: later changes do not apply). */
  params: Record<string, unknown>;
  /** Higher comes first in inboxes (e.g. 1 for the green channel); default 0. */
  priority?: number;
}

export interface CaseResult {
  case: WorkflowCase;
  /** False when an earlier submission with the same key was found and returned. */
  created: boolean;
}

/** Options a measure service uses to do its own writes in the engine's transaction. */
export interface TransitionHooks {
  /** Runs inside the transaction after the guard passed, before the state changes. */
  apply?: (tx: Tx, c: WorkflowCase) => Promise<Record<string, unknown> | void>;
  /**
   * The caller is the measure's own service, which writes the step's rows: only then may a
   * `measureRouteOnly` action be taken. The generic case route never sets it; a client's request
   * body cannot, because this is not part of the action's input.
   */
  fromMeasure?: true;
}

const caseData = (c: WorkflowCase) => JSON.parse(c.data_json) as Record<string, unknown>;
const caseParams = (c: WorkflowCase) => JSON.parse(c.params_json) as Record<string, unknown>;

/** The facts refuseAction() reads, from a stored case and its joint holders. */
export function factsOf(c: WorkflowCase, joint: readonly JointHolder[] = []): CaseFacts {
  return {
    state: c.state, ownerOrgId: c.owner_org_id, holderOrgId: c.holder_org_id, submittedBy: c.submitted_by, held: c.held === 1, data: caseData(c),
    jointHolderOrgIds: joint.map((j) => j.org_id), signedOrgIds: joint.filter((j) => j.signed_at).map((j) => j.org_id),
  };
}

/** A joint holder of a case's current state (its signature, once given). */
export interface JointHolder {
  org_id: number;
  roles: string | null;
  signed_at: string | null;
  signed_by: number | null;
}

/** The joint holders of a case's current state; the primary holder's signature is kept as a row too. */
export function jointHoldersOf(db: Kysely<Database>, caseId: number): Promise<JointHolder[]> {
  return db.selectFrom('case_holder').select(['org_id', 'roles', 'signed_at', 'signed_by']).where('case_id', '=', caseId).orderBy('org_id').execute();
}

/** The facts about a signed-in user as an actor. */
export function actorFacts(user: AuthUser): ActorFacts {
  return { userId: user.id, orgId: user.organisation.id, orgKind: user.organisation.kind, roles: user.roles };
}

/** Finds the organisation that holds a case in a state, by the state's holder rule. */
async function resolveHolder(trx: Kysely<Database>, rule: HolderRule, c: { owner_org_id: number; region_code: string | null; data: Record<string, unknown> }): Promise<number> {
  switch (rule.type) {
    case 'owner':
      return c.owner_org_id;
    case 'field': {
      const v = c.data[rule.field];
      if (typeof v !== 'number') throw new AppError(400, 'HOLDER_MISSING', `案件缺少办理机构（${rule.field}）`);
      return v;
    }
    case 'kind': {
      let q = trx.selectFrom('organisation').select('id').where('kind', '=', rule.kind).where('status', '=', 'active');
      if (rule.code) q = q.where('code', '=', rule.code);
      const row = await q.orderBy('id').executeTakeFirst();
      if (!row) throw new AppError(500, 'HOLDER_MISSING', `组织机构中没有「${rule.kind}」，无法流转`);
      return row.id;
    }
    case 'region': {
      const region = c.region_code;
      if (!region) throw new AppError(400, 'HOLDER_MISSING', '案件缺少所在地，无法确定办理机构');
      const city = cityCodeOf(region);
      const codes = rule.level === 'city' ? [city] : rule.level === 'county' ? [region] : [region, city];
      const rows = await trx.selectFrom('organisation').select(['id', 'code']).where('kind', 'in', ['county', 'city']).where('code', 'in', codes).where('status', '=', 'active').execute();
      for (const code of codes) {
        const hit = rows.find((r) => r.code === code);
        if (hit) return hit.id;
      }
      throw new AppError(500, 'HOLDER_MISSING', `所在地 ${region} 没有对应的县、市机构`);
    }
  }
}

interface Placement {
  /** Joint holders beside the primary one (not a column: rows of case_holder). */
  joint: number[];
  holder_org_id: number | null;
  holder_roles: string | null;
  entered_on: string;
  due_on: string | null;
  due_at: string | null;
  deadline_provisional: number;
  overdue_since: null;
  escalated_to_org_id: null;
  closed_at: string | null;
}

/** Where a case goes when it enters `state` at `now`: its holder, deadline and closure. */
async function place(calendar: Calendar, trx: Kysely<Database>, w: WorkflowDefinition, state: string, now: Date, c: { owner_org_id: number; region_code: string | null; data: Record<string, unknown>; params: Record<string, unknown> }): Promise<Placement> {
  const def = w.states[state];
  if (!def) throw new Error(`state ${state} is not declared in ${w.measure}`);
  const enteredOn = shanghaiDateOf(now);
  if (def.terminal) {
    return { joint: [], holder_org_id: null, holder_roles: null, entered_on: enteredOn, due_on: null, due_at: null, deadline_provisional: 0, overdue_since: null, escalated_to_org_id: null, closed_at: now.toISOString() };
  }
  const holder = await resolveHolder(trx, def.holder!, c);
  const joint: number[] = [];
  for (const rule of def.jointHolders ?? []) {
    const id = await resolveHolder(trx, rule, c);
    if (id !== holder && !joint.includes(id)) joint.push(id);
  }
  const deadline = def.deadline ? computeDeadline(def.deadline as DeadlineRule, enteredOn, calendar, c.data, c.params) : null;
  return {
    joint,
    holder_org_id: holder,
    holder_roles: def.holderRoles?.join(',') ?? null,
    entered_on: enteredOn,
    due_on: deadline?.dueOn ?? null,
    due_at: deadline?.dueAt ?? null,
    deadline_provisional: deadline?.provisional ? 1 : 0,
    overdue_since: null,
    escalated_to_org_id: null,
    closed_at: null,
  };
}

/** Replaces the case's holder rows for a new state: the primary holder and each joint holder. */
function writeHolders(tx: Tx, caseId: number, p: Placement, roles: readonly string[] | undefined, hadJoint = true): void {
  // Most states have no joint holders: nothing to delete when the state left had none either.
  if (hadJoint) tx.send(deleteHolders(tx.db, [caseId]));
  if (!p.joint.length || p.holder_org_id === null) return;
  tx.send(insertHolders(tx.db, [p.holder_org_id, ...p.joint].map((org_id) => ({ case_id: caseId, org_id, roles: roles?.join(',') ?? null, signed_at: null, signed_by: null }))));
}
const deleteHolders = prepared((db: Kysely<Database>) => db.deleteFrom('case_holder').where('case_id', '=', 0));
const insertHolders = preparedInsertRows<Database, 'case_holder'>('case_holder', { case_id: true, org_id: true, roles: true, signed_at: true, signed_by: true });

/**
 * Opens a case in its workflow's initial state, with the event and audit entry in the same
 * transaction. Idempotent: the same (measure, owner, key) returns the first case, also when two
 * retries race (the unique index decides, the loser reads the winner's case).
 */
export async function createCase(
  ctx: AppContext,
  actor: Actor,
  input: NewCase,
  hooks: {
    afterInsert?: (tx: Tx, c: WorkflowCase) => Promise<void>;
    /**
     * Take this action at once, in the same transaction (create and submit in one request): the
     * case is checked as if it stood in its initial state, then placed where the action leads.
     * Only measure services open cases (no generic route does), so a measure-route-only start
     * action is taken as the measure's own.
     */
    startWith?: { action: string; user: AuthUser; comment?: string; input?: Record<string, unknown> };
    /**
     * The caller has just looked the key up with {@link findByKey} and found nothing (a measure
     * that must answer a retry before checking anything else): not looked up again. A retry
     * racing this one is still caught by the unique index.
     */
    keyChecked?: true;
  } = {},
): Promise<CaseResult> {
  if (!hooks.keyChecked) {
    const existing = await findByKey(ctx.db, input);
    if (existing) return { case: existing, created: false };
  }
  const w = getWorkflow(input.measure);
  // Read before the transaction: on SQLite the transaction holds the only connection.
  const calendar = await getCalendar(ctx);
  const start = hooks.startWith;
  const first = start ? w.actions[start.action] : undefined;
  if (start && (!first || !first.from.includes(w.initial))) throw new Error(`${input.measure}: ${start.action} cannot start a case`);
  let assigned: Delivery | undefined;
  try {
    const result = await inTransaction(ctx, actor, async (tx) => {
      const ctxOf = { owner_org_id: input.ownerOrgId, region_code: input.regionCode, data: input.data, params: input.params };
      let state = w.initial;
      let { joint, ...placement } = await place(calendar, tx.db, w, w.initial, tx.now, ctxOf);
      if (start && first) {
        const draft: CaseFacts = { state: w.initial, ownerOrgId: input.ownerOrgId, holderOrgId: placement.holder_org_id, submittedBy: null, held: false, data: input.data };
        const refusal = refuseAction(w, start.action, draft, actorFacts(start.user), { comment: start.comment, data: start.input ?? {} }, { fromMeasure: true });
        if (refusal) throw new AppError(REFUSAL_STATUS[refusal.code] ?? 400, refusal.code, refusal.message);
        state = first.to;
        ({ joint, ...placement } = await place(calendar, tx.db, w, state, tx.now, ctxOf));
      }
      const at = tx.now.toISOString();
      const fields: Omit<WorkflowCase, 'id'> = {
        measure: input.measure, workflow_version: w.version, state, title: input.title, owner_org_id: input.ownerOrgId, region_code: input.regionCode,
        ...placement, priority: input.priority ?? 0, held: 0, hold_reason: null, submitted_by: actor.userId,
        // One version per event, as if created and then moved: a client's view stays comparable.
        version: start ? 2 : 1,
        idempotency_key: input.idempotencyKey, data_json: JSON.stringify(input.data), params_json: JSON.stringify(input.params), created_at: at, updated_at: at,
      };
      const { id, inserted } = await insertCase(tx.db, fields);
      tx.send(inserted);
      const row: WorkflowCase = { id, ...fields };
      writeHolders(tx, row.id, { ...placement, joint }, w.states[state]?.holderRoles, false);
      const base = { case_id: row.id, at, actor_user_id: actor.userId, actor_username: actor.username, actor_org_id: actor.organisationId, data_json: null };
      const event = (action: string, from: string | null, to: string, comment: string | null) =>
        [base.case_id, base.at, base.actor_user_id, base.actor_username, base.actor_org_id, action, from, to, comment, null];
      const created = event('created', null, w.initial, null);
      // Created and submitted in one request: both events in one statement, in this order.
      tx.send(start ? insertTwoEvents(tx.db, [...created, ...event(start.action, w.initial, state, start.comment?.trim() || null)]) : insertEvent(tx.db, created));
      await hooks.afterInsert?.(tx, row);
      await tx.audit({ action: `${input.measure}.${start ? start.action : 'created'}`, entityType: 'case', entityId: row.id, after: { state: row.state, title: row.title, data: input.data } });
      // A draft held by the organisation that just made it needs no notice to itself.
      if (row.holder_org_id && row.holder_org_id !== actor.organisationId) {
        assigned = notifyOrganisation(tx, row.holder_org_id, noticeFor(w, row), w.states[row.state]?.holderRoles);
      }
      return { case: row, created: true };
    });
    // Outside channels after the commit, as for every step (a green-channel case is due today).
    if (assigned) await deliver(ctx, assigned);
    return result;
  } catch (err) {
    // The unique index on (measure, owner, key) turned a racing duplicate into an error: return the winner.
    const winner = await findByKey(ctx.db, input);
    if (winner) return { case: winner, created: false };
    throw err;
  }
}

/** The case an owner opened with an idempotency key, if any (what a retried submission returns). */
export async function findByKey(db: Kysely<Database>, k: { measure: string; ownerOrgId: number; idempotencyKey: string }) {
  const [row] = await caseByKey(db, [k.measure, k.ownerOrgId, k.idempotencyKey]);
  return row;
}

// Every submission runs these; compiled once (db/prepared.ts). Parameters follow the columns' order.
const caseByKey = prepared((db: Kysely<Database>) => db.selectFrom('workflow_case').selectAll()
  .where('measure', '=', '').where('owner_org_id', '=', 0).where('idempotency_key', '=', ''));
const insertCase = preparedInsertAhead<Database, 'workflow_case'>('workflow_case', {
  measure: true, workflow_version: true, state: true, title: true, owner_org_id: true, region_code: true, holder_org_id: true, holder_roles: true, entered_on: true, due_on: true, due_at: true, deadline_provisional: true, overdue_since: true, escalated_to_org_id: true, closed_at: true, priority: true, held: true, hold_reason: true, submitted_by: true, version: true, idempotency_key: true, data_json: true, params_json: true, created_at: true, updated_at: true,
});
const eventTemplate = {
  case_id: 0, at: '', actor_user_id: 0, actor_username: '', actor_org_id: 0, action: '', from_state: '', to_state: '', comment: '', data_json: '',
};
const insertEvent = prepared((db: Kysely<Database>) => db.insertInto('case_event').values(eventTemplate));
const insertTwoEvents = prepared((db: Kysely<Database>) => db.insertInto('case_event').values([eventTemplate, eventTemplate]));

function noticeFor(w: WorkflowDefinition, c: WorkflowCase): Notice {
  const state = w.states[c.state]?.label ?? c.state;
  const due = c.due_on ? `，办理期限 ${formatDateZh(c.due_on)} 24:00` : '';
  return { kind: 'case.assigned', title: `待办：${c.title}`, body: `「${c.title}」已到「${state}」环节${due}。`, caseId: c.id, link: `/cases/${c.id}` };
}

/** True when the user may read the case: its owner, holder or escalation target, or its region, is in scope. */
export async function canSeeCase(db: Kysely<Database>, user: AuthUser, c: WorkflowCase): Promise<boolean> {
  const orgId = user.organisation.id;
  if (c.holder_org_id === orgId || c.escalated_to_org_id === orgId || c.owner_org_id === orgId) return true;
  const joint = await db.selectFrom('case_holder').select('org_id').where('case_id', '=', c.id).where('org_id', '=', orgId).executeTakeFirst();
  if (joint) return true;
  const scope = dataScope(user);
  if (scope.provinceWide) return true;
  if (scope.regionPrefix && c.region_code?.startsWith(scope.regionPrefix)) return true;
  const ids = [c.owner_org_id, c.holder_org_id].filter((x): x is number => x !== null);
  const orgs = await db.selectFrom('organisation').select(['path', 'region_code']).where('id', 'in', ids).execute();
  return orgs.some((o) => inScope(scope, { path: o.path }));
}

/** A case the user may see. @throws 404 otherwise (not 403: existence is not disclosed). */
export async function getCaseForUser(ctx: AppContext, user: AuthUser, id: number): Promise<WorkflowCase> {
  const c = await ctx.db.selectFrom('workflow_case').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c || !(await canSeeCase(ctx.db, user, c))) throw notFound('事项');
  return c;
}

// MEASURE_ROUTE_ONLY is 400, not 409: the request went to the wrong route, and reloading the case
// (what a client does on 409) would not make it right.
const REFUSAL_STATUS: Record<string, number> = {
  UNKNOWN_ACTION: 400, ILLEGAL_TRANSITION: 409, NOT_HOLDER: 403, ROLE: 403, SELF_REVIEW: 403, HELD: 409, MEASURE_ROUTE_ONLY: 400, COMMENT_REQUIRED: 400, GUARD: 422,
};

/**
 * The only way a case changes state. In one transaction: re-reads the case, checks the version
 * (stale → 409 with the current state), the actor, that a measure-route-only action comes from
 * its measure (`hooks.fromMeasure`, else 400), the guard and the comment; lets the measure
 * write its own rows (`hooks.apply`); moves the case, sets the next holder and deadline, appends
 * the event and the audit entry, and queues in-app notices. Outside channels run after commit.
 */
export async function transition(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor,
  caseId: number,
  actionKey: string,
  input: { version: number; comment?: string | null | undefined; data?: Record<string, unknown> | undefined },
  hooks: TransitionHooks = {},
): Promise<WorkflowCase> {
  const outbox: Delivery[] = [];
  const calendar = await getCalendar(ctx);
  const result = await inTransaction(ctx, actor, async (tx) => {
    const c = await tx.db.selectFrom('workflow_case').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!c || !(await canSeeCase(tx.db, user, c))) throw notFound('事项');
    const w = getWorkflow(c.measure);
    if (c.version !== input.version) throw staleVersion(w, c);
    const joint = await jointHoldersOf(tx.db, c.id);
    const refusal = refuseAction(w, actionKey, factsOf(c, joint), actorFacts(user), { comment: input.comment, data: input.data ?? {} }, { fromMeasure: hooks.fromMeasure === true });
    if (refusal) throw new AppError(REFUSAL_STATUS[refusal.code] ?? 400, refusal.code, refusal.message, { state: c.state, version: c.version });
    const action = w.actions[actionKey]!;
    const extra = (await hooks.apply?.(tx, c)) ?? {};
    const data = { ...caseData(c), ...extra };
    const at = tx.now.toISOString();
    // A joint signature: record it; the case moves on only when every holder has signed.
    let moves = true;
    if (action.kind === 'sign') {
      await tx.db.updateTable('case_holder').set({ signed_at: at, signed_by: user.id }).where('case_id', '=', c.id).where('org_id', '=', user.organisation.id).execute();
      moves = joint.every((j) => j.signed_at || j.org_id === user.organisation.id);
    }
    if (moves) {
      const { joint: nextJoint, ...placement } = await place(calendar, tx.db, w, action.to, tx.now, { owner_org_id: c.owner_org_id, region_code: c.region_code, data, params: caseParams(c) });
      const res = await tx.db.updateTable('workflow_case').set({
        state: action.to, ...placement, data_json: JSON.stringify(data), version: c.version + 1, updated_at: at,
        ...(action.kind === 'submit' ? { submitted_by: user.id } : {}),
      }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion(w, c);
      writeHolders(tx, c.id, { ...placement, joint: nextJoint }, w.states[action.to]?.holderRoles, joint.length > 0);
    } else {
      const res = await tx.db.updateTable('workflow_case').set({ data_json: JSON.stringify(data), version: c.version + 1, updated_at: at })
        .where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion(w, c);
    }
    const toState = moves ? action.to : c.state;
    await tx.db.insertInto('case_event').values({
      case_id: c.id, at, actor_user_id: user.id, actor_username: user.username, actor_org_id: user.organisation.id,
      action: actionKey, from_state: c.state, to_state: toState, comment: input.comment?.trim() || null,
      data_json: input.data && Object.keys(input.data).length ? JSON.stringify(input.data) : null,
    }).execute();
    const after = await tx.db.selectFrom('workflow_case').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    await tx.audit({ action: `${c.measure}.${actionKey}`, entityType: 'case', entityId: c.id, before: { state: c.state, version: c.version }, after: { state: after.state, version: after.version, comment: input.comment ?? null } });
    if (moves && after.holder_org_id) {
      const notice = noticeFor(w, after);
      const roles = w.states[after.state]?.holderRoles;
      outbox.push(notifyOrganisation(tx, after.holder_org_id, notice, roles));
      for (const j of await jointHoldersOf(tx.db, c.id)) {
        if (j.org_id !== after.holder_org_id) outbox.push(notifyOrganisation(tx, j.org_id, notice, roles));
      }
    }
    // The applicant hears of progress made by others, not of its own steps.
    if (after.holder_org_id !== c.owner_org_id && user.organisation.id !== c.owner_org_id) {
      const label = w.states[after.state]?.label ?? after.state;
      const notice: Notice = { kind: 'case.progress', title: `进度：${c.title}`, body: `「${c.title}」${action.label}，当前环节「${label}」。${input.comment ? `意见：${input.comment}` : ''}`, caseId: c.id, link: `/cases/${c.id}` };
      outbox.push(notifyOrganisation(tx, c.owner_org_id, notice));
    }
    return after;
  });
  for (const o of outbox) await deliver(ctx, o);
  return result;
}

function staleVersion(w: WorkflowDefinition, c: WorkflowCase): AppError {
  return conflict(`该事项已被他人处理（当前状态「${w.states[c.state]?.label ?? c.state}」，版本 ${c.version}），请刷新后重试`, { state: c.state, version: c.version }, 'STALE_VERSION');
}

/**
 * Holds a case (with a reason) or releases it. Only reviewers whose scope reaches the case may;
 * a held case stops only itself: its deadline is not swept and no action is allowed until release.
 */
export async function setHold(ctx: AppContext, user: AuthUser, actor: Actor, caseId: number, hold: boolean, input: { version: number; reason?: string | undefined }): Promise<WorkflowCase> {
  if (!user.roles.some((r) => r === 'reviewer' || r === 'admin')) throw new AppError(403, 'ROLE', hold ? '只有审核员可以挂起事项' : '只有审核员可以解除挂起');
  if (hold && !input.reason?.trim()) throw new AppError(400, 'COMMENT_REQUIRED', '挂起须填写理由');
  const calendar = await getCalendar(ctx);
  return inTransaction(ctx, actor, async (tx) => {
    const c = await tx.db.selectFrom('workflow_case').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!c || !(await canSeeCase(tx.db, user, c))) throw notFound('事项');
    const w = getWorkflow(c.measure);
    if (c.version !== input.version) throw staleVersion(w, c);
    if (c.owner_org_id === user.organisation.id) throw new AppError(403, 'ROLE', '申请单位不能挂起或解除挂起自己的事项');
    if (c.closed_at) throw conflict('已办结的事项不能挂起', null, 'ILLEGAL_TRANSITION');
    if ((c.held === 1) === hold) throw conflict(hold ? '该事项已处于挂起状态' : '该事项未被挂起', null, 'ILLEGAL_TRANSITION');
    const at = tx.now.toISOString();
    // Time on hold does not count against the holder: on release the deadline moves on by the
    // working days the case was held (中止 of the period), and a deadline passed meanwhile reopens.
    let deadline: { due_on: string; due_at: string; overdue_since: null; escalated_to_org_id: null } | null = null;
    let heldDays = 0;
    if (!hold && c.due_on) {
      const heldEvent = await tx.db.selectFrom('case_event').select('at').where('case_id', '=', c.id).where('action', '=', 'held').orderBy('id', 'desc').limit(1).executeTakeFirst();
      heldDays = heldEvent ? Math.max(0, calendar.workingDaysBetween(shanghaiDateOf(heldEvent.at), shanghaiDateOf(tx.now))) : 0;
      if (heldDays > 0) {
        const dueOn = calendar.addWorkingDays(c.due_on, heldDays);
        deadline = { due_on: dueOn, due_at: endOfDayInstant(dueOn), overdue_since: null, escalated_to_org_id: null };
      }
    }
    await tx.db.updateTable('workflow_case').set({ held: hold ? 1 : 0, hold_reason: hold ? input.reason!.trim() : null, version: c.version + 1, updated_at: at, ...deadline })
      .where('id', '=', c.id).where('version', '=', c.version).execute();
    const comment = [input.reason?.trim(), deadline ? `挂起 ${heldDays} 个工作日，办理期限顺延至 ${formatDateZh(deadline.due_on)}` : ''].filter(Boolean).join('；');
    await tx.db.insertInto('case_event').values({
      case_id: c.id, at, actor_user_id: user.id, actor_username: user.username, actor_org_id: user.organisation.id,
      action: hold ? 'held' : 'released', from_state: c.state, to_state: c.state, comment: comment || null,
      data_json: deadline ? JSON.stringify({ from: c.due_on, to: deadline.due_on, heldWorkingDays: heldDays }) : null,
    }).execute();
    await tx.audit({ action: hold ? 'case.held' : 'case.released', entityType: 'case', entityId: c.id, before: { held: c.held === 1, dueOn: c.due_on }, after: { held: hold, reason: input.reason ?? null, dueOn: deadline?.due_on ?? c.due_on } });
    return tx.db.selectFrom('workflow_case').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
  });
}

/** The events of a case, oldest first (its timeline). */
export function caseEvents(db: Kysely<Database> | Transaction<Database>, caseId: number) {
  return db.selectFrom('case_event').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export type { OrgKind };
