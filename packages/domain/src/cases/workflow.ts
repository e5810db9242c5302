import type { OrgKind } from '../access/organisation-kinds';
import type { Role } from '../access/roles';

/**
 * How long the party holding a case has for the current step (DESIGN.md "Workflow and
 * deadlines"). Counting follows 民法典 第二百零一条: the day the step starts is not counted, and the
 * deadline ends at 24:00 Asia/Shanghai of its last day.
 */
export type DeadlineRule =
  /** n working days after the day the case entered the state; `param` reads n from the preset. */
  | { kind: 'workingDays'; days: number; param?: string }
  /** The same working day (the next working day when entered on a day off), e.g. 当日受理办结. */
  | { kind: 'sameWorkingDay' }
  /** n working days after the end of the month named by the case field `monthField` ('YYYY-MM'). */
  | { kind: 'workingDaysAfterMonthEnd'; days: number; monthField: string; param?: string }
  /** A fixed civil date, e.g. 2020-05-31 for city reports of 贷款贴息. */
  | { kind: 'fixedDate'; date: string; param?: string }
  /** One of two rules by a boolean case field, e.g. 当日办结 for green-channel cases, n working days otherwise. */
  | { kind: 'byFlag'; field: string; whenTrue: DeadlineRule; otherwise: DeadlineRule };

/**
 * Who holds a case in a state, i.e. which organisation must act now:
 * - `owner`: the organisation that created the case (the applicant);
 * - `kind`: the one organisation of that kind (e.g. the 省财金集团), found by code when given;
 * - `region`: the county or city government of the case's region;
 * - `field`: the organisation whose id is in the case field (e.g. the lending bank).
 */
export type HolderRule =
  | { type: 'owner' }
  | { type: 'kind'; kind: OrgKind; code?: string }
  | { type: 'region'; level: 'county' | 'city' | 'county-or-city' }
  | { type: 'field'; field: string };

/** A state of a workflow. Terminal states have no holder and no deadline. */
export interface StateDefinition {
  label: string;
  terminal?: boolean;
  holder?: HolderRule;
  /** Roles of the holder organisation that may act in this state (inbox membership). */
  holderRoles?: readonly Role[];
  /**
   * Further organisations holding the case jointly in this state (e.g. 财政 beside 工信). Each
   * must take the state's `sign` action, in any order; the case moves on when all have signed.
   */
  jointHolders?: readonly HolderRule[];
  deadline?: DeadlineRule;
}

/** What a guard sees: the case as it stands and the input of the action. */
export interface GuardInput {
  state: string;
  data: Record<string, unknown>;
  input: Record<string, unknown>;
}

/** What distinguishes return-for-revision from rejection and from ordinary steps. */
export type ActionKind = 'submit' | 'advance' | 'return' | 'reject' | 'withdraw' | 'close' | 'sign';

/** An action: who may take it, from which states, to which state, and the guard it must pass. */
export interface ActionDefinition {
  label: string;
  kind: ActionKind;
  from: readonly string[];
  to: string;
  /** Roles that may act; the actor's organisation must be the holder (or the owner for `by: 'owner'`). */
  roles: readonly Role[];
  /** Organisation kinds that may act; undefined means any kind holding the case. */
  kinds?: readonly OrgKind[];
  /** `holder` (default): the organisation holding the case; `owner`: the applicant. */
  by?: 'holder' | 'owner';
  /** A reason is required (always true for reject and return). */
  requiresComment?: boolean;
  /** The user who submitted the case may not take this action (no self-approval). */
  notBySubmitter?: boolean;
  /** Returns a Chinese message when the action may not be taken now; null when it may. */
  guard?: (g: GuardInput) => string | null;
  /**
   * Taken only on the measure's own page. Such a step writes the measure's own rows (a fee, the
   * bank's confirmation, item-by-item decisions, a 拨付计划, a 汇总表, a 公示) in the engine's
   * transaction; moved by the generic case route the case would say one thing and those rows
   * another. The engine refuses it unless the measure's service says it is the caller
   * (`transition(…, { fromMeasure: true })`), which the generic route never does. Declared here
   * rather than checked by a guard because a guard sees only the action's input, and whatever
   * the input carries any client can send. `page` names the page in the refusal
   * (请在“page”页面办理「label」) and on the generic case page; `path` is where the web app opens
   * it, `:id` standing for the case's id.
   */
  measureRouteOnly?: MeasureRouteOnly;
}

/** Where a measure-route-only action is taken: the page's name and its web path (`:id` = the case). */
export interface MeasureRouteOnly {
  page: string;
  path: string;
}

/** A measure's workflow, declared as data; the server's engine is the only code that runs it. */
export interface WorkflowDefinition {
  measure: string;
  /** Bumped when states or actions change; each case keeps the version it started under. */
  version: number;
  initial: string;
  states: Record<string, StateDefinition>;
  actions: Record<string, ActionDefinition>;
}

/** Checks a workflow definition's internal consistency; returns the problems (empty when sound). */
export function checkWorkflow(w: WorkflowDefinition): string[] {
  const problems: string[] = [];
  if (!w.states[w.initial]) problems.push(`initial state ${w.initial} is not declared`);
  for (const [key, s] of Object.entries(w.states)) {
    if (!s.terminal && !s.holder) problems.push(`state ${key} is not terminal and has no holder`);
    if (s.terminal && (s.holder || s.deadline)) problems.push(`terminal state ${key} has a holder or deadline`);
  }
  for (const [key, a] of Object.entries(w.actions)) {
    if (!w.states[a.to]) problems.push(`action ${key} goes to undeclared state ${a.to}`);
    for (const f of a.from) if (!w.states[f]) problems.push(`action ${key} starts from undeclared state ${f}`);
    if ((a.kind === 'reject' || a.kind === 'return') && a.requiresComment === false) problems.push(`action ${key} must require a reason`);
    if (a.kind === 'sign' && a.from.some((f) => !w.states[f]?.jointHolders?.length)) problems.push(`sign action ${key} starts from a state without joint holders`);
    if (a.measureRouteOnly && (!a.measureRouteOnly.page.trim() || !a.measureRouteOnly.path.startsWith('/'))) problems.push(`action ${key} must name its measure page and an absolute path`);
  }
  return problems;
}

/** Whether the action needs a comment: rejections and returns always do. */
export function needsComment(a: ActionDefinition): boolean {
  return a.requiresComment ?? (a.kind === 'reject' || a.kind === 'return');
}
