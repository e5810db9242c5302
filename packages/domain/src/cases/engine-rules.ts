import type { OrgKind } from '../access/organisation-kinds';
import type { Role } from '../access/roles';
import { type ActionDefinition, type MeasureRouteOnly, needsComment, type WorkflowDefinition } from './workflow';

/** The facts about a case that decide whether an action may be taken. */
export interface CaseFacts {
  state: string;
  ownerOrgId: number;
  holderOrgId: number | null;
  submittedBy: number | null;
  held: boolean;
  data: Record<string, unknown>;
  /** Joint holders of the current state (beside `holderOrgId`), and which of all holders have signed. */
  jointHolderOrgIds?: readonly number[];
  signedOrgIds?: readonly number[];
}

/** The facts about the would-be actor. */
export interface ActorFacts {
  userId: number;
  orgId: number;
  orgKind: OrgKind;
  roles: readonly Role[];
}

/** Why an action is refused; `code` maps to the HTTP status the engine answers with. */
export interface Refusal {
  code: 'UNKNOWN_ACTION' | 'ILLEGAL_TRANSITION' | 'NOT_HOLDER' | 'ROLE' | 'SELF_REVIEW' | 'HELD' | 'MEASURE_ROUTE_ONLY' | 'COMMENT_REQUIRED' | 'GUARD';
  message: string;
}

/** Who is asking: the measure's own service (its page) may take measure-route-only actions; anyone else may not. */
export interface ActionCaller {
  fromMeasure?: boolean;
}

/**
 * Decides whether `actor` may take `actionKey` on a case now; null when allowed. Pure: the engine
 * calls it inside its transaction after locking the case, and the UI calls it to list buttons.
 * A measure-route-only action is refused to a caller other than the measure's service only once
 * the actor is known to be one who could take it: others learn who may act, not where.
 */
export function refuseAction(
  w: WorkflowDefinition,
  actionKey: string,
  c: CaseFacts,
  actor: ActorFacts,
  input: { comment?: string | null | undefined; data?: Record<string, unknown> } = {},
  caller: ActionCaller = {},
): Refusal | null {
  const a: ActionDefinition | undefined = w.actions[actionKey];
  if (!a) return { code: 'UNKNOWN_ACTION', message: `没有「${actionKey}」这项操作` };
  const stateLabel = w.states[c.state]?.label ?? c.state;
  if (!a.from.includes(c.state)) return { code: 'ILLEGAL_TRANSITION', message: `当前状态为「${stateLabel}」，不能执行「${a.label}」` };
  if (c.held) return { code: 'HELD', message: `该事项已被挂起，解除挂起后才能执行「${a.label}」` };
  const by = a.by ?? 'holder';
  const holders = [c.holderOrgId, ...(c.jointHolderOrgIds ?? [])];
  const orgOk = by === 'owner' ? actor.orgId === c.ownerOrgId : holders.includes(actor.orgId);
  if (!orgOk) return { code: 'NOT_HOLDER', message: by === 'owner' ? `只有申请单位可以执行「${a.label}」` : `当前应由其他机构办理，您的机构不能执行「${a.label}」` };
  if (a.kinds && !a.kinds.includes(actor.orgKind)) return { code: 'ROLE', message: `您的机构类型不能执行「${a.label}」` };
  if (!actor.roles.some((r) => a.roles.includes(r))) return { code: 'ROLE', message: `您的角色不能执行「${a.label}」` };
  if (a.kind === 'sign' && c.signedOrgIds?.includes(actor.orgId)) return { code: 'ILLEGAL_TRANSITION', message: `本机构已${a.label}，等待其他机构${a.label}` };
  if (a.notBySubmitter && c.submittedBy === actor.userId) return { code: 'SELF_REVIEW', message: `提交人不能审核自己提交的事项（「${a.label}」须由他人办理）` };
  // Before the comment and the guard: whatever the request carries, this route is the wrong one.
  if (a.measureRouteOnly && !caller.fromMeasure) return { code: 'MEASURE_ROUTE_ONLY', message: `请在“${a.measureRouteOnly.page}”页面办理「${a.label}」` };
  if (needsComment(a) && !input.comment?.trim()) return { code: 'COMMENT_REQUIRED', message: `「${a.label}」须填写理由` };
  const guard = a.guard?.({ state: c.state, data: c.data, input: input.data ?? {} });
  if (guard) return { code: 'GUARD', message: guard };
  return null;
}

/** An action the actor could take now, and where: `measureRouteOnly` when only on the measure's page. */
export interface AvailableAction {
  key: string;
  label: string;
  kind: ActionDefinition['kind'];
  requiresComment: boolean;
  measureRouteOnly: MeasureRouteOnly | null;
}

/**
 * The actions the actor could take now (for the case page's buttons), in declaration order. A
 * measure-route-only action is listed with its page, so the generic case page can send the user
 * there instead of offering a button the route would refuse, and a measure page can tell its own
 * steps from the generic ones.
 */
export function availableActions(w: WorkflowDefinition, c: CaseFacts, actor: ActorFacts): AvailableAction[] {
  return Object.entries(w.actions)
    .filter(([key]) => {
      const r = refuseAction(w, key, c, actor, { comment: 'x' }, { fromMeasure: true });
      return r === null || r.code === 'GUARD';
    })
    .map(([key, a]) => ({ key, label: a.label, kind: a.kind, requiresComment: needsComment(a), measureRouteOnly: a.measureRouteOnly ?? null }));
}
