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

/** The case as a measure's own page shows its generic actions: its route-only steps are the page's own buttons. */
export function withoutMeasureSteps(detail: CaseDetail): CaseDetail {
  return { ...detail, actions: splitActions(detail.actions).buttons };
}
