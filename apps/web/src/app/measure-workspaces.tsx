import { type ComponentType, lazy } from 'react';

/**
 * The working pages of each measure, once built: `/measures/<kind>/*` renders the measure's
 * workspace (which routes its own sub-pages); measures without one show the placeholder page.
 * Each measure adds exactly one line here.
 */
export const MEASURE_WORKSPACES: Partial<Record<string, ComponentType>> = {
  'risk-compensation': lazy(() => import('../features/risk-compensation/pages/Workspace').then((m) => ({ default: m.Workspace }))),
  guarantee: lazy(() => import('../features/guarantee/pages/Workspace').then((m) => ({ default: m.Workspace }))),
  'bridge-loan': lazy(() => import('../features/bridge-loan/pages/Workspace').then((m) => ({ default: m.Workspace }))),
  'interest-subsidy': lazy(() => import('../features/interest-subsidy/pages/Workspace').then((m) => ({ default: m.Workspace }))),
};
