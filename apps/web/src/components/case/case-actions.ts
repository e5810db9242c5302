import type { CaseActionView, CaseDetail } from '@relief/domain';

/** An action taken only on its measure's page: the generic action route refuses it. */
export type MeasurePageAction = CaseActionView & { measureRouteOnly: NonNullable<CaseActionView['measureRouteOnly']> };

/**
 * The case's actions as the generic case page offers them: buttons for those the generic route
 * takes, links to the measure's page for the rest (a button there would only be refused). Steps
 * alike to the user (贷款贴息's 提交申请 to the county or to the city) make one link.
 */
export function splitActions(actions: readonly CaseActionView[]): { buttons: CaseActionView[]; onMeasurePage: MeasurePageAction[] } {
  const onMeasurePage: MeasurePageAction[] = [];
  for (const a of actions) {
    const m = a.measureRouteOnly;
    if (m && !onMeasurePage.some((x) => x.label === a.label && x.measureRouteOnly.link === m.link)) onMeasurePage.push({ ...a, measureRouteOnly: m });
  }
  return { buttons: actions.filter((a) => a.measureRouteOnly === null), onMeasurePage };
}

/** A case as a measure's own page shows it: `measureSteps` are the steps taken on a measure's page, not by the generic buttons. */
export type CaseOnMeasurePage = CaseDetail & { measureSteps?: MeasurePageAction[] };

/**
 * The case as a measure's own page shows its generic actions: its route-only steps are the page's
 * own buttons (or another measure page's), kept in `measureSteps` so the generic card can say
 * where to take them rather than that there is nothing to do.
 */
export function withoutMeasureSteps(detail: CaseDetail): CaseOnMeasurePage {
  const { buttons, onMeasurePage } = splitActions(detail.actions);
  return { ...detail, actions: buttons, measureSteps: onMeasurePage };
}

/** The measure steps split by where they are taken: on the page at `pathname` (by label, each once), or on another page (links). */
export function whereMeasureSteps(steps: readonly MeasurePageAction[], pathname: string): { here: string[]; elsewhere: MeasurePageAction[] } {
  const here = steps.filter((a) => a.measureRouteOnly.link === pathname).map((a) => a.label);
  return { here: [...new Set(here)], elsewhere: steps.filter((a) => a.measureRouteOnly.link !== pathname) };
}
